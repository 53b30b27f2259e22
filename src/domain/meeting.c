/* meeting — meetings, their attendance, reviewed cases and action items, with the rules and SQL.
 * See meeting.h. */
#include "meeting.h"

#include "arena.h"
#include "check.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

const struct code meeting_kinds[] = {
	{ "forum", N_("Consultation forum"), NULL },                  /* 協議の場 */
	{ "subcommittee", N_("Subcommittee"), NULL },                 /* 部会 */
	{ "working_group", N_("Working group"), NULL },               /* ワーキンググループ */
	{ "liaison", N_("Discharge-support liaison meeting"), NULL }, /* 退院支援連絡会 */
	{ "case_conference", N_("Case conference"), NULL },           /* ケース会議 */
	{ NULL, NULL, NULL },
};

const struct code meeting_statuses[] = {
	{ "planned", N_("Planned"), NULL },
	{ "held", N_("Held"), NULL },
	{ "cancelled", N_("Called off"), NULL },
	{ NULL, NULL, NULL },
};

const struct code meeting_sectors[] = {
	{ "health", N_("Health"), NULL },                                /* 保健 */
	{ "psychiatric", N_("Medical (psychiatric)"), NULL },            /* 医療(精神科) */
	{ "medical_other", N_("Medical (other than psychiatric)"), NULL }, /* 医療(精神科以外) */
	{ "welfare", N_("Welfare"), NULL },                              /* 福祉 */
	{ "care", N_("Long-term care"), NULL },                          /* 介護 */
	{ "person", N_("Persons with lived experience"), NULL },         /* 当事者 */
	{ "family", N_("Family"), NULL },                                /* 家族 */
	{ "housing", N_("Housing"), NULL },                              /* 住まい */
	{ "other", N_("Other"), NULL },                                  /* その他 */
	{ NULL, NULL, NULL },
};

/* ---- pure helpers ---- */

int meeting_sector_index(const char *sector)
{
	for (int i = 0; sector && meeting_sectors[i].code; i++)
		if (strcmp(meeting_sectors[i].code, sector) == 0)
			return i;
	return -1;
}

const char *meeting_sector_for_kind(const char *kind)
{
	/* A clinic here is a mental-health clinic (メンタルクリニック), so psychiatric; the city's
	 * disability-welfare division attends for welfare. The form lets the user choose otherwise. */
	static const char *const map[][2] = {
		{ "health_centre", "health" },         { "psychiatric_hospital", "psychiatric" },
		{ "clinic", "psychiatric" },            { "visiting_nurse", "medical_other" },
		{ "city_office", "welfare" },           { "consultation_support", "welfare" },
		{ "group_home", "welfare" },            { "day_service", "welfare" },
		{ "elderly_support_centre", "care" },   { "care_management", "care" },
		{ "real_estate", "housing" },           { "real_estate_association", "housing" },
		{ "peer_group", "person" },             { "family_association", "family" },
	};
	for (size_t i = 0; kind && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], kind) == 0)
			return map[i][1];
	return "other";
}

void meeting_totals_add(struct meeting_totals *t, const struct meeting_attendance *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int s = meeting_sector_index(v[i].sector);
		if (s >= 0)
			t->heads[s] += v[i].head_count;
		t->total += v[i].head_count;
	}
}

bool meeting_series_dates(struct date first, int count, struct date *out)
{
	if (count < 1 || count > MEETING_SERIES_MAX)
		return false;
	/* Always from the first day, never from the month before: a series from the 31st comes back
	 * to the 31st after a short month instead of staying on the 28th. */
	for (int i = 0; i < count; i++)
		out[i] = date_add_months(first, i);
	return true;
}

/* The Hepburn initial of each katakana from U+30A1 (ァ) to U+30F6 (ヶ); hiragana fold onto it. */
static const char kana_initials[] = "AAIIUUEEOO" "KGKGKGKGKG" "SZSJSZSZSZ" "TDCJTTZTDTD" "NNNNN"
				    "HBPHBPFBPHBPHBP" "MMMMM" "YYYYYY" "RRRRR" "WWIEONVKK";

static char initial_of(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!u || !*u)
		return '?';
	if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		unsigned cp = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
		if (cp >= 0x3041 && cp <= 0x3096)
			cp += 0x60;
		if (cp >= 0x30A1 && cp <= 0x30F6)
			return kana_initials[cp - 0x30A1];
		return '?';
	}
	return isalpha(u[0]) ? (char)toupper(u[0]) : '?';
}

