/*
 * test_case — support cases: the stage machine against a table written here independently of
 * case.c (every from × to × reason), stage changes with their dates, the discharge and its
 * follow-ups (calendar months, clamped to the month's end), the care team, who carries a case
 * (case_org_on_team), consents in force by date, what a closed case still takes, one open case
 * per person, and the timeline with the casework's events. Data is made through the domain
 * functions in a temporary database (domain_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/casework.h"
#include "domain_fixture.h"
#include "error.h"

enum { NSTAGES = 8, NREASONS = 5 };
static const char *const stages[NSTAGES] = { "referred", "assessing", "planning", "transitioning",
					     "housing", "discharged", "settling", "closed" };
static const char *const reasons[NREASONS] = { "settled", "readmitted", "moved", "died", "withdrawn" };

/*
 * The machine as DESIGN §2 and the issue state it: forward one step; back one step while still
 * in hospital (assessing … housing); to discharged from any stage before it; nothing out of
 * closed. Row = from, column = to, in the order of stages[]; '+' allowed without a reason.
 */
static const char *const moves[NSTAGES] = {
	/*            r a p t h d s c */
	/* ref  */ "-+---+--",
	/* ass  */ "+-+--+--",
	/* pla  */ "-+-+-+--",
	/* tra  */ "--+-++--",
	/* hou  */ "---+-+--",
	/* dis  */ "------+-",
	/* set  */ "--------",
	/* clo  */ "--------",
};
/* Closing, row = from, column = the reason in reasons[] order: settled and readmitted only
 * after discharge; moved, died and withdrawn from any open stage. */
static const char *const closing[NSTAGES] = {
	/*         s r m d w */
	/* ref */ "--+++",
	/* ass */ "--+++",
	/* pla */ "--+++",
	/* tra */ "--+++",
	/* hou */ "--+++",
	/* dis */ "+++++",
	/* set */ "+++++",
	/* clo */ "-----",
};

static void test_stage_table_matches_the_code_list(void **state)
{
	for (int i = 0; i < NSTAGES; i++)
		assert_string_equal(case_stages[i].code, stages[i]);
	assert_null(case_stages[NSTAGES].code);
	for (int i = 0; i < NREASONS; i++)
		assert_string_equal(case_close_reasons[i].code, reasons[i]);
	assert_null(case_close_reasons[NREASONS].code);
}

static void test_every_transition(void **state)
{
	/* Each move is tried with no reason, an empty one, every real reason and a made-up one. */
	const char *tried[NREASONS + 3] = { NULL, "", "bogus" };
	for (int r = 0; r < NREASONS; r++)
		tried[3 + r] = reasons[r];
	int checked = 0;
	for (int from = 0; from < NSTAGES; from++)
		for (int to = 0; to < NSTAGES; to++)
			for (int r = 0; r < NREASONS + 3; r++) {
				const char *reason = tried[r];
				bool expect;
				if (to == NSTAGES - 1)
					expect = r >= 3 && closing[from][r - 3] == '+';
				else
					expect = (!reason || !*reason) && moves[from][to] == '+';
				bool got = case_transition_allowed(stages[from], stages[to], reason);
				if (got != expect)
					fail_msg("%s -> %s (%s): expected %s", stages[from], stages[to],
						 reason ? reason : "NULL", expect ? "allowed" : "refused");
				checked++;
			}
	assert_int_equal(checked, NSTAGES * NSTAGES * (NREASONS + 3));
	/* Unknown stages are never a way anywhere. */
	assert_false(case_transition_allowed("lost", "assessing", NULL));
	assert_false(case_transition_allowed("referred", "lost", NULL));
	assert_false(case_transition_allowed(NULL, "assessing", NULL));
	assert_false(case_transition_allowed("referred", NULL, NULL));
}

/* A person of 葵区 in hospital since 2010 with a case opened on 2024-04-01. */
static int64_t open_case(struct fixture *f, int64_t *stay)
{
	int64_t p = fixture_person(f, "静岡", "花子", "シズオカ", "ハナコ", "1960-01-01", AOI, 0);
	int64_t ad = fixture_stay(f, p, f->hospital, "2010-05-01", NULL);
	if (stay)
		*stay = ad;
	return fixture_case(f, p, f->counsel_a, "2024-04-01");
}

