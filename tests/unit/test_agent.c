/*
 * test_agent — the real-estate side of the housing referral system (domain/agent.c): registering
 * firms (a clash of name or member number, no ward, an organisation of the directory taken over),
 * trainings (not in the future), cooperation (refused before a training, twice, ended), the count
 * of cooperating firms on the days around a period (the day it ended too), listings (validation,
 * the firm kept on update, status filter), the open listings of cooperating firms only, a
 * listing's status set by the housing request, and feedback. A fresh database for each test
 * (domain_fixture.h), "today" fixed at FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/agent.h"
#include "error.h"

/* Registers a firm named name, member number no, covering the wards given (NULL-terminated). */
static int firm_try(struct fixture *f, const char *name, const char *no, const char *const *wards,
		    int64_t *id, const char **field)
{
	size_t n = 0;
	while (wards && wards[n])
		n++;
	struct agent_firm firm = { .name = (char *)name, .member_no = (char *)no, .contact_name = "宅建 太郎",
				   .phone = "054-000-0101", .wards = (char **)wards, .n_wards = n };
	const char *fld = NULL, *msg = NULL;
	int rc = agent_firm_create(f->db, f->a, "221007", &firm, &fld, &msg);
	if (id)
		*id = firm.organisation_id;
	if (field)
		*field = fld;
	return rc;
}

static int64_t firm(struct fixture *f, const char *name, const char *no, const char *ward)
{
	const char *wards[] = { ward, NULL };
	int64_t id = 0;
	const char *field = NULL;
	int rc = firm_try(f, name, no, wards, &id, &field);
	if (rc)
		fail_msg("agent_firm_create %s: %d %s", name, rc, field ? field : "?");
	return id;
}

static int train(struct fixture *f, int64_t org, const char *on)
{
	struct agent_training t = { .organisation_id = org, .trained_on = (char *)on, .attendees = 2,
				    .title = "住宅あっせん協力店研修" };
	const char *field = NULL, *msg = NULL;
	return agent_training_add(f->db, f->a, &t, f->user, FIXTURE_TODAY, &field, &msg);
}

static int start(struct fixture *f, int64_t org, const char *on, const char **field)
{
	const char *fld = NULL, *msg = NULL;
	int rc = agent_cooperation_start(f->db, f->a, org, on, &fld, &msg);
	if (field)
		*field = fld;
	return rc;
}

static int end(struct fixture *f, int64_t org, const char *on)
{
	const char *field = NULL, *msg = NULL;
	return agent_cooperation_end(f->db, f->a, org, on, &field, &msg);
}

static int count_on(struct fixture *f, const char *on)
{
	int n = -1;
	assert_int_equal(agent_count_cooperating(f->db, on, &n), 0);
	return n;
}

/* A listing that passes every rule, of firm org. */
static struct listing good_listing(int64_t org)
{
	return (struct listing){ .organisation_id = org, .ward_code = SURUGA, .address = "静岡市駿河区敷地二丁目（デモ）",
				 .rent = 36000, .fees = 2000, .deposit = 36000, .key_money = 0, .layout = "1K",
				 .floor = 1, .lift = false, .access_kind = "station", .access_name = "東静岡駅",
				 .access_minutes = 12, .guarantor = "company", .public_assistance = true,
				 .available_from = "2025-07-01", .status = "open" };
}

static int save(struct fixture *f, struct listing *l, const char **field)
{
	const char *fld = NULL, *msg = NULL;
	int rc = listing_save(f->db, f->a, l, &fld, &msg);
	if (field)
		*field = fld;
	return rc;
}

static int64_t listing(struct fixture *f, int64_t org, const char *status)
{
	struct listing l = good_listing(org);
	l.status = (char *)status;
	const char *field = NULL;
	int rc = save(f, &l, &field);
	if (rc)
		fail_msg("listing_save: %d %s", rc, field ? field : "?");
	return l.id;
}

