/*
 * event — trainings, exchange meetings and awareness events (DESIGN §2 "Events"; seed §4 ②③, §5
 * challenge 2): the trainings with the elderly-care field (高齢分野との研修会, per ward, with the
 * 地域包括支援センター and care managers), the peer-supporter trainings co-hosted with the prefecture
 * (ピアサポーター養成研修 basic / advanced), the peer exchange meetings (ピアサポーター交流会), the
 * association's agent trainings (宅建協会員への研修会), awareness events and others. Each has a day,
 * a status — planned, then held, postponed or cancelled (the seed's COVID postponements) — a co-host,
 * a ward or none (city-wide), lecturers, materials, its outcome (具体的な成果), and who came by sector.
 *
 * The rules the writers enforce (each refusal with *field and a gettext msgid in *msg):
 *   - an event: a known kind and status, a title, a real day; times HH:MM with the end after the
 *     start; a ward of the municipality or none; held only on a day that has come; a reason
 *     (status_reason) exactly when postponed or cancelled                        ERR_INVALID
 *     (a reason sent with another status is dropped: the form keeps the old one when a
 *     postponed event is set back to planned or held)
 *   - an event with participants recorded stays held; one with agent firms' trainings recorded
 *     keeps its kind, day and status (the firms' records rest on them)           ERR_CONFLICT
 *   - participants: only for a held event; per sector of meeting_sectors 0 (none) ..
 *     EVENT_HEADS_MAX                                                             ERR_INVALID
 *   - agent firms: only for a held agent training; each an agent firm; at least one not yet
 *     recorded. Recording a firm writes its agent_training row (the training's day, its title, the
 *     firm's attendees 1..100) with event_id set, so the firm's record (agent.h's agent_trainings,
 *     the city's firm page, the agent's dashboard) shows the training.            ERR_INVALID
 *
 * A firm recorded stays recorded: the agent_training row is the firm's history, which the city's
 * cooperation rule reads (agent.h); nothing here deletes it.
 *
 * Who sees what: everything here is the municipality's record, open to every staff role (policy
 * event.view); agents see only their own firm's trainings (event_firm_trainings).
 *
 * Writers run in the caller's transaction with its audit row and assume the router and the page
 * checked who may act. Every string returned lives in the caller's arena. Text is NFKC-normalised
 * and trimmed before it is checked.
 */
#ifndef TSUNAGU_EVENT_H
#define TSUNAGU_EVENT_H

#include "codes.h"
#include "meeting.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	EVENT_TITLE_MAX = 200,    /* bytes of a title, a place, a co-host */
	EVENT_REASON_MAX = 1000,  /* bytes of the reason for postponing or cancelling */
	EVENT_TEXT_MAX = 4000,    /* bytes of lecturers, materials, outcome */
	EVENT_HEADS_MAX = 5000,   /* people of one sector at one event */
	EVENT_LIST_MAX = 500,     /* rows one listing returns */
	EVENT_FIRM_ATTENDEES_MAX = 100, /* people of one firm at one training (agent_training) */
};

extern const struct code event_kinds[];    /* elderly_field_training peer_training_basic
					      * peer_training_advanced peer_exchange agent_training
					      * awareness other */
extern const struct code event_statuses[]; /* planned held postponed cancelled */

struct event {
	int64_t id;          /* 0 before it is stored */
	char *kind;          /* event_kinds */
	char *title;         /* "高齢分野との研修会（駿河区）" */
	char *held_on;       /* the day, planned or held, YYYY-MM-DD */
	char *starts_at;     /* HH:MM or NULL */
	char *ends_at;       /* HH:MM or NULL, after starts_at */
	char *place;         /* or NULL */
	char *ward_code;     /* NULL: city-wide */
	char *co_host;       /* "静岡県" … or NULL */
	char *status;        /* event_statuses */
	char *status_reason; /* when postponed or cancelled, else NULL */
	char *lecturers;     /* or NULL */
	char *materials;     /* or NULL */
	char *outcome;       /* 具体的な成果, or NULL */
	int participants;    /* people who came, all sectors; filled by readers */
	int firms;           /* agent firms recorded; filled by readers */
};

