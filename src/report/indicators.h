/*
 * indicators — every computed indicator of a fiscal year as data (issue 6): the JSON the API
 * answers and `tsunagu report indicators` prints, and the same figures as CSV for Excel. The
 * figures come from domain/indicator.h; this file only checks the request (fiscal year, ward),
 * asks for them and writes them out.
 *
 * This is the one file that includes jansson.h (STYLE.md: one file per third-party header):
 * whatever else in tsunagu writes JSON comes here.
 *
 * JSON, one object (keys in this order):
 *   {"municipality":"221007","fy":2022,"ward":null,"as_of":"2026-11-24","indicators":[
 *     {"code":"community_days_1y","value":361.7,"provisional":false,"numerator":1085,"denominator":3},
 *     {"code":"housing_scheme_cases","value":3,"provisional":false,"numerator":3,"denominator":null}, …]}
 * - ward: the ward code asked for, or null for the whole municipality;
 * - a count: value an integer equal to numerator, denominator null (a count has none);
 * - a rate (percent) or a mean: value a number with one decimal (361.7, never 361.69999…),
 *   numerator and denominator integers; an empty cohort has denominator 0;
 * - value null when there is no figure (an empty cohort; a city-wide figure asked for a ward);
 *   a count without a figure also has numerator null;
 * - every code of indicator_codes[], in that order.
 *
 * CSV (csv.h: UTF-8 with BOM, CRLF, formulas defused): the header
 * code,name,value,numerator,denominator,provisional and one row per indicator; name is the
 * plan's Japanese name; value, numerator and denominator are empty where JSON has null;
 * provisional is true or false.
 *
 * Every ward at once (indicators_write_wards, `--ward all`): JSON Lines — for each ward the object
 * above exactly as one ward's request gives it, one per line — or one CSV table with a leading
 * column: ward,code,name,value,numerator,denominator,provisional.
 *
 * Only aggregates leave here — no person's data — so nothing is audited. But a figure over a
 * small ward can point at a few people (docs/indicators.md): the policy gives it to the city only.
 */
#ifndef TSUNAGU_REPORT_INDICATORS_H
#define TSUNAGU_REPORT_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;
struct strbuf;

/* The fiscal years asked for: domain/indicator.c computes from FY 2000 on, and a year past 2100
 * is a typing mistake. */
enum { INDICATORS_FY_MIN = 2000, INDICATORS_FY_MAX = 2100 };

enum indicators_format {
	INDICATORS_JSON, /* the object above, one line, ending with a newline */
	INDICATORS_CSV,  /* the table above */
};

/* "json" or "csv" into *out; false for anything else (NULL included). */
bool indicators_format_parse(const char *s, enum indicators_format *out);

/* A fiscal year written as plain decimal digits, INDICATORS_FY_MIN..INDICATORS_FY_MAX, into
 * *fy; false for anything else (NULL, "", "22", "2022a", "R4"). */
bool indicators_fy_parse(const char *s, int *fy);

/*
 * Computes every indicator of fiscal year fy for ward (a ward code of the municipality; NULL or
 * "" for the whole municipality), judging provisional figures on as_of (YYYY-MM-DD), and appends
 * them to out in format f. Returns 0; or ERR_INVALID with *why an English sentence (for the
 * command line and the API's error object; not translated) for a bad fy, as_of or a ward that is
 * not one of the municipality's; ERR_NOTFOUND when the database has no municipality; ERR_TOOBIG
 * when memory ran out; a storage error as the database gave it. Allocations are a's.
 */
int indicators_write(struct db *db, struct arena *a, const char *ward, int fy, const char *as_of,
		     enum indicators_format f, struct strbuf *out, const char **why);

/* The --ward value of the command line that asks for every ward (not a ward code: those are
 * six digits). */
#define INDICATORS_ALL_WARDS "all"

/*
 * Like indicators_write for each ward of the municipality in turn, in code order, in format f as
 * "Every ward at once" above says. Each ward is computed in an arena of its own and its text is
 * handed to emit(text, len, ctx) before the next ward is computed, so memory does not grow with
 * the wards (a nation's 1,741 in bench/indicators.sh); a non-zero return from emit stops the
 * loop and is returned. A municipality without wards emits nothing. Errors as indicators_write.
 */
int indicators_write_wards(struct db *db, struct arena *a, int fy, const char *as_of, enum indicators_format f,
			   int (*emit)(const char *text, size_t len, void *ctx), void *ctx, const char **why);

/* Appends {"error":"<message>"} and a newline to out: the API's answer to a bad request. */
void indicators_write_error(struct strbuf *out, const char *message);

#endif
