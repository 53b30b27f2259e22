/*
 * test_jp — the Japanese calendar (era boundaries, fiscal-year labels as the government names
 * them) and text normalisation (NFKC, kana keys).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "jp.h"

#include <string.h>

#define D(y, m, d) ((struct date){ (y), (m), (d) })

static int setup(void **state)
{
	*state = arena_create(0);
	return 0;
}

static int teardown(void **state)
{
	arena_destroy(*state);
	return 0;
}

static void assert_era(struct date d, enum lang lang, const char *name, int year)
{
	struct jp_era e;
	assert_true(jp_era_of(d, lang, &e));
	assert_string_equal(e.name, name);
	assert_int_equal(e.year, year);
}

static void test_era_boundaries(void **state)
{
	/* 昭和 ended on 1989-01-07; 平成 began the next day and ended on 2019-04-30. */
	assert_era(D(1989, 1, 7), LANG_JA, "昭和", 64);
	assert_era(D(1989, 1, 8), LANG_JA, "平成", 1);
	assert_era(D(2019, 4, 30), LANG_JA, "平成", 31);
	assert_era(D(2019, 5, 1), LANG_JA, "令和", 1);
	assert_era(D(2021, 4, 1), LANG_JA, "令和", 3);
	assert_era(D(1926, 12, 24), LANG_JA, "大正", 15);
	assert_era(D(1926, 12, 25), LANG_JA, "昭和", 1);

	/* English names as ICU gives them: with the macron in Shōwa. */
	assert_era(D(2021, 4, 1), LANG_EN, "Reiwa", 3);
	assert_era(D(2019, 4, 30), LANG_EN, "Heisei", 31);
	assert_era(D(1989, 1, 8), LANG_EN, "Heisei", 1);
	assert_era(D(1989, 1, 7), LANG_EN, "Sh\xc5\x8dwa", 64);
}

static void test_format_era_date(void **state)
{
	struct arena *a = *state;
	assert_string_equal(jp_format_era_date(a, D(1989, 1, 7), LANG_JA), "昭和64年1月7日");
	assert_string_equal(jp_format_era_date(a, D(1989, 1, 8), LANG_JA), "平成元年1月8日");
	assert_string_equal(jp_format_era_date(a, D(2019, 4, 30), LANG_JA), "平成31年4月30日");
	assert_string_equal(jp_format_era_date(a, D(2019, 5, 1), LANG_JA), "令和元年5月1日");
	assert_string_equal(jp_format_era_date(a, D(2021, 4, 1), LANG_JA), "令和3年4月1日");
	assert_string_equal(jp_format_era_date(a, D(2021, 4, 1), LANG_EN), "Reiwa 3, April 1");
	assert_string_equal(jp_format_era_date(a, D(2019, 5, 1), LANG_EN), "Reiwa 1, May 1");
	assert_string_equal(jp_format_era_date(a, D(2019, 4, 30), LANG_EN), "Heisei 31, April 30");

	assert_string_equal(jp_format_date(a, D(2021, 4, 1), LANG_JA), "2021-04-01（令和3年4月1日）");
	assert_string_equal(jp_format_date(a, D(2021, 4, 1), LANG_EN), "2021-04-01 (Reiwa 3)");
}

static void test_fiscal_year_label(void **state)
{
	struct arena *a = *state;
	assert_string_equal(jp_fiscal_year_label(a, 2021, LANG_JA), "令和3年度");
	/* FY2019 began in 平成31 but is called 令和元年度. */
	assert_string_equal(jp_fiscal_year_label(a, 2019, LANG_JA), "令和元年度");
	assert_string_equal(jp_fiscal_year_label(a, 2020, LANG_JA), "令和2年度");
	assert_string_equal(jp_fiscal_year_label(a, 2018, LANG_JA), "平成30年度");
	/* FY1988 ended in 平成元年 but is 昭和63年度: 平成 had not begun in 1988. */
	assert_string_equal(jp_fiscal_year_label(a, 1988, LANG_JA), "昭和63年度");
	assert_string_equal(jp_fiscal_year_label(a, 1989, LANG_JA), "平成元年度");
	assert_string_equal(jp_fiscal_year_label(a, 1990, LANG_JA), "平成2年度");

	assert_string_equal(jp_fiscal_year_label(a, 2021, LANG_EN), "FY2021 (Reiwa 3)");
	assert_string_equal(jp_fiscal_year_label(a, 2019, LANG_EN), "FY2019 (Reiwa 1)");
	assert_string_equal(jp_fiscal_year_label(a, 2018, LANG_EN), "FY2018 (Heisei 30)");
}