static int set_stage(struct fixture *f, int64_t c, const char *to, const char *reason, const char *on,
		     const char **field)
{
	const char *msg = NULL;
	*field = NULL;
	return case_set_stage(f->db, f->a, c, to, reason, on, f->user, FIXTURE_TODAY, field, &msg);
}

static const char *stage_now(struct fixture *f, int64_t c)
{
	struct access city = { .role = ROLE_CITY, .today = FIXTURE_TODAY };
	struct support_case sc;
	assert_int_equal(case_get(f->db, f->a, &city, c, &sc), 0);
	return sc.stage;
}

static void test_set_stage(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field;
	assert_string_equal(stage_now(f, c), "referred");

	/* discharged is recorded on the admission, never set directly. */
	assert_int_equal(set_stage(f, c, "discharged", NULL, "2024-05-01", &field), ERR_INVALID);
	assert_string_equal(field, "stage");
	/* A move the machine refuses, and closing without a fitting reason. */
	assert_int_equal(set_stage(f, c, "planning", NULL, "2024-05-01", &field), ERR_INVALID);
	assert_string_equal(field, "stage");
	assert_int_equal(set_stage(f, c, "closed", NULL, "2024-05-01", &field), ERR_INVALID);
	assert_string_equal(field, "close_reason");
	assert_int_equal(set_stage(f, c, "closed", "settled", "2024-05-01", &field), ERR_INVALID);
	assert_string_equal(field, "close_reason");
	assert_int_equal(set_stage(f, c, "assessing", "moved", "2024-05-01", &field), ERR_INVALID);
	/* Dates: not before the opening, not after today, real days only. */
	assert_int_equal(set_stage(f, c, "assessing", NULL, "2024-03-31", &field), ERR_INVALID);
	assert_string_equal(field, "changed_on");
	assert_int_equal(set_stage(f, c, "assessing", NULL, "2025-06-16", &field), ERR_INVALID);
	assert_string_equal(field, "changed_on");
	assert_int_equal(set_stage(f, c, "assessing", NULL, "2025-02-29", &field), ERR_INVALID);
	assert_string_equal(field, "changed_on");
	assert_string_equal(stage_now(f, c), "referred");

	/* The opening day and today are both fine. */
	assert_int_equal(set_stage(f, c, "assessing", NULL, "2024-04-01", &field), 0);
	assert_int_equal(set_stage(f, c, "planning", "", FIXTURE_TODAY, &field), 0);
	assert_string_equal(stage_now(f, c), "planning");
	assert_int_equal(set_stage(f, c, "closed", "withdrawn", FIXTURE_TODAY, &field), 0);
	struct access city = { .role = ROLE_CITY, .today = FIXTURE_TODAY };
	struct support_case sc;
	assert_int_equal(case_get(f->db, f->a, &city, c, &sc), 0);
	assert_string_equal(sc.stage, "closed");
	assert_string_equal(sc.close_reason, "withdrawn");
	assert_string_equal(sc.closed_on, FIXTURE_TODAY);
	/* Nothing leaves closed. */
	assert_int_equal(set_stage(f, c, "planning", NULL, FIXTURE_TODAY, &field), ERR_INVALID);

	/* Each change is on the timeline with its date, newest first; the opening too. */
	struct case_event *e;
	size_t n, seen = 0;
	assert_int_equal(case_timeline(f->db, f->a, c, &e, &n), 0);
	static const char *const want[][2] = { { "closed", FIXTURE_TODAY }, { "planning", FIXTURE_TODAY },
					       { "assessing", "2024-04-01" }, { "referred", "2024-04-01" } };
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].kind, "stage") != 0)
			continue;
		assert_true(seen < 4);
		assert_string_equal(e[i].what, want[seen][0]);
		assert_string_equal(e[i].on, want[seen][1]);
		seen++;
	}
	assert_int_equal(seen, 4);
}

