/*
 * support_sheet_pdf — the support-structure sheet (支援体制確認シート) as an A4 PDF that an agent
 * can print or hand to the landlord. It renders struct support_sheet (domain/support_sheet.h, the
 * allow-list) and nothing else, with cairo and pango in IPAexGothic (fonts-ipaexfont: about 33 KB
 * embedded per file, where Noto Sans CJK embeds about 1 MB; DESIGN §9).
 */
#ifndef TSUNAGU_SUPPORT_SHEET_PDF_H
#define TSUNAGU_SUPPORT_SHEET_PDF_H

#include "i18n.h"

struct strbuf;
struct support_sheet;

/* Appends the PDF of s, its headings and labels in lang, to out (binary; use out's length, not
 * its string). Returns 0, ERR_STORAGE when cairo fails, ERR_TOOBIG when the arena is full (nothing useful
 * is in out then). */
int support_sheet_pdf(const struct support_sheet *s, enum lang lang, struct strbuf *out);

#endif
