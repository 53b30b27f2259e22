/*
 * demo_work — the casework of the demo's cases (DESIGN §2 "Cases": service periods, support
 * records, goals), made from the way each case went (struct demo_way, filled by demo_cases.c)
 * through casework.h, so the demo passes the rules users meet:
 *
 *   計画相談支援     from the assessment on, a year at a time; monitored every 3 months while the
 *                    person is moving (transitioning, finding housing, just discharged), every 6
 *                    otherwise
 *   地域移行支援     from a week after the plan (at most 10 months before the discharge, so the
 *                    grant and its extension reach it), for 6 months; extended once when the
 *                    person was still in hospital at its end (to the discharge, or by 6 months).
 *                    Cases still planning have it too; after a discharge it ends on that day.
 *   after discharge  共同生活援助 in the group home, 自立生活援助 in a rented flat, 地域定着支援
 *                    back home; a year at a time
 *   support records  the first contact, then 1–4 more over the last three months of an open case,
 *                    in the words of the stage it was in; a closed case's last one is its closing
 *   goals            one from the hospital days, one for where the person goes (from the plan
 *                    on), one for life after discharge; achieved, set aside or still worked on as
 *                    the way went
 *
 * The work is added before the discharge and the closing are recorded, because a closed case
 * takes no new service or goal (case_require_open). Dates count back from today like the rest of
 * the demo; two of the rows' flags place a monitoring and a service end within the dashboard's
 * month. The texts are invented and name no diagnosis.
 */
#include "cli.h"
#include "date.h"
#include "domain/casework.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

/* How far ahead the flagged monitoring and service end fall: well inside the dashboard's 30 days. */
enum { DUE_IN_DAYS = 14 };

struct work {
	struct db *db;               /* inside the demo's transaction */
	struct arena *a;             /* statements */
	struct date today;           /* in Japan */
	char today_iso[11];          /* the same, as the domain takes it */
	const struct demo_way *w;    /* the case */
	struct demo_counts *counts;  /* what was made */
};

static struct date ago(const struct work *k, int days)
{
	return date_add_days(k->today, -days);
}

static struct date later(struct date x, struct date y)
{
	return date_cmp(x, y) >= 0 ? x : y;
}

static int failed(const struct work *k, int rc, const char *what, const char *msg)
{
	cli_error("demo: cannot %s for '%s': %s", what, k->w->name, msg ? msg : err_text(rc));
	return rc;
}

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

/* ---- service periods ---- */

static int add_period(struct work *k, const char *service, int64_t provider, struct date from, struct date to,
		      int monitoring, int64_t *id)
{
	char s[11], e[11];
	date_format_iso(from, s);
	date_format_iso(to, e);
	struct service_period sp = { .case_id = k->w->case_id, .service = (char *)service, .provider_id = provider,
				     .starts_on = s, .ends_on = e, .monitoring_months = monitoring };
	const char *field = NULL, *msg = NULL;
	int rc = service_period_add(k->db, k->a, &sp, k->today_iso, &field, &msg);
	if (rc)
		return failed(k, rc, "add the service period", msg);
	k->counts->service_periods++;
	if (id)
		*id = sp.id;
	return 0;
}

/* The last anniversary of from that is not after until (from itself when under a year). */
static struct date last_anniversary(struct date from, struct date until)
{
	struct date s = from;
	for (int y = 1; date_cmp(date_add_months(from, 12 * y), until) <= 0; y++)
		s = date_add_months(from, 12 * y);
	return s;
}

/*
 * A service granted a year at a time from `from`, the grant running now starting on `current`
 * (an anniversary of from, or a day chosen after it): one period per grant, the first one
 * shorter when current is not an anniversary. A first grant of less than a month is left out:
 * the service began with the next one.
 */
