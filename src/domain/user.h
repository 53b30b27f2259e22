/*
 * user — the people who log in: their role (DESIGN §1), organisation, language and whether they
 * are disabled. Passwords are hashed by auth/password.c; this module stores only the hash.
 * A login is 3–64 characters of ASCII letters, digits, '.', '_' and '-'.
 */
#ifndef TSUNAGU_USER_H
#define TSUNAGU_USER_H

#include "jp.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum role {
	ROLE_NONE = 0, /* anonymous: no session */
	ROLE_ADMIN,
	ROLE_CITY,
	ROLE_COUNSELOR,
	ROLE_HOSPITAL,
	ROLE_PROVIDER,
	ROLE_ELDERLY,
	ROLE_PEER,
	ROLE_AGENT,
	ROLE_AUDITOR,
	ROLE_COUNT
};

struct user {
	int64_t id;              /* 0 for one not yet stored */
	char *login;             /* what they type to log in */
	char *display_name;      /* shown in the header and on records they write */
	int64_t organisation_id; /* the organisation they act for */
	char *organisation_name; /* filled by the readers below */
	enum role role;          /* exactly one */
	enum lang lang;          /* the UI language they chose */
	bool disabled;           /* a disabled user cannot log in; sessions end */
};

/* "city", or NULL for ROLE_NONE / out of range. */
const char *role_code(enum role r);
/* ROLE_NONE when the code is unknown. */
enum role role_parse(const char *code);
/* gettext msgid naming the role for people ("City staff"). */
const char *role_label(enum role r);

bool user_login_valid(const char *login);

/* By login (exact) or id. ERR_NOTFOUND when none. With hash non-NULL, *hash gets the stored
 * password hash (arena memory). */
int user_by_login(struct db *db, struct arena *a, const char *login, struct user *out, char **hash);
int user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out);

/* All users, by organisation and login. */
int user_list(struct db *db, struct arena *a, struct user **out, size_t *n);

/* Validates u and stores it with the hash; sets u->id. ERR_CONFLICT when the login is taken. */
int user_create(struct db *db, struct arena *a, struct user *u, const char *hash, const char **msg);

int user_set_disabled(struct db *db, struct arena *a, int64_t id, bool disabled);
int user_set_password_hash(struct db *db, struct arena *a, int64_t id, const char *hash);
int user_set_lang(struct db *db, struct arena *a, int64_t id, enum lang lang);

#endif
