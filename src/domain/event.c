/*
 * event — trainings, exchange meetings and awareness events with their participants and, for an
 * agent training, the firms that attended, with the SQL. See event.h.
 *
 * Fiscal years are ranges of ISO days compared as text ([fy-04-01, fy+1-04-01)), which order like
 * the calendar: no SQL date functions (DESIGN §9).
 */
#include "event.h"

#include "agent_rows.h"
#include "arena.h"
#include "check.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const struct code event_kinds[] = {
	{ "elderly_field_training", N_("Training with the elderly-care field"), NULL }, /* 高齢分野との研修会 */
	{ "peer_training_basic", N_("Peer-supporter training (basic)"), NULL },        /* ピアサポーター養成研修（基礎） */
	{ "peer_training_advanced", N_("Peer-supporter training (advanced)"), NULL },  /* 同（応用） */
	{ "peer_exchange", N_("Peer-supporter exchange meeting"), NULL },              /* ピアサポーター交流会 */
	{ "agent_training", N_("Training for real-estate agents"), NULL },             /* 宅建協会員への研修会 */
	{ "awareness", N_("Awareness event"), NULL },                                  /* 普及啓発 */
	{ "other", N_("Other event"), NULL },
	{ NULL, NULL, NULL },
};

const struct code event_statuses[] = {
	{ "planned", N_("Planned"), NULL },
	{ "held", N_("Held"), NULL },
	{ "postponed", N_("Postponed"), NULL },
	{ "cancelled", N_("Called off"), NULL },          /* 中止 */
	{ NULL, NULL, NULL },
};

bool event_time_valid(const char *s)
{
	return s && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

/* April 1 of fy and of the year after, as ISO text: the fiscal year as a half-open range. */
static void fiscal_bounds(int fy, char from[11], char to[11])
{
	date_format_iso((struct date){ fy, 4, 1 }, from);
	date_format_iso((struct date){ fy + 1, 4, 1 }, to);
}

/* ---- reading ---- */

#define EVENT_SELECT                                                                                  \
	"SELECT e.id, e.kind, e.title, e.held_on, e.starts_at, e.ends_at, e.place, e.ward_code,"      \
	" e.co_host, e.status, e.status_reason, e.lecturers, e.materials, e.outcome,"                  \
	" (SELECT coalesce(sum(p.head_count), 0) FROM event_participation p WHERE p.event_id = e.id)," \
	" (SELECT count(*) FROM agent_training t WHERE t.event_id = e.id) FROM event e"

static void read_event(struct arena *a, struct db_stmt *st, void *p)
{
	struct event *e = p;
	e->id = db_column_int(st, 0);
	e->kind = arena_strdup(a, db_column_text(st, 1));
	e->title = arena_strdup(a, db_column_text(st, 2));
	e->held_on = arena_strdup(a, db_column_text(st, 3));
	e->starts_at = arena_strdup(a, db_column_text(st, 4));
	e->ends_at = arena_strdup(a, db_column_text(st, 5));
	e->place = arena_strdup(a, db_column_text(st, 6));
	e->ward_code = arena_strdup(a, db_column_text(st, 7));
	e->co_host = arena_strdup(a, db_column_text(st, 8));
	e->status = arena_strdup(a, db_column_text(st, 9));
	e->status_reason = arena_strdup(a, db_column_text(st, 10));
	e->lecturers = arena_strdup(a, db_column_text(st, 11));
	e->materials = arena_strdup(a, db_column_text(st, 12));
	e->outcome = arena_strdup(a, db_column_text(st, 13));
	e->participants = (int)db_column_int(st, 14);
	e->firms = (int)db_column_int(st, 15);
}

int event_get(struct db *db, struct arena *a, int64_t id, struct event *out)
{
	struct db_stmt *st = db_prepare(db, a, EVENT_SELECT " WHERE e.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct event){ 0 };
	read_event(a, st, out);
	return 0;
}

int event_list(struct db *db, struct arena *a, int fy, const char *kind, struct event **out, size_t *n)
{
	char from[11], to[11];
	fiscal_bounds(fy, from, to);
	struct db_stmt *st = db_prepare(db, a,
					EVENT_SELECT " WHERE e.held_on >= $1 AND e.held_on < $2 AND ($3 = '' OR e.kind = $3)"
						     " ORDER BY e.held_on, e.starts_at, e.id");
	bool more;
	if (!st || db_bind_text(st, 1, from) || db_bind_text(st, 2, to) || db_bind_text(st, 3, kind ? kind : ""))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_event, EVENT_LIST_MAX, (void **)out, n, &more);
}

int event_count_held(struct db *db, const char *kind, int fy, const char *ward_code, int *count)
{
	*count = 0;
	if (!code_known(event_kinds, kind))
		return ERR_INVALID;
	char from[11], to[11];
	fiscal_bounds(fy, from, to);
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*) FROM event WHERE kind = $1 AND status = 'held'"
					" AND held_on >= $2 AND held_on < $3 AND ($4 = '' OR ward_code = $4)");
	int rc = ERR_STORAGE;
	if (st && !db_bind_text(st, 1, kind) && !db_bind_text(st, 2, from) && !db_bind_text(st, 3, to) &&
	    !db_bind_text(st, 4, ward_code ? ward_code : "") && (rc = db_step(st)) == DB_ROW) {
		*count = (int)db_column_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_STORAGE;
	}
	arena_destroy(a);
	return rc;
}

