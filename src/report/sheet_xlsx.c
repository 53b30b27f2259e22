/*
 * sheet_xlsx — the status-sharing sheet (自治体状況共有シート) as an Excel workbook. See
 * sheet_xlsx.h; the model is report/sheet.h.
 *
 * One worksheet per section of the national form, laid out like the seed (the form a city sends
 * to the prefecture and the ministry), then the data behind the indicators and one native chart
 * per computed indicator (sheet_xlsx_data.c). This file holds the form's sheets, the formats and
 * the file itself; sheet_xlsx_internal.h holds what the two share (the writer's state and the
 * cell helpers) and is the one place that includes xlsxwriter.h.
 *
 * The form is Japanese whatever the user's language: the headings are the seed's words. Figures
 * are printed by sheet_figure_text(), as the page and the PDF print them, and a computed figure
 * says on which day it was computed. Every sheet prints on A4, one page wide.
 *
 * Excel fits the height of a row to wrapped text only for cells that are not merged, and
 * LibreOffice not always even then; the form merges cells as the seed does, so each row's height
 * is set from an estimate of its lines (xw_lines_of: a full-width character is two units of a
 * column's width, an ASCII one a little over one).
 */
#include "report/sheet_xlsx.h"

#include "arena.h"
#include "error.h"
#include "jp.h"
#include "report/sheet.h"
#include "sheet_xlsx_internal.h"
#include "strbuf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FONT "ＭＳ Ｐゴシック" /* on every Japanese Windows; others substitute a gothic face */

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static void columns(struct xw *x, lxw_worksheet *ws, const double *widths, int n)
{
	for (int c = 0; c < n; c++)
		xw_check(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
}

static double total(const double *widths, int n)
{
	double t = 0;
	for (int c = 0; c < n; c++)
		t += widths[c];
	return t;
}

/* One row of a bordered table: cells[c] in column c, of width w[c], for c < n; the row as tall as
 * its tallest cell. */
static void put_row(struct xw *x, lxw_worksheet *ws, int r, const char *const *cells, const double *w, int n)
{
	int lines = 1;
	for (int c = 0; c < n; c++) {
		xw_put(x, ws, r, c, cells[c], x->td);
		lines = xw_max_int(lines, xw_lines_of(cells[c], w[c]));
	}
	xw_row_lines(x, ws, r, lines);
}

/* Fiscal years as every rendering of the sheet names them (report/sheet.h). */
static const char *fy_long(struct xw *x, int fy)
{
	return sheet_fy_long(x->a, fy);
}

static const char *fy_short(struct xw *x, int fy)
{
	return sheet_fy_short(x->a, fy);
}

/* The figure as the page prints it; a computed one also says when it was computed. */
static const char *figure(struct xw *x, const struct sheet_figure *f, const char *unit)
{
	const char *t = sheet_figure_text(x->a, f, unit);
	if (f->computed)
		return arena_printf(x->a, "%s\n（%s時点の記録から算出）", t, x->s->as_of);
	return t;
}

/* The municipality's name at the top right and the section's heading, as each page of the seed
 * begins; returns the row after them and a blank one. */
static int section_head(struct xw *x, lxw_worksheet *ws, int last_col, const char *heading)
{
	xw_put_block(x, ws, 0, 0, 0, last_col, x->s->municipality_name, x->right);
	xw_put_block(x, ws, 1, 0, 1, last_col, heading, x->heading);
	xw_check(x, worksheet_set_row(ws, 1, 2 * LINE_PT, NULL));
	return 3;
}

/* A note that the texts were carried over from the year they were written for. */
static int carried_note(struct xw *x, lxw_worksheet *ws, int r, int last_col, int from_fy)
{
	if (!from_fy || from_fy >= x->s->fy)
		return r;
	xw_put_block(x, ws, r, 0, r, last_col,
		     arena_printf(x->a, "※%sに記入した内容を引き継いでいます。", fy_long(x, from_fy)), x->note);
	return r + 1;
}

static void write_basic(struct xw *x)
{
	const struct status_sheet *s = x->s;
	static const double w[] = { 22, 72 };
	lxw_worksheet *ws = xw_page(x, "1 基礎情報", false);
	if (!ws)
		return;
	columns(x, ws, w, 2);
	xw_put_block(x, ws, 0, 0, 0, 1, s->lead, x->plain);
	xw_row_lines(x, ws, 0, xw_lines_of(s->lead, total(w, 2)));
	xw_put_block(x, ws, 2, 0, 2, 1, "精神障害にも対応した地域包括ケアシステム構築支援事業", x->subtitle);
	xw_put_block(x, ws, 3, 0, 3, 1, "「自治体状況共有」シート", x->title);
	xw_check(x, worksheet_set_row(ws, 3, 2 * LINE_PT, NULL));
	xw_put_block(x, ws, 4, 0, 4, 1, "入院医療中心から地域生活中心へ", x->subtitle);
	xw_put_block(x, ws, 5, 0, 5, 1, s->municipality_name, x->title);
	xw_check(x, worksheet_set_row(ws, 5, 2 * LINE_PT, NULL));
	xw_put_block(x, ws, 7, 0, 7, 1, "１ 県又は政令市・特別区の基礎情報", x->heading);
	xw_put_block(x, ws, 8, 0, 8, 1, "基本情報（都道府県等情報）", x->subtitle);

	struct strbuf wards;
	strbuf_init(&wards, x->a, 0);
	for (size_t i = 0; i < s->n_wards; i++)
		strbuf_printf(&wards, "%s%s", i ? "、" : "", s->wards[i]);
	const char *forum = s->forum_city_wide ? arena_printf(x->a, "%sに1か所", or_empty(s->municipality_name))
					       : "各区に1か所";
	const char *rows[][2] = {
		{ "都道府県等", s->municipality_name }, { "都道府県", s->prefecture },
		{ "行政区", strbuf_str(&wards) },       { "協議の場", forum },
		{ "取組内容", s->basic },
	};
	int r = 9;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, r++) {
		xw_put(x, ws, r, 0, rows[i][0], x->th);
		xw_put(x, ws, r, 1, rows[i][1], x->td);
		xw_row_lines(x, ws, r, xw_lines_of(rows[i][1], w[1]));
	}
	carried_note(x, ws, r, 1, s->texts_from_fy);
}

