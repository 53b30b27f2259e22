/*
 * referrals — the agent's side of the housing referral system (住宅あっせんシステム), made for a
 * phone: the housing requests sent to the agent's firm (/referrals), one request with the firm's
 * own flats ranked against it and a form to propose each, the support-structure sheet
 * (支援体制確認シート) as a page and as a PDF for the landlord, and — once the tenant moved into one
 * of the firm's flats — the form to raise a tenancy concern. Also the agent's dashboard card, and
 * the sheet's HTML and PDF answer that the counsellor's preview (housing.c) shares, so that both
 * sides see the same sheet.
 *
 * What the agent may reach is decided by domain/housing.c alone (housing_agent_request_get): a
 * request sent to the firm, while it cooperates and the person's housing_agents consent is in
 * force. Everything else — another firm's request, a revoked or expired consent, a firm no longer
 * cooperating, an id that does not exist — gets the one answer no_access() gives, the same
 * status and the same words, so an agent cannot tell them apart. The agent sees struct
 * agent_request and struct support_sheet, never a case, a person or a record; of the proposals
 * and concerns only the firm's own.
 *
 * Every page that names the office or the tenant records the read in the audit log before any of
 * it is written; when that fails nothing is shown. Changes go through page_write with ids only.
 */
#include "arena.h"
#include "domain/access.h"
#include "domain/agent.h"
#include "domain/directory.h"
#include "domain/housing.h"
#include "domain/support_sheet.h"
#include "error.h"
#include "pages.h"
#include "report/support_sheet_pdf.h"

#include <inttypes.h>
#include <string.h>

static const char *int_text(struct request *req, int v)
{
	return arena_printf(req->arena, "%d", v);
}

/* The firm of the logged-in agent and today in Japan. */
struct agent_view {
	int64_t org;             /* the agent's firm */
	struct access acc;       /* acc.today is the day every rule is judged on */
	struct agent_request r;  /* the request, when one is loaded */
};

static void view_init(struct request *req, struct agent_view *v)
{
	memset(v, 0, sizeof *v);
	page_access(req, &v->acc);
	v->org = req->session.user.organisation_id;
}

/*
 * The one answer to a request the firm may not reach, whatever the reason: 403 with the same
 * page. The refusal is audited with the id asked for (ids only), so that guessing shows in the
 * log; the page says nothing of why.
 */
static int no_access(struct request *req)
{
	/* Best effort: the answer is the same whether the row was written or not. */
	page_audit_refused(req, req->route ? req->route->policy : "referral.view", "housing_request",
			   page_id(req, req->id));
	req->out.len = 0;
	if (req->out.buf)
		req->out.buf[0] = '\0';
	page_error(req, 403, N_("You have no access to this housing request."));
	return 0;
}

/* Loads request req->id as the firm sees it today. ERR_NOTFOUND means "answer no_access()". */
static int load(struct request *req, struct agent_view *v)
{
	view_init(req, v);
	return housing_agent_request_get(req->db, req->arena, v->org, req->id, v->acc.today, &v->r);
}

static bool looking(const struct agent_request *r)
{
	return strcmp(r->status, "open") == 0 || strcmp(r->status, "viewing") == 0;
}

/* The status as the firm may know it. While the search goes on, and for a flat of its own, the
 * request's own status; otherwise only that the search ended — not whether the person moved into
 * another firm's flat or gave up, which is the person's business and not the firm's. */
static const char *status_text(struct request *req, const struct agent_request *r)
{
	if (looking(r) || r->listing_id)
		return T(req, code_label(housing_statuses, r->status));
	return T(req, "No longer looking for a flat");
}

/* The translation of msgid with its {date} as page_date shows it (a <time> with the era). */
static void text_with_date(struct request *req, const char *msgid, const char *iso)
{
	const char *text = T(req, msgid);
	const char *at = strstr(text, "{date}");
	if (!at) {
		html_text(&req->out, text);
		return;
	}
	html_text(&req->out, arena_strndup(req->arena, text, (size_t)(at - text)));
	page_date(req, iso);
	html_text(&req->out, at + strlen("{date}"));
}



