/*
 * demo_meetings — the demo's forum and meetings (seed §1: one consultation forum for the whole
 * city; §3: the monthly liaison meeting that became the 地域移行支援部会ワーキンググループ), after
 * demo_cases.c: the city-wide forum about twice a year (one that evaluated the year's work, one
 * that set goals, the next one planned), the working group as one monthly series — the past months
 * held, with attendance across the sectors (the psychiatric hospitals, the consultation offices,
 * the city, the public health centre, a peer and the family association), reviewed cases with
 * their discussion and decision, and minutes; the coming months planned — a case conference in
 * Suruga ward, and action items: open ones (one overdue) for 駿河区相談支援センターみらい, whose
 * counsellor sees them on the dashboard, and one already done.
 *
 * Everything goes through domain/meeting.c, so the demo passes the rules users meet. Days are
 * counted from today, so a demo made on any day has meetings behind it and ahead of it.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/meeting.h"
#include "domain/user.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

enum { WG_MEETINGS = 10 }; /* the working group's series: six months back, three or four ahead */

struct demo {
	struct db *db;
	struct arena *a;
	struct date today;
	struct access city;         /* the city's user: records the meetings */
	const char *field, *msg;    /* the last refusal */
	struct demo_counts *counts;
	int64_t held[WG_MEETINGS];  /* the working groups held, oldest first */
	struct date held_on[WG_MEETINGS]; /* and their days */
	size_t nheld;               /* how many */
};

/* Who came: an organisation of demo.c (by name) or, with org NULL, a labelled group. */
struct demo_att {
	const char *org;    /* organisation name, or NULL */
	const char *label;  /* when org is NULL */
	const char *sector; /* meeting_sectors code; NULL: as the organisation's kind suggests */
	int heads;
};

/* The city office is the organisation demo.c names after the municipality. */
static const struct demo_att forum_att[] = {
	{ "静岡市保健所 精神保健福祉係", NULL, NULL, 2 },
	{ "葵こころの森病院", NULL, NULL, 2 },
	{ "駿河さくら病院", NULL, NULL, 1 },
	{ "清水みなと病院", NULL, NULL, 1 },
	{ "しずはたメンタルクリニック", NULL, NULL, 1 },
	{ "訪問看護ステーションあおば", NULL, NULL, 1 },
	{ "葵区相談支援センターつむぎ", NULL, NULL, 1 },
	{ "駿河区相談支援センターみらい", NULL, NULL, 1 },
	{ "清水区相談支援センターうみかぜ", NULL, NULL, 1 },
	{ "静岡市", NULL, NULL, 3 },
	{ "駿河中部地域包括支援センター", NULL, NULL, 1 },
	{ "ケアプランセンターふじみ", NULL, NULL, 1 },
	{ "静岡中部宅建協会（デモ）", NULL, NULL, 1 },
	{ "ピアサポートしずおか", NULL, NULL, 2 },
	{ "静岡市精神保健福祉家族会（デモ）", NULL, NULL, 1 },
};

static const struct demo_att wg_att[] = {
	{ "葵こころの森病院", NULL, NULL, 2 },
	{ "駿河さくら病院", NULL, NULL, 1 },
	{ "清水みなと病院", NULL, NULL, 1 },
	{ "葵区相談支援センターつむぎ", NULL, NULL, 1 },
	{ "駿河区相談支援センターみらい", NULL, NULL, 1 },
	{ "清水区相談支援センターうみかぜ", NULL, NULL, 1 },
	{ "静岡市", NULL, NULL, 2 },
	{ "静岡市保健所 精神保健福祉係", NULL, NULL, 1 },
	{ NULL, "当事者（ピアサポーター）", "person", 1 },
	{ "静岡市精神保健福祉家族会（デモ）", NULL, NULL, 1 },
};

static const struct demo_att conference_att[] = {
	{ "駿河区相談支援センターみらい", NULL, NULL, 1 },
	{ "駿河さくら病院", NULL, NULL, 2 },
	{ "訪問看護ステーションあおば", NULL, NULL, 1 },
	{ "ピアサポートしずおか", NULL, NULL, 1 },
};

