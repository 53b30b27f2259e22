/*
 * sheet — the status-sharing sheet (自治体状況共有シート) of one fiscal year as one model, filled from
 * the records by status_sheet_load() and rendered by the page (pages/sheet.c), the workbook
 * (sheet_xlsx.c) and the PDF (sheet_pdf.c), so the three always say the same thing.
 *
 * The sheet of FY is the one written during FY+1, as the seed's R3 sheet was: §4 the outcomes of
 * the indicator years whose target year is FY; §5 the strengths and challenges of the plan of FY
 * and the indicator years set at the start of FY+1 (「現状値（今年度当初）」 → 「目標値（令和5年度末）」).
 *
 * Sections, as in the seed:
 *   lead      the paragraph above the title (sheet_text 'lead')
 *   §1        basic information: municipality, prefecture, wards, forum scope, 取組内容 text
 *   §2        overview text
 *   §3        the programme timeline (domain/programme.h)
 *   §4        outcomes: indicator, target, actual, 具体的な成果・効果
 *   §5        strengths, challenges with policy and the four roles, and the coming indicators:
 *             baseline, target (for the end of target_fy), 見込んでいる成果・効果
 * plus the data behind the charts: every computed indicator of the municipality's set over the
 * years, with its targets.
 *
 * A computed figure says so (computed true) and the sheet prints the day it was computed on
 * (as_of); a figure whose observation window had not passed on as_of is provisional.
 * Everything returned lives in the caller's arena.
 */
#ifndef TSUNAGU_REPORT_SHEET_H
#define TSUNAGU_REPORT_SHEET_H

#include "domain/indicator.h"
#include "domain/programme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

/* One figure of an indicator row: a number, a text, or neither (shown as a dash). */
struct sheet_figure {
	bool has_value;
	double value;             /* when has_value; counts are whole numbers */
	enum indicator_kind kind; /* how to print value: COUNT without decimals, RATE/MEAN with one */
	const char *text;         /* a figure in words (entered), or NULL */
	bool computed;            /* computed from the records on the sheet's as_of */
	bool provisional;         /* computed, and its window had not passed on as_of */
};

struct sheet_row {
	int64_t indicator_id;
	int position;             /* ① = 1 */
	const char *name;         /* 宅建との制度を活用したケースの積み上げ */
	const char *unit;         /* 件; "" for none */
	const char *computation;  /* the indicator_codes code, or NULL when entered */
	const char *ward_name;    /* 駿河区 when computed over one ward, else NULL */
	int fy, target_fy;        /* set at the start of fy, for the end of target_fy */
	struct sheet_figure baseline, target, actual;
	const char *outcome;      /* 具体的な成果・効果, or NULL */
	const char *expected;     /* 見込んでいる成果・効果, or NULL */
	struct sheet_figure national_value, national_target; /* entered, never computed */
	const char *national_note;
};

/* One computed indicator over the years, for a chart and the data sheet. */
struct sheet_point {
	int fy;
	struct sheet_figure value;  /* has_value false: no figure that year (or the year had not begun) */
	struct sheet_figure target; /* the target set for the end of this fy, if any */
};

struct sheet_series {
	int64_t indicator_id;
	int position;
	const char *name, *unit, *computation, *ward_name;
	enum indicator_kind kind;
	struct sheet_point *points; /* n_points consecutive fiscal years, from_fy first */
	size_t n_points;
};

struct status_sheet {
	int fy;                       /* the fiscal year reported on (2021 for 令和3年度) */
	char as_of[11];               /* YYYY-MM-DD: the day the computed figures were computed */
	const char *municipality_code, *municipality_name;
	const char *prefecture;       /* 静岡県, or NULL */
	const char **wards;           /* ward names */
	size_t n_wards;
	bool forum_city_wide;         /* one 協議の場 for the whole city (municipality.forum_scope) */
	const char *lead, *basic, *overview; /* NULL when never written */
	int texts_from_fy;            /* the year the texts were written for (≤ fy), 0 when none */
	struct programme *programmes; /* the timeline, as programme_list() orders it */
	size_t n_programmes;
	const char *strength;         /* NULL when none */
	int plan_from_fy;             /* the plan's year (≤ fy: the newest written by then), 0 when none */
	struct plan_challenge *challenges;
	size_t n_challenges;
	struct sheet_row *outcomes;   /* §4: years with target_fy == fy, by position */
	size_t n_outcomes;
	struct sheet_row *coming;     /* §5: years set at the start of fy + 1, by position */
	size_t n_coming;
	int coming_fy;                /* fy + 1 */
	struct sheet_series *series;  /* every active computed indicator of the set, by position */
	size_t n_series;
};

/* Fills *out for fiscal year fy (2000..2100), computing on as_of (YYYY-MM-DD). ERR_INVALID for
 * a bad fy or as_of; ERR_NOTFOUND when the database has no municipality; a storage error as the
 * database gave it. */
int status_sheet_load(struct db *db, struct arena *a, int fy, const char *as_of, struct status_sheet *out);

/* The figure as the sheet prints it: "6件", "361.7日", "68.9%", the text, or "—" when neither;
 * a provisional computed figure ends with "（暫定）". unit may be NULL. */
const char *sheet_figure_text(struct arena *a, const struct sheet_figure *f, const char *unit);

/* Every year row of one indicator (by fy) with its figures as the sheet shows them, and — for a
 * computed one — its series around fiscal year fy into *series (n_points 0 for an entered one).
 * ERR_NOTFOUND when there is no such indicator. */
int sheet_indicator_load(struct db *db, struct arena *a, int64_t indicator_id, int fy, const char *as_of,
			 struct sheet_row **rows, size_t *n, struct sheet_series *series);

/* How the sheet names fiscal years, for the page, the workbook and the PDF alike:
 *   sheet_fy_long(2021)         "令和3年度"
 *   sheet_fy_short(2021)        "R3"            (the seed's 「R3年度当初」)
 *   sheet_fy_span(2007, 2008)   "平成19～20年度"; (2009, 0) "平成21年度～"; (2018, 2020)
 *                               "平成30年度～令和2年度"; (2021, 2021) "令和3年度"
 * In a's memory; a plain "2021年度" where ICU gives no era. */
const char *sheet_fy_long(struct arena *a, int fy);
const char *sheet_fy_short(struct arena *a, int fy);
const char *sheet_fy_span(struct arena *a, int from_fy, int to_fy);

/* "①" for 1 … "⑳" for 20, else "(21)". A static string or one in a. */
const char *sheet_circled(struct arena *a, int n);

#endif