static int add_yearly(struct work *k, const char *service, int64_t provider, struct date from, struct date current,
		      int monitoring)
{
	int years = 0;
	while (date_cmp(date_add_months(current, -12 * (years + 1)), from) > 0)
		years++;
	struct date start = from;
	for (int y = years; y >= 1; y--) {
		struct date next = date_add_months(current, -12 * y);
		int rc = date_to_days(next) - date_to_days(start) < 30
				 ? 0
				 : add_period(k, service, provider, start, date_add_days(next, -1), monitoring, NULL);
		if (rc)
			return rc;
		start = next;
	}
	if (date_to_days(current) - date_to_days(start) >= 30) {
		int rc = add_period(k, service, provider, start, date_add_days(current, -1), monitoring, NULL);
		if (rc)
			return rc;
	}
	return add_period(k, service, provider, current, date_add_days(date_add_months(current, 12), -1), monitoring,
			  NULL);
}

/* While the person moves from hospital to home, the plan is checked every 3 months. */
static bool moving(const struct demo_way *w)
{
	return is(w->stage, "transitioning") || is(w->stage, "housing") || is(w->stage, "discharged");
}

/* 計画相談支援, from the assessment on; the case's office provides it. */
static int add_planning(struct work *k)
{
	const struct demo_way *w = k->w;
	if (w->assessing < 0)
		return 0; /* a referral not yet assessed */
	int every = moving(w) ? 3 : 6;
	struct date from = ago(k, w->assessing);
	struct date current = last_anniversary(from, ago(k, w->closed));
	if (w->monitoring_due) {
		/* The grant running now began `every` months before a day two weeks ahead: its first
		 * monitoring falls due then. */
		current = date_add_months(date_add_days(k->today, DUE_IN_DAYS), -every);
		if (date_cmp(current, from) < 0)
			return failed(k, ERR_INVALID, "place a monitoring within the month", "the case is too young");
	}
	return add_yearly(k, "planning", w->office, from, current, every);
}

/* 地域移行支援, for the cases that reached the transition or are planning it in hospital. */
static int add_transition(struct work *k)
{
	const struct demo_way *w = k->w;
	if (w->transitioning < 0 && !is(w->stage, "planning"))
		return 0;
	/* The grant and its one extension cover a year at most: a stay longer than that had the
	 * service start later, at most 10 months before the discharge (or today). */
	struct date out = ago(k, w->discharged ? w->discharged : w->closed);
	struct date start = later(date_add_days(ago(k, w->planning), 7), date_add_months(out, -10));
	if (w->transition_ends)
		start = date_add_months(date_add_days(k->today, DUE_IN_DAYS), -6);
	if (date_cmp(start, k->today) > 0 || (w->discharged && date_cmp(start, out) >= 0))
		return 0;
	struct date end = date_add_days(date_add_months(start, 6), -1);
	if (w->discharged && date_cmp(out, end) < 0)
		end = out; /* the service ends with the discharge */
	int64_t id;
	int rc = add_period(k, "transition", w->office, start, end, 0, &id);
	if (rc || date_cmp(out, end) <= 0)
		return rc;
	/* Still in hospital at the granted end: extended once, to the discharge or by 6 months. */
	char to[11];
	date_format_iso(w->discharged ? out : date_add_months(end, 6), to);
	const char *field = NULL, *msg = NULL;
	if ((rc = service_period_extend(k->db, k->a, w->case_id, id, to, &field, &msg)))
		return failed(k, rc, "extend community transition support", msg);
	return 0;
}

/* Life after the discharge: the group home, a flat of one's own, or home again. */
static int add_after_discharge(struct work *k)
{
	const struct demo_way *w = k->w;
	const char *service = NULL;
	int64_t provider = w->office;
	if (!w->discharged)
		return 0;
	if (is(w->destination, "group_home")) {
		service = "group_home"; /* 共同生活援助 */
		provider = w->group_home;
	} else if (is(w->destination, "rental")) {
		service = "independent_living"; /* 自立生活援助 */
	} else if (is(w->destination, "home")) {
		service = "settlement"; /* 地域定着支援 */
	} else {
		return 0;
	}
	struct date from = ago(k, w->discharged);
	return add_yearly(k, service, provider, from, last_anniversary(from, ago(k, w->closed)), 0);
}

