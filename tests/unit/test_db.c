/*
 * test_db — the database interface on a real SQLite file in a temporary directory: migrations,
 * $N binding by name, transactions, error mapping, and refusing a schema from the future.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "db/db.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fixture {
	char dir[32];      /* the temporary directory */
	char path[64];     /* the database file in it */
	struct arena *a;   /* statements and messages */
	struct db *db;     /* the open connection */
};

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/tsunagu-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->a = arena_create(0);
	const char *msg = NULL;
	if (db_open(f->path, true, &f->db, &msg, f->a) != 0) {
		print_error("db_open: %s\n", msg ? msg : "?");
		return -1;
	}
	*state = f;
	return 0;
}

static void remove_db_files(const char *path)
{
	char p[80];
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a); /* finalises the statements before the connection closes */
	db_close(f->db);
	remove_db_files(f->path);
	rmdir(f->dir);
	test_free(f);
	return 0;
}

/* The single integer a query returns. */
static int64_t query_int(struct fixture *f, const char *sql)
{
	struct db_stmt *st = db_prepare(f->db, f->a, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t v = db_column_int(st, 0);
	db_reset(st);
	return v;
}

/* Closes and reopens the database file. */
static int reopen(struct fixture *f, const char **msg)
{
	arena_destroy(f->a);
	db_close(f->db);
	f->a = arena_create(0);
	return db_open(f->path, false, &f->db, msg, f->a);
}

static void test_migrations_applied(void **state)
{
	struct fixture *f = *state;
	assert_true(db_schema_latest() >= 1);
	assert_int_equal(db_schema_version(f->db), db_schema_latest());
	/* The foundation's default settings are there. */
	assert_int_equal(query_int(f, "SELECT count(*) FROM setting WHERE key = 'session_idle_seconds'"), 1);
	/* Reopening applies nothing twice. */
	const char *msg = NULL;
	assert_int_equal(reopen(f, &msg), 0);
	assert_int_equal(db_schema_version(f->db), db_schema_latest());
	assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), db_schema_latest());
}

static void test_open_missing_without_create(void **state)
{
	struct fixture *f = *state;
	char path[80];
	snprintf(path, sizeof path, "%s/missing.db", f->dir);
	struct db *db = (struct db *)f; /* any non-NULL value: must be reset to NULL */
	const char *msg = NULL;
	assert_int_not_equal(db_open(path, false, &db, &msg, f->a), 0);
	assert_null(db);
	assert_non_null(msg);
	assert_int_equal(access(path, F_OK), -1); /* and no file was made */
}

static void test_bind_by_name(void **state)
{
	struct fixture *f = *state;
	/* $2 appears first: SQLite numbers it 1, so binding by position would swap the values. */
	struct db_stmt *st = db_prepare(f->db, f->a, "SELECT $2 || '-' || $1, $2 - $1");
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 10), 0);
	assert_int_equal(db_bind_int(st, 2, 3), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "3-10");
	assert_int_equal(db_column_int(st, 1), -7);

	/* Fresh bindings after a reset; text, NULL and a repeated placeholder. */
	db_reset(st);
	st = db_prepare(f->db, f->a, "SELECT $3, $1 || $1, $2");
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "ab"), 0);
	assert_int_equal(db_bind_null(st, 2), 0);
	assert_int_equal(db_bind_text(st, 3, "日本"), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "日本");
	assert_string_equal(db_column_text(st, 1), "abab");
	assert_true(db_column_is_null(st, 2));
	assert_null(db_column_text(st, 2));
	assert_false(db_column_is_null(st, 0));
	assert_int_equal(db_step(st), DB_DONE);

	/* A placeholder the statement does not have. */
	assert_int_equal(db_bind_int(st, 4, 1), ERR_STORAGE);
	/* Bad SQL does not prepare. */
	assert_null(db_prepare(f->db, f->a, "SELEKT 1"));
}

static void test_transactions(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(db_exec(f->db, "CREATE TABLE t (x integer)"), 0);

	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO t VALUES (1)"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM t"), 1); /* visible inside */
	db_rollback(f->db);
	assert_int_equal(query_int(f, "SELECT count(*) FROM t"), 0);

	assert_int_equal(db_begin(f->db), 0);
	struct db_stmt *st = db_prepare(f->db, f->a, "INSERT INTO t VALUES ($1) RETURNING x");
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 2), 0);
	/* Left at its row, not stepped to the end: commit must still work. */
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_commit(f->db), 0);
	db_rollback(f->db); /* nothing open: a no-op */

	/* Committed means stored: another connection sees it. */
	const char *msg = NULL;
	assert_int_equal(reopen(f, &msg), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM t"), 1);
	assert_int_equal(query_int(f, "SELECT x FROM t"), 2);

	assert_int_equal(db_exec(f->db, "INSERT INTO t VALUES (3); INSERT INTO t VALUES (4)"), 0);
	assert_int_equal(db_exec(f->db, "UPDATE t SET x = x + 1 WHERE x > 2"), 0);
	assert_int_equal(db_changes(f->db), 2);
}

static void test_constraint_is_conflict(void **state)
{
	struct fixture *f = *state;
	/* The setting key is the primary key and already holds this one. */
	struct db_stmt *st = db_prepare(f->db, f->a,
					"INSERT INTO setting (key, value) VALUES ($1, $2)");
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "session_idle_seconds"), 0);
	assert_int_equal(db_bind_text(st, 2, "1"), 0);
	assert_int_equal(db_step(st), ERR_CONFLICT);
	assert_non_null(db_errmsg(f->db));

	assert_int_equal(db_exec(f->db, "CREATE TABLE u (v text UNIQUE)"), 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO u VALUES ('a')"), 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO u VALUES ('a')"), ERR_CONFLICT);

	/* Foreign keys are on: a ward of no municipality is refused. */
	assert_int_equal(db_exec(f->db, "INSERT INTO ward (code, municipality_code, name)"
					" VALUES ('221015', '999999', 'x')"),
			 ERR_CONFLICT);
	assert_int_equal(db_exec(f->db, "not sql at all"), ERR_STORAGE);
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(db_exec(f->db, "INSERT INTO schema_migrations (version, name, applied_at)"
					" VALUES (999, '999_future.sql', 0)"),
			 0);
	const char *msg = NULL;
	assert_int_equal(reopen(f, &msg), ERR_NEWER);
	assert_null(f->db);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "999"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_migrations_applied),
		T(test_open_missing_without_create),
		T(test_bind_by_name),
		T(test_transactions),
		T(test_constraint_is_conflict),
		T(test_newer_schema_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
