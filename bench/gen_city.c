/*
 * gen_city — fictional city-scale data for bench/scale.sh: 300,000 persons of Shizuoka's three
 * wards, about 330,000 admissions at the demo's three psychiatric hospitals, and 20,000 support
 * cases with their care teams, service periods, follow-ups, stage changes and the consents the
 * peer group and the elderly-care centre need.
 *
 *   cc -O2 -o gen_city bench/gen_city.c && ./gen_city 2026-11-24 OUTDIR
 *
 * writes OUTDIR/persons.csv and OUTDIR/admissions.csv (the columns of docs/import.md, for
 * `tsunagu import`) and OUTDIR/cases.sql (for the sqlite3 CLI: there is no CSV import for cases;
 * it fills temporary tables and copies them in with joins on external_id, organisation name and
 * login, inside one transaction that the script opens). Bench data only.
 *
 * Everything is drawn from one fixed seed, so the same people come out on every run; only the
 * dates move with TODAY (counted back from it, as the demo does), so that the dashboard's "due"
 * windows have something in them on any day. The names are common Japanese surnames and given
 * names in random pairs; any likeness to a real person is chance. Needs nothing but libc.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PERSONS = 300000, CASES = 20000, FIRST_CASE_ID = 1001 };

#define GEN_SEED 0x7473756e61677521ull /* "tsunagu!": the fixed seed */
#define GEN_NAME "gen_city"
#include "gen_common.h"

static int percent(int p)
{
	return rnd(100) < p;
}

/* ---- dates (day numbers and iso() in gen_common.h) ---- */

static int add_years(int day, int n)
{
	return day + n * 365 + n / 4;
}

/* date_add_months of src/base/date.c: the same day n months on, clamped to the month's end. */
static int add_months(int day, int n)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	int k = y * 12 + (m - 1) + n;
	y = k / 12;
	m = k % 12 + 1;
	int last = len[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return days_from_civil(y, m, d > last ? last : d);
}

/* ---- names ---- */

struct name {
	const char *kanji, *kana;
	int weight;
};

