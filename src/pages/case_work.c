/*
 * case_work — the day-to-day work on the case page: the welfare service periods the case uses
 * (地域移行支援 and the others), the support records (支援記録) and the plan's goals, each section
 * with the forms of those who may use them. The rules and the SQL are domain/casework.c; the
 * forms post to case_forms.c, which shows the case page again (case_page_show) when a change is
 * refused, with the input kept and the field at fault marked.
 *
 * A support record's text is personal data: this file is the only place it is shown — not the
 * timeline, not the audit log, not the peer supporters' view (case_peer.c).
 */
#include "arena.h"
#include "auth/policy.h"
#include "domain/casework.h"
#include "domain/directory.h"
#include "pages.h"
#include "utf8.h"

#include <inttypes.h>
#include <string.h>

/* How many support records the page shows, newest first. */
enum { RECORDS_SHOWN = 20 };

static const char *case_url(struct request *req, const struct support_case *c, const char *rest)
{
	return arena_printf(req->arena, "/cases/%" PRId64 "%s", c->id, rest);
}

/* A labelled <textarea> in a div.field, id "<form>-<field>", marked when at fault. */
static void text_area(struct request *req, const struct page_form *f, const char *form, const char *field,
		      const char *label_msgid, int rows, const char *value)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"%d\" required",
		    form, field, T(req, label_msgid), form, field, field, rows);
	page_field_state(req, f, form, field);
	/* A newline straight after the start tag is dropped by the parser: this one keeps a typed
	 * first empty line. */
	html_printf(h, ">\n%s</textarea></div>", value ? value : "");
}

/* The start of text, at most max bytes cut on a character boundary, with "…" when cut. */
static const char *excerpt(struct request *req, const char *text, size_t max)
{
	size_t n = text ? strlen(text) : 0;
	if (n <= max)
		return text ? text : "";
	return arena_printf(req->arena, "%.*s…", (int)utf8_valid_prefix(text, max), text);
}

/* ---- service periods ---- */

/* Who provides a service: the welfare sector's active organisations (consultation support
 * offices, group homes, day activity), or none recorded. */
static void provider_options(struct request *req, const char *selected)
{
	struct organisation *o;
	size_t n = 0;
	html_option(&req->out, "", T(req, "(not recorded)"), !selected || !*selected);
	if (directory_orgs(req->db, req->arena, &o, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		const char *id = page_id(req, o[i].id);
		if (o[i].active && strcmp(o[i].sector, "welfare") == 0)
			html_option(&req->out, id, o[i].name, selected && strcmp(selected, id) == 0);
	}
}

static void service_add_form(struct request *req, const struct support_case *c, const char *today,
			     const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<h3>%s</h3><p class=\"hint\">%s</p>", T(req, "Add a service period"),
		    T(req, "Community transition support is granted for up to 6 months and may be extended once; "
			   "community settlement support and independent living assistance for up to a year; "
			   "independence training for up to two years."));
	page_form_error(req, f, "service");
	html_form_open(h, case_url(req, c, "/services"), req->session.csrf);
	page_select_open(req, f, "service", "service", N_("Service"));
	page_code_options(req, casework_services, page_form_value(req, f, "service", "service", NULL));
	html_lit(h, "</select></div>");
	page_select_open(req, f, "service", "provider_id", N_("Provider"));
	provider_options(req, page_form_value(req, f, "service", "provider_id", NULL));
	html_lit(h, "</select></div>");
	page_input(req, f, "service", "starts_on", N_("Starts"), "date",
		   page_form_value(req, f, "service", "starts_on", today), true);
	page_input(req, f, "service", "ends_on", N_("Ends"), "date", page_form_value(req, f, "service", "ends_on", ""),
		   true);
	page_input(req, f, "service", "monitoring_months", N_("Monitoring every (months; planned consultation support only)"),
		   "number", page_form_value(req, f, "service", "monitoring_months", ""), false);
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Add"));
}

