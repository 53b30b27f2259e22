/* housing — housing requests from the counsellor's side: writing, sending, progress. See housing.h;
 * the agent's side and concerns are in housing_agent.c, the ranking of listings in housing_match.c. */
#include "housing.h"

#include "agent.h"
#include "arena.h"
#include "check.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "housing_rows.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code housing_statuses[] = {
	{ "open", N_("Looking for a flat"), NULL },     { "viewing", N_("Viewing"), NULL },
	{ "application", N_("Applied"), NULL },         { "contract", N_("Contract signed"), NULL },
	{ "moved_in", N_("Moved in"), NULL },           { "declined", N_("Declined"), NULL },
	{ NULL, NULL, NULL },
};

const struct code housing_decline_reasons[] = {
	{ "landlord_refused", N_("The landlord refused"), NULL },
	{ "person_declined", N_("The person declined"), NULL },
	{ "rent", N_("The rent"), NULL },
	{ "location", N_("The location"), NULL },
	{ "other", N_("Other reason"), NULL },
	{ NULL, NULL, NULL },
};

const struct code housing_conditions[] = {
	{ "ground_floor", N_("Ground floor"), NULL },
	{ "lift", N_("Ground floor or a lift"), NULL },
	{ "near_transport", N_("Near a station or bus stop"), NULL },
	{ "no_guarantor", N_("No personal guarantor needed"), NULL },
	{ "public_assistance", N_("Within the public-assistance housing allowance"), NULL },
	{ NULL, NULL, NULL },
};

/* The one step forward from each status (viewing is reached by arranging a viewing). */
static const char *next_status(const char *from)
{
	static const char *const order[] = { "open", "viewing", "application", "contract", "moved_in" };
	for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++)
		if (strcmp(from, order[i]) == 0)
			return order[i + 1];
	return NULL;
}

static bool finished(const char *status)
{
	return strcmp(status, "moved_in") == 0 || strcmp(status, "declined") == 0;
}

char *housing_text(struct arena *a, struct db_stmt *st, int col)
{
	return db_column_is_null(st, col) ? NULL : arena_strdup(a, db_column_text(st, col));
}

int64_t housing_stamp(const char *today)
{
	time_t now = time(NULL);
	struct date d, real = date_in_japan(now);
	if (!today || !date_parse(today, &d) || date_cmp(d, real) == 0)
		return (int64_t)now;
	return date_to_days(d) * 86400 + 3 * 3600; /* 12:00 in Japan is 03:00 UTC */
}

static void read_code(struct arena *a, struct db_stmt *st, void *p)
{
	*(char **)p = arena_strdup(a, db_column_text(st, 0));
}

int housing_wishes(struct db *db, struct arena *a, int64_t id, char ***wards, size_t *n_wards,
		   char ***conditions, size_t *n_conditions)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT ward_code FROM housing_request_ward WHERE request_id = $1"
					       " ORDER BY ward_code");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof **wards, read_code, (void **)wards, n_wards);
	if (rc)
		return rc;
	st = db_prepare(db, a, "SELECT condition FROM housing_request_condition WHERE request_id = $1"
			       " ORDER BY condition");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **conditions, read_code, (void **)conditions, n_conditions);
}

/* ---- reading ---- */

#define REQUEST_SELECT                                                                           \
	"SELECT r.id, r.case_id, p.family_name || ' ' || p.given_name, c.lead_org_id, r.budget,"      \
	" r.move_by, r.agent_note, r.status, r.listing_id, r.decline_reason, r.moved_in_on,"        \
	" r.created_at, r.created_by, EXISTS (SELECT 1 FROM support_sheet s WHERE s.request_id = r.id)" \
	" FROM housing_request r JOIN support_case c ON c.id = r.case_id JOIN person p ON p.id = c.person_id"

static void read_request(struct arena *a, struct db_stmt *st, void *p)
{
	struct housing_request *r = p;
	r->id = db_column_int(st, 0);
	r->case_id = db_column_int(st, 1);
	r->person_name = arena_strdup(a, db_column_text(st, 2));
	r->lead_org_id = db_column_int(st, 3);
	r->budget = (int)db_column_int(st, 4);
	r->move_by = housing_text(a, st, 5);
	r->agent_note = housing_text(a, st, 6);
	r->status = arena_strdup(a, db_column_text(st, 7));
	r->listing_id = db_column_int(st, 8);
	r->decline_reason = housing_text(a, st, 9);
	r->moved_in_on = housing_text(a, st, 10);
	r->created_on = check_day_of(a, db_column_int(st, 11));
	r->created_by = db_column_int(st, 12);
	r->has_sheet = db_column_int(st, 13) != 0;
}

