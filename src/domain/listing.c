/*
 * listing — the agent firms' vacancies and their feedback on the scheme, with the SQL. See
 * agent.h. Listings reach matching (housing_match.c) only while open and while their firm
 * cooperates (agent.c's rule of a day).
 */
#include "agent.h"

#include "agent_rows.h"
#include "arena.h"
#include "check.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code listing_layouts[] = {
	{ "1R", N_("1R"), NULL },     /* one room, kitchen in it */
	{ "1K", N_("1K"), NULL },
	{ "1DK", N_("1DK"), NULL },
	{ "1LDK", N_("1LDK"), NULL },
	{ "2K", N_("2K"), NULL },
	{ "2DK", N_("2DK"), NULL },
	{ "2LDK", N_("2LDK"), NULL },
	{ "3K+", N_("3K or larger"), NULL },
	{ NULL, NULL, NULL },
};

const struct code listing_statuses[] = {
	{ "open", N_("Vacant"), NULL },          /* 募集中: matching offers it */
	{ "held", N_("On hold"), NULL },         /* an application is in */
	{ "contracted", N_("Contracted"), NULL },
	{ "withdrawn", N_("Withdrawn"), NULL },  /* no longer offered */
	{ NULL, NULL, NULL },
};

const struct code listing_guarantors[] = {
	{ "company", N_("A guarantee company is required"), NULL },
	{ "person", N_("A personal guarantor is required"), NULL },
	{ "either", N_("A guarantee company or a personal guarantor"), NULL },
	{ "none", N_("No guarantor needed"), NULL },
	{ NULL, NULL, NULL },
};

const struct code listing_access_kinds[] = {
	{ "station", N_("Station"), NULL },
	{ "bus", N_("Bus stop"), NULL },
	{ NULL, NULL, NULL },
};

const struct code agent_feedback_topics[] = {
	{ "training", N_("About the training"), NULL },
	{ "sheet", N_("About the support-structure sheet"), NULL },
	{ "requests", N_("About housing requests"), NULL },
	{ "contact", N_("About reaching the supporters"), NULL },
	{ "other", N_("Other"), NULL },
	{ NULL, NULL, NULL },
};

/* The largest deposit, key money or monthly fee a listing may state. */
#define LISTING_AMOUNT_MAX (LISTING_RENT_MAX * 10)

/* ---- listings ---- */

#define LISTING_SELECT                                                                              \
	"SELECT l.id, l.organisation_id, o.name, l.ward_code, l.address, l.rent, l.fees, l.deposit,"  \
	" l.key_money, l.layout, l.floor, l.lift, l.access_kind, l.access_name, l.access_minutes,"    \
	" l.guarantor, l.public_assistance, l.available_from, l.status, l.note, l.updated_at"         \
	" FROM listing l JOIN organisation o ON o.id = l.organisation_id"

static void read_listing(struct arena *a, struct db_stmt *st, void *p)
{
	struct listing *l = p;
	l->id = db_column_int(st, 0);
	l->organisation_id = db_column_int(st, 1);
	l->firm_name = arena_strdup(a, db_column_text(st, 2));
	l->ward_code = arena_strdup(a, db_column_text(st, 3));
	l->address = arena_strdup(a, db_column_text(st, 4));
	l->rent = (int)db_column_int(st, 5);
	l->fees = (int)db_column_int(st, 6);
	l->deposit = (int)db_column_int(st, 7);
	l->key_money = (int)db_column_int(st, 8);
	l->layout = arena_strdup(a, db_column_text(st, 9));
	l->floor = (int)db_column_int(st, 10);
	l->lift = db_column_int(st, 11) != 0;
	l->access_kind = arena_strdup(a, db_column_text(st, 12));
	l->access_name = arena_strdup(a, db_column_text(st, 13));
	l->access_minutes = (int)db_column_int(st, 14);
	l->guarantor = arena_strdup(a, db_column_text(st, 15));
	l->public_assistance = db_column_int(st, 16) != 0;
	l->available_from = arena_strdup(a, db_column_text(st, 17));
	l->status = arena_strdup(a, db_column_text(st, 18));
	l->note = arena_strdup(a, db_column_text(st, 19));
	l->updated_on = check_day_of(a, db_column_int(st, 20));
}

