/*
 * access — who sees which support cases and persons: the row-level half of the policy (the
 * router's policy table decides which *screens* a role may open; this decides which *records*).
 *
 *   city                          every case of the municipality
 *   counselor, hospital, provider cases their organisation leads or is on the care team of;
 *                                 a hospital also those of people it holds an admission for
 *   elderly                       cases whose care team has their organisation AND whose
 *                                 elderly_field consent is in force (granted, not expired, not
 *                                 revoked)
 *   peer                          the same with the peer_support consent
 *   admin, agent, auditor         none, ever
 *
 * A person is visible with any of their cases, and to the organisation that registered them.
 * The rule is one SQL fragment, used by every query that lists or loads cases and persons, so a
 * list and a page can never disagree. Revoking a consent takes effect on the next query.
 */
#ifndef TSUNAGU_ACCESS_H
#define TSUNAGU_ACCESS_H

#include "user.h"

#include <stdint.h>

struct access {
	enum role role;          /* the user's role */
	int64_t organisation_id; /* the user's organisation */
	int64_t user_id;         /* the user */
	char today[11];          /* today in Japan, YYYY-MM-DD: consents are judged on it */
};

/* Placeholders the fragments below use; a query binds them with access_bind(). */
enum { ACCESS_ORG = 20, ACCESS_TODAY = 21 };

/* A boolean SQL expression over the support_case row aliased c: true when acc sees it. */
const char *access_case_sql(enum role role);

/* A boolean SQL expression over the person row aliased p: true when acc sees them. */
const char *access_person_sql(enum role role);

struct db_stmt;
/* Binds $20 (organisation) and $21 (today) for the fragments. */
int access_bind(struct db_stmt *st, const struct access *acc);

#endif
