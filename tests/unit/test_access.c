/*
 * test_access — who sees which cases and persons (access.h), through the readers that use the
 * rule: case_get, case_list, person_get and person_search with a struct access, so the SQL
 * fragments themselves run. One small world of seven cases and nine persons, each made to test
 * one clause (lead, on the team, removed from it, another organisation, a hospital's admission,
 * consents in force, absent, revoked, expired and not yet given), and one row per role and
 * organisation saying what it must see — no more, no less.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"
#include "error.h"

/* The cases, one per person P_LEAD … P_CONSENT_ONLY; two more persons have none. */
enum { C_LEAD, C_TEAM, C_REMOVED, C_EXPIRED, C_FUTURE, C_HOSPITAL, C_CONSENT_ONLY, NCASES };
enum { P_REGISTERED = NCASES, P_ADMITTED, NPERSONS };
#define BIT(i) (1u << (i))
#define ALL_CASES (BIT(NCASES) - 1)
#define ALL_PERSONS (BIT(NPERSONS) - 1)

struct world {
	struct fixture *f;
	int64_t cases[NCASES];     /* ids */
	int64_t persons[NPERSONS]; /* ids */
	int64_t peer_user;         /* the peer group's member assigned to the cases below */
	int64_t idle_peer;         /* a member of the same group assigned to none */
};

/* The organisations a user may act for, by name in the expectations. */
enum who { COUNSEL_A, COUNSEL_B, HOSPITAL, HOSPITAL2, GROUP_HOME, ELDERLY, PEER, AGENT, OFFICE };

static int64_t org_of(const struct fixture *f, enum who w)
{
	const int64_t ids[] = { f->counsel_a, f->counsel_b, f->hospital, f->hospital2, f->group_home,
				f->elderly,   f->peer,      f->agent,    f->office };
	return ids[w];
}

static void grant(struct fixture *f, int64_t c, const char *scope, const char *from, const char *until)
{
	const char *field, *msg;
	/* "today" is the day of granting, so that a consent dated after FIXTURE_TODAY can be made. */
	assert_int_equal(case_consent_grant(f->db, f->a, c, scope, from, until, f->user, from, &field, &msg), 0);
}

static void revoke_all(struct fixture *f, int64_t c, const char *scope, const char *on)
{
	struct case_consent *v;
	size_t n;
	const char *field, *msg;
	assert_int_equal(case_consents(f->db, f->a, c, FIXTURE_TODAY, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].scope, scope) == 0 && !v[i].revoked_on)
			assert_int_equal(case_consent_revoke(f->db, f->a, c, v[i].id, on, FIXTURE_TODAY, &field, &msg), 0);
}

static void remove_member(struct fixture *f, int64_t c, int64_t member, const char *on)
{
	const char *field, *msg;
	assert_int_equal(case_team_remove(f->db, f->a, c, member, on, FIXTURE_TODAY, &field, &msg), 0);
}

/* Both field consents on case c, from..until. */
static void grant_both(struct fixture *f, int64_t c, const char *from, const char *until)
{
	grant(f, c, "elderly_field", from, until);
	grant(f, c, "peer_support", from, until);
}

