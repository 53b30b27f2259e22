/*
 * agents — the city's screens of the association's agent firms (住宅あっせんシステム, 協力店):
 * the list of firms with registering one (/housing/agents), and one firm's page — its details and
 * covered wards, the trainings it completed, its cooperation periods with the start and end
 * button, its listings (read only) and its agent users. The rules live in domain/agent.c (for
 * one: cooperation starts only after a recorded training); this file brings a refused form back
 * with what was typed. Every change is written with its audit row (page_write), object
 * "organisation" and the firm's id; no names or free text reach the log.
 */
#include "arena.h"
#include "auth/audit.h"
#include "date.h"
#include "domain/agent.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>

/* The training most firms record: the association's course on the scheme. */
#define TRAINING_TITLE_HINT N_("For example: 住宅あっせん協力店研修 (the association's course on mental disorders and the scheme)")

static void today_iso(char out[11])
{
	date_format_iso(date_today(), out);
}

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "created", N_("The firm was registered. Record its training, then start the cooperation."), NULL },
	{ "saved", N_("The firm's details were saved."), NULL },
	{ "training", N_("The training was recorded."), NULL },
	{ "started", N_("The cooperation started today."), NULL },
	{ "ended", N_("The cooperation ended today."), NULL },
	{ NULL, NULL, NULL },
};




/* The covered-ward checkboxes: ticked as posted when f re-shows form, else as the firm has them. */
static void ward_boxes(struct request *req, const struct page_form *f, const char *form, const struct page_wards *w,
		       char **checked, size_t nchecked)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<fieldset class=\"field\"");
	page_field_state(req, f, form, "wards");
	html_printf(h, "><legend>%s</legend>", T(req, "Wards covered"));
	for (size_t i = 0; i < w->n; i++) {
		bool on = false;
		if (page_form_is(f, form))
			on = page_posted(req, "wards", w->v[i].code);
		else
			for (size_t k = 0; k < nchecked; k++)
				on |= strcmp(checked[k], w->v[i].code) == 0;
		html_printf(h, "<label class=\"inline\"><input type=\"checkbox\" name=\"wards\" value=\"%s\"%s> %s</label>",
			    w->v[i].code, on ? " checked" : "", w->v[i].name);
	}
	html_lit(h, "</fieldset>");
}

/* Member number, contact, phone, e-mail and wards: the part of the firm the city keeps here. */
static void firm_fields(struct request *req, const struct page_form *f, const char *form, const struct page_wards *w,
			const struct agent_firm *firm)
{
	page_input(req, f, form, "member_no", N_("Association member number"), "text",
		   page_form_value(req, f, form, "member_no", firm ? firm->member_no : ""), true);
	page_input(req, f, form, "contact_name", N_("Contact person"), "text",
		   page_form_value(req, f, form, "contact_name", firm ? firm->contact_name : ""), true);
	page_input(req, f, form, "phone", N_("Phone"), "tel",
		   page_form_value(req, f, form, "phone", firm ? firm->phone : ""), true);
	page_input(req, f, form, "email", N_("E-mail (optional)"), "email",
		   page_form_value(req, f, form, "email", firm && firm->email ? firm->email : ""), false);
	ward_boxes(req, f, form, w, firm ? firm->wards : NULL, firm ? firm->n_wards : 0);
}

/* ---- /housing/agents ---- */

static void cooperation_text(struct request *req, const struct agent_firm *firm)
{
	if (firm->cooperating_from) {
		html_printf(&req->out, "%s ", T(req, "Cooperating since"));
		page_date(req, firm->cooperating_from);
	} else {
		html_text(&req->out, T(req, firm->trained_on ? N_("Not cooperating") : N_("Not cooperating (no training yet)")));
	}
}

/* Real-estate agents of the directory not yet registered as firms: the register form may take one. */
static void directory_candidates(struct request *req, const struct page_form *f, const struct agent_firm *firms,
				 size_t nf)
{
	struct organisation *orgs;
	size_t n = 0;
	if (directory_orgs(req->db, req->arena, &orgs, &n))
		return;
	const char *chosen = page_form_value(req, f, "register", "organisation_id", "");
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		bool firm = false;
		for (size_t k = 0; k < nf; k++)
			firm |= firms[k].organisation_id == orgs[i].id;
		if (firm || !orgs[i].active || strcmp(orgs[i].kind, "real_estate") != 0)
			continue;
		if (!any) {
			page_select_open(req, f, "register", "organisation_id", N_("An agent already in the directory"));
			html_option(&req->out, "", T(req, "(none: a new organisation with the name above)"), !*chosen);
			any = true;
		}
		const char *id = page_id(req, orgs[i].id);
		html_option(&req->out, id, orgs[i].name, strcmp(chosen, id) == 0);
	}
	if (any)
		html_lit(&req->out, "</select></div>");
}

