/*
 * events — trainings, exchange meetings and awareness events on screen: the events of a fiscal
 * year as cards that read on a phone (/events, filtered by kind), the form for a new one, and one
 * event's page — its details, the form to change them and its status (planned → held, postponed,
 * cancelled with the reason), who came by sector with the totals, and for an agent training the
 * agent firms that attended. The rules live in domain/event.c; this file brings a refused form back
 * with what was typed.
 *
 * Every staff role reads events (policy event.view); the city and the counsellors keep them
 * (event.manage). An agent sees nothing here: only its own firm's trainings, on its dashboard
 * (events_agent_home_section). Events hold no personal data, so reading them is not audited;
 * every change is, with the event's id only.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/agent.h"
#include "domain/directory.h"
#include "domain/event.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct code done_notices[] = {
	{ "created", N_("The event was saved."), NULL },
	{ "saved", N_("The event was saved."), NULL },
	{ "participation", N_("The participants were recorded."), NULL },
	{ "firms", N_("The firms were recorded: the training is on each firm's record."), NULL },
	{ NULL, NULL, NULL },
};

static void today_iso(char out[11])
{
	date_format_iso(date_today(), out);
}

/* "13:30–16:00", "13:30–" or "". */
static const char *time_text(struct request *req, const struct event *e)
{
	if (!e->starts_at && !e->ends_at)
		return "";
	return arena_printf(req->arena, "%s–%s", e->starts_at ? e->starts_at : "", e->ends_at ? e->ends_at : "");
}

static const char *ward_text(struct request *req, const struct page_wards *w, const char *code)
{
	return code ? page_ward_name(w, code) : T(req, "City-wide");
}

/* The status as a badge: its word carries it, never the colour alone. */
static void status_badge(struct request *req, const char *status)
{
	html_printf(&req->out, "<span class=\"badge status-%s\">%s</span>", status,
		    T(req, code_label(event_statuses, status)));
}

/* A labelled, optional <textarea> in a div.field, id "<form>-<field>", marked when at fault. */
static void text_area(struct request *req, const struct page_form *f, const char *form, const char *field,
		      const char *label_msgid, const char *value)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"3\"",
		    form, field, T(req, label_msgid), form, field, field);
	page_field_state(req, f, form, field);
	/* A newline straight after the start tag is dropped by the parser: this one keeps a typed
	 * first empty line. */
	html_printf(h, ">\n%s</textarea></div>", page_form_value(req, f, form, field, value ? value : ""));
}

/* ---- /events ---- */

/* The fiscal year asked for in ?fy=, else the current one. */
static int asked_year(struct request *req)
{
	const char *v = request_query(req, "fy");
	if (v && strlen(v) == 4 && strspn(v, "0123456789") == 4 && atoi(v) >= 1989 && atoi(v) <= 2100)
		return atoi(v);
	return date_fiscal_year(date_today());
}

static void event_card(struct request *req, const struct event *e, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<article class=\"card\"><h2><a href=\"/events/%" PRId64 "\">%s</a></h2>", e->id, e->title);
	status_badge(req, e->status);
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>", T(req, "Day"));
	page_date(req, e->held_on);
	html_printf(h, " %s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", time_text(req, e), T(req, "Kind"),
		    T(req, code_label(event_kinds, e->kind)), T(req, "Ward"), ward_text(req, w, e->ward_code));
	if (e->status_reason)
		html_printf(h, "<dt>%s</dt><dd>%s</dd>", T(req, "Reason"), e->status_reason);
	if (e->participants)
		html_printf(h, "<dt>%s</dt><dd>%s</dd>", T(req, "Participants"),
			    page_fill(req, N_("{n} people"), "{n}", page_id(req, e->participants), NULL));
	html_lit(h, "</dl></article>");
}

