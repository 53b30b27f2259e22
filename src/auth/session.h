/*
 * session — server-side login sessions. The browser holds a 256-bit random token; the database
 * holds only its BLAKE2b hash, so a copy of the database opens no session. A session ends at
 * logout, after the idle timeout (no request for session_idle_seconds), after the absolute
 * timeout (session_absolute_seconds since login), or when its user is disabled. Each session has
 * its own CSRF token. Sessions live in the database, so any server can answer any request.
 */
#ifndef TSUNAGU_SESSION_H
#define TSUNAGU_SESSION_H

#include "domain/user.h"

#include <stdint.h>
#include <time.h>

struct arena;
struct db;

struct session {
	char *token;      /* the cookie value (64 hex digits) */
	char *csrf;       /* the token forms must carry (64 hex digits) */
	struct user user; /* who is logged in */
};

/* Starts a session for user_id at time now, filling out->token and out->csrf. */
int session_create(struct db *db, struct arena *a, int64_t user_id, time_t now, struct session *out);

/* The live session for token at time now: ERR_NOTFOUND when the token is unknown, expired
 * (the expired row is deleted) or its user disabled. Touches seen_at at most once a minute,
 * so a busy page does not write on every request. */
int session_lookup(struct db *db, struct arena *a, const char *token, time_t now, struct session *out);

/* Ends the session for token (no error when there is none). */
int session_end(struct db *db, struct arena *a, const char *token);

#endif
