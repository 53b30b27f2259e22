/*
 * housing_request — one housing request's page for the care team (/housing/requests/:id): the
 * support sheet, sending it to cooperating agents, the flats they propose, the open flats ranked
 * against the wishes, viewings and the steps to moving in, and the sheet exactly as the agent
 * will see it (page and PDF). The request is loaded through its case under the user's access
 * (404 otherwise); changing it needs the user's organisation to carry the case (403, audited).
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

/* How many ranked flats the request page shows. */
enum { MATCH_SHOWN = 10 };

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "created", N_("The housing request was written. Fill in the support sheet next."), NULL },
	{ "sheet", N_("The support sheet was saved."), NULL },
	{ "sent", N_("The request was sent."), NULL },
	{ "viewing", N_("The viewing was arranged."), NULL },
	{ "progress", N_("The request moved on."), NULL },
	{ "acknowledged", N_("The concern was acknowledged."), NULL },
	{ NULL, NULL, NULL },
};



/* ---- /housing/requests/:id ---- */

struct request_view {
	struct access acc;
	struct housing_request r;
	struct support_case c;
	bool manage;           /* the user's organisation carries the case */
	bool consent;          /* housing_agents in force today */
	struct page_wards wards;
	const char *base;      /* /housing/requests/<id> */
};

static void summary_section(struct request *req, const struct request_view *v)
{
	struct strbuf *h = &req->out;
	const struct housing_request *r = &v->r;
	html_printf(h, "<section class=\"card\" id=\"summary\"><dl class=\"pairs\"><dt>%s</dt><dd>"
		       "<a href=\"/cases/%" PRId64 "\">%s</a></dd><dt>%s</dt><dd><strong>%s</strong>",
		    T(req, "Person"), v->c.id, v->c.person_name, T(req, "Status"),
		    T(req, code_label(housing_statuses, r->status)));
	if (r->decline_reason)
		html_printf(h, " (%s)", T(req, code_label(housing_decline_reasons, r->decline_reason)));
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Budget a month"));
	page_yen(req, r->budget);
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Wards"));
	html_text(h, page_ward_list(req, &v->wards, r->wards, r->n_wards));
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Conditions"));
	html_text(h, page_code_list(req, housing_conditions, r->conditions, r->n_conditions));
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Hoped moving-in date"));
	page_date(req, r->move_by);
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl></section>",
		    T(req, "Note to the agents"), r->agent_note ? r->agent_note : "—",
		    T(req, "Consent to share with agents"),
		    T(req, v->consent ? N_("In force") : N_("Not in force: agents see nothing of this request")));
}

static void text_field(struct request *req, const struct page_form *f, const char *field, const char *label,
		       const char *saved, bool required)
{
	page_input(req, f, "sheet", field, label, "text", page_form_value(req, f, "sheet", field, saved ? saved : ""),
		   required);
}

static void plan_field(struct request *req, const struct page_form *f, const char *field, const char *label,
		       const char *saved)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"sheet-%s\">%s</label><textarea id=\"sheet-%s\" name=\"%s\""
		       " rows=\"3\" maxlength=\"2000\" required",
		    field, T(req, label), field, field);
	page_field_state(req, f, "sheet", field);
	html_printf(h, ">%s</textarea></div>", page_form_value(req, f, "sheet", field, saved ? saved : ""));
}

static void code_select(struct request *req, const struct page_form *f, const char *field, const char *label,
			const struct code *t, const char *saved)
{
	page_select_open(req, f, "sheet", field, label);
	html_option(&req->out, "", T(req, "Choose"), false);
	page_code_options(req, t, page_form_value(req, f, "sheet", field, saved));
	html_lit(&req->out, "</select></div>");
}

