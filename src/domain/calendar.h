/*
 * calendar — what happens on which day, for the month calendar and its iCalendar export: the
 * forum's meetings, the events (trainings, exchange meetings) and the trial stays (体験宿泊) of a
 * range of days, as one list of entries.
 *
 * Meetings and events are the municipality's shared record: their title, day, times, place, ward
 * and status, read straight from their tables — never the cases a meeting reviewed, its minutes,
 * or an event's reasons and outcomes. Trial stays come through stay.h with the reader's access,
 * so a person's name is filled exactly where /stays would show it (the access rule, or the group
 * home's own rooms) and NULL elsewhere; cancelled stays are left out.
 *
 * This file decides nothing about roles: the caller says which kinds the user may see (the
 * policy is above this layer). Every string returned lives in the caller's arena.
 */
#ifndef TSUNAGU_CALENDAR_H
#define TSUNAGU_CALENDAR_H

#include "access.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	/* The most meetings, and the most events, one range returns (a month of a city has tens). */
	CALENDAR_KIND_MAX = 1000,
	/* The longest range one call reads: a month and a week either side is plenty. */
	CALENDAR_RANGE_MAX_DAYS = 62,
};

enum calendar_kind {
	CALENDAR_MEETING, /* a meeting of the forum or its groups: /meetings/:id */
	CALENDAR_EVENT,   /* a training, exchange meeting or awareness event: /events/:id */
	CALENDAR_STAY,    /* a trial-stay booking: the nights in a group home's room */
};

struct calendar_entry {
	enum calendar_kind kind; /* what it is */
	int64_t id;              /* the meeting's, event's or booking's id */
	char *starts_on;         /* YYYY-MM-DD: the day; a stay's first night */
	char *ends_on;           /* a stay's day of leaving (its nights are [starts_on, ends_on));
				  * for meetings and events the same as starts_on */
	char *starts_at;         /* HH:MM, or NULL */
	char *ends_at;           /* HH:MM, or NULL */
	char *title;             /* the meeting's or event's title; a stay's room name */
	char *type;              /* the meeting's or event's kind code (schema 005); NULL for stays */
	char *status;            /* meetings planned/held/cancelled; events planned/held/postponed/
				  * cancelled; stays booked/done */
	char *place;             /* where, or NULL; a stay's group home */
	char *ward_code;         /* the ward, or NULL for city-wide and stays */
	int64_t room_id;         /* a stay's room; 0 otherwise */
	char *person_name;       /* a stay's person when the reader may see who stays, else NULL */
};

/* Which kinds to read, as the caller's policy allows. */
struct calendar_want {
	bool meetings;         /* meetings */
	bool events;           /* events */
	bool stays;            /* trial stays */
	int64_t stay_org;      /* only the rooms of this group home (a provider's own); 0: every room */
};

/*
 * The entries with a day in [from, until) (YYYY-MM-DD; until after from, at most
 * CALENDAR_RANGE_MAX_DAYS later, else ERR_INVALID), of the kinds want asks for, sorted by day,
 * then all-day before timed, then time, then meetings, events, stays, then id. A stay is one
 * entry with its own range: it belongs to the range when one of its nights does. acc is the
 * reader's access (for stays). *out is an array of *n in a.
 */
int calendar_entries(struct db *db, struct arena *a, const struct access *acc, const char *from,
		     const char *until, const struct calendar_want *want, struct calendar_entry **out, size_t *n);

#endif