static int agents_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct agent_firm *firms;
	size_t n;
	struct page_wards w;
	int rc = agent_firms(req->db, req->arena, &firms, &n);
	if (rc)
		return rc;
	page_wards_load(req, &w);
	page_begin(req, N_("Agent firms"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>",
		    T(req, "Real-estate agents of the association (宅建協会) that cooperate in the housing referral system. A firm cooperates only after it completed the training; housing requests go only to cooperating firms."));
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No agent firms registered yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
			    T(req, "Firm"), T(req, "Member number"), T(req, "Wards covered"), T(req, "Latest training"),
			    T(req, "Cooperation"), T(req, "Open listings"));
		for (size_t i = 0; i < n; i++) {
			const struct agent_firm *a = &firms[i];
			html_printf(h, "<tr><td><a href=\"/housing/agents/%" PRId64 "\">%s</a>", a->organisation_id, a->name);
			if (!a->active)
				html_printf(h, " <small>%s</small>", T(req, "(inactive)"));
			html_printf(h, "</td><td>%s</td><td>%s</td><td>", a->member_no, page_ward_list(req, &w, a->wards, a->n_wards));
			page_date(req, a->trained_on);
			html_lit(h, "</td><td>");
			cooperation_text(req, a);
			html_printf(h, "</td><td class=\"num\">%d</td></tr>", a->open_listings);
		}
		html_lit(h, "</tbody></table>");
	}

	html_printf(h, "<section class=\"card\"><h2 id=\"register\">%s</h2>", T(req, "Register a firm"));
	page_form_error(req, f, "register");
	html_form_open(h, "/housing/agents", req->session.csrf);
	page_input(req, f, "register", "name", N_("Firm name"), "text", page_form_value(req, f, "register", "name", ""),
		   false);
	directory_candidates(req, f, firms, n);
	page_select_open(req, f, "register", "ward_code", N_("Ward of its office"));
	const char *office = page_form_value(req, f, "register", "ward_code", "");
	html_option(h, "", T(req, "(outside the city)"), !*office);
	for (size_t i = 0; i < w.n; i++)
		html_option(h, w.v[i].code, w.v[i].name, strcmp(office, w.v[i].code) == 0);
	html_lit(h, "</select></div>");
	firm_fields(req, f, "register", &w, NULL);
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
		    T(req, "Registering does not start the cooperation: record the firm's training on its page first."),
		    T(req, "Register"));
	page_end(req);
	return 0;
}

int agents_page(struct request *req)
{
	return agents_show(req, NULL);
}

struct firm_change {
	struct agent_firm firm; /* what to store */
	const char *field;      /* the field at fault */
	const char *msg;        /* why it was refused */
};

static int create_firm(struct request *req, void *ctx, struct audit_event *e)
{
	struct firm_change *c = ctx;
	struct municipality m;
	int rc = directory_municipality(req->db, req->arena, &m);
	if (rc || (rc = agent_firm_create(req->db, req->arena, m.code, &c->firm, &c->field, &c->msg)))
		return rc;
	e->object_id = page_id(req, c->firm.organisation_id);
	return 0;
}

/* The firm fields of the posted form (not the name: the register form adds it). */
static struct agent_firm firm_from_form(struct request *req)
{
	struct agent_firm firm = {
		.member_no = (char *)request_form(req, "member_no"),
		.contact_name = (char *)request_form(req, "contact_name"),
		.phone = (char *)request_form(req, "phone"),
		.email = (char *)request_form(req, "email"),
	};
	firm.wards = (char **)page_form_all(req, "wards", &firm.n_wards);
	return firm;
}