/* ---- support records ---- */

struct line {
	const char *kind; /* casework_record_kinds code */
	int minutes;      /* spent */
	const char *text; /* invented */
};

/* The first record of every case. */
static const struct line first_contact = {
	"phone", 15, "病院の精神保健福祉士から紹介の電話。本人の同意を確かめ、初回面会の日を決めた。"
};
/* What a counsellor writes in each part of the way: the first meetings in their order, in the
 * later parts one picked by the case's row. */
static const struct line referral[] = {
	{ "visit", 45, "病棟で初回面会。相談支援の役割を説明した。本人は「考えておく」と話した。" },
	{ "meeting", 30, "病院の精神保健福祉士と、入院までの経過と本人の退院への思いを共有した。" },
	{ "visit", 30, "病棟で面会。本人の好きな食べ物や趣味の話をした。次は家族の話を聞く約束をした。" },
};
static const struct line assessing[] = {
	{ "visit", 60, "病棟で面会。若い頃に働いていた町の話を聞き、退院後にしたいことを一緒に書き出した。" },
	{ "visit", 45, "面会。一日の過ごし方と、困っていることを聞き取った。" },
	{ "phone", 20, "家族に電話。退院について心配なことを伺い、次の支援会議への参加をお願いした。" },
	{ "outreach", 50, "院内の売店まで一緒に歩き、外での買い物について話した。" },
};
static const struct line planning[] = {
	{ "meeting", 90, "病院で支援会議。本人、主治医、病棟看護師とサービス等利用計画案を確かめた。" },
	{ "visit", 60, "サービス等利用計画案を本人と読み合わせた。「まずは外出から」とのこと。" },
	{ "phone", 15, "区役所の障害福祉担当と、地域移行支援の申請について打ち合わせた。" },
	{ "accompany", 120, "外出訓練に同行。バスで駅前まで行き、喫茶店で休憩して戻った。" },
};
static const struct line transition_gh[] = {
	{ "accompany", 150, "グループホームの見学に同行した。本人は「静かでいい」と話した。" },
	{ "visit", 60, "体験入居の振り返り。夜はよく眠れたとのこと。朝の薬を自分で飲めた。" },
	{ "meeting", 60, "グループホームの世話人と、入居に向けた準備を打ち合わせた。" },
	{ "phone", 15, "グループホームから電話。体験入居の日程が決まった。本人に伝え、持ち物を一緒に考えた。" },
};
static const struct line transition_home[] = {
	{ "accompany", 180, "自宅の周りの外出に同行。スーパーと薬局の場所を一緒に確かめた。" },
	{ "visit", 45, "体験外泊の振り返り。一人で夕食を用意できたと嬉しそうに話した。" },
	{ "phone", 10, "本人から電話。次の外出の日程を相談された。" },
	{ "meeting", 60, "訪問看護ステーションと、退院後の訪問の回数と曜日を打ち合わせた。" },
};
static const struct line housing[] = {
	{ "accompany", 150, "不動産店で物件を2件見学した。駅に近い一階の部屋が気に入った様子。" },
	{ "meeting", 45, "協力不動産店と、家主への説明の仕方を打ち合わせた。" },
	{ "accompany", 120, "家主との面談に同席した。入居の条件を本人と一緒に確かめた。" },
	{ "phone", 15, "不動産店から電話。条件に合う部屋が空いたとの連絡。見学の日を決めた。" },
};
static const struct line after_gh[] = {
	{ "visit", 45, "グループホームを訪問。部屋を案内してくれた。服薬カレンダーを一緒に確かめた。" },
	{ "phone", 15, "世話人と電話で様子を共有した。朝食の時間に起きられているとのこと。" },
	{ "accompany", 120, "日中活動の見学に同行した。本人は作業の様子を熱心に見ていた。" },
	{ "meeting", 45, "グループホームでモニタリング。暮らしの振り返りをし、次の目標を話し合った。" },
};
static const struct line after_home[] = {
	{ "visit", 60, "自宅を訪問。冷蔵庫の中を一緒に確かめ、週末の買い物の計画を立てた。" },
	{ "phone", 10, "本人から電話。ごみの出し方について相談があった。" },
	{ "accompany", 180, "通院に同行した。帰りに区役所で手続きを済ませた。" },
	{ "visit", 45, "自宅を訪問。部屋は片付いており、「一人の時間にも慣れた」と話した。" },
};
static const struct {
	const char *reason; /* case_close_reasons code */
	struct line line;   /* the last record */
} closing[] = {
	{ "settled", { "meeting", 30, "地域での暮らしが落ち着き、支援の終結を本人と確かめた。困ったときの連絡先を伝えた。" } },
	{ "readmitted", { "phone", 15, "病院から再入院の連絡を受けた。改めて面会に行くと伝えた。" } },
	{ "moved", { "phone", 20, "転居先の相談支援事業所に引き継ぎの連絡をした。" } },
	{ "died", { "phone", 10, "病院から、本人が亡くなったとの連絡を受けた。" } },
	{ "withdrawn", { "visit", 30, "本人から支援を終えたいとの話があり、了承した。また相談できることを伝えた。" } },
};

