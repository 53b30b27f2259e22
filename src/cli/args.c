/* args — option parsing and the helpers every command shares. See cli.h. */
#include "cli.h"

#include "arena.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "db/db.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "error.h"

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("tsunagu: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Finds name in spec; *takes_value tells whether it is "name=". */
static bool is(const struct args *a, int i, const char *name)
{
	return strlen(name) == a->lens[i] && strncmp(a->names[i], name, a->lens[i]) == 0;
}

static bool known(const char *spec, const char *name, size_t len, bool *takes_value)
{
	for (const char *p = spec; *p;) {
		size_t n = strcspn(p, " ");
		bool value = n > 0 && p[n - 1] == '=';
		size_t bare = value ? n - 1 : n;
		if (bare == len && strncmp(p, name, len) == 0) {
			*takes_value = value;
			return true;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return false;
}

bool args_parse(int argc, char **argv, const char *spec, struct args *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (strncmp(s, "--", 2) != 0 || s[2] == '\0') {
			if (out->npos == ARGS_MAX)
				goto too_many;
			out->pos[out->npos++] = s;
			continue;
		}
		const char *name = s + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		bool takes;
		if (!known(spec, name, len, &takes)) {
			snprintf(err, errsize, "unknown option '--%.*s'", (int)len, name);
			return false;
		}
		const char *value = NULL;
		if (takes) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else {
				snprintf(err, errsize, "option '--%.*s' needs a value", (int)len, name);
				return false;
			}
		} else if (eq) {
			snprintf(err, errsize, "option '--%.*s' takes no value", (int)len, name);
			return false;
		}
		if (out->n == ARGS_MAX)
			goto too_many;
		out->names[out->n] = name;
		out->lens[out->n] = len;
		out->values[out->n++] = value;
	}
	return true;
too_many:
	snprintf(err, errsize, "too many arguments");
	return false;
}

const char *args_get(const struct args *a, const char *name, const char *fallback)
{
	const char *v = fallback;
	for (int i = 0; i < a->n; i++)
		if (is(a, i, name) && a->values[i])
			v = a->values[i];
	return v;
}

int args_all(const struct args *a, const char *name, const char **out, int max)
{
	int n = 0;
	for (int i = 0; i < a->n && n < max; i++)
		if (is(a, i, name) && a->values[i])
			out[n++] = a->values[i];
	return n;
}

bool args_has(const struct args *a, const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (is(a, i, name))
			return true;
	return false;
}

struct db *cli_open_db(const struct args *a, struct arena *arena, bool create)
{
	const char *path = args_get(a, "db", DEFAULT_DB);
	if (create) {
		/* The default lives in ./var: make the directory, as a first run expects. */
		char *copy = arena_strdup(arena, path);
		char *dir = dirname(copy);
		if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
			cli_error("cannot create directory '%s': %s", dir, strerror(errno));
			return NULL;
		}
	}
	struct db *db;
	const char *msg;
	int rc = db_open(path, create, &db, &msg, arena);
	if (rc) {
		cli_error("%s", msg ? msg : err_text(rc));
		return NULL;
	}
	return db;
}

bool cli_remove_db(const char *path)
{
	/* In WAL mode a database is three files: a WAL left behind would be replayed into the
	 * next database created at the same path. */
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char name[4096];
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		if (unlink(name) != 0 && errno != ENOENT) {
			cli_error("cannot remove '%s': %s", name, strerror(errno));
			return false;
		}
	}
	return true;
}

int cli_with_db(const struct args *a, int (*fn)(const struct args *a, struct db *db, struct arena *arena))
{
	struct arena *arena = arena_create(0);
	struct db *db = cli_open_db(a, arena, false);
	int rc = db ? fn(a, db, arena) : 1;
	db_close(db);
	arena_destroy(arena);
	return rc;
}

int cli_create_municipality(struct db *db, struct arena *a, const char *code, const char *name,
			    const char *const *wards, int nwards, long long *office)
{
	const char *msg = NULL;
	int rc = directory_municipality_create(db, a, code, name, &msg);
	if (rc) {
		cli_error("cannot create municipality '%s': %s", code ? code : "", msg ? msg : err_text(rc));
		return rc;
	}
	for (int i = 0; i < nwards; i++) {
		const char *colon = strchr(wards[i], ':');
		if (!colon) {
			cli_error("ward '%s' must be written CODE:NAME (e.g. 221015:葵区)", wards[i]);
			return ERR_USAGE;
		}
		char *wcode = arena_strndup(a, wards[i], (size_t)(colon - wards[i]));
		if ((rc = directory_ward_add(db, a, wcode, colon + 1, &msg))) {
			cli_error("cannot add ward '%s': %s", wards[i], msg ? msg : err_text(rc));
			return rc;
		}
	}
	struct organisation o = { .name = (char *)name, .kind = "city_office", .active = true };
	if ((rc = directory_org_save(db, a, &o, &msg))) {
		cli_error("cannot create the city office: %s", msg ? msg : err_text(rc));
		return rc;
	}
	*office = o.id;
	struct audit_event e = { .action = "municipality.create", .object_type = "municipality",
				 .object_id = code, .outcome = "ok" };
	return audit_append(db, a, &e);
}

int cli_create_user(struct db *db, struct arena *a, const char *login, const char *name,
		    long long org, const char *role, const char *password)
{
	const char *msg = NULL;
	struct user u = { .login = (char *)login, .display_name = (char *)name, .organisation_id = org,
			  .role = role_parse(role), .lang = LANG_JA };
	char *hash = password_hash(a, password, &msg);
	int rc = hash ? user_create(db, a, &u, hash, &msg) : ERR_INVALID;
	if (rc) {
		cli_error("cannot add user '%s': %s", login ? login : "", msg ? msg : err_text(rc));
		return rc;
	}
	struct audit_event e = { .action = "user.create", .object_type = "user",
				 .object_id = arena_printf(a, "%" PRId64, u.id), .outcome = "ok" };
	return audit_append(db, a, &e);
}