/* Cases the working group reviewed, by the month of the series (0: the first). */
static const struct demo_review {
	int month;
	const char *person; /* family name of an open demo case */
	const char *discussion;
	const char *decision;
} reviews[] = {
	{ 0, "青木", "入院12年。本人は「町で暮らしたい」と話すようになった。家族は再発を心配している。",
	  "病院PSWと相談支援専門員で家族面談を行い、体験宿泊を提案する。" },
	{ 1, "秋山", "高齢で介護保険の申請が必要。地域包括支援センターとの連携方法を確認した。",
	  "要介護認定の申請を進め、退院後のケアマネジャーを早めに決める。" },
	{ 2, "植田", "日中活動の場が決まらず計画が止まっている。見学の同行者が足りない。",
	  "ピアサポーターの同行で地域活動支援センターを見学する。" },
	{ 3, "石川", "グループホームへの移行準備中。服薬管理に不安がある。",
	  "訪問看護を週2回で開始し、1か月後に見直す。" },
	{ 4, "鈴木", "地域移行支援の給付期間が近く終わる。延長が必要か検討した。",
	  "延長を申請する。次回WGで経過を報告する。" },
	{ 5, "長田", "住宅あっせんシステムで物件を内見中。保証会社の審査が課題。",
	  NULL },
};

static const char *const wg_minutes[] = {
	"各病院から長期入院者の状況報告。地域移行の意向がある方の把握方法を共有した。",
	"高齢の長期入院者の退院支援について、介護分野との連携を議論した。",
	"ピアサポーターの活動報告。病院訪問の再開に向けて感染対策を確認した。",
	"体験宿泊の利用状況を共有。グループホームの空き状況を確認した。",
	"住宅あっせんシステムの運用状況と、宅建協会との研修の準備を確認した。",
	"高齢分野との合同研修（駿河区）の内容を検討した。",
};

static char *day(struct demo *d, struct date on)
{
	char buf[11];
	date_format_iso(on, buf);
	return arena_strdup(d->a, buf);
}

static int fail(struct demo *d, const char *what, int rc)
{
	cli_error("demo meetings: cannot %s: %s%s%s", what, d->msg ? d->msg : err_text(rc), d->field ? " — " : "",
		  d->field ? d->field : "");
	return rc;
}

static int org_of(struct demo *d, const char *name, int64_t *id)
{
	int rc = directory_org_find(d->db, d->a, name, id);
	if (rc)
		cli_error("demo meetings: no organisation '%s'", name);
	return rc;
}

/* A meeting on day on, held when held is true (the day must have passed), else planned. */
static int add_meeting(struct demo *d, struct meeting *m, int count, bool held)
{
	m->status = held ? "held" : "planned";
	d->field = d->msg = NULL;
	int rc = meeting_schedule(d->db, d->a, m, count, d->city.user_id, d->city.today, &d->field, &d->msg);
	if (rc)
		return fail(d, "schedule a meeting", rc);
	d->counts->meetings += count;
	return 0;
}

/* Records the rows of att at meeting id, each head count plus extra (never below 1). */
static int attend(struct demo *d, int64_t id, const struct demo_att *att, size_t n, int extra)
{
	for (size_t i = 0; i < n; i++) {
		struct meeting_attendance r = { .meeting_id = id, .label = (char *)att[i].label,
						.sector = (char *)att[i].sector,
						.head_count = att[i].heads + extra > 0 ? att[i].heads + extra : 1 };
		int rc;
		if (att[i].org && (rc = org_of(d, att[i].org, &r.organisation_id)))
			return rc;
		d->field = d->msg = NULL;
		if ((rc = meeting_attendance_record(d->db, d->a, &r, d->city.today, &d->field, &d->msg)))
			return fail(d, "record the attendance", rc);
	}
	return 0;
}

