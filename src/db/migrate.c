/* migrate — see migrate.h. */
#include "migrate.h"

#include "arena.h"
#include "embedded.h"
#include "error.h"
#include "db.h"

#include <stdlib.h>
#include <time.h>

static int file_version(const struct embedded_file *f)
{
	return atoi(f->name); /* "001_foundation.sql" → 1 */
}

int db_schema_latest(void)
{
	int v = 0;
	for (const struct embedded_file *f = embedded_schema; f->name; f++)
		if (file_version(f) > v)
			v = file_version(f);
	return v;
}

int db_schema_version(struct db *db)
{
	struct arena *a = arena_create(0);
	int v = 0;
	struct db_stmt *st = db_prepare(db, a, "SELECT max(version) FROM schema_migrations");
	if (st && db_step(st) == DB_ROW)
		v = (int)db_column_int(st, 0);
	arena_destroy(a);
	return v;
}

int migrate_apply(struct db *db, const char **msg, struct arena *a)
{
	int rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			     " version integer PRIMARY KEY, name text NOT NULL,"
			     " applied_at integer NOT NULL)");
	if (rc) {
		*msg = arena_printf(a, "cannot read the schema version: %s", db_errmsg(db));
		return rc;
	}
	int have = db_schema_version(db);
	if (have > db_schema_latest()) {
		*msg = arena_printf(a,
				    "the database has schema version %d but this tsunagu knows only up "
				    "to %d: use a newer tsunagu",
				    have, db_schema_latest());
		return ERR_NEWER;
	}
	for (const struct embedded_file *f = embedded_schema; f->name; f++) {
		int v = file_version(f);
		if (v <= have)
			continue;
		if ((rc = db_begin(db)))
			goto fail;
		if ((rc = db_exec(db, (const char *)f->data)))
			goto fail;
		struct db_stmt *st = db_prepare(db, a,
						"INSERT INTO schema_migrations (version, name, applied_at)"
						" VALUES ($1, $2, $3)");
		if (!st || db_bind_int(st, 1, v) || db_bind_text(st, 2, f->name) ||
		    db_bind_int(st, 3, (int64_t)time(NULL)) ||
		    db_step(st) != DB_DONE) {
			rc = ERR_STORAGE;
			goto fail;
		}
		if ((rc = db_commit(db)))
			goto fail;
		continue;
fail:
		*msg = arena_printf(a, "migration %s failed: %s", f->name, db_errmsg(db));
		db_rollback(db);
		return rc ? rc : ERR_STORAGE;
	}
	return 0;
}
