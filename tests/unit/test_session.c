/*
 * test_session — login sessions on a real database: lookup, the token kept only as a hash, idle
 * and absolute timeouts, logout and disabling the user. Time is passed in ("now"), never read
 * from the clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "db/db.h"
#include "domain/directory.h"
#include "domain/setting.h"
#include "domain/user.h"
#include "error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { T0 = 1700000000 }; /* an arbitrary "now" */

struct fixture {
	char dir[32];    /* the temporary directory */
	char path[64];   /* the database file in it */
	struct arena *a; /* everything the calls return */
	struct db *db;   /* the open connection */
	int64_t user_id; /* the one user */
};

/* One argon2id hash for every test: hashing is deliberately slow. */
static char *pw_hash;
static struct arena *group_arena;

static int group_setup(void **state)
{
	if (!crypto_init())
		return -1;
	group_arena = arena_create(0);
	const char *msg;
	pw_hash = password_hash(group_arena, "a long enough password", &msg);
	return pw_hash ? 0 : -1;
}

static int group_teardown(void **state)
{
	arena_destroy(group_arena);
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/tsunagu-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->a = arena_create(0);
	const char *msg = NULL;
	if (db_open(f->path, true, &f->db, &msg, f->a) ||
	    directory_municipality_create(f->db, f->a, "221007", "静岡市", &msg))
		goto fail;
	struct organisation o = { .name = "葵区相談支援センター", .kind = "consultation_support",
				  .active = true };
	if (directory_org_save(f->db, f->a, &o, &msg))
		goto fail;
	struct user u = { .login = "alice", .display_name = "Alice", .organisation_id = o.id,
			  .role = ROLE_COUNSELOR, .lang = LANG_JA };
	if (user_create(f->db, f->a, &u, pw_hash, &msg))
		goto fail;
	f->user_id = u.id;
	*state = f;
	return 0;
fail:
	print_error("setup: %s\n", msg ? msg : "?");
	return -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a);
	db_close(f->db);
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char p[80];
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	test_free(f);
	return 0;
}

static int64_t sessions(struct fixture *f)
{
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT count(*) FROM session");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int(st, 0);
	db_reset(st);
	return n;
}

static int64_t seen_at(struct fixture *f)
{
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT seen_at FROM session");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int(st, 0);
	db_reset(st);
	return n;
}

static int lookup(struct fixture *f, const char *token, time_t now)
{
	struct session s;
	return session_lookup(f->db, f->a, token, now, &s);
}

static bool is_hex64(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void test_create_then_lookup(void **state)
{
	struct fixture *f = *state;
	struct session s;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s), 0);
	assert_true(is_hex64(s.token));
	assert_true(is_hex64(s.csrf));
	assert_string_not_equal(s.token, s.csrf);
	assert_int_equal(s.user.id, f->user_id);
	assert_string_equal(s.user.login, "alice");
	assert_int_equal(s.user.role, ROLE_COUNSELOR);

	struct session got;
	assert_int_equal(session_lookup(f->db, f->a, s.token, T0, &got), 0);
	assert_int_equal(got.user.id, f->user_id);
	assert_string_equal(got.token, s.token);
	assert_string_equal(got.csrf, s.csrf);
	assert_string_equal(got.user.organisation_name, "葵区相談支援センター");

	/* A second session is independent. */
	struct session s2;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s2), 0);
	assert_string_not_equal(s.token, s2.token);
	assert_int_equal(sessions(f), 2);
}

static void test_token_not_stored_in_clear(void **state)
{
	struct fixture *f = *state;
	struct session s;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s), 0);
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT * FROM session");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	/* No column holds the token, or any half of it, or its upper-case spelling. */
	char upper[65];
	for (int i = 0; i < 65; i++)
		upper[i] = (char)toupper((unsigned char)s.token[i]);
	for (int col = 0; col < 5; col++) {
		const char *v = db_column_text(st, col);
		if (!v)
			continue;
		assert_null(strstr(v, s.token));
		assert_null(strstr(v, upper));
		char half[33];
		memcpy(half, s.token, 32);
		half[32] = '\0';
		assert_null(strstr(v, half));
		memcpy(half, s.token + 32, 33);
		assert_null(strstr(v, half));
	}
	db_reset(st);
}