#define PICK(pool, i) (&(pool)[(size_t)(i) % (sizeof(pool) / sizeof((pool)[0]))])

/* The line for the i-th record after the first contact, made `when` days ago: the stage the case
 * was in then, and where it heads. */
static const struct line *line_on(const struct demo_way *w, int when, int i)
{
	int r = w->row + i; /* varies the later parts from case to case */
	if (w->discharged && when <= w->discharged)
		return w->group_home_bound ? PICK(after_gh, r) : PICK(after_home, r);
	if (w->housing >= 0 && when <= w->housing)
		return PICK(housing, r);
	if (w->transitioning >= 0 && when <= w->transitioning)
		return w->group_home_bound ? PICK(transition_gh, r) : PICK(transition_home, r);
	if (w->planning >= 0 && when <= w->planning)
		return PICK(planning, r);
	if (w->assessing >= 0 && when <= w->assessing)
		return PICK(assessing, r);
	return PICK(referral, i - 1);
}

static int add_record(struct work *k, int when, const struct line *l)
{
	char on[11];
	date_format_iso(ago(k, when), on);
	struct support_record r = { .recorded_on = on, .kind = (char *)l->kind, .minutes = l->minutes,
				    .body = (char *)l->text };
	const char *field = NULL, *msg = NULL;
	int rc = support_record_add(k->db, k->a, k->w->case_id, &r, k->w->counselor, k->today_iso, &field, &msg);
	if (rc)
		return failed(k, rc, "add the support record", msg);
	k->counts->records++;
	return 0;
}

/* The first contact on the day the case opened; then, on an open case, 1–4 more spread over the
 * last three months (or the case's life, when shorter); on a closed one, the closing. */
static int add_records(struct work *k)
{
	const struct demo_way *w = k->w;
	int rc = add_record(k, w->opened, &first_contact);
	if (rc)
		return rc;
	if (w->closed) {
		for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
			if (is(w->reason, closing[i].reason))
				return add_record(k, w->closed, &closing[i].line);
		return 0;
	}
	int more = is(w->stage, "referred") ? 1 + w->row % 2 : 1 + w->row % 4;
	int recent = w->opened < 90 ? w->opened : 90;
	for (int i = 1; i <= more && !rc; i++) {
		int when = recent - recent * i / (more + 1);
		rc = add_record(k, when, line_on(w, when, i));
	}
	return rc;
}

/* ---- goals ---- */

