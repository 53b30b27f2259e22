/*
 * test_casework — the casework's rules in the domain: the fixed lengths of the services, the one
 * extension of 地域移行支援 (at most 6 calendar months past the granted end, clamped to the
 * month's end), 計画相談支援's monitoring interval and next monitoring, and what a closed case
 * still takes (a support record) and refuses (a service period, an extension, a goal, a review).
 * Data is made through the domain functions in a temporary database (domain_fixture.h); today is
 * FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/casework.h"
#include "domain_fixture.h"
#include "error.h"

/* A person of 葵区 in hospital since 2010 with a case opened on 2024-04-01; its admission in *stay. */
static int64_t open_case(struct fixture *f, int64_t *stay)
{
	int64_t p = fixture_person(f, "作業", "花子", "サギョウ", "ハナコ", "1960-01-01", AOI, 0);
	int64_t ad = fixture_stay(f, p, f->hospital, "2010-05-01", NULL);
	if (stay)
		*stay = ad;
	return fixture_case(f, p, f->counsel_a, "2024-04-01");
}

/* Adds a period of service to case c; returns the domain's answer, the period's id in *id. */
static int add_period(struct fixture *f, int64_t c, const char *service, const char *from, const char *to,
		      int monitoring, const char **field, int64_t *id)
{
	struct service_period sp = { .case_id = c, .service = (char *)service, .starts_on = (char *)from,
				     .ends_on = (char *)to, .monitoring_months = monitoring };
	const char *msg = NULL;
	*field = NULL;
	int rc = service_period_add(f->db, f->a, &sp, FIXTURE_TODAY, field, &msg);
	if (id)
		*id = sp.id;
	return rc;
}

static int extend(struct fixture *f, int64_t c, int64_t id, const char *to, const char **field)
{
	const char *msg = NULL;
	*field = NULL;
	return service_period_extend(f->db, f->a, c, id, to, field, &msg);
}