int agents_create(struct request *req)
{
	struct firm_change c = { .firm = firm_from_form(req) };
	c.firm.name = (char *)request_form(req, "name");
	c.firm.ward_code = (char *)request_form(req, "ward_code");
	c.firm.organisation_id = page_form_id(req, "organisation_id");
	int rc = page_write(req, create_firm, &c, "agent.create", "organisation", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = "register", .field = c.field, .msg = c.msg ? c.msg : err_text(rc) };
		return agents_show(req, &f);
	}
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/housing/agents/%" PRId64 "?done=created",
						  c.firm.organisation_id));
}

/* ---- /housing/agents/:id ---- */

/* Everything the firm page shows, read before anything is written out. */
struct firm_view {
	struct agent_firm firm;            /* the firm */
	struct agent_training *trainings;  /* latest first */
	size_t ntrainings;                 /* how many */
	struct agent_period *periods;      /* latest first */
	size_t nperiods;                   /* how many */
	struct listing *listings;          /* newest first */
	size_t nlistings;                  /* how many */
	struct user *users;                /* every user; the firm's are picked out */
	size_t nusers;                     /* how many */
	struct page_wards wards;                /* the municipality's */
};

static int firm_load(struct request *req, int64_t id, struct firm_view *v)
{
	*v = (struct firm_view){ 0 };
	int rc = agent_firm_get(req->db, req->arena, id, &v->firm);
	if (rc || (rc = agent_trainings(req->db, req->arena, id, &v->trainings, &v->ntrainings)) ||
	    (rc = agent_periods(req->db, req->arena, id, &v->periods, &v->nperiods)) ||
	    (rc = listings_of(req->db, req->arena, id, NULL, &v->listings, &v->nlistings)) ||
	    (rc = user_list(req->db, req->arena, &v->users, &v->nusers)))
		return rc;
	page_wards_load(req, &v->wards);
	return 0;
}

static void summary(struct request *req, const struct firm_view *v)
{
	struct strbuf *h = &req->out;
	const struct agent_firm *a = &v->firm;
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s", T(req, "Firm"), a->name);
	if (!a->active)
		html_printf(h, " <small>%s</small>", T(req, "(inactive)"));
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		    T(req, "Ward of its office"), a->ward_code ? page_ward_name(&v->wards, a->ward_code) : T(req, "(outside the city)"),
		    T(req, "Member number"), a->member_no, T(req, "Wards covered"),
		    page_ward_list(req, &v->wards, a->wards, a->n_wards));
	html_printf(h, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><a href=\"tel:", T(req, "Contact person"), a->contact_name,
		    T(req, "Phone"));
	html_url_arg(h, a->phone);
	html_printf(h, "\">%s</a></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", a->phone, T(req, "E-mail"),
		    a->email ? a->email : "—", T(req, "Cooperation"));
	cooperation_text(req, a);
	html_lit(h, "</dd></dl>");
}

static void details_section(struct request *req, const struct firm_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"details\">%s</h2>", T(req, "Details"));
	page_form_error(req, f, "details");
	html_form_open(h, arena_printf(req->arena, "/housing/agents/%" PRId64, v->firm.organisation_id), req->session.csrf);
	firm_fields(req, f, "details", &v->wards, &v->firm);
	html_printf(h, "<p class=\"hint\">%s</p><button class=\"primary\">%s</button></form></section>",
		    T(req, "The firm's name and whether it is active are kept in the directory (Organisations)."),
		    T(req, "Save"));
}

static void trainings_section(struct request *req, const struct firm_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"trainings\">%s</h2>", T(req, "Trainings completed"));
	if (v->ntrainings == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No training recorded yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			       "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
			    T(req, "Date"), T(req, "Training"), T(req, "Attendees"));
		for (size_t i = 0; i < v->ntrainings; i++) {
			html_lit(h, "<tr><td>");
			page_date(req, v->trainings[i].trained_on);
			html_printf(h, "</td><td>%s</td><td class=\"num\">%d</td></tr>", v->trainings[i].title,
				    v->trainings[i].attendees);
		}
		html_lit(h, "</tbody></table>");
	}
	html_printf(h, "<h3>%s</h3>", T(req, "Record a training"));
	page_form_error(req, f, "training");
	html_form_open(h, arena_printf(req->arena, "/housing/agents/%" PRId64 "/trainings", v->firm.organisation_id),
		       req->session.csrf);
	page_input(req, f, "training", "trained_on", N_("Date of the training"), "date",
		   page_form_value(req, f, "training", "trained_on", ""), true);
	html_printf(h, "<div class=\"field\"><label for=\"training-title\">%s</label><input id=\"training-title\" name=\"title\""
		       " required maxlength=\"200\" aria-describedby=\"training-title-hint\"",
		    T(req, "Title"));
	page_field_state(req, f, "training", "title");
	html_printf(h, " value=\"%s\"><p class=\"hint\" id=\"training-title-hint\">%s</p></div>",
		    page_form_value(req, f, "training", "title", ""), T(req, TRAINING_TITLE_HINT));
	html_printf(h, "<div class=\"field\"><label for=\"training-attendees\">%s</label><input id=\"training-attendees\""
		       " name=\"attendees\" type=\"number\" min=\"1\" max=\"100\" required",
		    T(req, "How many of the firm attended"));
	page_field_state(req, f, "training", "attendees");
	html_printf(h, " value=\"%s\"></div><button class=\"primary\">%s</button></form></section>",
		    page_form_value(req, f, "training", "attendees", "1"), T(req, "Record"));
}

