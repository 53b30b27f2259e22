/*
 * test_policy — who may open which page: the route table of pages/routes.c against the policy
 * table of auth/policy.c, role by role. The expected decisions are written here independently,
 * so a change to either table shows up as a difference to review; a route added or removed
 * without updating this table fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "auth/policy.h"
#include "pages/pages.h"

#include <string.h>

/* Roles as bits; PUBLIC means no login at all is needed. */
#define ADMIN (1u << ROLE_ADMIN)
#define CITY (1u << ROLE_CITY)
#define AUDITOR (1u << ROLE_AUDITOR)
#define EVERY_ROLE                                                                            \
	(ADMIN | CITY | (1u << ROLE_COUNSELOR) | (1u << ROLE_HOSPITAL) | (1u << ROLE_PROVIDER) |  \
	 (1u << ROLE_ELDERLY) | (1u << ROLE_PEER) | (1u << ROLE_AGENT) | AUDITOR)
#define PUBLIC (1u << 31)
/* Persons and cases: the organisations that carry a case, and everyone who may see one (the
 * elderly field and peers only under consent; which rows is domain/access.c's, tested over HTTP). */
#define CARRIES_CASES (CITY | (1u << ROLE_COUNSELOR) | (1u << ROLE_HOSPITAL))
#define SEES_CASES (CARRIES_CASES | (1u << ROLE_PROVIDER) | (1u << ROLE_ELDERLY) | (1u << ROLE_PEER))
/* Housing: agents; the roles that write housing requests. */
#define AGENT (1u << ROLE_AGENT)
#define WRITES_REQUESTS (CITY | (1u << ROLE_COUNSELOR))
/* The municipality's staff: every role but the administrator, agents and the auditor. */
#define STAFF SEES_CASES
#define MANAGES_MEETINGS WRITES_REQUESTS
/* Persons: not peers, whose minimal case view must not be bypassed through the person page. */
#define SEES_PERSONS (SEES_CASES & ~(1u << ROLE_PEER))

