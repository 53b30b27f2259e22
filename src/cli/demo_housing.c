/*
 * demo_housing — the demo's housing requests (住宅あっせんシステム), after demo_cases.c and
 * demo_agents.c: the three fictional cases that moved into a rented flat through the scheme (the
 * seed's baseline of 3, §5), and the cases now in the housing stage with requests under way —
 * one declined by a landlord and written again, one with a viewing arranged, one just sent and
 * waiting for the agents. One tenancy has a concern the team took up; the newest has one still
 * waiting at the top of its counsellor's dashboard.
 *
 * Each request goes through the domain functions on the day it happened (that day is passed as
 * "today"), so its steps, proposals and concerns carry their own dates, and every rule — the
 * consent in force, the firm cooperating, the flat open — is checked as it was then.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/agent.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/housing.h"
#include "domain/support_sheet.h"
#include "domain/user.h"
#include "error.h"
#include "jp.h"

#include <stdbool.h>
#include <string.h>

struct demo {
	struct db *db;
	struct arena *a;
	struct date today;
	const char *field, *msg;
	struct demo_counts *counts;
};

/* Where a request got to. */
enum end { MOVED_IN, DECLINED, VIEWING, PROPOSED, SENT };

static const struct demo_request {
	const char *person;      /* family name: their open case, or the one that reached settling */
	const char *counselor;   /* the login that writes it */
	const char *firms[2];    /* sent to */
	const char *ward;        /* wanted, beside the case's own */
	int budget;
	const char *conditions[2];
	/* The flat: one of demo_agents.c's listings (by address), or a new one when rent is set. */
	const char *address;
	int rent, fees, floor;
	const char *stop;        /* the new flat's station (…駅) or bus stop */
	enum end end;
	int written;             /* days ago */
	int moved;               /* days ago it moved in (the discharge), for MOVED_IN */
	const char *clinic;      /* shown on the sheet (the person agreed), or NULL */
	const char *concern;     /* a concern the firm raised, NULL: none */
	const char *concern_kind;
	int concern_ago;         /* days ago */
	const char *handling;    /* how the team took it up; NULL: still waiting */
} requests[] = {
	/* The three that moved in through the scheme. */
	{ "片山", "counselor-aoi", { "葵ハウジング", NULL }, NULL, 45000, { "ground_floor", NULL },
	  "静岡市葵区安東二丁目（デモ）", 36000, 2000, 1, "安東", MOVED_IN, 205, 160, "葵こころの森病院 外来", NULL, NULL, 0, NULL },
	{ "望月", "counselor-aoi", { "ふじみ不動産", NULL }, NULL, 42000, { "near_transport", NULL },
	  "静岡市葵区長沼（デモ）", 38000, 0, 2, "長沼駅", MOVED_IN, 125, 80, NULL,
	  "ここ数日、郵便受けに郵便物がたまっていて、電話にも出られません。", "no_contact", 20,
	  "当日に訪問看護が訪問し、本人の無事を確認。体調を崩して休んでいたとのこと。見守りの電話を週2回に増やした。" },
	{ "小林", "counselor-shimizu", { "清水ベイ不動産", NULL }, NULL, 40000, { "public_assistance", "ground_floor" },
	  "静岡市清水区入江二丁目（デモ）", 35000, 0, 1, "入江岡駅", MOVED_IN, 57, 12, "清水みなと病院 外来",
	  "夜遅くにテレビの音が大きいと、隣の部屋の方から連絡がありました。", "neighbour", 2, NULL },
	/* Under way. */
	{ "田村", "counselor-aoi", { "葵ハウジング", NULL }, NULL, 42000, { "public_assistance", NULL },
	  "静岡市葵区瀬名川二丁目（デモ）", 0, 0, 0, NULL, DECLINED, 120, 0, NULL, NULL, NULL, 0, NULL },
	{ "田村", "counselor-aoi", { "ふじみ不動産", "葵ハウジング" }, NULL, 40000, { "public_assistance", NULL },
	  "静岡市葵区南八幡町（デモ）", 0, 0, 0, NULL, PROPOSED, 40, 0, NULL, NULL, NULL, 0, NULL },
	{ "長田", "counselor-suruga", { "ふじみ不動産", "清水ベイ不動産" }, NULL, 40000, { "ground_floor", NULL },
	  "静岡市駿河区敷地二丁目（デモ）", 0, 0, 0, NULL, VIEWING, 30, 0, "駿河さくら病院 外来", NULL, NULL, 0, NULL },
	{ "土屋", "counselor-shimizu", { "清水ベイ不動産", NULL }, "221023", 45000, { "near_transport", NULL },
	  NULL, 0, 0, 0, NULL, SENT, 2, 0, NULL, NULL, NULL, 0, NULL },
};

