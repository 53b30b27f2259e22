/* case — support cases, their stage machine, care team, consents and follow-ups. See case.h. */
#include "case.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "person.h"
#include "strbuf.h"

#include <string.h>
#include <time.h>

const struct code case_stages[] = {
	{ "referred", N_("Referred") },           { "assessing", N_("Assessing") },
	{ "planning", N_("Planning") },           { "transitioning", N_("Transitioning") },
	{ "housing", N_("Finding housing") },     { "discharged", N_("Discharged") },
	{ "settling", N_("Settling in") },        { "closed", N_("Closed") },
	{ NULL, NULL },
};
const struct code case_close_reasons[] = {
	{ "settled", N_("Settled in the community") }, { "readmitted", N_("Readmitted") },
	{ "moved", N_("Moved away") },                 { "died", N_("Died") },
	{ "withdrawn", N_("Withdrew") },               { NULL, NULL },
};
const struct code case_team_roles[] = {
	{ "counselor", N_("Consultation support") },    { "hospital_psw", N_("Hospital PSW") },
	{ "group_home", N_("Group home") },              { "visiting_nurse", N_("Visiting nurse") },
	{ "day_service", N_("Day activity") },           { "care_manager", N_("Care manager") },
	{ "peer_supporter", N_("Peer supporter") },      { "family", N_("Family") },
	{ "city", N_("City") },                          { "other", N_("Other") },
	{ NULL, NULL },
};
const struct code case_consent_scopes[] = {
	{ "housing_agents", N_("Real-estate agents (housing referral)") },
	{ "elderly_field", N_("Elderly-care field") },
	{ "peer_support", N_("Peer support") },
	{ "liaison_meeting", N_("Liaison meeting") },
	{ NULL, NULL },
};

static int stage_index(const char *code)
{
	for (int i = 0; code && case_stages[i].code; i++)
		if (strcmp(case_stages[i].code, code) == 0)
			return i;
	return -1;
}

enum { REFERRED, ASSESSING, PLANNING, TRANSITIONING, HOUSING, DISCHARGED, SETTLING, CLOSED };

bool case_transition_allowed(const char *from_code, const char *to_code, const char *reason)
{
	int from = stage_index(from_code), to = stage_index(to_code);
	if (from < 0 || to < 0 || from == CLOSED || from == to)
		return false;
	if (to == CLOSED) {
		if (!code_known(case_close_reasons, reason))
			return false;
		/* Settling and readmission only mean something after a discharge. */
		if (strcmp(reason, "settled") == 0 || strcmp(reason, "readmitted") == 0)
			return from >= DISCHARGED;
		return true;
	}
	if (reason && *reason)
		return false;
	if (to == from + 1)
		return true;
	if (to == DISCHARGED)
		return from < DISCHARGED; /* the discharge decides, whatever the plan had reached */
	return to == from - 1 && from <= HOUSING && from > REFERRED;
}

static int bad(const char **field, const char **msg, const char *f, const char *m)
{
	*field = f;
	*msg = m;
	return ERR_INVALID;
}

/* A date typed on a form: a real day, not after today, and not before not_before if given. */
static bool date_ok(const char *s, const char *today, const char *not_before)
{
	struct date d, t, b;
	return s && date_parse(s, &d) && date_parse(today, &t) && date_cmp(d, t) <= 0 &&
	       (!not_before || (date_parse(not_before, &b) && date_cmp(d, b) >= 0));
}

static int record_stage(struct db *db, struct arena *a, int64_t case_id, const char *from,
			const char *to, const char *on, int64_t user_id)
{
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO case_stage_change (case_id, from_stage, to_stage, changed_on,"
					" user_id, at) VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, from) || db_bind_text(st, 3, to) ||
	    db_bind_text(st, 4, on) || db_bind_int(st, 5, user_id) || db_bind_int(st, 6, (int64_t)time(NULL)))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}