/* The request's wishes as label/value pairs: what the firm looks for a flat with. */
static void wishes(struct request *req, const struct agent_request *r, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>", T(req, "Budget (rent and fees a month)"));
	page_yen(req, r->budget);
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Wards"));
	html_text(h, page_ward_list(req, w, r->wards, r->n_wards));
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Conditions"));
	html_text(h, page_code_list(req, housing_conditions, r->conditions, r->n_conditions));
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Move in by"));
	page_date(req, r->move_by);
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(req, "Office"), r->office_name,
		    T(req, "Sent on"));
	page_date(req, r->sent_on);
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd></dl>", T(req, "Status"), status_text(req, r));
}

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "proposed", N_("Your flat was proposed to the counsellor."), NULL },
	{ "concern", N_("Your concern was sent to the care team. They will take it up."), NULL },
	{ NULL, NULL, NULL },
};

/* ---- the dashboard card ---- */

int referrals_home_section(struct request *req)
{
	struct strbuf *h = &req->out;
	struct agent_view v;
	view_init(req, &v);
	int waiting = 0;
	struct agent_request *r;
	struct listing *l;
	size_t n, nl;
	static const char *const open[] = { "open", NULL };
	int rc = housing_agent_waiting(req->db, v.org, v.acc.today, &waiting);
	if (rc || (rc = housing_agent_requests(req->db, req->arena, v.org, v.acc.today, &r, &n)) ||
	    (rc = listings_of(req->db, req->arena, v.org, open, &l, &nl)))
		return rc;
	/* Under way with the firm: still looking and the firm proposed a flat, or applied for or
	 * contracted on one of its flats (listing_id is set only for the firm's own). */
	int busy = 0;
	for (size_t i = 0; i < n; i++)
		busy += looking(&r[i]) ? r[i].proposals > 0
				       : r[i].listing_id && (strcmp(r[i].status, "application") == 0 ||
							     strcmp(r[i].status, "contract") == 0);
	html_printf(h, "<section class=\"card agent-home%s\"><h2>%s</h2>", waiting ? " due" : "", T(req, "Housing requests"));
	html_printf(h, "<dl class=\"pairs counts\"><dt>%s</dt><dd><strong>%d</strong></dd><dt>%s</dt><dd>%d</dd>"
		       "<dt>%s</dt><dd>%zu</dd></dl>",
		    T(req, "Waiting for your proposal"), waiting, T(req, "In progress with your flats"), busy,
		    T(req, "Your open listings"), nl);
	html_printf(h, "<ul class=\"taps\"><li><a class=\"button primary\" href=\"/referrals\">%s</a></li>"
		       "<li><a class=\"button\" href=\"/listings\">%s</a></li>"
		       "<li><a class=\"button\" href=\"/feedback/new\">%s</a></li></ul></section>",
		    T(req, "See the housing requests"), T(req, "Our listings"), T(req, "Send feedback on the scheme"));
	return 0;
}

/* ---- /referrals ---- */

