/*
 * data — the city's records in and out: `tsunagu import KIND FILE` and `tsunagu export cases`.
 * The command line acts for the city (it has the database file), and audits what it does like
 * the web pages do, with no user id.
 */
#include "arena.h"
#include "auth/audit.h"
#include "cli.h"
#include "csv.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "report/export.h"
#include "report/import.h"
#include "strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The command line takes the files a city really has: up to 256 MiB and a million rows. */
static const struct csv_limits cli_limits = {
	.max_bytes = 256u << 20,
	.max_records = 1000000,
	.max_fields = 512,
	.max_field_bytes = 32767 * 3,
};

/* Reads the whole file into the arena; NULL (with a message printed) on failure. */
static char *slurp(struct arena *a, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	struct strbuf sb;
	strbuf_init(&sb, a, cli_limits.max_bytes + 1);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append(&sb, buf, n);
	bool err = ferror(f);
	fclose(f);
	if (err || sb.failed) {
		cli_error("cannot read '%s': %s", path, err ? "read error" : "larger than 256 MiB");
		return NULL;
	}
	*len = sb.len;
	return sb.buf ? sb.buf : arena_strdup(a, "");
}

static int import(const struct args *a, struct db *db, struct arena *arena)
{
	enum import_kind kind;
	import_kind_parse(a->pos[0], &kind);
	const char *path = a->pos[1];
	size_t len;
	char *data = slurp(arena, path, &len);
	if (!data)
		return 1;
	char today[11];
	date_format_iso(date_today(), today);
	struct import_actor who = { .role = ROLE_NONE };
	struct import_result r;
	int rc = db_bulk(db);
	if (!rc)
		rc = db_begin(db);
	if (!rc)
		rc = import_csv(db, arena, kind, data, len, &cli_limits, &who, today, &r);
	if (!rc) {
		struct audit_event e = { .action = "import", .object_type = "file", .object_id = a->pos[0],
					 .outcome = "ok" };
		rc = audit_append(db, arena, &e);
	}
	if (rc || (rc = db_commit(db))) {
		db_rollback(db);
		if (rc != ERR_INVALID && rc != ERR_TOOBIG) {
			cli_error("import of '%s' failed: %s", path, db_errmsg(db));
			return 1;
		}
		for (size_t i = 0; i < r.nproblems; i++) {
			const struct import_problem *p = &r.problems[i];
			fprintf(stderr, "%s:%zu: %s%s%s%s%s%s\n", path, p->line, p->column ? p->column : "",
				p->column ? ": " : "", i18n_text(LANG_EN, p->msgid), p->detail ? " (" : "",
				p->detail ? p->detail : "", p->detail ? ")" : "");
		}
		if (r.more_problems)
			fprintf(stderr, "%s: %zu more problems not shown\n", path, r.more_problems);
		cli_error("nothing was imported from '%s': correct the rows above and import the whole file again", path);
		return 1;
	}
	printf("imported %s from %s (%s): %zu rows, %zu added, %zu updated, %zu unchanged\n", a->pos[0],
	       path, r.encoding, r.rows, r.added, r.updated, r.unchanged);
	return 0;
}

int cmd_import(const struct args *a)
{
	enum import_kind kind;
	if (a->npos != 2 || !import_kind_parse(a->pos[0], &kind)) {
		cli_error("usage: tsunagu import organisations|persons|admissions FILE [--db PATH]");
		return 2;
	}
	return cli_with_db(a, import);
}

static int export(const struct args *a, struct db *db, struct arena *arena)
{
	struct access acc = { .role = ROLE_CITY };
	date_format_iso(date_today(), acc.today);
	struct strbuf out;
	strbuf_init(&out, arena, 0);
	size_t rows;
	enum lang lang = i18n_parse(args_get(a, "lang", "ja"));
	struct audit_event e = { .action = "case.export", .object_type = "case", .outcome = "ok" };
	int rc = export_cases_csv(db, arena, &acc, lang, &out, &rows);
	if (rc || (rc = audit_record(db, arena, &e))) {
		cli_error("cannot export the cases: %s", err_text(rc));
		return 1;
	}
	const char *path = args_get(a, "out", NULL);
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return 1;
	}
	size_t w = fwrite(strbuf_str(&out), 1, out.len, f);
	if ((path && fclose(f) != 0) || w != out.len) {
		cli_error("cannot write '%s' (disk full?)", path ? path : "stdout");
		return 1;
	}
	if (path)
		printf("exported %zu cases to %s\n", rows, path);
	return 0;
}

int cmd_export(const struct args *a)
{
	if (a->npos != 1 || strcmp(a->pos[0], "cases") != 0) {
		cli_error("usage: tsunagu export cases [--out FILE] [--lang ja|en] [--db PATH]");
		return 2;
	}
	return cli_with_db(a, export);
}
