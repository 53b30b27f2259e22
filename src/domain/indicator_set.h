/*
 * indicator_set — the indicators a municipality sets itself (課題解決の達成度を測る指標; DESIGN §3,
 * seed §4–§5): each one either computed from the records by a named computation of
 * indicator_codes[] (domain/indicator.h), optionally over one ward, or entered by hand; and per
 * fiscal year what was set at its start — baseline (現状値), target (目標値) for the end of a
 * target year, the actual (実績値), the concrete outcome (具体的な成果・効果), the expected outcome
 * (見込んでいる成果・効果) — with the published national figure and target beside it.
 *
 * A computed figure is never stored by hand: for a computed indicator the baseline and the actual
 * are refused on save and computed when shown — the baseline is the computation for fy − 1 (the
 * state at the start of fy), the actual the computation for target_fy. An entered indicator keeps
 * a number or, where no number fits, a text (the seed's 「コロナの影響で未定」).
 *
 * The rules indicator_set_save() and indicator_year_save() enforce (field and gettext msgid):
 *   - name 1..INDICATOR_NAME_MAX bytes, unique in the municipality (ERR_CONFLICT); position
 *     1..99; computation NULL or a code of indicator_codes[]; ward only with a computation, a
 *     ward of the municipality; unit at most INDICATOR_UNIT_MAX                          ERR_INVALID
 *   - fy 2000..2100; target_fy fy..fy+10; a target value or text; for a computed indicator
 *     no baseline and no actual; texts at most INDICATOR_TEXT_MAX; numbers finite,
 *     |x| < 1e12                                                                         ERR_INVALID
 * Texts are NFKC-normalised and trimmed (check.h). Writers run in the caller's transaction with
 * its audit row and assume the router checked the policy. Strings live in the caller's arena.
 */
#ifndef TSUNAGU_INDICATOR_SET_H
#define TSUNAGU_INDICATOR_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	INDICATOR_NAME_MAX = 300,
	INDICATOR_UNIT_MAX = 30,
	INDICATOR_TEXT_MAX = 4000,
	INDICATOR_POSITION_MAX = 99,
	INDICATOR_SET_MAX = 200,   /* the most indicators a list returns */
	INDICATOR_YEARS_MAX = 200, /* the most year rows a list returns */
};

struct city_indicator {
	int64_t id;        /* 0 before it is stored */
	int position;      /* 1 for ①, as the sheet numbers them */
	char *name;        /* 宅建との制度を活用したケースの積み上げ */
	char *computation; /* a code of indicator_codes[]; NULL: entered by hand */
	char *ward_code;   /* the computation over this ward; NULL: the whole municipality */
	char *unit;        /* 件; "" for none */
	bool active;
};

/* A number that may be absent. */
struct opt_num {
	bool has;
	double v;
};

struct indicator_year {
	int64_t indicator_id;
	int fy;                   /* set at the start of this fiscal year */
	int target_fy;            /* for the end of this one (fy..fy+10) */
	struct opt_num baseline;  /* entered indicators only */
	char *baseline_text;
	struct opt_num target;
	char *target_text;
	struct opt_num actual;    /* entered indicators only */
	char *actual_text;
	char *outcome_text;       /* 具体的な成果・効果 */
	char *expected_text;      /* 見込んでいる成果・効果 */
	struct opt_num national_value;
	struct opt_num national_target;
	char *national_note;
};

/* The municipality's indicators by position, then id (inactive ones too; at most INDICATOR_SET_MAX). */
int indicator_set_list(struct db *db, struct arena *a, struct city_indicator **out, size_t *n);

/* The indicator with this id; ERR_NOTFOUND when none. */
int indicator_set_get(struct db *db, struct arena *a, int64_t id, struct city_indicator *out);

/* Checks ci against the rules and stores it: new when ci->id is 0 (setting ci->id), else the one
 * with that id (ERR_NOTFOUND when none). Changing the computation of an indicator that has years
 * with an entered baseline or actual is refused (they would turn into stored computed figures). */
int indicator_set_save(struct db *db, struct arena *a, struct city_indicator *ci, const char **field,
		       const char **msg);

/* The year rows of one indicator by fy (at most INDICATOR_YEARS_MAX). */
int indicator_years(struct db *db, struct arena *a, int64_t indicator_id, struct indicator_year **out,
		    size_t *n);

/* Every year row of the municipality's indicators, by indicator position then fy: for the sheet. */
int indicator_years_all(struct db *db, struct arena *a, struct indicator_year **out, size_t *n);

/* Checks y against the rules (the indicator must exist) and writes it, replacing the row of the
 * same indicator and fy. user_id is the writer. */
int indicator_year_save(struct db *db, struct arena *a, const struct indicator_year *y, int64_t user_id,
			const char **field, const char **msg);

/* ---- the sheet's texts ---- */

/* The sections of the sheet that are free text: lead, basic (§1 取組内容), overview (§2). */
extern const char *const sheet_text_sections[]; /* ends with NULL */

/* The text of section for fiscal year fy or, when that year has none, the newest earlier year's
 * (*from_fy says which; 0 and *body NULL when there is none at all). */
int sheet_text_get(struct db *db, struct arena *a, int fy, const char *section, char **body, int *from_fy);

/* Writes (or replaces; an empty body deletes) the text of section for fy. */
int sheet_text_save(struct db *db, struct arena *a, int fy, const char *section, const char *body,
		    int64_t user_id, const char **field, const char **msg);

#endif