/* Common surnames (Shizuoka's own among them: 望月, 杉山, 鈴木, 渡辺); six begin with ヤマ. */
static const struct name family[] = {
	{ "鈴木", "スズキ", 30 }, { "佐藤", "サトウ", 20 }, { "望月", "モチヅキ", 18 },
	{ "渡辺", "ワタナベ", 18 }, { "杉山", "スギヤマ", 16 }, { "山本", "ヤマモト", 16 },
	{ "高橋", "タカハシ", 14 }, { "伊藤", "イトウ", 14 }, { "田中", "タナカ", 14 },
	{ "加藤", "カトウ", 12 }, { "中村", "ナカムラ", 12 }, { "小林", "コバヤシ", 12 },
	{ "山田", "ヤマダ", 10 }, { "佐野", "サノ", 10 }, { "石川", "イシカワ", 10 },
	{ "吉田", "ヨシダ", 10 }, { "山口", "ヤマグチ", 8 }, { "松本", "マツモト", 8 },
	{ "井上", "イノウエ", 8 }, { "木村", "キムラ", 8 }, { "林", "ハヤシ", 8 },
	{ "斎藤", "サイトウ", 8 }, { "清水", "シミズ", 8 }, { "山崎", "ヤマザキ", 7 },
	{ "森", "モリ", 7 }, { "池田", "イケダ", 7 }, { "橋本", "ハシモト", 7 },
	{ "阿部", "アベ", 6 }, { "山下", "ヤマシタ", 6 }, { "中島", "ナカジマ", 6 },
	{ "石井", "イシイ", 6 }, { "小川", "オガワ", 6 }, { "前田", "マエダ", 6 },
	{ "岡田", "オカダ", 6 }, { "長谷川", "ハセガワ", 6 }, { "藤田", "フジタ", 6 },
	{ "後藤", "ゴトウ", 5 }, { "近藤", "コンドウ", 5 }, { "村松", "ムラマツ", 5 },
	{ "遠藤", "エンドウ", 5 }, { "青木", "アオキ", 5 }, { "坂本", "サカモト", 5 },
	{ "佐々木", "ササキ", 5 }, { "増田", "マスダ", 5 }, { "海野", "ウンノ", 4 },
	{ "大石", "オオイシ", 4 }, { "深沢", "フカサワ", 4 }, { "山内", "ヤマウチ", 4 },
	{ "芹沢", "セリザワ", 3 }, { "土屋", "ツチヤ", 3 },
};
static const struct name male[] = {
	{ "正雄", "マサオ", 3 }, { "浩二", "コウジ", 3 }, { "誠", "マコト", 4 }, { "健一", "ケンイチ", 4 },
	{ "和夫", "カズオ", 3 }, { "直樹", "ナオキ", 4 }, { "隆", "タカシ", 4 }, { "勝", "マサル", 3 },
	{ "昭", "アキラ", 3 }, { "進", "ススム", 3 }, { "博之", "ヒロユキ", 3 }, { "修", "オサム", 3 },
	{ "拓也", "タクヤ", 4 }, { "清", "キヨシ", 3 }, { "茂", "シゲル", 3 }, { "忠", "タダシ", 2 },
	{ "実", "ミノル", 2 }, { "勇", "イサム", 2 }, { "浩", "ヒロシ", 4 }, { "真一", "シンイチ", 3 },
	{ "翔太", "ショウタ", 4 }, { "大輔", "ダイスケ", 4 }, { "健太", "ケンタ", 3 }, { "蓮", "レン", 2 },
};
static const struct name female[] = {
	{ "節子", "セツコ", 3 }, { "美代子", "ミヨコ", 2 }, { "由美", "ユミ", 4 }, { "幸子", "サチコ", 4 },
	{ "恵", "メグミ", 4 }, { "和子", "カズコ", 4 }, { "千恵", "チエ", 3 }, { "洋子", "ヨウコ", 4 },
	{ "里美", "サトミ", 3 }, { "智子", "トモコ", 4 }, { "静江", "シズエ", 2 }, { "智美", "サトミ", 3 },
	{ "裕子", "ユウコ", 4 }, { "美香", "ミカ", 3 }, { "由紀", "ユキ", 3 }, { "陽子", "ヨウコ", 4 },
	{ "恵子", "ケイコ", 4 }, { "直美", "ナオミ", 3 }, { "久美子", "クミコ", 3 }, { "真由美", "マユミ", 3 },
	{ "美咲", "ミサキ", 3 }, { "結衣", "ユイ", 2 }, { "さくら", "サクラ", 2 }, { "花子", "ハナコ", 1 },
};

static const struct name *pick_name(const struct name *t, int n)
{
	int w[64];
	for (int i = 0; i < n; i++)
		w[i] = t[i].weight;
	return &t[pick(w, n)];
}

/* ---- the city ---- */

enum { AOI, SURUGA, SHIMIZU, NO_WARD };
static const char *const ward_code[] = { "221015", "221023", "221031", "" };
/* The organisations by the names the demo gives them (src/cli/demo.c); k in the temp table. */
enum { HOSP_AOI, HOSP_SURUGA, HOSP_SHIMIZU, OFF_AOI, OFF_SURUGA, OFF_SHIMIZU, GROUP_HOME, NURSE,
       DAY, CARE_MGR, PEER, ELDERLY, ORGS };
static const char *const org_name[ORGS] = {
	"葵こころの森病院", "駿河さくら病院", "清水みなと病院", "葵区相談支援センターつむぎ",
	"駿河区相談支援センターみらい", "清水区相談支援センターうみかぜ", "グループホームひだまり",
	"訪問看護ステーションあおば", "地域活動支援センターそら", "ケアプランセンターふじみ",
	"ピアサポートしずおか", "駿河中部地域包括支援センター",
};
static const char *const counselor_login[] = { "counselor-aoi", "counselor-suruga", "counselor-shimizu" };

static const char *const adm_types[] = { "voluntary", "medical_protection", "involuntary", "emergency", "other" };
static const int adm_type_w[] = { 50, 40, 3, 2, 5 };
static const char *const destinations[] = { "home", "group_home", "rental", "facility", "hospital", "death", "other" };
static const int destination_w[] = { 45, 15, 10, 10, 10, 3, 7 };
enum { DEST_DEATH = 5 };

