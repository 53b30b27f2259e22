/* casework — service periods, support records and goals with their SQL. See casework.h. */
#include "casework.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code casework_services[] = {
	{ "transition", N_("Community transition support") },       /* 地域移行支援 */
	{ "settlement", N_("Community settlement support") },       /* 地域定着支援 */
	{ "independent_living", N_("Independent living assistance") }, /* 自立生活援助 */
	{ "group_home", N_("Group home living assistance") },       /* 共同生活援助 */
	{ "living_training", N_("Independence training (daily living)") }, /* 自立訓練(生活訓練) */
	{ "planning", N_("Planned consultation support") },         /* 計画相談支援 */
	{ NULL, NULL },
};
const struct code casework_record_kinds[] = {
	{ "visit", N_("Visit") },         { "phone", N_("Phone") },       { "meeting", N_("Meeting") },
	{ "accompany", N_("Accompanying") }, { "outreach", N_("Outreach") }, { "other", N_("Other") },
	{ NULL, NULL },
};
const struct code casework_goal_statuses[] = {
	{ "active", N_("Working on it") }, { "achieved", N_("Achieved") }, { "dropped", N_("Set aside") },
	{ NULL, NULL },
};

static int bad(const char **field, const char **msg, const char *f, const char *m)
{
	*field = f;
	*msg = m;
	return ERR_INVALID;
}

int casework_service_months(const char *service)
{
	if (service && strcmp(service, "transition") == 0)
		return 6;
	if (service && (strcmp(service, "settlement") == 0 || strcmp(service, "independent_living") == 0))
		return 12;
	if (service && strcmp(service, "living_training") == 0)
		return 24;
	return 0;
}

/* The first day of the next monitoring month after today: monitorings fall every `every`
 * months counted from the start. */
void casework_next_monitoring(const char *starts_on, int every, const char *today, char out[11])
{
	struct date s, t;
	out[0] = '\0';
	if (every <= 0 || !date_parse(starts_on, &s) || !date_parse(today, &t))
		return;
	struct date m = s;
	for (int k = 1; date_cmp(m, t) <= 0 && k < 1200; k++)
		m = date_add_months(s, k * every);
	date_format_iso(m, out);
}

static void read_period(struct arena *a, struct db_stmt *st, void *p)
{
	struct service_period *sp = p;
	sp->id = db_column_int(st, 0);
	sp->service = arena_strdup(a, db_column_text(st, 1));
	sp->provider_id = db_column_int(st, 2);
	sp->provider_name = arena_strdup(a, db_column_text(st, 3));
	sp->starts_on = arena_strdup(a, db_column_text(st, 4));
	sp->ends_on = arena_strdup(a, db_column_text(st, 5));
	sp->extended_to = arena_strdup(a, db_column_text(st, 6));
	sp->monitoring_months = (int)db_column_int(st, 7);
}

int service_periods(struct db *db, struct arena *a, int64_t case_id, const char *today,
		    struct service_period **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT sp.id, sp.service, sp.provider_id, o.name, sp.starts_on, sp.ends_on,"
					" sp.extended_to, sp.monitoring_months FROM service_period sp"
					" LEFT JOIN organisation o ON o.id = sp.provider_id WHERE sp.case_id = $1"
					" ORDER BY sp.starts_on DESC, sp.id DESC");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof **out, read_period, (void **)out, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		struct service_period *sp = &(*out)[i];
		char next[11];
		sp->case_id = case_id;
		casework_next_monitoring(sp->starts_on, sp->monitoring_months, today, next);
		sp->next_monitoring = next[0] ? arena_strdup(a, next) : NULL;
	}
	return rc;
}

