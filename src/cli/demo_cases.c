/*
 * demo_cases — the demo's people: fictional persons of the three wards, their psychiatric
 * admissions and their support cases in every stage (DESIGN §2 "Persons", "Cases"; the seed's
 * long-term inpatients, 長期入院), each with its casework (demo_work.c). Everything goes through
 * the domain functions, so the demo passes the validation users meet, inside the demo's one
 * transaction.
 *
 * Dates are counted back from today, so that a demo made on any day has follow-ups due within
 * the month, one overdue, a consent about to expire, a service period ending and a monitoring
 * due: the dashboard always has something to show. The names are invented; any likeness to a
 * real person is chance.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "db/db.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "domain/user.h"
#include "error.h"

#include <stdbool.h>
#include <string.h>

enum { YEAR = 365 }; /* for ages of stays written as "12 * YEAR + 40" days ago */

/* The organisations cases use, by the names demo.c gives them. */
enum org {
	HOSP_AOI, HOSP_SURUGA, HOSP_SHIMIZU, OFFICE_AOI, OFFICE_SURUGA, OFFICE_SHIMIZU, GROUP_HOME,
	NURSE, DAY_SERVICE, ELDERLY_CENTRE, CARE_MANAGER, PEER_GROUP, FAMILY_GROUP, ORG_COUNT
};
static const char *const org_names[ORG_COUNT] = {
	"葵こころの森病院", "駿河さくら病院", "清水みなと病院",
	"葵区相談支援センターつむぎ", "駿河区相談支援センターみらい",
	"清水区相談支援センターうみかぜ", "グループホームひだまり",
	"訪問看護ステーションあおば", "地域活動支援センターそら",
	"駿河中部地域包括支援センター", "ケアプランセンターふじみ",
	"ピアサポートしずおか", "静岡市精神保健福祉家族会（デモ）",
};

/* A ward's consultation-support office leads its residents' cases; its counsellor acts. */
enum demo_ward { AOI, SURUGA, SHIMIZU, WARD_COUNT };
static const char *const ward_codes[WARD_COUNT] = { "221015", "221023", "221031" };
static const enum org ward_office[WARD_COUNT] = { OFFICE_AOI, OFFICE_SURUGA, OFFICE_SHIMIZU };
static const char *const ward_counselor[WARD_COUNT] = { "counselor-aoi", "counselor-suruga",
							"counselor-shimizu" };

