/*
 * peer — the peer-supporter registry, assignments to cases and the activity log, with the SQL.
 * See peer.h.
 *
 * "The peer_support consent in force on a day" is the condition access.c's peer rule uses
 * (granted on or before the day, not revoked, not expired before it): consent_granted() asks it
 * the same way, so that assigning, logging and seeing cannot drift apart.
 */
#include "peer.h"

#include "arena.h"
#include "case.h"
#include "check.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code peer_levels[] = {
	{ "none", N_("No training yet"), NULL },
	{ "basic", N_("Basic training"), NULL },       /* 養成研修（基礎） */
	{ "advanced", N_("Advanced training"), NULL }, /* 養成研修（応用） */
	{ NULL, NULL, NULL },
};

const struct code peer_activity_kinds[] = {
	{ "visit", N_("Visit"), NULL },
	{ "accompany", N_("Accompanying"), NULL }, /* 同行 */
	{ "phone", N_("Phone call"), NULL },
	{ "group", N_("Group activity"), NULL },
	{ "other", N_("Other"), NULL },
	{ NULL, NULL, NULL },
};

void peer_hours(int minutes, int *hours, int *rest)
{
	if (minutes < 0)
		minutes = 0;
	*hours = minutes / 60;
	*rest = minutes % 60;
}

/* ---- the registry ---- */

#define PEER_SELECT                                                                                 \
	"SELECT p.id, p.name, p.organisation_id, o.name, p.user_id, u.login, p.level, p.trained_on,"  \
	" p.active, (SELECT count(*) FROM peer_assignment s WHERE s.peer_id = p.id AND s.until_on IS NULL)" \
	" FROM peer_supporter p LEFT JOIN organisation o ON o.id = p.organisation_id"                 \
	" LEFT JOIN app_user u ON u.id = p.user_id"

static void read_peer(struct arena *a, struct db_stmt *st, void *v)
{
	struct peer_supporter *p = v;
	p->id = db_column_int(st, 0);
	p->name = arena_strdup(a, db_column_text(st, 1));
	p->organisation_id = db_column_int(st, 2);
	p->organisation_name = arena_strdup(a, db_column_text(st, 3));
	p->user_id = db_column_int(st, 4);
	p->login = arena_strdup(a, db_column_text(st, 5));
	p->level = arena_strdup(a, db_column_text(st, 6));
	p->trained_on = arena_strdup(a, db_column_text(st, 7));
	p->active = db_column_int(st, 8) != 0;
	p->open_assignments = (int)db_column_int(st, 9);
}

int peer_list(struct db *db, struct arena *a, struct peer_supporter **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, PEER_SELECT " ORDER BY p.active DESC, p.name, p.id");
	bool more;
	if (!st)
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_peer, PEER_LIST_MAX, (void **)out, n, &more);
}

static int peer_one(struct db *db, struct arena *a, const char *where, int64_t id, struct peer_supporter *out)
{
	struct db_stmt *st = db_prepare(db, a, arena_printf(a, PEER_SELECT " WHERE %s", where));
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct peer_supporter){ 0 };
	read_peer(a, st, out);
	return 0;
}

int peer_get(struct db *db, struct arena *a, int64_t id, struct peer_supporter *out)
{
	return peer_one(db, a, "p.id = $1", id, out);
}

int peer_by_user(struct db *db, struct arena *a, int64_t user_id, struct peer_supporter *out)
{
	if (user_id <= 0)
		return ERR_NOTFOUND;
	return peer_one(db, a, "p.user_id = $1", user_id, out);
}

