/* calendar — meetings, events and trial stays of a range of days. See calendar.h. */
#include "calendar.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "stay.h"

#include <stdlib.h>
#include <string.h>

/* Meetings and events share a shape: both queries give these columns in this order. */
static void read_dated(struct arena *a, struct db_stmt *st, void *p)
{
	struct calendar_entry *e = p;
	e->id = db_column_int(st, 0);
	e->type = arena_strdup(a, db_column_text(st, 1));
	e->title = arena_strdup(a, db_column_text(st, 2));
	e->starts_on = arena_strdup(a, db_column_text(st, 3));
	e->ends_on = e->starts_on;
	e->starts_at = arena_strdup(a, db_column_text(st, 4));
	e->ends_at = arena_strdup(a, db_column_text(st, 5));
	e->place = arena_strdup(a, db_column_text(st, 6));
	e->ward_code = arena_strdup(a, db_column_text(st, 7));
	e->status = arena_strdup(a, db_column_text(st, 8));
}

static int read_table(struct db *db, struct arena *a, const char *sql, enum calendar_kind kind, const char *from,
		      const char *until, struct calendar_entry **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, sql);
	if (!st || db_bind_text(st, 1, from) || db_bind_text(st, 2, until))
		return ERR_STORAGE;
	bool more;
	int rc = db_rows_page(st, a, sizeof **out, read_dated, CALENDAR_KIND_MAX, (void **)out, n, &more);
	for (size_t i = 0; !rc && i < *n; i++)
		(*out)[i].kind = kind;
	return rc;
}

/* Booked and done stays with a night in [from, until), through stay.h. */
static int read_stays(struct db *db, struct arena *a, const struct access *acc, int64_t org, const char *from,
		      const char *until, int days, struct calendar_entry **out, size_t *n)
{
	struct trial_booking *b;
	size_t nb;
	int rc = stay_bookings_upcoming(db, a, acc, org, from, days, &b, &nb);
	if (rc)
		return rc;
	*out = arena_zalloc(a, (nb ? nb : 1) * sizeof **out);
	if (!*out)
		return ERR_TOOBIG;
	*n = 0;
	for (size_t i = 0; i < nb; i++) {
		/* The reader also lists begun stays still waiting for their outcome, whose nights may
		 * all be over: only those with a night in the range are the calendar's. */
		if (strcmp(b[i].ends_on, from) <= 0 || strcmp(b[i].starts_on, until) >= 0)
			continue;
		(*out)[(*n)++] = (struct calendar_entry){
			.kind = CALENDAR_STAY,
			.id = b[i].id,
			.starts_on = b[i].starts_on,
			.ends_on = b[i].ends_on,
			.title = b[i].room_name,
			.status = b[i].status,
			.place = b[i].organisation_name,
			.room_id = b[i].room_id,
			.person_name = b[i].visible ? b[i].person_name : NULL,
		};
	}
	return 0;
}

static int by_day(const void *x, const void *y)
{
	const struct calendar_entry *a = x, *b = y;
	int c = strcmp(a->starts_on, b->starts_on);
	if (c)
		return c;
	if (!a->starts_at != !b->starts_at)
		return a->starts_at ? 1 : -1;
	if (a->starts_at && (c = strcmp(a->starts_at, b->starts_at)))
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int calendar_entries(struct db *db, struct arena *a, const struct access *acc, const char *from,
		     const char *until, const struct calendar_want *want, struct calendar_entry **out, size_t *n)
{
	struct date f, u;
	if (!from || !until || !date_parse(from, &f) || !date_parse(until, &u))
		return ERR_INVALID;
	int64_t days = date_to_days(u) - date_to_days(f);
	if (days < 1 || days > CALENDAR_RANGE_MAX_DAYS)
		return ERR_INVALID;

	struct calendar_entry *part[3] = { NULL, NULL, NULL };
	size_t np[3] = { 0, 0, 0 };
	int rc = 0;
	/* ISO dates compare as text in the calendar's order: the range is a plain comparison. */
	if (want->meetings)
		rc = read_table(db, a,
				"SELECT id, kind, title, held_on, starts_at, ends_at, place, ward_code, status"
				" FROM meeting WHERE held_on >= $1 AND held_on < $2 ORDER BY held_on, id",
				CALENDAR_MEETING, from, until, &part[0], &np[0]);
	if (!rc && want->events)
		rc = read_table(db, a,
				"SELECT id, kind, title, held_on, starts_at, ends_at, place, ward_code, status"
				" FROM event WHERE held_on >= $1 AND held_on < $2 ORDER BY held_on, id",
				CALENDAR_EVENT, from, until, &part[1], &np[1]);
	if (!rc && want->stays)
		rc = read_stays(db, a, acc, want->stay_org, from, until, (int)days, &part[2], &np[2]);
	if (rc)
		return rc;

	size_t total = np[0] + np[1] + np[2];
	*out = arena_alloc(a, (total ? total : 1) * sizeof **out);
	if (!*out)
		return ERR_TOOBIG;
	*n = 0;
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < np[k]; i++)
			(*out)[(*n)++] = part[k][i];
	qsort(*out, *n, sizeof **out, by_day);
	return 0;
}
