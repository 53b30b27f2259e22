/*
 * demo_events — the demo's events and peer support (DESIGN §2 "Events", "Peer support"; seed §4
 * ②③), after demo_cases.c and demo_agents.c, through domain/event.c and domain/peer.c.
 *
 * The seed's year R3 (FY2021, 2021-04-01 … 2022-03-31) on fixed dates, so that its indicators come
 * out as the sheet says: one training with the elderly-care field held in Suruga ward with the
 * 地域包括支援センター and care managers, WG members lecturing (and the care managers' own training
 * where WG members lectured too, an "other" event that counts for no indicator); the basic
 * peer-supporter training co-hosted with the prefecture, postponed for COVID; five peer exchange
 * meetings held. The outcome texts are the seed's own words (shizuoka-status-sheet.ja.txt §4).
 *
 * R4 and R5 on fixed dates too: the training with the elderly field held in Aoi ward in R4, and in
 * R5 once in each ward, as the sheet's R5 goal says (「令和５年度で各区で研修会を開催する」).
 *
 * Then recent events, counted from today: a follow-up training for the agent firms, held a month
 * ago with the three cooperating firms of demo_agents.c attending — recording them writes each
 * firm's training linked to the event. demo_agents.c's own trainings stay as they are, without an
 * event: each firm took the association's course on its own day, which no single event of the
 * city stands for (the schema allows a training without one). A training for new firms, a
 * training with the elderly field in Aoi ward and a recent exchange meeting are planned or held.
 *
 * Peer supporters: three fictional members of ピアサポートしずおか, one of them the demo login
 * `peer`, assigned to demo cases whose care team has the group and whose peer_support consent is
 * in force (demo_cases.c's T_PEER with K_PEER), with some activity.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/event.h"
#include "domain/peer.h"
#include "domain/user.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

#define SURUGA "221023"
#define AOI "221015"
#define SHIMIZU "221031"
#define PEER_GROUP "ピアサポートしずおか"
#define WG "地域移行支援部会ワーキンググループメンバー（相談支援事業所・精神科病院の相談員）"
#define EXCHANGE_OUTCOME "交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。"

struct demo {
	struct db *db;
	struct arena *a;
	struct date today;
	char today_iso[11];
	int64_t city;             /* the city user: creates and records */
	const char *field, *msg;  /* the last refusal */
	struct demo_counts *counts;
};

