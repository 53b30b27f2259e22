/*
 * plan — the municipality's strengths and challenges of a fiscal year (the seed's §5, 現時点に
 * おける強みと課題): the strengths text, and each challenge with its policy (取組方針) and the roles
 * of administration, medical care, welfare and the others (行政 / 医療 / 福祉 / その他関係機関・
 * 住民等). Everyone on the staff reads it; the city writes it. The rules live in
 * domain/programme.c.
 *
 * Which year: /plan?fy=2021 shows that fiscal year, written or not (the city writes a new year's
 * plan there). /plan alone shows the current fiscal year — or, while the city has not written
 * this year's plan yet, the newest one before it, since a plan stands until it is revised; a
 * notice says so and links to this year's empty page.
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "date.h"
#include "domain/programme.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct code done_notices[] = {
	{ "strength", N_("The strengths were saved."), NULL },
	{ "challenge", N_("The challenge was added."), NULL },
	{ "challenge_saved", N_("The challenge was saved."), NULL },
	{ NULL, NULL, NULL },
};

/* The roles of a challenge: form field, msgid of the sector. */
static const struct {
	const char *field;
	const char *label;
} sectors[] = {
	{ "role_government", N_("Administration (行政)") },
	{ "role_medical", N_("Medical care (医療)") },
	{ "role_welfare", N_("Welfare (福祉)") },
	{ "role_other", N_("Other bodies and residents (その他関係機関・住民等)") },
};

static char *role_of(const struct plan_challenge *c, size_t i)
{
	char *const v[] = { c->role_government, c->role_medical, c->role_welfare, c->role_other };
	return v[i];
}

static const char *fy_label(struct request *req, int fy)
{
	const char *s = jp_fiscal_year_label(req->arena, fy, req->lang);
	return s ? s : arena_printf(req->arena, "%d", fy);
}

/* A fiscal year given as text (a query or form value): the year, or 0 when it is not one. */
static int parse_fy(const char *v)
{
	if (!v || strlen(v) != 4 || strspn(v, "0123456789") != 4)
		return 0;
	int fy = atoi(v);
	return fy >= PROGRAMME_FY_MIN && fy <= PROGRAMME_FY_MAX ? fy : 0;
}

/* The whole number in form field, or -1 when it is not one (the domain refuses it then). */
static int posted_int(const struct request *req, const char *field)
{
	const char *v = request_form(req, field);
	char *n = v ? jp_normalize(req->arena, v) : NULL;
	if (!n || !*n || strlen(n) > 4 || strspn(n, "0123456789") != strlen(n))
		return -1;
	return atoi(n);
}

/* Everything the page shows of a year, read before anything is written out. */
struct plan_view {
	int fy;                      /* the year shown */
	int asked;                   /* the year asked for (the current one when none was) */
	char *strength;              /* NULL: none written */
	struct plan_challenge *v;    /* by position */
	size_t n;                    /* how many */
	int *years;                  /* the years with a plan, newest first */
	size_t nyears;               /* how many */
};

static bool has_plan(const struct plan_view *pv, int fy)
{
	for (size_t i = 0; i < pv->nyears; i++)
		if (pv->years[i] == fy)
			return true;
	return false;
}

static int plan_load(struct request *req, int fy, bool fall_back, struct plan_view *pv)
{
	*pv = (struct plan_view){ .fy = fy, .asked = fy };
	int rc = plan_years(req->db, req->arena, &pv->years, &pv->nyears);
	if (rc)
		return rc;
	if (!has_plan(pv, fy) && fall_back)
		for (size_t i = 0; i < pv->nyears; i++)
			if (pv->years[i] < fy) {
				pv->fy = pv->years[i];
				break;
			}
	if ((rc = plan_strength_get(req->db, req->arena, pv->fy, &pv->strength)))
		return rc;
	return plan_challenges(req->db, req->arena, pv->fy, &pv->v, &pv->n);
}

/* The year picker: a GET form, so it needs no token and the address names the year. It offers
 * the years that have a plan, this year and the next (to write them), and the year shown. */
static void year_picker(struct request *req, const struct plan_view *pv)
{
	struct strbuf *h = &req->out;
	int now = date_fiscal_year(date_today());
	int hi = now + 1, lo = pv->fy < now ? pv->fy : now;
	if (pv->fy > hi)
		hi = pv->fy;
	if (pv->nyears && pv->years[0] > hi)
		hi = pv->years[0];
	if (pv->nyears && pv->years[pv->nyears - 1] < lo)
		lo = pv->years[pv->nyears - 1];
	html_printf(h, "<form method=\"get\" action=\"/plan\"><div class=\"field\"><label for=\"plan-fy\">%s</label>"
		       "<select id=\"plan-fy\" name=\"fy\">",
		    T(req, "Fiscal year"));
	for (int fy = hi; fy >= lo; fy--)
		if (fy == now || fy == now + 1 || fy == pv->fy || has_plan(pv, fy))
			html_option(h, arena_printf(req->arena, "%d", fy), fy_label(req, fy), fy == pv->fy);
	html_printf(h, "</select></div><button class=\"secondary\">%s</button></form>", T(req, "Show"));
}

