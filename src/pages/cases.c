/*
 * cases — the support cases a user may see (DESIGN §2 "Cases"): the list, and the one case page
 * the care team shares: the person, the stage, the care team, service periods, support records
 * and goals (case_work.c), consents, admissions with the discharge, post-discharge follow-ups and
 * the timeline. Each section carries its form for the roles the policy lets change it — the
 * managing forms only where the user's organisation carries the case (page_case_manage); the
 * changes themselves are in case_forms.c, which shows this page again (case_page_show) when one
 * is refused. A peer supporter gets the minimal view of case_peer.c instead. A case the user may
 * not see is "not found". Every read is audited with the case id only.
 */
#include "arena.h"
#include "auth/policy.h"
#include "domain/case.h"
#include "domain/casework.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE_ROWS = 50 };

/* Brackets and separators in the page's language: full width in Japanese. */
struct punct {
	const char *open, *close, *comma, *colon; /* "（" "）" "、" "：" or " (" ")" ", " ": " */
};

static struct punct punct_of(const struct request *req)
{
	return req->lang == LANG_JA ? (struct punct){ "（", "）", "、", "：" }
				    : (struct punct){ " (", ")", ", ", ": " };
}

/* The name of the ward with this code among the municipality's wards (read once per page). */
static const char *ward_name(const struct ward *w, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(w[i].code, code) == 0)
			return w[i].name;
	return code ? code : "—";
}

/* ---- the list ---- */

