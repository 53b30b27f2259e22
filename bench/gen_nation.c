/*
 * gen_nation — fictional nation-scale data for bench/indicators.sh (issue 6): 1,741
 * municipalities, 300,000 persons and exactly 1,000,000 admissions, from one fixed seed.
 *
 *   cc -O2 -std=c11 -o gen_nation bench/gen_nation.c && ./gen_nation OUTDIR
 *
 * One tsunagu database holds one municipality, and indicator_compute() works per ward; so the
 * nation is modelled as ONE synthetic municipality whose 1,741 ward rows stand for Japan's
 * municipalities (47 prefectures with their real numbers of municipalities; 6-digit codes with
 * tsunagu's check digit; fictional names). Persons are spread over them as populations are — a few
 * big, many small (Zipf, exponent 0.8: the largest holds ≈ 6 % of the persons, the smallest a few
 * dozen) — and 0.5 % have no ward. Why some data go in by CSV import and the rest with sqlite3:
 * bench/indicators.sh.
 *
 * Writes, in OUTDIR:
 *   wards.sql          the 1,741 ward rows and the forum-kinds setting (sqlite3; no CLI adds wards)
 *   organisations.csv  psychiatric hospitals, general hospitals (kind other) and consultation
 *                      offices of each prefecture (`tsunagu import organisations`)
 *   persons.csv        300,000 persons (`tsunagu import persons`)
 *   admissions.csv     the admissions at psychiatric hospitals (`tsunagu import admissions`)
 *   extras.sql         what has no CSV import (sqlite3, one transaction; bench data only): the ~3 %
 *                      of admissions at general hospitals (the import refuses them, and the
 *                      indicators must not count them), support cases with service periods, forum
 *                      meetings with attendance, and trainings and exchange meetings, FY 2021–2023.
 *
 * Stays: many short, a tail over a year and over five years, the longest often still open on the
 * extract date (2024-06-30, fixed: the data do not move with the calendar); readmissions after
 * days to years, same-day transfers, deaths on the last stay. One person's stays never overlap.
 * The names are common surnames and given names in random pairs; any likeness to a real person is
 * chance. Needs nothing but libc.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { MUNIS = 1741, PREFS = 47, PERSONS = 300000, ADMISSIONS = 1000000, MAX_K = 40,
       PSY = 1250, GENERAL = 94, OFFICES = 600, ORGS = PSY + GENERAL + OFFICES, CASES = 30000 };

/* Municipalities per prefecture, 北海道 to 沖縄 (Tokyo's 23 special wards included): 1,741. */
static const int pref_munis[PREFS] = { 179, 40, 33, 35, 25, 35, 59, 44, 25, 35, 63, 54, 62, 33, 30, 15,
				       19, 17, 27, 77, 42, 35, 54, 29, 19, 26, 43, 41, 39, 30, 19, 19,
				       27, 23, 19, 24, 17, 20, 34, 60, 20, 21, 45, 18, 26, 43, 41 };

#define GEN_SEED 0x6e6174696f6e2136ull /* "nation!6": the fixed seed */
#define GEN_NAME "gen_nation"
#include "gen_common.h"

static int percent(int p) { return rnd(1000) < p * 10; }
static double unit(void) { return (double)(next64() >> 11) / 9007199254740992.0; }

/* x^(1/5) by Newton's method: the Zipf weights without libm. */
static double root5(double x)
{
	double r = 2;
	for (int i = 0; i < 60; i++)
		r = (4 * r + x / (r * r * r * r)) / 5;
	return r;
}

/* ---- the model ---- */

static const char *const family[] = { "鈴木", "佐藤", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
				      "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水" };
static const char *const family_kana[] = { "スズキ", "サトウ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト",
					   "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ",
					   "マツモト", "イノウエ", "キムラ", "ハヤシ", "サイトウ", "シミズ" };
