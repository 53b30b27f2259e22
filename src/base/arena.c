/* arena — bump allocation in growing blocks, released together. See arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16 * 1024, ARENA_ALIGN = 16 };

struct arena_block {
	struct arena_block *next; /* older block */
	size_t size;              /* bytes in data[] */
	size_t fill;              /* bytes of data[] handed out */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup *next; /* older cleanup */
	void (*fn)(void *ctx);      /* what to run */
	void *ctx;                  /* its argument */
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("tsunagu: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct arena *arena_create(size_t cap)
{
	struct arena *a = xmalloc(sizeof *a);
	*a = (struct arena){ .cap = cap };
	return a;
}

void arena_destroy(struct arena *a)
{
	if (!a)
		return;
	while (a->cleanups) {
		struct arena_cleanup *c = a->cleanups;
		a->cleanups = c->next;
		c->fn(c->ctx); /* its memory is in a block, freed below */
	}
	while (a->blocks) {
		struct arena_block *b = a->blocks;
		a->blocks = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n || (a->cap && (need > a->cap || a->used > a->cap - need))) {
		a->over_cap = true;
		return NULL;
	}
	struct arena_block *b = a->blocks;
	if (!b || b->size - b->fill < need) {
		size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->fill = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->fill;
	b->fill += need;
	a->used += need;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

bool arena_defer(struct arena *a, void (*fn)(void *ctx), void *ctx)
{
	struct arena_cleanup *c = arena_alloc(a, sizeof *c);
	if (!c) {
		fn(ctx);
		return false;
	}
	c->fn = fn;
	c->ctx = ctx;
	c->next = a->cleanups;
	a->cleanups = c;
	return true;
}