static size_t count(struct fixture *f, const char *sql)
{
	struct db_stmt *st = db_prepare(f->db, f->a, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	return (size_t)db_column_int(st, 0);
}

static void test_service_lengths(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field;
	/* 地域移行支援: 6 calendar months at most. */
	assert_int_equal(add_period(f, c, "transition", "2024-08-31", "2025-03-01", 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "ends_on");
	assert_int_equal(add_period(f, c, "transition", "2024-08-31", "2025-02-28", 0, &field, NULL), 0);
	/* 地域定着支援 and 自立生活援助: a year; 共同生活援助: no fixed length. */
	assert_int_equal(add_period(f, c, "settlement", "2024-05-01", "2025-05-02", 0, &field, NULL), ERR_INVALID);
	assert_int_equal(add_period(f, c, "settlement", "2024-05-01", "2025-05-01", 0, &field, NULL), 0);
	assert_int_equal(add_period(f, c, "independent_living", "2024-05-01", "2025-05-02", 0, &field, NULL),
			 ERR_INVALID);
	assert_int_equal(add_period(f, c, "group_home", "2024-05-01", "2027-04-30", 0, &field, NULL), 0);
	/* The end not before the start; a service from the list. */
	assert_int_equal(add_period(f, c, "group_home", "2024-05-01", "2024-04-30", 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "ends_on");
	assert_int_equal(add_period(f, c, "housework", "2024-05-01", "2024-06-30", 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "service");
	/* 計画相談支援 needs its monitoring interval, 1 to 12 months; the others do not keep one. */
	assert_int_equal(add_period(f, c, "planning", "2024-05-01", "2025-04-30", 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "monitoring_months");
	assert_int_equal(add_period(f, c, "planning", "2024-05-01", "2025-04-30", 13, &field, NULL), ERR_INVALID);
	assert_int_equal(add_period(f, c, "planning", "2024-05-01", "2025-04-30", 6, &field, NULL), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM service_period WHERE monitoring_months IS NOT NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM service_period"), 4);
}

static void test_transition_extended_once(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field;
	int64_t id, other;
	assert_int_equal(add_period(f, c, "transition", "2024-09-01", "2025-02-28", 0, &field, &id), 0);
	assert_int_equal(add_period(f, c, "settlement", "2024-09-01", "2025-08-31", 0, &field, &other), 0);
	/* At most 6 calendar months past the end: 2025-02-28 + 6 = 2025-08-28, not the 31st. */
	assert_int_equal(extend(f, c, id, "2025-08-29", &field), ERR_INVALID);
	assert_string_equal(field, "extended_to");
	assert_int_equal(extend(f, c, id, "2025-02-28", &field), ERR_INVALID); /* not after the end */
	assert_int_equal(extend(f, c, id, "someday", &field), ERR_INVALID);
	assert_int_equal(extend(f, c, other, "2025-10-31", &field), ERR_INVALID); /* not 地域移行支援 */
	assert_int_equal(extend(f, c, id, "2025-08-28", &field), 0);
	assert_int_equal(extend(f, c, id, "2025-08-20", &field), ERR_INVALID); /* once */
	struct service_period *sp;
	size_t n;
	assert_int_equal(service_periods(f->db, f->a, c, FIXTURE_TODAY, &sp, &n), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		if (sp[i].id == id)
			assert_string_equal(sp[i].extended_to, "2025-08-28");
	/* A period of another case is not found through this one. */
	int64_t p2 = fixture_person(f, "駿河", "次郎", "スルガ", "ジロウ", "1950-02-02", SURUGA, 0);
	int64_t c2 = fixture_case(f, p2, f->counsel_b, "2024-01-01");
	int64_t foreign;
	assert_int_equal(add_period(f, c2, "transition", "2025-01-01", "2025-06-30", 0, &field, &foreign), 0);
	assert_int_equal(extend(f, c, foreign, "2025-07-31", &field), ERR_NOTFOUND);
}

/* Monitorings fall every interval from the start, in calendar months clamped to the month's end;
 * the next one is the first after today. */
static void test_next_monitoring(void **state)
{
	struct fixture *f = *state;
	int64_t c = open_case(f, NULL);
	const char *field;
	assert_int_equal(add_period(f, c, "planning", "2025-01-31", "2026-01-30", 3, &field, NULL), 0);
	assert_int_equal(add_period(f, c, "planning", "2024-06-15", "2025-06-14", 6, &field, NULL), 0);
	assert_int_equal(add_period(f, c, "planning", "2025-03-15", "2026-03-14", 3, &field, NULL), 0);
	struct service_period *sp;
	size_t n;
	assert_int_equal(service_periods(f->db, f->a, c, FIXTURE_TODAY, &sp, &n), 0);
	assert_int_equal(n, 3);
	/* Newest start first. */
	assert_string_equal(sp[0].starts_on, "2025-03-15");
	assert_string_equal(sp[0].next_monitoring, "2025-09-15"); /* 06-15 is today: not after it */
	assert_string_equal(sp[1].starts_on, "2025-01-31");
	assert_string_equal(sp[1].next_monitoring, "2025-07-31"); /* 04-30 passed; 07-31, not 07-30 */
	assert_string_equal(sp[2].next_monitoring, "2025-12-15");
}

/* A closed case keeps its services and goals as they were; its support records go on. */
static void test_closed_case(void **state)
{
	struct fixture *f = *state;
	int64_t stay;
	int64_t c = open_case(f, &stay);
	const char *field, *msg;
	int64_t period;
	assert_int_equal(add_period(f, c, "transition", "2024-10-01", "2025-03-31", 0, &field, &period), 0);
	struct goal g = { .body = "一人で買い物に行く", .set_on = "2024-10-01" };
	assert_int_equal(goal_add(f->db, f->a, c, &g, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(case_discharge(f->db, f->a, c, stay, "2025-03-01", "rental", f->user, FIXTURE_TODAY,
					&field, &msg), 0);
	assert_int_equal(case_set_stage(f->db, f->a, c, "closed", "moved", "2025-05-01", f->user, FIXTURE_TODAY,
					&field, &msg), 0);

	static const char *const closed = "The case is closed: nothing can be added to it or changed.";
	assert_int_equal(add_period(f, c, "settlement", "2025-03-01", "2026-02-28", 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "stage");
	/* Whatever else is wrong with the input, the closing is the answer. */
	assert_int_equal(add_period(f, c, "housework", "nonsense", NULL, 0, &field, NULL), ERR_INVALID);
	assert_string_equal(field, "stage");
	field = msg = NULL;
	assert_int_equal(service_period_extend(f->db, f->a, c, period, "2025-06-30", &field, &msg), ERR_INVALID);
	assert_string_equal(field, "stage");
	assert_string_equal(msg, closed);
	struct goal g2 = { .body = "週2回日中活動に通う", .set_on = "2025-05-02" };
	field = msg = NULL;
	assert_int_equal(goal_add(f->db, f->a, c, &g2, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "stage");
	assert_string_equal(msg, closed);
	field = msg = NULL;
	assert_int_equal(goal_review(f->db, f->a, c, g.id, "achieved", "2025-05-02", FIXTURE_TODAY, &field, &msg),
			 ERR_INVALID);
	assert_string_equal(field, "stage");
	assert_string_equal(msg, closed);
	assert_int_equal(count(f, "SELECT count(*) FROM service_period"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM service_period WHERE extended_to IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM goal"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM goal WHERE status = 'active' AND reviewed_on IS NULL"), 1);

	/* The call after the closing is still recorded. */
	struct support_record r = { .recorded_on = "2025-05-20", .kind = "phone", .minutes = 10,
				    .body = "転居先の相談支援事業所へ引き継いだ。" };
	assert_int_equal(support_record_add(f->db, f->a, c, &r, f->user, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM support_record"), 1);

	/* No such case: not found. */
	assert_int_equal(goal_add(f->db, f->a, c + 1000, &g2, FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_service_lengths),
		T(test_transition_extended_once),
		T(test_next_monitoring),
		T(test_closed_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
