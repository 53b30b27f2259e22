/*
 * stays — trial stays (体験宿泊) on screen: the group homes' rooms with what is booked in the
 * coming weeks (/stays), the rooms' upkeep, booking a room from a case, cancelling, and the group
 * home's note on how a stay went. The rules live in domain/stay.c; this file decides who may act
 * on which room or booking (a provider only on its own organisation's rooms, a counsellor only
 * on cases they can see — anything else is 404, as if it did not exist) and brings a refused
 * form back with what was typed.
 *
 * Names are shown only where domain/stay.c fills them: everyone who may open /stays sees which
 * nights are taken, but a person's name only under the access rule (and, for the group home, in
 * its own rooms). Pages that show names record the read in the audit log first.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/access.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/stay.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>

/* How far ahead /stays looks. */
enum { STAYS_WEEKS = 6 };

/* A form of these pages shown again after a refusal: which one, what was typed, and why. */
struct stays_form {
	const char *error;       /* msgid (placeholders filled) of the refusal; NULL: nothing refused */
	const char *field;       /* the field at fault */
	int64_t room_id;         /* the room whose form failed; 0 with a name: the new-room form */
	int64_t booking_id;      /* the booking whose outcome or cancel failed */
	int64_t organisation_id; /* the group home chosen for a new room */
	const char *name;        /* the room name typed */
	bool active;             /* the room's active box */
	const char *outcome;     /* the outcome typed */
	const char *starts_on;   /* the booking form's first night */
	const char *ends_on;     /* and day of leaving */
};

/* The user's row-level access, as every screen of persons and cases builds it (page_access). */
static struct access access_of(const struct request *req)
{
	struct access acc;
	page_access(req, &acc);
	return acc;
}

/* True when the user may keep rooms or note outcomes of organisation org: the city for every
 * group home, a provider for its own. */
static bool own_home(const struct request *req, const char *action, int64_t org)
{
	enum scope s = policy_scope(req->session.user.role, action);
	return s == SCOPE_MUNICIPALITY || (s == SCOPE_OWN_ORG && org == req->session.user.organisation_id);
}

static const char *nights_text(struct request *req, int n)
{
	return page_fill(req, N_("{n} nights"), "{n}", arena_printf(req->arena, "%d", n), NULL);
}

static void error_notice(struct request *req, const char *text)
{
	html_printf(&req->out, "<div class=\"notice error\" role=\"alert\">%s</div>", text);
}

/* The refusal rc as text: the domain's message (the limit's with its numbers), or the error's. */
static const char *refusal(struct request *req, int rc, const char *msg, const struct stay_quota *q)
{
	if (!msg)
		return T(req, err_text(rc));
	if (!q || !q->fiscal_year)
		return T(req, msg);
	return page_fill(req, msg, "{left}", arena_printf(req->arena, "%d", q->left), "{limit}",
		    arena_printf(req->arena, "%d", q->limit), "{year}",
		    jp_fiscal_year_label(req->arena, q->fiscal_year, req->lang), NULL);
}

static const char *status_label(const struct trial_booking *b, const char *today)
{
	if (strcmp(b->status, "cancelled") == 0)
		return N_("Cancelled");
	if (strcmp(b->status, "done") == 0)
		return N_("Stayed");
	if (strcmp(b->starts_on, today) <= 0)
		return strcmp(b->ends_on, today) <= 0 ? N_("Awaiting the outcome") : N_("Staying now");
	return N_("Booked");
}

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "room", N_("The room was added."), NULL },
	{ "room_saved", N_("The room was saved."), NULL },
	{ "booked", N_("The room was booked."), NULL },
	{ "cancelled", N_("The booking was cancelled."), NULL },
	{ "outcome", N_("The outcome was recorded."), NULL },
	{ NULL, NULL, NULL },
};

/* The cancel button of a booking, when the user books and the stay may still be cancelled. */
static void cancel_button(struct request *req, const struct trial_booking *b, const char *today,
			  const char *back)
{
	if (!page_may(req, "stay.book") || !b->visible || strcmp(b->status, "booked") != 0 ||
	    strcmp(b->ends_on, today) <= 0)
		return;
	html_form_open(&req->out, arena_printf(req->arena, "/stays/bookings/%" PRId64 "/cancel", b->id),
		       req->session.csrf);
	html_hidden(&req->out, "back", back);
	html_printf(&req->out, "<button class=\"secondary\">%s</button></form>", T(req, "Cancel the booking"));
}