int events_page(struct request *req)
{
	struct strbuf *h = &req->out;
	int fy = asked_year(req);
	const char *kind = request_query(req, "kind");
	if (!code_known(event_kinds, kind))
		kind = NULL;
	struct event *v;
	size_t n;
	struct page_wards w;
	int rc = event_list(req->db, req->arena, fy, kind, &v, &n);
	if (rc)
		return rc;
	page_wards_load(req, &w);
	page_begin(req, N_("Events"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>",
		    T(req, "Trainings with the elderly-care field, peer-supporter trainings and exchange meetings, trainings for real-estate agents and awareness events."));
	if (page_may(req, "event.manage"))
		html_printf(h, "<ul class=\"taps\"><li><a class=\"button primary\" href=\"/events/new\">%s</a></li></ul>",
			    T(req, "Plan an event"));
	html_lit(h, "<form method=\"get\" action=\"/events\" class=\"search\">");
	html_printf(h, "<div class=\"field\"><label for=\"e-fy\">%s</label><select id=\"e-fy\" name=\"fy\">",
		    T(req, "Fiscal year"));
	int now = date_fiscal_year(date_today());
	for (int y = now + 1; y >= 2015; y--)
		html_option(h, page_id(req, y), jp_fiscal_year_label(req->arena, y, req->lang), y == fy);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"e-kind\">%s</label><select id=\"e-kind\" name=\"kind\">",
		    T(req, "Kind of event"));
	html_option(h, "", T(req, "All kinds"), !kind);
	page_code_options(req, event_kinds, kind);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));

	html_printf(h, "<h2>%s</h2>", jp_fiscal_year_label(req->arena, fy, req->lang));
	int held = 0, planned = 0, off = 0;
	for (size_t i = 0; i < n; i++) {
		held += strcmp(v[i].status, "held") == 0;
		planned += strcmp(v[i].status, "planned") == 0;
		off += strcmp(v[i].status, "postponed") == 0 || strcmp(v[i].status, "cancelled") == 0;
	}
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No events in this fiscal year."));
	} else {
		html_printf(h, "<p>%s</p><div class=\"grid\">",
			    page_fill(req, N_("{held} held, {planned} planned, {off} postponed or cancelled."), "{held}",
				      page_id(req, held), "{planned}", page_id(req, planned), "{off}", page_id(req, off), NULL));
		for (size_t i = 0; i < n; i++)
			event_card(req, &v[i], &w);
		html_lit(h, "</div>");
	}
	html_printf(h, "<p><a href=\"/events?fy=%d\">%s</a> ・ <a href=\"/events?fy=%d\">%s</a></p>", fy - 1,
		    T(req, "Previous fiscal year"), fy + 1, T(req, "Next fiscal year"));
	page_end(req);
	return 0;
}

/* ---- the event form ---- */

static void event_fields(struct request *req, const struct page_form *f, const char *form, const struct event *e,
			 const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	page_select_open(req, f, form, "kind", N_("Kind of event"));
	page_code_options(req, event_kinds, page_form_value(req, f, form, "kind", e->kind));
	html_lit(h, "</select></div>");
	page_input(req, f, form, "title", N_("Title of the event"), "text", page_form_value(req, f, form, "title", e->title), true);
	page_input(req, f, form, "held_on", N_("Day"), "date", page_form_value(req, f, form, "held_on", e->held_on), true);
	page_input(req, f, form, "starts_at", N_("Starts at"), "time",
		   page_form_value(req, f, form, "starts_at", e->starts_at), false);
	page_input(req, f, form, "ends_at", N_("Ends at"), "time", page_form_value(req, f, form, "ends_at", e->ends_at),
		   false);
	page_input(req, f, form, "place", N_("Place"), "text", page_form_value(req, f, form, "place", e->place), false);
	page_select_open(req, f, form, "ward_code", N_("Ward"));
	const char *ward = page_form_value(req, f, form, "ward_code", e->ward_code ? e->ward_code : "");
	html_option(h, "", T(req, "City-wide"), !*ward);
	for (size_t i = 0; i < w->n; i++)
		html_option(h, w->v[i].code, w->v[i].name, strcmp(ward, w->v[i].code) == 0);
	html_lit(h, "</select></div>");
	page_input(req, f, form, "co_host", N_("Co-host"), "text", page_form_value(req, f, form, "co_host", e->co_host),
		   false);
	page_select_open(req, f, form, "status", N_("Status"));
	page_code_options(req, event_statuses, page_form_value(req, f, form, "status", e->status));
	html_lit(h, "</select></div>");
	text_area(req, f, form, "status_reason", N_("Reason (when postponed or cancelled)"), e->status_reason);
	html_printf(h, "<p class=\"hint\">%s</p>",
		    T(req, "A postponed or cancelled event needs its reason; an event is held only on a day that has come."));
	text_area(req, f, form, "lecturers", N_("Lecturers"), e->lecturers);
	text_area(req, f, form, "materials", N_("Materials"), e->materials);
	text_area(req, f, form, "outcome", N_("Outcome (具体的な成果)"), e->outcome);
}