static void write_overview(struct xw *x)
{
	static const double w[] = { 94 };
	lxw_worksheet *ws = xw_page(x, "2 取組概要", false);
	if (!ws)
		return;
	columns(x, ws, w, 1);
	int r = section_head(x, ws, 0, "2 精神障害にも対応した地域包括ケアシステムの構築に向けた取組概要（全体）");
	xw_put(x, ws, r, 0, x->s->overview, x->td);
	xw_row_lines(x, ws, r, xw_max_int(3, xw_lines_of(x->s->overview, w[0])));
	carried_note(x, ws, r + 1, 0, x->s->texts_from_fy);
}

/* "H19～H20年度", "H21年度", "H21年度～". */
static const char *programme_years(struct xw *x, const struct programme *p)
{
	return sheet_fy_span(x->a, p->from_fy, p->to_fy);
}

/* 実施主体 as the seed writes it: 静岡県（各圏域の相談支援事業所に委託）. */
static const char *programme_implementer(struct xw *x, const struct programme *p)
{
	const char *impl = p->implementer ? p->implementer : "";
	const char *who = !strcmp(impl, "city")	      ? x->s->municipality_name
			  : !strcmp(impl, "prefecture") ? (x->s->prefecture ? x->s->prefecture : "都道府県")
			  : !strcmp(impl, "national")   ? "国"
							: "その他";
	const char *to = p->commissioned_to;
	if (!to || !*to)
		return who;
	size_t n = strlen(to), k = strlen("委託");
	bool says = n >= k && !strcmp(to + n - k, "委託");
	return arena_printf(x->a, "%s（%s%s）", who, to, says ? "" : "に委託");
}