/* ---- /stays ---- */

static void outcome_form(struct request *req, const struct trial_booking *b, const struct stays_form *f)
{
	struct strbuf *h = &req->out;
	bool again = f && f->booking_id == b->id && f->outcome;
	if (again && f->error)
		error_notice(req, f->error);
	html_form_open(h, arena_printf(req->arena, "/stays/bookings/%" PRId64 "/outcome", b->id), req->session.csrf);
	html_printf(h, "<label class=\"inline\"><span class=\"vh\">%s</span><textarea name=\"outcome\" rows=\"2\""
		       " maxlength=\"4000\" required%s>%s</textarea></label><button class=\"secondary\">%s</button></form>",
		    T(req, "How the stay went"), again ? " aria-invalid=\"true\"" : "",
		    again ? f->outcome : b->outcome ? b->outcome : "",
		    T(req, strcmp(b->status, "done") == 0 ? N_("Save the outcome") : N_("Record the outcome")));
}

static void room_card(struct request *req, const struct trial_room *r, const struct trial_booking *v,
		      size_t n, const char *today, const struct stays_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"room-%" PRId64 "\"><h2>%s <small>%s</small>", r->id, r->name,
		    r->organisation_name);
	if (!r->active)
		html_printf(h, " <small>%s</small>", T(req, "(not taking bookings)"));
	html_lit(h, "</h2>");
	size_t shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += v[i].room_id == r->id;
	if (!shown) {
		html_printf(h, "<p>%s</p>", T(req, "No bookings in the coming weeks."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "First night"), T(req, "Day of leaving"), T(req, "Nights"), T(req, "Who"),
			    T(req, "Status"), T(req, "Actions"));
		bool outcomes = own_home(req, "stay.outcome", r->organisation_id);
		for (size_t i = 0; i < n; i++) {
			const struct trial_booking *b = &v[i];
			if (b->room_id != r->id)
				continue;
			html_lit(h, "<tr>");
			page_date_cell(req, b->starts_on);
			page_date_cell(req, b->ends_on);
			html_printf(h, "<td class=\"num\">%d</td><td>%s</td><td>%s", b->nights,
				    b->visible ? b->person_name : T(req, "Booked (not your case)"),
				    T(req, status_label(b, today)));
			if (b->outcome && b->visible)
				html_printf(h, "<br>%s", b->outcome);
			html_lit(h, "</td><td class=\"actions\">");
			if (outcomes && strcmp(b->starts_on, today) <= 0)
				outcome_form(req, b, f);
			cancel_button(req, b, today, "stays");
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	}
	if (own_home(req, "stay.rooms", r->organisation_id)) {
		bool again = f && f->room_id == r->id;
		html_printf(h, "<details%s><summary>%s</summary>", again ? " open" : "", T(req, "Rename or close the room"));
		if (again && f->error)
			error_notice(req, f->error);
		html_form_open(h, arena_printf(req->arena, "/stays/rooms/%" PRId64, r->id), req->session.csrf);
		html_printf(h, "<div class=\"field\"><label for=\"room-%" PRId64 "-name\">%s</label><input id=\"room-%" PRId64
			       "-name\" name=\"name\" required maxlength=\"100\" value=\"%s\"></div>",
			    r->id, T(req, "Room name"), r->id, again && f->name ? f->name : r->name);
		html_printf(h, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> %s</label></div>"
			       "<button class=\"secondary\">%s</button></form></details>",
			    (again ? f->active : r->active) ? " checked" : "", T(req, "Takes bookings"), T(req, "Save"));
	}
	html_lit(h, "</section>");
}

