/*
 * test_person — persons and admissions: validation and normalisation of what a form or a CSV
 * row brings (widths, hiragana, spaces, impossible dates, codes), search by kana or name prefix
 * with keyset pagination, the likely-duplicate check, and admissions that may not overlap. Data is
 * made through the domain functions in a temporary database (domain_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"
#include "error.h"

static const struct access city = { .role = ROLE_CITY, .today = FIXTURE_TODAY };

/* A valid person of 葵区 to start each case from. */
static struct person valid(void)
{
	return (struct person){ .family_name = "山田", .given_name = "太郎", .family_kana = "ヤマダ",
				.given_kana = "タロウ", .birth_date = "1950-01-02", .ward_code = AOI };
}

static void test_validate_normalises(void **state)
{
	struct fixture *f = *state;
	struct person p = valid();
	p.family_name = " 山田 ";
	p.given_name = "太郎\xe3\x80\x80"; /* an ideographic space (U+3000) after the name */
	p.family_kana = "ﾔﾏﾀﾞ";            /* half-width katakana, voiced mark apart */
	p.given_kana = " たろう";
	p.birth_date = "１９５０－０１－０２"; /* full-width digits and hyphen */
	p.sex = "";
	const char *field = NULL, *msg = NULL;
	assert_int_equal(person_save(f->db, f->a, &p, FIXTURE_TODAY, &field, &msg), 0);
	struct person got;
	assert_int_equal(person_get(f->db, f->a, &city, p.id, &got), 0);
	assert_string_equal(got.family_name, "山田");
	assert_string_equal(got.given_name, "太郎");
	assert_string_equal(got.family_kana, "ヤマダ");
	assert_string_equal(got.given_kana, "タロウ");
	assert_string_equal(got.birth_date, "1950-01-02");
	assert_string_equal(got.ward_code, AOI);
	/* Defaults for what the form left empty. */
	assert_string_equal(got.sex, "unknown");
	assert_string_equal(got.handbook_grade, "none");
	assert_string_equal(got.support_category, "none");
	assert_string_equal(got.guardian, "none");
	assert_false(got.public_assistance);
	assert_null(got.external_id);
	assert_int_equal(got.registered_by, 0);

	/* Half-width semi-voiced kana, spaces inside a reading, full-width letters in a name. */
	struct person q = valid();
	q.family_name = "ＰＡＲＫ";
	q.family_kana = "ﾊﾟｸ";
	q.given_kana = "タ ロウ";
	q.birth_date = " 1980-12-31 ";
	q.sex = "male";
	q.ward_code = "";
	assert_int_equal(person_validate(f->a, &q, FIXTURE_TODAY, &field, &msg), 0);
	assert_string_equal(q.family_name, "PARK");
	assert_string_equal(q.family_kana, "パク");
	assert_string_equal(q.given_kana, "タロウ");
	assert_string_equal(q.birth_date, "1980-12-31");
	assert_null(q.ward_code);
	/* Born today is not the future. */
	q.birth_date = FIXTURE_TODAY;
	assert_int_equal(person_validate(f->a, &q, FIXTURE_TODAY, &field, &msg), 0);
}

