/*
 * indicator_edit — one of the city's indicators: its definition (computed by a named computation,
 * optionally over a ward, or entered by hand), its chart, and its years — baseline, target with
 * its target year, actual, the concrete and the expected outcome, the national figure beside.
 *
 * For a computed indicator the form has no baseline and no actual: they are computed whenever
 * shown (the rule of domain/indicator_set.h), and the table marks them ＊ with the day.
 */
#include "arena.h"
#include "auth/audit.h"
#include "date.h"
#include "domain/directory.h"
#include "domain/indicator.h"
#include "domain/indicator_set.h"
#include "error.h"
#include "jp.h"
#include "pages.h"
#include "pages/chart.h"
#include "report/sheet.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct code done_notices[] = {
	{ "created", N_("The indicator was set."), NULL },
	{ "saved", N_("The indicator was saved."), NULL },
	{ "year", N_("The year was saved."), NULL },
	{ NULL, NULL, NULL },
};

/* The number in form field: absent when empty; *bad when it is not a number ("６" and "68．9"
 * are, after NFKC). */
static struct opt_num posted_num(struct request *req, const char *field, const char **bad)
{
	const char *v = request_form(req, field);
	char *n = v ? jp_normalize(req->arena, v) : NULL;
	if (!n || !*n)
		return (struct opt_num){ 0 };
	char *end;
	double x = strtod(n, &end);
	if (*end || end == n || !isfinite(x) || strspn(n, "0123456789.-") != strlen(n)) {
		*bad = field;
		return (struct opt_num){ 0 };
	}
	return (struct opt_num){ true, x };
}

static const char *num_text(struct request *req, struct opt_num x)
{
	if (!x.has)
		return "";
	return x.v == (double)(int64_t)x.v ? arena_printf(req->arena, "%.0f", x.v) : arena_printf(req->arena, "%.1f", x.v);
}

static void textarea(struct request *req, const struct page_form *f, const char *form, const char *field,
		     const char *label_msgid, const char *value, int rows)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"%d\"", form,
		    field, T(req, label_msgid), form, field, field, rows);
	page_field_state(req, f, form, field);
	html_printf(h, ">%s</textarea></div>", page_form_value(req, f, form, field, value ? value : ""));
}

/* ---- the definition ---- */

static void definition_fields(struct request *req, const struct page_form *f, const char *form,
			      const struct city_indicator *ci)
{
	struct strbuf *h = &req->out;
	page_input(req, f, form, "position", N_("Number on the sheet (① = 1)"), "number",
		   page_form_value(req, f, form, "position", arena_printf(req->arena, "%d", ci ? ci->position : 1)), true);
	page_input(req, f, form, "name", N_("Indicator (課題解決の達成度を測る指標)"), "text",
		   page_form_value(req, f, form, "name", ci ? ci->name : ""), true);
	const char *comp = page_form_value(req, f, form, "computation", ci && ci->computation ? ci->computation : "");
	page_select_open(req, f, form, "computation", N_("How it is measured"));
	html_option(h, "", T(req, "Entered by hand (a number or words)"), !*comp);
	for (const struct indicator_def *d = indicator_codes; d->code; d++)
		html_option(h, d->code, d->name, strcmp(comp, d->code) == 0);
	html_lit(h, "</select></div>");
	struct page_wards w;
	page_wards_load(req, &w);
	const char *ward = page_form_value(req, f, form, "ward_code", ci && ci->ward_code ? ci->ward_code : "");
	page_select_open(req, f, form, "ward_code", N_("Over (computed indicators)"));
	html_option(h, "", T(req, "The whole city"), !*ward);
	for (size_t i = 0; i < w.n; i++)
		html_option(h, w.v[i].code, w.v[i].name, strcmp(ward, w.v[i].code) == 0);
	html_lit(h, "</select></div>");
	page_input(req, f, form, "unit", N_("Unit (件, 回, 人, 日, %)"), "text", page_form_value(req, f, form, "unit", ci ? ci->unit : ""),
		   false);
	if (ci)
		html_printf(h, "<div class=\"field\"><label class=\"inline\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s> %s</label></div>",
			    ci->active ? " checked" : "", T(req, "Still set (untick to keep it only for past years)"));
}

