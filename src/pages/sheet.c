/*
 * sheet — the status-sharing sheet (自治体状況共有シート) of a fiscal year: the page, which prints on
 * A4; the workbook and the PDF as downloads; and the form for its texts. The model is
 * report/sheet.h, so the page, the workbook and the PDF always say the same thing; the page is
 * also what `tsunagu report sheet --format html` writes, wrapped into a document of its own.
 *
 * The sheet is the national form: its headings are Japanese whatever the UI language, as the
 * workbook's and the PDF's are. The frame around it (year picker, downloads, texts) follows the
 * user's language. Nothing here is personal data, so nothing is audited but the writes.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/indicator_set.h"
#include "embedded.h"
#include "error.h"
#include "pages.h"
#include "report/sheet.h"
#include "report/sheet_pdf.h"
#include "report/sheet_xlsx.h"

#include <string.h>

/* ---- the sheet itself (Japanese, the form's words) ---- */

static void text_block(struct strbuf *h, const char *text)
{
	if (text && *text)
		html_printf(h, "<p class=\"text\">%s</p>", text);
	else
		html_lit(h, "<p class=\"sheet-blank\">（未記入）</p>");
}

/* A figure cell: the figure as sheet_figure_text prints it, ＊ on a computed one (※ is the form's own note mark). */
static void figure_cell(struct strbuf *h, struct arena *a, const struct sheet_figure *f, const char *unit)
{
	html_printf(h, "<td class=\"figure%s\">%s%s</td>", f->computed ? " computed" : "", sheet_figure_text(a, f, unit),
		    f->computed ? "＊" : "");
}

static void row_name(struct strbuf *h, struct arena *a, const struct sheet_row *r)
{
	html_printf(h, "<th scope=\"row\">%s%s", sheet_circled(a, r->position), r->name);
	if (r->ward_name)
		html_printf(h, "（%s）", r->ward_name);
	html_lit(h, "</th>");
}

static void section_basic(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	html_lit(h, "<section class=\"sheet-section\"><h3>１ 県又は政令市・特別区の基礎情報</h3><table class=\"sheet-table\"><tbody>");
	html_printf(h, "<tr><th scope=\"row\">基本情報（都道府県等情報）</th><td>%s", s->municipality_name);
	if (s->prefecture)
		html_printf(h, "（%s）", s->prefecture);
	html_lit(h, "</td></tr><tr><th scope=\"row\">区</th><td>");
	for (size_t i = 0; i < s->n_wards; i++)
		html_printf(h, "%s%s", i ? "、" : "", s->wards[i]);
	if (!s->n_wards)
		html_lit(h, "—");
	html_printf(h, "</td></tr><tr><th scope=\"row\">協議の場</th><td>%s</td></tr>",
		    s->forum_city_wide ? "市に1か所" : "区ごと");
	html_lit(h, "<tr><th scope=\"row\">取組内容</th><td>");
	text_block(h, s->basic);
	html_lit(h, "</td></tr></tbody></table></section>");
	html_lit(h, "<section class=\"sheet-section\"><h3>２ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組概要（全体）</h3>");
	text_block(h, s->overview);
	html_lit(h, "</section>");
	(void)a;
}

/* The programme's ○ lines: who runs it (the commission in brackets), what it does, what it was
 * called before — as the seed writes them. */
static void section_history(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	html_lit(h, "<section class=\"sheet-section\"><h3>３ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組の経緯</h3>");
	if (!s->n_programmes)
		html_lit(h, "<p class=\"sheet-blank\">（未記入）</p>");
	html_lit(h, "<dl class=\"sheet-history\">");
	for (size_t i = 0; i < s->n_programmes; i++) {
		const struct programme *p = &s->programmes[i];
		const char *who = strcmp(p->implementer, "city") == 0 ? s->municipality_name
				  : strcmp(p->implementer, "prefecture") == 0 && s->prefecture ? s->prefecture
				  : strcmp(p->implementer, "national") == 0 ? "国"
									    : "その他";
		html_printf(h, "<dt>%s</dt><dd><p class=\"sheet-programme\">「%s」</p><ul>", sheet_fy_span(a, p->from_fy, p->to_fy),
			    p->name);
		html_printf(h, "<li>実施主体：%s", who);
		if (p->commissioned_to)
			html_printf(h, "（%s）", p->commissioned_to);
		html_lit(h, "</li>");
		if (p->description)
			html_printf(h, "<li class=\"text\">%s</li>", p->description);
		for (size_t j = 0; p->renamed_from && j < s->n_programmes; j++)
			if (s->programmes[j].id == p->renamed_from)
				html_printf(h, "<li>「%s」から名称変更</li>", s->programmes[j].name);
		html_lit(h, "</ul></dd>");
	}
	html_lit(h, "</dl></section>");
}

