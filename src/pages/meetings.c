/*
 * meetings — the consultation forum and its groups on screen: the list of coming and past meetings
 * (/meetings), the form for a meeting or a monthly series, one meeting's page (details, who came
 * with the totals by sector, the cases reviewed, the minutes and the action items, each with its
 * form for those who keep meetings), its printout, and the action items on the dashboard of the
 * organisation that owns them. The rules live in domain/meeting.c.
 *
 * Every staff role reads meetings (policy meeting.view). A reviewed case's person, discussion and
 * decision are filled by the domain only for those who may see the case; everyone else reads that
 * a case was reviewed — and, on the printout, the person's initials. A page that shows a case's
 * name records the read in the audit log first (meeting.read, meeting.print), with the meeting's id.
 * Changes are audited with the meeting's (or the action item's) id only, never a name or a text.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "domain/meeting.h"
#include "error.h"
#include "meeting_view.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct code done_notices[] = {
	{ "created", N_("The meeting was scheduled."), NULL },
	{ "series", N_("The monthly series was scheduled."), NULL },
	{ "saved", N_("The meeting was saved."), NULL },
	{ "attendance", N_("The attendance was recorded."), NULL },
	{ "attendance_removed", N_("The attendance row was removed."), NULL },
	{ "case", N_("The reviewed case was recorded."), NULL },
	{ "action", N_("The action item was added."), NULL },
	{ "action_done", N_("The action item was marked done."), NULL },
	{ NULL, NULL, NULL },
};

/* True when the user may mark item done: the city any, the others their organisation's. */
bool meeting_may_finish(const struct request *req, const struct action_item *it)
{
	enum scope s = policy_scope(req->session.user.role, "action.done");
	return !it->done_on &&
	       (s == SCOPE_MUNICIPALITY || (s == SCOPE_OWN_ORG && it->owner_org_id == req->session.user.organisation_id));
}

/* "13:30–15:00", "13:30–" or "" */
static const char *time_text(struct request *req, const struct meeting *m)
{
	if (!m->starts_at)
		return "";
	return arena_printf(req->arena, "%s–%s", m->starts_at, m->ends_at ? m->ends_at : "");
}

static const char *ward_text(struct request *req, const struct page_wards *w, const char *code)
{
	return code ? page_ward_name(w, code) : T(req, "City-wide");
}

static const char *flags_text(struct request *req, const struct meeting *m)
{
	if (m->goal_setting && m->evaluation)
		return arena_printf(req->arena, "%s・%s", T(req, "Goal setting"), T(req, "Evaluation"));
	return m->goal_setting ? T(req, "Goal setting") : m->evaluation ? T(req, "Evaluation") : "—";
}

/* A labelled <textarea> in a div.field, marked when at fault. */
static void textarea(struct request *req, const struct page_form *f, const char *form, const char *field,
		     const char *label, const char *value, bool required)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"4\"%s",
		    form, field, T(req, label), form, field, field, required ? " required" : "");
	page_field_state(req, f, form, field);
	html_printf(h, ">%s</textarea></div>", value ? value : "");
}

static void checkbox(struct request *req, const struct page_form *f, const char *form, const char *field,
		     const char *label, bool def)
{
	bool on = page_form_is(f, form) ? request_form(req, field) != NULL : def;
	html_printf(&req->out, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label></div>",
		    field, on ? " checked" : "", T(req, label));
}

/* An organisation <select> of the active ones; blank adds a first empty choice. */
static void org_select(struct request *req, const struct page_form *f, const char *form, const char *field,
		       const char *label, const struct organisation *orgs, size_t n, const char *blank)
{
	struct strbuf *h = &req->out;
	const char *chosen = page_form_value(req, f, form, field, "");
	page_select_open(req, f, form, field, label);
	if (blank)
		html_option(h, "", T(req, blank), !*chosen);
	for (size_t i = 0; i < n; i++)
		if (orgs[i].active)
			html_option(h, page_id(req, orgs[i].id), orgs[i].name, strcmp(chosen, page_id(req, orgs[i].id)) == 0);
	html_lit(h, "</select></div>");
}