static int world_setup(void **state)
{
	if (fixture_setup(state))
		return -1;
	struct fixture *f = *state;
	struct world *w = test_calloc(1, sizeof *w);
	w->f = f;
	static const char *const kana[NPERSONS] = { "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ" };
	for (int i = 0; i < NPERSONS; i++)
		w->persons[i] = fixture_person(f, "見本", "人", kana[i], "ヒト", "1960-01-01", SURUGA,
					       i == P_REGISTERED ? f->counsel_a : 0);
	for (int i = 0; i < NCASES; i++)
		w->cases[i] = fixture_case(f, w->persons[i], i == C_LEAD ? f->counsel_a : f->counsel_b,
					   "2025-01-01");
	int64_t *c = w->cases;

	/* Led by A; the hospital, the group home, the elderly centre and the peer group on the team;
	 * both consents in force (the elderly one ends today, which still counts). The agent is on
	 * the team too, and still sees nothing. */
	fixture_member(f, c[C_LEAD], f->hospital, "hospital_psw", "2025-01-01");
	fixture_member(f, c[C_LEAD], f->group_home, "group_home", "2025-02-01");
	fixture_member(f, c[C_LEAD], f->elderly, "care_manager", "2025-02-01");
	fixture_member(f, c[C_LEAD], f->peer, "peer_supporter", "2025-02-01");
	fixture_member(f, c[C_LEAD], f->agent, "other", "2025-02-01");
	grant(f, c[C_LEAD], "elderly_field", "2025-02-01", FIXTURE_TODAY);
	grant(f, c[C_LEAD], "peer_support", "2025-02-01", NULL);
	grant(f, c[C_LEAD], "housing_agents", "2025-02-01", NULL);

	/* Led by B with A on the team; the fields on the team without any consent. The second
	 * hospital holds the person's admission and is on the team. */
	fixture_member(f, c[C_TEAM], f->counsel_a, "counselor", "2025-01-10");
	fixture_member(f, c[C_TEAM], f->elderly, "care_manager", "2025-01-10");
	fixture_member(f, c[C_TEAM], f->peer, "peer_supporter", "2025-01-10");
	fixture_member(f, c[C_TEAM], f->hospital2, "hospital_psw", "2025-01-10");
	fixture_stay(f, w->persons[C_TEAM], f->hospital2, "2020-01-01", NULL);

	/* Led by B; A and the group home were on the team and left; the consents were revoked. */
	remove_member(f, c[C_REMOVED], fixture_member(f, c[C_REMOVED], f->counsel_a, "counselor", "2025-01-10"),
		      "2025-03-01");
	remove_member(f, c[C_REMOVED], fixture_member(f, c[C_REMOVED], f->group_home, "group_home", "2025-01-10"),
		      "2025-03-01");
	fixture_member(f, c[C_REMOVED], f->elderly, "care_manager", "2025-01-10");
	fixture_member(f, c[C_REMOVED], f->peer, "peer_supporter", "2025-01-10");
	grant_both(f, c[C_REMOVED], "2025-01-10", NULL);
	revoke_all(f, c[C_REMOVED], "elderly_field", "2025-05-01");
	revoke_all(f, c[C_REMOVED], "peer_support", "2025-05-01");

	/* Led by B; the consents ended yesterday. */
	fixture_member(f, c[C_EXPIRED], f->elderly, "care_manager", "2025-01-10");
	fixture_member(f, c[C_EXPIRED], f->peer, "peer_supporter", "2025-01-10");
	grant_both(f, c[C_EXPIRED], "2025-01-10", "2025-06-14");

	/* Led by B; the consents are dated tomorrow. */
	fixture_member(f, c[C_FUTURE], f->elderly, "care_manager", "2025-01-10");
	fixture_member(f, c[C_FUTURE], f->peer, "peer_supporter", "2025-01-10");
	grant_both(f, c[C_FUTURE], "2025-06-16", NULL);

	/* One member of the peer group is assigned to the cases the group works on while their
	 * consent is (or was, or will be) in force; another member is assigned to none and sees
	 * nothing: peers see their own assignments only. */
	int64_t supporter, idle;
	w->peer_user = fixture_peer_user(f, "peer-assigned", &supporter);
	w->idle_peer = fixture_peer_user(f, "peer-idle", &idle);
	fixture_peer_assign(f, supporter, c[C_LEAD], "2025-02-01", FIXTURE_TODAY);
	fixture_peer_assign(f, supporter, c[C_EXPIRED], "2025-01-10", "2025-06-14");
	fixture_peer_assign(f, supporter, c[C_FUTURE], "2025-06-16", "2025-06-16");

	/* Led by B; the first hospital holds the admission but is not on the team. */
	fixture_stay(f, w->persons[C_HOSPITAL], f->hospital, "2018-04-01", NULL);

	/* Led by B; consents in force, but the fields are not on the team. */
	grant_both(f, c[C_CONSENT_ONLY], "2025-01-10", NULL);

	/* No case: one registered by A, one with an admission at the first hospital. */
	fixture_stay(f, w->persons[P_ADMITTED], f->hospital, "2024-01-01", "2024-03-01");
	*state = w;
	return 0;
}

