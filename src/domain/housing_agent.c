/* housing_agent — the agent's side of housing requests (what a firm sees, proposals, concerns) and
 * the care team's handling of concerns. See housing.h; the rule of what a firm may reach is
 * HOUSING_AGENT_SEES in housing_rows.h, and every agent query here filters with it. */
#include "housing.h"

#include "agent.h"
#include "arena.h"
#include "check.h"
#include "db/db.h"
#include "error.h"
#include "housing_rows.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>


const struct code housing_concern_kinds[] = {
	{ "rent_arrears", N_("Rent arrears"), NULL },
	{ "neighbour", N_("Trouble with neighbours"), NULL },
	{ "no_contact", N_("Cannot reach the tenant"), NULL },
	{ "health", N_("Worried about the tenant's health"), NULL },
	{ "other", N_("Other concern"), NULL },
	{ NULL, NULL, NULL },
};

static int bind_agent(struct db_stmt *st, int64_t org, const char *today)
{
	return db_bind_int(st, HOUSING_ORG, org) || db_bind_text(st, HOUSING_TODAY, today) ? ERR_STORAGE : 0;
}

/* ---- what a firm sees ---- */

/* Only what the firm needs to look for a flat: no case id, no person, no stage. The listing is
 * named only when it is the firm's own, and a viewing shows only when it is of the firm's flat:
 * how another firm's offer goes is that firm's business. */
#define AGENT_REQUEST_SELECT                                                                      \
	"SELECT r.id, o.name, r.budget, r.move_by, r.agent_note,"                                  \
	" CASE WHEN r.status = 'viewing' AND NOT EXISTS (SELECT 1 FROM housing_proposal hp"         \
	" JOIN listing l ON l.id = hp.listing_id WHERE hp.request_id = r.id"                        \
	" AND l.organisation_id = $30 AND hp.viewing_on IS NOT NULL) THEN 'open' ELSE r.status END,"  \
	" (SELECT l.id FROM listing l WHERE l.id = r.listing_id AND l.organisation_id = $30),"      \
	" (SELECT ra.sent_on FROM housing_request_agent ra WHERE ra.request_id = r.id"              \
	" AND ra.organisation_id = $30),"                                                          \
	" EXISTS (SELECT 1 FROM support_sheet s WHERE s.request_id = r.id),"                        \
	" (SELECT count(*) FROM housing_proposal hp JOIN listing l ON l.id = hp.listing_id"         \
	" WHERE hp.request_id = r.id AND l.organisation_id = $30)"                                  \
	" FROM housing_request r JOIN support_case c ON c.id = r.case_id"                           \
	" JOIN organisation o ON o.id = c.lead_org_id WHERE " HOUSING_AGENT_SEES

static void read_agent_request(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_request *r = p;
	r->id = db_column_int(st, 0);
	r->office_name = arena_strdup(a, db_column_text(st, 1));
	r->budget = (int)db_column_int(st, 2);
	r->move_by = housing_text(a, st, 3);
	r->agent_note = housing_text(a, st, 4);
	r->status = arena_strdup(a, db_column_text(st, 5));
	r->listing_id = db_column_int(st, 6);
	r->sent_on = housing_text(a, st, 7);
	r->has_sheet = db_column_int(st, 8) != 0;
	r->proposals = (int)db_column_int(st, 9);
}

int housing_agent_requests(struct db *db, struct arena *a, int64_t org, const char *today,
			   struct agent_request **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, AGENT_REQUEST_SELECT " ORDER BY r.id DESC LIMIT 500");
	int rc;
	if (!st || (rc = bind_agent(st, org, today)))
		return ERR_STORAGE;
	if ((rc = db_rows(st, a, sizeof **out, read_agent_request, (void **)out, n)))
		return rc;
	for (size_t i = 0; i < *n; i++)
		if ((rc = housing_wishes(db, a, (*out)[i].id, &(*out)[i].wards, &(*out)[i].n_wards,
					 &(*out)[i].conditions, &(*out)[i].n_conditions)))
			return rc;
	return 0;
}

int housing_agent_request_get(struct db *db, struct arena *a, int64_t org, int64_t id, const char *today,
			      struct agent_request *out)
{
	struct db_stmt *st = db_prepare(db, a, AGENT_REQUEST_SELECT " AND r.id = $1");
	if (!st || db_bind_int(st, 1, id) || bind_agent(st, org, today))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	memset(out, 0, sizeof *out);
	read_agent_request(a, st, out);
	db_reset(st);
	return housing_wishes(db, a, id, &out->wards, &out->n_wards, &out->conditions, &out->n_conditions);
}