/* The fields of a meeting, for the new form and the details form. */
static void meeting_fields(struct request *req, const struct page_form *f, const char *form, const struct meeting *m,
			   const struct page_wards *w, bool minutes)
{
	struct strbuf *h = &req->out;
	page_select_open(req, f, form, "kind", N_("Kind of meeting"));
	page_code_options(req, meeting_kinds, page_form_value(req, f, form, "kind", m->kind));
	html_lit(h, "</select></div>");
	page_input(req, f, form, "title", N_("Meeting title"), "text", page_form_value(req, f, form, "title", m->title), true);
	page_input(req, f, form, "held_on", N_("Day of the meeting"), "date",
		   page_form_value(req, f, form, "held_on", m->held_on), true);
	page_input(req, f, form, "starts_at", N_("Starts at"), "time", page_form_value(req, f, form, "starts_at", m->starts_at),
		   false);
	page_input(req, f, form, "ends_at", N_("Ends at"), "time", page_form_value(req, f, form, "ends_at", m->ends_at), false);
	page_input(req, f, form, "place", N_("Place"), "text", page_form_value(req, f, form, "place", m->place), false);
	const char *ward = page_form_value(req, f, form, "ward_code", m->ward_code ? m->ward_code : "");
	page_select_open(req, f, form, "ward_code", N_("Ward"));
	html_option(h, "", T(req, "City-wide"), !*ward);
	for (size_t i = 0; i < w->n; i++)
		html_option(h, w->v[i].code, w->v[i].name, strcmp(ward, w->v[i].code) == 0);
	html_lit(h, "</select></div>");
	page_select_open(req, f, form, "status", N_("Status"));
	page_code_options(req, meeting_statuses, page_form_value(req, f, form, "status", m->status));
	html_lit(h, "</select></div>");
	checkbox(req, f, form, "goal_setting", N_("The meeting set goals (goal setting)"), m->goal_setting);
	checkbox(req, f, form, "evaluation", N_("The meeting evaluated them (evaluation)"), m->evaluation);
	if (minutes)
		textarea(req, f, form, "minutes", N_("Minutes of the meeting"), page_form_value(req, f, form, "minutes", m->minutes),
			 false);
}

/* The meeting as the form posted it (strings borrowed from the request). */
static struct meeting posted_meeting(const struct request *req)
{
	return (struct meeting){
		.kind = (char *)request_form(req, "kind"),
		.title = (char *)request_form(req, "title"),
		.held_on = (char *)request_form(req, "held_on"),
		.starts_at = (char *)request_form(req, "starts_at"),
		.ends_at = (char *)request_form(req, "ends_at"),
		.place = (char *)request_form(req, "place"),
		.ward_code = (char *)request_form(req, "ward_code"),
		.status = (char *)request_form(req, "status"),
		.goal_setting = request_form(req, "goal_setting") != NULL,
		.evaluation = request_form(req, "evaluation") != NULL,
		.minutes = (char *)request_form(req, "minutes"),
	};
}

/* A whole number typed into field: the number, or -1 when it is not one (the domain refuses it). */
static int posted_count(const struct request *req, const char *field, int empty)
{
	const char *v = request_form(req, field);
	if (!v || !*v)
		return empty;
	if (strlen(v) > 6 || strspn(v, "0123456789") != strlen(v))
		return -1;
	return atoi(v);
}

/* ---- /meetings ---- */

/* One row a meeting in three columns — what, when and where, how it went — so that the table fits
 * a phone without scrolling sideways (a compact table keeps its width there). */
