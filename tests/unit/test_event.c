/*
 * test_event — trainings, exchange meetings and awareness events (domain/event.c): validation
 * (kind, title, day, times, ward, held not in the future, a reason exactly when postponed or
 * cancelled — refused before the schema's CHECK, nothing stored), the count of events held in a
 * fiscal year with its boundaries (03-31 and 04-01) and per ward, postponed and cancelled never
 * counted; participants by sector with their totals and limits; and an agent training's firms,
 * which write each firm's agent_training row linked to the event, so the firm's own record shows
 * it. A fresh database for each test (domain_fixture.h), "today" fixed at FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/agent.h"
#include "domain/event.h"
#include "error.h"

/* An event that passes every rule: a planned training with the elderly field in Suruga. */
static struct event good(void)
{
	return (struct event){ .kind = "elderly_field_training", .title = "高齢分野との研修会", .held_on = "2025-07-10",
			       .starts_at = "13:30", .ends_at = "16:00", .place = "駿河区役所", .ward_code = SURUGA,
			       .co_host = "駿河区地域包括支援センター連絡会", .status = "planned" };
}

static int create(struct fixture *f, struct event *e, const char **field)
{
	const char *fld = NULL, *msg = NULL;
	int rc = event_add(f->db, f->a, "221007", e, f->user, FIXTURE_TODAY, &fld, &msg);
	if (field)
		*field = fld;
	if (!rc)
		assert_null(msg);
	else
		assert_non_null(msg);
	return rc;
}

/* Stores an event of kind with status on day in ward (NULL: city-wide); returns its id. */
static int64_t event(struct fixture *f, const char *kind, const char *status, const char *on, const char *ward)
{
	struct event e = good();
	e.kind = (char *)kind;
	e.status = (char *)status;
	e.held_on = (char *)on;
	e.ward_code = (char *)ward;
	if (strcmp(status, "postponed") == 0 || strcmp(status, "cancelled") == 0)
		e.status_reason = "新型コロナウイルス感染症の影響で延期";
	const char *field = NULL;
	int rc = create(f, &e, &field);
	if (rc)
		fail_msg("event_add: %d %s", rc, field ? field : "?");
	return e.id;
}

static int events_stored(struct fixture *f)
{
	int n = 0;
	for (int fy = 2019; fy <= 2026; fy++) {
		struct event *v;
		size_t k;
		assert_int_equal(event_list(f->db, f->a, fy, NULL, &v, &k), 0);
		n += (int)k;
	}
	return n;
}

static int count(struct fixture *f, const char *kind, int fy, const char *ward)
{
	int n = -1;
	assert_int_equal(event_count_held(f->db, kind, fy, ward, &n), 0);
	return n;
}

/* ---- events ---- */

