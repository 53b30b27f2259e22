/*
 * router — the one gate every request passes. router_dispatch() finds the route, loads the
 * session, asks the policy, checks the origin and CSRF token of every state change, and only
 * then calls the handler; no handler can forget a check because none makes them.
 *
 * The route table itself lives in pages/routes.c: one line per route, so reading it is reading
 * the whole web surface.
 */
#ifndef TSUNAGU_ROUTER_H
#define TSUNAGU_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

struct request;

/* Path patterns are literal segments, ":id" (a positive integer, into req->id) or ":name" (one
 * segment, into req->arg). Method is "GET" or "POST"; GET never changes state, and every POST
 * needs a valid CSRF token and a same-origin request. */
struct route {
	const char *method;  /* "GET" or "POST" */
	const char *pattern; /* e.g. "/admin/organisations/:id" */
	const char *policy;  /* an action of the policy table, or POLICY_PUBLIC */
	int (*handler)(struct request *req); /* 0, or a negative enum err for an error page */
	const char *summary; /* one line for the docs */
};

struct site {
	const struct route *routes; /* the table */
	size_t n;                   /* its length */
	/* Renders the error page for status with a gettext msgid (403, 404, 405, 413, 500 …). */
	void (*render_error)(struct request *req, int status, const char *msgid);
};

/* Name of the session cookie, and of the pre-login CSRF cookie (double submit). */
#define SESSION_COOKIE "__Host-tsunagu"
#define PRELOGIN_COOKIE "__Host-tsunagu-pre"

/* Checks the table before the server starts: each route names a known policy, its method is GET
 * or POST, its pattern is well formed (no empty segment, no parameter but :id and :name) and no
 * two routes of one method can match the same path. false with *msg saying which. */
bool router_check(const struct site *site, const char **msg, char *buf, size_t bufsize);

/* Handles req completely: on return req->status, headers and body are the response. */
void router_dispatch(const struct site *site, struct request *req);

/* True when pattern matches path (filling req->id / req->arg when req is non-NULL). */
bool router_match(const char *pattern, const char *path, struct request *req);

/* A Set-Cookie value for a __Host- cookie that ends with the browser session; value NULL makes
 * one that deletes the cookie. */
const char *router_cookie(struct request *req, const char *name, const char *value);

#endif
