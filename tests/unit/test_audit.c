/*
 * test_audit — the hash-chained audit log. Each test starts from a fresh database holding a chain
 * of five rows, tampers with it through plain SQL as an intruder with the database file would,
 * and checks that audit_verify names the first broken row (0 when only the head shows it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "db/db.h"
#include "error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { N = 5 };

/* The five events of every chain: logged-in users, an anonymous failure, the command line. */
static const struct audit_event events[N] = {
	{ 1, ROLE_ADMIN, "login", NULL, NULL, "192.0.2.1", "ok" },
	{ 1, ROLE_ADMIN, "user.create", "user", "2", "192.0.2.1", "ok" },
	{ 0, ROLE_NONE, "login", NULL, NULL, "198.51.100.7", "failed" },
	{ 2, ROLE_CITY, "organisation.read", "organisation", "17", "192.0.2.9", "ok" },
	{ 0, ROLE_NONE, "user.disable", "user", "2", NULL, "ok" },
};

struct fixture {
	char dir[32];    /* the temporary directory */
	char path[64];   /* the database file in it */
	struct arena *a; /* statements and rows */
	struct db *db;   /* the open connection */
};

static int group_setup(void **state)
{
	return crypto_init() ? 0 : -1;
}

/* A fresh database with the chain of events[], each appended in its own transaction. */
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
	for (int i = 0; i < N; i++)
		if (db_begin(f->db) || audit_append(f->db, f->a, &events[i]) || db_commit(f->db))
			return -1;
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

static struct audit_check verify(struct fixture *f)
{
	struct audit_check c;
	assert_int_equal(audit_verify(f->db, f->a, &c), 0);
	return c;
}

static void assert_intact(struct fixture *f, int64_t rows)
{
	struct audit_check c = verify(f);
	if (!c.ok)
		fail_msg("chain broken at row %lld: %s", (long long)c.broken_id, c.problem);
	assert_int_equal(c.rows, rows);
	assert_int_equal(c.broken_id, 0);
}

static void assert_broken_at(struct fixture *f, int64_t id)
{
	struct audit_check c = verify(f);
	assert_false(c.ok);
	assert_int_equal(c.broken_id, id);
	assert_non_null(c.problem);
}

static void tamper(struct fixture *f, const char *sql)
{
	assert_int_equal(db_exec(f->db, sql), 0);
	assert_true(db_changes(f->db) >= 1);
}

static void test_chain_verifies(void **state)
{
	struct fixture *f = *state;
	assert_intact(f, N);

	/* What was written reads back, newest first. */
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(f->db, f->a, 0, 10, &rows, &n), 0);
	assert_int_equal(n, N);
	for (size_t i = 0; i < n; i++) {
		const struct audit_event *want = &events[N - 1 - i];
		assert_int_equal(rows[i].id, N - (int64_t)i);
		assert_int_equal(rows[i].e.user_id, want->user_id);
		assert_int_equal(rows[i].e.role, want->role);
		assert_string_equal(rows[i].e.action, want->action);
		assert_string_equal(rows[i].e.outcome, want->outcome);
		if (want->addr)
			assert_string_equal(rows[i].e.addr, want->addr);
		else
			assert_null(rows[i].e.addr);
	}
	assert_int_equal(audit_list(f->db, f->a, 3, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 2);

	/* audit_record appends in a transaction of its own. */
	assert_int_equal(audit_record(f->db, f->a, &events[0]), 0);
	assert_intact(f, N + 1);
}

