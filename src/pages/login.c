/*
 * login — the login form, login, logout and the language switch.
 *
 * Before login there is no session to hold a CSRF token, so the form uses a double submit: GET
 * /login sets a random pre-login cookie and puts the same value in the form; POST /login must
 * carry both (the router checks). A successful login always issues a new session token, so a
 * token planted before login is worthless after it.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "db/db.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

static int render_form(struct request *req, const char *login, const char *error)
{
	char *pre = crypto_random_hex(req->arena, 32);
	if (!pre)
		return ERR_TOOBIG;
	request_set_header(req, "Set-Cookie", router_cookie(req, PRELOGIN_COOKIE, pre));
	struct strbuf *h = &req->out;
	page_begin(req, N_("Log in"));
	if (error)
		page_notice(req, "error", error);
	html_lit(h, "<form method=\"post\" action=\"/login\" class=\"login\">");
	html_hidden(h, "csrf", pre);
	html_printf(h,
		    "<div class=\"field\"><label for=\"login\">%s</label>"
		    "<input id=\"login\" name=\"login\" autocomplete=\"username\" required"
		    " autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"></div>",
		    T(req, "Login"), login ? login : "");
	html_printf(h,
		    "<div class=\"field\"><label for=\"password\">%s</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\""
		    " autocomplete=\"current-password\" required></div>",
		    T(req, "Password"));
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Log in"));
	page_end(req);
	return 0;
}

int login_form(struct request *req)
{
	const char *lang = request_query(req, "lang");
	if (lang)
		req->lang = i18n_parse(lang);
	if (req->logged_in)
		return request_redirect(req, "/");
	return render_form(req, NULL, NULL);
}

static int audit_login(struct request *req, int64_t user_id, enum role role, const char *outcome)
{
	struct audit_event e = {
		.user_id = user_id, .role = role, .action = "login", .object_type = "user",
		.addr = req->addr, .outcome = outcome,
	};
	if (user_id)
		e.object_id = arena_printf(req->arena, "%" PRId64, user_id);
	return audit_append(req->db, req->arena, &e);
}

int login_submit(struct request *req)
{
	const char *login = request_form(req, "login");
	const char *password = request_form(req, "password");
	if (!login || !password || !*login || !*password) {
		req->status = 400;
		return render_form(req, login, N_("Enter your login and password."));
	}
	time_t now = time(NULL);
	int rc = db_begin(req->db);
	if (rc)
		return rc;
	int64_t retry;
	rc = throttle_check(req->db, req->arena, login, req->addr, now, &retry);
	if (rc == ERR_THROTTLED) {
		rc = audit_login(req, 0, ROLE_NONE, "refused");
		if (rc || (rc = db_commit(req->db)))
			goto out_rollback;
		req->status = 429;
		request_set_header(req, "Retry-After", arena_printf(req->arena, "%" PRId64, retry));
		return render_form(req, login, N_("Too many attempts. Please wait and try again."));
	}
	if (rc)
		goto out_rollback;

	struct user u;
	char *hash = NULL;
	rc = user_by_login(req->db, req->arena, login, &u, &hash);
	if (rc && rc != ERR_NOTFOUND)
		goto out_rollback;
	bool found = rc == 0;
	/* Unknown logins are verified against a dummy hash: the answer takes the same time. */
	bool ok = password_check(found ? hash : NULL, password) && found && !u.disabled;
	if (!ok) {
		if ((rc = throttle_fail(req->db, req->arena, login, req->addr, now)) ||
		    (rc = audit_login(req, found ? u.id : 0, found ? u.role : ROLE_NONE, "failed")) ||
		    (rc = db_commit(req->db)))
			goto out_rollback;
		req->status = 401;
		return render_form(req, login, err_text(ERR_AUTH));
	}

	/* A session cookie sent with the login belongs to an earlier login: end it. */
	const char *old = request_cookie(req, SESSION_COOKIE);
	struct session s;
	if ((old && (rc = session_end(req->db, req->arena, old))) ||
	    (rc = session_create(req->db, req->arena, u.id, now, &s)) ||
	    (rc = throttle_clear(req->db, req->arena, login)) ||
	    (rc = audit_login(req, u.id, u.role, "ok")) || (rc = db_commit(req->db)))
		goto out_rollback;
	request_set_header(req, "Set-Cookie", router_cookie(req, SESSION_COOKIE, s.token));
	request_set_header(req, "Set-Cookie", router_cookie(req, PRELOGIN_COOKIE, NULL));
	return request_redirect(req, "/");

out_rollback:
	db_rollback(req->db);
	return rc;
}

int logout_submit(struct request *req)
{
	struct audit_event e = {
		.user_id = req->session.user.id, .role = req->session.user.role, .action = "logout",
		.object_type = "user", .object_id = arena_printf(req->arena, "%" PRId64, req->session.user.id),
		.addr = req->addr, .outcome = "ok",
	};
	int rc = db_begin(req->db);
	if (rc || (rc = session_end(req->db, req->arena, req->session.token)) ||
	    (rc = audit_append(req->db, req->arena, &e)) || (rc = db_commit(req->db))) {
		db_rollback(req->db);
		return rc;
	}
	request_set_header(req, "Set-Cookie", router_cookie(req, SESSION_COOKIE, NULL));
	return request_redirect(req, "/login");
}

int lang_submit(struct request *req)
{
	enum lang lang = i18n_parse(request_form(req, "lang"));
	int rc = db_begin(req->db);
	if (rc || (rc = user_set_lang(req->db, req->arena, req->session.user.id, lang)) ||
	    (rc = db_commit(req->db))) {
		db_rollback(req->db);
		return rc;
	}
	const char *back = request_form(req, "back");
	/* Only a path on this site: never an open redirect. */
	if (!back || back[0] != '/' || back[1] == '/' || !html_url_safe(back))
		back = "/";
	return request_redirect(req, back);
}

int healthz(struct request *req)
{
	req->content_type = "text/plain; charset=utf-8";
	strbuf_puts(&req->out, "ok");
	return 0;
}