static void textarea(struct request *req, const struct page_form *f, const char *form, const char *field,
		     const char *label_msgid, const char *value, int rows, bool required)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"%d\"%s",
		    form, field, T(req, label_msgid), form, field, field, rows, required ? " required" : "");
	page_field_state(req, f, form, field);
	html_printf(h, ">%s</textarea></div>", value);
}

static void challenge_fields(struct request *req, const struct page_form *f, const char *form,
			     const struct plan_challenge *c, int next_position)
{
	page_input(req, f, form, "position", N_("Position"), "number",
		   page_form_value(req, f, form, "position", arena_printf(req->arena, "%d", c ? c->position : next_position)),
		   true);
	textarea(req, f, form, "title", N_("Challenge (課題)"), page_form_value(req, f, form, "title", c ? c->title : ""), 2,
		 true);
	textarea(req, f, form, "policy", N_("Policy for the challenge (課題解決に向けた取組方針)"),
		 page_form_value(req, f, form, "policy", c ? c->policy : ""), 3, true);
	for (size_t i = 0; i < sizeof sectors / sizeof sectors[0]; i++) {
		const char *role = c && role_of(c, i) ? role_of(c, i) : "";
		textarea(req, f, form, sectors[i].field, sectors[i].label,
			 page_form_value(req, f, form, sectors[i].field, role), 3, false);
	}
}

static void challenge_card(struct request *req, const struct plan_challenge *c, bool manage, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"challenge-%" PRId64 "\"><h3>%s</h3><p class=\"text\">%s</p>", c->id,
		    page_fill(req, N_("Challenge {n}"), "{n}", arena_printf(req->arena, "%d", c->position), NULL), c->title);
	html_printf(h, "<h4>%s</h4><p class=\"text\">%s</p>", T(req, "Policy (取組方針)"), c->policy);
	html_printf(h, "<table><caption>%s</caption><tbody>", T(req, "Roles for the challenge and its policy"));
	for (size_t i = 0; i < sizeof sectors / sizeof sectors[0]; i++) {
		const char *role = role_of(c, i);
		html_printf(h, "<tr><th scope=\"row\">%s</th><td class=\"record-text\">%s</td></tr>", T(req, sectors[i].label),
			    role ? role : "—");
	}
	html_lit(h, "</tbody></table>");
	if (manage) {
		const char *form = arena_printf(req->arena, "challenge-%" PRId64 "-edit", c->id);
		html_printf(h, "<details%s><summary>%s</summary>", page_form_is(f, form) ? " open" : "",
			    T(req, "Edit the challenge"));
		page_form_error(req, f, form);
		html_form_open(h, arena_printf(req->arena, "/plan/challenges/%" PRId64, c->id), req->session.csrf);
		challenge_fields(req, f, form, c, 0);
		html_printf(h, "<button class=\"primary\">%s</button></form></details>", T(req, "Save"));
	}
	html_lit(h, "</section>");
}

static int plan_show(struct request *req, int fy, bool fall_back, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct plan_view pv;
	int rc = plan_load(req, fy, fall_back, &pv);
	if (rc)
		return rc;
	bool manage = policy_scope(req->session.user.role, "plan.manage") != SCOPE_NONE;
	const char *year = fy_label(req, pv.fy);

	page_begin(req, N_("Plan"));
	page_done_notice(req, done_notices);
	year_picker(req, &pv);
	if (pv.fy != pv.asked) {
		html_printf(h, "<div class=\"notice info\" role=\"status\">%s",
			    page_fill(req, N_("No plan has been written for {year} yet: this is the newest one, of {shown}."),
				      "{year}", fy_label(req, pv.asked), "{shown}", year, NULL));
		if (manage)
			html_printf(h, " <a href=\"/plan?fy=%d\">%s</a>", pv.asked,
				    page_fill(req, N_("Write the plan of {year}"), "{year}", fy_label(req, pv.asked), NULL));
		html_lit(h, "</div>");
	}
	html_printf(h, "<h2>%s</h2>",
		    page_fill(req, N_("Strengths and challenges, {year}"), "{year}", year, NULL));

	html_printf(h, "<section class=\"card\" id=\"strength\"><h3>%s</h3>", T(req, "Strengths (特徴・強み)"));
	if (pv.strength)
		html_printf(h, "<p class=\"text\">%s</p>", pv.strength);
	else
		html_printf(h, "<p>%s</p>", T(req, "No strengths written for this year."));
	if (manage) {
		bool again = page_form_is(f, "strength");
		html_printf(h, "<details%s><summary>%s</summary>", again ? " open" : "", T(req, "Write the strengths"));
		page_form_error(req, f, "strength");
		html_form_open(h, "/plan/strength", req->session.csrf);
		html_hidden(h, "fy", arena_printf(req->arena, "%d", pv.fy));
		textarea(req, f, "strength", "body", N_("Strengths"), page_form_value(req, f, "strength", "body", pv.strength ? pv.strength : ""),
			 5, true);
		html_printf(h, "<button class=\"primary\">%s</button></form></details>", T(req, "Save"));
	}
	html_lit(h, "</section>");

	if (pv.n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No challenges written for this year."));
	int next = 1;
	for (size_t i = 0; i < pv.n; i++) {
		challenge_card(req, &pv.v[i], manage, f);
		if (pv.v[i].position >= next)
			next = pv.v[i].position + 1;
	}
	if (manage) {
		html_printf(h, "<section class=\"card\"><h3 id=\"new-challenge\">%s</h3>", T(req, "Add a challenge"));
		page_form_error(req, f, "challenge");
		html_form_open(h, "/plan/challenges", req->session.csrf);
		html_hidden(h, "fy", arena_printf(req->arena, "%d", pv.fy));
		challenge_fields(req, f, "challenge", NULL, next > PLAN_POSITION_MAX ? PLAN_POSITION_MAX : next);
		html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
			    T(req, "Leave a sector's role blank when it has none for this challenge."), T(req, "Add"));
	}
	page_end(req);
	return 0;
}