/* The organisation of login user_id when it is a user of role peer; ERR_NOTFOUND otherwise. */
static int peer_login_org(struct db *db, struct arena *a, int64_t user_id, int64_t *org)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT organisation_id FROM app_user WHERE id = $1 AND role = 'peer'");
	if (!st || db_bind_int(st, 1, user_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*org = db_column_int(st, 0);
	return 0;
}

/* Checks the organisation and the login of p (see peer.h), taking the login's organisation when
 * none is chosen. */
static int check_org_and_login(struct db *db, struct arena *a, struct peer_supporter *p, const char **field,
			       const char **msg)
{
	int rc;
	if (p->user_id) {
		int64_t org = 0;
		if ((rc = peer_login_org(db, a, p->user_id, &org)) == ERR_NOTFOUND)
			return check_refuse(field, msg, "user_id", N_("Choose a login of a peer supporter from the list."),
					    ERR_INVALID);
		if (rc)
			return rc;
		if (!p->organisation_id)
			p->organisation_id = org;
		else if (p->organisation_id != org)
			return check_refuse(field, msg, "user_id",
					    N_("The login belongs to another organisation: choose the peer group of the login."),
					    ERR_INVALID);
	}
	if (p->organisation_id) {
		struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM organisation WHERE id = $1 AND active = 1");
		bool yes = false;
		if (!st || db_bind_int(st, 1, p->organisation_id))
			return ERR_STORAGE;
		if ((rc = check_exists(st, &yes)))
			return rc;
		if (!yes)
			return check_refuse(field, msg, "organisation_id", N_("Choose an active organisation from the list."),
					    ERR_INVALID);
	}
	return 0;
}

int peer_save(struct db *db, struct arena *a, const char *muni, struct peer_supporter *p, const char *today,
	      const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct peer_supporter old = { 0 };
	int rc = p->id ? peer_get(db, a, p->id, &old) : 0;
	if (rc)
		return rc;
	if (!(p->name = check_required(a, p->name, PEER_NAME_MAX, field, msg, "name",
				       N_("Enter the peer supporter's name (at most 100 bytes)."))))
		return ERR_INVALID;
	if ((rc = check_org_and_login(db, a, p, field, msg)))
		return rc;
	if (!code_known(peer_levels, p->level))
		return check_refuse(field, msg, "level", N_("Choose the training level from the list."), ERR_INVALID);
	bool too_long = false;
	p->trained_on = check_text(a, p->trained_on, 10, &too_long);
	bool trained = strcmp(p->level, "none") != 0;
	struct date on, now;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	if (!trained && (p->trained_on || too_long))
		return check_refuse(field, msg, "trained_on",
				    N_("A training date goes with a training level: choose the level, or clear the date."),
				    ERR_INVALID);
	if (trained && (!p->trained_on || !date_parse(p->trained_on, &on) || date_cmp(on, now) > 0))
		return check_refuse(field, msg, "trained_on",
				    N_("Enter the date of the latest training as YYYY-MM-DD: a real date, not in the future."),
				    ERR_INVALID);
	if (p->id && !p->active && old.open_assignments)
		return check_refuse(field, msg, "active",
				    N_("The peer supporter still has open assignments: end them before marking them inactive."),
				    ERR_CONFLICT);
	struct db_stmt *st;
	if (p->id)
		st = db_prepare(db, a,
				"UPDATE peer_supporter SET name = $2, organisation_id = $3, user_id = $4, level = $5,"
				" trained_on = $6, active = $7 WHERE id = $1 RETURNING id");
	else
		st = db_prepare(db, a,
				"INSERT INTO peer_supporter (name, organisation_id, user_id, level, trained_on, active,"
				" municipality_code, created_at) VALUES ($2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");
	if (!st || (p->id && db_bind_int(st, 1, p->id)) || db_bind_text(st, 2, p->name) ||
	    (p->organisation_id ? db_bind_int(st, 3, p->organisation_id) : db_bind_null(st, 3)) ||
	    (p->user_id ? db_bind_int(st, 4, p->user_id) : db_bind_null(st, 4)) || db_bind_text(st, 5, p->level) ||
	    db_bind_text(st, 6, p->trained_on) || db_bind_int(st, 7, p->active) ||
	    (!p->id && (db_bind_text(st, 8, muni) || db_bind_int(st, 9, (int64_t)time(NULL)))))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "user_id", N_("This login belongs to another peer supporter."), ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	p->id = db_column_int(st, 0);
	return 0;
}

/* ---- assignments ---- */

/* Columns 8–10 say whether the reader sees the case and who the person is; the %s is the
 * reader's access rule over the case c (or "1 = 0" where no reader is given). */
#define ASSIGNMENT_SELECT                                                                           \
	"SELECT s.id, s.peer_id, p.name, p.user_id, s.case_id, s.from_on, s.until_on,"               \
	" (SELECT coalesce(sum(v.minutes), 0) FROM peer_activity v WHERE v.assignment_id = s.id),"     \
	" (%s), pe.family_name || ' ' || pe.given_name, pe.given_name" \
	" FROM peer_assignment s JOIN peer_supporter p ON p.id = s.peer_id"                            \
	" JOIN support_case c ON c.id = s.case_id JOIN person pe ON pe.id = c.person_id"

static void read_assignment(struct arena *a, struct db_stmt *st, void *v)
{
	struct peer_assignment *s = v;
	s->id = db_column_int(st, 0);
	s->peer_id = db_column_int(st, 1);
	s->peer_name = arena_strdup(a, db_column_text(st, 2));
	s->peer_user_id = db_column_int(st, 3);
	s->case_id = db_column_int(st, 4);
	s->from_on = arena_strdup(a, db_column_text(st, 5));
	s->until_on = arena_strdup(a, db_column_text(st, 6));
	s->minutes = (int)db_column_int(st, 7);
	s->visible = db_column_int(st, 8) != 0;
	s->person_name = s->visible ? arena_strdup(a, db_column_text(st, 9)) : NULL;
	s->given_name = s->visible ? arena_strdup(a, db_column_text(st, 10)) : NULL;
}

int peer_assignment_get(struct db *db, struct arena *a, int64_t id, struct peer_assignment *out)
{
	struct db_stmt *st = db_prepare(db, a, arena_printf(a, ASSIGNMENT_SELECT " WHERE s.id = $1", "1 = 0"));
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct peer_assignment){ 0 };
	read_assignment(a, st, out);
	return 0;
}

