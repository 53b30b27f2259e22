/*
 * demo_statistics — a statistics history for the demo (FY2015 on, up to today), so that the
 * national-plan indicators (../shared/INDICATORS.md) and the status sheet's charts have years to
 * show: persons named 統計 架空N — clearly no one — with psychiatric admissions only and no case,
 * so that no case list or dashboard shows them. Apart from demo_history.c (the scheme's first
 * moves, real casework through every stage) because it is a generator of numbers, not a story.
 *
 * A cohort of long-stay inpatients admitted in 1984–2006 who leave hospital one by one from 2015
 * on (a third of them by dying there), and a flow of shorter stays: a fixed number of new
 * admissions a year, readmissions after some discharges, a few stays of years. Lengths and
 * readmissions are drawn from Weyl sequences, not random numbers, so that each year's mix stays
 * close to that year's shares and the figures move gently with the shares (better year by year,
 * as the plan wants) instead of jumping with chance. Deterministic: a demo made on any later day
 * has the same past.
 *
 * A general hospital's admissions cannot be recorded (admission_add takes psychiatric hospitals
 * only), so the statistics have none. The names are invented; any likeness is chance.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "error.h"

#include <stdbool.h>
#include <stdint.h>

enum demo_ward { AOI, SURUGA, SHIMIZU, WARD_COUNT };
static const struct {
	const char *code, *hospital;
} wards[WARD_COUNT] = {
	{ "221015", "葵こころの森病院" },
	{ "221023", "駿河さくら病院" },
	{ "221031", "清水みなと病院" },
};

struct stats {
	struct db *db;
	struct arena *a;
	struct date today;
	char today_iso[11];
	int64_t hospital[WARD_COUNT]; /* each ward's psychiatric hospital */
	const char *field, *msg;      /* the last refusal */
	struct demo_counts *counts;
};

static int fail(struct stats *st, const char *what, const char *whom, int rc)
{
	cli_error("demo statistics: cannot %s for '%s': %s%s%s", what, whom, st->msg ? st->msg : err_text(rc),
		  st->field ? " — " : "", st->field ? st->field : "");
	return rc;
}

enum {
	N_OLD = 26,          /* long-stay inpatients admitted 1984–2006 */
	N_FLOW = 54,         /* people of the shorter stays */
	NEW_PER_YEAR = 26,   /* first admissions a fiscal year; readmissions come on top */
	FLOW_FY = 2015,      /* the flow starts a year early, so that FY2016 has people coming back */
	TREND_FROM = 2016,   /* the shares below are those of TREND_FROM and of TREND_FROM + 10 */
};

/* Cumulative shares (‰) of stays ending within a month, 3 months, 6 months, a year and 3 years;
 * the rest last 3 to 11 years, mostly still open. Then the cumulative share (‰) of discharges (of
 * a stay under a year, alive) followed by a readmission within 90, 180 and 365 days. Each row is
 * TREND_FROM's and TREND_FROM + 10's. */
static const int stay_share[2][5] = { { 300, 720, 870, 935, 982 }, { 340, 780, 915, 960, 990 } };
static const int stay_days[6][2] = { { 9, 29 }, { 31, 88 }, { 95, 178 }, { 186, 360 }, { 370, 1080 }, { 1100, 4000 } };
static const int readmit_share[2][3] = { { 220, 310, 400 }, { 180, 260, 340 } };
static const int readmit_gap[4][2] = { { 7, 89 }, { 90, 179 }, { 180, 364 }, { 0, 0 } };

struct stat_person {
	int64_t id;
	enum demo_ward ward;
	int64_t free_from; /* the first day a new admission may be theirs (days since 1970) */
	int64_t back_on;   /* the day of the readmission due, 0: none */
	bool gone;         /* died in hospital */
};

/* The k-th point (0..999999) of the Weyl sequence of step alpha/2^32: any run of consecutive k
 * spreads evenly over the range. */
static int64_t weyl(uint32_t k, uint32_t alpha)
{
	return (int64_t)(((uint64_t)(uint32_t)(k * alpha) * 1000000u) >> 32);
}

/*
 * Which of the n + 1 classes point u falls in, by the cumulative shares (‰) first[] of
 * TREND_FROM and last[] ten years later, taken straight between for fiscal year fy; *days gets
 * the class's length range[c] at the place u lies inside the class.
 */