/* People at one event by sector: heads[i] counts meeting_sectors[i]. */
struct event_heads {
	int heads[MEETING_SECTORS]; /* 0 when none came of that sector */
	int total;                  /* all sectors */
};

/* A training an agent firm completed, with the event it was recorded from. */
struct event_firm_training {
	int64_t id;              /* the agent_training row */
	int64_t organisation_id; /* the firm */
	char *firm_name;         /* filled by readers */
	char *trained_on;        /* YYYY-MM-DD */
	char *title;             /* the training row's own title */
	int attendees;           /* of the firm */
	int64_t event_id;        /* 0 when recorded on the firm's page without an event */
	char *event_title;       /* the event's title when linked, else NULL */
};

/* True when s is HH:MM, 00:00 … 23:59. */
bool event_time_valid(const char *s);

/* Validates e and stores it as created by user_id in municipality muni; sets e->id and the
 * normalised fields. today (YYYY-MM-DD, in Japan) bounds "held". */
int event_add(struct db *db, struct arena *a, const char *muni, struct event *e, int64_t user_id,
	      const char *today, const char **field, const char **msg);

/* Validates e as event_add does and saves every field over event e->id (ERR_NOTFOUND when
 * none), keeping the rules on participants and firms at the top of this file. */
int event_save(struct db *db, struct arena *a, struct event *e, const char *today, const char **field,
	       const char **msg);

/* The event with this id, participants and firms filled; ERR_NOTFOUND when none. */
int event_get(struct db *db, struct arena *a, int64_t id, struct event *out);

/* Events with a day in fiscal year fy (April 1 – March 31) of kind (NULL or "": every kind), by
 * day, at most EVENT_LIST_MAX; participants and firms filled. */
int event_list(struct db *db, struct arena *a, int fy, const char *kind, struct event **out, size_t *n);

/* In *count: events of kind held (status held) with a day in fiscal year fy, of ward ward_code
 * only when it is non-NULL (a city-wide event then does not count), of every ward and city-wide
 * when NULL. Postponed, cancelled and planned events never count. The indicators use it
 * (INDICATORS.md elderly_field_trainings, peer_trainings, peer_exchange_meetings). ERR_INVALID for
 * an unknown kind. */
int event_count_held(struct db *db, const char *kind, int fy, const char *ward_code, int *count);

/* ---- participants ---- */

/* Who came to event_id by sector (all zero when none were recorded). */
int event_participation(struct db *db, struct arena *a, int64_t event_id, struct event_heads *out);

/* Replaces the participants of event_id with heads (0 for a sector: none); the event must be held.
 * A negative or too large count is refused with *field "heads_<sector>". All zero clears them. */
int event_participation_set(struct db *db, struct arena *a, int64_t event_id, const struct event_heads *heads,
			    const char **field, const char **msg);

/* ---- agent firms at an agent training ---- */

/* The firms recorded for event_id (their agent_training rows), by firm name. */
int event_firms(struct db *db, struct arena *a, int64_t event_id, struct event_firm_training **out, size_t *n);

/* Records that the n firms orgs[i] attended event_id with attendees[i] of their people each
 * (1..EVENT_FIRM_ATTENDEES_MAX), by user_id: writes each firm's agent_training row linked to the
 * event (see the top of this file). Firms already recorded for the event are skipped; when none
 * is left, ERR_INVALID. */
int event_firms_record(struct db *db, struct arena *a, int64_t event_id, const int64_t *orgs, const int *attendees,
		       size_t n, int64_t user_id, const char **field, const char **msg);

/* The trainings firm org completed, latest first (at most EVENT_LIST_MAX), each with its event's
 * title when it was recorded from one: the agent's dashboard shows them. */
int event_firm_trainings(struct db *db, struct arena *a, int64_t org, struct event_firm_training **out,
			 size_t *n);

#endif
