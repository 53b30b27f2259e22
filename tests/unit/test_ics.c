/*
 * test_ics — the iCalendar writer (base/ics.c) against RFC 5545: CRLF line endings, content lines
 * of at most 75 octets folded with CRLF + one space and never inside a UTF-8 character (Japanese
 * titles of every alignment at the boundary), a line of exactly 75 octets left whole, TEXT
 * escaping of backslash, semicolon, comma and newline, dates and times in Asia/Tokyo with the
 * zone defined, all-day entries as DATE values with an exclusive end, STATUS, and input it must
 * refuse. The output is read back by unfolding and unescaping as §3.1 and §3.3.11 say, so each
 * text must come back exactly as given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "error.h"
#include "ics.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2023-11-14 22:13:20 UTC */
#define STAMP 1700000000

struct out {
	struct arena *a;
	struct strbuf sb;
};

static int setup(void **state)
{
	struct out *o = test_calloc(1, sizeof *o);
	o->a = arena_create(0);
	strbuf_init(&o->sb, o->a, 0);
	*state = o;
	return 0;
}

static int teardown(void **state)
{
	struct out *o = *state;
	arena_destroy(o->a);
	test_free(o);
	return 0;
}

static const char *write_one(struct out *o, const struct ics_event *e)
{
	assert_int_equal(ics_write_calendar(&o->sb, "つなぐ 静岡市 2021-10", e, 1, STAMP), 0);
	return strbuf_str(&o->sb);
}

/* Every line ends in CRLF, with no CR or LF anywhere else; each is at most 75 octets and, cut
 * there, still whole UTF-8; a continuation line starts with one space. */
static void assert_rfc_lines(const char *text)
{
	size_t n = strlen(text);
	assert_true(n > 2);
	assert_memory_equal(text + n - 2, "\r\n", 2);
	const char *line = text;
	while (*line) {
		const char *crlf = strstr(line, "\r\n");
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - line);
		if (len > 75)
			fail_msg("a line of %zu octets: %.*s", len, (int)len, line);
		assert_null(memchr(line, '\n', len));
		assert_null(memchr(line, '\r', len));
		char *copy = strndup(line, len);
		if (!utf8_valid(copy, len))
			fail_msg("a line cut inside a UTF-8 character: %s", copy);
		free(copy);
		line = crlf + 2;
	}
}

/* The content line of property name (as "NAME:" or "NAME;"), unfolded (§3.1); NULL when none. */
static char *unfolded(struct out *o, const char *text, const char *name)
{
	struct strbuf sb;
	strbuf_init(&sb, o->a, 0);
	size_t nl = strlen(name);
	for (const char *p = text; *p;) {
		bool starts = (p == text || p[-1] == '\n') && strncmp(p, name, nl) == 0 && (p[nl] == ':' || p[nl] == ';');
		const char *crlf = strstr(p, "\r\n");
		if (!starts) {
			p = crlf + 2;
			continue;
		}
		strbuf_append(&sb, p, (size_t)(crlf - p));
		p = crlf + 2;
		while (*p == ' ') {
			crlf = strstr(p, "\r\n");
			strbuf_append(&sb, p + 1, (size_t)(crlf - p - 1));
			p = crlf + 2;
		}
		return (char *)strbuf_str(&sb);
	}
	return NULL;
}

/* The value of an unfolded TEXT line, unescaped (§3.3.11). */
static char *text_value(struct out *o, const char *line)
{
	const char *v = strchr(line, ':') + 1;
	char *r = arena_alloc(o->a, strlen(v) + 1), *w = r;
	for (; *v; v++) {
		if (*v != '\\') {
			*w++ = *v;
			continue;
		}
		v++;
		assert_true(*v == '\\' || *v == ';' || *v == ',' || *v == 'n' || *v == 'N');
		*w++ = *v == 'n' || *v == 'N' ? '\n' : *v;
	}
	*w = 0;
	return r;
}