static void test_edited_field(void **state)
{
	struct fixture *f = *state;
	/* Each edit breaks row 3; putting the value back mends it, so the check is exact. */
	static const char *const edit[][2] = {
		{ "UPDATE audit_log SET action = 'login.ok' WHERE id = 3",
		  "UPDATE audit_log SET action = 'login' WHERE id = 3" },
		{ "UPDATE audit_log SET outcome = 'ok' WHERE id = 3",
		  "UPDATE audit_log SET outcome = 'failed' WHERE id = 3" },
		{ "UPDATE audit_log SET object_id = '1' WHERE id = 3",
		  "UPDATE audit_log SET object_id = NULL WHERE id = 3" },
		{ "UPDATE audit_log SET addr = '' WHERE id = 3",
		  "UPDATE audit_log SET addr = '198.51.100.7' WHERE id = 3" },
		{ "UPDATE audit_log SET object_type = '' WHERE id = 3", /* NULL and "" differ */
		  "UPDATE audit_log SET object_type = NULL WHERE id = 3" },
		{ "UPDATE audit_log SET user_id = 1 WHERE id = 3",
		  "UPDATE audit_log SET user_id = NULL WHERE id = 3" },
		{ "UPDATE audit_log SET at = at - 3600 WHERE id = 3",
		  "UPDATE audit_log SET at = at + 3600 WHERE id = 3" },
	};
	for (size_t i = 0; i < sizeof edit / sizeof edit[0]; i++) {
		tamper(f, edit[i][0]);
		assert_broken_at(f, 3);
		tamper(f, edit[i][1]);
		assert_intact(f, N);
	}
}

static void test_deleted_middle_row(void **state)
{
	struct fixture *f = *state;
	tamper(f, "DELETE FROM audit_log WHERE id = 3");
	assert_broken_at(f, 4); /* the row after the gap */
}

static void test_forged_row_at_end(void **state)
{
	struct fixture *f = *state;
	/* The forger links to the real last hash and even moves the head along; the made-up hash
	 * still gives the row away. */
	tamper(f, "INSERT INTO audit_log (id, at, user_id, role, action, object_type, object_id,"
		  " addr, outcome, prev_hash, hash)"
		  " SELECT 6, at + 1, 1, 'admin', 'user.create', 'user', '99', addr, 'ok', hash,"
		  " 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"
		  " FROM audit_log WHERE id = 5");
	tamper(f, "UPDATE audit_head SET last_id = 6, row_count = 6,"
		  " last_hash = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'");
	assert_broken_at(f, 6);
}

static void test_forged_row_without_head(void **state)
{
	struct fixture *f = *state;
	tamper(f, "INSERT INTO audit_log (id, at, user_id, role, action, object_type, object_id,"
		  " addr, outcome, prev_hash, hash)"
		  " SELECT 6, at, user_id, role, action, object_type, object_id, addr, outcome, hash,"
		  " 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'"
		  " FROM audit_log WHERE id = 5");
	assert_broken_at(f, 6);
}

static void test_reordered_rows(void **state)
{
	struct fixture *f = *state;
	tamper(f, "UPDATE audit_log SET id = -2 WHERE id = 2");
	tamper(f, "UPDATE audit_log SET id = 2 WHERE id = 4");
	tamper(f, "UPDATE audit_log SET id = 4 WHERE id = -2");
	assert_broken_at(f, 2);
}

static void test_deleted_last_row(void **state)
{
	struct fixture *f = *state;
	tamper(f, "DELETE FROM audit_log WHERE id = 5");
	struct audit_check c = verify(f);
	assert_false(c.ok);
	assert_int_equal(c.broken_id, 0); /* every row links; only the head knows */
	assert_int_equal(c.rows, N - 1);

	/* Cutting everything off shows too. */
	tamper(f, "DELETE FROM audit_log");
	assert_broken_at(f, 0);
}

static void test_truncated_with_head_counts_fixed(void **state)
{
	struct fixture *f = *state;
	/* The last row is cut and the counts corrected, but the head still holds row 5's hash. */
	tamper(f, "DELETE FROM audit_log WHERE id = 5");
	tamper(f, "UPDATE audit_head SET last_id = 4, row_count = 4");
	assert_broken_at(f, 0);
	/* The next honest row links to the head's (old) hash, so the break moves into the chain
	 * and stays visible. */
	assert_int_equal(audit_record(f->db, f->a, &events[0]), 0);
	assert_broken_at(f, 5);
}

