/*
 * peer_registry — the city's registry of peer supporters (ピアサポーター) on screen: /peers with
 * the register form, one supporter's page with their training, assignments and hours, and its
 * edit form. Assignments and activity are peers.c's. A person is named only where the user sees
 * the case, and that read is audited (peer.read).
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

static const struct code done_notices[] = {
	{ "created", N_("The peer supporter was registered."), NULL },
	{ "saved", N_("The peer supporter was saved."), NULL },
	{ NULL, NULL, NULL },
};

/* ---- the registry: /peers and /peers/:id ---- */

/* The supporter's fields: name, peer group, login, training level and date (and, when editing,
 * whether they are active). */
static void peer_fields(struct request *req, const struct page_form *f, const char *form,
			const struct peer_supporter *p)
{
	struct strbuf *h = &req->out;
	page_input(req, f, form, "name", N_("Peer supporter's name"), "text", page_form_value(req, f, form, "name", p ? p->name : ""), true);
	struct organisation *orgs;
	size_t no = 0;
	directory_orgs(req->db, req->arena, &orgs, &no);
	const char *org = page_form_value(req, f, form, "organisation_id",
					  p && p->organisation_id ? page_id(req, p->organisation_id) : "");
	page_select_open(req, f, form, "organisation_id", N_("Peer group"));
	html_option(h, "", T(req, "(none)"), !*org);
	for (size_t i = 0; i < no; i++) {
		const char *id = page_id(req, orgs[i].id);
		if ((orgs[i].active && strcmp(orgs[i].sector, "peer") == 0) || strcmp(org, id) == 0)
			html_option(h, id, orgs[i].name, strcmp(org, id) == 0);
	}
	html_lit(h, "</select></div>");
	struct user *users;
	size_t nu = 0;
	user_list(req->db, req->arena, &users, &nu);
	const char *login = page_form_value(req, f, form, "user_id", p && p->user_id ? page_id(req, p->user_id) : "");
	page_select_open(req, f, form, "user_id", N_("Login (role: peer supporter)"));
	html_option(h, "", T(req, "(no login)"), !*login);
	for (size_t i = 0; i < nu; i++) {
		if (users[i].role != ROLE_PEER)
			continue;
		const char *id = page_id(req, users[i].id);
		html_option(h, id, arena_printf(req->arena, "%s（%s）", users[i].display_name, users[i].login),
			    strcmp(login, id) == 0);
	}
	html_lit(h, "</select></div>");
	page_select_open(req, f, form, "level", N_("Training level"));
	page_code_options(req, peer_levels, page_form_value(req, f, form, "level", p ? p->level : "none"));
	html_lit(h, "</select></div>");
	page_input(req, f, form, "trained_on", N_("Date of the latest training"), "date",
		   page_form_value(req, f, form, "trained_on", p && p->trained_on ? p->trained_on : ""), false);
	if (p) {
		bool active = page_form_is(f, form) ? page_posted(req, "active", "1") : p->active;
		html_printf(h, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s", active ? " checked" : "");
		page_field_state(req, f, form, "active");
		html_printf(h, "> %s</label></div>", T(req, "Active peer supporter"));
	}
	html_printf(h, "<p class=\"hint\">%s</p>",
		    T(req, "With a login, the peer group is the login's organisation. A supporter is assigned to a case only when their group is on its care team."));
}

static int peers_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct peer_supporter *v;
	size_t n;
	int rc = peer_list(req->db, req->arena, &v, &n);
	if (rc)
		return rc;
	struct date today = date_today();
	int fy = date_fiscal_year(today);
	char from[11], to[11];
	date_format_iso((struct date){ fy, 4, 1 }, from);
	date_format_iso(today, to);
	page_begin(req, N_("Peer supporters"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>", T(req, "The peer supporters (ピアサポーター) the city knows, with their training, and the time they gave this fiscal year."));
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No peer supporters registered yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			       "</tr></thead><tbody>",
			    T(req, "Peer supporter"), T(req, "Peer group"), T(req, "Training"), T(req, "Login"), T(req, "Open assignments"),
			    T(req, "Hours this fiscal year"));
		for (size_t i = 0; i < n; i++) {
			const struct peer_supporter *p = &v[i];
			int minutes = 0;
			if ((rc = peer_minutes(req->db, req->arena, p->id, from, to, &minutes)))
				return rc;
			html_printf(h, "<tr><td><a href=\"/peers/%" PRId64 "\">%s</a>%s</td><td>%s</td><td>%s ", p->id, p->name,
				    p->active ? "" : T(req, " (inactive)"), p->organisation_name ? p->organisation_name : "—",
				    T(req, code_label(peer_levels, p->level)));
			if (p->trained_on)
				page_date(req, p->trained_on);
			html_printf(h, "</td><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%s</td></tr>",
				    p->login ? p->login : "—", p->open_assignments, page_minutes_text(req, minutes));
		}
		html_lit(h, "</tbody></table>");
	}
	if (page_may(req, "peer.manage")) {
		html_printf(h, "<section class=\"card\"><h2 id=\"register\">%s</h2>", T(req, "Register a peer supporter"));
		page_form_error(req, f, "register");
		html_form_open(h, "/peers", req->session.csrf);
		peer_fields(req, f, "register", NULL);
		html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Register"));
	}
	page_end(req);
	return 0;
}

