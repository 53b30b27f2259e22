/*
 * report_sheet — `tsunagu report sheet --fy 2021 --format html|xlsx|pdf --out FILE`: the
 * status-sharing sheet of a fiscal year written to a file, the same sheet the city downloads
 * from /sheet (report/sheet.h). The sheet holds aggregates and the city's own texts, no person's
 * data, so nothing is audited.
 *
 * The file is written beside its final name and renamed into place, so a failure never leaves
 * a half-written sheet where the city expects one.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "error.h"
#include "pages/pages.h"
#include "report/indicators.h"
#include "report/sheet.h"
#include "report/sheet_pdf.h"
#include "report/sheet_xlsx.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SHEET_USAGE \
	"usage: tsunagu report sheet --fy YEAR --format html|xlsx|pdf --out FILE [--as-of YYYY-MM-DD] [--db PATH]"

/* Writes the n bytes at p to path through a temporary file renamed over it. */
static int write_file(struct arena *a, const char *path, const char *p, size_t n)
{
	const char *tmp = arena_printf(a, "%s.tmp-%ld", path, (long)getpid());
	FILE *f = tmp ? fopen(tmp, "wb") : NULL;
	if (!f)
		return ERR_STORAGE;
	bool ok = fwrite(p, 1, n, f) == n;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return ERR_STORAGE;
	}
	return 0;
}

static int sheet(const struct args *a, struct db *db, struct arena *arena)
{
	int fy;
	indicators_fy_parse(args_get(a, "fy", NULL), &fy);
	char today[11];
	date_format_iso(date_today(), today);
	const char *format = args_get(a, "format", NULL), *out_path = args_get(a, "out", NULL);
	struct status_sheet s;
	int rc = status_sheet_load(db, arena, fy, args_get(a, "as-of", today), &s);
	if (rc) {
		cli_error("cannot read the sheet of FY%d: %s", fy, err_text(rc));
		return 1;
	}
	struct strbuf out;
	strbuf_init(&out, arena, 0);
	if (strcmp(format, "html") == 0)
		sheet_html_document(&out, arena, &s);
	else if (strcmp(format, "pdf") == 0)
		rc = sheet_pdf(&s, &out);
	else
		rc = sheet_xlsx_bytes(&s, &out);
	if (!rc && out.failed)
		rc = ERR_TOOBIG;
	if (!rc)
		rc = write_file(arena, out_path, strbuf_str(&out), out.len);
	if (rc) {
		cli_error("cannot write the sheet to '%s': %s", out_path, err_text(rc));
		return 1;
	}
	printf("wrote %s: the status sheet of FY%d (%s), %zu bytes; computed figures as of %s\n", out_path, fy,
	       format, out.len, s.as_of);
	return 0;
}

int cmd_report_sheet(const struct args *a)
{
	int fy;
	const char *fy_text = args_get(a, "fy", NULL), *format = args_get(a, "format", NULL);
	const char *as_of = args_get(a, "as-of", NULL), *out = args_get(a, "out", NULL);
	struct date d;
	if (a->npos != 0) {
		cli_error("unexpected argument '%s'\n" SHEET_USAGE, a->pos[0]);
		return 2;
	}
	if (!indicators_fy_parse(fy_text, &fy)) {
		cli_error("%s\n" SHEET_USAGE, fy_text ? "'--fy' takes a year from 2000 to 2100 (2021 for 令和3年度)"
						      : "'--fy YEAR' is required");
		return 2;
	}
	if (!format || (strcmp(format, "html") != 0 && strcmp(format, "xlsx") != 0 && strcmp(format, "pdf") != 0)) {
		cli_error("'--format' takes html, xlsx or pdf\n" SHEET_USAGE);
		return 2;
	}
	if (!out || !*out) {
		cli_error("'--out FILE' is required\n" SHEET_USAGE);
		return 2;
	}
	if (as_of && !date_parse(as_of, &d)) {
		cli_error("'%s' is not a date: '--as-of' takes YYYY-MM-DD\n" SHEET_USAGE, as_of);
		return 2;
	}
	return cli_with_db(a, sheet);
}
