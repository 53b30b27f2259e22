/* user — accounts and their SQL. See user.h. */
#include "user.h"

#include "arena.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"

#include <string.h>
#include <time.h>

static const struct {
	const char *code;  /* stored value */
	const char *label; /* gettext msgid */
} roles[ROLE_COUNT] = {
	[ROLE_NONE] = { NULL, N_("Not logged in") },
	[ROLE_ADMIN] = { "admin", N_("System administrator") },
	[ROLE_CITY] = { "city", N_("City staff") },
	[ROLE_COUNSELOR] = { "counselor", N_("Consultation support") },
	[ROLE_HOSPITAL] = { "hospital", N_("Psychiatric hospital") },
	[ROLE_PROVIDER] = { "provider", N_("Welfare provider") },
	[ROLE_ELDERLY] = { "elderly", N_("Elderly care") },
	[ROLE_PEER] = { "peer", N_("Peer supporter") },
	[ROLE_AGENT] = { "agent", N_("Real-estate agent") },
	[ROLE_AUDITOR] = { "auditor", N_("Auditor") },
};

const char *role_code(enum role r)
{
	return r > ROLE_NONE && r < ROLE_COUNT ? roles[r].code : NULL;
}

enum role role_parse(const char *code)
{
	for (int r = ROLE_NONE + 1; code && r < ROLE_COUNT; r++)
		if (strcmp(roles[r].code, code) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *role_label(enum role r)
{
	return r >= ROLE_NONE && r < ROLE_COUNT ? roles[r].label : roles[ROLE_NONE].label;
}

bool user_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;
	return n >= 3 && n <= 64 &&
	       strspn(login, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

#define USER_SELECT                                                                           \
	"SELECT u.id, u.login, u.display_name, u.organisation_id, o.name, u.role, u.lang,"     \
	" u.disabled, u.password_hash FROM app_user u JOIN organisation o ON o.id = u.organisation_id"

static void read_user(struct arena *a, struct db_stmt *st, void *p)
{
	struct user *u = p;
	u->id = db_column_int(st, 0);
	u->login = arena_strdup(a, db_column_text(st, 1));
	u->display_name = arena_strdup(a, db_column_text(st, 2));
	u->organisation_id = db_column_int(st, 3);
	u->organisation_name = arena_strdup(a, db_column_text(st, 4));
	u->role = role_parse(db_column_text(st, 5));
	u->lang = i18n_parse(db_column_text(st, 6));
	u->disabled = db_column_int(st, 7) != 0;
}

static int read_one(struct db_stmt *st, struct arena *a, struct user *out, char **hash)
{
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_user(a, st, out);
	if (hash)
		*hash = arena_strdup(a, db_column_text(st, 8));
	return 0;
}

int user_by_login(struct db *db, struct arena *a, const char *login, struct user *out, char **hash)
{
	struct db_stmt *st = db_prepare(db, a, USER_SELECT " WHERE u.login = $1");
	if (!st || db_bind_text(st, 1, login))
		return ERR_STORAGE;
	return read_one(st, a, out, hash);
}

int user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out)
{
	struct db_stmt *st = db_prepare(db, a, USER_SELECT " WHERE u.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	return read_one(st, a, out, NULL);
}

int user_list(struct db *db, struct arena *a, struct user **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, USER_SELECT " ORDER BY o.name, u.login");
	if (!st)
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_user, (void **)out, n);
}

int user_create(struct db *db, struct arena *a, struct user *u, const char *hash, const char **msg)
{
	if (!user_login_valid(u->login)) {
		*msg = N_("The login must be 3 to 64 letters, digits, '.', '_' or '-'.");
		return ERR_INVALID;
	}
	char *name = u->display_name ? jp_normalize(a, u->display_name) : NULL;
	if (!name || !*name || strlen(name) > 200) {
		*msg = N_("The display name is required (at most 200 bytes).");
		return ERR_INVALID;
	}
	if (!role_code(u->role)) {
		*msg = N_("Choose the role from the list.");
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(
		db, a,
		"INSERT INTO app_user (login, display_name, organisation_id, role, password_hash,"
		" lang, created_at) SELECT $1, $2, id, $4, $5, $6, $7 FROM organisation WHERE id = $3"
		" RETURNING id");
	if (!st || db_bind_text(st, 1, u->login) || db_bind_text(st, 2, name) ||
	    db_bind_int(st, 3, u->organisation_id) || db_bind_text(st, 4, role_code(u->role)) ||
	    db_bind_text(st, 5, hash) || db_bind_text(st, 6, i18n_code(u->lang)) ||
	    db_bind_int(st, 7, (int64_t)time(NULL)))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == ERR_CONFLICT) {
		*msg = N_("This login is already taken.");
		return rc;
	}
	if (rc == DB_DONE) {
		*msg = N_("Choose the organisation from the list.");
		return ERR_INVALID;
	}
	if (rc != DB_ROW)
		return rc;
	u->id = db_column_int(st, 0);
	u->display_name = name;
	return 0;
}

/* Runs a one-row UPDATE of app_user; ERR_NOTFOUND when no row matched. */
static int update_one(struct db *db, struct arena *a, const char *sql, int64_t id,
		      const char *text, int64_t num, bool is_text)
{
	struct db_stmt *st = db_prepare(db, a, sql);
	if (!st || db_bind_int(st, 1, id) ||
	    (is_text ? db_bind_text(st, 2, text) : db_bind_int(st, 2, num)))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_DONE)
		return rc;
	return db_changes(db) == 1 ? 0 : ERR_NOTFOUND;
}

static int end_sessions(struct db *db, struct arena *a, int64_t id)
{
	struct db_stmt *st = db_prepare(db, a, "DELETE FROM session WHERE user_id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}

int user_set_disabled(struct db *db, struct arena *a, int64_t id, bool disabled)
{
	int rc = update_one(db, a, "UPDATE app_user SET disabled = $2 WHERE id = $1", id, NULL,
			    disabled, false);
	if (rc || !disabled)
		return rc;
	/* A disabled user's sessions end at once, not at their timeout. */
	return end_sessions(db, a, id);
}

int user_set_password_hash(struct db *db, struct arena *a, int64_t id, const char *hash)
{
	int rc = update_one(db, a, "UPDATE app_user SET password_hash = $2 WHERE id = $1", id, hash,
			    0, true);
	/* A password is reset because someone else may know it: whoever logged in with the old
	 * one (or holds a stolen cookie) is logged out, not left in until the timeout. */
	return rc ? rc : end_sessions(db, a, id);
}

int user_set_lang(struct db *db, struct arena *a, int64_t id, enum lang lang)
{
	return update_one(db, a, "UPDATE app_user SET lang = $2 WHERE id = $1", id,
			  i18n_code(lang), 0, true);
}
