/*
 * layout — the frame around every page: head, header, navigation (only what the policy allows
 * this role), language switch, logout; the error page; the audited-write helper.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "error.h"
#include "http/static.h"
#include "pages.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

static const struct {
	const char *path;   /* where it goes */
	const char *label;  /* msgid */
	const char *action; /* shown only when the role may do this */
} nav[] = {
	{ "/", N_("Dashboard"), "home.view" },
	{ "/persons", N_("Persons"), "person.view" },
	{ "/cases", N_("Cases"), "case.view" },
	{ "/stays", N_("Trial stays"), "stay.view" },
	{ "/housing", N_("Housing referral"), "housing.request" },
	{ "/referrals", N_("Housing requests"), "referral.view" },
	{ "/listings", N_("Our listings"), "listing.edit" },
	{ "/housing/agents", N_("Agent firms"), "agent.manage" },
	{ "/feedback", N_("Agents' feedback"), "feedback.view" },
	{ "/feedback/new", N_("Feedback"), "feedback.send" },
	{ "/meetings", N_("Meetings"), "meeting.view" },
	{ "/events", N_("Events"), "event.view" },
	{ "/calendar", N_("Calendar"), "calendar.view" },
	{ "/peers", N_("Peer supporters"), "peer.view" },
	{ "/programmes", N_("Programmes"), "programme.view" },
	{ "/plan", N_("Plan"), "plan.view" },
	{ "/indicators", N_("Indicators"), "indicator.view" },
	{ "/sheet", N_("Status sheet"), "indicator.view" },
	{ "/admin/organisations", N_("Organisations"), "directory.view" },
	{ "/admin/users", N_("Users"), "users.manage" },
	{ "/admin/municipality", N_("Municipality"), "directory.view" },
	{ "/audit", N_("Audit log"), "audit.view" },
};

static void header(struct request *req)
{
	struct strbuf *h = &req->out;
	html_lit(h, "<header class=\"site\"><div class=\"bar\">");
	html_printf(h, "<a class=\"brand\" href=\"/\">%s <span lang=\"en\">tsunagu</span></a>",
		    "つなぐ");
	if (req->logged_in) {
		struct municipality m;
		if (directory_municipality(req->db, req->arena, &m) == 0)
			html_printf(h, "<span class=\"muni\">%s</span>", m.name);
		html_lit(h, "<div class=\"who\">");
		html_printf(h, "<span class=\"user\">%s</span><span class=\"role\">%s・%s</span>",
			    req->session.user.display_name, T(req, role_label(req->session.user.role)),
			    req->session.user.organisation_name);
		html_form_open(h, "/lang", req->session.csrf);
		html_hidden(h, "back", req->path);
		if (req->lang == LANG_JA)
			html_lit(h, "<button name=\"lang\" value=\"en\" class=\"link\" lang=\"en\">English</button>");
		else
			html_lit(h, "<button name=\"lang\" value=\"ja\" class=\"link\" lang=\"ja\">日本語</button>");
		html_lit(h, "</form>");
		html_form_open(h, "/logout", req->session.csrf);
		html_printf(h, "<button class=\"link\">%s</button></form>", T(req, "Log out"));
		html_lit(h, "</div>");
	} else {
		html_lit(h, "<div class=\"who\">");
		if (req->lang == LANG_JA)
			html_lit(h, "<a href=\"/login?lang=en\" lang=\"en\">English</a>");
		else
			html_lit(h, "<a href=\"/login?lang=ja\" lang=\"ja\">日本語</a>");
		html_lit(h, "</div>");
	}
	html_lit(h, "</div>");
	if (req->logged_in) {
		html_printf(h, "<nav aria-label=\"%s\"><ul>", T(req, "Main menu"));
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			if (policy_scope(req->session.user.role, nav[i].action) == SCOPE_NONE)
				continue;
			bool here = strcmp(req->path, nav[i].path) == 0;
			html_lit(h, "<li><a");
			html_href(h, nav[i].path);
			if (here)
				html_lit(h, " aria-current=\"page\"");
			html_printf(h, ">%s</a></li>", T(req, nav[i].label));
		}
		html_lit(h, "</ul></nav>");
	}
	html_lit(h, "</header>");
}

void page_begin(struct request *req, const char *title_msgid)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">",
		    i18n_code(req->lang));
	html_lit(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
	html_printf(h, "<title>%s | %s</title>", T(req, title_msgid), T(req, "tsunagu"));
	html_lit(h, "<link rel=\"icon\" type=\"image/svg+xml\"");
	html_href(h, static_url("favicon.svg"));
	html_lit(h, "><link rel=\"stylesheet\"");
	html_href(h, static_url("style.css"));
	html_lit(h, "><script defer");
	html_attr(h, "src", static_url("app.js"));
	html_lit(h, "></script></head><body>");
	html_printf(h, "<a class=\"skip\" href=\"#main\">%s</a>", T(req, "Skip to content"));
	header(req);
	html_printf(h, "<main id=\"main\"><h1>%s</h1>", T(req, title_msgid));
}

