/* server — the libmicrohttpd seam. See server.h. */
#include "server.h"

#include "arena.h"
#include "db/db.h"
#include "error.h"
#include "log.h"
#include "request.h"
#include "router.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct server {
	struct MHD_Daemon *daemon; /* the libmicrohttpd daemon */
	struct server_config cfg;  /* a copy of the configuration */
};

/* What lives between the calls of the access handler for one request. */
struct conn_ctx {
	struct request req;    /* the request being built */
	bool too_big;          /* the body passed max_body: answer 413 */
	struct timespec start; /* for the duration in the log */
};

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct request *req = cls;
	struct params *p = kind == MHD_HEADER_KIND ? &req->headers
			   : kind == MHD_COOKIE_KIND ? &req->cookies
						     : &req->query;
	if (kind == MHD_HEADER_KIND) {
		/* Only the headers the router and pages read are kept. */
		static const char *wanted[] = { "host", "origin", "referer", "sec-fetch-site",
						"content-type", "if-none-match", "x-csrf-token" };
		bool keep = false;
		for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
			keep |= strcasecmp(key, wanted[i]) == 0;
		if (!keep)
			return MHD_YES;
	}
	if (kind == MHD_GET_ARGUMENT_KIND && value && !utf8_valid(value, strlen(value)))
		return MHD_YES; /* a malformed argument is dropped, as if absent */
	params_add(req->arena, p, arena_strdup(req->arena, key),
		   arena_strdup(req->arena, value ? value : ""));
	return MHD_YES;
}

static void client_addr(struct MHD_Connection *c, struct request *req)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
	}
	req->addr = arena_strdup(req->arena, buf);
}

