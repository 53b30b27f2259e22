/*
 * html — the only way a page writes HTML, escaping by construction.
 *
 * html_printf takes a literal format (a variable format fails to compile with
 * -Werror=format-nonliteral) and HTML-escapes every %s argument; numbers are printed as
 * numbers. Markup without arguments goes through html_lit(), which accepts only a string
 * literal. The one way to emit unescaped text from a variable is html_trusted(), which takes a
 * reason so that it stands out in review and in grep. Errors (a full arena) are sticky in the
 * strbuf and checked once by the server.
 */
#ifndef TSUNAGU_HTML_H
#define TSUNAGU_HTML_H

#include "strbuf.h"

#include <stdbool.h>

/* Escaping printf: %s escaped; %d %i %u %x with l, ll, z modifiers; %%. Any other conversion
 * marks the buffer failed. */
void html_printf(struct strbuf *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends markup that must be a string literal ("" s "" fails to compile otherwise). */
#define html_lit(h, s) html_literal_((h), "" s "", sizeof(s) - 1)
void html_literal_(struct strbuf *h, const char *s, size_t n);

/* Escaped text (& < > " ' become entities). NULL appends nothing. */
void html_text(struct strbuf *h, const char *s);

/* ` name="value"` with the value escaped. */
void html_attr(struct strbuf *h, const char *name, const char *value);

/* ` href="url"` when url is relative to this site ("/…" but not "//…") or http(s)://; otherwise
 * ` href="#"` — no javascript: or data: URL ever reaches a page. */
void html_href(struct strbuf *h, const char *url);

/* Percent-encodes s for a query-string value (everything but A-Z a-z 0-9 - . _ ~), so the text
 * needs no further escaping inside an attribute. NULL appends nothing. */
void html_url_arg(struct strbuf *h, const char *s);

/* <input type="hidden" name=… value=…> */
void html_hidden(struct strbuf *h, const char *name, const char *value);

/* <option value=… [selected]>label</option> */
void html_option(struct strbuf *h, const char *value, const char *label, bool selected);

/* <form method="post" action=…> with the CSRF token as its first field. Every state-changing
 * form opens here, so none can forget the token. Close with html_lit(h, "</form>"). */
void html_form_open(struct strbuf *h, const char *action, const char *csrf);

/* Like html_form_open, for a form that sends files (enctype multipart/form-data). */
void html_form_open_upload(struct strbuf *h, const char *action, const char *csrf);

/* Appends markup from a variable without escaping. why says where it comes from. */
void html_trusted(struct strbuf *h, const char *markup, const char *why);

/* True when url may go into an href (see html_href). */
bool html_url_safe(const char *url);

#endif
