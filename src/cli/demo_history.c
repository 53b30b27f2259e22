/*
 * demo_history — the scheme's first three moves (住宅あっせんシステム, R3 = FY2021), the years
 * before the demo's present, so that the status sheet and its housing indicator have a history to
 * show. The statistics history of the national-plan indicators (統計 架空N, FY2015 on) is
 * demo_statistics.c.
 *
 * The seed's R5 table starts from 現状値 3件 at the start of R4, so three people moved into a
 * rented flat through the scheme in January–March 2022, through ふじみ不動産 in its trial
 * cooperation (demo_agents.c). Each goes the whole way through the domain functions on the day it
 * happened, every rule checked as it was then: the person and the long stay, the case through its
 * stages to housing, the housing_agents consent, the request with its sheet, the proposal,
 * viewing, application, contract and moving in, the discharge that day, the follow-ups, and the
 * closing as settled (地域定着) in 2023 — when the consent ends, so that ふじみ sees none of it
 * today and today's dashboards are not crowded. The days are fixed, like the seed's year.
 *
 * The names are invented; any likeness is chance.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/agent.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/housing.h"
#include "domain/person.h"
#include "domain/support_sheet.h"
#include "domain/user.h"
#include "error.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum demo_ward { AOI, SURUGA, SHIMIZU, WARD_COUNT };
static const struct {
	const char *code, *hospital, *office, *counselor;
} wards[WARD_COUNT] = {
	{ "221015", "葵こころの森病院", "葵区相談支援センターつむぎ", "counselor-aoi" },
	{ "221023", "駿河さくら病院", "駿河区相談支援センターみらい", "counselor-suruga" },
	{ "221031", "清水みなと病院", "清水区相談支援センターうみかぜ", "counselor-shimizu" },
};

#define FIRM "ふじみ不動産" /* cooperating on trial from 2021-12-01 (demo_agents.c) */

static const struct demo_move {
	const char *family, *given, *family_kana, *given_kana, *birth, *sex; /* fictional */
	enum demo_ward ward;   /* where they lived and moved to: ふじみ covers 駿河区 and 葵区 */
	bool assistance;       /* 生活保護: a flat within the housing allowance */
	const char *admitted;  /* the long stay the move ended */
	const char *opened;    /* the case, referred by the hospital */
	const char *housing;   /* the housing stage reached; the housing_agents consent given */
	const char *written;   /* the request, sent the next day */
	const char *moved;     /* moved in, and discharged the same day */
	const char *closed;    /* settled in the community: the case closes, the consent ends */
	const char *address;   /* the flat: a real town with （デモ）, no building */
	const char *stop;      /* its station (…駅) */
	int rent, floor;
} moves[] = {
	{ "前田", "稔", "マエダ", "ミノル", "1959-04-02", "male", SURUGA, true, "2012-09-10", "2021-04-15",
	  "2021-12-01", "2021-12-02", "2022-01-27", "2023-03-15", "静岡市駿河区用宗二丁目（デモ）", "用宗駅", 35000, 1 },
	{ "桜井", "文子", "サクライ", "フミコ", "1964-10-21", "female", AOI, false, "2015-06-03", "2021-06-01",
	  "2021-12-06", "2021-12-08", "2022-02-28", "2023-06-30", "静岡市葵区昭和町（デモ）", "新静岡駅", 41000, 2 },
	{ "原田", "悟", "ハラダ", "サトル", "1968-01-09", "male", SURUGA, true, "2016-02-22", "2021-07-20",
	  "2022-01-11", "2022-01-13", "2022-03-25", "2023-09-29", "静岡市駿河区西脇（デモ）", "安倍川駅", 36000, 1 },
};

struct hist {
	struct db *db;
	struct arena *a;
	struct date today;
	char today_iso[11];
	int64_t hospital[WARD_COUNT], office[WARD_COUNT], counselor[WARD_COUNT];
	int64_t group_home, nurse, firm, agent; /* the group home, the visiting nurse, ふじみ and its agent */
	const char *field, *msg;                /* the last refusal */
	struct demo_counts *counts;
};

