/*
 * test_stay — trial-stay rooms and bookings (domain/stay.c): overlaps (same room, back to back,
 * cancelled, the same person in two rooms), the yearly limit (exactly at it, one past it, a stay
 * across March 31, a changed setting), the 30-night cap, dates, closed cases, rooms only in group
 * homes, and who sees the person behind a booking. Each test starts from a fresh database built
 * through the domain's own functions, with "today" fixed at 2025-06-01 (FY2025).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "domain/setting.h"
#include "domain/stay.h"
#include "domain/user.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TODAY "2025-06-01"

struct fixture {
	char dir[32];        /* the temporary directory */
	char path[64];       /* the database file in it */
	struct arena *a;     /* statements and rows */
	struct db *db;       /* the open connection */
	int64_t home1;       /* a group home with rooms 1 and 2 */
	int64_t home2;       /* another group home, without rooms of its own at first */
	int64_t counsellor;  /* the consultation office leading both cases */
	int64_t other_office;/* a consultation office on neither case */
	int64_t day_service; /* not a group home */
	int64_t user;        /* a counsellor of `counsellor` */
	int64_t room1, room2;/* rooms of home1 */
	int64_t person1, person2;
	int64_t case1, case2;/* open cases of person1 and person2 */
	const char *field;   /* the last refusal's field */
	const char *msg;     /* and its message */
};

static int64_t org(struct fixture *f, const char *name, const char *kind)
{
	struct organisation o = { .name = (char *)name, .kind = (char *)kind, .ward_code = "221015",
				  .active = true };
	const char *msg = NULL;
	if (directory_org_save(f->db, f->a, &o, &msg))
		fail_msg("directory_org_save %s: %s", name, msg ? msg : "?");
	return o.id;
}

static int64_t person(struct fixture *f, const char *family, const char *kana)
{
	struct person p = { .family_name = (char *)family, .given_name = "花子",
			    .family_kana = (char *)kana, .given_kana = "はなこ", .birth_date = "1970-05-05",
			    .sex = "female", .ward_code = "221015", .registered_by = f->counsellor };
	const char *field = NULL, *msg = NULL;
	if (person_save(f->db, f->a, &p, TODAY, &field, &msg))
		fail_msg("person_save: %s %s", field ? field : "?", msg ? msg : "?");
	return p.id;
}

static int64_t open_case(struct fixture *f, int64_t person_id)
{
	struct support_case c = { .person_id = person_id, .lead_org_id = f->counsellor,
				  .stage = "assessing", .opened_on = "2024-01-10" };
	const char *field = NULL, *msg = NULL;
	if (case_open(f->db, f->a, &c, "counselor", f->user, TODAY, &field, &msg))
		fail_msg("case_open: %s %s", field ? field : "?", msg ? msg : "?");
	return c.id;
}

static int64_t room(struct fixture *f, int64_t home, const char *name)
{
	struct trial_room r = { .organisation_id = home, .name = (char *)name };
	const char *field = NULL, *msg = NULL;
	if (stay_room_create(f->db, f->a, &r, &field, &msg))
		fail_msg("stay_room_create: %s", msg ? msg : "?");
	return r.id;
}

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/tsunagu-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->a = arena_create(0);
	const char *msg = NULL;
	if (db_open(f->path, true, &f->db, &msg, f->a) ||
	    directory_municipality_create(f->db, f->a, "221007", "静岡市", &msg) ||
	    directory_ward_add(f->db, f->a, "221015", "葵区", &msg)) {
		print_error("setup: %s\n", msg ? msg : "?");
		return -1;
	}
	f->home1 = org(f, "グループホームあさひ", "group_home");
	f->home2 = org(f, "グループホームゆうひ", "group_home");
	f->counsellor = org(f, "相談支援センターつむぎ", "consultation_support");
	f->other_office = org(f, "相談支援センターみらい", "consultation_support");
	f->day_service = org(f, "地域活動支援センターそら", "day_service");
	struct user u = { .login = "counsellor", .display_name = "相談 葵",
			  .organisation_id = f->counsellor, .role = ROLE_COUNSELOR };
	if (user_create(f->db, f->a, &u, "not-a-hash", &msg))
		return -1;
	f->user = u.id;
	f->person1 = person(f, "静岡", "しずおか");
	f->person2 = person(f, "清水", "しみず");
	f->case1 = open_case(f, f->person1);
	f->case2 = open_case(f, f->person2);
	f->room1 = room(f, f->home1, "体験室1");
	f->room2 = room(f, f->home1, "体験室2");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a);
	db_close(f->db);
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char p[80];
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	test_free(f);
	return 0;
}