/* The new-room form: a provider adds to its own group home, the city chooses one. */
static void new_room_form(struct request *req, const struct stays_form *f)
{
	struct strbuf *h = &req->out;
	bool again = f && !f->room_id && !f->booking_id && f->name;
	html_printf(h, "<section class=\"card\"><h2 id=\"add-room\">%s</h2>", T(req, "Add a room"));
	if (policy_scope(req->session.user.role, "stay.rooms") == SCOPE_OWN_ORG) {
		struct organisation own;
		if (directory_org_get(req->db, req->arena, req->session.user.organisation_id, &own) ||
		    strcmp(own.kind, "group_home") != 0) {
			html_printf(h, "<p>%s</p></section>", T(req, "Only group homes have trial-stay rooms."));
			return;
		}
	}
	if (again && f->error)
		error_notice(req, f->error);
	html_form_open(h, "/stays/rooms", req->session.csrf);
	if (policy_scope(req->session.user.role, "stay.rooms") == SCOPE_MUNICIPALITY) {
		struct organisation *orgs;
		size_t n = 0;
		directory_orgs(req->db, req->arena, &orgs, &n);
		html_printf(h, "<div class=\"field\"><label for=\"new-room-org\">%s</label>"
			       "<select id=\"new-room-org\" name=\"organisation_id\">",
			    T(req, "Group home"));
		for (size_t i = 0; i < n; i++)
			if (orgs[i].active && strcmp(orgs[i].kind, "group_home") == 0)
				html_option(h, page_id(req, orgs[i].id), orgs[i].name,
					    again && f->organisation_id == orgs[i].id);
		html_lit(h, "</select></div>");
	}
	html_printf(h, "<div class=\"field\"><label for=\"new-room-name\">%s</label><input id=\"new-room-name\""
		       " name=\"name\" required maxlength=\"100\" value=\"%s\"%s></div>"
		       "<button class=\"primary\">%s</button></form></section>",
		    T(req, "Room name"), again ? f->name : "", again ? " aria-invalid=\"true\"" : "", T(req, "Add"));
}

