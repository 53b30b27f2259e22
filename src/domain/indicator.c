/*
 * indicator — the computations of INDICATORS.md with their SQL. See indicator.h.
 *
 * The SQL only selects rows (dates compared as ISO text, which orders like the calendar); every
 * "+ N months", "+ N days" and age is worked out here with date.h (DESIGN §9).
 */
#include "indicator.h"

#include "agent.h"
#include "arena.h"
#include "db/db.h"
#include "error.h"
#include "event.h"
#include "housing.h"
#include "meeting.h"

#include <stdio.h>
#include <string.h>

const struct indicator_def indicator_codes[] = {
	{ "longstay_inpatients", "1年以上長期入院患者数", INDICATOR_COUNT },
	{ "longstay_inpatients_under65", "1年以上長期入院患者数（65歳未満）", INDICATOR_COUNT },
	{ "longstay_inpatients_65plus", "1年以上長期入院患者数（65歳以上）", INDICATOR_COUNT },
	{ "early_discharge_rate_3m", "入院後3か月時点の退院率", INDICATOR_RATE },
	{ "early_discharge_rate_6m", "入院後6か月時点の退院率", INDICATOR_RATE },
	{ "early_discharge_rate_12m", "入院後1年時点の退院率", INDICATOR_RATE },
	{ "community_days_1y", "退院後1年以内の地域における平均生活日数", INDICATOR_MEAN },
	{ "readmission_rate_90d", "退院後90日以内の再入院率", INDICATOR_RATE },
	{ "readmission_rate_180d", "退院後180日以内の再入院率", INDICATOR_RATE },
	{ "readmission_rate_365d", "退院後1年以内の再入院率", INDICATOR_RATE },
	{ "forum_meetings", "協議の場の開催回数", INDICATOR_COUNT },
	{ "forum_participants", "協議の場の参加者数", INDICATOR_COUNT },
	{ "forum_participants_health", "協議の場の参加者数（保健）", INDICATOR_COUNT },
	{ "forum_participants_psychiatric", "協議の場の参加者数（医療(精神科)）", INDICATOR_COUNT },
	{ "forum_participants_medical_other", "協議の場の参加者数（医療(精神科以外)）", INDICATOR_COUNT },
	{ "forum_participants_welfare", "協議の場の参加者数（福祉）", INDICATOR_COUNT },
	{ "forum_participants_care", "協議の場の参加者数（介護）", INDICATOR_COUNT },
	{ "forum_participants_person", "協議の場の参加者数（当事者）", INDICATOR_COUNT },
	{ "forum_participants_family", "協議の場の参加者数（家族）", INDICATOR_COUNT },
	{ "forum_participants_housing", "協議の場の参加者数（住まい）", INDICATOR_COUNT },
	{ "forum_participants_other", "協議の場の参加者数（その他）", INDICATOR_COUNT },
	{ "forum_goal_evaluations", "協議の場における目標設定及び評価の実施回数", INDICATOR_COUNT },
	{ "service_users_transition", "地域移行支援の利用者数（年間実人数）", INDICATOR_COUNT },
	{ "service_users_transition_monthly", "地域移行支援の利用者数（月平均）", INDICATOR_MEAN },
	{ "service_users_settlement", "地域定着支援の利用者数（年間実人数）", INDICATOR_COUNT },
	{ "service_users_settlement_monthly", "地域定着支援の利用者数（月平均）", INDICATOR_MEAN },
	{ "service_users_group_home", "共同生活援助の利用者数（年間実人数）", INDICATOR_COUNT },
	{ "service_users_group_home_monthly", "共同生活援助の利用者数（月平均）", INDICATOR_MEAN },
	{ "service_users_independent_living", "自立生活援助の利用者数（年間実人数）", INDICATOR_COUNT },
	{ "service_users_independent_living_monthly", "自立生活援助の利用者数（月平均）", INDICATOR_MEAN },
	{ "service_users_living_training", "自立訓練(生活訓練)の利用者数（年間実人数）", INDICATOR_COUNT },
	{ "service_users_living_training_monthly", "自立訓練(生活訓練)の利用者数（月平均）", INDICATOR_MEAN },
	{ "housing_scheme_cases", "宅建との制度を活用したケース（累計）", INDICATOR_COUNT },
	{ "housing_scheme_cases_in_year", "宅建との制度を活用したケース（年度内）", INDICATOR_COUNT },
	{ "housing_agents_cooperating", "協力できる宅建協会員", INDICATOR_COUNT },
	{ "elderly_field_trainings", "高齢分野との連携のための研修会", INDICATOR_COUNT },
	{ "peer_trainings", "ピアサポーター養成研修", INDICATOR_COUNT },
	{ "peer_exchange_meetings", "ピアサポーター交流会", INDICATOR_COUNT },
	{ NULL, NULL, INDICATOR_COUNT },
};