int listings_of(struct db *db, struct arena *a, int64_t org, const char *const *statuses,
		struct listing **out, size_t *n)
{
	/* The statuses become placeholders $2, $3 …: at most one of each known status. */
	const char *keep[4];
	size_t nkeep = 0;
	for (size_t i = 0; statuses && statuses[i]; i++) {
		if (!code_known(listing_statuses, statuses[i]) || nkeep == sizeof keep / sizeof keep[0])
			return ERR_INVALID;
		keep[nkeep++] = statuses[i];
	}
	const char *in = "";
	if (statuses) {
		static const char *const lists[] = { "", " AND l.status IN ($2)", " AND l.status IN ($2, $3)",
						     " AND l.status IN ($2, $3, $4)",
						     " AND l.status IN ($2, $3, $4, $5)" };
		/* An empty list keeps nothing. */
		in = nkeep ? lists[nkeep] : " AND 1 = 0";
	}
	char *sql = arena_printf(a, LISTING_SELECT " WHERE ($1 = 0 OR l.organisation_id = $1)%s ORDER BY l.id DESC",
				 in);
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	for (size_t i = 0; i < nkeep; i++)
		if (db_bind_text(st, (int)i + 2, keep[i]))
			return ERR_STORAGE;
	bool more;
	return db_rows_page(st, a, sizeof **out, read_listing, AGENT_LIST_MAX, (void **)out, n, &more);
}

int listings_open(struct db *db, struct arena *a, const char *today, int64_t org, struct listing **out,
		  size_t *n)
{
	/* Not capped at AGENT_LIST_MAX: matching ranks every open flat, and a cap would silently drop
	 * the oldest; the request's arena bounds the memory. */
	struct db_stmt *st = db_prepare(db, a,
					LISTING_SELECT " JOIN agent_firm f ON f.organisation_id = l.organisation_id"
						       " WHERE l.status = 'open' AND o.active = 1 AND ($2 = 0 OR l.organisation_id = $2)"
						       " AND " AGENT_COOPERATING("f.organisation_id", "$1") " ORDER BY l.id DESC");
	if (!st || !today || db_bind_text(st, 1, today) || db_bind_int(st, 2, org))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_listing, (void **)out, n);
}

