/* export — the case list as CSV. See export.h. */
#include "export.h"

#include "arena.h"
#include "csv.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum { PAGE = 500 };

int export_cases_csv(struct db *db, struct arena *a, const struct access *acc, enum lang lang,
		     struct strbuf *out, size_t *rows)
{
	static const char *const header[] = {
		N_("Case"), N_("Person"), N_("Reading"), N_("Ward"), N_("Stage"), N_("Close reason"),
		N_("Lead organisation"), N_("Opened on"), N_("Closed on"),
	};
	struct ward *wards;
	size_t nw = 0;
	int rc = directory_wards(db, a, &wards, &nw);
	if (rc)
		return rc;
	struct csv_writer w;
	csv_write_start(&w, out);
	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
		csv_write_field(&w, i18n_text(lang, header[i]), 0);
	csv_write_end_record(&w);
	*rows = 0;
	int64_t before = 0;
	/* Page through the cases with a scratch arena per page, so memory stays flat however many
	 * cases the city has; the output buffer lives in the caller's arena. */
	for (;;) {
		struct arena *page = arena_create(0);
		struct case_page p;
		rc = case_list(db, page, acc, NULL, 0, before, PAGE, &p);
		for (size_t i = 0; !rc && i < p.n; i++) {
			const struct support_case *c = &p.v[i];
			const char *ward = "";
			for (size_t k = 0; c->ward_code && k < nw; k++)
				if (strcmp(wards[k].code, c->ward_code) == 0)
					ward = wards[k].name;
			char id[24];
			snprintf(id, sizeof id, "%" PRId64, c->id);
			csv_write_field(&w, id, CSV_NUMBER);
			csv_write_field(&w, c->person_name, 0);
			csv_write_field(&w, c->person_kana, 0);
			csv_write_field(&w, ward, 0);
			csv_write_field(&w, i18n_text(lang, code_label(case_stages, c->stage)), 0);
			csv_write_field(&w, c->close_reason ? i18n_text(lang, code_label(case_close_reasons, c->close_reason)) : "", 0);
			csv_write_field(&w, c->lead_org_name, 0);
			csv_write_field(&w, c->opened_on, 0);
			csv_write_field(&w, c->closed_on ? c->closed_on : "", 0);
			csv_write_end_record(&w);
			(*rows)++;
		}
		bool more = !rc && p.more;
		before = p.last_id;
		arena_destroy(page);
		if (rc)
			return rc;
		if (!more)
			break;
	}
	return out->failed ? ERR_TOOBIG : 0;
}