int cases_page(struct request *req)
{
	struct strbuf *h = &req->out;
	const char *stage = request_query(req, "stage"), *before = request_query(req, "before");
	struct access acc;
	page_access(req, &acc);
	struct case_page cp;
	int rc = case_list(req->db, req->arena, &acc, stage, 0, before ? strtoll(before, NULL, 10) : 0,
			   PAGE_ROWS, &cp);
	struct ward *wards;
	size_t nw;
	if (rc || (rc = directory_wards(req->db, req->arena, &wards, &nw)) ||
	    (rc = page_audit_read(req, "case.list", "case", NULL)))
		return rc;
	page_begin(req, N_("Cases"));
	html_lit(h, "<form method=\"get\" action=\"/cases\" class=\"search\">");
	html_printf(h, "<div class=\"field\"><label for=\"s-stage\">%s</label><select id=\"s-stage\" name=\"stage\">",
		    T(req, "Stage"));
	html_option(h, "", T(req, "All stages"), !stage || !*stage);
	page_code_options(req, case_stages, stage);
	html_printf(h, "</select></div><button class=\"primary\">%s</button></form>", T(req, "Show"));
	if (cp.n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No cases to show."));
		page_end(req);
		return 0;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Case"), T(req, "Person"), T(req, "Ward"), T(req, "Stage"), T(req, "Lead organisation"),
		    T(req, "Opened"));
	/* A peer supporter's list shows no more than their minimal case view (case_peer.c): the
	 * name, not the reading or the ward. */
	bool minimal = acc.role == ROLE_PEER;
	for (size_t i = 0; i < cp.n; i++) {
		const struct support_case *c = &cp.v[i];
		html_printf(h, "<tr><td><a href=\"/cases/%" PRId64 "\">#%" PRId64 "</a></td><td>%s<br><span class=\"hint\">%s</span></td>"
			       "<td>%s</td><td>%s</td><td>%s</td><td>",
			    c->id, c->id, c->person_name, minimal ? "" : c->person_kana,
			    minimal ? "" : ward_name(wards, nw, c->ward_code),
			    T(req, code_label(case_stages, c->stage)), c->lead_org_name);
		page_date(req, c->opened_on);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
	if (cp.more) {
		html_lit(h, "<p class=\"pager\"><a rel=\"next\" href=\"/cases?stage=");
		html_url_arg(h, stage);
		html_printf(h, "&amp;before=%" PRId64 "\">%s</a></p>", cp.last_id, T(req, "Next page"));
	}
	page_end(req);
	return 0;
}

/* ---- the case page, section by section ---- */

/* Everything the page shows, read before anything is written out (and before the audit row). */
struct case_view {
	struct support_case c;             /* the case */
	struct case_team_member *team;     /* its care team, present members first */
	size_t nteam;                      /* how many */
	struct case_consent *consents;     /* newest first */
	size_t nconsents;                  /* how many */
	struct admission *admissions;      /* the person's, newest first */
	size_t nadmissions;                /* how many */
	struct case_follow_up *follow_ups; /* by due date */
	size_t nfollow_ups;                /* how many */
	struct case_event *events;         /* newest first */
	size_t nevents;                    /* how many */
	struct ward *wards;                /* the municipality's, for names */
	size_t nwards;                     /* how many */
	const char *today;                 /* in Japan */
	const char *base;                  /* "/cases/<id>" */
	bool manage;                       /* the user may manage it (page_case_manage) */
};

void case_done_notice(struct request *req)
{
	static const struct {
		const char *code;  /* ?done= value */
		const char *msgid; /* what it says */
	} done[] = {
		{ "opened", N_("The case was opened.") },
		{ "stage", N_("The stage was changed.") },
		{ "team", N_("The organisation joined the care team.") },
		{ "team_removed", N_("The organisation left the care team.") },
		{ "consent", N_("The consent was recorded.") },
		{ "consent_revoked", N_("The consent was revoked: sharing under it ended now.") },
		{ "discharge", N_("The discharge was recorded and the follow-ups were scheduled.") },
		{ "follow_up", N_("The follow-up was recorded.") },
		{ "service", N_("The service period was added.") },
		{ "service_extended", N_("The service period was extended.") },
		{ "record", N_("The support record was added.") },
		{ "goal", N_("The goal was set.") },
		{ "goal_reviewed", N_("The goal's review was recorded.") },
	};
	const char *code = request_query(req, "done");
	for (size_t i = 0; code && i < sizeof done / sizeof done[0]; i++)
		if (strcmp(code, done[i].code) == 0)
			page_notice(req, "ok", done[i].msgid);
}

static void summary(struct request *req, const struct case_view *v)
{
	struct strbuf *h = &req->out;
	const struct support_case *c = &v->c;
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd><a href=\"/persons/%" PRId64 "\">%s</a>"
		       " <span class=\"hint\">%s</span></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
		    T(req, "Person"), c->person_id, c->person_name, c->person_kana, T(req, "Ward"),
		    ward_name(v->wards, v->nwards, c->ward_code), T(req, "Lead organisation"), c->lead_org_name,
		    T(req, "Opened"));
	page_date(req, c->opened_on);
	html_printf(h, "</dd><dt>%s</dt><dd><strong>%s</strong>", T(req, "Stage"),
		    T(req, code_label(case_stages, c->stage)));
	if (c->close_reason) {
		struct punct p = punct_of(req);
		html_printf(h, "%s%s%s", p.open, T(req, code_label(case_close_reasons, c->close_reason)), p.comma);
		page_date(req, c->closed_on);
		html_text(h, p.close);
	}
	html_lit(h, "</dd></dl>");
}