int service_period_add(struct db *db, struct arena *a, struct service_period *sp, const char *today,
		       const char **field, const char **msg)
{
	int rc = case_require_open(db, a, sp->case_id, field, msg);
	if (rc)
		return rc;
	struct date s, e;
	if (!code_known(casework_services, sp->service))
		return bad(field, msg, "service", N_("Choose the service from the list."));
	if (!sp->starts_on || !date_parse(sp->starts_on, &s))
		return bad(field, msg, "starts_on", N_("Enter the start as YYYY-MM-DD."));
	if (!sp->ends_on || !date_parse(sp->ends_on, &e) || date_cmp(e, s) < 0)
		return bad(field, msg, "ends_on", N_("Enter the end as YYYY-MM-DD, on or after the start."));
	int months = casework_service_months(sp->service);
	if (months && date_cmp(e, date_add_months(s, months)) > 0)
		return bad(field, msg, "ends_on", N_("This service is granted for a fixed length: the end is past it."));
	if (strcmp(sp->service, "planning") == 0) {
		if (sp->monitoring_months < 1 || sp->monitoring_months > 12)
			return bad(field, msg, "monitoring_months", N_("Enter the monitoring interval in months (1 to 12)."));
	} else {
		sp->monitoring_months = 0;
	}
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO service_period (case_id, service, provider_id, starts_on, ends_on,"
					" monitoring_months) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, sp->case_id) || db_bind_text(st, 2, sp->service) ||
	    (sp->provider_id ? db_bind_int(st, 3, sp->provider_id) : db_bind_null(st, 3)) ||
	    db_bind_text(st, 4, sp->starts_on) || db_bind_text(st, 5, sp->ends_on) ||
	    (sp->monitoring_months ? db_bind_int(st, 6, sp->monitoring_months) : db_bind_null(st, 6)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return bad(field, msg, "provider_id", N_("Choose the provider from the list."));
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	sp->id = db_column_int(st, 0);
	(void)today;
	return 0;
}

int service_period_extend(struct db *db, struct arena *a, int64_t case_id, int64_t id, const char *to,
			  const char **field, const char **msg)
{
	int rc = case_require_open(db, a, case_id, field, msg);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"SELECT service, ends_on, extended_to FROM service_period"
					" WHERE id = $1 AND case_id = $2");
	if (!st || db_bind_int(st, 1, id) || db_bind_int(st, 2, case_id))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	struct date end, t;
	bool transition = strcmp(db_column_text(st, 0), "transition") == 0;
	bool already = !db_column_is_null(st, 2);
	if (!transition || already)
		return bad(field, msg, "extended_to", N_("Only community transition support is extended, and only once."));
	if (!date_parse(db_column_text(st, 1), &end) || !to || !date_parse(to, &t) ||
	    date_cmp(t, end) <= 0 || date_cmp(t, date_add_months(end, 6)) > 0)
		return bad(field, msg, "extended_to", N_("The extension ends after the granted end and at most 6 months past it."));
	struct db_stmt *up = db_prepare(db, a, "UPDATE service_period SET extended_to = $2 WHERE id = $1");
	if (!up || db_bind_int(up, 1, id) || db_bind_text(up, 2, to) || db_step(up) != DB_DONE)
		return ERR_STORAGE;
	return 0;
}

int support_records(struct db *db, struct arena *a, int64_t case_id, int limit,
		    struct support_record **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT r.id, r.recorded_on, r.kind, r.minutes, r.body, u.display_name"
					" FROM support_record r JOIN app_user u ON u.id = r.user_id"
					" WHERE r.case_id = $1 ORDER BY r.recorded_on DESC, r.id DESC LIMIT $2");
	*out = arena_alloc(a, (size_t)(limit + 1) * sizeof **out);
	if (!st || !*out || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, limit))
		return ERR_STORAGE;
	*n = 0;
	while (*n < (size_t)limit && db_step(st) == DB_ROW) {
		struct support_record *r = &(*out)[(*n)++];
		r->id = db_column_int(st, 0);
		r->recorded_on = arena_strdup(a, db_column_text(st, 1));
		r->kind = arena_strdup(a, db_column_text(st, 2));
		r->minutes = (int)db_column_int(st, 3);
		r->body = arena_strdup(a, db_column_text(st, 4));
		r->author = arena_strdup(a, db_column_text(st, 5));
	}
	return 0;
}

/* A day typed on a form: real and not after today. */
static bool past_or_today(const char *s, const char *today)
{
	struct date d, t;
	return s && date_parse(s, &d) && date_parse(today, &t) && date_cmp(d, t) <= 0;
}