int referrals_page(struct request *req)
{
	struct strbuf *h = &req->out;
	struct agent_view v;
	view_init(req, &v);
	struct agent_request *r;
	struct page_wards w;
	size_t n;
	int rc = housing_agent_requests(req->db, req->arena, v.org, v.acc.today, &r, &n);
	if (rc)
		return rc;
	/* The list names the offices that sent the requests: a read like the request page's. */
	if (n && (rc = page_audit_read(req, "referral.list", "housing_request", NULL)))
		return rc;
	page_wards_load(req, &w);
	page_begin(req, N_("Housing requests"));
	html_printf(h, "<p>%s</p>",
		    T(req, "Requests the consultation offices sent to your firm. Open one to see its support-structure sheet and to propose your flats."));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No housing requests for your firm at the moment."));
	html_lit(h, "<div class=\"referrals\">");
	for (size_t i = 0; i < n; i++) {
		bool waiting = looking(&r[i]) && r[i].proposals == 0;
		html_printf(h, "<article class=\"card referral%s\" id=\"request-%" PRId64 "\"><h2>"
			       "<a href=\"/referrals/%" PRId64 "\">%s</a></h2>",
			    waiting ? " due" : "", r[i].id, r[i].id,
			    page_fill(req, N_("Housing request No. {n}"), "{n}", page_id(req, r[i].id), NULL));
		if (waiting)
			html_printf(h, "<p class=\"badge\">%s</p>", T(req, "Waiting for your proposal"));
		wishes(req, &r[i], &w);
		if (r[i].proposals)
			html_printf(h, "<p>%s</p>",
				    page_fill(req, N_("You proposed {n} flats."), "{n}", int_text(req, r[i].proposals), NULL));
		html_printf(h, "<p><a class=\"button\" href=\"/referrals/%" PRId64 "\">%s</a></p></article>", r[i].id,
			    T(req, "Open the request"));
	}
	html_lit(h, "</div>");
	page_end(req);
	return 0;
}

/* ---- /referrals/:id ---- */

/* The note box of a propose form, with what was typed when it is the one refused. */
static void propose_form(struct request *req, const struct agent_request *r, int64_t lid, const struct page_form *f,
			 bool again)
{
	struct strbuf *h = &req->out;
	const struct page_form *mine = again ? f : NULL;
	page_form_error(req, mine, "propose");
	html_form_open(h, arena_printf(req->arena, "/referrals/%" PRId64 "/proposals", r->id), req->session.csrf);
	html_hidden(h, "listing", page_id(req, lid));
	html_printf(h, "<div class=\"field\"><label for=\"propose-%" PRId64 "-note\">%s</label>"
		       "<textarea id=\"propose-%" PRId64 "-note\" name=\"note\" rows=\"2\" maxlength=\"%d\"",
		    lid, T(req, "Note to the counsellor (optional)"), lid, HOUSING_NOTE_MAX);
	page_field_state(req, mine, "propose", "note");
	html_printf(h, ">%s</textarea></div><button class=\"primary\">%s</button></form>",
		    page_form_value(req, mine, "propose", "note", ""), T(req, "Propose this flat"));
}

/* The flat in one line: address, layout, rent and fees. */
static void flat_line(struct request *req, const char *address, const char *layout, int rent, int fees)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<strong>%s</strong><br>", address);
	if (layout)
		html_printf(h, "%s ・ ", T(req, code_label(listing_layouts, layout)));
	page_yen(req, rent);
	if (fees) {
		html_printf(h, " <small>%s ", T(req, "+ fees"));
		page_yen(req, fees);
		html_lit(h, "</small>");
	}
}

/* The firm's own open flats ranked against the request (housing_match with the firm), best fit
 * first. Only budget, wards, conditions and the date matter to the ranking. */
static int firm_matches(struct request *req, const struct agent_view *v, struct housing_match **m, size_t *n)
{
	const struct agent_request *r = &v->r;
	struct housing_request wish = {
		.budget = r->budget, .move_by = r->move_by, .wards = r->wards, .n_wards = r->n_wards,
		.conditions = r->conditions, .n_conditions = r->n_conditions,
	};
	return housing_match(req->db, req->arena, &wish, v->org, v->acc.today, m, n);
}

/* The ranked flats, each with why and a propose form; a flat proposed already says so instead.
 * refused is the flat whose form f re-shows (0: none). */