static char *iso(struct hist *h, struct date d)
{
	char buf[11];
	date_format_iso(d, buf);
	return arena_strdup(h->a, buf);
}

static struct date day_of(const char *s)
{
	struct date d = { 0 };
	date_parse(s, &d);
	return d;
}

static int ago(struct hist *h, const char *s)
{
	return (int)(date_to_days(h->today) - date_to_days(day_of(s)));
}

static int fail(struct hist *h, const char *what, const char *whom, int rc)
{
	cli_error("demo history: cannot %s for '%s': %s%s%s", what, whom, h->msg ? h->msg : err_text(rc),
		  h->field ? " — " : "", h->field ? h->field : "");
	return rc;
}

/* Referred → assessing → planning → transitioning → housing, evenly from the opening to the
 * housing day; *reached gets the days ago of each of the last four, for the casework. */
static int walk(struct hist *h, const struct demo_move *m, int64_t case_id, int reached[4])
{
	static const char *const steps[4] = { "assessing", "planning", "transitioning", "housing" };
	int64_t from = date_to_days(day_of(m->opened)), to = date_to_days(day_of(m->housing));
	for (int i = 0; i < 4; i++) {
		char *on = iso(h, date_from_days(from + (to - from) * (i + 1) / 4));
		int rc = case_set_stage(h->db, h->a, case_id, steps[i], NULL, on, h->counselor[m->ward], on, &h->field,
					&h->msg);
		if (rc)
			return fail(h, steps[i], m->family, rc);
		reached[i] = ago(h, on);
	}
	return 0;
}

static int sheet(struct hist *h, const struct demo_move *m, int64_t request)
{
	struct support_sheet_input in = {
		.contact_24h_name = arena_printf(h->a, "%s（夜間・休日は当番携帯）", wards[m->ward].office),
		.contact_24h_phone = "054-000-0201", .counselor_name = "担当相談員", .counselor_phone = "054-000-0202",
		.visiting_nurse = "訪問看護ステーションあおば（週1回）", .visit_frequency = "相談員が月2回訪問",
		.safety_check = "週2回、相談員または訪問看護が電話で確認",
		.rent_payment = m->assistance ? "direct_payment" : "guarantee_company",
		.guarantee_company = m->assistance ? NULL : "しずおか家賃保証（デモ）", .money_management = "self",
		.emergency_plan = "体調の急変や連絡が取れないときは、24時間連絡先へ。相談員と訪問看護が訪問して確認します。",
		.moving_out_plan = "退去の際は相談員が手続きに同行し、原状回復の費用の精算を支援します。",
	};
	int rc = support_sheet_save(h->db, h->a, request, &in, h->counselor[m->ward], &h->field, &h->msg);
	return rc ? fail(h, "write the support sheet", m->family, rc) : 0;
}

/* The request, sent to ふじみ, its flat proposed, viewed, applied for, contracted and moved into:
 * the steps fall between writing and moving in as in demo_housing.c. */
