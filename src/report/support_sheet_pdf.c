/*
 * support_sheet_pdf — the support-structure sheet as an A4 PDF. See support_sheet_pdf.h.
 *
 * The only file that includes cairo and pango. The sheet is a calm, official-looking form: a
 * title, the day it was issued, a sentence for the landlord, then numbered sections of bordered
 * "label | value" rows drawn down the page. A short row that does not fit moves to the next page
 * whole; a tall value (an emergency plan) is cut between two of its lines and continued, so a
 * plan of any length is printed in full. Everything shown comes from struct support_sheet;
 * nothing here is logged.
 */
#include "report/support_sheet_pdf.h"

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "domain/support_sheet.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "strbuf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A4 in points, and the form's geometry. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define LEFT 50.0
#define WIDTH (PAGE_W - 2 * LEFT)
#define LABEL_W 138.0
#define VALUE_W (WIDTH - LABEL_W)
#define PAD 6.0
#define TOP 54.0
#define BOTTOM (PAGE_H - 64.0) /* below it: the footer */
#define HEADING_GAP 14.0
#define HEADING_H 26.0
#define MIN_PART 48.0 /* the least of a tall value worth starting at a page's foot */

#define FONT "IPAexGothic"
#define DASH "\xe2\x80\x94" /* an empty optional field */

struct pdf {
	cairo_t *cr;
	struct arena *a;
	enum lang lang;
	const char *updated; /* the footer's last-updated line, already translated */
	const char *heading; /* the section heading waiting for its first row, or NULL */
	double y;            /* where the next thing is drawn */
	int page;            /* 1-based number of the page being drawn */
};

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct strbuf *out = closure;
	strbuf_append(out, (const char *)data, len);
	return out->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* tmpl with its placeholder key replaced by val. A translation that lost the placeholder is
 * shown as it is rather than not at all. */
static const char *fill(struct arena *a, const char *tmpl, const char *key, const char *val)
{
	const char *at = strstr(tmpl, key);
	if (!at)
		return tmpl;
	const char *s = arena_printf(a, "%.*s%s%s", (int)(at - tmpl), tmpl, val, at + strlen(key));
	return s ? s : tmpl;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : DASH;
}

/* "2026-11-24（令和8年11月24日）", or the stored text itself if it is not a date. */
static const char *date_text(const struct pdf *p, const char *iso)
{
	struct date d;
	const char *s = iso && date_parse(iso, &d) ? jp_format_date(p->a, d, p->lang) : NULL;
	return s ? s : or_dash(iso);
}

/* A layout of text in the form's font, wrapped at width points. The caller unrefs it. */
static PangoLayout *layout_new(const struct pdf *p, const char *text, double size, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *f = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	/* Japanese has no spaces to break at: break between characters where words do not fit. */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(l, 1.25f);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws text with its top at (x, y) and returns its height. */
static double text_show(const struct pdf *p, const char *text, double size, double x, double y,
			double width, PangoAlignment align, double grey)
{
	PangoLayout *l = layout_new(p, text, size, width);
	pango_layout_set_alignment(l, align);
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	double h = layout_height(l);
	g_object_unref(l);
	return h;
}

static void page_footer(const struct pdf *p)
{
	cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, LEFT, PAGE_H - 46);
	cairo_line_to(p->cr, LEFT + WIDTH, PAGE_H - 46);
	cairo_stroke(p->cr);
	char n[16];
	snprintf(n, sizeof n, "%d", p->page);
	const char *page = fill(p->a, i18n_text(p->lang, N_("tsunagu — page {n}")), "{n}", n);
	text_show(p, page, 8, LEFT, PAGE_H - 40, WIDTH * 0.3, PANGO_ALIGN_LEFT, 0.35);
	text_show(p, p->updated, 8, LEFT + WIDTH * 0.3, PAGE_H - 40, WIDTH * 0.7, PANGO_ALIGN_RIGHT, 0.35);
}

static void page_break(struct pdf *p)
{
	page_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
}

/* The bottom of the last whole line of l ending at or above limit: where a value is cut. */
static double line_cut(PangoLayout *l, double limit)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double cut = 0;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double bottom = (double)(r.y + r.height) / PANGO_SCALE;
		if (bottom > limit)
			break;
		cut = bottom;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return cut;
}