struct admission {
	int hospital;       /* HOSP_* */
	int admitted, discharged; /* day numbers; discharged -1 while in hospital */
	int type, destination;
};

enum { MAX_ADMISSIONS = 6 };

struct person {
	int ward, birth;
	int nadm;
	struct admission adm[MAX_ADMISSIONS];
};

static struct person people[PERSONS];

struct scase {
	int person;          /* index into people */
	int lead;            /* OFF_* */
	const char *stage, *reason, *first;
	int opened, closed;  /* closed -1 while open */
	int id;
};
static struct scase cases[CASES];

static int by_opened(const void *x, const void *y)
{
	const struct scase *a = x, *b = y;
	if (a->opened != b->opened)
		return a->opened < b->opened ? -1 : 1;
	return a->person - b->person;
}


/* Admissions one after another, none overlapping, none in the future. */
static void admissions_of(struct person *p, int today)
{
	static const int count_w[] = { 37, 33, 15, 9, 4, 2 }; /* 0 … 5 admissions: mean ≈ 1.1 */
	int k = PICK(count_w);
	int earliest = max(add_years(p->birth, 18), add_years(today, -40));
	int latest = today - 30;
	p->nadm = 0;
	if (k == 0 || earliest >= latest)
		return;
	int span = latest - earliest;
	int start = earliest + rnd(span / k);
	for (int i = 0; i < k && start < today; i++) {
		struct admission *a = &p->adm[p->nadm++];
		int home = p->ward == NO_WARD ? rnd(3) : p->ward;
		a->hospital = percent(70) ? home : rnd(3);
		a->admitted = start;
		a->type = PICK(adm_type_w);
		int len = percent(60) ? 14 + rnd(106) : percent(75) ? 120 + rnd(600) : 730 + rnd(13 * 365);
		if (start + len >= today) { /* still in hospital */
			a->discharged = -1;
			return;
		}
		a->discharged = start + len;
		a->destination = PICK(destination_w);
		if (a->destination == DEST_DEATH)
			return;
		start = a->discharged + 30 + rnd(max(span / k, 60));
	}
}

static void write_persons(FILE *f, int today)
{
	static const int ward_w[] = { 40, 30, 29, 1 };
	static const char *const grades[] = { "none", "1", "2", "3" };
	static const int grade_w[] = { 40, 10, 35, 15 };
	static const char *const cats[] = { "none", "1", "2", "3", "4", "5", "6" };
	static const int cat_w[] = { 45, 5, 12, 15, 12, 7, 4 };
	static const char *const guardians[] = { "none", "guardian", "curator", "assistant" };
	static const int guardian_w[] = { 92, 4, 3, 1 };
	fputs("external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code,"
	      "handbook_grade,support_category,public_assistance,guardian\n", f);
	int oldest = add_years(today, -95), youngest = add_years(today, -18);
	for (int i = 0; i < PERSONS; i++) {
		struct person *p = &people[i];
		const struct name *fam = pick_name(family, COUNT(family));
		int sexr = rnd(100);
		const char *sex = sexr < 1 ? "unknown" : sexr < 53 ? "male" : "female";
		const struct name *giv = sexr < 53 && sexr >= 1 ? pick_name(male, COUNT(male))
				       : sexr >= 53             ? pick_name(female, COUNT(female))
				       : percent(50)           ? pick_name(male, COUNT(male))
							       : pick_name(female, COUNT(female));
		p->ward = PICK(ward_w);
		p->birth = oldest + rnd(youngest - oldest);
		char b[11];
		fprintf(f, "SZ%07d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s\n", i + 1, fam->kanji, giv->kanji, fam->kana,
			giv->kana, iso(p->birth, b), sex, ward_code[p->ward], grades[PICK(grade_w)],
			cats[PICK(cat_w)], percent(25), guardians[PICK(guardian_w)]);
		admissions_of(p, today);
	}
}

