/* access — the row-level visibility rule as SQL. See access.h. */
#include "access.h"

#include "db/db.h"
#include "error.h"

#define ON_TEAM                                                                                \
	"(c.lead_org_id = $20 OR EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id" \
	" AND t.organisation_id = $20 AND t.removed_on IS NULL))"

#define TEAM_AND_CONSENT(scope)                                                                \
	"(EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id"                      \
	" AND t.organisation_id = $20 AND t.removed_on IS NULL)"                                \
	" AND EXISTS (SELECT 1 FROM consent k WHERE k.case_id = c.id AND k.scope = '" scope "'"  \
	" AND k.granted_on <= $21 AND k.revoked_on IS NULL"                                     \
	" AND (k.expires_on IS NULL OR k.expires_on >= $21)))"

/* A peer supporter's own assignment to the case on $21: the peer role sees only those. */
#define ASSIGNED                                                                                  \
	"EXISTS (SELECT 1 FROM peer_assignment pa JOIN peer_supporter ps ON ps.id = pa.peer_id"   \
	" WHERE pa.case_id = c.id AND ps.user_id = $22 AND pa.from_on <= $21"                     \
	" AND (pa.until_on IS NULL OR pa.until_on >= $21))"

#define PEER_RULE "(" TEAM_AND_CONSENT("peer_support") " AND " ASSIGNED ")"

const char *access_case_sql(enum role role)
{
	switch (role) {
	case ROLE_CITY:
		return "1 = 1";
	case ROLE_COUNSELOR:
	case ROLE_PROVIDER:
		return ON_TEAM;
	case ROLE_HOSPITAL:
		return "(" ON_TEAM " OR EXISTS (SELECT 1 FROM admission ad WHERE ad.person_id ="
		       " c.person_id AND ad.hospital_id = $20))";
	case ROLE_ELDERLY:
		return TEAM_AND_CONSENT("elderly_field");
	case ROLE_PEER:
		return PEER_RULE;
	default:
		return "1 = 0"; /* admin, agent, auditor: never */
	}
}

/* The person fragments repeat the case rule inside EXISTS over the person's cases. */
#define CASES_OF_PERSON(rule) "EXISTS (SELECT 1 FROM support_case c WHERE c.person_id = p.id AND " rule ")"

const char *access_person_sql(enum role role)
{
	switch (role) {
	case ROLE_CITY:
		return "1 = 1";
	case ROLE_COUNSELOR:
	case ROLE_PROVIDER:
		return "(p.registered_by = $20 OR " CASES_OF_PERSON(ON_TEAM) ")";
	case ROLE_HOSPITAL:
		return "(p.registered_by = $20 OR EXISTS (SELECT 1 FROM admission ad WHERE"
		       " ad.person_id = p.id AND ad.hospital_id = $20) OR " CASES_OF_PERSON(ON_TEAM) ")";
	case ROLE_ELDERLY:
		return CASES_OF_PERSON(TEAM_AND_CONSENT("elderly_field"));
	case ROLE_PEER:
		return CASES_OF_PERSON(PEER_RULE);
	default:
		return "1 = 0";
	}
}

/* The cases an organisation leads or is on the active care team of: a superset of what
 * ON_TEAM and TEAM_AND_CONSENT let it see, found through support_case_lead and care_team_org. */
#define TEAM_CASES                                                                              \
	"SELECT c.id FROM support_case c WHERE c.lead_org_id = $20 UNION ALL SELECT t.case_id"   \
	" FROM care_team_member t WHERE t.organisation_id = $20 AND t.removed_on IS NULL"

const char *access_case_candidates_sql(enum role role)
{
	switch (role) {
	case ROLE_PROVIDER:
	case ROLE_ELDERLY:
	case ROLE_PEER:
		return "c.id IN (" TEAM_CASES ")";
	default:
		return NULL; /* city: everything; counsellor, hospital: dense; others: nothing */
	}
}

const char *access_person_candidates_sql(enum role role)
{
	switch (role) {
	case ROLE_PROVIDER:
	case ROLE_ELDERLY:
	case ROLE_PEER:
		/* The persons of those cases, and those the organisation registered (person_registered
		 * finds them; only the provider's rule counts them, the superset may). */
		return "p.id IN (SELECT c.person_id FROM support_case c WHERE c.id IN (" TEAM_CASES ")"
		       " UNION ALL SELECT r.id FROM person r WHERE r.registered_by = $20)";
	default:
		return NULL;
	}
}

int access_bind(struct db_stmt *st, const struct access *acc)
{
	if (db_has_param(st, ACCESS_ORG) && db_bind_int(st, ACCESS_ORG, acc->organisation_id))
		return ERR_STORAGE;
	if (db_has_param(st, ACCESS_TODAY) && db_bind_text(st, ACCESS_TODAY, acc->today))
		return ERR_STORAGE;
	if (db_has_param(st, ACCESS_USER) && db_bind_int(st, ACCESS_USER, acc->user_id))
		return ERR_STORAGE;
	return 0;
}