static int move_in(struct hist *h, const struct demo_move *m, int64_t case_id)
{
	int64_t w = date_to_days(day_of(m->written)), span = date_to_days(day_of(m->moved)) - w;
	int64_t user = h->counselor[m->ward];
	char *ward = (char *)wards[m->ward].code, *cond = m->assistance ? "public_assistance" : "near_transport";
	struct housing_request r = { .case_id = case_id, .budget = m->rent + 5000, .wards = &ward, .n_wards = 1,
				     .conditions = &cond, .n_conditions = 1 };
	int rc = housing_request_create(h->db, h->a, &r, user, m->written, &h->field, &h->msg);
	if (rc || (rc = sheet(h, m, r.id)))
		return rc ? fail(h, "write the request", m->family, rc) : rc;
	char *sent = iso(h, date_from_days(w + 1)), *proposed = iso(h, date_from_days(w + span / 8));
	char *viewing = iso(h, date_from_days(w + span / 4)), *applied = iso(h, date_from_days(w + span / 3));
	char *contract = iso(h, date_from_days(w + span * 3 / 4));
	struct listing l = { .organisation_id = h->firm, .ward_code = ward, .address = (char *)m->address,
			     .rent = m->rent, .deposit = m->rent, .layout = "1K", .floor = m->floor,
			     .access_kind = "station", .access_name = (char *)m->stop, .access_minutes = 8,
			     .guarantor = "company", .public_assistance = m->rent <= 37000,
			     .available_from = (char *)m->written, .status = "open" };
	struct housing_proposal *p;
	size_t np;
	if ((rc = housing_request_send(h->db, h->a, r.id, h->firm, sent, &h->field, &h->msg)) ||
	    (rc = listing_save(h->db, h->a, &l, &h->field, &h->msg)) ||
	    (rc = housing_propose(h->db, h->a, h->firm, r.id, l.id, "支援体制の説明を受け、大家さんの了承を得ています。",
				  h->agent, proposed, &h->field, &h->msg)) ||
	    (rc = housing_proposals(h->db, h->a, r.id, &p, &np)) ||
	    (rc = housing_viewing_arrange(h->db, h->a, r.id, p[0].id, viewing, user, viewing, &h->field, &h->msg)) ||
	    (rc = housing_request_move(h->db, h->a, r.id, "application", p[0].id, NULL, NULL, applied, user, applied,
				       &h->field, &h->msg)) ||
	    (rc = housing_request_move(h->db, h->a, r.id, "contract", 0, NULL, NULL, contract, user, contract,
				       &h->field, &h->msg)) ||
	    (rc = housing_request_move(h->db, h->a, r.id, "moved_in", 0, NULL, NULL, m->moved, user, m->moved,
				       &h->field, &h->msg)))
		return fail(h, "move in through the scheme", m->family, rc);
	h->counts->requests++;
	h->counts->moved_in++;
	h->counts->listings++;
	return 0;
}

/* The discharge on moving day, settling a month later, each follow-up recorded three days after
 * it was due (living in the community, no readmission), and the closing. */
static int settle(struct hist *h, const struct demo_move *m, int64_t case_id, int64_t stay)
{
	int64_t user = h->counselor[m->ward];
	char *settling = iso(h, date_add_days(day_of(m->moved), 30));
	struct case_follow_up *f;
	size_t n;
	int rc = case_discharge(h->db, h->a, case_id, stay, m->moved, "rental", user, m->moved, &h->field, &h->msg);
	if (rc || (rc = case_set_stage(h->db, h->a, case_id, "settling", NULL, settling, user, settling, &h->field,
				       &h->msg)) ||
	    (rc = case_follow_ups(h->db, h->a, case_id, &f, &n)))
		return fail(h, "settle after the discharge", m->family, rc);
	for (size_t i = 0; i < n; i++) {
		char *done = iso(h, date_add_days(day_of(f[i].due_on), 3));
		if (strcmp(done, m->closed) <= 0 &&
		    (rc = case_follow_up_record(h->db, h->a, case_id, f[i].id, done, 1, 0, 1, done, &h->field, &h->msg)))
			return fail(h, "record the follow-up", m->family, rc);
	}
	rc = case_set_stage(h->db, h->a, case_id, "closed", "settled", m->closed, user, m->closed, &h->field, &h->msg);
	return rc ? fail(h, "close the case", m->family, rc) : 0;
}