/* ---- firms ---- */

static void test_firm_create_and_read(void **state)
{
	struct fixture *f = *state;
	const char *wards[] = { AOI, SHIMIZU, AOI, NULL }; /* a repeat is kept once */
	int64_t id = 0;
	assert_int_equal(firm_try(f, "ｱｵｲ不動産", "静宅-0001", wards, &id, NULL), 0);
	assert_true(id > 0);
	struct agent_firm g;
	assert_int_equal(agent_firm_get(f->db, f->a, id, &g), 0);
	assert_string_equal(g.name, "アオイ不動産"); /* NFKC: half-width kana made full width */
	assert_string_equal(g.member_no, "静宅-0001");
	assert_int_equal(g.n_wards, 2);
	assert_string_equal(g.wards[0], AOI);
	assert_string_equal(g.wards[1], SHIMIZU);
	assert_null(g.trained_on);
	assert_null(g.cooperating_from);
	assert_true(g.active);
	struct organisation o;
	assert_int_equal(directory_org_get(f->db, f->a, id, &o), 0);
	assert_string_equal(o.kind, "real_estate");
	assert_string_equal(o.sector, "housing");
	/* An organisation that is not a firm is not found as one. */
	assert_int_equal(agent_firm_get(f->db, f->a, f->hospital, &g), ERR_NOTFOUND);
}

