/*
 * strbuf — the one growable text buffer. Memory comes from an arena, so a buffer is never freed
 * by hand. Errors are sticky (SQLite's StrAccum): once an append fails — the arena's cap or the
 * buffer's own limit — every later append is a no-op and sb->failed stays set; the caller checks
 * once at the end instead of after every append.
 */
#ifndef TSUNAGU_STRBUF_H
#define TSUNAGU_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct strbuf {
	struct arena *arena; /* where the bytes live */
	char *buf;           /* NUL-terminated text, or NULL before the first append */
	size_t len;          /* bytes used, without the NUL */
	size_t alloc;        /* bytes reserved in buf */
	size_t limit;        /* most bytes the text may reach; 0 = only the arena's cap */
	bool failed;         /* sticky: some append was refused */
};

/* An empty buffer in arena a. */
void strbuf_init(struct strbuf *sb, struct arena *a, size_t limit);

void strbuf_append(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The text so far; "" for an empty buffer. Valid until the next append. */
const char *strbuf_str(const struct strbuf *sb);

#endif