void page_end(struct request *req)
{
	struct strbuf *h = &req->out;
	html_printf(h, "</main><footer class=\"site\"><p>%s</p></footer></body></html>",
		    T(req, "tsunagu: community-based integrated care for mental health"));
}

void page_notice(struct request *req, const char *kind, const char *msgid)
{
	html_printf(&req->out, "<div class=\"notice %s\" role=\"%s\">%s</div>", kind,
		    strcmp(kind, "error") == 0 ? "alert" : "status", T(req, msgid));
}

void page_code_options(struct request *req, const struct code *t, const char *selected)
{
	for (; t->code; t++)
		html_option(&req->out, t->code, T(req, t->label), selected && strcmp(selected, t->code) == 0);
}

void page_error(struct request *req, int status, const char *msgid)
{
	static const struct {
		int status;        /* HTTP status */
		const char *title; /* msgid */
	} titles[] = {
		{ 400, N_("The input could not be accepted") }, { 401, N_("Login failed") },
		{ 403, N_("Not permitted") },                   { 404, N_("Not found") },
		{ 405, N_("Method not allowed") },              { 409, N_("Conflict") },
		{ 413, N_("Too large") },                       { 429, N_("Too many attempts") },
		{ 503, N_("Busy") },
	};
	const char *title = N_("Something went wrong");
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (titles[i].status == status)
			title = titles[i].title;
	req->status = status;
	req->content_type = "text/html; charset=utf-8";
	page_begin(req, title);
	page_notice(req, "error", msgid);
	html_printf(&req->out, "<p><a href=\"/\">%s</a></p>", T(req, "Back to the dashboard"));
	page_end(req);
}

void page_today(struct request *req)
{
	struct date d = date_today();
	const char *date = jp_format_date(req->arena, d, req->lang);
	const char *fy = jp_fiscal_year_label(req->arena, date_fiscal_year(d), req->lang);
	html_printf(&req->out, "<p class=\"today\">%s%s<time datetime=\"%04d-%02d-%02d\">%s</time> ・ %s</p>",
		    T(req, "Today"), req->lang == LANG_JA ? "：" : ": ", d.year, d.month, d.day, date, fy);
}

static struct audit_event event_of(struct request *req, const char *action, const char *type,
				   const char *id)
{
	return (struct audit_event){
		.user_id = req->session.user.id,
		.role = req->session.user.role,
		.action = action,
		.object_type = type,
		.object_id = id,
		.addr = req->addr,
		.outcome = "ok",
	};
}

int page_write(struct request *req, int (*fn)(struct request *req, void *ctx, struct audit_event *e),
	       void *ctx, const char *action, const char *object_type, const char *object_id)
{
	struct audit_event e = event_of(req, action, object_type, object_id);
	int rc = db_begin(req->db);
	if (rc)
		return rc;
	if ((rc = fn(req, ctx, &e)) || (rc = audit_append(req->db, req->arena, &e))) {
		db_rollback(req->db);
		return rc;
	}
	return db_commit(req->db);
}

void page_access(const struct request *req, struct access *out)
{
	*out = (struct access){
		.role = req->session.user.role,
		.organisation_id = req->session.user.organisation_id,
		.user_id = req->session.user.id,
	};
	date_format_iso(date_today(), out->today);
}

int page_audit_read(struct request *req, const char *action, const char *object_type,
		    const char *object_id)
{
	struct audit_event e = event_of(req, action, object_type, object_id);
	return audit_record(req->db, req->arena, &e);
}

void page_audit_refused(struct request *req, const char *action, const char *object_type,
			const char *object_id)
{
	struct audit_event e = event_of(req, action, object_type, object_id);
	e.outcome = "refused";
	audit_record(req->db, req->arena, &e);
}

const char *page_fill(struct request *req, const char *msgid, ...)
{
	const char *text = T(req, msgid);
	struct strbuf out;
	strbuf_init(&out, req->arena, 0);
	while (*text) {
		const char *value = NULL;
		size_t klen = 0;
		va_list ap;
		va_start(ap, msgid);
		for (const char *k; (k = va_arg(ap, const char *));) {
			const char *v = va_arg(ap, const char *);
			if (strncmp(text, k, strlen(k)) == 0) {
				value = v;
				klen = strlen(k);
				break;
			}
		}
		va_end(ap);
		if (value) {
			strbuf_puts(&out, value);
			text += klen;
		} else {
			strbuf_putc(&out, *text++);
		}
	}
	return strbuf_str(&out);
}

bool page_may(const struct request *req, const char *action)
{
	return policy_scope(req->session.user.role, action) != SCOPE_NONE;
}

const char *page_id(struct request *req, int64_t id)
{
	return arena_printf(req->arena, "%" PRId64, id);
}
