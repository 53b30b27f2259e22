/*
 * support_sheet_pdf — the support-structure sheet as an A4 PDF. See support_sheet_pdf.h.
 *
 * The sheet is a calm, official-looking form: a title, the day it was issued, a sentence for the
 * landlord, then numbered sections of bordered "label | value" rows drawn down the page
 * (report/pdf.h places them: a short row that does not fit moves to the next page whole; a tall
 * value, an emergency plan, is cut between two of its lines and continued, so a plan of any length
 * is printed in full). Everything shown comes from struct support_sheet; nothing here is logged.
 */
#include "report/support_sheet_pdf.h"

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "domain/support_sheet.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "report/pdf.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stdio.h>

struct form {
	struct pdf *pdf;
	struct arena *a;
	enum lang lang;
};

/* "2026-11-24（令和8年11月24日）", or the stored text itself if it is not a date. */
static const char *date_text(const struct form *f, const char *iso)
{
	struct date d;
	const char *s = iso && date_parse(iso, &d) ? jp_format_date(f->a, d, f->lang) : NULL;
	return s ? s : iso && *iso ? iso : "\xe2\x80\x94"; /* a dash, as for an empty value */
}

static void row(struct form *f, const char *label, const char *value, bool strong)
{
	pdf_label_row(f->pdf, i18n_text(f->lang, label), value, strong);
}

/* Starts a numbered section. */
static void section(struct form *f, int n, const char *heading)
{
	pdf_heading(f->pdf, arena_printf(f->a, "%d  %s", n, i18n_text(f->lang, heading)));
}

static void sheet_head(struct form *f, const struct support_sheet *s)
{
	const char *title = i18n_text(f->lang, N_("Support-structure sheet"));
	pdf_text(f->pdf, title, (struct pdf_style){ .size = 20, .align = PDF_CENTER, .grey = 0.05 });
	pdf_space(f->pdf, 6);
	const char *issued = pdf_fill(f->a, i18n_text(f->lang, N_("Issued on {date}")), "{date}",
				      date_text(f, s->issued_on));
	pdf_text(f->pdf, issued, (struct pdf_style){ .size = 9, .align = PDF_RIGHT, .grey = 0.25 });
	pdf_space(f->pdf, 8);
	const char *why = i18n_text(f->lang, N_("This sheet shows who supports the tenant and whom to "
		"call. It is given to the agent and the landlord with the tenant's consent. If you are "
		"worried about the tenant, please call the 24-hour contact first."));
	pdf_text(f->pdf, why, (struct pdf_style){ .size = 9.5, .align = PDF_LEFT, .grey = 0.2 });
}

static void sheet_body(struct form *f, const struct support_sheet *s)
{
	const struct support_sheet_input *in = &s->in;
	char n[16];
	snprintf(n, sizeof n, "%d", s->age_decade);
	const char *age = s->age_decade > 0 ? pdf_fill(f->a, i18n_text(f->lang, N_("in their {n}s")), "{n}", n)
					    : NULL;
	section(f, 1, N_("Tenant"));
	row(f, N_("Full name"), s->tenant_name, false);
	row(f, N_("Age band"), age, false);

	section(f, 2, N_("Whom to call"));
	row(f, N_("24-hour contact"), in->contact_24h_name, true);
	row(f, N_("Phone (24 hours)"), in->contact_24h_phone, true);
	row(f, N_("Counsellor"), in->counselor_name, false);
	row(f, N_("Counsellor's phone"), in->counselor_phone, false);
	row(f, N_("Support office"), s->office_name, false);

	section(f, 3, N_("Support"));
	if (in->clinic_name && *in->clinic_name)
		row(f, N_("Clinic attended"), in->clinic_name, false);
	row(f, N_("Visiting nurse"), in->visiting_nurse, false);
	row(f, N_("Day activity"), in->day_activity, false);
	row(f, N_("Visits by supporters"), in->visit_frequency, false);
	row(f, N_("Safety checks"), in->safety_check, false);

	/* The labels of the two code tables are msgids like every other label (NULL for no code). */
	const char *rent = code_label(sheet_rent_payments, in->rent_payment);
	const char *money = code_label(sheet_money_managements, in->money_management);
	section(f, 4, N_("Rent and money"));
	row(f, N_("Rent payment"), rent ? i18n_text(f->lang, rent) : NULL, false);
	row(f, N_("Guarantee company"), in->guarantee_company, false);
	row(f, N_("Money management"), money ? i18n_text(f->lang, money) : NULL, false);

	section(f, 5, N_("If something happens"));
	row(f, N_("Emergency plan"), in->emergency_plan, false);
	row(f, N_("On moving out"), in->moving_out_plan, false);
}

int support_sheet_pdf(const struct support_sheet *s, enum lang lang, struct strbuf *out)
{
	struct form f = {
		.pdf = pdf_open(out, i18n_text(lang, N_("Support-structure sheet"))),
		.a = out->arena,
		.lang = lang,
	};
	if (!f.pdf)
		return ERR_TOOBIG;
	pdf_footer(f.pdf, i18n_text(lang, N_("tsunagu — page {n}")),
		   pdf_fill(f.a, i18n_text(lang, N_("Last updated by the counsellor: {date}")), "{date}",
			    date_text(&f, s->updated_on)));
	sheet_head(&f, s);
	sheet_body(&f, s);
	return pdf_close(f.pdf);
}