static void stage_section(struct request *req, const struct case_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	const char *from = v->c.stage;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"stage\"><h2 id=\"stage\">%s</h2>", T(req, "Stage"));
	/* The machine in order, the current stage marked. */
	html_lit(h, "<ol class=\"stages\">");
	for (const struct code *s = case_stages; s->code; s++) {
		bool here = strcmp(s->code, from) == 0;
		if (here)
			html_lit(h, "<li aria-current=\"step\" class=\"here\">");
		else
			html_lit(h, "<li>");
		html_printf(h, "%s</li>", T(req, s->label));
	}
	html_lit(h, "</ol>");
	bool any_reason = false;
	for (const struct code *r = case_close_reasons; r->code; r++)
		any_reason |= case_transition_allowed(from, "closed", r->code);
	if (!v->manage || !any_reason) {
		html_lit(h, "</section>");
		return;
	}
	/* Only the moves the machine allows are offered; discharge has its own form below. */
	page_form_error(req, f, "stage");
	html_form_open(h, arena_printf(req->arena, "%s/stage", v->base), req->session.csrf);
	const char *chosen = page_form_value(req, f, "stage", "stage", NULL);
	page_select_open(req, f, "stage", "stage", N_("Move to"));
	for (const struct code *s = case_stages; s->code; s++) {
		if (strcmp(s->code, "discharged") == 0)
			continue;
		if (strcmp(s->code, "closed") == 0 ? any_reason : case_transition_allowed(from, s->code, NULL))
			html_option(h, s->code, T(req, s->label), chosen && strcmp(chosen, s->code) == 0);
	}
	html_lit(h, "</select></div>");
	page_select_open(req, f, "stage", "close_reason", N_("Reason for closing (only when closing)"));
	const char *reason = page_form_value(req, f, "stage", "close_reason", "");
	html_option(h, "", "—", !*reason);
	for (const struct code *r = case_close_reasons; r->code; r++)
		if (case_transition_allowed(from, "closed", r->code))
			html_option(h, r->code, T(req, r->label), strcmp(reason, r->code) == 0);
	html_lit(h, "</select></div>");
	page_input(req, f, "stage", "changed_on", N_("Changed on"), "date",
		   page_form_value(req, f, "stage", "changed_on", v->today), true);
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Change the stage"));
}

/* Organisations that may join a care team: active ones, never an estate agent (agents see no case). */
static void team_org_options(struct request *req, int64_t selected)
{
	struct organisation *o;
	size_t n = 0;
	if (directory_orgs(req->db, req->arena, &o, &n))
		return;
	for (size_t i = 0; i < n; i++)
		if (o[i].active && strcmp(o[i].sector, "housing") != 0)
			html_option(&req->out, page_id(req, o[i].id), o[i].name, o[i].id == selected);
}

static void team_section(struct request *req, const struct case_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	/* A closed case keeps its team as it was. */
	bool manage = v->manage && strcmp(v->c.stage, "closed") != 0;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"team\"><h2 id=\"team\">%s</h2>", T(req, "Care team"));
	page_form_error(req, f, "team_remove");
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		    T(req, "Organisation"), T(req, "Sector"), T(req, "Role on the team"), T(req, "Joined"), T(req, "Left"));
	if (manage)
		html_printf(h, "<th scope=\"col\">%s</th>", T(req, "Actions"));
	html_lit(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < v->nteam; i++) {
		const struct case_team_member *m = &v->team[i];
		html_printf(h, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", m->organisation_name,
			    T(req, code_label(directory_sectors, m->sector)),
			    T(req, code_label(case_team_roles, m->team_role)));
		page_date(req, m->added_on);
		html_lit(h, "</td><td>");
		if (m->removed_on)
			page_date(req, m->removed_on);
		if (manage) {
			html_lit(h, "</td><td class=\"actions\">");
			if (!m->removed_on && m->organisation_id != v->c.lead_org_id) {
				html_form_open(h, arena_printf(req->arena, "%s/team/remove", v->base), req->session.csrf);
				html_hidden(h, "member_id", page_id(req, m->id));
				html_hidden(h, "removed_on", v->today);
				html_printf(h, "<button class=\"secondary\">%s<span class=\"vh\"> %s</span></button></form>",
					    T(req, "Remove"), m->organisation_name);
			}
		}
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
	if (manage) {
		html_printf(h, "<h3>%s</h3>", T(req, "Add an organisation to the team"));
		page_form_error(req, f, "team");
		html_form_open(h, arena_printf(req->arena, "%s/team", v->base), req->session.csrf);
		page_select_open(req, f, "team", "organisation_id", N_("Organisation"));
		const char *org = page_form_value(req, f, "team", "organisation_id", NULL);
		team_org_options(req, org ? strtoll(org, NULL, 10) : 0);
		html_lit(h, "</select></div>");
		page_select_open(req, f, "team", "team_role", N_("Role on the team"));
		page_code_options(req, case_team_roles, page_form_value(req, f, "team", "team_role", NULL));
		html_lit(h, "</select></div>");
		page_input(req, f, "team", "added_on", N_("Joined"), "date",
			   page_form_value(req, f, "team", "added_on", v->today), true);
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Add"));
	} else { /* a member posted to a closed case anyway: the domain's refusal */
		page_form_error(req, f, "team");
	}
	html_lit(h, "</section>");
}