static void test_firm_create_refusals(void **state)
{
	struct fixture *f = *state;
	const char *aoi[] = { AOI, NULL }, *none[] = { NULL }, *bogus[] = { "999999", NULL };
	const char *field = NULL;
	firm(f, "葵不動産", "静宅-0002", AOI);
	assert_int_equal(firm_try(f, "葵不動産", "静宅-0003", aoi, NULL, &field), ERR_CONFLICT);
	assert_string_equal(field, "name");
	assert_int_equal(firm_try(f, "別の不動産", "静宅-0002", aoi, NULL, &field), ERR_CONFLICT);
	assert_string_equal(field, "member_no");
	assert_int_equal(firm_try(f, "別の不動産", "静宅-0004", none, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "wards");
	assert_int_equal(firm_try(f, "別の不動産", "静宅-0004", bogus, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "wards");
	assert_int_equal(firm_try(f, "  ", "静宅-0004", aoi, NULL, &field), ERR_INVALID);
	assert_string_equal(field, "name");
	struct agent_firm bad_phone = { .name = "別の不動産", .member_no = "静宅-0004", .contact_name = "担当",
					.phone = "電話なし", .wards = (char **)aoi, .n_wards = 1 };
	const char *msg = NULL;
	assert_int_equal(agent_firm_create(f->db, f->a, "221007", &bad_phone, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "phone");
	/* None of the refusals left an organisation or a firm behind. */
	int64_t id;
	assert_int_equal(directory_org_find(f->db, f->a, "別の不動産", &id), ERR_NOTFOUND);
	struct agent_firm *v;
	size_t n;
	assert_int_equal(agent_firms(f->db, f->a, &v, &n), 0);
	assert_int_equal(n, 1);
}

static void test_firm_from_directory(void **state)
{
	struct fixture *f = *state;
	const char *suruga[] = { SURUGA, NULL };
	struct agent_firm g = { .organisation_id = f->agent, .member_no = "静宅-0010", .contact_name = "担当 次郎",
				.phone = "054-000-0110", .email = "info@example.jp", .wards = (char **)suruga,
				.n_wards = 1 };
	const char *field = NULL, *msg = NULL;
	assert_int_equal(agent_firm_create(f->db, f->a, "221007", &g, &field, &msg), 0);
	assert_int_equal(g.organisation_id, f->agent);
	assert_string_equal(g.name, "不動産R");
	assert_int_equal(agent_firm_create(f->db, f->a, "221007", &g, &field, &msg), ERR_CONFLICT);
	struct agent_firm h = g;
	h.organisation_id = f->hospital;
	h.member_no = "静宅-0011";
	assert_int_equal(agent_firm_create(f->db, f->a, "221007", &h, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "organisation_id");

	/* Update: contact and wards change, the member number may not take another firm's. */
	int64_t other = firm(f, "清水不動産", "静宅-0012", SHIMIZU);
	const char *both[] = { SURUGA, SHIMIZU };
	struct agent_firm u = { .organisation_id = f->agent, .member_no = "静宅-0012", .contact_name = "新担当",
				.phone = "054-000-0111", .wards = (char **)both, .n_wards = 2 };
	assert_int_equal(agent_firm_update(f->db, f->a, &u, &field, &msg), ERR_CONFLICT);
	assert_string_equal(field, "member_no");
	u.member_no = "静宅-0010";
	assert_int_equal(agent_firm_update(f->db, f->a, &u, &field, &msg), 0);
	struct agent_firm r;
	assert_int_equal(agent_firm_get(f->db, f->a, f->agent, &r), 0);
	assert_string_equal(r.contact_name, "新担当");
	assert_null(r.email);
	assert_int_equal(r.n_wards, 2);
	u.organisation_id = f->hospital;
	assert_int_equal(agent_firm_update(f->db, f->a, &u, &field, &msg), ERR_NOTFOUND);
	assert_int_equal(agent_firm_get(f->db, f->a, other, &r), 0);
	assert_string_equal(r.member_no, "静宅-0012");
}

/* ---- trainings and cooperation ---- */

static void test_cooperation_needs_training(void **state)
{
	struct fixture *f = *state;
	int64_t id = firm(f, "駿河不動産", "静宅-0020", SURUGA);
	const char *field = NULL;
	assert_int_equal(start(f, id, FIXTURE_TODAY, &field), ERR_INVALID);
	assert_string_equal(field, "cooperation");
	/* A training in the future is refused, and does not make one. */
	assert_int_equal(train(f, id, "2025-06-16"), ERR_INVALID);
	assert_int_equal(train(f, id, "2025-02-30"), ERR_INVALID);
	assert_int_equal(start(f, id, FIXTURE_TODAY, NULL), ERR_INVALID);
	struct agent_training bad = { .organisation_id = id, .trained_on = "2025-06-01", .attendees = 0, .title = "研修" };
	const char *msg = NULL;
	assert_int_equal(agent_training_add(f->db, f->a, &bad, f->user, FIXTURE_TODAY, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "attendees");
	/* Today is not the future; full-width digits are read. */
	assert_int_equal(train(f, id, "２０２５-０６-１５"), 0);
	struct agent_training *t;
	size_t n;
	assert_int_equal(agent_trainings(f->db, f->a, id, &t, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].trained_on, "2025-06-15");
	/* A training after the day cooperation would start does not count for it. */
	assert_int_equal(start(f, id, "2025-06-14", NULL), ERR_INVALID);
	assert_int_equal(start(f, id, FIXTURE_TODAY, NULL), 0);
	assert_int_equal(start(f, id, FIXTURE_TODAY, &field), ERR_CONFLICT);
	struct agent_firm g;
	assert_int_equal(agent_firm_get(f->db, f->a, id, &g), 0);
	assert_string_equal(g.trained_on, "2025-06-15");
	assert_string_equal(g.cooperating_from, FIXTURE_TODAY);
	/* Training a missing firm is not found. */
	assert_int_equal(train(f, f->hospital, "2025-06-01"), ERR_NOTFOUND);
}

static void test_cooperation_end_and_count(void **state)
{
	struct fixture *f = *state;
	int64_t a = firm(f, "葵不動産", "静宅-0030", AOI), b = firm(f, "清水不動産", "静宅-0031", SHIMIZU);
	firm(f, "未研修不動産", "静宅-0032", SURUGA);
	assert_int_equal(train(f, a, "2025-03-20"), 0);
	assert_int_equal(train(f, b, "2025-03-25"), 0);
	assert_int_equal(end(f, a, "2025-04-01"), ERR_INVALID); /* nothing to end yet */
	assert_int_equal(start(f, a, "2025-04-01", NULL), 0);
	assert_int_equal(start(f, b, "2025-05-01", NULL), 0);
	assert_int_equal(end(f, a, "2025-06-10"), 0);
	assert_int_equal(end(f, a, "2025-06-11"), ERR_INVALID);

	assert_int_equal(count_on(f, "2025-03-31"), 0);
	assert_int_equal(count_on(f, "2025-04-01"), 1); /* from the first day */
	assert_int_equal(count_on(f, "2025-05-01"), 2);
	assert_int_equal(count_on(f, "2025-06-09"), 2);
	assert_int_equal(count_on(f, "2025-06-10"), 1); /* ended on the day: not at its end */
	assert_int_equal(count_on(f, "2026-03-31"), 1);
	int n;
	assert_int_equal(agent_count_cooperating(f->db, "2025-13-01", &n), ERR_INVALID);

	bool yes = true;
	assert_int_equal(agent_firm_cooperating(f->db, a, "2025-06-09", &yes), 0);
	assert_true(yes);
	assert_int_equal(agent_firm_cooperating(f->db, a, "2025-06-10", &yes), 0);
	assert_false(yes);
	assert_int_equal(agent_firm_cooperating(f->db, b, FIXTURE_TODAY, &yes), 0);
	assert_true(yes);

	struct agent_period *p;
	size_t np;
	assert_int_equal(agent_periods(f->db, f->a, a, &p, &np), 0);
	assert_int_equal(np, 1);
	assert_string_equal(p[0].from_on, "2025-04-01");
	assert_string_equal(p[0].until_on, "2025-06-10");
	/* It may start again after it ended: a second period. */
	assert_int_equal(start(f, a, FIXTURE_TODAY, NULL), 0);
	assert_int_equal(agent_periods(f->db, f->a, a, &p, &np), 0);
	assert_int_equal(np, 2);
	assert_null(p[0].until_on);
	assert_int_equal(count_on(f, FIXTURE_TODAY), 2);

	/* Cooperating firms, by ward. */
	struct agent_firm *v;
	size_t nv;
	assert_int_equal(agent_firms_cooperating(f->db, f->a, NULL, FIXTURE_TODAY, &v, &nv), 0);
	assert_int_equal(nv, 2);
	assert_int_equal(agent_firms_cooperating(f->db, f->a, SHIMIZU, FIXTURE_TODAY, &v, &nv), 0);
	assert_int_equal(nv, 1);
	assert_int_equal(v[0].organisation_id, b);
	assert_int_equal(v[0].n_wards, 1);
	assert_int_equal(agent_firms_cooperating(f->db, f->a, SURUGA, FIXTURE_TODAY, &v, &nv), 0);
	assert_int_equal(nv, 0);
}

static void test_cooperation_inactive(void **state)
{
	struct fixture *f = *state;
	int64_t id = firm(f, "閉店不動産", "静宅-0040", AOI);
	assert_int_equal(train(f, id, "2025-05-01"), 0);
	struct organisation o;
	assert_int_equal(directory_org_get(f->db, f->a, id, &o), 0);
	o.active = false;
	const char *msg = NULL;
	assert_int_equal(directory_org_save(f->db, f->a, &o, &msg), 0);
	assert_int_equal(start(f, id, FIXTURE_TODAY, NULL), ERR_INVALID);
	assert_int_equal(start(f, f->hospital, FIXTURE_TODAY, NULL), ERR_NOTFOUND);
}

/* ---- listings ---- */

static void test_listing_validation(void **state)
{
	struct fixture *f = *state;
	int64_t id = firm(f, "駿河不動産", "静宅-0050", SURUGA);
	const char *field = NULL;
	struct listing l = good_listing(id);
	l.rent = 0;
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "rent");
	l = good_listing(id);
	l.rent = LISTING_RENT_MAX + 1;
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "rent");
	l = good_listing(id);
	l.floor = 0;
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "floor");
	l = good_listing(id);
	l.fees = -1;
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "fees");
	l = good_listing(id);
	l.layout = "5LDK";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "layout");
	l = good_listing(id);
	l.guarantor = "uncle";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "guarantor");
	l = good_listing(id);
	l.access_kind = "ferry";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "access_kind");
	l = good_listing(id);
	l.access_minutes = 121;
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "access_minutes");
	l = good_listing(id);
	l.available_from = "2025-02-29";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "available_from");
	l = good_listing(id);
	l.status = "sold";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "status");
	l = good_listing(id);
	l.ward_code = "999999";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "ward_code");
	l = good_listing(id);
	l.address = "　";
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_string_equal(field, "address");
	/* Not a firm: refused as a whole. */
	l = good_listing(f->hospital);
	assert_int_equal(save(f, &l, &field), ERR_INVALID);
	assert_null(field);

	struct listing *v;
	size_t n;
	assert_int_equal(listings_of(f->db, f->a, 0, NULL, &v, &n), 0);
	assert_int_equal(n, 0);
}