/* stay_book for room and case over [starts, ends): its result, the booking's id in *id when
 * given, the refusal's numbers in *quota when given. */
static int book_q(struct fixture *f, int64_t room_id, int64_t case_id, const char *starts,
		  const char *ends, int64_t *id, struct stay_quota *quota)
{
	struct trial_booking b = { .room_id = room_id, .case_id = case_id, .starts_on = (char *)starts,
				   .ends_on = (char *)ends };
	f->field = f->msg = NULL;
	int rc = stay_book(f->db, f->a, &b, f->user, TODAY, quota, &f->field, &f->msg);
	if (rc == 0) {
		assert_true(b.id > 0);
		if (id)
			*id = b.id;
	} else if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		assert_non_null(f->msg);
		assert_non_null(f->field);
	}
	return rc;
}

static int book(struct fixture *f, int64_t room_id, int64_t case_id, const char *starts, const char *ends)
{
	return book_q(f, room_id, case_id, starts, ends, NULL, NULL);
}

static int64_t booking_count(struct fixture *f)
{
	struct access acc = { .role = ROLE_CITY, .today = TODAY };
	struct trial_booking *v;
	size_t n1, n2;
	assert_int_equal(stay_bookings_by_room(f->db, f->a, &acc, f->room1, &v, &n1), 0);
	assert_int_equal(stay_bookings_by_room(f->db, f->a, &acc, f->room2, &v, &n2), 0);
	return (int64_t)(n1 + n2);
}

static int used(struct fixture *f, int64_t person_id, int fy)
{
	int n = -1;
	assert_int_equal(stay_nights_in_year(f->db, f->a, person_id, fy, &n), 0);
	return n;
}

/* ---- overlaps ---- */

static void test_overlap_same_room(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-05"), 0);
	/* One shared night is enough to clash; inside, around and across both ends too. */
	static const char *const clashes[][2] = {
		{ "2025-07-04", "2025-07-06" }, { "2025-06-28", "2025-07-02" }, { "2025-07-02", "2025-07-03" },
		{ "2025-06-30", "2025-07-10" }, { "2025-07-01", "2025-07-05" },
	};
	for (size_t i = 0; i < sizeof clashes / sizeof clashes[0]; i++) {
		assert_int_equal(book(f, f->room1, f->case2, clashes[i][0], clashes[i][1]), ERR_CONFLICT);
		assert_string_equal(f->msg, "This room is already booked for some of those nights.");
	}
	assert_int_equal(booking_count(f), 1);
	/* Back to back is no overlap: leaving on the 5th frees the night of the 5th. */
	assert_int_equal(book(f, f->room1, f->case2, "2025-07-05", "2025-07-08"), 0);
	assert_int_equal(book(f, f->room1, f->case2, "2025-06-28", "2025-07-01"), 0);
	/* The other room is free on those nights, but person 2 sleeps in room 1 on the 6th. */
	assert_int_equal(book(f, f->room2, f->case2, "2025-07-02", "2025-07-04"), 0);
	assert_int_equal(book(f, f->room2, f->case2, "2025-07-06", "2025-07-07"), ERR_CONFLICT);
	assert_string_equal(f->msg, "This person already has a trial stay on some of those nights.");
	assert_int_equal(booking_count(f), 4);
}

static void test_cancelled_bookings_are_ignored(void **state)
{
	struct fixture *f = *state;
	int64_t id;
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-07-01", "2025-07-31", &id, NULL), 0);
	assert_int_equal(used(f, f->person1, 2025), 30);
	assert_int_equal(stay_cancel(f->db, f->a, id, TODAY, &f->field, &f->msg), 0);
	assert_int_equal(used(f, f->person1, 2025), 0);
	/* The room and the person are free again, and the cancelled nights count for nothing. */
	assert_int_equal(book(f, f->room1, f->case2, "2025-07-10", "2025-07-12"), 0);
	assert_int_equal(book(f, f->room2, f->case1, "2025-07-01", "2025-07-31"), 0);
	assert_int_equal(book(f, f->room2, f->case1, "2025-08-01", "2025-08-21"), 0);
	assert_int_equal(used(f, f->person1, 2025), 50);
}

