/*
 * test_meeting — the forum's meetings (domain/meeting.c): monthly series over month ends, leap
 * years and the turn of the year; the initials printouts show; totals by sector over one meeting
 * and over the held meetings of a kind in a date range; every refusal of bad input with nothing
 * stored; reviewed cases that follow the case's access rule; action items open, overdue first,
 * done once. "Today" is FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/meeting.h"
#include "error.h"

#define TODAY FIXTURE_TODAY

static const char *field, *msg;

static int64_t count_rows(struct fixture *f, const char *table)
{
	struct db_stmt *st = db_prepare(f->db, f->a, arena_printf(f->a, "SELECT count(*) FROM %s", table));
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	return db_column_int(st, 0);
}

/* A meeting of kind on day, status status; returns its id. */
static int64_t meeting(struct fixture *f, const char *kind, const char *day, const char *status)
{
	struct meeting m = { .kind = (char *)kind, .title = "地域移行支援部会ワーキンググループ", .held_on = (char *)day,
			     .status = (char *)status };
	int rc = meeting_schedule(f->db, f->a, &m, 1, f->user, TODAY, &field, &msg);
	if (rc)
		print_error("meeting_schedule: %s %s\n", field ? field : "?", msg ? msg : "?");
	assert_int_equal(rc, 0);
	return m.id;
}

static struct access access_as(struct fixture *f, enum role role, int64_t org)
{
	struct access acc = { .role = role, .organisation_id = org, .user_id = f->user };
	strcpy(acc.today, TODAY);
	return acc;
}

/* ---- series ---- */

static void expect_series(const char *first, int count, const char *const *want)
{
	struct date d, out[MEETING_SERIES_MAX];
	assert_true(date_parse(first, &d));
	assert_true(meeting_series_dates(d, count, out));
	for (int i = 0; i < count; i++) {
		char buf[11];
		date_format_iso(out[i], buf);
		assert_string_equal(buf, want[i]);
	}
}

static void series_month_ends_and_leap_years(void **state)
{
	(void)state;
	/* The 31st comes back after a short month; February has 29 days in 2024, 28 in 2023. */
	expect_series("2024-01-31", 5, (const char *[]){ "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31" });
	expect_series("2023-01-31", 2, (const char *[]){ "2023-01-31", "2023-02-28" });
	expect_series("2024-02-29", 13, (const char *[]){ "2024-02-29", "2024-03-29", "2024-04-29", "2024-05-29", "2024-06-29",
		"2024-07-29", "2024-08-29", "2024-09-29", "2024-10-29", "2024-11-29", "2024-12-29", "2025-01-29", "2025-02-28" });
	/* 2100 is not a leap year; 2000 was. */
	expect_series("2099-12-30", 3, (const char *[]){ "2099-12-30", "2100-01-30", "2100-02-28" });
	expect_series("2000-01-30", 2, (const char *[]){ "2000-01-30", "2000-02-29" });
}

static void series_over_the_new_year_and_its_bounds(void **state)
{
	(void)state;
	expect_series("2025-11-15", 4, (const char *[]){ "2025-11-15", "2025-12-15", "2026-01-15", "2026-02-15" });
	expect_series("2025-12-31", 3, (const char *[]){ "2025-12-31", "2026-01-31", "2026-02-28" });
	struct date d = { 2025, 4, 10 }, out[MEETING_SERIES_MAX + 1];
	assert_true(meeting_series_dates(d, MEETING_SERIES_MAX, out));
	char last[11];
	date_format_iso(out[MEETING_SERIES_MAX - 1], last);
	assert_string_equal(last, "2027-03-10");
	assert_false(meeting_series_dates(d, 0, out));
	assert_false(meeting_series_dates(d, MEETING_SERIES_MAX + 1, out));
	assert_false(meeting_series_dates(d, -1, out));
}