/* Fills the wards and conditions of each of the n requests. */
static int fill_wishes(struct db *db, struct arena *a, struct housing_request *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc = housing_wishes(db, a, r[i].id, &r[i].wards, &r[i].n_wards, &r[i].conditions,
					&r[i].n_conditions);
		if (rc)
			return rc;
	}
	return 0;
}

int housing_request_get(struct db *db, struct arena *a, const struct access *acc, int64_t id,
			struct housing_request *out)
{
	const char *sql = arena_printf(a, REQUEST_SELECT " WHERE r.id = $1 AND %s", access_case_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, id) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	memset(out, 0, sizeof *out);
	read_request(a, st, out);
	return fill_wishes(db, a, out, 1);
}

int housing_requests_of_case(struct db *db, struct arena *a, int64_t case_id, struct housing_request **out,
			     size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, REQUEST_SELECT " WHERE r.case_id = $1 ORDER BY r.id DESC");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof **out, read_request, (void **)out, n);
	return rc ? rc : fill_wishes(db, a, *out, *n);
}

int housing_requests_visible(struct db *db, struct arena *a, const struct access *acc,
			     struct housing_request **out, size_t *n)
{
	const char *sql = arena_printf(a,
				       REQUEST_SELECT " WHERE %s ORDER BY r.status IN ('moved_in', 'declined'), r.id DESC"
						      " LIMIT %d",
				       access_case_sql(acc->role), HOUSING_LIST_MAX);
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof **out, read_request, (void **)out, n);
	return rc ? rc : fill_wishes(db, a, *out, *n);
}

/* ---- writing ---- */

/* Checks and stores one wish row (a ward or a condition) of request id. */
static int add_wish(struct db *db, struct arena *a, const char *sql, int64_t id, const char *value)
{
	struct db_stmt *st = db_prepare(db, a, sql);
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, value))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}

