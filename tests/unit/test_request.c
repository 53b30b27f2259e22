/*
 * test_request — the form / query-string parser and the UTF-8 check behind it. Both take raw
 * outside input: malformed text is refused, never guessed at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "error.h"
#include "http/request.h"

#include <stdio.h>
#include <string.h>

/* Parses the C string s into *p with a fresh params; returns the status. */
static int parse(struct arena *a, const char *s, struct params *p)
{
	*p = (struct params){ 0 };
	return request_parse_urlencoded(a, s, strlen(s), p);
}

static void test_fields_and_decoding(void **state)
{
	struct arena *a = arena_create(0);
	struct params p;
	assert_int_equal(parse(a, "a=1&b=two", &p), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].name, "a");
	assert_string_equal(p.v[0].value, "1");
	assert_string_equal(p.v[1].name, "b");
	assert_string_equal(p.v[1].value, "two");

	assert_int_equal(parse(a, "q=hello+world%21&plus=%2B&amp=%26x%3Dy", &p), 0);
	assert_string_equal(params_get(&p, "q"), "hello world!");
	assert_string_equal(params_get(&p, "plus"), "+");
	assert_string_equal(params_get(&p, "amp"), "&x=y"); /* escaped & and = do not split */

	/* Upper- and lower-case hex; the key is decoded too. */
	assert_int_equal(parse(a, "%E6%97%A5=%e6%9c%ac&na+me=%41", &p), 0);
	assert_string_equal(params_get(&p, "日"), "本");
	assert_string_equal(params_get(&p, "na me"), "A");

	/* Only the first '=' splits; the first of two equal names wins. */
	assert_int_equal(parse(a, "a=1=2&a=3", &p), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "a"), "1=2");
	assert_null(params_get(&p, "b"));

	/* Raw UTF-8 is accepted as it is. */
	assert_int_equal(parse(a, "name=山田", &p), 0);
	assert_string_equal(params_get(&p, "name"), "山田");
	arena_destroy(a);
}

static void test_empty_pairs_and_bare_keys(void **state)
{
	struct arena *a = arena_create(0);
	struct params p;
	assert_int_equal(parse(a, "", &p), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(parse(a, "&&&", &p), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(parse(a, "&a=1&&b=2&", &p), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "b"), "2");

	assert_int_equal(parse(a, "flag&x=&y", &p), 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "flag"), "");
	assert_string_equal(params_get(&p, "x"), "");
	assert_string_equal(params_get(&p, "y"), "");
	arena_destroy(a);
}