static const char *const given[][2] = { { "誠", "マコト" }, { "隆", "タカシ" }, { "浩", "ヒロシ" }, { "健一", "ケンイチ" },
					{ "翔太", "ショウタ" }, { "和子", "カズコ" }, { "恵子", "ケイコ" }, { "由美", "ユミ" },
					{ "陽子", "ヨウコ" }, { "美咲", "ミサキ" } }; /* male first five */
static const char *const adm_types[] = { "voluntary", "medical_protection", "involuntary", "emergency", "other" };
static const int adm_type_w[] = { 50, 40, 3, 2, 5 };
static const char *const dests[] = { "home", "group_home", "rental", "facility", "other", "hospital", "death" };
static const int dest_w[] = { 45, 15, 10, 10, 7 }; /* a transfer or a death is decided apart */
enum { DEST_HOSPITAL = 5, DEST_DEATH = 6 };

struct muni {
	char code[7];
	int pref;
	double weight;
};
struct org {
	int muni;
};
struct person {
	int muni;  /* -1: no ward */
	int birth;
	int k;     /* admissions */
	int first; /* the first in adm[] */
};
struct adm {
	int in, out; /* out -1: still in hospital */
	int org, type, dest;
};

static struct muni munis[MUNIS];
static struct org orgs[ORGS];
static struct person people[PERSONS];
static struct adm adm[ADMISSIONS];
static int pref_first[PREFS + 1];        /* munis of prefecture p: [pref_first[p], pref_first[p + 1]) */
static double cum[MUNIS];                /* cumulative population weights */
static int *pref_orgs[3][PREFS], npref_orgs[3][PREFS]; /* psychiatric, general, office, by prefecture */
static const int extract_day_y = 2024, extract_day_m = 6, extract_day_d = 30;
static int E;                            /* the extract date */

