/*
 * test_indicator — the computations of INDICATORS.md (domain/indicator.c): every worked example
 * (persons P and Q) exactly, and the edges: month-end and leap-year arithmetic, rounding, ages,
 * open admissions, the census-day boundaries, death discharges, empty cohorts (no value, never 0),
 * admissions at a clinic ignored, the ward filter, and provisional figures judged on as_of. A
 * fresh database for each test (domain_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/casework.h"
#include "domain/event.h"
#include "domain/indicator.h"
#include "domain/meeting.h"
#include "error.h"

#include <math.h>

/* Computes fy for ward (NULL: all) on as_of; returns the value of code. */
static struct indicator_value get(struct fixture *f, const char *ward, int fy, const char *as_of, const char *code)
{
	struct indicator_value *v = NULL;
	size_t n = 0;
	assert_int_equal(indicator_compute(f->db, f->a, ward, fy, as_of, &v, &n), 0);
	assert_int_equal(n, indicator_count());
	const struct indicator_value *r = indicator_find(v, n, code);
	assert_non_null(r);
	return *r;
}

static void assert_value(struct indicator_value v, double want, int64_t num, int64_t den)
{
	assert_true(v.has_value);
	assert_true(fabs(v.value - want) < 1e-9);
	assert_int_equal(v.numerator, num);
	assert_int_equal(v.denominator, den);
}

/* An admission with a chosen destination. */
static void stay_to(struct fixture *f, int64_t person, int64_t hospital, const char *in, const char *out,
		    const char *dest)
{
	struct admission ad = { .person_id = person, .hospital_id = hospital, .admitted_on = (char *)in,
				.admission_type = "voluntary", .discharged_on = (char *)out,
				.discharge_destination = (char *)dest };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(admission_add(f->db, f->a, &ad, FIXTURE_TODAY, &field, &msg), 0);
}

/* A psychiatric hospital that became a clinic after the admissions at it were recorded (the domain
 * refuses new admissions at a clinic; an import or a change of kind leaves old ones there). */
static int64_t former_hospital(struct fixture *f)
{
	return fixture_org(f, "元病院K", "psychiatric_hospital", AOI, true);
}

static void make_clinic(struct fixture *f, int64_t org)
{
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE organisation SET kind = 'clinic' WHERE id = %lld", (long long)org);
	assert_int_equal(db_exec(f->db, sql), 0);
}

static int64_t person_p(struct fixture *f)
{
	int64_t p = fixture_person(f, "山田", "一郎", "ヤマダ", "イチロウ", "1960-05-01", AOI, 0);
	fixture_stay(f, p, f->hospital, "2020-04-10", "2022-01-15");
	fixture_stay(f, p, f->hospital, "2022-06-01", "2022-06-20");
	return p;
}

static int64_t person_q(struct fixture *f)
{
	int64_t q = fixture_person(f, "鈴木", "花子", "スズキ", "ハナコ", "1990-01-01", SURUGA, 0);
	fixture_stay(f, q, f->hospital2, "2022-04-01", "2022-05-01");
	fixture_stay(f, q, f->hospital2, "2022-07-01", "2022-07-11");
	return q;
}

#define LATE "2025-06-15" /* every FY2021/FY2022 window has passed */

/* ---- pure helpers ---- */