static int world_teardown(void **state)
{
	struct world *w = *state;
	*state = w->f;
	test_free(w);
	return fixture_teardown(state);
}

static const struct expectation {
	const char *label;  /* for a failure */
	enum role role;     /* the user's role */
	enum who org;       /* their organisation */
	unsigned cases;     /* BIT(C_*) they see */
	unsigned persons;   /* BIT(C_* or P_*) they see */
} expected[] = {
	{ "city", ROLE_CITY, OFFICE, ALL_CASES, ALL_PERSONS },
	{ "counselor A", ROLE_COUNSELOR, COUNSEL_A, BIT(C_LEAD) | BIT(C_TEAM),
	  BIT(C_LEAD) | BIT(C_TEAM) | BIT(P_REGISTERED) },
	{ "counselor B", ROLE_COUNSELOR, COUNSEL_B, ALL_CASES & ~BIT(C_LEAD),
	  ALL_CASES & ~BIT(C_LEAD) },
	{ "hospital", ROLE_HOSPITAL, HOSPITAL, BIT(C_LEAD) | BIT(C_HOSPITAL),
	  BIT(C_LEAD) | BIT(C_HOSPITAL) | BIT(P_ADMITTED) },
	{ "hospital 2", ROLE_HOSPITAL, HOSPITAL2, BIT(C_TEAM), BIT(C_TEAM) },
	{ "provider", ROLE_PROVIDER, GROUP_HOME, BIT(C_LEAD), BIT(C_LEAD) },
	{ "elderly", ROLE_ELDERLY, ELDERLY, BIT(C_LEAD), BIT(C_LEAD) },
	{ "peer", ROLE_PEER, PEER, BIT(C_LEAD), BIT(C_LEAD) },
	/* Roles that never see a case, even from an organisation that leads one or is on a team. */
	{ "admin", ROLE_ADMIN, COUNSEL_A, 0, 0 },
	{ "auditor", ROLE_AUDITOR, COUNSEL_A, 0, 0 },
	{ "agent", ROLE_AGENT, AGENT, 0, 0 },
	{ "nobody", ROLE_NONE, COUNSEL_A, 0, 0 },
	/* The role picks the rule, the organisation fills it: an elderly user of A's office sees
	 * only the case A is on with the elderly consent in force; a counsellor of the elderly
	 * centre sees every case the centre is on, consent or not. */
	{ "elderly of A", ROLE_ELDERLY, COUNSEL_A, BIT(C_LEAD), BIT(C_LEAD) },
	{ "counselor of E", ROLE_COUNSELOR, ELDERLY,
	  BIT(C_LEAD) | BIT(C_TEAM) | BIT(C_REMOVED) | BIT(C_EXPIRED) | BIT(C_FUTURE),
	  BIT(C_LEAD) | BIT(C_TEAM) | BIT(C_REMOVED) | BIT(C_EXPIRED) | BIT(C_FUTURE) },
};

static struct access access_for(const struct world *w, const struct expectation *e, const char *today)
{
	struct access acc = { .role = e->role, .organisation_id = org_of(w->f, e->org),
			      .user_id = e->role == ROLE_PEER ? w->peer_user : 1 };
	snprintf(acc.today, sizeof acc.today, "%s", today);
	return acc;
}

/* What acc sees, as bits, through each of the four readers; the readers must agree. */
static unsigned cases_seen(struct world *w, const struct access *acc)
{
	struct fixture *f = w->f;
	unsigned by_get = 0, by_list = 0;
	for (int i = 0; i < NCASES; i++) {
		struct support_case c;
		int rc = case_get(f->db, f->a, acc, w->cases[i], &c);
		if (rc == 0)
			by_get |= BIT(i);
		else
			assert_int_equal(rc, ERR_NOTFOUND);
	}
	/* Pages of two, to run the keyset too. */
	int64_t before = 0;
	for (int pages = 0; pages < 10; pages++) {
		struct case_page page;
		assert_int_equal(case_list(f->db, f->a, acc, NULL, 0, before, 2, &page), 0);
		for (size_t j = 0; j < page.n; j++)
			for (int i = 0; i < NCASES; i++)
				if (page.v[j].id == w->cases[i]) {
					assert_false(by_list & BIT(i));
					by_list |= BIT(i);
				}
		if (!page.more)
			break;
		before = page.last_id;
	}
	assert_int_equal(by_list, by_get);
	return by_get;
}