/* The services of service_users_<service>, as service_period.service codes. */
static const char *const services[] = { "transition", "settlement", "group_home", "independent_living",
					"living_training" };

size_t indicator_count(void)
{
	size_t n = 0;
	while (indicator_codes[n].code)
		n++;
	return n;
}

bool indicator_ratio(int64_t numerator, int64_t denominator, bool percent, double *out)
{
	if (denominator <= 0)
		return false;
	/* Tenths, rounded half away from zero: (2·|x|·scale + d) / 2d with the sign put back. */
	int64_t scale = percent ? 1000 : 10;
	int64_t x = numerator < 0 ? -numerator : numerator;
	int64_t q = (2 * x * scale + denominator) / (2 * denominator);
	*out = (double)(numerator < 0 ? -q : q) / 10.0;
	return true;
}

int indicator_age(struct date birth, struct date at)
{
	int age = at.year - birth.year;
	if (at.month < birth.month || (at.month == birth.month && at.day < birth.day))
		age--;
	return age;
}

const struct indicator_value *indicator_find(const struct indicator_value *vals, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(vals[i].code, code) == 0)
			return &vals[i];
	return NULL;
}

/* ---- the results being filled ---- */

struct out {
	struct indicator_value *v;
	size_t n;
	struct date as_of;
};

static struct indicator_value *slot(struct out *o, const char *code)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].code, code) == 0)
			return &o->v[i];
	return NULL; /* every code set below is in the table (the unit test checks them all) */
}

/* Sets a count; provisional when as_of is before end (the window's first day after it). */
static void put_count(struct out *o, const char *code, int64_t count, struct date end)
{
	struct indicator_value *v = slot(o, code);
	if (!v)
		return;
	v->has_value = true;
	v->value = (double)count;
	v->numerator = count;
	v->denominator = 0;
	v->provisional = date_cmp(o->as_of, end) < 0;
}

static void put_ratio(struct out *o, const char *code, int64_t num, int64_t den, bool percent, struct date end)
{
	struct indicator_value *v = slot(o, code);
	if (!v)
		return;
	v->numerator = num;
	v->denominator = den;
	v->has_value = indicator_ratio(num, den, percent, &v->value);
	if (!v->has_value)
		v->value = 0;
	v->provisional = date_cmp(o->as_of, end) < 0;
}

/* No value (a city-wide figure asked for a ward), provisional as the window says. */
static void put_none(struct out *o, const char *code, struct date end)
{
	struct indicator_value *v = slot(o, code);
	if (v)
		v->provisional = date_cmp(o->as_of, end) < 0;
}

/* ---- outcome indicators over admissions ---- */

struct adm {
	int64_t person;
	struct date in;
	bool open;        /* still in hospital */
	struct date out;  /* when !open */
	bool death;       /* discharged by death */
	struct date birth;
	bool ok;          /* every date parsed */
};

static void read_adm(struct arena *a, struct db_stmt *st, void *p)
{
	struct adm *r = p;
	r->person = db_column_int(st, 0);
	r->ok = date_parse(db_column_text(st, 1) ? db_column_text(st, 1) : "", &r->in);
	r->open = db_column_is_null(st, 2);
	if (!r->open)
		r->ok = r->ok && date_parse(db_column_text(st, 2) ? db_column_text(st, 2) : "", &r->out);
	const char *dest = db_column_text(st, 3);
	r->death = dest && strcmp(dest, "death") == 0;
	r->ok = r->ok && date_parse(db_column_text(st, 4) ? db_column_text(st, 4) : "", &r->birth);
}

