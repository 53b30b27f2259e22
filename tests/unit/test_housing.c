/*
 * test_housing — housing requests of the referral system (domain/housing.c, housing_agent.c,
 * housing_match.c, support_sheet.c): what a request needs before it can be sent, who among the
 * agents may reach it (sent to the firm, the firm cooperating, the consent in force — and the one
 * answer when not), the allow-listed sheet, the steps to moving in and what they do to the flat,
 * the ranking of flats with its reasons, tenancy concerns, and the count of moves through the
 * scheme. Fresh database per test (domain_fixture.h), today fixed at FIXTURE_TODAY (2025-06-15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain_fixture.h"

#include "domain/access.h"
#include "domain/agent.h"
#include "domain/housing.h"
#include "domain/support_sheet.h"
#include "error.h"

struct world {
	struct fixture *f;
	int64_t person, kase;  /* born 1978-09-14: 46 on FIXTURE_TODAY */
	int64_t firm1, firm2;  /* cooperating firms (駿河区, 葵区) */
	int64_t firm3;         /* registered, never trained */
	int64_t flat_cheap;    /* firm1, 駿河区, ground floor, 35,000 + 2,000, public assistance */
	int64_t flat_dear;     /* firm1, 駿河区, 3rd floor no lift, 58,000 + 3,000 */
	int64_t flat_aoi;      /* firm2, 葵区, 2nd floor with lift, 42,000 + 0 */
	const char *field, *msg;
};

static int64_t firm(struct world *w, const char *name, const char *member, const char *ward, bool cooperate)
{
	char *wards[] = { (char *)ward };
	struct agent_firm a = { .name = (char *)name, .member_no = (char *)member, .contact_name = "担当 一郎",
				.phone = "054-000-0000", .wards = wards, .n_wards = 1, .ward_code = (char *)ward,
				.active = true };
	int rc = agent_firm_create(w->f->db, w->f->a, "221007", &a, &w->field, &w->msg);
	if (rc)
		fail_msg("agent_firm_create: %s %s", w->field ? w->field : "?", w->msg ? w->msg : "?");
	if (cooperate) {
		struct agent_training t = { .organisation_id = a.organisation_id, .trained_on = "2025-05-20",
					    .attendees = 2, .title = "宅建協会研修" };
		assert_int_equal(agent_training_add(w->f->db, w->f->a, &t, w->f->user, FIXTURE_TODAY, &w->field, &w->msg), 0);
		assert_int_equal(agent_cooperation_start(w->f->db, w->f->a, a.organisation_id, "2025-06-01", &w->field,
							 &w->msg), 0);
	}
	return a.organisation_id;
}

static int64_t flat(struct world *w, int64_t org, const char *ward, int rent, int fees, int floor, bool lift,
		    int minutes, bool pa)
{
	struct listing l = { .organisation_id = org, .ward_code = (char *)ward, .address = "静岡市内（試験）",
			     .rent = rent, .fees = fees, .layout = "1K", .floor = floor, .lift = lift,
			     .access_kind = "station", .access_name = "静岡駅", .access_minutes = minutes,
			     .guarantor = "company", .public_assistance = pa, .available_from = "2025-06-01",
			     .status = "open" };
	int rc = listing_save(w->f->db, w->f->a, &l, &w->field, &w->msg);
	if (rc)
		fail_msg("listing_save: %s %s", w->field ? w->field : "?", w->msg ? w->msg : "?");
	return l.id;
}

static int setup(void **state)
{
	if (fixture_setup(state))
		return -1;
	struct world *w = test_calloc(1, sizeof *w);
	w->f = *state;
	w->person = fixture_person(w->f, "北村", "由美", "キタムラ", "ユミ", "1978-09-14", SURUGA, 0);
	w->kase = fixture_case(w->f, w->person, w->f->counsel_b, "2025-01-10");
	w->firm1 = firm(w, "ふじみ不動産（試験）", "静宅-0001", SURUGA, true);
	w->firm2 = firm(w, "あおい住宅（試験）", "静宅-0002", AOI, true);
	w->firm3 = firm(w, "未研修不動産（試験）", "静宅-0003", SHIMIZU, false);
	w->flat_cheap = flat(w, w->firm1, SURUGA, 35000, 2000, 1, false, 6, true);
	w->flat_dear = flat(w, w->firm1, SURUGA, 58000, 3000, 3, false, 15, false);
	w->flat_aoi = flat(w, w->firm2, AOI, 42000, 0, 2, true, 9, false);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	*state = w->f;
	test_free(w);
	return fixture_teardown(state);
}