static const struct {
	const char *method;  /* as in the route table */
	const char *pattern; /* as in the route table */
	unsigned allowed;    /* the roles that get in */
} expected[] = {
	{ "GET", "/healthz", PUBLIC },
	{ "GET", "/static/:name", PUBLIC },
	{ "GET", "/login", PUBLIC },
	{ "POST", "/login", PUBLIC },
	{ "POST", "/logout", EVERY_ROLE },
	{ "POST", "/lang", EVERY_ROLE },
	{ "GET", "/", EVERY_ROLE },
	{ "GET", "/persons", SEES_PERSONS },
	{ "GET", "/persons/new", CARRIES_CASES },
	{ "POST", "/persons", CARRIES_CASES },
	{ "GET", "/persons/:id", SEES_PERSONS },
	{ "GET", "/persons/:id/edit", CARRIES_CASES },
	{ "POST", "/persons/:id", CARRIES_CASES },
	{ "POST", "/persons/:id/admissions", CARRIES_CASES },
	{ "POST", "/persons/:id/cases", CARRIES_CASES },
	{ "GET", "/cases", SEES_CASES },
	{ "GET", "/cases/:id", SEES_CASES },
	{ "POST", "/cases/:id/stage", CARRIES_CASES },
	{ "POST", "/cases/:id/team", CARRIES_CASES },
	{ "POST", "/cases/:id/team/remove", CARRIES_CASES },
	{ "POST", "/cases/:id/consents", CARRIES_CASES },
	{ "POST", "/cases/:id/consents/revoke", CARRIES_CASES },
	{ "POST", "/cases/:id/discharge", CARRIES_CASES },
	{ "POST", "/cases/:id/follow-ups", SEES_PERSONS },
	{ "POST", "/cases/:id/services", CARRIES_CASES },
	{ "POST", "/cases/:id/services/extend", CARRIES_CASES },
	{ "POST", "/cases/:id/records", SEES_CASES },
	{ "POST", "/cases/:id/goals", CARRIES_CASES },
	{ "POST", "/cases/:id/goals/review", CARRIES_CASES },
	{ "GET", "/admin/municipality", ADMIN | CITY },
	{ "POST", "/admin/wards", ADMIN },
	{ "GET", "/admin/organisations", ADMIN | CITY },
	{ "POST", "/admin/organisations", ADMIN },
	{ "GET", "/admin/organisations/:id", ADMIN },
	{ "POST", "/admin/organisations/:id", ADMIN },
	{ "GET", "/admin/users", ADMIN },
	{ "POST", "/admin/users", ADMIN },
	{ "POST", "/admin/users/:id/disable", ADMIN },
	{ "POST", "/admin/users/:id/enable", ADMIN },
	{ "POST", "/admin/users/:id/password", ADMIN },
	{ "GET", "/data/import", CITY },
	{ "POST", "/data/import", CITY },
	{ "GET", "/cases/export.csv", CITY | (1u << ROLE_COUNSELOR) },
	{ "GET", "/api/indicators", CITY },
	{ "GET", "/indicators", CITY },
	{ "GET", "/indicators/new", CITY },
	{ "POST", "/indicators", CITY },
	{ "GET", "/indicators/:id", CITY },
	{ "POST", "/indicators/:id", CITY },
	{ "POST", "/indicators/:id/years", CITY },
	{ "GET", "/sheet", CITY },
	{ "GET", "/sheet.xlsx", CITY },
	{ "GET", "/sheet.pdf", CITY },
	{ "POST", "/sheet/texts", CITY },
	{ "GET", "/audit", AUDITOR },
	{ "GET", "/audit/verify", AUDITOR },
	{ "GET", "/stays", CITY | (1u << ROLE_COUNSELOR) | (1u << ROLE_PROVIDER) },
	{ "POST", "/stays/rooms", CITY | (1u << ROLE_PROVIDER) },
	{ "POST", "/stays/rooms/:id", CITY | (1u << ROLE_PROVIDER) },
	{ "POST", "/stays/bookings/:id/cancel", CITY | (1u << ROLE_COUNSELOR) },
	{ "POST", "/stays/bookings/:id/outcome", CITY | (1u << ROLE_PROVIDER) },
	{ "GET", "/cases/:id/stays", CITY | (1u << ROLE_COUNSELOR) },
	{ "POST", "/cases/:id/stays", CITY | (1u << ROLE_COUNSELOR) },
	/* The housing referral system: the city keeps the firms and reads the feedback; counsellors
	 * (and the city) write requests; the organisations carrying a tenancy take up concerns; an
	 * agent reaches only its own firm's listings, requests and feedback — nothing of a case. */
	{ "GET", "/housing/agents", CITY },
	{ "POST", "/housing/agents", CITY },
	{ "GET", "/housing/agents/:id", CITY },
	{ "POST", "/housing/agents/:id", CITY },
	{ "POST", "/housing/agents/:id/trainings", CITY },
	{ "POST", "/housing/agents/:id/cooperation", CITY },
	{ "GET", "/listings", AGENT },
	{ "GET", "/listings/new", AGENT },
	{ "POST", "/listings", AGENT },
	{ "GET", "/listings/:id", AGENT },
	{ "POST", "/listings/:id", AGENT },
	{ "GET", "/feedback", CITY },
	{ "GET", "/feedback/new", AGENT },
	{ "POST", "/feedback", AGENT },
	{ "GET", "/referrals", AGENT },
	{ "GET", "/referrals/:id", AGENT },
	{ "GET", "/referrals/:id/sheet", AGENT },
	{ "GET", "/referrals/:id/sheet.pdf", AGENT },
	{ "POST", "/referrals/:id/proposals", AGENT },
	{ "POST", "/referrals/:id/concerns", AGENT },
	{ "GET", "/housing", WRITES_REQUESTS },
	{ "GET", "/cases/:id/housing", WRITES_REQUESTS },
	{ "POST", "/cases/:id/housing", WRITES_REQUESTS },
	{ "GET", "/housing/requests/:id", WRITES_REQUESTS },
	{ "POST", "/housing/requests/:id/sheet", WRITES_REQUESTS },
	{ "POST", "/housing/requests/:id/send", WRITES_REQUESTS },
	{ "POST", "/housing/requests/:id/viewings", WRITES_REQUESTS },
	{ "POST", "/housing/requests/:id/progress", WRITES_REQUESTS },
	{ "GET", "/housing/requests/:id/sheet", WRITES_REQUESTS },
	{ "GET", "/housing/requests/:id/sheet.pdf", WRITES_REQUESTS },
	{ "POST", "/housing/concerns/:id/acknowledge", CARRIES_CASES | (1u << ROLE_PROVIDER) },	/* The forum, events, programmes, the plan and the calendar: every staff role reads them;
	 * the city and counsellors keep meetings and events, the city the rest. Peer support: the
	 * registry for the city and counsellors; a peer supporter logs their own activity. */
	{ "GET", "/meetings", STAFF },
	{ "GET", "/meetings/new", MANAGES_MEETINGS },
	{ "POST", "/meetings", MANAGES_MEETINGS },
	{ "GET", "/meetings/:id", STAFF },
	{ "POST", "/meetings/:id", MANAGES_MEETINGS },
	{ "POST", "/meetings/:id/attendance", MANAGES_MEETINGS },
	{ "POST", "/meetings/:id/attendance/remove", MANAGES_MEETINGS },
	{ "POST", "/meetings/:id/cases", MANAGES_MEETINGS },
	{ "POST", "/meetings/:id/actions", MANAGES_MEETINGS },
	{ "GET", "/meetings/:id/print", STAFF },
	{ "POST", "/actions/:id/done", STAFF },
	{ "GET", "/events", STAFF },
	{ "GET", "/events/new", MANAGES_MEETINGS },
	{ "POST", "/events", MANAGES_MEETINGS },
	{ "GET", "/events/:id", STAFF },
	{ "POST", "/events/:id", MANAGES_MEETINGS },
	{ "POST", "/events/:id/participation", MANAGES_MEETINGS },
	{ "POST", "/events/:id/firms", MANAGES_MEETINGS },
	{ "GET", "/peers", WRITES_REQUESTS },
	{ "POST", "/peers", CITY },
	{ "GET", "/peers/:id", WRITES_REQUESTS },
	{ "POST", "/peers/:id", CITY },
	{ "POST", "/cases/:id/peers", WRITES_REQUESTS },
	{ "POST", "/peer-assignments/:id/end", WRITES_REQUESTS },
	{ "POST", "/peer-assignments/:id/activities", WRITES_REQUESTS | (1u << ROLE_PEER) },
	{ "GET", "/programmes", STAFF },
	{ "POST", "/programmes", CITY },
	{ "POST", "/programmes/:id", CITY },
	{ "GET", "/plan", STAFF },
	{ "POST", "/plan/strength", CITY },
	{ "POST", "/plan/challenges", CITY },
	{ "POST", "/plan/challenges/:id", CITY },
	{ "GET", "/calendar", STAFF },
	{ "GET", "/calendar.ics", STAFF },
};
enum { NEXPECTED = sizeof expected / sizeof expected[0] };

