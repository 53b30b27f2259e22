/*
 * test_throttle — login throttling per login name and per address, over a window of time passed
 * in as "now" (the defaults from the foundation migration: 5 per login, 20 per address, 900 s).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "auth/crypto.h"
#include "auth/throttle.h"
#include "db/db.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { T0 = 1700000000, WINDOW = 900 };

#define ADDR1 "192.0.2.1"
#define ADDR2 "198.51.100.7"

struct fixture {
	char dir[32];    /* the temporary directory */
	char path[64];   /* the database file in it */
	struct arena *a; /* statements and keys */
	struct db *db;   /* the open connection */
};

static int group_setup(void **state)
{
	return crypto_init() ? 0 : -1;
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
	if (db_open(f->path, true, &f->db, &msg, f->a)) {
		print_error("db_open: %s\n", msg ? msg : "?");
		return -1;
	}
	*state = f;
	return 0;
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

static void fail_n(struct fixture *f, const char *login, const char *addr, int n, time_t at)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(throttle_fail(f->db, f->a, login, addr, at), 0);
}

static int check(struct fixture *f, const char *login, const char *addr, time_t now)
{
	int64_t retry = -1;
	return throttle_check(f->db, f->a, login, addr, now, &retry);
}

static int64_t count(struct fixture *f, const char *sql)
{
	struct db_stmt *st = db_prepare(f->db, f->a, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int(st, 0);
	db_reset(st);
	return n;
}

static void test_per_login(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(throttle_fail(f->db, f->a, "alice", ADDR1, T0 + i), 0);
	assert_int_equal(check(f, "alice", ADDR1, T0 + 10), 0); /* four is not yet too many */
	assert_int_equal(throttle_fail(f->db, f->a, "alice", ADDR1, T0 + 4), 0);

	int64_t retry = 0;
	assert_int_equal(throttle_check(f->db, f->a, "alice", ADDR1, T0 + 10, &retry), ERR_THROTTLED);
	assert_true(retry > 0);
	assert_true(retry <= WINDOW);
	/* From any address: it is the account that is being guessed. */
	assert_int_equal(check(f, "alice", ADDR2, T0 + 10), ERR_THROTTLED);
	/* Another login is unaffected, from another address or from the same one (5 < 20). */
	assert_int_equal(check(f, "bob", ADDR2, T0 + 10), 0);
	assert_int_equal(check(f, "bob", ADDR1, T0 + 10), 0);
	/* Waiting as long as told is enough. */
	assert_int_equal(check(f, "alice", ADDR1, T0 + 10 + retry), 0);
}

static void test_per_address(void **state)
{
	struct fixture *f = *state;
	/* One guess each at 19 different logins from one address. */
	char login[16];
	for (int i = 0; i < 19; i++) {
		snprintf(login, sizeof login, "user%02d", i);
		fail_n(f, login, ADDR1, 1, T0 + i);
	}
	assert_int_equal(check(f, "newcomer", ADDR1, T0 + 30), 0);
	fail_n(f, "user19", ADDR1, 1, T0 + 19);

	int64_t retry = 0;
	assert_int_equal(throttle_check(f->db, f->a, "newcomer", ADDR1, T0 + 30, &retry), ERR_THROTTLED);
	assert_true(retry > 0);
	/* The same login from elsewhere is fine. */
	assert_int_equal(check(f, "newcomer", ADDR2, T0 + 30), 0);
	/* Without an address only the login counts. */
	assert_int_equal(check(f, "newcomer", NULL, T0 + 30), 0);
}

/* retry_after is what a refused user is told to wait (the Retry-After header): waiting exactly
 * that long must be enough, and waiting a little less must not be needed. */
static void assert_retry_exact(struct fixture *f, const char *login, const char *addr, time_t now)
{
	int64_t retry = 0;
	assert_int_equal(throttle_check(f->db, f->a, login, addr, now, &retry), ERR_THROTTLED);
	assert_true(retry > 0);
	assert_int_equal(check(f, login, addr, now + retry), 0);
	assert_int_equal(check(f, login, addr, now + retry - 2), ERR_THROTTLED);
}

static void test_retry_after_covers_both_keys(void **state)
{
	struct fixture *f = *state;
	/* alice's five failures are old; her address's twenty are recent. */
	fail_n(f, "alice", ADDR2, 5, T0);
	char login[16];
	for (int i = 0; i < 20; i++) {
		snprintf(login, sizeof login, "user%02d", i);
		fail_n(f, login, ADDR1, 1, T0 + 500);
	}
	/* The login frees up at T0 + 900, the address only at T0 + 1400. */
	assert_retry_exact(f, "alice", ADDR1, T0 + 600);
}

static void test_retry_after_with_lowered_limit(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 5; i++)
		fail_n(f, "alice", ADDR1, 1, T0 + 100 * i);
	/* The city lowers the limit to 3: three failures (T0, +100, +200) must age out, not one. */
	assert_int_equal(db_exec(f->db, "UPDATE setting SET value = '3'"
					" WHERE key = 'login_max_failures_per_login'"),
			 0);
	assert_retry_exact(f, "alice", ADDR2, T0 + 450);
}