static int ward_known(struct db *db, struct arena *a, const char *code, bool *yes)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
	if (!st || db_bind_text(st, 1, code ? code : ""))
		return ERR_STORAGE;
	int rc = db_step(st);
	*yes = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int housing_step_add(struct db *db, struct arena *a, int64_t id, const char *from, const char *to,
		     int64_t listing_id, const char *on, int64_t user_id)
{
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO housing_request_step (request_id, from_status, to_status, listing_id,"
					" on_date, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
	if (!st || db_bind_int(st, 1, id) || (from ? db_bind_text(st, 2, from) : db_bind_null(st, 2)) ||
	    db_bind_text(st, 3, to) || (listing_id ? db_bind_int(st, 4, listing_id) : db_bind_null(st, 4)) ||
	    db_bind_text(st, 5, on) || db_bind_int(st, 6, user_id) || db_bind_int(st, 7, housing_stamp(on)))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}

int housing_request_create(struct db *db, struct arena *a, struct housing_request *r, int64_t user_id,
			   const char *today, const char **field, const char **msg)
{
	if (r->budget <= 0 || r->budget > HOUSING_BUDGET_MAX)
		return check_refuse(field, msg, "budget", N_("Enter the monthly budget in yen (rent and fees together)."),
			   ERR_INVALID);
	if (r->n_wards == 0)
		return check_refuse(field, msg, "wards", N_("Choose at least one ward."), ERR_INVALID);
	for (size_t i = 0; i < r->n_wards; i++) {
		bool known;
		int rc = ward_known(db, a, r->wards[i], &known);
		if (rc)
			return rc;
		if (!known)
			return check_refuse(field, msg, "wards", N_("Choose wards of the municipality."), ERR_INVALID);
	}
	for (size_t i = 0; i < r->n_conditions; i++)
		if (!code_known(housing_conditions, r->conditions[i]))
			return check_refuse(field, msg, "conditions", N_("Choose conditions from the list."), ERR_INVALID);
	if (r->move_by && *r->move_by) {
		struct date d;
		if (!date_parse(r->move_by, &d) || strcmp(r->move_by, today) < 0)
			return check_refuse(field, msg, "move_by", N_("Enter a real date from today on, or leave it empty."),
				   ERR_INVALID);
	} else {
		r->move_by = NULL;
	}
	if (r->agent_note) {
		r->agent_note = jp_normalize(a, r->agent_note);
		if (r->agent_note && !*r->agent_note)
			r->agent_note = NULL;
		if (r->agent_note && strlen(r->agent_note) > HOUSING_NOTE_MAX)
			return check_refuse(field, msg, "agent_note", N_("This text is too long."), ERR_INVALID);
	}
	struct db_stmt *st = db_prepare(db, a, "SELECT stage FROM support_case WHERE id = $1");
	if (!st || db_bind_int(st, 1, r->case_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	if (strcmp(db_column_text(st, 0), "closed") == 0)
		return check_refuse(field, msg, NULL, N_("The case is closed."), ERR_INVALID);
	st = db_prepare(db, a,
			"INSERT INTO housing_request (case_id, budget, move_by, agent_note, status, created_by,"
			" created_at) VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, r->case_id) || db_bind_int(st, 2, r->budget) ||
	    (r->move_by ? db_bind_text(st, 3, r->move_by) : db_bind_null(st, 3)) ||
	    (r->agent_note ? db_bind_text(st, 4, r->agent_note) : db_bind_null(st, 4)) ||
	    db_bind_int(st, 5, user_id) || db_bind_int(st, 6, housing_stamp(today)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : ERR_STORAGE;
	r->id = db_column_int(st, 0);
	db_reset(st);
	r->status = "open";
	for (size_t i = 0; i < r->n_wards; i++)
		if ((rc = add_wish(db, a, "INSERT INTO housing_request_ward (request_id, ward_code) VALUES ($1, $2)"
					  " ON CONFLICT DO NOTHING", r->id, r->wards[i])))
			return rc;
	for (size_t i = 0; i < r->n_conditions; i++)
		if ((rc = add_wish(db, a, "INSERT INTO housing_request_condition (request_id, condition) VALUES ($1, $2)"
					  " ON CONFLICT DO NOTHING", r->id, r->conditions[i])))
			return rc;
	return housing_step_add(db, a, r->id, NULL, "open", 0, today, user_id);
}

/* The status and case of request id, and whether the person's housing_agents consent is in
 * force on today. */
static int request_state(struct db *db, struct arena *a, int64_t id, const char *today, char **status,
			 int64_t *listing_id, bool *consent)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT r.status, r.listing_id, " HOUSING_CONSENT_IN_FORCE
					" FROM housing_request r WHERE r.id = $1");
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 31, today))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*status = arena_strdup(a, db_column_text(st, 0));
	*listing_id = db_column_int(st, 1);
	*consent = db_column_int(st, 2) != 0;
	return *status ? 0 : ERR_TOOBIG;
}

int housing_request_send(struct db *db, struct arena *a, int64_t id, int64_t org, const char *today,
			 const char **field, const char **msg)
{
	char *status;
	int64_t listing;
	bool consent;
	int rc = request_state(db, a, id, today, &status, &listing, &consent);
	if (rc)
		return rc;
	if (strcmp(status, "open") != 0 && strcmp(status, "viewing") != 0)
		return check_refuse(field, msg, "agent", N_("Only a request still looking for a flat can be sent."), ERR_INVALID);
	if (!consent)
		return check_refuse(field, msg, "agent",
			   N_("The person's consent to share the support sheet with agents is not in force."),
			   ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM support_sheet WHERE request_id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? check_refuse(field, msg, "agent", N_("Fill in the support sheet before sending."),
					   ERR_INVALID)
				     : rc;
	bool cooperating;
	if ((rc = agent_firm_cooperating(db, org, today, &cooperating)))
		return rc == ERR_NOTFOUND ? check_refuse(field, msg, "agent", N_("Choose a cooperating agent."), ERR_INVALID) : rc;
	if (!cooperating)
		return check_refuse(field, msg, "agent", N_("Choose a cooperating agent."), ERR_INVALID);
	st = db_prepare(db, a,
			"INSERT INTO housing_request_agent (request_id, organisation_id, sent_on) VALUES ($1, $2, $3)"
			" ON CONFLICT DO NOTHING");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, org) || db_bind_text(st, 3, today))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_DONE)
		return rc < 0 ? rc : ERR_STORAGE;
	return db_changes(db) ? 0 : check_refuse(field, msg, "agent", N_("The request was already sent to this agent."), ERR_CONFLICT);
}