static int sheet_section(struct request *req, const struct request_view *v, const struct page_form *f)
{
	struct support_sheet_input in = { 0 };
	int rc = support_sheet_input_get(req->db, req->arena, v->r.id, &in);
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	if (rc == ERR_NOTFOUND)
		in.counselor_name = (char *)req->session.user.display_name;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"sheet\"><h2>%s</h2><p>%s</p>", T(req, "Support-structure sheet"),
		    T(req, "What the agent and the landlord see instead of the case: who supports the tenant and whom to call. Write nothing about health or diagnosis."));
	if (v->r.has_sheet)
		html_printf(h, "<p><a href=\"%s/sheet\">%s</a> ・ <a href=\"%s/sheet.pdf\">%s</a></p>", v->base,
			    T(req, "See it as the agent does"), v->base, T(req, "PDF"));
	if (!v->manage) {
		html_lit(h, "</section>");
		return 0;
	}
	page_form_error(req, f, "sheet");
	html_form_open(h, arena_printf(req->arena, "%s/sheet", v->base), req->session.csrf);
	text_field(req, f, "contact_24h_name", N_("Whom to call at any hour"), in.contact_24h_name, true);
	text_field(req, f, "contact_24h_phone", N_("Their phone (24 hours)"), in.contact_24h_phone, true);
	text_field(req, f, "counselor_name", N_("Counsellor"), in.counselor_name, true);
	text_field(req, f, "counselor_phone", N_("Counsellor's phone"), in.counselor_phone, true);
	text_field(req, f, "clinic_name", N_("Hospital or clinic"), in.clinic_name, false);
	bool consented = page_form_is(f, "sheet") ? request_form(req, "clinic_consented") != NULL : in.clinic_consented;
	html_printf(h, "<label class=\"check\"><input type=\"checkbox\" name=\"clinic_consented\" value=\"1\"%s> %s</label>",
		    consented ? " checked" : "", T(req, "The person agreed that the agent sees the hospital or clinic"));
	text_field(req, f, "visiting_nurse", N_("Visiting nurse"), in.visiting_nurse, false);
	text_field(req, f, "day_activity", N_("Day activity"), in.day_activity, false);
	text_field(req, f, "visit_frequency", N_("Visits by supporters"), in.visit_frequency, false);
	text_field(req, f, "safety_check", N_("Safety checks (who, how often)"), in.safety_check, false);
	code_select(req, f, "rent_payment", N_("How the rent is paid"), sheet_rent_payments, in.rent_payment);
	text_field(req, f, "guarantee_company", N_("Rent guarantee company"), in.guarantee_company, false);
	code_select(req, f, "money_management", N_("Who manages the money"), sheet_money_managements, in.money_management);
	plan_field(req, f, "emergency_plan", N_("In an emergency"), in.emergency_plan);
	plan_field(req, f, "moving_out_plan", N_("On moving out"), in.moving_out_plan);
	html_printf(h, "<button>%s</button></form></section>", T(req, "Save the sheet"));
	return 0;
}

static int send_section(struct request *req, const struct request_view *v, const struct page_form *f)
{
	struct housing_recipient *to;
	size_t nto, nfirms;
	struct agent_firm *firms;
	int rc = housing_recipients(req->db, req->arena, v->r.id, &to, &nto);
	if (rc || (rc = agent_firms_cooperating(req->db, req->arena, NULL, v->acc.today, &firms, &nfirms)))
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"send\"><h2>%s</h2>", T(req, "Agents"));
	if (nto) {
		html_lit(h, "<ul>");
		for (size_t i = 0; i < nto; i++) {
			html_printf(h, "<li>%s ・ ", to[i].firm_name);
			page_date(req, to[i].sent_on);
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>");
	} else {
		html_printf(h, "<p>%s</p>", T(req, "Not sent to any agent yet."));
	}
	bool open = strcmp(v->r.status, "open") == 0 || strcmp(v->r.status, "viewing") == 0;
	if (!v->manage || !open) {
		html_lit(h, "</section>");
		return 0;
	}
	page_form_error(req, f, "send");
	html_form_open(h, arena_printf(req->arena, "%s/send", v->base), req->session.csrf);
	html_printf(h, "<fieldset id=\"send-agent\"><legend>%s</legend>", T(req, "Cooperating agents"));
	for (size_t i = 0; i < nfirms; i++) {
		bool sent = false;
		for (size_t k = 0; k < nto; k++)
			sent = sent || to[k].organisation_id == firms[i].organisation_id;
		if (sent)
			continue;
		html_printf(h, "<label class=\"check\"><input type=\"checkbox\" name=\"agent\" value=\"%" PRId64 "\"> %s (",
			    firms[i].organisation_id, firms[i].name);
		html_text(h, page_ward_list(req, &v->wards, firms[i].wards, firms[i].n_wards));
		html_lit(h, ")</label>");
	}
	html_printf(h, "</fieldset><button>%s</button></form></section>", T(req, "Send the request"));
	return 0;
}

