/*
 * demo_agents — the demo's real-estate side of the housing referral system (住宅あっせんシステム;
 * DESIGN §2 "Housing referral"): a cooperating agent firm in each ward of Shizuoka — the existing
 * ふじみ不動産 in 駿河区 and two more — each trained and cooperating, with vacancies in several
 * states; one firm registered but not trained yet, so not cooperating (the rule shows); a login
 * for each extra firm's agent; and two pieces of feedback. Everything goes through domain/agent.c
 * inside the demo's one transaction.
 *
 * Dates are counted back from today, so trainings are always in the past and cooperation started
 * after them. Only ふじみ不動産's earlier trial is on fixed days: with the association's training
 * put off by COVID (seed §4 ①), the city explained the scheme to that one firm in R3 and it
 * cooperated on trial until the end of R4 — when the scheme's first three tenants moved in
 * (demo_history.c) — before its current cooperation. Firm names, people, member numbers and
 * telephone numbers (054-000-0xxx) are invented; addresses name real towns with （デモ） and no
 * building.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/agent.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

#define AOI "221015"
#define SURUGA "221023"
#define SHIMIZU "221031"

#define TRAINING "住宅あっせん協力店研修（静岡中部宅建協会）"

const char *const demo_agent_logins[] = { "agent-aoi", "agent-shimizu", NULL };

static const struct demo_firm {
	const char *name;       /* fictional; ふじみ不動産 is demo.c's */
	const char *office;     /* its office's ward */
	const char *member_no;  /* 宅建協会 member number, invented */
	const char *contact;    /* invented */
	const char *phone;      /* 054-000-0xxx: obviously not a real number */
	const char *email;      /* on example.jp, or NULL */
	const char *wards[3];   /* covered, NULL-terminated */
	int trained;            /* days ago; 0: not trained */
	int cooperating;        /* days ago the cooperation started; 0: not cooperating */
	const char *login;      /* its agent's login, NULL: demo.c made it */
	const char *agent_name; /* the agent's display name */
} firms[] = {
	{ "ふじみ不動産", SURUGA, "静宅-0123", "富士見 誠", "054-000-0101", "fujimi@example.jp",
	  { SURUGA, AOI, NULL }, 420, 400, NULL, NULL },
	{ "葵ハウジング", AOI, "静宅-0245", "葵 美咲", "054-000-0102", "aoi-housing@example.jp",
	  { AOI, NULL, NULL }, 240, 230, "agent-aoi", "不動産 葵" },
	{ "清水ベイ不動産", SHIMIZU, "静宅-0318", "港 健太", "054-000-0103", NULL,
	  { SHIMIZU, SURUGA, NULL }, 120, 110, "agent-shimizu", "不動産 清水" },
	{ "しずはた不動産", AOI, "静宅-0402", "賤機 和也", "054-000-0104", NULL,
	  { AOI, NULL, NULL }, 0, 0, NULL, NULL },
};

/* The trial: a training, then a cooperation period [from, until) — half-open, so the firm
 * cooperated through March 31 of R4 and counts at that fiscal year's end. */
static const struct demo_trial {
	const char *firm, *trained_on, *title, *from, *until;
} trials[] = {
	{ "ふじみ不動産", "2021-11-16", "住宅あっせんシステム 個別説明会（試行）", "2021-12-01", "2023-04-01" },
};