static int muni_weighted(void)
{
	double r = unit() * cum[MUNIS - 1];
	int lo = 0, hi = MUNIS - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cum[mid] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void make_munis(void)
{
	int rank[MUNIS];
	for (int i = 0; i < MUNIS; i++)
		rank[i] = i + 1;
	for (int i = MUNIS - 1; i > 0; i--) { /* ranks shuffled over the codes */
		int j = rnd(i + 1), t = rank[i];
		rank[i] = rank[j], rank[j] = t;
	}
	static const int weights[] = { 6, 5, 4, 3, 2 };
	for (int p = 0, i = 0; p < PREFS; p++) {
		pref_first[p] = i;
		for (int s = 0; s < pref_munis[p]; s++, i++) {
			unsigned pre = (unsigned)((p + 1) * 1000 + 201 + s), sum = 0; /* PP + a serial from 201 */
			for (unsigned k = 0, x = pre; k < 5; k++, x /= 10)
				sum += x % 10 * (unsigned)weights[4 - k];
			snprintf(munis[i].code, sizeof munis[i].code, "%05u%u", pre % 100000u, (11 - sum % 11) % 10);
			munis[i].pref = p;
			munis[i].weight = root5(rank[i]) / rank[i]; /* rank^-0.8 */
			cum[i] = (i ? cum[i - 1] : 0) + munis[i].weight;
		}
	}
	pref_first[PREFS] = MUNIS;
}

/* Each prefecture gets one organisation of each kind, the rest go where the people are. */
static void make_orgs(void)
{
	static const int first[3] = { 0, PSY, PSY + GENERAL }, count[3] = { PSY, GENERAL, OFFICES };
	for (int kind = 0; kind < 3; kind++) {
		for (int p = 0; p < PREFS; p++) {
			pref_orgs[kind][p] = malloc(count[kind] * sizeof(int));
			npref_orgs[kind][p] = 0;
		}
		for (int i = 0; i < count[kind]; i++) {
			int m = i < PREFS ? pref_first[i] + rnd(pref_munis[i]) : muni_weighted();
			orgs[first[kind] + i].muni = m;
			int p = munis[m].pref;
			pref_orgs[kind][p][npref_orgs[kind][p]++] = first[kind] + i;
		}
	}
}

static int org_in(int kind, int pref)
{
	return pref_orgs[kind][pref][rnd(npref_orgs[kind][pref])];
}

static const char *org_name(int i, char out[64])
{
	if (i < PSY)
		snprintf(out, 64, "こころの杜病院%04d", i + 1);
	else if (i < PSY + GENERAL)
		snprintf(out, 64, "総合病院%04d", i - PSY + 1);
	else
		snprintf(out, 64, "相談支援センター%04d", i - PSY - GENERAL + 1);
	return out;
}

/* Admissions per person: most one to five, a revolving-door tail; then adjusted one by one to
 * exactly ADMISSIONS. */
static void admission_counts(void)
{
	static const int w[] = { 6, 20, 17, 14, 11, 8, 17, 6, 1 };
	static const int lo[] = { 0, 1, 2, 3, 4, 5, 6, 11, 21 }, hi[] = { 0, 1, 2, 3, 4, 5, 10, 20, MAX_K };
	long total = 0;
	for (int i = 0; i < PERSONS; i++) {
		int c = PICK(w);
		people[i].k = lo[c] + rnd(hi[c] - lo[c] + 1);
		total += people[i].k;
	}
	while (total != ADMISSIONS) {
		struct person *p = &people[rnd(PERSONS)];
		if (total > ADMISSIONS && p->k > 1)
			p->k--, total--;
		else if (total < ADMISSIONS && p->k > 0 && p->k < MAX_K)
			p->k++, total++;
	}
}

/* One stay's length in days: short, months, over a year, over five years (few for revolving
 * doors); *cls gets the class. */
static int stay_length(int k, int *cls)
{
	static const int w_few[] = { 56, 28, 11, 5 }, w_many[] = { 70, 27, 3, 0 };
	*cls = k >= 6 ? PICK(w_many) : PICK(w_few);
	static const int base[] = { 7, 90, 365, 1826 }, spread[] = { 83, 275, 1461, 9000 };
	return base[*cls] + rnd(spread[*cls]);
}

static int gap_length(void)
{
	static const int w[] = { 4, 20, 26, 50 }, base[] = { 0, 1, 90, 365 }, spread[] = { 1, 89, 275, 2500 };
	int c = PICK(w);
	return base[c] + rnd(spread[c]);
}

/* The person's stays, laid out backwards from the last: open on the extract date (mostly the
 * longest stays) or discharged at a random point of the history; squeezed when they do not fit
 * between age 16 (or 1990) and the extract date. */
static void stays_of(struct person *p, int *next)
{
	p->first = *next;
	*next += p->k;
	if (p->k == 0)
		return;
	int len[MAX_K], gap[MAX_K], cls = 0;
	long total = 0;
	for (int j = 0; j < p->k; j++) {
		len[j] = stay_length(p->k, &cls); /* cls: the last one's */
		gap[j] = j + 1 < p->k ? gap_length() : 0;
		total += len[j] + gap[j];
	}
	static const int open_p[] = { 3, 8, 35, 75 };
	int open = percent(open_p[cls]);
	int earliest = max(p->birth + 16 * 365 + 4, days_from_civil(1990, 1, 1));
	long before = total - len[p->k - 1]; /* what precedes the last admission */
	int last_in = open ? E - rnd(len[p->k - 1]) : 0;
	long room = open ? last_in - earliest : E - earliest - len[p->k - 1];
	if (room < before + 1) { /* squeeze every stay and gap alike */
		double f = room > p->k ? (double)room / (double)(before + 1) : 0;
		before = 0;
		for (int j = 0; j < p->k; j++) {
			len[j] = max(1, (int)(len[j] * f));
			gap[j] = (int)(gap[j] * f);
			before += j + 1 < p->k ? len[j] + gap[j] : 0;
		}
		if (!open)
			room = E - earliest - len[p->k - 1];
	}
	if (!open)
		last_in = earliest + (int)before + rnd((int)max(1, room - before));
	int start = last_in;
	for (int j = p->k - 1; j >= 0; j--) {
		struct adm *a = &adm[p->first + j];
		if (j < p->k - 1)
			start -= gap[j] + len[j];
		a->in = start;
		a->out = j == p->k - 1 && open ? -1 : min(E, start + len[j]);
		a->type = PICK(adm_type_w);
		a->dest = gap[j] == 0 && j + 1 < p->k ? DEST_HOSPITAL : PICK(dest_w);
	}
	struct adm *last = &adm[p->first + p->k - 1];
	int age = (E - p->birth) / 365;
	static const int death_p[] = { 2, 3, 12, 25 };
	if (!open && percent(death_p[cls] + (age >= 70 ? 10 : 0)))
		last->dest = DEST_DEATH;
	/* Hospitals of the person's prefecture: mostly one, ~3 % of stays in a general hospital. */
	int pref = p->muni >= 0 ? munis[p->muni].pref : munis[muni_weighted()].pref;
	int home = org_in(0, pref);
	for (int j = 0; j < p->k; j++)
		adm[p->first + j].org = percent(3) ? org_in(1, pref) : percent(80) ? home : org_in(0, pref);
}

static void make_people(void)
{
	static const int age_w[] = { 10, 14, 18, 20, 18, 13, 7 }, age_lo[] = { 18, 30, 40, 50, 60, 70, 80 };
	admission_counts();
	int next = 0;
	for (int i = 0; i < PERSONS; i++) {
		struct person *p = &people[i];
		p->muni = percent(99) || rnd(2) ? muni_weighted() : -1; /* ~0.5 % without a ward */
		int c = PICK(age_w), age = age_lo[c] + rnd(c == 6 ? 16 : c == 0 ? 12 : 10);
		p->birth = E - age * 365 - age / 4 - rnd(365);
		stays_of(p, &next);
	}
}

/* ---- the files ---- */

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen_nation: cannot write %s\n", name);
		exit(1);
	}
}


