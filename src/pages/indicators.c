/*
 * indicators — the city's overview of its indicators (DESIGN §3): the indicators it set itself,
 * each computed one drawn over the years against its targets (chart.c, no script), and below
 * every computation of INDICATORS.md for one fiscal year over the city or one ward, marking the
 * provisional figures. Figures are aggregates, not personal data; the policy still gives them to
 * the city alone, since a small ward's figure can point at a few people.
 */
#include "arena.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/directory.h"
#include "domain/indicator.h"
#include "domain/indicator_set.h"
#include "error.h"
#include "pages.h"
#include "pages/chart.h"
#include "report/sheet.h"

#include <inttypes.h>
#include <string.h>

/* The fiscal year of ?fy= (the current one when absent), 0 when fy= names no year. */
static int asked_fy(const struct request *req)
{
	const char *q = request_query(req, "fy");
	return q ? page_fy(q) : date_fiscal_year(date_today());
}

static const char *computation_name(const char *code)
{
	for (const struct indicator_def *d = indicator_codes; code && d->code; d++)
		if (strcmp(d->code, code) == 0)
			return d->name;
	return NULL;
}

/* The indicators the city set: what each is and the newest year it was set for. */
static void set_table(struct request *req, const struct city_indicator *set, size_t n, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	struct arena *a = req->arena;
	html_printf(h, "<section class=\"card\" id=\"set\"><h2>%s</h2>", T(req, "Our indicators"));
	if (!n) {
		html_printf(h, "<p>%s</p></section>", T(req, "No indicators set yet."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Indicator"), T(req, "How it is measured"), T(req, "Unit"));
	for (size_t i = 0; i < n; i++) {
		const struct city_indicator *ci = &set[i];
		html_printf(h, "<tr><th scope=\"row\">%s<a href=\"/indicators/%" PRId64 "\">%s</a>%s</th><td>", sheet_circled(a, ci->position),
			    ci->id, ci->name, ci->active ? "" : T(req, " (no longer set)"));
		if (ci->computation)
			html_printf(h, "%s: %s%s%s", T(req, "Computed"), computation_name(ci->computation),
				    ci->ward_code ? "・" : "", ci->ward_code ? page_ward_name(w, ci->ward_code) : "");
		else
			html_printf(h, "%s", T(req, "Entered by hand"));
		html_printf(h, "</td><td>%s</td></tr>", *ci->unit ? ci->unit : "—");
	}
	html_lit(h, "</tbody></table></section>");
}

/* Every computation for fy over the city or one ward. */
static int figures_table(struct request *req, int fy, const char *ward, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	char today[11];
	date_format_iso(date_today(), today);
	struct indicator_value *vals;
	size_t n;
	int rc = indicator_compute(req->db, req->arena, ward, fy, today, &vals, &n);
	if (rc)
		return rc;
	html_printf(h, "<section class=\"card\" id=\"figures\"><h2>%s</h2>",
		    page_fill(req, N_("Every computed figure, {year}"), "{year}", jp_fiscal_year_label(req->arena, fy, req->lang),
			      NULL));
	html_printf(h, "<form method=\"get\" action=\"/indicators#figures\" class=\"noprint inline-form\"><input type=\"hidden\" name=\"fy\" value=\"%d\">"
		       "<div class=\"field\"><label for=\"figures-ward\">%s</label><select id=\"figures-ward\" name=\"ward\">",
		    fy, T(req, "Over"));
	html_option(h, "", T(req, "The whole city"), !ward);
	for (size_t i = 0; i < w->n; i++)
		html_option(h, w->v[i].code, w->v[i].name, ward && strcmp(ward, w->v[i].code) == 0);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Indicator"), T(req, "Figure"), T(req, "Numerator / cohort"));
	for (size_t i = 0; i < n; i++) {
		const struct indicator_def *d = &indicator_codes[i];
		struct sheet_figure f = { .has_value = vals[i].has_value, .value = vals[i].value, .kind = d->kind,
					  .computed = true, .provisional = vals[i].provisional };
		const char *unit = d->kind == INDICATOR_RATE ? "%" : "";
		html_printf(h, "<tr><th scope=\"row\">%s<br><code>%s</code></th><td class=\"figure\">%s</td><td>", d->name, d->code,
			    vals[i].has_value || !vals[i].provisional ? sheet_figure_text(req->arena, &f, unit) : T(req, "No figure"));
		if (d->kind != INDICATOR_COUNT)
			html_printf(h, "%lld / %lld", (long long)vals[i].numerator, (long long)vals[i].denominator);
		html_lit(h, "</td></tr>");
	}
	html_printf(h, "</tbody></table><p class=\"hint\">%s <a href=\"/api/indicators?fy=%d\">JSON</a></p></section>",
		    page_fill(req, N_("Computed from the records on {day}. (暫定): the observation window has not passed yet. — : no figure (an empty cohort, never 0)."),
			      "{day}", today, NULL),
		    fy);
	return 0;
}

int indicators_page(struct request *req)
{
	int fy = asked_fy(req);
	const char *ward = request_query(req, "ward");
	if (!fy)
		return ERR_NOTFOUND;
	struct page_wards w;
	page_wards_load(req, &w);
	if (ward && !*ward)
		ward = NULL;
	bool known = !ward;
	for (size_t i = 0; ward && i < w.n; i++)
		known = known || strcmp(w.v[i].code, ward) == 0;
	if (!known)
		return ERR_NOTFOUND;
	struct city_indicator *set;
	size_t n;
	struct status_sheet s;
	char today[11];
	date_format_iso(date_today(), today);
	int rc = indicator_set_list(req->db, req->arena, &set, &n);
	if (rc || (rc = status_sheet_load(req->db, req->arena, fy, today, &s)))
		return rc;
	struct strbuf *h = &req->out;
	page_begin(req, N_("Indicators"));
	html_printf(h, "<form method=\"get\" action=\"/indicators\" class=\"noprint\"><div class=\"field\"><label for=\"ind-fy\">%s</label>"
		       "<select id=\"ind-fy\" name=\"fy\">",
		    T(req, "Fiscal year"));
	int now = date_fiscal_year(date_today());
	for (int y = now + 1; y >= now - 10 || y >= fy; y--)
		html_option(h, arena_printf(req->arena, "%d", y), jp_fiscal_year_label(req->arena, y, req->lang), y == fy);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));
	html_printf(h, "<ul class=\"taps noprint\"><li><a class=\"button\" href=\"/sheet?fy=%d\">%s</a></li>", fy - 1,
		    T(req, "Status sheet"));
	if (page_may(req, "indicator.manage"))
		html_printf(h, "<li><a class=\"button primary\" href=\"/indicators/new\">%s</a></li>", T(req, "Set a new indicator"));
	html_lit(h, "</ul>");
	set_table(req, set, n, &w);
	if (s.n_series) {
		html_printf(h, "<section class=\"card\" id=\"charts\"><h2>%s</h2><div class=\"charts\">", T(req, "Over the years"));
		for (size_t i = 0; i < s.n_series; i++)
			chart_svg(h, &s.series[i], req->lang);
		html_lit(h, "</div></section>");
	}
	if ((rc = figures_table(req, fy, ward, &w)))
		return rc;
	page_end(req);
	return 0;
}