static void matches_section(struct request *req, const struct agent_request *r, const struct housing_match *m,
			    size_t n, const struct housing_proposal *p, size_t np, const struct page_form *f,
			    int64_t refused)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\" id=\"propose\"><h2>%s</h2><p>%s</p>", T(req, "Propose your flats"),
		    T(req, "Your open listings, best fit first, with the reasons. Propose the ones the tenant could live in."));
	if (n == 0)
		html_printf(h, "<p>%s <a href=\"/listings/new\">%s</a></p>", T(req, "You have no open listing at the moment."),
			    T(req, "Add a listing"));
	else
		html_lit(h, "<ol class=\"matches\">");
	for (size_t i = 0; i < n; i++) {
		const struct listing *l = m[i].listing;
		bool proposed = false;
		for (size_t k = 0; k < np; k++)
			proposed |= p[k].listing_id == l->id;
		html_printf(h, "<li class=\"match %s\" id=\"listing-%" PRId64 "\">", m[i].fits ? "fits" : "near", l->id);
		flat_line(req, l->address, l->layout, l->rent, l->fees);
		html_lit(h, "<ul class=\"reasons\">");
		for (size_t k = 0; k < m[i].n_reasons; k++)
			html_printf(h, "<li class=\"%s\">%s%s%s</li>", m[i].good[k] ? "good" : "bad",
				    m[i].good[k] ? "○ " : "× ", T(req, m[i].reasons[k]),
				    m[i].details[k] ? arena_printf(req->arena, ": %s", m[i].details[k]) : "");
		html_lit(h, "</ul>");
		if (proposed && refused != l->id)
			html_printf(h, "<p class=\"badge\">%s</p>", T(req, "Proposed"));
		else
			propose_form(req, r, l->id, f, refused == l->id);
		html_lit(h, "</li>");
	}
	if (n)
		html_lit(h, "</ol>");
	html_lit(h, "</section>");
}

static void proposals_section(struct request *req, const struct housing_proposal *p, size_t np)
{
	struct strbuf *h = &req->out;
	if (np == 0)
		return;
	html_printf(h, "<section class=\"card\" id=\"proposals\"><h2>%s</h2><ul class=\"proposals\">",
		    T(req, "Flats you proposed"));
	for (size_t i = 0; i < np; i++) {
		html_printf(h, "<li><a href=\"/listings/%" PRId64 "\">%s</a><br>", p[i].listing_id, p[i].address);
		page_yen(req, p[i].rent);
		if (p[i].fees) {
			html_printf(h, " <small>%s ", T(req, "+ fees"));
			page_yen(req, p[i].fees);
			html_lit(h, "</small>");
		}
		html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>", T(req, "Proposed on"));
		page_date(req, p[i].proposed_on);
		html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Viewing on"));
		if (p[i].viewing_on)
			page_date(req, p[i].viewing_on);
		else
			html_text(h, T(req, "Not arranged yet"));
		html_printf(h, "</dd><dt>%s</dt><dd>%s</dd>", T(req, "Listing status"),
			    T(req, code_label(listing_statuses, p[i].listing_status)));
		if (p[i].note)
			html_printf(h, "<dt>%s</dt><dd class=\"text\">%s</dd>", T(req, "Your note"), p[i].note);
		html_lit(h, "</dl></li>");
	}
	html_lit(h, "</ul></section>");
}

/* After the tenant moved into one of the firm's flats: the flat, the form to raise a concern, and
 * the firm's concerns with only whether and when the team took each up. */
