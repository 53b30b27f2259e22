/*
 * test_date — calendar dates in plain C: strict parsing, month arithmetic that clamps, day counts,
 * the fiscal year and "today" in Japan. Expected values are worked out by hand (day numbers:
 * 2021-01-01 is 51 years after 1970 with 13 leap days, 51 × 365 + 13 = 18628).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date.h"

#include <string.h>

#define D(y, m, d) ((struct date){ (y), (m), (d) })

static void assert_date(struct date got, int y, int m, int d)
{
	if (got.year != y || got.month != m || got.day != d)
		fail_msg("got %04d-%02d-%02d, expected %04d-%02d-%02d", got.year, got.month, got.day, y,
			 m, d);
}

static void test_parse_valid(void **state)
{
	struct date d;
	assert_true(date_parse("2021-04-01", &d));
	assert_date(d, 2021, 4, 1);
	assert_true(date_parse("2024-02-29", &d));
	assert_date(d, 2024, 2, 29);
	assert_true(date_parse("2000-02-29", &d)); /* divisible by 400: leap */
	assert_date(d, 2000, 2, 29);
	assert_true(date_parse("1873-01-01", &d));
	assert_date(d, 1873, 1, 1);
	assert_true(date_parse("9999-12-31", &d));
	assert_date(d, 9999, 12, 31);
	assert_true(date_parse("2021-12-31", &d));
	assert_date(d, 2021, 12, 31);
}

static void test_parse_strict(void **state)
{
	static const char *const bad[] = {
		"2023-02-29", /* not a leap year */
		"2100-02-29", /* divisible by 100, not by 400 */
		"2023-02-30",
		"2021-04-31",
		"2021-00-10",
		"2021-13-01",
		"2021-04-00",
		"1872-12-31", /* before Japan used the Gregorian calendar */
		"0000-01-01",
		"2021-4-01",
		"2021-04-1",
		"2021-04-011",
		"21-04-01",
		"20210401",
		"2021/04/01",
		"2021-04-0a",
		"2021-O4-01",
		"+021-04-01",
		"-021-04-01",
		" 2021-04-01",
		"2021-04-01 ",
		"2021-04-01T00:00",
		"２０２１-04-01",
		"2021--04-01",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct date d;
		if (date_parse(bad[i], &d))
			fail_msg("date_parse accepted \"%s\"", bad[i]);
	}
	struct date d;
	assert_false(date_parse(NULL, &d));
}

static void test_format_iso(void **state)
{
	char buf[11];
	date_format_iso(D(2021, 4, 1), buf);
	assert_string_equal(buf, "2021-04-01");
	date_format_iso(D(1873, 12, 31), buf);
	assert_string_equal(buf, "1873-12-31");
}