static const struct demo_person {
	const char *family, *given;           /* fictional */
	const char *family_kana, *given_kana; /* their reading */
	const char *birth;                    /* YYYY-MM-DD */
	const char *sex;                      /* person_sexes code */
	enum demo_ward ward;                       /* where they live (or lived before hospital) */
	const char *grade;                    /* 精神障害者保健福祉手帳 */
	const char *category;                 /* 障害支援区分 */
	bool assistance;                      /* 生活保護 */
	const char *guardian;                 /* 成年後見 */
} persons[] = {
	{ "青木", "正雄", "アオキ", "マサオ", "1948-03-12", "male", AOI, "2", "4", true, "none" },
	{ "石川", "節子", "イシカワ", "セツコ", "1946-11-02", "female", AOI, "1", "5", true, "guardian" },
	{ "内田", "浩二", "ウチダ", "コウジ", "1962-07-21", "male", AOI, "2", "3", false, "none" },
	{ "大野", "美代子", "オオノ", "ミヨコ", "1951-01-30", "female", AOI, "2", "3", false, "curator" },
	{ "片山", "誠", "カタヤマ", "マコト", "1970-05-08", "male", AOI, "2", "2", true, "none" },
	{ "北村", "由美", "キタムラ", "ユミ", "1978-09-14", "female", AOI, "3", "none", false, "none" },
	{ "小松", "健一", "コマツ", "ケンイチ", "1958-12-25", "male", AOI, "1", "4", true, "none" },
	{ "佐野", "和夫", "サノ", "カズオ", "1944-06-18", "male", AOI, "2", "4", false, "assistant" },
	{ "杉山", "直樹", "スギヤマ", "ナオキ", "1985-02-03", "male", AOI, "3", "2", false, "none" },
	{ "田村", "幸子", "タムラ", "サチコ", "1955-08-09", "female", AOI, "2", "3", true, "none" },
	{ "望月", "隆", "モチヅキ", "タカシ", "1966-04-27", "male", AOI, "2", "3", false, "none" },
	{ "山下", "恵", "ヤマシタ", "メグミ", "1991-10-11", "female", AOI, "3", "1", false, "none" },
	{ "秋山", "勝", "アキヤマ", "マサル", "1947-02-14", "male", SURUGA, "2", "4", true, "none" },
	{ "池田", "和子", "イケダ", "カズコ", "1949-05-05", "female", SURUGA, "2", "3", false, "curator" },
	{ "鈴木", "昭", "スズキ", "アキラ", "1952-09-30", "male", SURUGA, "1", "4", true, "none" },
	{ "遠藤", "千恵", "エンドウ", "チエ", "1963-03-03", "female", SURUGA, "2", "2", false, "none" },
	{ "加藤", "昌弘", "カトウ", "マサヒロ", "1957-11-11", "male", SURUGA, "3", "2", false, "none" },
	{ "川口", "洋子", "カワグチ", "ヨウコ", "1945-07-07", "female", SURUGA, "1", "5", true, "guardian" },
	{ "長田", "進", "オサダ", "ススム", "1960-01-19", "male", SURUGA, "2", "3", true, "none" },
	{ "野村", "博之", "ノムラ", "ヒロユキ", "1968-08-22", "male", SURUGA, "2", "2", false, "none" },
	{ "服部", "里美", "ハットリ", "サトミ", "1975-04-16", "female", SURUGA, "2", "3", false, "none" },
	{ "藤田", "修", "フジタ", "オサム", "1950-10-10", "male", SURUGA, "2", "4", true, "assistant" },
	{ "増田", "智子", "マスダ", "トモコ", "1982-06-06", "female", SURUGA, "3", "1", false, "none" },
	{ "村松", "拓也", "ムラマツ", "タクヤ", "1993-12-01", "male", SURUGA, "none", "none", false, "none" },
	{ "赤堀", "清", "アカホリ", "キヨシ", "1943-09-09", "male", SHIMIZU, "1", "5", true, "guardian" },
	{ "岩崎", "静江", "イワサキ", "シズエ", "1948-02-28", "female", SHIMIZU, "2", "4", true, "none" },
	{ "植田", "茂", "ウエダ", "シゲル", "1953-05-15", "male", SHIMIZU, "2", "3", false, "none" },
	{ "海野", "智美", "ウンノ", "サトミ", "1969-03-21", "female", SHIMIZU, "2", "2", false, "none" },
	{ "大石", "忠", "オオイシ", "タダシ", "1956-07-04", "male", SHIMIZU, "1", "4", true, "none" },
	{ "小林", "裕子", "コバヤシ", "ユウコ", "1961-12-12", "female", SHIMIZU, "2", "2", true, "none" },
	{ "芹沢", "実", "セリザワ", "ミノル", "1959-08-30", "male", SHIMIZU, "2", "3", false, "none" },
	{ "高橋", "美香", "タカハシ", "ミカ", "1980-01-25", "female", SHIMIZU, "3", "2", false, "none" },
	{ "土屋", "勇", "ツチヤ", "イサム", "1964-11-03", "male", SHIMIZU, "2", "3", true, "none" },
	{ "仁科", "由紀", "ニシナ", "ユキ", "1987-07-17", "female", SHIMIZU, "3", "1", false, "none" },
	{ "深沢", "浩", "フカサワ", "ヒロシ", "1954-04-04", "male", SHIMIZU, "2", "3", true, "none" },
	{ "渡辺", "真一", "ワタナベ", "シンイチ", "1972-09-19", "male", SHIMIZU, "2", "3", false, "none" },
};
enum { N_PERSONS = sizeof persons / sizeof persons[0] };

/* Earlier stays, over before the cases begin: the readmissions in a long history. */
static const struct demo_stay {
	const char *person;      /* family name in persons[] */
	enum org hospital;       /* where */
	const char *type;        /* admission_types code */
	int admitted;            /* days ago */
	int discharged;          /* days ago */
	const char *destination; /* discharge_destinations code */
} past_stays[] = {
	{ "石川", HOSP_AOI, "voluntary", 17 * YEAR, 16 * YEAR, "home" },
	{ "片山", HOSP_AOI, "medical_protection", 12 * YEAR, 11 * YEAR + 200, "home" },
	{ "北村", HOSP_AOI, "emergency", 10 * YEAR, 10 * YEAR - 120, "home" },
	{ "望月", HOSP_AOI, "involuntary", 9 * YEAR, 8 * YEAR + 100, "home" },
	{ "村松", HOSP_SURUGA, "emergency", 3 * YEAR, 3 * YEAR - 90, "home" },
	{ "海野", HOSP_SHIMIZU, "medical_protection", 9 * YEAR, 8 * YEAR, "home" },
};