static void test_validate_refuses(void **state)
{
	struct fixture *f = *state;
	char long_name[160];
	long_name[0] = '\0';
	for (int i = 0; i < 40; i++)
		strcat(long_name, "山"); /* 120 bytes: over the 100 allowed */
	static const char *const bad_dates[] = {
		"2023-02-29", "1950-13-01", "1950-00-10", "1950-04-31", "1950/01/02", "1950-1-2",
		"19500102", "", "昭和25年1月2日", "2025-06-16", "2100-01-01", "1899-12-31",
	};
	struct {
		const char *field; /* expected */
		struct person p;   /* the input */
	} t[40];
	size_t n = 0;
#define BAD(name, member, value)                 \
	do {                                     \
		t[n].field = name;               \
		t[n].p = valid();                \
		t[n].p.member = value;           \
		n++;                             \
	} while (0)
	BAD("family_name", family_name, NULL);
	BAD("family_name", family_name, "");
	BAD("family_name", family_name, " \xe3\x80\x80 ");
	BAD("family_name", family_name, long_name);
	BAD("given_name", given_name, "");
	BAD("given_name", given_name, long_name);
	BAD("family_kana", family_kana, NULL);
	BAD("family_kana", family_kana, "山田");
	BAD("family_kana", family_kana, "yamada");
	BAD("given_kana", given_kana, "");
	BAD("given_kana", given_kana, "タロウ1");
	for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
		BAD("birth_date", birth_date, (char *)bad_dates[i]);
	BAD("birth_date", birth_date, NULL);
	BAD("sex", sex, "f");
	BAD("handbook_grade", handbook_grade, "4");
	BAD("support_category", support_category, "7");
	BAD("guardian", guardian, "parent");
	BAD("external_id", external_id, long_name);
	BAD("ward_code", ward_code, "221007"); /* the city, not a ward */
	BAD("ward_code", ward_code, "999999");
#undef BAD
	for (size_t i = 0; i < n; i++) {
		const char *field = NULL, *msg = NULL;
		int rc = person_save(f->db, f->a, &t[i].p, FIXTURE_TODAY, &field, &msg);
		if (rc != ERR_INVALID || !field || strcmp(field, t[i].field) != 0)
			fail_msg("case %zu: expected ERR_INVALID on %s, got %d on %s", i, t[i].field, rc,
				 field ? field : "(none)");
		assert_non_null(msg);
		assert_int_equal(t[i].p.id, 0);
	}
	/* Nothing was stored. */
	struct person_page page;
	assert_int_equal(person_search(f->db, f->a, &city, NULL, NULL, NULL, 0, 10, &page), 0);
	assert_int_equal(page.n, 0);
}