int case_open(struct db *db, struct arena *a, struct support_case *c, const char *team_role,
	      int64_t user_id, const char *today, const char **field, const char **msg)
{
	if (!c->stage || (strcmp(c->stage, "referred") != 0 && strcmp(c->stage, "assessing") != 0))
		return bad(field, msg, "stage", N_("A case opens as referred or assessing."));
	if (!date_ok(c->opened_on, today, "2000-01-01"))
		return bad(field, msg, "opened_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	if (!code_known(case_team_roles, team_role))
		return bad(field, msg, "team_role", N_("Choose the role on the team from the list."));
	struct db_stmt *open = db_prepare(db, a,
					  "SELECT count(*) FROM support_case WHERE person_id = $1 AND stage <> 'closed'");
	if (!open || db_bind_int(open, 1, c->person_id) || db_step(open) != DB_ROW)
		return ERR_STORAGE;
	if (db_column_int(open, 0) > 0)
		return bad(field, msg, "person_id", N_("This person already has an open case."));
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO support_case (person_id, lead_org_id, stage, opened_on,"
					" created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, c->person_id) || db_bind_int(st, 2, c->lead_org_id) ||
	    db_bind_text(st, 3, c->stage) || db_bind_text(st, 4, c->opened_on) ||
	    db_bind_int(st, 5, user_id) || db_bind_int(st, 6, (int64_t)time(NULL)))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return bad(field, msg, "person_id", N_("Choose the person and organisation from the lists."));
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	c->id = db_column_int(st, 0);
	if ((rc = record_stage(db, a, c->id, NULL, c->stage, c->opened_on, user_id)))
		return rc;
	return case_team_add(db, a, c->id, c->lead_org_id, team_role, c->opened_on, today, field, msg);
}

#define CASE_SELECT                                                                           \
	"SELECT c.id, c.person_id, p.family_name || ' ' || p.given_name,"                      \
	" p.family_kana || ' ' || p.given_kana, p.ward_code, c.lead_org_id, o.name, c.stage,"   \
	" c.close_reason, c.opened_on, c.closed_on FROM support_case c"                        \
	" JOIN person p ON p.id = c.person_id JOIN organisation o ON o.id = c.lead_org_id"

static void read_case(struct arena *a, struct db_stmt *st, void *p)
{
	struct support_case *c = p;
	c->id = db_column_int(st, 0);
	c->person_id = db_column_int(st, 1);
	c->person_name = arena_strdup(a, db_column_text(st, 2));
	c->person_kana = arena_strdup(a, db_column_text(st, 3));
	c->ward_code = arena_strdup(a, db_column_text(st, 4));
	c->lead_org_id = db_column_int(st, 5);
	c->lead_org_name = arena_strdup(a, db_column_text(st, 6));
	c->stage = arena_strdup(a, db_column_text(st, 7));
	c->close_reason = arena_strdup(a, db_column_text(st, 8));
	c->opened_on = arena_strdup(a, db_column_text(st, 9));
	c->closed_on = arena_strdup(a, db_column_text(st, 10));
}

int case_get(struct db *db, struct arena *a, const struct access *acc, int64_t id, struct support_case *out)
{
	char *sql = arena_printf(a, CASE_SELECT " WHERE c.id = $1 AND %s", access_case_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, id) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_case(a, st, out);
	return 0;
}

int case_list(struct db *db, struct arena *a, const struct access *acc, const char *stage,
	      int64_t person_id, int64_t before_id, int limit, struct case_page *out)
{
	*out = (struct case_page){ 0 };
	struct strbuf sql;
	strbuf_init(&sql, a, 0);
	strbuf_printf(&sql, CASE_SELECT " WHERE %s AND c.id < $3", access_case_sql(acc->role));
	/* A provider, a peer group or an elderly-care centre is on few of the city's care teams: the
	 * list starts from those cases (access.h) rather than testing the rule on every case from
	 * the newest down until a page is full. */
	const char *candidates = access_case_candidates_sql(acc->role);
	if (candidates)
		strbuf_printf(&sql, " AND %s", candidates);
	if (stage && *stage)
		strbuf_puts(&sql, " AND c.stage = $1");
	if (person_id)
		strbuf_puts(&sql, " AND c.person_id = $2");
	strbuf_puts(&sql, " ORDER BY c.id DESC LIMIT $4");
	struct db_stmt *st = sql.failed ? NULL : db_prepare(db, a, strbuf_str(&sql));
	if (!st || access_bind(st, acc) || (stage && *stage && db_bind_text(st, 1, stage)) ||
	    (person_id && db_bind_int(st, 2, person_id)) ||
	    db_bind_int(st, 3, before_id > 0 ? before_id : INT64_MAX) || db_bind_int(st, 4, limit + 1))
		return ERR_STORAGE;
	int rc = db_rows_page(st, a, sizeof *out->v, read_case, (size_t)limit, (void **)&out->v, &out->n,
			      &out->more);
	if (!rc && out->n)
		out->last_id = out->v[out->n - 1].id;
	return rc;
}

/* The case's stage and opening date, whoever asks (writers run after an access check). */
static int stage_of(struct db *db, struct arena *a, int64_t case_id, char **stage, char **opened)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT stage, opened_on FROM support_case WHERE id = $1");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*stage = arena_strdup(a, db_column_text(st, 0));
	*opened = arena_strdup(a, db_column_text(st, 1));
	return 0;
}

