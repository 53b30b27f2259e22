/*
 * calendar — a month of meetings, events and trial stays (/calendar?month=2021-10) and the same
 * month as an iCalendar file (/calendar.ics?month=2021-10) that ordinary calendar programs
 * import. What is on which day comes from domain/calendar.c; this file decides which kinds the
 * user sees (meetings and events by their view policies, trial stays only for the roles of
 * stay.view, a provider only its own group home's) and draws them.
 *
 * The month is a table, weeks from Sunday as Japanese wall calendars have them, a column header
 * per weekday and each day's entries a list in its cell, so it reads without script. A trial
 * stay shows on each of its nights. A person's name appears only where domain/stay.c fills it —
 * the user sees the case, or it is their own group home's room — else 予約済み; a month that shows
 * a name records the read in the audit log first (calendar.read).
 *
 * The .ics file carries no person's name at all, whoever asks: files travel (mail, phones, shared
 * calendars) where the access rule cannot follow, so a stay is its room and group home only.
 * Meetings and events carry their title, times, place and status; a link back is a path in the
 * description, since the server does not know the address the city publishes it under.
 * NEEDSWORK: a URL property once that address is a setting (the Host header is not to be trusted
 * behind a proxy).
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/access.h"
#include "domain/calendar.h"
#include "domain/directory.h"
#include "error.h"
#include "ics.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Statuses of meetings and events, as the calendar names them. */
static const struct code statuses[] = {
	{ "planned", N_("Status: planned"), NULL },
	{ "held", N_("Status: held"), NULL },
	{ "postponed", N_("Status: postponed"), NULL },
	{ "cancelled", N_("Status: cancelled"), NULL },
	{ NULL, NULL, NULL },
};

