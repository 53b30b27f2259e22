/*
 * sheet_xlsx_data — the status-sharing workbook's last two sheets (see sheet_xlsx.c for the
 * form's five): データ, every computed indicator's figures and targets by fiscal year as numbers
 * (for a city's own analysis), and グラフ, one native line chart per indicator that reads those
 * cells — so a chart redrawn in Excel stays true to the table. Apart from the form because it is
 * a table of numbers and charts, not the form's text: what a reader fixing a chart needs is here.
 */
#include "arena.h"
#include "report/sheet.h"
#include "sheet_xlsx_internal.h"

#include <stdbool.h>
#include <stddef.h>

#define DATA_SHEET "データ"
#define DATA_FIRST_ROW 2 /* below the two header rows */

/* One number of the data sheet. A year without a number gets no cell at all, not a formatted
 * blank: libxlsxwriter caches a blank cell in a chart as 0, and a reader that draws the chart
 * from its cache would plot a year without a figure as zero. */
static void put_value(struct xw *x, lxw_worksheet *ws, int r, int c, const struct sheet_figure *f,
		      enum indicator_kind kind)
{
	int k = kind == INDICATOR_COUNT ? 0 : 1;
	if (!f->has_value)
		return;
	lxw_format *fmt = f->computed && f->provisional ? x->num_prov[k] : x->num[k];
	xw_check(x, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, f->value, fmt));
}

/* The fiscal years the series span together; false when none has a point. */
static bool series_years(const struct status_sheet *s, int *from, int *to)
{
	*from = 0;
	*to = 0;
	for (size_t i = 0; i < s->n_series; i++) {
		const struct sheet_series *se = &s->series[i];
		if (!se->n_points)
			continue;
		int a = se->points[0].fy, b = se->points[se->n_points - 1].fy;
		*from = *from && *from < a ? *from : a;
		*to = *to > b ? *to : b;
	}
	return *from != 0;
}

static const char *series_title(struct xw *x, const struct sheet_series *se)
{
	const char *name = xw_indicator_name(x, se->position, se->name, se->ward_name);
	return se->unit && *se->unit ? arena_printf(x->a, "%s（%s）", name, se->unit) : name;
}

/* Rows: fiscal years; columns: 年度, 西暦, then each series' 実績 and 目標. */
static void write_data(struct xw *x, int from, int to)
{
	const struct status_sheet *s = x->s;
	lxw_worksheet *ws = xw_page(x, DATA_SHEET, true);
	if (!ws)
		return;
	xw_check(x, worksheet_set_column(ws, 0, 1, 9, NULL));
	if (s->n_series)
		xw_check(x, worksheet_set_column(ws, 2, (lxw_col_t)(1 + 2 * s->n_series), 13, NULL));
	xw_put_block(x, ws, 0, 0, 1, 0, "年度", x->th);
	xw_put_block(x, ws, 0, 1, 1, 1, "西暦", x->th);
	int lines = 1;
	for (size_t i = 0; i < s->n_series; i++) {
		int c = 2 + 2 * (int)i;
		const char *title = series_title(x, &s->series[i]);
		xw_put_block(x, ws, 0, c, 0, c + 1, title, x->th);
		lines = xw_max_int(lines, xw_lines_of(title, 26));
		xw_put(x, ws, 1, c, "実績", x->th);
		xw_put(x, ws, 1, c + 1, "目標", x->th);
	}
	xw_row_lines(x, ws, 0, lines);
	worksheet_freeze_panes(ws, DATA_FIRST_ROW, 2);
	xw_check(x, worksheet_repeat_rows(ws, 0, DATA_FIRST_ROW - 1));

	int r = DATA_FIRST_ROW;
	for (int fy = from; from && fy <= to; fy++, r++) {
		xw_put(x, ws, r, 0, sheet_fy_short(x->a, fy), x->plain);
		xw_check(x, worksheet_write_number(ws, (lxw_row_t)r, 1, fy, x->year));
		for (size_t i = 0; i < s->n_series; i++) {
			const struct sheet_series *se = &s->series[i];
			static const struct sheet_figure none;
			const struct sheet_point *pt = NULL;
			if (se->n_points && fy >= se->points[0].fy && (size_t)(fy - se->points[0].fy) < se->n_points)
				pt = &se->points[fy - se->points[0].fy];
			put_value(x, ws, r, 2 + 2 * (int)i, pt ? &pt->value : &none, se->kind);
			put_value(x, ws, r, 3 + 2 * (int)i, pt ? &pt->target : &none, se->kind);
		}
	}
	xw_put_block(x, ws, r + 1, 0, r + 1, 1 + 2 * xw_max_int(1, (int)s->n_series),
		     arena_printf(x->a, "※実績は%s時点の記録から算出した値です。「（暫定）」は観察期間が終わっていない値、"
					"空欄は値のない年度です。", s->as_of), x->note);
}

/* One line chart per series, 実績 solid and 目標 dashed, reading the data sheet's rows. */
static void write_charts(struct xw *x, int from, int to)
{
	const struct status_sheet *s = x->s;
	lxw_worksheet *ws = xw_page(x, "グラフ", false);
	if (!ws)
		return;
	xw_put(x, ws, 0, 0, arena_printf(x->a, "指標の推移（実績は%s時点の記録から算出）", s->as_of), x->subtitle);
	lxw_row_t first = DATA_FIRST_ROW, last = (lxw_row_t)(DATA_FIRST_ROW + to - from);
	for (size_t i = 0, n = 0; from && i < s->n_series; i++) {
		const struct sheet_series *se = &s->series[i];
		if (!se->n_points)
			continue;
		lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
		lxw_chart_series *v = ch ? chart_add_series(ch, NULL, NULL) : NULL;
		if (!v) {
			xw_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		lxw_col_t col = (lxw_col_t)(2 + 2 * i);
		chart_series_set_categories(v, DATA_SHEET, first, 0, last, 0);
		chart_series_set_values(v, DATA_SHEET, first, col, last, col);
		chart_series_set_name(v, "実績");
		chart_series_set_marker_type(v, LXW_CHART_MARKER_CIRCLE);
		bool targets = false;
		for (size_t k = 0; k < se->n_points; k++)
			targets |= se->points[k].target.has_value;
		lxw_chart_series *t = targets ? chart_add_series(ch, NULL, NULL) : NULL;
		if (t) {
			lxw_chart_line dashed = { .color = 0xC0504D, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };
			chart_series_set_categories(t, DATA_SHEET, first, 0, last, 0);
			chart_series_set_values(t, DATA_SHEET, first, col + 1, last, col + 1);
			chart_series_set_name(t, "目標");
			chart_series_set_line(t, &dashed);
			chart_series_set_marker_type(t, LXW_CHART_MARKER_DIAMOND);
		}
		chart_title_set_name(ch, xw_indicator_name(x, se->position, se->name, se->ward_name));
		chart_axis_set_name(ch->x_axis, "年度");
		if (se->unit && *se->unit)
			chart_axis_set_name(ch->y_axis, se->unit);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
		xw_check(x, worksheet_insert_chart(ws, (lxw_row_t)(2 + (n / 2) * 16), (lxw_col_t)((n % 2) * 8), ch));
		n++;
	}
}

void xw_write_data_and_charts(struct xw *x)
{
	int from, to;
	if (!series_years(x->s, &from, &to))
		from = to = 0;
	write_data(x, from, to);
	write_charts(x, from, to);
}