static void test_month_arithmetic(void **state)
{
	(void)state;
	struct date d;
	char buf[11];
	static const char *const cases[][3] = {
		{ "2023-01-31", "1", "2023-02-28" },  { "2024-01-31", "1", "2024-02-29" },
		{ "2024-02-29", "12", "2025-02-28" }, { "2024-02-29", "48", "2028-02-29" },
		{ "2022-03-31", "3", "2022-06-30" },  { "2021-06-30", "-12", "2020-06-30" },
		{ "2023-10-31", "-1", "2023-09-30" }, { "2023-12-15", "1", "2024-01-15" },
		{ "2024-03-31", "-1", "2024-02-29" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(date_parse(cases[i][0], &d));
		date_format_iso(date_add_months(d, atoi(cases[i][1])), buf);
		assert_string_equal(buf, cases[i][2]);
	}
	assert_true(date_parse("2024-02-29", &d));
	date_format_iso(date_add_days(d, 365), buf);
	assert_string_equal(buf, "2025-02-28");
}

static void test_ratio_and_age(void **state)
{
	(void)state;
	double x = -1;
	assert_false(indicator_ratio(0, 0, true, &x));
	assert_true(x == -1);
	assert_true(indicator_ratio(1, 3, true, &x) && fabs(x - 33.3) < 1e-9);
	assert_true(indicator_ratio(2, 3, true, &x) && fabs(x - 66.7) < 1e-9);
	assert_true(indicator_ratio(1, 8, true, &x) && fabs(x - 12.5) < 1e-9);
	assert_true(indicator_ratio(1, 16, true, &x) && fabs(x - 6.3) < 1e-9);  /* 6.25 → 6.3 */
	assert_true(indicator_ratio(1085, 3, false, &x) && fabs(x - 361.7) < 1e-9);
	assert_true(indicator_ratio(-1, 16, true, &x) && fabs(x + 6.3) < 1e-9); /* away from zero */
	assert_true(indicator_ratio(0, 5, true, &x) && x == 0);
	struct date b, at;
	assert_true(date_parse("1956-07-01", &b) && date_parse("2021-06-30", &at));
	assert_int_equal(indicator_age(b, at), 64);
	assert_true(date_parse("1956-06-30", &b));
	assert_int_equal(indicator_age(b, at), 65);
	assert_true(date_parse("2000-02-29", &b) && date_parse("2021-02-28", &at));
	assert_int_equal(indicator_age(b, at), 20);
	assert_true(date_parse("2021-03-01", &at));
	assert_int_equal(indicator_age(b, at), 21);
}

static void test_table(void **state)
{
	struct fixture *f = *state;
	struct indicator_value *v = NULL;
	size_t n = 0;
	assert_int_equal(indicator_compute(f->db, f->a, NULL, 2022, LATE, &v, &n), 0);
	assert_int_equal(n, indicator_count());
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].code, indicator_codes[i].code);
		/* Every code was computed: counts always have a value on the whole city. */
		if (indicator_codes[i].kind == INDICATOR_COUNT)
			assert_true(v[i].has_value);
		for (size_t j = 0; j < i; j++)
			assert_true(strcmp(indicator_codes[i].code, indicator_codes[j].code) != 0);
	}
	assert_int_equal(indicator_compute(f->db, f->a, NULL, 2022, "2023-02-30", &v, &n), ERR_INVALID);
	assert_int_equal(indicator_compute(f->db, f->a, NULL, 1999, LATE, &v, &n), ERR_INVALID);
}

/* ---- the worked examples ---- */

static void test_example_longstay(void **state)
{
	struct fixture *f = *state;
	person_p(f);
	person_q(f);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients"), 1, 1, 0);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients_under65"), 1, 1, 0);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients_65plus"), 0, 0, 0);
	assert_false(get(f, NULL, 2021, LATE, "longstay_inpatients").provisional);
	assert_value(get(f, NULL, 2022, LATE, "longstay_inpatients"), 0, 0, 0);
}

static void test_example_community_days(void **state)
{
	struct fixture *f = *state;
	person_p(f);
	/* FY2021: A1 discharged in the year, but after a stay over a year: no cohort, no value. */
	struct indicator_value v = get(f, NULL, 2021, LATE, "community_days_1y");
	assert_false(v.has_value);
	assert_int_equal(v.denominator, 0);
	assert_value(get(f, NULL, 2022, LATE, "community_days_1y"), 365, 365, 1);
	person_q(f);
	assert_value(get(f, NULL, 2022, LATE, "community_days_1y"), 361.7, 1085, 3);
	assert_false(get(f, NULL, 2022, LATE, "community_days_1y").provisional);
}