static int draw(int64_t u, const int *first, const int *last, int n, const int range[][2], int fy, int64_t *days)
{
	int y = fy < TREND_FROM ? 0 : fy > TREND_FROM + 10 ? 10 : fy - TREND_FROM;
	int64_t lo = 0, hi = 1000000;
	int c = 0;
	for (; c < n; c++) {
		hi = (first[c] + (int64_t)(last[c] - first[c]) * y / 10) * 1000;
		if (u < hi)
			break;
		lo = hi;
	}
	if (c == n)
		hi = 1000000;
	*days = range[c][0] + (range[c][1] - range[c][0]) * (u - lo) / (hi > lo ? hi - lo : 1);
	return c;
}

/* Each statistics record gets a scratch arena, so that its statements are finalised at once
 * rather than hundreds of them kept alive in the demo's one arena to the end (twice as slow). */
static int stat_stay(struct stats *st, int64_t person, enum demo_ward w, int64_t from, int64_t to, const char *type,
		     const char *destination)
{
	bool open = to > date_to_days(st->today);
	char from_on[11], to_on[11];
	date_format_iso(date_from_days(from), from_on);
	date_format_iso(date_from_days(to), to_on);
	struct admission ad = { .person_id = person, .hospital_id = st->hospital[w], .admitted_on = from_on,
				.admission_type = (char *)type, .discharged_on = open ? NULL : to_on,
				.discharge_destination = open ? NULL : (char *)destination };
	struct arena *t = arena_create(0);
	int rc = admission_add(st->db, t, &ad, st->today_iso, &st->field, &st->msg);
	arena_destroy(t);
	if (rc)
		return fail(st, "record the statistics admission", from_on, rc);
	st->counts->history_admissions++;
	return 0;
}

/* The runs of the Weyl sequences: the first admissions and the readmissions of the fiscal year
 * so far, and the discharges that may lead to a readmission by the fiscal year they fall in
 * (the cohort of the readmission rates) — each takes the next point of its own run, so that
 * each year keeps its shares. */
enum { RUN_YEARS = 64 };
struct flow_run {
	uint32_t first, back;
	uint32_t discharges[RUN_YEARS]; /* by fiscal year - FLOW_FY, modulo RUN_YEARS */
};

/* An admission of the flow, of person p on day d: its length, type, hospital (now and then
 * another ward's) and where to, and what follows — a readmission due, or a year at least before
 * a new first admission may be theirs. */
static int admit(struct stats *st, struct stat_person *p, int64_t d, struct flow_run *run)
{
	static const char *const where[10] = { "home", "home", "home", "home", "home", "home",
					       "group_home", "group_home", "facility", "rental" };
	uint32_t k = run->first + run->back;
	/* A readmission is never one of the shortest stays, and more often long: its point moves up. */
	int64_t u = p->back_on ? 400000 + weyl(run->back++, 0x9E3779B9u) * 6 / 10 : weyl(run->first++, 0x9E3779B9u);
	int64_t len, gap;
	int fy = date_fiscal_year(date_from_days(d));
	int c = draw(u, stay_share[0], stay_share[1], 5, stay_days, fy, &len);
	bool dies = weyl(k, 0xBB67AE85u) < 15000; /* 1.5 % */
	const char *type = c >= 3 || k % 4 == 0 ? "medical_protection" : k % 9 == 0 ? "emergency" : "voluntary";
	enum demo_ward w = k % 6 == 5 ? (p->ward + 1) % WARD_COUNT : p->ward;
	int rc = stat_stay(st, p->id, w, d, d + len, type, dies ? "death" : where[k % 10]);
	p->back_on = 0;
	p->free_from = d + len + 365 + (k % 4) * 20;
	p->gone = dies;
	if (rc || dies || len >= 365 || d + len > date_to_days(st->today))
		return rc;
	int fyd = date_fiscal_year(date_from_days(d + len));
	uint32_t *j = &run->discharges[(fyd - FLOW_FY) % RUN_YEARS];
	if (draw(weyl((*j)++, 0x6A09E667u), readmit_share[0], readmit_share[1], 3, readmit_gap, fyd, &gap) < 3)
		p->back_on = d + len + gap;
	return 0;
}