static void test_create_and_read(void **state)
{
	struct fixture *f = *state;
	struct event e = good();
	e.title = " ｺｳﾚｲ分野との研修会 ";
	e.status_reason = "理由"; /* dropped: a planned event has no reason */
	e.lecturers = "地域移行支援部会ワーキンググループメンバー";
	e.outcome = "";
	assert_int_equal(create(f, &e, NULL), 0);
	assert_true(e.id > 0);
	struct event g;
	assert_int_equal(event_get(f->db, f->a, e.id, &g), 0);
	assert_string_equal(g.title, "コウレイ分野との研修会"); /* NFKC, trimmed */
	assert_string_equal(g.kind, "elderly_field_training");
	assert_string_equal(g.held_on, "2025-07-10");
	assert_string_equal(g.starts_at, "13:30");
	assert_string_equal(g.ends_at, "16:00");
	assert_string_equal(g.ward_code, SURUGA);
	assert_string_equal(g.status, "planned");
	assert_null(g.status_reason);
	assert_null(g.outcome); /* empty is none */
	assert_string_equal(g.lecturers, "地域移行支援部会ワーキンググループメンバー");
	assert_int_equal(g.participants, 0);
	assert_int_equal(g.firms, 0);
	assert_int_equal(event_get(f->db, f->a, e.id + 100, &g), ERR_NOTFOUND);

	/* Listed in its fiscal year (FY2025: 2025-04-01 … 2026-03-31) and kind only. */
	struct event *v;
	size_t n;
	assert_int_equal(event_list(f->db, f->a, 2025, NULL, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(event_list(f->db, f->a, 2025, "elderly_field_training", &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(event_list(f->db, f->a, 2025, "peer_exchange", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(event_list(f->db, f->a, 2024, NULL, &v, &n), 0);
	assert_int_equal(n, 0);
}

static void test_validation(void **state)
{
	struct fixture *f = *state;
	const char *field = NULL;
	struct {
		const char *what;  /* the field changed */
		const char *value; /* to this */
		const char *field; /* the refusal names */
	} bad[] = {
		{ "kind", "party", "kind" },
		{ "kind", NULL, "kind" },
		{ "title", "  ", "title" },
		{ "held_on", "2025-02-30", "held_on" },
		{ "held_on", "7/10", "held_on" },
		{ "starts_at", "25:00", "starts_at" },
		{ "starts_at", "9:30", "starts_at" },
		{ "ends_at", "13:30", "ends_at" }, /* not after the start */
		{ "ends_at", "12:00", "ends_at" },
		{ "ward_code", "999999", "ward_code" },
		{ "status", "done", "status" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct event e = good();
		char **slot = strcmp(bad[i].what, "kind") == 0 ? &e.kind
			    : strcmp(bad[i].what, "title") == 0 ? &e.title
			    : strcmp(bad[i].what, "held_on") == 0 ? &e.held_on
			    : strcmp(bad[i].what, "starts_at") == 0 ? &e.starts_at
			    : strcmp(bad[i].what, "ends_at") == 0 ? &e.ends_at
			    : strcmp(bad[i].what, "ward_code") == 0 ? &e.ward_code : &e.status;
		*slot = (char *)bad[i].value;
		assert_int_equal(create(f, &e, &field), ERR_INVALID);
		assert_string_equal(field, bad[i].field);
	}
	/* Held in the future: refused; held today: fine. */
	struct event e = good();
	e.status = "held";
	assert_int_equal(create(f, &e, &field), ERR_INVALID);
	assert_string_equal(field, "status");
	/* Postponed or cancelled without a reason: refused before the schema's CHECK. */
	e = good();
	e.status = "postponed";
	assert_int_equal(create(f, &e, &field), ERR_INVALID);
	assert_string_equal(field, "status_reason");
	e.status = "cancelled";
	e.status_reason = "　"; /* an ideographic space is no reason */
	assert_int_equal(create(f, &e, &field), ERR_INVALID);
	assert_string_equal(field, "status_reason");
	assert_int_equal(events_stored(f), 0);

	e = good();
	e.status = "held";
	e.held_on = FIXTURE_TODAY;
	e.ward_code = ""; /* city-wide */
	e.starts_at = e.ends_at = "";
	assert_int_equal(create(f, &e, &field), 0);
	struct event g;
	assert_int_equal(event_get(f->db, f->a, e.id, &g), 0);
	assert_null(g.ward_code);
	assert_null(g.starts_at);
	e = good();
	e.status = "postponed";
	e.status_reason = "新型コロナウイルス感染症の影響で延期";
	assert_int_equal(create(f, &e, &field), 0);
	assert_int_equal(event_get(f->db, f->a, e.id, &g), 0);
	assert_string_equal(g.status_reason, "新型コロナウイルス感染症の影響で延期");
	assert_int_equal(events_stored(f), 2);
}

static void test_save_status(void **state)
{
	struct fixture *f = *state;
	int64_t id = event(f, "peer_training_basic", "planned", "2025-06-01", NULL);
	struct event e;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(event_get(f->db, f->a, id, &e), 0);
	e.status = "postponed";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "status_reason");
	struct event g;
	assert_int_equal(event_get(f->db, f->a, id, &g), 0);
	assert_string_equal(g.status, "planned"); /* nothing stored */
	e.status_reason = "会場の都合";
	e.co_host = "静岡県";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(event_get(f->db, f->a, id, &g), 0);
	assert_string_equal(g.status, "postponed");
	assert_string_equal(g.status_reason, "会場の都合");
	assert_string_equal(g.co_host, "静岡県");
	/* Held later: the reason goes. */
	g.status = "held";
	assert_int_equal(event_save(f->db, f->a, &g, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(event_get(f->db, f->a, id, &g), 0);
	assert_null(g.status_reason);
	g.held_on = "2025-06-16"; /* tomorrow: not held yet */
	assert_int_equal(event_save(f->db, f->a, &g, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "status");
	g.id = id + 100;
	g.held_on = "2025-06-01";
	assert_int_equal(event_save(f->db, f->a, &g, FIXTURE_TODAY, &field, &msg), ERR_NOTFOUND);
}

/* ---- counting for the indicators ---- */

static void test_count_fiscal_year(void **state)
{
	struct fixture *f = *state;
	const char *k = "peer_exchange";
	event(f, k, "held", "2021-03-31", NULL); /* FY2020's last day */
	event(f, k, "held", "2021-04-01", NULL); /* FY2021's first */
	event(f, k, "held", "2021-10-15", SURUGA);
	event(f, k, "held", "2022-03-31", AOI);  /* FY2021's last */
	event(f, k, "held", "2022-04-01", NULL); /* FY2022's first */
	event(f, k, "postponed", "2021-08-01", NULL);
	event(f, k, "cancelled", "2021-09-01", NULL);
	event(f, k, "planned", "2021-12-01", NULL);
	event(f, "peer_training_basic", "held", "2021-06-01", NULL);
	assert_int_equal(count(f, k, 2020, NULL), 1);
	assert_int_equal(count(f, k, 2021, NULL), 3);
	assert_int_equal(count(f, k, 2022, NULL), 1);
	assert_int_equal(count(f, k, 2023, NULL), 0);
	/* Per ward: a city-wide event counts in the total only. */
	assert_int_equal(count(f, k, 2021, SURUGA), 1);
	assert_int_equal(count(f, k, 2021, AOI), 1);
	assert_int_equal(count(f, k, 2021, SHIMIZU), 0);
	assert_int_equal(count(f, "peer_training_basic", 2021, NULL), 1);
	assert_int_equal(count(f, "peer_training_advanced", 2021, NULL), 0);
	int n = -1;
	assert_int_equal(event_count_held(f->db, "party", 2021, NULL, &n), ERR_INVALID);
	assert_int_equal(n, 0);
	assert_int_equal(event_count_held(f->db, NULL, 2021, NULL, &n), ERR_INVALID);
}

static void test_count_after_status_change(void **state)
{
	struct fixture *f = *state;
	int64_t id = event(f, "elderly_field_training", "held", "2021-11-20", SURUGA);
	assert_int_equal(count(f, "elderly_field_training", 2021, SURUGA), 1);
	struct event e;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(event_get(f->db, f->a, id, &e), 0);
	e.status = "cancelled";
	e.status_reason = "新型コロナウイルス感染症の影響で中止";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(count(f, "elderly_field_training", 2021, SURUGA), 0);
	assert_int_equal(count(f, "elderly_field_training", 2021, NULL), 0);
}

/* ---- participants ---- */

static void test_participation(void **state)
{
	struct fixture *f = *state;
	int64_t planned = event(f, "elderly_field_training", "planned", "2025-07-10", SURUGA);
	int64_t held = event(f, "elderly_field_training", "held", "2025-06-01", SURUGA);
	struct event_heads h = { 0 };
	h.heads[meeting_sector_index("care")] = 12;
	h.heads[meeting_sector_index("welfare")] = 8;
	h.heads[meeting_sector_index("health")] = 2;
	const char *field = NULL, *msg = NULL;
	assert_int_equal(event_participation_set(f->db, f->a, planned, &h, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "status");
	assert_int_equal(event_participation_set(f->db, f->a, held, &h, &field, &msg), 0);
	struct event_heads got;
	assert_int_equal(event_participation(f->db, f->a, held, &got), 0);
	assert_int_equal(got.total, 22);
	assert_int_equal(got.heads[meeting_sector_index("care")], 12);
	assert_int_equal(got.heads[meeting_sector_index("person")], 0);
	struct event e;
	assert_int_equal(event_get(f->db, f->a, held, &e), 0);
	assert_int_equal(e.participants, 22);

	/* A negative or too large count: refused, the stored ones kept. */
	struct event_heads bad = h;
	bad.heads[meeting_sector_index("family")] = -1;
	assert_int_equal(event_participation_set(f->db, f->a, held, &bad, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "heads_family");
	bad.heads[meeting_sector_index("family")] = EVENT_HEADS_MAX + 1;
	assert_int_equal(event_participation_set(f->db, f->a, held, &bad, &field, &msg), ERR_INVALID);
	assert_int_equal(event_participation(f->db, f->a, held, &got), 0);
	assert_int_equal(got.total, 22);

	/* Replaced, not added to. */
	struct event_heads again = { 0 };
	again.heads[meeting_sector_index("care")] = 5;
	assert_int_equal(event_participation_set(f->db, f->a, held, &again, &field, &msg), 0);
	assert_int_equal(event_participation(f->db, f->a, held, &got), 0);
	assert_int_equal(got.total, 5);
	assert_int_equal(got.heads[meeting_sector_index("welfare")], 0);

	/* With participants the event stays held; cleared, it may change. */
	e.status = "cancelled";
	e.status_reason = "誤って開催済みにした";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
	assert_string_equal(field, "status");
	struct event_heads none = { 0 };
	assert_int_equal(event_participation_set(f->db, f->a, held, &none, &field, &msg), 0);
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), 0);
	assert_int_equal(event_participation_set(f->db, f->a, held + 100, &h, &field, &msg), ERR_NOTFOUND);
}

/* ---- an agent training's firms ---- */

static int64_t firm(struct fixture *f, const char *name, const char *no)
{
	const char *wards[] = { SURUGA };
	struct agent_firm g = { .name = (char *)name, .member_no = (char *)no, .contact_name = "宅建 太郎",
				.phone = "054-000-0101", .wards = (char **)wards, .n_wards = 1 };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(agent_firm_create(f->db, f->a, "221007", &g, &field, &msg), 0);
	return g.organisation_id;
}

static void test_agent_training_firms(void **state)
{
	struct fixture *f = *state;
	int64_t a = firm(f, "駿河不動産", "静宅-0001"), b = firm(f, "清水不動産", "静宅-0002");
	int64_t held = event(f, "agent_training", "held", "2025-05-20", NULL);
	int64_t planned = event(f, "agent_training", "planned", "2025-08-20", NULL);
	int64_t other = event(f, "awareness", "held", "2025-05-20", NULL);
	int64_t orgs[] = { a, b };
	int people[] = { 2, 1 };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(event_firms_record(f->db, f->a, planned, orgs, people, 2, f->user, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "firms");
	assert_int_equal(event_firms_record(f->db, f->a, other, orgs, people, 2, f->user, &field, &msg), ERR_INVALID);
	int64_t not_firm[] = { f->hospital };
	assert_int_equal(event_firms_record(f->db, f->a, held, not_firm, people, 1, f->user, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "firms");
	int zero[] = { 0 };
	assert_int_equal(event_firms_record(f->db, f->a, held, orgs, zero, 1, f->user, &field, &msg), ERR_INVALID);
	assert_non_null(strstr(field, "attendees_"));
	struct agent_training *t;
	size_t n;
	assert_int_equal(agent_trainings(f->db, f->a, a, &t, &n), 0);
	assert_int_equal(n, 0); /* the refusals stored nothing */

	assert_int_equal(event_firms_record(f->db, f->a, held, orgs, people, 2, f->user, &field, &msg), 0);
	/* On the firm's own record, as the city's firm page reads it. */
	assert_int_equal(agent_trainings(f->db, f->a, a, &t, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].trained_on, "2025-05-20");
	assert_string_equal(t[0].title, "高齢分野との研修会");
	assert_int_equal(t[0].attendees, 2);
	struct agent_firm g;
	assert_int_equal(agent_firm_get(f->db, f->a, b, &g), 0);
	assert_string_equal(g.trained_on, "2025-05-20");
	/* A training recorded on the firm's page stands beside it without an event. */
	struct agent_training direct = { .organisation_id = a, .trained_on = "2024-11-01", .attendees = 1,
					 .title = "協力店研修" };
	assert_int_equal(agent_training_add(f->db, f->a, &direct, f->user, FIXTURE_TODAY, &field, &msg), 0);
	struct event_firm_training *ft;
	assert_int_equal(event_firm_trainings(f->db, f->a, a, &ft, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ft[0].event_id, held);
	assert_string_equal(ft[0].event_title, "高齢分野との研修会");
	assert_int_equal(ft[1].event_id, 0);
	assert_null(ft[1].event_title);
	assert_int_equal(event_firms(f->db, f->a, held, &ft, &n), 0);
	assert_int_equal(n, 2);
	struct event e;
	assert_int_equal(event_get(f->db, f->a, held, &e), 0);
	assert_int_equal(e.firms, 2);

	/* Recorded again: nothing new, so refused; the rows stay one each. */
	assert_int_equal(event_firms_record(f->db, f->a, held, orgs, people, 2, f->user, &field, &msg), ERR_INVALID);
	assert_int_equal(agent_trainings(f->db, f->a, b, &t, &n), 0);
	assert_int_equal(n, 1);

	/* The firms' records rest on the event's kind, day and status. */
	e.held_on = "2025-05-21";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
	assert_string_equal(field, "held_on");
	e.held_on = "2025-05-20";
	e.kind = "awareness";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
	assert_string_equal(field, "kind");
	e.kind = "agent_training";
	e.status = "cancelled";
	e.status_reason = "x";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), ERR_CONFLICT);
	e.status = "held";
	e.title = "協力店フォローアップ研修";
	e.outcome = "制度の運用状況を共有した。";
	assert_int_equal(event_save(f->db, f->a, &e, FIXTURE_TODAY, &field, &msg), 0);
}

static void test_time_of_day(void **state)
{
	(void)state;
	assert_true(event_time_valid("00:00"));
	assert_true(event_time_valid("23:59"));
	assert_true(event_time_valid("09:05"));
	assert_false(event_time_valid("24:00"));
	assert_false(event_time_valid("12:60"));
	assert_false(event_time_valid("9:00"));
	assert_false(event_time_valid("09:00:00"));
	assert_false(event_time_valid("0a:00"));
	assert_false(event_time_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_read, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_validation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_save_status, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_count_fiscal_year, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_count_after_status_change, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_participation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_agent_training_firms, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_time_of_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