static void test_example_rates(void **state)
{
	struct fixture *f = *state;
	person_p(f);
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_3m"), 100, 1, 1);
	person_q(f);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_90d"), 33.3, 1, 3);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_180d"), 33.3, 1, 3);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_365d"), 33.3, 1, 3);
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_3m"), 100, 3, 3);
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_12m"), 100, 3, 3);
	/* FY2021: nobody was admitted (A1 was in FY2020): no value. */
	assert_false(get(f, NULL, 2021, LATE, "early_discharge_rate_3m").has_value);
	assert_false(get(f, NULL, 2021, LATE, "readmission_rate_90d").has_value);
}

/* ---- edges ---- */

static void test_empty(void **state)
{
	struct fixture *f = *state;
	static const char *const codes[] = { "early_discharge_rate_3m", "early_discharge_rate_6m", "early_discharge_rate_12m",
					     "community_days_1y", "readmission_rate_90d", "readmission_rate_180d",
					     "readmission_rate_365d" };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		struct indicator_value v = get(f, NULL, 2022, LATE, codes[i]);
		assert_false(v.has_value);
		assert_true(v.value == 0 && !isnan(v.value));
	}
	assert_value(get(f, NULL, 2022, LATE, "longstay_inpatients"), 0, 0, 0);
	/* Service monthly means over 12 months always have a denominator. */
	assert_value(get(f, NULL, 2022, LATE, "service_users_transition_monthly"), 0, 0, 12);
}

/* Admitted exactly C − 1 year counts, a day later not; discharged on C is out, the day after in. */
static void test_census_boundaries(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1956-06-30", AOI, 0);    /* 65 on C */
	int64_t b = fixture_person(f, "乙", "二", "オツ", "ジ", "1956-07-01", AOI, 0);      /* 64 on C */
	int64_t c = fixture_person(f, "丙", "三", "ヘイ", "ゾウ", "1970-01-01", SURUGA, 0);
	int64_t d = fixture_person(f, "丁", "四", "テイ", "シ", "1970-01-01", SURUGA, 0);
	int64_t e = fixture_person(f, "戊", "五", "ボ", "ゴ", "1970-01-01", SURUGA, 0);
	fixture_stay(f, a, f->hospital, "2020-06-30", NULL);         /* exactly C − 1 year, open: counted */
	fixture_stay(f, b, f->hospital, "2019-01-01", "2021-07-01"); /* discharged after C: counted */
	fixture_stay(f, c, f->hospital, "2020-07-01", NULL);         /* a day short of a year */
	fixture_stay(f, d, f->hospital, "2019-01-01", "2021-06-30"); /* discharged on C: not in hospital */
	int64_t k = former_hospital(f);
	fixture_stay(f, e, k, "2019-01-01", NULL);                    /* not a psychiatric bed */
	make_clinic(f, k);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients"), 2, 2, 0);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients_65plus"), 1, 1, 0);
	assert_value(get(f, NULL, 2021, LATE, "longstay_inpatients_under65"), 1, 1, 0);
	/* The ward filter takes the person's ward. */
	assert_value(get(f, AOI, 2021, LATE, "longstay_inpatients"), 2, 2, 0);
	assert_value(get(f, SURUGA, 2021, LATE, "longstay_inpatients"), 0, 0, 0);
	/* Provisional until the census day has passed. */
	assert_true(get(f, NULL, 2021, "2021-06-30", "longstay_inpatients").provisional);
	assert_false(get(f, NULL, 2021, "2021-07-01", "longstay_inpatients").provisional);
}

