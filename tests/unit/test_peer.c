/*
 * test_peer — peer support (domain/peer.c): the registry (a login of role peer of the same
 * organisation, once; a training date exactly with a level, not in the future; not deactivated
 * with open assignments), assignments (refused without the peer_support consent — not granted,
 * expired, revoked — with nothing stored; the peer group on the care team; an active supporter;
 * not twice; ending), the activity log (day, kind, minutes 1–1440, a short note; nothing new after
 * the consent is revoked) and the hours totals. A fresh database for each test
 * (domain_fixture.h), "today" fixed at FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/peer.h"
#include "error.h"

/* A case with the peer group on its team, its peer_support consent (when consent), a peer
 * login of the group and its registered supporter. */
struct world {
	int64_t case_id;  /* the case, opened 2025-01-10 */
	int64_t login;    /* a user of role peer of the peer group */
	int64_t peer;     /* the supporter with that login */
	int64_t consent;  /* the consent's id, 0 when none */
};

static int64_t user(struct fixture *f, const char *login, int64_t org, enum role role)
{
	struct user u = { .login = (char *)login, .display_name = "ピア 翔", .organisation_id = org, .role = role };
	const char *msg = NULL;
	assert_int_equal(user_create(f->db, f->a, &u, "not-a-hash", &msg), 0);
	return u.id;
}

static int64_t grant(struct fixture *f, int64_t case_id, const char *on, const char *expires)
{
	const char *field = NULL, *msg = NULL;
	assert_int_equal(case_consent_grant(f->db, f->a, case_id, "peer_support", on, expires, f->user, FIXTURE_TODAY,
					    &field, &msg), 0);
	struct case_consent *k;
	size_t n;
	assert_int_equal(case_consents(f->db, f->a, case_id, FIXTURE_TODAY, &k, &n), 0);
	int64_t newest = 0;
	for (size_t i = 0; i < n; i++)
		newest = k[i].id > newest ? k[i].id : newest;
	return newest;
}

static int save(struct fixture *f, struct peer_supporter *p, const char **field)
{
	const char *fld = NULL, *msg = NULL;
	int rc = peer_save(f->db, f->a, "221007", p, FIXTURE_TODAY, &fld, &msg);
	if (field)
		*field = fld;
	return rc;
}

static struct world world(struct fixture *f, bool consent)
{
	struct world w = { 0 };
	int64_t person = fixture_person(f, "山田", "花子", "ヤマダ", "ハナコ", "1970-04-01", AOI, f->counsel_a);
	w.case_id = fixture_case(f, person, f->counsel_a, "2025-01-10");
	fixture_member(f, w.case_id, f->peer, "peer_supporter", "2025-01-20");
	if (consent)
		w.consent = grant(f, w.case_id, "2025-02-01", NULL);
	w.login = user(f, "peer1", f->peer, ROLE_PEER);
	struct peer_supporter p = { .name = "ピア 翔", .user_id = w.login, .level = "basic", .trained_on = "2024-11-30",
				    .active = true };
	const char *field = NULL;
	int rc = save(f, &p, &field);
	if (rc)
		fail_msg("peer_save: %d %s", rc, field ? field : "?");
	w.peer = p.id;
	return w;
}

static int assign(struct fixture *f, int64_t peer, int64_t case_id, const char *from, int64_t *id,
		  const char **field)
{
	struct peer_assignment r = { .peer_id = peer, .case_id = case_id, .from_on = (char *)from };
	const char *fld = NULL, *msg = NULL;
	int rc = peer_assignment_add(f->db, f->a, &r, FIXTURE_TODAY, &fld, &msg);
	if (id)
		*id = r.id;
	if (field)
		*field = fld;
	if (rc == ERR_INVALID || rc == ERR_CONFLICT)
		assert_non_null(msg);
	return rc;
}

static int log_activity(struct fixture *f, int64_t assignment, const char *on, const char *kind, int minutes,
			const char *note, const char **field)
{
	struct peer_activity r = { .assignment_id = assignment, .done_on = (char *)on, .kind = (char *)kind,
				   .minutes = minutes, .note = (char *)note };
	const char *fld = NULL, *msg = NULL;
	int rc = peer_activity_log(f->db, f->a, &r, f->user, FIXTURE_TODAY, &fld, &msg);
	if (field)
		*field = fld;
	return rc;
}

static size_t assignments(struct fixture *f, int64_t case_id)
{
	struct peer_assignment *v;
	size_t n;
	assert_int_equal(peer_assignments_of_case(f->db, f->a, case_id, &v, &n), 0);
	return n;
}

/* ---- the registry ---- */