/* ---- writing ---- */

/* An optional text: NFKC, trimmed, NULL when empty; refused when longer than max. */
static bool optional(struct arena *a, char **s, size_t max)
{
	bool too_long = false;
	*s = check_text(a, *s, max, &too_long);
	return !too_long;
}

/* Whether ward is a ward of the municipality. */
static int ward_known(struct db *db, struct arena *a, const char *ward, bool *yes)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
	if (!st || db_bind_text(st, 1, ward))
		return ERR_STORAGE;
	return check_exists(st, yes);
}

/* Checks and normalises every field of e against the rules of event.h (not those that need the
 * stored event). */
static int validate(struct db *db, struct arena *a, struct event *e, const char *today, const char **field,
		    const char **msg)
{
	if (!code_known(event_kinds, e->kind))
		return check_refuse(field, msg, "kind", N_("Choose the kind of event from the list."), ERR_INVALID);
	if (!(e->title = check_required(a, e->title, EVENT_TITLE_MAX, field, msg, "title",
					N_("Enter the event's title (at most 200 bytes)."))))
		return ERR_INVALID;
	struct date on, now;
	e->held_on = e->held_on ? jp_normalize(a, e->held_on) : NULL;
	if (!e->held_on || !date_parse(e->held_on, &on))
		return check_refuse(field, msg, "held_on", N_("Enter the day of the event as YYYY-MM-DD: a real date."),
				    ERR_INVALID);
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	if (!optional(a, &e->starts_at, 5) || (e->starts_at && !event_time_valid(e->starts_at)))
		return check_refuse(field, msg, "starts_at", N_("Enter the starting time as HH:MM."), ERR_INVALID);
	if (!optional(a, &e->ends_at, 5) || (e->ends_at && !event_time_valid(e->ends_at)))
		return check_refuse(field, msg, "ends_at", N_("Enter the ending time as HH:MM."), ERR_INVALID);
	if (e->starts_at && e->ends_at && strcmp(e->ends_at, e->starts_at) <= 0)
		return check_refuse(field, msg, "ends_at", N_("The event must end after it starts."), ERR_INVALID);
	if (!optional(a, &e->place, EVENT_TITLE_MAX))
		return check_refuse(field, msg, "place", N_("The place is at most 200 bytes."), ERR_INVALID);
	if (!optional(a, &e->co_host, EVENT_TITLE_MAX))
		return check_refuse(field, msg, "co_host", N_("The co-host is at most 200 bytes."), ERR_INVALID);
	if (e->ward_code && !*e->ward_code)
		e->ward_code = NULL;
	if (e->ward_code) {
		bool known = false;
		int rc = ward_known(db, a, e->ward_code, &known);
		if (rc)
			return rc;
		if (!known)
			return check_refuse(field, msg, "ward_code", N_("Choose a ward of the city, or city-wide."), ERR_INVALID);
	}
	if (!code_known(event_statuses, e->status))
		return check_refuse(field, msg, "status", N_("Choose the event's status from the list."), ERR_INVALID);
	if (strcmp(e->status, "held") == 0 && date_cmp(on, now) > 0)
		return check_refuse(field, msg, "status",
				    N_("An event in the future cannot have been held: keep it planned until its day."),
				    ERR_INVALID);
	bool with_reason = strcmp(e->status, "postponed") == 0 || strcmp(e->status, "cancelled") == 0;
	if (!optional(a, &e->status_reason, EVENT_REASON_MAX))
		return check_refuse(field, msg, "status_reason", N_("The reason is at most 1000 bytes."), ERR_INVALID);
	if (with_reason && !e->status_reason)
		return check_refuse(field, msg, "status_reason",
				    N_("Say why the event was postponed or cancelled."), ERR_INVALID);
	if (!with_reason)
		e->status_reason = NULL;
	if (!optional(a, &e->lecturers, EVENT_TEXT_MAX))
		return check_refuse(field, msg, "lecturers", N_("The lecturers are at most 4000 bytes."), ERR_INVALID);
	if (!optional(a, &e->materials, EVENT_TEXT_MAX))
		return check_refuse(field, msg, "materials", N_("The materials are at most 4000 bytes."), ERR_INVALID);
	if (!optional(a, &e->outcome, EVENT_TEXT_MAX))
		return check_refuse(field, msg, "outcome", N_("The outcome is at most 4000 bytes."), ERR_INVALID);
	return 0;
}