int housing_agent_waiting(struct db *db, int64_t org, const char *today, int *count)
{
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*) FROM housing_request r WHERE r.status IN ('open', 'viewing')"
					" AND " HOUSING_AGENT_SEES " AND NOT EXISTS (SELECT 1 FROM housing_proposal hp"
					" JOIN listing l ON l.id = hp.listing_id WHERE hp.request_id = r.id"
					" AND l.organisation_id = $30)");
	int rc = ERR_STORAGE;
	if (st && !bind_agent(st, org, today) && (rc = db_step(st)) == DB_ROW) {
		*count = (int)db_column_int(st, 0);
		rc = 0;
	}
	arena_destroy(a);
	return rc;
}

/* ---- proposals ---- */

static void read_proposal(struct arena *a, struct db_stmt *st, void *p)
{
	struct housing_proposal *hp = p;
	hp->id = db_column_int(st, 0);
	hp->request_id = db_column_int(st, 1);
	hp->listing_id = db_column_int(st, 2);
	hp->organisation_id = db_column_int(st, 3);
	hp->firm_name = arena_strdup(a, db_column_text(st, 4));
	hp->address = arena_strdup(a, db_column_text(st, 5));
	hp->rent = (int)db_column_int(st, 6);
	hp->fees = (int)db_column_int(st, 7);
	hp->listing_status = arena_strdup(a, db_column_text(st, 8));
	hp->note = housing_text(a, st, 9);
	hp->viewing_on = housing_text(a, st, 10);
	hp->proposed_on = check_day_of(a, db_column_int(st, 11));
}

int housing_proposals(struct db *db, struct arena *a, int64_t request_id, struct housing_proposal **out,
		      size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT hp.id, hp.request_id, hp.listing_id, l.organisation_id, o.name, l.address,"
					" l.rent, l.fees, l.status, hp.note, hp.viewing_on, hp.proposed_at"
					" FROM housing_proposal hp JOIN listing l ON l.id = hp.listing_id"
					" JOIN organisation o ON o.id = l.organisation_id WHERE hp.request_id = $1 ORDER BY hp.id");
	if (!st || db_bind_int(st, 1, request_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_proposal, (void **)out, n);
}

int housing_propose(struct db *db, struct arena *a, int64_t org, int64_t id, int64_t lid, const char *note,
		    int64_t user_id, const char *today, const char **field, const char **msg)
{
	struct agent_request r;
	int rc = housing_agent_request_get(db, a, org, id, today, &r);
	if (rc)
		return rc;
	if (strcmp(r.status, "open") != 0 && strcmp(r.status, "viewing") != 0)
		return check_refuse(field, msg, NULL, N_("This request is no longer looking for a flat."), ERR_INVALID);
	struct listing l;
	if ((rc = listing_get(db, a, lid, &l)) && rc != ERR_NOTFOUND)
		return rc;
	if (rc == ERR_NOTFOUND || l.organisation_id != org || strcmp(l.status, "open") != 0)
		return check_refuse(field, msg, "listing", N_("Choose one of your open listings."), ERR_INVALID);
	char *text = note ? jp_normalize(a, note) : NULL;
	if (text && !*text)
		text = NULL;
	if (text && strlen(text) > HOUSING_NOTE_MAX)
		return check_refuse(field, msg, "note", N_("This text is too long."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO housing_proposal (request_id, listing_id, note, proposed_by, proposed_at)"
					" VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, lid) ||
	    (text ? db_bind_text(st, 3, text) : db_bind_null(st, 3)) || db_bind_int(st, 4, user_id) ||
	    db_bind_int(st, 5, housing_stamp(today)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_DONE)
		return rc < 0 ? rc : ERR_STORAGE;
	return db_changes(db) ? 0 : check_refuse(field, msg, "listing", N_("You have proposed this flat already."), ERR_CONFLICT);
}

/* ---- concerns ---- */

/* The concern columns; the person's name is the one column an agent's reader leaves out (NULL). */
#define CONCERN_COLUMNS(person)                                                                     \
	"SELECT tc.id, tc.request_id, r.case_id, " person ", o.name, l.address, tc.kind, tc.body,"  \
	" tc.raised_at, tc.acknowledged_at, u.display_name, tc.handling, tc.organisation_id"       \
	" FROM tenancy_concern tc JOIN housing_request r ON r.id = tc.request_id"                   \
	" JOIN organisation o ON o.id = tc.organisation_id LEFT JOIN listing l ON l.id = r.listing_id" \
	" LEFT JOIN app_user u ON u.id = tc.acknowledged_by"
#define CONCERN_SELECT                                                                             \
	CONCERN_COLUMNS("p.family_name || ' ' || p.given_name")                                     \
	" JOIN support_case c ON c.id = r.case_id JOIN person p ON p.id = c.person_id"

static void read_concern(struct arena *a, struct db_stmt *st, void *p)
{
	struct tenancy_concern *c = p;
	c->id = db_column_int(st, 0);
	c->request_id = db_column_int(st, 1);
	c->case_id = db_column_int(st, 2);
	c->person_name = housing_text(a, st, 3);
	c->firm_name = arena_strdup(a, db_column_text(st, 4));
	c->address = housing_text(a, st, 5);
	c->kind = arena_strdup(a, db_column_text(st, 6));
	c->body = arena_strdup(a, db_column_text(st, 7));
	c->raised_on = check_day_of(a, db_column_int(st, 8));
	c->acknowledged_on = db_column_is_null(st, 9) ? NULL : check_day_of(a, db_column_int(st, 9));
	c->acknowledged_by = housing_text(a, st, 10);
	c->handling = housing_text(a, st, 11);
	c->organisation_id = db_column_int(st, 12);
}

int housing_concerns_open(struct db *db, struct arena *a, const struct access *acc,
			  struct tenancy_concern **out, size_t *n)
{
	const char *sql = arena_printf(a, CONCERN_SELECT " WHERE tc.acknowledged_at IS NULL AND %s"
							 " ORDER BY tc.id LIMIT %d",
				       access_case_sql(acc->role), HOUSING_LIST_MAX);
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || access_bind(st, acc))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_concern, (void **)out, n);
}