static void meeting_table(struct request *req, const struct meeting *v, size_t n, const struct page_wards *w, bool past)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Meeting title"), T(req, "Day and ward"), T(req, "Status"));
	for (size_t i = 0; i < n; i++) {
		const struct meeting *m = &v[i];
		html_printf(h, "<tr><td><a href=\"/meetings/%" PRId64 "\">%s</a><br><span class=\"hint\">%s</span></td><td>",
			    m->id, m->title, T(req, code_label(meeting_kinds, m->kind)));
		page_date(req, m->held_on);
		html_printf(h, " %s<br><span class=\"hint\">%s</span></td><td>%s", time_text(req, m),
			    ward_text(req, w, m->ward_code), T(req, code_label(meeting_statuses, m->status)));
		if (past && m->heads)
			html_printf(h, "<br><span class=\"hint\">%s</span>",
				    page_fill(req, N_("{n} participants"), "{n}", arena_printf(req->arena, "%d", m->heads), NULL));
		if (past && (m->goal_setting || m->evaluation))
			html_printf(h, "<br><span class=\"hint\">%s</span>", flags_text(req, m));
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

int meetings_page(struct request *req)
{
	struct strbuf *h = &req->out;
	struct access acc;
	page_access(req, &acc);
	const char *kind = request_query(req, "kind");
	if (!code_known(meeting_kinds, kind))
		kind = NULL;
	struct meeting *coming, *past;
	size_t nc, np;
	struct page_wards w;
	int rc = meeting_list(req->db, req->arena, kind, acc.today, true, &coming, &nc);
	if (rc || (rc = meeting_list(req->db, req->arena, kind, acc.today, false, &past, &np)))
		return rc;
	page_wards_load(req, &w);
	page_begin(req, N_("Meetings"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>", T(req, "The consultation forum (協議の場) and its subcommittee, working group, liaison meetings and case conferences."));
	if (page_may(req, "meeting.manage"))
		html_printf(h, "<ul class=\"taps\"><li><a class=\"button primary\" href=\"/meetings/new\">%s</a></li></ul>",
			    T(req, "Schedule a meeting"));
	html_lit(h, "<form method=\"get\" action=\"/meetings\" class=\"search\">");
	html_printf(h, "<div class=\"field\"><label for=\"m-kind\">%s</label><select id=\"m-kind\" name=\"kind\">",
		    T(req, "Kind of meeting"));
	html_option(h, "", T(req, "All kinds"), !kind);
	page_code_options(req, meeting_kinds, kind);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));
	html_printf(h, "<section class=\"card\" id=\"coming\"><h2>%s</h2>", T(req, "Coming meetings"));
	if (nc)
		meeting_table(req, coming, nc, &w, false);
	else
		html_printf(h, "<p>%s</p>", T(req, "No meetings are planned."));
	html_printf(h, "</section><section class=\"card\" id=\"past\"><h2>%s</h2>", T(req, "Past meetings"));
	if (np)
		meeting_table(req, past, np, &w, true);
	else
		html_printf(h, "<p>%s</p>", T(req, "No meetings yet."));
	html_lit(h, "</section>");
	page_end(req);
	return 0;
}

/* ---- a new meeting ---- */

static int new_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct page_wards w;
	page_wards_load(req, &w);
	struct meeting m = { .kind = "working_group", .status = "planned" };
	page_begin(req, N_("Schedule a meeting"));
	page_form_error(req, f, "meeting");
	html_form_open(h, "/meetings", req->session.csrf);
	meeting_fields(req, f, "meeting", &m, &w, false);
	page_input(req, f, "meeting", "repeat", N_("Meetings in the monthly series"), "number",
		   page_form_value(req, f, "meeting", "repeat", "1"), true);
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form>",
		    T(req, "1 for a single meeting. Up to 24 make a monthly series on the same day of each month (on a shorter month's last day when it has no such day); a series is scheduled as planned."),
		    T(req, "Schedule"));
	html_printf(h, "<p><a href=\"/meetings\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int meeting_new_page(struct request *req)
{
	return new_show(req, NULL);
}

struct meeting_change {
	struct access acc;  /* who asks */
	struct page_form f; /* the form; the field at fault and why, when refused */
	struct meeting m;   /* a meeting to store */
	int count;          /* meetings in the series */
	int64_t id;         /* what the change made or touched */
};

static int create_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	int rc = meeting_schedule(req->db, req->arena, &k->m, k->count, k->acc.user_id, k->acc.today, &k->f.field, &k->f.msg);
	if (!rc)
		e->object_id = page_id(req, k->m.id);
	return rc;
}

int meeting_create(struct request *req)
{
	struct meeting_change k = { .f = { .name = "meeting" }, .m = posted_meeting(req),
				    .count = posted_count(req, "repeat", 1) };
	page_access(req, &k.acc);
	int rc = page_write(req, create_run, &k, "meeting.create", "meeting", NULL);
	if (rc == ERR_INVALID) {
		req->status = 400;
		return new_show(req, &k.f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/meetings/%" PRId64 "?done=%s", k.m.id,
						       k.count > 1 ? "series" : "created"));
}