/* Who else is on the care team (the lead office and the hospital's PSW always are). */
enum {
	T_GH = 1 << 0,       /* グループホームひだまり */
	T_NURSE = 1 << 1,    /* the visiting nurse */
	T_DAY = 1 << 2,      /* the day-activity centre */
	T_ELDERLY = 1 << 3,  /* 駿河中部地域包括支援センター */
	T_CAREMGR = 1 << 4,  /* a care-management office */
	T_PEER = 1 << 5,     /* the peer group */
	T_FAMILY = 1 << 6,   /* the family association */
	T_GH_LEFT = 1 << 7,  /* the group home, off the team once the plan turned to a flat */
};
/* Consents: in force unless the name says otherwise. */
enum {
	K_HOUSING = 1 << 0,          /* housing_agents, from the housing stage */
	K_ELDERLY = 1 << 1,          /* elderly_field */
	K_ELDERLY_EXPIRING = 1 << 2, /* elderly_field, ending in 20 days */
	K_ELDERLY_REVOKED = 1 << 3,  /* elderly_field, revoked a month ago */
	K_ELDERLY_EXPIRED = 1 << 4,  /* elderly_field, ended when the case closed */
	K_PEER = 1 << 5,             /* peer_support */
	K_PEER_EXPIRED = 1 << 6,     /* peer_support, ended 10 days ago */
	K_LIAISON = 1 << 7,          /* liaison_meeting */
};
/* How the way went. */
enum {
	F_ASSESSING = 1 << 0,    /* opened as assessing (the counsellor met them first), not referred */
	F_SETBACK = 1 << 1,      /* a flat fell through: housing → transitioning → housing */
	F_OVERDUE = 1 << 2,      /* the last follow-up due is not recorded yet */
	F_MONITORING = 1 << 3,   /* 計画相談支援's next monitoring within the month (demo_work.c) */
	F_SERVICE_ENDS = 1 << 4, /* 地域移行支援's granted end within the month, not yet extended */
};

/*
 * One case a row: the stay it starts from (admitted days ago; the admission is added here, open),
 * the stage reached before discharge or closing, the discharge (days ago, where to), the final
 * stage and closing. Rows of one person follow in time: a case closed "readmitted" is followed by
 * the new stay and the new case.
 */
