/*
 * sheet_xlsx — the status-sharing sheet (report/sheet.h) as an Excel workbook, written with
 * libxlsxwriter (xlsxwriter.h is included only in sheet_xlsx_internal.h, which the two workbook
 * files share).
 */
#ifndef TSUNAGU_SHEET_XLSX_H
#define TSUNAGU_SHEET_XLSX_H

struct arena;
struct status_sheet;
struct strbuf;

/* Writes the workbook of s to the file path (created or replaced). 0, or ERR_STORAGE when
 * libxlsxwriter fails (the file may then be partly written). */
int sheet_xlsx_write(const struct status_sheet *s, const char *path);

/* Appends the workbook's bytes to out (binary: use out->len): written to a private temporary
 * file, read back and removed (libxlsxwriter 1.1.4 writes only to files). 0, ERR_STORAGE,
 * or ERR_TOOBIG when out's arena is full. */
int sheet_xlsx_bytes(const struct status_sheet *s, struct strbuf *out);

#endif