/* Binds the fields of e to $2 … $14 in the order of the INSERT and UPDATE below. */
static int bind_fields(struct db_stmt *st, const struct event *e)
{
	return db_bind_text(st, 2, e->kind) || db_bind_text(st, 3, e->title) || db_bind_text(st, 4, e->held_on) ||
	       db_bind_text(st, 5, e->starts_at) || db_bind_text(st, 6, e->ends_at) || db_bind_text(st, 7, e->place) ||
	       db_bind_text(st, 8, e->ward_code) || db_bind_text(st, 9, e->co_host) || db_bind_text(st, 10, e->status) ||
	       db_bind_text(st, 11, e->status_reason) || db_bind_text(st, 12, e->lecturers) ||
	       db_bind_text(st, 13, e->materials) || db_bind_text(st, 14, e->outcome);
}

int event_add(struct db *db, struct arena *a, const char *muni, struct event *e, int64_t user_id,
	      const char *today, const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc = validate(db, a, e, today, field, msg);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO event (municipality_code, kind, title, held_on, starts_at, ends_at,"
					" place, ward_code, co_host, status, status_reason, lecturers, materials, outcome,"
					" created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
					" $12, $13, $14, $15, $16) RETURNING id");
	if (!st || db_bind_text(st, 1, muni) || bind_fields(st, e) || db_bind_int(st, 15, user_id) ||
	    db_bind_int(st, 16, (int64_t)time(NULL)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	e->id = db_column_int(st, 0);
	e->participants = e->firms = 0;
	return 0;
}

int event_save(struct db *db, struct arena *a, struct event *e, const char *today, const char **field,
	       const char **msg)
{
	*field = *msg = NULL;
	struct event old;
	int rc = event_get(db, a, e->id, &old);
	if (rc || (rc = validate(db, a, e, today, field, msg)))
		return rc;
	if (old.firms && (strcmp(e->kind, old.kind) != 0 || strcmp(e->held_on, old.held_on) != 0 ||
			  strcmp(e->status, "held") != 0))
		return check_refuse(field, msg, strcmp(e->kind, old.kind) != 0 ? "kind"
						: strcmp(e->held_on, old.held_on) != 0 ? "held_on" : "status",
				    N_("Agent firms' trainings are recorded from this event: its kind, day and status stay as they are."),
				    ERR_CONFLICT);
	if (old.participants && strcmp(e->status, "held") != 0)
		return check_refuse(field, msg, "status",
				    N_("Participants are recorded for this event: it stays held. Clear the participants first."),
				    ERR_CONFLICT);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE event SET kind = $2, title = $3, held_on = $4, starts_at = $5, ends_at = $6,"
					" place = $7, ward_code = $8, co_host = $9, status = $10, status_reason = $11,"
					" lecturers = $12, materials = $13, outcome = $14 WHERE id = $1 RETURNING id");
	if (!st || db_bind_int(st, 1, e->id) || bind_fields(st, e))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	e->participants = old.participants;
	e->firms = old.firms;
	return 0;
}

/* ---- participants ---- */

int event_participation(struct db *db, struct arena *a, int64_t event_id, struct event_heads *out)
{
	*out = (struct event_heads){ 0 };
	struct db_stmt *st = db_prepare(db, a, "SELECT sector, head_count FROM event_participation WHERE event_id = $1");
	if (!st || db_bind_int(st, 1, event_id))
		return ERR_STORAGE;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int s = meeting_sector_index(db_column_text(st, 0));
		int heads = (int)db_column_int(st, 1);
		if (s >= 0)
			out->heads[s] = heads;
		out->total += heads;
	}
	return rc == DB_DONE ? 0 : rc;
}