static int stays_show(struct request *req, const struct stays_form *f)
{
	struct strbuf *h = &req->out;
	struct access acc = access_of(req);
	/* A provider sees its own rooms; the city and the counsellors every group home's. */
	int64_t org = policy_scope(acc.role, "stay.view") == SCOPE_OWN_ORG ? acc.organisation_id : 0;
	bool keeper = page_may(req, "stay.rooms");
	struct trial_room *rooms;
	struct trial_booking *v;
	size_t nr, n;
	int rc = stay_rooms(req->db, req->arena, org, !keeper, &rooms, &nr);
	if (rc || (rc = stay_bookings_upcoming(req->db, req->arena, &acc, org, acc.today, STAYS_WEEKS * 7, &v, &n)))
		return rc;
	bool names = false;
	for (size_t i = 0; i < n; i++)
		names |= v[i].visible;
	if (names && (rc = page_audit_read(req, "stay.list", "trial_booking", NULL)))
		return rc;

	page_begin(req, N_("Trial stays"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>", T(req, "Experience rooms of the group homes (地域生活体験支援事業) and their bookings for the coming six weeks."));
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		    T(req, "Nights a person may stay per fiscal year"), nights_text(req, stay_nights_per_year(req->db)),
		    T(req, "Longest stay at a time"), nights_text(req, STAY_MAX_NIGHTS));
	if (page_may(req, "stay.book"))
		html_printf(h, "<p>%s</p>", T(req, "To book a room, open the person's case."));
	/* A refused cancel, or an outcome for a booking no longer listed, is said at the top;
	 * an outcome refused for a listed booking comes back in its row. */
	bool listed = false;
	for (size_t i = 0; f && i < n; i++)
		listed |= v[i].id == f->booking_id;
	if (f && f->error && f->booking_id && (!f->outcome || !listed))
		error_notice(req, f->error);
	if (!nr)
		html_printf(h, "<p>%s</p>", T(req, "No trial-stay rooms yet."));
	for (size_t i = 0; i < nr; i++)
		room_card(req, &rooms[i], v, n, acc.today, f);
	if (keeper)
		new_room_form(req, f);
	page_end(req);
	return 0;
}

int stays_page(struct request *req)
{
	return stays_show(req, NULL);
}

/* ---- rooms ---- */

struct room_change {
	struct trial_room room; /* what to store */
	const char *field;      /* the field at fault */
	const char *msg;        /* why it was refused */
};

static int create_room(struct request *req, void *ctx, struct audit_event *e)
{
	struct room_change *c = ctx;
	int rc = stay_room_create(req->db, req->arena, &c->room, &c->field, &c->msg);
	if (!rc)
		e->object_id = page_id(req, c->room.id);
	return rc;
}

int stays_room_create(struct request *req)
{
	struct room_change c = { .room = { .name = (char *)request_form(req, "name") } };
	/* A provider adds to its own group home, whatever the form says. */
	c.room.organisation_id = policy_scope(req->session.user.role, "stay.rooms") == SCOPE_OWN_ORG
					 ? req->session.user.organisation_id
					 : page_form_id(req, "organisation_id");
	int rc = page_write(req, create_room, &c, "stay.room.create", "trial_room", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct stays_form f = { .error = refusal(req, rc, c.msg, NULL), .field = c.field,
					.organisation_id = c.room.organisation_id,
					.name = c.room.name ? c.room.name : "" };
		return stays_show(req, &f);
	}
	return rc ? rc : request_redirect(req, "/stays?done=room");
}

static int update_room(struct request *req, void *ctx, struct audit_event *e)
{
	struct room_change *c = ctx;
	return stay_room_update(req->db, req->arena, &c->room, &c->field, &c->msg);
}

int stays_room_update(struct request *req)
{
	struct room_change c;
	int rc = stay_room_get(req->db, req->arena, req->id, &c.room);
	if (rc)
		return rc;
	if (!own_home(req, "stay.rooms", c.room.organisation_id))
		return ERR_NOTFOUND; /* another group home's room: not this user's to know */
	c.room.name = (char *)request_form(req, "name");
	c.room.active = request_form(req, "active") != NULL;
	c.field = c.msg = NULL;
	rc = page_write(req, update_room, &c, "stay.room.update", "trial_room", page_id(req, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct stays_form f = { .error = refusal(req, rc, c.msg, NULL), .field = c.field, .room_id = req->id,
					.name = c.room.name ? c.room.name : "", .active = c.room.active };
		return stays_show(req, &f);
	}
	return rc ? rc : request_redirect(req, "/stays?done=room_saved");
}

/* ---- a case's stays ---- */

/* The case's stays and, for those who book, the booking form; f re-shows a refused one. */
static int case_section(struct request *req, const struct support_case *c, const struct stays_form *f)
{
	struct strbuf *h = &req->out;
	struct access acc = access_of(req);
	struct trial_booking *v;
	size_t n;
	int rc = stay_bookings_by_case(req->db, req->arena, &acc, c->id, &v, &n);
	if (rc)
		return rc;
	struct date today;
	date_parse(acc.today, &today);
	int fy = date_fiscal_year(today), used = 0;
	if ((rc = stay_nights_in_year(req->db, req->arena, c->person_id, fy, &used)))
		return rc;
	html_printf(h, "<section class=\"card\" id=\"stays\"><h2>%s</h2>", T(req, "Trial stays"));
	html_printf(h, "<p>%s</p>",
		    page_fill(req, N_("{used} of the {limit} nights a year used in {year}."), "{used}",
			 arena_printf(req->arena, "%d", used), "{limit}",
			 arena_printf(req->arena, "%d", stay_nights_per_year(req->db)), "{year}",
			 jp_fiscal_year_label(req->arena, fy, req->lang), NULL));
	if (f && f->error && f->booking_id)
		error_notice(req, f->error);
	if (n) {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Room"), T(req, "First night"), T(req, "Day of leaving"), T(req, "Nights"),
			    T(req, "Status"), T(req, "Actions"));
		for (size_t i = 0; i < n; i++) {
			const struct trial_booking *b = &v[i];
			html_printf(h, "<tr><td>%s <small>%s</small></td>", b->room_name, b->organisation_name);
			page_date_cell(req, b->starts_on);
			page_date_cell(req, b->ends_on);
			html_printf(h, "<td class=\"num\">%d</td><td>%s", b->nights, T(req, status_label(b, acc.today)));
			if (b->outcome)
				html_printf(h, "<br>%s", b->outcome);
			html_lit(h, "</td><td class=\"actions\">");
			cancel_button(req, b, acc.today, "case");
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	} else {
		html_printf(h, "<p>%s</p>", T(req, "No trial stays yet."));
	}
	if (!page_may(req, "stay.book") || strcmp(c->stage, "closed") == 0) {
		html_lit(h, "</section>");
		return 0;
	}
	struct trial_room *rooms;
	size_t nr;
	if ((rc = stay_rooms(req->db, req->arena, 0, true, &rooms, &nr)))
		return rc;
	bool again = f && !f->booking_id;
	html_printf(h, "<h3>%s</h3>", T(req, "Book a room"));
	if (again && f->error)
		error_notice(req, f->error);
	html_form_open(h, arena_printf(req->arena, "/cases/%" PRId64 "/stays", c->id), req->session.csrf);
	html_printf(h, "<div class=\"field\"><label for=\"stay-room\">%s</label><select id=\"stay-room\" name=\"room_id\"%s>",
		    T(req, "Room"), again && f->field && strcmp(f->field, "room_id") == 0 ? " aria-invalid=\"true\"" : "");
	for (size_t i = 0; i < nr; i++)
		html_option(h, page_id(req, rooms[i].id),
			    arena_printf(req->arena, "%s — %s", rooms[i].name, rooms[i].organisation_name),
			    again && f->room_id == rooms[i].id);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"stay-starts\">%s</label>"
		       "<input id=\"stay-starts\" name=\"starts_on\" type=\"date\" required value=\"%s\"%s></div>",
		    T(req, "First night"), again && f->starts_on ? f->starts_on : "",
		    again && f->field && strcmp(f->field, "starts_on") == 0 ? " aria-invalid=\"true\"" : "");
	html_printf(h, "<div class=\"field\"><label for=\"stay-ends\">%s</label>"
		       "<input id=\"stay-ends\" name=\"ends_on\" type=\"date\" required value=\"%s\"%s"
		       " aria-describedby=\"stay-ends-hint\"><p class=\"hint\" id=\"stay-ends-hint\">%s</p></div>",
		    T(req, "Day of leaving"), again && f->ends_on ? f->ends_on : "",
		    again && f->field && strcmp(f->field, "ends_on") == 0 ? " aria-invalid=\"true\"" : "",
		    T(req, "The morning the person leaves: a stay from the 1st to the 3rd is two nights. At most 30 nights at a time."));
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
		    T(req, "The group home sees the name of the person staying; it sees the rest of the case only when it is on the care team."),
		    T(req, "Book"));
	return 0;
}

