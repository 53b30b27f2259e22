/*
 * test_programme — the programme history and the plan (domain/programme.c): the seed's short
 * fiscal-year labels (H19, R1, R3, the era change), the prefecture of a municipality code, programmes listed by their years with the
 * continuing ones last, every refusal of programme_save (names, implementer, years out of range,
 * an end before the start, renamed-from pointing at itself, at a later or missing programme, a
 * first year moved past a programme renamed from it, duplicates), texts normalised; the plan's
 * strengths replaced in place, challenges by position with their conflicts and bounds, a
 * challenge's year kept on update, and the years that have a plan. Each test starts from the
 * fixture's fresh database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"
#include "domain/programme.h"
#include "error.h"

struct refusal {
	const char *field; /* the last refusal's field */
	const char *msg;   /* and its message */
};

static int64_t add(struct fixture *f, const char *name, const char *implementer, int from, int to, int64_t renamed)
{
	struct programme p = { .name = (char *)name, .implementer = (char *)implementer, .from_fy = from, .to_fy = to,
			       .renamed_from = renamed };
	const char *field = NULL, *msg = NULL;
	int rc = programme_save(f->db, f->a, &p, &field, &msg);
	if (rc)
		fail_msg("programme_save %s: %s %s", name, field ? field : "?", msg ? msg : "?");
	return p.id;
}

/* programme_save on p, expecting rc and, for a refusal, the field at fault. */
static void refused(struct fixture *f, struct programme p, int rc, const char *field)
{
	struct refusal r = { 0 };
	assert_int_equal(programme_save(f->db, f->a, &p, &r.field, &r.msg), rc);
	if (field) {
		assert_non_null(r.field);
		assert_string_equal(r.field, field);
		assert_non_null(r.msg);
	}
}

static void test_fy_short(void **state)
{
	struct fixture *f = *state;
	static const struct {
		int fy;
		const char *want;
	} cases[] = {
		{ 2007, "H19" }, { 2008, "H20" }, { 2009, "H21" }, { 2015, "H27" }, { 2016, "H28" },
		/* FY2018 ended on 2019-03-31, still Heisei; FY2019 is 令和元年度 although it began in
		 * Heisei 31 (April 2019), as the government named it. */
		{ 2018, "H30" }, { 2019, "R1" }, { 2021, "R3" }, { 2023, "R5" },
		/* FY1988 ended in Heisei 1 (1989-03-31), which began only in 1989: still 昭和63年度. */
		{ 1988, "S63" }, { 1989, "H1" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = programme_fy_short(f->a, cases[i].fy);
		assert_non_null(s);
		assert_string_equal(s, cases[i].want);
	}
}

static void test_prefecture(void **state)
{
	(void)state;
	assert_string_equal(programme_prefecture("221007"), "静岡県");
	assert_string_equal(programme_prefecture("011002"), "北海道");
	assert_string_equal(programme_prefecture("131016"), "東京都");
	assert_string_equal(programme_prefecture("271004"), "大阪府");
	assert_string_equal(programme_prefecture("472018"), "沖縄県");
	assert_null(programme_prefecture("481234"));
	assert_null(programme_prefecture("001234"));
	assert_null(programme_prefecture("2"));
	assert_null(programme_prefecture(""));
	assert_null(programme_prefecture(NULL));
}

static void test_list_order(void **state)
{
	struct fixture *f = *state;
	/* Added out of order: the list is by first year, then last (continuing last), then id. */
	int64_t wg = add(f, "障害者自立支援協議会地域移行支援部会", "city", 2016, 0, 0);
	int64_t stay = add(f, "精神障害者地域生活体験支援事業", "city", 2009, 0, 0);
	int64_t promo = add(f, "精神障害者退院促進事業", "prefecture", 2007, 2008, 0);
	int64_t cm = add(f, "精神障害者ケースマネジメントモデル事業", "city", 2007, 2008, 0);
	int64_t transition = add(f, "精神障害者地域移行支援事業", "prefecture", 2009, 2011, promo);
	struct programme *v;
	size_t n;
	assert_int_equal(programme_list(f->db, f->a, &v, &n), 0);
	assert_int_equal(n, 5);
	const int64_t want[] = { promo, cm, transition, stay, wg };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].id, want[i]);
	assert_int_equal(v[2].renamed_from, promo);
	assert_int_equal(v[2].to_fy, 2011);
	assert_int_equal(v[3].to_fy, 0);
	assert_string_equal(v[0].implementer, "prefecture");
	assert_null(v[0].commissioned_to);
	assert_null(v[0].description);
}

