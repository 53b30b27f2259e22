/*
 * peers — peer support on screen (the registry is peer_registry.c): the case page's section that
 * assigns a peer supporter under the peer_support consent and logs activity, and the peer
 * supporter's own dashboard card — their
 * open assignments with the person's given name, the hours this month and the activity form. The
 * rules live in domain/peer.c; this file decides who may act on which assignment and brings a
 * refused form back with what was typed.
 *
 * Who acts on an assignment: the city on any; a counsellor only when their organisation carries
 * the case (page_case_manage) — a case they cannot see is 404, one they see but do not carry 403;
 * a peer supporter logs activity only on their own assignments (the supporter whose login they
 * are): any other assignment is 404, as if it did not exist. A peer never reaches the full case
 * page (case_peer.c), and their card shows no birth date, diagnosis or hospital: the given name and
 * the link to their minimal case view only.
 *
 * Pages that show a person's name record the read in the audit log first (peer.read); changes
 * are audited with the supporter's or the assignment's id only, never a name or a note.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/access.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/peer.h"
#include "domain/user.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* How many activities of an assignment the case page lists, newest first. */
enum { ACTIVITIES_SHOWN = 5 };

static const struct code done_notices[] = {
	{ "peer_assigned", N_("The peer supporter was assigned."), NULL },
	{ "peer_ended", N_("The assignment was ended."), NULL },
	{ "peer_activity", N_("The activity was logged."), NULL },
	{ NULL, NULL, NULL },
};

/* ---- the activity form, on the case page and the peer's dashboard ---- */

static void activity_form(struct request *req, const struct peer_assignment *s, const char *today,
			  const struct page_form *f)
{
	struct strbuf *h = &req->out;
	const char *form = arena_printf(req->arena, "activity-%" PRId64, s->id);
	page_form_error(req, f, form);
	html_form_open(h, arena_printf(req->arena, "/peer-assignments/%" PRId64 "/activities", s->id), req->session.csrf);
	page_input(req, f, form, "done_on", N_("Day"), "date", page_form_value(req, f, form, "done_on", today), true);
	page_select_open(req, f, form, "kind", N_("Kind of activity"));
	page_code_options(req, peer_activity_kinds, page_form_value(req, f, form, "kind", "visit"));
	html_lit(h, "</select></div>");
	page_input(req, f, form, "minutes", N_("Time in minutes"), "number",
		   page_form_value(req, f, form, "minutes", "60"), true);
	page_input(req, f, form, "note", N_("Short note (optional; no diagnoses)"), "text",
		   page_form_value(req, f, form, "note", ""), false);
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Log the activity"));
}

/* ---- the case page's section ---- */

static void activity_list(struct request *req, const struct peer_activity *v, size_t n)
{
	struct strbuf *h = &req->out;
	if (!n)
		return;
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Day"), T(req, "Activity"), T(req, "Time"), T(req, "Note"));
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr>");
		page_date_cell(req, v[i].done_on);
		html_printf(h, "<td>%s</td><td class=\"num\">%s</td><td>%s</td></tr>",
			    T(req, code_label(peer_activity_kinds, v[i].kind)), page_minutes_text(req, v[i].minutes),
			    v[i].note ? v[i].note : "");
	}
	html_lit(h, "</tbody></table>");
}

/* The active supporters whose group is on the care team: the only ones an assignment takes. */
static void assign_form(struct request *req, const struct support_case *c, const char *today,
			const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct peer_supporter *p;
	struct case_team_member *team;
	size_t np = 0, nt = 0;
	if (peer_list(req->db, req->arena, &p, &np) || case_team(req->db, req->arena, c->id, &team, &nt))
		return;
	html_printf(h, "<h3>%s</h3>", T(req, "Assign a peer supporter"));
	page_form_error(req, f, "assign");
	const char *chosen = page_form_value(req, f, "assign", "peer_id", "");
	bool any = false;
	for (size_t i = 0; i < np; i++) {
		bool on = false;
		for (size_t k = 0; k < nt; k++)
			on |= !team[k].removed_on && p[i].organisation_id && team[k].organisation_id == p[i].organisation_id;
		if (!p[i].active || !on)
			continue;
		if (!any) {
			html_form_open(h, arena_printf(req->arena, "/cases/%" PRId64 "/peers", c->id), req->session.csrf);
			page_select_open(req, f, "assign", "peer_id", N_("Peer supporter"));
		}
		any = true;
		const char *id = page_id(req, p[i].id);
		html_option(h, id, arena_printf(req->arena, "%s（%s）", p[i].name, T(req, code_label(peer_levels, p[i].level))),
			    strcmp(chosen, id) == 0);
	}
	if (!any) {
		html_printf(h, "<p class=\"hint\">%s</p>",
			    T(req, "No active peer supporter's group is on the care team: add the peer group to the care team first."));
		return;
	}
	html_lit(h, "</select></div>");
	page_input(req, f, "assign", "from_on", N_("From"), "date", page_form_value(req, f, "assign", "from_on", today), true);
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form>",
		    T(req, "Only supporters whose peer group is on the care team are listed: they see the case's minimal view while the consent is in force."),
		    T(req, "Assign"));
}

