/*
 * arena — memory that lives exactly as long as one unit of work (an HTTP request, a CLI command).
 *
 * Everything allocated while handling a request comes from its arena and is released at once by
 * arena_destroy(); nothing inside a request calls free(). An arena has a cap: an allocation that
 * would pass it returns NULL and sets arena->over_cap, which the HTTP layer turns into a 413 —
 * hostile input must never grow memory without bound. Real out-of-memory aborts (as Redis's
 * zmalloc does): there is nothing sensible a request can do about it.
 *
 * Cleanups registered with arena_defer() run in LIFO order before the memory is released, so a
 * prepared statement or a borrowed database handle is finalised even on an early return (h2o's
 * dispose).
 */
#ifndef TSUNAGU_ARENA_H
#define TSUNAGU_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block *blocks;     /* newest first; the head is the one being filled */
	struct arena_cleanup *cleanups; /* newest first, run on destroy */
	size_t used;                    /* bytes handed out so far, for the cap */
	size_t cap;                     /* most bytes this arena may hand out; 0 = no cap */
	bool over_cap;                  /* sticky: some allocation was refused by the cap */
};

/* A new arena with the given cap in bytes (0 = unlimited). Never returns NULL. */
struct arena *arena_create(size_t cap);

/* Runs the cleanups (newest first) and frees all memory. NULL is allowed. */
void arena_destroy(struct arena *a);

/* n bytes aligned for any type, or NULL when the cap would be passed. */
void *arena_alloc(struct arena *a, size_t n);

/* Like arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *a, size_t n);

/* A NUL-terminated copy of s[0..n), or NULL over the cap. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* A copy of the C string s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);

/* printf into the arena. Returns NULL over the cap. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs fn(ctx) when the arena is destroyed. Returns false only over the cap (fn is then run at
 * once, so the resource is never leaked). */
bool arena_defer(struct arena *a, void (*fn)(void *ctx), void *ctx);

#endif
