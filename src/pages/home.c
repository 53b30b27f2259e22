/*
 * home — the dashboard: today's date with its era and fiscal year, what is due for this user,
 * and the overview that fits the role (the directory for the city and the administrator, the
 * audit chain for the auditor).
 */
#include "auth/policy.h"
#include "domain/directory.h"
#include "error.h"
#include "pages.h"

#include <string.h>

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
	for (const struct directory_code *s = directory_sectors; s->code; s++) {
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
	page_begin(req, N_("Dashboard"));
	page_today(req);
	html_lit(h, "<div class=\"grid\">");
	if (role != ROLE_ADMIN && role != ROLE_AUDITOR) {
		html_printf(h, "<section class=\"card due\"><h2>%s</h2><p>%s</p></section>",
			    T(req, "What is due"), T(req, "Nothing is due for you now."));
	}
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
