/* stay — trial-stay rooms and bookings with their rules and SQL. See stay.h. */
#include "stay.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "setting.h"

#include <string.h>
#include <time.h>

static int bad(const char **field, const char **msg, const char *f, const char *m, int rc)
{
	*field = f;
	*msg = m;
	return rc;
}

int stay_nights_per_year(struct db *db)
{
	int64_t n = setting_int(db, STAY_NIGHTS_SETTING, STAY_NIGHTS_PER_YEAR_DEFAULT);
	return n < 0 ? 0 : n > 366 ? 366 : (int)n;
}

/* Nights of [s, e) that fall in [lo, hi). */
static int nights_within(struct date s, struct date e, struct date lo, struct date hi)
{
	int64_t from = date_to_days(date_cmp(s, lo) > 0 ? s : lo);
	int64_t to = date_to_days(date_cmp(e, hi) < 0 ? e : hi);
	return to > from ? (int)(to - from) : 0;
}

/* April 1 of fy and of the year after: the fiscal year as a half-open range of days. */
static void fiscal_range(int fy, struct date *lo, struct date *hi)
{
	*lo = (struct date){ fy, 4, 1 };
	*hi = (struct date){ fy + 1, 4, 1 };
}

/* Nights of person_id's booked and done stays in fiscal year fy, leaving out booking except. */
static int nights_used(struct db *db, struct arena *a, int64_t person_id, int fy, int64_t except,
		       int *nights)
{
	struct date lo, hi;
	char los[11], his[11];
	fiscal_range(fy, &lo, &hi);
	date_format_iso(lo, los);
	date_format_iso(hi, his);
	/* The dates are compared as ISO text (which orders like the calendar); the nights inside
	 * the year are counted in C, never with SQL date functions. */
	struct db_stmt *st = db_prepare(db, a,
					"SELECT b.starts_on, b.ends_on FROM trial_booking b"
					" JOIN support_case c ON c.id = b.case_id"
					" WHERE c.person_id = $1 AND b.status <> 'cancelled' AND b.id <> $2"
					" AND b.starts_on < $4 AND b.ends_on > $3");
	if (!st || db_bind_int(st, 1, person_id) || db_bind_int(st, 2, except) ||
	    db_bind_text(st, 3, los) || db_bind_text(st, 4, his))
		return ERR_STORAGE;
	*nights = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct date s, e;
		if (date_parse(db_column_text(st, 0), &s) && date_parse(db_column_text(st, 1), &e))
			*nights += nights_within(s, e, lo, hi);
	}
	return rc == DB_DONE ? 0 : rc;
}

int stay_nights_in_year(struct db *db, struct arena *a, int64_t person_id, int fy, int *nights)
{
	return nights_used(db, a, person_id, fy, 0, nights);
}

/* ---- rooms ---- */

#define ROOM_SELECT                                                                        \
	"SELECT r.id, r.organisation_id, o.name, o.ward_code, r.name, r.active FROM trial_room r" \
	" JOIN organisation o ON o.id = r.organisation_id"

static void read_room(struct arena *a, struct db_stmt *st, struct trial_room *r)
{
	r->id = db_column_int(st, 0);
	r->organisation_id = db_column_int(st, 1);
	r->organisation_name = arena_strdup(a, db_column_text(st, 2));
	r->ward_code = arena_strdup(a, db_column_text(st, 3));
	r->name = arena_strdup(a, db_column_text(st, 4));
	r->active = db_column_int(st, 5) != 0;
}

/* Appends one element of size sz to the array *v of *n, growing it by doubling in a. */
static void *grow(struct arena *a, void **v, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t bigger = *cap ? *cap * 2 : 16;
		char *w = arena_alloc(a, bigger * sz);
		if (!w)
			return NULL;
		if (*n)
			memcpy(w, *v, *n * sz);
		*v = w;
		*cap = bigger;
	}
	char *slot = (char *)*v + (*n)++ * sz;
	memset(slot, 0, sz);
	return slot;
}