static const struct demo_event {
	const char *kind;
	const char *title;
	const char *on;        /* a fixed day (the seed's R3), or NULL: ago counts from today */
	int ago;               /* days ago (negative: ahead) when on is NULL */
	const char *starts, *ends;
	const char *place;     /* invented, with （デモ） */
	const char *ward;      /* NULL: city-wide */
	const char *co_host;
	const char *status;
	const char *reason;    /* when postponed or cancelled */
	const char *lecturers;
	const char *materials;
	const char *outcome;
	/* People by sector when held, in meeting_sectors order: health psychiatric medical_other
	 * welfare care person family housing other. */
	int heads[MEETING_SECTORS];
	bool firms;            /* the cooperating agent firms attended */
} events[] = {
	/* R3: ② relations with the elderly-care field. */
	{ "elderly_field_training", "高齢分野との研修会（駿河区）", "2021-11-18", 0, "13:30", "16:00",
	  "駿河区役所 会議室（デモ）", SURUGA, "駿河区内の地域包括支援センター", "held", NULL, WG,
	  "事例検討シート、障害福祉サービスと介護保険サービスの早見表",
	  "・事例検討等を通して、障害分野、高齢分野それぞれの立場や役割等について、お互いの理解が深まった。\n"
	  "・駿河区の地域の支援者が集まることで、顔つなぎをすることができた。",
	  { 2, 3, 0, 9, 16, 0, 0, 0, 2 }, false },
	{ "other", "ケアマネジャー研修会（WGメンバーが講師として参加）", "2022-02-09", 0, "14:00", "16:00",
	  "オンライン開催（デモ）", NULL, "介護支援専門員の連絡会（デモ）", "held", NULL, WG, NULL,
	  "ケアマネの研修会でもWGメンバーが講師として参加。", { 0, 2, 0, 2, 35, 0, 0, 0, 0 }, false },
	/* R3: ③ peer support — the basic training postponed, five exchange meetings held. */
	{ "peer_training_basic", "ピアサポーター養成研修（基礎）", "2021-09-25", 0, "10:00", "16:00",
	  "静岡県総合社会福祉会館（デモ）", NULL, "静岡県", "postponed",
	  "新型コロナウイルス感染症の影響で延期（対面研修は見合わせることとなった）", NULL, NULL,
	  "県の研修がR4年度静岡市圏域で開催する予定。", { 0 }, false },
	{ "peer_exchange", "ピアサポーター交流会（第1回）", "2021-06-19", 0, "13:30", "15:30",
	  "静岡市役所 会議室（デモ）", NULL, PEER_GROUP, "held", NULL, NULL, NULL, NULL, { 0, 0, 0, 2, 0, 7, 0, 0, 1 }, false },
	{ "peer_exchange", "ピアサポーター交流会（第2回）", "2021-08-21", 0, "13:30", "15:30",
	  "オンライン開催（デモ）", NULL, PEER_GROUP, "held", NULL, NULL, NULL, NULL, { 0, 0, 0, 2, 0, 6, 0, 0, 1 }, false },
	{ "peer_exchange", "ピアサポーター交流会（第3回）", "2021-10-16", 0, "13:30", "15:30",
	  "静岡市役所 会議室（デモ）", NULL, PEER_GROUP, "held", NULL, NULL, NULL, NULL, { 0, 1, 0, 2, 0, 9, 0, 0, 1 }, false },
	{ "peer_exchange", "ピアサポーター交流会（第4回）", "2021-12-18", 0, "13:30", "15:30",
	  "静岡市役所 会議室（デモ）", NULL, PEER_GROUP, "held", NULL, NULL, NULL, NULL, { 0, 0, 0, 3, 0, 8, 1, 0, 1 }, false },
	{ "peer_exchange", "ピアサポーター交流会（第5回）", "2022-02-19", 0, "13:30", "15:30",
	  "オンライン開催（デモ）", NULL, PEER_GROUP, "held", NULL, NULL, NULL, EXCHANGE_OUTCOME,
	  { 0, 0, 0, 2, 0, 8, 0, 0, 1 }, false },
	/* R4 and R5: ② the training with the elderly field, then in each ward. */
	{ "elderly_field_training", "高齢分野との研修会（葵区）", "2022-11-17", 0, "13:30", "16:00",
	  "葵区役所 会議室（デモ）", AOI, "葵区内の地域包括支援センター", "held", NULL, WG, "事例検討シート",
	  "グループワークで退院後の支援を事例から検討し、葵区の包括・ケアマネと顔の見える関係ができた。",
	  { 2, 2, 0, 8, 14, 0, 0, 0, 1 }, false },
	{ "elderly_field_training", "高齢分野との研修会（駿河区）", "2023-06-22", 0, "13:30", "16:00",
	  "駿河区役所 会議室（デモ）", SURUGA, "駿河区内の地域包括支援センター", "held", NULL, WG, "事例検討シート",
	  "R3に続く2回目。相談先に迷った事例を持ち寄り、互いの窓口の役割を確認した。",
	  { 2, 2, 0, 9, 15, 0, 0, 0, 1 }, false },
	{ "elderly_field_training", "高齢分野との研修会（葵区）", "2023-10-19", 0, "13:30", "16:00",
	  "葵区役所 会議室（デモ）", AOI, "葵区内の地域包括支援センター", "held", NULL, WG, "事例検討シート",
	  "8050世帯の事例で、障害と介護のサービスを組み合わせた支援の流れを確認した。",
	  { 1, 3, 0, 8, 17, 0, 1, 0, 1 }, false },
	{ "elderly_field_training", "高齢分野との研修会（清水区）", "2024-01-25", 0, "13:30", "16:00",
	  "清水区役所 会議室（デモ）", SHIMIZU, "清水区内の地域包括支援センター", "held", NULL, WG, "事例検討シート",
	  "清水区で初めての開催。高齢分野の支援者と地域移行の取組を共有し、顔つなぎができた。",
	  { 2, 2, 0, 7, 13, 0, 0, 0, 1 }, false },
	/* Now. */
	{ "agent_training", "住宅あっせん協力店フォローアップ研修", NULL, 30, "14:00", "16:00",
	  "静岡中部宅建協会 会議室（デモ）", NULL, "静岡中部宅建協会（デモ）", "held", NULL,
	  WG "、静岡市障害福祉課", "支援体制確認シート（記入例）、困ったときの連絡先一覧",
	  "支援体制確認シートの読み方と、入居後に困ったときの連絡の流れを確認した。", { 0, 1, 0, 3, 0, 0, 0, 4, 2 }, true },
	{ "peer_exchange", "ピアサポーター交流会", NULL, 14, "13:30", "15:30", "静岡市役所 会議室（デモ）", NULL,
	  PEER_GROUP, "held", NULL, NULL, NULL, NULL, { 0, 0, 0, 2, 0, 9, 0, 0, 1 }, false },
	{ "agent_training", "住宅あっせん協力店研修（新規協力店向け）", NULL, -45, "14:00", "16:00",
	  "静岡中部宅建協会 会議室（デモ）", NULL, "静岡中部宅建協会（デモ）", "planned", NULL, WG, NULL, NULL, { 0 }, false },
	{ "elderly_field_training", "高齢分野との研修会（葵区）", NULL, -60, "13:30", "16:00", "葵区役所 会議室（デモ）", AOI,
	  "葵区内の地域包括支援センター", "planned", NULL, WG, NULL, NULL, { 0 }, false },
};