static int case_section(struct request *req, const struct support_case *c, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct access acc;
	page_access(req, &acc);
	struct peer_assignment *v;
	struct case_consent *k;
	size_t n, nk;
	int rc = peer_assignments_of_case(req->db, req->arena, c->id, &v, &n);
	if (rc || (rc = case_consents(req->db, req->arena, c->id, acc.today, &k, &nk)))
		return rc;
	rc = page_case_manage(req, c);
	if (rc && rc != ERR_FORBIDDEN)
		return rc;
	bool manage = rc == 0, consent = case_consent_in_force(k, nk, "peer_support");
	html_printf(h, "<section class=\"card\" aria-labelledby=\"peers\"><h2 id=\"peers\">%s</h2>", T(req, "Peer support for this case"));
	const char *done = request_query(req, "done");
	if (done && strncmp(done, "peer_", 5) == 0)
		page_done_notice(req, done_notices);
	if (!consent)
		html_printf(h, "<p class=\"notice info\">%s</p>",
			    T(req, "The person's consent to peer support is not in force: no peer supporter can be assigned and no activity logged."));
	page_form_error(req, f, "end");
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No peer supporter assigned."));
	for (size_t i = 0; i < n; i++) {
		const struct peer_assignment *s = &v[i];
		html_printf(h, "<h3>%s</h3><p>", s->peer_name);
		page_date(req, s->from_on);
		html_lit(h, " – ");
		if (s->until_on)
			page_date(req, s->until_on);
		else
			html_text(h, T(req, "(continuing)"));
		html_printf(h, " ・ %s %s</p>", T(req, "Total"), page_minutes_text(req, s->minutes));
		struct peer_activity *act;
		size_t na;
		if ((rc = peer_activities(req->db, req->arena, s->id, ACTIVITIES_SHOWN, &act, &na)))
			return rc;
		activity_list(req, act, na);
		if (!manage)
			continue;
		const char *form = arena_printf(req->arena, "activity-%" PRId64, s->id);
		if (!consent) /* the form is gone; its refusal is still said */
			page_form_error(req, f, form);
		if (!s->until_on) {
			html_form_open(h, arena_printf(req->arena, "/peer-assignments/%" PRId64 "/end", s->id), req->session.csrf);
			html_printf(h, "<button class=\"secondary\">%s</button></form>", T(req, "End the assignment today"));
		}
		if (consent) {
			html_printf(h, "<details%s><summary>%s</summary>", page_form_is(f, form) ? " open" : "",
				    T(req, "Log an activity"));
			activity_form(req, s, acc.today, f);
			html_lit(h, "</details>");
		}
	}
	if (manage && consent)
		assign_form(req, c, acc.today, f);
	else if (manage)
		page_form_error(req, f, "assign");
	html_lit(h, "</section>");
	return 0;
}

int peers_case_section(struct request *req, const struct support_case *c)
{
	return case_section(req, c, NULL);
}

/* The section alone on a page, after a refused change from it. */
static int case_peers_show(struct request *req, const struct support_case *c, const struct page_form *f)
{
	page_begin(req, N_("Peer support of the case"));
	html_printf(&req->out, "<p><a href=\"/cases/%" PRId64 "\">%s</a> ・ %s</p>", c->id, c->person_name,
		    T(req, code_label(case_stages, c->stage)));
	int rc = case_section(req, c, f);
	if (rc)
		return rc;
	page_end(req);
	return 0;
}

