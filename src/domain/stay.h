/*
 * stay — trial stays (体験宿泊, the city's 地域生活体験支援事業; DESIGN §2 "Trial stays"): a group
 * home keeps experience rooms, and a counsellor books one for a support case so that the person
 * can try a few nights of life outside the hospital before discharge.
 *
 * A booking holds nights, not days: starts_on is the first night, ends_on the morning of leaving,
 * and nights = ends_on − starts_on. Two stays overlap when they share a night, so a stay ending
 * on the 10th and one starting on the 10th do not (half-open ranges [starts_on, ends_on)).
 *
 * The rules stay_book() enforces, in this order (each with its field and a gettext msgid):
 *   - both dates are real days (date_parse), ends_on is after starts_on, the stay is at most
 *     STAY_MAX_NIGHTS nights, it starts on or after the day the case opened and at most
 *     STAY_BOOK_AHEAD_DAYS after today                                           ERR_INVALID
 *   - the room is active and belongs to an active group home                      ERR_INVALID
 *   - the case exists and is not closed                                           ERR_INVALID
 *   - no other booked or done stay in the same room shares a night                ERR_CONFLICT
 *   - the same person has no other booked or done stay, in any room, sharing a night ERR_CONFLICT
 *   - the person's booked and done nights in each fiscal year (April–March) the stay touches,
 *     plus this stay's nights in that year, stay within the setting
 *     trial_stay_nights_per_year (STAY_NIGHTS_PER_YEAR_DEFAULT when unset). A stay across
 *     March 31 counts its nights in each year.                                   ERR_INVALID
 * Cancelled bookings count for nothing. The checks and the insert run in the caller's
 * transaction (page_write takes the write lock first), so two bookings cannot both pass.
 *
 * Who sees whom: listings take the reader's access (access.h). A booking's person (name, ids)
 * and outcome text are filled only when the reader may see the case under the access rule —
 * or, for a provider, when the room is their own organisation's: the group home has to know who
 * is coming to sleep there, though it sees nothing else of the case unless it is on the care
 * team. Everyone else sees that the room is taken on those nights, and nothing more.
 *
 * Writers assume the router and the page have checked who may make the change (the policy, the
 * case's visibility, the room's organisation) and run inside the caller's transaction with its
 * audit row. Validation failures return ERR_INVALID or ERR_CONFLICT with *field naming the form
 * field and *msg a gettext msgid. Every string returned lives in the caller's arena.
 */
#ifndef TSUNAGU_STAY_H
#define TSUNAGU_STAY_H

#include "access.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	/* One stay is a trial, not a placement: the programme funds short stays, and a month is
	 * the longest a person tries a room at a time before the next step is decided. */
	STAY_MAX_NIGHTS = 30,
	/* Bookings are taken at most a year ahead (a typo in the year is caught, not stored). */
	STAY_BOOK_AHEAD_DAYS = 365,
	/* Nights a person may spend in trial stays per fiscal year when the setting is missing. */
	STAY_NIGHTS_PER_YEAR_DEFAULT = 50,
	/* The most bytes a room name or an outcome note may hold. */
	STAY_ROOM_NAME_MAX = 100,
	STAY_OUTCOME_MAX = 4000,
	/* The most bookings one listing returns. */
	STAY_LIST_MAX = 500,
};

/* The setting that holds the yearly limit. */
#define STAY_NIGHTS_SETTING "trial_stay_nights_per_year"

struct trial_room {
	int64_t id;              /* 0 before it is stored */
	int64_t organisation_id; /* the group home it belongs to */
	char *organisation_name; /* filled by readers */
	char *ward_code;         /* the group home's ward (NULL: none); filled by readers */
	char *name;              /* as the group home calls it: "体験室1" */
	bool active;             /* false: takes no new bookings; its bookings stay */
};

struct trial_booking {
	int64_t id;              /* 0 before it is stored */
	int64_t room_id;         /* which room */
	char *room_name;         /* filled by readers */
	int64_t organisation_id; /* the room's group home; filled by readers */
	char *organisation_name; /* filled by readers */
	int64_t case_id;         /* whose case; always filled, shown only when visible */
	bool visible;            /* the reader may see who stays (see the top of this file) */
	int64_t person_id;       /* when visible, else 0 */
	char *person_name;       /* family and given name when visible, else NULL */
	char *starts_on;         /* the first night, YYYY-MM-DD */
	char *ends_on;           /* the morning of leaving, YYYY-MM-DD */
	int nights;              /* ends_on − starts_on */
	char *status;            /* booked, cancelled or done */
	char *outcome;           /* the group home's note when done and visible, else NULL */
	int64_t user_id;         /* who booked it */
};