static void consent_section(struct request *req, const struct case_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	bool manage = v->manage;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"consents\"><h2 id=\"consents\">%s</h2>", T(req, "Consents"));
	page_form_error(req, f, "consent_revoke");
	if (v->nconsents == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No consent recorded: the case is shared with its care team only."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
			    T(req, "Shared with"), T(req, "Given"), T(req, "Until"), T(req, "Revoked"), T(req, "Status"));
		if (manage)
			html_printf(h, "<th scope=\"col\">%s</th>", T(req, "Actions"));
		html_lit(h, "</tr></thead><tbody>");
		for (size_t i = 0; i < v->nconsents; i++) {
			const struct case_consent *k = &v->consents[i];
			html_printf(h, "<tr><td>%s</td><td>", T(req, code_label(case_consent_scopes, k->scope)));
			page_date(req, k->granted_on);
			html_lit(h, "</td><td>");
			if (k->expires_on)
				page_date(req, k->expires_on);
			else
				html_text(h, T(req, "No end date"));
			html_lit(h, "</td><td>");
			if (k->revoked_on)
				page_date(req, k->revoked_on);
			html_printf(h, "</td><td>%s", T(req, k->in_force ? N_("In force") : N_("Not in force")));
			if (manage) {
				html_lit(h, "</td><td class=\"actions\">");
				if (!k->revoked_on) {
					html_form_open(h, arena_printf(req->arena, "%s/consents/revoke", v->base), req->session.csrf);
					html_hidden(h, "consent_id", page_id(req, k->id));
					html_hidden(h, "revoked_on", v->today);
					html_printf(h, "<button class=\"secondary\">%s</button></form>", T(req, "Revoke"));
				}
			}
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	}
	/* A consent can be withdrawn at any time, but a closed case takes no new one. */
	if (manage && strcmp(v->c.stage, "closed") != 0) {
		html_printf(h, "<h3>%s</h3>", T(req, "Record a consent"));
		page_form_error(req, f, "consent");
		html_form_open(h, arena_printf(req->arena, "%s/consents", v->base), req->session.csrf);
		page_select_open(req, f, "consent", "scope", N_("Shared with"));
		page_code_options(req, case_consent_scopes, page_form_value(req, f, "consent", "scope", NULL));
		html_lit(h, "</select></div>");
		page_input(req, f, "consent", "granted_on", N_("Given"), "date",
			   page_form_value(req, f, "consent", "granted_on", v->today), true);
		page_input(req, f, "consent", "expires_on", N_("Until (optional)"), "date",
			   page_form_value(req, f, "consent", "expires_on", ""), false);
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Record"));
	} else { /* a consent posted to a closed case anyway: the domain's refusal */
		page_form_error(req, f, "consent");
	}
	html_lit(h, "</section>");
}