static void read_recipient(struct arena *a, struct db_stmt *st, void *p)
{
	struct housing_recipient *r = p;
	r->organisation_id = db_column_int(st, 0);
	r->firm_name = arena_strdup(a, db_column_text(st, 1));
	r->sent_on = arena_strdup(a, db_column_text(st, 2));
}

int housing_recipients(struct db *db, struct arena *a, int64_t id, struct housing_recipient **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT ra.organisation_id, o.name, ra.sent_on FROM housing_request_agent ra"
					" JOIN organisation o ON o.id = ra.organisation_id WHERE ra.request_id = $1"
					" ORDER BY ra.sent_on, o.name");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_recipient, (void **)out, n);
}

int housing_viewing_arrange(struct db *db, struct arena *a, int64_t id, int64_t pid, const char *on,
			    int64_t user_id, const char *today, const char **field, const char **msg)
{
	struct date d;
	if (!on || !date_parse(on, &d))
		return check_refuse(field, msg, "viewing_on", N_("Enter the date of the viewing."), ERR_INVALID);
	char *status;
	int64_t listing;
	bool consent;
	int rc = request_state(db, a, id, today, &status, &listing, &consent);
	if (rc)
		return rc;
	if (strcmp(status, "open") != 0 && strcmp(status, "viewing") != 0)
		return check_refuse(field, msg, "viewing_on", N_("Viewings are arranged while looking for a flat."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE housing_proposal SET viewing_on = $3 WHERE id = $2 AND request_id = $1"
					" RETURNING listing_id");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, pid) || db_bind_text(st, 3, on))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	int64_t lid = db_column_int(st, 0);
	db_reset(st);
	if (strcmp(status, "open") != 0)
		return 0;
	st = db_prepare(db, a, "UPDATE housing_request SET status = 'viewing' WHERE id = $1");
	if (!st || db_bind_int(st, 1, id) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return housing_step_add(db, a, id, "open", "viewing", lid, strcmp(on, today) < 0 ? on : today, user_id);
}

/* The listing and address of proposal pid of request id. */
static int proposal_listing(struct db *db, struct arena *a, int64_t id, int64_t pid, struct listing *l)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT listing_id FROM housing_proposal WHERE id = $2 AND request_id = $1");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, pid))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	int64_t lid = db_column_int(st, 0);
	db_reset(st);
	return listing_get(db, a, lid, l);
}

static int write_residence(struct db *db, struct arena *a, int64_t id, const struct listing *l,
			   const char *address, const char *on)
{
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO residence (case_id, address, ward_code, moved_in_on, request_id, created_at)"
					" SELECT case_id, $2, $3, $4, id, $5 FROM housing_request WHERE id = $1");
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, address) || db_bind_text(st, 3, l->ward_code) ||
	    db_bind_text(st, 4, on) || db_bind_int(st, 5, (int64_t)time(NULL)))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}

