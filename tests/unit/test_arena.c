/*
 * test_arena — the per-request allocator: alignment, the cap (a hostile request must get NULL and
 * a sticky over_cap, never a crash), the string helpers and the LIFO cleanups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"

#include <string.h>

static void assert_aligned(const void *p)
{
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
}

static void test_alloc_alignment(void **state)
{
	struct arena *a = arena_create(0);
	/* Odd sizes would misalign the next pointer if the arena did not round up. */
	static const size_t sizes[] = { 1, 3, 7, 17, 33, 100, 5 };
	unsigned char *prev = NULL;
	size_t prev_n = 0;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = arena_alloc(a, sizes[i]);
		assert_aligned(p);
		memset(p, 0xAB, sizes[i]); /* ASan reports it if the block is too small */
		/* Blocks of one arena never overlap. */
		if (prev && p > prev)
			assert_true(p >= prev + prev_n);
		prev = p;
		prev_n = sizes[i];
	}
	/* Larger than a block: gets a block of its own, still aligned and fully usable. */
	unsigned char *big = arena_alloc(a, 100000);
	assert_aligned(big);
	memset(big, 0, 100000);
	assert_aligned(arena_alloc(a, 1));
	assert_false(a->over_cap);
	arena_destroy(a);
}

static void test_zalloc_zero_fills(void **state)
{
	struct arena *a = arena_create(0);
	unsigned char *p = arena_zalloc(a, 300);
	assert_non_null(p);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	arena_destroy(a);
}

static void test_cap_refuses_and_is_sticky(void **state)
{
	struct arena *a = arena_create(100);
	assert_non_null(arena_alloc(a, 64));
	assert_false(a->over_cap);
	/* 64 + 64 passes 100. */
	assert_null(arena_alloc(a, 64));
	assert_true(a->over_cap);
	/* A smaller request that still fits is served, but the flag stays set: the request has
	 * already lost data and must answer 413. */
	assert_non_null(arena_alloc(a, 16));
	assert_true(a->over_cap);
	arena_destroy(a);

	/* Exactly up to the cap is allowed; one byte more is not. */
	a = arena_create(64);
	assert_non_null(arena_alloc(a, 64));
	assert_false(a->over_cap);
	assert_null(arena_alloc(a, 1));
	assert_true(a->over_cap);
	arena_destroy(a);

	/* A single request larger than the cap. */
	a = arena_create(1024);
	assert_null(arena_alloc(a, 2048));
	assert_true(a->over_cap);
	assert_null(arena_zalloc(a, 2048));
	arena_destroy(a);
}

static void test_size_overflow_refused_without_cap(void **state)
{
	/* Rounding SIZE_MAX up to the alignment wraps to a tiny number: that must not hand out a
	 * few bytes for a "huge" request, even with no cap. */
	struct arena *a = arena_create(0);
	assert_null(arena_alloc(a, SIZE_MAX));
	assert_true(a->over_cap);
	arena_destroy(a);
	a = arena_create(0);
	assert_null(arena_alloc(a, SIZE_MAX - 7));
	assert_true(a->over_cap);
	arena_destroy(a);
}

static void test_strings(void **state)
{
	struct arena *a = arena_create(0);
	assert_string_equal(arena_strndup(a, "hello world", 5), "hello");
	assert_string_equal(arena_strndup(a, "", 0), "");
	const char *src = "日本語";
	char *copy = arena_strdup(a, src);
	assert_string_equal(copy, "日本語");
	assert_ptr_not_equal(copy, src);
	assert_null(arena_strdup(a, NULL));

	assert_string_equal(arena_printf(a, "%d-%s-%04x", 42, "x", 0xbeef), "42-x-beef");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	/* Longer than a block (16 KiB). */
	char *long_text = arena_printf(a, "%20000d|", 7);
	assert_non_null(long_text);
	assert_int_equal(strlen(long_text), 20001);
	assert_string_equal(long_text + 19999, "7|");
	arena_destroy(a);

	a = arena_create(32);
	assert_null(arena_printf(a, "%s", "this text is far longer than thirty-two bytes"));
	assert_true(a->over_cap);
	assert_null(arena_strdup(a, "this text is far longer than thirty-two bytes"));
	arena_destroy(a);
}

struct order {
	int ran[8]; /* ids of the cleanups, in the order they ran */
	int n;      /* how many ran */
};

struct cleanup_ctx {
	struct order *order; /* where to record */
	int id;              /* which cleanup this is */
};

static void record(void *p)
{
	struct cleanup_ctx *c = p;
	c->order->ran[c->order->n++] = c->id;
}

static void test_cleanups_run_lifo(void **state)
{
	struct order order = { .n = 0 };
	struct cleanup_ctx ctx[3] = { { &order, 1 }, { &order, 2 }, { &order, 3 } };
	struct arena *a = arena_create(0);
	for (int i = 0; i < 3; i++)
		assert_true(arena_defer(a, record, &ctx[i]));
	assert_int_equal(order.n, 0); /* nothing runs before destroy */
	arena_destroy(a);
	assert_int_equal(order.n, 3);
	assert_int_equal(order.ran[0], 3);
	assert_int_equal(order.ran[1], 2);
	assert_int_equal(order.ran[2], 1);

	arena_destroy(NULL); /* allowed */
}

static void test_defer_over_cap_runs_at_once(void **state)
{
	struct order order = { .n = 0 };
	struct cleanup_ctx ctx = { &order, 7 };
	struct arena *a = arena_create(8); /* too small for the cleanup record itself */
	assert_false(arena_defer(a, record, &ctx));
	assert_true(a->over_cap);
	/* Run already, so the resource is not leaked ... */
	assert_int_equal(order.n, 1);
	assert_int_equal(order.ran[0], 7);
	arena_destroy(a);
	/* ... and not run a second time on destroy. */
	assert_int_equal(order.n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_alignment),
		cmocka_unit_test(test_zalloc_zero_fills),
		cmocka_unit_test(test_cap_refuses_and_is_sticky),
		cmocka_unit_test(test_size_overflow_refused_without_cap),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_cleanups_run_lifo),
		cmocka_unit_test(test_defer_over_cap_runs_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