static unsigned persons_seen(struct world *w, const struct access *acc)
{
	struct fixture *f = w->f;
	unsigned by_get = 0, by_search = 0;
	for (int i = 0; i < NPERSONS; i++) {
		struct person p;
		int rc = person_get(f->db, f->a, acc, w->persons[i], &p);
		if (rc == 0)
			by_get |= BIT(i);
		else
			assert_int_equal(rc, ERR_NOTFOUND);
	}
	struct person_page page;
	assert_int_equal(person_search(f->db, f->a, acc, NULL, NULL, NULL, 0, 100, &page), 0);
	for (size_t j = 0; j < page.n; j++)
		for (int i = 0; i < NPERSONS; i++)
			if (page.v[j].id == w->persons[i])
				by_search |= BIT(i);
	assert_int_equal(page.n, __builtin_popcount(by_search));
	assert_int_equal(by_search, by_get);
	/* A search with text and a ward goes through the same rule. */
	assert_int_equal(person_search(f->db, f->a, acc, "見本", SURUGA, NULL, 0, 100, &page), 0);
	assert_int_equal(page.n, __builtin_popcount(by_get));
	return by_get;
}

static void test_each_role_sees_its_own(void **state)
{
	struct world *w = *state;
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		struct access acc = access_for(w, &expected[i], FIXTURE_TODAY);
		unsigned c = cases_seen(w, &acc), p = persons_seen(w, &acc);
		if (c != expected[i].cases || p != expected[i].persons)
			fail_msg("%s sees cases %#x and persons %#x, expected %#x and %#x", expected[i].label, c, p,
				 expected[i].cases, expected[i].persons);
	}
}

static const struct expectation *expectation(const char *label)
{
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		if (strcmp(expected[i].label, label) == 0)
			return &expected[i];
	fail_msg("no expectation %s", label);
	return NULL;
}

static void test_consents_judged_on_today(void **state)
{
	struct world *w = *state;
	/* Tomorrow the elderly consent of C_LEAD has ended and that of C_FUTURE begins. */
	struct access elderly = access_for(w, expectation("elderly"), "2025-06-16");
	assert_int_equal(cases_seen(w, &elderly), BIT(C_FUTURE));
	assert_int_equal(persons_seen(w, &elderly), BIT(C_FUTURE));
	/* The peer consent of C_LEAD has no end. */
	struct access peer = access_for(w, expectation("peer"), "2025-06-16");
	assert_int_equal(cases_seen(w, &peer), BIT(C_LEAD) | BIT(C_FUTURE));
	/* Yesterday the expired ones were still in force. */
	struct access before = access_for(w, expectation("peer"), "2025-06-14");
	assert_int_equal(cases_seen(w, &before), BIT(C_LEAD) | BIT(C_EXPIRED));
}

static void test_peers_see_their_own_assignments_only(void **state)
{
	struct world *w = *state;
	struct access idle = access_for(w, expectation("peer"), FIXTURE_TODAY);
	idle.user_id = w->idle_peer;
	assert_int_equal(cases_seen(w, &idle), 0);
	assert_int_equal(persons_seen(w, &idle), 0);
	/* Ending the assignment ends the sight, from the day after its last day. */
	struct peer_assignment *v;
	size_t n;
	struct fixture *f = w->f;
	assert_int_equal(peer_assignments_of_case(f->db, f->a, w->cases[C_LEAD], &v, &n), 0);
	assert_int_equal(n, 1);
	const char *field, *msg;
	assert_int_equal(peer_assignment_close(f->db, f->a, v[0].id, FIXTURE_TODAY, &field, &msg), 0);
	struct access peer = access_for(w, expectation("peer"), FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &peer), BIT(C_LEAD));
	peer = access_for(w, expectation("peer"), "2025-06-16");
	assert_int_equal(cases_seen(w, &peer) & BIT(C_LEAD), 0);
}

