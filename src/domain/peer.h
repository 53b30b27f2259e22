/*
 * peer — peer support (ピアサポート; DESIGN §2 "Peer support", seed §4 ③): the registry of the
 * peer supporters (ピアサポーター) the city knows — their peer group, their login if they have one
 * (a user of role peer), their training level and its date, whether they are active — their
 * assignments to support cases, and the activity log of each assignment with its time.
 *
 * A peer supporter works with a case only under the case's peer_support consent, and sees it only
 * through access.h's rule for the peer role: their organisation on the care team AND the consent
 * in force. An assignment is kept consistent with that rule rather than widening it: it needs the
 * peer supporter's organisation to be a present member of the case's care team (the care team is
 * where the case's lead decides who works on it; assigning never adds anyone to it). So whoever is
 * assigned can open the case, and revoking the consent closes both at once.
 *
 * The rules the writers enforce (each refusal with *field and a gettext msgid in *msg):
 *   - a peer supporter: a name; an active organisation (their group) or none; a login of role
 *     peer of that same organisation (taken as the organisation when none is chosen) and of no
 *     other supporter (ERR_CONFLICT); a level of peer_levels with a real training date not in the
 *     future exactly when the level is not "none"; not deactivated while assignments are open
 *     (ERR_CONFLICT)                                                              ERR_INVALID
 *   - an assignment: an open case; an active peer supporter whose organisation is on the case's
 *     care team; the case's peer_support consent in force today and granted on or before the
 *     first day; the first day real, not in the future and not before the case opened; not the
 *     same supporter twice at once (ERR_CONFLICT)                                  ERR_INVALID
 *   - ending one: still open; it ends today                                       ERR_INVALID
 *   - an activity: the case's peer_support consent in force today (after a revocation nothing new
 *     is logged, even for days before it: what the person withdrew is not added to); a day that
 *     is real, not in the future and within the assignment (from its first day to its end, or to
 *     today while open); a kind of peer_activity_kinds; 1..PEER_MINUTES_MAX minutes; an optional
 *     note of at most PEER_NOTE_MAX bytes                                          ERR_INVALID
 *
 * Who sees what: the pages decide (peer.h does not know the reader), except that readers of
 * assignments by peer take the reader's access and fill the person only where it may see the
 * case, as stay.h does. A peer supporter's own list shows the person's given name only.
 *
 * Writers run in the caller's transaction with its audit row and assume the router and the page
 * checked who may act. Every string returned lives in the caller's arena. Text is NFKC-normalised
 * and trimmed before it is checked.
 */
#ifndef TSUNAGU_PEER_H
#define TSUNAGU_PEER_H

#include "access.h"
#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	PEER_NAME_MAX = 100,     /* bytes of a peer supporter's name */
	PEER_NOTE_MAX = 500,     /* bytes of an activity's note: a short one */
	PEER_MINUTES_MAX = 1440, /* minutes of one activity: a day */
	PEER_LIST_MAX = 500,     /* rows one listing returns */
};

extern const struct code peer_levels[];         /* none basic advanced */
extern const struct code peer_activity_kinds[]; /* visit accompany phone group other */

struct peer_supporter {
	int64_t id;               /* 0 before it is stored */
	char *name;               /* as they are called: "ピア 翔" */
	int64_t organisation_id;  /* their peer group; 0: none */
	char *organisation_name;  /* filled by readers */
	int64_t user_id;          /* their login (role peer); 0: none */
	char *login;              /* filled by readers */
	char *level;              /* peer_levels */
	char *trained_on;         /* the latest training completed; NULL when the level is none */
	bool active;              /* false: not assigned any more; the history stays */
	int open_assignments;     /* filled by readers */
};