static void test_listing_save_and_update(void **state)
{
	struct fixture *f = *state;
	int64_t a = firm(f, "駿河不動産", "静宅-0060", SURUGA), b = firm(f, "清水不動産", "静宅-0061", SHIMIZU);
	struct listing l = good_listing(a);
	l.status = NULL; /* open when not given */
	l.note = "  ";
	assert_int_equal(save(f, &l, NULL), 0);
	struct listing g;
	assert_int_equal(listing_get(f->db, f->a, l.id, &g), 0);
	assert_string_equal(g.status, "open");
	assert_null(g.note);
	assert_string_equal(g.firm_name, "駿河不動産");
	assert_int_equal(g.rent, 36000);
	assert_true(g.public_assistance);
	assert_non_null(g.updated_on);
	/* An update replaces the fields but never the firm. */
	g.organisation_id = b;
	g.rent = 41000;
	g.floor = 3;
	g.lift = true;
	g.status = "held";
	assert_int_equal(save(f, &g, NULL), 0);
	struct listing r;
	assert_int_equal(listing_get(f->db, f->a, l.id, &r), 0);
	assert_int_equal(r.organisation_id, a);
	assert_int_equal(r.rent, 41000);
	assert_int_equal(r.floor, 3);
	assert_true(r.lift);
	assert_string_equal(r.status, "held");
	g.id = 999999;
	assert_int_equal(save(f, &g, NULL), ERR_NOTFOUND);
	assert_int_equal(listing_get(f->db, f->a, 999999, &r), ERR_NOTFOUND);

	listing(f, b, "open");
	listing(f, a, "withdrawn");
	struct listing *v;
	size_t n;
	assert_int_equal(listings_of(f->db, f->a, a, NULL, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].status, "withdrawn"); /* newest first */
	const char *const held_open[] = { "held", "open", NULL };
	assert_int_equal(listings_of(f->db, f->a, 0, held_open, &v, &n), 0);
	assert_int_equal(n, 2);
	const char *const nothing[] = { NULL };
	assert_int_equal(listings_of(f->db, f->a, 0, nothing, &v, &n), 0);
	assert_int_equal(n, 0);
	const char *const bogus[] = { "sold", NULL };
	assert_int_equal(listings_of(f->db, f->a, 0, bogus, &v, &n), ERR_INVALID);
}

