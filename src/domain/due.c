/* due — the dashboard's list of what is due. See due.h. */
#include "due.h"

#include "arena.h"
#include "casework.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Each kind is one SELECT of (date, kind, case id, person, what) over open, visible cases (the
 * access rule is appended to each); they
 * are joined with UNION ALL so the database sorts and limits once. $1 today, $2 today + 31,
 * $3 today + 30, $4 today + 7. */
static const char *const kinds[] = {
	"SELECT f.due_on, 'follow_up', c.id, p.family_name || ' ' || p.given_name, CAST(f.months AS text)"
	" FROM follow_up f JOIN support_case c ON c.id = f.case_id JOIN person p ON p.id = c.person_id"
	" WHERE f.done_on IS NULL AND f.due_on <= $2 AND c.stage <> 'closed' AND ",

	"SELECT COALESCE(sp.extended_to, sp.ends_on), 'service_end', c.id, p.family_name || ' ' || p.given_name,"
	" sp.service FROM service_period sp JOIN support_case c ON c.id = sp.case_id"
	" JOIN person p ON p.id = c.person_id WHERE COALESCE(sp.extended_to, sp.ends_on) BETWEEN $1 AND $3"
	" AND c.stage <> 'closed' AND ",

	"SELECT b.starts_on, 'stay', c.id, p.family_name || ' ' || p.given_name, r.name"
	" FROM trial_booking b JOIN trial_room r ON r.id = b.room_id JOIN support_case c ON c.id = b.case_id"
	" JOIN person p ON p.id = c.person_id WHERE b.status = 'booked' AND b.starts_on BETWEEN $1 AND $4"
	" AND ",

	"SELECT k.expires_on, 'consent_end', c.id, p.family_name || ' ' || p.given_name, k.scope"
	" FROM consent k JOIN support_case c ON c.id = k.case_id JOIN person p ON p.id = c.person_id"
	" WHERE k.revoked_on IS NULL AND k.granted_on <= $1 AND k.expires_on BETWEEN $1 AND $3"
	" AND c.stage <> 'closed' AND ",
};

static int by_date(const void *x, const void *y)
{
	const struct due_item *a = x, *b = y;
	int c = strcmp(a->on, b->on);
	return c ? c : (a->case_id > b->case_id) - (a->case_id < b->case_id);
}

/* 計画相談支援's next monitoring is derived from its start and interval, so it is found in C:
 * the visible open cases with a running planning period, in case order, then their next
 * monitoring date, until the list is full. The cases are read in id order straight from the
 * table, so reading stops when the list is full; gathering the running periods first and sorting
 * them by case made the database read and sort all of them on every dashboard: 4,000 cases and
 * ~500,000 VM steps at 300,000 persons (docs/performance.md, "At city scale"). */
static int monitorings(struct db *db, struct arena *a, const struct access *acc, const char *today,
		       const char *horizon, struct due_item *out, size_t *n, size_t cap)
{
	/* One query for the running planning periods themselves, not one per case: a query per
	 * case prepared the same SQL again while the previous copy was still lent to this request,
	 * which the statement cache cannot reuse (db.h), and parsing dominated the dashboard.
	 * CROSS JOIN is an inner join that SQLite does not reorder: support_case stays the outer
	 * loop, read in id order, so the loop below can stop early. Left to choose, SQLite started
	 * from service_period_until (every running period) and sorted them all by case first. */
	char *sql = arena_printf(a,
				 "SELECT c.id, p.family_name || ' ' || p.given_name, sp.starts_on,"
				 " sp.monitoring_months FROM support_case c CROSS JOIN service_period sp"
				 " CROSS JOIN person p WHERE sp.case_id = c.id AND p.id = c.person_id"
				 " AND c.stage <> 'closed' AND %s"
				 " AND sp.service = 'planning' AND COALESCE(sp.extended_to, sp.ends_on) >= $1"
				 " ORDER BY c.id, sp.starts_on DESC, sp.id DESC",
				 access_case_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_text(st, 1, today) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = DB_DONE;
	while (*n < cap && (rc = db_step(st)) == DB_ROW) {
		char next[11];
		casework_next_monitoring(db_column_text(st, 2), (int)db_column_int(st, 3), today, next);
		if (!next[0] || strcmp(next, horizon) > 0)
			continue;
		out[(*n)++] = (struct due_item){ "monitoring", arena_strdup(a, next), db_column_int(st, 0),
						 arena_strdup(a, db_column_text(st, 1)), arena_strdup(a, "planning") };
	}
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int due_list(struct db *db, struct arena *a, const struct access *acc, int limit,
	     struct due_item **out, size_t *n)
{
	struct date t;
	if (!date_parse(acc->today, &t))
		return ERR_INVALID;
	char d31[11], d30[11], d7[11];
	date_format_iso(date_add_days(t, 31), d31);
	date_format_iso(date_add_days(t, 30), d30);
	date_format_iso(date_add_days(t, 7), d7);
	struct strbuf sql;
	strbuf_init(&sql, a, 0);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (i)
			strbuf_puts(&sql, " UNION ALL ");
		strbuf_puts(&sql, kinds[i]); /* each ends with "AND ": the access rule completes it */
		/* A group home sees the stays booked into its own rooms, as on /stays (stay.h). */
		bool own_rooms = acc->role == ROLE_PROVIDER && strstr(kinds[i], "trial_booking");
		strbuf_printf(&sql, "%s%s%s", own_rooms ? "(" : "", access_case_sql(acc->role),
			      own_rooms ? " OR r.organisation_id = $20)" : "");
	}
	strbuf_puts(&sql, " ORDER BY 1, 3 LIMIT $5");
	struct db_stmt *st = sql.failed ? NULL : db_prepare(db, a, strbuf_str(&sql));
	size_t cap = (size_t)limit * 2;
	*out = arena_alloc(a, (cap + 1) * sizeof **out);
	if (!st || !*out || db_bind_text(st, 1, acc->today) || db_bind_text(st, 2, d31) ||
	    db_bind_text(st, 3, d30) || db_bind_text(st, 4, d7) || db_bind_int(st, 5, limit) ||
	    access_bind(st, acc))
		return ERR_STORAGE;
	*n = 0;
	int rc;
	while (*n < cap && (rc = db_step(st)) == DB_ROW) {
		struct due_item *d = &(*out)[(*n)++];
		d->on = arena_strdup(a, db_column_text(st, 0));
		const char *kind = db_column_text(st, 1);
		d->kind = strcmp(kind, "follow_up") == 0     ? "follow_up"
			  : strcmp(kind, "service_end") == 0 ? "service_end"
			  : strcmp(kind, "stay") == 0        ? "stay"
							     : "consent_end";
		d->case_id = db_column_int(st, 2);
		d->person_name = arena_strdup(a, db_column_text(st, 3));
		d->what = arena_strdup(a, db_column_text(st, 4));
	}
	if ((rc = monitorings(db, a, acc, acc->today, d30, *out, n, cap)))
		return rc;
	qsort(*out, *n, sizeof **out, by_date);
	if (*n > (size_t)limit)
		*n = (size_t)limit;
	return 0;
}