static void test_calendar_frame(void **state)
{
	struct out *o = *state;
	struct ics_event e = { .uid = "meeting-1@221007.tsunagu", .start_date = "2021-10-15", .start_time = "14:00",
			       .end_time = "16:00", .summary = "地域移行支援部会ワーキンググループ" };
	const char *t = write_one(o, &e);
	assert_rfc_lines(t);
	assert_memory_equal(t, "BEGIN:VCALENDAR\r\n", 17);
	assert_string_equal(t + strlen(t) - 15, "END:VCALENDAR\r\n");
	assert_non_null(strstr(t, "\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(t, "\r\nPRODID:-//tsunagu//"));
	assert_non_null(strstr(t, "\r\nMETHOD:PUBLISH\r\n"));
	assert_string_equal(text_value(o, unfolded(o, t, "X-WR-CALNAME")), "つなぐ 静岡市 2021-10");
	/* The zone every timed event names is defined in the file: +0900, no daylight saving. */
	assert_non_null(strstr(t, "\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"));
	assert_non_null(strstr(t, "\r\nTZOFFSETFROM:+0900\r\n"));
	assert_non_null(strstr(t, "\r\nTZOFFSETTO:+0900\r\n"));
	assert_null(strstr(t, "DAYLIGHT"));
	assert_non_null(strstr(t, "\r\nBEGIN:VEVENT\r\n"));
	assert_non_null(strstr(t, "\r\nEND:VEVENT\r\n"));
	const char *ev = strstr(t, "BEGIN:VEVENT");
	assert_string_equal(unfolded(o, ev, "UID"), "UID:meeting-1@221007.tsunagu");
	assert_string_equal(unfolded(o, ev, "DTSTAMP"), "DTSTAMP:20231114T221320Z");
	assert_string_equal(unfolded(o, ev, "DTSTART"), "DTSTART;TZID=Asia/Tokyo:20211015T140000");
	assert_string_equal(unfolded(o, ev, "DTEND"), "DTEND;TZID=Asia/Tokyo:20211015T160000");
	assert_string_equal(unfolded(o, ev, "STATUS"), "STATUS:CONFIRMED");
	assert_null(unfolded(o, ev, "LOCATION"));
	assert_null(unfolded(o, ev, "DESCRIPTION"));
}

static void test_escaping(void **state)
{
	struct out *o = *state;
	const char *nasty = "a,b;c\\d\ne\\n,;";
	struct ics_event e = { .uid = "event-2@221007.tsunagu", .start_date = "2021-10-15", .summary = nasty,
			       .location = "静岡市役所 会議室A,B", .description = "1行目\n2行目; 3\\4" };
	const char *t = write_one(o, &e);
	assert_rfc_lines(t);
	char *line = unfolded(o, t, "SUMMARY");
	assert_string_equal(line, "SUMMARY:a\\,b\\;c\\\\d\\ne\\\\n\\,\\;");
	assert_string_equal(text_value(o, line), nasty);
	assert_string_equal(text_value(o, unfolded(o, t, "LOCATION")), "静岡市役所 会議室A,B");
	assert_string_equal(text_value(o, unfolded(o, t, "DESCRIPTION")), "1行目\n2行目; 3\\4");
	/* No raw newline of the text reached the file: the only LFs are line ends. */
	assert_null(strstr(t, "1行目\n"));
}

/* A Japanese title at every alignment against the 75-octet boundary (3-octet characters after
 * 0 to 47 ASCII octets, so each fold meets every position in a character), a 4-octet one too: each line whole UTF-8, and the text
 * back exactly. */
static void test_folding_multibyte(void **state)
{
	struct out *o = *state;
	for (int pad = 0; pad < 48; pad++) {
		char title[512];
		memset(title, 'x', (size_t)pad);
		snprintf(title + pad, sizeof title - (size_t)pad, "%s",
			 "退院支援連絡会（地域移行支援部会ワーキンググループ）第3回、葵区・駿河区・清水区合同😀の検討会議");
		struct ics_event e = { .uid = "meeting-3@221007.tsunagu", .start_date = "2021-10-15", .summary = title };
		strbuf_init(&o->sb, o->a, 0);
		const char *t = write_one(o, &e);
		assert_rfc_lines(t);
		char *line = unfolded(o, t, "SUMMARY");
		assert_non_null(line);
		assert_string_equal(text_value(o, line), title);
		/* It was long enough to be folded at all. */
		assert_non_null(strstr(t, "\r\n "));
	}
}

/* The length of the first physical line of property name in text. */
static size_t first_line_len(const char *text, const char *name)
{
	char key[32];
	snprintf(key, sizeof key, "\r\n%s", name);
	const char *p = strstr(text, key) + 2;
	return (size_t)(strstr(p, "\r\n") - p);
}

/* 75 octets is the most a line holds: a content line of exactly 75 stays whole, 76 is folded
 * with the first line full (ASCII) or cut back to a character's start (Japanese), the space of a
 * continuation line counting in its 75. Titles of every length across the boundary come back
 * exactly. */
static void test_folding_boundary(void **state)
{
	struct out *o = *state;
	for (size_t n = 40; n <= 220; n++) {
		char title[240];
		memset(title, 'a', n);
		title[n] = 0;
		struct ics_event e = { .uid = "u@x", .start_date = "2021-10-15", .summary = title };
		strbuf_init(&o->sb, o->a, 0);
		const char *t = write_one(o, &e);
		assert_rfc_lines(t);
		assert_string_equal(text_value(o, unfolded(o, t, "SUMMARY")), title);
		/* "SUMMARY:" is 8 octets. */
		assert_int_equal(first_line_len(t, "SUMMARY"), n + 8 <= 75 ? n + 8 : 75);
		const char *second = strstr(strstr(t, "\r\nSUMMARY") + 2, "\r\n") + 2;
		if (n + 8 > 75) {
			assert_int_equal(second[0], ' ');
			/* 1 + 74: the continuation holds 74 octets of the line when more follow. */
			if (n + 8 > 75 + 74)
				assert_int_equal(strstr(second, "\r\n") - second, 75);
		} else {
			assert_memory_equal(second, "STATUS", 6);
		}
	}
	/* Three-octet characters after "SUMMARY:" (8 octets) and 0, 1 or 2 ASCII octets: the 75th
	 * octet falls on each byte of a character in turn, and the cut moves back to its start. */
	for (size_t pad = 0; pad < 3; pad++) {
		char title[240];
		memset(title, 'x', pad);
		title[pad] = 0;
		for (int i = 0; i < 30; i++)
			strcat(title, "あ");
		struct ics_event e = { .uid = "u@x", .start_date = "2021-10-15", .summary = title };
		strbuf_init(&o->sb, o->a, 0);
		const char *t = write_one(o, &e);
		assert_rfc_lines(t);
		/* 8 + pad + 3k ≤ 75 for the largest k: 74, 75, 73 octets. */
		static const size_t want[] = { 74, 75, 73 };
		assert_int_equal(first_line_len(t, "SUMMARY"), want[pad]);
		assert_string_equal(text_value(o, unfolded(o, t, "SUMMARY")), title);
	}
}

/* Text that TEXT may not hold: CR is dropped (CRLF is one newline), other control characters
 * too; a tab stays. */
static void test_control_characters(void **state)
{
	struct out *o = *state;
	struct ics_event e = { .uid = "u@x", .start_date = "2021-10-15", .summary = "a\r\nb\x01" "c\td\x7f" };
	const char *t = write_one(o, &e);
	assert_rfc_lines(t);
	assert_string_equal(unfolded(o, t, "SUMMARY"), "SUMMARY:a\\nbc\td");
}

static void test_all_day(void **state)
{
	struct out *o = *state;
	struct ics_event v[] = {
		{ .uid = "event-4@221007.tsunagu", .start_date = "2021-12-31", .summary = "研修会",
		  .status = ICS_CANCELLED },
		/* A trial stay: nights of the 3rd and 4th, leaving on the 5th. */
		{ .uid = "stay-5@221007.tsunagu", .start_date = "2022-03-03", .end_date = "2022-03-05",
		  .summary = "体験宿泊", .status = ICS_TENTATIVE },
	};
	assert_int_equal(ics_write_calendar(&o->sb, NULL, v, 2, STAMP), 0);
	const char *t = strbuf_str(&o->sb);
	assert_rfc_lines(t);
	assert_null(strstr(t, "X-WR-CALNAME"));
	const char *first = strstr(t, "BEGIN:VEVENT"), *second = strstr(first + 1, "BEGIN:VEVENT");
	assert_non_null(second);
	/* One day: DTEND is the next day, across the year's end. */
	assert_non_null(strstr(first, "DTSTART;VALUE=DATE:20211231\r\nDTEND;VALUE=DATE:20220101\r\n"));
	assert_non_null(strstr(first, "STATUS:CANCELLED\r\n"));
	assert_true(strstr(first, "STATUS:CANCELLED") < second);
	assert_non_null(strstr(second, "DTSTART;VALUE=DATE:20220303\r\nDTEND;VALUE=DATE:20220305\r\n"));
	assert_non_null(strstr(second, "STATUS:TENTATIVE\r\n"));
	assert_null(strstr(t, "TZID=Asia/Tokyo"));
}

static void test_timed_without_end(void **state)
{
	struct out *o = *state;
	struct ics_event e = { .uid = "m@x", .start_date = "2022-01-04", .start_time = "09:30", .summary = "x" };
	const char *ev = strstr(write_one(o, &e), "BEGIN:VEVENT");
	assert_string_equal(unfolded(o, ev, "DTSTART"), "DTSTART;TZID=Asia/Tokyo:20220104T093000");
	assert_null(unfolded(o, ev, "DTEND"));
}

static void test_refused(void **state)
{
	struct out *o = *state;
	const struct ics_event bad[] = {
		{ .start_date = "2021-10-15", .summary = "no uid" },
		{ .uid = "u@x", .start_date = "2021-10-15", .summary = "" },
		{ .uid = "u@x", .start_date = "2021-02-30", .summary = "no such day" },
		{ .uid = "u@x", .start_date = "2021-10-15", .start_time = "24:00", .summary = "no such time" },
		{ .uid = "u@x", .start_date = "2021-10-15", .start_time = "9:30", .summary = "short time" },
		{ .uid = "u@x", .start_date = "2021-10-15", .start_time = "10:00", .end_time = "10:00", .summary = "no length" },
		{ .uid = "u@x", .start_date = "2021-10-15", .start_time = "10:00", .end_time = "09:59", .summary = "backwards" },
		{ .uid = "u@x", .start_date = "2021-10-15", .end_time = "10:00", .summary = "an end without a start" },
		{ .uid = "u@x", .start_date = "2021-10-15", .end_date = "2021-10-15", .summary = "ends as it starts" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* A good event before the bad one: nothing at all is written. */
		struct ics_event two[] = { { .uid = "ok@x", .start_date = "2021-10-15", .summary = "ok" }, bad[i] };
		assert_int_equal(ics_write_calendar(&o->sb, "x", two, 2, STAMP), ERR_INVALID);
		assert_int_equal(o->sb.len, 0);
	}
	assert_true(ics_time_valid("00:00"));
	assert_true(ics_time_valid("23:59"));
	assert_false(ics_time_valid("23:60"));
	assert_false(ics_time_valid("ab:cd"));
	assert_false(ics_time_valid(NULL));
}

/* An empty month is still a calendar a program imports. */
static void test_empty(void **state)
{
	struct out *o = *state;
	assert_int_equal(ics_write_calendar(&o->sb, "empty", NULL, 0, STAMP), 0);
	const char *t = strbuf_str(&o->sb);
	assert_rfc_lines(t);
	assert_memory_equal(t, "BEGIN:VCALENDAR\r\n", 17);
	assert_null(strstr(t, "VEVENT"));
}

/* A full arena is ERR_TOOBIG, never a crash or a cut file passed as whole. */
static void test_full_arena(void **state)
{
	(void)state;
	struct arena *a = arena_create(256);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	struct ics_event e = { .uid = "u@x", .start_date = "2021-10-15", .summary = "x" };
	assert_int_equal(ics_write_calendar(&sb, "x", &e, 1, STAMP), ERR_TOOBIG);
	assert_true(sb.failed);
	arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_calendar_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escaping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folding_multibyte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folding_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timed_without_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test(test_full_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