int case_require_open(struct db *db, struct arena *a, int64_t case_id, const char **field, const char **msg)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT stage = 'closed' FROM support_case WHERE id = $1");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	return db_column_int(st, 0) ? bad(field, msg, "stage", N_("The case is closed: nothing can be added to it or changed."))
				    : 0;
}

int case_set_stage(struct db *db, struct arena *a, int64_t case_id, const char *to, const char *reason,
		   const char *on, int64_t user_id, const char *today, const char **field, const char **msg)
{
	char *from, *opened;
	int rc = stage_of(db, a, case_id, &from, &opened);
	if (rc)
		return rc;
	if (reason && !*reason)
		reason = NULL;
	if (to && strcmp(to, "discharged") == 0)
		return bad(field, msg, "stage", N_("Record the discharge on the admission: it moves the case."));
	if (!case_transition_allowed(from, to, reason))
		return bad(field, msg, to && strcmp(to, "closed") == 0 ? "close_reason" : "stage",
			   N_("The case cannot move to that stage from where it is (closing needs a reason that fits)."));
	if (!date_ok(on, today, opened))
		return bad(field, msg, "changed_on",
			   N_("Enter the date as YYYY-MM-DD: not before the case opened and not in the future."));
	bool closing = strcmp(to, "closed") == 0;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE support_case SET stage = $2, close_reason = $3, closed_on = $4"
					" WHERE id = $1");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, to) ||
	    db_bind_text(st, 3, closing ? reason : NULL) || db_bind_text(st, 4, closing ? on : NULL) ||
	    db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return record_stage(db, a, case_id, from, to, on, user_id);
}

bool case_follow_up_dates(const char *discharged, char out[4][11])
{
	static const int months[4] = { 1, 3, 6, 12 };
	struct date d;
	if (!date_parse(discharged, &d))
		return false;
	for (int i = 0; i < 4; i++)
		date_format_iso(date_add_months(d, months[i]), out[i]);
	return true;
}