/* The cooperating firms of demo_agents.c at the agent training, with how many of each came. */
static const struct {
	const char *name;
	int attendees;
} trained_firms[] = { { "ふじみ不動産", 2 }, { "葵ハウジング", 1 }, { "清水ベイ不動産", 1 } };

static const struct demo_peer {
	const char *name;   /* fictional */
	const char *login;  /* demo.c's login, or NULL */
	const char *level;
	const char *trained_on;
} peers[] = {
	{ "ピア 翔", "peer", "basic", "2020-11-14" },
	{ "森 ひかり", NULL, "advanced", "2019-02-16" },
	{ "駿河 太一", NULL, "none", NULL },
};

/* Who works with whom: a family name of demo_cases.c (a T_PEER case with K_PEER). */
static const struct demo_assignment {
	int peer;            /* index in peers[] */
	const char *person;  /* family name */
	int since;           /* days ago at most (later when the consent came later) */
	int activity[4];     /* days ago of each activity logged; 0: none */
	const char *kinds[4];
	int minutes[4];
	const char *notes[4];
} assignments[] = {
	{ 0, "田村", 90, { 60, 31, 12, 3 }, { "visit", "accompany", "phone", "visit" }, { 60, 150, 20, 90 },
	  { "退院後の暮らしについて体験を話した", "不動産店への内見に同行", NULL, "買い物の練習に付き添った" } },
	{ 0, "長田", 60, { 40, 9, 0, 0 }, { "group", "visit", NULL, NULL }, { 120, 60, 0, 0 },
	  { "病棟のグループ活動に参加", NULL, NULL, NULL } },
	{ 1, "増田", 80, { 50, 20, 5, 0 }, { "visit", "phone", "accompany", NULL }, { 60, 15, 180, 0 },
	  { NULL, NULL, "地域活動支援センターの見学に同行", NULL } },
	{ 1, "仁科", 120, { 70, 2, 0, 0 }, { "visit", "group", NULL, NULL }, { 45, 90, 0, 0 },
	  { NULL, "交流会に一緒に参加", NULL, NULL } },
};

static char *day(struct demo *d, int ago)
{
	char buf[11];
	date_format_iso(date_add_days(d->today, -ago), buf);
	return arena_strdup(d->a, buf);
}

static int fail(struct demo *d, const char *what, int rc)
{
	cli_error("demo events: %s: %s%s%s", what, d->msg ? d->msg : err_text(rc), d->field ? " — " : "",
		  d->field ? d->field : "");
	return rc;
}

static int add_event(struct demo *d, const char *muni, const struct demo_event *x)
{
	struct event e = { .kind = (char *)x->kind, .title = (char *)x->title,
			   .held_on = x->on ? (char *)x->on : day(d, x->ago), .starts_at = (char *)x->starts,
			   .ends_at = (char *)x->ends, .place = (char *)x->place, .ward_code = (char *)x->ward,
			   .co_host = (char *)x->co_host, .status = (char *)x->status, .status_reason = (char *)x->reason,
			   .lecturers = (char *)x->lecturers, .materials = (char *)x->materials,
			   .outcome = (char *)x->outcome };
	int rc = event_add(d->db, d->a, muni, &e, d->city, d->today_iso, &d->field, &d->msg);
	if (rc)
		return fail(d, x->title, rc);
	d->counts->events++;
	struct event_heads h = { 0 };
	for (int i = 0; i < MEETING_SECTORS; i++)
		h.total += h.heads[i] = x->heads[i];
	if (h.total && (rc = event_participation_set(d->db, d->a, e.id, &h, &d->field, &d->msg)))
		return fail(d, x->title, rc);
	if (!x->firms)
		return 0;
	enum { NFIRMS = sizeof trained_firms / sizeof trained_firms[0] };
	int64_t orgs[NFIRMS];
	int people[NFIRMS];
	for (size_t i = 0; i < NFIRMS; i++) {
		if ((rc = directory_org_find(d->db, d->a, trained_firms[i].name, &orgs[i])))
			return fail(d, trained_firms[i].name, rc);
		people[i] = trained_firms[i].attendees;
	}
	rc = event_firms_record(d->db, d->a, e.id, orgs, people, NFIRMS, d->city, &d->field, &d->msg);
	return rc ? fail(d, x->title, rc) : 0;
}

