/*
 * housing — the housing referral system from the care team's side: the requests of the cases a
 * counsellor carries (/housing), writing one from a case, the case page's section, and the
 * tenancy concerns agents raise, which stand at the top of the dashboard until someone takes them
 * up. The request's own page is housing_request.c.
 *
 * A request is reached through its case: domain/housing.c loads it under the user's access, so
 * a request of a case the user may not see is 404, and changing one needs the user's
 * organisation to carry the case (page_case_manage), as on the case page. Pages that name a
 * person record the read first.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "domain/access.h"
#include "domain/agent.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/housing.h"
#include "domain/support_sheet.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- the dashboard's concerns ---- */

int housing_concerns_section(struct request *req)
{
	if (!page_may(req, "housing.concern"))
		return 0;
	struct access acc;
	page_access(req, &acc);
	struct tenancy_concern *c;
	size_t n;
	int rc = housing_concerns_open(req->db, req->arena, &acc, &c, &n);
	if (rc || n == 0 || (rc = page_audit_read(req, "concern.read", "case", NULL)))
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card concerns\" aria-labelledby=\"concerns-h\"><h2 id=\"concerns-h\">%s</h2>",
		    T(req, "Tenancy concerns from agents"));
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<article class=\"concern\" id=\"concern-%" PRId64 "\"><h3>%s — ", c[i].id,
			    T(req, code_label(housing_concern_kinds, c[i].kind)));
		if (page_may(req, "housing.request"))
			html_printf(h, "<a href=\"/housing/requests/%" PRId64 "\">%s</a>", c[i].request_id, c[i].person_name);
		else
			html_printf(h, "<a href=\"/cases/%" PRId64 "\">%s</a>", c[i].case_id, c[i].person_name);
		html_printf(h, "</h3><p class=\"meta\">%s ・ %s ・ ", c[i].firm_name, c[i].address ? c[i].address : "");
		page_date(req, c[i].raised_on);
		html_printf(h, "</p><p>%s</p>", c[i].body);
		html_form_open(h, arena_printf(req->arena, "/housing/concerns/%" PRId64 "/acknowledge", c[i].id),
			       req->session.csrf);
		html_hidden(h, "back", "/");
		html_printf(h, "<div class=\"field\"><label for=\"ack-%" PRId64 "\">%s</label>"
			       "<textarea id=\"ack-%" PRId64 "\" name=\"handling\" rows=\"2\" maxlength=\"2000\" required></textarea></div>"
			       "<button>%s</button></form></article>",
			    c[i].id, T(req, "What the team does about it"), c[i].id, T(req, "Acknowledge"));
	}
	html_lit(h, "</section>");
	return 0;
}

/* ---- the case page's section ---- */

int housing_case_section(struct request *req, const struct support_case *c)
{
	struct housing_request *r;
	size_t n;
	int rc = housing_requests_of_case(req->db, req->arena, c->id, &r, &n);
	if (rc)
		return rc;
	struct residence home;
	if ((rc = housing_residence(req->db, req->arena, c->id, &home)) && rc != ERR_NOTFOUND)
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"housing\"><h2>%s</h2>", T(req, "Housing requests"));
	if (rc == 0) {
		html_printf(h, "<p class=\"residence\">%s: <strong>%s</strong> (", T(req, "Lives at"), home.address);
		page_date(req, home.moved_in_on);
		html_printf(h, "%s)</p>", home.request_id ? T(req, ", through the housing referral system") : "");
	}
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No housing request yet."));
	else
		html_lit(h, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<li><a href=\"/housing/requests/%" PRId64 "\">", r[i].id);
		page_date(req, r[i].created_on);
		html_printf(h, "</a> %s</li>", T(req, code_label(housing_statuses, r[i].status)));
	}
	if (n)
		html_lit(h, "</ul>");
	if (strcmp(c->stage, "closed") != 0)
		html_printf(h, "<p><a href=\"/cases/%" PRId64 "/housing\">%s</a></p>", c->id,
			    T(req, "Write a housing request"));
	html_lit(h, "</section>");
	return 0;
}

/* ---- /housing ---- */