static int review(struct demo *d, int64_t meeting, const char *person, const char *discussion, const char *decision)
{
	struct meeting_case r = { .meeting_id = meeting, .discussion = (char *)discussion, .decision = (char *)decision };
	struct support_case c;
	int rc = demo_case_of(d->db, d->a, &d->city, person, &c);
	if (rc)
		return fail(d, "find the case to review", rc);
	r.case_id = c.id;
	d->field = d->msg = NULL;
	return (rc = meeting_case_record(d->db, d->a, &d->city, &r, &d->field, &d->msg)) ? fail(d, "record a reviewed case", rc) : 0;
}

/* An action item of meeting for owner due on due; done on done when that is not NULL. */
static int action(struct demo *d, int64_t meeting, const char *owner, const char *body, struct date due,
		  const struct date *done)
{
	struct action_item it = { .meeting_id = meeting, .body = (char *)body, .due_on = day(d, due) };
	int rc = org_of(d, owner, &it.owner_org_id);
	if (rc)
		return rc;
	d->field = d->msg = NULL;
	if ((rc = meeting_action_record(d->db, d->a, &it, &d->field, &d->msg)))
		return fail(d, "add an action item", rc);
	if (done && (rc = action_item_done(d->db, d->a, it.id, d->city.user_id, day(d, *done), &d->field, &d->msg)))
		return fail(d, "mark an action item done", rc);
	return 0;
}

/* The city-wide forum: evaluated the last year's work ten months ago, set this year's goals four
 * months ago, meets again in two months. */
static int forum(struct demo *d)
{
	static const struct { int ago; bool goals, eval; const char *minutes; } sessions[] = {
		{ 300, false, true, "前年度の取組（住宅あっせんシステム、高齢分野との連携、ピアサポート）を評価した。" },
		{ 120, true, false, "今年度の目標（住宅あっせんシステムの活用、各区での高齢分野との研修）を設定した。" },
	};
	for (size_t i = 0; i < 2; i++) {
		struct meeting m = { .kind = "forum", .title = "静岡市 精神障害にも対応した地域包括ケアシステム 協議の場",
				     .held_on = day(d, date_add_days(d->today, -sessions[i].ago)), .starts_at = "14:00",
				     .ends_at = "16:00", .place = "静岡市役所 静岡庁舎（デモ）", .goal_setting = sessions[i].goals,
				     .evaluation = sessions[i].eval, .minutes = (char *)sessions[i].minutes };
		int rc = add_meeting(d, &m, 1, true);
		if (rc || (rc = attend(d, m.id, forum_att, sizeof forum_att / sizeof forum_att[0], (int)i)))
			return rc;
	}
	struct meeting next = { .kind = "forum", .title = "静岡市 精神障害にも対応した地域包括ケアシステム 協議の場",
				.held_on = day(d, date_add_days(d->today, 60)), .starts_at = "14:00", .ends_at = "16:00",
				.place = "静岡市役所 静岡庁舎（デモ）" };
	return add_meeting(d, &next, 1, false);
}

/* The working group: a monthly series on the 10th from six months ago; those whose day has passed
 * were held. */