int peers_page(struct request *req)
{
	return peers_show(req, NULL);
}

struct peer_change {
	struct page_form f;       /* the form; the field at fault and why, when refused */
	struct peer_supporter p;  /* what to store */
};

static int save_run(struct request *req, void *ctx, struct audit_event *ae)
{
	struct peer_change *k = ctx;
	struct municipality m;
	struct access acc;
	page_access(req, &acc);
	int rc = directory_municipality(req->db, req->arena, &m);
	if (rc || (rc = peer_save(req->db, req->arena, m.code, &k->p, acc.today, &k->f.field, &k->f.msg)))
		return rc;
	ae->object_id = page_id(req, k->p.id);
	return 0;
}

static struct peer_supporter posted_peer(struct request *req)
{
	return (struct peer_supporter){
		.name = (char *)request_form(req, "name"),
		.organisation_id = page_form_id(req, "organisation_id"),
		.user_id = page_form_id(req, "user_id"),
		.level = (char *)request_form(req, "level"),
		.trained_on = (char *)request_form(req, "trained_on"),
		.active = true,
	};
}

int peer_create(struct request *req)
{
	struct peer_change k = { .f = { .name = "register" }, .p = posted_peer(req) };
	int rc = page_write(req, save_run, &k, "peer.create", "peer_supporter", NULL);
	if (page_refused(req, rc, &k.f))
		return peers_show(req, &k.f);
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/peers/%" PRId64 "?done=created", k.p.id));
}

static int peer_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct access acc;
	page_access(req, &acc);
	struct peer_supporter p;
	struct peer_assignment *v;
	size_t n;
	int rc = peer_get(req->db, req->arena, req->id, &p);
	if (rc || (rc = peer_assignments_of_peer(req->db, req->arena, &acc, p.id, false, &v, &n)))
		return rc;
	bool names = false;
	for (size_t i = 0; i < n; i++)
		names |= v[i].visible;
	if (names && (rc = page_audit_read(req, "peer.read", "peer_supporter", page_id(req, p.id))))
		return rc;
	page_begin(req, N_("Peer supporter"));
	page_done_notice(req, done_notices);
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s ", T(req, "Peer supporter's name"),
		    p.name, p.active ? "" : T(req, " (inactive)"), T(req, "Peer group"),
		    p.organisation_name ? p.organisation_name : "—", T(req, "Training"), T(req, code_label(peer_levels, p.level)));
	if (p.trained_on)
		page_date(req, p.trained_on);
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd></dl>", T(req, "Login"), p.login ? p.login : "—");
	html_printf(h, "<section class=\"card\"><h2 id=\"assignments\">%s</h2>", T(req, "Assignments"));
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No assignments yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
			    T(req, "Person"), T(req, "From"), T(req, "Ended on"), T(req, "Time"));
		for (size_t i = 0; i < n; i++) {
			if (v[i].visible)
				html_printf(h, "<tr><td><a href=\"/cases/%" PRId64 "#peers\">%s</a></td>", v[i].case_id,
					    v[i].person_name);
			else
				html_printf(h, "<tr><td>%s</td>", T(req, "A case you do not see"));
			page_date_cell(req, v[i].from_on);
			if (v[i].until_on)
				page_date_cell(req, v[i].until_on);
			else
				html_printf(h, "<td>%s</td>", T(req, "(continuing)"));
			html_printf(h, "<td class=\"num\">%s</td></tr>", page_minutes_text(req, v[i].minutes));
		}
		html_lit(h, "</tbody></table>");
	}
	html_lit(h, "</section>");
	if (page_may(req, "peer.manage")) {
		html_printf(h, "<section class=\"card\"><h2 id=\"details\">%s</h2>", T(req, "Training and status"));
		page_form_error(req, f, "details");
		html_form_open(h, arena_printf(req->arena, "/peers/%" PRId64, p.id), req->session.csrf);
		peer_fields(req, f, "details", &p);
		html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Save"));
	}
	html_printf(h, "<p><a href=\"/peers\">%s</a></p>", T(req, "All peer supporters"));
	page_end(req);
	return 0;
}

int peer_page(struct request *req)
{
	return peer_show(req, NULL);
}

int peer_update(struct request *req)
{
	struct peer_change k = { .f = { .name = "details" }, .p = posted_peer(req) };
	k.p.id = req->id;
	k.p.active = page_posted(req, "active", "1");
	int rc = page_write(req, save_run, &k, "peer.update", "peer_supporter", page_id(req, req->id));
	if (page_refused(req, rc, &k.f))
		return peer_show(req, &k.f);
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/peers/%" PRId64 "?done=saved#details", req->id));
}