int housing_page(struct request *req)
{
	struct access acc;
	page_access(req, &acc);
	struct housing_request *r;
	size_t n;
	struct page_wards w;
	page_wards_load(req, &w);
	int rc = housing_requests_visible(req->db, req->arena, &acc, &r, &n);
	if (rc ||
	    (n && (rc = page_audit_read(req, "housing.list", "housing_request", NULL))))
		return rc;
	struct date today;
	date_parse(acc.today, &today);
	int fy = today.month >= 4 ? today.year : today.year - 1;
	char from[11];
	date_format_iso((struct date){ fy, 4, 1 }, from);
	int year = 0, all = 0;
	if ((rc = housing_moved_in_count(req->db, from, acc.today, &year)) ||
	    (rc = housing_moved_in_count(req->db, NULL, acc.today, &all)))
		return rc;
	struct strbuf *h = &req->out;
	page_begin(req, N_("Housing referral"));
	html_printf(h, "<p class=\"lead\">%s</p><dl class=\"pairs\"><dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%d</dd></dl>",
		    T(req, "Requests to cooperating agents of the real-estate association, with the support sheet that shows who supports the tenant."),
		    page_fill(req, N_("Moved in through the scheme in {year}"), "{year}",
			      jp_fiscal_year_label(req->arena, fy, req->lang), NULL),
		    year, T(req, "Moved in through the scheme, all years"), all);
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No housing requests yet. Write one from a case."));
		page_end(req);
		return 0;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Person"), T(req, "Status"), T(req, "Budget a month"), T(req, "Wards"), T(req, "Written"));
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<tr><td><a href=\"/housing/requests/%" PRId64 "\">%s</a></td><td>%s</td><td>", r[i].id,
			    r[i].person_name, T(req, code_label(housing_statuses, r[i].status)));
		page_yen(req, r[i].budget);
		html_lit(h, "</td><td>");
		html_text(h, page_ward_list(req, &w, r[i].wards, r[i].n_wards));
		html_lit(h, "</td><td>");
		page_date(req, r[i].created_on);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
	page_end(req);
	return 0;
}

/* ---- /cases/:id/housing: writing a request ---- */

static int case_page_show_housing(struct request *req, const struct page_form *f)
{
	struct access acc;
	page_access(req, &acc);
	struct support_case c;
	struct case_consent *k;
	size_t nk;
	struct page_wards w;
	page_wards_load(req, &w);
	int rc = case_get(req->db, req->arena, &acc, req->id, &c);
	if (rc || (rc = case_consents(req->db, req->arena, c.id, acc.today, &k, &nk)) ||
	    (rc = page_audit_read(req, "housing.case", "case", page_id(req, c.id))))
		return rc;
	struct strbuf *h = &req->out;
	page_begin(req, N_("Write a housing request"));
	html_printf(h, "<p><a href=\"/cases/%" PRId64 "\">%s</a></p>", c.id, c.person_name);
	if (!case_consent_in_force(k, nk, "housing_agents"))
		page_notice(req, "info",
			    N_("The person's consent to share the support sheet with agents is not in force. You can write the request now; it can be sent once the consent is recorded on the case."));
	if ((rc = housing_case_section(req, &c)))
		return rc;
	if (strcmp(c.stage, "closed") == 0) {
		page_end(req);
		return 0;
	}
	html_printf(h, "<section class=\"card\"><h2>%s</h2>", T(req, "New housing request"));
	page_form_error(req, f, "request");
	html_form_open(h, arena_printf(req->arena, "/cases/%" PRId64 "/housing", c.id), req->session.csrf);
	page_input(req, f, "request", "budget", N_("Budget a month, rent and fees together (yen)"), "number",
		   page_form_value(req, f, "request", "budget", ""), true);
	html_printf(h, "<fieldset id=\"request-wards\"><legend>%s</legend>", T(req, "Wards"));
	bool again = page_form_is(f, "request");
	for (size_t i = 0; i < w.n; i++) {
		bool ticked = again ? page_posted(req, "wards", w.v[i].code)
				    : c.ward_code && strcmp(c.ward_code, w.v[i].code) == 0;
		html_printf(h, "<label class=\"check\"><input type=\"checkbox\" name=\"wards\" value=\"%s\"%s> %s</label>",
			    w.v[i].code, ticked ? " checked" : "", w.v[i].name);
	}
	html_printf(h, "</fieldset><fieldset><legend>%s</legend>", T(req, "Conditions"));
	for (const struct code *t = housing_conditions; t->code; t++)
		html_printf(h, "<label class=\"check\"><input type=\"checkbox\" name=\"conditions\" value=\"%s\"%s> %s</label>",
			    t->code, again && page_posted(req, "conditions", t->code) ? " checked" : "", T(req, t->label));
	html_lit(h, "</fieldset>");
	page_input(req, f, "request", "move_by", N_("Hoped moving-in date"), "date",
		   page_form_value(req, f, "request", "move_by", ""), false);
	html_printf(h, "<div class=\"field\"><label for=\"request-agent_note\">%s</label>"
		       "<textarea id=\"request-agent_note\" name=\"agent_note\" rows=\"3\" maxlength=\"1000\"",
		    T(req, "Note to the agents (they see it: no health details)"));
	page_field_state(req, f, "request", "agent_note");
	html_printf(h, ">%s</textarea></div><button>%s</button></form></section>",
		    page_form_value(req, f, "request", "agent_note", ""), T(req, "Write the request"));
	page_end(req);
	return 0;
}