static struct city_indicator definition_from_form(struct request *req)
{
	return (struct city_indicator){
		.position = page_form_number(req, "position", 0),
		.name = (char *)request_form(req, "name"),
		.computation = (char *)request_form(req, "computation"),
		.ward_code = (char *)request_form(req, "ward_code"),
		.unit = (char *)request_form(req, "unit"),
		.active = true,
	};
}

static int new_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	page_begin(req, N_("Set a new indicator"));
	html_printf(h, "<section class=\"card\"><p class=\"hint\">%s</p>",
		    T(req, "A computed indicator takes its figures from the records; an entered one is typed in, as a number or in words where no number fits."));
	page_form_error(req, f, "indicator");
	html_form_open(h, "/indicators", req->session.csrf);
	definition_fields(req, f, "indicator", NULL);
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Set"));
	page_end(req);
	return 0;
}

int indicator_new_page(struct request *req)
{
	return new_show(req, NULL);
}

struct definition_change {
	struct city_indicator ci;
	const char *field, *msg;
};

static int save_definition(struct request *req, void *ctx, struct audit_event *e)
{
	struct definition_change *c = ctx;
	bool created = c->ci.id == 0;
	int rc = indicator_set_save(req->db, req->arena, &c->ci, &c->field, &c->msg);
	if (!rc && created)
		e->object_id = arena_printf(req->arena, "%" PRId64, c->ci.id);
	return rc;
}

static int indicator_show(struct request *req, int64_t id, const struct page_form *f);

static int refused(struct request *req, int rc, int64_t id, const char *form, const char *field, const char *msg)
{
	req->status = err_http_status(rc);
	struct page_form pf = { .name = form, .field = field, .msg = msg ? msg : err_text(rc) };
	return id ? indicator_show(req, id, &pf) : new_show(req, &pf);
}

int indicator_create(struct request *req)
{
	struct definition_change c = { .ci = definition_from_form(req) };
	int rc = page_write(req, save_definition, &c, "indicator.create", "indicator", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT)
		return refused(req, rc, 0, "indicator", c.field, c.msg);
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/indicators/%" PRId64 "?done=created", c.ci.id));
}

int indicator_update(struct request *req)
{
	struct city_indicator old;
	int rc = indicator_set_get(req->db, req->arena, req->id, &old);
	if (rc)
		return rc;
	struct definition_change c = { .ci = definition_from_form(req) };
	c.ci.id = req->id;
	c.ci.active = page_posted(req, "active", "1");
	rc = page_write(req, save_definition, &c, "indicator.update", "indicator", arena_printf(req->arena, "%" PRId64, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT)
		return refused(req, rc, req->id, "definition", c.field, c.msg);
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/indicators/%" PRId64 "?done=saved", req->id));
}

/* ---- the years ---- */

static void years_table(struct request *req, const struct sheet_row *rows, size_t n)
{
	struct strbuf *h = &req->out;
	struct arena *a = req->arena;
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Set at the start of"), T(req, "Baseline"), T(req, "Target"), T(req, "Actual"), T(req, "Outcome"),
		    T(req, "National"));
	for (size_t i = 0; i < n; i++) {
		const struct sheet_row *r = &rows[i];
		html_printf(h, "<tr id=\"year-%d\"><th scope=\"row\"><a href=\"?year=%d#year-form\">%s</a></th>", r->fy, r->fy,
			    sheet_fy_long(a, r->fy));
		html_printf(h, "<td class=\"figure\">%s%s</td>", sheet_figure_text(a, &r->baseline, r->unit), r->baseline.computed ? "＊" : "");
		html_printf(h, "<td class=\"figure\">%s<br><small>%s</small></td>", sheet_figure_text(a, &r->target, r->unit),
			    page_fill(req, N_("end of {year}"), "{year}", sheet_fy_long(a, r->target_fy), NULL));
		html_printf(h, "<td class=\"figure\">%s%s</td>", sheet_figure_text(a, &r->actual, r->unit), r->actual.computed ? "＊" : "");
		html_printf(h, "<td class=\"text\">%s%s%s</td>", r->outcome ? r->outcome : "", r->outcome && r->expected ? "\n" : "",
			    r->expected ? r->expected : "");
		html_printf(h, "<td class=\"figure\">%s", r->national_value.has_value ? sheet_figure_text(a, &r->national_value, r->unit) : "—");
		if (r->national_target.has_value)
			html_printf(h, "<br><small>%s %s</small>", T(req, "target"), sheet_figure_text(a, &r->national_target, r->unit));
		html_lit(h, "</td></tr>");
	}
	if (!n)
		html_printf(h, "<tr><td colspan=\"6\">%s</td></tr>", T(req, "No year set yet."));
	html_lit(h, "</tbody></table>");
}

