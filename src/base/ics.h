/*
 * ics — an iCalendar (RFC 5545) file of events that ordinary calendar programs import: one
 * VCALENDAR with a VTIMEZONE for Asia/Tokyo and a VEVENT per entry. It knows nothing of meetings
 * or stays; the caller turns its records into struct ics_event.
 *
 * Written here, not with libical: Debian 12's libical 3.0.16 ends some folded lines (a value of
 * 73 or 147 octets, say) with "CR CR LF SPACE CR LF" — a bare CR inside the value and an empty
 * continuation line, which parsers choke on (fixed upstream only in libical 4.0.3, 2026);
 * tests/unit/test_ics.c caught it. What an export needs is small — VCALENDAR, one VTIMEZONE, VEVENTs with nine
 * properties — and the two rules that matter are easy to state and test here:
 *   - a content line is at most 75 octets; a longer one is folded by CRLF and one space, the
 *     space counting in the next line's 75, and never inside a UTF-8 character (§3.1);
 *   - TEXT values escape backslash, semicolon and comma with a backslash and write a newline as
 *     \n (§3.3.11); other control characters, which TEXT may not hold, are dropped.
 * Every line ends in CRLF.
 *
 * Times are wall-clock times in Japan: a timed event is DTSTART;TZID=Asia/Tokyo with the
 * VTIMEZONE beside it (+0900 all year; Japan has had no daylight-saving time since 1951), so a
 * program in another zone shows the right instant. An all-day entry is a DATE value.
 */
#ifndef TSUNAGU_ICS_H
#define TSUNAGU_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct strbuf;

/* The TZID the events carry and the VTIMEZONE defines. */
#define ICS_TZID "Asia/Tokyo"

/* STATUS of an event (RFC 5545 §3.8.1.11). */
enum ics_status {
	ICS_CONFIRMED, /* it takes place as planned (or took place) */
	ICS_TENTATIVE, /* not settled */
	ICS_CANCELLED, /* it does not take place on this day */
};

struct ics_event {
	const char *uid;         /* globally unique and the same in every export of the entry, so a
				  * calendar program updates instead of duplicating: "meeting-12@221007.tsunagu" */
	const char *start_date;  /* YYYY-MM-DD, the (first) day in Japan */
	const char *end_date;    /* all-day only: YYYY-MM-DD, the day after the last (DTEND is
				  * exclusive); NULL: the one day of start_date */
	const char *start_time;  /* HH:MM in Japan; NULL makes an all-day entry */
	const char *end_time;    /* HH:MM on start_date, after start_time; NULL: no end given */
	const char *summary;     /* the title (TEXT, required, non-empty) */
	const char *location;    /* LOCATION text, or NULL */
	const char *description; /* DESCRIPTION text (may hold newlines), or NULL */
	enum ics_status status;  /* STATUS */
};

/*
 * Appends to out a whole VCALENDAR (METHOD:PUBLISH, the calendar's name as X-WR-CALNAME, the
 * VTIMEZONE and the n events, in order); stamp is the DTSTAMP of every event (the export's time).
 * Every string must be valid UTF-8 (the request parser and the database hold only such).
 * Returns 0; ERR_INVALID when an event lacks its uid or summary, or a date or time is not a real
 * one (nothing is appended then); ERR_TOOBIG when out's arena is full (out->failed is set).
 */
int ics_write_calendar(struct strbuf *out, const char *name, const struct ics_event *v, size_t n, time_t stamp);

/* True when s is HH:MM, 00:00 to 23:59. */
bool ics_time_valid(const char *s);

#endif
