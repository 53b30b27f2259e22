/*
 * report — what the city takes out of tsunagu as figures: `tsunagu report indicators` prints
 * every computed indicator of a fiscal year as JSON or CSV (report/indicators.h), for the city,
 * one ward, or every ward (`--ward all`: JSON Lines or one CSV table with a ward column; how
 * bench/indicators.sh computes a nation's municipalities in one process). Only aggregates are
 * printed, no person's data, so nothing is audited.
 */
#include "arena.h"
#include "cli.h"
#include "date.h"
#include "error.h"
#include "report/indicators.h"
#include "strbuf.h"

#include <stdbool.h>
#include <string.h>

#define INDICATORS_USAGE \
	"usage: tsunagu report indicators --fy YEAR [--ward CODE|all] [--as-of YYYY-MM-DD] [--format json|csv] [--db PATH]\n" \
	"  --ward all: every ward, one JSON object per line (or one CSV table with a leading ward column)"

/* indicators_write_wards' emit: each ward's text to stdout as soon as it is computed. */
static int emit_stdout(const char *text, size_t len, void *ctx)
{
	bool *write_failed = ctx;
	if (fwrite(text, 1, len, stdout) == len)
		return 0;
	*write_failed = true;
	return 1;
}

static int indicators(const struct args *a, struct db *db, struct arena *arena)
{
	int fy;
	enum indicators_format f;
	indicators_fy_parse(args_get(a, "fy", NULL), &fy);
	indicators_format_parse(args_get(a, "format", "json"), &f);
	char today[11];
	date_format_iso(date_today(), today);
	const char *as_of = args_get(a, "as-of", today), *ward = args_get(a, "ward", NULL), *why;
	struct strbuf out;
	strbuf_init(&out, arena, 0);
	bool every = ward && strcmp(ward, INDICATORS_ALL_WARDS) == 0, write_failed = false;
	int rc = every ? indicators_write_wards(db, arena, fy, as_of, f, emit_stdout, &write_failed, &why)
		       : indicators_write(db, arena, ward, fy, as_of, f, &out, &why);
	if (rc == ERR_INVALID) {
		cli_error("%s\n" INDICATORS_USAGE, why);
		return 2;
	}
	if (rc && !write_failed) {
		cli_error("cannot compute the indicators: %s", why ? why : err_text(rc));
		return 1;
	}
	if (write_failed || fwrite(strbuf_str(&out), 1, out.len, stdout) != out.len) {
		cli_error("cannot write the indicators (disk full?)");
		return 1;
	}
	return 0;
}

int cmd_report_indicators(const struct args *a)
{
	int fy;
	enum indicators_format f;
	const char *fy_text = args_get(a, "fy", NULL), *format = args_get(a, "format", "json");
	const char *as_of = args_get(a, "as-of", NULL);
	struct date d;
	if (a->npos != 0) {
		cli_error("unexpected argument '%s'\n" INDICATORS_USAGE, a->pos[0]);
		return 2;
	}
	if (!indicators_fy_parse(fy_text, &fy)) {
		if (fy_text)
			cli_error("'%s' is not a fiscal year: '--fy' takes a year from %d to %d (2022 for 令和4年度)\n"
				  INDICATORS_USAGE, fy_text, INDICATORS_FY_MIN, INDICATORS_FY_MAX);
		else
			cli_error("'--fy YEAR' is required\n" INDICATORS_USAGE);
		return 2;
	}
	if (!indicators_format_parse(format, &f)) {
		cli_error("'%s' is not a format: '--format' takes json or csv\n" INDICATORS_USAGE, format);
		return 2;
	}
	if (as_of && !date_parse(as_of, &d)) {
		cli_error("'%s' is not a date: '--as-of' takes YYYY-MM-DD\n" INDICATORS_USAGE, as_of);
		return 2;
	}
	return cli_with_db(a, indicators);
}