static void year_form(struct request *req, const struct page_form *f, const struct city_indicator *ci,
		      const struct indicator_year *y)
{
	struct strbuf *h = &req->out;
	const char *form = "year";
	int now = date_fiscal_year(date_today());
	int fy = y ? y->fy : now;
	html_printf(h, "<section class=\"card\" id=\"year-form\"><h2>%s</h2>", T(req, "Set a year"));
	page_form_error(req, f, form);
	html_form_open(h, arena_printf(req->arena, "/indicators/%" PRId64 "/years", ci->id), req->session.csrf);
	const char *fy_v = page_form_value(req, f, form, "fy", arena_printf(req->arena, "%d", fy));
	const char *tfy_v = page_form_value(req, f, form, "target_fy", arena_printf(req->arena, "%d", y ? y->target_fy : fy));
	page_select_open(req, f, form, "fy", N_("Set at the start of"));
	for (int k = now + 2; k >= now - 10; k--)
		html_option(h, arena_printf(req->arena, "%d", k), jp_fiscal_year_label(req->arena, k, req->lang),
			    atoi(fy_v) == k);
	html_lit(h, "</select></div>");
	page_select_open(req, f, form, "target_fy", N_("Target for the end of"));
	for (int k = now + 12; k >= now - 10; k--)
		html_option(h, arena_printf(req->arena, "%d", k), jp_fiscal_year_label(req->arena, k, req->lang),
			    atoi(tfy_v) == k);
	html_lit(h, "</select></div>");
	page_input(req, f, form, "target", N_("Target (目標値), a number"), "text",
		   page_form_value(req, f, form, "target", y ? num_text(req, y->target) : ""), false);
	textarea(req, f, form, "target_text", N_("…or the target in words"), y ? y->target_text : NULL, 2);
	if (!ci->computation) {
		page_input(req, f, form, "baseline", N_("Baseline (現状値), a number"), "text",
			   page_form_value(req, f, form, "baseline", y ? num_text(req, y->baseline) : ""), false);
		textarea(req, f, form, "baseline_text", N_("…or the baseline in words"), y ? y->baseline_text : NULL, 2);
		page_input(req, f, form, "actual", N_("Actual (実績値), a number"), "text",
			   page_form_value(req, f, form, "actual", y ? num_text(req, y->actual) : ""), false);
		textarea(req, f, form, "actual_text", N_("…or the actual in words (e.g. コロナの影響で未定)"), y ? y->actual_text : NULL, 2);
	} else {
		html_printf(h, "<p class=\"hint\">%s</p>",
			    T(req, "The baseline and the actual of a computed indicator come from the records: they are not entered."));
	}
	textarea(req, f, form, "outcome_text", N_("Concrete outcome (具体的な成果・効果)"), y ? y->outcome_text : NULL, 3);
	textarea(req, f, form, "expected_text", N_("Expected outcome (見込んでいる成果・効果)"), y ? y->expected_text : NULL, 2);
	page_input(req, f, form, "national_value", N_("Published national figure, for comparison"), "text",
		   page_form_value(req, f, form, "national_value", y ? num_text(req, y->national_value) : ""), false);
	page_input(req, f, form, "national_target", N_("National target"), "text",
		   page_form_value(req, f, form, "national_target", y ? num_text(req, y->national_target) : ""), false);
	page_input(req, f, form, "national_note", N_("Source of the national figures"), "text",
		   page_form_value(req, f, form, "national_note", y && y->national_note ? y->national_note : ""), false);
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Save the year"));
}