int housing_request_move(struct db *db, struct arena *a, int64_t id, const char *to, int64_t pid,
			 const char *reason, const char *address, const char *on, int64_t user_id,
			 const char *today, const char **field, const char **msg)
{
	struct date d;
	if (!on || !*on)
		on = today;
	if (!date_parse(on, &d) || strcmp(on, today) > 0)
		return check_refuse(field, msg, "on", N_("Enter a real date, today or before."), ERR_INVALID);
	char *status;
	int64_t lid;
	bool consent;
	int rc = request_state(db, a, id, today, &status, &lid, &consent);
	if (rc)
		return rc;
	bool decline = to && strcmp(to, "declined") == 0;
	const char *next = next_status(status);
	if (!to || finished(status) || (!decline && (!next || strcmp(to, next) != 0 || strcmp(to, "viewing") == 0)))
		return check_refuse(field, msg, "to", N_("The request cannot move to that step from where it is."), ERR_INVALID);
	if (decline && !code_known(housing_decline_reasons, reason))
		return check_refuse(field, msg, "reason", N_("Choose why it was declined."), ERR_INVALID);
	struct listing l = { 0 };
	if (strcmp(to, "application") == 0) {
		if ((rc = proposal_listing(db, a, id, pid, &l)))
			return rc == ERR_NOTFOUND ? check_refuse(field, msg, "proposal", N_("Choose the flat applied for."), ERR_INVALID)
						  : rc;
		if (strcmp(l.status, "open") != 0)
			return check_refuse(field, msg, "proposal", N_("This flat is no longer available."), ERR_CONFLICT);
		lid = l.id;
		if ((rc = listing_set_status(db, lid, "held")))
			return rc;
	} else if (lid && (rc = listing_get(db, a, lid, &l))) {
		return rc;
	}
	if (strcmp(to, "contract") == 0 && (rc = listing_set_status(db, lid, "contracted")))
		return rc;
	if (strcmp(to, "moved_in") == 0) {
		char *where = address ? jp_normalize(a, address) : NULL;
		if (!where || !*where)
			where = l.address;
		if (strlen(where) > AGENT_TEXT_MAX)
			return check_refuse(field, msg, "address", N_("This text is too long."), ERR_INVALID);
		if ((rc = write_residence(db, a, id, &l, where, on)))
			return rc;
	}
	if (decline && lid && (strcmp(l.status, "held") == 0 || strcmp(l.status, "contracted") == 0) &&
	    (rc = listing_set_status(db, lid, "open")))
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE housing_request SET status = $2, listing_id = $3, decline_reason = $4,"
					" moved_in_on = $5 WHERE id = $1");
	bool moved = strcmp(to, "moved_in") == 0;
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, to) ||
	    (lid ? db_bind_int(st, 3, lid) : db_bind_null(st, 3)) ||
	    (decline ? db_bind_text(st, 4, reason) : db_bind_null(st, 4)) ||
	    (moved ? db_bind_text(st, 5, on) : db_bind_null(st, 5)) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return housing_step_add(db, a, id, status, to, lid, on, user_id);
}

static void read_step(struct arena *a, struct db_stmt *st, void *p)
{
	struct housing_step *s = p;
	s->from_status = housing_text(a, st, 0);
	s->to_status = arena_strdup(a, db_column_text(st, 1));
	s->on_date = arena_strdup(a, db_column_text(st, 2));
	s->address = housing_text(a, st, 3);
	s->user_name = arena_strdup(a, db_column_text(st, 4));
}

int housing_steps(struct db *db, struct arena *a, int64_t id, struct housing_step **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT s.from_status, s.to_status, s.on_date, l.address, u.display_name"
					" FROM housing_request_step s JOIN app_user u ON u.id = s.user_id"
					" LEFT JOIN listing l ON l.id = s.listing_id WHERE s.request_id = $1 ORDER BY s.id");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_step, (void **)out, n);
}

int housing_residence(struct db *db, struct arena *a, int64_t case_id, struct residence *out)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT address, ward_code, moved_in_on, request_id FROM residence WHERE case_id = $1"
					" ORDER BY moved_in_on DESC, id DESC LIMIT 1");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	out->address = arena_strdup(a, db_column_text(st, 0));
	out->ward_code = housing_text(a, st, 1);
	out->moved_in_on = arena_strdup(a, db_column_text(st, 2));
	out->request_id = db_column_int(st, 3);
	db_reset(st);
	return out->address && out->moved_in_on ? 0 : ERR_TOOBIG;
}

int housing_moved_in_count(struct db *db, const char *from, const char *to, int *count)
{
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*) FROM housing_request WHERE status = 'moved_in'"
					" AND ($1 = '' OR moved_in_on >= $1) AND ($2 = '' OR moved_in_on <= $2)");
	int rc = ERR_STORAGE;
	if (st && !db_bind_text(st, 1, from ? from : "") && !db_bind_text(st, 2, to ? to : "") &&
	    (rc = db_step(st)) == DB_ROW) {
		*count = (int)db_column_int(st, 0);
		rc = 0;
	}
	arena_destroy(a);
	return rc;
}