static void write_wards(FILE *f)
{
	struct batch b = { f, "ward", 0, 0 };
	for (int i = 0; i < MUNIS; i++)
		row(&b, "'%s', (SELECT code FROM municipality), '合成市町村%04d'", munis[i].code, i + 1);
	end(&b);
	/* The nation's forums count their subcommittees: forum_meetings runs for two kinds. */
	fputs("INSERT INTO setting (key, value) VALUES ('forum_meeting_kinds', 'forum,subcommittee');\n", f);
}

static void write_orgs(FILE *f)
{
	static const char *const kind[3] = { "psychiatric_hospital", "other", "consultation_support" };
	char name[64];
	fputs("name,kind,ward_code\n", f);
	for (int i = 0; i < ORGS; i++)
		fprintf(f, "%s,%s,%s\n", org_name(i, name), kind[i < PSY ? 0 : i < PSY + GENERAL ? 1 : 2],
			munis[orgs[i].muni].code);
}

static void write_persons(FILE *f)
{
	char b[11];
	fputs("external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code\n", f);
	for (int i = 0; i < PERSONS; i++) {
		const struct person *p = &people[i];
		int fam = rnd(COUNT(family)), giv = rnd(COUNT(given));
		fprintf(f, "NT%07d,%s,%s,%s,%s,%s,%s,%s\n", i + 1, family[fam], given[giv][0], family_kana[fam],
			given[giv][1], iso(p->birth, b), giv < 5 ? "male" : "female",
			p->muni >= 0 ? munis[p->muni].code : "");
	}
}