int housing_concerns_of(struct db *db, struct arena *a, int64_t request_id, bool staff,
			struct tenancy_concern **out, size_t *n)
{
	/* An agent's read does not touch the person at all. */
	struct db_stmt *st = db_prepare(db, a,
					staff ? CONCERN_SELECT " WHERE tc.request_id = $1 ORDER BY tc.id DESC"
					      : CONCERN_COLUMNS("NULL") " WHERE tc.request_id = $1 ORDER BY tc.id DESC");
	if (!st || db_bind_int(st, 1, request_id))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof **out, read_concern, (void **)out, n);
	for (size_t i = 0; !rc && !staff && i < *n; i++) {
		/* An agent learns only that the team took it up, and when. */
		(*out)[i].case_id = 0;
		(*out)[i].acknowledged_by = NULL;
		(*out)[i].handling = NULL;
	}
	return rc;
}

int housing_concern_acknowledge(struct db *db, struct arena *a, const struct access *acc, int64_t cid,
				const char *handling, const char **field, const char **msg)
{
	char *text = handling ? jp_normalize(a, handling) : NULL;
	if (!text || !*text)
		return check_refuse(field, msg, "handling", N_("Write what was done or will be done."), ERR_INVALID);
	if (strlen(text) > HOUSING_CONCERN_MAX)
		return check_refuse(field, msg, "handling", N_("This text is too long."), ERR_INVALID);
	const char *sql = arena_printf(a, CONCERN_SELECT " WHERE tc.id = $1 AND %s", access_case_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, cid) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	db_reset(st);
	st = db_prepare(db, a,
			"UPDATE tenancy_concern SET handling = $2, acknowledged_by = coalesce(acknowledged_by, $3),"
			" acknowledged_at = coalesce(acknowledged_at, $4) WHERE id = $1");
	if (!st || db_bind_int(st, 1, cid) || db_bind_text(st, 2, text) || db_bind_int(st, 3, acc->user_id) ||
	    db_bind_int(st, 4, housing_stamp(acc->today)) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return 0;
}

int housing_concern_raise(struct db *db, struct arena *a, int64_t org, int64_t id, struct tenancy_concern *c,
			  int64_t user_id, const char *today, const char **field, const char **msg)
{
	struct agent_request r;
	int rc = housing_agent_request_get(db, a, org, id, today, &r);
	if (rc)
		return rc;
	if (strcmp(r.status, "moved_in") != 0 || !r.listing_id)
		return check_refuse(field, msg, NULL, N_("Concerns are raised about a tenancy in one of your flats after moving in."),
			   ERR_INVALID);
	if (!code_known(housing_concern_kinds, c->kind))
		return check_refuse(field, msg, "kind", N_("Choose what the concern is about."), ERR_INVALID);
	char *text = c->body ? jp_normalize(a, c->body) : NULL;
	if (!text || !*text)
		return check_refuse(field, msg, "body", N_("Describe what happened."), ERR_INVALID);
	if (strlen(text) > HOUSING_CONCERN_MAX)
		return check_refuse(field, msg, "body", N_("This text is too long."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO tenancy_concern (request_id, organisation_id, kind, body, raised_by,"
					" raised_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, org) || db_bind_text(st, 3, c->kind) ||
	    db_bind_text(st, 4, text) || db_bind_int(st, 5, user_id) || db_bind_int(st, 6, housing_stamp(today)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : ERR_STORAGE;
	c->id = db_column_int(st, 0);
	c->request_id = id;
	c->body = text;
	db_reset(st);
	return 0;
}
