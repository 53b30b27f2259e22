/*
 * test_indicator_set — the city's own indicators (domain/indicator_set.c): defining computed and
 * entered ones, the year rows with their targets, and the rule the sheet stands on — a computed
 * indicator's baseline and actual are never stored by hand, nor can an indicator with entered
 * figures turn into a computed one. Also the sheet's texts and their carrying forward.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/indicator_set.h"
#include "error.h"

#include <math.h>

static int64_t define(struct fixture *f, int position, const char *name, const char *computation, const char *ward,
		      const char *unit)
{
	struct city_indicator ci = { .position = position, .name = (char *)name, .computation = (char *)computation,
				     .ward_code = (char *)ward, .unit = (char *)unit, .active = true };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(indicator_set_save(f->db, f->a, &ci, &field, &msg), 0);
	assert_true(ci.id > 0);
	return ci.id;
}

static int save_year(struct fixture *f, const struct indicator_year *y, const char **field)
{
	const char *msg = NULL;
	*field = NULL;
	return indicator_year_save(f->db, f->a, y, f->user, field, &msg);
}

static void test_define(void **state)
{
	struct fixture *f = *state;
	int64_t a = define(f, 1, "宅建との制度を活用したケースの積み上げ", "housing_scheme_cases", NULL, "件");
	int64_t b = define(f, 2, "高齢分野との研修会（駿河区）", "elderly_field_trainings", SURUGA, "回");
	define(f, 1, "支援体制の確認できる仕組み", NULL, NULL, NULL);
	struct city_indicator *set;
	size_t n;
	assert_int_equal(indicator_set_list(f->db, f->a, &set, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(set[0].id, a); /* by position, then id */
	assert_string_equal(set[2].ward_code, SURUGA);
	assert_int_equal(set[2].id, b);
	assert_null(set[1].computation);
	assert_string_equal(set[1].unit, "");

	const char *field = NULL, *msg = NULL;
	struct city_indicator bad = { .position = 1, .name = "x", .computation = "no_such_code", .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "computation");
	bad = (struct city_indicator){ .position = 1, .name = "x", .ward_code = SURUGA, .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "ward_code"); /* a ward only for a computed one */
	bad = (struct city_indicator){ .position = 1, .name = "x", .computation = "forum_meetings", .ward_code = "999999",
				       .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "ward_code");
	bad = (struct city_indicator){ .position = 100, .name = "x", .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "position");
	bad = (struct city_indicator){ .position = 3, .name = "  ", .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "name");
	bad = (struct city_indicator){ .position = 3, .name = "宅建との制度を活用したケースの積み上げ", .active = true };
	assert_int_equal(indicator_set_save(f->db, f->a, &bad, &field, &msg), ERR_CONFLICT);
}

static void test_computed_never_entered(void **state)
{
	struct fixture *f = *state;
	int64_t computed = define(f, 1, "ケース", "housing_scheme_cases", NULL, "件");
	int64_t entered = define(f, 2, "仕組み", NULL, NULL, NULL);
	const char *field;
	struct indicator_year y = { .indicator_id = computed, .fy = 2022, .target_fy = 2023, .target = { true, 6 },
				    .expected_text = "制度を利用して退院し、退院後も継続した地域生活が送れる。" };
	assert_int_equal(save_year(f, &y, &field), 0);
	y.baseline = (struct opt_num){ true, 3 };
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	assert_string_equal(field, "baseline");
	y.baseline = (struct opt_num){ 0 };
	y.actual_text = "未定";
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	assert_string_equal(field, "actual");

	/* An entered one keeps numbers or words. */
	struct indicator_year e = { .indicator_id = entered, .fy = 2021, .target_fy = 2021,
				    .target_text = "宅建協会員への研修会の開催・運用開始",
				    .actual_text = "コロナの影響で研修会・運用開始は未定", .baseline = { true, 0 } };
	assert_int_equal(save_year(f, &e, &field), 0);
	/* …and then cannot become a computed indicator. */
	struct city_indicator ci;
	assert_int_equal(indicator_set_get(f->db, f->a, entered, &ci), 0);
	ci.computation = "housing_scheme_cases";
	const char *msg = NULL;
	assert_int_equal(indicator_set_save(f->db, f->a, &ci, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "computation");

	struct indicator_year *years;
	size_t n;
	assert_int_equal(indicator_years(f->db, f->a, entered, &years, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(years[0].actual_text, "コロナの影響で研修会・運用開始は未定");
	assert_true(years[0].baseline.has);
	assert_false(years[0].target.has);
	assert_true(fabs(years[0].baseline.v) < 1e-9);
}

static void test_year_rules(void **state)
{
	struct fixture *f = *state;
	int64_t id = define(f, 1, "平均生活日数", "community_days_1y", NULL, "日");
	const char *field;
	struct indicator_year y = { .indicator_id = id, .fy = 2024, .target_fy = 2026, .target = { true, 325.3 },
				    .national_target = { true, 325.3 }, .national_note = "第7期" };
	assert_int_equal(save_year(f, &y, &field), 0);
	y.target_fy = 2023; /* before the year it was set in */
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	assert_string_equal(field, "target_fy");
	y.target_fy = 2035; /* more than ten years on */
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	y.target_fy = 2026;
	y.target = (struct opt_num){ 0 }; /* a target is required, in numbers or words */
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	assert_string_equal(field, "target");
	y.target = (struct opt_num){ true, INFINITY };
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	y.target = (struct opt_num){ true, 330 };
	y.fy = 1999;
	assert_int_equal(save_year(f, &y, &field), ERR_INVALID);
	assert_string_equal(field, "fy");
	y.fy = 2024;
	assert_int_equal(save_year(f, &y, &field), 0); /* replaces the row of 2024 */
	struct indicator_year *years;
	size_t n;
	assert_int_equal(indicator_years(f->db, f->a, id, &years, &n), 0);
	assert_int_equal(n, 1);
	assert_true(fabs(years[0].target.v - 330) < 1e-9);
	assert_true(fabs(years[0].national_target.v - 325.3) < 1e-9);
	y.indicator_id = id + 100;
	assert_int_equal(save_year(f, &y, &field), ERR_NOTFOUND);
}

static void test_sheet_texts(void **state)
{
	struct fixture *f = *state;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(sheet_text_save(f->db, f->a, 2021, "basic", "・静岡市はH17.4に14番目の政令指定都市となりました。",
					 f->user, &field, &msg), 0);
	char *body;
	int from;
	assert_int_equal(sheet_text_get(f->db, f->a, 2023, "basic", &body, &from), 0);
	assert_int_equal(from, 2021); /* carried forward until rewritten */
	assert_non_null(strstr(body, "政令指定都市"));
	assert_int_equal(sheet_text_get(f->db, f->a, 2020, "basic", &body, &from), 0);
	assert_null(body);
	assert_int_equal(from, 0);
	assert_int_equal(sheet_text_save(f->db, f->a, 2021, "footnote", "x", f->user, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "section");
	assert_int_equal(sheet_text_save(f->db, f->a, 2021, "basic", "", f->user, &field, &msg), 0); /* deletes */
	assert_int_equal(sheet_text_get(f->db, f->a, 2021, "basic", &body, &from), 0);
	assert_null(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_define, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_computed_never_entered, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_year_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sheet_texts, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