static void test_follow_up_dates(void **state)
{
	static const struct {
		const char *discharged; /* the day */
		const char *due[4];     /* +1, +3, +6, +12 calendar months */
	} cases[] = {
		{ "2023-01-31", { "2023-02-28", "2023-04-30", "2023-07-31", "2024-01-31" } },
		{ "2024-02-29", { "2024-03-29", "2024-05-29", "2024-08-29", "2025-02-28" } },
		{ "2023-11-30", { "2023-12-30", "2024-02-29", "2024-05-30", "2024-11-30" } },
		{ "2024-08-31", { "2024-09-30", "2024-11-30", "2025-02-28", "2025-08-31" } },
		{ "2024-12-15", { "2025-01-15", "2025-03-15", "2025-06-15", "2025-12-15" } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[4][11];
		assert_true(case_follow_up_dates(cases[i].discharged, out));
		for (int m = 0; m < 4; m++)
			assert_string_equal(out[m], cases[i].due[m]);
	}
	char out[4][11];
	assert_false(case_follow_up_dates("2023-02-29", out));
	assert_false(case_follow_up_dates("", out));
}

static int discharge(struct fixture *f, int64_t c, int64_t stay, const char *on, const char *to,
		     const char **field)
{
	const char *msg = NULL;
	*field = NULL;
	return case_discharge(f->db, f->a, c, stay, on, to, f->user, FIXTURE_TODAY, field, &msg);
}

static void assert_follow_ups(struct fixture *f, int64_t c, const char *const due[4])
{
	struct case_follow_up *v;
	size_t n;
	static const int months[4] = { 1, 3, 6, 12 };
	assert_int_equal(case_follow_ups(f->db, f->a, c, &v, &n), 0);
	assert_int_equal(n, due ? 4 : 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].months, months[i]);
		assert_string_equal(v[i].due_on, due[i]);
		assert_null(v[i].done_on);
		assert_int_equal(v[i].living_in_community, -1);
	}
}