/* A stay of exactly a year is not "under a year"; death discharges are out of the cohort. */
static void test_cohort_edges(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1980-01-01", AOI, 0);
	int64_t b = fixture_person(f, "乙", "二", "オツ", "ジ", "1980-01-01", AOI, 0);
	int64_t c = fixture_person(f, "丙", "三", "ヘイ", "ゾウ", "1980-01-01", SHIMIZU, 0);
	int64_t d = fixture_person(f, "丁", "四", "テイ", "シ", "1980-01-01", SHIMIZU, 0);
	fixture_stay(f, a, f->hospital, "2021-05-10", "2022-05-10");        /* exactly a year: out */
	stay_to(f, b, f->hospital, "2022-05-01", "2022-06-01", "death");    /* death: out */
	int64_t k = former_hospital(f);
	fixture_stay(f, c, k, "2022-05-01", "2022-06-01");                  /* clinic: out */
	fixture_stay(f, d, f->hospital, "2021-05-11", "2022-05-10");        /* a day under a year: in */
	fixture_stay(f, d, k, "2022-06-01", "2022-07-01");                  /* clinic stay: not occupied */
	make_clinic(f, k);
	assert_value(get(f, NULL, 2022, LATE, "community_days_1y"), 365, 365, 1);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_365d"), 0, 0, 1);
	assert_value(get(f, SHIMIZU, 2022, LATE, "community_days_1y"), 365, 365, 1);
	assert_false(get(f, AOI, 2022, LATE, "community_days_1y").has_value);
	/* Early discharge: admitted in FY2022 at a psychiatric hospital: only b (death counts as a
	 * discharge by the definition's words). */
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_3m"), 100, 1, 1);
}

/* Month ends: admitted 01-31, the 1-month mark is 02-28 (2023) — discharged on 02-28 is not
 * "before", on 02-27 is; k = 3 from 11-30 is 02-28 (2023) / 02-29 (2024). */
static void test_early_discharge_month_ends(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1980-01-01", AOI, 0);
	int64_t b = fixture_person(f, "乙", "二", "オツ", "ジ", "1980-01-01", AOI, 0);
	int64_t c = fixture_person(f, "丙", "三", "ヘイ", "ゾウ", "1980-01-01", AOI, 0);
	int64_t d = fixture_person(f, "丁", "四", "テイ", "シ", "1980-01-01", AOI, 0);
	fixture_stay(f, a, f->hospital, "2022-11-30", "2023-02-28");  /* 11-30 + 3 = 02-28: not before */
	fixture_stay(f, b, f->hospital, "2022-11-30", "2023-02-27");  /* before */
	fixture_stay(f, c, f->hospital, "2023-11-30", "2024-02-28");  /* 11-30 + 3 = 2024-02-29: before */
	fixture_stay(f, d, f->hospital, "2023-11-30", NULL);          /* open: never discharged */
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_3m"), 50, 1, 2);
	assert_value(get(f, NULL, 2022, LATE, "early_discharge_rate_6m"), 100, 2, 2);
	assert_value(get(f, NULL, 2023, LATE, "early_discharge_rate_3m"), 50, 1, 2);
	assert_value(get(f, NULL, 2023, LATE, "early_discharge_rate_12m"), 50, 1, 2);
	/* Provisional: FY2023's 3-month window closes at 2024-03-31 + 3 months = 2024-06-30. */
	assert_true(get(f, NULL, 2023, "2024-06-29", "early_discharge_rate_3m").provisional);
	assert_false(get(f, NULL, 2023, "2024-06-30", "early_discharge_rate_3m").provisional);
	assert_true(get(f, NULL, 2023, "2024-06-30", "early_discharge_rate_6m").provisional);
	assert_true(get(f, NULL, 2023, "2025-03-30", "early_discharge_rate_12m").provisional);
	assert_false(get(f, NULL, 2023, "2025-03-31", "early_discharge_rate_12m").provisional);
}