static void admission_section(struct request *req, const struct case_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"admissions\"><h2 id=\"admissions\">%s</h2>",
		    T(req, "Admissions"));
	if (v->nadmissions == 0)
		html_printf(h, "<p>%s</p>", T(req, "No admissions recorded."));
	else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Hospital"), T(req, "Admitted"), T(req, "Type of admission"), T(req, "Discharged"),
			    T(req, "Discharged to"));
		for (size_t i = 0; i < v->nadmissions; i++) {
			const struct admission *ad = &v->admissions[i];
			html_printf(h, "<tr><td>%s</td><td>", ad->hospital_name);
			page_date(req, ad->admitted_on);
			html_printf(h, "</td><td>%s</td><td>", T(req, code_label(admission_types, ad->admission_type)));
			if (ad->discharged_on)
				page_date(req, ad->discharged_on);
			else
				html_text(h, T(req, "In hospital"));
			html_printf(h, "</td><td>%s</td></tr>",
				    ad->discharge_destination
					    ? T(req, code_label(discharge_destinations, ad->discharge_destination))
					    : "—");
		}
		html_lit(h, "</tbody></table>");
	}
	size_t open = 0;
	for (size_t i = 0; i < v->nadmissions; i++)
		open += v->admissions[i].discharged_on == NULL;
	if (!v->manage || !open || !case_transition_allowed(v->c.stage, "discharged", NULL)) {
		html_lit(h, "</section>");
		return;
	}
	html_printf(h, "<h3>%s</h3><p class=\"hint\">%s</p>", T(req, "Record the discharge"),
		    T(req, "The case moves to discharged and follow-ups are set 1, 3, 6 and 12 months after."));
	page_form_error(req, f, "discharge");
	html_form_open(h, arena_printf(req->arena, "%s/discharge", v->base), req->session.csrf);
	page_select_open(req, f, "discharge", "admission_id", N_("Admission"));
	const char *chosen = page_form_value(req, f, "discharge", "admission_id", NULL);
	for (size_t i = 0; i < v->nadmissions; i++) {
		const struct admission *ad = &v->admissions[i];
		if (ad->discharged_on)
			continue;
		const char *id = page_id(req, ad->id);
		html_printf(h, "<option value=\"%s\"%s>%s %s</option>", id,
			    chosen && strcmp(chosen, id) == 0 ? " selected" : "", ad->hospital_name, ad->admitted_on);
	}
	html_lit(h, "</select></div>");
	page_input(req, f, "discharge", "discharged_on", N_("Discharged"), "date",
		   page_form_value(req, f, "discharge", "discharged_on", v->today), true);
	page_select_open(req, f, "discharge", "discharge_destination", N_("Discharged to"));
	page_code_options(req, discharge_destinations, page_form_value(req, f, "discharge", "discharge_destination", NULL));
	html_printf(h, "</select></div><button class=\"primary\">%s</button></form></section>", T(req, "Record the discharge"));
}

/* "1 month after" … "12 months after": the follow-up's place after the discharge. */
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

static const char *answer(struct request *req, int v)
{
	return v < 0 ? "—" : T(req, v ? N_("Yes") : N_("No"));
}

/* A yes/no question as a pair of radio buttons in a fieldset. */
static void yes_no(struct request *req, const struct page_form *f, const char *field, const char *question)
{
	struct strbuf *h = &req->out;
	const char *v = page_form_value(req, f, "follow_up", field, "");
	html_printf(h, "<fieldset class=\"field\"><legend>%s</legend>", T(req, question));
	html_printf(h, "<label class=\"inline\"><input type=\"radio\" name=\"%s\" value=\"1\" required%s", field,
		    strcmp(v, "1") == 0 ? " checked" : "");
	page_field_state(req, f, "follow_up", field);
	html_printf(h, "> %s</label> <label class=\"inline\"><input type=\"radio\" name=\"%s\" value=\"0\"%s> %s</label></fieldset>",
		    T(req, "Yes"), field, strcmp(v, "0") == 0 ? " checked" : "", T(req, "No"));
}

