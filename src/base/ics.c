/*
 * ics — the iCalendar writer. See ics.h for what it writes and why it is our own.
 *
 * A content line is first built whole (name, parameters, colon, escaped value) and then written
 * out folded, so escaping and folding never see each other's bytes: a fold can land between a
 * backslash and the character it escapes, which unfolding (removing every CRLF + space) mends.
 */
#include "ics.h"

#include "arena.h"
#include "date.h"
#include "error.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

#ifndef TSUNAGU_VERSION
#define TSUNAGU_VERSION "dev"
#endif

/* The most octets a physical line holds, without its CRLF (RFC 5545 §3.1). */
enum { ICS_LINE_MAX = 75 };

bool ics_time_valid(const char *s)
{
	return s && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] - '0') * 10 + (s[1] - '0') < 24;
}

static bool continuation_byte(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Writes the content line s[0..n) folded: at most ICS_LINE_MAX octets a line, the leading space of
 * a continuation counted, each cut moved back to the start of a UTF-8 character. */
static void put_folded(struct strbuf *out, const char *s, size_t n)
{
	size_t room = ICS_LINE_MAX;
	while (n > room) {
		size_t cut = room;
		while (cut > 0 && continuation_byte(s[cut]))
			cut--;
		strbuf_append(out, s, cut);
		strbuf_puts(out, "\r\n ");
		s += cut;
		n -= cut;
		room = ICS_LINE_MAX - 1;
	}
	strbuf_append(out, s, n);
	strbuf_puts(out, "\r\n");
}

/* Appends text to line as a TEXT value (§3.3.11). A CR is dropped (CRLF is one newline), as are
 * the other control characters TEXT may not hold; a tab stays. */
static void put_text(struct strbuf *line, const char *text)
{
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\' || c == ';' || c == ',') {
			strbuf_putc(line, '\\');
			strbuf_putc(line, (char)c);
		} else if (c == '\n') {
			strbuf_puts(line, "\\n");
		} else if ((c >= 0x20 && c != 0x7F) || c == '\t') {
			strbuf_putc(line, (char)c);
		}
	}
}

/* A whole content line "head:value" with value as TEXT, folded into out. */
static void prop_text(struct strbuf *out, const char *head, const char *value)
{
	struct strbuf line;
	strbuf_init(&line, out->arena, 0);
	strbuf_puts(&line, head);
	strbuf_putc(&line, ':');
	put_text(&line, value);
	if (line.failed) {
		out->failed = true;
		return;
	}
	put_folded(out, line.buf, line.len);
}

/* A line of our own making (no user text), short but folded all the same. */
static void prop_raw(struct strbuf *out, const char *line)
{
	put_folded(out, line, strlen(line));
}

static bool text_ok(const char *s)
{
	return s && *s;
}

/* True when e can be written: identity, title, real dates and times, an end after the start;
 * *start and *end (exclusive, all-day) are its days. */
static bool event_valid(const struct ics_event *e, struct date *start, struct date *end)
{
	if (!text_ok(e->uid) || !text_ok(e->summary) || !date_parse(e->start_date, start))
		return false;
	*end = *start;
	if (e->start_time) {
		if (!ics_time_valid(e->start_time) || (e->end_time && !ics_time_valid(e->end_time)) || e->end_date)
			return false;
		return !e->end_time || strcmp(e->end_time, e->start_time) > 0;
	}
	if (e->end_time)
		return false;
	if (!e->end_date) {
		*end = date_add_days(*start, 1);
		return true;
	}
	return date_parse(e->end_date, end) && date_cmp(*end, *start) > 0;
}

/* "20211015" */
static const char *basic_date(struct arena *a, struct date d)
{
	return arena_printf(a, "%04d%02d%02d", d.year, d.month, d.day);
}

/* DTSTART or DTEND: a DATE, or with hhmm a local time in Japan's zone. */
static void prop_when(struct strbuf *out, const char *name, struct date d, const char *hhmm)
{
	const char *day = basic_date(out->arena, d);
	const char *line = hhmm ? arena_printf(out->arena, "%s;TZID=" ICS_TZID ":%sT%.2s%.2s00", name, day, hhmm, hhmm + 3)
				: arena_printf(out->arena, "%s;VALUE=DATE:%s", name, day);
	if (!day || !line) {
		out->failed = true;
		return;
	}
	prop_raw(out, line);
}

/* Japan's zone: one STANDARD observance at +0900 and no rule, as there is no change to
 * describe. A program that knows the zone by name uses its own data; one that does not reads
 * this. */
static void vtimezone(struct strbuf *out)
{
	prop_raw(out, "BEGIN:VTIMEZONE");
	prop_raw(out, "TZID:" ICS_TZID);
	prop_raw(out, "BEGIN:STANDARD");
	prop_raw(out, "DTSTART:19700101T000000");
	prop_raw(out, "TZOFFSETFROM:+0900");
	prop_raw(out, "TZOFFSETTO:+0900");
	prop_raw(out, "TZNAME:JST");
	prop_raw(out, "END:STANDARD");
	prop_raw(out, "END:VTIMEZONE");
}

static const char *const statuses[] = {
	[ICS_CONFIRMED] = "STATUS:CONFIRMED",
	[ICS_TENTATIVE] = "STATUS:TENTATIVE",
	[ICS_CANCELLED] = "STATUS:CANCELLED",
};

static void vevent(struct strbuf *out, const struct ics_event *e, struct date start, struct date end,
		   const char *dtstamp)
{
	prop_raw(out, "BEGIN:VEVENT");
	/* The UID is TEXT by the RFC; ours are ASCII without anything to escape, but escaping
	 * costs nothing and keeps a caller's odd id from breaking the line. */
	prop_text(out, "UID", e->uid);
	prop_raw(out, dtstamp);
	prop_when(out, "DTSTART", start, e->start_time);
	if (!e->start_time)
		prop_when(out, "DTEND", end, NULL);
	else if (e->end_time)
		prop_when(out, "DTEND", start, e->end_time);
	prop_text(out, "SUMMARY", e->summary);
	if (text_ok(e->location))
		prop_text(out, "LOCATION", e->location);
	if (text_ok(e->description))
		prop_text(out, "DESCRIPTION", e->description);
	prop_raw(out, statuses[e->status <= ICS_CANCELLED ? e->status : ICS_CONFIRMED]);
	prop_raw(out, "END:VEVENT");
}

int ics_write_calendar(struct strbuf *out, const char *name, const struct ics_event *v, size_t n, time_t stamp)
{
	struct date start, end;
	for (size_t i = 0; i < n; i++)
		if (!event_valid(&v[i], &start, &end))
			return ERR_INVALID;
	struct tm tm;
	if (!gmtime_r(&stamp, &tm))
		return ERR_INVALID;
	char dtstamp[64];
	snprintf(dtstamp, sizeof dtstamp, "DTSTAMP:%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);

	prop_raw(out, "BEGIN:VCALENDAR");
	prop_raw(out, "VERSION:2.0");
	prop_raw(out, "PRODID:-//tsunagu//tsunagu " TSUNAGU_VERSION "//JA");
	prop_raw(out, "CALSCALE:GREGORIAN");
	prop_raw(out, "METHOD:PUBLISH");
	if (text_ok(name))
		prop_text(out, "X-WR-CALNAME", name); /* the name most programs give an imported calendar */
	vtimezone(out);
	for (size_t i = 0; i < n; i++) {
		event_valid(&v[i], &start, &end);
		vevent(out, &v[i], start, end, dtstamp);
	}
	prop_raw(out, "END:VCALENDAR");
	return out->failed ? ERR_TOOBIG : 0;
}
