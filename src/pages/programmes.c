/*
 * programmes — the history of efforts (取組の経緯, the seed's §3) on one screen: a timeline with
 * the fiscal years across and one bar per programme, the renamed-from links, and under it each
 * programme's details; the city adds and edits programmes there. The rules live in
 * domain/programme.c; this file draws and brings a refused form back with what was typed.
 *
 * The timeline is a table, readable without script or style sheet: a row per programme (its name
 * the row header), a column per fiscal year (H19 … as the seed labels them, the full 年度 in a
 * title), and the programme's years one cell spanning them (colspan) that names its span in
 * text. The Content-Security-Policy allows no inline style, so the bar's look is the classes
 * bar, its implementer and continuing (static/style.css). Nothing here is personal data.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/directory.h"
#include "domain/programme.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Fiscal years offered past the current one in the forms: a programme already decided. */
enum { FY_AHEAD = 5 };

static const struct code done_notices[] = {
	{ "created", N_("The programme was added."), NULL },
	{ "saved", N_("The programme was saved."), NULL },
	{ NULL, NULL, NULL },
};

static int current_fy(void)
{
	return date_fiscal_year(date_today());
}

/* "H19", or the year itself should ICU fail. */
static const char *fy_short(struct request *req, int fy)
{
	const char *s = programme_fy_short(req->arena, fy);
	return s ? s : arena_printf(req->arena, "%d", fy);
}

static const char *fy_long(struct request *req, int fy)
{
	const char *s = jp_fiscal_year_label(req->arena, fy, req->lang);
	return s ? s : arena_printf(req->arena, "%d", fy);
}

/* "H19–H20", "H21–" */
static const char *span_short(struct request *req, const struct programme *p)
{
	if (!p->to_fy)
		return arena_printf(req->arena, "%s–", fy_short(req, p->from_fy));
	if (p->to_fy == p->from_fy)
		return fy_short(req, p->from_fy);
	return arena_printf(req->arena, "%s–%s", fy_short(req, p->from_fy), fy_short(req, p->to_fy));
}

/* "平成19年度〜平成20年度", "平成21年度〜" (the seed's 平成21年度～) */
static const char *span_long(struct request *req, const struct programme *p)
{
	const char *dash = req->lang == LANG_JA ? "〜" : " – ";
	if (!p->to_fy)
		return arena_printf(req->arena, "%s%s", fy_long(req, p->from_fy), dash);
	if (p->to_fy == p->from_fy)
		return fy_long(req, p->from_fy);
	return arena_printf(req->arena, "%s%s%s", fy_long(req, p->from_fy), dash, fy_long(req, p->to_fy));
}