/* The description's lines as the seed's ○ items, and the name it was renamed from. */
static const char *programme_content(struct xw *x, const struct programme *p)
{
	struct strbuf b;
	strbuf_init(&b, x->a, 0);
	for (const char *line = p->description; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n)
			strbuf_printf(&b, "%s○%.*s", b.len ? "\n" : "", (int)n, line);
		line = end ? end + 1 : line + n;
	}
	for (size_t i = 0; p->renamed_from && i < x->s->n_programmes; i++)
		if (x->s->programmes[i].id == p->renamed_from)
			strbuf_printf(&b, "%s○「%s」から名称変更", b.len ? "\n" : "", or_empty(x->s->programmes[i].name));
	return strbuf_str(&b);
}

static void write_timeline(struct xw *x)
{
	static const double w[] = { 16, 34, 26, 44 };
	static const char *const heads[] = { "年度", "事業名", "実施主体", "内容" };
	lxw_worksheet *ws = xw_page(x, "3 取組の経緯", false);
	if (!ws)
		return;
	columns(x, ws, w, 4);
	int r = section_head(x, ws, 3, "３ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組の経緯");
	for (int c = 0; c < 4; c++)
		xw_put(x, ws, r, c, heads[c], x->th);
	r++;
	for (size_t i = 0; i < x->s->n_programmes; i++, r++) {
		const struct programme *p = &x->s->programmes[i];
		const char *cells[] = { programme_years(x, p), arena_printf(x->a, "「%s」", or_empty(p->name)),
					programme_implementer(x, p), programme_content(x, p) };
		put_row(x, ws, r, cells, w, 4);
	}
}

static void write_outcomes(struct xw *x)
{
	const struct status_sheet *s = x->s;
	static const double w[] = { 30, 18, 18, 44 };
	lxw_worksheet *ws = xw_page(x, "4 成果・効果", false);
	if (!ws)
		return;
	columns(x, ws, w, 4);
	int r = section_head(x, ws, 3, "４ 精神障害にも対応した地域包括ケアシステム構築に資する取組の成果・効果");
	xw_put_block(x, ws, r, 0, r, 3, arena_printf(x->a, "＜%sまでの成果・効果＞", fy_long(x, s->fy)), x->subtitle);
	r++;
	const char *heads[] = { "課題解決の達成度を測る指標", arena_printf(x->a, "目標値\n（%s年度当初）", fy_short(x, s->fy)),
				arena_printf(x->a, "実績値\n（%s年度末）", fy_short(x, s->fy)), "具体的な成果・効果" };
	for (int c = 0; c < 4; c++)
		xw_put(x, ws, r, c, heads[c], x->th);
	xw_row_lines(x, ws, r++, 2);
	for (size_t i = 0; i < s->n_outcomes; i++, r++) {
		const struct sheet_row *o = &s->outcomes[i];
		const char *cells[] = { xw_indicator_name(x, o->position, o->name, o->ward_name),
					figure(x, &o->target, o->unit), figure(x, &o->actual, o->unit), o->outcome };
		put_row(x, ws, r, cells, w, 4);
	}
}