static int tenancy_section(struct request *req, const struct agent_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct listing l;
	int rc = listing_get(req->db, req->arena, v->r.listing_id, &l);
	if (rc || l.organisation_id != v->org)
		return rc ? rc : ERR_NOTFOUND;
	struct tenancy_concern *c;
	size_t n;
	if ((rc = housing_concerns_of(req->db, req->arena, v->r.id, false, &c, &n)))
		return rc;
	html_printf(h, "<section class=\"card\" id=\"tenancy\"><h2>%s</h2><p>%s</p>", T(req, "The tenancy"),
		    T(req, "The tenant moved into your flat:"));
	html_printf(h, "<p><strong>%s</strong></p>", l.address);
	html_printf(h, "<h3>%s</h3><p>%s</p>", T(req, "Raise a concern"),
		    T(req, "Rent arrears, trouble with neighbours, no contact, a worry about health: the care team sees it on their dashboard at once. For an emergency, call the 24-hour contact on the sheet."));
	page_form_error(req, f, "concern");
	html_form_open(h, arena_printf(req->arena, "/referrals/%" PRId64 "/concerns", v->r.id), req->session.csrf);
	page_select_open(req, f, "concern", "kind", N_("What it is about"));
	page_code_options(req, housing_concern_kinds, page_form_value(req, f, "concern", "kind", NULL));
	html_lit(h, "</select></div>");
	html_printf(h, "<div class=\"field\"><label for=\"concern-body\">%s</label>"
		       "<textarea id=\"concern-body\" name=\"body\" rows=\"4\" maxlength=\"%d\" required",
		    T(req, "What happened"), HOUSING_CONCERN_MAX);
	page_field_state(req, f, "concern", "body");
	html_printf(h, ">%s</textarea></div><button class=\"primary\">%s</button></form>",
		    page_form_value(req, f, "concern", "body", ""), T(req, "Send the concern"));
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		/* Only the firm raises concerns about its own flat; the name check is a second lock. */
		if (c[i].organisation_id != req->session.user.organisation_id)
			continue;
		if (!any)
			html_printf(h, "<h3>%s</h3><ul class=\"concerns\">", T(req, "Concerns you raised"));
		any = true;
		html_printf(h, "<li><strong>%s</strong> ・ ", T(req, code_label(housing_concern_kinds, c[i].kind)));
		page_date(req, c[i].raised_on);
		html_printf(h, "<p class=\"text\">%s</p><p>", c[i].body);
		if (c[i].acknowledged_on) {
			text_with_date(req, N_("Taken up by the care team on {date}"), c[i].acknowledged_on);
		} else {
			html_text(h, T(req, "Not taken up yet"));
		}
		html_lit(h, "</p></li>");
	}
	if (any)
		html_lit(h, "</ul>");
	html_lit(h, "</section>");
	return 0;
}

/* The request page, re-showing the refused form f when non-NULL. Everything is read before the
 * audit row and the first byte of the page. */
static int referral_show(struct request *req, struct agent_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct agent_request *r = &v->r;
	struct housing_proposal *all, *p;
	struct housing_match *m = NULL;
	struct page_wards w;
	size_t n, np = 0, nm = 0;
	int rc = housing_proposals(req->db, req->arena, r->id, &all, &n);
	if (rc)
		return rc;
	/* Only the firm's own proposals: which flats other firms offered is theirs. */
	p = n ? arena_alloc(req->arena, n * sizeof *p) : NULL;
	if (n && !p)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n; i++)
		if (all[i].organisation_id == v->org)
			p[np++] = all[i];
	if (looking(r) && (rc = firm_matches(req, v, &m, &nm)))
		return rc;
	if ((rc = page_audit_read(req, "referral.view", "housing_request", page_id(req, r->id))))
		return rc;
	page_wards_load(req, &w);
	bool tenancy = strcmp(r->status, "moved_in") == 0 && r->listing_id;
	/* The flat whose propose form is re-shown; a refusal whose form is not on the page (a flat
	 * not among the firm's open listings, a concern before moving in) is said at the top. */
	int64_t refused = 0;
	for (size_t i = 0; page_form_is(f, "propose") && i < nm; i++)
		if (m[i].listing->id == page_form_id(req, "listing"))
			refused = m[i].listing->id;
	bool at_top = (page_form_is(f, "propose") && !refused) || (page_form_is(f, "concern") && !tenancy);

	page_begin(req, N_("Housing request"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p class=\"crumbs\"><a href=\"/referrals\">%s</a> ・ %s</p>", T(req, "All housing requests"),
		    page_fill(req, N_("Housing request No. {n}"), "{n}", page_id(req, r->id), NULL));
	if (at_top)
		page_notice(req, "error", f->msg);
	html_printf(h, "<section class=\"card\" id=\"request\"><h2>%s</h2>", T(req, "What the tenant is looking for"));
	wishes(req, r, &w);
	if (r->agent_note)
		html_printf(h, "<h3>%s</h3><p class=\"text\">%s</p>", T(req, "Note from the counsellor"), r->agent_note);
	if (r->has_sheet)
		html_printf(h, "<ul class=\"taps\"><li><a class=\"button primary\" href=\"/referrals/%" PRId64 "/sheet\">%s</a></li>"
			       "<li><a class=\"button\" href=\"/referrals/%" PRId64 "/sheet.pdf\">%s</a></li></ul>",
			    r->id, T(req, "Support-structure sheet"), r->id, T(req, "Sheet as PDF for the landlord"));
	html_lit(h, "</section>");
	proposals_section(req, p, np);
	if (looking(r))
		matches_section(req, r, m, nm, p, np, f, refused);
	if (tenancy && (rc = tenancy_section(req, v, f)))
		return rc;
	page_end(req);
	return 0;
}

