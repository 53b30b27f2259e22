/* session — see session.h. */
#include "session.h"

#include "arena.h"
#include "crypto.h"
#include "db/db.h"
#include "domain/setting.h"
#include "error.h"

#include <string.h>

enum { TOKEN_BYTES = 32, TOUCH_EVERY = 60 };

static bool token_hash(const char *token, char out[65])
{
	if (!token || strlen(token) != 2 * TOKEN_BYTES ||
	    strspn(token, "0123456789abcdef") != 2 * TOKEN_BYTES)
		return false;
	crypto_hash_hex(token, strlen(token), out);
	return true;
}

int session_create(struct db *db, struct arena *a, int64_t user_id, time_t now, struct session *out)
{
	out->token = crypto_random_hex(a, TOKEN_BYTES);
	out->csrf = crypto_random_hex(a, TOKEN_BYTES);
	char h[65];
	if (!out->token || !out->csrf || !token_hash(out->token, h))
		return ERR_TOOBIG;
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO session (token_hash, user_id, csrf, created_at, seen_at)"
					" VALUES ($1, $2, $3, $4, $4)");
	if (!st || db_bind_text(st, 1, h) || db_bind_int(st, 2, user_id) ||
	    db_bind_text(st, 3, out->csrf) || db_bind_int(st, 4, now))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_DONE)
		return rc;
	return user_by_id(db, a, user_id, &out->user);
}

static int delete_hash(struct db *db, struct arena *a, const char *h)
{
	struct db_stmt *st = db_prepare(db, a, "DELETE FROM session WHERE token_hash = $1");
	if (!st || db_bind_text(st, 1, h))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}

int session_lookup(struct db *db, struct arena *a, const char *token, time_t now, struct session *out)
{
	char h[65];
	if (!token_hash(token, h))
		return ERR_NOTFOUND;
	struct db_stmt *st = db_prepare(
		db, a,
		"SELECT s.user_id, s.csrf, s.created_at, s.seen_at, u.disabled FROM session s"
		" JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1");
	if (!st || db_bind_text(st, 1, h))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	int64_t user_id = db_column_int(st, 0);
	out->csrf = arena_strdup(a, db_column_text(st, 1));
	int64_t created = db_column_int(st, 2), seen = db_column_int(st, 3);
	bool disabled = db_column_int(st, 4) != 0;
	db_reset(st);
	int64_t idle = setting_int(db, "session_idle_seconds", 900);
	int64_t absolute = setting_int(db, "session_absolute_seconds", 28800);
	if (disabled || now - seen > idle || now - created > absolute) {
		delete_hash(db, a, h);
		return ERR_NOTFOUND;
	}
	if (now - seen >= TOUCH_EVERY) {
		st = db_prepare(db, a, "UPDATE session SET seen_at = $2 WHERE token_hash = $1");
		if (!st || db_bind_text(st, 1, h) || db_bind_int(st, 2, now) || db_step(st) != DB_DONE)
			return ERR_STORAGE;
	}
	out->token = arena_strdup(a, token);
	return user_by_id(db, a, user_id, &out->user);
}

int session_end(struct db *db, struct arena *a, const char *token)
{
	char h[65];
	return token_hash(token, h) ? delete_hash(db, a, h) : 0;
}