static void test_same_person_two_rooms(void **state)
{
	struct fixture *f = *state;
	int64_t home2_room = room(f, f->home2, "体験室A");
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-05"), 0);
	assert_int_equal(book(f, f->room2, f->case1, "2025-07-03", "2025-07-04"), ERR_CONFLICT);
	assert_string_equal(f->field, "starts_on");
	assert_int_equal(book(f, home2_room, f->case1, "2025-06-20", "2025-07-02"), ERR_CONFLICT);
	assert_string_equal(f->msg, "This person already has a trial stay on some of those nights.");
	assert_int_equal(book(f, f->room2, f->case1, "2025-07-05", "2025-07-06"), 0);

	/* The rule is the person's, not the case's: a later case of the same person still clashes. */
	assert_int_equal(case_set_stage(f->db, f->a, f->case1, "closed", "withdrawn", TODAY, f->user, TODAY,
					&f->field, &f->msg),
			 0);
	int64_t again = open_case(f, f->person1);
	assert_int_equal(book(f, home2_room, again, "2025-07-04", "2025-07-05"), ERR_CONFLICT);
	assert_int_equal(book(f, home2_room, again, "2025-07-06", "2025-07-07"), 0);
	assert_int_equal(used(f, f->person1, 2025), 6);
}

/* ---- the yearly limit ---- */