static void test_idle_timeout(void **state)
{
	struct fixture *f = *state;
	struct session s1, s2;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s1), 0);
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s2), 0);
	/* 900 s idle is still in time; 901 s is not, and the row goes. */
	assert_int_equal(lookup(f, s2.token, T0 + 900), 0);
	assert_int_equal(lookup(f, s1.token, T0 + 901), ERR_NOTFOUND);
	assert_int_equal(sessions(f), 1);
	assert_int_equal(lookup(f, s1.token, T0), ERR_NOTFOUND);
	/* s2 was seen at T0 + 900, so it lives until T0 + 1800. */
	assert_int_equal(lookup(f, s2.token, T0 + 1800), 0);

	/* The idle limit is a setting. */
	assert_int_equal(setting_set_int(f->db, "session_idle_seconds", 60), 0);
	assert_int_equal(lookup(f, s2.token, T0 + 1861), ERR_NOTFOUND);
	assert_int_equal(sessions(f), 0);
}

static void test_touch_at_most_once_a_minute(void **state)
{
	struct fixture *f = *state;
	struct session s;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s), 0);
	assert_int_equal(lookup(f, s.token, T0 + 59), 0);
	assert_int_equal(seen_at(f), T0);
	assert_int_equal(lookup(f, s.token, T0 + 60), 0);
	assert_int_equal(seen_at(f), T0 + 60);
	/* Seen at T0 + 600, so T0 + 1400 (800 s later) is in time though 1400 s passed. */
	assert_int_equal(lookup(f, s.token, T0 + 600), 0);
	assert_int_equal(lookup(f, s.token, T0 + 1400), 0);
}

static void test_absolute_timeout(void **state)
{
	struct fixture *f = *state;
	struct session s;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s), 0);
	/* Busy all day: never idle, yet eight hours after login it ends. */
	for (int t = 600; t <= 28800; t += 600)
		if (lookup(f, s.token, T0 + t) != 0)
			fail_msg("session ended early, at +%d s", t);
	assert_int_equal(lookup(f, s.token, T0 + 29400), ERR_NOTFOUND);
	assert_int_equal(sessions(f), 0);
}

static void test_session_end(void **state)
{
	struct fixture *f = *state;
	struct session s1, s2;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s1), 0);
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s2), 0);
	assert_int_equal(session_end(f->db, f->a, s1.token), 0);
	assert_int_equal(lookup(f, s1.token, T0 + 1), ERR_NOTFOUND);
	assert_int_equal(lookup(f, s2.token, T0 + 1), 0); /* only that one ended */
	/* Ending one that is gone, or a malformed token, is not an error. */
	assert_int_equal(session_end(f->db, f->a, s1.token), 0);
	assert_int_equal(session_end(f->db, f->a, "garbage"), 0);
	assert_int_equal(session_end(f->db, f->a, NULL), 0);
}

static void test_disabled_user(void **state)
{
	struct fixture *f = *state;
	struct session s1, s2;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s1), 0);
	assert_int_equal(user_set_disabled(f->db, f->a, f->user_id, true), 0);
	assert_int_equal(lookup(f, s1.token, T0 + 1), ERR_NOTFOUND);
	assert_int_equal(sessions(f), 0);

	/* Even a session row that survived (a direct database edit) is refused. */
	assert_int_equal(user_set_disabled(f->db, f->a, f->user_id, false), 0);
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s2), 0);
	assert_int_equal(db_exec(f->db, "UPDATE app_user SET disabled = 1"), 0);
	assert_int_equal(lookup(f, s2.token, T0 + 1), ERR_NOTFOUND);
	assert_int_equal(sessions(f), 0);
}

static void test_malformed_tokens(void **state)
{
	struct fixture *f = *state;
	struct session s;
	assert_int_equal(session_create(f->db, f->a, f->user_id, T0, &s), 0);
	char upper[65], changed[65], longer[66], shorter[64];
	for (int i = 0; i < 65; i++)
		upper[i] = (char)toupper((unsigned char)s.token[i]);
	memcpy(changed, s.token, 65);
	changed[10] = changed[10] == 'a' ? 'b' : 'a';
	memcpy(longer, s.token, 64);
	longer[64] = '0';
	longer[65] = '\0';
	memcpy(shorter, s.token, 63);
	shorter[63] = '\0';
	const char *bad[] = {
		NULL, "", "abc", shorter, longer, upper, changed,
		"gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
		"' OR 1=1 --",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lookup(f, bad[i], T0) != ERR_NOTFOUND)
			fail_msg("token #%zu was accepted", i);
	/* None of that ended the real session. */
	assert_int_equal(lookup(f, s.token, T0), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_then_lookup),
		T(test_token_not_stored_in_clear),
		T(test_idle_timeout),
		T(test_touch_at_most_once_a_minute),
		T(test_absolute_timeout),
		T(test_session_end),
		T(test_disabled_user),
		T(test_malformed_tokens),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