static void cooperation_section(struct request *req, const struct firm_view *v, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"cooperation\">%s</h2>", T(req, "Cooperation"));
	page_form_error(req, f, "cooperation");
	if (v->nperiods == 0) {
		html_printf(h, "<p>%s</p>", T(req, "The firm has not cooperated yet."));
	} else {
		html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    T(req, "Start date"), T(req, "End date"));
		for (size_t i = 0; i < v->nperiods; i++) {
			html_lit(h, "<tr><td>");
			page_date(req, v->periods[i].from_on);
			html_lit(h, "</td><td>");
			if (v->periods[i].until_on)
				page_date(req, v->periods[i].until_on);
			else
				html_text(h, T(req, "(continuing)"));
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	}
	html_form_open(h, arena_printf(req->arena, "/housing/agents/%" PRId64 "/cooperation", v->firm.organisation_id),
		       req->session.csrf);
	if (v->firm.cooperating_from) {
		html_printf(h, "<p class=\"hint\">%s</p><button class=\"secondary\" name=\"action\" value=\"end\">%s</button>",
			    T(req, "Ending the cooperation today stops new housing requests to the firm, and the firm no longer sees the requests sent to it."),
			    T(req, "End the cooperation"));
	} else {
		if (!v->firm.trained_on && !page_form_is(f, "cooperation")) /* else the refusal says it */
			html_printf(h, "<p class=\"hint\">%s</p>",
				    T(req, "Cooperation can start only after a training: record the training the firm completed first."));
		html_printf(h, "<button class=\"primary\" name=\"action\" value=\"start\">%s</button>",
			    T(req, "Start the cooperation today"));
	}
	html_lit(h, "</form></section>");
}

static void listings_section(struct request *req, const struct firm_view *v)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"listings\">%s</h2>", T(req, "The firm's listings"));
	if (v->nlistings == 0) {
		html_printf(h, "<p>%s</p></section>", T(req, "No listings yet."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Address of the flat"), T(req, "Ward"), T(req, "Rent and fees a month"), T(req, "Layout"),
		    T(req, "Status"), T(req, "Updated"));
	for (size_t i = 0; i < v->nlistings; i++) {
		const struct listing *l = &v->listings[i];
		html_printf(h, "<tr><td>%s</td><td>%s</td><td class=\"num\">", l->address, page_ward_name(&v->wards, l->ward_code));
		page_yen(req, (int64_t)l->rent + l->fees);
		html_printf(h, "</td><td>%s</td><td>%s</td><td>", T(req, code_label(listing_layouts, l->layout)),
			    T(req, code_label(listing_statuses, l->status)));
		page_date(req, l->updated_on);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></section>");
}

static void users_section(struct request *req, const struct firm_view *v)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h2 id=\"users\">%s</h2>", T(req, "Agent users of the firm"));
	bool any = false;
	for (size_t i = 0; i < v->nusers; i++) {
		const struct user *u = &v->users[i];
		if (u->organisation_id != v->firm.organisation_id)
			continue;
		if (!any)
			html_lit(h, "<ul>");
		any = true;
		html_printf(h, "<li>%s <small>(%s", u->display_name, u->login);
		if (u->disabled)
			html_printf(h, "・%s", T(req, "disabled"));
		html_lit(h, ")</small></li>");
	}
	if (any)
		html_lit(h, "</ul>");
	else
		html_printf(h, "<p>%s</p>", T(req, "No users yet."));
	html_printf(h, "<p class=\"hint\">%s</p></section>",
		    T(req, "The system administrator creates the logins (role: real-estate agent) under the firm's organisation."));
}

