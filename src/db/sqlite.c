/*
 * sqlite — the SQLite backend of db.h, and the only file that includes sqlite3.h.
 *
 * Placeholders: SQLite reads "$1" as a *named* parameter numbered by first appearance, so "$2"
 * written before "$1" would get index 1. Binding therefore looks the name "$N" up with
 * sqlite3_bind_parameter_index and never trusts positions.
 *
 * Statements are cached per connection: parsing SQL text was most of a page's cost, and the
 * server prepares the same few dozen statements on every request. db_prepare() lends a cached
 * statement to the caller's arena and the arena's cleanup hands it back reset; a statement
 * already lent (the same SQL twice in one request) or past the cache's size is prepared for that
 * one use. A connection closed while statements are still lent is freed when the last comes back,
 * so the order in which a caller destroys its arena and closes the database does not matter.
 */
#include "db.h"

#include "arena.h"
#include "error.h"
#include "migrate.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUSY_TIMEOUT_MS = 5000, STMT_CACHE = 128 };

struct cached_stmt {
	char *sql;       /* the SQL text, the cache's key (malloc'd) */
	sqlite3_stmt *h; /* prepared once, reused */
	bool lent;       /* handed to an arena right now */
};

struct db {
	sqlite3 *h;                            /* the connection */
	struct cached_stmt cache[STMT_CACHE]; /* prepared statements kept for reuse */
	int ncache;                            /* entries used in cache[] */
	int live;                              /* statements handed out and not yet back */
	bool closing;                          /* db_close() came while some were out */
};

struct db_stmt {
	struct db *db;              /* owner */
	sqlite3_stmt *h;            /* the prepared statement */
	struct cached_stmt *cached; /* its cache entry, or NULL when prepared for one use */
};

static int map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
		return ERR_BUSY;
	case SQLITE_CONSTRAINT:
		return ERR_CONFLICT;
	default:
		return ERR_STORAGE;
	}
}

int db_open(const char *path, bool create, struct db **out, const char **msg, struct arena *a)
{
	*out = NULL;
	*msg = NULL;
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &h, flags, NULL);
	if (rc != SQLITE_OK) {
		*msg = arena_printf(a, "cannot open database '%s': %s%s", path,
				    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc),
				    create ? "" : " (create it with 'tsunagu init' or 'tsunagu demo')");
		sqlite3_close(h);
		return ERR_STORAGE;
	}
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(h, 1);
	rc = sqlite3_exec(h,
			  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*msg = arena_printf(a, "cannot set up database '%s': %s", path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return map_rc(rc);
	}
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	db->h = h;
	int err = migrate_apply(db, msg, a);
	if (err) {
		db_close(db);
		return err;
	}
	*out = db;
	return 0;
}

static void db_free(struct db *db)
{
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].h);
		free(db->cache[i].sql);
	}
	sqlite3_close_v2(db->h);
	free(db);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->live > 0)
		db->closing = true; /* freed when the last statement comes back */
	else
		db_free(db);
}

static void stmt_release(void *p)
{
	struct db_stmt *st = p;
	struct db *db = st->db;
	if (st->cached) {
		sqlite3_reset(st->h);
		sqlite3_clear_bindings(st->h);
		st->cached->lent = false;
	} else {
		sqlite3_finalize(st->h);
	}
	if (--db->live == 0 && db->closing)
		db_free(db);
}

/* A cached statement for sql that is not lent out, or NULL; *known tells whether sql is in the
 * cache at all (then a second, uncached copy is made rather than a duplicate entry). */
static struct cached_stmt *cache_find(struct db *db, const char *sql, bool *known)
{
	*known = false;
	for (int i = 0; i < db->ncache; i++) {
		struct cached_stmt *c = &db->cache[i];
		if (strcmp(c->sql, sql) != 0)
			continue;
		*known = true;
		if (!c->lent)
			return c;
	}
	return NULL;
}

struct db_stmt *db_prepare(struct db *db, struct arena *a, const char *sql)
{
	struct db_stmt *st = arena_alloc(a, sizeof *st);
	if (!st)
		return NULL;
	*st = (struct db_stmt){ .db = db };
	bool known;
	st->cached = cache_find(db, sql, &known);
	if (st->cached) {
		st->h = st->cached->h;
	} else {
		if (sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL) != SQLITE_OK)
			return NULL;
		char *copy;
		if (!known && db->ncache < STMT_CACHE && (copy = strdup(sql))) {
			st->cached = &db->cache[db->ncache++];
			*st->cached = (struct cached_stmt){ .sql = copy, .h = st->h };
		}
	}
	if (st->cached)
		st->cached->lent = true;
	db->live++;
	if (!arena_defer(a, stmt_release, st))
		return NULL; /* the statement was already given back */
	return st;
}

