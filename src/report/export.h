/*
 * export — lists the city takes to Excel, as CSV that Excel opens correctly (UTF-8 with a BOM,
 * CRLF, formulas defused: see base/csv.h). An export is a read of personal data: the caller
 * audits it.
 */
#ifndef TSUNAGU_EXPORT_H
#define TSUNAGU_EXPORT_H

#include "domain/access.h"

#include <stddef.h>

struct arena;
struct db;
struct strbuf;

/* Writes every case acc may see (newest first) with its person's name, kana, ward, stage, lead
 * organisation and dates into out; *rows gets the number of cases. lang picks the header row's
 * language and the labels of stages and reasons. */
int export_cases_csv(struct db *db, struct arena *a, const struct access *acc, enum lang lang,
		     struct strbuf *out, size_t *rows);

#endif