int event_participation_set(struct db *db, struct arena *a, int64_t event_id, const struct event_heads *heads,
			    const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct event e;
	int rc = event_get(db, a, event_id, &e);
	if (rc)
		return rc;
	for (int i = 0; i < MEETING_SECTORS; i++)
		if (heads->heads[i] < 0 || heads->heads[i] > EVENT_HEADS_MAX)
			return check_refuse(field, msg, arena_printf(a, "heads_%s", meeting_sectors[i].code),
					    N_("Enter how many came of each sector: a whole number from 0 to 5000."),
					    ERR_INVALID);
	if (strcmp(e.status, "held") != 0)
		return check_refuse(field, msg, "status",
				    N_("Participants are recorded once the event is held: set its status to held first."),
				    ERR_INVALID);
	struct db_stmt *del = db_prepare(db, a, "DELETE FROM event_participation WHERE event_id = $1");
	if (!del || db_bind_int(del, 1, event_id) || db_step(del) != DB_DONE)
		return ERR_STORAGE;
	struct db_stmt *ins = db_prepare(db, a,
					 "INSERT INTO event_participation (event_id, sector, head_count) VALUES ($1, $2, $3)");
	if (!ins)
		return ERR_STORAGE;
	for (int i = 0; i < MEETING_SECTORS; i++) {
		if (!heads->heads[i])
			continue;
		db_reset(ins);
		if (db_bind_int(ins, 1, event_id) || db_bind_text(ins, 2, meeting_sectors[i].code) ||
		    db_bind_int(ins, 3, heads->heads[i]) || (rc = db_step(ins)) != DB_DONE)
			return rc < 0 ? rc : ERR_STORAGE;
	}
	return 0;
}

/* ---- agent firms ---- */

#define FIRM_TRAINING_SELECT                                                                     \
	"SELECT t.id, t.organisation_id, o.name, t.trained_on, t.title, t.attendees, t.event_id,"   \
	" e.title FROM agent_training t JOIN organisation o ON o.id = t.organisation_id"             \
	" LEFT JOIN event e ON e.id = t.event_id"