int case_discharge(struct db *db, struct arena *a, int64_t case_id, int64_t admission_id, const char *on,
		   const char *destination, int64_t user_id, const char *today, const char **field,
		   const char **msg)
{
	char *from, *opened;
	int rc = stage_of(db, a, case_id, &from, &opened);
	if (rc)
		return rc;
	if (!case_transition_allowed(from, "discharged", NULL))
		return bad(field, msg, "stage", N_("The case is already past discharge."));
	/* The admission must be the case's person's. */
	struct db_stmt *own = db_prepare(db, a,
					 "SELECT 1 FROM admission ad JOIN support_case c ON c.person_id = ad.person_id"
					 " WHERE ad.id = $1 AND c.id = $2");
	if (!own || db_bind_int(own, 1, admission_id) || db_bind_int(own, 2, case_id))
		return ERR_STORAGE;
	if (db_step(own) != DB_ROW)
		return bad(field, msg, "admission_id", N_("Choose the person's admission from the list."));
	if ((rc = admission_discharge(db, a, admission_id, on, destination, today, field, msg)))
		return rc;
	struct db_stmt *st = db_prepare(db, a, "UPDATE support_case SET stage = 'discharged' WHERE id = $1");
	if (!st || db_bind_int(st, 1, case_id) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	if ((rc = record_stage(db, a, case_id, from, "discharged", on, user_id)))
		return rc;
	if (strcmp(destination, "death") == 0)
		return 0; /* no one to follow up */
	char due[4][11];
	static const int months[4] = { 1, 3, 6, 12 };
	if (!case_follow_up_dates(on, due))
		return ERR_INVALID;
	struct db_stmt *ins = db_prepare(db, a,
					 "INSERT INTO follow_up (case_id, admission_id, months, due_on)"
					 " VALUES ($1, $2, $3, $4)");
	for (int i = 0; ins && i < 4; i++) {
		db_reset(ins);
		if (db_bind_int(ins, 1, case_id) || db_bind_int(ins, 2, admission_id) ||
		    db_bind_int(ins, 3, months[i]) || db_bind_text(ins, 4, due[i]) || db_step(ins) != DB_DONE)
			return ERR_STORAGE;
	}
	return ins ? 0 : ERR_STORAGE;
}

static void read_member(struct arena *a, struct db_stmt *st, void *p)
{
	struct case_team_member *m = p;
	m->id = db_column_int(st, 0);
	m->organisation_id = db_column_int(st, 1);
	m->organisation_name = arena_strdup(a, db_column_text(st, 2));
	m->sector = arena_strdup(a, db_column_text(st, 3));
	m->team_role = arena_strdup(a, db_column_text(st, 4));
	m->added_on = arena_strdup(a, db_column_text(st, 5));
	m->removed_on = arena_strdup(a, db_column_text(st, 6));
}

int case_team(struct db *db, struct arena *a, int64_t case_id, struct case_team_member **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT t.id, t.organisation_id, o.name, o.sector, t.team_role, t.added_on,"
					" t.removed_on FROM care_team_member t JOIN organisation o"
					" ON o.id = t.organisation_id WHERE t.case_id = $1"
					" ORDER BY t.removed_on IS NOT NULL, t.added_on, t.id");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_member, (void **)out, n);
}

int case_team_add(struct db *db, struct arena *a, int64_t case_id, int64_t org_id, const char *role,
		  const char *on, const char *today, const char **field, const char **msg)
{
	int rc = case_require_open(db, a, case_id, field, msg);
	if (rc)
		return rc;
	if (!code_known(case_team_roles, role))
		return bad(field, msg, "team_role", N_("Choose the role on the team from the list."));
	if (!date_ok(on, today, NULL))
		return bad(field, msg, "added_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	/* Re-adding a member who left brings the same row back rather than a second one. */
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO care_team_member (case_id, organisation_id, team_role, added_on)"
					" SELECT $1, id, $3, $4 FROM organisation WHERE id = $2 AND active = 1"
					" ON CONFLICT (case_id, organisation_id, team_role) DO UPDATE SET"
					" removed_on = NULL, added_on = excluded.added_on"
					" WHERE care_team_member.removed_on IS NOT NULL RETURNING id");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, org_id) || db_bind_text(st, 3, role) ||
	    db_bind_text(st, 4, on))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == DB_DONE) {
		/* No row: an unknown or inactive organisation, or one already on the team. */
		struct db_stmt *again = db_prepare(db, a,
						   "SELECT 1 FROM care_team_member WHERE case_id = $1"
						   " AND organisation_id = $2 AND team_role = $3");
		bool there = again && !db_bind_int(again, 1, case_id) && !db_bind_int(again, 2, org_id) &&
			     !db_bind_text(again, 3, role) && db_step(again) == DB_ROW;
		return bad(field, msg, "organisation_id",
			   there ? N_("This organisation is already on the team in that role.")
				 : N_("Choose an active organisation from the list."));
	}
	return rc == DB_ROW ? 0 : rc;
}

int case_team_remove(struct db *db, struct arena *a, int64_t case_id, int64_t member_id, const char *on,
		     const char *today, const char **field, const char **msg)
{
	if (!date_ok(on, today, NULL))
		return bad(field, msg, "removed_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE care_team_member SET removed_on = $3 WHERE id = $2 AND case_id = $1"
					" AND removed_on IS NULL AND added_on <= $3"
					" AND organisation_id <> (SELECT lead_org_id FROM support_case WHERE id = $1)");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, member_id) || db_bind_text(st, 3, on))
		return ERR_STORAGE;
	if (db_step(st) != DB_DONE)
		return ERR_STORAGE;
	if (db_changes(db) != 1)
		return bad(field, msg, "member_id",
			   N_("That member cannot be removed (the lead organisation stays; the date must not precede joining)."));
	return 0;
}