static struct access acc_of(enum role role, int64_t org)
{
	struct access a = { .role = role, .organisation_id = org, .user_id = 1 };
	strcpy(a.today, FIXTURE_TODAY);
	return a;
}

static void consent(struct world *w)
{
	assert_int_equal(case_consent_grant(w->f->db, w->f->a, w->kase, "housing_agents", "2025-06-01", NULL, w->f->user,
					    FIXTURE_TODAY, &w->field, &w->msg), 0);
}

static int64_t request(struct world *w, int budget, const char *condition)
{
	char *wards[] = { SURUGA };
	char *conds[] = { (char *)condition };
	struct housing_request r = { .case_id = w->kase, .budget = budget, .wards = wards, .n_wards = 1,
				     .conditions = conds, .n_conditions = condition ? 1 : 0 };
	int rc = housing_request_create(w->f->db, w->f->a, &r, w->f->user, FIXTURE_TODAY, &w->field, &w->msg);
	if (rc)
		fail_msg("housing_request_create: %s %s", w->field ? w->field : "?", w->msg ? w->msg : "?");
	return r.id;
}

static void sheet(struct world *w, int64_t id, bool clinic)
{
	struct support_sheet_input in = {
		.contact_24h_name = "相談支援センターB 夜間窓口", .contact_24h_phone = "054-000-1111",
		.counselor_name = "相談 花子", .counselor_phone = "054-000-2222",
		.clinic_name = "駿河こころクリニック", .clinic_consented = clinic,
		.rent_payment = "direct_payment", .money_management = "daily_life_support",
		.emergency_plan = "夜間は窓口へ。", .moving_out_plan = "残置物は後見人と相談。",
	};
	assert_int_equal(support_sheet_save(w->f->db, w->f->a, id, &in, w->f->user, &w->field, &w->msg), 0);
}

static int send(struct world *w, int64_t id, int64_t org)
{
	return housing_request_send(w->f->db, w->f->a, id, org, FIXTURE_TODAY, &w->field, &w->msg);
}

/* A request of 45,000円 with the consent in force and its sheet, sent to firm1. */
static int64_t sent_request(struct world *w)
{
	int64_t id = request(w, 45000, NULL);
	consent(w);
	sheet(w, id, false);
	assert_int_equal(send(w, id, w->firm1), 0);
	return id;
}

static void test_request_validation(void **state)
{
	struct world *w = *state;
	char *wards[] = { SURUGA }, *bad_ward[] = { "999999" }, *bad_cond[] = { "pets" };
	struct housing_request r = { .case_id = w->kase, .budget = 0, .wards = wards, .n_wards = 1 };
	struct fixture *f = w->f;
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "budget");
	r.budget = 45000;
	r.n_wards = 0;
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "wards");
	r.wards = bad_ward;
	r.n_wards = 1;
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	r.wards = wards;
	r.conditions = bad_cond;
	r.n_conditions = 1;
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "conditions");
	r.n_conditions = 0;
	r.move_by = "2025-06-14"; /* yesterday */
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "move_by");
	r.move_by = "2025-02-30";
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), ERR_INVALID);
	r.move_by = "2025-09-01";
	assert_int_equal(housing_request_create(f->db, f->a, &r, f->user, FIXTURE_TODAY, &w->field, &w->msg), 0);
	assert_true(r.id > 0);
	struct housing_request got;
	struct access city = acc_of(ROLE_CITY, f->office), other = acc_of(ROLE_COUNSELOR, f->counsel_a);
	assert_int_equal(housing_request_get(f->db, f->a, &city, r.id, &got), 0);
	assert_string_equal(got.status, "open");
	assert_int_equal(got.budget, 45000);
	assert_int_equal(got.n_wards, 1);
	/* A counsellor whose office does not carry the case does not see the request. */
	assert_int_equal(housing_request_get(f->db, f->a, &other, r.id, &got), ERR_NOTFOUND);
}