/* The four sub-rows of one challenge: 課題 and 方針 merged down them, a role on each. */
static int write_challenge(struct xw *x, lxw_worksheet *ws, int r, const struct plan_challenge *c, const double *w)
{
	const char *labels[] = { "行政", "医療", "福祉", "その他関係機関・住民等" };
	const char *roles[] = { c->role_government, c->role_medical, c->role_welfare, c->role_other };
	xw_put_block(x, ws, r, 0, r + 3, 0, c->title, x->td);
	xw_put_block(x, ws, r, 1, r + 3, 1, c->policy, x->td);
	int sum = 0, need = xw_max_int(xw_lines_of(c->title, w[0]), xw_lines_of(c->policy, w[1]));
	for (int i = 0; i < 4; i++) {
		int lines = xw_max_int(xw_lines_of(roles[i], w[3]), xw_lines_of(labels[i], w[2]));
		if (i == 3 && sum + lines < need)
			lines = need - sum;
		xw_put(x, ws, r + i, 2, labels[i], x->td);
		xw_put(x, ws, r + i, 3, roles[i], x->td);
		xw_row_lines(x, ws, r + i, lines);
		sum += lines;
	}
	return r + 4;
}

/* The year the coming indicators aim at when they share one, else 0. */
static int coming_target_fy(const struct status_sheet *s)
{
	for (size_t i = 1; i < s->n_coming; i++)
		if (s->coming[i].target_fy != s->coming[0].target_fy)
			return 0;
	return s->n_coming ? s->coming[0].target_fy : 0;
}

static void write_plan(struct xw *x)
{
	const struct status_sheet *s = x->s;
	static const double w[] = { 26, 26, 16, 40 };
	lxw_worksheet *ws = xw_page(x, "5 強みと課題", false);
	if (!ws)
		return;
	columns(x, ws, w, 4);
	int r = section_head(x, ws, 3, "５ 精神障害にも対応した地域包括ケアシステムの構築に向けた現時点における強みと課題");
	xw_put_block(x, ws, r, 0, r, 3, "【特徴（強み）】", x->subtitle);
	r++;
	xw_put_block(x, ws, r, 0, r, 3, s->strength, x->td);
	xw_row_lines(x, ws, r, xw_max_int(2, xw_lines_of(s->strength, total(w, 4))));
	r = carried_note(x, ws, r + 1, 3, s->plan_from_fy) + 1;

	xw_put(x, ws, r, 0, "課題", x->th);
	xw_put(x, ws, r, 1, "課題解決に向けた取組方針", x->th);
	xw_put_block(x, ws, r, 2, r, 3, "課題・方針に対する役割（取組）", x->th);
	r++;
	for (size_t i = 0; i < s->n_challenges; i++)
		r = write_challenge(x, ws, r, &s->challenges[i], w);
	xw_put_block(x, ws, r, 0, r, 3, "※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。", x->note);
	r += 2;

	int target_fy = coming_target_fy(s);
	const char *heads[] = { "課題解決の達成度を測る指標", "現状値\n（今年度当初）",
				target_fy ? arena_printf(x->a, "目標値\n（%s末）", fy_long(x, target_fy)) : "目標値",
				"見込んでいる成果・効果" };
	for (int c = 0; c < 4; c++)
		xw_put(x, ws, r, c, heads[c], x->th);
	xw_row_lines(x, ws, r++, 2);
	for (size_t i = 0; i < s->n_coming; i++, r++) {
		const struct sheet_row *o = &s->coming[i];
		const char *target = figure(x, &o->target, o->unit);
		if (!target_fy)
			target = arena_printf(x->a, "%s\n（%s末）", target, fy_long(x, o->target_fy));
		const char *cells[] = { xw_indicator_name(x, o->position, o->name, o->ward_name),
					figure(x, &o->baseline, o->unit), target, o->expected };
		put_row(x, ws, r, cells, w, 4);
	}
}

static lxw_format *format(struct xw *x, double size, bool bold, bool border, uint8_t align)
{
	lxw_format *f = workbook_add_format(x->wb);
	format_set_font_name(f, FONT);
	format_set_font_size(f, size);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (align)
		format_set_align(f, align);
	return f;
}