int case_org_on_team(struct db *db, struct arena *a, int64_t case_id, int64_t org_id, bool *on)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM support_case c WHERE c.id = $1 AND (c.lead_org_id = $2"
					" OR EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id"
					" AND t.organisation_id = $2 AND t.removed_on IS NULL))");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, org_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*on = rc == DB_ROW;
	return 0;
}

static void read_consent(struct arena *a, struct db_stmt *st, void *p)
{
	struct case_consent *k = p;
	k->id = db_column_int(st, 0);
	k->scope = arena_strdup(a, db_column_text(st, 1));
	k->granted_on = arena_strdup(a, db_column_text(st, 2));
	k->expires_on = arena_strdup(a, db_column_text(st, 3));
	k->revoked_on = arena_strdup(a, db_column_text(st, 4));
	k->in_force = db_column_int(st, 5) != 0;
}

int case_consents(struct db *db, struct arena *a, int64_t case_id, const char *today,
		  struct case_consent **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT id, scope, granted_on, expires_on, revoked_on,"
					" (granted_on <= $2 AND revoked_on IS NULL AND (expires_on IS NULL OR"
					" expires_on >= $2)) FROM consent WHERE case_id = $1"
					" ORDER BY granted_on DESC, id DESC");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_consent, (void **)out, n);
}

int case_consent_grant(struct db *db, struct arena *a, int64_t case_id, const char *scope,
		       const char *granted_on, const char *expires_on, int64_t user_id, const char *today,
		       const char **field, const char **msg)
{
	int rc = case_require_open(db, a, case_id, field, msg);
	if (rc)
		return rc;
	if (!code_known(case_consent_scopes, scope))
		return bad(field, msg, "scope", N_("Choose what the consent covers from the list."));
	if (!date_ok(granted_on, today, NULL))
		return bad(field, msg, "granted_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	struct date e, g;
	if (expires_on && !*expires_on)
		expires_on = NULL;
	if (expires_on && (!date_parse(expires_on, &e) || !date_parse(granted_on, &g) || date_cmp(e, g) < 0))
		return bad(field, msg, "expires_on", N_("The end date must be a real date on or after the consent was given."));
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO consent (case_id, scope, granted_on, expires_on, user_id)"
					" VALUES ($1, $2, $3, $4, $5)");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, scope) ||
	    db_bind_text(st, 3, granted_on) || db_bind_text(st, 4, expires_on) || db_bind_int(st, 5, user_id))
		return ERR_STORAGE;
	rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}

int case_consent_revoke(struct db *db, struct arena *a, int64_t case_id, int64_t consent_id,
			const char *on, const char *today, const char **field, const char **msg)
{
	if (!date_ok(on, today, NULL))
		return bad(field, msg, "revoked_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE consent SET revoked_on = $3 WHERE id = $2 AND case_id = $1"
					" AND revoked_on IS NULL");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, consent_id) || db_bind_text(st, 3, on) ||
	    db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : bad(field, msg, "consent_id", N_("That consent is not in force."));
}

static void read_follow_up(struct arena *a, struct db_stmt *st, void *p)
{
	struct case_follow_up *f = p;
	f->id = db_column_int(st, 0);
	f->months = (int)db_column_int(st, 1);
	f->due_on = arena_strdup(a, db_column_text(st, 2));
	f->done_on = arena_strdup(a, db_column_text(st, 3));
	f->living_in_community = db_column_is_null(st, 4) ? -1 : (int)db_column_int(st, 4);
	f->readmitted = db_column_is_null(st, 5) ? -1 : (int)db_column_int(st, 5);
	f->treatment_continuing = db_column_is_null(st, 6) ? -1 : (int)db_column_int(st, 6);
}