static void test_texts_normalised(void **state)
{
	struct fixture *f = *state;
	struct programme p = { .name = "  退院支援体制確保事業　", .implementer = "city", .from_fy = 2015,
			       .commissioned_to = "", .description = "各区１名（月１回）" };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(programme_save(f->db, f->a, &p, &field, &msg), 0);
	struct programme got;
	assert_int_equal(programme_get(f->db, f->a, p.id, &got), 0);
	assert_string_equal(got.name, "退院支援体制確保事業");
	assert_null(got.commissioned_to); /* empty is none */
	assert_string_equal(got.description, "各区1名(月1回)");
	assert_string_equal(p.description, got.description);
	assert_int_equal(programme_get(f->db, f->a, p.id + 100, &got), ERR_NOTFOUND);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	int64_t promo = add(f, "精神障害者退院促進事業", "prefecture", 2007, 2008, 0);
	struct programme ok = { .name = "新しい事業", .implementer = "city", .from_fy = 2010, .to_fy = 2012 };
	struct programme p;

	p = ok, p.name = "   ";
	refused(f, p, ERR_INVALID, "name");
	p = ok, p.name = NULL;
	refused(f, p, ERR_INVALID, "name");
	char long_name[PROGRAMME_NAME_MAX + 2];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = 0;
	p = ok, p.name = long_name;
	refused(f, p, ERR_INVALID, "name");
	p = ok, p.implementer = "ward";
	refused(f, p, ERR_INVALID, "implementer");
	p = ok, p.implementer = NULL;
	refused(f, p, ERR_INVALID, "implementer");
	p = ok, p.commissioned_to = long_name;
	refused(f, p, ERR_INVALID, "commissioned_to");
	p = ok, p.from_fy = 1988;
	refused(f, p, ERR_INVALID, "from_fy");
	p = ok, p.from_fy = 0;
	refused(f, p, ERR_INVALID, "from_fy");
	p = ok, p.to_fy = 2101;
	refused(f, p, ERR_INVALID, "to_fy");
	p = ok, p.to_fy = -1;
	refused(f, p, ERR_INVALID, "to_fy");
	/* from ≤ to: the same year is a one-year programme, one year back is refused. */
	p = ok, p.to_fy = 2009;
	refused(f, p, ERR_INVALID, "to_fy");
	/* Renamed from a programme that started in the same year or later, or from none. */
	p = ok, p.from_fy = 2007, p.to_fy = 0, p.renamed_from = promo;
	refused(f, p, ERR_INVALID, "renamed_from");
	p = ok, p.renamed_from = promo + 1000;
	refused(f, p, ERR_INVALID, "renamed_from");
	/* The same name starting in the same year again. */
	p = ok, p.name = "精神障害者退院促進事業", p.from_fy = 2007, p.to_fy = 2008;
	refused(f, p, ERR_CONFLICT, "name");

	struct programme *v;
	size_t n;
	assert_int_equal(programme_list(f->db, f->a, &v, &n), 0);
	assert_int_equal(n, 1); /* nothing refused was stored */

	p = ok, p.to_fy = 2010;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(programme_save(f->db, f->a, &p, &field, &msg), 0);
	/* The same name may start again in another year. */
	p = ok, p.name = "精神障害者退院促進事業", p.from_fy = 2012, p.to_fy = 0;
	assert_int_equal(programme_save(f->db, f->a, &p, &field, &msg), 0);
}

static void test_rename_links_on_update(void **state)
{
	struct fixture *f = *state;
	int64_t promo = add(f, "精神障害者退院促進事業", "prefecture", 2007, 2008, 0);
	int64_t transition = add(f, "精神障害者地域移行支援事業", "prefecture", 2009, 2011, promo);
	struct programme p;
	assert_int_equal(programme_get(f->db, f->a, promo, &p), 0);

	/* Renamed from itself. */
	p.renamed_from = promo;
	refused(f, p, ERR_INVALID, "renamed_from");
	/* Its first year moved to or past the one renamed from it: the link would point forward. */
	p.renamed_from = 0;
	p.from_fy = 2009, p.to_fy = 2009;
	refused(f, p, ERR_INVALID, "from_fy");
	/* A loop through an update: the old one renamed from the new one. */
	p.from_fy = 2007, p.to_fy = 2008, p.renamed_from = transition;
	refused(f, p, ERR_INVALID, "renamed_from");

	/* A fair edit: the span and the commissioned-to text. */
	p.renamed_from = 0;
	p.from_fy = 2006;
	p.commissioned_to = "各圏域の相談支援事業所に委託";
	const char *field = NULL, *msg = NULL;
	assert_int_equal(programme_save(f->db, f->a, &p, &field, &msg), 0);
	struct programme got;
	assert_int_equal(programme_get(f->db, f->a, promo, &got), 0);
	assert_int_equal(got.from_fy, 2006);
	assert_string_equal(got.commissioned_to, "各圏域の相談支援事業所に委託");

	/* An id that is not stored is not found, and nothing is inserted. */
	p.id = promo + 1000;
	p.name = "幽霊";
	refused(f, p, ERR_NOTFOUND, NULL);
	struct programme *v;
	size_t n;
	assert_int_equal(programme_list(f->db, f->a, &v, &n), 0);
	assert_int_equal(n, 2);
}