int stay_rooms(struct db *db, struct arena *a, int64_t organisation_id, bool active_only,
	       struct trial_room **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					ROOM_SELECT " WHERE ($1 = 0 OR r.organisation_id = $1)"
						    " AND ($2 = 0 OR r.active = 1) ORDER BY o.name, r.name, r.id");
	if (!st || db_bind_int(st, 1, organisation_id) || db_bind_int(st, 2, active_only))
		return ERR_STORAGE;
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct trial_room *r = grow(a, (void **)out, n, &cap, sizeof **out);
		if (!r)
			return ERR_TOOBIG;
		read_room(a, st, r);
	}
	return rc == DB_DONE ? 0 : rc;
}

int stay_room_get(struct db *db, struct arena *a, int64_t id, struct trial_room *out)
{
	struct db_stmt *st = db_prepare(db, a, ROOM_SELECT " WHERE r.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_room(a, st, out);
	return 0;
}

/* The room name as stored (NFKC, trimmed), or NULL with the reason when it cannot be. */
static char *room_name(struct arena *a, const char *s, const char **field, const char **msg)
{
	char *name = s ? jp_normalize(a, s) : NULL;
	if (!name || !*name || strlen(name) > STAY_ROOM_NAME_MAX) {
		bad(field, msg, "name", N_("Enter the room's name (at most 100 bytes)."), ERR_INVALID);
		return NULL;
	}
	return name;
}

int stay_room_create(struct db *db, struct arena *a, struct trial_room *r, const char **field,
		     const char **msg)
{
	char *name = room_name(a, r->name, field, msg);
	if (!name)
		return ERR_INVALID;
	struct db_stmt *org = db_prepare(db, a, "SELECT kind, active FROM organisation WHERE id = $1");
	if (!org || db_bind_int(org, 1, r->organisation_id))
		return ERR_STORAGE;
	int rc = db_step(org);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE || strcmp(db_column_text(org, 0), "group_home") != 0 || !db_column_int(org, 1))
		return bad(field, msg, "organisation_id",
			   N_("Only an active group home can have trial-stay rooms."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO trial_room (organisation_id, name, active) VALUES ($1, $2, 1)"
					" RETURNING id");
	if (!st || db_bind_int(st, 1, r->organisation_id) || db_bind_text(st, 2, name))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return bad(field, msg, "name", N_("This group home already has a room of that name."), ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->name = name;
	r->active = true;
	return 0;
}

int stay_room_update(struct db *db, struct arena *a, struct trial_room *r, const char **field,
		     const char **msg)
{
	char *name = room_name(a, r->name, field, msg);
	if (!name)
		return ERR_INVALID;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE trial_room SET name = $2, active = $3 WHERE id = $1 RETURNING id");
	if (!st || db_bind_int(st, 1, r->id) || db_bind_text(st, 2, name) || db_bind_int(st, 3, r->active))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return bad(field, msg, "name", N_("This group home already has a room of that name."), ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	r->name = name;
	return 0;
}

/* ---- bookings ---- */

/* Column 6 says whether the reader may see who stays: the %s is the access rule (access.c)
 * over the case c, widened for a provider to the rooms of their own organisation. The person
 * and the outcome (7–9) are copied out of the row only when it is true (read_booking). */
#define BOOKING_SELECT                                                                            \
	"SELECT b.id, b.room_id, r.name, r.organisation_id, o.name, b.case_id, (%s),"              \
	" c.person_id, p.family_name || ' ' || p.given_name, b.outcome, b.starts_on, b.ends_on,"   \
	" b.status, b.user_id FROM trial_booking b JOIN trial_room r ON r.id = b.room_id"          \
	" JOIN organisation o ON o.id = r.organisation_id JOIN support_case c ON c.id = b.case_id" \
	" JOIN person p ON p.id = c.person_id"

static const char *shown_sql(struct arena *a, const struct access *acc)
{
	const char *rule = access_case_sql(acc->role);
	if (acc->role == ROLE_PROVIDER)
		return arena_printf(a, "%s OR r.organisation_id = $20", rule);
	return rule;
}

static char *booking_sql(struct arena *a, const struct access *acc, const char *where)
{
	const char *shown = shown_sql(a, acc);
	if (!shown)
		return NULL;
	return arena_printf(a, BOOKING_SELECT " WHERE %s", shown, where);
}

static void read_booking(struct arena *a, struct db_stmt *st, struct trial_booking *b)
{
	b->id = db_column_int(st, 0);
	b->room_id = db_column_int(st, 1);
	b->room_name = arena_strdup(a, db_column_text(st, 2));
	b->organisation_id = db_column_int(st, 3);
	b->organisation_name = arena_strdup(a, db_column_text(st, 4));
	b->case_id = db_column_int(st, 5);
	b->visible = db_column_int(st, 6) != 0;
	b->person_id = b->visible ? db_column_int(st, 7) : 0;
	b->person_name = b->visible ? arena_strdup(a, db_column_text(st, 8)) : NULL;
	b->outcome = b->visible ? arena_strdup(a, db_column_text(st, 9)) : NULL;
	b->starts_on = arena_strdup(a, db_column_text(st, 10));
	b->ends_on = arena_strdup(a, db_column_text(st, 11));
	b->status = arena_strdup(a, db_column_text(st, 12));
	b->user_id = db_column_int(st, 13);
	struct date s, e;
	b->nights = b->starts_on && b->ends_on && date_parse(b->starts_on, &s) && date_parse(b->ends_on, &e)
			    ? (int)(date_to_days(e) - date_to_days(s))
			    : 0;
}

/* Runs a prepared booking query whose own parameters are bound, collecting at most
 * STAY_LIST_MAX rows. */
static int collect(struct arena *a, struct db_stmt *st, struct trial_booking **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int rc = DB_DONE;
	while (*n < STAY_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
		struct trial_booking *b = grow(a, (void **)out, n, &cap, sizeof **out);
		if (!b)
			return ERR_TOOBIG;
		read_booking(a, st, b);
	}
	return *n == STAY_LIST_MAX || rc == DB_DONE ? 0 : rc;
}

int stay_booking_get(struct db *db, struct arena *a, const struct access *acc, int64_t id,
		     struct trial_booking *out)
{
	char *sql = booking_sql(a, acc, "b.id = $1");
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, id) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct trial_booking){ 0 };
	read_booking(a, st, out);
	return 0;
}

static int list_by(struct db *db, struct arena *a, const struct access *acc, const char *where,
		   int64_t id, struct trial_booking **out, size_t *n)
{
	char *sql = booking_sql(a, acc, where);
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, id) || access_bind(st, acc))
		return ERR_STORAGE;
	return collect(a, st, out, n);
}