static void read_firm_training(struct arena *a, struct db_stmt *st, void *p)
{
	struct event_firm_training *t = p;
	t->id = db_column_int(st, 0);
	t->organisation_id = db_column_int(st, 1);
	t->firm_name = arena_strdup(a, db_column_text(st, 2));
	t->trained_on = arena_strdup(a, db_column_text(st, 3));
	t->title = arena_strdup(a, db_column_text(st, 4));
	t->attendees = (int)db_column_int(st, 5);
	t->event_id = db_column_int(st, 6);
	t->event_title = arena_strdup(a, db_column_text(st, 7));
}

int event_firms(struct db *db, struct arena *a, int64_t event_id, struct event_firm_training **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, FIRM_TRAINING_SELECT " WHERE t.event_id = $1 ORDER BY o.name, t.id");
	bool more;
	if (!st || db_bind_int(st, 1, event_id))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_firm_training, EVENT_LIST_MAX, (void **)out, n, &more);
}

int event_firm_trainings(struct db *db, struct arena *a, int64_t org, struct event_firm_training **out,
			 size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					FIRM_TRAINING_SELECT " WHERE t.organisation_id = $1 ORDER BY t.trained_on DESC, t.id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_firm_training, EVENT_LIST_MAX, (void **)out, n, &more);
}

int event_firms_record(struct db *db, struct arena *a, int64_t event_id, const int64_t *orgs, const int *attendees,
		       size_t n, int64_t user_id, const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct event e;
	int rc = event_get(db, a, event_id, &e);
	if (rc)
		return rc;
	if (strcmp(e.kind, "agent_training") != 0 || strcmp(e.status, "held") != 0)
		return check_refuse(field, msg, "firms",
				    N_("Firms are recorded for a training for real-estate agents once it is held."), ERR_INVALID);
	struct db_stmt *known = db_prepare(db, a, "SELECT 1 FROM agent_training WHERE event_id = $1 AND organisation_id = $2");
	struct db_stmt *ins = db_prepare(db, a,
					 "INSERT INTO agent_training (organisation_id, trained_on, attendees, title, user_id,"
					 " created_at, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7)");
	if (!known || !ins)
		return ERR_STORAGE;
	size_t added = 0;
	for (size_t i = 0; i < n; i++) {
		if ((rc = agent_firm_exists(db, a, orgs[i], NULL)) == ERR_NOTFOUND)
			return check_refuse(field, msg, "firms", N_("Choose agent firms from the list."), ERR_INVALID);
		if (rc)
			return rc;
		if (attendees[i] < 1 || attendees[i] > EVENT_FIRM_ATTENDEES_MAX)
			return check_refuse(field, msg, arena_printf(a, "attendees_%lld", (long long)orgs[i]),
					    N_("Enter how many of the firm attended: 1 to 100."), ERR_INVALID);
		bool already = false;
		db_reset(known);
		if (db_bind_int(known, 1, event_id) || db_bind_int(known, 2, orgs[i]) || (rc = check_exists(known, &already)))
			return rc ? rc : ERR_STORAGE;
		if (already)
			continue;
		db_reset(ins);
		if (db_bind_int(ins, 1, orgs[i]) || db_bind_text(ins, 2, e.held_on) || db_bind_int(ins, 3, attendees[i]) ||
		    db_bind_text(ins, 4, e.title) || db_bind_int(ins, 5, user_id) ||
		    db_bind_int(ins, 6, (int64_t)time(NULL)) || db_bind_int(ins, 7, event_id))
			return ERR_STORAGE;
		if ((rc = db_step(ins)) != DB_DONE)
			return rc < 0 ? rc : ERR_STORAGE;
		added++;
	}
	if (!added)
		return check_refuse(field, msg, "firms", N_("Tick at least one firm that is not recorded yet."), ERR_INVALID);
	return 0;
}