static void test_days_known_values(void **state)
{
	assert_int_equal(date_to_days(D(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(D(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(D(2021, 1, 1)), 18628);
	assert_int_equal(date_to_days(D(2021, 4, 1)), 18628 + 31 + 28 + 31);
	/* 2000-01-01 is 10957; 2000 is a leap year: + 31 + 29. */
	assert_int_equal(date_to_days(D(2000, 3, 1)), 10957 + 60);
	/* 97 years back with 23 leap days (1876 … 1968, not 1900). */
	assert_int_equal(date_to_days(D(1873, 1, 1)), -(97 * 365 + 23));
	assert_date(date_from_days(0), 1970, 1, 1);
	assert_date(date_from_days(-1), 1969, 12, 31);
	assert_date(date_from_days(18718), 2021, 4, 1);
	assert_date(date_from_days(-35428), 1873, 1, 1);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The next calendar day, by the rules as people state them. */
static struct date next_day(struct date d)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int last = d.month == 2 && leap(d.year) ? 29 : len[d.month - 1];
	if (d.day < last)
		return D(d.year, d.month, d.day + 1);
	if (d.month < 12)
		return D(d.year, d.month + 1, 1);
	return D(d.year + 1, 1, 1);
}

static void test_days_round_trip(void **state)
{
	/* Every day from 1873 to 2100: consecutive day numbers are consecutive dates. */
	struct date d = D(1873, 1, 1);
	int64_t n = date_to_days(d);
	for (; d.year <= 2100; d = next_day(d), n++) {
		if (date_to_days(d) != n)
			fail_msg("date_to_days(%04d-%02d-%02d) is not %lld", d.year, d.month, d.day,
				 (long long)n);
		struct date back = date_from_days(n);
		if (date_cmp(back, d) != 0)
			fail_msg("date_from_days(%lld) is not %04d-%02d-%02d", (long long)n, d.year,
				 d.month, d.day);
	}
	assert_date(d, 2101, 1, 1);
}

static void test_add_days(void **state)
{
	assert_date(date_add_days(D(2023, 12, 31), 1), 2024, 1, 1);
	assert_date(date_add_days(D(2024, 1, 1), -1), 2023, 12, 31);
	assert_date(date_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
	assert_date(date_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
	assert_date(date_add_days(D(1900, 2, 28), 1), 1900, 3, 1);
	assert_date(date_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
	assert_date(date_add_days(D(2021, 4, 1), 0), 2021, 4, 1);
	assert_date(date_add_days(D(2021, 4, 1), 365), 2022, 4, 1);
	assert_date(date_add_days(D(2024, 1, 1), 366), 2025, 1, 1);
	/* Back over FY2020 (365 days) and FY2019 (366, it holds 2020-02-29). */
	assert_date(date_add_days(D(2021, 4, 1), -731), 2019, 4, 1);
}

static void test_add_months_clamps(void **state)
{
	assert_date(date_add_months(D(2023, 1, 31), 1), 2023, 2, 28);
	assert_date(date_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
	assert_date(date_add_months(D(2023, 5, 31), 1), 2023, 6, 30);
	assert_date(date_add_months(D(2023, 1, 15), 1), 2023, 2, 15);
	assert_date(date_add_months(D(2023, 12, 31), 1), 2024, 1, 31);
	assert_date(date_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
	assert_date(date_add_months(D(2021, 4, 1), 6), 2021, 10, 1);
	assert_date(date_add_months(D(2021, 4, 1), 0), 2021, 4, 1);
	/* Backwards, across years. */
	assert_date(date_add_months(D(2023, 1, 15), -1), 2022, 12, 15);
	assert_date(date_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
	assert_date(date_add_months(D(2023, 3, 31), -13), 2022, 2, 28);
	assert_date(date_add_months(D(2021, 1, 1), -24), 2019, 1, 1);
	assert_date(date_add_months(D(2021, 1, 31), -2), 2020, 11, 30);
}

static void test_cmp(void **state)
{
	assert_int_equal(date_cmp(D(2021, 4, 1), D(2021, 4, 1)), 0);
	assert_true(date_cmp(D(2021, 4, 1), D(2021, 4, 2)) < 0);
	assert_true(date_cmp(D(2021, 4, 2), D(2021, 4, 1)) > 0);
	assert_true(date_cmp(D(2021, 3, 31), D(2021, 4, 1)) < 0);
	assert_true(date_cmp(D(2021, 12, 1), D(2022, 1, 1)) < 0);
	assert_true(date_cmp(D(2022, 1, 1), D(2021, 12, 31)) > 0);
	/* The year decides before the month and the month before the day. */
	assert_true(date_cmp(D(2020, 12, 31), D(2021, 1, 1)) < 0);
	assert_true(date_cmp(D(2021, 1, 31), D(2021, 2, 1)) < 0);
}

static void test_days_in_month(void **state)
{
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2021, 4), 30);
	assert_int_equal(date_days_in_month(2021, 12), 31);
}

static void test_fiscal_year(void **state)
{
	assert_int_equal(date_fiscal_year(D(2021, 3, 31)), 2020);
	assert_int_equal(date_fiscal_year(D(2021, 4, 1)), 2021);
	assert_int_equal(date_fiscal_year(D(2021, 1, 1)), 2020);
	assert_int_equal(date_fiscal_year(D(2021, 12, 31)), 2021);
	assert_int_equal(date_fiscal_year(D(2022, 3, 31)), 2021);
}

static void test_in_japan(void **state)
{
	/* 2021-03-31 is day 18717; 18717 × 86400 = 1617148800; + 15 h = 1617202800 is
	 * 2021-03-31T15:00:00Z, midnight in Japan. */
	assert_date(date_in_japan((time_t)1617202800), 2021, 4, 1);
	assert_date(date_in_japan((time_t)1617202799), 2021, 3, 31);
	assert_int_equal(date_fiscal_year(date_in_japan((time_t)1617202800)), 2021);
	assert_int_equal(date_fiscal_year(date_in_japan((time_t)1617202799)), 2020);
	/* Midnight UTC is already 09:00 in Japan. */
	assert_date(date_in_japan((time_t)1617148800), 2021, 3, 31);
	/* Before 1970: 1969-12-31T15:00:00Z is midnight JST on 1970-01-01. */
	assert_date(date_in_japan((time_t)-32400), 1970, 1, 1);
	assert_date(date_in_japan((time_t)-32401), 1969, 12, 31);
	assert_date(date_in_japan((time_t)-32400 - 86400), 1969, 12, 31);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_strict),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_days_known_values),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_add_months_clamps),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_fiscal_year),
		cmocka_unit_test(test_in_japan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