static int add_statistics(struct stats *st)
{
	static const char *const digit[10] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	static const char *const kana[10] = { "", "イチ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハチ", "キュウ" };
	struct stat_person people[N_OLD + N_FLOW];
	int64_t today = date_to_days(st->today);
	for (int i = 0; i < N_OLD + N_FLOW; i++) {
		int n = i + 1, old = i < N_OLD;
		struct date birth = old ? date_add_days((struct date){ 1936, 2, 11 }, i * 293)
					: date_add_days((struct date){ 1950, 5, 20 }, (i * 2557) % 17500);
		char born[11];
		date_format_iso(birth, born);
		struct person p = {
			.family_name = "統計", .family_kana = "トウケイ",
			.given_name = arena_printf(st->a, "架空%s%s%s", n >= 20 ? digit[n / 10] : "", n >= 10 ? "十" : "", digit[n % 10]),
			.given_kana = arena_printf(st->a, "カクウ%s%s%s", n >= 20 ? kana[n / 10] : "", n >= 10 ? "ジュウ" : "", kana[n % 10]),
			.birth_date = born, .sex = i % 2 ? "female" : "male",
			.ward_code = (char *)wards[i % WARD_COUNT].code,
		};
		const char *name = p.given_name; /* person_save normalises p's names into t */
		struct arena *t = arena_create(0);
		int rc = person_save(st->db, t, &p, st->today_iso, &st->field, &st->msg);
		arena_destroy(t);
		if (rc)
			return fail(st, "register the statistics person", name, rc);
		people[i] = (struct stat_person){ .id = p.id, .ward = i % WARD_COUNT, .free_from = 0 };
		st->counts->history_persons++;
	}
	/* The long-stay cohort: one leaves every 125 days from 2015-10-01, in an order unlike that
	 * of their admissions; a third die in hospital; the last two are still there. */
	static const char *const left_to[3] = { "death", "facility", "group_home" };
	for (int i = 0; i < N_OLD; i++) {
		int r = (i * 7) % N_OLD;
		int64_t from = date_to_days((struct date){ 1984, 4, 10 }) + i * 277;
		int64_t to = r >= N_OLD - 2 ? today + 1 : date_to_days((struct date){ 2015, 10, 1 }) + r * 125 + (i % 4) * 9;
		int rc = stat_stay(st, people[i].id, people[i].ward, from, to, "medical_protection", left_to[r % 3]);
		if (rc)
			return rc;
	}
	/* The flow, day by day: readmissions due, and the year's first admissions evenly spread,
	 * each of the next person free in turn. */
	struct stat_person *flow = people + N_OLD;
	struct flow_run run = { 0 };
	int next = 0;
	for (int64_t d = date_to_days((struct date){ FLOW_FY, 4, 1 }); d <= today; d++) {
		struct date on = date_from_days(d);
		int64_t pos = d - date_to_days((struct date){ date_fiscal_year(on), 4, 1 });
		if (pos == 0)
			run.first = run.back = 0;
		for (int i = 0; i < N_FLOW; i++)
			if (flow[i].back_on == d) {
				int rc = admit(st, &flow[i], d, &run);
				if (rc)
					return rc;
			}
		if ((pos * NEW_PER_YEAR + 182) / 365 == ((pos + 1) * NEW_PER_YEAR + 182) / 365)
			continue; /* no first admission today */
		for (int tries = 0; tries < N_FLOW; tries++) {
			struct stat_person *p = &flow[next];
			next = (next + 1) % N_FLOW;
			if (p->gone || p->back_on || p->free_from > d)
				continue;
			int rc = admit(st, p, d, &run);
			if (rc)
				return rc;
			break;
		}
	}
	return 0;
}

int demo_add_statistics(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct stats st = { .db = db, .a = a, .today = date_today(), .counts = counts };
	date_format_iso(st.today, st.today_iso);
	counts->history_persons = counts->history_admissions = 0;
	int rc = 0;
	for (int w = 0; !rc && w < WARD_COUNT; w++)
		rc = directory_org_find(db, a, wards[w].hospital, &st.hospital[w]);
	if (rc)
		return fail(&st, "find", "the wards' hospitals", rc);
	return add_statistics(&st);
}