int stay_bookings_by_room(struct db *db, struct arena *a, const struct access *acc, int64_t room_id,
			  struct trial_booking **out, size_t *n)
{
	return list_by(db, a, acc, "b.room_id = $1 ORDER BY b.starts_on DESC, b.id DESC", room_id, out, n);
}

int stay_bookings_by_case(struct db *db, struct arena *a, const struct access *acc, int64_t case_id,
			  struct trial_booking **out, size_t *n)
{
	return list_by(db, a, acc, "b.case_id = $1 ORDER BY b.starts_on DESC, b.id DESC", case_id, out, n);
}

int stay_bookings_upcoming(struct db *db, struct arena *a, const struct access *acc,
			   int64_t organisation_id, const char *today, int days,
			   struct trial_booking **out, size_t *n)
{
	struct date t;
	if (!today || !date_parse(today, &t) || days < 0)
		return ERR_INVALID;
	char until[11];
	date_format_iso(date_add_days(t, days), until);
	char *sql = booking_sql(a, acc,
				"($1 = 0 OR r.organisation_id = $1) AND b.status <> 'cancelled'"
				" AND b.starts_on < $3 AND (b.ends_on > $2 OR b.status = 'booked')"
				" ORDER BY b.starts_on, b.id");
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, organisation_id) || db_bind_text(st, 2, today) ||
	    db_bind_text(st, 3, until) || access_bind(st, acc))
		return ERR_STORAGE;
	return collect(a, st, out, n);
}

