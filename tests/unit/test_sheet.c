/*
 * test_sheet — the status sheet's model (report/sheet.c) filled from the records: which year rows
 * land in §4 (target year = the sheet's year) and §5 (set at the start of the next year); a
 * computed baseline is the computation for the year before, a computed actual the one for the
 * target year, both marked computed and provisional while their window runs; a year not begun
 * has no figure; texts and the plan carry forward; the series behind the charts; and the labels
 * every rendering shares (①, 令和3年度, R3, 平成19～20年度, "6件", "325.3日（暫定）").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/event.h"
#include "domain/indicator_set.h"
#include "error.h"
#include "report/sheet.h"

#include <math.h>

static void held(struct fixture *f, const char *on, const char *ward)
{
	struct event e = { .kind = "elderly_field_training", .title = "研修会", .held_on = (char *)on,
			   .ward_code = (char *)ward, .status = "held" };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(event_add(f->db, f->a, "221007", &e, f->user, FIXTURE_TODAY, &field, &msg), 0);
}

static int64_t define(struct fixture *f, int position, const char *name, const char *computation, const char *unit)
{
	struct city_indicator ci = { .position = position, .name = (char *)name, .computation = (char *)computation,
				     .unit = (char *)unit, .active = true };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(indicator_set_save(f->db, f->a, &ci, &field, &msg), 0);
	return ci.id;
}

static void year(struct fixture *f, const struct indicator_year *y)
{
	const char *field = NULL, *msg = NULL;
	assert_int_equal(indicator_year_save(f->db, f->a, y, f->user, &field, &msg), 0);
}

/* The seed's shape: an entered R3 indicator, a computed one set at the start of R4 for R5. */
static void seed_shape(struct fixture *f)
{
	held(f, "2021-10-05", SURUGA); /* R3: 1 */
	held(f, "2022-11-01", AOI);    /* R4: 1 */
	held(f, "2023-06-01", AOI);    /* R5: 3 */
	held(f, "2023-07-01", SURUGA);
	held(f, "2024-02-01", SHIMIZU);
	int64_t entered = define(f, 1, "高齢分野との関係づくり", NULL, "");
	int64_t computed = define(f, 2, "高齢分野との連携のための研修会の開催", "elderly_field_trainings", "回");
	year(f, &(struct indicator_year){ .indicator_id = entered, .fy = 2021, .target_fy = 2021,
					  .target_text = "駿河区において研修会を行う", .actual_text = "左記研修を駿河区にて1回開催。",
					  .outcome_text = "顔つなぎをすることができた。" });
	year(f, &(struct indicator_year){ .indicator_id = computed, .fy = 2022, .target_fy = 2023, .target = { true, 1 },
					  .expected_text = "令和5年度で各区で研修会を開催する。" });
	const char *field = NULL, *msg = NULL;
	assert_int_equal(sheet_text_save(f->db, f->a, 2021, "basic", "協議の場は市に1か所", f->user, &field, &msg), 0);
	assert_int_equal(plan_strength_save(f->db, f->a, 2021, "官民協働で協議することができている。", &field, &msg), 0);
	struct programme p = { .name = "精神障害者退院促進事業", .implementer = "prefecture", .from_fy = 2007, .to_fy = 2008 };
	assert_int_equal(programme_save(f->db, f->a, &p, &field, &msg), 0);
	struct programme later = { .name = "新しい事業", .implementer = "city", .from_fy = 2025 };
	assert_int_equal(programme_save(f->db, f->a, &later, &field, &msg), 0);
}

static void test_sections(void **state)
{
	struct fixture *f = *state;
	seed_shape(f);
	struct status_sheet s;
	assert_int_equal(status_sheet_load(f->db, f->a, 2021, "2026-11-24", &s), 0);
	assert_string_equal(s.municipality_name, "静岡市");
	assert_string_equal(s.prefecture, "静岡県");
	assert_int_equal(s.n_wards, 3);
	assert_true(s.forum_city_wide);
	assert_string_equal(s.basic, "協議の場は市に1か所");
	assert_null(s.overview);
	assert_int_equal(s.n_programmes, 1); /* the one begun after FY2021 is not history yet */
	assert_int_equal(s.plan_from_fy, 2021);

	assert_int_equal(s.n_outcomes, 1);
	assert_string_equal(s.outcomes[0].name, "高齢分野との関係づくり");
	assert_false(s.outcomes[0].actual.computed);
	assert_string_equal(sheet_figure_text(f->a, &s.outcomes[0].actual, ""), "左記研修を駿河区にて1回開催。");

	assert_int_equal(s.coming_fy, 2022);
	assert_int_equal(s.n_coming, 1);
	const struct sheet_row *r = &s.coming[0];
	assert_int_equal(r->target_fy, 2023);
	assert_true(r->baseline.computed); /* R3's count: the state at the start of R4 */
	assert_true(r->baseline.has_value);
	assert_true(fabs(r->baseline.value - 1) < 1e-9);
	assert_false(r->baseline.provisional);
	assert_string_equal(sheet_figure_text(f->a, &r->baseline, r->unit), "1回");
	assert_false(r->target.computed);
	assert_string_equal(sheet_figure_text(f->a, &r->target, r->unit), "1回");
	assert_true(r->actual.computed && r->actual.has_value); /* R5's count */
	assert_true(fabs(r->actual.value - 3) < 1e-9);
}