static void test_registry(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, false);
	struct peer_supporter g;
	assert_int_equal(peer_get(f->db, f->a, w.peer, &g), 0);
	assert_string_equal(g.name, "ピア 翔");
	assert_int_equal(g.organisation_id, f->peer); /* taken from the login */
	assert_string_equal(g.organisation_name, "ピアサポートP");
	assert_string_equal(g.login, "peer1");
	assert_string_equal(g.level, "basic");
	assert_string_equal(g.trained_on, "2024-11-30");
	assert_true(g.active);
	assert_int_equal(peer_by_user(f->db, f->a, w.login, &g), 0);
	assert_int_equal(g.id, w.peer);
	assert_int_equal(peer_by_user(f->db, f->a, f->user, &g), ERR_NOTFOUND);

	const char *field = NULL;
	struct peer_supporter p = { .name = "ピア 二郎", .organisation_id = f->peer, .level = "none", .active = true };
	p.trained_on = "2025-01-01";
	assert_int_equal(save(f, &p, &field), ERR_INVALID); /* a date without a level */
	assert_string_equal(field, "trained_on");
	p.level = "advanced";
	p.trained_on = NULL;
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "trained_on");
	p.trained_on = "2025-06-16"; /* tomorrow */
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	p.trained_on = "2025-06-15";
	p.level = "expert";
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "level");
	p.level = "advanced";
	p.name = " ";
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "name");
	p.name = "ピア 二郎";
	p.organisation_id = f->closed_down;
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "organisation_id");
	/* A login: of role peer, of the same organisation, of no other supporter. */
	p.organisation_id = f->peer;
	p.user_id = f->user; /* a city user */
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "user_id");
	p.user_id = user(f, "peer-elsewhere", f->group_home, ROLE_PEER);
	assert_int_equal(save(f, &p, &field), ERR_INVALID);
	assert_string_equal(field, "user_id");
	p.user_id = w.login;
	assert_int_equal(save(f, &p, &field), ERR_CONFLICT);
	assert_string_equal(field, "user_id");
	p.user_id = 0;
	assert_int_equal(save(f, &p, &field), 0);

	struct peer_supporter *v;
	size_t n;
	assert_int_equal(peer_list(f->db, f->a, &v, &n), 0);
	assert_int_equal(n, 2);

	/* Update: a supporter without organisation or login is kept as such. */
	p.organisation_id = 0;
	p.level = "none";
	p.trained_on = "";
	p.active = false;
	assert_int_equal(save(f, &p, &field), 0);
	assert_int_equal(peer_get(f->db, f->a, p.id, &g), 0);
	assert_int_equal(g.organisation_id, 0);
	assert_null(g.trained_on);
	assert_false(g.active);
	assert_int_equal(peer_list(f->db, f->a, &v, &n), 0);
	assert_int_equal(v[0].id, w.peer); /* active first */
	p.id += 100;
	assert_int_equal(save(f, &p, &field), ERR_NOTFOUND);
}

/* ---- assignments ---- */

static void test_assign_needs_consent(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, false);
	const char *field = NULL;
	/* Never granted. */
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "peer_id");
	assert_int_equal(assignments(f, w.case_id), 0);
	/* Granted but expired before today. */
	grant(f, w.case_id, "2025-02-01", "2025-06-14");
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "peer_id");
	/* Granted again and revoked. */
	int64_t k = grant(f, w.case_id, "2025-03-01", NULL);
	const char *fld = NULL, *msg = NULL;
	assert_int_equal(case_consent_revoke(f->db, f->a, w.case_id, k, "2025-06-10", FIXTURE_TODAY, &fld, &msg), 0);
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_int_equal(assignments(f, w.case_id), 0);
	/* In force: assigned, but not from before the consent was granted. */
	grant(f, w.case_id, "2025-05-01", NULL);
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-04-30", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "from_on");
	int64_t id = 0;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-05-01", &id, &field), 0);
	assert_true(id > 0);
	assert_int_equal(assignments(f, w.case_id), 1);
}