static void a_series_is_stored_month_by_month(void **state)
{
	struct fixture *f = *state;
	struct meeting m = { .kind = "working_group", .title = "WG", .held_on = "2025-08-31", .status = "planned",
			     .starts_at = "13:30", .ends_at = "15:00", .ward_code = SURUGA };
	assert_int_equal(meeting_schedule(f->db, f->a, &m, 4, f->user, TODAY, &field, &msg), 0);
	assert_int_equal(m.series_id, m.id);
	struct meeting *rest;
	size_t n;
	assert_int_equal(meeting_series(f->db, f->a, &m, &rest, &n), 0);
	assert_int_equal(n, 3);
	const char *want[] = { "2025-09-30", "2025-10-31", "2025-11-30" };
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rest[i].held_on, want[i]);
		assert_int_equal(rest[i].series_id, m.id);
		assert_string_equal(rest[i].status, "planned");
		assert_string_equal(rest[i].starts_at, "13:30");
		assert_string_equal(rest[i].ward_code, SURUGA);
	}
	struct meeting back;
	assert_int_equal(meeting_get(f->db, f->a, m.id, &back), 0);
	assert_string_equal(back.held_on, "2025-08-31");
	/* A single meeting is no series. */
	int64_t one = meeting(f, "forum", "2025-09-01", "planned");
	assert_int_equal(meeting_get(f->db, f->a, one, &back), 0);
	assert_int_equal(back.series_id, 0);
}

/* ---- refusals ---- */

static void refuse(struct fixture *f, struct meeting m, int count, int want_rc, const char *want_field)
{
	field = msg = NULL;
	assert_int_equal(meeting_schedule(f->db, f->a, &m, count, f->user, TODAY, &field, &msg), want_rc);
	assert_non_null(field);
	assert_string_equal(field, want_field);
	assert_non_null(msg);
	assert_int_equal(count_rows(f, "meeting"), 0);
}