struct peer_assignment {
	int64_t id;             /* 0 before it is stored */
	int64_t peer_id;        /* who */
	char *peer_name;        /* filled by readers */
	int64_t peer_user_id;   /* their login, 0: none; filled by readers */
	int64_t case_id;        /* always filled; shown only when visible */
	bool visible;           /* the reader may see the case (readers that take an access) */
	char *person_name;      /* family and given name when visible, else NULL */
	char *given_name;       /* the given name alone when visible, else NULL */
	char *from_on;          /* the first day, YYYY-MM-DD */
	char *until_on;         /* the last day; NULL while open */
	int minutes;            /* logged over the whole assignment; filled by readers */
};

struct peer_activity {
	int64_t id;             /* 0 before it is stored */
	int64_t assignment_id;
	char *done_on;          /* YYYY-MM-DD */
	char *kind;             /* peer_activity_kinds */
	int minutes;            /* 1..PEER_MINUTES_MAX */
	char *note;             /* or NULL */
	int64_t user_id;        /* who logged it */
};

/* ---- the registry ---- */

/* Every peer supporter, active first, by name (at most PEER_LIST_MAX). */
int peer_list(struct db *db, struct arena *a, struct peer_supporter **out, size_t *n);

/* The peer supporter with this id, or the one whose login is user_id; ERR_NOTFOUND when none. */
int peer_get(struct db *db, struct arena *a, int64_t id, struct peer_supporter *out);
int peer_by_user(struct db *db, struct arena *a, int64_t user_id, struct peer_supporter *out);

/* Validates p against the rules at the top of this file and stores it in municipality muni: a new
 * one when p->id is 0 (sets p->id), else over supporter p->id (ERR_NOTFOUND when none). today
 * (YYYY-MM-DD, Japan) bounds the training date. */
int peer_save(struct db *db, struct arena *a, const char *muni, struct peer_supporter *p, const char *today,
	      const char **field, const char **msg);

/* ---- assignments ---- */

/* The assignment with this id (peer_name, peer_user_id and minutes filled, the person not);
 * ERR_NOTFOUND when none. */
int peer_assignment_get(struct db *db, struct arena *a, int64_t id, struct peer_assignment *out);

/* The assignments of case_id, open first, then by first day (the caller has checked that the
 * reader sees the case: the person is not filled). */
int peer_assignments_of_case(struct db *db, struct arena *a, int64_t case_id, struct peer_assignment **out,
			     size_t *n);

/* The assignments of peer_id (open ones only when open_only), open first, with the person filled
 * where acc sees the case (see the top of this file). */
int peer_assignments_of_peer(struct db *db, struct arena *a, const struct access *acc, int64_t peer_id,
			     bool open_only, struct peer_assignment **out, size_t *n);

/* Assigns r->peer_id to r->case_id from r->from_on under the rules at the top of this file;
 * sets r->id. */
int peer_assignment_add(struct db *db, struct arena *a, struct peer_assignment *r, const char *today,
			const char **field, const char **msg);

/* Ends open assignment id on today. */
int peer_assignment_close(struct db *db, struct arena *a, int64_t id, const char *today, const char **field,
			  const char **msg);

/* ---- activity ---- */

/* Checks r against the rules at the top of this file and stores it as logged by user_id; sets r->id. */
int peer_activity_log(struct db *db, struct arena *a, struct peer_activity *r, int64_t user_id, const char *today,
		      const char **field, const char **msg);

/* The activities of assignment_id, latest first (at most limit, and never more than PEER_LIST_MAX). */
int peer_activities(struct db *db, struct arena *a, int64_t assignment_id, size_t limit, struct peer_activity **out,
		    size_t *n);

/* In *minutes: the activity logged on the assignments of peer_id with a day in [from, to]
 * (YYYY-MM-DD, both included). ERR_INVALID for a bad date. */
int peer_minutes(struct db *db, struct arena *a, int64_t peer_id, const char *from, const char *to, int *minutes);

/* Whole hours and the minutes left over of minutes (0 for a negative count): 90 is 1 h 30 min. */
void peer_hours(int minutes, int *hours, int *rest);

#endif