static void test_send_needs_sheet_consent_and_cooperation(void **state)
{
	struct world *w = *state;
	int64_t id = request(w, 45000, NULL);
	assert_int_equal(send(w, id, w->firm1), ERR_INVALID); /* no consent */
	consent(w);
	assert_int_equal(send(w, id, w->firm1), ERR_INVALID); /* no sheet */
	sheet(w, id, false);
	assert_int_equal(send(w, id, w->firm3), ERR_INVALID); /* never trained: not cooperating */
	assert_int_equal(send(w, id, w->f->counsel_a), ERR_INVALID); /* not a firm at all */
	assert_int_equal(send(w, id, w->firm1), 0);
	assert_int_equal(send(w, id, w->firm1), ERR_CONFLICT);
	struct housing_recipient *to;
	size_t n;
	assert_int_equal(housing_recipients(w->f->db, w->f->a, id, &to, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(to[0].organisation_id, w->firm1);
}

static void test_agent_reach(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	int64_t id = sent_request(w);
	struct agent_request r;
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm1, id, FIXTURE_TODAY, &r), 0);
	assert_int_equal(r.budget, 45000);
	assert_string_equal(r.office_name, "相談支援センターB");
	/* Not sent to it, no such request: the same answer. */
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm2, id, FIXTURE_TODAY, &r), ERR_NOTFOUND);
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm1, id + 100, FIXTURE_TODAY, &r), ERR_NOTFOUND);
	struct agent_request *list;
	size_t n;
	assert_int_equal(housing_agent_requests(f->db, f->a, w->firm1, FIXTURE_TODAY, &list, &n), 0);
	assert_int_equal(n, 1);
	int waiting = -1;
	assert_int_equal(housing_agent_waiting(f->db, w->firm1, FIXTURE_TODAY, &waiting), 0);
	assert_int_equal(waiting, 1);
	/* Revoking the consent closes the request already sent, at once. */
	struct case_consent *k;
	assert_int_equal(case_consents(f->db, f->a, w->kase, FIXTURE_TODAY, &k, &n), 0);
	assert_int_equal(case_consent_revoke(f->db, f->a, w->kase, k[0].id, FIXTURE_TODAY, FIXTURE_TODAY, &w->field,
					     &w->msg), 0);
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm1, id, FIXTURE_TODAY, &r), ERR_NOTFOUND);
	assert_int_equal(housing_agent_requests(f->db, f->a, w->firm1, FIXTURE_TODAY, &list, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(housing_agent_waiting(f->db, w->firm1, FIXTURE_TODAY, &waiting), 0);
	assert_int_equal(waiting, 0);
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id, w->flat_cheap, NULL, f->user, FIXTURE_TODAY, &w->field,
					 &w->msg), ERR_NOTFOUND);
}

static void test_cooperation_end_closes_requests(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	int64_t id = sent_request(w);
	assert_int_equal(agent_cooperation_end(f->db, f->a, w->firm1, FIXTURE_TODAY, &w->field, &w->msg), 0);
	struct agent_request r;
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm1, id, FIXTURE_TODAY, &r), ERR_NOTFOUND);
}