/* The psychiatric-bed admissions of persons of ward (or all) that any outcome indicator of fy can
 * look at: discharged on or after April 1 of fy (or open), admitted before until, by person and
 * day.
 *
 * Two texts, one with the ward and one without: for a ward, SQLite starts from the ward's persons
 * (index person_ward) and reads their admissions (admission_person). One text with
 * "($1 = '' OR p.ward_code = $1)" serves both but no index can serve that term, so every ward read
 * every admission: 1,741 municipalities × 1,000,000 admissions in bench/indicators.sh. */
static int read_admissions(struct db *db, struct arena *a, const char *ward, struct date from, struct date until,
			   struct adm **out, size_t *n)
{
	char f[11], u[11];
	date_format_iso(from, f);
	date_format_iso(until, u);
	struct db_stmt *st = db_prepare(db, a,
					ward ? "SELECT d.person_id, d.admitted_on, d.discharged_on, d.discharge_destination,"
					       " p.birth_date FROM admission d JOIN organisation o ON o.id = d.hospital_id"
					       " JOIN person p ON p.id = d.person_id"
					       " WHERE o.kind = 'psychiatric_hospital' AND p.ward_code = $1"
					       " AND (d.discharged_on IS NULL OR d.discharged_on >= $2) AND d.admitted_on < $3"
					       " ORDER BY d.person_id, d.admitted_on, d.id"
					     : "SELECT d.person_id, d.admitted_on, d.discharged_on, d.discharge_destination,"
					       " p.birth_date FROM admission d JOIN organisation o ON o.id = d.hospital_id"
					       " JOIN person p ON p.id = d.person_id WHERE o.kind = 'psychiatric_hospital'"
					       " AND (d.discharged_on IS NULL OR d.discharged_on >= $2) AND d.admitted_on < $3"
					       " ORDER BY d.person_id, d.admitted_on, d.id");
	if (!st || (ward && db_bind_text(st, 1, ward)) || db_bind_text(st, 2, f) || db_bind_text(st, 3, u))
		return ERR_STORAGE;
	void *rows = NULL;
	int rc = db_rows(st, a, sizeof(struct adm), read_adm, &rows, n);
	*out = rows;
	return rc;
}

static void longstay(struct out *o, const struct adm *v, size_t n, int fy)
{
	struct date c = { fy, 6, 30 };
	struct date c1 = date_add_months(c, -12);
	int64_t under = 0, over = 0;
	for (size_t i = 0; i < n; i++) {
		const struct adm *r = &v[i];
		if (!r->ok || date_cmp(r->in, c) > 0 || (!r->open && date_cmp(r->out, c) <= 0) ||
		    date_cmp(r->in, c1) > 0)
			continue;
		if (indicator_age(r->birth, c) < 65)
			under++;
		else
			over++;
	}
	struct date end = date_add_days(c, 1);
	put_count(o, "longstay_inpatients", under + over, end);
	put_count(o, "longstay_inpatients_under65", under, end);
	put_count(o, "longstay_inpatients_65plus", over, end);
}

static void early_discharge(struct out *o, const struct adm *v, size_t n, int fy)
{
	static const struct { int months; const char *code; } k[] = {
		{ 3, "early_discharge_rate_3m" }, { 6, "early_discharge_rate_6m" }, { 12, "early_discharge_rate_12m" },
	};
	struct date fs = { fy, 4, 1 }, fe = { fy + 1, 3, 31 };
	for (size_t j = 0; j < sizeof k / sizeof k[0]; j++) {
		int64_t cohort = 0, num = 0;
		for (size_t i = 0; i < n; i++) {
			const struct adm *r = &v[i];
			if (!r->ok || date_cmp(r->in, fs) < 0 || date_cmp(r->in, fe) > 0)
				continue;
			cohort++;
			if (!r->open && date_cmp(r->out, date_add_months(r->in, k[j].months)) < 0)
				num++;
		}
		put_ratio(o, k[j].code, num, cohort, true, date_add_months(fe, k[j].months));
	}
}

/* The discharges of community_days_1y and the readmission rates: community days and the days to
 * the first later admission of each, summed. */