static const struct demo_case {
	const char *person;      /* family name in persons[] */
	enum org hospital;       /* where the stay is */
	const char *type;        /* admission type */
	int admitted;            /* days ago */
	int opened;              /* days ago the case opened */
	const char *reached;     /* furthest stage before discharge or closing */
	int discharged;          /* days ago; 0: still in hospital */
	const char *destination; /* where to */
	const char *stage;       /* the stage now */
	int closed;              /* days ago; 0 when open */
	const char *reason;      /* case_close_reasons code */
	unsigned team, consents, flags; /* T_*, K_*, F_* */
} cases[] = {
	/* 葵区 */
	{ "青木", HOSP_AOI, "medical_protection", 12 * YEAR + 40, 240,
	  "planning", 0, NULL, "planning", 0, NULL, T_CAREMGR, K_LIAISON, 0 },
	{ "石川", HOSP_AOI, "medical_protection", 15 * YEAR + 100, 420,
	  "transitioning", 0, NULL, "transitioning", 0, NULL, T_GH | T_NURSE | T_CAREMGR, 0, F_MONITORING },
	{ "内田", HOSP_AOI, "medical_protection", 6 * YEAR + 200, 400,
	  "transitioning", 25, "group_home", "discharged", 0, NULL, T_GH | T_NURSE | T_PEER, K_PEER, 0 },
	{ "大野", HOSP_AOI, "medical_protection", 20 * YEAR + 30, 10,
	  "referred", 0, NULL, "referred", 0, NULL, 0, 0, 0 },
	{ "片山", HOSP_AOI, "medical_protection", 9 * YEAR, 2 * YEAR,
	  "housing", 160, "rental", "settling", 0, NULL, T_NURSE | T_FAMILY, K_HOUSING, 0 },
	{ "北村", HOSP_AOI, "voluntary", 2 * YEAR + 60, 40,
	  "assessing", 0, NULL, "assessing", 0, NULL, 0, 0, F_ASSESSING },
	{ "小松", HOSP_SURUGA, "medical_protection", 10 * YEAR + 900, 1300,
	  "transitioning", 900, "group_home", "closed", 500, "settled", T_GH | T_NURSE, 0, 0 },
	{ "佐野", HOSP_AOI, "medical_protection", 18 * YEAR, 2 * YEAR,
	  "assessing", 240, "death", "closed", 240, "died", T_CAREMGR, 0, F_ASSESSING },
	{ "杉山", HOSP_AOI, "medical_protection", 3 * YEAR + 200, 2 * YEAR,
	  "transitioning", 250, "home", "closed", 90, "readmitted", T_NURSE, 0, 0 },
	{ "杉山", HOSP_AOI, "emergency", 90, 60,
	  "assessing", 0, NULL, "assessing", 0, NULL, T_NURSE, 0, 0 },
	{ "田村", HOSP_AOI, "medical_protection", 8 * YEAR, 540,
	  "housing", 0, NULL, "housing", 0, NULL, T_NURSE | T_PEER, K_HOUSING | K_PEER, F_SETBACK },
	{ "望月", HOSP_AOI, "voluntary", 7 * YEAR, 600,
	  "housing", 80, "rental", "discharged", 0, NULL, T_NURSE | T_PEER, K_HOUSING | K_PEER_EXPIRED, 0 },
	{ "山下", HOSP_AOI, "voluntary", 300, 200,
	  "assessing", 0, NULL, "closed", 120, "withdrawn", 0, 0, 0 },
	/* 駿河区 */
	{ "秋山", HOSP_SURUGA, "medical_protection", 11 * YEAR, 300,
	  "planning", 0, NULL, "planning", 0, NULL, T_ELDERLY, K_ELDERLY | K_LIAISON, F_MONITORING },
	{ "池田", HOSP_SURUGA, "medical_protection", 14 * YEAR, 2 * YEAR,
	  "transitioning", 210, "group_home", "settling", 0, NULL, T_GH | T_ELDERLY, K_ELDERLY_EXPIRING, 0 },
	{ "鈴木", HOSP_SURUGA, "medical_protection", 9 * YEAR, 360,
	  "transitioning", 0, NULL, "transitioning", 0, NULL, T_GH | T_ELDERLY, K_ELDERLY_REVOKED, F_SERVICE_ENDS },
	{ "遠藤", HOSP_SURUGA, "medical_protection", 4 * YEAR, 5,
	  "referred", 0, NULL, "referred", 0, NULL, 0, 0, 0 },
	{ "加藤", HOSP_SURUGA, "voluntary", 5 * YEAR, 450,
	  "planning", 45, "home", "discharged", 0, NULL, T_NURSE | T_ELDERLY, K_ELDERLY, F_OVERDUE },
	{ "川口", HOSP_SURUGA, "medical_protection", 25 * YEAR, 30,
	  "assessing", 0, NULL, "assessing", 0, NULL, T_ELDERLY, 0, 0 },
	{ "長田", HOSP_SURUGA, "medical_protection", 7 * YEAR, 500,
	  "housing", 0, NULL, "housing", 0, NULL, T_NURSE | T_PEER, K_HOUSING | K_PEER, 0 },
	{ "野村", HOSP_SURUGA, "medical_protection", 6 * YEAR + 600, 900,
	  "transitioning", 600, "home", "closed", 180, "moved", T_NURSE, 0, 0 },
	{ "服部", HOSP_SURUGA, "voluntary", 3 * YEAR, 500,
	  "transitioning", 170, "group_home", "discharged", 0, NULL, T_GH | T_DAY, 0, 0 },
	{ "藤田", HOSP_SURUGA, "medical_protection", 14 * YEAR, 3 * YEAR,
	  "transitioning", 2 * YEAR + 30, "group_home", "closed", 240, "settled", T_GH | T_ELDERLY, K_ELDERLY_EXPIRED, 0 },
	{ "増田", HOSP_SURUGA, "voluntary", 3 * YEAR, 150,
	  "planning", 0, NULL, "planning", 0, NULL, T_PEER, K_PEER, 0 },
	{ "村松", HOSP_SURUGA, "involuntary", 240, 60,
	  "assessing", 0, NULL, "assessing", 0, NULL, 0, 0, F_ASSESSING },
	/* 清水区 */
	{ "赤堀", HOSP_SHIMIZU, "medical_protection", 30 * YEAR, 45,
	  "assessing", 0, NULL, "assessing", 0, NULL, 0, 0, 0 },
	{ "岩崎", HOSP_SHIMIZU, "medical_protection", 16 * YEAR, 2 * YEAR + 30,
	  "transitioning", 355, "group_home", "settling", 0, NULL, T_GH | T_DAY, 0, 0 },
	{ "植田", HOSP_SHIMIZU, "medical_protection", 13 * YEAR, 270,
	  "planning", 0, NULL, "planning", 0, NULL, T_DAY, K_LIAISON, 0 },
	{ "海野", HOSP_SHIMIZU, "voluntary", 5 * YEAR, 330,
	  "transitioning", 0, NULL, "transitioning", 0, NULL, T_DAY | T_PEER, K_PEER, 0 },
	{ "大石", HOSP_SHIMIZU, "medical_protection", 16 * YEAR - 200, 21,
	  "referred", 0, NULL, "referred", 0, NULL, 0, 0, 0 },
	{ "小林", HOSP_SHIMIZU, "voluntary", 4 * YEAR, 480,
	  "housing", 12, "rental", "discharged", 0, NULL, T_NURSE | T_DAY, K_HOUSING, 0 },
	{ "芹沢", HOSP_SHIMIZU, "medical_protection", 11 * YEAR, 330,
	  "planning", 0, NULL, "closed", 60, "withdrawn", T_DAY, 0, 0 },
	{ "高橋", HOSP_SHIMIZU, "voluntary", 2 * YEAR + 300, 2 * YEAR,
	  "planning", 420, "home", "closed", 60, "readmitted", T_DAY, 0, 0 },
	{ "高橋", HOSP_SHIMIZU, "medical_protection", 60, 30,
	  "referred", 0, NULL, "referred", 0, NULL, T_DAY, 0, 0 },
	{ "土屋", HOSP_SHIMIZU, "medical_protection", 6 * YEAR, 400,
	  "housing", 0, NULL, "housing", 0, NULL, T_GH_LEFT | T_DAY, K_HOUSING, 0 },
	{ "仁科", HOSP_SHIMIZU, "voluntary", 400, 250,
	  "planning", 120, "home", "settling", 0, NULL, T_DAY | T_PEER, K_PEER, 0 },
	{ "深沢", HOSP_SHIMIZU, "medical_protection", 11 * YEAR, 4 * YEAR,
	  "housing", 3 * YEAR, "rental", "closed", 540, "settled", T_NURSE | T_DAY, K_HOUSING, 0 },
	{ "渡辺", HOSP_AOI, "medical_protection", 4 * YEAR + 100, 14,
	  "referred", 0, NULL, "referred", 0, NULL, 0, 0, 0 },
};