static void test_forged_head_hash(void **state)
{
	struct fixture *f = *state;
	tamper(f, "UPDATE audit_head SET"
		  " last_hash = 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc'");
	assert_broken_at(f, 0);
	/* A row appended now is hashed correctly over a predecessor that does not exist: only
	 * the link to row 5 gives it away. */
	assert_int_equal(audit_record(f->db, f->a, &events[0]), 0);
	assert_broken_at(f, 6);
}

static void test_unknown_role(void **state)
{
	struct fixture *f = *state;
	tamper(f, "UPDATE audit_log SET role = 'superuser' WHERE id = 2");
	assert_broken_at(f, 2);
	/* An anonymous row given a role. */
	tamper(f, "UPDATE audit_log SET role = 'admin' WHERE id = 2");
	tamper(f, "UPDATE audit_log SET role = 'auditor' WHERE id = 3");
	assert_broken_at(f, 3);
}

static void test_rolled_back_event_leaves_no_row(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_append(f->db, f->a, &events[1]), 0);
	db_rollback(f->db);
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT count(*) FROM audit_log");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int(st, 0), N);
	db_reset(st);
	assert_intact(f, N);
	/* The head went back too: the next row continues the chain. */
	assert_int_equal(audit_record(f->db, f->a, &events[2]), 0);
	assert_intact(f, N + 1);
}

/* Many threads recording reads at once through the group writer: every row arrives, once, and
 * the chain verifies — the batching must not lose, duplicate or misorder anything. */
enum { THREADS = 8, EACH = 25 };

struct recorder {
	const char *path; /* the database */
	int thread;       /* which one, for the object id */
	int failures;     /* audit_record calls that did not return 0 */
};

static void *record_many(void *p)
{
	struct recorder *r = p;
	struct arena *a = arena_create(0);
	struct db *db;
	const char *msg;
	if (db_open(r->path, false, &db, &msg, a)) {
		r->failures = EACH;
		arena_destroy(a);
		return NULL;
	}
	for (int i = 0; i < EACH; i++) {
		char id[32];
		snprintf(id, sizeof id, "%d-%d", r->thread, i);
		struct audit_event e = { 3, ROLE_COUNSELOR, "case.read", "case", id, "192.0.2.3", "ok" };
		r->failures += audit_record(db, a, &e) != 0;
	}
	db_close(db);
	arena_destroy(a);
	return NULL;
}

static void test_group_writer_under_concurrency(void **state)
{
	struct fixture *f = *state;
	const char *msg = NULL;
	assert_true(audit_writer_start(f->path, &msg, f->a));
	pthread_t t[THREADS];
	struct recorder r[THREADS];
	for (int i = 0; i < THREADS; i++) {
		r[i] = (struct recorder){ .path = f->path, .thread = i };
		assert_int_equal(pthread_create(&t[i], NULL, record_many, &r[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].failures, 0);
	}
	audit_writer_stop();
	assert_intact(f, N + THREADS * EACH);
	struct db_stmt *st = db_prepare(f->db, f->a,
					"SELECT count(DISTINCT object_id) FROM audit_log WHERE action = 'case.read'");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int(st, 0), THREADS * EACH);
}

static void test_empty_log_verifies(void **state)
{
	struct fixture *f = *state;
	tamper(f, "DELETE FROM audit_log");
	tamper(f, "UPDATE audit_head SET last_id = 0, last_hash = '', row_count = 0");
	assert_intact(f, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_chain_verifies),
		T(test_edited_field),
		T(test_deleted_middle_row),
		T(test_forged_row_at_end),
		T(test_forged_row_without_head),
		T(test_reordered_rows),
		T(test_deleted_last_row),
		T(test_truncated_with_head_counts_fixed),
		T(test_forged_head_hash),
		T(test_unknown_role),
		T(test_rolled_back_event_leaves_no_row),
		T(test_empty_log_verifies),
		T(test_group_writer_under_concurrency),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
