/*
 * test_calendar — what is on which day (domain/calendar.c): the range's bounds, meetings and
 * events of the range only, in order (day, all-day first, time, kind, id), the kinds the caller
 * asks for, and trial stays by their nights — one begun the month before is in, one that left on
 * the first day or waits for its outcome with every night over is out, a cancelled one is out —
 * with the person's name only for a reader who sees the case, and one group home's rooms alone
 * when asked. The fixture's database, with meetings and stays written as rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"
#include "domain/access.h"
#include "domain/calendar.h"
#include "error.h"

static void exec(struct fixture *f, const char *sql)
{
	if (db_exec(f->db, sql))
		fail_msg("%s: %s", sql, db_errmsg(f->db));
}

static int64_t last_id(struct fixture *f, const char *table)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", table);
	struct db_stmt *st = db_prepare(f->db, f->a, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	return db_column_int(st, 0);
}

/* October 2021: meetings and events on the 1st, 15th and 31st and just outside; a room of the
 * group home and one of another, and stays of a case led by counsel_a. */
struct scene {
	int64_t case_id, room, other_room;
	int64_t stay_across, stay_inside, stay_other_home;
};

static void build(struct fixture *f, struct scene *s)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO meeting (municipality_code, kind, title, held_on, starts_at, ends_at, status, created_by,"
		 " created_at) VALUES"
		 " ('221007', 'working_group', 'WG午後', '2021-10-15', '13:30', '15:00', 'held', %lld, 0),"
		 " ('221007', 'forum', '協議の場', '2021-10-15', '10:00', NULL, 'planned', %lld, 0),"
		 " ('221007', 'liaison', '前月', '2021-09-30', NULL, NULL, 'held', %lld, 0),"
		 " ('221007', 'liaison', '翌月', '2021-11-01', NULL, NULL, 'planned', %lld, 0),"
		 " ('221007', 'liaison', '月末', '2021-10-31', NULL, NULL, 'cancelled', %lld, 0)",
		 (long long)f->user, (long long)f->user, (long long)f->user, (long long)f->user, (long long)f->user);
	exec(f, sql);
	snprintf(sql, sizeof sql,
		 "INSERT INTO event (municipality_code, kind, title, held_on, starts_at, status, status_reason, created_by,"
		 " created_at) VALUES ('221007', 'peer_exchange', '交流会', '2021-10-15', NULL, 'postponed', 'コロナ', %lld, 0),"
		 " ('221007', 'awareness', '講演会', '2021-10-01', '18:00', 'planned', NULL, %lld, 0)",
		 (long long)f->user, (long long)f->user);
	exec(f, sql);
	int64_t person = fixture_person(f, "暦野", "花子", "こよみの", "はなこ", "1960-01-01", AOI, f->counsel_a);
	s->case_id = fixture_case(f, person, f->counsel_a, "2021-01-10");
	int64_t home2 = fixture_org(f, "グループホームH2", "group_home", AOI, true);
	snprintf(sql, sizeof sql, "INSERT INTO trial_room (organisation_id, name, active) VALUES (%lld, '体験室A', 1), (%lld, '体験室B', 1)",
		 (long long)f->group_home, (long long)home2);
	exec(f, sql);
	s->other_room = last_id(f, "trial_room");
	s->room = s->other_room - 1;
	snprintf(sql, sizeof sql,
		 "INSERT INTO trial_booking (room_id, case_id, starts_on, ends_on, status, user_id, created_at) VALUES"
		 " (%lld, %lld, '2021-09-29', '2021-10-02', 'done', %lld, 0),"   /* nights into October */
		 " (%lld, %lld, '2021-09-20', '2021-10-01', 'done', %lld, 0),"   /* left on the 1st */
		 " (%lld, %lld, '2021-09-10', '2021-09-12', 'booked', %lld, 0)," /* over, outcome awaited */
		 " (%lld, %lld, '2021-10-10', '2021-10-12', 'cancelled', %lld, 0),"
		 " (%lld, %lld, '2021-10-20', '2021-10-23', 'booked', %lld, 0),"
		 " (%lld, %lld, '2021-10-31', '2021-11-02', 'booked', %lld, 0)",
		 (long long)s->room, (long long)s->case_id, (long long)f->user, (long long)s->room, (long long)s->case_id,
		 (long long)f->user, (long long)s->room, (long long)s->case_id, (long long)f->user, (long long)s->room,
		 (long long)s->case_id, (long long)f->user, (long long)s->room, (long long)s->case_id, (long long)f->user,
		 (long long)s->other_room, (long long)s->case_id, (long long)f->user);
	exec(f, sql);
	s->stay_other_home = last_id(f, "trial_booking");
	s->stay_inside = s->stay_other_home - 1;
	s->stay_across = s->stay_other_home - 5;
}

static struct access reader(struct fixture *f, enum role role, int64_t org)
{
	struct access acc = { .role = role, .organisation_id = org, .user_id = f->user };
	strcpy(acc.today, FIXTURE_TODAY);
	return acc;
}

