/* throttle — see throttle.h. */
#include "throttle.h"

#include "arena.h"
#include "crypto.h"
#include "db/db.h"
#include "domain/setting.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

/* Keys are stored hashed: people type passwords into the login field, and a typed login is not
 * worth keeping in clear. */
static const char *key_of(struct arena *a, const char *kind, const char *value)
{
	char h[65];
	char *text = arena_printf(a, "%s:%s", kind, value);
	if (!text)
		return NULL;
	crypto_hash_hex(text, strlen(text), h);
	return arena_strdup(a, h);
}

/* How many failures of one key are inside the window and, when that is limit or more, the time
 * of the failure whose ageing out brings the count under the limit (else 0). That is the
 * (n - limit + 1)th oldest, not the oldest: after the city lowers a limit, more than one
 * failure must age out. */
static int count_key(struct db *db, struct arena *a, const char *kind, const char *key, time_t since,
		     int64_t limit, int64_t *n, int64_t *freed_by)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*) FROM login_failure"
					" WHERE key_kind = $1 AND key = $2 AND at > $3");
	if (!st || db_bind_text(st, 1, kind) || db_bind_text(st, 2, key) || db_bind_int(st, 3, since) ||
	    db_step(st) != DB_ROW)
		return ERR_STORAGE;
	*n = db_column_int(st, 0);
	*freed_by = 0;
	if (*n < limit)
		return 0;
	st = db_prepare(db, a,
			"SELECT at FROM login_failure WHERE key_kind = $1 AND key = $2 AND at > $3"
			" ORDER BY at LIMIT 1 OFFSET $4");
	if (!st || db_bind_text(st, 1, kind) || db_bind_text(st, 2, key) || db_bind_int(st, 3, since) ||
	    db_bind_int(st, 4, *n - limit) || db_step(st) != DB_ROW)
		return ERR_STORAGE;
	*freed_by = db_column_int(st, 0);
	return 0;
}

int throttle_check(struct db *db, struct arena *a, const char *login, const char *addr, time_t now,
		   int64_t *retry_after)
{
	int64_t window = setting_int(db, "login_failure_window_seconds", 900);
	struct {
		const char *kind, *key, *limit_key;
		int64_t fallback;
	} keys[] = {
		{ "login", login, "login_max_failures_per_login", 5 },
		{ "addr", addr, "login_max_failures_per_addr", 20 },
	};
	/* Both keys are looked at: the wait is the longer of the two, or a user told to come back
	 * when the login frees up would be refused again for the address. */
	bool throttled = false;
	int64_t wait = 0;
	for (int i = 0; i < 2; i++) {
		int64_t n, freed_by;
		if (!keys[i].key)
			continue;
		/* A limit under 1 would refuse everyone for good; treat it as 1. */
		int64_t limit = setting_int(db, keys[i].limit_key, keys[i].fallback);
		if (limit < 1)
			limit = 1;
		const char *k = key_of(a, keys[i].kind, keys[i].key);
		int rc = k ? count_key(db, a, keys[i].kind, k, now - window, limit, &n, &freed_by)
			   : ERR_TOOBIG;
		if (rc)
			return rc;
		if (n >= limit) {
			throttled = true;
			if (freed_by + window - now + 1 > wait)
				wait = freed_by + window - now + 1;
		}
	}
	if (!throttled)
		return 0;
	*retry_after = wait;
	return ERR_THROTTLED;
}

int throttle_fail(struct db *db, struct arena *a, const char *login, const char *addr, time_t now)
{
	int64_t window = setting_int(db, "login_failure_window_seconds", 900);
	struct db_stmt *prune = db_prepare(db, a, "DELETE FROM login_failure WHERE at <= $1");
	struct db_stmt *ins = db_prepare(db, a,
					 "INSERT INTO login_failure (key_kind, key, at) VALUES ($1, $2, $3)");
	if (!prune || !ins || db_bind_int(prune, 1, now - window) || db_step(prune) != DB_DONE)
		return ERR_STORAGE;
	const char *kinds[] = { "login", "addr" }, *vals[] = { login, addr };
	for (int i = 0; i < 2; i++) {
		if (!vals[i])
			continue;
		const char *k = key_of(a, kinds[i], vals[i]);
		db_reset(ins);
		if (!k || db_bind_text(ins, 1, kinds[i]) || db_bind_text(ins, 2, k) ||
		    db_bind_int(ins, 3, now) || db_step(ins) != DB_DONE)
			return ERR_STORAGE;
	}
	return 0;
}

int throttle_clear(struct db *db, struct arena *a, const char *login)
{
	struct db_stmt *st = db_prepare(db, a,
					"DELETE FROM login_failure WHERE key_kind = 'login' AND key = $1");
	const char *k = key_of(a, "login", login);
	if (!st || !k || db_bind_text(st, 1, k))
		return ERR_STORAGE;
	return db_step(st) == DB_DONE ? 0 : ERR_STORAGE;
}