static void section_outcomes(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	const char *short_fy = sheet_fy_short(a, s->fy);
	html_lit(h, "<section class=\"sheet-section\"><h3>４ 精神障害にも対応した地域包括ケアシステム構築に資する取組の成果・効果</h3>");
	html_printf(h, "<p class=\"sheet-sub\">＜%sまでの成果・効果＞</p>", sheet_fy_long(a, s->fy));
	html_printf(h, "<table class=\"sheet-table\"><thead><tr><th scope=\"col\">課題解決の達成度を測る指標</th>"
		       "<th scope=\"col\">目標値<br>（%s年度当初）</th><th scope=\"col\">実績値<br>（%s年度末）</th>"
		       "<th scope=\"col\">具体的な成果・効果</th></tr></thead><tbody>",
		    short_fy, short_fy);
	for (size_t i = 0; i < s->n_outcomes; i++) {
		const struct sheet_row *r = &s->outcomes[i];
		html_lit(h, "<tr>");
		row_name(h, a, r);
		figure_cell(h, a, &r->target, r->unit);
		figure_cell(h, a, &r->actual, r->unit);
		html_printf(h, "<td class=\"text\">%s</td></tr>", r->outcome ? r->outcome : "");
	}
	if (!s->n_outcomes)
		html_lit(h, "<tr><td colspan=\"4\" class=\"sheet-blank\">（この年度を目標年度とする指標はありません）</td></tr>");
	html_lit(h, "</tbody></table></section>");
}

static const char *const role_labels[] = { "行政", "医療", "福祉", "その他関係機関・住民等" };

static void section_plan(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	html_lit(h, "<section class=\"sheet-section\"><h3>５ 精神障害にも対応した地域包括ケアシステムの構築に向けた現時点における強みと課題</h3>"
		    "<h4>【特徴（強み）】</h4>");
	text_block(h, s->strength);
	html_lit(h, "<table class=\"sheet-table sheet-challenges\"><thead><tr><th scope=\"col\">課題</th>"
		    "<th scope=\"col\">課題解決に向けた取組方針</th><th scope=\"col\" colspan=\"2\">課題・方針に対する役割（取組）</th>"
		    "</tr></thead>");
	for (size_t i = 0; i < s->n_challenges; i++) {
		const struct plan_challenge *c = &s->challenges[i];
		const char *roles[] = { c->role_government, c->role_medical, c->role_welfare, c->role_other };
		html_lit(h, "<tbody>");
		for (size_t k = 0; k < 4; k++) {
			html_lit(h, "<tr>");
			if (k == 0)
				html_printf(h, "<td rowspan=\"4\" class=\"text\">%s</td><td rowspan=\"4\" class=\"text\">%s</td>", c->title,
					    c->policy);
			html_printf(h, "<th scope=\"row\">%s</th><td class=\"text\">%s</td></tr>", role_labels[k],
				    roles[k] ? roles[k] : "");
		}
		html_lit(h, "</tbody>");
	}
	html_lit(h, "</table><p class=\"sheet-note\">※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。</p>");

	int target_fy = s->n_coming ? s->coming[0].target_fy : s->coming_fy;
	html_printf(h, "<table class=\"sheet-table\"><thead><tr><th scope=\"col\">課題解決の達成度を測る指標</th>"
		       "<th scope=\"col\">現状値<br>（今年度当初）</th><th scope=\"col\">目標値<br>（%s末）</th>"
		       "<th scope=\"col\">見込んでいる成果・効果</th></tr></thead><tbody>",
		    sheet_fy_long(a, target_fy));
	for (size_t i = 0; i < s->n_coming; i++) {
		const struct sheet_row *r = &s->coming[i];
		html_lit(h, "<tr>");
		row_name(h, a, r);
		figure_cell(h, a, &r->baseline, r->unit);
		if (r->target_fy != target_fy) /* a row with another target year says which */
			html_printf(h, "<td class=\"figure\">%s（%s末）</td>", sheet_figure_text(a, &r->target, r->unit),
				    sheet_fy_long(a, r->target_fy));
		else
			figure_cell(h, a, &r->target, r->unit);
		html_printf(h, "<td class=\"text\">%s</td></tr>", r->expected ? r->expected : "");
	}
	if (!s->n_coming)
		html_printf(h, "<tr><td colspan=\"4\" class=\"sheet-blank\">（%sの指標はまだ設定されていません）</td></tr>",
			    sheet_fy_long(a, s->coming_fy));
	html_lit(h, "</tbody></table></section>");
}