/* The open case of the person called family (peer_assignment_add then checks that the group is
 * on its care team and the peer_support consent is in force). */
static int peer_case(struct demo *d, const char *family, struct support_case *out)
{
	struct access city = { .role = ROLE_CITY };
	memcpy(city.today, d->today_iso, sizeof city.today);
	return demo_case_of(d->db, d->a, &city, family, out);
}

/* The day the case's peer_support consent in force was granted. */
static int consent_day(struct demo *d, int64_t case_id, const char **on)
{
	struct case_consent *k;
	size_t n;
	int rc = case_consents(d->db, d->a, case_id, d->today_iso, &k, &n);
	for (size_t i = 0; !rc && i < n; i++)
		if (strcmp(k[i].scope, "peer_support") == 0 && k[i].in_force) {
			*on = k[i].granted_on;
			return 0;
		}
	return rc ? rc : ERR_NOTFOUND;
}

static int add_assignment(struct demo *d, const int64_t *peer_ids, const int64_t *logins,
			  const struct demo_assignment *x)
{
	struct support_case c;
	const char *granted;
	int rc = peer_case(d, x->person, &c);
	if (rc || (rc = consent_day(d, c.id, &granted)))
		return fail(d, x->person, rc);
	/* From `since` days ago, or from the consent or the opening when they came later. */
	const char *from = day(d, x->since);
	if (strcmp(granted, from) > 0)
		from = granted;
	if (strcmp(c.opened_on, from) > 0)
		from = c.opened_on;
	struct peer_assignment s = { .peer_id = peer_ids[x->peer], .case_id = c.id, .from_on = (char *)from };
	if ((rc = peer_assignment_add(d->db, d->a, &s, d->today_iso, &d->field, &d->msg)))
		return fail(d, x->person, rc);
	for (int i = 0; i < 4 && x->activity[i]; i++) {
		const char *on = day(d, x->activity[i]);
		if (strcmp(on, s.from_on) < 0)
			continue; /* the assignment began later than this demo activity */
		struct peer_activity act = { .assignment_id = s.id, .done_on = (char *)on, .kind = (char *)x->kinds[i],
					     .minutes = x->minutes[i], .note = (char *)x->notes[i] };
		int64_t by = logins[x->peer] ? logins[x->peer] : d->city;
		if ((rc = peer_activity_log(d->db, d->a, &act, by, d->today_iso, &d->field, &d->msg)))
			return fail(d, x->person, rc);
	}
	return 0;
}

int demo_add_events(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct demo d = { .db = db, .a = a, .today = date_today(), .counts = counts };
	date_format_iso(d.today, d.today_iso);
	counts->events = counts->peers = 0;
	struct user city;
	struct municipality m;
	int64_t group;
	int rc = user_by_login(db, a, "city", &city, NULL);
	if (rc || (rc = directory_municipality(db, a, &m)) || (rc = directory_org_find(db, a, PEER_GROUP, &group)))
		return fail(&d, "the city, its municipality and the peer group", rc);
	d.city = city.id;
	for (size_t i = 0; !rc && i < sizeof events / sizeof events[0]; i++)
		rc = add_event(&d, m.code, &events[i]);

	enum { NPEERS = sizeof peers / sizeof peers[0] };
	int64_t ids[NPEERS], logins[NPEERS];
	for (size_t i = 0; !rc && i < NPEERS; i++) {
		struct peer_supporter p = { .name = (char *)peers[i].name, .organisation_id = group,
					    .level = (char *)peers[i].level, .trained_on = (char *)peers[i].trained_on,
					    .active = true };
		struct user u;
		logins[i] = 0;
		if (peers[i].login && (rc = user_by_login(db, a, peers[i].login, &u, NULL)))
			return fail(&d, peers[i].login, rc);
		if (peers[i].login)
			p.user_id = logins[i] = u.id;
		if ((rc = peer_save(db, a, m.code, &p, d.today_iso, &d.field, &d.msg)))
			return fail(&d, peers[i].name, rc);
		ids[i] = p.id;
		counts->peers++;
	}
	for (size_t i = 0; !rc && i < sizeof assignments / sizeof assignments[0]; i++)
		rc = add_assignment(&d, ids, logins, &assignments[i]);
	return rc;
}