static int proposals_section(struct request *req, const struct request_view *v, const struct page_form *f,
			     struct housing_proposal **out, size_t *n)
{
	int rc = housing_proposals(req->db, req->arena, v->r.id, out, n);
	if (rc)
		return rc;
	struct housing_proposal *p = *out;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"proposals\"><h2>%s</h2>", T(req, "Flats proposed"));
	if (*n == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "No flat proposed yet."));
		return 0;
	}
	page_form_error(req, f, "viewing");
	bool open = strcmp(v->r.status, "open") == 0 || strcmp(v->r.status, "viewing") == 0;
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Flat"), T(req, "Rent and fees"), T(req, "Agent"), T(req, "Agent's note"), T(req, "Viewing"));
	for (size_t i = 0; i < *n; i++) {
		html_printf(h, "<tr id=\"proposal-%" PRId64 "\"><td>%s</td><td>", p[i].id, p[i].address);
		page_yen(req, p[i].rent + p[i].fees);
		html_printf(h, "</td><td>%s</td><td>%s</td><td>", p[i].firm_name, p[i].note ? p[i].note : "—");
		page_date(req, p[i].viewing_on);
		if (v->manage && open) {
			html_form_open(h, arena_printf(req->arena, "%s/viewings", v->base), req->session.csrf);
			html_hidden(h, "proposal", page_id(req, p[i].id));
			html_printf(h, "<label class=\"inline\"><span class=\"vh\">%s</span><input type=\"date\" name=\"viewing_on\""
				       " required value=\"%s\"></label><button class=\"secondary\">%s</button></form>",
				    T(req, "Viewing date"), p[i].viewing_on ? p[i].viewing_on : "", T(req, "Arrange a viewing"));
		}
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></section>");
	return 0;
}

static int match_section(struct request *req, const struct request_view *v)
{
	struct housing_match *m;
	size_t n;
	int rc = housing_match(req->db, req->arena, &v->r, 0, v->acc.today, &m, &n);
	if (rc)
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"matching\"><h2>%s</h2><p>%s</p>", T(req, "Open flats, best fit first"),
		    T(req, "The cooperating agents' open listings against the budget, wards and conditions; the reasons are shown for each."));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No open listing at the moment."));
	else
		html_lit(h, "<ol class=\"matches\">");
	for (size_t i = 0; i < n && i < MATCH_SHOWN; i++) {
		const struct listing *l = m[i].listing;
		html_printf(h, "<li class=\"%s\"><strong>%s</strong> %s ・ %s ・ ", m[i].fits ? "fits" : "near",
			    l->address, T(req, code_label(listing_layouts, l->layout)), l->firm_name);
		page_yen(req, l->rent + l->fees);
		html_lit(h, "<ul class=\"reasons\">");
		for (size_t k = 0; k < m[i].n_reasons; k++)
			html_printf(h, "<li class=\"%s\">%s%s%s</li>", m[i].good[k] ? "good" : "bad",
				    m[i].good[k] ? "○ " : "× ", T(req, m[i].reasons[k]),
				    m[i].details[k] ? arena_printf(req->arena, ": %s", m[i].details[k]) : "");
		html_lit(h, "</ul></li>");
	}
	if (n)
		html_lit(h, "</ol>");
	html_lit(h, "</section>");
	return 0;
}

