/*
 * request — one HTTP request as the router and handlers see it, with no trace of libmicrohttpd:
 * server.c fills it, router.c dispatches it, a handler reads it and writes the response into it.
 * Everything hangs off req->arena and is freed when the request completes.
 *
 * Parsing here has limits (fields, lengths) and rejects malformed input instead of guessing;
 * these parsers take outside input and are fuzzed (tests/fuzz).
 */
#ifndef TSUNAGU_REQUEST_H
#define TSUNAGU_REQUEST_H

#include "auth/session.h"
#include "jp.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct route;

enum { REQUEST_MAX_FIELDS = 200, REQUEST_MAX_HEADERS = 12 };

struct param {
	const char *name;  /* decoded field name */
	const char *value; /* decoded value (UTF-8 checked) */
};

struct params {
	struct param *v; /* the fields, in order */
	size_t n;        /* how many */
};

/* A file sent with a multipart/form-data form. */
struct upload {
	const char *field;    /* the form field's name */
	const char *filename; /* the name the browser gave, as sent (never trusted as a path) */
	const char *data;     /* the bytes, NUL-terminated for convenience (may contain NULs) */
	size_t len;           /* how many */
};

struct request {
	struct arena *arena;     /* everything below lives here */
	const char *method;      /* "GET", "POST", … */
	const char *path;        /* decoded path, no query */
	const char *addr;        /* client IP address as text */
	struct params headers;   /* request headers (names lower-case) */
	struct params cookies;   /* cookies */
	struct params query;     /* query-string arguments */
	struct params form;      /* body fields (urlencoded or multipart, after parsing) */
	struct upload *uploads;  /* files of a multipart body */
	size_t nuploads;         /* how many */
	struct strbuf body;      /* the raw body */
	struct db *db;           /* borrowed for this request */

	const struct route *route; /* the matched route */
	int64_t id;                /* the path's :id (a positive integer), when the pattern has one */
	const char *arg;           /* the path's :name segment, when the pattern has one */
	bool logged_in;            /* a live session was found */
	struct session session;    /* valid when logged_in */
	enum lang lang;            /* language of the response */

	int status;                     /* response status; 200 unless set */
	const char *content_type;       /* response type; text/html unless set */
	struct strbuf out;              /* response body */
	struct params out_headers;      /* extra response headers (Location, Set-Cookie, …) */
	bool cacheable;                 /* true only for static assets */
};

/* Value of the first field called name, or NULL. */
const char *params_get(const struct params *p, const char *name);

/* Adds a field (strings are not copied). False when full. */
bool params_add(struct arena *a, struct params *p, const char *name, const char *value);

/* Parses application/x-www-form-urlencoded text (also a query string) into p. Returns 0, or
 * ERR_INVALID for malformed escapes or non-UTF-8 text, ERR_TOOBIG past REQUEST_MAX_FIELDS. */
int request_parse_urlencoded(struct arena *a, const char *text, size_t len, struct params *p);

/* Header (name lower-case), cookie, query and form lookups. */
const char *request_header(const struct request *req, const char *name);
const char *request_cookie(const struct request *req, const char *name);
const char *request_query(const struct request *req, const char *name);
const char *request_form(const struct request *req, const char *name);

/* The file sent in field name, or NULL. */
const struct upload *request_upload(const struct request *req, const char *name);

/* Adds a response header. */
void request_set_header(struct request *req, const char *name, const char *value);

/* 303 See Other to a path on this site. */
int request_redirect(struct request *req, const char *path);


#endif