char *meeting_initials(struct arena *a, const char *family_kana, const char *given_kana)
{
	return arena_printf(a, "%c.%c.", initial_of(family_kana), initial_of(given_kana));
}

/* ---- meetings ---- */

static char *text_col(struct arena *a, struct db_stmt *st, int col)
{
	return db_column_is_null(st, col) ? NULL : arena_strdup(a, db_column_text(st, col));
}

/* True when s is HH:MM of a real time of day. */
static bool time_ok(const char *s)
{
	return strlen(s) == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == ':' &&
	       isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

/* Validates and normalises m in place (see the rules in meeting.h). */
static int check_meeting(struct db *db, struct arena *a, struct meeting *m, const char *today, const char **field,
			 const char **msg)
{
	struct date day, t;
	bool bad = false;
	if (!today || !date_parse(today, &t))
		return ERR_INVALID;
	if (!code_known(meeting_kinds, m->kind))
		return check_refuse(field, msg, "kind", N_("Choose the kind of meeting from the list."), ERR_INVALID);
	if (!(m->title = check_required(a, m->title, MEETING_TITLE_MAX, field, msg, "title",
					N_("Enter the meeting's title (at most 200 bytes)."))))
		return ERR_INVALID;
	if (!m->held_on || !date_parse(m->held_on, &day))
		return check_refuse(field, msg, "held_on", N_("Enter the day of the meeting as YYYY-MM-DD: a real date."),
				    ERR_INVALID);
	m->starts_at = m->starts_at && *m->starts_at ? m->starts_at : NULL;
	m->ends_at = m->ends_at && *m->ends_at ? m->ends_at : NULL;
	if (m->starts_at && !time_ok(m->starts_at))
		return check_refuse(field, msg, "starts_at", N_("Enter the starting time as HH:MM."), ERR_INVALID);
	if (m->ends_at && !time_ok(m->ends_at))
		return check_refuse(field, msg, "ends_at", N_("Enter the ending time as HH:MM."), ERR_INVALID);
	if (m->starts_at && m->ends_at && strcmp(m->ends_at, m->starts_at) <= 0)
		return check_refuse(field, msg, "ends_at", N_("The meeting must end after it starts."), ERR_INVALID);
	m->place = check_text(a, m->place, MEETING_TITLE_MAX, &bad);
	if (bad)
		return check_refuse(field, msg, "place", N_("The place is at most 200 bytes."), ERR_INVALID);
	m->ward_code = m->ward_code && *m->ward_code ? m->ward_code : NULL;
	if (m->ward_code) {
		struct db_stmt *w = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
		bool yes = false;
		int rc;
		if (!w || db_bind_text(w, 1, m->ward_code))
			return ERR_STORAGE;
		if ((rc = check_exists(w, &yes)))
			return rc;
		if (!yes)
			return check_refuse(field, msg, "ward_code", N_("Choose a ward from the list, or city-wide."),
					    ERR_INVALID);
	}
	if (!code_known(meeting_statuses, m->status))
		return check_refuse(field, msg, "status", N_("Choose the status from the list."), ERR_INVALID);
	if (strcmp(m->status, "held") == 0 && date_cmp(day, t) > 0)
		return check_refuse(field, msg, "held_on",
				    N_("A meeting recorded as held cannot be in the future: check the day, or keep it planned."),
				    ERR_INVALID);
	m->minutes = check_text(a, m->minutes, MEETING_MINUTES_MAX, &bad);
	if (bad)
		return check_refuse(field, msg, "minutes", N_("The minutes are at most 20000 bytes."), ERR_INVALID);
	return 0;
}

/* Binds the columns $1..$11 that create and update share. */
static int bind_meeting(struct db_stmt *st, const struct meeting *m)
{
	return db_bind_text(st, 1, m->kind) || db_bind_text(st, 2, m->title) || db_bind_text(st, 3, m->held_on) ||
	       db_bind_text(st, 4, m->starts_at) || db_bind_text(st, 5, m->ends_at) ||
	       db_bind_text(st, 6, m->place) || db_bind_text(st, 7, m->ward_code) ||
	       db_bind_text(st, 8, m->status) || db_bind_int(st, 9, m->goal_setting) ||
	       db_bind_int(st, 10, m->evaluation) || db_bind_text(st, 11, m->minutes)
		       ? ERR_STORAGE
		       : 0;
}

int meeting_schedule(struct db *db, struct arena *a, struct meeting *m, int count, int64_t user_id,
		     const char *today, const char **field, const char **msg)
{
	struct date days[MEETING_SERIES_MAX], first;
	if (count < 1 || count > MEETING_SERIES_MAX)
		return check_refuse(field, msg, "repeat", N_("A monthly series has from 1 to 24 meetings."), ERR_INVALID);
	int rc = check_meeting(db, a, m, today, field, msg);
	if (rc)
		return rc;
	if (count > 1 && strcmp(m->status, "planned") != 0)
		return check_refuse(field, msg, "status",
				    N_("A series is scheduled as planned: record each meeting as held once it has taken place."),
				    ERR_INVALID);
	date_parse(m->held_on, &first);
	meeting_series_dates(first, count, days);
	char *first_day = m->held_on;
	m->series_id = 0;
	for (int i = 0; i < count; i++) {
		char on[11];
		date_format_iso(days[i], on);
		m->held_on = on;
		struct db_stmt *st = db_prepare(db, a,
						"INSERT INTO meeting (municipality_code, kind, title, held_on, starts_at,"
						" ends_at, place, ward_code, status, goal_setting, evaluation, minutes,"
						" series_id, created_by, created_at) SELECT code, $1, $2, $3, $4, $5, $6,"
						" $7, $8, $9, $10, $11, $12, $13, $14 FROM municipality RETURNING id");
		if (!st || bind_meeting(st, m) ||
		    (i ? db_bind_int(st, 12, m->id) : db_bind_null(st, 12)) || db_bind_int(st, 13, user_id) ||
		    db_bind_int(st, 14, (int64_t)time(NULL)))
			return ERR_STORAGE;
		if ((rc = db_step(st)) != DB_ROW)
			return rc == DB_DONE ? ERR_STORAGE : rc;
		if (i == 0)
			m->id = db_column_int(st, 0);
	}
	m->held_on = first_day;
	m->created_by = user_id;
	if (count == 1)
		return 0;
	/* The first meeting names itself as its series' first, so every member of a series has one. */
	struct db_stmt *st = db_prepare(db, a, "UPDATE meeting SET series_id = id WHERE id = $1");
	if (!st || db_bind_int(st, 1, m->id) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	m->series_id = m->id;
	return 0;
}

int meeting_save(struct db *db, struct arena *a, struct meeting *m, const char *today, const char **field,
		 const char **msg)
{
	int rc = check_meeting(db, a, m, today, field, msg);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE meeting SET kind = $1, title = $2, held_on = $3, starts_at = $4,"
					" ends_at = $5, place = $6, ward_code = $7, status = $8, goal_setting = $9,"
					" evaluation = $10, minutes = $11 WHERE id = $12 RETURNING id");
	if (!st || bind_meeting(st, m) || db_bind_int(st, 12, m->id))
		return ERR_STORAGE;
	rc = db_step(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

#define MEETING_SELECT                                                                           \
	"SELECT m.id, m.kind, m.title, m.held_on, m.starts_at, m.ends_at, m.place, m.ward_code,"  \
	" m.status, m.goal_setting, m.evaluation, m.minutes, m.series_id, m.created_by,"          \
	" (SELECT coalesce(sum(x.head_count), 0) FROM meeting_attendance x WHERE x.meeting_id = m.id)" \
	" FROM meeting m"

static void read_meeting(struct arena *a, struct db_stmt *st, void *p)
{
	struct meeting *m = p;
	m->id = db_column_int(st, 0);
	m->kind = text_col(a, st, 1);
	m->title = text_col(a, st, 2);
	m->held_on = text_col(a, st, 3);
	m->starts_at = text_col(a, st, 4);
	m->ends_at = text_col(a, st, 5);
	m->place = text_col(a, st, 6);
	m->ward_code = text_col(a, st, 7);
	m->status = text_col(a, st, 8);
	m->goal_setting = db_column_int(st, 9) != 0;
	m->evaluation = db_column_int(st, 10) != 0;
	m->minutes = text_col(a, st, 11);
	m->series_id = db_column_int(st, 12);
	m->created_by = db_column_int(st, 13);
	m->heads = (int)db_column_int(st, 14);
}

int meeting_get(struct db *db, struct arena *a, int64_t id, struct meeting *out)
{
	struct db_stmt *st = db_prepare(db, a, MEETING_SELECT " WHERE m.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct meeting){ 0 };
	read_meeting(a, st, out);
	return 0;
}

int meeting_list(struct db *db, struct arena *a, const char *kind, const char *today, bool upcoming,
		 struct meeting **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, upcoming
						       ? MEETING_SELECT " WHERE ($1 = '' OR m.kind = $1) AND m.held_on >= $2"
									" ORDER BY m.held_on, m.starts_at, m.id"
						       : MEETING_SELECT " WHERE ($1 = '' OR m.kind = $1) AND m.held_on < $2"
									" ORDER BY m.held_on DESC, m.starts_at DESC, m.id DESC");
	bool more;
	if (!st || db_bind_text(st, 1, kind ? kind : "") || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_meeting, MEETING_LIST_MAX, (void **)out, n, &more);
}

int meeting_series(struct db *db, struct arena *a, const struct meeting *m, struct meeting **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, MEETING_SELECT " WHERE m.series_id = $1 AND m.id <> $2"
							      " ORDER BY m.held_on, m.id");
	if (!st || db_bind_int(st, 1, m->series_id) || db_bind_int(st, 2, m->id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_meeting, (void **)out, n);
}

/* ---- attendance and totals ---- */

/* The meeting's status and day, for the writers: ERR_NOTFOUND when none. *open says whether
 * it is not cancelled; *come whether its day has come (when today is given). */
static int meeting_state(struct db *db, struct arena *a, int64_t id, const char *today, bool *open, bool *come)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT status, held_on FROM meeting WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*open = strcmp(db_column_text(st, 0), "cancelled") != 0;
	*come = today && strcmp(db_column_text(st, 1), today) <= 0;
	return 0;
}

/* Refuses work on a meeting that was called off, or — when afterwards — whose day has not come. */
static int meeting_usable(struct db *db, struct arena *a, int64_t id, const char *today, bool afterwards,
			  const char *f, const char **field, const char **msg)
{
	bool open = false, come = false;
	int rc = meeting_state(db, a, id, today, &open, &come);
	if (rc)
		return rc;
	if (!open)
		return check_refuse(field, msg, f, N_("This meeting was called off."), ERR_INVALID);
	if (afterwards && !come)
		return check_refuse(field, msg, f,
				    N_("This meeting has not taken place yet: who came and what was discussed are recorded on or after its day."),
				    ERR_INVALID);
	return 0;
}

static void read_attendance(struct arena *a, struct db_stmt *st, void *p)
{
	struct meeting_attendance *r = p;
	r->id = db_column_int(st, 0);
	r->meeting_id = db_column_int(st, 1);
	r->organisation_id = db_column_int(st, 2);
	r->organisation_name = text_col(a, st, 3);
	r->label = text_col(a, st, 4);
	r->sector = text_col(a, st, 5);
	r->head_count = (int)db_column_int(st, 6);
}

int meeting_attendance(struct db *db, struct arena *a, int64_t meeting_id, struct meeting_attendance **out,
		       size_t *n)
{
	/* The sectors in the order of meeting_sectors (the national indicators' order). */
	struct db_stmt *st = db_prepare(db, a,
					"SELECT x.id, x.meeting_id, x.organisation_id, o.name, x.label, x.sector,"
					" x.head_count FROM meeting_attendance x LEFT JOIN organisation o"
					" ON o.id = x.organisation_id WHERE x.meeting_id = $1 ORDER BY CASE x.sector"
					" WHEN 'health' THEN 0 WHEN 'psychiatric' THEN 1 WHEN 'medical_other' THEN 2"
					" WHEN 'welfare' THEN 3 WHEN 'care' THEN 4 WHEN 'person' THEN 5"
					" WHEN 'family' THEN 6 WHEN 'housing' THEN 7 ELSE 8 END,"
					" coalesce(o.name, x.label), x.id");
	if (!st || db_bind_int(st, 1, meeting_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_attendance, (void **)out, n);
}

int meeting_attendance_record(struct db *db, struct arena *a, struct meeting_attendance *r, const char *today,
			      const char **field, const char **msg)
{
	int rc = meeting_usable(db, a, r->meeting_id, today, true, "organisation_id", field, msg);
	if (rc)
		return rc;
	bool too_long = false, yes = false;
	char *label = check_text(a, r->label, MEETING_LABEL_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "label", N_("The group's label is at most 100 bytes."), ERR_INVALID);
	if ((r->organisation_id != 0) == (label != NULL))
		return check_refuse(field, msg, "organisation_id",
				    N_("Choose an organisation, or write a label for a group without one (当事者, 家族) — not both."),
				    ERR_INVALID);
	if (r->organisation_id) {
		struct db_stmt *o = db_prepare(db, a, "SELECT kind FROM organisation WHERE id = $1 AND active = 1");
		if (!o || db_bind_int(o, 1, r->organisation_id))
			return ERR_STORAGE;
		if ((rc = db_step(o)) != DB_ROW && rc != DB_DONE)
			return rc;
		if (rc == DB_DONE)
			return check_refuse(field, msg, "organisation_id", N_("Choose an active organisation from the list."),
					    ERR_INVALID);
		if (!r->sector || !*r->sector)
			r->sector = (char *)meeting_sector_for_kind(db_column_text(o, 0));
	}
	if (meeting_sector_index(r->sector) < 0)
		return check_refuse(field, msg, "sector", N_("Choose the sector from the list."), ERR_INVALID);
	if (r->head_count < 1 || r->head_count > MEETING_HEADS_MAX)
		return check_refuse(field, msg, "head_count", N_("Enter how many came: a whole number from 1 to 500."),
				    ERR_INVALID);
	struct db_stmt *dup = db_prepare(db, a,
					 "SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND (organisation_id = $2"
					 " OR (label = $3 AND sector = $4))");
	if (!dup || db_bind_int(dup, 1, r->meeting_id) || db_bind_int(dup, 2, r->organisation_id) ||
	    db_bind_text(dup, 3, label) || db_bind_text(dup, 4, r->sector))
		return ERR_STORAGE;
	if ((rc = check_exists(dup, &yes)))
		return rc;
	if (yes)
		return check_refuse(field, msg, r->organisation_id ? "organisation_id" : "label",
				    N_("They are already on the attendance list: remove their row to change it."), ERR_CONFLICT);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO meeting_attendance (meeting_id, organisation_id, label, sector,"
					" head_count) VALUES ($1, $2, $3, $4, $5) RETURNING id");
	if (!st || db_bind_int(st, 1, r->meeting_id) ||
	    (r->organisation_id ? db_bind_int(st, 2, r->organisation_id) : db_bind_null(st, 2)) ||
	    db_bind_text(st, 3, label) || db_bind_text(st, 4, r->sector) || db_bind_int(st, 5, r->head_count))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->label = label;
	return 0;
}

int meeting_attendance_delete(struct db *db, struct arena *a, int64_t meeting_id, int64_t id)
{
	struct db_stmt *st = db_prepare(db, a, "DELETE FROM meeting_attendance WHERE id = $1 AND meeting_id = $2");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, meeting_id) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : ERR_NOTFOUND;
}

int meeting_totals(struct db *db, struct arena *a, int64_t meeting_id, struct meeting_totals *out)
{
	struct meeting_attendance *v;
	size_t n;
	int rc = meeting_attendance(db, a, meeting_id, &v, &n);
	if (rc)
		return rc;
	*out = (struct meeting_totals){ .meetings = 1 };
	meeting_totals_add(out, v, n);
	return 0;
}

int meeting_totals_held(struct db *db, struct arena *a, const char *kind, const char *from, const char *to,
			struct meeting_totals *out)
{
	struct date f, t;
	if (!from || !to || !date_parse(from, &f) || !date_parse(to, &t))
		return ERR_INVALID;
	*out = (struct meeting_totals){ 0 };
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*), coalesce(sum(goal_setting), 0), coalesce(sum(evaluation), 0)"
					" FROM meeting WHERE status = 'held' AND ($1 = '' OR kind = $1)"
					" AND held_on >= $2 AND held_on <= $3");
	if (!st || db_bind_text(st, 1, kind ? kind : "") || db_bind_text(st, 2, from) || db_bind_text(st, 3, to))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	out->meetings = (int)db_column_int(st, 0);
	out->goal_setting = (int)db_column_int(st, 1);
	out->evaluation = (int)db_column_int(st, 2);
	st = db_prepare(db, a,
			"SELECT x.sector, sum(x.head_count) FROM meeting_attendance x JOIN meeting m"
			" ON m.id = x.meeting_id WHERE m.status = 'held' AND ($1 = '' OR m.kind = $1)"
			" AND m.held_on >= $2 AND m.held_on <= $3 GROUP BY x.sector");
	if (!st || db_bind_text(st, 1, kind ? kind : "") || db_bind_text(st, 2, from) || db_bind_text(st, 3, to))
		return ERR_STORAGE;
	while ((rc = db_step(st)) == DB_ROW) {
		struct meeting_attendance r = { .sector = (char *)db_column_text(st, 0),
						.head_count = (int)db_column_int(st, 1) };
		meeting_totals_add(out, &r, 1);
	}
	return rc == DB_DONE ? 0 : rc;
}