int housing_case_page(struct request *req)
{
	return case_page_show_housing(req, NULL);
}

struct request_write {
	struct access acc;
	struct page_form f;
	int64_t new_id;
};

static int create_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct request_write *k = ctx;
	struct support_case c;
	int rc = case_get(req->db, req->arena, &k->acc, req->id, &c);
	if (rc || (rc = page_case_manage(req, &c)))
		return rc;
	struct housing_request r = { .case_id = c.id };
	const char *budget = request_form(req, "budget");
	char *end = NULL;
	long v = budget ? strtol(budget, &end, 10) : 0;
	r.budget = budget && *budget && end && !*end && v > 0 && v <= HOUSING_BUDGET_MAX ? (int)v : 0;
	r.wards = (char **)page_form_all(req, "wards", &r.n_wards);
	r.conditions = (char **)page_form_all(req, "conditions", &r.n_conditions);
	r.move_by = (char *)request_form(req, "move_by");
	r.agent_note = (char *)request_form(req, "agent_note");
	if ((rc = housing_request_create(req->db, req->arena, &r, k->acc.user_id, k->acc.today, &k->f.field,
					 &k->f.msg)))
		return rc;
	k->new_id = r.id;
	e->object_type = "housing_request";
	e->object_id = page_id(req, r.id);
	return 0;
}

int housing_request_submit(struct request *req)
{
	struct request_write k = { .f = { .name = "request" } };
	page_access(req, &k.acc);
	int rc = page_write(req, create_run, &k, "housing.request.create", "case", page_id(req, req->id));
	if (rc == ERR_FORBIDDEN)
		page_audit_refused(req, "housing.request.create", "case", page_id(req, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return case_page_show_housing(req, &k.f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/housing/requests/%" PRId64 "?done=created", k.new_id));
}

/* ---- acknowledging a concern ---- */

struct ack {
	struct access acc;
	struct page_form f;
};

static int ack_run(struct request *req, void *ctx, struct audit_event *e)
{
	(void)e;
	struct ack *k = ctx;
	return housing_concern_acknowledge(req->db, req->arena, &k->acc, req->id, request_form(req, "handling"),
					   &k->f.field, &k->f.msg);
}

int housing_concern_ack(struct request *req)
{
	struct ack k = { .f = { .name = "ack" } };
	page_access(req, &k.acc);
	int rc = page_write(req, ack_run, &k, "housing.concern.ack", "tenancy_concern", page_id(req, req->id));
	/* Back where the form was: the dashboard or a request's page, nothing else. */
	const char *back = request_form(req, "back");
	if (!back || (strcmp(back, "/") != 0 && strncmp(back, "/housing/requests/", 18) != 0))
		back = "/";
	if (rc == ERR_INVALID) {
		req->status = 400;
		page_begin(req, N_("Tenancy concerns"));
		page_notice(req, "error", k.f.msg);
		html_printf(&req->out, "<p><a href=\"%s\">%s</a></p>", back, T(req, "Back"));
		page_end(req);
		return 0;
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "%s?done=acknowledged", back));
}