static void test_provisional_and_not_begun(void **state)
{
	struct fixture *f = *state;
	seed_shape(f);
	struct status_sheet s;
	/* On 2023-05-01 R5 has begun: provisional (as_of judges the window; the records counted are
	 * the database's, all three); on 2022-12-01 it had not begun: no figure at all. */
	assert_int_equal(status_sheet_load(f->db, f->a, 2021, "2023-05-01", &s), 0);
	assert_true(s.coming[0].actual.has_value);
	assert_true(s.coming[0].actual.provisional);
	assert_string_equal(sheet_figure_text(f->a, &s.coming[0].actual, "回"), "3回（暫定）");
	assert_int_equal(status_sheet_load(f->db, f->a, 2021, "2022-12-01", &s), 0);
	assert_false(s.coming[0].actual.has_value);
	assert_string_equal(sheet_figure_text(f->a, &s.coming[0].actual, "回"), "—");
	/* A year with nothing written: empty sections, not an error. */
	assert_int_equal(status_sheet_load(f->db, f->a, 2019, "2026-11-24", &s), 0);
	assert_int_equal(s.n_outcomes, 0);
	assert_int_equal(s.n_coming, 0);
	assert_null(s.basic);
	assert_int_equal(s.plan_from_fy, 0);
	assert_int_equal(status_sheet_load(f->db, f->a, 1999, "2026-11-24", &s), ERR_INVALID);
	assert_int_equal(status_sheet_load(f->db, f->a, 2021, "2026-02-30", &s), ERR_INVALID);
}

static void test_series(void **state)
{
	struct fixture *f = *state;
	seed_shape(f);
	struct status_sheet s;
	assert_int_equal(status_sheet_load(f->db, f->a, 2021, "2026-11-24", &s), 0);
	assert_int_equal(s.n_series, 1); /* only the computed indicator */
	const struct sheet_series *c = &s.series[0];
	assert_int_equal(c->kind, INDICATOR_COUNT);
	assert_int_equal(c->points[0].fy, 2017);              /* four years before the sheet's */
	assert_int_equal(c->points[c->n_points - 1].fy, 2023); /* to the furthest target */
	const int want[] = { 0, 0, 0, 0, 1, 1, 3 };
	for (size_t i = 0; i < c->n_points; i++) {
		assert_true(c->points[i].value.has_value);
		assert_true(fabs(c->points[i].value.value - want[i]) < 1e-9);
		assert_int_equal(c->points[i].target.has_value, c->points[i].fy == 2023);
	}
	struct sheet_row *rows;
	size_t n;
	struct sheet_series one;
	assert_int_equal(sheet_indicator_load(f->db, f->a, c->indicator_id, 2026, "2026-11-24", &rows, &n, &one), 0);
	assert_int_equal(n, 1);
	assert_int_equal(one.points[one.n_points - 1].fy, 2026);
	assert_true(one.points[one.n_points - 1].value.provisional);
}

static void test_labels(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(sheet_circled(f->a, 1), "①");
	assert_string_equal(sheet_circled(f->a, 20), "⑳");
	assert_string_equal(sheet_circled(f->a, 21), "(21)");
	assert_string_equal(sheet_fy_long(f->a, 2021), "令和3年度");
	assert_string_equal(sheet_fy_short(f->a, 2021), "R3");
	assert_string_equal(sheet_fy_span(f->a, 2007, 2008), "平成19～20年度");
	assert_string_equal(sheet_fy_span(f->a, 2009, 0), "平成21年度～");
	assert_string_equal(sheet_fy_span(f->a, 2018, 2020), "平成30年度～令和2年度");
	assert_string_equal(sheet_fy_span(f->a, 2019, 2020), "令和元～2年度");
	assert_string_equal(sheet_fy_span(f->a, 2021, 2021), "令和3年度");
	struct sheet_figure mean = { .has_value = true, .value = 325.3, .kind = INDICATOR_MEAN, .computed = true,
				     .provisional = true };
	assert_string_equal(sheet_figure_text(f->a, &mean, "日"), "325.3日（暫定）");
	struct sheet_figure rate = { .has_value = true, .value = 68.9, .kind = INDICATOR_RATE };
	assert_string_equal(sheet_figure_text(f->a, &rate, "%"), "68.9%");
	struct sheet_figure none = { 0 };
	assert_string_equal(sheet_figure_text(f->a, &none, "件"), "—");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sections, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_provisional_and_not_begun, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_series, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_labels, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