/* The label's shift down so its first line sits on the value's first baseline. */
static double label_drop(PangoLayout *label, PangoLayout *value)
{
	int d = pango_layout_get_baseline(value) - pango_layout_get_baseline(label);
	return d > 0 ? (double)d / PANGO_SCALE : 0;
}

/* One row: the label cell, and the part of the value from `from` to `to` (points into it). */
static void row_part(struct pdf *p, PangoLayout *label, PangoLayout *value, double from, double to,
		     bool strong)
{
	double drop = from > 0 ? 0 : label_drop(label, value);
	double lh = layout_height(label) + drop;
	double h = (to - from > lh ? to - from : lh) + 2 * PAD;
	cairo_t *cr = p->cr;
	cairo_rectangle(cr, LEFT, p->y, LABEL_W, h);
	cairo_set_source_rgb(cr, 0.93, 0.94, 0.96);
	cairo_fill(cr);
	cairo_rectangle(cr, LEFT + LABEL_W, p->y, VALUE_W, h);
	/* Whom to call is marked pale yellow, as a highlighter pen would mark it. */
	cairo_set_source_rgb(cr, 1.0, strong ? 0.95 : 1.0, strong ? 0.80 : 1.0);
	cairo_fill(cr);
	cairo_rectangle(cr, LEFT, p->y, LABEL_W, h);
	cairo_rectangle(cr, LEFT + LABEL_W, p->y, VALUE_W, h);
	cairo_set_source_rgb(cr, 0.35, 0.38, 0.42);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);

	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_move_to(cr, LEFT + PAD, p->y + PAD + drop);
	pango_cairo_show_layout(cr, label);
	/* The clip hides the lines that belong to the page before or after this part. */
	cairo_save(cr);
	cairo_rectangle(cr, LEFT + LABEL_W, p->y + PAD, VALUE_W, to - from);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, LEFT + LABEL_W + PAD, p->y + PAD - from);
	pango_cairo_show_layout(cr, value);
	cairo_restore(cr);
	p->y += h;
}

/* The pending section heading, if any: a bar and the numbered title. */
static void heading_show(struct pdf *p)
{
	if (!p->heading)
		return;
	if (p->y > TOP)
		p->y += HEADING_GAP;
	cairo_set_source_rgb(p->cr, 0.23, 0.31, 0.41);
	cairo_rectangle(p->cr, LEFT, p->y, 4, 20);
	cairo_fill(p->cr);
	text_show(p, p->heading, 12, LEFT + 10, p->y + 3, WIDTH - 10, PANGO_ALIGN_LEFT, 0.1);
	p->y += HEADING_H;
	p->heading = NULL;
}

/*
 * A label | value row; strong rows (whom to call) are larger and highlighted. A short row moves
 * to the next page whole. A tall one (an emergency plan) starts where it is if a few lines fit
 * and continues on the next page, cut between lines, rather than leave half a page empty.
 */
static void row(struct pdf *p, const char *label, const char *value, bool strong)
{
	PangoLayout *l = layout_new(p, i18n_text(p->lang, label), 9.5, LABEL_W - 2 * PAD);
	PangoLayout *v = layout_new(p, or_dash(value), strong ? 13 : 10, VALUE_W - 2 * PAD);
	double vh = layout_height(v);
	double lh = layout_height(l) + label_drop(l, v);
	double whole = (vh > lh ? vh : lh) + 2 * PAD;
	double heading = p->heading ? HEADING_GAP + HEADING_H : 0;
	if (p->y + heading + (whole < (BOTTOM - TOP) / 4 ? whole : MIN_PART) > BOTTOM && p->y > TOP)
		page_break(p);
	heading_show(p);
	for (double from = 0;;) {
		double room = BOTTOM - p->y - 2 * PAD;
		double to = vh - from <= room ? vh : line_cut(v, from + room);
		if (to <= from && p->y > TOP) {
			page_break(p);
			continue;
		}
		if (to <= from) /* a single line taller than the page: cut through it */
			to = from + room;
		row_part(p, l, v, from, to, strong);
		if (to >= vh)
			break;
		from = to;
		page_break(p);
	}
	g_object_unref(v);
	g_object_unref(l);
}