static void test_normalize(void **state)
{
	struct arena *a = *state;
	assert_string_equal(jp_normalize(a, "ｱｲｳ"), "アイウ");
	assert_string_equal(jp_normalize(a, "ｶﾞｯｺｳ"), "ガッコウ"); /* voiced mark composed */
	assert_string_equal(jp_normalize(a, "１２３"), "123");
	assert_string_equal(jp_normalize(a, "ＡＢＣ－ｘｙｚ"), "ABC-xyz");
	assert_string_equal(jp_normalize(a, "㍻"), "平成");
	/* Leading and trailing ASCII and ideographic spaces go; inner ones stay (as U+0020). */
	assert_string_equal(jp_normalize(a, "\xe3\x80\x80 \t山田\xe3\x80\x80太郎 \n\xe3\x80\x80"),
			    "山田 太郎");
	assert_string_equal(jp_normalize(a, "  \xe3\x80\x80 "), "");
	assert_string_equal(jp_normalize(a, ""), "");
	assert_string_equal(jp_normalize(a, "静岡市"), "静岡市");

	assert_null(jp_normalize(a, "\xff"));
	assert_null(jp_normalize(a, "ok\xe3\x81"));     /* truncated */
	assert_null(jp_normalize(a, "\xc0\xaf"));       /* overlong */
	assert_null(jp_normalize(a, "\xed\xa0\x80"));   /* surrogate */
}

static void test_kana_key(void **state)
{
	struct arena *a = *state;
	assert_string_equal(jp_kana_key(a, "ひらがな"), "ヒラガナ");
	assert_string_equal(jp_kana_key(a, "やまだ たろう"), "ヤマダタロウ");
	assert_string_equal(jp_kana_key(a, "ヤマダ\xe3\x80\x80タロウ"), "ヤマダタロウ");
	assert_string_equal(jp_kana_key(a, "ﾔﾏﾀﾞ ﾀﾛｳ"), "ヤマダタロウ");
	assert_string_equal(jp_kana_key(a, " やまダ "), "ヤマダ");
	assert_string_equal(jp_kana_key(a, "ゔぁ"), "ヴァ"); /* the last folded hiragana */
	assert_string_equal(jp_kana_key(a, "ラーメン"), "ラーメン");
	/* Every spelling of one reading gets one key: that is what sorting relies on. */
	assert_string_equal(jp_kana_key(a, "すずき はなこ"), jp_kana_key(a, "ｽｽﾞｷﾊﾅｺ"));
	assert_null(jp_kana_key(a, "\xff"));
}

static void test_is_kana(void **state)
{
	assert_true(jp_is_kana("やまだ"));
	assert_true(jp_is_kana("ヤマダ"));
	assert_true(jp_is_kana("ﾔﾏﾀﾞ"));
	assert_true(jp_is_kana("やまだ タロウ"));
	assert_true(jp_is_kana("ヤマダ\xe3\x80\x80タロウ"));
	assert_true(jp_is_kana("ラーメン"));
	assert_false(jp_is_kana("山田"));
	assert_false(jp_is_kana("やまだ太郎"));
	assert_false(jp_is_kana("yamada"));
	assert_false(jp_is_kana("ヤマダ1"));
	assert_false(jp_is_kana("ヤマダ１"));
	assert_false(jp_is_kana(""));
	assert_false(jp_is_kana("\xff"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_era_boundaries),
		T(test_format_era_date),
		T(test_fiscal_year_label),
		T(test_normalize),
		T(test_kana_key),
		T(test_is_kana),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
