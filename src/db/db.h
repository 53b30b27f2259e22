/*
 * db — the one small database interface every other layer uses. SQLite is the backend today;
 * PostgreSQL will sit behind the same calls, so SQL written against it follows DESIGN §5: numbered
 * placeholders $1, $2 …, ISO-8601 text dates, integer epoch seconds for instants, INSERT …
 * RETURNING, ON CONFLICT, and no backend-specific functions.
 *
 * A struct db is one connection, used by one thread at a time. A server borrows connections from
 * a struct db_pool for the length of a request.
 *
 * Result codes: DB_ROW / DB_DONE from db_step; other calls return 0 or a negative enum err
 * (ERR_BUSY when the database stayed locked past the busy timeout, ERR_CONFLICT for a broken
 * unique or foreign-key constraint, ERR_STORAGE otherwise). The message of the last failure is
 * db_errmsg(); it may quote SQL but never bound values, so it is safe for the log.
 */
#ifndef TSUNAGU_DB_H
#define TSUNAGU_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct db_stmt;

enum { DB_ROW = 1, DB_DONE = 2 };

/* Opens (creating when create is true) the database at path, sets WAL, synchronous=FULL, foreign
 * keys and the busy timeout, and brings the schema up to date (see migrate.c). On failure *out is
 * NULL and the return value says why; *msg (static or arena text) tells the user. */
int db_open(const char *path, bool create, struct db **out, const char **msg, struct arena *a);
void db_close(struct db *db);

/* Prepares sql. The statement is finalised when arena a is destroyed. NULL on failure. */
struct db_stmt *db_prepare(struct db *db, struct arena *a, const char *sql);

/* Binds placeholder $idx (1-based). text is copied; NULL text binds SQL NULL. */
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_text(struct db_stmt *st, int idx, const char *text);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
int db_bind_null(struct db_stmt *st, int idx);

/* True when the statement's SQL uses placeholder $idx (shared SQL fragments bind only what
 * their variant uses). */
bool db_has_param(struct db_stmt *st, int idx);

/* DB_ROW, DB_DONE or a negative error. */
int db_step(struct db_stmt *st);

/* Steps st to its end and collects one element of elem bytes per row, filled by read(a, st, p)
 * (p points at the zeroed element), into an array in arena a that grows as rows come: no count
 * query beforehand. *out gets the array, *n the number of rows. 0, ERR_TOOBIG when the arena is
 * full, or the step's error. */
int db_rows(struct db_stmt *st, struct arena *a, size_t elem,
	    void (*read)(struct arena *a, struct db_stmt *st, void *p), void **out, size_t *n);

/* Like db_rows for one page of a keyset-paginated list: stops after max elements and sets
 * *more when a further row followed (the query asks for max + 1 rows to know). */
int db_rows_page(struct db_stmt *st, struct arena *a, size_t elem,
		 void (*read)(struct arena *a, struct db_stmt *st, void *p), size_t max, void **out,
		 size_t *n, bool *more);

/* Makes the statement runnable again with fresh bindings. */
void db_reset(struct db_stmt *st);

/* Columns of the current row (0-based). Text is valid until the next step; NULL reads as NULL
 * text and 0. */
int64_t db_column_int(struct db_stmt *st, int col);
double db_column_double(struct db_stmt *st, int col);
const char *db_column_text(struct db_stmt *st, int col);
const void *db_column_blob(struct db_stmt *st, int col, size_t *n);
bool db_column_is_null(struct db_stmt *st, int col);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE in SQLite) so that a
 * request that will write never fails half-way on a lock upgrade. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* True while a transaction is open on db. */
bool db_in_transaction(struct db *db);

/* Prepares db for one long write transaction (a command-line import of a city's records): a
 * page cache of up to 256 MiB and statement journals in memory, so that the pages the
 * transaction changes stay in memory until it commits instead of being written to the
 * write-ahead log and to temporary files again and again. The memory is taken only as pages are
 * used and is given back when the connection closes. */
int db_bulk(struct db *db);

/* Runs SQL text holding one or more statements, without parameters (migrations). */
int db_exec(struct db *db, const char *sql);

/* The message of the last failure on db. */
const char *db_errmsg(struct db *db);

/* Rows changed by the last INSERT/UPDATE/DELETE. */
int64_t db_changes(struct db *db);

/* The schema version of the open database, and the newest this binary knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

/* A fixed set of connections to one database for a threaded server. */
struct db_pool;
int db_pool_open(const char *path, int size, struct db_pool **out, const char **msg,
		 struct arena *a);
/* Waits for a free connection. */
struct db *db_pool_get(struct db_pool *p);
void db_pool_put(struct db_pool *p, struct db *db);
void db_pool_close(struct db_pool *p);

#endif
