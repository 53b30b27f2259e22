/*
 * jp — Japanese text and the Japanese calendar, through ICU (the only file that includes ICU).
 *
 * Text typed into tsunagu is normalised with NFKC (half-width kana become full-width, full-width
 * digits and letters become ASCII) before it is validated or stored. People are sorted and searched
 * by a kana key (NFKC, hiragana folded to katakana, spaces removed), because kanji sort by code
 * point, which means nothing to a reader.
 *
 * Era names come from ICU's Japanese calendar, so a future era needs an ICU update, not a code
 * change. Dates are set on a Gregorian calendar and read on the Japanese one: a year set directly
 * on the Japanese calendar is read as an era year.
 */
#ifndef TSUNAGU_JP_H
#define TSUNAGU_JP_H

#include "date.h"

#include <stdint.h>

#include <stdbool.h>

struct arena;

enum lang { LANG_JA, LANG_EN };

/* NFKC of the UTF-8 text s, trimmed of leading and trailing white space (ASCII and U+3000).
 * NULL when s is not valid UTF-8 or the arena is full. */
char *jp_normalize(struct arena *a, const char *s);

/* The search and sort key of a kana reading: NFKC, hiragana folded to katakana, white space
 * removed. NULL as for jp_normalize. */
char *jp_kana_key(struct arena *a, const char *s);

/* True when s (after NFKC) holds only katakana, hiragana, the prolonged sound mark and spaces. */
bool jp_is_kana(const char *s);

struct jp_era {
	char name[32]; /* 令和 (ja) or Reiwa (en) */
	int year;      /* year within the era, 1 for 元年 */
};

/* The era in force on d. False only when ICU fails. */
bool jp_era_of(struct date d, enum lang lang, struct jp_era *out);

/* "令和3年4月1日" (元年 for year 1) or "Reiwa 3, April 1"; NULL when ICU fails. */
char *jp_format_era_date(struct arena *a, struct date d, enum lang lang);

/* "2021-04-01（令和3年4月1日）" or "2021-04-01 (Reiwa 3)" — the form pages show. */
char *jp_format_date(struct arena *a, struct date d, enum lang lang);

/*
 * The fiscal-year label: "令和3年度" / "FY2021 (Reiwa 3)". A fiscal year is named by the era in
 * force at its end when that era had begun by the fiscal year's first calendar year (so FY2019 is
 * 令和元年度, as the government named it); otherwise by the era in force at its start (FY1988,
 * which ended in Heisei 1, is 昭和63年度).
 */
char *jp_fiscal_year_label(struct arena *a, int fy, enum lang lang);

/* An amount of yen as documents write it: "42,000円" in Japanese, "¥42,000" in English (digits
 * grouped by ICU). NULL when the arena is full. */
char *jp_format_yen(struct arena *a, int64_t yen, enum lang lang);

#endif