int case_follow_ups(struct db *db, struct arena *a, int64_t case_id, struct case_follow_up **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT id, months, due_on, done_on, living_in_community, readmitted,"
					" treatment_continuing FROM follow_up WHERE case_id = $1 ORDER BY due_on, id");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_follow_up, (void **)out, n);
}

int case_follow_up_record(struct db *db, struct arena *a, int64_t case_id, int64_t follow_up_id,
			  const char *done_on, int living, int readmitted, int treatment, const char *today,
			  const char **field, const char **msg)
{
	if (!date_ok(done_on, today, NULL))
		return bad(field, msg, "done_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	if (living < 0 || living > 1 || readmitted < 0 || readmitted > 1 || treatment < 0 || treatment > 1)
		return bad(field, msg, "living_in_community", N_("Answer each question yes or no."));
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE follow_up SET done_on = $3, living_in_community = $4, readmitted = $5,"
					" treatment_continuing = $6 WHERE id = $2 AND case_id = $1");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, follow_up_id) ||
	    db_bind_text(st, 3, done_on) || db_bind_int(st, 4, living) || db_bind_int(st, 5, readmitted) ||
	    db_bind_int(st, 6, treatment) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : ERR_NOTFOUND;
}

int case_timeline(struct db *db, struct arena *a, int64_t case_id, struct case_event **out, size_t *n)
{
	/* One query over every kind of event, so the order is the database's and paging is easy. */
	static const char sql[] =
		"SELECT changed_on, 'stage', to_stage, from_stage, id FROM case_stage_change WHERE case_id = $1"
		" UNION ALL SELECT t.added_on, 'team', t.team_role, o.name, t.id FROM care_team_member t"
		"  JOIN organisation o ON o.id = t.organisation_id WHERE t.case_id = $1"
		" UNION ALL SELECT t.removed_on, 'team_left', t.team_role, o.name, t.id FROM care_team_member t"
		"  JOIN organisation o ON o.id = t.organisation_id WHERE t.case_id = $1 AND t.removed_on IS NOT NULL"
		" UNION ALL SELECT granted_on, 'consent', scope, NULL, id FROM consent WHERE case_id = $1"
		" UNION ALL SELECT revoked_on, 'consent_revoked', scope, NULL, id FROM consent"
		"  WHERE case_id = $1 AND revoked_on IS NOT NULL"
		" UNION ALL SELECT ad.admitted_on, 'admission', ad.admission_type, o.name, ad.id FROM admission ad"
		"  JOIN organisation o ON o.id = ad.hospital_id"
		"  JOIN support_case c ON c.person_id = ad.person_id WHERE c.id = $1"
		" UNION ALL SELECT done_on, 'follow_up', CAST(months AS text), NULL, id FROM follow_up"
		"  WHERE case_id = $1 AND done_on IS NOT NULL"
		" UNION ALL SELECT starts_on, 'service', service, NULL, id FROM service_period WHERE case_id = $1"
		/* A support record's date and kind only: its text stays on the records' own section. */
		" UNION ALL SELECT recorded_on, 'record', kind, NULL, id FROM support_record WHERE case_id = $1"
		" UNION ALL SELECT set_on, 'goal', 'active', NULL, id FROM goal WHERE case_id = $1"
		" UNION ALL SELECT reviewed_on, 'goal_reviewed', status, NULL, id FROM goal"
		"  WHERE case_id = $1 AND reviewed_on IS NOT NULL"
		" ORDER BY 1 DESC, 2, 5 DESC LIMIT 500";
	struct db_stmt *st = db_prepare(db, a, sql);
	*out = arena_alloc(a, 501 * sizeof **out);
	if (!st || !*out || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	*n = 0;
	while (*n < 500 && db_step(st) == DB_ROW) {
		struct case_event *e = &(*out)[(*n)++];
		e->on = arena_strdup(a, db_column_text(st, 0));
		e->kind = arena_strdup(a, db_column_text(st, 1));
		e->what = arena_strdup(a, db_column_text(st, 2));
		e->detail = arena_strdup(a, db_column_text(st, 3));
	}
	return 0;
}

bool case_consent_in_force(const struct case_consent *k, size_t n, const char *scope)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(k[i].scope, scope) == 0 && k[i].in_force)
			return true;
	return false;
}