/* The psychiatric ones to the CSV, the general hospitals' to extras.sql; returns the CSV's count. */
static long write_admissions(FILE *f, FILE *sql, long *general)
{
	char d1[11], d2[11], name[64];
	long n = 0;
	struct batch b = { sql, "g_adm", 0, 0 };
	fputs("person_external_id,hospital,admitted_on,admission_type,discharged_on,discharge_destination\n", f);
	fputs("CREATE TEMP TABLE g_adm (ext text, hospital text, admitted text, type text, discharged text,"
	      " dest text);\n", sql);
	for (int i = 0; i < PERSONS; i++)
		for (int j = 0; j < people[i].k; j++) {
			const struct adm *a = &adm[people[i].first + j];
			const char *out = a->out < 0 ? "" : iso(a->out, d2), *dest = a->out < 0 ? "" : dests[a->dest];
			if (a->org < PSY) {
				fprintf(f, "NT%07d,%s,%s,%s,%s,%s\n", i + 1, org_name(a->org, name), iso(a->in, d1),
					adm_types[a->type], out, dest);
				n++;
			} else if (a->out < 0) {
				row(&b, "'NT%07d','%s','%s','%s',NULL,NULL", i + 1, org_name(a->org, name), iso(a->in, d1),
				    adm_types[a->type]);
			} else {
				row(&b, "'NT%07d','%s','%s','%s','%s','%s'", i + 1, org_name(a->org, name), iso(a->in, d1),
				    adm_types[a->type], out, dest);
			}
		}
	end(&b);
	fputs("INSERT INTO admission (person_id, hospital_id, admitted_on, admission_type, discharged_on,"
	      " discharge_destination, created_at)\n"
	      " SELECT p.id, o.id, g.admitted, g.type, g.discharged, g.dest, CAST(strftime('%s', g.admitted) AS integer)\n"
	      " FROM g_adm g JOIN person p ON p.external_id = g.ext JOIN organisation o ON o.name = g.hospital;\n", sql);
	*general = b.total;
	return n;
}

/* Support cases of persons with a stay (not ended by death), led by an office of their
 * prefecture, with the service periods whose users the indicators count, and 計画相談支援 year by
 * year. */
static void write_cases(FILE *f, long counts[2])
{
	int candidates = 0;
	for (int i = 0; i < PERSONS; i++)
		candidates += people[i].k > 0 && adm[people[i].first + people[i].k - 1].dest != DEST_DEATH;
	fputs("CREATE TEMP TABLE g_case (id integer PRIMARY KEY, ext text, lead text, stage text, reason text,"
	      " opened text, closed text);\n"
	      "CREATE TEMP TABLE g_period (case_id integer, service text, starts text, ends text, extended text,"
	      " every integer);\n", f);
	struct batch bc = { f, "g_case", 0, 0 }, bp;
	batch_open(&bp, "g_period");
	char d1[11], d2[11], d3[11], name[64];
	int chosen = 0, seen = 0;
	for (int i = 0; i < PERSONS && chosen < CASES; i++) {
		const struct person *p = &people[i];
		if (p->k == 0 || adm[p->first + p->k - 1].dest == DEST_DEATH)
			continue;
		if (rnd(candidates - seen++) >= CASES - chosen) /* Knuth's algorithm S: exactly CASES */
			continue;
		int id = ++chosen;
		const struct adm *last = &adm[p->first + p->k - 1];
		int pref = p->muni >= 0 ? munis[p->muni].pref : 12;
		int opened = max(last->in, E - 6 * 365) + rnd(60);
		opened = min(opened, E - 1);
		int closed = percent(55) ? min(E, opened + 180 + rnd(1500)) : -1;
		static const char *const open_stage[] = { "planning", "transitioning", "housing", "discharged", "settling" };
		static const char *const reason[] = { "settled", "withdrawn", "moved", "readmitted" };
		if (closed >= 0)
			row(&bc, "%d,'NT%07d','%s','closed','%s','%s','%s'", id, i + 1, org_name(org_in(2, pref), name),
			    reason[rnd(4)], iso(opened, d1), iso(closed, d2));
		else
			row(&bc, "%d,'NT%07d','%s','%s',NULL,'%s',NULL", id, i + 1, org_name(org_in(2, pref), name),
			    open_stage[rnd(5)], iso(opened, d1));
		int until = closed >= 0 ? closed : E;
		for (int s = opened + 20; s <= until; s += 365)
			row(&bp, "%d,'planning','%s','%s',NULL,%d", id, iso(s, d1), iso(s + 364, d2), percent(50) ? 3 : 6);
		int s = min(E, opened + 20 + rnd(60));
		if (percent(25)) {
			if (percent(33))
				row(&bp, "%d,'transition','%s','%s','%s',NULL", id, iso(s, d1), iso(s + 182, d2), iso(s + 364, d3));
			else
				row(&bp, "%d,'transition','%s','%s',NULL,NULL", id, iso(s, d1), iso(s + 182, d2));
		}
		if (last->out >= 0 && percent(25))
			row(&bp, "%d,'settlement','%s','%s',NULL,NULL", id, iso(last->out, d1), iso(last->out + 364, d2));
		static const struct { const char *service; int p, days; } other[] = {
			{ "group_home", 25, 364 * 3 }, { "independent_living", 6, 364 }, { "living_training", 12, 729 },
		};
		for (int k = 0; k < COUNT(other); k++)
			if (percent(other[k].p)) {
				s = min(E, opened + rnd(200));
				int e = s + (k == 0 ? 364 * (1 + rnd(3)) : other[k].days);
				row(&bp, "%d,'%s','%s','%s',NULL,NULL", id, other[k].service, iso(s, d1), iso(e, d2));
			}
	}
	end(&bc);
	flush(&bp, f);
	fputs("INSERT INTO support_case (id, person_id, lead_org_id, stage, close_reason, opened_on, closed_on,"
	      " created_by, created_at)\n"
	      " SELECT g.id, p.id, o.id, g.stage, g.reason, g.opened, g.closed, (SELECT min(id) FROM app_user),"
	      " CAST(strftime('%s', g.opened) AS integer)\n"
	      " FROM g_case g JOIN person p ON p.external_id = g.ext JOIN organisation o ON o.name = g.lead ORDER BY g.id;\n"
	      "INSERT INTO service_period (case_id, service, starts_on, ends_on, extended_to, monitoring_months)\n"
	      " SELECT case_id, service, starts, ends, extended, every FROM g_period;\n", f);
	counts[0] = bc.total, counts[1] = bp.total;
}