static int find_expected(const struct route *r)
{
	for (int i = 0; i < NEXPECTED; i++)
		if (strcmp(expected[i].method, r->method) == 0 &&
		    strcmp(expected[i].pattern, r->pattern) == 0)
			return i;
	return -1;
}

static void test_route_role_matrix(void **state)
{
	int seen[NEXPECTED] = { 0 };
	int wrong = 0;
	for (size_t i = 0; i < pages_site.n; i++) {
		const struct route *r = &pages_site.routes[i];
		int k = find_expected(r);
		if (k < 0) {
			print_error("route %s %s is not in this test's table\n", r->method, r->pattern);
			wrong++;
			continue;
		}
		seen[k]++;
		bool is_public = strcmp(r->policy, POLICY_PUBLIC) == 0;
		if (is_public != ((expected[k].allowed & PUBLIC) != 0)) {
			print_error("route %s %s: public is %d\n", r->method, r->pattern, is_public);
			wrong++;
		}
		for (int role = ROLE_ADMIN; role <= ROLE_AUDITOR; role++) {
			bool want = (expected[k].allowed & (PUBLIC | 1u << role)) != 0;
			bool got = is_public || policy_scope((enum role)role, r->policy) != SCOPE_NONE;
			if (got != want) {
				print_error("route %s %s, role %s: %s, expected %s\n", r->method,
					    r->pattern, role_code((enum role)role),
					    got ? "allowed" : "denied", want ? "allowed" : "denied");
				wrong++;
			}
		}
		/* Nobody without a session gets past a non-public route. */
		if (!is_public && policy_scope(ROLE_NONE, r->policy) != SCOPE_NONE) {
			print_error("route %s %s is open to ROLE_NONE\n", r->method, r->pattern);
			wrong++;
		}
	}
	for (int k = 0; k < NEXPECTED; k++)
		if (seen[k] != 1) {
			print_error("expected route %s %s appears %d times in pages_site\n",
				    expected[k].method, expected[k].pattern, seen[k]);
			wrong++;
		}
	assert_int_equal(wrong, 0);
	assert_int_equal(pages_site.n, NEXPECTED);
}

static void test_route_table_passes_check(void **state)
{
	const char *msg = NULL;
	char buf[256];
	if (!router_check(&pages_site, &msg, buf, sizeof buf))
		fail_msg("router_check: %s", msg);
}

static void test_unknown_is_denied(void **state)
{
	for (int role = ROLE_NONE; role < ROLE_COUNT; role++) {
		assert_int_equal(policy_scope((enum role)role, "no.such.action"), SCOPE_NONE);
		assert_int_equal(policy_scope((enum role)role, ""), SCOPE_NONE);
		assert_int_equal(policy_scope((enum role)role, NULL), SCOPE_NONE);
		/* "public" is the router's word, not a grant in the table. */
		assert_int_equal(policy_scope((enum role)role, POLICY_PUBLIC), SCOPE_NONE);
	}
	static const char *const actions[] = { "home.view", "account.self", "directory.view",
					       "directory.manage", "users.manage", "audit.view" };
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		assert_true(policy_known(actions[i]));
		assert_int_equal(policy_scope(ROLE_NONE, actions[i]), SCOPE_NONE);
		assert_int_equal(policy_scope(ROLE_COUNT, actions[i]), SCOPE_NONE);
	}
	assert_true(policy_known(POLICY_PUBLIC));
	assert_false(policy_known("no.such.action"));
	assert_false(policy_known("HOME.VIEW"));
	assert_false(policy_known(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_role_matrix),
		cmocka_unit_test(test_route_table_passes_check),
		cmocka_unit_test(test_unknown_is_denied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