int listing_get(struct db *db, struct arena *a, int64_t id, struct listing *out)
{
	struct db_stmt *st = db_prepare(db, a, LISTING_SELECT " WHERE l.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct listing){ 0 };
	read_listing(a, st, out);
	return 0;
}

/* Checks every field of l in the order of the form and normalises its texts. */
static int listing_validate(struct db *db, struct arena *a, struct listing *l, const char **field,
			    const char **msg)
{
	bool known = false, too_long = false;
	int rc;
	struct db_stmt *w = db_prepare(db, a,
				       "SELECT 1 FROM ward w JOIN organisation o ON o.municipality_code ="
				       " w.municipality_code WHERE w.code = $1 AND o.id = $2");
	if (!w || db_bind_text(w, 1, l->ward_code ? l->ward_code : "") || db_bind_int(w, 2, l->organisation_id))
		return ERR_STORAGE;
	if ((rc = check_exists(w, &known)))
		return rc;
	if (!known)
		return check_refuse(field, msg, "ward_code", N_("Choose the ward from the list."), ERR_INVALID);
	if (!(l->address = check_required(a, l->address, AGENT_TEXT_MAX, field, msg, "address",
				    N_("Enter the address (at most 200 bytes)."))))
		return ERR_INVALID;
	if (l->rent < 1 || l->rent > LISTING_RENT_MAX)
		return check_refuse(field, msg, "rent", N_("Enter the rent in yen a month: a whole number from 1 to 1,000,000."),
			   ERR_INVALID);
	const struct {
		int value;         /* the amount */
		const char *name;  /* its form field */
		const char *msg;   /* the refusal */
	} amounts[] = {
		{ l->fees, "fees", N_("Enter the fees in yen a month: a whole number, 0 when there are none.") },
		{ l->deposit, "deposit", N_("Enter the deposit in yen: a whole number, 0 when there is none.") },
		{ l->key_money, "key_money", N_("Enter the key money in yen: a whole number, 0 when there is none.") },
	};
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++)
		if (amounts[i].value < 0 || amounts[i].value > LISTING_AMOUNT_MAX)
			return check_refuse(field, msg, amounts[i].name, amounts[i].msg, ERR_INVALID);
	if (!code_known(listing_layouts, l->layout))
		return check_refuse(field, msg, "layout", N_("Choose the layout from the list."), ERR_INVALID);
	if (l->floor < 1 || l->floor > 60)
		return check_refuse(field, msg, "floor",
			   N_("Enter the floor as a whole number from 1 to 60 (1 is the ground floor)."), ERR_INVALID);
	if (!code_known(listing_access_kinds, l->access_kind))
		return check_refuse(field, msg, "access_kind", N_("Choose station or bus stop."), ERR_INVALID);
	if (!(l->access_name = check_required(a, l->access_name, AGENT_TEXT_MAX, field, msg, "access_name",
					N_("Enter the name of the station or bus stop (at most 200 bytes)."))))
		return ERR_INVALID;
	if (l->access_minutes < 0 || l->access_minutes > 120)
		return check_refuse(field, msg, "access_minutes",
			   N_("Enter the minutes on foot to the station or bus stop: 0 to 120."), ERR_INVALID);
	if (!code_known(listing_guarantors, l->guarantor))
		return check_refuse(field, msg, "guarantor", N_("Choose the guarantor terms from the list."), ERR_INVALID);
	struct date d;
	l->available_from = l->available_from ? jp_normalize(a, l->available_from) : NULL;
	if (!l->available_from || !date_parse(l->available_from, &d))
		return check_refuse(field, msg, "available_from",
			   N_("Enter the date it is available from as YYYY-MM-DD: a real date."), ERR_INVALID);
	if (!l->status || !*l->status)
		l->status = "open";
	if (!code_known(listing_statuses, l->status))
		return check_refuse(field, msg, "status", N_("Choose the status from the list."), ERR_INVALID);
	l->note = check_text(a, l->note, AGENT_NOTE_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "note", N_("The note may be at most 2,000 bytes."), ERR_INVALID);
	return 0;
}