/* *found is true when sql (bound with $1 = id, $2 = starts, $3 = ends) finds a booked or done
 * stay sharing a night with [starts, ends). */
static int clash(struct db *db, struct arena *a, const char *sql, int64_t id, const char *starts,
		 const char *ends, bool *found)
{
	struct db_stmt *st = db_prepare(db, a, sql);
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, starts) || db_bind_text(st, 3, ends))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*found = rc == DB_ROW;
	return 0;
}

int stay_book(struct db *db, struct arena *a, struct trial_booking *b, int64_t user_id,
	      const char *today, struct stay_quota *quota, const char **field, const char **msg)
{
	struct date s, e, t;
	if (quota)
		*quota = (struct stay_quota){ 0 };
	if (!b->starts_on || !date_parse(b->starts_on, &s))
		return bad(field, msg, "starts_on", N_("Enter the first night as YYYY-MM-DD: a real date."), ERR_INVALID);
	if (!b->ends_on || !date_parse(b->ends_on, &e))
		return bad(field, msg, "ends_on", N_("Enter the day of leaving as YYYY-MM-DD: a real date."), ERR_INVALID);
	if (!today || !date_parse(today, &t))
		return ERR_INVALID;
	int64_t nights = date_to_days(e) - date_to_days(s);
	if (nights < 1)
		return bad(field, msg, "ends_on", N_("The day of leaving must come after the first night."), ERR_INVALID);
	if (nights > STAY_MAX_NIGHTS)
		return bad(field, msg, "ends_on", N_("A trial stay is at most 30 nights at a time."), ERR_INVALID);
	if (date_to_days(s) - date_to_days(t) > STAY_BOOK_AHEAD_DAYS)
		return bad(field, msg, "starts_on", N_("Rooms are booked at most a year ahead."), ERR_INVALID);

	struct db_stmt *room = db_prepare(db, a,
					  "SELECT 1 FROM trial_room r JOIN organisation o ON o.id = r.organisation_id"
					  " WHERE r.id = $1 AND r.active = 1 AND o.active = 1 AND o.kind = 'group_home'");
	if (!room || db_bind_int(room, 1, b->room_id))
		return ERR_STORAGE;
	int rc = db_step(room);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE)
		return bad(field, msg, "room_id", N_("Choose an active group-home room from the list."), ERR_INVALID);

	struct db_stmt *kase = db_prepare(db, a,
					  "SELECT person_id, stage, opened_on FROM support_case WHERE id = $1");
	if (!kase || db_bind_int(kase, 1, b->case_id))
		return ERR_STORAGE;
	if ((rc = db_step(kase)) != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	int64_t person_id = db_column_int(kase, 0);
	if (strcmp(db_column_text(kase, 1), "closed") == 0)
		return bad(field, msg, "case_id", N_("The case is closed: a trial stay needs an open case."), ERR_INVALID);
	struct date opened;
	if (date_parse(db_column_text(kase, 2), &opened) && date_cmp(s, opened) < 0)
		return bad(field, msg, "starts_on", N_("The first night cannot come before the case was opened."), ERR_INVALID);

	/* Half-open nights: [a, b) and [c, d) share a night when a < d and c < b. */
	bool taken = false;
	if ((rc = clash(db, a,
			"SELECT 1 FROM trial_booking b WHERE b.room_id = $1 AND b.status <> 'cancelled'"
			" AND b.starts_on < $3 AND b.ends_on > $2 LIMIT 1",
			b->room_id, b->starts_on, b->ends_on, &taken)))
		return rc;
	if (taken)
		return bad(field, msg, "starts_on", N_("This room is already booked for some of those nights."),
			   ERR_CONFLICT);
	if ((rc = clash(db, a,
			"SELECT 1 FROM trial_booking b JOIN support_case c ON c.id = b.case_id"
			" WHERE c.person_id = $1 AND b.status <> 'cancelled'"
			" AND b.starts_on < $3 AND b.ends_on > $2 LIMIT 1",
			person_id, b->starts_on, b->ends_on, &taken)))
		return rc;
	if (taken)
		return bad(field, msg, "starts_on",
			   N_("This person already has a trial stay on some of those nights."), ERR_CONFLICT);

	/* A stay of at most 30 nights touches one fiscal year, or two when it crosses March 31. */
	int limit = stay_nights_per_year(db);
	struct date last = date_add_days(e, -1);
	for (int fy = date_fiscal_year(s); fy <= date_fiscal_year(last); fy++) {
		struct date lo, hi;
		int used;
		fiscal_range(fy, &lo, &hi);
		if ((rc = nights_used(db, a, person_id, fy, 0, &used)))
			return rc;
		if (used + nights_within(s, e, lo, hi) > limit) {
			if (quota)
				*quota = (struct stay_quota){ fy, limit, used, used < limit ? limit - used : 0 };
			return bad(field, msg, "ends_on",
				   N_("This stay would pass the yearly limit: {left} of the {limit} nights a year are left for this person in {year}."),
				   ERR_INVALID);
		}
	}

	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO trial_booking (room_id, case_id, starts_on, ends_on, status,"
					" user_id, created_at) VALUES ($1, $2, $3, $4, 'booked', $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, b->room_id) || db_bind_int(st, 2, b->case_id) ||
	    db_bind_text(st, 3, b->starts_on) || db_bind_text(st, 4, b->ends_on) ||
	    db_bind_int(st, 5, user_id) || db_bind_int(st, 6, (int64_t)time(NULL)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	b->id = db_column_int(st, 0);
	b->nights = (int)nights;
	b->status = "booked";
	b->user_id = user_id;
	return 0;
}

/* The status and dates of a booking, for the writers below. */
static int booking_state(struct db *db, struct arena *a, int64_t id, char **status, struct date *s,
			 struct date *e)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT status, starts_on, ends_on FROM trial_booking WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*status = arena_strdup(a, db_column_text(st, 0));
	if (!*status || !date_parse(db_column_text(st, 1), s) || !date_parse(db_column_text(st, 2), e))
		return ERR_STORAGE;
	return 0;
}

int stay_cancel(struct db *db, struct arena *a, int64_t booking_id, const char *today,
		const char **field, const char **msg)
{
	char *status;
	struct date s, e, t;
	int rc = booking_state(db, a, booking_id, &status, &s, &e);
	if (rc)
		return rc;
	if (!today || !date_parse(today, &t))
		return ERR_INVALID;
	if (strcmp(status, "booked") != 0)
		return bad(field, msg, "status", N_("Only a booked stay can be cancelled."), ERR_INVALID);
	if (date_cmp(e, t) <= 0)
		return bad(field, msg, "status", N_("This stay is over: record how it went instead of cancelling it."),
			   ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE trial_booking SET status = 'cancelled' WHERE id = $1 AND status = 'booked'");
	if (!st || db_bind_int(st, 1, booking_id) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : ERR_STORAGE;
}

int stay_record_outcome(struct db *db, struct arena *a, int64_t booking_id, const char *outcome,
			const char *today, const char **field, const char **msg)
{
	char *status;
	struct date s, e, t;
	int rc = booking_state(db, a, booking_id, &status, &s, &e);
	if (rc)
		return rc;
	if (!today || !date_parse(today, &t))
		return ERR_INVALID;
	if (strcmp(status, "cancelled") == 0)
		return bad(field, msg, "status", N_("This stay was cancelled."), ERR_INVALID);
	if (date_cmp(s, t) > 0)
		return bad(field, msg, "outcome", N_("The stay has not begun yet: record how it went after the first night."),
			   ERR_INVALID);
	char *text = outcome ? jp_normalize(a, outcome) : NULL;
	if (!text || !*text || strlen(text) > STAY_OUTCOME_MAX)
		return bad(field, msg, "outcome", N_("Write how the stay went (at most 4000 bytes)."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE trial_booking SET status = 'done', outcome = $2 WHERE id = $1"
					" AND status <> 'cancelled'");
	if (!st || db_bind_int(st, 1, booking_id) || db_bind_text(st, 2, text) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : ERR_STORAGE;
}