/* ---- one meeting ---- */


int meeting_view_load(struct request *req, int64_t id, struct meeting_view *v)
{
	struct access acc;
	page_access(req, &acc);
	*v = (struct meeting_view){ 0 };
	int rc = meeting_get(req->db, req->arena, id, &v->m);
	if (rc || (rc = meeting_attendance(req->db, req->arena, id, &v->att, &v->natt)) ||
	    (rc = meeting_cases(req->db, req->arena, &acc, id, &v->cases, &v->ncases)) ||
	    (rc = meeting_actions(req->db, req->arena, id, &v->actions, &v->nactions)))
		return rc;
	if (v->m.series_id && (rc = meeting_series(req->db, req->arena, &v->m, &v->series, &v->nseries)))
		return rc;
	v->totals = (struct meeting_totals){ .meetings = 1 };
	meeting_totals_add(&v->totals, v->att, v->natt);
	page_wards_load(req, &v->wards);
	for (size_t i = 0; i < v->ncases; i++)
		v->names |= v->cases[i].visible;
	return 0;
}

static const char *who_text(const struct meeting_attendance *r)
{
	return r->organisation_name ? r->organisation_name : r->label;
}

/* The attendance rows (with remove buttons when manage) and the totals by sector. */
void meeting_attendance_tables(struct request *req, const struct meeting_view *v, bool manage)
{
	struct strbuf *h = &req->out;
	if (!v->natt) {
		html_printf(h, "<p>%s</p>", T(req, "No attendance recorded yet."));
		return;
	}
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\" class=\"num\">%s</th>",
		    T(req, "Organisation or group"), T(req, "Sector"), T(req, "People"));
	if (manage)
		html_printf(h, "<th scope=\"col\">%s</th>", T(req, "Actions"));
	html_lit(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < v->natt; i++) {
		const struct meeting_attendance *r = &v->att[i];
		html_printf(h, "<tr><td>%s</td><td>%s</td><td class=\"num\">%d</td>", who_text(r),
			    T(req, code_label(meeting_sectors, r->sector)), r->head_count);
		if (manage) {
			html_lit(h, "<td class=\"actions\">");
			html_form_open(h, arena_printf(req->arena, "/meetings/%" PRId64 "/attendance/remove", v->m.id),
				       req->session.csrf);
			html_hidden(h, "attendance_id", page_id(req, r->id));
			html_printf(h, "<button class=\"secondary\" aria-label=\"%s\">%s</button></form></td>",
				    page_fill(req, N_("Remove {who}"), "{who}", who_text(r), NULL), T(req, "Remove"));
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table>");
	html_printf(h, "<table class=\"compact\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		    T(req, "Participants by sector"), T(req, "Sector"), T(req, "People"));
	for (int s = 0; s < MEETING_SECTORS; s++)
		html_printf(h, "<tr><td>%s</td><td class=\"num\">%d</td></tr>", T(req, meeting_sectors[s].label),
			    v->totals.heads[s]);
	html_printf(h, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\"><strong>%d</strong></td></tr></tfoot></table>",
		    T(req, "Total"), v->totals.total);
}

/* True when who came and what was discussed can be recorded: not called off, its day has come. */
static bool afterwards(const struct meeting *m, const char *today)
{
	return strcmp(m->status, "cancelled") != 0 && strcmp(m->held_on, today) <= 0;
}

static void attendance_section(struct request *req, const struct meeting_view *v, bool manage, const char *today,
			       const struct organisation *orgs, size_t norgs, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"attendance\"><h2>%s</h2>", T(req, "Attendance"));
	bool form = manage && afterwards(&v->m, today);
	if (!form)
		page_form_error(req, f, "attendance"); /* the meeting changed under the form */
	meeting_attendance_tables(req, v, manage);
	if (form) {
		html_printf(h, "<h3>%s</h3>", T(req, "Record who came"));
		page_form_error(req, f, "attendance");
		html_form_open(h, arena_printf(req->arena, "/meetings/%" PRId64 "/attendance", v->m.id), req->session.csrf);
		org_select(req, f, "attendance", "organisation_id", N_("Attending organisation"), orgs, norgs,
			   N_("— none: a group without an organisation —"));
		page_input(req, f, "attendance", "label", N_("Or a group without an organisation (当事者, 家族 …)"), "text",
			   page_form_value(req, f, "attendance", "label", ""), false);
		page_select_open(req, f, "attendance", "sector", N_("Sector"));
		html_option(h, "", T(req, "— as the organisation's kind suggests —"),
			    !*page_form_value(req, f, "attendance", "sector", ""));
		page_code_options(req, meeting_sectors, page_form_value(req, f, "attendance", "sector", NULL));
		html_lit(h, "</select></div>");
		page_input(req, f, "attendance", "head_count", N_("People"), "number",
			   page_form_value(req, f, "attendance", "head_count", "1"), true);
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Record"));
	} else if (manage) {
		html_printf(h, "<p class=\"hint\">%s</p>", T(req, "Who came is recorded once the meeting has taken place."));
	}
	html_lit(h, "</section>");
}

static void cases_section(struct request *req, const struct meeting_view *v, bool manage, const char *today,
			  const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"cases\"><h2>%s</h2>", T(req, "Reviewed cases"));
	bool form = manage && afterwards(&v->m, today);
	if (!form)
		page_form_error(req, f, "case");
	if (!v->ncases)
		html_printf(h, "<p>%s</p>", T(req, "No cases reviewed."));
	for (size_t i = 0; i < v->ncases; i++) {
		const struct meeting_case *c = &v->cases[i];
		if (!c->visible) {
			html_printf(h, "<article class=\"reviewed\"><h3>%s</h3><p class=\"hint\">%s</p></article>",
				    T(req, "A case you may not see"),
				    T(req, "Its person, discussion and decision are shown only to those who may see the case."));
			continue;
		}
		html_printf(h, "<article class=\"reviewed\"><h3><a href=\"/cases/%" PRId64 "\">#%" PRId64 " %s</a></h3>"
			       "<dl class=\"pairs\"><dt>%s</dt><dd class=\"text\">%s</dd><dt>%s</dt><dd class=\"text\">%s</dd></dl></article>",
			    c->case_id, c->case_id, c->person_name, T(req, "Discussion"), c->discussion, T(req, "Decision"),
			    c->decision ? c->decision : "—");
	}
	if (form) {
		html_printf(h, "<h3>%s</h3>", T(req, "Record a reviewed case"));
		page_form_error(req, f, "case");
		html_form_open(h, arena_printf(req->arena, "/meetings/%" PRId64 "/cases", v->m.id), req->session.csrf);
		page_input(req, f, "case", "case_id", N_("Case number"), "number", page_form_value(req, f, "case", "case_id", ""), true);
		html_printf(h, "<p class=\"hint\">%s</p>", T(req, "The number after # on the case page; only a case you may see."));
		textarea(req, f, "case", "discussion", N_("Discussion"), page_form_value(req, f, "case", "discussion", ""), true);
		textarea(req, f, "case", "decision", N_("Decision"), page_form_value(req, f, "case", "decision", ""), false);
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Record"));
	}
	html_lit(h, "</section>");
}