int plan_page(struct request *req)
{
	const char *q = request_query(req, "fy");
	int fy = parse_fy(q);
	if (q && !fy)
		return ERR_NOTFOUND; /* no such fiscal year: nothing to show */
	return plan_show(req, fy ? fy : date_fiscal_year(date_today()), !fy, NULL);
}

/* ---- changes ---- */

struct strength_change {
	int fy;            /* the year */
	const char *body;  /* what was posted */
	const char *field; /* the field at fault */
	const char *msg;   /* why it was refused */
};

static int save_strength(struct request *req, void *ctx, struct audit_event *e)
{
	struct strength_change *c = ctx;
	return plan_strength_save(req->db, req->arena, c->fy, c->body, &c->field, &c->msg);
}

/* Answers a plan change: the page of the year with the form re-shown on a refusal, else back to
 * it with the notice. A year out of bounds shows the current one. */
static int answer(struct request *req, int rc, int fy, const char *form, const char *field, const char *msg,
		  const char *done, const char *anchor)
{
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = form, .field = field, .msg = msg ? msg : err_text(rc) };
		return plan_show(req, fy ? fy : date_fiscal_year(date_today()), false, &f);
	}
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/plan?fy=%d&done=%s#%s", fy, done, anchor));
}

int plan_strength_submit(struct request *req)
{
	struct strength_change c = { .fy = parse_fy(request_form(req, "fy")), .body = request_form(req, "body") };
	int rc = page_write(req, save_strength, &c, "plan.strength", "plan_strength", arena_printf(req->arena, "%d", c.fy));
	return answer(req, rc, c.fy, "strength", c.field, c.msg, "strength", "strength");
}

struct challenge_change {
	struct plan_challenge c; /* what to store */
	const char *field;       /* the field at fault */
	const char *msg;         /* why it was refused */
};

static struct plan_challenge challenge_from_form(struct request *req)
{
	return (struct plan_challenge){
		.position = posted_int(req, "position"),
		.title = (char *)request_form(req, "title"),
		.policy = (char *)request_form(req, "policy"),
		.role_government = (char *)request_form(req, "role_government"),
		.role_medical = (char *)request_form(req, "role_medical"),
		.role_welfare = (char *)request_form(req, "role_welfare"),
		.role_other = (char *)request_form(req, "role_other"),
	};
}

static int save_challenge(struct request *req, void *ctx, struct audit_event *e)
{
	struct challenge_change *c = ctx;
	bool created = c->c.id == 0;
	int rc = plan_challenge_save(req->db, req->arena, &c->c, &c->field, &c->msg);
	if (!rc && created)
		e->object_id = arena_printf(req->arena, "%" PRId64, c->c.id);
	return rc;
}

int plan_challenge_create(struct request *req)
{
	struct challenge_change c = { .c = challenge_from_form(req) };
	c.c.fy = parse_fy(request_form(req, "fy"));
	int rc = page_write(req, save_challenge, &c, "plan.challenge.create", "plan_challenge", NULL);
	return answer(req, rc, c.c.fy, "challenge", c.field, c.msg, "challenge",
		      arena_printf(req->arena, "challenge-%" PRId64, c.c.id));
}

int plan_challenge_update(struct request *req)
{
	struct plan_challenge old;
	int rc = plan_challenge_get(req->db, req->arena, req->id, &old);
	if (rc)
		return rc;
	struct challenge_change c = { .c = challenge_from_form(req) };
	c.c.id = req->id;
	c.c.fy = old.fy;
	rc = page_write(req, save_challenge, &c, "plan.challenge.update", "plan_challenge",
			arena_printf(req->arena, "%" PRId64, req->id));
	return answer(req, rc, old.fy, arena_printf(req->arena, "challenge-%" PRId64 "-edit", req->id), c.field, c.msg,
		      "challenge_saved", arena_printf(req->arena, "challenge-%" PRId64, req->id));
}
