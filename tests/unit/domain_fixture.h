/*
 * domain_fixture — a fresh database for the domain tests (test_person, test_case, test_access):
 * Shizuoka City with its three wards, the organisations the rules tell apart, and one user to
 * sign the records, all made through the domain functions in a temporary directory that the
 * teardown removes. "Today" is fixed (FIXTURE_TODAY), so the tests mean the same on any day.
 *
 * Included by those test files only, after <cmocka.h>; the helpers are static inline so that
 * each file uses what it needs. Each helper asserts that its step succeeded.
 */
#ifndef TSUNAGU_DOMAIN_FIXTURE_H
#define TSUNAGU_DOMAIN_FIXTURE_H

#include "arena.h"
#include "db/db.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/peer.h"
#include "domain/person.h"
#include "domain/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE_TODAY "2025-06-15"
#define AOI "221015"
#define SURUGA "221023"
#define SHIMIZU "221031"

struct fixture {
	char dir[40];        /* the temporary directory */
	char path[64];       /* the database file in it */
	struct arena *a;     /* statements and rows read */
	struct db *db;       /* the open connection */
	int64_t office;      /* 静岡市 障害福祉課 (city_office) */
	int64_t counsel_a;   /* a consultation-support office of 葵区 */
	int64_t counsel_b;   /* one of 駿河区 */
	int64_t hospital;    /* a psychiatric hospital */
	int64_t hospital2;   /* another */
	int64_t clinic;      /* a clinic: not a psychiatric hospital */
	int64_t group_home;  /* a provider */
	int64_t elderly;     /* a community comprehensive support centre */
	int64_t peer;        /* a peer group */
	int64_t agent;       /* a real-estate agent */
	int64_t closed_down; /* an inactive organisation */
	int64_t user;        /* who signs stage changes and consents */
};

static inline int64_t fixture_org(struct fixture *f, const char *name, const char *kind,
				  const char *ward, bool active)
{
	struct organisation o = { .name = (char *)name, .kind = (char *)kind, .ward_code = (char *)ward,
				  .active = active };
	const char *msg = NULL;
	assert_int_equal(directory_org_save(f->db, f->a, &o, &msg), 0);
	return o.id;
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/tsunagu-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->a = arena_create(0);
	const char *msg = NULL;
	if (db_open(f->path, true, &f->db, &msg, f->a)) {
		print_error("db_open: %s\n", msg ? msg : "?");
		return -1;
	}
	static const char *const wards[][2] = { { AOI, "葵区" }, { SURUGA, "駿河区" }, { SHIMIZU, "清水区" } };
	if (directory_municipality_create(f->db, f->a, "221007", "静岡市", &msg))
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (directory_ward_add(f->db, f->a, wards[i][0], wards[i][1], &msg))
			return -1;
	f->office = fixture_org(f, "静岡市 障害福祉課", "city_office", NULL, true);
	f->counsel_a = fixture_org(f, "相談支援センターA", "consultation_support", AOI, true);
	f->counsel_b = fixture_org(f, "相談支援センターB", "consultation_support", SURUGA, true);
	f->hospital = fixture_org(f, "病院H", "psychiatric_hospital", AOI, true);
	f->hospital2 = fixture_org(f, "病院I", "psychiatric_hospital", SHIMIZU, true);
	f->clinic = fixture_org(f, "クリニックC", "clinic", AOI, true);
	f->group_home = fixture_org(f, "グループホームG", "group_home", SURUGA, true);
	f->elderly = fixture_org(f, "地域包括支援センターE", "elderly_support_centre", SURUGA, true);
	f->peer = fixture_org(f, "ピアサポートP", "peer_group", NULL, true);
	f->agent = fixture_org(f, "不動産R", "real_estate", SURUGA, true);
	f->closed_down = fixture_org(f, "閉所した事業所", "day_service", AOI, false);
	struct user u = { .login = "fixture", .display_name = "試験 太郎", .organisation_id = f->office,
			  .role = ROLE_CITY };
	if (user_create(f->db, f->a, &u, "not-a-hash", &msg))
		return -1;
	f->user = u.id;
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a); /* finalises the statements before the connection closes */
	db_close(f->db);
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[80];
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	test_free(f);
	return 0;
}