/* Leap years: 2024-02-29 + 1 year = 2025-02-28, so a stay from 2024-02-29 discharged on
 * 2025-02-28 is not under a year; the 365-day window from 2024-02-28 (across 2024-02-29) ends
 * before 2025-02-27; an open readmission fills the window to its end. */
static void test_leap_year(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1980-01-01", AOI, 0);
	int64_t b = fixture_person(f, "乙", "二", "オツ", "ジ", "1980-01-01", AOI, 0);
	fixture_stay(f, a, f->hospital, "2024-02-29", "2025-02-28");  /* 2024-02-29 + 1 year = 2025-02-28 */
	fixture_stay(f, b, f->hospital, "2024-02-01", "2024-02-28");  /* FY2023 discharge */
	fixture_stay(f, b, f->hospital2, "2025-02-20", NULL);         /* 358 days later, open */
	/* FY2024: a's stay is a full year: no cohort. */
	assert_false(get(f, NULL, 2024, LATE, "community_days_1y").has_value);
	/* FY2023: b discharged 2024-02-28; window [2024-02-28, 2025-02-27); readmitted 2025-02-20
	 * → 7 days in hospital. */
	assert_value(get(f, NULL, 2023, LATE, "community_days_1y"), 358, 358, 1);
	assert_value(get(f, NULL, 2023, LATE, "readmission_rate_365d"), 100, 1, 1);
	assert_value(get(f, NULL, 2023, LATE, "readmission_rate_180d"), 0, 0, 1);
	/* Provisional until March 31 of FY+1 + 365 days (+ N days for readmission). */
	assert_true(get(f, NULL, 2023, "2025-03-30", "community_days_1y").provisional);
	assert_false(get(f, NULL, 2023, "2025-03-31", "community_days_1y").provisional);
	assert_true(get(f, NULL, 2023, "2024-06-28", "readmission_rate_90d").provisional);
	assert_false(get(f, NULL, 2023, "2024-06-29", "readmission_rate_90d").provisional);
}

/* A readmission on the very day of discharge counts, and its days are not community days; the
 * window is cut at 365 days. */
static void test_same_day_readmission(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1980-01-01", AOI, 0);
	fixture_stay(f, a, f->hospital, "2022-04-01", "2022-05-01");
	fixture_stay(f, a, f->hospital2, "2022-05-01", "2022-05-11"); /* 10 days, same-day transfer */
	fixture_stay(f, a, f->hospital, "2023-04-01", NULL);           /* open: fills to the window's end */
	/* Cohort: discharges 05-01 and 05-11. First: window [05-01, 2023-05-01): 10 + 30 days → 325.
	 * Second: [05-11, 2023-05-11): 40 days → 325. */
	assert_value(get(f, NULL, 2022, LATE, "community_days_1y"), 325, 650, 2);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_90d"), 50, 1, 2);
	assert_value(get(f, NULL, 2022, LATE, "readmission_rate_365d"), 100, 2, 2);
}

/* ---- activity and the seed's indicators ---- */

static int64_t held_meeting(struct fixture *f, const char *kind, const char *on, const char *ward, bool goals,
			    bool evaluation, const char *status)
{
	struct meeting m = { .kind = (char *)kind, .title = "協議の場", .held_on = (char *)on, .ward_code = (char *)ward,
			     .status = (char *)status, .goal_setting = goals, .evaluation = evaluation };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(meeting_schedule(f->db, f->a, &m, 1, f->user, FIXTURE_TODAY, &field, &msg), 0);
	return m.id;
}

static void attend(struct fixture *f, int64_t meeting, int64_t org, const char *label, const char *sector, int heads)
{
	struct meeting_attendance r = { .meeting_id = meeting, .organisation_id = org, .label = (char *)label,
					.sector = (char *)sector, .head_count = heads };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(meeting_attendance_record(f->db, f->a, &r, FIXTURE_TODAY, &field, &msg), 0);
}