/* The event the form posted (the domain normalises and checks it). */
static struct event posted_event(struct request *req)
{
	return (struct event){
		.kind = (char *)request_form(req, "kind"),
		.title = (char *)request_form(req, "title"),
		.held_on = (char *)request_form(req, "held_on"),
		.starts_at = (char *)request_form(req, "starts_at"),
		.ends_at = (char *)request_form(req, "ends_at"),
		.place = (char *)request_form(req, "place"),
		.ward_code = (char *)request_form(req, "ward_code"),
		.co_host = (char *)request_form(req, "co_host"),
		.status = (char *)request_form(req, "status"),
		.status_reason = (char *)request_form(req, "status_reason"),
		.lecturers = (char *)request_form(req, "lecturers"),
		.materials = (char *)request_form(req, "materials"),
		.outcome = (char *)request_form(req, "outcome"),
	};
}

static int new_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct page_wards w;
	page_wards_load(req, &w);
	char today[11];
	today_iso(today);
	struct event e = { .kind = "elderly_field_training", .status = "planned", .held_on = today };
	page_begin(req, N_("Plan an event"));
	page_form_error(req, f, "event");
	html_form_open(h, "/events", req->session.csrf);
	event_fields(req, f, "event", &e, &w);
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Save"));
	html_printf(h, "<p><a href=\"/events\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int event_new_page(struct request *req)
{
	return new_show(req, NULL);
}

struct event_change {
	struct page_form f; /* the form; the field at fault and why, when refused */
	struct event e;     /* the event to store */
};

static int create_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct event_change *k = ctx;
	struct municipality m;
	char today[11];
	today_iso(today);
	int rc = directory_municipality(req->db, req->arena, &m);
	if (rc || (rc = event_add(req->db, req->arena, m.code, &k->e, req->session.user.id, today, &k->f.field,
				  &k->f.msg)))
		return rc;
	ae->object_id = page_id(req, k->e.id);
	return 0;
}