static const char *const weekdays[] = { N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat") };
static const char *const weekdays_long[] = { N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
					     N_("Thursday"), N_("Friday"), N_("Saturday") };
static const char *const months_en[] = { "January", "February", "March", "April", "May", "June", "July",
					 "August", "September", "October", "November", "December" };

/* The month asked for: ?month=YYYY-MM, or this month in Japan. False when it is not a month. */
static bool month_of(const struct request *req, struct date *first)
{
	const char *m = request_query(req, "month");
	if (!m) {
		struct date t = date_today();
		*first = (struct date){ t.year, t.month, 1 };
		return true;
	}
	char iso[11];
	if (strlen(m) != 7)
		return false;
	memcpy(iso, m, 7);
	memcpy(iso + 7, "-01", 4);
	return date_parse(iso, first) && first->year >= 1989 && first->year <= 2100;
}

static const char *month_param(struct request *req, struct date d)
{
	return arena_printf(req->arena, "%04d-%02d", d.year, d.month);
}

/* "2021年10月（令和3年）" / "October 2021" */
static const char *month_label(struct request *req, struct date first)
{
	if (req->lang == LANG_EN)
		return arena_printf(req->arena, "%s %d", months_en[first.month - 1], first.year);
	struct jp_era era;
	if (!jp_era_of(first, req->lang, &era))
		return arena_printf(req->arena, "%d年%d月", first.year, first.month);
	return era.year == 1 ? arena_printf(req->arena, "%d年%d月（%s元年）", first.year, first.month, era.name)
			     : arena_printf(req->arena, "%d年%d月（%s%d年）", first.year, first.month, era.name, era.year);
}

/* 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday). */
static int weekday(struct date d)
{
	int64_t w = (date_to_days(d) + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* The kinds the user may see, and their entries of the month from first. */
static int month_entries(struct request *req, struct date first, struct calendar_entry **v, size_t *n)
{
	enum role role = req->session.user.role;
	struct calendar_want want = {
		.meetings = policy_scope(role, "meeting.view") != SCOPE_NONE,
		.events = policy_scope(role, "event.view") != SCOPE_NONE,
		.stays = policy_scope(role, "stay.view") != SCOPE_NONE,
		/* A provider sees its own rooms, as on /stays; the city and counsellors every room. */
		.stay_org = policy_scope(role, "stay.view") == SCOPE_OWN_ORG ? req->session.user.organisation_id : 0,
	};
	struct access acc;
	page_access(req, &acc);
	char from[11], until[11];
	date_format_iso(first, from);
	date_format_iso(date_add_months(first, 1), until);
	return calendar_entries(req->db, req->arena, &acc, from, until, &want, v, n);
}

/* ---- the month ---- */

static void entry_item(struct request *req, const struct calendar_entry *e)
{
	struct strbuf *h = &req->out;
	bool off = e->status && (strcmp(e->status, "cancelled") == 0 || strcmp(e->status, "postponed") == 0);
	if (e->kind == CALENDAR_STAY) {
		html_printf(h, "<li class=\"stay\"><a href=\"/stays#room-%" PRId64 "\">%s %s <small>%s</small></a>: %s</li>",
			    e->room_id, T(req, "Trial stay"), e->title, e->place,
			    e->person_name ? e->person_name : T(req, "Booked"));
		return;
	}
	html_printf(h, "<li class=\"%s%s\"><a href=\"/%s/%" PRId64 "\">", e->kind == CALENDAR_MEETING ? "meeting" : "event",
		    off ? " off" : "", e->kind == CALENDAR_MEETING ? "meetings" : "events", e->id);
	if (e->starts_at)
		html_printf(h, "<time>%s</time> ", e->starts_at);
	html_printf(h, "%s</a>", e->title);
	/* Planned is what a calendar means; anything else is said (and not by colour alone). */
	if (e->status && strcmp(e->status, "planned") != 0)
		html_printf(h, " <small>(%s)</small>", T(req, code_label(statuses, e->status)));
	html_lit(h, "</li>");
}

static void day_cell(struct request *req, struct date d, struct date first, const char *today,
		     const struct calendar_entry *v, size_t n)
{
	struct strbuf *h = &req->out;
	char iso[11];
	date_format_iso(d, iso);
	bool in_month = d.month == first.month;
	bool is_today = strcmp(iso, today) == 0;
	html_printf(h, "<td class=\"day%s%s\"", in_month ? "" : " other", is_today ? " today" : "");
	if (is_today)
		html_lit(h, " aria-current=\"date\"");
	html_printf(h, "><time datetime=\"%s\" class=\"date\">%d</time>", iso, d.day);
	if (!in_month) {
		html_lit(h, "</td>");
		return;
	}
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		/* A stay is on the day when one of its nights is: [starts_on, ends_on). */
		bool on = v[i].kind == CALENDAR_STAY ? strcmp(v[i].starts_on, iso) <= 0 && strcmp(v[i].ends_on, iso) > 0
						     : strcmp(v[i].starts_on, iso) == 0;
		if (!on)
			continue;
		if (!any)
			html_lit(h, "<ul>");
		any = true;
		entry_item(req, &v[i]);
	}
	if (any)
		html_lit(h, "</ul>");
	html_lit(h, "</td>");
}

int calendar_page(struct request *req)
{
	struct strbuf *h = &req->out;
	struct date first;
	if (!month_of(req, &first))
		return ERR_INVALID;
	struct calendar_entry *v;
	size_t n;
	int rc = month_entries(req, first, &v, &n);
	if (rc)
		return rc;
	bool names = false;
	for (size_t i = 0; i < n; i++)
		names |= v[i].person_name != NULL;
	if (names && (rc = page_audit_read(req, "calendar.read", "trial_booking", NULL)))
		return rc;

	char today[11];
	date_format_iso(date_today(), today);
	struct date prev = date_add_months(first, -1), next = date_add_months(first, 1);
	page_begin(req, N_("Calendar"));
	html_printf(h, "<p>%s</p>", T(req, "Meetings, events and trial stays of the month."));
	html_printf(h, "<nav class=\"months\" aria-label=\"%s\"><ul class=\"taps\">", T(req, "Months"));
	html_printf(h, "<li><a class=\"button\" rel=\"prev\" href=\"/calendar?month=%s\">← %s</a></li>", month_param(req, prev),
		    month_label(req, prev));
	html_printf(h, "<li><a class=\"button\" href=\"/calendar\">%s</a></li>", T(req, "This month"));
	html_printf(h, "<li><a class=\"button\" rel=\"next\" href=\"/calendar?month=%s\">%s →</a></li>", month_param(req, next),
		    month_label(req, next));
	html_printf(h, "<li><a class=\"button\" href=\"/calendar.ics?month=%s\" download>%s</a></li></ul></nav>",
		    month_param(req, first), T(req, "Export to a calendar program (.ics)"));

	html_printf(h, "<table class=\"month\"><caption>%s</caption><thead><tr>", month_label(req, first));
	for (int i = 0; i < 7; i++)
		html_printf(h, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", T(req, weekdays_long[i]), T(req, weekdays[i]));
	html_lit(h, "</tr></thead><tbody>");
	struct date d = date_add_days(first, -weekday(first));
	do {
		html_lit(h, "<tr>");
		for (int i = 0; i < 7; i++, d = date_add_days(d, 1))
			day_cell(req, d, first, today, v, n);
		html_lit(h, "</tr>");
	} while (date_cmp(d, next) < 0);
	html_lit(h, "</tbody></table>");
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "Nothing on this month."));
	if (policy_scope(req->session.user.role, "stay.view") != SCOPE_NONE)
		html_printf(h, "<p class=\"hint\">%s</p>",
			    T(req, "A trial stay shows on each of its nights; the person's name only where you may see the case (a group home also in its own rooms), else 予約済み."));
	html_printf(h, "<p class=\"hint\">%s</p>",
		    T(req, "The .ics file holds no person's name: it may travel where the access rules cannot follow."));
	page_end(req);
	return 0;
}

/* ---- the .ics ---- */

static struct ics_event ics_entry(struct request *req, const struct calendar_entry *e, const char *code,
				  const struct page_wards *w)
{
	const char *kind = e->kind == CALENDAR_MEETING ? "meeting" : e->kind == CALENDAR_EVENT ? "event" : "stay";
	struct ics_event x = {
		.uid = arena_printf(req->arena, "%s-%" PRId64 "@%s.tsunagu", kind, e->id, code),
		.start_date = e->starts_on,
	};
	if (e->kind == CALENDAR_STAY) {
		/* The nights as whole days, leaving day excluded; the room, never the person. */
		x.end_date = e->ends_on;
		x.summary = arena_printf(req->arena, "%s %s（%s）", T(req, "Trial stay"), e->title, e->place);
		x.description = arena_printf(req->arena, "%s\n/stays", T(req, "Trial stay"));
		x.status = ICS_CONFIRMED;
		return x;
	}
	/* Times as the tables hold them (HH:MM); one that is not is left out rather than refused. */
	if (ics_time_valid(e->starts_at)) {
		x.start_time = e->starts_at;
		if (ics_time_valid(e->ends_at) && strcmp(e->ends_at, e->starts_at) > 0)
			x.end_time = e->ends_at;
	}
	bool cancelled = e->status && strcmp(e->status, "cancelled") == 0,
	     postponed = e->status && strcmp(e->status, "postponed") == 0;
	x.summary = cancelled || postponed ? arena_printf(req->arena, "%s（%s）", e->title, T(req, code_label(statuses, e->status)))
					   : e->title;
	/* Postponed is off that day too; the new day, once set, is an event of its own. */
	x.status = cancelled || postponed ? ICS_CANCELLED : ICS_CONFIRMED;
	x.location = e->place;
	x.description = arena_printf(req->arena, "%s ・ %s\n/%s/%" PRId64,
				     T(req, e->kind == CALENDAR_MEETING ? N_("Forum meeting") : N_("Training or event")),
				     e->ward_code ? page_ward_name(w, e->ward_code) : T(req, "City-wide"),
				     e->kind == CALENDAR_MEETING ? "meetings" : "events", e->id);
	return x;
}

int calendar_ics(struct request *req)
{
	struct date first;
	if (!month_of(req, &first))
		return ERR_INVALID;
	struct calendar_entry *v;
	size_t n;
	struct municipality m;
	int rc = month_entries(req, first, &v, &n);
	if (rc || (rc = directory_municipality(req->db, req->arena, &m)))
		return rc;
	struct page_wards w;
	page_wards_load(req, &w);
	struct ics_event *x = arena_alloc(req->arena, (n ? n : 1) * sizeof *x);
	if (!x)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n; i++)
		x[i] = ics_entry(req, &v[i], m.code, &w);
	const char *month = month_param(req, first);
	const char *name = page_fill(req, N_("tsunagu {municipality} {month}"), "{municipality}", m.name, "{month}", month, NULL);
	if ((rc = ics_write_calendar(&req->out, name, x, n, time(NULL))))
		return rc;
	req->content_type = "text/calendar; charset=utf-8";
	request_set_header(req, "Content-Disposition",
			   arena_printf(req->arena, "attachment; filename=\"tsunagu-%s.ics\"", month));
	return 0;
}
