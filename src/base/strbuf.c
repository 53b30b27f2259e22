/* strbuf — see strbuf.h. */
#include "strbuf.h"

#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void strbuf_init(struct strbuf *sb, struct arena *a, size_t limit)
{
	*sb = (struct strbuf){ .arena = a, .limit = limit };
}

/* Makes room for n more bytes plus the NUL; false (and failed set) when it cannot. */
static bool strbuf_grow(struct strbuf *sb, size_t n)
{
	if (sb->failed)
		return false;
	if (sb->limit && (n > sb->limit || sb->len > sb->limit - n)) {
		sb->failed = true;
		return false;
	}
	if (sb->len + n + 1 <= sb->alloc)
		return true;
	size_t want = sb->alloc ? sb->alloc * 2 : 256;
	while (want < sb->len + n + 1)
		want *= 2;
	char *p = arena_alloc(sb->arena, want);
	if (!p) {
		sb->failed = true;
		return false;
	}
	if (sb->len)
		memcpy(p, sb->buf, sb->len);
	sb->buf = p;
	sb->alloc = want;
	return true;
}

void strbuf_append(struct strbuf *sb, const char *s, size_t n)
{
	if (!strbuf_grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_append(sb, &c, 1);
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->failed = true;
		return;
	}
	if (!strbuf_grow(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