static void test_external_id_and_update(void **state)
{
	struct fixture *f = *state;
	const char *field = NULL, *msg = NULL;
	struct person a = valid(), b = valid();
	a.external_id = "S-0001";
	b.external_id = "Ｓ-0001"; /* the same id once normalised */
	b.given_name = "次郎";
	assert_int_equal(person_save(f->db, f->a, &a, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(person_save(f->db, f->a, &b, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
	assert_string_equal(field, "external_id");
	int64_t id;
	assert_int_equal(person_find_external(f->db, f->a, "S-0001", &id), 0);
	assert_int_equal(id, a.id);
	assert_int_equal(person_find_external(f->db, f->a, "S-0002", &id), ERR_NOTFOUND);

	/* An update keeps the id and replaces the fields; an unknown id is not found. */
	b.external_id = "S-0002";
	assert_int_equal(person_save(f->db, f->a, &b, FIXTURE_TODAY, &field, &msg), 0);
	struct person c = valid();
	c.id = b.id;
	c.given_kana = "じろう";
	c.given_name = "次郎";
	c.ward_code = SHIMIZU;
	assert_int_equal(person_save(f->db, f->a, &c, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(c.id, b.id);
	struct person got;
	assert_int_equal(person_get(f->db, f->a, &city, b.id, &got), 0);
	assert_string_equal(got.given_kana, "ジロウ");
	assert_string_equal(got.ward_code, SHIMIZU);
	assert_null(got.external_id);
	c.id = b.id + 100;
	assert_int_equal(person_save(f->db, f->a, &c, FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
	/* Updating to another person's external id is the same conflict. */
	c.id = b.id;
	c.external_id = "S-0001";
	assert_int_equal(person_save(f->db, f->a, &c, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
}

/* The ids of a search, in order, as a comma-separated text for a readable failure. */
static const char *search(struct fixture *f, const char *text, const char *ward)
{
	struct person_page page;
	int rc = person_search(f->db, f->a, &city, text, ward, NULL, 0, 50, &page);
	if (rc)
		return "error";
	char *out = arena_strdup(f->a, "");
	for (size_t i = 0; i < page.n; i++)
		out = arena_printf(f->a, "%s%s%s", out, i ? "," : "", page.v[i].given_name);
	return out;
}

static void test_search_by_kana_and_name(void **state)
{
	struct fixture *f = *state;
	fixture_person(f, "山田", "太郎", "ヤマダ", "タロウ", "1950-01-02", AOI, 0);
	fixture_person(f, "山田", "花子", "やまだ", "はなこ", "1952-03-04", SURUGA, 0);
	fixture_person(f, "山本", "一", "ヤマモト", "ハジメ", "1960-05-06", SURUGA, 0);
	fixture_person(f, "佐藤", "恵", "サトウ", "メグミ", "1970-07-08", SHIMIZU, 0);
	fixture_person(f, "矢間", "栄", "ヤマ", "エイ", "1980-09-10", AOI, 0);

	/* Kana in any width or script, a prefix of family then given kana. */
	assert_string_equal(search(f, "やまだ", NULL), "太郎,花子");
	assert_string_equal(search(f, "ヤマダ", NULL), "太郎,花子");
	assert_string_equal(search(f, "ﾔﾏﾀﾞ", NULL), "太郎,花子");
	assert_string_equal(search(f, "ﾔﾏ", NULL), "栄,太郎,花子,一"); /* ヤマエイ < ヤマダタロウ … */
	assert_string_equal(search(f, "やまだ　は", NULL), "花子");
	assert_string_equal(search(f, " サトウメ ", NULL), "恵");
	assert_string_equal(search(f, "ヤマダハナコサン", NULL), "");
	/* Names: a prefix of family then given name, spaces ignored, NFKC applied. */
	assert_string_equal(search(f, "山田", NULL), "太郎,花子");
	assert_string_equal(search(f, "山", NULL), "太郎,花子,一");
	assert_string_equal(search(f, "山田 花", NULL), "花子");
	assert_string_equal(search(f, "山田花子", NULL), "花子");
	assert_string_equal(search(f, "田", NULL), "");
	assert_string_equal(search(f, "%", NULL), "");
	assert_string_equal(search(f, "_", NULL), "");
	/* The ward filters, alone or with text. */
	assert_string_equal(search(f, NULL, SURUGA), "花子,一");
	assert_string_equal(search(f, "", AOI), "栄,太郎");
	assert_string_equal(search(f, "やま", SURUGA), "花子,一");
	assert_string_equal(search(f, "山田", SHIMIZU), "");
	assert_string_equal(search(f, NULL, NULL), "恵,栄,太郎,花子,一");
	/* Text that is not UTF-8 is refused, not matched. */
	struct person_page page;
	assert_int_equal(person_search(f->db, f->a, &city, "\xff\xfe", NULL, NULL, 0, 50, &page), ERR_INVALID);
}

/* Keyset pagination over 250 persons, many sharing a reading: every person once, in order. */
static void check_pages(struct fixture *f, const char *text, const char *ward, int limit, size_t total,
			bool *seen, int64_t first_id)
{
	const char *key = NULL;
	int64_t after = 0;
	size_t got = 0, pages = 0;
	char prev_key[64] = "";
	int64_t prev_id = 0;
	for (;;) {
		struct person_page page;
		assert_int_equal(person_search(f->db, f->a, &city, text, ward, key, after, limit, &page), 0);
		pages++;
		for (size_t i = 0; i < page.n; i++) {
			const struct person *p = &page.v[i];
			char k[64];
			snprintf(k, sizeof k, "%s%s", p->family_kana, p->given_kana);
			int order = strcmp(prev_key, k);
			if (got && (order > 0 || (order == 0 && prev_id >= p->id)))
				fail_msg("out of order: %s/%lld after %s/%lld", k, (long long)p->id, prev_key,
					 (long long)prev_id);
			size_t slot = (size_t)(p->id - first_id);
			assert_false(seen[slot]);
			seen[slot] = true;
			strcpy(prev_key, k);
			prev_id = p->id;
			got++;
		}
		if (!page.more) {
			assert_true(page.n <= (size_t)limit);
			break;
		}
		assert_int_equal(page.n, limit);
		key = page.last_key;
		after = page.last_id;
		assert_int_equal(after, prev_id);
		assert_true(pages < 100);
	}
	assert_int_equal(got, total);
	assert_int_equal(pages, total ? (total + (size_t)limit - 1) / (size_t)limit : 1);
}

static void test_search_pages(void **state)
{
	struct fixture *f = *state;
	static const char *const family[10] = { "ワタナベ", "アオキ", "スズキ", "イトウ", "ナカムラ",
						"カトウ", "ヨシダ", "オガワ", "マツモト", "イノウエ" };
	static const char *const given[5] = { "ユウト", "アカリ", "ケンジ", "サクラ", "ヒロシ" };
	static const char *const wards[3] = { AOI, SURUGA, SHIMIZU };
	enum { N = 250 };
	int64_t first = 0;
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < N; i++) {
		/* 50 readings, each shared by five people, inserted out of kana order. */
		char birth[16];
		snprintf(birth, sizeof birth, "19%02u-%02u-%02u", 40u + (unsigned)i % 55, 1u + (unsigned)i % 12,
			 1u + (unsigned)i % 28);
		int64_t id = fixture_person(f, "試験", "者", family[i % 10], given[(i / 10) % 5], birth,
					    wards[i % 3], 0);
		if (i == 0)
			first = id;
		assert_int_equal(id, first + i);
	}
	assert_int_equal(db_commit(f->db), 0);

	bool seen[N];
	memset(seen, 0, sizeof seen);
	/* Pages of 50: five full pages, the last saying no more follow... */
	check_pages(f, NULL, NULL, 50, N, seen, first);
	for (int i = 0; i < N; i++)
		assert_true(seen[i]);
	/* ... pages that do not divide the total ... */
	memset(seen, 0, sizeof seen);
	check_pages(f, NULL, NULL, 7, N, seen, first);
	/* ... one ward (84 of them) ... */
	memset(seen, 0, sizeof seen);
	check_pages(f, NULL, AOI, 50, 84, seen, first);
	for (int i = 0; i < N; i++)
		assert_int_equal(seen[i], i % 3 == 0);
	/* ... and a kana prefix: アオキ is every tenth person. */
	memset(seen, 0, sizeof seen);
	check_pages(f, "あおき", NULL, 10, 25, seen, first);
	for (int i = 0; i < N; i++)
		assert_int_equal(seen[i], i % 10 == 1);
}

static void test_likely_duplicate(void **state)
{
	struct fixture *f = *state;
	int64_t id = fixture_person(f, "山田", "太郎", "ヤマダ", "タロウ", "1950-01-02", AOI, 0);
	const char *field = NULL, *msg = NULL;
	struct person p = valid();
	p.family_name = "山多";
	p.family_kana = "やまだ";
	p.given_kana = "ﾀﾛｳ";
	assert_int_equal(person_validate(f->a, &p, FIXTURE_TODAY, &field, &msg), 0);
	assert_true(person_likely_duplicate(f->db, f->a, &p));
	p.birth_date = "1950-01-03";
	assert_false(person_likely_duplicate(f->db, f->a, &p));
	/* The person themselves is no duplicate of themselves. */
	struct person self;
	assert_int_equal(person_get(f->db, f->a, &city, id, &self), 0);
	assert_false(person_likely_duplicate(f->db, f->a, &self));
}

static int add(struct fixture *f, int64_t person, int64_t hospital, const char *from, const char *to,
	       const char *destination, const char **field)
{
	struct admission ad = { .person_id = person, .hospital_id = hospital, .admitted_on = (char *)from,
				.admission_type = "voluntary", .discharged_on = (char *)to,
				.discharge_destination = (char *)destination };
	const char *msg = NULL;
	*field = NULL;
	return admission_add(f->db, f->a, &ad, FIXTURE_TODAY, field, &msg);
}

static void test_admissions(void **state)
{
	struct fixture *f = *state;
	int64_t p = fixture_person(f, "入院", "一", "ニュウイン", "ハジメ", "1955-05-05", AOI, 0);
	const char *field;
	/* Validation of one stay. */
	assert_int_equal(add(f, p, f->clinic, "2010-01-01", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "hospital_id");
	assert_int_equal(add(f, p, f->group_home, "2010-01-01", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "hospital_id");
	assert_int_equal(add(f, p, 9999, "2010-01-01", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "hospital_id");
	assert_int_equal(add(f, p, f->hospital, "2010-02-30", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "admitted_on");
	assert_int_equal(add(f, p, f->hospital, "2025-06-16", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "admitted_on");
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", "2009-12-31", "home", &field), ERR_INVALID);
	assert_string_equal(field, "discharged_on");
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", "2025-06-16", "home", &field), ERR_INVALID);
	assert_string_equal(field, "discharged_on");
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", "2011-01-01", NULL, &field), ERR_INVALID);
	assert_string_equal(field, "discharge_destination");
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", NULL, "home", &field), ERR_INVALID);
	assert_string_equal(field, "discharge_destination");
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", "2011-01-01", "moon", &field), ERR_INVALID);
	assert_string_equal(field, "discharge_destination");
	struct admission bad = { .person_id = p, .hospital_id = f->hospital, .admitted_on = "2010-01-01",
				 .admission_type = "forever" };
	const char *msg;
	assert_int_equal(admission_add(f->db, f->a, &bad, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "admission_type");

	/* 2010-01-01 to 2012-01-01: stays that overlap it are refused, one that starts on the day
	 * of discharge is not. */
	assert_int_equal(add(f, p, f->hospital, "2010-01-01", "2012-01-01", "home", &field), 0);
	static const char *const clash[][2] = {
		{ "2011-06-01", "2013-01-01" }, { "2009-01-01", "2010-01-02" }, { "2009-01-01", "2013-01-01" },
		{ "2010-06-01", "2010-07-01" }, { "2010-01-01", "2012-01-01" }, { "2011-12-31", NULL },
		{ "2005-01-01", NULL },
	};
	for (size_t i = 0; i < sizeof clash / sizeof clash[0]; i++) {
		assert_int_equal(add(f, p, f->hospital2, clash[i][0], clash[i][1], clash[i][1] ? "home" : NULL,
				     &field), ERR_INVALID);
		assert_string_equal(field, "admitted_on");
	}
	assert_int_equal(add(f, p, f->hospital2, "2012-01-01", "2013-03-01", "group_home", &field), 0);
	assert_int_equal(add(f, p, f->hospital, "2009-01-01", "2010-01-01", "home", &field), 0);

	/* An open admission from 2020: anything reaching into it is refused, a second open one too. */
	assert_int_equal(add(f, p, f->hospital, "2020-04-01", NULL, NULL, &field), 0);
	assert_int_equal(add(f, p, f->hospital2, "2019-01-01", "2020-04-02", "home", &field), ERR_INVALID);
	assert_int_equal(add(f, p, f->hospital2, "2024-01-01", "2024-02-01", "home", &field), ERR_INVALID);
	assert_int_equal(add(f, p, f->hospital2, "2025-01-01", NULL, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "admitted_on");
	assert_int_equal(add(f, p, f->hospital2, "2019-01-01", "2020-04-01", "home", &field), 0);

	/* Newest first. */
	struct admission *v;
	size_t n;
	assert_int_equal(admission_list(f->db, f->a, p, &v, &n), 0);
	assert_int_equal(n, 5);
	static const char *const order[] = { "2020-04-01", "2019-01-01", "2012-01-01", "2010-01-01",
					     "2009-01-01" };
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].admitted_on, order[i]);
	assert_null(v[0].discharged_on);
	assert_string_equal(v[0].hospital_name, "病院H");

	/* Discharging the open one: not before it began, not in the future, once. */
	assert_int_equal(admission_discharge(f->db, f->a, v[0].id, "2020-03-31", "home", FIXTURE_TODAY, &field,
					     &msg), ERR_INVALID);
	assert_string_equal(field, "discharged_on");
	assert_int_equal(admission_discharge(f->db, f->a, v[0].id, "2025-06-16", "home", FIXTURE_TODAY, &field,
					     &msg), ERR_INVALID);
	assert_int_equal(admission_discharge(f->db, f->a, v[0].id, "2024-05-01", NULL, FIXTURE_TODAY, &field,
					     &msg), ERR_INVALID);
	assert_string_equal(field, "discharge_destination");
	assert_int_equal(admission_discharge(f->db, f->a, v[0].id, "2024-05-01", "rental", FIXTURE_TODAY, &field,
					     &msg), 0);
	assert_int_equal(admission_discharge(f->db, f->a, v[0].id, "2024-05-02", "rental", FIXTURE_TODAY, &field,
					     &msg), ERR_INVALID);
	struct admission got;
	assert_int_equal(admission_get(f->db, f->a, v[0].id, &got), 0);
	assert_string_equal(got.discharged_on, "2024-05-01");
	assert_string_equal(got.discharge_destination, "rental");
	assert_int_equal(admission_get(f->db, f->a, v[0].id + 100, &got), ERR_NOTFOUND);
	/* Now a readmission on the day of discharge fits. */
	assert_int_equal(add(f, p, f->hospital, "2024-05-01", NULL, NULL, &field), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_validate_normalises),
		T(test_validate_refuses),
		T(test_external_id_and_update),
		T(test_search_by_kana_and_name),
		T(test_search_pages),
		T(test_likely_duplicate),
		T(test_admissions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
