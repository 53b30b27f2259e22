/*
 * pdf — the printed forms' page layout with cairo and pango. See pdf.h.
 *
 * The only file that includes cairo and pango. A page is filled from TOP down to BOTTOM; below
 * BOTTOM is the footer. Each row's text is laid out once (a PangoLayout per cell); a row that must
 * be continued is drawn in parts, each part the lines of every cell between two cuts, clipped so
 * that the lines of the part before or after do not show.
 *
 * Borders: a bordered cell draws its top and its sides; the bottom line of the last row drawn is
 * owed (rule_due) and drawn when anything other than another row follows — a heading, a
 * paragraph, space, the page's end. That is what lets a spanned cell (open_above) run through the
 * rows below it without a line, while the row's other cells are ruled.
 */
#include "report/pdf.h"

#include "arena.h"
#include "error.h"
#include "strbuf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

/* A4 in points, and the page's geometry. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define LEFT 50.0
#define WIDTH (PAGE_W - 2 * LEFT)
#define LABEL_W 138.0
#define PAD 6.0
#define TOP 54.0
#define BOTTOM (PAGE_H - 64.0) /* below it: the footer */
#define HEADING_GAP 14.0
#define HEADING_H 26.0
#define MIN_PART 48.0 /* the least of a tall row worth starting at a page's foot */

#define FONT "IPAexGothic"
#define DASH "\xe2\x80\x94" /* an empty value */

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pango;                    /* every layout's, for the one surface */
	struct strbuf *out;
	const char *footer_left, *footer_right;
	const char *heading;                    /* waiting for the first row under it, or NULL */
	struct pdf_cell header[PDF_CELLS_MAX];  /* the open table's header row */
	size_t n_header;                        /* 0: no table is open */
	bool header_due;                        /* the header waits for the table's first row */
	bool rule_due;                          /* the last row's bottom line is owed, at y */
	double y;                               /* where the next thing is drawn */
	double page_top;                        /* y of the page's first row: below a repeated header */
	int page;                               /* 1-based number of the page being drawn */
};

/* A row laid out: where each cell is, its text, and how far its first line must drop to sit on
 * the row's first baseline. */
struct row {
	const struct pdf_cell *cells;
	size_t n;
	double pad; /* around the text: PAD for a row, 0 for a paragraph */
	PangoLayout *l[PDF_CELLS_MAX];
	double x[PDF_CELLS_MAX], w[PDF_CELLS_MAX], h[PDF_CELLS_MAX], drop[PDF_CELLS_MAX];
	double whole; /* the row's height drawn on one page */
};

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct strbuf *out = closure;
	strbuf_append(out, (const char *)data, len);
	return out->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

const char *pdf_fill(struct arena *a, const char *tmpl, const char *key, const char *val)
{
	const char *at = strstr(tmpl, key);
	if (!at)
		return tmpl;
	const char *s = arena_printf(a, "%.*s%s%s", (int)(at - tmpl), tmpl, val, at + strlen(key));
	return s ? s : tmpl;
}