/* The team members of the T_* flags, and their role on the team. */
static const struct {
	unsigned flag;    /* T_* */
	enum org org;     /* who */
	const char *role; /* case_team_roles code */
} team_flags[] = {
	{ T_GH, GROUP_HOME, "group_home" },
	{ T_GH_LEFT, GROUP_HOME, "group_home" },
	{ T_NURSE, NURSE, "visiting_nurse" },
	{ T_DAY, DAY_SERVICE, "day_service" },
	{ T_ELDERLY, ELDERLY_CENTRE, "care_manager" }, /* its 主任ケアマネジャー */
	{ T_CAREMGR, CARE_MANAGER, "care_manager" },
	{ T_PEER, PEER_GROUP, "peer_supporter" },
	{ T_FAMILY, FAMILY_GROUP, "family" },
};

struct demo {
	struct db *db;                 /* inside the demo's transaction */
	struct arena *a;               /* everything read back */
	struct date today;             /* in Japan */
	char today_iso[11];            /* the same, as the domain takes it */
	int64_t org[ORG_COUNT];        /* ids of org_names[] */
	int64_t counselor[WARD_COUNT]; /* the user of each ward's office */
	int64_t person[N_PERSONS];     /* ids of persons[] */
	struct demo_counts *counts;    /* what was made */
};

enum { STAGES = 8 }; /* case_stages without its end mark */

/* One case being built: its row, ids, and the dates (days ago) the steps happened on. */
struct demo_build {
	const struct demo_case *c; /* the row */
	int who;                   /* index in persons[] */
	const char *name;          /* their family name, for messages */
	int64_t id;                /* the case */
	int64_t user;              /* the counsellor acting */
	int joined;                /* days ago the team beyond the PSW formed */
	int housing;               /* days ago the case reached housing (or joined) */
	int reached[STAGES];       /* days ago each stage before discharge was first reached, or -1 */
};

static void days_ago(const struct demo *d, int n, char out[11])
{
	date_format_iso(date_add_days(d->today, -n), out);
}

static int person_index(const char *family)
{
	for (int i = 0; i < N_PERSONS; i++)
		if (strcmp(persons[i].family, family) == 0)
			return i;
	return -1;
}

/* Says which step failed for whom (a person's family name, an organisation, a login); returns rc. */
static int failed(int rc, const char *what, const char *whom, const char *msg)
{
	cli_error("demo: cannot %s for '%s': %s", what, whom, msg ? msg : err_text(rc));
	return rc;
}

static int add_persons(struct demo *d)
{
	for (int i = 0; i < N_PERSONS; i++) {
		const struct demo_person *s = &persons[i];
		struct person p = {
			.family_name = (char *)s->family, .given_name = (char *)s->given,
			.family_kana = (char *)s->family_kana, .given_kana = (char *)s->given_kana,
			.birth_date = (char *)s->birth, .sex = (char *)s->sex,
			.ward_code = (char *)ward_codes[s->ward], .handbook_grade = (char *)s->grade,
			.support_category = (char *)s->category, .public_assistance = s->assistance,
			.guardian = (char *)s->guardian, .registered_by = d->org[ward_office[s->ward]],
		};
		const char *field = NULL, *msg = NULL;
		int rc = person_save(d->db, d->a, &p, d->today_iso, &field, &msg);
		if (rc)
			return failed(rc, "register the person", s->family, msg);
		d->person[i] = p.id;
		d->counts->persons++;
	}
	return 0;
}

/* An admission of person who: open when discharged is 0. */
static int add_stay(struct demo *d, int who, enum org hospital, const char *type, int admitted,
		    int discharged, const char *destination, int64_t *id)
{
	char from[11], to[11];
	days_ago(d, admitted, from);
	days_ago(d, discharged, to);
	struct admission ad = { .person_id = d->person[who], .hospital_id = d->org[hospital],
				.admitted_on = from, .admission_type = (char *)type,
				.discharged_on = discharged ? to : NULL,
				.discharge_destination = (char *)destination };
	const char *field = NULL, *msg = NULL;
	int rc = admission_add(d->db, d->a, &ad, d->today_iso, &field, &msg);
	if (rc)
		return failed(rc, "record the admission", persons[who].family, msg);
	d->counts->admissions++;
	*id = ad.id;
	return 0;
}