static int indicator_show(struct request *req, int64_t id, const struct page_form *f)
{
	struct city_indicator ci;
	struct sheet_row *rows;
	size_t n, ny;
	struct sheet_series series;
	struct indicator_year *years;
	char today[11];
	date_format_iso(date_today(), today);
	int rc = indicator_set_get(req->db, req->arena, id, &ci);
	if (rc || (rc = indicator_years(req->db, req->arena, id, &years, &ny)) ||
	    (rc = sheet_indicator_load(req->db, req->arena, id, date_fiscal_year(date_today()), today, &rows, &n, &series)))
		return rc;
	const char *asked = request_query(req, "year");
	const struct indicator_year *edit = NULL;
	for (size_t i = 0; asked && i < ny; i++)
		if (years[i].fy == atoi(asked))
			edit = &years[i];
	struct strbuf *h = &req->out;
	page_begin(req, N_("Indicator"));
	page_done_notice(req, done_notices);
	html_printf(h, "<h2>%s%s</h2>", sheet_circled(req->arena, ci.position), ci.name);
	if (series.n_points)
		chart_svg(h, &series, req->lang);
	html_printf(h, "<section class=\"card\" id=\"years\"><h2>%s</h2>", T(req, "Years"));
	years_table(req, rows, n);
	html_printf(h, "<p class=\"hint\">%s</p></section>",
		    page_fill(req, N_("＊ computed from the records on {day}, never entered."), "{day}", today, NULL));
	if (page_may(req, "indicator.manage")) {
		year_form(req, f, &ci, edit);
		html_printf(h, "<section class=\"card\"><details%s><summary>%s</summary>", page_form_is(f, "definition") ? " open" : "",
			    T(req, "Edit the definition"));
		page_form_error(req, f, "definition");
		html_form_open(h, arena_printf(req->arena, "/indicators/%" PRId64, ci.id), req->session.csrf);
		definition_fields(req, f, "definition", &ci);
		html_printf(h, "<button class=\"primary\">%s</button></form></details></section>", T(req, "Save"));
	}
	page_end(req);
	return 0;
}

int indicator_page(struct request *req)
{
	return indicator_show(req, req->id, NULL);
}

struct year_change {
	struct indicator_year y;
	const char *field, *msg;
};

static int save_year(struct request *req, void *ctx, struct audit_event *e)
{
	struct year_change *c = ctx;
	return indicator_year_save(req->db, req->arena, &c->y, req->session.user.id, &c->field, &c->msg);
}

int indicator_year_submit(struct request *req)
{
	struct city_indicator ci;
	int rc = indicator_set_get(req->db, req->arena, req->id, &ci);
	if (rc)
		return rc;
	const char *bad = NULL;
	struct year_change c = { .y = {
		.indicator_id = req->id,
		.fy = page_form_number(req, "fy", 0),
		.target_fy = page_form_number(req, "target_fy", 0),
		.baseline = posted_num(req, "baseline", &bad),
		.baseline_text = (char *)request_form(req, "baseline_text"),
		.target = posted_num(req, "target", &bad),
		.target_text = (char *)request_form(req, "target_text"),
		.actual = posted_num(req, "actual", &bad),
		.actual_text = (char *)request_form(req, "actual_text"),
		.outcome_text = (char *)request_form(req, "outcome_text"),
		.expected_text = (char *)request_form(req, "expected_text"),
		.national_value = posted_num(req, "national_value", &bad),
		.national_target = posted_num(req, "national_target", &bad),
		.national_note = (char *)request_form(req, "national_note"),
	} };
	if (bad)
		return refused(req, ERR_INVALID, req->id, "year", bad, N_("Enter a number, such as 6 or 68.9."));
	rc = page_write(req, save_year, &c, "indicator.year", "indicator",
			arena_printf(req->arena, "%" PRId64 "/%d", req->id, c.y.fy));
	if (rc == ERR_INVALID)
		return refused(req, rc, req->id, "year", c.field, c.msg);
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/indicators/%" PRId64 "?done=year#year-%d", req->id, c.y.fy));
}