static void test_length_is_respected(void **state)
{
	/* The body is not NUL-terminated where the length ends. */
	struct arena *a = arena_create(0);
	struct params p = { 0 };
	assert_int_equal(request_parse_urlencoded(a, "a=1&b=2", 3, &p), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(params_get(&p, "a"), "1");
	/* Cut inside an escape: "%4" is what is left. */
	p = (struct params){ 0 };
	assert_int_equal(request_parse_urlencoded(a, "a=%41", 4, &p), ERR_INVALID);
	arena_destroy(a);
}

static void test_bad_escapes(void **state)
{
	struct arena *a = arena_create(0);
	static const char *const bad[] = {
		"a=%G1", "a=%1G", "a=%", "a=%4", "a=x%", "a=%%41", "%zz=1", "%=1", "a=% 1", "a=%-1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct params p;
		if (parse(a, bad[i], &p) != ERR_INVALID)
			fail_msg("\"%s\" was not refused", bad[i]);
	}
	arena_destroy(a);
}

static void test_bad_utf8_after_decoding(void **state)
{
	struct arena *a = arena_create(0);
	static const char *const bad[] = {
		"a=%FF",          /* never valid */
		"a=%C3%28",       /* bad continuation */
		"a=%C3",          /* truncated */
		"a=%E6%97",       /* truncated */
		"a=%C0%80",       /* overlong NUL */
		"a=%C0%AF",       /* overlong '/' */
		"a=%E0%80%AF",    /* overlong '/' */
		"a=%ED%A0%80",    /* surrogate */
		"a=%F4%90%80%80", /* past U+10FFFF */
		"a=%00",          /* NUL would cut the value for C code */
		"a=x%00y",
		"%FF=1",          /* the key too */
		"a=\xff",         /* and raw bytes */
		"a=\xe6\x97",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct params p;
		if (parse(a, bad[i], &p) != ERR_INVALID)
			fail_msg("bad UTF-8 #%zu was not refused", i);
	}
	arena_destroy(a);
}

static void test_field_limit(void **state)
{
	struct arena *a = arena_create(0);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	for (int i = 0; i < REQUEST_MAX_FIELDS; i++)
		strbuf_printf(&sb, "%sf%d=%d", i ? "&" : "", i, i);
	struct params p = { 0 };
	assert_int_equal(request_parse_urlencoded(a, strbuf_str(&sb), sb.len, &p), 0);
	assert_int_equal(p.n, REQUEST_MAX_FIELDS);
	assert_string_equal(params_get(&p, "f0"), "0");
	assert_string_equal(params_get(&p, "f199"), "199");
	/* Growing the array kept every earlier field in place. */
	for (int i = 0; i < REQUEST_MAX_FIELDS; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		assert_string_equal(p.v[i].name, name);
	}

	strbuf_puts(&sb, "&one=more");
	p = (struct params){ 0 };
	assert_int_equal(request_parse_urlencoded(a, strbuf_str(&sb), sb.len, &p), ERR_TOOBIG);
	arena_destroy(a);
}

static void test_arena_cap_is_toobig(void **state)
{
	struct arena *a = arena_create(256);
	char text[1024];
	memset(text, 'x', sizeof text);
	memcpy(text, "a=", 2);
	struct params p = { 0 };
	assert_int_equal(request_parse_urlencoded(a, text, sizeof text, &p), ERR_TOOBIG);
	arena_destroy(a);
}

/* utf8_valid on a byte string with its length (so NUL can be inside). */
#define VALID(s) utf8_valid((s), sizeof(s) - 1)

static void test_utf8_valid(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(VALID("plain ASCII ~"));
	assert_true(VALID("\xc3\xa9"));             /* é */
	assert_true(VALID("\xe6\x97\xa5\xe6\x9c\xac")); /* 日本 */
	assert_true(VALID("\xed\x9f\xbf"));         /* U+D7FF, just below the surrogates */
	assert_true(VALID("\xee\x80\x80"));         /* U+E000, just above */
	assert_true(VALID("\xf0\x9f\x98\x80"));     /* U+1F600, 4 bytes */
	assert_true(VALID("\xf4\x8f\xbf\xbf"));     /* U+10FFFF, the last */
	assert_true(VALID("\xc2\x80"));             /* U+0080, shortest 2-byte */
	assert_true(VALID("\xe0\xa0\x80"));         /* U+0800, shortest 3-byte */
	assert_true(VALID("\xf0\x90\x80\x80"));     /* U+10000, shortest 4-byte */

	/* Overlongs. */
	assert_false(VALID("\xc0\x80"));
	assert_false(VALID("\xc1\xbf"));
	assert_false(VALID("\xe0\x80\xaf"));
	assert_false(VALID("\xe0\x9f\xbf"));
	assert_false(VALID("\xf0\x80\x80\xaf"));
	assert_false(VALID("\xf0\x8f\xbf\xbf"));
	/* Surrogates, both ends. */
	assert_false(VALID("\xed\xa0\x80"));
	assert_false(VALID("\xed\xbf\xbf"));
	/* Past U+10FFFF and bytes that never start a character. */
	assert_false(VALID("\xf4\x90\x80\x80"));
	assert_false(VALID("\xf5\x80\x80\x80"));
	assert_false(VALID("\xf8\x88\x80\x80\x80"));
	assert_false(VALID("\xfe"));
	assert_false(VALID("\xff"));
	assert_false(VALID("\x80"));
	assert_false(VALID("a\xbf"));
	/* NUL inside the length. */
	assert_false(VALID("a\0b"));
	assert_false(VALID("\0"));
	/* Truncated sequences, also when the length cuts a valid text. */
	assert_false(VALID("\xc3"));
	assert_false(VALID("\xe6\x97"));
	assert_false(VALID("\xf0\x9f\x98"));
	assert_false(utf8_valid("\xe6\x97\xa5\xe6\x9c\xac", 4));
	assert_true(utf8_valid("\xe6\x97\xa5\xe6\x9c\xac", 3));
	/* A lead byte followed by a non-continuation. */
	assert_false(VALID("\xe6\x28\xa5"));
	assert_false(VALID("\xf0\x9f\x98\x28"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_decoding),
		cmocka_unit_test(test_empty_pairs_and_bare_keys),
		cmocka_unit_test(test_length_is_respected),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_bad_utf8_after_decoding),
		cmocka_unit_test(test_field_limit),
		cmocka_unit_test(test_arena_cap_is_toobig),
		cmocka_unit_test(test_utf8_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