static const struct programme *find(const struct programme *v, size_t n, int64_t id)
{
	for (size_t i = 0; id && i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* Who runs it, named as the seed does: the municipality (静岡市) for the city, its prefecture
 * (静岡県) for the prefecture, else the label. */
static const char *implementer_text(struct request *req, const struct programme *p, const struct municipality *m)
{
	const char *pref = m ? programme_prefecture(m->code) : NULL;
	if (strcmp(p->implementer, "city") == 0 && m)
		return m->name;
	if (strcmp(p->implementer, "prefecture") == 0 && pref)
		return pref;
	return T(req, code_label(programme_implementers, p->implementer));
}

/* 「精神障害者退院促進事業」から名称変更 — linked to the earlier programme's details. */
static void renamed_note(struct request *req, const struct programme *v, size_t n, const struct programme *p)
{
	const struct programme *old = find(v, n, p->renamed_from);
	if (!old)
		return;
	html_printf(&req->out, "<a href=\"#programme-%" PRId64 "\">%s</a>", old->id,
		    page_fill(req, N_("Renamed from “{name}”"), "{name}", old->name, NULL));
}

/* ---- the timeline ---- */

static void timeline(struct request *req, const struct programme *v, size_t n, const struct municipality *muni)
{
	struct strbuf *h = &req->out;
	int first = current_fy(), last = current_fy();
	/* From the first programme's year to this year, or further when one is planned ahead. */
	for (size_t i = 0; i < n; i++) {
		if (v[i].from_fy < first)
			first = v[i].from_fy;
		if (v[i].from_fy > last)
			last = v[i].from_fy;
		if (v[i].to_fy > last)
			last = v[i].to_fy;
	}
	html_printf(h, "<table class=\"timeline\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
		    page_fill(req, N_("Programmes by fiscal year, {from} to {to}"), "{from}", fy_long(req, first), "{to}",
			      fy_long(req, last), NULL),
		    T(req, "Programme"));
	for (int fy = first; fy <= last; fy++)
		html_printf(h, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", fy_long(req, fy), fy_short(req, fy));
	html_lit(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct programme *p = &v[i];
		/* A continuing programme runs to the last column. */
		int to = p->to_fy ? p->to_fy : last;
		html_printf(h, "<tr><th scope=\"row\"><a href=\"#programme-%" PRId64 "\">%s</a>", p->id, p->name);
		if (p->renamed_from) {
			html_lit(h, "<br><small>← ");
			renamed_note(req, v, n, p);
			html_lit(h, "</small>");
		}
		html_lit(h, "</th>");
		if (p->from_fy > first)
			html_printf(h, "<td colspan=\"%d\"></td>", p->from_fy - first);
		html_printf(h, "<td colspan=\"%d\" class=\"bar %s%s\">%s <small>%s</small></td>", to - p->from_fy + 1,
			    p->implementer, p->to_fy ? "" : " continuing", span_short(req, p), implementer_text(req, p, muni));
		if (to < last)
			html_printf(h, "<td colspan=\"%d\"></td>", last - to);
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table>");
}

/* ---- the forms ---- */

/* The fiscal year typed in field: its number, 0 when left empty (continuing), -1 when it is not
 * a year (the domain refuses it then). */
static int posted_fy(const struct request *req, const char *field)
{
	const char *v = request_form(req, field);
	if (!v || !*v)
		return 0;
	if (strlen(v) != 4 || strspn(v, "0123456789") != 4)
		return -1;
	return atoi(v);
}

static void fy_options(struct request *req, const char *selected, bool continuing)
{
	if (continuing)
		html_option(&req->out, "", T(req, "(continuing)"), !*selected);
	for (int fy = current_fy() + FY_AHEAD; fy >= PROGRAMME_FY_MIN; fy--) {
		const char *value = arena_printf(req->arena, "%d", fy);
		const char *label = req->lang == LANG_JA ? arena_printf(req->arena, "%s（%d）", fy_long(req, fy), fy)
							 : fy_long(req, fy);
		html_option(&req->out, value, label, strcmp(selected, value) == 0);
	}
}

static void textarea(struct request *req, const struct page_form *f, const char *form, const char *field,
		     const char *label_msgid, const char *value, int rows)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"%d\"",
		    form, field, T(req, label_msgid), form, field, field, rows);
	page_field_state(req, f, form, field);
	html_printf(h, ">%s</textarea></div>", value);
}

/* The fields of a programme, filled from p (NULL: a new one) or from what was posted. */
static void programme_fields(struct request *req, const struct page_form *f, const char *form,
			     const struct programme *p, const struct programme *v, size_t n)
{
	struct strbuf *h = &req->out;
	page_input(req, f, form, "name", N_("Name of the programme"), "text",
		   page_form_value(req, f, form, "name", p ? p->name : ""), true);
	page_select_open(req, f, form, "implementer", N_("Run by (実施主体)"));
	page_code_options(req, programme_implementers, page_form_value(req, f, form, "implementer", p ? p->implementer : "city"));
	html_lit(h, "</select></div>");
	page_input(req, f, form, "commissioned_to", N_("Commissioned to (optional)"), "text",
		   page_form_value(req, f, form, "commissioned_to", p && p->commissioned_to ? p->commissioned_to : ""), false);
	page_select_open(req, f, form, "from_fy", N_("First fiscal year"));
	fy_options(req, page_form_value(req, f, form, "from_fy", arena_printf(req->arena, "%d", p ? p->from_fy : current_fy())),
		   false);
	html_lit(h, "</select></div>");
	page_select_open(req, f, form, "to_fy", N_("Last fiscal year"));
	fy_options(req, page_form_value(req, f, form, "to_fy", p && p->to_fy ? arena_printf(req->arena, "%d", p->to_fy) : ""),
		   true);
	html_lit(h, "</select></div>");
	textarea(req, f, form, "description", N_("What it does (optional)"),
		 page_form_value(req, f, form, "description", p && p->description ? p->description : ""), 3);
	page_select_open(req, f, form, "renamed_from", N_("Renamed from (optional)"));
	const char *old = page_form_value(req, f, form, "renamed_from", p && p->renamed_from ? page_id(req, p->renamed_from) : "");
	html_option(h, "", T(req, "(not renamed)"), !*old);
	for (size_t i = 0; i < n; i++) {
		if (p && v[i].id == p->id)
			continue;
		const char *id = page_id(req, v[i].id);
		html_option(h, id, arena_printf(req->arena, "%s %s", span_short(req, &v[i]), v[i].name), strcmp(old, id) == 0);
	}
	html_lit(h, "</select></div>");
}

static void details(struct request *req, const struct programme *v, size_t n, const struct municipality *muni, bool manage,
		    const struct page_form *f)
{
	struct strbuf *h = &req->out;
	for (size_t i = 0; i < n; i++) {
		const struct programme *p = &v[i];
		html_printf(h, "<section class=\"card\" id=\"programme-%" PRId64 "\"><h2>%s</h2><dl class=\"pairs\">", p->id,
			    p->name);
		html_printf(h, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", T(req, "Fiscal years"), span_long(req, p),
			    T(req, "Run by"), implementer_text(req, p, muni));
		if (p->commissioned_to)
			html_printf(h, "<dt>%s</dt><dd>%s</dd>", T(req, "Commissioned to"), p->commissioned_to);
		if (p->renamed_from) {
			html_printf(h, "<dt>%s</dt><dd>", T(req, "Renamed"));
			renamed_note(req, v, n, p);
			html_lit(h, "</dd>");
		}
		/* The programmes that took this one's place, so the link reads both ways. */
		for (size_t k = 0; k < n; k++)
			if (v[k].renamed_from == p->id)
				html_printf(h, "<dt>%s</dt><dd><a href=\"#programme-%" PRId64 "\">%s</a> (%s)</dd>",
					    T(req, "Renamed to"), v[k].id, v[k].name, span_short(req, &v[k]));
		if (p->description)
			html_printf(h, "<dt>%s</dt><dd class=\"text\">%s</dd>", T(req, "What it does"), p->description);
		html_lit(h, "</dl>");
		if (manage) {
			const char *form = arena_printf(req->arena, "edit-%" PRId64, p->id);
			bool again = page_form_is(f, form);
			html_printf(h, "<details%s><summary>%s</summary>", again ? " open" : "", T(req, "Edit the programme"));
			page_form_error(req, f, form);
			html_form_open(h, arena_printf(req->arena, "/programmes/%" PRId64, p->id), req->session.csrf);
			programme_fields(req, f, form, p, v, n);
			html_printf(h, "<button class=\"primary\">%s</button></form></details>", T(req, "Save"));
		}
		html_lit(h, "</section>");
	}
}

static int programmes_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct programme *v;
	size_t n;
	int rc = programme_list(req->db, req->arena, &v, &n);
	if (rc)
		return rc;
	struct municipality m;
	const struct municipality *muni = directory_municipality(req->db, req->arena, &m) == 0 ? &m : NULL;
	bool manage = policy_scope(req->session.user.role, "programme.manage") != SCOPE_NONE;

	page_begin(req, N_("Programmes"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>",
		    T(req, "The city's and the prefecture's programmes on the way from long-term hospitalisation to life in the community (取組の経緯), by fiscal year (April to March)."));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No programmes recorded yet."));
	else
		timeline(req, v, n, muni);
	details(req, v, n, muni, manage, f);
	if (manage) {
		html_printf(h, "<section class=\"card\"><h2 id=\"new\">%s</h2>", T(req, "Add a programme"));
		page_form_error(req, f, "new");
		html_form_open(h, "/programmes", req->session.csrf);
		programme_fields(req, f, "new", NULL, v, n);
		html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, "Add"));
	}
	page_end(req);
	return 0;
}