/* Starts a numbered section. The heading is drawn with the section's first row, so that a
 * heading never ends a page alone. */
static void section(struct pdf *p, int n, const char *heading)
{
	p->heading = arena_printf(p->a, "%d  %s", n, i18n_text(p->lang, heading));
}

static void sheet_head(struct pdf *p, const struct support_sheet *s)
{
	const char *title = i18n_text(p->lang, N_("Support-structure sheet"));
	p->y += text_show(p, title, 20, LEFT, p->y, WIDTH, PANGO_ALIGN_CENTER, 0.05) + 6;
	const char *issued = fill(p->a, i18n_text(p->lang, N_("Issued on {date}")), "{date}",
				  date_text(p, s->issued_on));
	p->y += text_show(p, issued, 9, LEFT, p->y, WIDTH, PANGO_ALIGN_RIGHT, 0.25) + 8;
	const char *why = i18n_text(p->lang, N_("This sheet shows who supports the tenant and whom to "
		"call. It is given to the agent and the landlord with the tenant's consent. If you are "
		"worried about the tenant, please call the 24-hour contact first."));
	p->y += text_show(p, why, 9.5, LEFT, p->y, WIDTH, PANGO_ALIGN_LEFT, 0.2);
}

static void sheet_body(struct pdf *p, const struct support_sheet *s)
{
	const struct support_sheet_input *in = &s->in;
	char n[16];
	snprintf(n, sizeof n, "%d", s->age_decade);
	const char *age = s->age_decade > 0 ? fill(p->a, i18n_text(p->lang, N_("in their {n}s")), "{n}", n)
					    : NULL;
	section(p, 1, N_("Tenant"));
	row(p, N_("Full name"), s->tenant_name, false);
	row(p, N_("Age band"), age, false);

	section(p, 2, N_("Whom to call"));
	row(p, N_("24-hour contact"), in->contact_24h_name, true);
	row(p, N_("Phone (24 hours)"), in->contact_24h_phone, true);
	row(p, N_("Counsellor"), in->counselor_name, false);
	row(p, N_("Counsellor's phone"), in->counselor_phone, false);
	row(p, N_("Support office"), s->office_name, false);

	section(p, 3, N_("Support"));
	if (in->clinic_name && *in->clinic_name)
		row(p, N_("Clinic attended"), in->clinic_name, false);
	row(p, N_("Visiting nurse"), in->visiting_nurse, false);
	row(p, N_("Day activity"), in->day_activity, false);
	row(p, N_("Visits by supporters"), in->visit_frequency, false);
	row(p, N_("Safety checks"), in->safety_check, false);

	/* The labels of the two code tables are msgids like every other label (NULL for no code). */
	const char *rent = code_label(sheet_rent_payments, in->rent_payment);
	const char *money = code_label(sheet_money_managements, in->money_management);
	section(p, 4, N_("Rent and money"));
	row(p, N_("Rent payment"), rent ? i18n_text(p->lang, rent) : NULL, false);
	row(p, N_("Guarantee company"), in->guarantee_company, false);
	row(p, N_("Money management"), money ? i18n_text(p->lang, money) : NULL, false);

	section(p, 5, N_("If something happens"));
	row(p, N_("Emergency plan"), in->emergency_plan, false);
	row(p, N_("On moving out"), in->moving_out_plan, false);
}

int support_sheet_pdf(const struct support_sheet *s, enum lang lang, struct strbuf *out)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
				       i18n_text(lang, N_("Support-structure sheet")));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tsunagu");
	struct pdf p = {
		.cr = cairo_create(surface),
		.a = out->arena,
		.lang = lang,
		.y = TOP,
		.page = 1,
	};
	p.updated = fill(p.a, i18n_text(lang, N_("Last updated by the counsellor: {date}")), "{date}",
			 date_text(&p, s->updated_on));
	sheet_head(&p, s);
	sheet_body(&p, s);
	page_footer(&p);
	cairo_show_page(p.cr);
	cairo_status_t st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (out->failed)
		return ERR_TOOBIG;
	/* NEEDSWORK: error.h has no ERR_INTERNAL (the contract's name); ERR_STORAGE is the nearest
	 * 500. */
	return st == CAIRO_STATUS_SUCCESS ? 0 : ERR_STORAGE;
}