static void progress_section(struct request *req, const struct request_view *v, const struct page_form *f,
			     const struct housing_proposal *p, size_t np)
{
	struct strbuf *h = &req->out;
	const char *s = v->r.status;
	if (!v->manage || strcmp(s, "moved_in") == 0 || strcmp(s, "declined") == 0)
		return;
	html_printf(h, "<section class=\"card\" id=\"progress\"><h2>%s</h2>", T(req, "Next step"));
	page_form_error(req, f, "progress");
	const char *action = arena_printf(req->arena, "%s/progress", v->base);
	if (strcmp(s, "viewing") == 0 && np) {
		html_form_open(h, action, req->session.csrf);
		html_hidden(h, "to", "application");
		page_select_open(req, f, "progress", "proposal", N_("The flat applied for"));
		for (size_t i = 0; i < np; i++)
			html_option(h, page_id(req, p[i].id), p[i].address, false);
		html_lit(h, "</select></div>");
		page_input(req, f, "progress", "on", N_("Date"), "date", page_form_value(req, f, "progress", "on", v->acc.today), true);
		html_printf(h, "<button>%s</button></form>", T(req, "Applied"));
	} else if (strcmp(s, "application") == 0 || strcmp(s, "contract") == 0) {
		bool contract = strcmp(s, "contract") == 0;
		html_form_open(h, action, req->session.csrf);
		html_hidden(h, "to", contract ? "moved_in" : "contract");
		if (contract)
			page_input(req, f, "progress", "address", N_("Address now (room number too)"), "text",
				   page_form_value(req, f, "progress", "address", ""), false);
		page_input(req, f, "progress", "on", contract ? N_("Moving-in date") : N_("Contract date"), "date",
			   page_form_value(req, f, "progress", "on", v->acc.today), true);
		html_printf(h, "<button>%s</button></form>", T(req, contract ? N_("Moved in") : N_("Contract signed")));
	} else if (strcmp(s, "open") == 0) {
		html_printf(h, "<p>%s</p>", T(req, "Arrange a viewing of a proposed flat to move on."));
	}
	html_form_open(h, action, req->session.csrf);
	html_hidden(h, "to", "declined");
	page_select_open(req, f, "progress", "reason", N_("Declined because"));
	html_option(h, "", T(req, "Choose"), false);
	page_code_options(req, housing_decline_reasons, page_form_value(req, f, "progress", "reason", NULL));
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form></section>", T(req, "Decline the request"));
}

static int steps_section(struct request *req, const struct request_view *v)
{
	struct housing_step *s;
	size_t n;
	int rc = housing_steps(req->db, req->arena, v->r.id, &s, &n);
	if (rc)
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"steps\"><h2>%s</h2><ol class=\"timeline\">", T(req, "Steps"));
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<li>");
		page_date(req, s[i].on_date);
		html_printf(h, " %s", T(req, code_label(housing_statuses, s[i].to_status)));
		if (s[i].address)
			html_printf(h, " ・ %s", s[i].address);
		html_printf(h, " ・ %s</li>", s[i].user_name);
	}
	html_lit(h, "</ol></section>");
	return 0;
}

static int concerns_section(struct request *req, const struct request_view *v)
{
	struct tenancy_concern *c;
	size_t n;
	int rc = housing_concerns_of(req->db, req->arena, v->r.id, true, &c, &n);
	if (rc || n == 0)
		return rc;
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"concerns\"><h2>%s</h2>", T(req, "Tenancy concerns"));
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<article class=\"concern\" id=\"concern-%" PRId64 "\"><h3>%s</h3><p class=\"meta\">%s ・ ",
			    c[i].id, T(req, code_label(housing_concern_kinds, c[i].kind)), c[i].firm_name);
		page_date(req, c[i].raised_on);
		html_printf(h, "</p><p>%s</p>", c[i].body);
		if (c[i].acknowledged_on) {
			html_printf(h, "<p class=\"meta\">%s ", T(req, "Acknowledged"));
			page_date(req, c[i].acknowledged_on);
			html_printf(h, " ・ %s</p><p>%s</p>", c[i].acknowledged_by ? c[i].acknowledged_by : "",
				    c[i].handling ? c[i].handling : "");
		}
		if (page_may(req, "housing.concern")) {
			html_form_open(h, arena_printf(req->arena, "/housing/concerns/%" PRId64 "/acknowledge", c[i].id),
				       req->session.csrf);
			html_hidden(h, "back", v->base);
			html_printf(h, "<div class=\"field\"><label for=\"ack-%" PRId64 "\">%s</label><textarea id=\"ack-%" PRId64 "\""
				       " name=\"handling\" rows=\"2\" maxlength=\"2000\" required>%s</textarea></div><button>%s</button></form>",
				    c[i].id, T(req, "What the team does about it"), c[i].id, c[i].handling ? c[i].handling : "",
				    T(req, c[i].acknowledged_on ? N_("Save the handling") : N_("Acknowledge")));
		}
		html_lit(h, "</article>");
	}
	html_lit(h, "</section>");
	return 0;
}