int stays_case_section(struct request *req, const struct support_case *c)
{
	return case_section(req, c, NULL);
}

static int case_stays_show(struct request *req, const struct support_case *c, const struct stays_form *f)
{
	int rc = page_audit_read(req, "stay.read", "support_case", page_id(req, c->id));
	if (rc)
		return rc;
	page_begin(req, N_("Trial stays of the case"));
	page_done_notice(req, done_notices);
	html_printf(&req->out, "<p><a href=\"/cases/%" PRId64 "\">%s</a> ・ %s</p>", c->id, c->person_name,
		    T(req, code_label(case_stages, c->stage)));
	if ((rc = case_section(req, c, f)))
		return rc;
	html_printf(&req->out, "<p><a href=\"/stays\">%s</a></p>", T(req, "All rooms and bookings"));
	page_end(req);
	return 0;
}

/* The case at req->id if the user may see it; ERR_NOTFOUND otherwise. */
static int visible_case(struct request *req, int64_t id, struct support_case *c)
{
	struct access acc = access_of(req);
	return case_get(req->db, req->arena, &acc, id, c);
}

int stays_case_page(struct request *req)
{
	struct support_case c;
	int rc = visible_case(req, req->id, &c);
	return rc ? rc : case_stays_show(req, &c, NULL);
}

struct book_change {
	struct trial_booking b;  /* what to store */
	struct stay_quota quota; /* the limit's numbers when it refused */
	const char *field;       /* the field at fault */
	const char *msg;         /* why it was refused */
};