static int working_group(struct demo *d)
{
	struct date from = date_add_months(d->today, -6);
	from.day = 10;
	struct meeting m = { .kind = "working_group", .title = "地域移行支援部会ワーキンググループ",
			     .held_on = day(d, from), .starts_at = "13:30", .ends_at = "15:00",
			     .place = "静岡市役所 静岡庁舎（デモ）会議室" };
	int rc = add_meeting(d, &m, WG_MEETINGS, false);
	if (rc)
		return rc;
	struct meeting *rest;
	size_t n;
	if ((rc = meeting_series(d->db, d->a, &m, &rest, &n)))
		return fail(d, "read the series", rc);
	struct meeting *all = arena_alloc(d->a, (n + 1) * sizeof *all);
	if (!all)
		return ERR_TOOBIG;
	all[0] = m;
	memcpy(all + 1, rest, n * sizeof *rest);
	for (size_t i = 0; i <= n && strcmp(all[i].held_on, d->city.today) < 0; i++) {
		struct meeting *w = &all[i];
		w->status = "held";
		w->minutes = i < sizeof wg_minutes / sizeof wg_minutes[0] ? (char *)wg_minutes[i] : NULL;
		d->field = d->msg = NULL;
		if ((rc = meeting_save(d->db, d->a, w, d->city.today, &d->field, &d->msg)))
			return fail(d, "record the working group as held", rc);
		if ((rc = attend(d, w->id, wg_att, sizeof wg_att / sizeof wg_att[0], (int)(i % 3) - 1)))
			return rc;
		for (size_t k = 0; k < sizeof reviews / sizeof reviews[0]; k++)
			if (reviews[k].month == (int)i &&
			    (rc = review(d, w->id, reviews[k].person, reviews[k].discussion, reviews[k].decision)))
				return rc;
		d->held[d->nheld] = w->id;
		date_parse(w->held_on, &d->held_on[d->nheld++]);
	}
	return 0;
}

/* A case conference in Suruga ward on 長田's flat, three weeks ago. */
static int case_conference(struct demo *d)
{
	struct meeting m = { .kind = "case_conference", .title = "ケース会議（駿河区）",
			     .held_on = day(d, date_add_days(d->today, -21)), .starts_at = "10:00", .ends_at = "11:00",
			     .place = "駿河区相談支援センターみらい（デモ）", .ward_code = "221023" };
	int rc = add_meeting(d, &m, 1, true);
	if (rc || (rc = attend(d, m.id, conference_att, sizeof conference_att / sizeof conference_att[0], 0)))
		return rc;
	return review(d, m.id, "長田", "内見した物件は駅に近く本人も気に入っている。家賃の支払い方法が未定。",
		      "家賃は代理納付とし、保証会社の審査書類を来週までにそろえる。");
}

int demo_add_meetings(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct demo d = { .db = db, .a = a, .today = date_today(), .counts = counts };
	struct user city;
	int rc = user_by_login(db, a, "city", &city, NULL);
	if (rc)
		return fail(&d, "find the city's user", rc);
	d.city = (struct access){ .role = ROLE_CITY, .organisation_id = city.organisation_id, .user_id = city.id };
	date_format_iso(d.today, d.city.today);
	if ((rc = forum(&d)) || (rc = working_group(&d)) || (rc = case_conference(&d)))
		return rc;
	if (d.nheld < 3)
		return fail(&d, "find the working groups that were held", ERR_NOTFOUND);
	/* What the working groups asked for. みらい's are on counselor-suruga's dashboard: one from a
	 * month or more ago, due two weeks after that meeting and overdue now; one from the last. */
	size_t last = d.nheld - 1, before = last;
	while (before > 0 && date_to_days(d.held_on[before]) + 14 >= date_to_days(d.today))
		before--;
	struct date done = date_add_days(d.held_on[0], 20);
	if ((rc = action(&d, d.held[before], "駿河区相談支援センターみらい",
			 "駿河さくら病院の長期入院者への退院意向調査の結果をまとめ、WGで報告する。",
			 date_add_days(d.held_on[before], 14), NULL)) ||
	    (rc = action(&d, d.held[last], "駿河区相談支援センターみらい",
			 "地域包括支援センターとの合同研修（駿河区）の案内文を作成する。", date_add_days(d.today, 14), NULL)) ||
	    (rc = action(&d, d.held[last], "葵こころの森病院", "院内の退院支援委員会で体験宿泊の利用案内を周知する。",
			 date_add_days(d.today, 30), NULL)) ||
	    (rc = action(&d, d.held[last], "静岡市", "宅建協会への制度説明会の日程を協会と調整する。",
			 date_add_days(d.today, 21), NULL)) ||
	    (rc = action(&d, d.held[0], "葵区相談支援センターつむぎ", "ピアサポーター交流会の日程を調整する。",
			 date_add_days(d.held_on[0], 30), &done)))
		return rc;
	return 0;
}
