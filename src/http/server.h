/*
 * server — the HTTP server on libmicrohttpd (the only file that includes microhttpd.h).
 *
 * Internal polling with epoll and a thread pool; a per-address connection limit; a body-size
 * limit (413); one arena per request, created on the first call of the access handler and freed
 * in the completion callback. Responses are queued on the *second* call of the handler: answering
 * on the first makes libmicrohttpd 0.9.75 close the connection, losing keep-alive (DESIGN §9).
 * Multipart bodies (file uploads) are parsed with libmicrohttpd's own post processor into the
 * request's form fields and uploads, with their own, larger limits.
 * Every response carries the security headers; every response but a static asset carries
 * Cache-Control: no-store.
 */
#ifndef TSUNAGU_SERVER_H
#define TSUNAGU_SERVER_H

#include <stddef.h>

struct db_pool;
struct site;

struct server_config {
	const char *address;        /* IPv4 or IPv6 literal to listen on, e.g. "127.0.0.1" */
	unsigned port;              /* 0 picks a free port */
	unsigned threads;           /* worker threads (at least 2) */
	unsigned per_ip_limit;      /* open connections one address may hold */
	size_t max_body;            /* largest request body accepted, bytes */
	size_t arena_cap;           /* most memory one request may use, bytes */
	size_t max_upload;          /* largest multipart/form-data body (file uploads), bytes */
	size_t upload_arena_cap;    /* most memory an upload request may use, bytes */
	struct db_pool *pool;       /* database connections, at least one per thread */
	const struct site *site;    /* routes and the error page */
};

struct server;

/* Starts serving in background threads. NULL (with *msg) on failure. */
struct server *server_start(const struct server_config *cfg, const char **msg);

/* The port actually bound. */
unsigned server_port(const struct server *s);

/* Stops accepting, finishes requests in flight, and frees the server. */
void server_stop(struct server *s);

#endif