int event_create(struct request *req)
{
	struct event_change k = { .f = { .name = "event" }, .e = posted_event(req) };
	int rc = page_write(req, create_run, &k, "event.create", "event", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		if (!k.f.msg)
			k.f.msg = err_text(rc);
		return new_show(req, &k.f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/events/%" PRId64 "?done=created", k.e.id));
}

/* ---- one event ---- */

/* Everything the event page shows, read before anything is written out. */
struct event_view {
	struct event e;                       /* the event */
	struct event_heads heads;             /* who came, by sector */
	struct event_firm_training *firms;    /* recorded for an agent training */
	size_t nfirms;                        /* how many */
	struct agent_firm *all_firms;         /* every firm, for the form */
	size_t nall;                          /* how many */
	struct page_wards wards;              /* the municipality's */
	bool manage;                          /* the user keeps events */
};

static int view_load(struct request *req, struct event_view *v)
{
	*v = (struct event_view){ .manage = page_may(req, "event.manage") };
	int rc = event_get(req->db, req->arena, req->id, &v->e);
	if (rc || (rc = event_participation(req->db, req->arena, v->e.id, &v->heads)))
		return rc;
	if (strcmp(v->e.kind, "agent_training") == 0 &&
	    ((rc = event_firms(req->db, req->arena, v->e.id, &v->firms, &v->nfirms)) ||
	     (v->manage && (rc = agent_firms(req->db, req->arena, &v->all_firms, &v->nall)))))
		return rc;
	page_wards_load(req, &v->wards);
	return 0;
}

static void summary(struct request *req, const struct event_view *v)
{
	struct strbuf *h = &req->out;
	const struct event *e = &v->e;
	html_printf(h, "<h2>%s</h2>", e->title);
	status_badge(req, e->status);
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(req, "Kind"),
		    T(req, code_label(event_kinds, e->kind)), T(req, "Day"));
	page_date(req, e->held_on);
	html_printf(h, " %s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", time_text(req, e),
		    T(req, "Place"), e->place ? e->place : "—", T(req, "Ward"), ward_text(req, &v->wards, e->ward_code),
		    T(req, "Co-host"), e->co_host ? e->co_host : "—");
	if (e->status_reason)
		html_printf(h, "<dt>%s</dt><dd class=\"text\">%s</dd>", T(req, "Reason"), e->status_reason);
	html_printf(h, "<dt>%s</dt><dd class=\"text\">%s</dd><dt>%s</dt><dd class=\"text\">%s</dd>"
		       "<dt>%s</dt><dd class=\"text\">%s</dd></dl>",
		    T(req, "Lecturers"), e->lecturers ? e->lecturers : "—", T(req, "Materials"),
		    e->materials ? e->materials : "—", T(req, "Outcome (具体的な成果)"), e->outcome ? e->outcome : "—");
}

static void details_section(struct request *req, const struct event_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"details\">%s</h2>", T(req, "Details and status"));
	page_form_error(req, f, "event");
	html_form_open(h, arena_printf(req->arena, "/events/%" PRId64, v->e.id), req->session.csrf);
	event_fields(req, f, "event", &v->e, &v->wards);
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Save"));
}

static void participation_section(struct request *req, const struct event_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"participation\">%s</h2>", T(req, "Participants by sector"));
	page_form_error(req, f, "participation");
	if (v->heads.total) {
		html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			       "</tr></thead><tbody>",
			    T(req, "Sector"), T(req, "People"));
		for (int i = 0; i < MEETING_SECTORS; i++)
			if (v->heads.heads[i])
				html_printf(h, "<tr><td>%s</td><td class=\"num\">%d</td></tr>", T(req, meeting_sectors[i].label),
					    v->heads.heads[i]);
		html_printf(h, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\"><strong>%d</strong></td></tr>"
			       "</tfoot></table>",
			    T(req, "Total"), v->heads.total);
	} else {
		html_printf(h, "<p>%s</p>", T(req, "No participants recorded."));
	}
	if (!v->manage || strcmp(v->e.status, "held") != 0) {
		if (v->manage)
			html_printf(h, "<p class=\"hint\">%s</p>", T(req, "Participants are recorded once the event is held."));
		html_lit(h, "</section>");
		return;
	}
	html_printf(h, "<h3>%s</h3>", T(req, "Record the participants"));
	html_form_open(h, arena_printf(req->arena, "/events/%" PRId64 "/participation", v->e.id), req->session.csrf);
	for (int i = 0; i < MEETING_SECTORS; i++) {
		const char *field = arena_printf(req->arena, "heads_%s", meeting_sectors[i].code);
		const char *now = v->heads.heads[i] ? page_id(req, v->heads.heads[i]) : "0";
		html_printf(h, "<div class=\"field\"><label for=\"participation-%s\">%s</label><input id=\"participation-%s\""
			       " name=\"%s\" type=\"number\" min=\"0\" max=\"5000\" inputmode=\"numeric\"",
			    field, T(req, meeting_sectors[i].label), field, field);
		page_field_state(req, f, "participation", field);
		html_printf(h, " value=\"%s\"></div>", page_form_value(req, f, "participation", field, now));
	}
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
		    T(req, "0 for a sector nobody came from. Saving replaces the numbers recorded before."), T(req, "Save"));
}

static bool firm_recorded(const struct event_view *v, int64_t org)
{
	for (size_t i = 0; i < v->nfirms; i++)
		if (v->firms[i].organisation_id == org)
			return true;
	return false;
}