static char *day(struct demo *d, int ago)
{
	char buf[11];
	date_format_iso(date_add_days(d->today, -ago), buf);
	return arena_strdup(d->a, buf);
}

static int fail(struct demo *d, const char *what, int rc)
{
	cli_error("demo housing: %s: %s%s%s", what, d->msg ? d->msg : err_text(rc), d->field ? " — " : "",
		  d->field ? d->field : "");
	return rc;
}

static int user_of(struct demo *d, const char *login, struct user *u)
{
	return user_by_login(d->db, d->a, login, u, NULL);
}

/* The listing at address, or a new open one of firm org when r->rent is set. */
static int flat_of(struct demo *d, const struct demo_request *r, int64_t org, const char *ward, int64_t *id)
{
	if (r->rent) {
		struct listing l = { .organisation_id = org, .ward_code = (char *)ward, .address = (char *)r->address,
				     .rent = r->rent, .fees = r->fees, .deposit = r->rent, .layout = "1K",
				     .floor = r->floor, .access_kind = strstr(r->stop, "駅") ? "station" : "bus",
				     .access_name = (char *)r->stop, .access_minutes = 6, .guarantor = "company", .public_assistance = r->rent <= 37000,
				     .available_from = day(d, r->written), .status = "open" };
		int rc = listing_save(d->db, d->a, &l, &d->field, &d->msg);
		if (rc)
			return fail(d, r->address, rc);
		d->counts->listings++;
		*id = l.id;
		return 0;
	}
	struct listing *all;
	size_t n;
	const char *address = jp_normalize(d->a, r->address); /* as listings are stored */
	int rc = listings_of(d->db, d->a, org, NULL, &all, &n);
	for (size_t i = 0; !rc && address && i < n; i++)
		if (strcmp(all[i].address, address) == 0) {
			*id = all[i].id;
			return 0;
		}
	return rc ? rc : fail(d, r->address, ERR_NOTFOUND);
}

static int sheet(struct demo *d, const struct demo_request *r, const struct support_case *c, const struct user *u,
		 int64_t id)
{
	struct support_sheet_input in = {
		.contact_24h_name = arena_printf(d->a, "%s（夜間・休日は当番携帯）", c->lead_org_name),
		.contact_24h_phone = "054-000-0201",
		.counselor_name = u->display_name,
		.counselor_phone = "054-000-0202",
		.clinic_name = (char *)r->clinic,
		.clinic_consented = r->clinic != NULL,
		.visiting_nurse = "訪問看護ステーションあおば（週1回）",
		.day_activity = "地域活動支援センターそら（週3回）",
		.visit_frequency = "相談員が月2回訪問",
		.safety_check = "週2回、相談員または訪問看護が電話で確認",
		.rent_payment = r->conditions[0] && strcmp(r->conditions[0], "public_assistance") == 0 ? "direct_payment"
													 : "guarantee_company",
		.guarantee_company = "しずおか家賃保証（デモ）",
		.money_management = "daily_life_support",
		.emergency_plan = "体調の急変や連絡が取れないときは、24時間連絡先へ。相談員と訪問看護が訪問して確認し、"
				  "必要なら通院先と連携します。家主さんの立ち会いをお願いすることがあります。",
		.moving_out_plan = "退去の際は相談員が手続きに同行し、荷物の整理と原状回復の費用の精算を支援します。",
	};
	int rc = support_sheet_save(d->db, d->a, id, &in, u->id, &d->field, &d->msg);
	return rc ? fail(d, "support sheet", rc) : 0;
}

static int step(struct demo *d, int64_t id, const char *to, int64_t pid, const char *reason, int ago, int64_t user)
{
	const char *on = day(d, ago);
	int rc = housing_request_move(d->db, d->a, id, to, pid, reason, NULL, on, user, on, &d->field, &d->msg);
	return rc ? fail(d, to, rc) : 0;
}