int programmes_page(struct request *req)
{
	return programmes_show(req, NULL);
}

struct programme_change {
	struct programme p; /* what to store */
	const char *field;  /* the field at fault */
	const char *msg;    /* why it was refused */
};

static struct programme programme_from_form(struct request *req)
{
	return (struct programme){
		.name = (char *)request_form(req, "name"),
		.implementer = (char *)request_form(req, "implementer"),
		.commissioned_to = (char *)request_form(req, "commissioned_to"),
		.from_fy = posted_fy(req, "from_fy"),
		.to_fy = posted_fy(req, "to_fy"),
		.description = (char *)request_form(req, "description"),
		.renamed_from = page_form_id(req, "renamed_from"),
	};
}

static int save(struct request *req, void *ctx, struct audit_event *e)
{
	struct programme_change *c = ctx;
	bool created = c->p.id == 0;
	int rc = programme_save(req->db, req->arena, &c->p, &c->field, &c->msg);
	if (!rc && created)
		e->object_id = page_id(req, c->p.id);
	return rc;
}

/* Answers a programme change: the page with form re-shown on a refusal, else a redirect. */
static int answer(struct request *req, int rc, const char *form, const struct programme_change *c, const char *done)
{
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = form, .field = c->field, .msg = c->msg ? c->msg : err_text(rc) };
		return programmes_show(req, &f);
	}
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/programmes?done=%s#programme-%" PRId64, done, c->p.id));
}

int programme_create(struct request *req)
{
	struct programme_change c = { .p = programme_from_form(req) };
	int rc = page_write(req, save, &c, "programme.create", "programme", NULL);
	return answer(req, rc, "new", &c, "created");
}

int programme_update(struct request *req)
{
	struct programme old;
	int rc = programme_get(req->db, req->arena, req->id, &old);
	if (rc)
		return rc;
	struct programme_change c = { .p = programme_from_form(req) };
	c.p.id = req->id;
	rc = page_write(req, save, &c, "programme.update", "programme", page_id(req, req->id));
	return answer(req, rc, arena_printf(req->arena, "edit-%" PRId64, req->id), &c, "saved");
}