static void test_assign_rules(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, true);
	const char *field = NULL;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-16", NULL, &field), ERR_INVALID); /* tomorrow */
	assert_string_equal(field, "from_on");
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-13-01", NULL, &field), ERR_INVALID);
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-01-09", NULL, &field), ERR_INVALID); /* before opening */
	assert_string_equal(field, "from_on");
	assert_int_equal(assign(f, w.peer + 100, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "peer_id");
	assert_int_equal(assign(f, w.peer, w.case_id + 100, "2025-06-01", NULL, &field), ERR_NOTFOUND);

	/* A supporter whose group is not on the care team, or who has no group. */
	struct peer_supporter other = { .name = "ピア 三郎", .organisation_id = f->group_home, .level = "none",
					.active = true };
	assert_int_equal(save(f, &other, &field), 0);
	assert_int_equal(assign(f, other.id, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "peer_id");
	struct peer_supporter loose = { .name = "ピア 四郎", .level = "none", .active = true };
	assert_int_equal(save(f, &loose, &field), 0);
	assert_int_equal(assign(f, loose.id, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	/* An inactive one. */
	struct peer_supporter idle = { .name = "ピア 五郎", .organisation_id = f->peer, .level = "none", .active = false };
	assert_int_equal(save(f, &idle, &field), 0);
	assert_int_equal(assign(f, idle.id, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_int_equal(assignments(f, w.case_id), 0);

	int64_t id = 0;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-01", &id, &field), 0);
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-02", NULL, &field), ERR_CONFLICT);
	struct peer_supporter g;
	assert_int_equal(peer_get(f->db, f->a, w.peer, &g), 0);
	assert_int_equal(g.open_assignments, 1);
	/* Not deactivated while assigned. */
	g.active = false;
	assert_int_equal(save(f, &g, &field), ERR_CONFLICT);
	assert_string_equal(field, "active");

	/* Ended today; once only; then assignable again. */
	const char *msg = NULL;
	assert_int_equal(peer_assignment_close(f->db, f->a, id, FIXTURE_TODAY, &field, &msg), 0);
	struct peer_assignment s;
	assert_int_equal(peer_assignment_get(f->db, f->a, id, &s), 0);
	assert_string_equal(s.until_on, FIXTURE_TODAY);
	assert_int_equal(peer_assignment_close(f->db, f->a, id, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_int_equal(peer_assignment_close(f->db, f->a, id + 100, FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
	assert_int_equal(save(f, &g, &field), 0); /* now it may be marked inactive */
	g.active = true;
	assert_int_equal(save(f, &g, &field), 0);
	assert_int_equal(assign(f, w.peer, w.case_id, FIXTURE_TODAY, NULL, &field), 0);
	assert_int_equal(assignments(f, w.case_id), 2);
}

static void test_assign_closed_case(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, true);
	const char *field = NULL, *msg = NULL;
	assert_int_equal(case_set_stage(f->db, f->a, w.case_id, "closed", "withdrawn", "2025-06-01", f->user,
					FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-06-01", NULL, &field), ERR_INVALID);
	assert_int_equal(assignments(f, w.case_id), 0);
}

/* ---- activity ---- */

static void test_activity_validation(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, true);
	int64_t id = 0;
	const char *field = NULL;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-05-01", &id, &field), 0);
	struct {
		const char *on, *kind;
		int minutes;
		const char *note;
		const char *field; /* the refusal names, NULL: accepted */
	} cases[] = {
		{ "2025-06-16", "visit", 60, NULL, "done_on" },  /* tomorrow */
		{ "2025-04-30", "visit", 60, NULL, "done_on" },  /* before the assignment */
		{ "2025-06-31", "visit", 60, NULL, "done_on" },
		{ "2025-06-10", "chat", 60, NULL, "kind" },
		{ "2025-06-10", NULL, 60, NULL, "kind" },
		{ "2025-06-10", "visit", 0, NULL, "minutes" },
		{ "2025-06-10", "visit", -5, NULL, "minutes" },
		{ "2025-06-10", "visit", 1441, NULL, "minutes" },
		{ "2025-06-10", "visit", 1, NULL, NULL },
		{ "2025-06-10", "group", 1440, "", NULL },
		{ "2025-05-01", "accompany", 90, "通院に同行", NULL },
		{ FIXTURE_TODAY, "phone", 15, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = log_activity(f, id, cases[i].on, cases[i].kind, cases[i].minutes, cases[i].note, &field);
		if (cases[i].field) {
			assert_int_equal(rc, ERR_INVALID);
			assert_string_equal(field, cases[i].field);
		} else {
			assert_int_equal(rc, 0);
		}
	}
	char note[PEER_NOTE_MAX + 2];
	memset(note, 'a', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	assert_int_equal(log_activity(f, id, "2025-06-10", "visit", 30, note, &field), ERR_INVALID);
	assert_string_equal(field, "note");
	assert_int_equal(log_activity(f, id + 100, "2025-06-10", "visit", 30, NULL, &field), ERR_NOTFOUND);

	struct peer_activity *v;
	size_t n;
	assert_int_equal(peer_activities(f->db, f->a, id, 0, &v, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].done_on, FIXTURE_TODAY); /* latest first */
	assert_string_equal(v[3].note, "通院に同行");
	assert_null(v[1].note); /* empty is none */
	assert_int_equal(peer_activities(f->db, f->a, id, 2, &v, &n), 0);
	assert_int_equal(n, 2);

	/* After the end, a day within the assignment may still be logged; one after it not. */
	const char *msg = NULL;
	assert_int_equal(peer_assignment_close(f->db, f->a, id, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(log_activity(f, id, "2025-06-14", "visit", 30, NULL, &field), 0);
}

static void test_no_activity_after_revocation(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, true);
	int64_t id = 0;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-05-01", &id, &field), 0);
	assert_int_equal(log_activity(f, id, "2025-06-01", "visit", 60, NULL, &field), 0);

	/* The peer sees the case now, as its assignment shows. */
	struct access acc = { .role = ROLE_PEER, .organisation_id = f->peer, .user_id = w.login, .today = FIXTURE_TODAY };
	struct peer_assignment *v;
	size_t n;
	assert_int_equal(peer_assignments_of_peer(f->db, f->a, &acc, w.peer, true, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_true(v[0].visible);
	assert_string_equal(v[0].given_name, "花子");
	assert_int_equal(v[0].minutes, 60);

	assert_int_equal(case_consent_revoke(f->db, f->a, w.case_id, w.consent, "2025-06-12", FIXTURE_TODAY, &field, &msg),
			 0);
	/* Nothing new, not even for a day before the revocation. */
	assert_int_equal(log_activity(f, id, "2025-06-11", "visit", 60, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "assignment");
	assert_int_equal(log_activity(f, id, FIXTURE_TODAY, "phone", 10, NULL, &field), ERR_INVALID);
	struct peer_activity *act;
	assert_int_equal(peer_activities(f->db, f->a, id, 0, &act, &n), 0);
	assert_int_equal(n, 1);
	/* And the peer no longer learns whose case it is. */
	assert_int_equal(peer_assignments_of_peer(f->db, f->a, &acc, w.peer, true, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_false(v[0].visible);
	assert_null(v[0].person_name);
	assert_null(v[0].given_name);
	/* The city still does. */
	struct access city = { .role = ROLE_CITY, .organisation_id = f->office, .user_id = f->user, .today = FIXTURE_TODAY };
	assert_int_equal(peer_assignments_of_peer(f->db, f->a, &city, w.peer, false, &v, &n), 0);
	assert_true(v[0].visible);
	assert_string_equal(v[0].person_name, "山田 花子");
}

/* ---- hours ---- */

static void test_hours(void **state)
{
	struct fixture *f = *state;
	struct world w = world(f, true);
	int64_t id = 0;
	const char *field = NULL;
	assert_int_equal(assign(f, w.peer, w.case_id, "2025-04-01", &id, &field), 0);
	assert_int_equal(log_activity(f, id, "2025-04-30", "visit", 45, NULL, &field), 0);
	assert_int_equal(log_activity(f, id, "2025-05-01", "visit", 90, NULL, &field), 0);
	assert_int_equal(log_activity(f, id, "2025-05-31", "phone", 20, NULL, &field), 0);
	assert_int_equal(log_activity(f, id, "2025-06-01", "group", 120, NULL, &field), 0);
	int m = -1;
	assert_int_equal(peer_minutes(f->db, f->a, w.peer, "2025-05-01", "2025-05-31", &m), 0);
	assert_int_equal(m, 110); /* both ends of the month included, its neighbours not */
	assert_int_equal(peer_minutes(f->db, f->a, w.peer, "2025-04-01", "2026-03-31", &m), 0);
	assert_int_equal(m, 275);
	assert_int_equal(peer_minutes(f->db, f->a, w.peer + 1, "2025-04-01", "2026-03-31", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(peer_minutes(f->db, f->a, w.peer, "2025-05", "2025-05-31", &m), ERR_INVALID);
	struct peer_assignment s;
	assert_int_equal(peer_assignment_get(f->db, f->a, id, &s), 0);
	assert_int_equal(s.minutes, 275);
	int h, r;
	peer_hours(275, &h, &r);
	assert_int_equal(h, 4);
	assert_int_equal(r, 35);
	peer_hours(60, &h, &r);
	assert_int_equal(h, 1);
	assert_int_equal(r, 0);
	peer_hours(-3, &h, &r);
	assert_int_equal(h, 0);
	assert_int_equal(r, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_registry, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_assign_needs_consent, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_assign_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_assign_closed_case, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_activity_validation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_no_activity_after_revocation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_hours, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