void sheet_html_article(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	html_lit(h, "<article class=\"status-sheet\" lang=\"ja\">");
	if (s->lead)
		html_printf(h, "<p class=\"sheet-lead text\">%s</p>", s->lead);
	html_printf(h, "<header class=\"sheet-title\"><p>精神障害にも対応した地域包括ケアシステム構築支援事業</p>"
		       "<h2>「自治体状況共有」シート</h2><p class=\"sheet-motto\">入院医療中心から地域生活中心へ</p>"
		       "<p class=\"sheet-muni\">%s　%s</p></header>",
		    s->municipality_name, sheet_fy_long(a, s->fy));
	section_basic(h, a, s);
	section_history(h, a, s);
	section_outcomes(h, a, s);
	section_plan(h, a, s);
	html_printf(h, "<p class=\"sheet-foot\">＊印の値は、%s時点の記録から算出した値です（手入力ではありません）。"
		       "（暫定）は観察期間が終わっていない値です。</p></article>",
		    s->as_of);
}

void sheet_html_document(struct strbuf *h, struct arena *a, const struct status_sheet *s)
{
	html_printf(h, "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>自治体状況共有シート %s %s</title><style>",
		    s->municipality_name, sheet_fy_long(a, s->fy));
	for (const struct embedded_file *f = embedded_static; f->name; f++)
		if (strcmp(f->name, "style.css") == 0)
			html_trusted(h, (const char *)f->data, "the embedded stylesheet, our own file");
	html_lit(h, "</style></head><body><main>");
	sheet_html_article(h, a, s);
	html_lit(h, "</main></body></html>\n");
}

/* ---- the handlers ---- */

static const struct code done_notices[] = {
	{ "texts", N_("The sheet's texts were saved."), NULL },
	{ NULL, NULL, NULL },
};

/* The fiscal year of ?fy=, or the one before the current (the sheet of FY is written in FY+1);
 * 0 when fy= is there but names no year. */
static int asked_fy(const struct request *req)
{
	const char *q = request_query(req, "fy");
	return q ? page_fy(q) : date_fiscal_year(date_today()) - 1;
}

static int load(struct request *req, int fy, struct status_sheet *s)
{
	char today[11];
	date_format_iso(date_today(), today);
	return status_sheet_load(req->db, req->arena, fy, today, s);
}

static void texts_form(struct request *req, const struct status_sheet *s, const struct page_form *f)
{
	static const struct {
		const char *section, *label;
		int rows;
	} fields[] = {
		{ "lead", N_("Lead paragraph (above the title)"), 3 },
		{ "basic", N_("1 Basic information: what the municipality does (取組内容)"), 4 },
		{ "overview", N_("2 Overview (取組概要)"), 6 },
	};
	const char *values[] = { s->lead, s->basic, s->overview };
	struct strbuf *h = &req->out;
	html_printf(h, "<details class=\"noprint\"%s><summary>%s</summary>", page_form_is(f, "texts") ? " open" : "",
		    T(req, "Write the sheet's texts"));
	if (s->texts_from_fy && s->texts_from_fy != s->fy)
		html_printf(h, "<p class=\"hint\">%s</p>",
			    page_fill(req, N_("These texts were written for {year}; saving writes them for this year."), "{year}",
				      sheet_fy_long(req->arena, s->texts_from_fy), NULL));
	page_form_error(req, f, "texts");
	html_form_open(h, "/sheet/texts", req->session.csrf);
	html_hidden(h, "fy", arena_printf(req->arena, "%d", s->fy));
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		html_printf(h, "<div class=\"field\"><label for=\"texts-%s\">%s</label><textarea id=\"texts-%s\" name=\"%s\" rows=\"%d\"",
			    fields[i].section, T(req, fields[i].label), fields[i].section, fields[i].section, fields[i].rows);
		page_field_state(req, f, "texts", fields[i].section);
		html_printf(h, ">%s</textarea></div>",
			    page_form_value(req, f, "texts", fields[i].section, values[i] ? values[i] : ""));
	}
	html_printf(h, "<button class=\"primary\">%s</button></form></details>", T(req, "Save"));
}