static int book(struct request *req, void *ctx, struct audit_event *e)
{
	struct book_change *c = ctx;
	struct access acc = access_of(req);
	int rc = stay_book(req->db, req->arena, &c->b, req->session.user.id, acc.today, &c->quota, &c->field, &c->msg);
	if (!rc)
		e->object_id = page_id(req, c->b.id);
	return rc;
}

int stays_book(struct request *req)
{
	struct support_case kase;
	int rc = visible_case(req, req->id, &kase);
	if (rc)
		return rc;
	struct book_change c = { .b = {
		.room_id = page_form_id(req, "room_id"),
		.case_id = kase.id,
		.starts_on = (char *)request_form(req, "starts_on"),
		.ends_on = (char *)request_form(req, "ends_on"),
	} };
	rc = page_write(req, book, &c, "stay.book", "trial_booking", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct stays_form f = { .error = refusal(req, rc, c.msg, &c.quota), .field = c.field,
					.room_id = c.b.room_id, .starts_on = c.b.starts_on, .ends_on = c.b.ends_on };
		return case_stays_show(req, &kase, &f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/cases/%" PRId64 "/stays?done=booked", kase.id));
}

/* ---- a booking ---- */

struct booking_change {
	int64_t id;          /* the booking */
	const char *outcome; /* the note, for an outcome */
	const char *field;   /* the field at fault */
	const char *msg;     /* why it was refused */
};

static int cancel(struct request *req, void *ctx, struct audit_event *e)
{
	struct booking_change *c = ctx;
	struct access acc = access_of(req);
	return stay_cancel(req->db, req->arena, c->id, acc.today, &c->field, &c->msg);
}

int stays_cancel(struct request *req)
{
	struct access acc = access_of(req);
	struct trial_booking b;
	struct support_case kase;
	/* Only someone who sees the case may cancel its stay; to anyone else it does not exist. */
	int rc = stay_booking_get(req->db, req->arena, &acc, req->id, &b);
	if (rc || (rc = visible_case(req, b.case_id, &kase)))
		return rc;
	struct booking_change c = { .id = b.id };
	rc = page_write(req, cancel, &c, "stay.cancel", "trial_booking", page_id(req, b.id));
	const char *back = request_form(req, "back");
	bool to_stays = back && strcmp(back, "stays") == 0;
	if (rc == ERR_INVALID) {
		req->status = err_http_status(rc);
		struct stays_form f = { .error = refusal(req, rc, c.msg, NULL), .field = c.field, .booking_id = b.id };
		return to_stays ? stays_show(req, &f) : case_stays_show(req, &kase, &f);
	}
	if (rc)
		return rc;
	return request_redirect(req, to_stays ? "/stays?done=cancelled"
					      : arena_printf(req->arena, "/cases/%" PRId64 "/stays?done=cancelled", kase.id));
}

static int record_outcome(struct request *req, void *ctx, struct audit_event *e)
{
	struct booking_change *c = ctx;
	struct access acc = access_of(req);
	return stay_record_outcome(req->db, req->arena, c->id, c->outcome, acc.today, &c->field, &c->msg);
}

int stays_outcome(struct request *req)
{
	struct access acc = access_of(req);
	struct trial_booking b;
	int rc = stay_booking_get(req->db, req->arena, &acc, req->id, &b);
	if (rc)
		return rc;
	if (!own_home(req, "stay.outcome", b.organisation_id))
		return ERR_NOTFOUND; /* another group home's booking */
	struct booking_change c = { .id = b.id, .outcome = request_form(req, "outcome") };
	rc = page_write(req, record_outcome, &c, "stay.outcome", "trial_booking", page_id(req, b.id));
	if (rc == ERR_INVALID) {
		req->status = err_http_status(rc);
		struct stays_form f = { .error = refusal(req, rc, c.msg, NULL), .field = c.field, .booking_id = b.id,
					.outcome = c.outcome ? c.outcome : "" };
		return stays_show(req, &f);
	}
	return rc ? rc : request_redirect(req, "/stays?done=outcome");
}