/* The done button of an action item; back says where to return ("home" or the meeting). */
void meeting_done_button(struct request *req, const struct action_item *it, const char *back, const char *what)
{
	html_form_open(&req->out, arena_printf(req->arena, "/actions/%" PRId64 "/done", it->id), req->session.csrf);
	html_hidden(&req->out, "back", back);
	html_printf(&req->out, "<button class=\"secondary\" aria-label=\"%s\">%s</button></form>",
		    page_fill(req, N_("Mark done: {what}"), "{what}", what, NULL), T(req, "Mark done"));
}

void meeting_due_cell(struct request *req, const struct action_item *it, const char *today)
{
	bool overdue = !it->done_on && strcmp(it->due_on, today) < 0;
	html_lit(&req->out, "<td>");
	page_date(req, it->due_on);
	if (overdue)
		html_printf(&req->out, "%s", T(req, " (overdue)"));
	html_lit(&req->out, "</td>");
}

static void actions_section(struct request *req, const struct meeting_view *v, bool manage, const char *today,
			    const struct organisation *orgs, size_t norgs, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"actions\"><h2>%s</h2>", T(req, "Action items"));
	bool form = manage && strcmp(v->m.status, "cancelled") != 0;
	if (!form)
		page_form_error(req, f, "action");
	if (v->nactions) {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "What to do"), T(req, "Owner"), T(req, "Due"), T(req, "Done on"), T(req, "Actions"));
		for (size_t i = 0; i < v->nactions; i++) {
			const struct action_item *it = &v->actions[i];
			bool overdue = !it->done_on && strcmp(it->due_on, today) < 0;
			page_row_open(req, overdue);
			html_printf(h, "<td class=\"record-text\">%s</td><td>%s</td>", it->body, it->owner_name);
			meeting_due_cell(req, it, today);
			html_lit(h, "<td>");
			page_date(req, it->done_on);
			html_lit(h, "</td><td class=\"actions\">");
			if (meeting_may_finish(req, it))
				meeting_done_button(req, it, "meeting", it->body);
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	} else {
		html_printf(h, "<p>%s</p>", T(req, "No action items."));
	}
	if (form) {
		html_printf(h, "<h3>%s</h3>", T(req, "Add an action item"));
		page_form_error(req, f, "action");
		html_form_open(h, arena_printf(req->arena, "/meetings/%" PRId64 "/actions", v->m.id), req->session.csrf);
		textarea(req, f, "action", "body", N_("What to do"), page_form_value(req, f, "action", "body", ""), true);
		org_select(req, f, "action", "owner_org_id", N_("Owner organisation"), orgs, norgs, NULL);
		page_input(req, f, "action", "due_on", N_("Due"), "date", page_form_value(req, f, "action", "due_on", ""), true);
		html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form>",
			    T(req, "The item shows on the dashboards of the owner organisation's users until one of them marks it done."),
			    T(req, "Add"));
	}
	html_lit(h, "</section>");
}