static void after_discharge(struct out *o, const struct adm *v, size_t n, int fy)
{
	static const struct { int days; const char *code; } k[] = {
		{ 90, "readmission_rate_90d" }, { 180, "readmission_rate_180d" }, { 365, "readmission_rate_365d" },
	};
	enum { NK = sizeof k / sizeof k[0] };
	struct date fs = { fy, 4, 1 }, fe = { fy + 1, 3, 31 };
	int64_t cohort = 0, days = 0, readmitted[NK] = { 0 };
	size_t lo = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].person != v[lo].person)
			lo = i;
		const struct adm *r = &v[i];
		if (!r->ok || r->open || r->death || date_cmp(r->out, fs) < 0 || date_cmp(r->out, fe) > 0 ||
		    date_cmp(r->out, date_add_months(r->in, 12)) >= 0)
			continue;
		cohort++;
		int64_t d = date_to_days(r->out), wend = d + 365, occupied = 0, first = -1;
		for (size_t j = lo; j < n && v[j].person == r->person; j++) {
			const struct adm *s = &v[j];
			if (j == i || !s->ok)
				continue;
			int64_t a = date_to_days(s->in);
			if (a < d)
				continue;
			if (first < 0 || a < first)
				first = a;
			int64_t b = s->open ? wend : date_to_days(s->out);
			if (b > wend)
				b = wend;
			if (b > a)
				occupied += b - a;
		}
		days += 365 - occupied;
		for (size_t m = 0; m < NK; m++)
			if (first >= 0 && first < d + k[m].days)
				readmitted[m]++;
	}
	put_ratio(o, "community_days_1y", days, cohort, false, date_add_days(fe, 365));
	for (size_t m = 0; m < NK; m++)
		put_ratio(o, k[m].code, readmitted[m], cohort, true, date_add_days(fe, k[m].days));
}

/* ---- activity indicators ---- */

/* The forum kinds setting, or the default; in a. */
static const char *forum_kinds(struct db *db, struct arena *a)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT value FROM setting WHERE key = $1");
	if (st && !db_bind_text(st, 1, INDICATOR_FORUM_KINDS_SETTING) && db_step(st) == DB_ROW &&
	    db_column_text(st, 0))
		return arena_strdup(a, db_column_text(st, 0));
	return INDICATOR_FORUM_KINDS_DEFAULT;
}

/* Adds the held meetings of kind in [from, to] (of ward, when given) to *t. */
static int forum_kind(struct db *db, struct arena *a, const char *kind, const char *ward, const char *from,
		      const char *to, struct meeting_totals *t)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*), coalesce(sum(CASE WHEN goal_setting <> 0 OR evaluation <> 0"
					" THEN 1 ELSE 0 END), 0) FROM meeting WHERE status = 'held' AND kind = $1"
					" AND held_on >= $2 AND held_on <= $3 AND ($4 = '' OR ward_code = $4)");
	if (!st || db_bind_text(st, 1, kind) || db_bind_text(st, 2, from) || db_bind_text(st, 3, to) ||
	    db_bind_text(st, 4, ward ? ward : ""))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	t->meetings += (int)db_column_int(st, 0);
	t->goal_setting += (int)db_column_int(st, 1); /* here: set goals or evaluated */
	st = db_prepare(db, a,
			"SELECT x.sector, sum(x.head_count) FROM meeting_attendance x JOIN meeting m"
			" ON m.id = x.meeting_id WHERE m.status = 'held' AND m.kind = $1"
			" AND m.held_on >= $2 AND m.held_on <= $3 AND ($4 = '' OR m.ward_code = $4)"
			" GROUP BY x.sector");
	if (!st || db_bind_text(st, 1, kind) || db_bind_text(st, 2, from) || db_bind_text(st, 3, to) ||
	    db_bind_text(st, 4, ward ? ward : ""))
		return ERR_STORAGE;
	while ((rc = db_step(st)) == DB_ROW) {
		struct meeting_attendance r = { .sector = (char *)db_column_text(st, 0),
						.head_count = (int)db_column_int(st, 1) };
		meeting_totals_add(t, &r, 1);
	}
	return rc == DB_DONE ? 0 : rc;
}

