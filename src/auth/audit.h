/*
 * audit — the append-only, hash-chained audit log (DESIGN §7).
 *
 * Each row records who (user id, role), when, what (action, object type and id), from where
 * (address) and how it ended (ok, refused, failed) — never a name or free text. Its hash is
 * BLAKE2b-256 over the previous row's hash and every field of the row, length-prefixed, so editing,
 * deleting, inserting or reordering rows breaks the chain; audit_head holds the last id, hash and
 * count, so cutting rows off the end shows too. A change and its audit row are written in the same
 * transaction: either both are stored or neither.
 */
#ifndef TSUNAGU_AUDIT_H
#define TSUNAGU_AUDIT_H

#include "domain/user.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct audit_event {
	int64_t user_id;         /* 0 when nobody is logged in */
	enum role role;          /* ROLE_NONE when nobody is */
	const char *action;      /* e.g. "login", "user.create", "organisation.read" */
	const char *object_type; /* e.g. "user"; NULL when none */
	const char *object_id;   /* the object's id as text; NULL when none */
	const char *addr;        /* client address; NULL for the command line */
	const char *outcome;     /* "ok", "refused" or "failed" */
};

struct audit_row {
	int64_t id;              /* position in the chain, from 1 */
	int64_t at;              /* epoch seconds */
	struct audit_event e;    /* what was recorded */
	char *hash;              /* this row's hash */
};

/* Appends e. Must run inside a transaction (db_begin) that also holds the change it records. */
int audit_append(struct db *db, struct arena *a, const struct audit_event *e);

/* Appends e in a transaction of its own (logins, refusals, reads) and returns once it is
 * durable. With a group writer running (audit_writer_start), the row is handed to it and
 * committed together with the other requests' rows of the moment, in one transaction and one
 * fsync — a read does not return before its audit row is on disk, but concurrent reads no longer
 * queue one by one for the write lock. Called inside an open transaction, it appends there. */
int audit_record(struct db *db, struct arena *a, const struct audit_event *e);

/* Starts the group writer on its own connection to the database at path (the server does this
 * at start-up); false (with *msg) when the database cannot be opened. */
bool audit_writer_start(const char *path, const char **msg, struct arena *a);

/* Stops the group writer after it has written everything handed to it. */
void audit_writer_stop(void);

struct audit_check {
	bool ok;             /* the whole chain verified */
	int64_t rows;        /* rows checked */
	int64_t broken_id;   /* the first row that failed (0 when the head failed) */
	const char *problem; /* what is wrong, for people (English) */
};

/* Walks the chain from the first row and compares the end with the head. Returns 0 when the walk
 * ran (whatever it found) and fills out. */
int audit_verify(struct db *db, struct arena *a, struct audit_check *out);

/* Up to limit rows with id below before (0 = newest), newest first. */
int audit_list(struct db *db, struct arena *a, int64_t before, int limit, struct audit_row **out,
	       size_t *n);

#endif