/* A layout of text in the form's font, wrapped at width points. The caller unrefs it. */
static PangoLayout *layout_new(const struct pdf *p, const char *text, double size, double width)
{
	PangoLayout *l = pango_layout_new(p->pango);
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

static PangoAlignment pango_align(enum pdf_align a)
{
	return a == PDF_CENTER ? PANGO_ALIGN_CENTER : a == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Draws text with its top at (x, y), unbroken. */
static void text_show(const struct pdf *p, const char *text, double size, double x, double y,
			double width, PangoAlignment align, double grey)
{
	PangoLayout *l = layout_new(p, text, size, width);
	pango_layout_set_alignment(l, align);
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

/* The bottom of the last whole line of l ending at or above limit: where a cell is cut. */
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

static void rule_flush(struct pdf *p)
{
	if (!p->rule_due)
		return;
	cairo_set_source_rgb(p->cr, 0.35, 0.38, 0.42);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, LEFT, p->y);
	cairo_line_to(p->cr, LEFT + WIDTH, p->y);
	cairo_stroke(p->cr);
	p->rule_due = false;
}

static void row_layout(struct pdf *p, const struct pdf_cell *cells, size_t n, double pad, struct row *r)
{
	r->cells = cells;
	r->n = n < PDF_CELLS_MAX ? n : PDF_CELLS_MAX;
	r->pad = pad;
	double share = 0;
	int base = 0;
	for (size_t i = 0; i < r->n; i++) {
		r->x[i] = LEFT + WIDTH * share;
		share += cells[i].share;
		r->w[i] = (i + 1 == r->n ? LEFT + WIDTH : LEFT + WIDTH * share) - r->x[i];
		r->l[i] = layout_new(p, cells[i].text, cells[i].size, r->w[i] - 2 * pad);
		pango_layout_set_alignment(r->l[i], pango_align(cells[i].align));
		r->h[i] = layout_height(r->l[i]);
		int b = pango_layout_get_baseline(r->l[i]);
		base = b > base ? b : base;
	}
	r->whole = 0;
	for (size_t i = 0; i < r->n; i++) {
		r->drop[i] = (double)(base - pango_layout_get_baseline(r->l[i])) / PANGO_SCALE;
		if (r->h[i] + r->drop[i] > r->whole)
			r->whole = r->h[i] + r->drop[i];
	}
	r->whole += 2 * pad;
}

static void row_free(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		g_object_unref(r->l[i]);
}

static const double fills[][3] = {
	[PDF_PLAIN] = { 1.0, 1.0, 1.0 },
	[PDF_SHADED] = { 0.93, 0.94, 0.96 },
	[PDF_MARKED] = { 1.0, 0.95, 0.80 },
};

/*
 * Draws the part of each cell i from from[i] to to[i] (points into its text) and moves y below.
 * The first part sets each cell on the row's baseline; a continued part starts every cell at its
 * top, and draws a repeated cell (a label) whole again.
 */
static void row_part(struct pdf *p, const struct row *r, const double *from, const double *to, bool first)
{
	cairo_t *cr = p->cr;
	double f[PDF_CELLS_MAX], t[PDF_CELLS_MAX], drop[PDF_CELLS_MAX], h = 0;
	for (size_t i = 0; i < r->n; i++) {
		bool again = !first && r->cells[i].repeat;
		f[i] = again ? 0 : from[i];
		t[i] = again ? r->h[i] : to[i];
		drop[i] = first ? r->drop[i] : 0;
		if (t[i] - f[i] + drop[i] > h)
			h = t[i] - f[i] + drop[i];
	}
	h += 2 * r->pad;
	bool starts_page = p->y <= p->page_top;
	for (size_t i = 0; i < r->n; i++) {
		const struct pdf_cell *c = &r->cells[i];
		if (c->fill != PDF_BARE) {
			cairo_set_source_rgb(cr, fills[c->fill][0], fills[c->fill][1], fills[c->fill][2]);
			cairo_rectangle(cr, r->x[i], p->y, r->w[i], h);
			cairo_fill(cr);
			cairo_move_to(cr, r->x[i], p->y + h);
			cairo_line_to(cr, r->x[i], p->y);
			if (!c->open_above || starts_page || !first)
				cairo_line_to(cr, r->x[i] + r->w[i], p->y);
			else
				cairo_move_to(cr, r->x[i] + r->w[i], p->y);
			cairo_line_to(cr, r->x[i] + r->w[i], p->y + h);
			cairo_set_source_rgb(cr, 0.35, 0.38, 0.42);
			cairo_set_line_width(cr, 0.6);
			cairo_stroke(cr);
			p->rule_due = true;
		}
		if (t[i] <= f[i])
			continue;
		/* The clip hides the lines that belong to the page before or after this part. */
		double top = p->y + r->pad + drop[i];
		cairo_save(cr);
		cairo_rectangle(cr, r->x[i], top, r->w[i], t[i] - f[i]);
		cairo_clip(cr);
		cairo_set_source_rgb(cr, c->grey, c->grey, c->grey);
		cairo_move_to(cr, r->x[i] + r->pad, top - f[i]);
		pango_cairo_show_layout(cr, r->l[i]);
		cairo_restore(cr);
	}
	p->y += h;
}

/* The open table's header row, at y. */
static void header_show(struct pdf *p)
{
	struct row r;
	row_layout(p, p->header, p->n_header, PAD, &r);
	double from[PDF_CELLS_MAX] = { 0 };
	row_part(p, &r, from, r.h, true);
	row_free(&r);
	p->header_due = false;
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
	const char *left = p->footer_left ? pdf_fill(p->out->arena, p->footer_left, "{n}", n) : NULL;
	text_show(p, left, 8, LEFT, PAGE_H - 40, WIDTH * 0.3, PANGO_ALIGN_LEFT, 0.35);
	text_show(p, p->footer_right, 8, LEFT + WIDTH * 0.3, PAGE_H - 40, WIDTH * 0.7, PANGO_ALIGN_RIGHT, 0.35);
}

static void page_break(struct pdf *p)
{
	rule_flush(p);
	page_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->page_top = TOP;
	if (p->n_header && !p->header_due) {
		header_show(p);
		p->page_top = p->y;
	}
}

static double heading_layout_height(const struct pdf *p)
{
	PangoLayout *l = layout_new(p, p->heading, 12, WIDTH - 10);
	double h = layout_height(l) + 9;
	g_object_unref(l);
	return h > HEADING_H ? h : HEADING_H;
}

/* What waits to be drawn above the next row: a heading, a table's header. */
static double waiting_height(struct pdf *p)
{
	double h = p->heading ? HEADING_GAP + heading_layout_height(p) : 0;
	return h + (p->header_due ? pdf_row_height(p, p->header, p->n_header) : 0);
}

/* The waiting heading and header, if any. The bar beside a heading grows with its lines. */
static void waiting_show(struct pdf *p)
{
	if (p->heading) {
		rule_flush(p);
		if (p->y > TOP)
			p->y += HEADING_GAP;
		double h = heading_layout_height(p);
		cairo_set_source_rgb(p->cr, 0.23, 0.31, 0.41);
		cairo_rectangle(p->cr, LEFT, p->y, 4, h - 6);
		cairo_fill(p->cr);
		text_show(p, p->heading, 12, LEFT + 10, p->y + 3, WIDTH - 10, PANGO_ALIGN_LEFT, 0.1);
		p->y += h;
		p->heading = NULL;
	}
	if (p->header_due) {
		rule_flush(p);
		header_show(p);
	}
}

/* Breaks the page before a row of height whole that does not fit, as pdf.h says. */
static void room_make(struct pdf *p, double whole)
{
	double need = waiting_height(p) + (whole < (BOTTOM - TOP) / 4 ? whole : MIN_PART);
	if (p->y + need > BOTTOM && p->y > p->page_top)
		page_break(p);
}

/* Draws a laid-out row from where y is, continuing it on as many pages as it needs. */
static void row_put(struct pdf *p, struct row *r)
{
	bool bare = true;
	for (size_t i = 0; i < r->n; i++)
		bare = bare && r->cells[i].fill == PDF_BARE;
	if (bare)
		rule_flush(p);
	room_make(p, r->whole);
	waiting_show(p);
	double from[PDF_CELLS_MAX] = { 0 }, to[PDF_CELLS_MAX];
	for (bool first = true;;) {
		double room = BOTTOM - p->y - 2 * r->pad;
		bool progress = false, done = true;
		for (size_t i = 0; i < r->n; i++) {
			double avail = room - (first ? r->drop[i] : 0);
			to[i] = r->h[i] - from[i] <= avail ? r->h[i] : line_cut(r->l[i], from[i] + avail);
			if (to[i] < from[i])
				to[i] = from[i];
			progress = progress || to[i] > from[i];
			done = done && to[i] >= r->h[i];
		}
		if (!progress && !done && p->y > p->page_top) {
			page_break(p);
			continue;
		}
		/* A line taller than the page is left: cut through it (by at least a little, so that a
		 * page all but filled by a header still gets on). */
		double step = room > 12 ? room : 12;
		for (size_t i = 0; !progress && i < r->n; i++)
			if (to[i] < r->h[i])
				to[i] = from[i] + step < r->h[i] ? from[i] + step : r->h[i];
		row_part(p, r, from, to, first);
		if (done)
			break;
		memcpy(from, to, sizeof from);
		page_break(p);
		first = false;
	}
}

void pdf_row(struct pdf *p, const struct pdf_cell *cells, size_t n)
{
	struct row r;
	row_layout(p, cells, n, PAD, &r);
	row_put(p, &r);
	row_free(&r);
}

double pdf_row_height(struct pdf *p, const struct pdf_cell *cells, size_t n)
{
	struct row r;
	row_layout(p, cells, n, PAD, &r);
	row_free(&r);
	return r.whole;
}

void pdf_keep(struct pdf *p, double pts)
{
	double need = waiting_height(p) + pts;
	if (p->y + need > BOTTOM && p->y > p->page_top && TOP + need <= BOTTOM)
		page_break(p);
}

void pdf_text(struct pdf *p, const char *text, struct pdf_style style)
{
	if (!text)
		return;
	struct pdf_cell cell = { .text = text, .share = 1, .size = style.size, .fill = PDF_BARE,
				 .align = style.align, .grey = style.grey };
	struct row r;
	row_layout(p, &cell, 1, 0, &r);
	row_put(p, &r);
	row_free(&r);
}

void pdf_space(struct pdf *p, double pts)
{
	rule_flush(p);
	if (p->y > p->page_top)
		p->y += pts;
}

void pdf_heading(struct pdf *p, const char *heading)
{
	p->heading = heading;
}

void pdf_label_row(struct pdf *p, const char *label, const char *value, bool strong)
{
	struct pdf_cell cells[2] = {
		{ .text = label, .share = LABEL_W / WIDTH, .size = 9.5, .fill = PDF_SHADED, .grey = 0.15,
		  .repeat = true },
		{ .text = value && *value ? value : DASH, .share = 1 - LABEL_W / WIDTH, .size = strong ? 13 : 10,
		  .fill = strong ? PDF_MARKED : PDF_PLAIN },
	};
	pdf_row(p, cells, 2);
}

void pdf_table_header(struct pdf *p, const struct pdf_cell *cells, size_t n)
{
	p->n_header = n < PDF_CELLS_MAX ? n : PDF_CELLS_MAX;
	memcpy(p->header, cells, p->n_header * sizeof *cells);
	p->header_due = true;
}

void pdf_table_end(struct pdf *p)
{
	if (p->header_due) {
		room_make(p, 0);
		waiting_show(p);
	}
	p->n_header = 0;
	p->header_due = false;
}

void pdf_footer(struct pdf *p, const char *left, const char *right)
{
	p->footer_left = left;
	p->footer_right = right;
}

struct pdf *pdf_open(struct strbuf *out, const char *title)
{
	struct pdf *p = arena_zalloc(out->arena, sizeof *p);
	if (!p)
		return NULL;
	p->out = out;
	p->surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "tsunagu");
	p->cr = cairo_create(p->surface);
	p->pango = pango_cairo_create_context(p->cr);
	/* Pango rounds each glyph's advance to a whole point for screens: 8.5-point text would be
	 * set 9 points a character, wrapped too early and spaced unevenly on paper. */
	pango_context_set_round_glyph_positions(p->pango, FALSE);
	p->y = p->page_top = TOP;
	p->page = 1;
	return p;
}

int pdf_close(struct pdf *p)
{
	rule_flush(p);
	page_footer(p);
	cairo_show_page(p->cr);
	cairo_status_t st = cairo_status(p->cr);
	g_object_unref(p->pango);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	if (p->out->failed)
		return ERR_TOOBIG;
	/* NEEDSWORK: error.h has no ERR_INTERNAL (the contract's name); ERR_STORAGE is the nearest
	 * 500. */
	return st == CAIRO_STATUS_SUCCESS ? 0 : ERR_STORAGE;
}