static int firm_show(struct request *req, int64_t id, const struct page_form *f)
{
	struct firm_view v;
	int rc = firm_load(req, id, &v);
	if (rc)
		return rc;
	page_begin(req, N_("Agent firm"));
	page_done_notice(req, done_notices);
	summary(req, &v);
	cooperation_section(req, &v, f);
	trainings_section(req, &v, f);
	details_section(req, &v, f);
	listings_section(req, &v);
	users_section(req, &v);
	html_printf(&req->out, "<p><a href=\"/housing/agents\">%s</a></p>", T(req, "All agent firms"));
	page_end(req);
	return 0;
}

int agent_page(struct request *req)
{
	return firm_show(req, req->id, NULL);
}

/* Answers a firm change: back to the page with the form re-shown on a refusal, else a redirect. */
static int firm_answer(struct request *req, int rc, const char *form, const struct firm_change *c,
		       const char *done)
{
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = form, .field = c->field, .msg = c->msg ? c->msg : err_text(rc) };
		return firm_show(req, req->id, &f);
	}
	if (rc)
		return rc;
	return request_redirect(req, arena_printf(req->arena, "/housing/agents/%" PRId64 "?done=%s#%s", req->id, done,
						  form));
}

static int update_firm(struct request *req, void *ctx, struct audit_event *e)
{
	struct firm_change *c = ctx;
	return agent_firm_update(req->db, req->arena, &c->firm, &c->field, &c->msg);
}

int agent_update(struct request *req)
{
	struct agent_firm old;
	int rc = agent_firm_get(req->db, req->arena, req->id, &old);
	if (rc)
		return rc;
	struct firm_change c = { .firm = firm_from_form(req) };
	c.firm.organisation_id = req->id;
	rc = page_write(req, update_firm, &c, "agent.update", "organisation", page_id(req, req->id));
	return firm_answer(req, rc, "details", &c, "saved");
}

struct training_change {
	struct agent_training t; /* what to store */
	const char *field;       /* the field at fault */
	const char *msg;         /* why it was refused */
};

static int add_training(struct request *req, void *ctx, struct audit_event *e)
{
	struct training_change *c = ctx;
	char today[11];
	today_iso(today);
	return agent_training_add(req->db, req->arena, &c->t, req->session.user.id, today, &c->field, &c->msg);
}

int agent_training_submit(struct request *req)
{
	struct agent_firm firm;
	int rc = agent_firm_get(req->db, req->arena, req->id, &firm);
	if (rc)
		return rc;
	struct training_change c = { .t = {
		.organisation_id = req->id,
		.trained_on = (char *)request_form(req, "trained_on"),
		.title = (char *)request_form(req, "title"),
		.attendees = page_form_number(req, "attendees", -1),
	} };
	rc = page_write(req, add_training, &c, "agent.training", "organisation", page_id(req, req->id));
	struct firm_change answer = { .field = c.field, .msg = c.msg };
	return firm_answer(req, rc, "training", &answer, "training");
}

struct cooperation_change {
	bool start;        /* start (true) or end it */
	const char *field; /* the field at fault */
	const char *msg;   /* why it was refused */
};

static int change_cooperation(struct request *req, void *ctx, struct audit_event *e)
{
	struct cooperation_change *c = ctx;
	char today[11];
	today_iso(today);
	if (c->start)
		return agent_cooperation_start(req->db, req->arena, req->id, today, &c->field, &c->msg);
	return agent_cooperation_end(req->db, req->arena, req->id, today, &c->field, &c->msg);
}

int agent_cooperation_submit(struct request *req)
{
	struct agent_firm firm;
	int rc = agent_firm_get(req->db, req->arena, req->id, &firm);
	if (rc)
		return rc;
	const char *action = request_form(req, "action");
	if (!action || (strcmp(action, "start") != 0 && strcmp(action, "end") != 0))
		return ERR_INVALID;
	struct cooperation_change c = { .start = strcmp(action, "start") == 0 };
	rc = page_write(req, change_cooperation, &c, "agent.cooperation", "organisation", page_id(req, req->id));
	struct firm_change answer = { .field = c.field, .msg = c.msg };
	return firm_answer(req, rc, "cooperation", &answer, c.start ? "started" : "ended");
}
