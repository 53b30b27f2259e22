/*
 * pdf — the drawing that tsunagu's printed forms share: an A4 portrait page in IPAexGothic
 * (fonts-ipaexfont: about 33 KB embedded per file, where Noto Sans CJK embeds about 1 MB; DESIGN
 * §9), written into a strbuf, drawn from the top down. A form is a sequence of section headings,
 * paragraphs and rows of bordered cells; this module places them, wraps their text, breaks pages
 * and draws every page's footer, so a form file says only what goes on the form
 * (support_sheet_pdf.c, sheet_pdf.c).
 *
 * The only file that includes cairo and pango: nothing of them shows in this header.
 *
 * How things are placed:
 *   - A row, or a paragraph, shorter than a quarter of a page moves to the next page whole when
 *     it does not fit. A taller one starts where it is if a few lines fit and is continued on the
 *     next page, cut between two lines of each cell, so text of any length is printed in full.
 *     A single line taller than a page is cut through.
 *   - A section heading waits for the first thing drawn under it, so a heading never ends a page
 *     alone; a table's header row waits likewise, and is drawn again at the top of each page the
 *     table continues on.
 *   - The cells of a row start on one baseline, whatever their font sizes.
 */
#ifndef TSUNAGU_REPORT_PDF_H
#define TSUNAGU_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct pdf;
struct strbuf;

enum { PDF_CELLS_MAX = 8 }; /* the most cells in a row; more are not drawn */

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* A cell's background, which also says whether it has a border. */
enum pdf_fill {
	PDF_PLAIN,  /* white, bordered: a value */
	PDF_SHADED, /* pale blue-grey, bordered: a label or a table's header */
	PDF_MARKED, /* pale yellow, bordered: what the reader must see first, as a highlighter marks it */
	PDF_BARE,   /* no background and no border: text laid out in columns */
};

struct pdf_cell {
	const char *text;     /* wrapped to the cell's width; NULL or "" for a blank cell */
	double share;         /* of the page's text width; a row's shares add up to 1 (the last
			       * cell always reaches the right edge) */
	double size;          /* font size in points */
	enum pdf_fill fill;
	enum pdf_align align;
	double grey;          /* the text's grey, 0 black … 1 white */
	bool repeat;          /* a label: drawn again on each page its row is continued on */
	bool open_above;      /* continues the cell above it in the row before (a spanned cell):
			       * no line between them, unless this row starts a page */
};

/* How a paragraph is drawn by pdf_text. */
struct pdf_style {
	double size;          /* font size in points */
	enum pdf_align align;
	double grey;          /* 0 black … 1 white */
};

/* Starts a PDF that is appended to out when it is closed; title goes into the file's metadata.
 * The pdf lives in out's arena; NULL when that arena is full. Every pdf opened must be closed
 * with pdf_close(), which frees what cairo and pango hold. */
struct pdf *pdf_open(struct strbuf *out, const char *title);

/* The footer of every page: left (its first "{n}" replaced by the page's number) and right.
 * Both are kept, not copied: they must live until pdf_close(). */
void pdf_footer(struct pdf *p, const char *left, const char *right);

/* A paragraph the width of the page; text may hold line breaks. NULL draws nothing. */
void pdf_text(struct pdf *p, const char *text, struct pdf_style style);

/* Empty space of pts points below what was drawn last (none at the top of a page). */
void pdf_space(struct pdf *p, double pts);

/* A section heading: a bar and the text, drawn with the first row or paragraph that follows.
 * heading must live until then. */
void pdf_heading(struct pdf *p, const char *heading);

/* A row of n cells (at most PDF_CELLS_MAX), placed as the top of this file says. */
void pdf_row(struct pdf *p, const struct pdf_cell *cells, size_t n);

/* The height the row would take drawn whole, in points. */
double pdf_row_height(struct pdf *p, const struct pdf_cell *cells, size_t n);

/* Starts a new page unless pts points (with a waiting heading and header) fit below what was
 * drawn last; does nothing when pts would not fit on any page. Keeps rows that belong together
 * (a challenge and its four roles) on one page. */
void pdf_keep(struct pdf *p, double pts);

/* A form's "label | value" row: the label shaded in a fixed column, the value beside it, an
 * empty value as a dash. A strong row (whom to call) is larger and marked yellow. */
void pdf_label_row(struct pdf *p, const char *label, const char *value, bool strong);

/* Starts a table whose header is cells (copied; their texts must live until pdf_table_end()). */
void pdf_table_header(struct pdf *p, const struct pdf_cell *cells, size_t n);

/* Ends the table; a table that got no rows still shows its header. */
void pdf_table_end(struct pdf *p);

/* Draws the last page's footer, appends the file to the strbuf given to pdf_open() and releases
 * what cairo and pango hold (p itself is in the arena and must not be used again).
 * Returns 0, ERR_TOOBIG when the strbuf's arena was full (nothing useful is in it then), or
 * ERR_STORAGE when cairo failed. */
int pdf_close(struct pdf *p);

/* tmpl with the first key in it replaced by val, in a ("page {n}" → "page 3"). A template that
 * lost its key (a translation) is returned as it is rather than not shown at all, as is tmpl
 * when a is full. */
const char *pdf_fill(struct arena *a, const char *tmpl, const char *key, const char *val);

#endif