static void test_revoking_and_removing_act_at_once(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	struct access peer = access_for(w, expectation("peer"), FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &peer), BIT(C_LEAD));
	revoke_all(f, w->cases[C_LEAD], "peer_support", FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &peer), 0);
	assert_int_equal(persons_seen(w, &peer), 0);
	/* The elderly centre keeps its own consent. */
	struct access elderly = access_for(w, expectation("elderly"), FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &elderly), BIT(C_LEAD));
	/* A consent given again restores access. */
	grant(f, w->cases[C_LEAD], "peer_support", FIXTURE_TODAY, NULL);
	assert_int_equal(cases_seen(w, &peer), BIT(C_LEAD));

	/* The group home leaves the team of C_LEAD: the provider sees nothing; back, it sees again. */
	struct access provider = access_for(w, expectation("provider"), FIXTURE_TODAY);
	struct case_team_member *m;
	size_t n;
	assert_int_equal(case_team(f->db, f->a, w->cases[C_LEAD], &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (m[i].organisation_id == f->group_home)
			remove_member(f, w->cases[C_LEAD], m[i].id, FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &provider), 0);
	assert_int_equal(persons_seen(w, &provider), 0);
	fixture_member(f, w->cases[C_LEAD], f->group_home, "group_home", FIXTURE_TODAY);
	assert_int_equal(cases_seen(w, &provider), BIT(C_LEAD));

	/* A removed counsellor back on the team sees the case again. */
	struct access a = access_for(w, expectation("counselor A"), FIXTURE_TODAY);
	assert_false(cases_seen(w, &a) & BIT(C_REMOVED));
	fixture_member(f, w->cases[C_REMOVED], f->counsel_a, "counselor", FIXTURE_TODAY);
	assert_true(cases_seen(w, &a) & BIT(C_REMOVED));
	assert_true(persons_seen(w, &a) & BIT(C_REMOVED));
}

static void test_stage_and_person_filters_keep_the_rule(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	const char *field, *msg;
	assert_int_equal(case_set_stage(f->db, f->a, w->cases[C_LEAD], "assessing", NULL, "2025-03-01", f->user,
					FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(case_set_stage(f->db, f->a, w->cases[C_HOSPITAL], "assessing", NULL, "2025-03-01",
					f->user, FIXTURE_TODAY, &field, &msg), 0);
	struct case_page page;
	struct access a = access_for(w, expectation("counselor A"), FIXTURE_TODAY);
	assert_int_equal(case_list(f->db, f->a, &a, "assessing", 0, 0, 10, &page), 0);
	assert_int_equal(page.n, 1);
	assert_int_equal(page.v[0].id, w->cases[C_LEAD]);
	assert_int_equal(case_list(f->db, f->a, &a, NULL, w->persons[C_HOSPITAL], 0, 10, &page), 0);
	assert_int_equal(page.n, 0);
	struct access city = access_for(w, expectation("city"), FIXTURE_TODAY);
	assert_int_equal(case_list(f->db, f->a, &city, "assessing", 0, 0, 10, &page), 0);
	assert_int_equal(page.n, 2);
	assert_int_equal(case_list(f->db, f->a, &city, NULL, w->persons[C_HOSPITAL], 0, 10, &page), 0);
	assert_int_equal(page.n, 1);
	assert_int_equal(page.v[0].id, w->cases[C_HOSPITAL]);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, world_setup, world_teardown)
	const struct CMUnitTest tests[] = {
		T(test_each_role_sees_its_own),
		T(test_consents_judged_on_today),
		T(test_peers_see_their_own_assignments_only),
		T(test_revoking_and_removing_act_at_once),
		T(test_stage_and_person_filters_keep_the_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
