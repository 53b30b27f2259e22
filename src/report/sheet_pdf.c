/*
 * sheet_pdf — the status-sharing sheet (自治体状況共有シート) as an A4 PDF. See sheet_pdf.h.
 *
 * It prints struct status_sheet (report/sheet.h) in the order and the words of the national form
 * (../shared/seed/shizuoka-status-sheet.ja.txt): the cover, then sections １–５. The sheet is
 * Japanese whatever the reader's language, because the form is. Figures are printed by
 * sheet_figure_text(), as the page and the workbook print them; one computed from the records
 * is marked ＊, and every page's footer says on which day those were computed. report/pdf.h does
 * the placing: this file only says what goes where.
 */
#include "report/sheet_pdf.h"

#include "arena.h"
#include "codes.h"
#include "domain/programme.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "report/pdf.h"
#include "report/sheet.h"
#include "strbuf.h"

#include <stdbool.h>
#include <string.h>

#define COMPUTED "＊" /* after a figure computed from the records; the footer explains it */

static const struct pdf_style body = { .size = 10, .grey = 0.05 };

struct doc {
	struct pdf *pdf;
	struct arena *a;
	const struct status_sheet *s;
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

/* "令和3年度" (令和元年度 for FY2019), as jp_fiscal_year_label() names the year. */
static const char *fy_label(struct arena *a, int fy)
{
	const char *s = jp_fiscal_year_label(a, fy, LANG_JA);
	return s ? s : arena_printf(a, "%d年度", fy);
}

/* The length of the era's name at the start of a fiscal-year label: what comes before the year
 * (digits, or 元 for the first). */
static size_t era_len(const char *label)
{
	const char *first = strstr(label, "元");
	size_t n = strcspn(label, "0123456789");
	return first && (size_t)(first - label) < n ? (size_t)(first - label) : n;
}

/*
 * A programme's years as the form writes them: "平成21年度～" while it continues, "平成19～20年度"
 * within one era, "平成30年度～令和2年度" across two, "平成27年度" for a single year.
 */
static const char *fy_span(struct arena *a, int from, int to)
{
	const char *first = fy_label(a, from);
	if (!to)
		return arena_printf(a, "%s～", first);
	if (to == from)
		return first;
	const char *last = fy_label(a, to);
	size_t n = era_len(first);
	if (n && n == era_len(last) && !strncmp(first, last, n))
		return arena_printf(a, "%.*s～%s", (int)(strlen(first) - strlen("年度")), first, last + n);
	return arena_printf(a, "%s～%s", first, last);
}

/* A figure as the sheet prints it, marked when it was computed from the records. */
static const char *figure(struct doc *d, const struct sheet_row *r, const struct sheet_figure *f)
{
	const char *t = sheet_figure_text(d->a, f, r->unit);
	return f->computed ? arena_printf(d->a, "%s%s", t, COMPUTED) : t;
}

/* "①支援体制の確認できる仕組み", with the ward when the figures count one ward only. */
static const char *row_name(struct doc *d, const struct sheet_row *r)
{
	const char *n = arena_printf(d->a, "%s%s", sheet_circled(d->a, r->position), r->name ? r->name : "");
	return r->ward_name ? arena_printf(d->a, "%s（%s）", n, r->ward_name) : n;
}

/* Under a text carried over from an earlier year: which year it was written for. */
static void written_in(struct doc *d, int from_fy)
{
	if (from_fy && from_fy < d->s->fy)
		pdf_text(d->pdf, arena_printf(d->a, "（%sに記載した内容）", fy_label(d->a, from_fy)),
			 (struct pdf_style){ .size = 8.5, .align = PDF_RIGHT, .grey = 0.35 });
}

static void cover(struct doc *d)
{
	const struct status_sheet *s = d->s;
	if (s->lead && *s->lead) {
		struct pdf_cell lead = { .text = s->lead, .share = 1, .size = 10, .fill = PDF_SHADED };
		pdf_row(d->pdf, &lead, 1);
		pdf_space(d->pdf, 24);
	}
	pdf_text(d->pdf, "精神障害にも対応した地域包括ケアシステム構築支援事業\n「自治体状況共有」シート",
		 (struct pdf_style){ .size = 17, .align = PDF_CENTER });
	pdf_space(d->pdf, 12);
	pdf_text(d->pdf, "入院医療中心から地域生活中心へ", (struct pdf_style){ .size = 13, .align = PDF_CENTER, .grey = 0.3 });
	pdf_space(d->pdf, 16);
	pdf_text(d->pdf, or_dash(s->municipality_name), (struct pdf_style){ .size = 18, .align = PDF_CENTER });
	pdf_space(d->pdf, 3);
	pdf_text(d->pdf, fy_label(d->a, s->fy), (struct pdf_style){ .size = 11, .align = PDF_CENTER, .grey = 0.3 });
}

static void basics(struct doc *d)
{
	const struct status_sheet *s = d->s;
	pdf_heading(d->pdf, "１ 県又は政令市・特別区の基礎情報");
	pdf_text(d->pdf, "基本情報（都道府県等情報）", (struct pdf_style){ .size = 10.5 });
	pdf_space(d->pdf, 4);
	struct strbuf wards;
	strbuf_init(&wards, d->a, 0);
	for (size_t i = 0; i < s->n_wards; i++)
		strbuf_printf(&wards, "%s%s", i ? "、" : "", s->wards[i]);
	if (s->n_wards)
		strbuf_printf(&wards, "（%zu区）", s->n_wards);
	pdf_label_row(d->pdf, "自治体", s->municipality_name, false);
	pdf_label_row(d->pdf, "都道府県", s->prefecture, false);
	pdf_label_row(d->pdf, "行政区", strbuf_str(&wards), false);
	pdf_label_row(d->pdf, "協議の場", s->forum_city_wide ? "市に1か所" : s->n_wards ? "各区に1か所" : NULL, false);
	pdf_label_row(d->pdf, "取組内容", s->basic, false);
}

static void overview(struct doc *d)
{
	pdf_heading(d->pdf, "２ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組概要（全体）");
	pdf_text(d->pdf, or_dash(d->s->overview), body);
	written_in(d, d->s->texts_from_fy);
}

/* Who ran it: the city or the prefecture by name, as the form says 実施主体：静岡県. */
static const char *implementer(struct doc *d, const struct programme *p)
{
	const struct status_sheet *s = d->s;
	const char *code = p->implementer ? p->implementer : "";
	if (!strcmp(code, "city"))
		return or_dash(s->municipality_name);
	if (!strcmp(code, "prefecture")) {
		const char *pref = s->prefecture;
		if (!pref && s->municipality_code)
			pref = programme_prefecture(s->municipality_code);
		return pref ? pref : i18n_text(LANG_JA, "Prefecture");
	}
	const char *label = code_label(programme_implementers, code);
	return label ? i18n_text(LANG_JA, label) : "—";
}

/* 「name」, then ○ lines: who ran it, the name it was renamed from, what it did. */
static const char *programme_text(struct doc *d, const struct programme *p)
{
	const struct status_sheet *s = d->s;
	struct strbuf b;
	strbuf_init(&b, d->a, 0);
	strbuf_printf(&b, "「%s」\n○実施主体：%s", p->name ? p->name : "", implementer(d, p));
	if (p->commissioned_to && *p->commissioned_to)
		strbuf_printf(&b, "（%s）", p->commissioned_to);
	for (size_t i = 0; p->renamed_from && i < s->n_programmes; i++)
		if (s->programmes[i].id == p->renamed_from && &s->programmes[i] != p)
			strbuf_printf(&b, "\n○「%s」から名称変更", s->programmes[i].name);
	for (const char *line = p->description; line && *line;) {
		size_t n = strcspn(line, "\n");
		if (n)
			strbuf_printf(&b, "\n○%.*s", (int)n, line);
		line += n + (line[n] == '\n');
	}
	return strbuf_str(&b);
}

static void history(struct doc *d)
{
	const struct status_sheet *s = d->s;
	pdf_heading(d->pdf, "３ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組の経緯");
	if (!s->n_programmes)
		pdf_text(d->pdf, "—", body);
	const char *before = NULL;
	for (size_t i = 0; i < s->n_programmes; i++) {
		const struct programme *p = &s->programmes[i];
		/* Programmes of the same years are listed under one, as the form does. */
		const char *span = fy_span(d->a, p->from_fy, p->to_fy);
		bool same = before && span && !strcmp(before, span);
		struct pdf_cell cells[2] = {
			{ .text = same ? NULL : span, .share = 0.24, .size = 10, .fill = PDF_BARE },
			{ .text = programme_text(d, p), .share = 0.76, .size = 10, .fill = PDF_BARE },
		};
		pdf_row(d->pdf, cells, 2);
		before = span;
	}
}

/* A header cell of the form's tables. */
#define HEAD(t, w) { .text = (t), .share = (w), .size = 8.5, .fill = PDF_SHADED, .align = PDF_CENTER, .grey = 0.15 }
#define CELL(t, w) { .text = (t), .share = (w), .size = 9 }

static void outcomes(struct doc *d)
{
	const struct status_sheet *s = d->s;
	const char *fy = programme_fy_short(d->a, s->fy);
	pdf_heading(d->pdf, "４ 精神障害にも対応した地域包括ケアシステム構築に資する取組の成果・効果");
	pdf_text(d->pdf, arena_printf(d->a, "＜%sまでの成果・効果＞", fy_label(d->a, s->fy)), body);
	pdf_space(d->pdf, 6);
	const struct pdf_cell head[] = {
		HEAD("課題解決の達成度を測る指標", 0.26),
		HEAD(arena_printf(d->a, "目標値\n（%s年度当初）", fy ? fy : ""), 0.16),
		HEAD(arena_printf(d->a, "実績値\n（%s年度末）", fy ? fy : ""), 0.16),
		HEAD("具体的な成果・効果", 0.42),
	};
	pdf_table_header(d->pdf, head, 4);
	for (size_t i = 0; i < s->n_outcomes; i++) {
		const struct sheet_row *r = &s->outcomes[i];
		const struct pdf_cell cells[] = {
			CELL(row_name(d, r), 0.26),
			CELL(figure(d, r, &r->target), 0.16),
			CELL(figure(d, r, &r->actual), 0.16),
			CELL(r->outcome, 0.42),
		};
		pdf_row(d->pdf, cells, 4);
	}
	pdf_table_end(d->pdf);
}

/* One challenge: its title and policy span the four rows of the sectors' roles. */
static void challenge(struct doc *d, const struct plan_challenge *c)
{
	const char *sectors[] = { "行政", "医療", "福祉", "その他関係機関・住民等" };
	const char *roles[] = { c->role_government, c->role_medical, c->role_welfare, c->role_other };
	struct pdf_cell rows[4][4];
	double h = 0;
	for (int k = 0; k < 4; k++) {
		struct pdf_cell row[4] = {
			{ .text = k ? NULL : c->title, .share = 0.2, .size = 9, .open_above = k > 0 },
			{ .text = k ? NULL : c->policy, .share = 0.28, .size = 9, .open_above = k > 0 },
			{ .text = sectors[k], .share = 0.14, .size = 8.5, .fill = PDF_SHADED, .grey = 0.15 },
			CELL(roles[k], 0.38),
		};
		memcpy(rows[k], row, sizeof row);
		h += pdf_row_height(d->pdf, rows[k], 4);
	}
	pdf_keep(d->pdf, h);
	for (int k = 0; k < 4; k++)
		pdf_row(d->pdf, rows[k], 4);
}

static void coming(struct doc *d)
{
	const struct status_sheet *s = d->s;
	int target_fy = s->n_coming ? s->coming[0].target_fy : 0;
	const struct pdf_cell head[] = {
		HEAD("課題解決の達成度を測る指標", 0.26),
		HEAD("現状値\n（今年度当初）", 0.16),
		HEAD(target_fy ? arena_printf(d->a, "目標値\n（%s末）", fy_label(d->a, target_fy)) : "目標値", 0.16),
		HEAD("見込んでいる成果・効果", 0.42),
	};
	pdf_table_header(d->pdf, head, 4);
	for (size_t i = 0; i < s->n_coming; i++) {
		const struct sheet_row *r = &s->coming[i];
		const char *target = figure(d, r, &r->target);
		/* A row set for another year than the header's says its own. */
		if (r->target_fy != target_fy)
			target = arena_printf(d->a, "%s（%s末）", target, fy_label(d->a, r->target_fy));
		const struct pdf_cell cells[] = {
			CELL(row_name(d, r), 0.26),
			CELL(figure(d, r, &r->baseline), 0.16),
			CELL(target, 0.16),
			CELL(r->expected, 0.42),
		};
		pdf_row(d->pdf, cells, 4);
	}
	pdf_table_end(d->pdf);
}

static void plan(struct doc *d)
{
	const struct status_sheet *s = d->s;
	pdf_heading(d->pdf, "５ 精神障害にも対応した地域包括ケアシステムの構築に向けた現時点における強みと課題");
	pdf_text(d->pdf, "【特徴（強み）】", (struct pdf_style){ .size = 10.5 });
	pdf_space(d->pdf, 4);
	pdf_text(d->pdf, or_dash(s->strength), body);
	written_in(d, s->plan_from_fy);
	pdf_space(d->pdf, 12);
	const struct pdf_cell head[] = {
		HEAD("課題", 0.2),
		HEAD("課題解決に向けた取組方針", 0.28),
		HEAD("課題・方針に対する役割（取組）", 0.52),
	};
	pdf_table_header(d->pdf, head, 3);
	for (size_t i = 0; i < s->n_challenges; i++)
		challenge(d, &s->challenges[i]);
	pdf_table_end(d->pdf);
	pdf_space(d->pdf, 12);
	pdf_text(d->pdf, "※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。",
		 (struct pdf_style){ .size = 8.5, .grey = 0.2 });
	pdf_space(d->pdf, 4);
	coming(d);
}

int sheet_pdf(const struct status_sheet *s, struct strbuf *out)
{
	struct doc d = {
		.pdf = pdf_open(out, "「自治体状況共有」シート"),
		.a = out->arena,
		.s = s,
	};
	if (!d.pdf)
		return ERR_TOOBIG;
	const char *left = arena_printf(d.a, "%s%s%s　page {n}", s->municipality_name ? s->municipality_name : "",
					s->municipality_name ? "　" : "", fy_label(d.a, s->fy));
	const char *right = arena_printf(d.a, "%s算出値は%s時点の記録から計算", COMPUTED, or_dash(s->as_of));
	pdf_footer(d.pdf, left, right);
	cover(&d);
	pdf_space(d.pdf, 28);
	basics(&d);
	overview(&d);
	history(&d);
	outcomes(&d);
	plan(&d);
	return pdf_close(d.pdf);
}