static int sheet_show(struct request *req, int fy, const struct page_form *f)
{
	struct status_sheet s;
	int rc = load(req, fy, &s);
	if (rc)
		return rc;
	struct strbuf *h = &req->out;
	page_begin(req, N_("Status sheet"));
	page_done_notice(req, done_notices);
	html_printf(h, "<form method=\"get\" action=\"/sheet\" class=\"noprint\"><div class=\"field\"><label for=\"sheet-fy\">%s</label>"
		       "<select id=\"sheet-fy\" name=\"fy\">",
		    T(req, "Fiscal year reported on"));
	int now = date_fiscal_year(date_today());
	for (int y = now; y >= now - 10 || y >= fy; y--)
		html_option(h, arena_printf(req->arena, "%d", y),
			    jp_fiscal_year_label(req->arena, y, req->lang), y == fy);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));
	html_printf(h, "<ul class=\"taps noprint\"><li><a class=\"button primary\" href=\"/sheet.xlsx?fy=%d\" download>%s</a></li>"
		       "<li><a class=\"button\" href=\"/sheet.pdf?fy=%d\" download>%s</a></li>"
		       "<li><a class=\"button\" href=\"/indicators\">%s</a></li></ul>",
		    fy, T(req, "Download the workbook (Excel)"), fy, T(req, "Download the PDF"), T(req, "Indicators"));
	if (page_may(req, "indicator.manage"))
		texts_form(req, &s, f);
	sheet_html_article(h, req->arena, &s);
	page_end(req);
	return 0;
}

int sheet_page(struct request *req)
{
	int fy = asked_fy(req);
	return fy ? sheet_show(req, fy, NULL) : ERR_NOTFOUND;
}

/* The body is binary: the server sends out.len bytes. Whatever was written before is dropped. */
static int download(struct request *req, bool pdf)
{
	int fy = asked_fy(req);
	if (!fy)
		return ERR_NOTFOUND;
	struct status_sheet s;
	int rc = load(req, fy, &s);
	if (rc)
		return rc;
	struct strbuf out;
	strbuf_init(&out, req->arena, 0);
	rc = pdf ? sheet_pdf(&s, &out) : sheet_xlsx_bytes(&s, &out);
	if (rc)
		return rc;
	if (out.failed)
		return ERR_TOOBIG;
	req->out = out;
	req->content_type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	request_set_header(req, "Content-Disposition",
			   arena_printf(req->arena, "attachment; filename=\"status-sheet-%s-%d.%s\"", s.municipality_code, fy,
					pdf ? "pdf" : "xlsx"));
	return 0;
}

int sheet_xlsx_download(struct request *req)
{
	return download(req, false);
}

int sheet_pdf_download(struct request *req)
{
	return download(req, true);
}

struct texts_change {
	int fy;
	const char *field, *msg;
};

static int save_texts(struct request *req, void *ctx, struct audit_event *e)
{
	struct texts_change *c = ctx;
	int rc = 0;
	for (const char *const *s = sheet_text_sections; !rc && *s; s++)
		rc = sheet_text_save(req->db, req->arena, c->fy, *s, request_form(req, *s), req->session.user.id, &c->field,
				     &c->msg);
	return rc;
}

int sheet_texts_submit(struct request *req)
{
	struct texts_change c = { .fy = page_fy(request_form(req, "fy")) };
	int rc = page_write(req, save_texts, &c, "sheet.texts", "sheet_text", arena_printf(req->arena, "%d", c.fy));
	if (rc == ERR_INVALID) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = "texts", .field = c.field, .msg = c.msg ? c.msg : err_text(rc) };
		return c.fy ? sheet_show(req, c.fy, &f) : ERR_NOTFOUND;
	}
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/sheet?fy=%d&done=texts", c.fy));
}
