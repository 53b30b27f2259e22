/*
 * case_peer — the case page as a peer supporter (ピアサポーター) sees it: DESIGN §1's "minimal
 * view of assigned cases under the peer_support consent". Which cases a peer sees is
 * domain/access.c's rule (on the team AND the consent in force); this file decides how little
 * of such a case they see. cases.c hands every peer's case page here before it reads anything
 * else, so nothing of the full page can leak into this one by a later change there.
 */
#include "arena.h"
#include "domain/case.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>

/* "1 month after" … "12 months after": a follow-up's place after the discharge. */
static const char *months_after(struct request *req, int months)
{
	switch (months) {
	case 1: return T(req, "1 month after");
	case 3: return T(req, "3 months after");
	case 6: return T(req, "6 months after");
	case 12: return T(req, "12 months after");
	default: return "—";
	}
}

static void team_list(struct request *req, const struct case_team_member *m, size_t n)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"team\"><h2 id=\"team\">%s</h2><ul>", T(req, "Care team"));
	for (size_t i = 0; i < n; i++)
		if (!m[i].removed_on)
			html_printf(h, "<li>%s%s%s</li>", m[i].organisation_name, req->lang == LANG_JA ? "：" : ": ",
				    T(req, code_label(case_team_roles, m[i].team_role)));
	html_lit(h, "</ul></section>");
}

static void follow_up_dates(struct request *req, const struct case_follow_up *u, size_t n)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"follow-ups\"><h2 id=\"follow-ups\">%s</h2>",
		    T(req, "Follow-ups after discharge"));
	if (n == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "None yet: they are set when the discharge is recorded."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "</tr></thead><tbody>",
		    T(req, "When"), T(req, "Due"), T(req, "Done"));
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<tr><td>%s</td><td>", months_after(req, u[i].months));
		page_date(req, u[i].due_on);
		html_lit(h, "</td><td>");
		if (u[i].done_on)
			page_date(req, u[i].done_on);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></section>");
}

/*
 * The minimal view. It shows exactly:
 *   - the person's family and given name (no kana, birth date, ward or link to the person page);
 *   - the current stage (no history, no reason for closing);
 *   - the care team's present members: organisation and role on the team (no sectors, dates or
 *     former members);
 *   - the goals: text, date set, status, last review (no forms);
 *   - the follow-ups after discharge: when, due date, done date (not the answers — living in
 *     the community, readmitted, treatment continuing are health information);
 *   - the form to add a support record (peers may record their support, policy case.record),
 *     but none of the care team's records.
 * And never: admissions, consents, service periods or providers, support records or their
 * texts, trial stays, the timeline, the lead organisation's other details, any managing form.
 * The read is audited as case.read, like the full page.
 */
int case_peer_show(struct request *req, const struct support_case *c, const char *today, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct case_team_member *team;
	struct case_follow_up *ups;
	size_t nteam, nups;
	int rc = case_team(req->db, req->arena, c->id, &team, &nteam);
	if (rc || (rc = case_follow_ups(req->db, req->arena, c->id, &ups, &nups)) ||
	    (rc = page_audit_read(req, "case.read", "case", arena_printf(req->arena, "%" PRId64, c->id))))
		return rc;
	page_begin(req, N_("Support case"));
	case_done_notice(req);
	html_printf(h, "<p class=\"hint\">%s</p>", T(req, "A peer supporter's view: only what the support needs."));
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><strong>%s</strong></dd></dl>",
		    T(req, "Person"), c->person_name, T(req, "Stage"), T(req, code_label(case_stages, c->stage)));
	team_list(req, team, nteam);
	if ((rc = case_goals_section(req, c, today, false, f)))
		return rc;
	follow_up_dates(req, ups, nups);
	if ((rc = case_records_section(req, c, today, false, f)))
		return rc;
	html_printf(h, "<p><a href=\"/cases\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}