static const struct demo_listing {
	int firm;               /* index in firms[] */
	const char *ward;
	const char *address;    /* a real town with （デモ）, no building */
	int rent, fees, deposit, key_money;
	const char *layout;
	int floor;
	bool lift;
	const char *access_kind;
	const char *access_name;
	int minutes;
	const char *guarantor;
	bool assistance;        /* takes tenants on 生活保護: rent within 37,000円 */
	int available;          /* days from today (negative: already) */
	const char *status;
	const char *note;
} listings[] = {
	{ 0, SURUGA, "静岡市駿河区敷地二丁目（デモ）", 36000, 0, 36000, 0, "1K", 1, false, "station", "静岡駅", 18,
	  "company", true, -10, "open", "1階角部屋。大家さんは支援体制の説明があれば前向きです。" },
	{ 0, SURUGA, "静岡市駿河区森下町（デモ）", 42000, 3000, 42000, 42000, "1DK", 3, true, "station", "静岡駅", 9,
	  "either", false, 14, "open", NULL },
	{ 0, SURUGA, "静岡市駿河区馬渕三丁目（デモ）", 48000, 2000, 48000, 0, "1LDK", 2, false, "station", "静岡駅", 12,
	  "company", false, 0, "held", NULL },
	{ 0, AOI, "静岡市葵区南八幡町（デモ）", 34000, 0, 0, 0, "1R", 1, false, "bus", "南八幡町", 3,
	  "none", true, -30, "open", "敷金・礼金なし。" },
	{ 1, AOI, "静岡市葵区常磐町一丁目（デモ）", 52000, 4000, 52000, 52000, "1LDK", 5, true, "station", "新静岡駅", 6,
	  "company", false, 7, "open", NULL },
	{ 1, AOI, "静岡市葵区上足洗三丁目（デモ）", 37000, 0, 37000, 0, "1K", 1, false, "bus", "上足洗", 2,
	  "company", true, -5, "open", "住宅扶助の範囲内。近くにスーパーあり。" },
	{ 1, AOI, "静岡市葵区瀬名川二丁目（デモ）", 39000, 1000, 39000, 0, "2K", 2, false, "bus", "瀬名川", 4,
	  "either", false, 21, "open", NULL },
	{ 1, AOI, "静岡市葵区千代田七丁目（デモ）", 45000, 2000, 45000, 45000, "2DK", 4, true, "station", "東静岡駅", 15,
	  "company", false, -60, "contracted", NULL },
	{ 2, SHIMIZU, "静岡市清水区江尻町（デモ）", 35000, 0, 35000, 0, "1K", 1, false, "station", "清水駅", 7,
	  "company", true, -3, "open", "1階。段差の少ない物件です。" },
	{ 2, SHIMIZU, "静岡市清水区草薙一丁目（デモ）", 44000, 2000, 44000, 0, "1DK", 3, true, "station", "草薙駅", 5,
	  "either", false, 10, "open", NULL },
	{ 2, SHIMIZU, "静岡市清水区辻四丁目（デモ）", 32000, 0, 0, 0, "1R", 2, false, "bus", "辻町", 3,
	  "none", true, -14, "open", NULL },
	{ 2, SURUGA, "静岡市駿河区小鹿二丁目（デモ）", 55000, 3000, 55000, 55000, "2LDK", 6, true, "station", "東静岡駅", 10,
	  "company", false, -90, "withdrawn", "大家さんの都合で募集終了。" },
};

static const struct demo_feedback {
	int firm;          /* index in firms[] */
	const char *topic; /* agent_feedback_topics */
	const char *body;  /* no tenant's name */
} feedback[] = {
	{ 0, "sheet",
	  "支援体制確認シートに、夜間の連絡先が事業所の当番につながるのか担当者個人につながるのかも書いてあると、"
	  "大家さんに説明しやすいです。" },
	{ 2, "training",
	  "研修の事例紹介がとても参考になりました。次回は大家さんも一緒に参加できる回があると助かります。" },
};

/* YYYY-MM-DD n days before today (after it when n is negative). */
static char *day(struct arena *a, struct date today, int n)
{
	char buf[11];
	date_format_iso(date_add_days(today, -n), buf);
	return arena_strdup(a, buf);
}

static int64_t user_id(struct db *db, struct arena *a, const char *login)
{
	struct user u;
	return user_by_login(db, a, login, &u, NULL) == 0 ? u.id : 0;
}

/* Firm org's trial, when f had one and it began before today: ended by the day the current
 * cooperation starts at the latest, so that the periods never overlap. */
static int add_trial(struct db *db, struct arena *a, int64_t city, const char *today, int64_t org,
		     const struct demo_firm *f, const char *current)
{
	for (size_t i = 0; i < sizeof trials / sizeof trials[0]; i++) {
		const struct demo_trial *t = &trials[i];
		if (strcmp(t->firm, f->name) != 0 || strcmp(t->from, today) >= 0)
			continue;
		const char *until = current && strcmp(current, t->until) < 0 ? current : t->until;
		struct agent_training tr = { .organisation_id = org, .trained_on = (char *)t->trained_on,
					     .attendees = 1, .title = (char *)t->title };
		const char *field = NULL, *msg = NULL;
		int rc = agent_training_add(db, a, &tr, city, today, &field, &msg);
		if (rc || (rc = agent_cooperation_start(db, a, org, t->from, &field, &msg)) ||
		    (strcmp(until, today) <= 0 && (rc = agent_cooperation_end(db, a, org, until, &field, &msg)))) {
			cli_error("cannot add the trial of '%s': %s", f->name, msg ? msg : err_text(rc));
			return rc;
		}
	}
	return 0;
}