static const char *const hospital_goals[] = {
	"退院後の暮らしについて、自分の希望を支援者に伝える",
	"外出訓練で一人でバスに乗れる",
	"病棟の外で週1回散歩をする",
	"自分で小遣いの管理をする",
};
static const char *const flat_goals[] = {
	"自分で食事の買い物と簡単な調理をする",
	"家賃と光熱費を期日までに払える",
};

/* A goal set `set` days ago; reviewed `reviewed` days ago as status (no review when status is
 * NULL). The review is never dated before the goal. */
static int add_goal(struct work *k, const char *body, int set, const char *status, int reviewed)
{
	char on[11], review_on[11];
	date_format_iso(ago(k, set), on);
	date_format_iso(ago(k, reviewed < set ? reviewed : set), review_on);
	struct goal g = { .body = (char *)body, .set_on = on };
	const char *field = NULL, *msg = NULL;
	int rc = goal_add(k->db, k->a, k->w->case_id, &g, k->today_iso, &field, &msg);
	if (rc)
		return failed(k, rc, "set the goal", msg);
	k->counts->goals++;
	if (status && (rc = goal_review(k->db, k->a, k->w->case_id, g.id, status, review_on, k->today_iso, &field,
					&msg)))
		return failed(k, rc, "review the goal", msg);
	return 0;
}

/* How a goal still worked on ended with the case: set aside when the person withdrew or went
 * back to hospital; reviewed on the closing day. NULL when it stays as it was. */
static const char *closing_status(const struct demo_way *w)
{
	return is(w->reason, "withdrawn") || is(w->reason, "readmitted") ? "dropped" : NULL;
}

static int add_goals(struct work *k)
{
	const struct demo_way *w = k->w;
	/* From the hospital days: achieved once the transition began, or at the discharge. */
	const char *first = *PICK(hospital_goals, w->row);
	int set = w->opened - (w->opened / 2 < 14 ? w->opened / 2 : 14);
	bool home = w->discharged && !is(w->destination, "death");
	int rc;
	if (w->transitioning >= 0)
		rc = add_goal(k, first, set, "achieved", w->transitioning);
	else if (home)
		rc = add_goal(k, first, set, "achieved", w->discharged);
	else
		rc = add_goal(k, first, set, closing_status(w), w->closed);
	if (rc || w->planning < 0)
		return rc;
	/* Where the person goes, from the plan on: achieved three months into the new life. */
	const char *where = "退院後に住みたい地域を見学する"; /* not decided yet */
	if (w->group_home_bound)
		where = "グループホームで一人で服薬管理ができる";
	else if (is(w->destination, "rental") || w->housing >= 0)
		where = *PICK(flat_goals, w->row);
	else if (is(w->destination, "home"))
		where = "朝起きて決まった時間に食事をとる";
	set = w->planning > 7 ? w->planning - 7 : 0;
	bool settled = home && w->discharged - 90 >= w->closed;
	rc = settled ? add_goal(k, where, set, "achieved", w->discharged - 90)
		     : add_goal(k, where, set, closing_status(w), w->closed);
	if (rc || !home)
		return rc;
	/* Life after the discharge: achieved after half a year. */
	const char *life = "通院を自分で続ける";
	if (w->day_service)
		life = "週2回日中活動に通う";
	else if (w->peer)
		life = "月1回ピアサポートの集まりに参加する";
	set = w->discharged > 7 ? w->discharged - 7 : 0;
	return w->discharged - 180 >= w->closed ? add_goal(k, life, set, "achieved", w->discharged - 180)
						: add_goal(k, life, set, closing_status(w), w->closed);
}

int demo_add_casework(struct db *db, struct arena *a, const struct date *today, const struct demo_way *w,
		      struct demo_counts *counts)
{
	struct work k = { .db = db, .a = a, .today = *today, .w = w, .counts = counts };
	date_format_iso(*today, k.today_iso);
	int rc;
	if ((rc = add_planning(&k)) || (rc = add_transition(&k)) || (rc = add_after_discharge(&k)) ||
	    (rc = add_records(&k)) || (rc = add_goals(&k)))
		return rc;
	return 0;
}