static void test_strength(void **state)
{
	struct fixture *f = *state;
	char *body = (char *)"x";
	assert_int_equal(plan_strength_get(f->db, f->a, 2021, &body), 0);
	assert_null(body);
	const char *field = NULL, *msg = NULL;
	assert_int_equal(plan_strength_save(f->db, f->a, 2021, "官民協働で協議することができている。", &field, &msg), 0);
	assert_int_equal(plan_strength_save(f->db, f->a, 2021, "書き直した強み", &field, &msg), 0);
	assert_int_equal(plan_strength_get(f->db, f->a, 2021, &body), 0);
	assert_string_equal(body, "書き直した強み");
	assert_int_equal(plan_strength_save(f->db, f->a, 2021, " 　", &field, &msg), ERR_INVALID);
	assert_string_equal(field, "body");
	assert_int_equal(plan_strength_save(f->db, f->a, 1988, "x", &field, &msg), ERR_INVALID);
	assert_string_equal(field, "fy");
	assert_int_equal(plan_strength_get(f->db, f->a, 2021, &body), 0);
	assert_string_equal(body, "書き直した強み");
}

static int64_t challenge(struct fixture *f, int fy, int position, const char *title, int rc, const char *field)
{
	struct plan_challenge c = { .fy = fy, .position = position, .title = (char *)title, .policy = "方針",
				    .role_government = "行政の役割", .role_medical = "" };
	struct refusal r = { 0 };
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &r.field, &r.msg), rc);
	if (field)
		assert_string_equal(r.field, field);
	return c.id;
}

static void test_challenges(void **state)
{
	struct fixture *f = *state;
	int64_t second = challenge(f, 2021, 2, "8050問題や障がい者の高齢化等", 0, NULL);
	int64_t first = challenge(f, 2021, 1, "多様な居住の場の確保の推進に関すること。", 0, NULL);
	challenge(f, 2021, 1, "同じ位置", ERR_CONFLICT, "position");
	challenge(f, 2021, 0, "位置なし", ERR_INVALID, "position");
	challenge(f, 2021, 100, "位置が大きすぎる", ERR_INVALID, "position");
	challenge(f, 2021, 3, "", ERR_INVALID, "title");
	challenge(f, 2200, 1, "年度外", ERR_INVALID, "fy");
	int64_t next_year = challenge(f, 2022, 1, "翌年度の課題", 0, NULL);

	struct plan_challenge *v;
	size_t n;
	assert_int_equal(plan_challenges(f->db, f->a, 2021, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, first);
	assert_int_equal(v[1].id, second);
	assert_string_equal(v[0].role_government, "行政の役割");
	assert_null(v[0].role_medical); /* blank is none, as the seed leaves 医療 */
	assert_null(v[0].role_welfare);

	/* A policy is required; a role may not pass its limit. */
	struct plan_challenge c = v[0];
	const char *field = NULL, *msg = NULL;
	c.policy = "";
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "policy");
	char big[PLAN_TEXT_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	c = v[0];
	c.role_other = big;
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "role_other");

	/* An update keeps the year it has, whatever c.fy says; swapping into a taken position is a
	 * conflict. */
	c = v[1];
	c.fy = 2022;
	c.title = "8050問題（改）";
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &field, &msg), 0);
	assert_int_equal(c.fy, 2021);
	struct plan_challenge got;
	assert_int_equal(plan_challenge_get(f->db, f->a, second, &got), 0);
	assert_int_equal(got.fy, 2021);
	assert_string_equal(got.title, "8050問題(改)");
	c.position = 1;
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &field, &msg), ERR_CONFLICT);
	c.id = next_year + 100;
	assert_int_equal(plan_challenge_save(f->db, f->a, &c, &field, &msg), ERR_NOTFOUND);

	assert_int_equal(plan_strength_save(f->db, f->a, 2019, "強み", &field, &msg), 0);
	int *years;
	assert_int_equal(plan_years(f->db, f->a, &years, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(years[0], 2022);
	assert_int_equal(years[1], 2021);
	assert_int_equal(years[2], 2019);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fy_short, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_prefecture),
		cmocka_unit_test_setup_teardown(test_list_order, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_texts_normalised, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rename_links_on_update, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_strength, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_challenges, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