static void test_yearly_limit(void **state)
{
	struct fixture *f = *state;
	struct stay_quota q;
	assert_int_equal(stay_nights_per_year(f->db), 50);
	assert_int_equal(book(f, f->room1, f->case1, "2025-04-10", "2025-05-10"), 0); /* 30 */
	/* 30 + 21 = 51: refused, with what is left. */
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-06-01", "2025-06-22", NULL, &q), ERR_INVALID);
	assert_string_equal(f->field, "ends_on");
	assert_non_null(strstr(f->msg, "{left}"));
	assert_int_equal(q.fiscal_year, 2025);
	assert_int_equal(q.limit, 50);
	assert_int_equal(q.used, 30);
	assert_int_equal(q.left, 20);
	/* 30 + 20 = 50: exactly the limit is allowed. */
	assert_int_equal(book(f, f->room1, f->case1, "2025-06-01", "2025-06-21"), 0);
	assert_int_equal(used(f, f->person1, 2025), 50);
	assert_int_equal(book_q(f, f->room2, f->case1, "2025-09-01", "2025-09-02", NULL, &q), ERR_INVALID);
	assert_int_equal(q.left, 0);
	assert_int_equal(q.used, 50);
	/* Another person has a limit of their own; the next fiscal year starts afresh. */
	assert_int_equal(book(f, f->room2, f->case2, "2025-09-01", "2025-09-02"), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2026-04-01", "2026-04-02"), 0);
	assert_int_equal(used(f, f->person1, 2026), 1);
	assert_int_equal(used(f, f->person2, 2025), 1);
}

static void test_stay_across_march_31(void **state)
{
	struct fixture *f = *state;
	struct stay_quota q;
	assert_int_equal(book(f, f->room1, f->case1, "2025-04-01", "2025-05-01"), 0); /* 30 */
	assert_int_equal(book(f, f->room1, f->case1, "2025-05-10", "2025-05-20"), 0); /* 10 */
	/* March 20 – April 9: 12 nights in FY2025 (20..31 March), 8 in FY2026. 40 + 12 > 50. */
	assert_int_equal(book_q(f, f->room1, f->case1, "2026-03-20", "2026-04-09", NULL, &q), ERR_INVALID);
	assert_int_equal(q.fiscal_year, 2025);
	assert_int_equal(q.left, 10);
	/* From March 22: 10 nights in FY2025 (to exactly 50) and 8 in FY2026. */
	int64_t id;
	assert_int_equal(book_q(f, f->room1, f->case1, "2026-03-22", "2026-04-09", &id, NULL), 0);
	assert_int_equal(used(f, f->person1, 2025), 50);
	assert_int_equal(used(f, f->person1, 2026), 8);
	struct access acc = { .role = ROLE_CITY, .today = TODAY };
	struct trial_booking b;
	assert_int_equal(stay_booking_get(f->db, f->a, &acc, id, &b), 0);
	assert_int_equal(b.nights, 18);

	/* The later year can be the one that refuses. With a limit of 10 and 3 nights already in
	 * FY2026, March 29 – April 9 has 3 nights in FY2025 (fine) and 8 in FY2026 (3 + 8 > 10). */
	assert_int_equal(setting_set_int(f->db, STAY_NIGHTS_SETTING, 10), 0);
	assert_int_equal(book(f, f->room2, f->case2, "2026-04-20", "2026-04-23"), 0);
	assert_int_equal(book_q(f, f->room2, f->case2, "2026-03-29", "2026-04-09", NULL, &q), ERR_INVALID);
	assert_int_equal(q.fiscal_year, 2026);
	assert_int_equal(q.used, 3);
	assert_int_equal(q.left, 7);
	assert_int_equal(book(f, f->room2, f->case2, "2026-03-29", "2026-04-08"), 0); /* 3 + 7 = 10 */
	assert_int_equal(used(f, f->person2, 2025), 3);
	assert_int_equal(used(f, f->person2, 2026), 10);
}

static void test_changed_setting(void **state)
{
	struct fixture *f = *state;
	struct stay_quota q;
	assert_int_equal(setting_set_int(f->db, STAY_NIGHTS_SETTING, 10), 0);
	assert_int_equal(stay_nights_per_year(f->db), 10);
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-11"), 0); /* 10 */
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-08-01", "2025-08-02", NULL, &q), ERR_INVALID);
	assert_int_equal(q.limit, 10);
	assert_int_equal(q.left, 0);
	/* Lowered below what is already booked: nothing is left, and never less than nothing. */
	assert_int_equal(setting_set_int(f->db, STAY_NIGHTS_SETTING, 5), 0);
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-08-01", "2025-08-02", NULL, &q), ERR_INVALID);
	assert_int_equal(q.limit, 5);
	assert_int_equal(q.used, 10);
	assert_int_equal(q.left, 0);
	/* Raised: the same stay fits. */
	assert_int_equal(setting_set_int(f->db, STAY_NIGHTS_SETTING, 60), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-08-01", "2025-08-31"), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-09-01", "2025-09-21"), 0);
	assert_int_equal(used(f, f->person1, 2025), 60);
	assert_int_equal(book(f, f->room1, f->case1, "2025-10-01", "2025-10-02"), ERR_INVALID);
}

/* ---- dates and the 30-night cap ---- */

static void test_nights_and_dates(void **state)
{
	struct fixture *f = *state;
	int64_t id;
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-07-01", "2025-07-31", &id, NULL), 0); /* 30 */
	assert_int_equal(book(f, f->room2, f->case2, "2025-07-01", "2025-08-01"), ERR_INVALID); /* 31 */
	assert_string_equal(f->msg, "A trial stay is at most 30 nights at a time.");
	assert_int_equal(book(f, f->room2, f->case2, "2025-07-01", "2025-07-01"), ERR_INVALID);
	assert_string_equal(f->msg, "The day of leaving must come after the first night.");
	assert_int_equal(book(f, f->room2, f->case2, "2025-07-05", "2025-07-01"), ERR_INVALID);
	assert_string_equal(f->field, "ends_on");
	static const char *const unreal[] = { "2025-02-30", "2025-7-1", "2025-13-01", "", "20250701", "2025-07-01x" };
	for (size_t i = 0; i < sizeof unreal / sizeof unreal[0]; i++) {
		assert_int_equal(book(f, f->room2, f->case2, unreal[i], "2025-07-03"), ERR_INVALID);
		assert_string_equal(f->field, "starts_on");
		assert_int_equal(book(f, f->room2, f->case2, "2025-07-01", unreal[i]), ERR_INVALID);
		assert_string_equal(f->field, "ends_on");
	}
	assert_int_equal(book(f, f->room2, f->case2, NULL, "2025-07-03"), ERR_INVALID);
	/* 2024 was a leap year: February 28 to March 1 is two nights. */
	assert_int_equal(book_q(f, f->room2, f->case2, "2024-02-28", "2024-03-01", &id, NULL), 0);
	struct access acc = { .role = ROLE_CITY, .today = TODAY };
	struct trial_booking b;
	assert_int_equal(stay_booking_get(f->db, f->a, &acc, id, &b), 0);
	assert_int_equal(b.nights, 2);
	/* Not before the case opened (2024-01-10), not more than a year ahead. */
	assert_int_equal(book(f, f->room2, f->case2, "2024-01-09", "2024-01-11"), ERR_INVALID);
	assert_string_equal(f->field, "starts_on");
	assert_int_equal(book(f, f->room2, f->case2, "2026-06-01", "2026-06-02"), 0);    /* 365 days */
	assert_int_equal(book(f, f->room2, f->case2, "2026-06-02", "2026-06-03"), ERR_INVALID); /* 366 */
	assert_string_equal(f->msg, "Rooms are booked at most a year ahead.");
	assert_int_equal(booking_count(f), 3);
}