static void test_range(void **state)
{
	struct fixture *f = *state;
	struct access acc = reader(f, ROLE_CITY, f->office);
	struct calendar_want all = { true, true, true, 0 };
	struct calendar_entry *v;
	size_t n;
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-10-01", "2021-10-01", &all, &v, &n), ERR_INVALID);
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-10-02", "2021-10-01", &all, &v, &n), ERR_INVALID);
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-10-01", "2021-12-03", &all, &v, &n), ERR_INVALID);
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-02-30", "2021-03-30", &all, &v, &n), ERR_INVALID);
	assert_int_equal(calendar_entries(f->db, f->a, &acc, NULL, "2021-03-30", &all, &v, &n), ERR_INVALID);
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-10-01", "2021-12-02", &all, &v, &n), 0);
	assert_int_equal(n, 0);
}

static void test_month(void **state)
{
	struct fixture *f = *state;
	struct scene s;
	build(f, &s);
	struct access acc = reader(f, ROLE_CITY, f->office);
	struct calendar_want all = { true, true, true, 0 };
	struct calendar_entry *v;
	size_t n;
	assert_int_equal(calendar_entries(f->db, f->a, &acc, "2021-10-01", "2021-11-01", &all, &v, &n), 0);
	/* In order: the stay begun in September (its first night sorts first), the 1st's event at
	 * 18:00, the 15th's postponed event (all day) before the meetings at 10:00 and 13:30, the
	 * 20th's stay, the 31st's meeting (all day) and the other home's stay. */
	const char *titles[] = { "体験室A", "講演会", "交流会", "協議の場", "WG午後", "体験室A", "月末", "体験室B" };
	assert_int_equal(n, sizeof titles / sizeof titles[0]);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].title, titles[i]);
	assert_int_equal(v[0].kind, CALENDAR_STAY);
	assert_int_equal(v[0].id, s.stay_across);
	assert_string_equal(v[0].starts_on, "2021-09-29");
	assert_string_equal(v[0].ends_on, "2021-10-02");
	assert_string_equal(v[0].place, "グループホームG");
	assert_int_equal(v[0].room_id, s.room);
	assert_string_equal(v[0].person_name, "暦野 花子"); /* the city sees every case */
	assert_int_equal(v[2].kind, CALENDAR_EVENT);
	assert_string_equal(v[2].status, "postponed");
	assert_null(v[2].starts_at);
	assert_int_equal(v[3].kind, CALENDAR_MEETING);
	assert_string_equal(v[3].type, "forum");
	assert_null(v[3].ends_at);
	assert_string_equal(v[4].ends_at, "15:00");
	assert_string_equal(v[4].ends_on, "2021-10-15");
	assert_int_equal(v[5].id, s.stay_inside);
	assert_string_equal(v[6].status, "cancelled"); /* a cancelled meeting still shows, as such */
	assert_int_equal(v[7].id, s.stay_other_home);
	assert_null(v[3].person_name);
}

static void test_kinds_and_readers(void **state)
{
	struct fixture *f = *state;
	struct scene s;
	build(f, &s);
	struct calendar_entry *v;
	size_t n;

	/* Only what is asked for. */
	struct access city = reader(f, ROLE_CITY, f->office);
	struct calendar_want meetings = { .meetings = true };
	assert_int_equal(calendar_entries(f->db, f->a, &city, "2021-10-01", "2021-11-01", &meetings, &v, &n), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].kind, CALENDAR_MEETING);

	/* A counsellor whose office is not on the case sees the nights taken, not who. */
	struct access other = reader(f, ROLE_COUNSELOR, f->counsel_b);
	struct calendar_want stays = { .stays = true };
	assert_int_equal(calendar_entries(f->db, f->a, &other, "2021-10-01", "2021-11-01", &stays, &v, &n), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_null(v[i].person_name);
	/* The lead office sees who. */
	struct access lead = reader(f, ROLE_COUNSELOR, f->counsel_a);
	assert_int_equal(calendar_entries(f->db, f->a, &lead, "2021-10-01", "2021-11-01", &stays, &v, &n), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].person_name, "暦野 花子");
	/* A group home asks for its own rooms: its two stays, with the name (its own room). */
	struct access home = reader(f, ROLE_PROVIDER, f->group_home);
	struct calendar_want own = { .stays = true, .stay_org = f->group_home };
	assert_int_equal(calendar_entries(f->db, f->a, &home, "2021-10-01", "2021-11-01", &own, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, s.stay_across);
	assert_int_equal(v[1].id, s.stay_inside);
	assert_string_equal(v[1].person_name, "暦野 花子");

	/* November: the stay across the month's end and the meeting of the 1st. */
	assert_int_equal(calendar_entries(f->db, f->a, &city, "2021-11-01", "2021-12-01",
					  &(struct calendar_want){ true, true, true, 0 }, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, s.stay_other_home);
	assert_string_equal(v[1].title, "翌月");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_range, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_month, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_kinds_and_readers, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