/* The meeting's particulars as a list of pairs (the page's summary and the printout). */
void meeting_pairs(struct request *req, const struct meeting_view *v)
{
	struct strbuf *h = &req->out;
	const struct meeting *m = &v->m;
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(req, "Kind of meeting"),
		    T(req, code_label(meeting_kinds, m->kind)), T(req, "Day of the meeting"));
	page_date(req, m->held_on);
	html_printf(h, " %s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		    time_text(req, m), T(req, "Place"), m->place ? m->place : "—", T(req, "Ward"),
		    ward_text(req, &v->wards, m->ward_code), T(req, "Status"), T(req, code_label(meeting_statuses, m->status)),
		    T(req, "Goal setting / evaluation"), flags_text(req, m));
}

static void summary(struct request *req, const struct meeting_view *v)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"summary\"><h2>%s</h2>", v->m.title);
	meeting_pairs(req, v);
	if (v->nseries) {
		html_printf(h, "<dt>%s</dt><dd>", T(req, "Other meetings of the series"));
		for (size_t i = 0; i < v->nseries; i++) {
			html_printf(h, "%s<a href=\"/meetings/%" PRId64 "\">", i ? "・" : "", v->series[i].id);
			page_date(req, v->series[i].held_on);
			html_lit(h, "</a>");
		}
		html_lit(h, "</dd>");
	}
	html_printf(h, "</dl><p><a href=\"/meetings/%" PRId64 "/print\">%s</a></p></section>", v->m.id, T(req, "Printout"));
}

