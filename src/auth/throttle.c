/* throttle — see throttle.h. */
#include "throttle.h"

#include "arena.h"
#include "crypto.h"
#include "db/db.h"
#include "domain/setting.h"
#include "error.h"

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

/* Failures of one key inside the window and the oldest of them. */
static int count_key(struct db *db, struct arena *a, const char *kind, const char *key, time_t since,
		     int64_t *n, int64_t *oldest)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*), min(at) FROM login_failure"
					" WHERE key_kind = $1 AND key = $2 AND at > $3");
	if (!st || db_bind_text(st, 1, kind) || db_bind_text(st, 2, key) || db_bind_int(st, 3, since) ||
	    db_step(st) != DB_ROW)
		return ERR_STORAGE;
	*n = db_column_int(st, 0);
	*oldest = db_column_int(st, 1);
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
	for (int i = 0; i < 2; i++) {
		int64_t n, oldest;
		if (!keys[i].key)
			continue;
		const char *k = key_of(a, keys[i].kind, keys[i].key);
		int rc = k ? count_key(db, a, keys[i].kind, k, now - window, &n, &oldest) : ERR_TOOBIG;
		if (rc)
			return rc;
		if (n >= setting_int(db, keys[i].limit_key, keys[i].fallback)) {
			*retry_after = oldest + window - now + 1;
			return ERR_THROTTLED;
		}
	}
	return 0;
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