static void firms_section(struct request *req, const struct event_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"firms\">%s</h2>", T(req, "Agent firms that attended"));
	page_form_error(req, f, "firms");
	if (v->nfirms) {
		html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			       "</tr></thead><tbody>",
			    T(req, "Firm"), T(req, "Attendees"));
		for (size_t i = 0; i < v->nfirms; i++) {
			html_lit(h, "<tr><td>");
			if (page_may(req, "agent.manage"))
				html_printf(h, "<a href=\"/housing/agents/%" PRId64 "\">%s</a>", v->firms[i].organisation_id,
					    v->firms[i].firm_name);
			else
				html_text(h, v->firms[i].firm_name);
			html_printf(h, "</td><td class=\"num\">%d</td></tr>", v->firms[i].attendees);
		}
		html_lit(h, "</tbody></table>");
	} else {
		html_printf(h, "<p>%s</p>", T(req, "No firms recorded yet."));
	}
	if (!v->manage || strcmp(v->e.status, "held") != 0) {
		if (v->manage)
			html_printf(h, "<p class=\"hint\">%s</p>", T(req, "The firms are recorded once the training is held."));
		html_lit(h, "</section>");
		return;
	}
	size_t open = 0;
	for (size_t i = 0; i < v->nall; i++)
		open += v->all_firms[i].active && !firm_recorded(v, v->all_firms[i].organisation_id);
	if (!open) {
		html_lit(h, "</section>");
		return;
	}
	html_printf(h, "<h3>%s</h3>", T(req, "Record firms that attended"));
	html_form_open(h, arena_printf(req->arena, "/events/%" PRId64 "/firms", v->e.id), req->session.csrf);
	html_printf(h, "<fieldset class=\"field\"");
	page_field_state(req, f, "firms", "firms");
	html_printf(h, "><legend>%s</legend>", T(req, "Firms and how many of each attended"));
	for (size_t i = 0; i < v->nall; i++) {
		const struct agent_firm *a = &v->all_firms[i];
		if (!a->active || firm_recorded(v, a->organisation_id))
			continue;
		const char *id = page_id(req, a->organisation_id);
		const char *count = arena_printf(req->arena, "attendees_%s", id);
		bool ticked = page_form_is(f, "firms") && page_posted(req, "firms", id);
		html_printf(h, "<label class=\"inline\"><input type=\"checkbox\" name=\"firms\" value=\"%s\"%s> %s</label>"
			       "<label class=\"inline\"><span>%s</span><input name=\"%s\" type=\"number\" min=\"1\" max=\"100\""
			       " inputmode=\"numeric\"",
			    id, ticked ? " checked" : "", a->name, T(req, "Attendees"), count);
		page_field_state(req, f, "firms", count);
		html_printf(h, " value=\"%s\"></label>", page_form_value(req, f, "firms", count, "1"));
	}
	html_printf(h, "</fieldset><p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
		    T(req, "Each firm ticked gets the training on its record, with this event's day and title. A firm recorded stays recorded."),
		    T(req, "Record"));
}

static int event_show(struct request *req, const struct page_form *f)
{
	struct event_view v;
	int rc = view_load(req, &v);
	if (rc)
		return rc;
	page_begin(req, N_("Event"));
	page_done_notice(req, done_notices);
	summary(req, &v);
	participation_section(req, &v, f);
	if (strcmp(v.e.kind, "agent_training") == 0)
		firms_section(req, &v, f);
	if (v.manage)
		details_section(req, &v, f);
	struct date d;
	int fy = date_fiscal_year(date_parse(v.e.held_on, &d) ? d : date_today());
	html_printf(&req->out, "<p><a href=\"/events?fy=%d\">%s</a></p>", fy, T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int event_page(struct request *req)
{
	return event_show(req, NULL);
}

/* Answers a change of the event page: the page again with the form re-shown on a refusal, else a
 * redirect to it with the notice done. */
static int event_answer(struct request *req, int rc, struct page_form *f, const char *done)
{
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		if (!f->msg)
			f->msg = err_text(rc);
		return event_show(req, f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/events/%" PRId64 "?done=%s#%s", req->id, done,
						       f->name));
}

static int update_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct event_change *k = ctx;
	char today[11];
	today_iso(today);
	return event_save(req->db, req->arena, &k->e, today, &k->f.field, &k->f.msg);
}