/* FY 2021–2023: the forums most municipalities hold (some with subcommittees), with attendance by
 * sector, and the trainings and exchange meetings some of them hold. */
static void write_meetings(FILE *f, long counts[3])
{
	static const char *const sectors[] = { "health", "psychiatric", "medical_other", "welfare", "care",
					       "person", "family", "housing", "other" };
	fputs("CREATE TEMP TABLE g_meeting (id integer PRIMARY KEY, kind text, title text, held text, ward text,"
	      " status text, goal integer, eval integer);\n"
	      "CREATE TEMP TABLE g_attend (meeting_id integer, sector text, heads integer);\n"
	      "CREATE TEMP TABLE g_event (kind text, title text, held text, ward text, status text, reason text);\n", f);
	struct batch bm = { f, "g_meeting", 0, 0 }, ba, be;
	batch_open(&ba, "g_attend"), batch_open(&be, "g_event");
	char d[11];
	for (int fy = 2021; fy <= 2023; fy++) {
		int fs = days_from_civil(fy, 4, 1), days = days_from_civil(fy + 1, 4, 1) - fs;
		for (int m = 0; m < MUNIS; m++) {
			const char *w = munis[m].code;
			int forums = percent(70) ? 1 + rnd(4) : 0, subs = forums && percent(30) ? 1 + rnd(3) : 0;
			for (int j = 0; j < forums + subs; j++) {
				long id = bm.total + 1;
				int held = fs + rnd(days), st = rnd(100);
				const char *status = held > E ? "planned" : st < 90 ? "held" : st < 95 ? "cancelled" : "planned";
				row(&bm, "%ld,'%s','%s','%s','%s','%s',%d,%d", id, j < forums ? "forum" : "subcommittee",
				    j < forums ? "協議の場" : "協議の場 部会", iso(held, d), w, status, percent(30), percent(20));
				for (int s = 0, n = 3 + rnd(6); s < COUNT(sectors) && n > 0; s++)
					if (rnd(COUNT(sectors) - s) < n) {
						row(&ba, "%ld,'%s',%d", id, sectors[s], 1 + rnd(6));
						n--;
					}
			}
			static const struct { const char *kind, *title; int p, most; } ev[] = {
				{ "elderly_field_training", "高齢分野との連携のための研修会", 30, 2 },
				{ "peer_training_basic", "ピアサポーター養成研修（基礎）", 15, 1 },
				{ "peer_training_advanced", "ピアサポーター養成研修（専門）", 5, 1 },
				{ "peer_exchange", "ピアサポーター交流会", 20, 3 },
			};
			for (int k = 0; k < COUNT(ev); k++)
				for (int j = percent(ev[k].p) ? 1 + rnd(ev[k].most) : 0; j > 0; j--) {
					int held = fs + rnd(days);
					if (held > E)
						row(&be, "'%s','%s','%s','%s','planned',NULL", ev[k].kind, ev[k].title, iso(held, d), w);
					else if (percent(8))
						row(&be, "'%s','%s','%s','%s','postponed','感染症の拡大により延期'", ev[k].kind,
						    ev[k].title, iso(held, d), w);
					else
						row(&be, "'%s','%s','%s','%s','held',NULL", ev[k].kind, ev[k].title, iso(held, d), w);
				}
		}
	}
	end(&bm);
	flush(&ba, f);
	flush(&be, f);
	fputs("INSERT INTO meeting (id, municipality_code, kind, title, held_on, ward_code, status, goal_setting,"
	      " evaluation, created_by, created_at)\n"
	      " SELECT id, (SELECT code FROM municipality), kind, title, held, ward, status, goal, eval,"
	      " (SELECT min(id) FROM app_user), CAST(strftime('%s', held) AS integer) FROM g_meeting ORDER BY id;\n"
	      "INSERT INTO meeting_attendance (meeting_id, label, sector, head_count)\n"
	      " SELECT meeting_id, '参加者', sector, heads FROM g_attend;\n"
	      "INSERT INTO event (municipality_code, kind, title, held_on, ward_code, status, status_reason,"
	      " created_by, created_at)\n"
	      " SELECT (SELECT code FROM municipality), kind, title, held, ward, status, reason,"
	      " (SELECT min(id) FROM app_user), CAST(strftime('%s', held) AS integer) FROM g_event;\n", f);
	counts[0] = bm.total, counts[1] = ba.total, counts[2] = be.total;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_nation OUTDIR\n");
		return 2;
	}
	E = days_from_civil(extract_day_y, extract_day_m, extract_day_d);
	make_munis();
	make_orgs();
	make_people();
	FILE *w = open_out(argv[1], "wards.sql"), *o = open_out(argv[1], "organisations.csv");
	FILE *p = open_out(argv[1], "persons.csv"), *a = open_out(argv[1], "admissions.csv");
	FILE *x = open_out(argv[1], "extras.sql");
	write_wards(w);
	write_orgs(o);
	write_persons(p);
	fputs("-- gen_nation: bench data only (no CSV import takes these). bench/indicators.sh runs this\n"
	      "-- inside one transaction with the sqlite3 CLI on the bench database.\n", x);
	long general, cases[2], meetings[3];
	long psy = write_admissions(a, x, &general);
	write_cases(x, cases);
	write_meetings(x, meetings);
	close_out(w, "wards.sql"), close_out(o, "organisations.csv"), close_out(p, "persons.csv");
	close_out(a, "admissions.csv"), close_out(x, "extras.sql");
	int open = 0, largest = 0, smallest = PERSONS, per[MUNIS] = { 0 };
	for (int i = 0; i < PERSONS; i++) {
		if (people[i].muni >= 0)
			per[people[i].muni]++;
		open += people[i].k > 0 && adm[people[i].first + people[i].k - 1].out < 0;
	}
	for (int m = 0; m < MUNIS; m++)
		largest = max(largest, per[m]), smallest = min(smallest, per[m]);
	printf("municipalities %d (persons each %d–%d), persons %d, admissions %ld (psychiatric %ld, general hospitals %ld;"
	       " open %d), support cases %ld, service periods %ld, meetings %ld (attendance rows %ld), events %ld\n",
	       MUNIS, smallest, largest, PERSONS, psy + general, psy, general, open, cases[0], cases[1], meetings[0],
	       meetings[1], meetings[2]);
	return 0;
}
