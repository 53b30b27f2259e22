/* setting — see setting.h. */
#include "setting.h"

#include "arena.h"
#include "db/db.h"
#include "error.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int64_t setting_int(struct db *db, const char *key, int64_t fallback)
{
	struct arena *a = arena_create(0);
	int64_t v = fallback;
	struct db_stmt *st = db_prepare(db, a, "SELECT value FROM setting WHERE key = $1");
	if (st && !db_bind_text(st, 1, key) && db_step(st) == DB_ROW) {
		const char *s = db_column_text(st, 0);
		char *end;
		long long n = s ? strtoll(s, &end, 10) : 0;
		if (s && *s && !*end)
			v = n;
	}
	arena_destroy(a);
	return v;
}

int setting_set_int(struct db *db, const char *key, int64_t value)
{
	struct arena *a = arena_create(0);
	char text[24];
	snprintf(text, sizeof text, "%" PRId64, value);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO setting (key, value) VALUES ($1, $2)"
					" ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	int rc = ERR_STORAGE;
	if (st && !db_bind_text(st, 1, key) && !db_bind_text(st, 2, text))
		rc = db_step(st) == DB_DONE ? 0 : ERR_STORAGE;
	arena_destroy(a);
	return rc;
}
