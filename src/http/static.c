/* static — embedded assets. See static.h. */
#include "static.h"

#include "arena.h"
#include "auth/crypto.h"
#include "embedded.h"
#include "error.h"
#include "request.h"

#include <stdio.h>
#include <string.h>

enum { MAX_ASSETS = 32 };

static struct {
	char etag[68]; /* "\"<64 hex>\"" */
	char url[128]; /* /static/name?v=<first 12 hex> */
} assets[MAX_ASSETS];

void static_init(void)
{
	for (int i = 0; embedded_static[i].name && i < MAX_ASSETS; i++) {
		char h[65];
		crypto_hash_hex(embedded_static[i].data, embedded_static[i].len, h);
		snprintf(assets[i].etag, sizeof assets[i].etag, "\"%s\"", h);
		snprintf(assets[i].url, sizeof assets[i].url, "/static/%s?v=%.12s",
			 embedded_static[i].name, h);
	}
}

static int find(const char *name)
{
	for (int i = 0; name && embedded_static[i].name && i < MAX_ASSETS; i++)
		if (strcmp(embedded_static[i].name, name) == 0)
			return i;
	return -1;
}

const char *static_url(const char *name)
{
	int i = find(name);
	return i >= 0 ? assets[i].url : name;
}

static const char *type_of(const char *name)
{
	static const char *types[][2] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

int static_serve(struct request *req)
{
	int i = find(req->arg);
	if (i < 0)
		return ERR_NOTFOUND;
	req->cacheable = true;
	req->content_type = type_of(req->arg);
	request_set_header(req, "ETag", assets[i].etag);
	/* The URL carries the hash, so a day's caching never serves a stale asset. */
	request_set_header(req, "Cache-Control", "public, max-age=86400");
	const char *inm = request_header(req, "if-none-match");
	if (inm && strcmp(inm, assets[i].etag) == 0) {
		req->status = 304;
		return 0;
	}
	if (strcmp(req->method, "HEAD") != 0)
		strbuf_append(&req->out, (const char *)embedded_static[i].data, embedded_static[i].len);
	return 0;
}