static void test_forum(void **state)
{
	struct fixture *f = *state;
	int64_t m = held_meeting(f, "forum", "2024-06-01", NULL, true, false, "held");
	attend(f, m, f->hospital, NULL, NULL, 2);           /* psychiatric, from the organisation's kind */
	attend(f, m, 0, "当事者", "person", 1);
	m = held_meeting(f, "forum", "2025-03-31", SURUGA, false, true, "held");
	attend(f, m, f->group_home, NULL, NULL, 4);         /* welfare */
	held_meeting(f, "forum", "2024-04-01", NULL, false, false, "held");
	m = held_meeting(f, "working_group", "2024-07-10", NULL, true, true, "held");
	attend(f, m, f->hospital, NULL, NULL, 9);
	held_meeting(f, "forum", "2024-12-01", NULL, true, true, "cancelled");
	m = held_meeting(f, "forum", "2025-04-01", NULL, true, true, "held"); /* FY2025 */
	attend(f, m, f->hospital, NULL, NULL, 7);

	assert_value(get(f, NULL, 2024, LATE, "forum_meetings"), 3, 3, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants"), 7, 7, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants_psychiatric"), 2, 2, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants_person"), 1, 1, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants_welfare"), 4, 4, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants_family"), 0, 0, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_goal_evaluations"), 2, 2, 0);
	/* A ward's meetings only: the city-wide forums do not count there. */
	assert_value(get(f, SURUGA, 2024, LATE, "forum_meetings"), 1, 1, 0);
	assert_value(get(f, SURUGA, 2024, LATE, "forum_participants"), 4, 4, 0);
	assert_value(get(f, AOI, 2024, LATE, "forum_meetings"), 0, 0, 0);
	/* The city counts its working groups too (the setting; a kind named twice counts once). */
	assert_int_equal(db_exec(f->db, "INSERT INTO setting (key, value) VALUES ('forum_meeting_kinds',"
				 " 'forum, working_group,forum')"), 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_meetings"), 4, 4, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_participants"), 16, 16, 0);
	assert_value(get(f, NULL, 2024, LATE, "forum_goal_evaluations"), 3, 3, 0);
	assert_true(get(f, NULL, 2024, "2025-03-31", "forum_meetings").provisional);
	assert_false(get(f, NULL, 2024, "2025-04-01", "forum_meetings").provisional);
}