static void test_sheet_is_the_allow_list(void **state)
{
	struct world *w = *state;
	int64_t id = request(w, 45000, NULL);
	struct support_sheet s;
	assert_int_equal(support_sheet_get(w->f->db, w->f->a, id, FIXTURE_TODAY, &s), ERR_NOTFOUND);
	sheet(w, id, false);
	assert_int_equal(support_sheet_get(w->f->db, w->f->a, id, FIXTURE_TODAY, &s), 0);
	assert_string_equal(s.tenant_name, "北村 由美");
	assert_int_equal(s.age_decade, 40); /* 46 */
	assert_null(s.in.clinic_name);      /* not consented: never leaves the database */
	assert_string_equal(s.office_name, "相談支援センターB");
	assert_string_equal(s.in.contact_24h_phone, "054-000-1111");
	assert_string_equal(s.issued_on, FIXTURE_TODAY);
	/* The decade turns on the birthday, not on the year. */
	assert_int_equal(support_sheet_get(w->f->db, w->f->a, id, "2028-09-13", &s), 0);
	assert_int_equal(s.age_decade, 40);
	assert_int_equal(support_sheet_get(w->f->db, w->f->a, id, "2028-09-14", &s), 0);
	assert_int_equal(s.age_decade, 50);
	sheet(w, id, true);
	assert_int_equal(support_sheet_get(w->f->db, w->f->a, id, FIXTURE_TODAY, &s), 0);
	assert_string_equal(s.in.clinic_name, "駿河こころクリニック");
	/* A clinic ticked as consented but not named is refused; a missing plan too. */
	struct support_sheet_input in = { .contact_24h_name = "x", .contact_24h_phone = "1", .counselor_name = "y",
					  .counselor_phone = "2", .clinic_consented = true, .rent_payment = "self",
					  .money_management = "self", .emergency_plan = "p", .moving_out_plan = "q" };
	assert_int_equal(support_sheet_save(w->f->db, w->f->a, id, &in, w->f->user, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "clinic_name");
	in.clinic_consented = false;
	in.emergency_plan = "　 ";
	assert_int_equal(support_sheet_save(w->f->db, w->f->a, id, &in, w->f->user, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "emergency_plan");
	in.emergency_plan = "p";
	in.rent_payment = "cash";
	assert_int_equal(support_sheet_save(w->f->db, w->f->a, id, &in, w->f->user, &w->field, &w->msg), ERR_INVALID);
	assert_string_equal(w->field, "rent_payment");
}

static int64_t proposal_of(struct world *w, int64_t id, int64_t lid)
{
	struct housing_proposal *p;
	size_t n;
	assert_int_equal(housing_proposals(w->f->db, w->f->a, id, &p, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (p[i].listing_id == lid)
			return p[i].id;
	fail_msg("no proposal of listing %lld", (long long)lid);
	return 0;
}

/* firm1 proposes its cheap flat for request id; the proposal's id. */
static int64_t cheap_proposed(struct world *w, int64_t id)
{
	assert_int_equal(housing_propose(w->f->db, w->f->a, w->firm1, id, w->flat_cheap, NULL, w->f->user, FIXTURE_TODAY,
					 &w->field, &w->msg), 0);
	return proposal_of(w, id, w->flat_cheap);
}

static const char *listing_status(struct world *w, int64_t lid)
{
	struct listing l;
	assert_int_equal(listing_get(w->f->db, w->f->a, lid, &l), 0);
	return l.status;
}

static int move(struct world *w, int64_t id, const char *to, int64_t pid, const char *reason, const char *on)
{
	return housing_request_move(w->f->db, w->f->a, id, to, pid, reason, NULL, on, w->f->user, FIXTURE_TODAY, &w->field,
				    &w->msg);
}

static void test_steps_to_moving_in(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	int64_t id = sent_request(w);
	/* Only the firm's own open flats can be proposed, each once. */
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id, w->flat_aoi, NULL, f->user, FIXTURE_TODAY, &w->field,
					 &w->msg), ERR_INVALID);
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id, w->flat_cheap, "日当たり良好", f->user, FIXTURE_TODAY,
					 &w->field, &w->msg), 0);
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id, w->flat_cheap, NULL, f->user, FIXTURE_TODAY, &w->field,
					 &w->msg), ERR_CONFLICT);
	int64_t pid = proposal_of(w, id, w->flat_cheap);
	/* No skipping: an open request is viewed before anyone applies. */
	assert_int_equal(move(w, id, "application", pid, NULL, NULL), ERR_INVALID);
	assert_int_equal(move(w, id, "viewing", pid, NULL, NULL), ERR_INVALID);
	assert_int_equal(housing_viewing_arrange(f->db, f->a, id, pid, "2025-06-20", f->user, FIXTURE_TODAY, &w->field,
						 &w->msg), 0);
	struct access city = acc_of(ROLE_CITY, f->office);
	struct housing_request r;
	assert_int_equal(housing_request_get(f->db, f->a, &city, id, &r), 0);
	assert_string_equal(r.status, "viewing");
	assert_int_equal(move(w, id, "application", pid, NULL, "2025-06-16"), ERR_INVALID); /* tomorrow */
	assert_int_equal(move(w, id, "application", pid, NULL, NULL), 0);
	assert_string_equal(listing_status(w, w->flat_cheap), "held");
	assert_int_equal(move(w, id, "contract", 0, NULL, NULL), 0);
	assert_string_equal(listing_status(w, w->flat_cheap), "contracted");
	int count = -1;
	assert_int_equal(housing_moved_in_count(f->db, "2025-04-01", "2026-03-31", &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(move(w, id, "moved_in", 0, NULL, "2025-06-14"), 0);
	assert_int_equal(housing_moved_in_count(f->db, "2025-04-01", "2026-03-31", &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(housing_moved_in_count(f->db, NULL, "2025-06-13", &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(housing_moved_in_count(f->db, "2025-06-14", NULL, &count), 0);
	assert_int_equal(count, 1);
	struct residence home;
	assert_int_equal(housing_residence(f->db, f->a, w->kase, &home), 0);
	assert_string_equal(home.address, "静岡市内(試験)" /* NFKC */);
	assert_string_equal(home.ward_code, SURUGA);
	assert_int_equal(home.request_id, id);
	/* Finished: nothing moves it any more. */
	assert_int_equal(move(w, id, "declined", 0, "rent", NULL), ERR_INVALID);
	struct housing_step *s;
	size_t n;
	assert_int_equal(housing_steps(f->db, f->a, id, &s, &n), 0);
	assert_int_equal(n, 5); /* open, viewing, application, contract, moved_in */
	assert_string_equal(s[4].to_status, "moved_in");
}

static void test_declining_frees_the_flat(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	int64_t id = sent_request(w);
	int64_t pid = cheap_proposed(w, id);
	assert_int_equal(housing_viewing_arrange(f->db, f->a, id, pid, "2025-06-10", f->user, FIXTURE_TODAY, &w->field,
						 &w->msg), 0);
	/* The viewing is of firm1's flat: firm2, sent the request too, sees only that it is looking. */
	assert_int_equal(send(w, id, w->firm2), 0);
	struct agent_request seen;
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm1, id, FIXTURE_TODAY, &seen), 0);
	assert_string_equal(seen.status, "viewing");
	assert_int_equal(housing_agent_request_get(f->db, f->a, w->firm2, id, FIXTURE_TODAY, &seen), 0);
	assert_string_equal(seen.status, "open");
	assert_int_equal(move(w, id, "application", pid, NULL, NULL), 0);
	/* A second request cannot apply for a flat already held. */
	int64_t id2 = request(w, 45000, NULL);
	sheet(w, id2, false);
	assert_int_equal(send(w, id2, w->firm1), 0);
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id2, w->flat_cheap, NULL, f->user, FIXTURE_TODAY,
					 &w->field, &w->msg), ERR_INVALID);
	assert_int_equal(move(w, id, "declined", 0, NULL, NULL), ERR_INVALID); /* a reason is needed */
	assert_int_equal(move(w, id, "declined", 0, "landlord_refused", NULL), 0);
	assert_string_equal(listing_status(w, w->flat_cheap), "open");
	assert_int_equal(housing_propose(f->db, f->a, w->firm1, id, w->flat_dear, NULL, f->user, FIXTURE_TODAY, &w->field,
					 &w->msg), ERR_INVALID); /* declined: no longer looking */
}

static void test_matching_ranks_with_reasons(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	char *wards[] = { SURUGA };
	char *conds[] = { "public_assistance", "ground_floor" };
	struct housing_request r = { .budget = 45000, .wards = wards, .n_wards = 1, .conditions = conds, .n_conditions = 2 };
	struct housing_match *m;
	size_t n;
	assert_int_equal(housing_match(f->db, f->a, &r, 0, FIXTURE_TODAY, &m, &n), 0);
	assert_int_equal(n, 3);
	/* Only the cheap ground-floor flat in Suruga fits: 37,000 within 45,000, rent 35,000 within the
	 * 37,000 allowance, ground floor. */
	assert_int_equal(m[0].listing->id, w->flat_cheap);
	assert_true(m[0].fits);
	assert_false(m[1].fits);
	assert_false(m[2].fits);
	bool over = false, outside = false;
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < m[i].n_reasons; k++) {
			over = over || (!m[i].good[k] && strcmp(m[i].reasons[k], "Over the budget by") == 0);
			outside = outside || (!m[i].good[k] && strcmp(m[i].reasons[k], "Outside the wards asked for") == 0);
		}
	assert_true(over);
	assert_true(outside);
	/* One firm's own flats only, when it chooses what to propose. */
	assert_int_equal(housing_match(f->db, f->a, &r, w->firm2, FIXTURE_TODAY, &m, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].listing->id, w->flat_aoi);
	/* A flat no longer open is not offered. */
	assert_int_equal(listing_set_status(f->db, w->flat_cheap, "withdrawn"), 0);
	assert_int_equal(housing_match(f->db, f->a, &r, 0, FIXTURE_TODAY, &m, &n), 0);
	assert_int_equal(n, 2);
}