static void follow_up_section(struct request *req, const struct case_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"follow-ups\"><h2 id=\"follow-ups\">%s</h2>",
		    T(req, "Follow-ups after discharge"));
	if (v->nfollow_ups == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "None yet: they are set when the discharge is recorded."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "When"), T(req, "Due"), T(req, "Done"), T(req, "Living in the community?"),
		    T(req, "Readmitted?"), T(req, "Treatment continuing?"));
	size_t pending = 0;
	for (size_t i = 0; i < v->nfollow_ups; i++) {
		const struct case_follow_up *u = &v->follow_ups[i];
		pending += u->done_on == NULL;
		html_printf(h, "<tr><td>%s</td><td>", months_after(req, u->months));
		page_date(req, u->due_on);
		html_lit(h, "</td><td>");
		if (u->done_on)
			page_date(req, u->done_on);
		html_printf(h, "</td><td>%s</td><td>%s</td><td>%s</td></tr>", answer(req, u->living_in_community),
			    answer(req, u->readmitted), answer(req, u->treatment_continuing));
	}
	html_lit(h, "</tbody></table>");
	if (!page_may(req, "case.follow_up") || !pending) {
		html_lit(h, "</section>");
		return;
	}
	html_printf(h, "<h3>%s</h3>", T(req, "Record a follow-up"));
	page_form_error(req, f, "follow_up");
	html_form_open(h, arena_printf(req->arena, "%s/follow-ups", v->base), req->session.csrf);
	page_select_open(req, f, "follow_up", "follow_up_id", N_("Which follow-up"));
	const char *chosen = page_form_value(req, f, "follow_up", "follow_up_id", NULL);
	for (size_t i = 0; i < v->nfollow_ups; i++) {
		const struct case_follow_up *u = &v->follow_ups[i];
		if (u->done_on)
			continue;
		const char *id = page_id(req, u->id);
		html_printf(h, "<option value=\"%s\"%s>%s%s%s%s</option>", id,
			    chosen && strcmp(chosen, id) == 0 ? " selected" : "", months_after(req, u->months),
			    punct_of(req).open, u->due_on, punct_of(req).close);
	}
	html_lit(h, "</select></div>");
	page_input(req, f, "follow_up", "done_on", N_("Done"), "date",
		   page_form_value(req, f, "follow_up", "done_on", v->today), true);
	yes_no(req, f, "living_in_community", N_("Living in the community?"));
	yes_no(req, f, "readmitted", N_("Readmitted?"));
	yes_no(req, f, "treatment_continuing", N_("Treatment continuing?"));
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Record"));
}

static void timeline_section(struct request *req, const struct case_view *v)
{
	struct strbuf *h = &req->out;
	struct punct p = punct_of(req);
	const char *sep = p.colon;
	html_printf(h, "<section class=\"card\" aria-labelledby=\"timeline\"><h2 id=\"timeline\">%s</h2>", T(req, "Timeline"));
	if (v->nevents == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "Nothing yet."));
		return;
	}
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "On"), T(req, "What happened"));
	for (size_t i = 0; i < v->nevents; i++) {
		const struct case_event *e = &v->events[i];
		html_lit(h, "<tr><td>");
		page_date(req, e->on);
		html_lit(h, "</td><td>");
		if (strcmp(e->kind, "stage") == 0) {
			if (e->detail)
				html_printf(h, "%s%s%s → %s", T(req, "Stage"), sep, T(req, code_label(case_stages, e->detail)),
					    T(req, code_label(case_stages, e->what)));
			else
				html_printf(h, "%s%s%s", T(req, "Case opened"), sep, T(req, code_label(case_stages, e->what)));
		} else if (strcmp(e->kind, "team") == 0 || strcmp(e->kind, "team_left") == 0) {
			html_printf(h, "%s%s%s%s%s%s",
				    T(req, strcmp(e->kind, "team") == 0 ? N_("Joined the care team") : N_("Left the care team")),
				    sep, e->detail ? e->detail : "", p.open, T(req, code_label(case_team_roles, e->what)),
				    p.close);
		} else if (strcmp(e->kind, "consent") == 0 || strcmp(e->kind, "consent_revoked") == 0) {
			html_printf(h, "%s%s%s",
				    T(req, strcmp(e->kind, "consent") == 0 ? N_("Consent given") : N_("Consent revoked")),
				    sep, T(req, code_label(case_consent_scopes, e->what)));
		} else if (strcmp(e->kind, "admission") == 0) {
			html_printf(h, "%s%s%s%s%s%s", T(req, "Admission"), sep, e->detail ? e->detail : "", p.open,
				    T(req, code_label(admission_types, e->what)), p.close);
		} else if (strcmp(e->kind, "follow_up") == 0) {
			html_printf(h, "%s%s%s", T(req, "Follow-up recorded"), sep, months_after(req, atoi(e->what)));
		} else if (strcmp(e->kind, "service") == 0) {
			html_printf(h, "%s%s%s", T(req, "Service started"), sep, T(req, code_label(casework_services, e->what)));
		} else if (strcmp(e->kind, "record") == 0) {
			html_printf(h, "%s%s%s", T(req, "Support record"), sep, T(req, code_label(casework_record_kinds, e->what)));
		} else if (strcmp(e->kind, "goal") == 0) {
			html_text(h, T(req, "Goal set"));
		} else if (strcmp(e->kind, "goal_reviewed") == 0) {
			html_printf(h, "%s%s%s", T(req, "Goal reviewed"), sep, T(req, code_label(casework_goal_statuses, e->what)));
		} else {
			html_text(h, e->kind);
		}
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></section>");
}