/* Loads request req->id with the case, under the user's access. */
static int load(struct request *req, struct request_view *v)
{
	page_access(req, &v->acc);
	int rc = housing_request_get(req->db, req->arena, &v->acc, req->id, &v->r);
	if (rc || (rc = case_get(req->db, req->arena, &v->acc, v->r.case_id, &v->c)))
		return rc;
	if ((rc = page_case_manage(req, &v->c)) == 0)
		v->manage = true;
	else if (rc != ERR_FORBIDDEN)
		return rc;
	struct case_consent *k;
	size_t nk;
	if ((rc = case_consents(req->db, req->arena, v->c.id, v->acc.today, &k, &nk)))
		return rc;
	page_wards_load(req, &v->wards);
	v->consent = case_consent_in_force(k, nk, "housing_agents");
	v->base = arena_printf(req->arena, "/housing/requests/%" PRId64, v->r.id);
	return 0;
}

static int request_page_show(struct request *req, const struct page_form *f)
{
	struct request_view v = { 0 };
	int rc = load(req, &v);
	if (rc || (rc = page_audit_read(req, "housing.read", "housing_request", page_id(req, v.r.id))))
		return rc;
	page_begin(req, N_("Housing request"));
	page_done_notice(req, done_notices);
	summary_section(req, &v);
	/* The work in the order it is done: the sheet first while there is none, then the agents and
	 * their flats; once written, the sheet moves below the flats, where it is kept up to date. */
	struct housing_proposal *p;
	size_t np;
	bool looking = strcmp(v.r.status, "open") == 0 || strcmp(v.r.status, "viewing") == 0;
	if ((rc = concerns_section(req, &v)) || (!v.r.has_sheet && (rc = sheet_section(req, &v, f))) ||
	    (rc = proposals_section(req, &v, f, &p, &np)))
		return rc;
	progress_section(req, &v, f, p, np);
	if ((rc = send_section(req, &v, f)) || (looking && (rc = match_section(req, &v))) ||
	    (v.r.has_sheet && (rc = sheet_section(req, &v, f))) || (rc = steps_section(req, &v)))
		return rc;
	html_printf(&req->out, "<p><a href=\"/housing\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int housing_request_page(struct request *req)
{
	return request_page_show(req, NULL);
}

/* ---- changes to a request ---- */

struct request_change {
	struct request_view v;
	struct page_form f;
	int (*apply)(struct request *req, struct request_change *k);
};

static int change_run(struct request *req, void *ctx, struct audit_event *e)
{
	(void)e;
	struct request_change *k = ctx;
	int rc = load(req, &k->v);
	if (rc)
		return rc;
	return k->v.manage ? k->apply(req, k) : ERR_FORBIDDEN;
}

/* Runs the change of form, audited as action on the request; back to its page at anchor. */
static int change(struct request *req, int (*apply)(struct request *, struct request_change *), const char *form,
		  const char *action, const char *done, const char *anchor)
{
	struct request_change k = { .f = { .name = form }, .apply = apply };
	int rc = page_write(req, change_run, &k, action, "housing_request", page_id(req, req->id));
	if (rc == ERR_FORBIDDEN)
		page_audit_refused(req, action, "housing_request", page_id(req, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return request_page_show(req, &k.f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/housing/requests/%" PRId64 "?done=%s#%s", req->id,
						       done, anchor));
}

static char *form_text(struct request *req, const char *field)
{
	return (char *)request_form(req, field);
}

static int apply_sheet(struct request *req, struct request_change *k)
{
	struct support_sheet_input in = {
		.contact_24h_name = form_text(req, "contact_24h_name"),
		.contact_24h_phone = form_text(req, "contact_24h_phone"),
		.counselor_name = form_text(req, "counselor_name"),
		.counselor_phone = form_text(req, "counselor_phone"),
		.clinic_name = form_text(req, "clinic_name"),
		.clinic_consented = request_form(req, "clinic_consented") != NULL,
		.visiting_nurse = form_text(req, "visiting_nurse"),
		.day_activity = form_text(req, "day_activity"),
		.visit_frequency = form_text(req, "visit_frequency"),
		.safety_check = form_text(req, "safety_check"),
		.rent_payment = form_text(req, "rent_payment"),
		.guarantee_company = form_text(req, "guarantee_company"),
		.money_management = form_text(req, "money_management"),
		.emergency_plan = form_text(req, "emergency_plan"),
		.moving_out_plan = form_text(req, "moving_out_plan"),
	};
	return support_sheet_save(req->db, req->arena, k->v.r.id, &in, k->v.acc.user_id, &k->f.field, &k->f.msg);
}

int housing_sheet_submit(struct request *req)
{
	return change(req, apply_sheet, "sheet", "housing.sheet", "sheet", "sheet");
}

static int apply_send(struct request *req, struct request_change *k)
{
	size_t n;
	const char **ids = page_form_all(req, "agent", &n);
	if (n == 0) {
		k->f.field = "agent";
		k->f.msg = N_("Choose at least one agent.");
		return ERR_INVALID;
	}
	for (size_t i = 0; i < n; i++) {
		char *end;
		long long org = strtoll(ids[i], &end, 10);
		if (*end || org <= 0) {
			k->f.field = "agent";
			k->f.msg = N_("Choose a cooperating agent.");
			return ERR_INVALID;
		}
		int rc = housing_request_send(req->db, req->arena, k->v.r.id, org, k->v.acc.today, &k->f.field, &k->f.msg);
		if (rc)
			return rc;
	}
	return 0;
}

int housing_send_submit(struct request *req)
{
	return change(req, apply_send, "send", "housing.send", "sent", "send");
}

static int apply_viewing(struct request *req, struct request_change *k)
{
	int rc = housing_viewing_arrange(req->db, req->arena, k->v.r.id, page_form_id(req, "proposal"),
					 request_form(req, "viewing_on"), k->v.acc.user_id, k->v.acc.today, &k->f.field,
					 &k->f.msg);
	if (rc == ERR_NOTFOUND) {
		k->f.field = "proposal";
		k->f.msg = N_("Choose one of the flats proposed.");
		return ERR_INVALID;
	}
	return rc;
}

int housing_viewing_submit(struct request *req)
{
	return change(req, apply_viewing, "viewing", "housing.viewing", "viewing", "proposals");
}

static int apply_progress(struct request *req, struct request_change *k)
{
	return housing_request_move(req->db, req->arena, k->v.r.id, request_form(req, "to"), page_form_id(req, "proposal"),
				    request_form(req, "reason"), request_form(req, "address"), request_form(req, "on"),
				    k->v.acc.user_id, k->v.acc.today, &k->f.field, &k->f.msg);
}

int housing_progress_submit(struct request *req)
{
	return change(req, apply_progress, "progress", "housing.progress", "progress", "summary");
}

/* ---- the sheet as the agent sees it ---- */

static int preview(struct request *req, bool pdf)
{
	struct request_view v = { 0 };
	struct support_sheet s;
	int rc = load(req, &v);
	if (rc || (rc = support_sheet_get(req->db, req->arena, v.r.id, v.acc.today, &s)) ||
	    (rc = page_audit_read(req, pdf ? "sheet.preview.pdf" : "sheet.preview", "housing_request", page_id(req, v.r.id))))
		return rc;
	if (pdf)
		return sheet_pdf_respond(req, &s);
	page_begin(req, N_("Support-structure sheet"));
	html_printf(&req->out, "<p class=\"noprint\"><a href=\"%s\">%s</a></p>", v.base, T(req, "Back to the request"));
	sheet_html(req, &s);
	page_end(req);
	return 0;
}

int housing_sheet_preview(struct request *req)
{
	return preview(req, false);
}

int housing_sheet_preview_pdf(struct request *req)
{
	return preview(req, true);
}

