/*
 * password — the password rules and checks on top of crypto.c's argon2id: the minimum length,
 * and a login check that takes the same time whether or not the login exists.
 */
#ifndef TSUNAGU_PASSWORD_H
#define TSUNAGU_PASSWORD_H

#include <stdbool.h>

struct arena;

enum { PASSWORD_MIN_CHARS = 13, PASSWORD_MAX_BYTES = 1024 };

/* NULL when pw is acceptable, else a gettext msgid saying why not. Length counts characters
 * (code points), not bytes. */
const char *password_problem(const char *pw);

/* The argon2id hash of pw, or NULL (with *msg set) when pw breaks the rules. */
char *password_hash(struct arena *a, const char *pw, const char **msg);

/* Checks pw against hash. With hash NULL (unknown login) it verifies against a fixed hash so the
 * answer takes as long as for a real account, and returns false. */
bool password_check(const char *hash, const char *pw);

#endif