static void test_discharge_creates_follow_ups(void **state)
{
	struct fixture *f = *state;
	int64_t stay;
	int64_t c = open_case(f, &stay);
	const char *field;
	/* Before the admission began, or in the future: refused, and nothing moves. */
	assert_int_equal(discharge(f, c, stay, "2010-04-30", "group_home", &field), ERR_INVALID);
	assert_string_equal(field, "discharged_on");
	assert_int_equal(discharge(f, c, stay, "2025-06-16", "group_home", &field), ERR_INVALID);
	assert_string_equal(field, "discharged_on");
	assert_int_equal(discharge(f, c, stay, "2024-05-01", "moon", &field), ERR_INVALID);
	assert_string_equal(field, "discharge_destination");
	assert_string_equal(stage_now(f, c), "referred");
	assert_follow_ups(f, c, NULL);

	/* Another person's admission is not this case's. */
	int64_t other = fixture_person(f, "清水", "一郎", "シミズ", "イチロウ", "1955-03-03", SHIMIZU, 0);
	int64_t other_stay = fixture_stay(f, other, f->hospital2, "2020-01-01", NULL);
	assert_int_equal(discharge(f, c, other_stay, "2024-05-01", "home", &field), ERR_INVALID);
	assert_string_equal(field, "admission_id");

	/* From referred straight to discharged: the discharge decides, whatever the plan reached. */
	assert_int_equal(discharge(f, c, stay, "2024-05-31", "group_home", &field), 0);
	assert_string_equal(stage_now(f, c), "discharged");
	static const char *const due[4] = { "2024-06-30", "2024-08-31", "2024-11-30", "2025-05-31" };
	assert_follow_ups(f, c, due);
	struct admission ad;
	assert_int_equal(admission_get(f->db, f->a, stay, &ad), 0);
	assert_string_equal(ad.discharged_on, "2024-05-31");
	assert_string_equal(ad.discharge_destination, "group_home");
	/* Once is enough. */
	assert_int_equal(discharge(f, c, stay, "2024-06-01", "home", &field), ERR_INVALID);
	assert_string_equal(field, "stage");

	/* A follow-up recorded keeps its answers; a yes/no must be one. */
	struct case_follow_up *v;
	size_t n;
	const char *msg;
	assert_int_equal(case_follow_ups(f->db, f->a, c, &v, &n), 0);
	assert_int_equal(case_follow_up_record(f->db, f->a, c, v[0].id, "2024-07-02", 1, 0, 1, FIXTURE_TODAY,
					       &field, &msg), 0);
	assert_int_equal(case_follow_up_record(f->db, f->a, c, v[1].id, "2024-09-02", 2, 0, 1, FIXTURE_TODAY,
					       &field, &msg), ERR_INVALID);
	assert_int_equal(case_follow_up_record(f->db, f->a, c, v[1].id, "2025-06-16", 1, 0, 1, FIXTURE_TODAY,
					       &field, &msg), ERR_INVALID);
	assert_int_equal(case_follow_up_record(f->db, f->a, c + 1000, v[1].id, "2024-09-02", 1, 0, 1,
					       FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
	assert_int_equal(case_follow_ups(f->db, f->a, c, &v, &n), 0);
	assert_string_equal(v[0].done_on, "2024-07-02");
	assert_int_equal(v[0].living_in_community, 1);
	assert_int_equal(v[0].readmitted, 0);
	assert_int_equal(v[0].treatment_continuing, 1);
	assert_null(v[1].done_on);
}

static void test_discharge_dates_clamp(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *on;     /* discharge */
		const char *due[4]; /* expected */
	} days[] = {
		{ "2023-01-31", { "2023-02-28", "2023-04-30", "2023-07-31", "2024-01-31" } },
		{ "2024-02-29", { "2024-03-29", "2024-05-29", "2024-08-29", "2025-02-28" } },
	};
	for (size_t i = 0; i < 2; i++) {
		int64_t p = fixture_person(f, "月末", i ? "次郎" : "太郎", "ゲツマツ", i ? "ジロウ" : "タロウ",
					   "1970-01-01", SURUGA, 0);
		int64_t stay = fixture_stay(f, p, f->hospital, "2015-01-01", NULL);
		int64_t c = fixture_case(f, p, f->counsel_b, "2022-12-01");
		const char *field;
		assert_int_equal(discharge(f, c, stay, days[i].on, "rental", &field), 0);
		assert_follow_ups(f, c, days[i].due);
	}
}

static void test_discharge_to_death_has_no_follow_ups(void **state)
{
	struct fixture *f = *state;
	int64_t stay;
	int64_t c = open_case(f, &stay);
	const char *field;
	assert_int_equal(set_stage(f, c, "assessing", NULL, "2024-04-10", &field), 0);
	assert_int_equal(discharge(f, c, stay, "2024-09-09", "death", &field), 0);
	assert_string_equal(stage_now(f, c), "discharged");
	assert_follow_ups(f, c, NULL);
	assert_int_equal(set_stage(f, c, "closed", "died", "2024-09-09", &field), 0);
}

static struct case_team_member *member(struct fixture *f, int64_t c, int64_t org, size_t *count)
{
	struct case_team_member *m;
	size_t n;
	assert_int_equal(case_team(f->db, f->a, c, &m, &n), 0);
	*count = n;
	for (size_t i = 0; i < n; i++)
		if (m[i].organisation_id == org)
			return &m[i];
	return NULL;
}

static void test_care_team(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	size_t n;
	const char *field, *msg;

	/* The lead joined as counselor when the case opened. */
	struct case_team_member *lead = member(f, c, f->counsel_a, &n);
	assert_non_null(lead);
	assert_int_equal(n, 1);
	assert_string_equal(lead->team_role, "counselor");
	assert_string_equal(lead->added_on, "2024-04-01");
	assert_null(lead->removed_on);

	int64_t gh = fixture_member(f, c, f->group_home, "group_home", "2024-06-01");
	/* Twice in the same role is refused; another role is another membership. */
	assert_int_equal(case_team_add(f->db, f->a, c, f->group_home, "group_home", "2024-06-02", FIXTURE_TODAY,
				       &field, &msg), ERR_INVALID);
	assert_string_equal(field, "organisation_id");
	/* Unknown role, future date, inactive or unknown organisation. */
	assert_int_equal(case_team_add(f->db, f->a, c, f->peer, "friend", "2024-06-02", FIXTURE_TODAY, &field,
				       &msg), ERR_INVALID);
	assert_string_equal(field, "team_role");
	assert_int_equal(case_team_add(f->db, f->a, c, f->peer, "peer_supporter", "2025-06-16", FIXTURE_TODAY,
				       &field, &msg), ERR_INVALID);
	assert_string_equal(field, "added_on");
	assert_int_equal(case_team_add(f->db, f->a, c, f->closed_down, "day_service", "2024-06-02",
				       FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "organisation_id");
	assert_int_equal(case_team_add(f->db, f->a, c, 9999, "other", "2024-06-02", FIXTURE_TODAY, &field,
				       &msg), ERR_INVALID);

	/* Removed: not before joining, not twice; the lead stays whatever the date. */
	assert_int_equal(case_team_remove(f->db, f->a, c, gh, "2024-05-31", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_int_equal(case_team_remove(f->db, f->a, c, gh, "2025-06-16", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "removed_on");
	assert_int_equal(case_team_remove(f->db, f->a, c, gh, "2024-09-01", FIXTURE_TODAY, &field, &msg), 0);
	assert_string_equal(member(f, c, f->group_home, &n)->removed_on, "2024-09-01");
	assert_int_equal(case_team_remove(f->db, f->a, c, gh, "2024-09-02", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_int_equal(case_team_remove(f->db, f->a, c, lead->id, "2024-09-01", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "member_id");
	assert_null(member(f, c, f->counsel_a, &n)->removed_on);

	/* Re-added: the same membership comes back, from the new date. */
	assert_int_equal(fixture_member(f, c, f->group_home, "group_home", "2025-01-10"), gh);
	struct case_team_member *back = member(f, c, f->group_home, &n);
	assert_int_equal(n, 2);
	assert_string_equal(back->added_on, "2025-01-10");
	assert_null(back->removed_on);

	/* A member of another case cannot be removed through this one. */
	int64_t p2 = fixture_person(f, "駿河", "次郎", "スルガ", "ジロウ", "1950-02-02", SURUGA, 0);
	int64_t c2 = fixture_case(f, p2, f->counsel_b, "2024-01-01");
	int64_t other = fixture_member(f, c2, f->group_home, "group_home", "2024-02-01");
	assert_int_equal(case_team_remove(f->db, f->a, c, other, "2024-09-01", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_null(member(f, c2, f->group_home, &n)->removed_on);
}

/* The consent of scope on case c as case_consents sees it on today. */
static bool in_force(struct fixture *f, int64_t c, const char *scope, const char *today)
{
	struct case_consent *v;
	size_t n;
	assert_int_equal(case_consents(f->db, f->a, c, today, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].scope, scope) == 0)
			return v[i].in_force;
	fail_msg("no %s consent", scope);
	return false;
}

static void test_consents_in_force_by_date(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field, *msg;
#define GRANT(scope, from, until) \
	case_consent_grant(f->db, f->a, c, scope, from, until, f->user, FIXTURE_TODAY, &field, &msg)

	assert_int_equal(GRANT("everything", "2025-01-01", NULL), ERR_INVALID);
	assert_string_equal(field, "scope");
	assert_int_equal(GRANT("peer_support", "2025-06-16", NULL), ERR_INVALID);
	assert_string_equal(field, "granted_on");
	assert_int_equal(GRANT("peer_support", "2025-05-01", "2025-04-30"), ERR_INVALID);
	assert_string_equal(field, "expires_on");
	assert_int_equal(GRANT("peer_support", "2025-05-01", "2025-02-30"), ERR_INVALID);
	assert_string_equal(field, "expires_on");

	/* elderly_field: from 2025-03-01 to 2025-05-31, both days included. */
	assert_int_equal(GRANT("elderly_field", "2025-03-01", "2025-05-31"), 0);
	assert_false(in_force(f, c, "elderly_field", "2025-02-28")); /* not yet given */
	assert_true(in_force(f, c, "elderly_field", "2025-03-01"));
	assert_true(in_force(f, c, "elderly_field", "2025-05-31"));
	assert_false(in_force(f, c, "elderly_field", "2025-06-01")); /* expired */

	/* peer_support without an end, then revoked: not in force from then on, whatever the day. */
	assert_int_equal(GRANT("peer_support", "2025-04-01", ""), 0);
	assert_true(in_force(f, c, "peer_support", FIXTURE_TODAY));
	struct case_consent *v;
	size_t n;
	assert_int_equal(case_consents(f->db, f->a, c, FIXTURE_TODAY, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].scope, "peer_support"); /* newest first */
	assert_null(v[0].expires_on);
	int64_t peer = v[0].id;
	assert_int_equal(case_consent_revoke(f->db, f->a, c, peer, "2025-06-16", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_int_equal(case_consent_revoke(f->db, f->a, c, peer, "2025-06-10", FIXTURE_TODAY, &field, &msg), 0);
	assert_false(in_force(f, c, "peer_support", FIXTURE_TODAY));
	assert_int_equal(case_consent_revoke(f->db, f->a, c, peer, "2025-06-11", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "consent_id");

	/* A consent given on a day later than the reader's today is not yet in force. */
	assert_int_equal(case_consent_grant(f->db, f->a, c, "housing_agents", "2025-07-01", NULL, f->user,
					    "2025-07-01", &field, &msg), 0);
	assert_false(in_force(f, c, "housing_agents", FIXTURE_TODAY));
	assert_true(in_force(f, c, "housing_agents", "2025-07-01"));
#undef GRANT
}

/* A closed case takes no new team member or consent; a consent may still be revoked, and the
 * follow-ups of its discharge still recorded. Nothing refused is stored. */
static void test_closed_case_takes_no_additions(void **state)
{
	struct fixture *f = *state;
	int64_t stay;
	int64_t c = open_case(f, &stay);
	const char *field, *msg;
	assert_int_equal(case_consent_grant(f->db, f->a, c, "peer_support", "2024-05-01", NULL, f->user,
					    FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(case_discharge(f->db, f->a, c, stay, "2024-06-01", "home", f->user, FIXTURE_TODAY,
					&field, &msg), 0);
	assert_int_equal(set_stage(f, c, "closed", "moved", "2024-07-10", &field), 0);

	size_t n;
	assert_non_null(member(f, c, f->counsel_a, &n));
	assert_int_equal(n, 1);
	field = msg = NULL;
	assert_int_equal(case_team_add(f->db, f->a, c, f->group_home, "group_home", "2024-08-01", FIXTURE_TODAY,
				       &field, &msg), ERR_INVALID);
	assert_string_equal(field, "stage");
	assert_string_equal(msg, "The case is closed: nothing can be added to it or changed.");
	assert_null(member(f, c, f->group_home, &n));
	assert_int_equal(n, 1);
	/* Refused before its own checks: a valid grant and a nonsense one get the same answer. */
	for (int i = 0; i < 2; i++) {
		field = msg = NULL;
		assert_int_equal(case_consent_grant(f->db, f->a, c, i ? "everything" : "elderly_field", "2024-08-01",
						    NULL, f->user, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
		assert_string_equal(field, "stage");
		assert_non_null(msg);
	}
	struct case_consent *v;
	assert_int_equal(case_consents(f->db, f->a, c, FIXTURE_TODAY, &v, &n), 0);
	assert_int_equal(n, 1);

	/* Still allowed: withdrawing the consent, recording a follow-up. */
	assert_int_equal(case_consent_revoke(f->db, f->a, c, v[0].id, "2024-08-01", FIXTURE_TODAY, &field, &msg), 0);
	assert_false(in_force(f, c, "peer_support", FIXTURE_TODAY));
	struct case_follow_up *fu;
	assert_int_equal(case_follow_ups(f->db, f->a, c, &fu, &n), 0);
	assert_int_equal(case_follow_up_record(f->db, f->a, c, fu[1].id, "2024-09-05", 1, 0, 1, FIXTURE_TODAY,
					       &field, &msg), 0);

	/* No such case: not found, not a closed one. */
	assert_int_equal(case_team_add(f->db, f->a, c + 1000, f->group_home, "group_home", "2024-08-01",
				       FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
	assert_int_equal(case_require_open(f->db, f->a, c + 1000, &field, &msg), ERR_NOTFOUND);
}

static void test_one_open_case_per_person(void **state)
{
	struct fixture *f = *state;
	int64_t p = fixture_person(f, "一人", "一件", "ヒトリ", "イッケン", "1965-06-06", AOI, 0);
	int64_t c = fixture_case(f, p, f->counsel_a, "2024-01-01");
	struct support_case again = { .person_id = p, .lead_org_id = f->counsel_b, .stage = "referred",
				      .opened_on = "2024-02-01" };
	const char *field, *msg;
	assert_int_equal(case_open(f->db, f->a, &again, "counselor", f->user, FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "person_id");
	/* Opening checks: the stage, the date, the role. */
	struct support_case bad = { .person_id = p, .lead_org_id = f->counsel_b, .stage = "planning",
				    .opened_on = "2024-02-01" };
	assert_int_equal(case_open(f->db, f->a, &bad, "counselor", f->user, FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "stage");
	bad.stage = "assessing";
	bad.opened_on = "2025-06-16";
	assert_int_equal(case_open(f->db, f->a, &bad, "counselor", f->user, FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "opened_on");
	bad.opened_on = "2024-02-01";
	assert_int_equal(case_open(f->db, f->a, &bad, "boss", f->user, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "team_role");

	/* Once the first is closed, a new case may open. */
	assert_int_equal(case_set_stage(f->db, f->a, c, "closed", "moved", "2024-03-01", f->user, FIXTURE_TODAY,
					&field, &msg), 0);
	again.stage = "assessing";
	assert_int_equal(case_open(f->db, f->a, &again, "counselor", f->user, FIXTURE_TODAY, &field, &msg), 0);
	assert_true(again.id > c);
	assert_int_equal(case_open(f->db, f->a, &again, "counselor", f->user, FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
}

static bool on_team(struct fixture *f, int64_t c, int64_t org)
{
	bool on = true;
	assert_int_equal(case_org_on_team(f->db, f->a, c, org, &on), 0);
	return on;
}

/* Carrying a case is leading it or being on its team now; seeing it is not enough. */
static void test_org_on_team(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL); /* led by counsel_a; the person's admission is at hospital */
	assert_true(on_team(f, c, f->counsel_a));
	assert_false(on_team(f, c, f->hospital)); /* it holds the admission, and sees the case */
	assert_false(on_team(f, c, f->counsel_b));
	assert_false(on_team(f, c, 0));
	int64_t gh = fixture_member(f, c, f->group_home, "group_home", "2024-06-01");
	assert_true(on_team(f, c, f->group_home));
	const char *field, *msg;
	assert_int_equal(case_team_remove(f->db, f->a, c, gh, "2024-09-01", FIXTURE_TODAY, &field, &msg), 0);
	assert_false(on_team(f, c, f->group_home)); /* left the team */
	fixture_member(f, c, f->hospital, "hospital_psw", "2024-10-01");
	assert_true(on_team(f, c, f->hospital));
	assert_false(on_team(f, c + 1000, f->counsel_a)); /* no such case */
}

/* The casework's events join the timeline with their codes; a record's text never does. */
static void test_timeline_casework(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field, *msg;
	struct service_period sp = { .case_id = c, .service = "transition", .starts_on = "2024-05-01",
				     .ends_on = "2024-11-01" };
	assert_int_equal(service_period_add(f->db, f->a, &sp, FIXTURE_TODAY, &field, &msg), 0);
	struct support_record r = { .recorded_on = "2024-05-10", .kind = "phone", .minutes = 20,
				    .body = "秘密の記録" };
	assert_int_equal(support_record_add(f->db, f->a, c, &r, f->user, FIXTURE_TODAY, &field, &msg), 0);
	struct goal g = { .body = "ひとりで買い物", .set_on = "2024-05-20" };
	assert_int_equal(goal_add(f->db, f->a, c, &g, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(goal_review(f->db, f->a, c, g.id, "achieved", "2024-08-01", FIXTURE_TODAY, &field, &msg), 0);

	struct case_event *e;
	size_t n;
	assert_int_equal(case_timeline(f->db, f->a, c, &e, &n), 0);
	static const char *const want[][3] = { /* on, kind, what: newest first */
		{ "2024-08-01", "goal_reviewed", "achieved" },
		{ "2024-05-20", "goal", "active" },
		{ "2024-05-10", "record", "phone" },
		{ "2024-05-01", "service", "transition" },
	};
	size_t found = 0, at = 0;
	for (size_t i = 0; i < n; i++) {
		assert_false(e[i].what && strstr(e[i].what, "秘密"));
		assert_false(e[i].detail && (strstr(e[i].detail, "秘密") || strstr(e[i].detail, "買い物")));
		if (at < 4 && strcmp(e[i].kind, want[at][1]) == 0) {
			assert_string_equal(e[i].on, want[at][0]);
			assert_string_equal(e[i].what, want[at][2]);
			at++;
			found++;
		}
	}
	assert_int_equal(found, 4);

	/* A goal of another case is not reviewed through this one. */
	int64_t p2 = fixture_person(f, "駿河", "次郎", "スルガ", "ジロウ", "1950-02-02", SURUGA, 0);
	int64_t c2 = fixture_case(f, p2, f->counsel_b, "2024-01-01");
	assert_int_equal(goal_review(f->db, f->a, c2, g.id, "dropped", "2024-09-01", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "goal_id");
	assert_int_equal(goal_review(f->db, f->a, c, g.id, "dropped", "2024-05-19", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "reviewed_on");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_table_matches_the_code_list),
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_follow_up_dates),
		T(test_set_stage),
		T(test_discharge_creates_follow_ups),
		T(test_discharge_dates_clamp),
		T(test_discharge_to_death_has_no_follow_ups),
		T(test_care_team),
		T(test_consents_in_force_by_date),
		T(test_closed_case_takes_no_additions),
		T(test_one_open_case_per_person),
		T(test_org_on_team),
		T(test_timeline_casework),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
