/* user — account commands: add, list, disable, passwd. Each change is audited. */
#include "arena.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "cli.h"
#include "db/db.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "error.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A random password for a new account when none is given: 24 hex digits is 96 bits. */
static const char *password_or_random(const struct args *a, struct arena *arena, bool *generated)
{
	const char *pw = args_get(a, "password", getenv("TSUNAGU_PASSWORD"));
	*generated = pw == NULL;
	return pw ? pw : crypto_random_hex(arena, 12);
}

int cmd_user_add(const struct args *a)
{
	if (a->npos != 1 || !args_get(a, "name", NULL) || !args_get(a, "org", NULL) ||
	    !args_get(a, "role", NULL)) {
		cli_error("usage: tsunagu user add LOGIN --name NAME --org ORGANISATION --role ROLE [--password PW]");
		return 2;
	}
	struct arena *arena = arena_create(0);
	int rc = 1;
	struct db *db = cli_open_db(a, arena, false);
	if (!db)
		goto out;
	const char *org = args_get(a, "org", NULL);
	int64_t org_id;
	if (directory_org_find(db, arena, org, &org_id)) {
		cli_error("no organisation called '%s' (see the organisations page, or add it there first)", org);
		goto out_db;
	}
	bool generated;
	const char *pw = password_or_random(a, arena, &generated);
	if (db_begin(db) ||
	    cli_create_user(db, arena, a->pos[0], args_get(a, "name", NULL), org_id, args_get(a, "role", NULL), pw) ||
	    db_commit(db)) {
		db_rollback(db);
		goto out_db;
	}
	printf("added %s\n", a->pos[0]);
	if (generated)
		printf("password: %s\n", pw);
	rc = 0;
out_db:
	db_close(db);
out:
	arena_destroy(arena);
	return rc;
}

int cmd_user_list(const struct args *a)
{
	struct arena *arena = arena_create(0);
	int rc = 1;
	struct db *db = cli_open_db(a, arena, false);
	if (!db)
		goto out;
	struct user *u;
	size_t n;
	struct audit_event e = { .action = "user.list", .object_type = "user", .outcome = "ok" };
	if (user_list(db, arena, &u, &n) || audit_record(db, arena, &e)) {
		cli_error("cannot list users: %s", db_errmsg(db));
		goto out_db;
	}
	printf("%-20s %-10s %-8s %s\n", "LOGIN", "ROLE", "STATUS", "ORGANISATION");
	for (size_t i = 0; i < n; i++)
		printf("%-20s %-10s %-8s %s\n", u[i].login, role_code(u[i].role),
		       u[i].disabled ? "disabled" : "active", u[i].organisation_name);
	rc = 0;
out_db:
	db_close(db);
out:
	arena_destroy(arena);
	return rc;
}

/* Looks up the login given as the one positional argument; prints why not. */
static bool find_user(struct db *db, struct arena *arena, const struct args *a, struct user *u)
{
	if (a->npos != 1) {
		cli_error("give exactly one LOGIN");
		return false;
	}
	if (user_by_login(db, arena, a->pos[0], u, NULL)) {
		cli_error("no user '%s' (see 'tsunagu user list')", a->pos[0]);
		return false;
	}
	return true;
}

static int change(const struct args *a, bool disable)
{
	struct arena *arena = arena_create(0);
	int rc = 1;
	struct db *db = cli_open_db(a, arena, false);
	struct user u;
	if (!db || !find_user(db, arena, a, &u))
		goto out;
	const char *hash = NULL, *msg = NULL, *pw = NULL;
	bool generated = false;
	if (!disable) {
		pw = password_or_random(a, arena, &generated);
		if (!(hash = password_hash(arena, pw, &msg))) {
			cli_error("cannot set the password: %s", msg);
			goto out;
		}
	}
	struct audit_event e = { .action = disable ? "user.disable" : "user.password",
				 .object_type = "user",
				 .object_id = arena_printf(arena, "%" PRId64, u.id), .outcome = "ok" };
	if (db_begin(db) ||
	    (disable ? user_set_disabled(db, arena, u.id, true) : user_set_password_hash(db, arena, u.id, hash)) ||
	    audit_append(db, arena, &e) || db_commit(db)) {
		db_rollback(db);
		cli_error("cannot change user '%s': %s", u.login, db_errmsg(db));
		goto out;
	}
	printf("%s %s\n", disable ? "disabled" : "new password set for", u.login);
	if (generated)
		printf("password: %s\n", pw);
	rc = 0;
out:
	db_close(db);
	arena_destroy(arena);
	return rc;
}

int cmd_user_disable(const struct args *a)
{
	return change(a, true);
}

int cmd_user_passwd(const struct args *a)
{
	return change(a, false);
}