static void test_concerns(void **state)
{
	struct world *w = *state;
	struct fixture *f = w->f;
	int64_t id = sent_request(w);
	int64_t pid = cheap_proposed(w, id);
	struct tenancy_concern c = { .kind = "rent_arrears", .body = "2か月分の家賃が未納です。" };
	/* Not before moving in. */
	assert_int_equal(housing_concern_raise(f->db, f->a, w->firm1, id, &c, f->user, FIXTURE_TODAY, &w->field, &w->msg),
			 ERR_INVALID);
	assert_int_equal(housing_viewing_arrange(f->db, f->a, id, pid, "2025-06-10", f->user, FIXTURE_TODAY, &w->field,
						 &w->msg), 0);
	assert_int_equal(move(w, id, "application", pid, NULL, NULL), 0);
	assert_int_equal(move(w, id, "contract", 0, NULL, NULL), 0);
	assert_int_equal(move(w, id, "moved_in", 0, NULL, NULL), 0);
	c.kind = "gossip";
	assert_int_equal(housing_concern_raise(f->db, f->a, w->firm1, id, &c, f->user, FIXTURE_TODAY, &w->field, &w->msg),
			 ERR_INVALID);
	c.kind = "rent_arrears";
	/* Only the firm whose flat it is. */
	assert_int_equal(send(w, id, w->firm2), ERR_INVALID); /* moved in: no more sending */
	assert_int_equal(housing_concern_raise(f->db, f->a, w->firm1, id, &c, f->user, FIXTURE_TODAY, &w->field, &w->msg), 0);
	struct access team = acc_of(ROLE_COUNSELOR, f->counsel_b), other = acc_of(ROLE_COUNSELOR, f->counsel_a);
	struct tenancy_concern *open;
	size_t n;
	assert_int_equal(housing_concerns_open(f->db, f->a, &team, &open, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(open[0].person_name, "北村 由美");
	assert_int_equal(housing_concerns_open(f->db, f->a, &other, &open, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(housing_concern_acknowledge(f->db, f->a, &other, c.id, "連絡します", &w->field, &w->msg),
			 ERR_NOTFOUND);
	assert_int_equal(housing_concern_acknowledge(f->db, f->a, &team, c.id, "", &w->field, &w->msg), ERR_INVALID);
	assert_int_equal(housing_concern_acknowledge(f->db, f->a, &team, c.id, "本人と面談し、代理納付を申請。", &w->field,
						     &w->msg), 0);
	assert_int_equal(housing_concerns_open(f->db, f->a, &team, &open, &n), 0);
	assert_int_equal(n, 0);
	/* The agent learns that it was taken up, not how. */
	assert_int_equal(housing_concerns_of(f->db, f->a, id, false, &open, &n), 0);
	assert_int_equal(n, 1);
	assert_non_null(open[0].acknowledged_on);
	assert_null(open[0].handling);
	assert_null(open[0].person_name);
	assert_int_equal(housing_concerns_of(f->db, f->a, id, true, &open, &n), 0);
	assert_string_equal(open[0].handling, "本人と面談し、代理納付を申請。");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_request_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_needs_sheet_consent_and_cooperation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_reach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cooperation_end_closes_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sheet_is_the_allow_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_to_moving_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declining_frees_the_flat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_matching_ranks_with_reasons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concerns, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