static int add_move(struct hist *h, const struct demo_move *m, int row)
{
	struct person p = { .family_name = (char *)m->family, .given_name = (char *)m->given,
			    .family_kana = (char *)m->family_kana, .given_kana = (char *)m->given_kana,
			    .birth_date = (char *)m->birth, .sex = (char *)m->sex, .ward_code = (char *)wards[m->ward].code,
			    .handbook_grade = "2", .support_category = "3", .public_assistance = m->assistance,
			    .registered_by = h->hospital[m->ward] };
	int rc = person_save(h->db, h->a, &p, m->opened, &h->field, &h->msg);
	struct admission ad = { .person_id = p.id, .hospital_id = h->hospital[m->ward], .admitted_on = (char *)m->admitted,
				.admission_type = "medical_protection" };
	if (rc || (rc = admission_add(h->db, h->a, &ad, m->admitted, &h->field, &h->msg)))
		return fail(h, "register the person and the stay", m->family, rc);
	struct support_case c = { .person_id = p.id, .lead_org_id = h->office[m->ward], .stage = "referred",
				  .opened_on = (char *)m->opened };
	int64_t user = h->counselor[m->ward];
	int reached[4];
	if ((rc = case_open(h->db, h->a, &c, "counselor", user, m->opened, &h->field, &h->msg)) ||
	    (rc = case_team_add(h->db, h->a, c.id, h->hospital[m->ward], "hospital_psw", m->opened, m->opened,
				&h->field, &h->msg)))
		return fail(h, "open the case", m->family, rc);
	h->counts->persons++;
	h->counts->admissions++;
	h->counts->cases++;
	if ((rc = walk(h, m, c.id, reached)))
		return rc;
	if ((rc = case_team_add(h->db, h->a, c.id, h->nurse, "visiting_nurse", m->housing, m->housing, &h->field,
				&h->msg)) ||
	    (rc = case_consent_grant(h->db, h->a, c.id, "housing_agents", m->housing, m->closed, user, m->housing,
				     &h->field, &h->msg)))
		return fail(h, "prepare the move", m->family, rc);
	/* The service periods, records and goals of the way it went (demo_work.c), before the
	 * discharge and the closing, as demo_cases.c adds them. */
	struct demo_way way = {
		.name = m->family, .row = row, .case_id = c.id, .counselor = user, .office = h->office[m->ward],
		.group_home = h->group_home, .stage = "closed", .opened = ago(h, m->opened), .assessing = reached[0],
		.planning = reached[1], .transitioning = reached[2], .housing = reached[3],
		.discharged = ago(h, m->moved), .destination = "rental", .closed = ago(h, m->closed),
		.reason = "settled",
	};
	if ((rc = demo_add_casework(h->db, h->a, &h->today, &way, h->counts)) || (rc = move_in(h, m, c.id)))
		return rc;
	return settle(h, m, c.id, ad.id);
}

int demo_add_history(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct hist h = { .db = db, .a = a, .today = date_today(), .counts = counts };
	date_format_iso(h.today, h.today_iso);
	struct user u;
	int rc = 0;
	for (int w = 0; !rc && w < WARD_COUNT; w++)
		if (!(rc = directory_org_find(db, a, wards[w].hospital, &h.hospital[w])) &&
		    !(rc = directory_org_find(db, a, wards[w].office, &h.office[w])) &&
		    !(rc = user_by_login(db, a, wards[w].counselor, &u, NULL)))
			h.counselor[w] = u.id;
	if (rc || (rc = directory_org_find(db, a, "グループホームひだまり", &h.group_home)) ||
	    (rc = directory_org_find(db, a, "訪問看護ステーションあおば", &h.nurse)) ||
	    (rc = directory_org_find(db, a, FIRM, &h.firm)) || (rc = user_by_login(db, a, "agent", &u, NULL)))
		return fail(&h, "find", "the wards, the team and " FIRM, rc);
	h.agent = u.id;
	/* A clock set back before the moves were over would put them in the future: none then. */
	bool past = strcmp(h.today_iso, moves[2].closed) > 0;
	for (size_t i = 0; past && i < sizeof moves / sizeof moves[0]; i++)
		if ((rc = add_move(&h, &moves[i], 40 + (int)i))) /* rows after demo_cases.c's, for the texts */
			return rc;
	return 0;
}