static void test_old_failures_ignored(void **state)
{
	struct fixture *f = *state;
	fail_n(f, "alice", ADDR1, 5, T0);
	assert_int_equal(check(f, "alice", ADDR1, T0 + WINDOW - 1), ERR_THROTTLED);
	assert_int_equal(check(f, "alice", ADDR1, T0 + WINDOW), 0);
	assert_int_equal(check(f, "alice", ADDR1, T0 + 5000), 0);

	/* A new failure prunes the rows that left the window. */
	fail_n(f, "carol", ADDR2, 1, T0 + 5000);
	assert_int_equal(count(f, "SELECT count(*) FROM login_failure"), 2);

	/* The window is a setting. */
	assert_int_equal(db_exec(f->db, "UPDATE setting SET value = '10000'"
					" WHERE key = 'login_failure_window_seconds'"),
			 0);
	fail_n(f, "dave", ADDR2, 4, T0 + 5001);
	assert_int_equal(check(f, "dave", ADDR1, T0 + 9000), 0);
	fail_n(f, "dave", ADDR2, 1, T0 + 5002);
	assert_int_equal(check(f, "dave", ADDR1, T0 + 9000), ERR_THROTTLED);
}

static void test_clear_forgets_login_only(void **state)
{
	struct fixture *f = *state;
	fail_n(f, "alice", ADDR1, 5, T0);
	assert_int_equal(check(f, "alice", ADDR1, T0 + 1), ERR_THROTTLED);
	fail_n(f, "bob", ADDR1, 2, T0);
	assert_int_equal(throttle_clear(f->db, f->a, "alice"), 0);
	assert_int_equal(check(f, "alice", ADDR1, T0 + 1), 0);
	/* The address keeps all seven failures; bob keeps his two. */
	assert_int_equal(count(f, "SELECT count(*) FROM login_failure WHERE key_kind = 'addr'"), 7);
	assert_int_equal(count(f, "SELECT count(*) FROM login_failure WHERE key_kind = 'login'"), 2);
	/* Clearing a login with no failures is fine. */
	assert_int_equal(throttle_clear(f->db, f->a, "nobody"), 0);
}

static void test_no_login_in_clear(void **state)
{
	struct fixture *f = *state;
	/* People type passwords into the login field by mistake. */
	const char *typed = "MySecretPassw0rd";
	fail_n(f, typed, ADDR1, 2, T0);
	assert_int_equal(count(f, "SELECT count(*) FROM login_failure"), 4);
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT key_kind, key FROM login_failure");
	assert_non_null(st);
	int rows = 0;
	while (db_step(st) == DB_ROW) {
		const char *key = db_column_text(st, 1);
		assert_non_null(key);
		assert_null(strstr(key, typed));
		assert_null(strstr(key, "MySecret"));
		assert_null(strstr(key, ADDR1));
		rows++;
	}
	assert_int_equal(rows, 4);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_per_login),
		T(test_per_address),
		T(test_retry_after_covers_both_keys),
		T(test_retry_after_with_lowered_limit),
		T(test_old_failures_ignored),
		T(test_clear_forgets_login_only),
		T(test_no_login_in_clear),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