static int param(struct db_stmt *st, int idx)
{
	char name[16];
	snprintf(name, sizeof name, "$%d", idx);
	return sqlite3_bind_parameter_index(st->h, name);
}

bool db_has_param(struct db_stmt *st, int idx)
{
	return param(st, idx) != 0;
}

int db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	int i = param(st, idx);
	return i ? map_rc(sqlite3_bind_int64(st->h, i, v)) : ERR_STORAGE;
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
	int i = param(st, idx);
	return i ? map_rc(sqlite3_bind_double(st->h, i, v)) : ERR_STORAGE;
}

int db_bind_text(struct db_stmt *st, int idx, const char *text)
{
	int i = param(st, idx);
	if (!i)
		return ERR_STORAGE;
	if (!text)
		return map_rc(sqlite3_bind_null(st->h, i));
	return map_rc(sqlite3_bind_text(st->h, i, text, -1, SQLITE_TRANSIENT));
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	int i = param(st, idx);
	return i ? map_rc(sqlite3_bind_blob64(st->h, i, p, n, SQLITE_TRANSIENT)) : ERR_STORAGE;
}

int db_bind_null(struct db_stmt *st, int idx)
{
	int i = param(st, idx);
	return i ? map_rc(sqlite3_bind_null(st->h, i)) : ERR_STORAGE;
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->h);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return map_rc(rc);
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->h);
	sqlite3_clear_bindings(st->h);
}

int64_t db_column_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->h, col);
}

double db_column_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->h, col);
}

const char *db_column_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->h, col);
}

const void *db_column_blob(struct db_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(st->h, col);
	*n = (size_t)sqlite3_column_bytes(st->h, col);
	return p;
}

bool db_column_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->h, col) == SQLITE_NULL;
}

int db_bulk(struct db *db)
{
	/* SQLite's default cache is 2 MiB: past that, a transaction spills its changed pages into
	 * the WAL and writes them there again on every later change. And each INSERT … SELECT that
	 * may fail half-way keeps a statement journal of the pages it changes, written to a temporary
	 * file once it passes 64 KiB. Importing 40,000 persons wrote 1.6 GB that way and took 12.9 s;
	 * with both in memory, 37 MB and 1.5 s (docs/performance.md, "At city scale"). */
	return map_rc(sqlite3_exec(db->h, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY",
				   NULL, NULL, NULL));
}

int db_exec(struct db *db, const char *sql)
{
	return map_rc(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

/* A statement stepped to a row but not to its end (a single-row SELECT, INSERT … RETURNING)
 * still holds its part of the transaction; COMMIT would fail with it. Values read are already
 * copied out, so finishing them at transaction boundaries is safe. */
static void reset_busy(struct db *db)
{
	for (sqlite3_stmt *s = sqlite3_next_stmt(db->h, NULL); s; s = sqlite3_next_stmt(db->h, s))
		if (sqlite3_stmt_busy(s))
			sqlite3_reset(s);
}

int db_begin(struct db *db)
{
	reset_busy(db);
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	reset_busy(db);
	int rc = db_exec(db, "COMMIT");
	if (rc)
		db_rollback(db);
	return rc;
}

void db_rollback(struct db *db)
{
	reset_busy(db);
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

bool db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

struct db_pool {
	pthread_mutex_t lock; /* guards free_n and free */
	pthread_cond_t freed; /* signalled when a connection comes back */
	int size;             /* connections in all */
	int free_n;           /* connections in free[] */
	struct db **free;     /* idle connections */
};

int db_pool_open(const char *path, int size, struct db_pool **out, const char **msg,
		 struct arena *a)
{
	struct db_pool *p = calloc(1, sizeof *p);
	struct db **all = calloc((size_t)size, sizeof *all);
	if (!p || !all)
		abort();
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->size = size;
	p->free = all;
	for (int i = 0; i < size; i++) {
		int err = db_open(path, false, &all[i], msg, a);
		if (err) {
			p->free_n = i;
			db_pool_close(p);
			*out = NULL;
			return err;
		}
	}
	p->free_n = size;
	*out = p;
	return 0;
}

struct db *db_pool_get(struct db_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->free_n == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	struct db *db = p->free[--p->free_n];
	pthread_mutex_unlock(&p->lock);
	return db;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
	db_rollback(db); /* a request that failed half-way leaves nothing open */
	pthread_mutex_lock(&p->lock);
	p->free[p->free_n++] = db;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void db_pool_close(struct db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->free_n; i++)
		db_close(p->free[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->free);
	free(p);
}
