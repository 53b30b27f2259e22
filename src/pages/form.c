/*
 * form — what the record screens (persons, cases) share: a refused form shown again with what
 * the user typed, its reason and the field at fault marked for assistive technology; dates shown
 * with their era. See pages.h.
 */
#include "arena.h"
#include "date.h"
#include "domain/directory.h"
#include "error.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

bool page_form_is(const struct page_form *f, const char *form)
{
	return f && f->name && strcmp(f->name, form) == 0;
}

const char *page_form_value(const struct request *req, const struct page_form *f, const char *form,
			    const char *field, const char *def)
{
	if (!page_form_is(f, form))
		return def;
	const char *v = request_form(req, field);
	return v ? v : "";
}

void page_form_error(struct request *req, const struct page_form *f, const char *form)
{
	if (page_form_is(f, form) && f->msg)
		html_printf(&req->out, "<div class=\"notice error\" role=\"alert\" id=\"%s-error\">%s</div>",
			    form, T(req, f->msg));
}

void page_field_state(struct request *req, const struct page_form *f, const char *form,
		      const char *field)
{
	if (page_form_is(f, form) && f->field && strcmp(f->field, field) == 0)
		html_printf(&req->out, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", form);
}

void page_date(struct request *req, const char *iso)
{
	struct date d;
	const char *shown = iso && date_parse(iso, &d) ? jp_format_date(req->arena, d, req->lang) : NULL;
	if (shown)
		html_printf(&req->out, "<time datetime=\"%s\">%s</time>", iso, shown);
	else
		html_text(&req->out, iso ? iso : "—");
}

void page_input(struct request *req, const struct page_form *f, const char *form, const char *field,
		const char *label_msgid, const char *type, const char *value, bool required)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><input id=\"%s-%s\" name=\"%s\" type=\"%s\"",
		    form, field, T(req, label_msgid), form, field, field, type);
	if (required)
		html_lit(h, " required");
	page_field_state(req, f, form, field);
	html_printf(h, " value=\"%s\"></div>", value ? value : "");
}

void page_select_open(struct request *req, const struct page_form *f, const char *form,
		      const char *field, const char *label_msgid)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\"",
		    form, field, T(req, label_msgid), form, field, field);
	page_field_state(req, f, form, field);
	html_lit(h, ">");
}

int64_t page_form_id(const struct request *req, const char *field)
{
	const char *v = request_form(req, field);
	if (!v || !*v || strlen(v) > 15 || v[0] == '0' || strspn(v, "0123456789") != strlen(v))
		return 0;
	return strtoll(v, NULL, 10);
}

const char **page_form_all(const struct request *req, const char *field, size_t *n)
{
	const char **v = arena_alloc(req->arena, (req->form.n + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; v && i < req->form.n; i++)
		if (strcmp(req->form.v[i].name, field) == 0 && *req->form.v[i].value)
			v[(*n)++] = req->form.v[i].value;
	return v;
}

void page_yen(struct request *req, int64_t yen)
{
	html_text(&req->out, jp_format_yen(req->arena, yen, req->lang));
}

void page_done_notice(struct request *req, const struct code *done)
{
	const char *code = request_query(req, "done");
	if (code_known(done, code))
		page_notice(req, "ok", code_label(done, code));
}

void page_wards_load(struct request *req, struct page_wards *w)
{
	if (directory_wards(req->db, req->arena, &w->v, &w->n))
		w->n = 0;
}

const char *page_ward_name(const struct page_wards *w, const char *code)
{
	for (size_t i = 0; code && i < w->n; i++)
		if (strcmp(w->v[i].code, code) == 0)
			return w->v[i].name;
	return code ? code : "—";
}

const char *page_ward_list(struct request *req, const struct page_wards *w, char *const *codes, size_t n)
{
	if (n == 0)
		return "—";
	struct strbuf sb;
	strbuf_init(&sb, req->arena, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(&sb, req->lang == LANG_JA ? "、" : ", ");
		strbuf_puts(&sb, page_ward_name(w, codes[i]));
	}
	return strbuf_str(&sb);
}

bool page_posted(const struct request *req, const char *field, const char *value)
{
	for (size_t i = 0; i < req->form.n; i++)
		if (strcmp(req->form.v[i].name, field) == 0 && strcmp(req->form.v[i].value, value) == 0)
			return true;
	return false;
}

const char *page_code_list(struct request *req, const struct code *t, char *const *codes, size_t n)
{
	if (n == 0)
		return "—";
	struct strbuf sb;
	strbuf_init(&sb, req->arena, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(&sb, "・");
		strbuf_puts(&sb, T(req, code_label(t, codes[i])));
	}
	return strbuf_str(&sb);
}

int page_fy(const char *v)
{
	if (!v || strlen(v) != 4 || strspn(v, "0123456789") != 4)
		return 0;
	int fy = atoi(v);
	return fy >= 2000 && fy <= 2100 ? fy : 0;
}

int page_form_number(struct request *req, const char *field, int empty)
{
	const char *v = request_form(req, field);
	char *n = v ? jp_normalize(req->arena, v) : NULL;
	if (!n || !*n)
		return empty;
	if (strlen(n) > 6 || strspn(n, "0123456789") != strlen(n))
		return -1;
	return atoi(n);
}

void page_date_cell(struct request *req, const char *iso)
{
	html_lit(&req->out, "<td>");
	page_date(req, iso);
	html_lit(&req->out, "</td>");
}

bool page_refused(struct request *req, int rc, struct page_form *f)
{
	if (rc != ERR_INVALID && rc != ERR_CONFLICT)
		return false;
	req->status = err_http_status(rc);
	if (!f->msg)
		f->msg = err_text(rc);
	return true;
}

const char *page_minutes_text(struct request *req, int64_t minutes)
{
	return page_fill(req, N_("{h} h {m} min"), "{h}", arena_printf(req->arena, "%lld", (long long)(minutes / 60)),
			 "{m}", arena_printf(req->arena, "%02d", (int)(minutes % 60)), NULL);
}

void page_row_open(struct request *req, bool overdue)
{
	if (overdue)
		html_lit(&req->out, "<tr class=\"overdue\">");
	else
		html_lit(&req->out, "<tr>");
}
