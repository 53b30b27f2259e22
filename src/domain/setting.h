/*
 * setting — the municipality's tunables (session timeouts, throttling limits), stored in the
 * setting table so the city can change them without a rebuild. Defaults come from migrations.
 */
#ifndef TSUNAGU_SETTING_H
#define TSUNAGU_SETTING_H

#include <stdint.h>

struct db;

/* The integer setting key, or fallback when it is missing or not a number. */
int64_t setting_int(struct db *db, const char *key, int64_t fallback);

/* Stores an integer setting. */
int setting_set_int(struct db *db, const char *key, int64_t value);

#endif
