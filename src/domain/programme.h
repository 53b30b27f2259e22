/*
 * programme — the history of the municipality's efforts (取組の経緯, the seed's §3) and its plan
 * (§5): the city's and the prefecture's programmes by fiscal year, and per fiscal year the
 * strengths text and the challenges with their policy and the roles of each sector.
 *
 * A programme runs from fiscal year from_fy to to_fy (to_fy 0: still running); 年度 run April to
 * March, FY2007 = 平成19年度 ("H19" as the seed writes it). A programme renamed from another (the
 * prefecture's 退院促進事業 became 地域移行支援事業 in H21) links to it with renamed_from, which
 * must be another programme of the municipality that started earlier — so the links always
 * point back in time and can never form a loop.
 *
 * The rules programme_save() enforces (each with its field and a gettext msgid):
 *   - name 1..PROGRAMME_NAME_MAX bytes; implementer a code of programme_implementers;
 *     commissioned_to at most PROGRAMME_NAME_MAX, description at most PROGRAMME_TEXT_MAX  ERR_INVALID
 *   - from_fy and to_fy (when given) within PROGRAMME_FY_MIN..PROGRAMME_FY_MAX, from ≤ to     ERR_INVALID
 *   - renamed_from (when given) a stored programme, not this one, starting before from_fy;
 *     and no programme renamed from this one starts at or before the new from_fy        ERR_INVALID
 *   - no other programme of the same name starting in the same year                     ERR_CONFLICT
 * Texts are NFKC-normalised and trimmed (check.h) before they are measured and stored.
 *
 * The plan's rules: fy within the same bounds; a strengths text 1..PLAN_TEXT_MAX bytes; a
 * challenge's position 1..PLAN_POSITION_MAX and free in its year (else ERR_CONFLICT), title
 * 1..PROGRAMME_NAME_MAX, policy 1..PLAN_TEXT_MAX, each role text at most PLAN_TEXT_MAX (blank for
 * a sector without a role, as the seed leaves 医療・福祉・その他).
 *
 * Nothing here is personal data: the pages show it to every staff role. Writers run in the
 * caller's transaction with its audit row and assume the router checked the policy. Every string
 * returned lives in the caller's arena.
 */
#ifndef TSUNAGU_PROGRAMME_H
#define TSUNAGU_PROGRAMME_H

#include "codes.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	PROGRAMME_FY_MIN = 1989,  /* 平成元年度: the schema's lower bound */
	PROGRAMME_FY_MAX = 2100,
	PROGRAMME_NAME_MAX = 300, /* bytes: a name, a commissioned-to text, a challenge's title */
	PROGRAMME_TEXT_MAX = 4000,
	PROGRAMME_LIST_MAX = 500, /* the most programmes a list returns */
	PLAN_TEXT_MAX = 4000,
	PLAN_POSITION_MAX = 99,
	PLAN_CHALLENGES_MAX = 99, /* the most challenges of one year a list returns */
};

/* Who runs a programme (実施主体): city, prefecture, national, other. */
extern const struct code programme_implementers[];

struct programme {
	int64_t id;            /* 0 before it is stored */
	char *name;            /* 精神障害者地域生活体験支援事業 */
	char *implementer;     /* programme_implementers code */
	char *commissioned_to; /* 各圏域の相談支援事業所に委託; NULL: none */
	int from_fy;           /* the first fiscal year (2007 for H19) */
	int to_fy;             /* the last; 0 while it continues */
	char *description;     /* what it does; NULL: none */
	int64_t renamed_from;  /* the programme it was renamed from; 0: none */
};

/* The municipality's programmes by first year, then last year (continuing ones last), then id;
 * at most PROGRAMME_LIST_MAX. *out is an array of *n in a. */
int programme_list(struct db *db, struct arena *a, struct programme **out, size_t *n);

/* The programme with this id; ERR_NOTFOUND when none. */
int programme_get(struct db *db, struct arena *a, int64_t id, struct programme *out);

/* Checks p against the rules above and stores it: a new programme when p->id is 0 (setting
 * p->id), else the one with that id (ERR_NOTFOUND when none). The texts in p are replaced by the
 * stored ones. */
int programme_save(struct db *db, struct arena *a, struct programme *p, const char **field, const char **msg);

/* The label the seed gives a fiscal year: the era's initial and year, "H19" for FY2007, "R1" for
 * FY2019, "S63" for FY1988 (the year named as jp_fiscal_year_label() names it). NULL when ICU
 * fails. */
char *programme_fy_short(struct arena *a, int fy);

/* The prefecture a municipality belongs to, by the first two digits of its 6-digit code (JIS X
 * 0401: "221007" → 静岡県), to name the prefecture that runs a programme as the seed does; NULL
 * when the code names none. A static string. */
const char *programme_prefecture(const char *municipality_code);

/* ---- the plan ---- */

struct plan_challenge {
	int64_t id;            /* 0 before it is stored */
	int fy;                /* the fiscal year of the plan it belongs to */
	int position;          /* 1, 2 … as the sheet lists them */
	char *title;           /* 課題: 多様な居住の場の確保の推進に関すること。 */
	char *policy;          /* 課題解決に向けた取組方針 */
	char *role_government; /* 行政; NULL: blank */
	char *role_medical;    /* 医療; NULL: blank */
	char *role_welfare;    /* 福祉; NULL: blank */
	char *role_other;      /* その他関係機関・住民等; NULL: blank */
};

/* The strengths text of fiscal year fy into *body (NULL when none is written). */
int plan_strength_get(struct db *db, struct arena *a, int fy, char **body);

/* Writes (or replaces) the strengths text of fiscal year fy. */
int plan_strength_save(struct db *db, struct arena *a, int fy, const char *body, const char **field,
		       const char **msg);

/* The challenges of fiscal year fy by position (at most PLAN_CHALLENGES_MAX). */
int plan_challenges(struct db *db, struct arena *a, int fy, struct plan_challenge **out, size_t *n);

/* The challenge with this id; ERR_NOTFOUND when none. */
int plan_challenge_get(struct db *db, struct arena *a, int64_t id, struct plan_challenge *out);

/* Checks c against the plan's rules and stores it: new when c->id is 0 (setting c->id), else
 * the one with that id, whose fiscal year stays as stored (c->fy is set to it). The texts in c
 * are replaced by the stored ones. */
int plan_challenge_save(struct db *db, struct arena *a, struct plan_challenge *c, const char **field,
			const char **msg);

/* The fiscal years that have a strengths text or a challenge, newest first, into *out (*n of
 * them), for the page's year picker. */
int plan_years(struct db *db, struct arena *a, int **out, size_t *n);

#endif