int peer_assignments_of_case(struct db *db, struct arena *a, int64_t case_id, struct peer_assignment **out,
			     size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, arena_printf(a, ASSIGNMENT_SELECT " WHERE s.case_id = $1"
						  " ORDER BY s.until_on IS NOT NULL, s.from_on DESC, s.id DESC", "1 = 0"));
	bool more;
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_assignment, PEER_LIST_MAX, (void **)out, n, &more);
}

int peer_assignments_of_peer(struct db *db, struct arena *a, const struct access *acc, int64_t peer_id,
			     bool open_only, struct peer_assignment **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, arena_printf(a, ASSIGNMENT_SELECT " WHERE s.peer_id = $1"
						  " AND ($2 = 0 OR s.until_on IS NULL)"
						  " ORDER BY s.until_on IS NOT NULL, s.from_on DESC, s.id DESC",
						  access_case_sql(acc->role)));
	bool more;
	if (!st || db_bind_int(st, 1, peer_id) || db_bind_int(st, 2, open_only) || access_bind(st, acc))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_assignment, PEER_LIST_MAX, (void **)out, n, &more);
}

/* The earliest grant among the case's peer_support consents in force on day into *granted (NULL
 * when none is): access.c's peer rule, asked of one case. */
static int consent_granted(struct db *db, struct arena *a, int64_t case_id, const char *day, char **granted)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT min(k.granted_on) FROM consent k WHERE k.case_id = $1 AND k.scope = 'peer_support'"
					" AND k.granted_on <= $2 AND k.revoked_on IS NULL"
					" AND (k.expires_on IS NULL OR k.expires_on >= $2)");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, day))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	*granted = arena_strdup(a, db_column_text(st, 0));
	return 0;
}