static void bad_meetings_are_refused_and_nothing_stored(void **state)
{
	struct fixture *f = *state;
	const struct meeting ok = { .kind = "forum", .title = "協議の場", .held_on = "2025-06-01", .status = "held" };
	struct meeting m = ok;
	m.kind = "party";
	refuse(f, m, 1, ERR_INVALID, "kind");
	m = ok;
	m.title = "　 ";
	refuse(f, m, 1, ERR_INVALID, "title");
	m = ok;
	m.held_on = "2025-02-30";
	refuse(f, m, 1, ERR_INVALID, "held_on");
	/* Held tomorrow: not yet. Held today: fine (below). */
	m = ok;
	m.held_on = "2025-06-16";
	refuse(f, m, 1, ERR_INVALID, "held_on");
	m = ok;
	m.starts_at = "25:00";
	refuse(f, m, 1, ERR_INVALID, "starts_at");
	m = ok;
	m.starts_at = "14:00";
	m.ends_at = "13:59";
	refuse(f, m, 1, ERR_INVALID, "ends_at");
	m.ends_at = "14:00";
	refuse(f, m, 1, ERR_INVALID, "ends_at");
	m = ok;
	m.ward_code = "221040";
	refuse(f, m, 1, ERR_INVALID, "ward_code");
	m = ok;
	m.status = "postponed";
	refuse(f, m, 1, ERR_INVALID, "status");
	/* A series is planned, 1..24 meetings. */
	refuse(f, ok, 3, ERR_INVALID, "status");
	m = ok;
	m.status = "planned";
	refuse(f, m, 0, ERR_INVALID, "repeat");
	refuse(f, m, 25, ERR_INVALID, "repeat");

	m = ok;
	m.held_on = TODAY;
	m.starts_at = "09:00";
	m.ends_at = "09:01";
	assert_int_equal(meeting_schedule(f->db, f->a, &m, 1, f->user, TODAY, &field, &msg), 0);
	/* Saving it as held in the future is refused too, and leaves it as it was. */
	m.held_on = "2025-07-01";
	field = NULL;
	assert_int_equal(meeting_save(f->db, f->a, &m, TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "held_on");
	struct meeting back;
	assert_int_equal(meeting_get(f->db, f->a, m.id, &back), 0);
	assert_string_equal(back.held_on, TODAY);
	m.status = "planned";
	m.minutes = "次回までに各機関で検討する。";
	assert_int_equal(meeting_save(f->db, f->a, &m, TODAY, &field, &msg), 0);
	assert_int_equal(meeting_get(f->db, f->a, m.id, &back), 0);
	assert_string_equal(back.held_on, "2025-07-01");
	assert_string_equal(back.minutes, "次回までに各機関で検討する。");
	m.id = 9999;
	assert_int_equal(meeting_save(f->db, f->a, &m, TODAY, &field, &msg), ERR_NOTFOUND);
}

/* ---- attendance and totals ---- */

static int attend(struct fixture *f, int64_t id, int64_t org, const char *label, const char *sector, int heads)
{
	struct meeting_attendance r = { .meeting_id = id, .organisation_id = org, .label = (char *)label,
					.sector = (char *)sector, .head_count = heads };
	field = msg = NULL;
	return meeting_attendance_record(f->db, f->a, &r, TODAY, &field, &msg);
}

static void attendance_rules(void **state)
{
	struct fixture *f = *state;
	int64_t held = meeting(f, "working_group", "2025-06-10", "held");
	int64_t coming = meeting(f, "working_group", "2025-07-10", "planned");
	int64_t off = meeting(f, "working_group", "2025-06-01", "cancelled");
	assert_int_equal(attend(f, coming, f->hospital, NULL, "psychiatric", 2), ERR_INVALID);
	assert_int_equal(attend(f, off, f->hospital, NULL, "psychiatric", 2), ERR_INVALID);
	assert_int_equal(attend(f, 9999, f->hospital, NULL, "psychiatric", 2), ERR_NOTFOUND);
	assert_int_equal(attend(f, held, f->hospital, NULL, "psychiatric", 0), ERR_INVALID);
	assert_string_equal(field, "head_count");
	assert_int_equal(attend(f, held, f->hospital, NULL, "psychiatric", -3), ERR_INVALID);
	assert_int_equal(attend(f, held, f->hospital, NULL, "psychiatric", 501), ERR_INVALID);
	assert_int_equal(attend(f, held, f->hospital, "当事者", "person", 1), ERR_INVALID);
	assert_string_equal(field, "organisation_id");
	assert_int_equal(attend(f, held, 0, "  ", "person", 1), ERR_INVALID);
	assert_int_equal(attend(f, held, f->closed_down, NULL, "welfare", 1), ERR_INVALID);
	assert_int_equal(attend(f, held, 0, "当事者", "nobody", 1), ERR_INVALID);
	assert_string_equal(field, "sector");
	assert_int_equal(attend(f, held, 0, "当事者", NULL, 1), ERR_INVALID);
	assert_int_equal(count_rows(f, "meeting_attendance"), 0);

	/* Without a sector an organisation attends for what its kind suggests. */
	assert_int_equal(attend(f, held, f->hospital, NULL, "", 2), 0);
	assert_int_equal(attend(f, held, f->elderly, NULL, NULL, 1), 0);
	assert_int_equal(attend(f, held, f->counsel_a, NULL, "health", 1), 0);
	assert_int_equal(attend(f, held, 0, "当事者", "person", 1), 0);
	assert_int_equal(attend(f, held, 0, "家族会", "family", 500), 0);
	/* Today's meeting takes attendance too. */
	assert_int_equal(attend(f, meeting(f, "liaison", TODAY, "planned"), f->hospital, NULL, NULL, 1), 0);
	/* Once each. */
	assert_int_equal(attend(f, held, f->hospital, NULL, "medical_other", 1), ERR_CONFLICT);
	assert_int_equal(attend(f, held, 0, "当事者", "person", 2), ERR_CONFLICT);

	struct meeting_attendance *v;
	size_t n;
	assert_int_equal(meeting_attendance(f->db, f->a, held, &v, &n), 0);
	assert_int_equal(n, 5);
	/* In the sectors' order: health, psychiatric, care, person, family. */
	assert_string_equal(v[0].sector, "health");
	assert_string_equal(v[1].sector, "psychiatric");
	assert_string_equal(v[1].organisation_name, "病院H");
	assert_string_equal(v[2].sector, "care");
	assert_string_equal(v[3].label, "当事者");
	assert_null(v[3].organisation_name);
	assert_string_equal(v[4].sector, "family");

	struct meeting_totals t;
	assert_int_equal(meeting_totals(f->db, f->a, held, &t), 0);
	assert_int_equal(t.total, 505);
	assert_int_equal(t.heads[meeting_sector_index("psychiatric")], 2);
	assert_int_equal(t.heads[meeting_sector_index("health")], 1);
	assert_int_equal(t.heads[meeting_sector_index("family")], 500);
	assert_int_equal(t.heads[meeting_sector_index("welfare")], 0);

	assert_int_equal(meeting_attendance_delete(f->db, f->a, held, v[4].id), 0);
	assert_int_equal(meeting_attendance_delete(f->db, f->a, held, v[4].id), ERR_NOTFOUND);
	assert_int_equal(meeting_attendance_delete(f->db, f->a, coming, v[0].id), ERR_NOTFOUND);
	assert_int_equal(meeting_totals(f->db, f->a, held, &t), 0);
	assert_int_equal(t.total, 5);
}

static void totals_add_counts_every_row(void **state)
{
	(void)state;
	const struct meeting_attendance rows[] = {
		{ .sector = "psychiatric", .head_count = 3 }, { .sector = "psychiatric", .head_count = 2 },
		{ .sector = "other", .head_count = 1 },       { .sector = "unknown", .head_count = 4 },
	};
	struct meeting_totals t = { 0 };
	meeting_totals_add(&t, rows, 4);
	assert_int_equal(t.heads[1], 5);
	assert_int_equal(t.heads[MEETING_SECTORS - 1], 1);
	assert_int_equal(t.total, 10);
	assert_int_equal(t.meetings, 0);
	assert_int_equal(meeting_sector_index("health"), 0);
	assert_int_equal(meeting_sector_index("other"), MEETING_SECTORS - 1);
	assert_int_equal(meeting_sector_index(NULL), -1);
	assert_string_equal(meeting_sector_for_kind("psychiatric_hospital"), "psychiatric");
	assert_string_equal(meeting_sector_for_kind("care_management"), "care");
	assert_string_equal(meeting_sector_for_kind("family_association"), "family");
	assert_string_equal(meeting_sector_for_kind("spaceship"), "other");
}

static void totals_over_held_meetings_of_a_kind(void **state)
{
	struct fixture *f = *state;
	/* FY2024 runs from 2024-04-01 to 2025-03-31. */
	struct meeting m = { .kind = "forum", .title = "協議の場", .held_on = "2024-06-01", .status = "held",
			     .goal_setting = true };
	assert_int_equal(meeting_schedule(f->db, f->a, &m, 1, f->user, TODAY, &field, &msg), 0);
	assert_int_equal(attend(f, m.id, f->hospital, NULL, NULL, 2), 0);
	assert_int_equal(attend(f, m.id, 0, "当事者", "person", 1), 0);
	struct meeting e = { .kind = "forum", .title = "協議の場", .held_on = "2025-03-31", .status = "held",
			     .evaluation = true };
	assert_int_equal(meeting_schedule(f->db, f->a, &e, 1, f->user, TODAY, &field, &msg), 0);
	assert_int_equal(attend(f, e.id, f->hospital2, NULL, NULL, 1), 0);
	assert_int_equal(attend(f, e.id, f->group_home, NULL, NULL, 4), 0);
	/* Not counted: the day after the year, a working group, a forum called off. */
	int64_t next = meeting(f, "forum", "2025-04-01", "held");
	assert_int_equal(attend(f, next, f->hospital, NULL, NULL, 7), 0);
	int64_t wg = meeting(f, "working_group", "2024-07-10", "held");
	assert_int_equal(attend(f, wg, f->hospital, NULL, NULL, 9), 0);
	meeting(f, "forum", "2024-12-01", "cancelled");

	struct meeting_totals t;
	assert_int_equal(meeting_totals_held(f->db, f->a, "forum", "2024-04-01", "2025-03-31", &t), 0);
	assert_int_equal(t.meetings, 2);
	assert_int_equal(t.goal_setting, 1);
	assert_int_equal(t.evaluation, 1);
	assert_int_equal(t.total, 8);
	assert_int_equal(t.heads[meeting_sector_index("psychiatric")], 3);
	assert_int_equal(t.heads[meeting_sector_index("person")], 1);
	assert_int_equal(t.heads[meeting_sector_index("welfare")], 4);
	/* Every kind: the working group too. */
	assert_int_equal(meeting_totals_held(f->db, f->a, NULL, "2024-04-01", "2025-03-31", &t), 0);
	assert_int_equal(t.meetings, 3);
	assert_int_equal(t.total, 17);
	assert_int_equal(meeting_totals_held(f->db, f->a, "forum", "2025-04-01", "2026-03-31", &t), 0);
	assert_int_equal(t.meetings, 1);
	assert_int_equal(t.total, 7);
	assert_int_equal(meeting_totals_held(f->db, f->a, "forum", "2024-04-01", "2025-02-30", &t), ERR_INVALID);
}

/* ---- reviewed cases ---- */

static void reviewed_cases_follow_the_case_access(void **state)
{
	struct fixture *f = *state;
	int64_t p = fixture_person(f, "鈴木", "昭", "すずき", "アキラ", "1952-09-30", AOI, f->counsel_a);
	int64_t kase = fixture_case(f, p, f->counsel_a, "2025-01-10");
	int64_t held = meeting(f, "working_group", "2025-06-10", "held");
	struct access a_office = access_as(f, ROLE_COUNSELOR, f->counsel_a);
	struct access b_office = access_as(f, ROLE_COUNSELOR, f->counsel_b);

	/* Another ward's office may not record it: as if there were no such case. */
	struct meeting_case r = { .meeting_id = held, .case_id = kase, .discussion = "退院後の住まいを検討した。" };
	field = msg = NULL;
	assert_int_equal(meeting_case_record(f->db, f->a, &b_office, &r, &field, &msg), ERR_NOTFOUND);
	assert_string_equal(field, "case_id");
	r.case_id = 9999;
	assert_int_equal(meeting_case_record(f->db, f->a, &a_office, &r, &field, &msg), ERR_NOTFOUND);
	r.case_id = kase;
	r.discussion = "";
	assert_int_equal(meeting_case_record(f->db, f->a, &a_office, &r, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "discussion");
	r.discussion = "退院後の住まいを検討した。";
	r.meeting_id = meeting(f, "working_group", "2025-07-10", "planned");
	assert_int_equal(meeting_case_record(f->db, f->a, &a_office, &r, &field, &msg), ERR_INVALID);
	assert_int_equal(count_rows(f, "meeting_case"), 0);

	r.meeting_id = held;
	r.decision = "グループホームの見学を調整する。";
	assert_int_equal(meeting_case_record(f->db, f->a, &a_office, &r, &field, &msg), 0);
	assert_int_equal(meeting_case_record(f->db, f->a, &a_office, &r, &field, &msg), ERR_CONFLICT);

	struct meeting_case *v;
	size_t n;
	assert_int_equal(meeting_cases(f->db, f->a, &a_office, held, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_true(v[0].visible);
	assert_string_equal(v[0].person_name, "鈴木 昭");
	assert_string_equal(v[0].discussion, "退院後の住まいを検討した。");
	assert_string_equal(v[0].decision, "グループホームの見学を調整する。");
	assert_string_equal(v[0].initials, "S.A.");

	assert_int_equal(meeting_cases(f->db, f->a, &b_office, held, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_false(v[0].visible);
	assert_int_equal(v[0].case_id, kase);
	assert_null(v[0].person_name);
	assert_null(v[0].discussion);
	assert_null(v[0].decision);
	assert_string_equal(v[0].initials, "S.A.");

	/* A peer supporter on the team under the peer_support consent sees the case, minimally: the
	 * meeting's discussion is casework text, not for that view. */
	fixture_member(f, kase, f->peer, "peer_supporter", "2025-02-01");
	assert_int_equal(case_consent_grant(f->db, f->a, kase, "peer_support", "2025-02-01", NULL, f->user, TODAY,
					    &field, &msg), 0);
	int64_t supporter;
	struct access peer = access_as(f, ROLE_PEER, f->peer);
	peer.user_id = fixture_peer_user(f, "peer-of-the-meeting", &supporter);
	fixture_peer_assign(f, supporter, kase, "2025-02-01", TODAY);
	struct support_case seen;
	assert_int_equal(case_get(f->db, f->a, &peer, kase, &seen), 0);
	assert_int_equal(meeting_cases(f->db, f->a, &peer, held, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_false(v[0].visible);
	assert_null(v[0].person_name);
	assert_null(v[0].discussion);
}

static void initials_from_the_reading(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(meeting_initials(f->a, "スズキ", "アキラ"), "S.A.");
	assert_string_equal(meeting_initials(f->a, "すずき", "あきら"), "S.A.");
	assert_string_equal(meeting_initials(f->a, "チバ", "ジロウ"), "C.J.");
	assert_string_equal(meeting_initials(f->a, "ツチヤ", "フミ"), "T.F.");
	assert_string_equal(meeting_initials(f->a, "ヴァン", "ンゴ"), "V.N.");
	assert_string_equal(meeting_initials(f->a, "ガッコウ", "パン"), "G.P.");
	assert_string_equal(meeting_initials(f->a, "smith", "Anna"), "S.A.");
	assert_string_equal(meeting_initials(f->a, "", NULL), "?.?.");
	assert_string_equal(meeting_initials(f->a, "山田", "１"), "?.?.");
}

/* ---- action items ---- */

static int add_action(struct fixture *f, int64_t meeting_id, int64_t owner, const char *due, int64_t *id)
{
	struct action_item it = { .meeting_id = meeting_id, .body = "研修の案内文を作成する。", .owner_org_id = owner,
				  .due_on = (char *)due };
	field = msg = NULL;
	int rc = meeting_action_record(f->db, f->a, &it, &field, &msg);
	if (id)
		*id = it.id;
	return rc;
}

static void action_items_until_done(void **state)
{
	struct fixture *f = *state;
	int64_t held = meeting(f, "working_group", "2025-06-10", "held");
	int64_t off = meeting(f, "working_group", "2025-06-01", "cancelled");
	assert_int_equal(add_action(f, held, f->counsel_b, "2025-06-31", NULL), ERR_INVALID);
	assert_string_equal(field, "due_on");
	assert_int_equal(add_action(f, held, f->counsel_b, NULL, NULL), ERR_INVALID);
	assert_int_equal(add_action(f, held, f->closed_down, "2025-07-01", NULL), ERR_INVALID);
	assert_string_equal(field, "owner_org_id");
	assert_int_equal(add_action(f, held, 9999, "2025-07-01", NULL), ERR_INVALID);
	assert_int_equal(add_action(f, off, f->counsel_b, "2025-07-01", NULL), ERR_INVALID);
	assert_int_equal(add_action(f, 9999, f->counsel_b, "2025-07-01", NULL), ERR_NOTFOUND);
	assert_int_equal(count_rows(f, "action_item"), 0);

	int64_t later, overdue, other;
	assert_int_equal(add_action(f, held, f->counsel_b, "2025-07-01", &later), 0);
	assert_int_equal(add_action(f, held, f->counsel_b, "2025-06-12", &overdue), 0);
	assert_int_equal(add_action(f, held, f->counsel_a, "2025-06-01", &other), 0);
	struct action_item *v;
	size_t n;
	assert_int_equal(action_items_open(f->db, f->a, f->counsel_b, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, overdue);
	assert_int_equal(v[1].id, later);
	assert_string_equal(v[0].owner_name, "相談支援センターB");
	assert_string_equal(v[0].meeting_on, "2025-06-10");
	assert_string_equal(v[0].meeting_kind, "working_group");

	assert_int_equal(action_item_done(f->db, f->a, overdue, f->user, TODAY, &field, &msg), 0);
	assert_int_equal(action_item_done(f->db, f->a, overdue, f->user, TODAY, &field, &msg), ERR_CONFLICT);
	assert_int_equal(action_item_done(f->db, f->a, 9999, f->user, TODAY, &field, &msg), ERR_NOTFOUND);
	assert_int_equal(action_items_open(f->db, f->a, f->counsel_b, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, later);
	struct action_item it;
	assert_int_equal(action_item_get(f->db, f->a, overdue, &it), 0);
	assert_string_equal(it.done_on, TODAY);
	/* The meeting lists the open first, then the done. */
	assert_int_equal(meeting_actions(f->db, f->a, held, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, other);
	assert_int_equal(v[1].id, later);
	assert_int_equal(v[2].id, overdue);
}

static void lists_coming_and_past(void **state)
{
	struct fixture *f = *state;
	int64_t past = meeting(f, "forum", "2025-01-10", "held");
	int64_t today = meeting(f, "working_group", TODAY, "planned");
	int64_t soon = meeting(f, "working_group", "2025-06-20", "planned");
	struct meeting *v;
	size_t n;
	assert_int_equal(meeting_list(f->db, f->a, NULL, TODAY, true, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, today);
	assert_int_equal(v[1].id, soon);
	assert_int_equal(meeting_list(f->db, f->a, "forum", TODAY, true, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(meeting_list(f->db, f->a, "forum", TODAY, false, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, past);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(series_month_ends_and_leap_years),
		cmocka_unit_test(series_over_the_new_year_and_its_bounds),
		cmocka_unit_test(totals_add_counts_every_row),
		cmocka_unit_test_setup_teardown(a_series_is_stored_month_by_month, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_meetings_are_refused_and_nothing_stored, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(attendance_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(totals_over_held_meetings_of_a_kind, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(reviewed_cases_follow_the_case_access, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(initials_from_the_reading, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(action_items_until_done, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(lists_coming_and_past, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