int event_update(struct request *req)
{
	struct event_change k = { .f = { .name = "event" }, .e = posted_event(req) };
	k.e.id = req->id;
	int rc = page_write(req, update_run, &k, "event.update", "event", page_id(req, req->id));
	if (rc == 0)
		k.f.name = "details";
	return event_answer(req, rc, &k.f, "saved");
}

struct heads_change {
	struct page_form f;       /* the form; the field at fault and why, when refused */
	struct event_heads heads; /* what to store */
};

static int participation_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct heads_change *k = ctx;
	return event_participation_set(req->db, req->arena, req->id, &k->heads, &k->f.field, &k->f.msg);
}

int event_participation_submit(struct request *req)
{
	struct heads_change k = { .f = { .name = "participation" } };
	for (int i = 0; i < MEETING_SECTORS; i++)
		k.heads.heads[i] = page_form_number(req, arena_printf(req->arena, "heads_%s", meeting_sectors[i].code), 0);
	int rc = page_write(req, participation_run, &k, "event.participation", "event", page_id(req, req->id));
	return event_answer(req, rc, &k.f, "participation");
}

struct firms_change {
	struct page_form f; /* the form; the field at fault and why, when refused */
	int64_t *orgs;      /* the firms ticked */
	int *attendees;     /* how many of each */
	size_t n;           /* how many firms */
};

static int firms_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct firms_change *k = ctx;
	return event_firms_record(req->db, req->arena, req->id, k->orgs, k->attendees, k->n, req->session.user.id,
				  &k->f.field, &k->f.msg);
}

int event_firms_submit(struct request *req)
{
	struct firms_change k = { .f = { .name = "firms" } };
	size_t n;
	const char **ticked = page_form_all(req, "firms", &n);
	k.orgs = arena_alloc(req->arena, (n + 1) * sizeof *k.orgs);
	k.attendees = arena_alloc(req->arena, (n + 1) * sizeof *k.attendees);
	if (!ticked || !k.orgs || !k.attendees)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n; i++) {
		char *end;
		long long id = strtoll(ticked[i], &end, 10);
		if (*end || id <= 0)
			continue; /* not a firm of the list: the domain refuses an empty choice */
		k.orgs[k.n] = id;
		int people = page_form_number(req, arena_printf(req->arena, "attendees_%lld", id), 0);
		k.attendees[k.n++] = people ? people : 1;
	}
	int rc = page_write(req, firms_run, &k, "event.firms", "event", page_id(req, req->id));
	return event_answer(req, rc, &k.f, "firms");
}

/* ---- the agent's dashboard ---- */

int events_agent_home_section(struct request *req)
{
	struct strbuf *h = &req->out;
	if (req->session.user.role != ROLE_AGENT)
		return 0;
	struct event_firm_training *t;
	size_t n;
	int rc = event_firm_trainings(req->db, req->arena, req->session.user.organisation_id, &t, &n);
	if (rc)
		return rc;
	html_printf(h, "<section class=\"card\" id=\"trainings\"><h2>%s</h2>", T(req, "Our firm's trainings"));
	if (n == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "No training recorded yet: the city records the trainings your firm completed."));
		return 0;
	}
	html_lit(h, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<li>");
		page_date(req, t[i].trained_on);
		html_printf(h, " %s", t[i].title);
		if (t[i].event_title && strcmp(t[i].event_title, t[i].title) != 0)
			html_printf(h, " <small>(%s)</small>", t[i].event_title);
		html_printf(h, " <small>%s</small></li>",
			    page_fill(req, N_("{n} attended"), "{n}", page_id(req, t[i].attendees), NULL));
	}
	html_lit(h, "</ul></section>");
	return 0;
}