/* A person of ward with these names and kana, born on birth; registered by registered_by (0:
 * imported). */
static inline int64_t fixture_person(struct fixture *f, const char *family, const char *given,
				     const char *family_kana, const char *given_kana, const char *birth,
				     const char *ward, int64_t registered_by)
{
	struct person p = { .family_name = (char *)family, .given_name = (char *)given,
			    .family_kana = (char *)family_kana, .given_kana = (char *)given_kana,
			    .birth_date = (char *)birth, .ward_code = (char *)ward,
			    .registered_by = registered_by };
	const char *field = NULL, *msg = NULL;
	int rc = person_save(f->db, f->a, &p, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("person_save: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
	return p.id;
}

/* An admission at hospital from admitted (to discharged, home; NULL: still in hospital). */
static inline int64_t fixture_stay(struct fixture *f, int64_t person, int64_t hospital,
				   const char *admitted, const char *discharged)
{
	struct admission ad = { .person_id = person, .hospital_id = hospital, .admitted_on = (char *)admitted,
				.admission_type = "medical_protection", .discharged_on = (char *)discharged,
				.discharge_destination = discharged ? "home" : NULL };
	const char *field = NULL, *msg = NULL;
	int rc = admission_add(f->db, f->a, &ad, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("admission_add: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
	return ad.id;
}

/* A case of person led by lead (on the team as counselor), referred on opened. */
static inline int64_t fixture_case(struct fixture *f, int64_t person, int64_t lead, const char *opened)
{
	struct support_case c = { .person_id = person, .lead_org_id = lead, .stage = "referred",
				  .opened_on = (char *)opened };
	const char *field = NULL, *msg = NULL;
	int rc = case_open(f->db, f->a, &c, "counselor", f->user, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("case_open: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
	return c.id;
}

/* Puts org on the team of case_id in role, from on; returns the membership's id. */
static inline int64_t fixture_member(struct fixture *f, int64_t case_id, int64_t org, const char *role,
				     const char *on)
{
	const char *field = NULL, *msg = NULL;
	assert_int_equal(case_team_add(f->db, f->a, case_id, org, role, on, FIXTURE_TODAY, &field, &msg), 0);
	struct case_team_member *m;
	size_t n;
	assert_int_equal(case_team(f->db, f->a, case_id, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (m[i].organisation_id == org && strcmp(m[i].team_role, role) == 0)
			return m[i].id;
	fail_msg("the member just added is not on the team");
	return 0;
}

/* A login of role peer in the peer group, and the peer supporter it is; returns the user's id
 * and sets *supporter. */
static inline int64_t fixture_peer_user(struct fixture *f, const char *login, int64_t *supporter)
{
	const char *msg = NULL, *field = NULL;
	struct user u = { .login = (char *)login, .display_name = "ピア 試験", .organisation_id = f->peer,
			  .role = ROLE_PEER };
	assert_int_equal(user_create(f->db, f->a, &u, "not-a-hash", &msg), 0);
	struct peer_supporter p = { .name = (char *)login, .organisation_id = f->peer, .user_id = u.id,
				    .level = "none", .active = true };
	int rc = peer_save(f->db, f->a, "221007", &p, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("peer_save: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
	*supporter = p.id;
	return u.id;
}

/* Assigns peer supporter to case_id from the day from, as the domain judges it on today (the
 * group on the team and the peer_support consent in force then). */
static inline void fixture_peer_assign(struct fixture *f, int64_t supporter, int64_t case_id, const char *from,
				       const char *today)
{
	const char *msg = NULL, *field = NULL;
	struct peer_assignment r = { .peer_id = supporter, .case_id = case_id, .from_on = (char *)from };
	int rc = peer_assignment_add(f->db, f->a, &r, today, &field, &msg);
	if (rc)
		print_error("peer_assignment_add: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
}

#endif
