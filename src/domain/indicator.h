/*
 * indicator — the computed indicators of ../shared/INDICATORS.md (DESIGN §3–§4), exactly as
 * defined there, for the municipality of the database (or one ward of it) and one fiscal year FY
 * (April 1 of FY to March 31 of FY+1).
 *
 * Every value is computed from the records; nothing is stored. indicator_compute() returns every
 * code of indicator_codes[] in that order:
 *
 *   outcome (national plan) — over psychiatric-bed admissions only (the hospital organisation's
 *   kind is psychiatric_hospital), of persons of the ward (person.ward_code) when a ward is given:
 *     longstay_inpatients, _under65, _65plus   admissions open on C = June 30 of FY admitted on or
 *                                              before C − 1 year; age at C splits (count)
 *     early_discharge_rate_3m, _6m, _12m       admitted in FY, discharged before admitted + k months
 *                                              (any destination) (rate)
 *     community_days_1y                        discharges in FY of a stay under 1 year, not by death:
 *                                              mean of 365 − days of [D, D + 365 days) spent in the
 *                                              person's psychiatric admissions starting on or after D
 *                                              (mean; numerator the sum of days)
 *     readmission_rate_90d, _180d, _365d       the same cohort, readmitted D ≤ A' < D + N days (rate)
 *   activity:
 *     forum_meetings                           held meetings in FY of the kinds of the setting
 *                                              INDICATOR_FORUM_KINDS_SETTING (comma-separated,
 *                                              default "forum"); with a ward, that ward's meetings
 *                                              only (city-wide ones then do not count) (count)
 *     forum_participants, forum_participants_<sector>  heads over those meetings, in total and by
 *                                              meeting_sectors code (count)
 *     forum_goal_evaluations                   those meetings flagged goal-setting or evaluation (count)
 *     service_users_<service>                  ANNUAL figure: distinct persons with a period of the
 *                                              service (end: extended_to, else ends_on, both days
 *                                              included) overlapping FY (count)
 *     service_users_<service>_monthly          MONTHLY figure: the mean over FY's 12 months of the
 *                                              distinct persons whose period overlaps the month
 *                                              (mean; numerator the sum of the 12 counts, denominator 12)
 *       for <service> = transition (地域移行支援), settlement (地域定着支援), group_home (共同生活援助),
 *       independent_living (自立生活援助), living_training (自立訓練(生活訓練)); persons by their ward.
 *   the seed's (Shizuoka):
 *     housing_scheme_cases                     requests moved in up to March 31 of FY+1 (count)
 *     housing_scheme_cases_in_year             of them moved in during FY (count)
 *     housing_agents_cooperating               firms cooperating at the end of March 31 of FY+1 (count)
 *       the three housing figures are city-wide: with a ward they have no value.
 *     elderly_field_trainings, peer_trainings (basic and advanced together), peer_exchange_meetings
 *                                              events held in FY (event_count_held) (count)
 *
 * Values: a count has value = numerator = the count and denominator 0; a rate is numerator /
 * denominator in percent and a mean numerator / denominator, both with one decimal rounded half
 * away from zero (exactly, in integers). An empty cohort (denominator 0) gives has_value false —
 * null in JSON, never 0 or NaN.
 *
 * Provisional: a figure whose observation window has not fully passed on as_of. The window ends
 * (exclusive) on C + 1 day for the long-stay census, on March 31 of FY+1 + k months for the early
 * discharge rates, on March 31 of FY+1 + 365 (N) days for community days (readmission) — the
 * window of the last admission or discharge the cohort may hold — and on April 1 of FY+1 for every count
 * over the fiscal year (and the state at its end). Provisional when as_of is before that end.
 *
 * Calendar arithmetic is done in C (date.h); SQL only selects rows (DESIGN §9).
 */
#ifndef TSUNAGU_INDICATOR_H
#define TSUNAGU_INDICATOR_H

#include "date.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

/* The setting with the meeting kinds forum_meetings counts ("forum,subcommittee,working_group"). */
#define INDICATOR_FORUM_KINDS_SETTING "forum_meeting_kinds"
#define INDICATOR_FORUM_KINDS_DEFAULT "forum"

enum indicator_kind {
	INDICATOR_COUNT, /* an integer */
	INDICATOR_RATE,  /* a percentage, one decimal */
	INDICATOR_MEAN,  /* an average, one decimal */
};

struct indicator_def {
	const char *code;         /* "community_days_1y" */
	const char *name;         /* Japanese, as the plan names it: "退院後1年以内の地域における平均生活日数" */
	enum indicator_kind kind;
};

/* Every computed indicator in the order indicator_compute() returns them; { NULL } ends it. */
extern const struct indicator_def indicator_codes[];

/* The entries of indicator_codes (without the terminator). */
size_t indicator_count(void);

struct indicator_value {
	const char *code;    /* from indicator_codes */
	bool has_value;      /* false: no value (empty cohort, or not computed for a ward) */
	double value;        /* the count, the rate in percent or the mean, when has_value */
	int64_t numerator;   /* the count / those meeting the condition / the sum */
	int64_t denominator; /* the cohort; 0 for counts */
	bool provisional;    /* the observation window had not passed on as_of */
};

/* numerator / denominator as a percentage (percent true) or a plain mean, with one decimal rounded
 * half away from zero, computed in integers; false when denominator ≤ 0. */
bool indicator_ratio(int64_t numerator, int64_t denominator, bool percent, double *out);

/* The whole years of age on day at of a person born on birth (the birthday passed or reached). */
int indicator_age(struct date birth, struct date at);

/* Computes every indicator for fiscal year fy (2000..9998) of ward (a ward code; NULL: the whole
 * municipality), judging provisional figures on as_of (YYYY-MM-DD). *out gets an array of *n
 * values in a, in indicator_codes order. ERR_INVALID for a bad fy or as_of; a storage error as
 * the database gave it. */
int indicator_compute(struct db *db, struct arena *a, const char *ward, int fy, const char *as_of,
		      struct indicator_value **out, size_t *n);

/* The value of code in vals (n entries), or NULL. */
const struct indicator_value *indicator_find(const struct indicator_value *vals, size_t n, const char *code);

#endif