/* ---- reviewed cases ---- */

static void read_case(struct arena *a, struct db_stmt *st, void *p)
{
	struct meeting_case *r = p;
	r->id = db_column_int(st, 0);
	r->meeting_id = db_column_int(st, 1);
	r->case_id = db_column_int(st, 2);
	r->visible = db_column_int(st, 3) != 0;
	r->initials = meeting_initials(a, db_column_text(st, 5), db_column_text(st, 6));
	/* What only those who see the case may read is copied out of the row only for them. */
	if (!r->visible)
		return;
	r->person_name = text_col(a, st, 4);
	r->discussion = text_col(a, st, 7);
	r->decision = text_col(a, st, 8);
}

/* Who reads a reviewed case: the access rule — but never a peer supporter, whose view of even an
 * assigned case is minimal (DESIGN §1; pages/case_peer.c shows no casework text), and a meeting's
 * discussion is casework text. */
static const char *reader_sql(enum role role)
{
	return role == ROLE_PEER ? "1 = 0" : access_case_sql(role);
}

int meeting_cases(struct db *db, struct arena *a, const struct access *acc, int64_t meeting_id,
		  struct meeting_case **out, size_t *n)
{
	char *sql = arena_printf(a,
				 "SELECT r.id, r.meeting_id, r.case_id, (%s), p.family_name || ' ' || p.given_name,"
				 " p.family_kana, p.given_kana, r.discussion, r.decision FROM meeting_case r"
				 " JOIN support_case c ON c.id = r.case_id JOIN person p ON p.id = c.person_id"
				 " WHERE r.meeting_id = $1 ORDER BY r.id",
				 reader_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, meeting_id) || access_bind(st, acc))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_case, (void **)out, n);
}