/* One form for the extension, with the periods that may still be extended to choose from. */
static void service_extend_form(struct request *req, const struct support_case *c, const struct service_period *sp,
				size_t n, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	size_t open = 0;
	for (size_t i = 0; i < n; i++)
		open += strcmp(sp[i].service, "transition") == 0 && !sp[i].extended_to;
	if (!open) { /* a refused second extension still says why */
		page_form_error(req, f, "extend");
		return;
	}
	html_printf(h, "<h3>%s</h3><p class=\"hint\">%s</p>", T(req, "Extend community transition support"),
		    T(req, "Once, to at most 6 months past the granted end."));
	page_form_error(req, f, "extend");
	html_form_open(h, case_url(req, c, "/services/extend"), req->session.csrf);
	page_select_open(req, f, "extend", "period_id", N_("Service period"));
	const char *chosen = page_form_value(req, f, "extend", "period_id", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(sp[i].service, "transition") != 0 || sp[i].extended_to)
			continue;
		const char *id = page_id(req, sp[i].id);
		html_printf(h, "<option value=\"%s\"%s>%s – %s</option>", id, chosen && strcmp(chosen, id) == 0 ? " selected" : "",
			    sp[i].starts_on, sp[i].ends_on);
	}
	html_lit(h, "</select></div>");
	page_input(req, f, "extend", "extended_to", N_("Extended to"), "date",
		   page_form_value(req, f, "extend", "extended_to", ""), true);
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Extend"));
}

int case_services_section(struct request *req, const struct support_case *c, const char *today, bool manage,
			  const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct service_period *sp;
	size_t n;
	int rc = service_periods(req->db, req->arena, c->id, today, &sp, &n);
	if (rc)
		return rc;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"services\"><h2 id=\"services\">%s</h2>", T(req, "Services"));
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No service periods recorded."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Service"), T(req, "Provider"), T(req, "Starts"), T(req, "Ends"), T(req, "Extended to"),
			    T(req, "Monitoring every (months)"), T(req, "Next monitoring"));
		for (size_t i = 0; i < n; i++) {
			html_printf(h, "<tr><td>%s</td><td>%s</td>", T(req, code_label(casework_services, sp[i].service)),
				    sp[i].provider_name ? sp[i].provider_name : "—");
			page_date_cell(req, sp[i].starts_on);
			page_date_cell(req, sp[i].ends_on);
			page_date_cell(req, sp[i].extended_to);
			if (sp[i].monitoring_months)
				html_printf(h, "<td>%d</td>", sp[i].monitoring_months);
			else
				html_lit(h, "<td>—</td>");
			page_date_cell(req, sp[i].next_monitoring);
			html_lit(h, "</tr>");
		}
		html_lit(h, "</tbody></table>");
	}
	/* A closed case keeps its services as they were: no form, but a change posted anyway is
	 * refused by the domain, and says why here. */
	if (manage && strcmp(c->stage, "closed") != 0) {
		service_extend_form(req, c, sp, n, f);
		service_add_form(req, c, today, f);
	} else {
		page_form_error(req, f, "extend");
		page_form_error(req, f, "service");
	}
	html_lit(h, "</section>");
	return 0;
}

/* ---- support records ---- */

static void record_form(struct request *req, const struct support_case *c, const char *today,
			const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<h3>%s</h3>", T(req, "Add a support record"));
	page_form_error(req, f, "record");
	html_form_open(h, case_url(req, c, "/records"), req->session.csrf);
	page_input(req, f, "record", "recorded_on", N_("Date"), "date",
		   page_form_value(req, f, "record", "recorded_on", today), true);
	page_select_open(req, f, "record", "kind", N_("Kind of support"));
	page_code_options(req, casework_record_kinds, page_form_value(req, f, "record", "kind", NULL));
	html_lit(h, "</select></div>");
	page_input(req, f, "record", "minutes", N_("Minutes"), "number",
		   page_form_value(req, f, "record", "minutes", ""), true);
	text_area(req, f, "record", "body", N_("Support given"), 6, page_form_value(req, f, "record", "body", ""));
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Add"));
}

