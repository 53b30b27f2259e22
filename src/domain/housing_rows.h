/*
 * housing_rows — what the three files of the housing requests share (housing.c, housing_agent.c,
 * housing_match.c): the SQL of "an agent may see this request" and of "the consent is in force",
 * and small row readers. Internal to src/domain.
 */
#ifndef TSUNAGU_HOUSING_ROWS_H
#define TSUNAGU_HOUSING_ROWS_H

#include "agent_rows.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct db_stmt;

/* Placeholders of the fragments below: the agent's firm and today. */
enum { HOUSING_ORG = 30, HOUSING_TODAY = 31 };

/* True when the person's housing_agents consent for the case of request row r is in force on $31. */
#define HOUSING_CONSENT_IN_FORCE                                                                 \
	"EXISTS (SELECT 1 FROM consent k WHERE k.case_id = r.case_id AND k.scope = 'housing_agents'" \
	" AND k.granted_on <= $31 AND k.revoked_on IS NULL AND (k.expires_on IS NULL OR k.expires_on >= $31))"

/* The whole rule of what an agent firm ($30) may reach on day $31: the request r was sent to it,
 * the firm cooperates that day (a period that began on or before it and has not ended by it),
 * and the consent is in force. Every agent reader filters with it. */
#define HOUSING_AGENT_SEES                                                                         \
	"(EXISTS (SELECT 1 FROM housing_request_agent ra WHERE ra.request_id = r.id"                 \
	" AND ra.organisation_id = $30)"                                                            \
	" AND " AGENT_COOPERATING("$30", "$31") " AND " HOUSING_CONSENT_IN_FORCE ")"

/* The text of column col, NULL for SQL NULL. */
char *housing_text(struct arena *a, struct db_stmt *st, int col);

/* The wards and conditions asked for in request id. */
int housing_wishes(struct db *db, struct arena *a, int64_t id, char ***wards, size_t *n_wards,
		   char ***conditions, size_t *n_conditions);

/* The time to record for something done on day today: now when today is the real date in
 * Japan, noon of that day otherwise (the demo and imports write history with the day it
 * happened, and lists show the day back). */
int64_t housing_stamp(const char *today);

/* Appends a step of request id (from may be NULL; listing_id 0 for none). */
int housing_step_add(struct db *db, struct arena *a, int64_t id, const char *from, const char *to,
		     int64_t listing_id, const char *on, int64_t user_id);

#endif