/* Registers firm f (taking over demo.c's organisation when it made one) with its agent's login,
 * trainings and cooperation; *org gets its id. */
static int add_firm(struct db *db, struct arena *a, const char *password, struct date today, int64_t city,
		    const struct demo_firm *f, int64_t *org, struct demo_counts *counts)
{
	struct agent_firm firm = { .name = (char *)f->name, .ward_code = (char *)f->office,
				   .member_no = (char *)f->member_no, .contact_name = (char *)f->contact,
				   .phone = (char *)f->phone, .email = (char *)f->email, .wards = (char **)f->wards };
	while (firm.n_wards < 3 && f->wards[firm.n_wards])
		firm.n_wards++;
	int64_t existing;
	int rc = directory_org_find(db, a, f->name, &existing);
	if (rc == 0)
		firm.organisation_id = existing;
	else if (rc != ERR_NOTFOUND)
		return rc;
	const char *field = NULL, *msg = NULL;
	char today_iso[11];
	date_format_iso(today, today_iso);
	if ((rc = agent_firm_create(db, a, "221007", &firm, &field, &msg))) {
		cli_error("cannot register agent firm '%s': %s", f->name, msg ? msg : err_text(rc));
		return rc;
	}
	*org = firm.organisation_id;
	counts->firms++;
	if (f->login && (rc = cli_create_user(db, a, f->login, f->agent_name, firm.organisation_id, "agent", password)))
		return rc;
	const char *current = f->cooperating ? day(a, today, f->cooperating) : NULL;
	if ((rc = add_trial(db, a, city, today_iso, firm.organisation_id, f, current)) || !f->trained)
		return rc;
	struct agent_training t = { .organisation_id = firm.organisation_id, .trained_on = day(a, today, f->trained),
				    .attendees = 2, .title = TRAINING };
	if ((rc = agent_training_add(db, a, &t, city, today_iso, &field, &msg)) ||
	    (f->cooperating &&
	     (rc = agent_cooperation_start(db, a, firm.organisation_id, day(a, today, f->cooperating), &field, &msg)))) {
		cli_error("cannot start the cooperation of '%s': %s", f->name, msg ? msg : err_text(rc));
		return rc;
	}
	counts->cooperating += f->cooperating != 0;
	return 0;
}

int demo_add_agents(struct db *db, struct arena *a, const char *password, struct demo_counts *counts)
{
	struct date today = date_today();
	int64_t city = user_id(db, a, "city");
	int64_t org[sizeof firms / sizeof firms[0]];
	counts->firms = counts->cooperating = counts->listings = counts->feedback = 0;
	int rc = city ? 0 : ERR_NOTFOUND;
	for (size_t i = 0; !rc && i < sizeof firms / sizeof firms[0]; i++)
		rc = add_firm(db, a, password, today, city, &firms[i], &org[i], counts);
	for (size_t i = 0; !rc && i < sizeof listings / sizeof listings[0]; i++) {
		const struct demo_listing *d = &listings[i];
		struct listing l = { .organisation_id = org[d->firm], .ward_code = (char *)d->ward,
				     .address = (char *)d->address, .rent = d->rent, .fees = d->fees,
				     .deposit = d->deposit, .key_money = d->key_money, .layout = (char *)d->layout,
				     .floor = d->floor, .lift = d->lift, .access_kind = (char *)d->access_kind,
				     .access_name = (char *)d->access_name, .access_minutes = d->minutes,
				     .guarantor = (char *)d->guarantor, .public_assistance = d->assistance,
				     .available_from = day(a, today, -d->available), .status = (char *)d->status,
				     .note = (char *)d->note };
		const char *field = NULL, *msg = NULL;
		if ((rc = listing_save(db, a, &l, &field, &msg)))
			cli_error("cannot add the listing '%s': %s", d->address, msg ? msg : err_text(rc));
		else
			counts->listings++;
	}
	for (size_t i = 0; !rc && i < sizeof feedback / sizeof feedback[0]; i++) {
		const struct demo_feedback *d = &feedback[i];
		const char *login = firms[d->firm].login ? firms[d->firm].login : "agent";
		struct agent_feedback fb = { .organisation_id = org[d->firm], .topic = (char *)d->topic,
					     .body = (char *)d->body };
		const char *field = NULL, *msg = NULL;
		if ((rc = agent_feedback_add(db, a, &fb, user_id(db, a, login), &field, &msg)))
			cli_error("cannot add feedback: %s", msg ? msg : err_text(rc));
		else
			counts->feedback++;
	}
	return rc;
}
