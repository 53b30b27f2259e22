/* request — request parsing and accessors. See request.h. */
#include "request.h"

#include "arena.h"
#include "error.h"
#include "utf8.h"

#include <string.h>
#include <strings.h>

bool params_add(struct arena *a, struct params *p, const char *name, const char *value)
{
	if (p->n >= REQUEST_MAX_FIELDS)
		return false;
	if (p->n == 0 || (p->n & (p->n - 1)) == 0) { /* grow at powers of two */
		size_t cap = p->n ? p->n * 2 : 8;
		struct param *v = arena_alloc(a, cap * sizeof *v);
		if (!v)
			return false;
		if (p->n)
			memcpy(v, p->v, p->n * sizeof *v);
		p->v = v;
	}
	p->v[p->n++] = (struct param){ name, value };
	return true;
}

const char *params_get(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return p->v[i].value;
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into the arena; NULL on a bad escape or bad UTF-8. */
static char *decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[w++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3)
				return NULL;
			int hi = hexval(s[i + 1]);
			int lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[w++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[w++] = s[i];
		}
	}
	out[w] = '\0';
	return utf8_valid(out, w) ? out : NULL;
}

int request_parse_urlencoded(struct arena *a, const char *text, size_t len, struct params *p)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && text[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(text + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (text + i)) : end - i;
			char *k = decode(a, text + i, klen);
			char *v = eq ? decode(a, eq + 1, (size_t)(text + end - eq - 1)) : arena_strdup(a, "");
			if (a->over_cap)
				return ERR_TOOBIG;
			if (!k || !v)
				return ERR_INVALID;
			if (!params_add(a, p, k, v))
				return a->over_cap || p->n >= REQUEST_MAX_FIELDS ? ERR_TOOBIG : ERR_INVALID;
		}
		i = end + 1;
	}
	return 0;
}

const char *request_header(const struct request *req, const char *name)
{
	for (size_t i = 0; i < req->headers.n; i++)
		if (strcasecmp(req->headers.v[i].name, name) == 0)
			return req->headers.v[i].value;
	return NULL;
}

const char *request_cookie(const struct request *req, const char *name)
{
	return params_get(&req->cookies, name);
}

const char *request_query(const struct request *req, const char *name)
{
	return params_get(&req->query, name);
}

const char *request_form(const struct request *req, const char *name)
{
	return params_get(&req->form, name);
}

const struct upload *request_upload(const struct request *req, const char *name)
{
	for (size_t i = 0; i < req->nuploads; i++)
		if (strcmp(req->uploads[i].field, name) == 0)
			return &req->uploads[i];
	return NULL;
}

void request_set_header(struct request *req, const char *name, const char *value)
{
	params_add(req->arena, &req->out_headers, name, value);
}

int request_redirect(struct request *req, const char *path)
{
	req->status = 303;
	request_set_header(req, "Location", path);
	return 0;
}