/* ---- changes from the case page ---- */

/* The case case_id as the user may change its peer support: ERR_NOTFOUND unless they see it,
 * ERR_FORBIDDEN unless their organisation carries it (the city always does). */
static int carried_case(struct request *req, int64_t case_id, struct support_case *c)
{
	struct access acc;
	page_access(req, &acc);
	int rc = case_get(req->db, req->arena, &acc, case_id, c);
	return rc ? rc : page_case_manage(req, c);
}

struct assignment_change {
	struct page_form f;       /* the form; the field at fault and why, when refused */
	struct peer_assignment s; /* the assignment made, or the one acted on */
	struct peer_activity act; /* an activity to log */
	struct support_case c;    /* its case, once loaded */
	bool peer;                /* the user is the assignment's own peer supporter */
};

static int assign_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct assignment_change *k = ctx;
	struct access acc;
	page_access(req, &acc);
	int rc = carried_case(req, req->id, &k->c);
	if (rc || (rc = peer_assignment_add(req->db, req->arena, &k->s, acc.today, &k->f.field, &k->f.msg)))
		return rc;
	ae->object_id = page_id(req, k->s.id);
	return 0;
}

/* Answers a change from the case's section: back to the case page, or the section on its own
 * page with the form re-shown after a refusal. */
static int case_answer(struct request *req, int rc, struct assignment_change *k, const char *action,
		       const char *object, const char *done)
{
	if (rc == ERR_FORBIDDEN)
		page_audit_refused(req, action, object, page_id(req, req->id));
	if (k->c.id && page_refused(req, rc, &k->f)) {
		int read = page_audit_read(req, "peer.read", "case", page_id(req, k->c.id));
		return read ? read : case_peers_show(req, &k->c, &k->f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/cases/%" PRId64 "?done=%s#peers", k->c.id, done));
}

int peer_assign(struct request *req)
{
	struct assignment_change k = { .f = { .name = "assign" }, .s = {
		.peer_id = page_form_id(req, "peer_id"),
		.case_id = req->id,
		.from_on = (char *)request_form(req, "from_on"),
	} };
	int rc = page_write(req, assign_run, &k, "peer.assign", "peer_assignment", NULL);
	return case_answer(req, rc, &k, "peer.assign", "case", "peer_assigned");
}

static int end_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct assignment_change *k = ctx;
	struct access acc;
	page_access(req, &acc);
	int rc = peer_assignment_get(req->db, req->arena, req->id, &k->s);
	if (rc || (rc = carried_case(req, k->s.case_id, &k->c)))
		return rc;
	return peer_assignment_close(req->db, req->arena, req->id, acc.today, &k->f.field, &k->f.msg);
}

int peer_assignment_end(struct request *req)
{
	struct assignment_change k = { .f = { .name = "end" } };
	int rc = page_write(req, end_run, &k, "peer.end", "peer_assignment", page_id(req, req->id));
	return case_answer(req, rc, &k, "peer.end", "peer_assignment", "peer_ended");
}

/* ---- activity: the case's carriers and the peer supporter themself ---- */

static int activity_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct assignment_change *k = ctx;
	struct access acc;
	page_access(req, &acc);
	int rc = peer_assignment_get(req->db, req->arena, req->id, &k->s);
	if (rc)
		return rc;
	if (policy_scope(acc.role, "peer.log") == SCOPE_SELF) {
		/* Only their own: anyone else's assignment does not exist for them. */
		if (k->s.peer_user_id != acc.user_id)
			return ERR_NOTFOUND;
		k->peer = true;
	} else if ((rc = carried_case(req, k->s.case_id, &k->c))) {
		return rc;
	}
	k->act.assignment_id = k->s.id;
	if ((rc = peer_activity_log(req->db, req->arena, &k->act, acc.user_id, acc.today, &k->f.field, &k->f.msg)))
		return rc;
	ae->object_id = page_id(req, k->act.id);
	return 0;
}

/* The peer supporter's refused activity: the form again, on its own page, with no more of the
 * case than their card shows. */
