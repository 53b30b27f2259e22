/*
 * codes — the small fixed vocabularies stored as codes and shown as labels: organisation kinds
 * and sectors, sexes, admission types, case stages, team roles, consent scopes, services …
 * Each is a table of struct code ending with a NULL code; the label is a gettext msgid. One type
 * and one set of lookups serve them all.
 */
#ifndef TSUNAGU_CODES_H
#define TSUNAGU_CODES_H

#include <stdbool.h>

struct code {
	const char *code;  /* the stored value */
	const char *label; /* gettext msgid shown to people */
	const char *extra; /* a table's own datum (an organisation kind's default sector), or NULL */
};

/* The entry for code in t, or NULL (also for a NULL code). */
const struct code *code_find(const struct code *t, const char *code);

/* True when code is in t. */
bool code_known(const struct code *t, const char *code);

/* The label of code in t, or the code itself when it is not there. */
const char *code_label(const struct code *t, const char *code);

#endif