int support_record_add(struct db *db, struct arena *a, int64_t case_id, struct support_record *r,
		       int64_t user_id, const char *today, const char **field, const char **msg)
{
	if (!past_or_today(r->recorded_on, today))
		return bad(field, msg, "recorded_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	if (!code_known(casework_record_kinds, r->kind))
		return bad(field, msg, "kind", N_("Choose the kind of support from the list."));
	if (r->minutes < 0 || r->minutes > 1440)
		return bad(field, msg, "minutes", N_("Enter the minutes spent (0 to 1440)."));
	char *body = r->body ? jp_normalize(a, r->body) : NULL;
	if (!body || !*body || strlen(body) > 20000)
		return bad(field, msg, "body", N_("Write what happened (at most 20,000 bytes)."));
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO support_record (case_id, recorded_on, kind, minutes, body, user_id,"
					" created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, r->recorded_on) ||
	    db_bind_text(st, 3, r->kind) || db_bind_int(st, 4, r->minutes) || db_bind_text(st, 5, body) ||
	    db_bind_int(st, 6, user_id) || db_bind_int(st, 7, (int64_t)time(NULL)))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	r->id = db_column_int(st, 0);
	r->body = body;
	return 0;
}

static void read_goal(struct arena *a, struct db_stmt *st, void *p)
{
	struct goal *g = p;
	g->id = db_column_int(st, 0);
	g->body = arena_strdup(a, db_column_text(st, 1));
	g->set_on = arena_strdup(a, db_column_text(st, 2));
	g->status = arena_strdup(a, db_column_text(st, 3));
	g->reviewed_on = arena_strdup(a, db_column_text(st, 4));
}

int goals(struct db *db, struct arena *a, int64_t case_id, struct goal **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT id, body, set_on, status, reviewed_on FROM goal WHERE case_id = $1"
					" ORDER BY status <> 'active', set_on, id");
	if (!st || db_bind_int(st, 1, case_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_goal, (void **)out, n);
}

int goal_add(struct db *db, struct arena *a, int64_t case_id, struct goal *g, const char *today,
	     const char **field, const char **msg)
{
	int rc = case_require_open(db, a, case_id, field, msg);
	if (rc)
		return rc;
	char *body = g->body ? jp_normalize(a, g->body) : NULL;
	if (!body || !*body || strlen(body) > 2000)
		return bad(field, msg, "body", N_("Write the goal (at most 2,000 bytes)."));
	if (!past_or_today(g->set_on, today))
		return bad(field, msg, "set_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO goal (case_id, body, set_on) VALUES ($1, $2, $3) RETURNING id");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_text(st, 2, body) || db_bind_text(st, 3, g->set_on))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	g->id = db_column_int(st, 0);
	g->body = body;
	return 0;
}

int goal_review(struct db *db, struct arena *a, int64_t case_id, int64_t id, const char *status,
		const char *on, const char *today, const char **field, const char **msg)
{
	int rc = case_require_open(db, a, case_id, field, msg);
	if (rc)
		return rc;
	if (!code_known(casework_goal_statuses, status))
		return bad(field, msg, "status", N_("Choose the goal's status from the list."));
	if (!past_or_today(on, today))
		return bad(field, msg, "reviewed_on", N_("Enter the date as YYYY-MM-DD: a real date, not in the future."));
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE goal SET status = $3, reviewed_on = $4 WHERE id = $2 AND case_id = $1"
					" AND set_on <= $4");
	if (!st || db_bind_int(st, 1, case_id) || db_bind_int(st, 2, id) || db_bind_text(st, 3, status) ||
	    db_bind_text(st, 4, on) || db_step(st) != DB_DONE)
		return ERR_STORAGE;
	if (db_changes(db) == 1)
		return 0;
	/* Nothing changed: either the goal is not this case's, or the date precedes it. */
	struct db_stmt *own = db_prepare(db, a, "SELECT 1 FROM goal WHERE id = $1 AND case_id = $2");
	if (!own || db_bind_int(own, 1, id) || db_bind_int(own, 2, case_id))
		return ERR_STORAGE;
	rc = db_step(own);
	if (rc == DB_DONE)
		return bad(field, msg, "goal_id", N_("Choose the goal from the list."));
	if (rc != DB_ROW)
		return rc;
	return bad(field, msg, "reviewed_on", N_("The review date cannot precede the goal."));
}