static int add_request(struct demo *d, const struct demo_request *r)
{
	struct support_case c;
	struct user counsellor, agent;
	struct access city = { .role = ROLE_CITY };
	date_format_iso(d->today, city.today);
	int rc = demo_case_of(d->db, d->a, &city, r->person, &c);
	if (rc || (rc = user_of(d, r->counselor, &counsellor)))
		return fail(d, r->person, rc);
	char *wards[2] = { c.ward_code, (char *)r->ward };
	char *conds[2] = { (char *)r->conditions[0], (char *)r->conditions[1] };
	int w = r->written, moved = r->end == MOVED_IN ? r->moved : 0;
	/* The steps fall in order between writing and the last day. */
	int span = w - moved;
	const char *written = day(d, w);
	struct housing_request hr = { .case_id = c.id, .budget = r->budget, .wards = wards, .n_wards = r->ward ? 2 : 1,
				      .conditions = conds, .n_conditions = r->conditions[1] ? 2 : r->conditions[0] ? 1 : 0 };
	if ((rc = housing_request_create(d->db, d->a, &hr, counsellor.id, written, &d->field, &d->msg)))
		return fail(d, "request", rc);
	if ((rc = sheet(d, r, &c, &counsellor, hr.id)))
		return rc;
	int64_t firm = 0;
	for (size_t i = 0; i < 2 && r->firms[i]; i++) {
		int64_t org;
		if ((rc = directory_org_find(d->db, d->a, r->firms[i], &org)) ||
		    (rc = housing_request_send(d->db, d->a, hr.id, org, day(d, w - span / 20), &d->field, &d->msg)))
			return fail(d, "send", rc);
		if (!firm)
			firm = org;
	}
	d->counts->requests++;
	if (r->end == SENT)
		return 0;
	int64_t lid;
	if ((rc = flat_of(d, r, firm, c.ward_code, &lid)))
		return rc;
	const char *proposed = day(d, w - span / 8);
	if ((rc = user_of(d, strcmp(r->firms[0], "ふじみ不動産") == 0 ? "agent"
			  : strcmp(r->firms[0], "葵ハウジング") == 0 ? "agent-aoi"
								     : "agent-shimizu",
			  &agent)) ||
	    (rc = housing_propose(d->db, d->a, firm, hr.id, lid, "支援体制の説明を受け、大家さんの了承を得ています。", agent.id,
				  proposed, &d->field, &d->msg)))
		return fail(d, "proposal", rc);
	if (r->end == PROPOSED)
		return 0;
	struct housing_proposal *p;
	size_t np;
	if ((rc = housing_proposals(d->db, d->a, hr.id, &p, &np)) || np == 0)
		return fail(d, "proposals", rc ? rc : ERR_NOTFOUND);
	/* A viewing under way is a few days ahead; a past one a quarter of the way. */
	const char *viewing = day(d, r->end == VIEWING ? -3 : w - span / 4);
	const char *arranged = r->end == VIEWING ? day(d, 1) : viewing;
	if ((rc = housing_viewing_arrange(d->db, d->a, hr.id, p[0].id, viewing, counsellor.id, arranged, &d->field,
					  &d->msg)))
		return fail(d, "viewing", rc);
	if (r->end == VIEWING)
		return 0;
	if ((rc = step(d, hr.id, "application", p[0].id, NULL, w - span / 3, counsellor.id)))
		return rc;
	if (r->end == DECLINED)
		return step(d, hr.id, "declined", 0, "landlord_refused", w - span / 2, counsellor.id);
	if ((rc = step(d, hr.id, "contract", 0, NULL, moved + span / 4, counsellor.id)) ||
	    (rc = step(d, hr.id, "moved_in", 0, NULL, moved, counsellor.id)))
		return rc;
	d->counts->moved_in++;
	if (!r->concern)
		return 0;
	struct tenancy_concern k = { .kind = (char *)r->concern_kind, .body = (char *)r->concern };
	if ((rc = housing_concern_raise(d->db, d->a, firm, hr.id, &k, agent.id, day(d, r->concern_ago), &d->field,
					&d->msg)))
		return fail(d, "concern", rc);
	if (!r->handling)
		return 0;
	struct access acc = { .role = ROLE_COUNSELOR, .organisation_id = c.lead_org_id, .user_id = counsellor.id };
	date_format_iso(date_add_days(d->today, -(r->concern_ago - 1)), acc.today);
	rc = housing_concern_acknowledge(d->db, d->a, &acc, k.id, r->handling, &d->field, &d->msg);
	return rc ? fail(d, "acknowledge", rc) : 0;
}

int demo_add_housing(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct demo d = { .db = db, .a = a, .today = date_today(), .counts = counts };
	for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
		int rc = add_request(&d, &requests[i]);
		if (rc)
			return rc;
	}
	return 0;
}