int peer_assignment_add(struct db *db, struct arena *a, struct peer_assignment *r, const char *today,
			const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct date from, now;
	r->from_on = r->from_on ? jp_normalize(a, r->from_on) : NULL;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	if (!r->from_on || !date_parse(r->from_on, &from) || date_cmp(from, now) > 0)
		return check_refuse(field, msg, "from_on",
				    N_("Enter the first day of the assignment as YYYY-MM-DD: a real date, not in the future."),
				    ERR_INVALID);
	struct db_stmt *kase = db_prepare(db, a, "SELECT stage, opened_on FROM support_case WHERE id = $1");
	if (!kase || db_bind_int(kase, 1, r->case_id))
		return ERR_STORAGE;
	int rc = db_step(kase);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	if (strcmp(db_column_text(kase, 0), "closed") == 0)
		return check_refuse(field, msg, "peer_id", N_("The case is closed: no peer supporter can be assigned."),
				    ERR_INVALID);
	if (strcmp(r->from_on, db_column_text(kase, 1)) < 0)
		return check_refuse(field, msg, "from_on", N_("The assignment cannot start before the case was opened."),
				    ERR_INVALID);
	char *granted;
	if ((rc = consent_granted(db, a, r->case_id, today, &granted)))
		return rc;
	if (!granted)
		return check_refuse(field, msg, "peer_id",
				    N_("The person's consent to peer support (peer_support) is not in force: a peer supporter can be assigned only with it."),
				    ERR_INVALID);
	if (strcmp(r->from_on, granted) < 0)
		return check_refuse(field, msg, "from_on",
				    N_("The assignment cannot start before the consent to peer support was granted."), ERR_INVALID);
	struct peer_supporter p;
	if ((rc = peer_get(db, a, r->peer_id, &p)) == ERR_NOTFOUND || (!rc && !p.active))
		return check_refuse(field, msg, "peer_id", N_("Choose an active peer supporter from the list."), ERR_INVALID);
	if (rc)
		return rc;
	bool on = false;
	if (p.organisation_id && (rc = case_org_on_team(db, a, r->case_id, p.organisation_id, &on)))
		return rc;
	if (!on)
		return check_refuse(field, msg, "peer_id",
				    N_("The peer supporter's group is not on the care team: add it to the care team first, so that they can see the case."),
				    ERR_INVALID);
	struct db_stmt *twice = db_prepare(db, a,
					   "SELECT 1 FROM peer_assignment WHERE peer_id = $1 AND case_id = $2 AND until_on IS NULL");
	bool open = false;
	if (!twice || db_bind_int(twice, 1, r->peer_id) || db_bind_int(twice, 2, r->case_id))
		return ERR_STORAGE;
	if ((rc = check_exists(twice, &open)))
		return rc;
	if (open)
		return check_refuse(field, msg, "peer_id", N_("This peer supporter is already assigned to the case."),
				    ERR_CONFLICT);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO peer_assignment (peer_id, case_id, from_on) VALUES ($1, $2, $3) RETURNING id");
	if (!st || db_bind_int(st, 1, r->peer_id) || db_bind_int(st, 2, r->case_id) || db_bind_text(st, 3, r->from_on))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->until_on = NULL;
	return 0;
}

int peer_assignment_close(struct db *db, struct arena *a, int64_t id, const char *today, const char **field,
			  const char **msg)
{
	*field = *msg = NULL;
	struct peer_assignment s;
	struct date now;
	int rc = peer_assignment_get(db, a, id, &s);
	if (rc)
		return rc;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	if (s.until_on)
		return check_refuse(field, msg, "assignment", N_("This assignment has already ended."), ERR_INVALID);
	/* An assignment begun today and ended today lasted a day: until_on ≥ from_on holds. */
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE peer_assignment SET until_on = $2 WHERE id = $1 AND until_on IS NULL");
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, today) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	return db_changes(db) == 1 ? 0 : ERR_STORAGE;
}

/* ---- activity ---- */

