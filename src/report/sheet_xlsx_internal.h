/*
 * sheet_xlsx_internal — what the two files of the status-sharing workbook share: sheet_xlsx.c
 * (the form's five sheets, the formats, the file) and sheet_xlsx_data.c (the data sheet and its
 * charts). The writer's state and the cell helpers, static inline, so that a cell, a merged block,
 * a row's height and a sheet's page set-up are made one way in both. Internal to src/report.
 *
 * The one place that includes xlsxwriter.h: the project's rule is each third-party header in one
 * place, and for libxlsxwriter this header is that place — only those two files include it.
 */
#ifndef TSUNAGU_SHEET_XLSX_INTERNAL_H
#define TSUNAGU_SHEET_XLSX_INTERNAL_H

#include "arena.h"
#include "report/sheet.h"

#include <stdbool.h>
#include <string.h>
#include <xlsxwriter.h>

#define LINE_PT 14.0        /* one line of 10-point text */
#define CELL_TEXT_MAX 32767 /* Excel's most characters in a cell */
#define PAPER_A4 9

struct xw {
	lxw_workbook *wb;
	struct arena *a;               /* labels and joined texts, freed when the workbook is done */
	const struct status_sheet *s;
	lxw_error err;                 /* sticky: the first thing libxlsxwriter refused */
	lxw_format *title, *subtitle, *heading, *right, *plain, *th, *td, *note;
	lxw_format *year, *num[2], *num_prov[2]; /* data cells: [0] a count, [1] one decimal; _prov: 暫定 */
};

static inline void xw_check(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

static inline int xw_max_int(int a, int b)
{
	return a > b ? a : b;
}

/* text in a cell; NULL or "" leaves it blank (bordered when f has borders). A text past Excel's
 * limit is cut at a character boundary rather than refused with the whole workbook. */
static inline void xw_put(struct xw *x, lxw_worksheet *ws, int r, int c, const char *text, lxw_format *f)
{
	if (text && strlen(text) > CELL_TEXT_MAX) {
		size_t n = CELL_TEXT_MAX;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		text = arena_strndup(x->a, text, n);
	}
	if (!text || !*text)
		xw_check(x, f ? worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f) : LXW_NO_ERROR);
	else
		xw_check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, text, f));
}

/* text over rows r1..r2 and columns c1..c2, merged when that is more than one cell. */
static inline void xw_put_block(struct xw *x, lxw_worksheet *ws, int r1, int c1, int r2, int c2,
				const char *text, lxw_format *f)
{
	if (r1 == r2 && c1 == c2) {
		xw_put(x, ws, r1, c1, text, f);
		return;
	}
	xw_check(x, worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, "", f));
	xw_put(x, ws, r1, c1, text, f);
}

/* How many lines text takes in a column width chars wide (Excel's unit: one digit). */
static inline int xw_lines_of(const char *text, double width)
{
	int lines = 1;
	double used = 0, room = width > 3 ? width - 1.5 : 1.5;
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (*p == '\n') {
			lines++;
			used = 0;
			continue;
		}
		if ((*p & 0xC0) == 0x80)
			continue;
		double w = *p < 0x80 ? 1.1 : 2.0;
		if (used + w > room) {
			lines++;
			used = 0;
		}
		used += w;
	}
	return lines;
}

static inline void xw_row_lines(struct xw *x, lxw_worksheet *ws, int r, int lines)
{
	xw_check(x, worksheet_set_row(ws, (lxw_row_t)r, lines * LINE_PT + 4, NULL));
}

/* A new sheet: A4, one page wide, as many pages down as it needs, no screen grid. NULL, the error
 * kept in x, when libxlsxwriter refuses it. */
static inline lxw_worksheet *xw_page(struct xw *x, const char *name, bool landscape)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws) {
		xw_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	worksheet_set_paper(ws, PAPER_A4);
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	return ws;
}

/* "①宅建との制度を活用したケースの積み上げ", with "（駿河区）" after it for an indicator of one ward. */
static inline const char *xw_indicator_name(struct xw *x, int position, const char *name, const char *ward)
{
	return arena_printf(x->a, "%s%s%s%s%s", sheet_circled(x->a, position), name ? name : "",
			    ward ? "（" : "", ward ? ward : "", ward ? "）" : "");
}

/* sheet_xlsx_data.c: the sheets データ (every series' figures and targets by fiscal year, numbers
 * as numbers) and グラフ (one line chart per series, reading データ), after the form's sheets. */
void xw_write_data_and_charts(struct xw *x);

#endif
