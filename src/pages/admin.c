/*
 * admin — the directory screens: municipality and wards, organisations, user accounts. The
 * administrator keeps them; the city may read the organisations and wards. No case data here.
 * Each change is written with its audit row in one transaction (page_write); a form that fails
 * validation comes back with the input kept and the reason shown.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "created", N_("Saved."), NULL },
	{ "updated", N_("Saved."), NULL },
	{ "disabled", N_("The user was disabled and their sessions ended."), NULL },
	{ "enabled", N_("The user was enabled."), NULL },
	{ "password", N_("The new password was set."), NULL },
	{ NULL, NULL, NULL },
};

static bool can_manage(struct request *req, const char *action)
{
	return policy_scope(req->session.user.role, action) != SCOPE_NONE;
}

static void ward_options(struct request *req, const char *selected, bool allow_none)
{
	struct ward *w;
	size_t n = 0;
	if (allow_none)
		html_option(&req->out, "", T(req, "(city-wide)"), !selected || !*selected);
	if (directory_wards(req->db, req->arena, &w, &n))
		return;
	for (size_t i = 0; i < n; i++)
		html_option(&req->out, w[i].code, w[i].name, selected && strcmp(selected, w[i].code) == 0);
}

/* The organisation form: empty for a new one (action /admin/organisations), filled for an edit. */
static void org_form(struct request *req, const struct organisation *o, const char *action)
{
	struct strbuf *h = &req->out;
	html_form_open(h, action, req->session.csrf);
	html_printf(h, "<div class=\"field\"><label for=\"org-name\">%s</label>"
		       "<input id=\"org-name\" name=\"name\" required maxlength=\"200\" value=\"%s\"></div>",
		    T(req, "Name"), o->name ? o->name : "");
	html_printf(h, "<div class=\"field\"><label for=\"org-kind\">%s</label><select id=\"org-kind\" name=\"kind\">",
		    T(req, "Kind"));
	page_code_options(req, directory_kinds, o->kind);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"org-sector\">%s</label>"
		       "<select id=\"org-sector\" name=\"sector\">",
		    T(req, "Sector"));
	html_option(h, "", T(req, "(from the kind)"), !o->sector || !*o->sector);
	page_code_options(req, directory_sectors, o->sector);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"org-ward\">%s</label>"
		       "<select id=\"org-ward\" name=\"ward_code\">",
		    T(req, "Ward"));
	ward_options(req, o->ward_code, true);
	html_lit(h, "</select></div>");
	if (o->id) {
		html_printf(h, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> %s</label></div>",
			    o->active ? " checked" : "", T(req, "Active"));
	} else {
		html_hidden(h, "active", "1");
	}
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Save"));
}

static int orgs_page(struct request *req, const struct organisation *draft, const char *error)
{
	struct strbuf *h = &req->out;
	struct organisation *orgs;
	size_t n;
	int rc = directory_orgs(req->db, req->arena, &orgs, &n);
	if (rc)
		return rc;
	page_begin(req, N_("Organisations"));
	page_done_notice(req, done_notices);
	bool manage = can_manage(req, "directory.manage");
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Name"), T(req, "Kind"), T(req, "Sector"), T(req, "Ward"), T(req, "Status"));
	struct ward *wards;
	size_t nw = 0;
	directory_wards(req->db, req->arena, &wards, &nw);
	for (size_t i = 0; i < n; i++) {
		const char *ward = T(req, "(city-wide)");
		for (size_t k = 0; orgs[i].ward_code && k < nw; k++)
			if (strcmp(wards[k].code, orgs[i].ward_code) == 0)
				ward = wards[k].name;
		html_lit(h, "<tr><td>");
		if (manage)
			html_printf(h, "<a href=\"/admin/organisations/%" PRId64 "\">%s</a>", orgs[i].id, orgs[i].name);
		else
			html_text(h, orgs[i].name);
		html_printf(h, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			    T(req, code_label(directory_kinds, orgs[i].kind)),
			    T(req, code_label(directory_sectors, orgs[i].sector)), ward,
			    T(req, orgs[i].active ? N_("Active") : N_("Inactive")));
	}
	html_lit(h, "</tbody></table>");
	if (manage) {
		html_printf(h, "<section class=\"card\"><h2 id=\"add\">%s</h2>", T(req, "Add an organisation"));
		if (error)
			page_notice(req, "error", error);
		org_form(req, draft, "/admin/organisations");
		html_lit(h, "</section>");
	}
	page_end(req);
	return 0;
}