static void formats(struct xw *x)
{
	x->title = format(x, 16, true, false, LXW_ALIGN_CENTER);
	format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	x->subtitle = format(x, 11, true, false, 0);
	x->heading = format(x, 12, true, false, 0);
	format_set_bottom(x->heading, LXW_BORDER_MEDIUM);
	x->right = format(x, 10, false, false, LXW_ALIGN_RIGHT);
	x->plain = format(x, 10, false, false, 0);
	x->th = format(x, 10, true, true, LXW_ALIGN_CENTER);
	format_set_align(x->th, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(x->th, 0xE7EEF7);
	x->td = format(x, 10, false, true, 0);
	x->note = format(x, 9, false, false, 0);
	static const char *const nums[] = { "0", "0.0" };
	static const char *const provs[] = { "0\"（暫定）\"", "0.0\"（暫定）\"" };
	x->year = format(x, 10, false, false, 0);
	format_set_num_format(x->year, "0");
	for (int k = 0; k < 2; k++) {
		x->num[k] = format(x, 10, false, false, LXW_ALIGN_RIGHT);
		format_set_num_format(x->num[k], nums[k]);
		x->num_prov[k] = format(x, 10, false, false, LXW_ALIGN_RIGHT);
		format_set_num_format(x->num_prov[k], provs[k]);
		format_set_italic(x->num_prov[k]);
	}
}

/* Midnight in Japan on the sheet's as_of day, as the workbook's creation time: the same sheet
 * computed on the same day gives the same bytes (libxlsxwriter stamps the current time
 * otherwise). 0 — libxlsxwriter's "now" — for a malformed date. */
static time_t created_at(const char *as_of)
{
	struct tm tm = { 0 };
	char end;
	if (sscanf(as_of, "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &end) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	return t > 9 * 3600 ? t - 9 * 3600 : 0;
}

int sheet_xlsx_write(const struct status_sheet *s, const char *path)
{
	struct xw x = { .s = s, .a = arena_create(0) };
	x.wb = workbook_new(path);
	if (!x.wb) {
		arena_destroy(x.a);
		return ERR_STORAGE;
	}
	formats(&x);
	/* No author: the file goes to the prefecture, and the person who made it is in the audit log. */
	lxw_doc_properties props = {
		.title = arena_printf(x.a, "自治体状況共有シート %s %s", or_empty(s->municipality_name), fy_long(&x, s->fy)),
		.subject = "精神障害にも対応した地域包括ケアシステム構築支援事業",
		.created = created_at(s->as_of),
	};
	xw_check(&x, workbook_set_properties(x.wb, &props));
	write_basic(&x);
	write_overview(&x);
	write_timeline(&x);
	write_outcomes(&x);
	write_plan(&x);
	xw_write_data_and_charts(&x);
	xw_check(&x, workbook_close(x.wb)); /* frees the workbook whatever it returns */
	arena_destroy(x.a);
	return x.err == LXW_NO_ERROR ? 0 : ERR_STORAGE;
}

/* The bytes of the file open at fd, appended to out. */
static int read_back(int fd, struct strbuf *out)
{
	char buf[65536];
	if (lseek(fd, 0, SEEK_SET) < 0)
		return ERR_STORAGE;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ERR_STORAGE;
		if (n == 0)
			return out->failed ? ERR_TOOBIG : 0;
		strbuf_append(out, buf, (size_t)n);
	}
}

int sheet_xlsx_bytes(const struct status_sheet *s, struct strbuf *out)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	char *path = arena_printf(out->arena, "%s/tsunagu-sheet-XXXXXX", dir);
	if (!path)
		return ERR_TOOBIG;
	int fd = mkstemp(path); /* 0600: the sheet is the city's own until it sends it */
	if (fd < 0)
		return ERR_STORAGE;
	/* libxlsxwriter truncates and rewrites the file at path, the same inode fd reads. */
	int rc = sheet_xlsx_write(s, path);
	if (!rc)
		rc = read_back(fd, out);
	close(fd);
	if (unlink(path) != 0 && !rc)
		rc = ERR_STORAGE;
	return rc;
}
