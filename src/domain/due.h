/*
 * due — what is due for a user: the dashboard's list, across the cases the user may see
 * (access.h). Overdue follow-ups come first, then everything by date:
 *
 *   follow_up    a post-discharge follow-up not yet done, due within 31 days or overdue (a
 *                month ahead: the 1-month follow-up shows from the day of the discharge)
 *   service_end  a service period (with its extension) ending within 30 days
 *   monitoring   計画相談支援's next monitoring within 30 days
 *   stay         a trial stay starting within 7 days
 *   consent_end  a consent in force that expires within 30 days
 *
 * Only open cases count. Dates are computed in C from today (Japan); SQL compares ISO dates.
 */
#ifndef TSUNAGU_DUE_H
#define TSUNAGU_DUE_H

#include "access.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct due_item {
	const char *kind;   /* follow_up, service_end, monitoring, stay, consent_end */
	char *on;           /* the date it falls due, YYYY-MM-DD */
	int64_t case_id;    /* the case to open */
	char *person_name;  /* whose case */
	char *what;         /* a code to label: months of a follow-up, a service, a scope, a room */
};

/* Everything due for acc on today (YYYY-MM-DD), sorted; at most limit items. */
int due_list(struct db *db, struct arena *a, const struct access *acc, int limit,
	     struct due_item **out, size_t *n);

#endif