int listing_save(struct db *db, struct arena *a, struct listing *l, const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc;
	if (l->id) {
		/* The firm is the stored one, whatever l says: an update never moves a listing. */
		struct db_stmt *own = db_prepare(db, a, "SELECT organisation_id FROM listing WHERE id = $1");
		if (!own || db_bind_int(own, 1, l->id))
			return ERR_STORAGE;
		if ((rc = db_step(own)) != DB_ROW)
			return rc == DB_DONE ? ERR_NOTFOUND : rc;
		l->organisation_id = db_column_int(own, 0);
	} else if ((rc = agent_firm_exists(db, a, l->organisation_id, NULL))) {
		return rc == ERR_NOTFOUND ? check_refuse(field, msg, NULL, N_("Only a registered agent firm can offer listings."),
						ERR_INVALID)
					  : rc;
	}
	if ((rc = listing_validate(db, a, l, field, msg)))
		return rc;
	struct db_stmt *st;
	if (l->id == 0)
		st = db_prepare(db, a,
				"INSERT INTO listing (organisation_id, ward_code, address, rent, fees, deposit,"
				" key_money, layout, floor, lift, access_kind, access_name, access_minutes, guarantor,"
				" public_assistance, available_from, status, note, created_at, updated_at)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
				" $17, $18, $19, $19) RETURNING id");
	else
		st = db_prepare(db, a,
				"UPDATE listing SET ward_code = $2, address = $3, rent = $4, fees = $5, deposit = $6,"
				" key_money = $7, layout = $8, floor = $9, lift = $10, access_kind = $11,"
				" access_name = $12, access_minutes = $13, guarantor = $14, public_assistance = $15,"
				" available_from = $16, status = $17, note = $18, updated_at = $19"
				" WHERE id = $20 AND organisation_id = $1 RETURNING id");
	if (!st || db_bind_int(st, 1, l->organisation_id) || db_bind_text(st, 2, l->ward_code) ||
	    db_bind_text(st, 3, l->address) || db_bind_int(st, 4, l->rent) || db_bind_int(st, 5, l->fees) ||
	    db_bind_int(st, 6, l->deposit) || db_bind_int(st, 7, l->key_money) ||
	    db_bind_text(st, 8, l->layout) || db_bind_int(st, 9, l->floor) || db_bind_int(st, 10, l->lift) ||
	    db_bind_text(st, 11, l->access_kind) || db_bind_text(st, 12, l->access_name) ||
	    db_bind_int(st, 13, l->access_minutes) || db_bind_text(st, 14, l->guarantor) ||
	    db_bind_int(st, 15, l->public_assistance) || db_bind_text(st, 16, l->available_from) ||
	    db_bind_text(st, 17, l->status) || db_bind_text(st, 18, l->note) ||
	    db_bind_int(st, 19, (int64_t)time(NULL)) || (l->id && db_bind_int(st, 20, l->id)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	l->id = db_column_int(st, 0);
	return 0;
}

int listing_set_status(struct db *db, int64_t id, const char *status)
{
	if (!code_known(listing_statuses, status))
		return ERR_INVALID;
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE listing SET status = $2, updated_at = $3 WHERE id = $1 RETURNING id");
	int rc = ERR_STORAGE;
	if (st && !db_bind_int(st, 1, id) && !db_bind_text(st, 2, status) &&
	    !db_bind_int(st, 3, (int64_t)time(NULL))) {
		rc = db_step(st);
		rc = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
	}
	arena_destroy(a);
	return rc;
}

/* ---- feedback ---- */

int agent_feedback_add(struct db *db, struct arena *a, struct agent_feedback *f, int64_t user_id,
		       const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc = agent_firm_exists(db, a, f->organisation_id, NULL);
	if (rc)
		return rc == ERR_NOTFOUND ? check_refuse(field, msg, NULL, N_("Only a registered agent firm can send feedback."),
						ERR_INVALID)
					  : rc;
	if (!code_known(agent_feedback_topics, f->topic))
		return check_refuse(field, msg, "topic", N_("Choose the topic from the list."), ERR_INVALID);
	if (!(f->body = check_required(a, f->body, AGENT_FEEDBACK_MAX, field, msg, "body",
				 N_("Write your feedback (at most 4,000 bytes)."))))
		return ERR_INVALID;
	int64_t now = (int64_t)time(NULL);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_feedback (organisation_id, user_id, topic, body, created_at)"
					" VALUES ($1, $2, $3, $4, $5) RETURNING id");
	if (!st || db_bind_int(st, 1, f->organisation_id) || db_bind_int(st, 2, user_id) ||
	    db_bind_text(st, 3, f->topic) || db_bind_text(st, 4, f->body) || db_bind_int(st, 5, now))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	f->id = db_column_int(st, 0);
	f->sent_on = check_day_of(a, now);
	return 0;
}

static void read_feedback(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_feedback *f = p;
	f->id = db_column_int(st, 0);
	f->organisation_id = db_column_int(st, 1);
	f->firm_name = arena_strdup(a, db_column_text(st, 2));
	f->topic = arena_strdup(a, db_column_text(st, 3));
	f->body = arena_strdup(a, db_column_text(st, 4));
	f->sent_on = check_day_of(a, db_column_int(st, 5));
}

int agent_feedback_list(struct db *db, struct arena *a, int64_t org, struct agent_feedback **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT b.id, b.organisation_id, o.name, b.topic, b.body, b.created_at"
					" FROM agent_feedback b JOIN organisation o ON o.id = b.organisation_id"
					" WHERE ($1 = 0 OR b.organisation_id = $1) ORDER BY b.created_at DESC, b.id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_feedback, AGENT_LIST_MAX, (void **)out, n, &more);
}
