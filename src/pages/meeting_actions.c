/*
 * meeting_actions — a meeting on paper (/meetings/:id/print: full names only for cases the reader
 * may see, initials for the others, no texts of those) and the action items meetings hand out:
 * marking one done (its owner organisation, or the city) and the owner's dashboard card.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "domain/access.h"
#include "error.h"
#include "meeting_view.h"

#include <inttypes.h>
#include <string.h>

/* ---- the printout ---- */

/* The meeting on paper (A4 through the browser's print): the same record as the page, without
 * forms; a reviewed case the reader may not see is named by its person's initials. */
int meeting_print_page(struct request *req)
{
	struct strbuf *h = &req->out;
	struct meeting_view v;
	struct access acc;
	page_access(req, &acc);
	int rc = meeting_view_load(req, req->id, &v);
	if (rc || (v.names && (rc = page_audit_read(req, "meeting.print", "meeting", page_id(req, req->id)))))
		return rc;
	const struct meeting *m = &v.m;
	page_begin(req, N_("Meeting record"));
	html_printf(h, "<p class=\"noprint\"><a href=\"/meetings/%" PRId64 "\">%s</a> ・ %s</p>", m->id,
		    T(req, "Back to the meeting"), T(req, "Print this page from the browser (A4)."));
	html_printf(h, "<section class=\"sheet\"><h2>%s</h2>", m->title);
	meeting_pairs(req, &v);
	html_printf(h, "</dl><h3>%s</h3>", T(req, "Attendance"));
	meeting_attendance_tables(req, &v, false);
	html_printf(h, "<h3>%s</h3>", T(req, "Reviewed cases"));
	if (!v.ncases)
		html_printf(h, "<p>%s</p>", T(req, "No cases reviewed."));
	for (size_t i = 0; i < v.ncases; i++) {
		const struct meeting_case *c = &v.cases[i];
		if (!c->visible) {
			html_printf(h, "<h4>%s</h4><p class=\"hint\">%s</p>", c->initials,
				    T(req, "Its discussion and decision are shown only to those who may see the case."));
			continue;
		}
		html_printf(h, "<h4>#%" PRId64 " %s</h4><dl class=\"pairs\"><dt>%s</dt><dd class=\"text\">%s</dd><dt>%s</dt>"
			       "<dd class=\"text\">%s</dd></dl>",
			    c->case_id, c->person_name, T(req, "Discussion"), c->discussion, T(req, "Decision"),
			    c->decision ? c->decision : "—");
	}
	html_printf(h, "<h3>%s</h3><p class=\"text\">%s</p>", T(req, "Minutes of the meeting"),
		    m->minutes ? m->minutes : T(req, "No minutes yet."));
	html_printf(h, "<h3>%s</h3>", T(req, "Action items"));
	if (!v.nactions)
		html_printf(h, "<p>%s</p>", T(req, "No action items."));
	else
		html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "What to do"), T(req, "Owner"), T(req, "Due"), T(req, "Done on"));
	for (size_t i = 0; i < v.nactions; i++) {
		const struct action_item *it = &v.actions[i];
		html_printf(h, "<tr><td class=\"record-text\">%s</td><td>%s</td>", it->body, it->owner_name);
		meeting_due_cell(req, it, acc.today);
		html_lit(h, "<td>");
		page_date(req, it->done_on);
		html_lit(h, "</td></tr>");
	}
	if (v.nactions)
		html_lit(h, "</tbody></table>");
	html_printf(h, "<p class=\"sheet-foot\">%s</p></section>",
		    page_fill(req, N_("Printed on {date} by {name}."), "{date}", acc.today, "{name}",
			      req->session.user.display_name, NULL));
	page_end(req);
	return 0;
}

/* ---- action items ---- */

struct done_change {
	struct access acc; /* who asks */
	int64_t id;        /* the item */
	const char *field; /* the field at fault */
	const char *msg;   /* why it was refused */
};

static int done_run(struct request *req, void *ctx, struct audit_event *e)
{
	struct done_change *k = ctx;
	return action_item_done(req->db, req->arena, k->id, k->acc.user_id, k->acc.today, &k->field, &k->msg);
}

int action_done(struct request *req)
{
	struct action_item it;
	int rc = action_item_get(req->db, req->arena, req->id, &it);
	if (rc)
		return rc;
	/* Another organisation's item is not this user's to close: as if it were not there. */
	if (!it.done_on && !meeting_may_finish(req, &it))
		return ERR_NOTFOUND;
	struct done_change k = { .id = it.id };
	page_access(req, &k.acc);
	rc = page_write(req, done_run, &k, "action.done", "action_item", page_id(req, it.id));
	const char *back = request_form(req, "back");
	bool home = !back || strcmp(back, "meeting") != 0;
	if (rc == ERR_CONFLICT) {
		req->status = 409;
		page_begin(req, N_("Action items"));
		page_notice(req, "error", k.msg);
		html_printf(&req->out, "<p><a href=\"%s\">%s</a></p>",
			    home ? "/" : arena_printf(req->arena, "/meetings/%" PRId64 "#actions", it.meeting_id), T(req, "Back"));
		page_end(req);
		return 0;
	}
	if (rc)
		return rc;
	return request_redirect(req, home ? "/?done=action_done#action-items"
					  : arena_printf(req->arena, "/meetings/%" PRId64 "?done=action_done#actions",
							 it.meeting_id));
}

int meetings_home_section(struct request *req)
{
	struct strbuf *h = &req->out;
	if (policy_scope(req->session.user.role, "action.done") == SCOPE_NONE)
		return 0;
	struct access acc;
	page_access(req, &acc);
	struct action_item *v;
	size_t n;
	int rc = action_items_open(req->db, req->arena, acc.organisation_id, &v, &n);
	const char *done = request_query(req, "done");
	bool just_done = done && strcmp(done, "action_done") == 0;
	if (rc || (!n && !just_done))
		return rc;
	html_printf(h, "<section class=\"card\" id=\"action-items\"><h2>%s</h2>", T(req, "Action items from meetings"));
	if (just_done)
		page_notice(req, "ok", N_("The action item was marked done."));
	if (!n) {
		html_printf(h, "<p>%s</p></section>", T(req, "Your organisation has no open action items."));
		return 0;
	}
	/* Three narrow columns, the meeting under the text: the card fits a phone. */
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Due"), T(req, "What to do"), T(req, "Actions"));
	for (size_t i = 0; i < n; i++) {
		const struct action_item *it = &v[i];
		page_row_open(req, strcmp(it->due_on, acc.today) < 0);
		meeting_due_cell(req, it, acc.today);
		html_printf(h, "<td>%s<br><span class=\"hint\"><a href=\"/meetings/%" PRId64 "\">%s</a> ", it->body,
			    it->meeting_id, it->meeting_title);
		page_date(req, it->meeting_on);
		html_lit(h, "</span></td><td class=\"actions\">");
		meeting_done_button(req, it, "home", it->body);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></section>");
	return 0;
}
