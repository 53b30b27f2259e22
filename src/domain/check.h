/*
 * check — what the domain's writers share to refuse bad input and to read dates back: the
 * refusal (a field and a gettext msgid), texts normalised (NFKC, trimmed) and measured, and the
 * day in Japan of a stored instant. Internal to src/domain.
 */
#ifndef TSUNAGU_CHECK_H
#define TSUNAGU_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db_stmt;

/* Sets *field and *msg and returns rc: how a writer refuses its input. */
int check_refuse(const char **field, const char **msg, const char *f, const char *m, int rc);

/* s after NFKC and trimming, NULL when empty or NULL; *too_long when it passes max bytes (or is
 * not UTF-8: jp_normalize refuses it, and a form says the same either way). */
char *check_text(struct arena *a, const char *s, size_t max, bool *too_long);

/* A required text: as check_text, or NULL with the refusal f, m in *field, *msg when it is
 * empty or too long. */
char *check_required(struct arena *a, const char *s, size_t max, const char **field, const char **msg,
		     const char *f, const char *m);

/* Steps st, a query that answers whether a row exists, into *yes. */
int check_exists(struct db_stmt *st, bool *yes);

/* The day in Japan (YYYY-MM-DD) of Unix time t. */
char *check_day_of(struct arena *a, int64_t t);

#endif