int admin_orgs(struct request *req)
{
	struct organisation empty = { .active = true };
	return orgs_page(req, &empty, NULL);
}

static struct organisation org_from_form(struct request *req)
{
	return (struct organisation){
		.id = req->id,
		.name = (char *)request_form(req, "name"),
		.kind = (char *)request_form(req, "kind"),
		.sector = (char *)request_form(req, "sector"),
		.ward_code = (char *)request_form(req, "ward_code"),
		.active = request_form(req, "active") != NULL,
	};
}

struct org_change {
	struct organisation org; /* what to store */
	const char *msg;         /* why it was refused */
};

static int save_org(struct request *req, void *ctx, struct audit_event *e)
{
	struct org_change *c = ctx;
	int rc = directory_org_save(req->db, req->arena, &c->org, &c->msg);
	if (!rc)
		e->object_id = arena_printf(req->arena, "%" PRId64, c->org.id);
	return rc;
}

int admin_org_create(struct request *req)
{
	struct org_change c = { .org = org_from_form(req) };
	c.org.id = 0;
	int rc = page_write(req, save_org, &c, "organisation.create", "organisation", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return orgs_page(req, &c.org, c.msg);
	}
	return rc ? rc : request_redirect(req, "/admin/organisations?done=created");
}

static int org_edit_page(struct request *req, const struct organisation *o, const char *error)
{
	page_begin(req, N_("Edit the organisation"));
	if (error)
		page_notice(req, "error", error);
	org_form(req, o, arena_printf(req->arena, "/admin/organisations/%" PRId64, o->id));
	html_printf(&req->out, "<p><a href=\"/admin/organisations\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int admin_org_edit(struct request *req)
{
	struct organisation o;
	int rc = directory_org_get(req->db, req->arena, req->id, &o);
	return rc ? rc : org_edit_page(req, &o, NULL);
}

int admin_org_update(struct request *req)
{
	struct org_change c = { .org = org_from_form(req) };
	int rc = page_write(req, save_org, &c, "organisation.update", "organisation", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return org_edit_page(req, &c.org, c.msg);
	}
	return rc ? rc : request_redirect(req, "/admin/organisations?done=updated");
}

/* ---- users ---- */

struct user_change {
	struct user user;   /* who */
	const char *hash;   /* new password hash, when setting one */
	bool disabled;      /* for enable/disable */
	const char *msg;    /* why it was refused */
};

static int users_page(struct request *req, const struct user *draft, const char *error)
{
	struct strbuf *h = &req->out;
	struct user *users;
	size_t n;
	int rc = user_list(req->db, req->arena, &users, &n);
	if (rc || (rc = page_audit_read(req, "user.list", "user", NULL)))
		return rc;
	page_begin(req, N_("Users"));
	page_done_notice(req, done_notices);
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Login"), T(req, "Name"), T(req, "Organisation"), T(req, "Role"),
		    T(req, "Status"), T(req, "Actions"));
	for (size_t i = 0; i < n; i++) {
		const struct user *u = &users[i];
		html_printf(h, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"actions\">",
			    u->login, u->display_name, u->organisation_name, T(req, role_label(u->role)),
			    T(req, u->disabled ? N_("Disabled") : N_("Active")));
		if (u->id != req->session.user.id) {
			html_form_open(h, arena_printf(req->arena, "/admin/users/%" PRId64 "/%s", u->id,
						       u->disabled ? "enable" : "disable"),
				       req->session.csrf);
			html_printf(h, "<button class=\"secondary\">%s</button></form>",
				    T(req, u->disabled ? N_("Enable") : N_("Disable")));
		}
		html_form_open(h, arena_printf(req->arena, "/admin/users/%" PRId64 "/password", u->id),
			       req->session.csrf);
		html_printf(h, "<label class=\"inline\"><span class=\"vh\">%s</span><input type=\"password\" name=\"password\""
			       " autocomplete=\"new-password\" minlength=\"13\" required placeholder=\"%s\"></label>"
			       "<button class=\"secondary\">%s</button></form></td></tr>",
			    T(req, "New password"), T(req, "New password"), T(req, "Set"));
	}
	html_lit(h, "</tbody></table>");

	html_printf(h, "<section class=\"card\"><h2 id=\"add\">%s</h2>", T(req, "Add a user"));
	if (error)
		page_notice(req, "error", error);
	html_form_open(h, "/admin/users", req->session.csrf);
	html_printf(h, "<div class=\"field\"><label for=\"u-login\">%s</label><input id=\"u-login\" name=\"login\""
		       " required autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"></div>",
		    T(req, "Login"), draft->login ? draft->login : "");
	html_printf(h, "<div class=\"field\"><label for=\"u-name\">%s</label><input id=\"u-name\" name=\"display_name\""
		       " required value=\"%s\"></div>",
		    T(req, "Name"), draft->display_name ? draft->display_name : "");
	struct organisation *orgs;
	size_t no = 0;
	directory_orgs(req->db, req->arena, &orgs, &no);
	html_printf(h, "<div class=\"field\"><label for=\"u-org\">%s</label><select id=\"u-org\" name=\"organisation_id\">",
		    T(req, "Organisation"));
	for (size_t i = 0; i < no; i++)
		html_option(h, arena_printf(req->arena, "%" PRId64, orgs[i].id), orgs[i].name,
			    orgs[i].id == draft->organisation_id);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"u-role\">%s</label><select id=\"u-role\" name=\"role\">",
		    T(req, "Role"));
	for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
		html_option(h, role_code((enum role)r), T(req, role_label((enum role)r)), draft->role == (enum role)r);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"u-pw\">%s</label>"
		       "<input id=\"u-pw\" name=\"password\" type=\"password\" autocomplete=\"new-password\""
		       " minlength=\"13\" required aria-describedby=\"u-pw-hint\">"
		       "<p class=\"hint\" id=\"u-pw-hint\">%s</p></div>",
		    T(req, "Password"), T(req, "At least 13 characters."));
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Add"));
	page_end(req);
	return 0;
}