int case_page_show(struct request *req, const struct page_form *f)
{
	struct access acc;
	page_access(req, &acc);
	struct case_view v = { .today = acc.today };
	int rc = case_get(req->db, req->arena, &acc, req->id, &v.c);
	if (rc)
		return rc;
	/* Before anything else is read: a peer's page is built from its own short list. */
	if (acc.role == ROLE_PEER)
		return case_peer_show(req, &v.c, acc.today, f);
	if ((rc = page_case_manage(req, &v.c)) == 0)
		v.manage = true;
	else if (rc != ERR_FORBIDDEN)
		return rc;
	if ((rc = case_team(req->db, req->arena, v.c.id, &v.team, &v.nteam)) ||
	    (rc = case_consents(req->db, req->arena, v.c.id, acc.today, &v.consents, &v.nconsents)) ||
	    (rc = admission_list(req->db, req->arena, v.c.person_id, &v.admissions, &v.nadmissions)) ||
	    (rc = case_follow_ups(req->db, req->arena, v.c.id, &v.follow_ups, &v.nfollow_ups)) ||
	    (rc = case_timeline(req->db, req->arena, v.c.id, &v.events, &v.nevents)) ||
	    (rc = directory_wards(req->db, req->arena, &v.wards, &v.nwards)) ||
	    (rc = page_audit_read(req, "case.read", "case", page_id(req, v.c.id))))
		return rc;
	v.base = arena_printf(req->arena, "/cases/%" PRId64, v.c.id);
	page_begin(req, N_("Support case"));
	case_done_notice(req);
	summary(req, &v);
	stage_section(req, &v, f);
	team_section(req, &v, f);
	if ((rc = case_services_section(req, &v.c, v.today, v.manage, f)) ||
	    (rc = case_records_section(req, &v.c, v.today, true, f)) ||
	    (rc = case_goals_section(req, &v.c, v.today, v.manage, f)))
		return rc;
	consent_section(req, &v, f);
	admission_section(req, &v, f);
	follow_up_section(req, &v, f);
	if (page_may(req, "stay.view") && (rc = stays_case_section(req, &v.c)))
		return rc;
	if (page_may(req, "housing.request") && (rc = housing_case_section(req, &v.c)))
		return rc;
	if (page_may(req, "peer.assign") && (rc = peers_case_section(req, &v.c)))
		return rc;
	timeline_section(req, &v);
	html_printf(&req->out, "<p><a href=\"/cases\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int case_page(struct request *req)
{
	return case_page_show(req, NULL);
}
