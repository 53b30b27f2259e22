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

static int add(const struct args *a, struct db *db, struct arena *arena)
{
	const char *org = args_get(a, "org", NULL);
	int64_t org_id;
	if (directory_org_find(db, arena, org, &org_id)) {
		cli_error("no organisation called '%s' (see the organisations page, or add it there first)", org);
		return 1;
	}
	bool generated;
	const char *pw = password_or_random(a, arena, &generated);
	if (db_begin(db) ||
	    cli_create_user(db, arena, a->pos[0], args_get(a, "name", NULL), org_id, args_get(a, "role", NULL), pw) ||
	    db_commit(db)) {
		db_rollback(db);
		return 1;
	}
	printf("added %s\n", a->pos[0]);
	if (generated)
		printf("password: %s\n", pw);
	return 0;
}

int cmd_user_add(const struct args *a)
{
	if (a->npos != 1 || !args_get(a, "name", NULL) || !args_get(a, "org", NULL) ||
	    !args_get(a, "role", NULL)) {
		cli_error("usage: tsunagu user add LOGIN --name NAME --org ORGANISATION --role ROLE [--password PW]");
		return 2;
	}
	return cli_with_db(a, add);
}

static int list(const struct args *a, struct db *db, struct arena *arena)
{
	struct user *u;
	size_t n;
	struct audit_event e = { .action = "user.list", .object_type = "user", .outcome = "ok" };
	if (user_list(db, arena, &u, &n) || audit_record(db, arena, &e)) {
		cli_error("cannot list users: %s", db_errmsg(db));
		return 1;
	}
	printf("%-20s %-10s %-8s %s\n", "LOGIN", "ROLE", "STATUS", "ORGANISATION");
	for (size_t i = 0; i < n; i++)
		printf("%-20s %-10s %-8s %s\n", u[i].login, role_code(u[i].role),
		       u[i].disabled ? "disabled" : "active", u[i].organisation_name);
	return 0;
}

int cmd_user_list(const struct args *a)
{
	return cli_with_db(a, list);
}

/* Disables the user named by the one positional argument, or (set_password) gives them a new
 * password — from --password, or random and printed. */
static int change(const struct args *a, struct db *db, struct arena *arena, bool set_password)
{
	struct user u;
	if (a->npos != 1) {
		cli_error("give exactly one LOGIN");
		return 2;
	}
	if (user_by_login(db, arena, a->pos[0], &u, NULL)) {
		cli_error("no user '%s' (see 'tsunagu user list')", a->pos[0]);
		return 1;
	}
	const char *hash = NULL, *msg = NULL, *pw = NULL;
	bool generated = false;
	if (set_password) {
		pw = password_or_random(a, arena, &generated);
		if (!(hash = password_hash(arena, pw, &msg))) {
			cli_error("cannot set the password: %s", msg);
			return 1;
		}
	}
	struct audit_event e = { .action = set_password ? "user.password" : "user.disable",
				 .object_type = "user",
				 .object_id = arena_printf(arena, "%" PRId64, u.id), .outcome = "ok" };
	if (db_begin(db) ||
	    (set_password ? user_set_password_hash(db, arena, u.id, hash) : user_set_disabled(db, arena, u.id, true)) ||
	    audit_append(db, arena, &e) || db_commit(db)) {
		db_rollback(db);
		cli_error("cannot change user '%s': %s", u.login, db_errmsg(db));
		return 1;
	}
	printf("%s %s\n", set_password ? "new password set for" : "disabled", u.login);
	if (generated)
		printf("password: %s\n", pw);
	return 0;
}

static int disable(const struct args *a, struct db *db, struct arena *arena)
{
	return change(a, db, arena, false);
}

static int passwd(const struct args *a, struct db *db, struct arena *arena)
{
	return change(a, db, arena, true);
}

int cmd_user_disable(const struct args *a)
{
	return cli_with_db(a, disable);
}

int cmd_user_passwd(const struct args *a)
{
	return cli_with_db(a, passwd);
}