int admin_users(struct request *req)
{
	struct user empty = { 0 };
	return users_page(req, &empty, NULL);
}

static int create_user(struct request *req, void *ctx, struct audit_event *e)
{
	struct user_change *c = ctx;
	int rc = user_create(req->db, req->arena, &c->user, c->hash, &c->msg);
	if (!rc)
		e->object_id = arena_printf(req->arena, "%" PRId64, c->user.id);
	return rc;
}

int admin_user_create(struct request *req)
{
	const char *org = request_form(req, "organisation_id");
	struct user_change c = { .user = {
		.login = (char *)request_form(req, "login"),
		.display_name = (char *)request_form(req, "display_name"),
		.organisation_id = org ? strtoll(org, NULL, 10) : 0,
		.role = role_parse(request_form(req, "role")),
		.lang = LANG_JA,
	} };
	/* Hashing is slow on purpose: do it before taking the write lock. */
	c.hash = password_hash(req->arena, request_form(req, "password"), &c.msg);
	int rc = c.hash ? page_write(req, create_user, &c, "user.create", "user", NULL) : ERR_INVALID;
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return users_page(req, &c.user, c.msg);
	}
	return rc ? rc : request_redirect(req, "/admin/users?done=created");
}

static int set_disabled(struct request *req, void *ctx, struct audit_event *e)
{
	struct user_change *c = ctx;
	return user_set_disabled(req->db, req->arena, req->id, c->disabled);
}