static long write_admissions(FILE *f)
{
	long n = 0;
	fputs("person_external_id,hospital,admitted_on,admission_type,discharged_on,discharge_destination\n", f);
	for (int i = 0; i < PERSONS; i++)
		for (int j = 0; j < people[i].nadm; j++) {
			const struct admission *a = &people[i].adm[j];
			char ad[11], dd[11];
			fprintf(f, "SZ%07d,%s,%s,%s,%s,%s\n", i + 1, org_name[a->hospital], iso(a->admitted, ad),
				adm_types[a->type], a->discharged < 0 ? "" : iso(a->discharged, dd),
				a->discharged < 0 ? "" : destinations[a->destination]);
			n++;
		}
	return n;
}

/* Whom a case may be about: someone admitted in the last eight years (the system holds the
 * recent casework, not the city's whole history), not someone whose last discharge was a death. */
static bool candidate(const struct person *p, int today)
{
	if (p->nadm == 0)
		return false;
	const struct admission *last = &p->adm[p->nadm - 1];
	return (last->discharged < 0 || last->destination != DEST_DEATH) && last->admitted >= today - 8 * 365;
}

/* 20,000 of the people with an admission (and not dead) get one case each, about their last
 * admission: still in hospital, an early stage; discharged, a later one. */
static void write_cases(FILE *f, int today, long counts[6])
{
	int candidates = 0;
	for (int i = 0; i < PERSONS; i++)
		candidates += candidate(&people[i], today);
	if (candidates < CASES) {
		fprintf(stderr, "gen_city: only %d people could have a case\n", candidates);
		exit(1);
	}
	int chosen = 0, seen = 0;
	for (int i = 0; i < PERSONS && chosen < CASES; i++) {
		const struct person *p = &people[i];
		if (!candidate(p, today))
			continue;
		const struct admission *last = &p->adm[p->nadm - 1];
		/* Selection sampling (Knuth's algorithm S): exactly CASES of the candidates. */
		if (rnd(candidates - seen++) >= CASES - chosen)
			continue;
		struct scase *c = &cases[chosen++];
		c->person = i;
		c->lead = OFF_AOI + (p->ward == NO_WARD ? AOI : p->ward);
		c->first = percent(30) ? "assessing" : "referred";
		c->closed = -1;
		c->reason = NULL;
		if (last->discharged < 0) {
			static const char *const st[] = { "referred", "assessing", "planning", "transitioning", "housing", "closed" };
			static const int w[] = { 12, 15, 18, 20, 12, 23 };
			c->stage = st[PICK(w)];
			c->opened = max(last->admitted, today - 3 * 365) + rnd(today - max(last->admitted, today - 3 * 365));
			if (strcmp(c->stage, "referred") == 0)
				c->first = "referred";
			if (strcmp(c->stage, "closed") == 0) {
				c->reason = percent(70) ? "withdrawn" : "moved";
				c->closed = c->opened + rnd(today - c->opened);
			}
		} else {
			/* Discharged within three months, settling within two years, then closed. */
			static const char *const st[] = { "discharged", "settling", "closed" };
			static const int w_recent[] = { 40, 30, 30 }, w_year[] = { 0, 45, 55 }, w_old[] = { 0, 0, 100 };
			int age = today - last->discharged;
			c->stage = st[age < 90 ? PICK(w_recent) : age < 730 ? PICK(w_year) : PICK(w_old)];
			c->opened = last->admitted + rnd(last->discharged - last->admitted);
			if (strcmp(c->stage, "closed") == 0) {
				static const char *const r[] = { "settled", "moved", "withdrawn", "died" };
				static const int rw[] = { 65, 10, 20, 5 };
				c->reason = r[PICK(rw)];
				c->closed = min(today, last->discharged + 30 + rnd(700));
			}
		}
		c->opened = max(c->opened, days_from_civil(2000, 1, 1)); /* case_open's earliest date */
		if (c->closed >= 0)
			c->closed = max(c->closed, c->opened);
	}
	/* Case ids in the order they were opened, as the application would have given them. */
	qsort(cases, chosen, sizeof cases[0], by_opened);
	for (int i = 0; i < chosen; i++)
		cases[i].id = FIRST_CASE_ID + i;

	fputs("-- gen_city: bench data only (no CSV import exists for cases). The script runs this inside\n"
	      "-- one transaction with the sqlite3 CLI on the bench database.\n", f);
	fputs("CREATE TEMP TABLE g_org (k integer PRIMARY KEY, name text);\n", f);
	for (int k = 0; k < ORGS; k++)
		fprintf(f, "INSERT INTO g_org VALUES (%d, '%s');\n", k, org_name[k]);
	fputs("CREATE TEMP TABLE g_case (id integer PRIMARY KEY, ext text, lead integer, stage text,"
	      " reason text, opened text, closed text, login text);\n"
	      "CREATE TEMP TABLE g_stage (case_id integer, from_stage text, to_stage text, on_day text, login text);\n"
	      "CREATE TEMP TABLE g_team (case_id integer, org integer, role text, added text, removed text);\n"
	      "CREATE TEMP TABLE g_period (case_id integer, service text, org integer, starts text, ends text,"
	      " extended text, every integer);\n"
	      "CREATE TEMP TABLE g_follow (case_id integer, ext text, admitted text, months integer, due text,"
	      " done text, living integer, readmitted integer, treatment integer);\n"
	      "CREATE TEMP TABLE g_consent (case_id integer, scope text, granted text, expires text,"
	      " revoked text, login text);\n", f);
	/* The tables' rows come interleaved: each collects its statements in a batch of its own
	 * (gen_common.h: a tmpfile copied into the output at the end). */
	struct batch bc, bs, bt, bp, bf, bk;
	batch_open(&bc, "g_case"), batch_open(&bs, "g_stage"), batch_open(&bt, "g_team");
	batch_open(&bp, "g_period"), batch_open(&bf, "g_follow"), batch_open(&bk, "g_consent");
	char d1[11], d2[11], d3[11];
	for (int i = 0; i < chosen; i++) {
		const struct scase *c = &cases[i];
		const struct person *p = &people[c->person];
		const struct admission *last = &p->adm[p->nadm - 1];
		const char *login = counselor_login[c->lead - OFF_AOI];
		char ext[16];
		snprintf(ext, sizeof ext, "SZ%07d", c->person + 1);
		if (c->closed >= 0)
			row(&bc, "%d,'%s',%d,'closed','%s','%s','%s','%s'", c->id, ext, c->lead, c->reason,
			    iso(c->opened, d1), iso(c->closed, d2), login);
		else
			row(&bc, "%d,'%s',%d,'%s',NULL,'%s',NULL,'%s'", c->id, ext, c->lead, c->stage,
			    iso(c->opened, d1), login);
		row(&bs, "%d,NULL,'%s','%s','%s'", c->id, c->first, iso(c->opened, d1), login);
		if (strcmp(c->stage, c->first) != 0)
			row(&bs, "%d,'%s','%s','%s','%s'", c->id, c->first, c->stage,
			    iso(c->closed >= 0 ? c->closed : min(today, c->opened + 30 + rnd(200)), d1), login);
		/* The team: the lead office and the hospital's PSW always; others once there is a home. */
		row(&bt, "%d,%d,'counselor','%s',NULL", c->id, c->lead, iso(c->opened, d1));
		row(&bt, "%d,%d,'hospital_psw','%s',NULL", c->id, last->hospital, iso(c->opened, d1));
		bool out = last->discharged >= 0 || strcmp(c->stage, "housing") == 0;
		static const struct { int org; const char *role; int p; } extra[] = {
			{ GROUP_HOME, "group_home", 10 }, { NURSE, "visiting_nurse", 20 },
			{ DAY, "day_service", 10 }, { CARE_MGR, "care_manager", 5 }, { PEER, "peer_supporter", 5 },
		};
		for (int e = 0; e < COUNT(extra); e++) {
			if (!out || !percent(extra[e].p))
				continue;
			int added = min(today, c->opened + rnd(60));
			row(&bt, "%d,%d,'%s','%s',NULL", c->id, extra[e].org, extra[e].role, iso(added, d1));
			/* The peer group sees a case only with the person's consent: most give it, a
			 * few take it back. */
			if (extra[e].org == PEER && percent(70)) {
				if (percent(10) && added + 30 < today)
					row(&bk, "%d,'peer_support','%s',NULL,'%s','%s'", c->id, iso(added, d1),
					    iso(added + 30 + rnd(today - added - 30), d2), login);
				else
					row(&bk, "%d,'peer_support','%s',NULL,NULL,'%s'", c->id, iso(added, d1), login);
			}
		}
		/* 駿河's elderly-care centre on a fifth of the teams of its ward's residents over 65,
		 * seeing the case with the elderly_field consent that most of them give. */
		if (out && p->ward == SURUGA && add_years(p->birth, 65) <= today && percent(20)) {
			int added = min(today, c->opened + rnd(60));
			row(&bt, "%d,%d,'other','%s',NULL", c->id, ELDERLY, iso(added, d1));
			if (percent(80))
				row(&bk, "%d,'elderly_field','%s',NULL,NULL,'%s'", c->id, iso(added, d1), login);
		}
		/* 駿河's office on 3 % of the other wards' teams (a move, a shared client), a third of
		 * them off the team again: the counsellor sees some cases led elsewhere. */
		if (c->lead != OFF_SURUGA && percent(3)) {
			int added = min(today, c->opened + rnd(90));
			if (percent(33) && added + 30 < today)
				row(&bt, "%d,%d,'counselor','%s','%s'", c->id, OFF_SURUGA, iso(added, d1),
				    iso(added + 30 + rnd(today - added - 30), d2));
			else
				row(&bt, "%d,%d,'counselor','%s',NULL", c->id, OFF_SURUGA, iso(added, d1));
		}
		/* 計画相談支援, year by year while the case runs, once it is past referral. */
		int end = c->closed >= 0 ? c->closed : today;
		bool planned = strcmp(c->stage, "referred") != 0 && strcmp(c->stage, "assessing") != 0;
		if (planned) {
			static const int every_w[] = { 15, 50, 35 };
			static const int every[] = { 1, 3, 6 };
			int m = every[PICK(every_w)];
			int s = c->opened + 20 + rnd(40);
			for (int y = 0; y < 40 && s <= end; y++, s += 365)
				row(&bp, "%d,'planning',%d,'%s','%s',NULL,%d", c->id, c->lead, iso(s, d1), iso(s + 364, d2), m);
		}
		/* 地域移行支援 (six months, a third extended once) from transitioning on. */
		if (planned && strcmp(c->stage, "planning") != 0) {
			int s = min(today, c->opened + 40 + rnd(80));
			if (percent(33))
				row(&bp, "%d,'transition',%d,'%s','%s','%s',NULL", c->id, c->lead, iso(s, d1),
				    iso(s + 180, d2), iso(s + 360, d3));
			else
				row(&bp, "%d,'transition',%d,'%s','%s',NULL,NULL", c->id, c->lead, iso(s, d1), iso(s + 180, d2));
		}
		/* After the discharge: 地域定着支援 for a year, and the four follow-ups. */
		if (last->discharged >= 0) {
			if (strcmp(c->stage, "settling") == 0 || (c->reason && strcmp(c->reason, "settled") == 0))
				row(&bp, "%d,'settlement',%d,'%s','%s',NULL,NULL", c->id, c->lead,
				    iso(last->discharged, d1), iso(last->discharged + 364, d2));
			static const int months[] = { 1, 3, 6, 12 };
			for (int m = 0; m < 4; m++) {
				int due = add_months(last->discharged, months[m]);
				if (due < today - 14 && percent(93))
					row(&bf, "%d,'%s','%s',%d,'%s','%s',%d,%d,%d", c->id, ext, iso(last->admitted, d1),
					    months[m], iso(due, d2), iso(min(today, due + rnd(21)), d3), percent(85),
					    percent(10), percent(80));
				else
					row(&bf, "%d,'%s','%s',%d,'%s',NULL,NULL,NULL,NULL", c->id, ext,
					    iso(last->admitted, d1), months[m], iso(due, d2));
			}
		}
	}
	flush(&bc, f), flush(&bs, f), flush(&bt, f), flush(&bp, f), flush(&bf, f), flush(&bk, f);
	counts[0] = bc.total, counts[1] = bs.total, counts[2] = bt.total, counts[3] = bp.total, counts[4] = bf.total;
	counts[5] = bk.total;
	/* Into the real tables, joined on the keys the import gave (person and admission ids). */
	fputs("INSERT INTO support_case (id, person_id, lead_org_id, stage, close_reason, opened_on, closed_on,"
	      " created_by, created_at)\n"
	      " SELECT g.id, p.id, o.id, g.stage, g.reason, g.opened, g.closed, u.id, CAST(strftime('%s', g.opened) AS integer)\n"
	      " FROM g_case g JOIN person p ON p.external_id = g.ext JOIN g_org k ON k.k = g.lead\n"
	      " JOIN organisation o ON o.name = k.name JOIN app_user u ON u.login = g.login ORDER BY g.id;\n"
	      "INSERT INTO case_stage_change (case_id, from_stage, to_stage, changed_on, user_id, at)\n"
	      " SELECT g.case_id, g.from_stage, g.to_stage, g.on_day, u.id, CAST(strftime('%s', g.on_day) AS integer)\n"
	      " FROM g_stage g JOIN app_user u ON u.login = g.login;\n"
	      "INSERT INTO care_team_member (case_id, organisation_id, team_role, added_on, removed_on)\n"
	      " SELECT g.case_id, o.id, g.role, g.added, g.removed FROM g_team g JOIN g_org k ON k.k = g.org\n"
	      " JOIN organisation o ON o.name = k.name;\n"
	      "INSERT INTO service_period (case_id, service, provider_id, starts_on, ends_on, extended_to,"
	      " monitoring_months)\n"
	      " SELECT g.case_id, g.service, o.id, g.starts, g.ends, g.extended, g.every FROM g_period g\n"
	      " JOIN g_org k ON k.k = g.org JOIN organisation o ON o.name = k.name;\n"
	      "INSERT INTO follow_up (case_id, admission_id, months, due_on, done_on, living_in_community,"
	      " readmitted, treatment_continuing)\n"
	      " SELECT g.case_id, ad.id, g.months, g.due, g.done, g.living, g.readmitted, g.treatment\n"
	      " FROM g_follow g JOIN person p ON p.external_id = g.ext\n"
	      " JOIN admission ad ON ad.person_id = p.id AND ad.admitted_on = g.admitted;\n"
	      "INSERT INTO consent (case_id, scope, granted_on, expires_on, revoked_on, user_id)\n"
	      " SELECT g.case_id, g.scope, g.granted, g.expires, g.revoked, u.id FROM g_consent g\n"
	      " JOIN app_user u ON u.login = g.login;\n", f);
}

int main(int argc, char **argv)
{
	int y, m, d;
	if (argc != 3 || sscanf(argv[1], "%4d-%2d-%2d", &y, &m, &d) != 3) {
		fprintf(stderr, "usage: gen_city TODAY(YYYY-MM-DD) OUTDIR\n");
		return 2;
	}
	int today = days_from_civil(y, m, d);
	char path[4096];
	FILE *f[3];
	static const char *const names[3] = { "persons.csv", "admissions.csv", "cases.sql" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", argv[2], names[i]);
		if (!(f[i] = fopen(path, "w"))) {
			perror(path);
			return 1;
		}
	}
	write_persons(f[0], today);
	long nadm = write_admissions(f[1]);
	long counts[6];
	write_cases(f[2], today, counts);
	for (int i = 0; i < 3; i++)
		if (ferror(f[i]) || fclose(f[i]) != 0) {
			fprintf(stderr, "gen_city: cannot write %s\n", names[i]);
			return 1;
		}
	printf("persons %d, admissions %ld, cases %ld, stage changes %ld, team members %ld, service periods %ld,"
	       " follow-ups %ld, consents %ld\n",
	       PERSONS, nadm, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
	return 0;
}
