/*
 * throttle — slows password guessing. Failed logins are counted per login name and per client
 * address over a window (settings login_failure_window_seconds, login_max_failures_per_login,
 * login_max_failures_per_addr); past either limit every attempt is refused until old failures
 * age out of the window — whether or not the password would have been right, and whether or not
 * the login exists, so the refusal reveals nothing.
 */
#ifndef TSUNAGU_THROTTLE_H
#define TSUNAGU_THROTTLE_H

#include <stdint.h>
#include <time.h>

struct arena;
struct db;

/* 0 when a login attempt may be tried now; ERR_THROTTLED when not, with *retry_after set to the
 * seconds until it may (the longer wait when both the login and the address are over). */
int throttle_check(struct db *db, struct arena *a, const char *login, const char *addr, time_t now,
		   int64_t *retry_after);

/* Records a failed attempt for both keys and prunes failures older than the window. */
int throttle_fail(struct db *db, struct arena *a, const char *login, const char *addr, time_t now);

/* Forgets the login's failures after a successful login (the address keeps its count). */
int throttle_clear(struct db *db, struct arena *a, const char *login);

#endif