static void period(struct fixture *f, int64_t c, const char *service, const char *from, const char *to)
{
	struct service_period sp = { .case_id = c, .service = (char *)service, .starts_on = (char *)from,
				     .ends_on = (char *)to };
	const char *field = NULL, *msg = NULL;
	int rc = service_period_add(f->db, f->a, &sp, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("service_period_add: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
}

static void test_service_users(void **state)
{
	struct fixture *f = *state;
	int64_t a = fixture_person(f, "甲", "一", "コウ", "イチ", "1980-01-01", AOI, 0);
	int64_t b = fixture_person(f, "乙", "二", "オツ", "ジ", "1980-01-01", SURUGA, 0);
	int64_t ca = fixture_case(f, a, f->counsel_a, "2024-01-01");
	int64_t cb = fixture_case(f, b, f->counsel_b, "2024-01-01");
	period(f, ca, "transition", "2024-03-01", "2024-04-01");   /* touches April only */
	period(f, ca, "group_home", "2024-05-01", "2026-03-31");
	period(f, cb, "transition", "2024-06-30", "2024-06-30");   /* one day in June */
	period(f, cb, "transition", "2024-10-15", "2025-03-31");   /* October to March */
	period(f, cb, "transition", "2025-04-01", "2025-06-01");   /* FY2025 */
	/* Annual: a and b; monthly: 1 (Apr) + 1 (Jun) + 6 (Oct–Mar) = 8 over 12 months → 0.7. */
	assert_value(get(f, NULL, 2024, LATE, "service_users_transition"), 2, 2, 0);
	assert_value(get(f, NULL, 2024, LATE, "service_users_transition_monthly"), 0.7, 8, 12);
	assert_value(get(f, NULL, 2024, LATE, "service_users_group_home"), 1, 1, 0);
	assert_value(get(f, NULL, 2024, LATE, "service_users_group_home_monthly"), 0.9, 11, 12);
	assert_value(get(f, NULL, 2024, LATE, "service_users_settlement"), 0, 0, 0);
	assert_value(get(f, AOI, 2024, LATE, "service_users_transition"), 1, 1, 0);
	assert_value(get(f, AOI, 2024, LATE, "service_users_transition_monthly"), 0.1, 1, 12);
	assert_value(get(f, SHIMIZU, 2024, LATE, "service_users_group_home"), 0, 0, 0);
	assert_value(get(f, NULL, 2023, LATE, "service_users_transition"), 1, 1, 0);
	assert_value(get(f, NULL, 2023, LATE, "service_users_transition_monthly"), 0.1, 1, 12);
}

static void held_event(struct fixture *f, const char *kind, const char *on, const char *ward, const char *status)
{
	struct event e = { .kind = (char *)kind, .title = "研修会", .held_on = (char *)on, .ward_code = (char *)ward,
			   .status = (char *)status };
	const char *field = NULL, *msg = NULL;
	int rc = event_add(f->db, f->a, "221007", &e, f->user, FIXTURE_TODAY, &field, &msg);
	if (rc)
		print_error("event_add: %s: %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
}

static void test_seed_indicators(void **state)
{
	struct fixture *f = *state;
	held_event(f, "elderly_field_training", "2024-07-10", SURUGA, "held");
	held_event(f, "elderly_field_training", "2024-08-10", AOI, "planned");
	held_event(f, "peer_training_basic", "2024-08-01", NULL, "held");
	held_event(f, "peer_training_advanced", "2024-09-01", AOI, "held");
	held_event(f, "peer_exchange", "2025-04-01", NULL, "held");          /* FY2025 */
	assert_value(get(f, NULL, 2024, LATE, "elderly_field_trainings"), 1, 1, 0);
	assert_value(get(f, NULL, 2024, LATE, "peer_trainings"), 2, 2, 0);
	assert_value(get(f, NULL, 2024, LATE, "peer_exchange_meetings"), 0, 0, 0);
	assert_value(get(f, NULL, 2025, LATE, "peer_exchange_meetings"), 1, 1, 0);
	assert_true(get(f, NULL, 2025, LATE, "peer_exchange_meetings").provisional);
	assert_value(get(f, SURUGA, 2024, LATE, "elderly_field_trainings"), 1, 1, 0);
	assert_value(get(f, SURUGA, 2024, LATE, "peer_trainings"), 0, 0, 0);
	assert_value(get(f, AOI, 2024, LATE, "peer_trainings"), 1, 1, 0);
	/* The housing figures are city-wide: none for a ward, a count (here 0) for the city. */
	assert_value(get(f, NULL, 2024, LATE, "housing_scheme_cases"), 0, 0, 0);
	assert_value(get(f, NULL, 2024, LATE, "housing_scheme_cases_in_year"), 0, 0, 0);
	assert_value(get(f, NULL, 2024, LATE, "housing_agents_cooperating"), 0, 0, 0);
	assert_false(get(f, AOI, 2024, LATE, "housing_scheme_cases").has_value);
	assert_false(get(f, AOI, 2024, LATE, "housing_agents_cooperating").has_value);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_arithmetic),
		cmocka_unit_test(test_ratio_and_age),
		cmocka_unit_test_setup_teardown(test_table, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_example_longstay, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_example_community_days, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_example_rates, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_empty, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_census_boundaries, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cohort_edges, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_early_discharge_month_ends, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_leap_year, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_same_day_readmission, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_forum, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_service_users, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_seed_indicators, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
