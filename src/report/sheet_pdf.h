/*
 * sheet_pdf — the status-sharing sheet (report/sheet.h) as an A4 PDF, with cairo and pango in
 * IPAexGothic, as the support-structure sheet's PDF is drawn.
 */
#ifndef TSUNAGU_SHEET_PDF_H
#define TSUNAGU_SHEET_PDF_H

struct status_sheet;
struct strbuf;

/* Appends the PDF of s to out (binary: use out->len). 0, ERR_STORAGE when cairo fails,
 * ERR_TOOBIG when out's arena is full. */
int sheet_pdf(const struct status_sheet *s, struct strbuf *out);

#endif