static int add_past_stays(struct demo *d)
{
	for (size_t i = 0; i < sizeof past_stays / sizeof past_stays[0]; i++) {
		const struct demo_stay *s = &past_stays[i];
		int64_t id;
		int who = person_index(s->person);
		if (who < 0)
			return failed(ERR_INVALID, "find the person of a stay", s->person, NULL);
		int rc = add_stay(d, who, s->hospital, s->type, s->admitted, s->discharged, s->destination, &id);
		if (rc)
			return rc;
	}
	return 0;
}

static int set_stage(struct demo *d, struct demo_build *b, const char *stage, const char *reason, int ago)
{
	char on[11];
	days_ago(d, ago, on);
	const char *field = NULL, *msg = NULL;
	int rc = case_set_stage(d->db, d->a, b->id, stage, reason, on, b->user, d->today_iso, &field, &msg);
	if (rc)
		cli_error("demo: cannot move the case of '%s' to %s: %s", b->name, stage, msg ? msg : err_text(rc));
	return rc;
}

static int stage_index(const char *code)
{
	for (int i = 0; case_stages[i].code; i++)
		if (strcmp(case_stages[i].code, code) == 0)
			return i;
	return -1;
}

/*
 * The stages before discharge (or closing), spread evenly from the opening to two weeks before
 * the discharge or the closing — or, for a case still in hospital, to a quarter of its age ago,
 * because a case rests a while in the stage it is in.
 */
static int walk_before_discharge(struct demo *d, struct demo_build *b, const char *opened_as)
{
	const struct demo_case *c = b->c;
	const char *steps[12];
	int n = 0;
	for (int i = stage_index(opened_as) + 1; i <= stage_index(c->reached); i++)
		steps[n++] = case_stages[i].code;
	if (c->flags & F_SETBACK) {
		steps[n++] = "transitioning";
		steps[n++] = "housing";
	}
	/* The last step before discharge came two weeks before it — two months when a flat had to
	 * be found first (demo_housing.c's requests run in that time). */
	int before = c->destination && strcmp(c->destination, "rental") == 0 ? 60 : 14;
	int end = c->discharged ? c->discharged + before : c->closed ? c->closed + 14 : c->opened / 4;
	if (end > c->opened)
		end = c->opened;
	b->joined = b->housing = c->opened;
	for (int i = 0; i < STAGES; i++)
		b->reached[i] = -1;
	b->reached[stage_index(opened_as)] = c->opened;
	for (int k = 1; k <= n; k++) {
		int ago = c->opened - (c->opened - end) * k / n;
		if (b->reached[stage_index(steps[k - 1])] < 0)
			b->reached[stage_index(steps[k - 1])] = ago;
		if (k == 1)
			b->joined = ago;
		if (strcmp(steps[k - 1], "housing") == 0 && b->housing == c->opened)
			b->housing = ago;
		int rc = set_stage(d, b, steps[k - 1], NULL, ago);
		if (rc)
			return rc;
	}
	if (b->housing == c->opened)
		b->housing = b->joined;
	return 0;
}

static int add_team(struct demo *d, struct demo_build *b)
{
	char joined[11], housing[11];
	days_ago(d, b->joined, joined);
	days_ago(d, b->housing, housing);
	for (size_t i = 0; i < sizeof team_flags / sizeof team_flags[0]; i++) {
		if (!(b->c->team & team_flags[i].flag))
			continue;
		const char *field = NULL, *msg = NULL;
		int rc = case_team_add(d->db, d->a, b->id, d->org[team_flags[i].org], team_flags[i].role,
				       joined, d->today_iso, &field, &msg);
		if (rc)
			return failed(rc, "add to the care team", b->name, msg);
		if (team_flags[i].flag != T_GH_LEFT)
			continue;
		/* The plan turned from the group home to a flat: the home left the team then. */
		struct case_team_member *m;
		size_t n;
		if ((rc = case_team(d->db, d->a, b->id, &m, &n)))
			return failed(rc, "read the care team", b->name, NULL);
		for (size_t j = 0; j < n; j++)
			if (m[j].organisation_id == d->org[GROUP_HOME] &&
			    (rc = case_team_remove(d->db, d->a, b->id, m[j].id, housing, d->today_iso, &field, &msg)))
				return failed(rc, "remove from the care team", b->name, msg);
	}
	return 0;
}

static int grant(struct demo *d, struct demo_build *b, const char *scope, int granted, int expires_ago,
		 bool expires)
{
	char on[11], until[11];
	days_ago(d, granted, on);
	days_ago(d, expires_ago, until);
	const char *field = NULL, *msg = NULL;
	int rc = case_consent_grant(d->db, d->a, b->id, scope, on, expires ? until : NULL, b->user,
				    d->today_iso, &field, &msg);
	return rc ? failed(rc, "record the consent", b->name, msg) : 0;
}

