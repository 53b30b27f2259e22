/*
 * test_strbuf — the one text buffer: growth keeps what was written, and failure is sticky (after
 * the first refused append nothing more is written, so a page is never cut in the middle and then
 * continued).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "strbuf.h"

#include <string.h>

static void test_empty_is_empty_string(void **state)
{
	struct arena *a = arena_create(0);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	assert_non_null(strbuf_str(&sb));
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(sb.len, 0);
	assert_false(sb.failed);
	/* Appending nothing keeps it empty. */
	strbuf_append(&sb, "ignored", 0);
	strbuf_puts(&sb, "");
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(sb.len, 0);
	arena_destroy(a);
}

static void test_append_grows(void **state)
{
	struct arena *a = arena_create(0);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	/* 3000 bytes: past the first 256-byte allocation and several doublings. */
	for (int i = 0; i < 1000; i++)
		strbuf_append(&sb, "abcdef", 3);
	assert_false(sb.failed);
	assert_int_equal(sb.len, 3000);
	assert_int_equal(strlen(strbuf_str(&sb)), 3000);
	for (size_t i = 0; i < 3000; i += 3)
		assert_memory_equal(strbuf_str(&sb) + i, "abc", 3);
	strbuf_putc(&sb, '!');
	strbuf_puts(&sb, "日本");
	assert_int_equal(sb.len, 3000 + 1 + 6);
	assert_string_equal(strbuf_str(&sb) + 3000, "!日本");
	arena_destroy(a);
}

static void test_printf_grows(void **state)
{
	struct arena *a = arena_create(0);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	strbuf_puts(&sb, "start:");
	strbuf_printf(&sb, "%d/%s/%05u", -12, "x", 42u);
	assert_string_equal(strbuf_str(&sb), "start:-12/x/00042");
	/* One printf much larger than the buffer: the earlier text must survive the move. */
	strbuf_printf(&sb, "[%1000d]", 1);
	assert_false(sb.failed);
	assert_int_equal(sb.len, 17 + 1002);
	assert_memory_equal(strbuf_str(&sb), "start:-12/x/00042[", 18);
	assert_string_equal(strbuf_str(&sb) + sb.len - 3, " 1]");
	strbuf_printf(&sb, "%s", "");
	assert_int_equal(sb.len, 17 + 1002);
	arena_destroy(a);
}

static void test_limit_failure_is_sticky(void **state)
{
	struct arena *a = arena_create(0);
	struct strbuf sb;
	strbuf_init(&sb, a, 10);
	strbuf_puts(&sb, "12345");
	strbuf_puts(&sb, "67890"); /* exactly the limit is allowed */
	assert_false(sb.failed);
	assert_string_equal(strbuf_str(&sb), "1234567890");
	strbuf_putc(&sb, 'X'); /* one past */
	assert_true(sb.failed);
	assert_string_equal(strbuf_str(&sb), "1234567890");
	arena_destroy(a);

	a = arena_create(0);
	strbuf_init(&sb, a, 10);
	strbuf_puts(&sb, "12345");
	strbuf_puts(&sb, "678901"); /* refused as a whole, not cut to fit */
	assert_true(sb.failed);
	assert_string_equal(strbuf_str(&sb), "12345");
	/* Later appends that would fit are no-ops: the failure is sticky. */
	strbuf_puts(&sb, "x");
	strbuf_putc(&sb, 'y');
	strbuf_append(&sb, "z", 1);
	strbuf_printf(&sb, "%d", 1);
	assert_true(sb.failed);
	assert_string_equal(strbuf_str(&sb), "12345");
	assert_int_equal(sb.len, 5);
	arena_destroy(a);

	/* printf past the limit. */
	a = arena_create(0);
	strbuf_init(&sb, a, 8);
	strbuf_printf(&sb, "%s-%d", "abcd", 12345);
	assert_true(sb.failed);
	assert_string_equal(strbuf_str(&sb), "");
	arena_destroy(a);
}

static void test_arena_cap_failure_is_sticky(void **state)
{
	/* No buffer limit, but the arena's cap refuses the growth. */
	struct arena *a = arena_create(512);
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	strbuf_puts(&sb, "ok");
	assert_false(sb.failed);
	char big[600];
	memset(big, 'b', sizeof big);
	strbuf_append(&sb, big, sizeof big);
	assert_true(sb.failed);
	assert_true(a->over_cap);
	assert_string_equal(strbuf_str(&sb), "ok");
	strbuf_puts(&sb, "!");
	assert_string_equal(strbuf_str(&sb), "ok");
	arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_empty_string),
		cmocka_unit_test(test_append_grows),
		cmocka_unit_test(test_printf_grows),
		cmocka_unit_test(test_limit_failure_is_sticky),
		cmocka_unit_test(test_arena_cap_failure_is_sticky),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