int referral_page(struct request *req)
{
	struct agent_view v;
	int rc = load(req, &v);
	if (rc == ERR_NOTFOUND)
		return no_access(req);
	return rc ? rc : referral_show(req, &v, NULL);
}

/* ---- proposing and raising a concern ---- */

struct referral_change {
	struct agent_view *v;
	struct page_form f;           /* the form, and on refusal its field and reason */
	int64_t listing_id;           /* a proposal's flat */
	struct tenancy_concern c;     /* a concern's kind and text */
};

static int propose(struct request *req, void *ctx, struct audit_event *e)
{
	(void)e;
	struct referral_change *k = ctx;
	return housing_propose(req->db, req->arena, k->v->org, k->v->r.id, k->listing_id, request_form(req, "note"),
			       req->session.user.id, k->v->acc.today, &k->f.field, &k->f.msg);
}

static int raise_concern(struct request *req, void *ctx, struct audit_event *e)
{
	(void)e;
	struct referral_change *k = ctx;
	return housing_concern_raise(req->db, req->arena, k->v->org, k->v->r.id, &k->c, req->session.user.id,
				     k->v->acc.today, &k->f.field, &k->f.msg);
}

/* Runs change fn for the request at req->id as audit action, then 303 to the request with
 * ?done=done, or the page again with the refused form. */