static int add_consents(struct demo *d, struct demo_build *b)
{
	unsigned k = b->c->consents;
	int rc = 0;
	int month_ago = b->joined < 30 ? b->joined : 30, ten_days_ago = b->joined < 10 ? b->joined : 10;
	if (!rc && (k & K_HOUSING))
		rc = grant(d, b, "housing_agents", b->housing, 0, false);
	if (!rc && (k & (K_ELDERLY | K_ELDERLY_REVOKED)))
		rc = grant(d, b, "elderly_field", b->joined, 0, false);
	if (!rc && (k & K_ELDERLY_EXPIRING))
		rc = grant(d, b, "elderly_field", b->joined, -20, true);
	if (!rc && (k & K_ELDERLY_EXPIRED))
		rc = grant(d, b, "elderly_field", b->joined, b->c->closed, true);
	if (!rc && (k & K_PEER))
		rc = grant(d, b, "peer_support", b->joined, 0, false);
	if (!rc && (k & K_PEER_EXPIRED))
		rc = grant(d, b, "peer_support", b->joined, ten_days_ago, true);
	if (!rc && (k & K_LIAISON))
		rc = grant(d, b, "liaison_meeting", b->c->opened, 0, false);
	if (rc || !(k & K_ELDERLY_REVOKED))
		return rc;
	/* The person withdrew the elderly field's access a month ago. */
	struct case_consent *v;
	size_t n;
	char on[11];
	days_ago(d, month_ago, on);
	if ((rc = case_consents(d->db, d->a, b->id, d->today_iso, &v, &n)))
		return failed(rc, "read the consents", b->name, NULL);
	for (size_t i = 0; i < n; i++) {
		const char *field = NULL, *msg = NULL;
		if (strcmp(v[i].scope, "elderly_field") == 0 &&
		    (rc = case_consent_revoke(d->db, d->a, b->id, v[i].id, on, d->today_iso, &field, &msg)))
			return failed(rc, "revoke the consent", b->name, msg);
	}
	return 0;
}

/* Records the follow-ups already due, a few days after each was due (a case closed as
 * readmitted answers "readmitted" from its closing on); F_OVERDUE leaves the last one open. */
static int record_follow_ups(struct demo *d, struct demo_build *b)
{
	struct case_follow_up *f;
	size_t n, due = 0;
	int rc = case_follow_ups(d->db, d->a, b->id, &f, &n);
	if (rc)
		return failed(rc, "read the follow-ups", b->name, NULL);
	struct date on, readmitted = date_add_days(d->today, -b->c->closed);
	while (due < n && date_parse(f[due].due_on, &on) && date_cmp(on, d->today) < 0)
		due++;
	if (due && (b->c->flags & F_OVERDUE))
		due--;
	bool back = b->c->reason && strcmp(b->c->reason, "readmitted") == 0;
	for (size_t i = 0; i < due; i++) {
		date_parse(f[i].due_on, &on);
		bool in_hospital = back && date_cmp(on, readmitted) >= 0;
		struct date done = date_add_days(on, 3);
		char done_on[11];
		date_format_iso(date_cmp(done, d->today) > 0 ? d->today : done, done_on);
		const char *field = NULL, *msg = NULL;
		if ((rc = case_follow_up_record(d->db, d->a, b->id, f[i].id, done_on, !in_hospital, in_hospital,
						1, d->today_iso, &field, &msg)))
			return failed(rc, "record the follow-up", b->name, msg);
	}
	return 0;
}

/* The discharge, settling in a month later (unless the case ended first), and the closing. */
static int discharge_and_close(struct demo *d, struct demo_build *b, int64_t stay)
{
	const struct demo_case *c = b->c;
	int rc;
	if (c->discharged) {
		char on[11];
		days_ago(d, c->discharged, on);
		const char *field = NULL, *msg = NULL;
		if ((rc = case_discharge(d->db, d->a, b->id, stay, on, c->destination, b->user, d->today_iso,
					 &field, &msg)))
			return failed(rc, "record the discharge", b->name, msg);
		bool settles = strcmp(c->stage, "settling") == 0 ||
			       (c->closed && strcmp(c->reason, "died") != 0 && c->discharged - 30 > c->closed);
		if (settles && (rc = set_stage(d, b, "settling", NULL, c->discharged - 30)))
			return rc;
	}
	if (c->closed && (rc = set_stage(d, b, "closed", c->reason, c->closed)))
		return rc;
	return c->discharged && strcmp(c->destination, "death") != 0 ? record_follow_ups(d, b) : 0;
}