/* When stay_book() refuses a stay for the yearly limit, the numbers its message names. */
struct stay_quota {
	int fiscal_year; /* the year that would pass the limit (FY2025 = April 2025–March 2026) */
	int limit;       /* nights a person may stay in a year (the setting) */
	int used;        /* nights already booked or done in that year */
	int left;        /* limit − used, never below 0 */
};

/* The yearly limit in nights: the setting, or STAY_NIGHTS_PER_YEAR_DEFAULT. */
int stay_nights_per_year(struct db *db);

/* Nights of person_id's booked and done stays that fall in fiscal year fy, into *nights. */
int stay_nights_in_year(struct db *db, struct arena *a, int64_t person_id, int fy, int *nights);

/* ---- rooms ---- */

/* Rooms of organisation_id (0: of every group home), by group home and name, the inactive ones
 * too unless active_only. *out is an array of *n rooms in a. */
int stay_rooms(struct db *db, struct arena *a, int64_t organisation_id, bool active_only,
	       struct trial_room **out, size_t *n);

/* The room with this id; ERR_NOTFOUND when none. */
int stay_room_get(struct db *db, struct arena *a, int64_t id, struct trial_room *out);

/* Stores a new active room r->name (NFKC, trimmed, 1..STAY_ROOM_NAME_MAX bytes) for
 * r->organisation_id, which must be an active organisation of kind group_home; sets r->id and
 * r->name to the stored name. A name the group home already uses is ERR_CONFLICT. */
int stay_room_create(struct db *db, struct arena *a, struct trial_room *r, const char **field,
		     const char **msg);

/* Renames room r->id to r->name and sets whether it is active (validated as for create; the
 * organisation is not changed). ERR_NOTFOUND when there is no such room. Deactivating keeps the
 * bookings already made. */
int stay_room_update(struct db *db, struct arena *a, struct trial_room *r, const char **field,
		     const char **msg);

/* ---- bookings ---- */

/* The booking with this id as acc sees it (see the top of this file); ERR_NOTFOUND when none.
 * Does not decide whether acc may act on it: the page does. */
int stay_booking_get(struct db *db, struct arena *a, const struct access *acc, int64_t id,
		     struct trial_booking *out);

/* Bookings of a room, cancelled ones too, latest first (at most STAY_LIST_MAX). */
int stay_bookings_by_room(struct db *db, struct arena *a, const struct access *acc, int64_t room_id,
			  struct trial_booking **out, size_t *n);

/* Bookings of a case, cancelled ones too, latest first (at most STAY_LIST_MAX). The caller has
 * checked that acc sees the case. */
int stay_bookings_by_case(struct db *db, struct arena *a, const struct access *acc, int64_t case_id,
			  struct trial_booking **out, size_t *n);

/* What is on in the rooms of organisation_id (0: every group home) from today for days days:
 * booked and done stays with a night in [today, today + days), and booked stays already begun
 * that still wait for their outcome; by first night (at most STAY_LIST_MAX). */
int stay_bookings_upcoming(struct db *db, struct arena *a, const struct access *acc,
			   int64_t organisation_id, const char *today, int days,
			   struct trial_booking **out, size_t *n);

/* Checks b (room_id, case_id, starts_on, ends_on) against every rule at the top of this file
 * and stores it as booked by user_id; sets b->id and b->nights. today (YYYY-MM-DD, in Japan)
 * bounds how far ahead. When the yearly limit refuses it, *quota says by how much (quota may be
 * NULL); *msg then has the placeholders {left}, {limit} and {year} for the page to fill. */
int stay_book(struct db *db, struct arena *a, struct trial_booking *b, int64_t user_id,
	      const char *today, struct stay_quota *quota, const char **field, const char **msg);

/* Cancels a booked stay that is not over yet (its ends_on is after today). A done or cancelled
 * stay, or one already over, is ERR_INVALID; a missing one ERR_NOTFOUND. */
int stay_cancel(struct db *db, struct arena *a, int64_t booking_id, const char *today,
		const char **field, const char **msg);

/* Records how the stay went (NFKC, trimmed, 1..STAY_OUTCOME_MAX bytes) and marks it done. The
 * stay must be booked or done (a done one's note is replaced) and its first night must have
 * come (starts_on ≤ today). A missing booking is ERR_NOTFOUND. */
int stay_record_outcome(struct db *db, struct arena *a, int64_t booking_id, const char *outcome,
			const char *today, const char **field, const char **msg);

#endif
