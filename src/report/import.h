/*
 * import — the city's existing records from CSV: organisations, persons, admissions.
 *
 * Every row is checked and every bad row reported with its line number and reason; when any row
 * is bad nothing is stored (the caller rolls its transaction back). Re-importing the same file
 * changes nothing: organisations are keyed by name, persons by external_id, admissions by person,
 * hospital and admission date; a row equal to what is stored is counted "unchanged", a person
 * whose other fields differ is updated. Each stored person and admission gets an audit row with
 * its id (never its name).
 *
 * Columns (header row required; more columns are allowed and ignored; docs/import.md lists them):
 *   organisations  name, kind, ward_code              optional: sector
 *   persons        external_id, family_name, given_name, family_kana, given_kana, birth_date,
 *                  sex, ward_code                     optional: handbook_grade, support_category,
 *                                                     public_assistance (0/1), guardian
 *   admissions     person_external_id, hospital, admitted_on, admission_type, discharged_on,
 *                  discharge_destination
 */
#ifndef TSUNAGU_IMPORT_H
#define TSUNAGU_IMPORT_H

#include "domain/user.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct csv_limits;

enum import_kind { IMPORT_ORGANISATIONS, IMPORT_PERSONS, IMPORT_ADMISSIONS };

/* "organisations" … → kind; false when unknown. */
bool import_kind_parse(const char *name, enum import_kind *out);

struct import_problem {
	size_t line;        /* 1-based line of the file (0: the file as a whole) */
	const char *column; /* the column concerned, or NULL */
	const char *msgid;  /* what is wrong, a gettext msgid */
	const char *detail; /* untranslated detail (a value, column names), or NULL */
};

struct import_result {
	const char *encoding;            /* what the file was written in (for the report) */
	size_t rows;                     /* data rows read */
	size_t added, updated, unchanged;/* what happened to them (when no problem) */
	struct import_problem *problems; /* the first max_problems problems */
	size_t nproblems;                /* how many are listed */
	size_t more_problems;            /* how many more there were */
};

/* Who is importing, for the audit rows: user 0 / ROLE_NONE for the command line. */
struct import_actor {
	int64_t user_id;
	enum role role;
	int64_t organisation_id; /* registers the persons; 0 for the command line */
	const char *addr;        /* client address or NULL */
};

/* Reads data[0..len) as CSV of the given kind and stores its rows inside the caller's
 * transaction. Returns 0 when every row was stored; ERR_INVALID when the file or any row is bad
 * (problems listed in *out; the caller must roll back); ERR_TOOBIG past the limits; other
 * errors for storage failures. */
int import_csv(struct db *db, struct arena *a, enum import_kind kind, const char *data, size_t len,
	       const struct csv_limits *limits, const struct import_actor *who, const char *today,
	       struct import_result *out);

#endif