static int forum(struct db *db, struct arena *a, struct out *o, const char *ward, const char *from,
		 const char *to, struct date end)
{
	struct meeting_totals t = { 0 };
	char *list = arena_strdup(a, forum_kinds(db, a));
	const char *seen[16];
	size_t nseen = 0;
	for (char *save = NULL, *k = strtok_r(list, ", ", &save); k; k = strtok_r(NULL, ", ", &save)) {
		bool dup = false;
		for (size_t i = 0; i < nseen; i++)
			dup = dup || strcmp(seen[i], k) == 0;
		if (dup || nseen == sizeof seen / sizeof seen[0])
			continue;
		seen[nseen++] = k;
		int rc = forum_kind(db, a, k, ward, from, to, &t);
		if (rc)
			return rc;
	}
	put_count(o, "forum_meetings", t.meetings, end);
	put_count(o, "forum_participants", t.total, end);
	for (size_t i = 0; i < MEETING_SECTORS; i++) {
		char code[64];
		snprintf(code, sizeof code, "forum_participants_%s", meeting_sectors[i].code);
		put_count(o, code, t.heads[i], end);
	}
	put_count(o, "forum_goal_evaluations", t.goal_setting, end);
	return 0;
}

/* A service period of a person (of the ward) overlapping the fiscal year. */
struct period {
	int64_t person;
	int service;          /* index into services[]; -1 for another service (planning) */
	const char *from, *to; /* starts_on; extended_to, else ends_on: ISO text, both days included */
};

static void read_period(struct arena *a, struct db_stmt *st, void *p)
{
	struct period *r = p;
	const char *service = db_column_text(st, 1);
	r->person = db_column_int(st, 0);
	r->service = -1;
	for (int i = 0; service && i < (int)(sizeof services / sizeof services[0]); i++)
		if (strcmp(service, services[i]) == 0)
			r->service = i;
	r->from = arena_strdup(a, db_column_text(st, 2));
	r->to = arena_strdup(a, db_column_text(st, 3));
	if (!r->from || !r->to)
		r->service = -1; /* NULL dates overlap nothing, as in SQL; over the cap, see below */
}

/* The service periods of persons of ward (or all) overlapping [from, to], by person. One query
 * serves every service and month: the 65 counts it replaced (five services, the year and its 12
 * months, each a count(DISTINCT) in SQL) each walked the ward's persons again, half of the time of
 * a nation's wards in bench/indicators.sh. Two texts as in read_admissions(). */
static int read_periods(struct db *db, struct arena *a, const char *ward, const char *from, const char *to,
			struct period **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					ward ? "SELECT c.person_id, s.service, s.starts_on, coalesce(s.extended_to, s.ends_on)"
					       " FROM service_period s JOIN support_case c ON c.id = s.case_id"
					       " JOIN person p ON p.id = c.person_id WHERE s.starts_on <= $2"
					       " AND coalesce(s.extended_to, s.ends_on) >= $1 AND p.ward_code = $3"
					       " ORDER BY c.person_id"
					     : "SELECT c.person_id, s.service, s.starts_on, coalesce(s.extended_to, s.ends_on)"
					       " FROM service_period s JOIN support_case c ON c.id = s.case_id"
					       " JOIN person p ON p.id = c.person_id WHERE s.starts_on <= $2"
					       " AND coalesce(s.extended_to, s.ends_on) >= $1 ORDER BY c.person_id");
	if (!st || db_bind_text(st, 1, from) || db_bind_text(st, 2, to) || (ward && db_bind_text(st, 3, ward)))
		return ERR_STORAGE;
	void *rows = NULL;
	int rc = db_rows(st, a, sizeof(struct period), read_period, &rows, n);
	*out = rows;
	return rc == 0 && a->over_cap ? ERR_TOOBIG : rc;
}

/* For each service, the distinct persons with a period overlapping the fiscal year, and over
 * each of its 12 months (the periods compared as ISO text, as SQL compares them). */