/* Collects one multipart body: fields go to req->form, files to req->uploads. */
struct multipart {
	struct request *req;   /* where the parts go */
	struct strbuf *parts;  /* one buffer per part, in order */
	const char **names;    /* each part's field name */
	const char **files;    /* each part's file name, NULL for a plain field */
	size_t n;              /* parts so far */
	bool bad;              /* too many parts, or the arena is full */
};

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct multipart *m = cls;
	struct arena *a = m->req->arena;
	if (!key)
		return MHD_YES;
	/* A new part starts at offset 0; later chunks of the same part continue the last buffer. */
	if (off == 0 || m->n == 0 || strcmp(m->names[m->n - 1], key) != 0) {
		if (m->n == REQUEST_MAX_FIELDS) {
			m->bad = true;
			return MHD_NO;
		}
		strbuf_init(&m->parts[m->n], a, 0);
		m->names[m->n] = arena_strdup(a, key);
		m->files[m->n] = filename ? arena_strdup(a, filename) : NULL;
		m->n++;
	}
	strbuf_append(&m->parts[m->n - 1], data, size);
	if (m->parts[m->n - 1].failed) {
		m->bad = true;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Parses req->body as multipart/form-data. False when it is malformed or too large. */
static bool parse_multipart(struct MHD_Connection *c, struct request *req)
{
	struct arena *a = req->arena;
	struct multipart m = { .req = req };
	m.parts = arena_alloc(a, REQUEST_MAX_FIELDS * sizeof *m.parts);
	m.names = arena_alloc(a, REQUEST_MAX_FIELDS * sizeof *m.names);
	m.files = arena_alloc(a, REQUEST_MAX_FIELDS * sizeof *m.files);
	if (!m.parts || !m.names || !m.files)
		return false;
	struct MHD_PostProcessor *pp = MHD_create_post_processor(c, 64 * 1024, on_part, &m);
	if (!pp)
		return false;
	enum MHD_Result ok = MHD_post_process(pp, req->body.len ? req->body.buf : "", req->body.len);
	MHD_destroy_post_processor(pp);
	if (ok != MHD_YES || m.bad)
		return false;
	req->uploads = arena_alloc(a, (m.n + 1) * sizeof *req->uploads);
	if (!req->uploads)
		return false;
	for (size_t i = 0; i < m.n; i++) {
		const char *text = strbuf_str(&m.parts[i]);
		if (m.files[i]) {
			req->uploads[req->nuploads++] = (struct upload){ m.names[i], m.files[i], text, m.parts[i].len };
		} else if (!utf8_valid(text, m.parts[i].len) ||
			   !params_add(a, &req->form, m.names[i], text)) {
			return false;
		}
	}
	return true;
}

static bool is_multipart(const char *type)
{
	return type && strncasecmp(type, "multipart/form-data", 19) == 0;
}

struct pool_loan {
	struct db_pool *pool; /* where the connection goes back */
	struct db *db;        /* the connection */
};

static void return_db(void *p)
{
	struct pool_loan *l = p;
	db_pool_put(l->pool, l->db);
}

static enum MHD_Result respond(struct MHD_Connection *c, struct server *s, struct conn_ctx *ctx)
{
	struct request *req = &ctx->req;
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect, req);
	MHD_get_connection_values(c, MHD_COOKIE_KIND, collect, req);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, req);
	client_addr(c, req);

	struct pool_loan *loan = arena_alloc(req->arena, sizeof *loan);
	if (loan) {
		loan->pool = s->cfg.pool;
		loan->db = db_pool_get(s->cfg.pool);
		req->db = loan->db;
		arena_defer(req->arena, return_db, loan);
	}
	if (loan && !ctx->too_big && strcmp(req->method, "POST") == 0 &&
	    is_multipart(request_header(req, "content-type")) && !parse_multipart(c, req))
		ctx->too_big = true; /* malformed or past the limits: nothing of it reaches a handler */
	if (!loan || ctx->too_big || req->arena->over_cap) {
		req->status = 413;
		req->content_type = "text/html; charset=utf-8";
		if (req->db)
			s->cfg.site->render_error(req, 413, err_text(ERR_TOOBIG));
		else
			strbuf_puts(&req->out, "request too large");
	} else {
		router_dispatch(s->cfg.site, req);
	}
	if (req->out.failed || req->arena->over_cap) {
		/* The page could not be built within its limits: nothing half-written goes out. */
		req->status = 500;
		req->out.failed = false;
		req->out.len = 0;
		req->content_type = "text/plain; charset=utf-8";
	}

	struct MHD_Response *r = MHD_create_response_from_buffer(
		req->out.len, req->out.len ? req->out.buf : (void *)"", MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
	MHD_add_response_header(r, "Content-Type", req->content_type);
	if (!req->cacheable)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	for (size_t i = 0; i < req->out_headers.n; i++)
		MHD_add_response_header(r, req->out_headers.v[i].name, req->out_headers.v[i].value);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)req->status, r);
	MHD_destroy_response(r);

	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	long ms = (end.tv_sec - ctx->start.tv_sec) * 1000 + (end.tv_nsec - ctx->start.tv_nsec) / 1000000;
	/* The route's pattern, never the path: a path may carry an id or a search term. */
	log_msg(req->status >= 500 ? LOG_WARN : LOG_DEBUG, "%s %s %d %ldms", req->method,
		req->route ? req->route->pattern : "-", req->status, ms);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct conn_ctx *ctx = *con_cls;
	if (!ctx) {
		/* Uploads get their own, larger limits; everything else stays small. */
		bool upload = is_multipart(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
		struct arena *a = arena_create(upload ? s->cfg.upload_arena_cap : s->cfg.arena_cap);
		ctx = arena_zalloc(a, sizeof *ctx);
		if (!ctx) {
			arena_destroy(a);
			return MHD_NO;
		}
		ctx->req.arena = a;
		clock_gettime(CLOCK_MONOTONIC, &ctx->start);
		ctx->req.method = arena_strdup(a, method);
		ctx->req.path = arena_strdup(a, url);
		strbuf_init(&ctx->req.body, a, upload ? s->cfg.max_upload : s->cfg.max_body);
		strbuf_init(&ctx->req.out, a, 0);
		*con_cls = ctx;
		return MHD_YES; /* answer on a later call: see the file comment */
	}
	if (*upload_data_size) {
		if (!ctx->too_big) {
			strbuf_append(&ctx->req.body, upload_data, *upload_data_size);
			ctx->too_big = ctx->req.body.failed;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	return respond(c, s, ctx);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *ctx = *con_cls;
	if (ctx)
		arena_destroy(ctx->req.arena);
	*con_cls = NULL;
}

/* libmicrohttpd's own error messages can quote a request's URL or headers; only the message's
 * format — which holds no request data — reaches our log. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)ap;
	size_t n = strcspn(fmt, "\n");
	log_warn("libmicrohttpd: %.*s", (int)n, fmt);
}

struct server *server_start(const struct server_config *cfg, const char **msg)
{
	struct server *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->cfg = *cfg;
	struct sockaddr_storage ss = { 0 };
	socklen_t len;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	if (inet_pton(AF_INET, cfg->address, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		((struct sockaddr_in *)&ss)->sin_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)cfg->port);
		len = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, cfg->address, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)cfg->port);
		len = sizeof(struct sockaddr_in6);
		flags |= MHD_USE_IPv6;
	} else {
		*msg = "the listen address must be an IP address such as 127.0.0.1";
		free(s);
		return NULL;
	}
	(void)len;
	/* The logger comes first: messages about the options after it would otherwise go to
	 * libmicrohttpd's own logger, with their arguments, and it warns so at every start. */
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads < 2 ? 2 : cfg->threads),
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_END);
	if (!s->daemon) {
		*msg = "cannot listen on that address and port (is another server using it?)";
		free(s);
		return NULL;
	}
	return s;
}

unsigned server_port(const struct server *s)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return di ? di->port : 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}
