/*
 * api — figures as JSON for the city's other tools. GET /api/indicators?fy=2022[&ward=CODE]
 * answers the same object as `tsunagu report indicators --format json` (report/indicators.h),
 * judged provisional on today's date in Japan. A bad fy or ward is 400 with {"error": "…"};
 * any other failure is its status of base/error.h with the same object.
 *
 * Not audited: the answer holds aggregates only, never a person's data. A figure over a small
 * ward can still point at a few people, which is why the policy gives it to the city alone.
 */
#include "date.h"
#include "error.h"
#include "pages.h"
#include "report/indicators.h"

int api_indicators(struct request *req)
{
	req->content_type = "application/json";
	int fy;
	if (!indicators_fy_parse(request_query(req, "fy"), &fy)) {
		req->status = 400;
		indicators_write_error(&req->out, "fy must be a fiscal year from 2000 to 2100, e.g. fy=2022");
		return 0;
	}
	char today[11];
	date_format_iso(date_today(), today);
	const char *why;
	int rc = indicators_write(req->db, req->arena, request_query(req, "ward"), fy, today, INDICATORS_JSON,
				  &req->out, &why);
	if (rc) {
		/* An API client reads JSON, also when the database fails: the error table's status
		 * and its (English) text, not the HTML error page. */
		req->status = err_http_status(rc);
		indicators_write_error(&req->out, why ? why : err_text(rc));
	}
	return 0;
}