int peer_activity_log(struct db *db, struct arena *a, struct peer_activity *r, int64_t user_id, const char *today,
		      const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct peer_assignment s;
	struct date on, now;
	int rc = peer_assignment_get(db, a, r->assignment_id, &s);
	if (rc)
		return rc;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	char *granted;
	if ((rc = consent_granted(db, a, s.case_id, today, &granted)))
		return rc;
	if (!granted)
		return check_refuse(field, msg, "assignment",
				    N_("The person's consent to peer support is no longer in force: no activity can be logged."),
				    ERR_INVALID);
	r->done_on = r->done_on ? jp_normalize(a, r->done_on) : NULL;
	if (!r->done_on || !date_parse(r->done_on, &on) || date_cmp(on, now) > 0)
		return check_refuse(field, msg, "done_on",
				    N_("Enter the day of the activity as YYYY-MM-DD: a real date, not in the future."),
				    ERR_INVALID);
	if (strcmp(r->done_on, s.from_on) < 0 || (s.until_on && strcmp(r->done_on, s.until_on) > 0))
		return check_refuse(field, msg, "done_on", N_("The day must fall within the assignment."), ERR_INVALID);
	if (!code_known(peer_activity_kinds, r->kind))
		return check_refuse(field, msg, "kind", N_("Choose the kind of activity from the list."), ERR_INVALID);
	if (r->minutes < 1 || r->minutes > PEER_MINUTES_MAX)
		return check_refuse(field, msg, "minutes", N_("Enter the time in minutes: 1 to 1440."), ERR_INVALID);
	bool too_long = false;
	r->note = check_text(a, r->note, PEER_NOTE_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "note", N_("The note is at most 500 bytes: keep it short."), ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO peer_activity (assignment_id, done_on, kind, minutes, note, user_id,"
					" created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
	if (!st || db_bind_int(st, 1, r->assignment_id) || db_bind_text(st, 2, r->done_on) ||
	    db_bind_text(st, 3, r->kind) || db_bind_int(st, 4, r->minutes) || db_bind_text(st, 5, r->note) ||
	    db_bind_int(st, 6, user_id) || db_bind_int(st, 7, (int64_t)time(NULL)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->user_id = user_id;
	return 0;
}

static void read_activity(struct arena *a, struct db_stmt *st, void *v)
{
	struct peer_activity *r = v;
	r->id = db_column_int(st, 0);
	r->assignment_id = db_column_int(st, 1);
	r->done_on = arena_strdup(a, db_column_text(st, 2));
	r->kind = arena_strdup(a, db_column_text(st, 3));
	r->minutes = (int)db_column_int(st, 4);
	r->note = arena_strdup(a, db_column_text(st, 5));
	r->user_id = db_column_int(st, 6);
}

int peer_activities(struct db *db, struct arena *a, int64_t assignment_id, size_t limit, struct peer_activity **out,
		    size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT id, assignment_id, done_on, kind, minutes, note, user_id FROM peer_activity"
					" WHERE assignment_id = $1 ORDER BY done_on DESC, id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, assignment_id))
		return ERR_STORAGE;
	if (limit == 0 || limit > PEER_LIST_MAX)
		limit = PEER_LIST_MAX;
	return db_rows_page(st, a, sizeof **out, read_activity, limit, (void **)out, n, &more);
}

int peer_minutes(struct db *db, struct arena *a, int64_t peer_id, const char *from, const char *to, int *minutes)
{
	struct date f, t;
	*minutes = 0;
	if (!from || !to || !date_parse(from, &f) || !date_parse(to, &t))
		return ERR_INVALID;
	struct db_stmt *st = db_prepare(db, a,
					"SELECT coalesce(sum(v.minutes), 0) FROM peer_activity v"
					" JOIN peer_assignment s ON s.id = v.assignment_id"
					" WHERE s.peer_id = $1 AND v.done_on >= $2 AND v.done_on <= $3");
	if (!st || db_bind_int(st, 1, peer_id) || db_bind_text(st, 2, from) || db_bind_text(st, 3, to))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	*minutes = (int)db_column_int(st, 0);
	return 0;
}