int case_records_section(struct request *req, const struct support_case *c, const char *today, bool list,
			 const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct support_record *r = NULL;
	size_t n = 0;
	int rc = list ? support_records(req->db, req->arena, c->id, RECORDS_SHOWN, &r, &n) : 0;
	if (rc)
		return rc;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"records\"><h2 id=\"records\">%s</h2>",
		    T(req, "Support records"));
	if (!list) {
		html_printf(h, "<p>%s</p>", T(req, "The care team's records are not shown in this view."));
	} else if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No support records yet."));
	} else {
		if (n == RECORDS_SHOWN)
			html_printf(h, "<p class=\"hint\">%s</p>", T(req, "The newest 20 records are shown."));
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Date"), T(req, "Kind of support"), T(req, "Minutes"), T(req, "Recorded by"),
			    T(req, "Support given"));
		for (size_t i = 0; i < n; i++) {
			html_lit(h, "<tr>");
			page_date_cell(req, r[i].recorded_on);
			html_printf(h, "<td>%s</td><td>%d</td><td>%s</td><td class=\"record-text\">%s</td></tr>",
				    T(req, code_label(casework_record_kinds, r[i].kind)), r[i].minutes, r[i].author,
				    r[i].body);
		}
		html_lit(h, "</tbody></table>");
	}
	if (policy_scope(req->session.user.role, "case.record") != SCOPE_NONE)
		record_form(req, c, today, f);
	html_lit(h, "</section>");
	return 0;
}

/* ---- goals ---- */

static void goal_forms(struct request *req, const struct support_case *c, const char *today, const struct goal *g,
		       size_t n, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	if (n > 0) {
		html_printf(h, "<h3>%s</h3>", T(req, "Review a goal"));
		page_form_error(req, f, "goal_review");
		html_form_open(h, case_url(req, c, "/goals/review"), req->session.csrf);
		page_select_open(req, f, "goal_review", "goal_id", N_("Goal"));
		const char *chosen = page_form_value(req, f, "goal_review", "goal_id", NULL);
		for (size_t i = 0; i < n; i++) {
			const char *id = page_id(req, g[i].id);
			html_option(h, id, excerpt(req, g[i].body, 60), chosen && strcmp(chosen, id) == 0);
		}
		html_lit(h, "</select></div>");
		page_select_open(req, f, "goal_review", "status", N_("Status"));
		page_code_options(req, casework_goal_statuses, page_form_value(req, f, "goal_review", "status", NULL));
		html_lit(h, "</select></div>");
		page_input(req, f, "goal_review", "reviewed_on", N_("Reviewed on"), "date",
			   page_form_value(req, f, "goal_review", "reviewed_on", today), true);
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Record the review"));
	}
	html_printf(h, "<h3>%s</h3>", T(req, "Set a goal"));
	page_form_error(req, f, "goal");
	html_form_open(h, case_url(req, c, "/goals"), req->session.csrf);
	text_area(req, f, "goal", "body", N_("Goal (in the person's words where possible)"), 2,
		  page_form_value(req, f, "goal", "body", ""));
	page_input(req, f, "goal", "set_on", N_("Set on"), "date", page_form_value(req, f, "goal", "set_on", today), true);
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Add"));
}

int case_goals_section(struct request *req, const struct support_case *c, const char *today, bool manage,
		       const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct goal *g;
	size_t n;
	int rc = goals(req->db, req->arena, c->id, &g, &n);
	if (rc)
		return rc;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"goals\"><h2 id=\"goals\">%s</h2>", T(req, "Goals"));
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No goals set yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Goal"), T(req, "Set on"), T(req, "Status"), T(req, "Last review"));
		for (size_t i = 0; i < n; i++) {
			html_printf(h, "<tr><td class=\"record-text\">%s</td>", g[i].body);
			page_date_cell(req, g[i].set_on);
			html_printf(h, "<td>%s</td>", T(req, code_label(casework_goal_statuses, g[i].status)));
			page_date_cell(req, g[i].reviewed_on);
			html_lit(h, "</tr>");
		}
		html_lit(h, "</tbody></table>");
	}
	if (manage && strcmp(c->stage, "closed") != 0) {
		goal_forms(req, c, today, g, n, f);
	} else { /* a change posted to a closed case anyway: the domain's refusal */
		page_form_error(req, f, "goal_review");
		page_form_error(req, f, "goal");
	}
	html_lit(h, "</section>");
	return 0;
}
