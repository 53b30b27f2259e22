/*
 * agent_rows — the rule of a cooperating day as SQL, for agent.c, listing.c and the housing
 * requests (housing_rows.h), so that who may receive a request, whose flats are offered and who
 * is counted at the end of a year are one rule. Internal to src/domain.
 */
#ifndef TSUNAGU_AGENT_ROWS_H
#define TSUNAGU_AGENT_ROWS_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

/* True when the firm in SQL expression org cooperates on day (an SQL expression, YYYY-MM-DD):
 * a period begun on or before it and not ended by it — periods are half-open, so a firm whose
 * cooperation ends today no longer cooperates today. */
#define AGENT_COOPERATING(org, day)                                                              \
	"EXISTS (SELECT 1 FROM agent_cooperation coop WHERE coop.organisation_id = " org            \
	" AND coop.from_on <= " day " AND (coop.until_on IS NULL OR coop.until_on > " day "))"

/* ERR_NOTFOUND unless org is an agent firm; *active (may be NULL) says whether its organisation is. */
int agent_firm_exists(struct db *db, struct arena *a, int64_t org, bool *active);

#endif
