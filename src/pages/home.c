/*
 * home — the dashboard: today's date with its era and fiscal year, what is due for this user,
 * and the overview that fits the role (the directory for the city and the administrator, the
 * audit chain for the auditor).
 */
#include "auth/policy.h"
#include "date.h"
#include "domain/casework.h"
#include "domain/directory.h"
#include "domain/due.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>

enum { DUE_LIMIT = 50 };

/* The label of a due item's "what": a follow-up's months, a service, a consent's scope or a
 * room's own name. */
static const char *due_what(struct request *req, const struct due_item *d)
{
	static const struct code months[] = {
		{ "1", N_("1 month after discharge") }, { "3", N_("3 months after discharge") },
		{ "6", N_("6 months after discharge") }, { "12", N_("12 months after discharge") },
		{ NULL, NULL },
	};
	if (strcmp(d->kind, "follow_up") == 0)
		return T(req, code_label(months, d->what));
	if (strcmp(d->kind, "service_end") == 0 || strcmp(d->kind, "monitoring") == 0)
		return T(req, code_label(casework_services, d->what));
	if (strcmp(d->kind, "consent_end") == 0)
		return T(req, code_label(case_consent_scopes, d->what));
	return d->what; /* a room's name */
}

/* What is due for this user, overdue first. The list names people, so showing it is a read of
 * personal data and is audited; an empty list reads nothing. */
static int due_section(struct request *req)
{
	static const struct code kinds[] = {
		{ "follow_up", N_("Follow-up") },          { "service_end", N_("Service ends") },
		{ "monitoring", N_("Monitoring") },        { "stay", N_("Trial stay") },
		{ "consent_end", N_("Consent expires") },  { NULL, NULL },
	};
	struct strbuf *h = &req->out;
	struct access acc;
	page_access(req, &acc);
	struct due_item *items;
	size_t n;
	int rc = due_list(req->db, req->arena, &acc, DUE_LIMIT, &items, &n);
	if (rc || (n && (rc = page_audit_read(req, "due.read", "case", NULL))))
		return rc;
	html_printf(h, "<section class=\"card due\"><h2>%s</h2>", T(req, "What is due"));
	if (n == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "Nothing is due for you now."));
		return 0;
	}
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Date"), T(req, "What"), T(req, "Person"), T(req, "Detail"));
	for (size_t i = 0; i < n; i++) {
		const struct due_item *d = &items[i];
		bool overdue = strcmp(d->on, acc.today) < 0;
		struct date on;
		const char *when = date_parse(d->on, &on) ? jp_format_date(req->arena, on, req->lang) : d->on;
		page_row_open(req, overdue);
		html_printf(h, "<td>%s%s</td><td>%s</td><td><a href=\"/cases/%" PRId64 "\">%s</a></td><td>%s</td></tr>",
			    when, overdue ? T(req, " (overdue)") : "",
			    T(req, code_label(kinds, d->kind)), d->case_id, d->person_name, due_what(req, d));
	}
	html_lit(h, "</tbody></table></section>");
	return 0;
}

static void directory_overview(struct request *req)
{
	struct strbuf *h = &req->out;
	struct ward *wards;
	struct organisation *orgs;
	size_t nw = 0, no = 0;
	if (directory_wards(req->db, req->arena, &wards, &nw) ||
	    directory_orgs(req->db, req->arena, &orgs, &no))
		return;
	html_printf(h, "<section class=\"card\"><h2>%s</h2><dl class=\"pairs\">",
		    T(req, "Municipality"));
	html_printf(h, "<dt>%s</dt><dd>", T(req, "Wards"));
	for (size_t i = 0; i < nw; i++)
		html_printf(h, "%s%s", i ? "・" : "", wards[i].name);
	html_lit(h, "</dd>");
	html_printf(h, "<dt>%s</dt><dd>%zu</dd></dl>", T(req, "Organisations"), no);
	html_printf(h, "<table class=\"compact\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		    T(req, "Organisations by sector"), T(req, "Sector"), T(req, "Count"));
	for (const struct code *s = directory_sectors; s->code; s++) {
		size_t n = 0;
		for (size_t i = 0; i < no; i++)
			n += strcmp(orgs[i].sector, s->code) == 0;
		html_printf(h, "<tr><td>%s</td><td class=\"num\">%zu</td></tr>", T(req, s->label), n);
	}
	html_lit(h, "</tbody></table>");
	html_printf(h, "<p><a href=\"/admin/organisations\">%s</a></p></section>",
		    T(req, "See all organisations"));
}

int home_page(struct request *req)
{
	struct strbuf *h = &req->out;
	enum role role = req->session.user.role;
	static const struct code done_notices[] = {
		{ "acknowledged", N_("The concern was acknowledged."), NULL },
		{ NULL, NULL, NULL },
	};
	page_begin(req, N_("Dashboard"));
	page_done_notice(req, done_notices);
	page_today(req);
	/* A concern an agent raised comes before everything: the tenant may be in trouble now. */
	int rc = housing_concerns_section(req);
	if (rc)
		return rc;
	html_lit(h, "<div class=\"grid\">");
	if (policy_scope(role, "case.view") != SCOPE_NONE && (rc = due_section(req)))
		return rc;
	if (policy_scope(role, "referral.view") != SCOPE_NONE && (rc = referrals_home_section(req)))
		return rc;
	if ((rc = meetings_home_section(req)) || (rc = peers_home_section(req)) ||
	    (policy_scope(role, "referral.view") != SCOPE_NONE && (rc = events_agent_home_section(req))))
		return rc;
	if (policy_scope(role, "directory.view") != SCOPE_NONE)
		directory_overview(req);
	if (policy_scope(role, "audit.view") != SCOPE_NONE)
		html_printf(h,
			    "<section class=\"card\"><h2>%s</h2><p>%s</p><p><a href=\"/audit\">%s</a>"
			    " ・ <a href=\"/audit/verify\">%s</a></p></section>",
			    T(req, "Audit log"),
			    T(req, "Every login, refusal, change and read of personal data is recorded in a hash chain."),
			    T(req, "Open the audit log"), T(req, "Verify the chain"));
	html_printf(h, "<section class=\"card\"><h2>%s</h2><dl class=\"pairs\"><dt>%s</dt><dd>%s</dd>"
		       "<dt>%s</dt><dd>%s</dd></dl></section>",
		    T(req, "Your account"), T(req, "Organisation"), req->session.user.organisation_name,
		    T(req, "Role"), T(req, role_label(role)));
	html_lit(h, "</div>");
	page_end(req);
	return 0;
}