static void test_listings_open(void **state)
{
	struct fixture *f = *state;
	int64_t coop = firm(f, "協力不動産", "静宅-0070", SURUGA), idle = firm(f, "未協力不動産", "静宅-0071", AOI);
	assert_int_equal(train(f, coop, "2025-05-01"), 0);
	assert_int_equal(start(f, coop, "2025-05-02", NULL), 0);
	int64_t open1 = listing(f, coop, "open"), open2 = listing(f, coop, "open");
	listing(f, coop, "held");
	listing(f, coop, "contracted");
	listing(f, idle, "open"); /* a firm not cooperating: never offered */
	struct listing *v;
	size_t n;
	assert_int_equal(listings_open(f->db, f->a, FIXTURE_TODAY, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, open2);
	assert_int_equal(v[1].id, open1);
	/* Before the firm cooperated, nothing. */
	assert_int_equal(listings_open(f->db, f->a, "2025-05-01", 0, &v, &n), 0);
	assert_int_equal(n, 0);
	struct agent_firm g;
	assert_int_equal(agent_firm_get(f->db, f->a, coop, &g), 0);
	assert_int_equal(g.open_listings, 2);

	/* The housing request holds a flat: it leaves the open ones. */
	assert_int_equal(listing_set_status(f->db, open1, "held"), 0);
	assert_int_equal(listings_open(f->db, f->a, FIXTURE_TODAY, 0, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, open2);
	assert_int_equal(listing_set_status(f->db, open1, "sold"), ERR_INVALID);
	assert_int_equal(listing_set_status(f->db, 999999, "open"), ERR_NOTFOUND);
	struct listing r;
	assert_int_equal(listing_get(f->db, f->a, open1, &r), 0);
	assert_string_equal(r.status, "held");

	/* Once the cooperation ends, its flats are no longer offered. */
	assert_int_equal(end(f, coop, FIXTURE_TODAY), 0);
	assert_int_equal(listings_open(f->db, f->a, FIXTURE_TODAY, 0, &v, &n), 0);
	assert_int_equal(n, 0);
}

/* ---- feedback ---- */

static void test_feedback(void **state)
{
	struct fixture *f = *state;
	int64_t a = firm(f, "駿河不動産", "静宅-0080", SURUGA), b = firm(f, "清水不動産", "静宅-0081", SHIMIZU);
	const char *field = NULL, *msg = NULL;
	struct agent_feedback fb = { .organisation_id = a, .topic = "sheet", .body = "  シートに緊急連絡先の続柄も欲しい。 " };
	assert_int_equal(agent_feedback_add(f->db, f->a, &fb, f->user, &field, &msg), 0);
	assert_true(fb.id > 0);
	assert_string_equal(fb.body, "シートに緊急連絡先の続柄も欲しい。");
	struct agent_feedback fb2 = { .organisation_id = b, .topic = "training", .body = "研修を夜にも。" };
	assert_int_equal(agent_feedback_add(f->db, f->a, &fb2, f->user, &field, &msg), 0);
	struct agent_feedback bad = { .organisation_id = a, .topic = "gossip", .body = "x" };
	assert_int_equal(agent_feedback_add(f->db, f->a, &bad, f->user, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "topic");
	bad.topic = "other";
	bad.body = " ";
	assert_int_equal(agent_feedback_add(f->db, f->a, &bad, f->user, &field, &msg), ERR_INVALID);
	assert_string_equal(field, "body");
	bad.organisation_id = f->hospital;
	bad.body = "x";
	assert_int_equal(agent_feedback_add(f->db, f->a, &bad, f->user, &field, &msg), ERR_INVALID);

	struct agent_feedback *v;
	size_t n;
	assert_int_equal(agent_feedback_list(f->db, f->a, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, fb2.id); /* newest first */
	assert_string_equal(v[0].firm_name, "清水不動産");
	assert_non_null(v[0].sent_on);
	assert_int_equal(agent_feedback_list(f->db, f->a, a, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].topic, "sheet");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_firm_create_and_read, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_firm_create_refusals, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_firm_from_directory, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cooperation_needs_training, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cooperation_end_and_count, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cooperation_inactive, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_listing_validation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_listing_save_and_update, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_listings_open, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_feedback, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
