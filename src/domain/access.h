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
 *   peer                          the same with the peer_support consent, and only the cases the
 *                                 peer supporter whose login it is has an assignment to that day
 *                                 (peer_assignment): a peer group's members do not see each
 *                                 other's people
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
enum { ACCESS_ORG = 20, ACCESS_TODAY = 21, ACCESS_USER = 22 };

/* A boolean SQL expression over the support_case row aliased c: true when acc sees it. */
const char *access_case_sql(enum role role);

/* A boolean SQL expression over the person row aliased p: true when acc sees them. */
const char *access_person_sql(enum role role);

/* For list queries: a condition that every case (every person) the rule lets the role see
 * also meets, built so that the database can start from the organisation's own care teams
 * instead of walking every case or person in list order and testing the rule on each; or NULL
 * where the rule is best tested row by row. A list ANDs it to the rule, never uses it instead:
 * the rule above stays the one that decides. Roles that see only cases they are on the team of
 * (provider, elderly, peer) see a small share of the city, so a list in reading order would test
 * the rule on hundreds of thousands of persons to fill one page (docs/performance.md, "At city
 * scale"); a counsellor's office leads a whole ward's cases, dense enough that walking the list
 * finds a page sooner than gathering all of them. */
const char *access_case_candidates_sql(enum role role);
const char *access_person_candidates_sql(enum role role);

struct db_stmt;
/* Binds $20 (organisation), $21 (today) and $22 (the user) for the fragments, where used. */
int access_bind(struct db_stmt *st, const struct access *acc);

#endif
