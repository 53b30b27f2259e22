/* router — the gate. See router.h. */
#include "router.h"

#include "arena.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/policy.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "request.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Compares one segment of pattern with one of path; both end at '/' or NUL. */
static bool match_segment(const char *pat, size_t plen, const char *seg, size_t slen,
			  struct request *req)
{
	if (plen == 3 && memcmp(pat, ":id", 3) == 0) {
		if (slen == 0 || slen > 15 || seg[0] == '0' || strspn(seg, "0123456789") < slen)
			return false;
		if (req)
			req->id = strtoll(seg, NULL, 10);
		return true;
	}
	if (plen == 5 && memcmp(pat, ":name", 5) == 0) {
		if (slen == 0)
			return false;
		if (req)
			req->arg = arena_strndup(req->arena, seg, slen);
		return true;
	}
	return plen == slen && memcmp(pat, seg, plen) == 0;
}

bool router_match(const char *pattern, const char *path, struct request *req)
{
	const char *p = pattern, *s = path;
	if (*p != '/' || *s != '/')
		return false;
	while (*p == '/' && *s == '/') {
		p++;
		s++;
		size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
		if (!match_segment(p, plen, s, slen, req))
			return false;
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}

/* "/" or "/seg/…" without empty segments, whose parameters are only ":id" and ":name": a typo
 * such as ":ID" would otherwise be a literal segment that no request ever uses. */
static bool pattern_ok(const char *p)
{
	if (p[0] != '/')
		return false;
	if (p[1] == '\0')
		return true;
	while (*p == '/') {
		p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			return false;
		if (p[0] == ':' && !(n == 3 && memcmp(p, ":id", 3) == 0) &&
		    !(n == 5 && memcmp(p, ":name", 5) == 0))
			return false;
		p += n;
	}
	return true;
}

/* True when some path matches both (well-formed) patterns. The router takes the first match,
 * so the later route would be shadowed there and the table would depend on its order. */
static bool patterns_collide(const char *a, const char *b)
{
	while (*a == '/' && *b == '/') {
		a++;
		b++;
		size_t alen = strcspn(a, "/"), blen = strcspn(b, "/");
		bool overlap;
		if (a[0] == ':' && b[0] == ':')
			overlap = true; /* "1" fits both :id and :name */
		else if (b[0] == ':')
			overlap = match_segment(b, blen, a, alen, NULL);
		else
			overlap = match_segment(a, alen, b, blen, NULL);
		if (!overlap)
			return false;
		a += alen;
		b += blen;
	}
	return *a == '\0' && *b == '\0';
}

bool router_check(const struct site *site, const char **msg, char *buf, size_t bufsize)
{
	for (size_t i = 0; i < site->n; i++) {
		const struct route *r = &site->routes[i];
		const char *why = NULL;
		if (!r->policy || !policy_known(r->policy))
			why = "names no known policy";
		else if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
			why = "has a method other than GET or POST";
		else if (!pattern_ok(r->pattern) || !r->handler)
			why = "has a malformed pattern or no handler";
		for (size_t j = 0; !why && j < i; j++)
			if (strcmp(site->routes[j].method, r->method) == 0 &&
			    patterns_collide(site->routes[j].pattern, r->pattern))
				why = "matches the same paths as an earlier route";
		if (why) {
			snprintf(buf, bufsize, "route %s %s %s", r->method, r->pattern, why);
			*msg = buf;
			return false;
		}
	}
	return true;
}

const char *router_cookie(struct request *req, const char *name, const char *value)
{
	/* __Host-: Secure, Path=/, no Domain. Browsers accept Secure cookies from loopback HTTP. */
	return arena_printf(req->arena, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict%s", name,
			    value ? value : "", value ? "" : "; Max-Age=0");
}

static void refuse(const struct site *site, struct request *req, int status, const char *msgid)
{
	req->out.len = 0;
	if (req->out.buf)
		req->out.buf[0] = '\0';
	site->render_error(req, status, msgid);
	req->status = status;
}

/* Records a refusal in the audit log: the route's pattern, never the raw path. */
static void audit_refusal(struct request *req, const char *action)
{
	struct audit_event e = {
		.user_id = req->logged_in ? req->session.user.id : 0,
		.role = req->logged_in ? req->session.user.role : ROLE_NONE,
		.action = action,
		.object_type = "route",
		.object_id = req->route ? req->route->pattern : NULL,
		.addr = req->addr,
		.outcome = "refused",
	};
	audit_record(req->db, req->arena, &e);
}

/* A state change must come from our own pages. Browsers say where a request comes from in
 * Sec-Fetch-Site, which then decides: our Referrer-Policy (no-referrer) makes them send
 * "Origin: null" on same-origin form posts, so Origin alone would refuse our own forms. Older
 * browsers send no Sec-Fetch-Site: their Origin must name this host. Clients that send neither
 * (curl, scripts) are not browsers a forged page can drive, and still need the CSRF token. */
static bool same_origin(const struct request *req)
{
	const char *site = request_header(req, "sec-fetch-site");
	if (site)
		return strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
	const char *origin = request_header(req, "origin");
	const char *host = request_header(req, "host");
	if (!origin)
		return true;
	if (!host)
		return false;
	const char *rest = strncmp(origin, "http://", 7) == 0    ? origin + 7
			   : strncmp(origin, "https://", 8) == 0 ? origin + 8
								 : NULL;
	return rest && strcmp(rest, host) == 0;
}

static bool csrf_ok(const struct request *req)
{
	const char *sent = request_form(req, "csrf");
	if (!sent)
		sent = request_header(req, "x-csrf-token");
	/* A public form (login) always carries the pre-login token, even when a still-valid session
	 * cookie comes along: login must then end that session, not refuse the form. */
	if (req->logged_in && strcmp(req->route->policy, POLICY_PUBLIC) != 0)
		return crypto_equal(sent, req->session.csrf);
	/* Before login there is no session: the form's token must equal the pre-login cookie. */
	const char *cookie = request_cookie(req, PRELOGIN_COOKIE);
	return cookie && strlen(cookie) == 64 && crypto_equal(sent, cookie);
}

static void load_session(struct request *req)
{
	const char *token = request_cookie(req, SESSION_COOKIE);
	if (token && session_lookup(req->db, req->arena, token, time(NULL), &req->session) == 0) {
		req->logged_in = true;
		req->lang = req->session.user.lang;
	} else {
		req->lang = i18n_parse(request_cookie(req, "tsunagu-lang"));
	}
}

void router_dispatch(const struct site *site, struct request *req)
{
	req->status = 200;
	req->content_type = "text/html; charset=utf-8";
	const struct route *found = NULL;
	bool path_known = false, has_get = false, has_post = false;
	for (size_t i = 0; i < site->n && !found; i++) {
		if (!router_match(site->routes[i].pattern, req->path, NULL))
			continue;
		path_known = true;
		has_get |= strcmp(site->routes[i].method, "GET") == 0;
		has_post |= strcmp(site->routes[i].method, "POST") == 0;
		if (strcmp(site->routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(site->routes[i].method, "GET") == 0))
			found = &site->routes[i];
	}
	bool is_static = found && strcmp(found->policy, POLICY_PUBLIC) == 0 &&
			 strncmp(found->pattern, "/static/", 8) == 0;
	if (!is_static && found && strcmp(found->pattern, "/healthz") != 0)
		load_session(req);
	if (!found) {
		if (path_known) {
			/* Allow names what this path accepts (RFC 9110): advertising GET on /logout
			 * would invite the very request just refused. GET brings HEAD. */
			const char *allow = "POST";
			if (has_get)
				allow = has_post ? "GET, HEAD, POST" : "GET, HEAD";
			request_set_header(req, "Allow", allow);
			refuse(site, req, 405, N_("This address does not accept that method."));
		} else {
			refuse(site, req, 404, N_("The page was not found."));
		}
		return;
	}
	req->route = found;
	router_match(found->pattern, req->path, req);

	if (strcmp(found->policy, POLICY_PUBLIC) != 0) {
		if (!req->logged_in) {
			if (strcmp(req->method, "POST") == 0) {
				audit_refusal(req, found->policy);
				refuse(site, req, 403, N_("Your session has ended. Please log in again."));
			} else {
				request_redirect(req, "/login");
			}
			return;
		}
		if (policy_scope(req->session.user.role, found->policy) == SCOPE_NONE) {
			audit_refusal(req, found->policy);
			refuse(site, req, 403, N_("You do not have permission for this page."));
			return;
		}
	}
	if (strcmp(req->method, "POST") == 0) {
		const char *type = request_header(req, "content-type");
		int rc = 0;
		if (type && strncmp(type, "application/x-www-form-urlencoded", 33) == 0)
			rc = request_parse_urlencoded(req->arena, strbuf_str(&req->body), req->body.len,
						      &req->form);
		if (rc) {
			refuse(site, req, err_http_status(rc), err_text(rc));
			return;
		}
		if (!same_origin(req) || !csrf_ok(req)) {
			audit_refusal(req, "csrf");
			refuse(site, req, 403,
			       N_("The form has expired or came from another site. Please reload the page and try again."));
			return;
		}
	}
	int rc = found->handler(req);
	if (req->arena->over_cap || req->out.failed)
		rc = ERR_TOOBIG;
	if (rc < 0)
		refuse(site, req, err_http_status(rc), err_text(rc));
}
