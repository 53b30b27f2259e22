/* html — the escaping writer. See html.h. */
#include "html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void escape(struct strbuf *h, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *ent;
		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		strbuf_append(h, run, (size_t)(s - run));
		strbuf_puts(h, ent);
		run = s + 1;
	}
	strbuf_append(h, run, (size_t)(s - run));
}

/* Appends the number text right-aligned to width, padded with zeros (after a sign) or spaces. */
static void pad(struct strbuf *h, const char *num, int width, bool zero)
{
	int len = (int)strlen(num);
	if (zero && num[0] == '-') {
		strbuf_putc(h, '-');
		num++;
		width--;
		len--;
	}
	for (; width > len; width--)
		strbuf_putc(h, zero ? '0' : ' ');
	strbuf_puts(h, num);
}

void html_printf(struct strbuf *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		strbuf_append(h, run, (size_t)(p - run));
		/* Zero padding and a width ("%04d") apply to numbers; %s ignores them. */
		p++;
		bool zero = *p == '0';
		int width = 0;
		while (*p >= '0' && *p <= '9' && width < 64)
			width = width * 10 + (*p++ - '0');
		int longs = 0;
		bool size = false;
		while (*p == 'l') {
			longs++;
			p++;
		}
		if (*p == 'z') {
			size = true;
			p++;
		}
		char num[48];
		switch (*p) {
		case '%':
			strbuf_putc(h, '%');
			break;
		case 's': {
			if (longs || size) {
				/* %ls takes a wchar_t string, which escape() would read as bytes. */
				h->failed = true;
				break;
			}
			const char *s = va_arg(ap, const char *);
			if (s)
				escape(h, s);
			break;
		}
		case 'd':
		case 'i': {
			long long v = size ? va_arg(ap, ssize_t)
				: longs >= 2 ? va_arg(ap, long long)
				: longs == 1 ? va_arg(ap, long)
					     : va_arg(ap, int);
			snprintf(num, sizeof num, "%lld", v);
			pad(h, num, width, zero);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long long v = size ? va_arg(ap, size_t)
				: longs >= 2	    ? va_arg(ap, unsigned long long)
				: longs == 1	    ? va_arg(ap, unsigned long)
						    : va_arg(ap, unsigned);
			snprintf(num, sizeof num, *p == 'u' ? "%llu" : "%llx", v);
			pad(h, num, width, zero);
			break;
		}
		default:
			/* A conversion this writer does not know could consume the wrong argument:
			 * stop here rather than guess. */
			h->failed = true;
			va_end(ap);
			return;
		}
		if (h->failed)
			break;
		run = p + 1;
	}
	if (!h->failed)
		strbuf_puts(h, run);
	va_end(ap);
}

void html_literal_(struct strbuf *h, const char *s, size_t n)
{
	strbuf_append(h, s, n);
}

void html_text(struct strbuf *h, const char *s)
{
	if (s)
		escape(h, s);
}

void html_attr(struct strbuf *h, const char *name, const char *value)
{
	html_printf(h, " %s=\"%s\"", name, value ? value : "");
}

bool html_url_safe(const char *url)
{
	if (!url)
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	if (url[0] == '/')
		return url[1] != '/';
	return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
	       url[0] == '?' || url[0] == '#';
}

void html_href(struct strbuf *h, const char *url)
{
	html_attr(h, "href", html_url_safe(url) ? url : "#");
}

void html_url_arg(struct strbuf *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			strbuf_putc(h, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			strbuf_append(h, e, 3);
		}
	}
}

void html_hidden(struct strbuf *h, const char *name, const char *value)
{
	html_printf(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, value ? value : "");
}

void html_option(struct strbuf *h, const char *value, const char *label, bool selected)
{
	html_printf(h, "<option value=\"%s\"", value);
	if (selected)
		html_lit(h, " selected");
	html_printf(h, ">%s</option>", label);
}

void html_form_open(struct strbuf *h, const char *action, const char *csrf)
{
	html_lit(h, "<form method=\"post\"");
	html_attr(h, "action", html_url_safe(action) ? action : "#");
	html_lit(h, ">");
	html_hidden(h, "csrf", csrf);
}

void html_form_open_upload(struct strbuf *h, const char *action, const char *csrf)
{
	html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\"");
	html_attr(h, "action", html_url_safe(action) ? action : "#");
	html_lit(h, ">");
	html_hidden(h, "csrf", csrf);
}

void html_trusted(struct strbuf *h, const char *markup, const char *why)
{
	(void)why;
	if (markup)
		strbuf_puts(h, markup);
}