static int toggle(struct request *req, bool disabled)
{
	if (req->id == req->session.user.id)
		return ERR_FORBIDDEN; /* locking oneself out helps nobody */
	struct user_change c = { .disabled = disabled };
	int rc = page_write(req, set_disabled, &c, disabled ? "user.disable" : "user.enable", "user",
			    arena_printf(req->arena, "%" PRId64, req->id));
	return rc ? rc : request_redirect(req, disabled ? "/admin/users?done=disabled" : "/admin/users?done=enabled");
}

int admin_user_disable(struct request *req)
{
	return toggle(req, true);
}

int admin_user_enable(struct request *req)
{
	return toggle(req, false);
}

static int set_password(struct request *req, void *ctx, struct audit_event *e)
{
	struct user_change *c = ctx;
	return user_set_password_hash(req->db, req->arena, req->id, c->hash);
}

int admin_user_password(struct request *req)
{
	struct user_change c = { 0 };
	c.hash = password_hash(req->arena, request_form(req, "password"), &c.msg);
	if (!c.hash) {
		req->status = 400;
		struct user empty = { 0 };
		return users_page(req, &empty, c.msg);
	}
	int rc = page_write(req, set_password, &c, "user.password", "user",
			    arena_printf(req->arena, "%" PRId64, req->id));
	return rc ? rc : request_redirect(req, "/admin/users?done=password");
}

/* ---- municipality and wards ---- */

static int municipality_page(struct request *req, const char *code, const char *name, const char *error)
{
	struct strbuf *h = &req->out;
	struct municipality m;
	struct ward *w;
	size_t n;
	int rc = directory_municipality(req->db, req->arena, &m);
	if (rc || (rc = directory_wards(req->db, req->arena, &w, &n)))
		return rc;
	page_begin(req, N_("Municipality"));
	page_done_notice(req, done_notices);
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><code>%s</code></dd>"
		       "<dt>%s</dt><dd>%s</dd></dl>",
		    T(req, "Name"), m.name, T(req, "Local government code"), m.code,
		    T(req, "Consultation forum"),
		    T(req, strcmp(m.forum_scope, "ward") == 0 ? N_("One per ward") : N_("One for the whole city")));
	html_printf(h, "<h2>%s</h2><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Wards"), T(req, "Code"), T(req, "Name"));
	for (size_t i = 0; i < n; i++)
		html_printf(h, "<tr><td><code>%s</code></td><td>%s</td></tr>", w[i].code, w[i].name);
	html_lit(h, "</tbody></table>");
	if (can_manage(req, "directory.manage")) {
		html_printf(h, "<section class=\"card\"><h2>%s</h2>", T(req, "Add a ward"));
		if (error)
			page_notice(req, "error", error);
		html_form_open(h, "/admin/wards", req->session.csrf);
		html_printf(h, "<div class=\"field\"><label for=\"w-code\">%s</label><input id=\"w-code\" name=\"code\""
			       " required inputmode=\"numeric\" pattern=\"[0-9]{6}\" value=\"%s\"></div>"
			       "<div class=\"field\"><label for=\"w-name\">%s</label><input id=\"w-name\" name=\"name\""
			       " required value=\"%s\"></div><button class=\"primary\">%s</button></form></section>",
			    T(req, "Local government code"), code ? code : "", T(req, "Name"),
			    name ? name : "", T(req, "Add"));
	}
	page_end(req);
	return 0;
}

int admin_municipality(struct request *req)
{
	return municipality_page(req, NULL, NULL, NULL);
}

struct ward_change {
	const char *code, *name; /* from the form */
	const char *msg;         /* why it was refused */
};

static int add_ward(struct request *req, void *ctx, struct audit_event *e)
{
	struct ward_change *c = ctx;
	e->object_id = c->code;
	return directory_ward_add(req->db, req->arena, c->code, c->name, &c->msg);
}

int admin_ward_create(struct request *req)
{
	struct ward_change c = { request_form(req, "code"), request_form(req, "name"), NULL };
	int rc = page_write(req, add_ward, &c, "ward.create", "ward", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return municipality_page(req, c.code, c.name, c.msg);
	}
	return rc ? rc : request_redirect(req, "/admin/municipality?done=created");
}
