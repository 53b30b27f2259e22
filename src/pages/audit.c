/*
 * audit (page) — the auditor's view of the audit log, newest first in pages of 100, and the
 * chain verification. The auditor's own reads are audited too.
 */
#include "auth/audit.h"

#include "arena.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <time.h>

enum { PAGE_ROWS = 100 };

int audit_page(struct request *req)
{
	struct strbuf *h = &req->out;
	const char *b = request_query(req, "before");
	int64_t before = b ? strtoll(b, NULL, 10) : 0;
	struct audit_row *rows;
	size_t n;
	int rc = audit_list(req->db, req->arena, before, PAGE_ROWS, &rows, &n);
	if (rc || (rc = page_audit_read(req, "audit.read", "audit_log", NULL)))
		return rc;
	page_begin(req, N_("Audit log"));
	html_printf(h, "<p><a href=\"/audit/verify\">%s</a></p>", T(req, "Verify the chain"));
	html_printf(h, "<table class=\"compact\"><thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Time (UTC)"), T(req, "User"), T(req, "Role"), T(req, "Action"),
		    T(req, "Object"), T(req, "Address"), T(req, "Outcome"));
	for (size_t i = 0; i < n; i++) {
		const struct audit_row *r = &rows[i];
		char when[32];
		time_t t = (time_t)r->at;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		html_printf(h, "<tr><td class=\"num\">%" PRId64 "</td><td>%s</td><td>", r->id, when);
		if (r->e.user_id)
			html_printf(h, "%" PRId64, r->e.user_id);
		html_printf(h, "</td><td>%s</td><td><code>%s</code></td><td>%s %s</td><td>%s</td><td>%s</td></tr>",
			    role_code(r->e.role) ? role_code(r->e.role) : "", r->e.action,
			    r->e.object_type ? r->e.object_type : "", r->e.object_id ? r->e.object_id : "",
			    r->e.addr ? r->e.addr : "", r->e.outcome);
	}
	html_lit(h, "</tbody></table>");
	if (n == PAGE_ROWS)
		html_printf(h, "<p><a href=\"/audit?before=%" PRId64 "\">%s</a></p>", rows[n - 1].id,
			    T(req, "Older entries"));
	page_end(req);
	return 0;
}

int audit_verify_page(struct request *req)
{
	struct audit_check c;
	int rc = audit_verify(req->db, req->arena, &c);
	if (rc || (rc = page_audit_read(req, "audit.verify", "audit_log", NULL)))
		return rc;
	page_begin(req, N_("Verify the audit log"));
	if (c.ok) {
		page_notice(req, "ok", N_("The audit log is intact: every row links to the one before it."));
		html_printf(&req->out, "<p>%s: %" PRId64 "</p>", T(req, "Rows checked"), c.rows);
	} else {
		page_notice(req, "error", N_("The audit log has been altered."));
		html_printf(&req->out, "<p>%s: %" PRId64 " — <span lang=\"en\">%s</span></p>",
			    T(req, "First broken row"), c.broken_id, c.problem);
	}
	page_end(req);
	return 0;
}
