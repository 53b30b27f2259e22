/* jp — ICU seam for Japanese text and calendar. See jp.h. */
#include "jp.h"

#include "arena.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* UTF-8 → UTF-16 in the arena; NULL on invalid input. */
static UChar *to_u16(struct arena *a, const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(NULL, 0, &n, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	UChar *u = arena_alloc(a, ((size_t)n + 1) * sizeof(UChar));
	if (!u)
		return NULL;
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, n + 1, len, s, -1, &st);
	return U_FAILURE(st) ? NULL : u;
}

static char *to_u8(struct arena *a, const UChar *u, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strToUTF8(NULL, 0, &n, u, len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	char *s = arena_alloc(a, (size_t)n + 1);
	if (!s)
		return NULL;
	st = U_ZERO_ERROR;
	u_strToUTF8(s, n + 1, NULL, u, len, &st);
	return U_FAILURE(st) ? NULL : s;
}

static UChar *nfkc(struct arena *a, const char *s, int32_t *outlen)
{
	int32_t len;
	UChar *u = to_u16(a, s, &len);
	if (!u)
		return NULL;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return NULL;
	int32_t cap = len * 4 + 16; /* NFKC can expand (㍻ → 平成); retried below if short */
	for (int tries = 0; tries < 2; tries++) {
		UChar *out = arena_alloc(a, (size_t)cap * sizeof(UChar));
		if (!out)
			return NULL;
		st = U_ZERO_ERROR;
		int32_t n = unorm2_normalize(n2, u, len, out, cap, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			cap = n + 1;
			continue;
		}
		if (U_FAILURE(st))
			return NULL;
		*outlen = n;
		return out;
	}
	return NULL;
}

static bool is_space(UChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}

char *jp_normalize(struct arena *a, const char *s)
{
	int32_t n;
	UChar *u = nfkc(a, s, &n);
	if (!u)
		return NULL;
	int32_t b = 0;
	while (b < n && is_space(u[b]))
		b++;
	while (n > b && is_space(u[n - 1]))
		n--;
	return to_u8(a, u + b, n - b);
}

char *jp_kana_key(struct arena *a, const char *s)
{
	int32_t n;
	UChar *u = nfkc(a, s, &n);
	if (!u)
		return NULL;
	int32_t w = 0;
	for (int32_t r = 0; r < n; r++) {
		UChar c = u[r];
		if (is_space(c))
			continue;
		if (c >= 0x3041 && c <= 0x3096) /* hiragana → katakana is a fixed offset */
			c += 0x60;
		u[w++] = c;
	}
	return to_u8(a, u, w);
}

bool jp_is_kana(const char *s)
{
	struct arena *a = arena_create(0);
	int32_t n;
	UChar *u = nfkc(a, s, &n);
	bool ok = u != NULL && n > 0;
	for (int32_t i = 0; ok && i < n; i++) {
		UChar c = u[i];
		ok = (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||
		     c == 0x30FB || is_space(c);
	}
	arena_destroy(a);
	return ok;
}

/* Milliseconds of local noon on d, from a Gregorian calendar (see the file comment in jp.h). */
static bool gregorian_millis(struct date d, UDate *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *g = ucal_open(u"Asia/Tokyo", -1, "en@calendar=gregorian", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		return false;
	ucal_setDateTime(g, d.year, d.month - 1, d.day, 12, 0, 0, &st);
	*out = ucal_getMillis(g, &st);
	ucal_close(g);
	return U_SUCCESS(st);
}

static bool era_of_icu(struct date d, enum lang lang, struct jp_era *out)
{
	UDate ms;
	if (!gregorian_millis(d, &ms))
		return false;
	const char *loc = lang == LANG_JA ? "ja@calendar=japanese" : "en@calendar=japanese";
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *j = ucal_open(u"Asia/Tokyo", -1, loc, UCAL_TRADITIONAL, &st);
	if (U_FAILURE(st))
		return false;
	ucal_setMillis(j, ms, &st);
	out->year = ucal_get(j, UCAL_YEAR, &st);
	ucal_close(j);
	/* The era's name comes from a date format of just "G" (its abbreviated name is the usual
	 * 令和 / Reiwa). */
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, u"Asia/Tokyo", -1, u"G", -1, &st);
	if (U_FAILURE(st))
		return false;
	UChar name[16];
	int32_t n = udat_format(f, ms, name, 16, NULL, &st);
	udat_close(f);
	if (U_FAILURE(st))
		return false;
	u_strToUTF8(out->name, sizeof out->name, NULL, name, n, &st);
	return U_SUCCESS(st);
}

/* era_of_icu opens two calendars and a date format, far more than the rest of a page costs,
 * and a list page shows dozens of dates. A date's era does not change while the process runs, so
 * each thread keeps a direct-mapped table of answers indexed by the day number: a list of dates
 * spread over a few years mostly hits, and a collision only costs one ICU call. */
#define ERA_MEMO 1024

static _Thread_local struct era_memo {
	bool used;       /* the slot holds an answer */
	int64_t days;    /* the date, as days since 1970 */
	enum lang lang;  /* the language of the name */
	struct jp_era era; /* the answer */
} era_memo[ERA_MEMO];

bool jp_era_of(struct date d, enum lang lang, struct jp_era *out)
{
	int64_t days = date_to_days(d);
	struct era_memo *m = &era_memo[(uint64_t)(days * 2 + (lang == LANG_EN)) % ERA_MEMO];
	if (m->used && m->days == days && m->lang == lang) {
		*out = m->era;
		return true;
	}
	if (!era_of_icu(d, lang, out))
		return false;
	*m = (struct era_memo){ .used = true, .days = days, .lang = lang, .era = *out };
	return true;
}

static const char *month_en[] = { "January", "February", "March",     "April",   "May",      "June",
				  "July",    "August",   "September", "October", "November", "December" };

char *jp_format_era_date(struct arena *a, struct date d, enum lang lang)
{
	struct jp_era e;
	if (!jp_era_of(d, lang, &e))
		return NULL;
	if (lang == LANG_EN)
		return arena_printf(a, "%s %d, %s %d", e.name, e.year, month_en[d.month - 1], d.day);
	if (e.year == 1)
		return arena_printf(a, "%s元年%d月%d日", e.name, d.month, d.day);
	return arena_printf(a, "%s%d年%d月%d日", e.name, e.year, d.month, d.day);
}

char *jp_format_date(struct arena *a, struct date d, enum lang lang)
{
	char iso[11];
	date_format_iso(d, iso);
	struct jp_era e;
	if (!jp_era_of(d, lang, &e))
		return arena_strdup(a, iso);
	if (lang == LANG_EN)
		return arena_printf(a, "%s (%s %d)", iso, e.name, e.year);
	char *era = jp_format_era_date(a, d, lang);
	return era ? arena_printf(a, "%s（%s）", iso, era) : NULL;
}

char *jp_fiscal_year_label(struct arena *a, int fy, enum lang lang)
{
	struct jp_era end, start;
	struct date last = { fy + 1, 3, 31 }, first = { fy, 4, 1 };
	if (!jp_era_of(last, lang, &end) || !jp_era_of(first, lang, &start))
		return NULL;
	/* The era in force on March 31 of fy+1 names the fiscal year, counted from calendar year fy,
	 * unless that era only began in fy+1 (then fy has no year in it). */
	struct jp_era e = end;
	e.year = end.year - 1;
	if (e.year < 1)
		e = start;
	if (lang == LANG_EN)
		return arena_printf(a, "FY%d (%s %d)", fy, e.name, e.year);
	if (e.year == 1)
		return arena_printf(a, "%s元年度", e.name);
	return arena_printf(a, "%s%d年度", e.name, e.year);
}

char *jp_format_yen(struct arena *a, int64_t yen, enum lang lang)
{
	UErrorCode err = U_ZERO_ERROR;
	UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, "ja_JP", NULL, &err);
	char digits[64];
	if (U_FAILURE(err) || !nf) {
		snprintf(digits, sizeof digits, "%lld", (long long)yen);
	} else {
		UChar u[64];
		int32_t n = unum_formatInt64(nf, yen, u, 64, NULL, &err);
		u_strToUTF8(digits, sizeof digits, NULL, u, n, &err);
		if (U_FAILURE(err))
			snprintf(digits, sizeof digits, "%lld", (long long)yen);
	}
	if (nf)
		unum_close(nf);
	return lang == LANG_EN ? arena_printf(a, "¥%s", digits) : arena_printf(a, "%s円", digits);
}
