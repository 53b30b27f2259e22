/*
 * data — the city's records in and out on the web: the CSV import page (all rows or none, every
 * bad row listed with its line) and the case list as a CSV download that Excel opens.
 */
#include "arena.h"
#include "auth/audit.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "pages.h"
#include "report/export.h"
#include "report/import.h"

#include <string.h>

static const struct {
	const char *kind;    /* import kind */
	const char *label;   /* msgid */
	const char *columns; /* the required columns, shown to the user */
} kinds[] = {
	{ "organisations", N_("Organisations"), "name, kind, ward_code" },
	{ "persons", N_("Persons"),
	  "external_id, family_name, given_name, family_kana, given_kana, birth_date, sex, ward_code" },
	{ "admissions", N_("Admissions"),
	  "person_external_id, hospital, admitted_on, admission_type, discharged_on, discharge_destination" },
};

static void import_form(struct request *req, const char *selected)
{
	struct strbuf *h = &req->out;
	html_form_open_upload(h, "/data/import", req->session.csrf);
	html_printf(h, "<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">",
		    T(req, "What the file holds"));
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		html_option(h, kinds[i].kind, T(req, kinds[i].label), selected && strcmp(selected, kinds[i].kind) == 0);
	html_printf(h, "</select></div><div class=\"field\"><label for=\"file\">%s</label>"
		       "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required"
		       " aria-describedby=\"file-hint\"><p class=\"hint\" id=\"file-hint\">%s</p></div>",
		    T(req, "CSV file"),
		    T(req, "UTF-8 (with or without BOM) or Shift_JIS, as Excel saves it, with a header row. Nothing is stored unless every row is correct; importing the same file again changes nothing."));
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Import"));
	html_printf(h, "<h2>%s</h2><table class=\"compact\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Columns"), T(req, "File"), T(req, "Required columns"));
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		html_printf(h, "<tr><td>%s</td><td><code>%s</code></td></tr>", T(req, kinds[i].label), kinds[i].columns);
	html_lit(h, "</tbody></table>");
	html_printf(h, "<p><a href=\"/cases/export.csv\">%s</a></p>", T(req, "Download the case list (CSV for Excel)"));
}

int data_import_page(struct request *req)
{
	page_begin(req, N_("Import and export"));
	import_form(req, NULL);
	page_end(req);
	return 0;
}

int data_import_submit(struct request *req)
{
	struct strbuf *h = &req->out;
	const char *kind_name = request_form(req, "kind");
	const struct upload *file = request_upload(req, "file");
	enum import_kind kind;
	if (!import_kind_parse(kind_name, &kind) || !file || file->len == 0) {
		req->status = 400;
		page_begin(req, N_("Import and export"));
		page_notice(req, "error", N_("Choose what the file holds and a CSV file."));
		import_form(req, kind_name);
		page_end(req);
		return 0;
	}
	char today[11];
	date_format_iso(date_today(), today);
	struct import_actor who = { req->session.user.id, req->session.user.role,
				    req->session.user.organisation_id, req->addr };
	struct import_result r;
	int rc = db_begin(req->db);
	if (rc)
		return rc;
	rc = import_csv(req->db, req->arena, kind, file->data, file->len, NULL, &who, today, &r);
	if (!rc) {
		struct audit_event e = { req->session.user.id, req->session.user.role, "import", "file",
					 kind_name, req->addr, "ok" };
		rc = audit_append(req->db, req->arena, &e);
	}
	if (!rc)
		rc = db_commit(req->db);
	if (rc)
		db_rollback(req->db);
	if (rc && rc != ERR_INVALID && rc != ERR_TOOBIG)
		return rc;
	page_begin(req, N_("Import and export"));
	if (!rc) {
		page_notice(req, "ok", N_("The file was imported."));
		html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd>"
			       "<dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd></dl>",
			    T(req, "Encoding"), r.encoding, T(req, "Rows"), r.rows, T(req, "Added"), r.added,
			    T(req, "Updated"), r.updated, T(req, "Unchanged"), r.unchanged);
	} else {
		req->status = rc == ERR_TOOBIG ? 413 : 400;
		page_notice(req, "error", N_("Nothing was imported. Correct these rows and import the whole file again."));
		html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Line"), T(req, "Column"), T(req, "Problem"));
		for (size_t i = 0; i < r.nproblems; i++) {
			const struct import_problem *p = &r.problems[i];
			html_printf(h, "<tr><td class=\"num\">%zu</td><td><code>%s</code></td><td>%s", p->line,
				    p->column ? p->column : "", T(req, p->msgid));
			if (p->detail)
				html_printf(h, " <span class=\"hint\">(%s)</span>", p->detail);
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
		if (r.more_problems)
			html_printf(h, "<p>%s: %zu</p>", T(req, "More problems not shown"), r.more_problems);
	}
	import_form(req, kind_name);
	page_end(req);
	return 0;
}

int data_export_cases(struct request *req)
{
	struct access acc;
	page_access(req, &acc);
	size_t rows;
	int rc = export_cases_csv(req->db, req->arena, &acc, req->lang, &req->out, &rows);
	if (rc || (rc = page_audit_read(req, "case.export", "case", NULL)))
		return rc;
	char today[11];
	date_format_iso(date_today(), today);
	req->content_type = "text/csv; charset=utf-8";
	request_set_header(req, "Content-Disposition",
			   arena_printf(req->arena, "attachment; filename=\"cases-%s.csv\"", today));
	return 0;
}