static int own_activity_show(struct request *req, const struct assignment_change *k)
{
	struct access acc;
	page_access(req, &acc);
	struct peer_supporter me;
	struct peer_assignment *v;
	size_t n;
	int rc = peer_by_user(req->db, req->arena, acc.user_id, &me);
	if (rc || (rc = peer_assignments_of_peer(req->db, req->arena, &acc, me.id, false, &v, &n)))
		return rc;
	const struct peer_assignment *s = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == k->s.id)
			s = &v[i];
	if (!s)
		return ERR_NOTFOUND;
	if (s->visible && (rc = page_audit_read(req, "peer.read", "peer_assignment", page_id(req, s->id))))
		return rc;
	page_begin(req, N_("Log peer activity"));
	if (s->visible)
		html_printf(&req->out, "<p><a href=\"/cases/%" PRId64 "\">%s</a></p>", s->case_id, s->given_name);
	activity_form(req, s, acc.today, &k->f);
	html_printf(&req->out, "<p><a href=\"/\">%s</a></p>", T(req, "Back to the dashboard"));
	page_end(req);
	return 0;
}

int peer_activity_add(struct request *req)
{
	struct assignment_change k = { .act = {
		.done_on = (char *)request_form(req, "done_on"),
		.kind = (char *)request_form(req, "kind"),
		.minutes = page_form_number(req, "minutes", -1),
		.note = (char *)request_form(req, "note"),
	} };
	k.f.name = arena_printf(req->arena, "activity-%" PRId64, req->id);
	int rc = page_write(req, activity_run, &k, "peer.activity", "peer_activity", NULL);
	if (!k.peer)
		return case_answer(req, rc, &k, "peer.activity", "peer_assignment", "peer_activity");
	if (page_refused(req, rc, &k.f))
		return own_activity_show(req, &k);
	return rc ? rc : request_redirect(req, "/?done=peer_activity#my-peer-work");
}

/* ---- the peer supporter's dashboard card ---- */

int peers_home_section(struct request *req)
{
	struct strbuf *h = &req->out;
	if (policy_scope(req->session.user.role, "peer.log") != SCOPE_SELF)
		return 0;
	struct access acc;
	page_access(req, &acc);
	struct peer_supporter me;
	int rc = peer_by_user(req->db, req->arena, acc.user_id, &me);
	if (rc == ERR_NOTFOUND)
		return 0; /* not in the registry: nothing to show */
	struct peer_assignment *v;
	size_t n;
	int month = 0;
	struct date today = date_today();
	char first[11];
	date_format_iso((struct date){ today.year, today.month, 1 }, first);
	if (rc || (rc = peer_assignments_of_peer(req->db, req->arena, &acc, me.id, true, &v, &n)) ||
	    (rc = peer_minutes(req->db, req->arena, me.id, first, acc.today, &month)))
		return rc;
	bool names = false;
	for (size_t i = 0; i < n; i++)
		names |= v[i].visible;
	if (names && (rc = page_audit_read(req, "peer.read", "peer_supporter", page_id(req, me.id))))
		return rc;
	html_printf(h, "<section class=\"card\" id=\"my-peer-work\"><h2>%s</h2>", T(req, "My peer support"));
	const char *done = request_query(req, "done");
	if (done && strcmp(done, "peer_activity") == 0)
		page_done_notice(req, done_notices);
	html_printf(h, "<p>%s <strong>%s</strong></p>", T(req, "This month:"), page_minutes_text(req, month));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No assignments now."));
	for (size_t i = 0; i < n; i++) {
		const struct peer_assignment *s = &v[i];
		if (!s->visible) {
			html_printf(h, "<p class=\"hint\">%s</p>",
				    T(req, "An assignment whose consent is not in force now: ask the counsellor."));
			continue;
		}
		html_printf(h, "<h3><a href=\"/cases/%" PRId64 "\">%s</a></h3><p>%s ", s->case_id, s->given_name, T(req, "Since"));
		page_date(req, s->from_on);
		html_printf(h, " ・ %s %s</p>", T(req, "Total"), page_minutes_text(req, s->minutes));
		html_printf(h, "<details><summary>%s</summary>", T(req, "Log an activity"));
		activity_form(req, s, acc.today, NULL);
		html_lit(h, "</details>");
	}
	html_lit(h, "</section>");
	return 0;
}