static int change(struct request *req, int (*fn)(struct request *, void *, struct audit_event *),
		  struct referral_change *k, const char *action, const char *done)
{
	struct agent_view v;
	int rc = load(req, &v);
	if (rc == ERR_NOTFOUND)
		return no_access(req);
	if (rc)
		return rc;
	k->v = &v;
	rc = page_write(req, fn, k, action, "housing_request", page_id(req, v.r.id));
	/* The domain checks the request again inside the transaction: it may have closed since. */
	if (rc == ERR_NOTFOUND)
		return no_access(req);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		if (!k->f.msg)
			k->f.msg = err_text(rc);
		return referral_show(req, &v, &k->f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/referrals/%" PRId64 "?done=%s", v.r.id, done));
}

int referral_propose(struct request *req)
{
	struct referral_change k = { .f = { .name = "propose" }, .listing_id = page_form_id(req, "listing") };
	return change(req, propose, &k, "housing.propose", "proposed");
}

int referral_concern(struct request *req)
{
	struct referral_change k = { .f = { .name = "concern" } };
	k.c.kind = (char *)request_form(req, "kind");
	k.c.body = (char *)request_form(req, "body");
	return change(req, raise_concern, &k, "housing.concern.raise", "concern");
}

/* ---- the sheet ---- */

/* Loads the request and its sheet for the agent; *denied when the firm may not reach it. */
static int load_sheet(struct request *req, struct agent_view *v, struct support_sheet *s, bool *denied)
{
	*denied = false;
	int rc = load(req, v);
	if (rc == ERR_NOTFOUND) {
		*denied = true;
		return 0;
	}
	if (rc)
		return rc;
	return support_sheet_get(req->db, req->arena, v->r.id, v->acc.today, s);
}

int referral_sheet_page(struct request *req)
{
	struct agent_view v;
	struct support_sheet s;
	bool denied;
	int rc = load_sheet(req, &v, &s, &denied);
	if (denied)
		return no_access(req);
	if (rc || (rc = page_audit_read(req, "sheet.view", "housing_request", page_id(req, v.r.id))))
		return rc;
	page_begin(req, N_("Support-structure sheet"));
	html_printf(&req->out, "<ul class=\"taps noprint\"><li><a class=\"button primary\" href=\"/referrals/%" PRId64 "/sheet.pdf\">%s</a></li>"
			       "<li><a class=\"button\" href=\"/referrals/%" PRId64 "\">%s</a></li></ul>",
		    v.r.id, T(req, "Sheet as PDF for the landlord"), v.r.id, T(req, "Back to the request"));
	sheet_html(req, &s);
	page_end(req);
	return 0;
}

int referral_sheet_pdf(struct request *req)
{
	struct agent_view v;
	struct support_sheet s;
	bool denied;
	int rc = load_sheet(req, &v, &s, &denied);
	if (denied)
		return no_access(req);
	if (rc || (rc = page_audit_read(req, "sheet.pdf", "housing_request", page_id(req, v.r.id))))
		return rc;
	return sheet_pdf_respond(req, &s);
}

/* A phone number as a tel: link when it has digits (only the digits and a leading + go into the
 * URL, so nothing else can), as text otherwise. */
static void phone_link(struct request *req, const char *phone)
{
	if (!phone || !*phone) {
		html_lit(&req->out, "—");
		return;
	}
	size_t len = strlen(phone);
	char *uri = arena_alloc(req->arena, len + 1);
	size_t k = 0;
	for (size_t i = 0; uri && i < len; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') || (phone[i] == '+' && k == 0))
			uri[k++] = phone[i];
	if (!uri || k == 0 || (k == 1 && uri[0] == '+')) {
		html_text(&req->out, phone);
		return;
	}
	uri[k] = '\0';
	html_printf(&req->out, "<a href=\"tel:%s\">%s</a>", uri, phone);
}

/* A row of the sheet: the label and the text, "—" when it is empty. */
static void sheet_row(struct request *req, const char *label_msgid, const char *value)
{
	html_printf(&req->out, "<dt>%s</dt><dd>%s</dd>", T(req, label_msgid), value && *value ? value : "—");
}

/* A row whose text keeps the counsellor's line breaks (a plan). */
static void sheet_plan(struct request *req, const char *label_msgid, const char *value)
{
	html_printf(&req->out, "<dt>%s</dt><dd class=\"text\">%s</dd>", T(req, label_msgid), value && *value ? value : "—");
}

/*
 * The sheet in the order and words of the PDF (report/support_sheet_pdf.c), so the landlord's
 * paper and the screen agree: the tenant, the 24-hour contact standing out, whom to call, the
 * support, rent and money, what happens if something happens. Every field of struct
 * support_sheet is shown (an empty one as "—") except the clinic, which is left out unless
 * the person agreed to show it — support_sheet_get leaves it NULL then.
 */
void sheet_html(struct request *req, const struct support_sheet *s)
{
	struct strbuf *h = &req->out;
	const struct support_sheet_input *in = &s->in;
	html_printf(h, "<section class=\"sheet\" aria-labelledby=\"sheet-title\"><header class=\"sheet-head\">"
		       "<h2 id=\"sheet-title\">%s</h2><p>",
		    T(req, "Support-structure sheet"));
	text_with_date(req, N_("Issued on {date}"), s->issued_on);
	html_printf(h, "</p><p class=\"hint\">%s</p></header>",
		    T(req, "This sheet shows who supports the tenant and whom to call. It is given to the agent and the landlord with the tenant's consent. If you are worried about the tenant, please call the 24-hour contact first."));

	html_printf(h, "<dl class=\"pairs sheet-tenant\"><dt>%s</dt><dd><strong>%s</strong></dd><dt>%s</dt><dd>%s</dd></dl>",
		    T(req, "Tenant"), s->tenant_name, T(req, "Age band"),
		    s->age_decade > 0 ? page_fill(req, N_("in their {n}s"), "{n}", int_text(req, s->age_decade), NULL) : "—");

	html_printf(h, "<div class=\"sheet-call\"><h3>%s</h3><p class=\"sheet-who\">%s</p><p class=\"tel\">",
		    T(req, "24-hour contact"), in->contact_24h_name && *in->contact_24h_name ? in->contact_24h_name : "—");
	phone_link(req, in->contact_24h_phone);
	html_lit(h, "</p></div>");

	html_printf(h, "<h3>%s</h3><dl class=\"pairs\">", T(req, "Whom to call"));
	sheet_row(req, N_("Counsellor"), in->counselor_name);
	html_printf(h, "<dt>%s</dt><dd>", T(req, "Counsellor's phone"));
	phone_link(req, in->counselor_phone);
	html_lit(h, "</dd>");
	sheet_row(req, N_("Support office"), s->office_name);
	html_lit(h, "</dl>");

	html_printf(h, "<h3>%s</h3><dl class=\"pairs\">", T(req, "Support"));
	if (in->clinic_name && *in->clinic_name)
		sheet_row(req, N_("Clinic attended"), in->clinic_name);
	sheet_row(req, N_("Visiting nurse"), in->visiting_nurse);
	sheet_row(req, N_("Day activity"), in->day_activity);
	sheet_row(req, N_("Visits by supporters"), in->visit_frequency);
	sheet_row(req, N_("Safety checks"), in->safety_check);
	html_lit(h, "</dl>");

	html_printf(h, "<h3>%s</h3><dl class=\"pairs\">", T(req, "Rent and money"));
	sheet_row(req, N_("Rent payment"), in->rent_payment ? T(req, code_label(sheet_rent_payments, in->rent_payment)) : NULL);
	sheet_row(req, N_("Guarantee company"), in->guarantee_company);
	sheet_row(req, N_("Money management"),
		  in->money_management ? T(req, code_label(sheet_money_managements, in->money_management)) : NULL);
	html_lit(h, "</dl>");

	html_printf(h, "<h3>%s</h3><dl class=\"pairs\">", T(req, "If something happens"));
	sheet_plan(req, N_("Emergency plan"), in->emergency_plan);
	sheet_plan(req, N_("On moving out"), in->moving_out_plan);
	html_lit(h, "</dl><p class=\"sheet-foot\">");
	text_with_date(req, N_("Last updated by the counsellor: {date}"), s->updated_on);
	html_lit(h, "</p></section>");
}

int sheet_pdf_respond(struct request *req, const struct support_sheet *s)
{
	struct strbuf pdf;
	strbuf_init(&pdf, req->arena, 0);
	int rc = support_sheet_pdf(s, req->lang, &pdf);
	if (rc)
		return rc;
	if (pdf.failed)
		return ERR_TOOBIG;
	/* The body is binary: the server sends out.len bytes, NULs and all. Whatever the caller
	 * wrote before is dropped with the old buffer. */
	req->out = pdf;
	req->content_type = "application/pdf";
	request_set_header(req, "Content-Disposition",
			   arena_printf(req->arena, "attachment; filename=\"support-sheet-%" PRId64 ".pdf\"", s->request_id));
	return 0;
}