int meeting_case_record(struct db *db, struct arena *a, const struct access *acc, struct meeting_case *r,
			const char **field, const char **msg)
{
	int rc = meeting_usable(db, a, r->meeting_id, acc->today, true, "case_id", field, msg);
	if (rc)
		return rc;
	bool seen = false, too_long = false;
	char *sql = arena_printf(a, "SELECT 1 FROM support_case c WHERE c.id = $1 AND %s", access_case_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, r->case_id) || access_bind(st, acc))
		return ERR_STORAGE;
	if ((rc = check_exists(st, &seen)))
		return rc;
	/* A case the user may not see answers as one that does not exist. */
	if (!seen)
		return check_refuse(field, msg, "case_id", N_("There is no case with this number among the cases you may see."),
				    ERR_NOTFOUND);
	char *discussion = check_required(a, r->discussion, MEETING_TEXT_MAX, field, msg, "discussion",
					  N_("Write what was discussed (at most 4000 bytes)."));
	if (!discussion)
		return ERR_INVALID;
	char *decision = check_text(a, r->decision, MEETING_TEXT_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "decision", N_("The decision is at most 4000 bytes."), ERR_INVALID);
	st = db_prepare(db, a,
			"INSERT INTO meeting_case (meeting_id, case_id, discussion, decision, user_id)"
			" VALUES ($1, $2, $3, $4, $5) RETURNING id");
	if (!st || db_bind_int(st, 1, r->meeting_id) || db_bind_int(st, 2, r->case_id) ||
	    db_bind_text(st, 3, discussion) || db_bind_text(st, 4, decision) || db_bind_int(st, 5, acc->user_id))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "case_id", N_("This case is already recorded for this meeting."),
				    ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->discussion = discussion;
	r->decision = decision;
	r->visible = true;
	return 0;
}