/* The service periods, support records and goals of the way the case went (demo_work.c). */
static int add_casework(struct demo *d, struct demo_build *b)
{
	const struct demo_case *c = b->c;
	enum demo_ward w = persons[b->who].ward;
	bool to_group_home = c->destination ? strcmp(c->destination, "group_home") == 0 : (c->team & T_GH) != 0;
	struct demo_way way = {
		.name = b->name, .row = (int)(c - cases), .case_id = b->id, .counselor = b->user,
		.office = d->org[ward_office[w]], .group_home = d->org[GROUP_HOME], .stage = c->stage,
		.opened = c->opened, .assessing = b->reached[stage_index("assessing")],
		.planning = b->reached[stage_index("planning")],
		.transitioning = b->reached[stage_index("transitioning")],
		.housing = b->reached[stage_index("housing")], .discharged = c->discharged,
		.destination = c->destination, .closed = c->closed, .reason = c->reason,
		.group_home_bound = to_group_home, .day_service = (c->team & T_DAY) != 0,
		.peer = (c->team & T_PEER) != 0, .monitoring_due = (c->flags & F_MONITORING) != 0,
		.transition_ends = (c->flags & F_SERVICE_ENDS) != 0,
	};
	return demo_add_casework(d->db, d->a, &d->today, &way, d->counts);
}

static int add_case(struct demo *d, const struct demo_case *c)
{
	struct demo_build b = { .c = c, .who = person_index(c->person) };
	if (b.who < 0)
		return failed(ERR_INVALID, "find the person of a case", c->person, NULL);
	b.name = c->person;
	enum demo_ward w = persons[b.who].ward;
	b.user = d->counselor[w];
	int64_t stay;
	int rc = add_stay(d, b.who, c->hospital, c->type, c->admitted, 0, NULL, &stay);
	if (rc)
		return rc;
	char opened[11];
	days_ago(d, c->opened, opened);
	const char *opened_as = c->flags & F_ASSESSING ? "assessing" : "referred";
	struct support_case sc = { .person_id = d->person[b.who], .lead_org_id = d->org[ward_office[w]],
				   .stage = (char *)opened_as, .opened_on = opened };
	const char *field = NULL, *msg = NULL;
	if ((rc = case_open(d->db, d->a, &sc, "counselor", b.user, d->today_iso, &field, &msg)))
		return failed(rc, "open the case", b.name, msg);
	b.id = sc.id;
	d->counts->cases++;
	if ((rc = case_team_add(d->db, d->a, b.id, d->org[c->hospital], "hospital_psw", opened, d->today_iso,
				&field, &msg)))
		return failed(rc, "add the hospital to the team", b.name, msg);
	if ((rc = walk_before_discharge(d, &b, opened_as)) || (rc = add_team(d, &b)) ||
	    (rc = add_consents(d, &b)) || (rc = add_casework(d, &b)) || (rc = discharge_and_close(d, &b, stay)))
		return rc;
	/* The row says where the case ends up: a row whose dates lead elsewhere is a demo bug. */
	struct access city = { .role = ROLE_CITY };
	memcpy(city.today, d->today_iso, sizeof city.today);
	struct support_case now;
	if ((rc = case_get(d->db, d->a, &city, b.id, &now)))
		return failed(rc, "read back the case", b.name, NULL);
	if (strcmp(now.stage, c->stage) != 0)
		return failed(ERR_INVALID, "reach the stage of its row", b.name, now.stage);
	return 0;
}

int demo_add_cases(struct db *db, struct arena *a, struct demo_counts *counts)
{
	struct demo d = { .db = db, .a = a, .today = date_today(), .counts = counts };
	date_format_iso(d.today, d.today_iso);
	*counts = (struct demo_counts){ 0 };
	int rc;
	for (int i = 0; i < ORG_COUNT; i++)
		if ((rc = directory_org_find(db, a, org_names[i], &d.org[i])))
			return failed(rc, "find the organisation", org_names[i], NULL);
	for (int w = 0; w < WARD_COUNT; w++) {
		struct user u;
		if ((rc = user_by_login(db, a, ward_counselor[w], &u, NULL)))
			return failed(rc, "find the user", ward_counselor[w], NULL);
		d.counselor[w] = u.id;
	}
	if ((rc = add_persons(&d)) || (rc = add_past_stays(&d)))
		return rc;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if ((rc = add_case(&d, &cases[i])))
			return rc;
	return 0;
}

int demo_case_of(struct db *db, struct arena *a, const struct access *acc, const char *family,
		 struct support_case *out)
{
	size_t len = strlen(family);
	struct case_page page = { 0 };
	int64_t before = 0;
	do {
		int rc = case_list(db, a, acc, NULL, 0, before, 100, &page);
		if (rc)
			return rc;
		for (size_t i = 0; i < page.n; i++)
			if (strncmp(page.v[i].person_name, family, len) == 0 && page.v[i].person_name[len] == ' ' &&
			    strcmp(page.v[i].stage, "closed") != 0) {
				*out = page.v[i];
				return 0;
			}
		before = page.last_id;
	} while (page.more);
	return ERR_NOTFOUND;
}