static void test_closed_case_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(case_set_stage(f->db, f->a, f->case1, "closed", "withdrawn", TODAY, f->user, TODAY,
					&f->field, &f->msg),
			 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-03"), ERR_INVALID);
	assert_string_equal(f->field, "case_id");
	assert_string_equal(f->msg, "The case is closed: a trial stay needs an open case.");
	assert_int_equal(book(f, f->room1, 999999, "2025-07-01", "2025-07-03"), ERR_NOTFOUND);
	assert_int_equal(booking_count(f), 0);
}

/* ---- rooms ---- */

static void test_rooms_only_in_group_homes(void **state)
{
	struct fixture *f = *state;
	struct trial_room r = { .organisation_id = f->day_service, .name = "体験室" };
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_INVALID);
	assert_string_equal(f->field, "organisation_id");
	assert_string_equal(f->msg, "Only an active group home can have trial-stay rooms.");
	r.organisation_id = 999999;
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_INVALID);
	/* A group home that stops being one (or active) takes no more bookings in its rooms. */
	struct organisation o;
	assert_int_equal(directory_org_get(f->db, f->a, f->home1, &o), 0);
	o.kind = "day_service";
	o.sector = "";
	assert_int_equal(directory_org_save(f->db, f->a, &o, &f->msg), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-03"), ERR_INVALID);
	assert_string_equal(f->field, "room_id");
	r = (struct trial_room){ .organisation_id = f->home1, .name = "体験室3" };
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_INVALID);
	o.kind = "group_home";
	o.active = false;
	assert_int_equal(directory_org_save(f->db, f->a, &o, &f->msg), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-03"), ERR_INVALID);
	o.active = true;
	assert_int_equal(directory_org_save(f->db, f->a, &o, &f->msg), 0);
	assert_int_equal(book(f, f->room1, f->case1, "2025-07-01", "2025-07-03"), 0);
	assert_int_equal(book(f, 999999, f->case2, "2025-07-01", "2025-07-03"), ERR_INVALID);
}