/* ---- action items ---- */

int meeting_action_record(struct db *db, struct arena *a, struct action_item *r, const char **field,
			  const char **msg)
{
	int rc = meeting_usable(db, a, r->meeting_id, NULL, false, "body", field, msg);
	if (rc)
		return rc;
	char *body = check_required(a, r->body, MEETING_ACTION_MAX, field, msg, "body",
				    N_("Write what is to be done (at most 1000 bytes)."));
	if (!body)
		return ERR_INVALID;
	struct db_stmt *o = db_prepare(db, a, "SELECT 1 FROM organisation WHERE id = $1 AND active = 1");
	bool yes = false;
	if (!o || db_bind_int(o, 1, r->owner_org_id))
		return ERR_STORAGE;
	if ((rc = check_exists(o, &yes)))
		return rc;
	if (!yes)
		return check_refuse(field, msg, "owner_org_id", N_("Choose an active organisation from the list."),
				    ERR_INVALID);
	struct date due;
	if (!r->due_on || !date_parse(r->due_on, &due))
		return check_refuse(field, msg, "due_on", N_("Enter the due date as YYYY-MM-DD: a real date."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO action_item (meeting_id, body, owner_org_id, due_on)"
					" VALUES ($1, $2, $3, $4) RETURNING id");
	if (!st || db_bind_int(st, 1, r->meeting_id) || db_bind_text(st, 2, body) ||
	    db_bind_int(st, 3, r->owner_org_id) || db_bind_text(st, 4, r->due_on))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->body = body;
	return 0;
}

#define ACTION_SELECT                                                                              \
	"SELECT i.id, i.meeting_id, m.title, m.kind, m.held_on, i.body, i.owner_org_id, o.name,"    \
	" i.due_on, i.done_on FROM action_item i JOIN meeting m ON m.id = i.meeting_id"             \
	" JOIN organisation o ON o.id = i.owner_org_id"

static void read_action(struct arena *a, struct db_stmt *st, void *p)
{
	struct action_item *r = p;
	r->id = db_column_int(st, 0);
	r->meeting_id = db_column_int(st, 1);
	r->meeting_title = text_col(a, st, 2);
	r->meeting_kind = text_col(a, st, 3);
	r->meeting_on = text_col(a, st, 4);
	r->body = text_col(a, st, 5);
	r->owner_org_id = db_column_int(st, 6);
	r->owner_name = text_col(a, st, 7);
	r->due_on = text_col(a, st, 8);
	r->done_on = text_col(a, st, 9);
}

int meeting_actions(struct db *db, struct arena *a, int64_t meeting_id, struct action_item **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, ACTION_SELECT " WHERE i.meeting_id = $1"
							     " ORDER BY i.done_on IS NOT NULL, i.due_on, i.id");
	if (!st || db_bind_int(st, 1, meeting_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_action, (void **)out, n);
}

int action_items_open(struct db *db, struct arena *a, int64_t org, struct action_item **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, ACTION_SELECT " WHERE i.owner_org_id = $1 AND i.done_on IS NULL"
							     " ORDER BY i.due_on, i.id");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_action, MEETING_LIST_MAX, (void **)out, n, &more);
}

int action_item_get(struct db *db, struct arena *a, int64_t id, struct action_item *out)
{
	struct db_stmt *st = db_prepare(db, a, ACTION_SELECT " WHERE i.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct action_item){ 0 };
	read_action(a, st, out);
	return 0;
}

int action_item_done(struct db *db, struct arena *a, int64_t id, int64_t user_id, const char *today,
		     const char **field, const char **msg)
{
	struct date t;
	if (!today || !date_parse(today, &t))
		return ERR_INVALID;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE action_item SET done_on = $2, done_by = $3 WHERE id = $1"
					" AND done_on IS NULL RETURNING id");
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, today) || db_bind_int(st, 3, user_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return rc;
	struct action_item it;
	if ((rc = action_item_get(db, a, id, &it)))
		return rc;
	return check_refuse(field, msg, "done", N_("This action item is already done."), ERR_CONFLICT);
}