static int meeting_show(struct request *req, int64_t id, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct meeting_view v;
	struct access acc;
	page_access(req, &acc);
	int rc = meeting_view_load(req, id, &v);
	bool manage = page_may(req, "meeting.manage");
	struct organisation *orgs = NULL;
	size_t norgs = 0;
	if (rc || (manage && (rc = directory_orgs(req->db, req->arena, &orgs, &norgs))))
		return rc;
	if (v.names && (rc = page_audit_read(req, "meeting.read", "meeting", page_id(req, id))))
		return rc;
	page_begin(req, N_("Forum meeting"));
	page_done_notice(req, done_notices);
	summary(req, &v);
	if (manage) {
		html_printf(h, "<section class=\"card\" id=\"details\"><details%s><summary>%s</summary>",
			    page_form_is(f, "details") ? " open" : "", T(req, "Details, status and minutes"));
		page_form_error(req, f, "details");
		html_form_open(h, arena_printf(req->arena, "/meetings/%" PRId64, id), req->session.csrf);
		meeting_fields(req, f, "details", &v.m, &v.wards, true);
		html_printf(h, "<button class=\"primary\">%s</button></form></details></section>", T(req, "Save"));
	}
	attendance_section(req, &v, manage, acc.today, orgs, norgs, f);
	cases_section(req, &v, manage, acc.today, f);
	if (!manage)
		html_printf(h, "<section class=\"card\" id=\"minutes\"><h2>%s</h2><p class=\"text\">%s</p></section>",
			    T(req, "Minutes of the meeting"), v.m.minutes ? v.m.minutes : T(req, "No minutes yet."));
	actions_section(req, &v, manage, acc.today, orgs, norgs, f);
	html_printf(h, "<p><a href=\"/meetings\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int meeting_page(struct request *req)
{
	return meeting_show(req, req->id, NULL);
}

/* Runs a change of the meeting page's form, audited as action with the meeting's id; a refusal
 * shows the page again with the form kept (status from the error: a case out of sight is 404). */
static int page_change(struct request *req, int (*fn)(struct request *, void *, struct audit_event *),
		       struct meeting_change *k, const char *action, const char *done, const char *anchor)
{
	page_access(req, &k->acc);
	k->id = req->id;
	int rc = page_write(req, fn, k, action, "meeting", page_id(req, req->id));
	if ((rc == ERR_INVALID || rc == ERR_CONFLICT || rc == ERR_NOTFOUND) && k->f.msg) {
		req->status = err_http_status(rc);
		return meeting_show(req, req->id, &k->f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/meetings/%" PRId64 "?done=%s#%s", req->id, done,
						       anchor));
}

static int update_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	k->m = posted_meeting(req);
	k->m.id = k->id;
	return meeting_save(req->db, req->arena, &k->m, k->acc.today, &k->f.field, &k->f.msg);
}

int meeting_update(struct request *req)
{
	struct meeting_change k = { .f = { .name = "details" } };
	return page_change(req, update_run, &k, "meeting.update", "saved", "summary");
}

static int attendance_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	struct meeting_attendance r = {
		.meeting_id = k->id, .organisation_id = page_form_id(req, "organisation_id"),
		.label = (char *)request_form(req, "label"), .sector = (char *)request_form(req, "sector"),
		.head_count = posted_count(req, "head_count", 0),
	};
	return meeting_attendance_record(req->db, req->arena, &r, k->acc.today, &k->f.field, &k->f.msg);
}

int meeting_attendance_add(struct request *req)
{
	struct meeting_change k = { .f = { .name = "attendance" } };
	return page_change(req, attendance_run, &k, "meeting.attendance.add", "attendance", "attendance");
}

static int attendance_remove_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	return meeting_attendance_delete(req->db, req->arena, k->id, page_form_id(req, "attendance_id"));
}

int meeting_attendance_remove(struct request *req)
{
	struct meeting_change k = { .f = { .name = "attendance" } };
	return page_change(req, attendance_remove_run, &k, "meeting.attendance.remove", "attendance_removed", "attendance");
}

static int case_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	const char *typed = request_form(req, "case_id");
	struct meeting_case r = {
		.meeting_id = k->id,
		/* "#12" as the case page writes it is 12 too. */
		.case_id = typed && *typed == '#' ? strtoll(typed + 1, NULL, 10) : page_form_id(req, "case_id"),
		.discussion = (char *)request_form(req, "discussion"),
		.decision = (char *)request_form(req, "decision"),
	};
	return meeting_case_record(req->db, req->arena, &k->acc, &r, &k->f.field, &k->f.msg);
}

int meeting_case_add(struct request *req)
{
	struct meeting_change k = { .f = { .name = "case" } };
	return page_change(req, case_run, &k, "meeting.case.add", "case", "cases");
}

static int action_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct meeting_change *k = ctx;
	struct action_item r = {
		.meeting_id = k->id, .body = (char *)request_form(req, "body"),
		.owner_org_id = page_form_id(req, "owner_org_id"), .due_on = (char *)request_form(req, "due_on"),
	};
	return meeting_action_record(req->db, req->arena, &r, &k->f.field, &k->f.msg);
}

int meeting_action_add(struct request *req)
{
	struct meeting_change k = { .f = { .name = "action" } };
	return page_change(req, action_run, &k, "meeting.action.add", "action", "actions");
}