static void test_room_names_and_deactivation(void **state)
{
	struct fixture *f = *state;
	/* The same name in the same home clashes, after NFKC and trimming too. */
	struct trial_room r = { .organisation_id = f->home1, .name = "体験室1" };
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_CONFLICT);
	assert_string_equal(f->field, "name");
	r.name = "  体験室１ ";
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_CONFLICT);
	/* Another home may use it. */
	r.organisation_id = f->home2;
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), 0);
	assert_string_equal(r.name, "体験室1");
	r = (struct trial_room){ .organisation_id = f->home1, .name = "   " };
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_INVALID);
	char long_name[STAY_ROOM_NAME_MAX + 2];
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	r.name = long_name;
	assert_int_equal(stay_room_create(f->db, f->a, &r, &f->field, &f->msg), ERR_INVALID);

	struct trial_room *rooms;
	size_t n;
	assert_int_equal(stay_rooms(f->db, f->a, f->home1, false, &rooms, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rooms[0].name, "体験室1");
	assert_string_equal(rooms[0].organisation_name, "グループホームあさひ");
	assert_int_equal(stay_rooms(f->db, f->a, 0, false, &rooms, &n), 0);
	assert_int_equal(n, 3);

	/* Rename and deactivate: the room keeps its bookings and takes no new ones. */
	assert_int_equal(book(f, f->room2, f->case1, "2025-07-01", "2025-07-03"), 0);
	struct trial_room upd = { .id = f->room2, .name = "体験室1", .active = false };
	assert_int_equal(stay_room_update(f->db, f->a, &upd, &f->field, &f->msg), ERR_CONFLICT);
	upd.name = "和室";
	assert_int_equal(stay_room_update(f->db, f->a, &upd, &f->field, &f->msg), 0);
	struct trial_room got;
	assert_int_equal(stay_room_get(f->db, f->a, f->room2, &got), 0);
	assert_string_equal(got.name, "和室");
	assert_false(got.active);
	assert_int_equal(book(f, f->room2, f->case2, "2025-08-01", "2025-08-03"), ERR_INVALID);
	assert_string_equal(f->field, "room_id");
	assert_int_equal(stay_rooms(f->db, f->a, f->home1, true, &rooms, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(booking_count(f), 1);
	upd.id = 999999;
	assert_int_equal(stay_room_update(f->db, f->a, &upd, &f->field, &f->msg), ERR_NOTFOUND);
	assert_int_equal(stay_room_get(f->db, f->a, 999999, &got), ERR_NOTFOUND);
}

/* ---- cancel, outcome, listings ---- */

static void test_cancel_and_outcome(void **state)
{
	struct fixture *f = *state;
	int64_t past, now, later;
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-05-01", "2025-05-04", &past, NULL), 0);
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-05-31", "2025-06-02", &now, NULL), 0);
	assert_int_equal(book_q(f, f->room1, f->case1, "2025-07-01", "2025-07-04", &later, NULL), 0);
	/* Over: record how it went instead. Under way or to come: cancellable. */
	assert_int_equal(stay_cancel(f->db, f->a, past, TODAY, &f->field, &f->msg), ERR_INVALID);
	assert_int_equal(stay_record_outcome(f->db, f->a, later, "よく眠れた", TODAY, &f->field, &f->msg), ERR_INVALID);
	assert_string_equal(f->field, "outcome");
	assert_int_equal(stay_record_outcome(f->db, f->a, past, "  ", TODAY, &f->field, &f->msg), ERR_INVALID);
	char *big = test_malloc(STAY_OUTCOME_MAX + 2);
	memset(big, 'a', STAY_OUTCOME_MAX + 1);
	big[STAY_OUTCOME_MAX + 1] = '\0';
	assert_int_equal(stay_record_outcome(f->db, f->a, past, big, TODAY, &f->field, &f->msg), ERR_INVALID);
	big[STAY_OUTCOME_MAX] = '\0';
	assert_int_equal(stay_record_outcome(f->db, f->a, past, big, TODAY, &f->field, &f->msg), 0);
	test_free(big);
	assert_int_equal(stay_record_outcome(f->db, f->a, past, "ｸﾞｯｽﾘ眠れた ", TODAY, &f->field, &f->msg), 0);
	assert_int_equal(stay_record_outcome(f->db, f->a, now, "初日は緊張", TODAY, &f->field, &f->msg), 0);
	assert_int_equal(stay_cancel(f->db, f->a, now, TODAY, &f->field, &f->msg), ERR_INVALID); /* done */
	assert_int_equal(stay_cancel(f->db, f->a, later, TODAY, &f->field, &f->msg), 0);
	assert_int_equal(stay_cancel(f->db, f->a, later, TODAY, &f->field, &f->msg), ERR_INVALID);
	assert_string_equal(f->msg, "Only a booked stay can be cancelled.");
	assert_int_equal(stay_record_outcome(f->db, f->a, later, "来なかった", TODAY, &f->field, &f->msg), ERR_INVALID);
	assert_int_equal(stay_cancel(f->db, f->a, 999999, TODAY, &f->field, &f->msg), ERR_NOTFOUND);
	assert_int_equal(stay_record_outcome(f->db, f->a, 999999, "x", TODAY, &f->field, &f->msg), ERR_NOTFOUND);

	struct access acc = { .role = ROLE_COUNSELOR, .organisation_id = f->counsellor, .today = TODAY };
	struct trial_booking *v;
	size_t n;
	assert_int_equal(stay_bookings_by_case(f->db, f->a, &acc, f->case1, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, later); /* latest first */
	assert_string_equal(v[0].status, "cancelled");
	assert_string_equal(v[2].status, "done");
	assert_string_equal(v[2].outcome, "グッスリ眠れた"); /* NFKC, trimmed */
	assert_int_equal(v[2].nights, 3);
}

static void test_who_sees_the_person(void **state)
{
	struct fixture *f = *state;
	int64_t home2_room = room(f, f->home2, "体験室A");
	assert_int_equal(book(f, f->room1, f->case1, "2025-06-05", "2025-06-08"), 0);
	assert_int_equal(book(f, home2_room, f->case2, "2025-06-05", "2025-06-08"), 0);
	assert_int_equal(book(f, f->room2, f->case2, "2025-09-01", "2025-09-03"), 0); /* far off */
	assert_int_equal(book(f, home2_room, f->case2, "2025-05-01", "2025-05-03"), 0); /* over, no outcome */

	struct {
		struct access acc;  /* the reader */
		bool sees_case1;    /* the person in room 1 */
		bool sees_case2;    /* the person in home 2's room */
	} readers[] = {
		{ { ROLE_COUNSELOR, 0, 0, TODAY }, true, true },   /* leads both cases */
		{ { ROLE_COUNSELOR, 0, 0, TODAY }, false, false }, /* another office */
		{ { ROLE_PROVIDER, 0, 0, TODAY }, true, false },   /* home 1: its own room's guest */
		{ { ROLE_PROVIDER, 0, 0, TODAY }, false, true },   /* home 2 */
		{ { ROLE_CITY, 0, 0, TODAY }, true, true },
		{ { ROLE_AGENT, 0, 0, TODAY }, false, false },
	};
	readers[0].acc.organisation_id = f->counsellor;
	readers[1].acc.organisation_id = f->other_office;
	readers[2].acc.organisation_id = f->home1;
	readers[3].acc.organisation_id = f->home2;
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		struct trial_booking *v;
		size_t n;
		assert_int_equal(stay_bookings_upcoming(f->db, f->a, &readers[i].acc, 0, TODAY, 28, &v, &n), 0);
		assert_int_equal(n, 3); /* everyone sees the nights taken */
		assert_string_equal(v[0].starts_on, "2025-05-01"); /* waits for its outcome */
		for (size_t k = 0; k < n; k++) {
			bool want = v[k].case_id == f->case1 ? readers[i].sees_case1 : readers[i].sees_case2;
			if (v[k].visible != want)
				fail_msg("reader %zu, booking %zu: visible %d", i, k, v[k].visible);
			if (want) {
				assert_non_null(v[k].person_name);
				assert_true(v[k].person_id > 0);
			} else {
				assert_null(v[k].person_name);
				assert_int_equal(v[k].person_id, 0);
				assert_null(v[k].outcome);
			}
		}
	}
	/* Only home 1's rooms, and a window reaching the far booking. */
	struct trial_booking *v;
	size_t n;
	assert_int_equal(stay_bookings_upcoming(f->db, f->a, &readers[0].acc, f->home1, TODAY, 28, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(stay_bookings_upcoming(f->db, f->a, &readers[0].acc, f->home1, TODAY, 100, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].person_name, "静岡 花子");
	assert_string_equal(v[1].person_name, "清水 花子");
	assert_string_equal(v[1].room_name, "体験室2");
	assert_string_equal(v[1].organisation_name, "グループホームあさひ");
	assert_int_equal(stay_bookings_upcoming(f->db, f->a, &readers[0].acc, 0, "2025-02-30", 7, &v, &n), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_overlap_same_room, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancelled_bookings_are_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_person_two_rooms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_yearly_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stay_across_march_31, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nights_and_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_case_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rooms_only_in_group_homes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_room_names_and_deactivation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_and_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_sees_the_person, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