static int service_users(struct db *db, struct arena *a, struct out *o, const char *ward, int fy,
			 struct date end)
{
	enum { NS = sizeof services / sizeof services[0], NW = 13 };
	char first[NW][11], last[NW][11]; /* [0] the fiscal year, [1..12] its months */
	date_format_iso((struct date){ fy, 4, 1 }, first[0]);
	date_format_iso((struct date){ fy + 1, 3, 31 }, last[0]);
	for (int m = 0; m < 12; m++) {
		struct date d = date_add_months((struct date){ fy, 4, 1 }, m);
		date_format_iso(d, first[m + 1]);
		date_format_iso((struct date){ d.year, d.month, date_days_in_month(d.year, d.month) }, last[m + 1]);
	}
	struct period *v;
	size_t n;
	int rc = read_periods(db, a, ward, first[0], last[0], &v, &n);
	if (rc)
		return rc;
	int64_t users[NS][NW] = { { 0 } };
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		bool seen[NS][NW] = { { false } };
		for (hi = lo; hi < n && v[hi].person == v[lo].person; hi++)
			for (int w = 0; v[hi].service >= 0 && w < NW; w++)
				if (strcmp(v[hi].from, last[w]) <= 0 && strcmp(v[hi].to, first[w]) >= 0)
					seen[v[hi].service][w] = true;
		for (int s = 0; s < NS; s++)
			for (int w = 0; w < NW; w++)
				users[s][w] += seen[s][w];
	}
	char code[64];
	for (int s = 0; s < NS; s++) {
		int64_t sum = 0;
		for (int w = 1; w < NW; w++)
			sum += users[s][w];
		snprintf(code, sizeof code, "service_users_%s", services[s]);
		put_count(o, code, users[s][0], end);
		snprintf(code, sizeof code, "service_users_%s_monthly", services[s]);
		put_ratio(o, code, sum, 12, false, end);
	}
	return 0;
}

/* ---- the seed's indicators ---- */

static int seed(struct db *db, struct out *o, const char *ward, int fy, struct date end)
{
	char from[11], to[11];
	date_format_iso((struct date){ fy, 4, 1 }, from);
	date_format_iso((struct date){ fy + 1, 3, 31 }, to);
	int rc;
	if (ward) {
		put_none(o, "housing_scheme_cases", end);
		put_none(o, "housing_scheme_cases_in_year", end);
		put_none(o, "housing_agents_cooperating", end);
	} else {
		int cum = 0, year = 0, agents = 0;
		if ((rc = housing_moved_in_count(db, NULL, to, &cum)) ||
		    (rc = housing_moved_in_count(db, from, to, &year)) || (rc = agent_count_cooperating(db, to, &agents)))
			return rc;
		put_count(o, "housing_scheme_cases", cum, end);
		put_count(o, "housing_scheme_cases_in_year", year, end);
		put_count(o, "housing_agents_cooperating", agents, end);
	}
	static const struct { const char *code; const char *kinds[2]; } ev[] = {
		{ "elderly_field_trainings", { "elderly_field_training", NULL } },
		{ "peer_trainings", { "peer_training_basic", "peer_training_advanced" } },
		{ "peer_exchange_meetings", { "peer_exchange", NULL } },
	};
	for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++) {
		int64_t total = 0;
		for (size_t j = 0; j < 2 && ev[i].kinds[j]; j++) {
			int c = 0;
			if ((rc = event_count_held(db, ev[i].kinds[j], fy, ward, &c)))
				return rc;
			total += c;
		}
		put_count(o, ev[i].code, total, end);
	}
	return 0;
}

/* ---- the entry point ---- */

int indicator_compute(struct db *db, struct arena *a, const char *ward, int fy, const char *as_of,
		      struct indicator_value **out, size_t *n)
{
	struct out o = { 0 };
	if (fy < 2000 || fy > 9998 || !as_of || !date_parse(as_of, &o.as_of))
		return ERR_INVALID;
	if (ward && !*ward)
		ward = NULL;
	o.n = indicator_count();
	o.v = arena_zalloc(a, o.n * sizeof *o.v);
	if (!o.v)
		return ERR_TOOBIG;
	for (size_t i = 0; i < o.n; i++)
		o.v[i].code = indicator_codes[i].code;

	struct date fs = { fy, 4, 1 }, fe = { fy + 1, 3, 31 }, next = { fy + 1, 4, 1 };
	struct adm *adm = NULL;
	size_t nadm = 0;
	/* Every later admission a discharge's 365-day window may hold starts before fe + 366 days. */
	int rc = read_admissions(db, a, ward, fs, date_add_days(fe, 366), &adm, &nadm);
	if (rc)
		return rc;
	longstay(&o, adm, nadm, fy);
	early_discharge(&o, adm, nadm, fy);
	after_discharge(&o, adm, nadm, fy);

	char from[11], to[11];
	date_format_iso(fs, from);
	date_format_iso(fe, to);
	if ((rc = forum(db, a, &o, ward, from, to, next)) || (rc = service_users(db, a, &o, ward, fy, next)) ||
	    (rc = seed(db, &o, ward, fy, next)))
		return rc;
	*out = o.v;
	*n = o.n;
	return 0;
}
