/*
 * listings — the agent's side of the housing referral system on screen, made for a phone: the
 * firm's own vacancies as cards (/listings), the form to add one and to update one with its
 * status, and the feedback on the scheme (an agent sends it and sees what the firm sent; the
 * city reads all of it at /feedback).
 *
 * An agent works only on its own firm's listings: another firm's listing is 404, exactly like a
 * missing one. Amounts are typed as the agent would write them ("37,000", "３７０００円"); what is
 * not a whole number goes to the domain as an impossible amount, so the one refusal per field
 * lives in domain/agent.c. Every change is written with its audit row (page_write), with ids only.
 */
#include "arena.h"
#include "auth/audit.h"
#include "date.h"
#include "domain/agent.h"
#include "domain/directory.h"
#include "domain/housing.h"
#include "domain/setting.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "created", N_("The listing was added."), NULL },
	{ "saved", N_("The listing was saved."), NULL },
	{ "sent", N_("Thank you: your feedback was sent to the city."), NULL },
	{ NULL, NULL, NULL },
};


static const char *int_text(struct request *req, int v)
{
	return arena_printf(req->arena, "%d", v);
}

/* ---- /listings ---- */

/* One listing as a card: what an agent checks at a glance on a phone, and the link to edit it. */
static void listing_card(struct request *req, const struct listing *l, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<article class=\"card listing\" id=\"listing-%" PRId64 "\"><h2><a href=\"/listings/%" PRId64 "\">%s</a></h2>",
		    l->id, l->id, l->address);
	html_printf(h, "<p class=\"status status-%s\">%s</p>", l->status, T(req, code_label(listing_statuses, l->status)));
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>", T(req, "Rent"));
	page_yen(req, l->rent);
	if (l->fees) {
		html_printf(h, " <small>%s ", T(req, "+ fees"));
		page_yen(req, l->fees);
		html_lit(h, "</small>");
	}
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Deposit / key money"));
	page_yen(req, l->deposit);
	html_lit(h, " / ");
	page_yen(req, l->key_money);
	html_lit(h, "</dd>");
	html_printf(h, "<dt>%s</dt><dd>%s・%s</dd>", T(req, "Ward and layout"), page_ward_name(w, l->ward_code),
		    T(req, code_label(listing_layouts, l->layout)));
	html_printf(h, "<dt>%s</dt><dd>%s", T(req, "Floor"), page_fill(req, N_("Floor {n}"), "{n}", int_text(req, l->floor), NULL));
	if (l->lift)
		html_printf(h, "%s%s", req->lang == LANG_JA ? "・" : ", ", T(req, "with a lift"));
	html_printf(h, "</dd><dt>%s</dt><dd>%s %s</dd>", T(req, code_label(listing_access_kinds, l->access_kind)),
		    l->access_name, page_fill(req, N_("{n} min on foot"), "{n}", int_text(req, l->access_minutes), NULL));
	html_printf(h, "<dt>%s</dt><dd>%s</dd>", T(req, "Guarantor"), T(req, code_label(listing_guarantors, l->guarantor)));
	html_printf(h, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(req, "Public assistance"),
		    T(req, l->public_assistance ? N_("Accepted") : N_("Not accepted")), T(req, "Available from"));
	page_date(req, l->available_from);
	html_printf(h, "</dd><dt>%s</dt><dd>", T(req, "Updated"));
	page_date(req, l->updated_on);
	html_lit(h, "</dd></dl></article>");
}

int listings_page(struct request *req)
{
	struct strbuf *h = &req->out;
	int64_t own = req->session.user.organisation_id;
	struct agent_firm firm;
	int rc = agent_firm_get(req->db, req->arena, own, &firm);
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	bool registered = rc == 0;
	struct listing *v = NULL;
	size_t n = 0;
	if (registered && (rc = listings_of(req->db, req->arena, own, NULL, &v, &n)))
		return rc;
	struct page_wards w;
	page_wards_load(req, &w);
	page_begin(req, N_("Our listings"));
	page_done_notice(req, done_notices);
	if (!registered) {
		page_notice(req, "info", N_("Your organisation is not registered as an agent firm of the scheme. The city registers firms of the association."));
		page_end(req);
		return 0;
	}
	if (!firm.cooperating_from)
		page_notice(req, "info", N_("Your firm does not cooperate in the scheme now: its listings are not offered to housing requests until the city starts the cooperation."));
	html_printf(h, "<p><a href=\"/listings/new\">%s</a></p>", T(req, "Add a listing"));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "No listings yet."));
	html_lit(h, "<div class=\"grid\">");
	for (size_t i = 0; i < n; i++)
		listing_card(req, &v[i], &w);
	html_lit(h, "</div>");
	page_end(req);
	return 0;
}

/* ---- the listing form ---- */

/* An <input> for a whole number: the phone shows its number pad, and "37,000" may be typed. */
static void number_input(struct request *req, const struct page_form *f, const char *field, const char *label_msgid,
			 const char *value, bool required, const char *hint_msgid)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<div class=\"field\"><label for=\"listing-%s\">%s</label><input id=\"listing-%s\" name=\"%s\""
		       " type=\"text\" inputmode=\"numeric\" autocomplete=\"off\"",
		    field, T(req, label_msgid), field, field);
	if (required)
		html_lit(h, " required");
	if (hint_msgid)
		html_printf(h, " aria-describedby=\"listing-%s-hint\"", field);
	page_field_state(req, f, "listing", field);
	html_printf(h, " value=\"%s\">", page_form_value(req, f, "listing", field, value));
	if (hint_msgid)
		html_printf(h, "<p class=\"hint\" id=\"listing-%s-hint\">%s</p>", field, T(req, hint_msgid));
	html_lit(h, "</div>");
}

static void code_select(struct request *req, const struct page_form *f, const char *field, const char *label_msgid,
			const struct code *t, const char *value)
{
	page_select_open(req, f, "listing", field, label_msgid);
	page_code_options(req, t, page_form_value(req, f, "listing", field, value));
	html_lit(&req->out, "</select></div>");
}

static void check_box(struct request *req, const struct page_form *f, const char *field, const char *label_msgid,
		      bool value)
{
	bool on = page_form_is(f, "listing") ? request_form(req, field) != NULL : value;
	html_printf(&req->out, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label></div>",
		    field, on ? " checked" : "", T(req, label_msgid));
}

/* The listing form, filled from l (a new one's defaults, or the stored listing), or with what
 * was posted when f re-shows it. */
static void listing_form(struct request *req, const struct listing *l, const char *action, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct page_wards w;
	page_wards_load(req, &w);
	page_form_error(req, f, "listing");
	html_form_open(h, action, req->session.csrf);
	page_select_open(req, f, "listing", "ward_code", N_("Ward"));
	const char *ward = page_form_value(req, f, "listing", "ward_code", l->ward_code ? l->ward_code : "");
	for (size_t i = 0; i < w.n; i++)
		html_option(h, w.v[i].code, w.v[i].name, strcmp(ward, w.v[i].code) == 0);
	html_lit(h, "</select></div>");
	page_input(req, f, "listing", "address", N_("Address of the flat"), "text",
		   page_form_value(req, f, "listing", "address", l->address ? l->address : ""), true);
	bool stored = l->id != 0;
	number_input(req, f, "rent", N_("Rent a month (yen)"), stored ? int_text(req, l->rent) : "", true, NULL);
	number_input(req, f, "fees", N_("Management and common fees a month (yen)"), int_text(req, l->fees), false, NULL);
	number_input(req, f, "deposit", N_("Deposit (yen)"), int_text(req, l->deposit), false, NULL);
	number_input(req, f, "key_money", N_("Key money (yen)"), int_text(req, l->key_money), false, NULL);
	code_select(req, f, "layout", N_("Layout"), listing_layouts, l->layout);
	number_input(req, f, "floor", N_("Floor"), int_text(req, l->floor), true, N_("1 is the ground floor."));
	check_box(req, f, "lift", N_("The building has a lift"), l->lift);
	code_select(req, f, "access_kind", N_("Nearest station or bus stop"), listing_access_kinds, l->access_kind);
	page_input(req, f, "listing", "access_name", N_("Its name"), "text",
		   page_form_value(req, f, "listing", "access_name", l->access_name ? l->access_name : ""), true);
	number_input(req, f, "access_minutes", N_("Minutes on foot"), stored ? int_text(req, l->access_minutes) : "",
		     true, NULL);
	code_select(req, f, "guarantor", N_("Guarantor"), listing_guarantors, l->guarantor);
	/* The box with the allowance beneath it, so the agent judges the rent against it. */
	bool pa = page_form_is(f, "listing") ? request_form(req, "public_assistance") != NULL : l->public_assistance;
	html_printf(h, "<div class=\"field\"><label class=\"inline\"><input type=\"checkbox\" name=\"public_assistance\""
		       " value=\"1\" aria-describedby=\"listing-pa-hint\"%s> %s</label><p class=\"hint\" id=\"listing-pa-hint\">%s ",
		    pa ? " checked" : "", T(req, "Takes a tenant on public assistance (生活保護)"),
		    T(req, "The housing allowance of public assistance for one person:"));
	page_yen(req, setting_int(req->db, HOUSING_PA_LIMIT_SETTING, 37000));
	html_lit(h, "</p></div>");
	page_input(req, f, "listing", "available_from", N_("Available from"), "date",
		   page_form_value(req, f, "listing", "available_from", l->available_from ? l->available_from : ""), true);
	code_select(req, f, "status", N_("Status"), listing_statuses, l->status);
	html_printf(h, "<div class=\"field\"><label for=\"listing-note\">%s</label><textarea id=\"listing-note\" name=\"note\""
		       " rows=\"3\" maxlength=\"2000\"",
		    T(req, "Note (optional)"));
	page_field_state(req, f, "listing", "note");
	html_printf(h, ">\n%s</textarea></div><button class=\"primary\">%s</button></form>",
		    page_form_value(req, f, "listing", "note", l->note ? l->note : ""), T(req, "Save"));
	html_printf(h, "<p><a href=\"/listings\">%s</a></p>", T(req, "Back to our listings"));
}

/* A new listing's defaults: the firm's first covered ward, the ground floor, open from today. */
static struct listing listing_defaults(struct request *req)
{
	struct listing l = { .layout = "1K", .floor = 1, .access_kind = "station", .guarantor = "company",
			     .status = "open" };
	struct agent_firm firm;
	if (agent_firm_get(req->db, req->arena, req->session.user.organisation_id, &firm) == 0)
		l.ward_code = firm.n_wards ? firm.wards[0] : firm.ward_code;
	char today[11];
	date_format_iso(date_today(), today);
	l.available_from = arena_strdup(req->arena, today);
	return l;
}

static int new_show(struct request *req, const struct page_form *f)
{
	struct listing l = listing_defaults(req);
	page_begin(req, N_("Add a listing"));
	listing_form(req, &l, "/listings", f);
	page_end(req);
	return 0;
}

int listing_new_page(struct request *req)
{
	return new_show(req, NULL);
}

/* The amount typed in field: NFKC (full-width digits), commas and a trailing 円 dropped. An empty
 * field is 0 when optional. Anything that is not a whole number is INT_MIN, which the domain
 * refuses with the field's own message. */
static int amount(struct request *req, const char *field, bool optional)
{
	const char *v = request_form(req, field);
	char *n = v ? jp_normalize(req->arena, v) : NULL;
	if (!n)
		return optional && !v ? 0 : INT_MIN;
	size_t len = strlen(n);
	if (len >= strlen("円") && strcmp(n + len - strlen("円"), "円") == 0)
		n[len -= strlen("円")] = '\0';
	char *w = n;
	for (const char *p = n; *p; p++)
		if (*p != ',')
			*w++ = *p;
	*w = '\0';
	if (!*n)
		return optional ? 0 : INT_MIN;
	const char *digits = n + (*n == '-');
	size_t nd = strlen(digits);
	if (nd == 0 || nd > 9 || strspn(digits, "0123456789") != nd)
		return INT_MIN;
	int x = 0;
	for (const char *p = digits; *p; p++)
		x = x * 10 + (*p - '0');
	return *n == '-' ? -x : x;
}

/* The listing as posted (its id and firm are set by the caller). */
static struct listing listing_from_form(struct request *req)
{
	return (struct listing){
		.ward_code = (char *)request_form(req, "ward_code"),
		.address = (char *)request_form(req, "address"),
		.rent = amount(req, "rent", false),
		.fees = amount(req, "fees", true),
		.deposit = amount(req, "deposit", true),
		.key_money = amount(req, "key_money", true),
		.layout = (char *)request_form(req, "layout"),
		.floor = amount(req, "floor", false),
		.lift = request_form(req, "lift") != NULL,
		.access_kind = (char *)request_form(req, "access_kind"),
		.access_name = (char *)request_form(req, "access_name"),
		.access_minutes = amount(req, "access_minutes", false),
		.guarantor = (char *)request_form(req, "guarantor"),
		.public_assistance = request_form(req, "public_assistance") != NULL,
		.available_from = (char *)request_form(req, "available_from"),
		.status = (char *)request_form(req, "status"),
		.note = (char *)request_form(req, "note"),
	};
}

struct listing_change {
	struct listing l;  /* what to store */
	const char *field; /* the field at fault */
	const char *msg;   /* why it was refused */
};

static int save_listing(struct request *req, void *ctx, struct audit_event *e)
{
	struct listing_change *c = ctx;
	int rc = listing_save(req->db, req->arena, &c->l, &c->field, &c->msg);
	if (!rc)
		e->object_id = page_id(req, c->l.id);
	return rc;
}

int listing_create(struct request *req)
{
	struct listing_change c = { .l = listing_from_form(req) };
	c.l.organisation_id = req->session.user.organisation_id; /* its own firm, whatever is posted */
	int rc = page_write(req, save_listing, &c, "listing.create", "listing", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = "listing", .field = c.field, .msg = c.msg ? c.msg : err_text(rc) };
		return new_show(req, &f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/listings?done=created#listing-%" PRId64, c.l.id));
}

/* The listing at id when it is the user's firm's; ERR_NOTFOUND otherwise, missing or not. */
static int own_listing(struct request *req, int64_t id, struct listing *l)
{
	int rc = listing_get(req->db, req->arena, id, l);
	if (rc)
		return rc;
	return l->organisation_id == req->session.user.organisation_id ? 0 : ERR_NOTFOUND;
}

static int edit_show(struct request *req, const struct listing *l, const struct page_form *f)
{
	page_begin(req, N_("Edit a listing"));
	html_printf(&req->out, "<p>%s ", T(req, "Last updated"));
	page_date(req, l->updated_on);
	html_lit(&req->out, "</p>");
	listing_form(req, l, arena_printf(req->arena, "/listings/%" PRId64, l->id), f);
	page_end(req);
	return 0;
}

int listing_edit_page(struct request *req)
{
	struct listing l;
	int rc = own_listing(req, req->id, &l);
	return rc ? rc : edit_show(req, &l, NULL);
}

int listing_update(struct request *req)
{
	struct listing old;
	int rc = own_listing(req, req->id, &old);
	if (rc)
		return rc;
	struct listing_change c = { .l = listing_from_form(req) };
	c.l.id = old.id;
	c.l.organisation_id = old.organisation_id;
	rc = page_write(req, save_listing, &c, "listing.update", "listing", page_id(req, old.id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = "listing", .field = c.field, .msg = c.msg ? c.msg : err_text(rc) };
		return edit_show(req, &old, &f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/listings?done=saved#listing-%" PRId64, old.id));
}

/* ---- feedback ---- */

/* Every feedback as the city reads it: a table of date, firm, topic and the text. */
static void feedback_table(struct request *req, const struct agent_feedback *v, size_t n)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Date"), T(req, "Firm"), T(req, "Topic"), T(req, "What they wrote"));
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr><td>");
		page_date(req, v[i].sent_on);
		html_printf(h, "</td><td>%s</td><td>%s</td><td class=\"record-text\">%s</td></tr>", v[i].firm_name,
			    T(req, code_label(agent_feedback_topics, v[i].topic)), v[i].body);
	}
	html_lit(h, "</tbody></table>");
}

/* The text with its line breaks kept: each line escaped, <br> between them. */
static void text_lines(struct request *req, const char *text)
{
	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");
		html_text(&req->out, arena_strndup(req->arena, p, len));
		p += len;
		if (*p == '\n') {
			html_lit(&req->out, "<br>");
			p++;
		}
	}
}

/* What the agent's firm sent, as cards that read on a phone without scrolling sideways. */
static void feedback_cards(struct request *req, const struct agent_feedback *v, size_t n)
{
	struct strbuf *h = &req->out;
	html_lit(h, "<div class=\"grid\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<article class=\"card\"><p class=\"hint\">");
		page_date(req, v[i].sent_on);
		html_printf(h, " ・ %s</p><p>", T(req, code_label(agent_feedback_topics, v[i].topic)));
		text_lines(req, v[i].body);
		html_lit(h, "</p></article>");
	}
	html_lit(h, "</div>");
}

int feedback_page(struct request *req)
{
	struct agent_feedback *v;
	size_t n;
	int rc = agent_feedback_list(req->db, req->arena, 0, &v, &n);
	if (rc)
		return rc;
	page_begin(req, N_("Agents' feedback"));
	html_printf(&req->out, "<p>%s</p>",
		    T(req, "What the cooperating agents tell the city about the housing referral system, newest first: the improvements to make while it runs."));
	if (n == 0)
		html_printf(&req->out, "<p>%s</p>", T(req, "No feedback yet."));
	else
		feedback_table(req, v, n);
	page_end(req);
	return 0;
}

static int feedback_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct agent_feedback *v;
	size_t n;
	int rc = agent_feedback_list(req->db, req->arena, req->session.user.organisation_id, &v, &n);
	if (rc)
		return rc;
	page_begin(req, N_("Feedback on the scheme"));
	page_done_notice(req, done_notices);
	html_printf(h, "<p>%s</p>",
		    T(req, "Tell the city what would make the housing referral system work better for you and for landlords. Please do not write the names of tenants or applicants."));
	page_form_error(req, f, "feedback");
	html_form_open(h, "/feedback", req->session.csrf);
	page_select_open(req, f, "feedback", "topic", N_("Topic"));
	page_code_options(req, agent_feedback_topics, page_form_value(req, f, "feedback", "topic", "other"));
	html_printf(h, "</select></div><div class=\"field\"><label for=\"feedback-body\">%s</label><textarea id=\"feedback-body\""
		       " name=\"body\" rows=\"6\" maxlength=\"4000\" required",
		    T(req, "Your feedback"));
	page_field_state(req, f, "feedback", "body");
	html_printf(h, ">\n%s</textarea></div><button class=\"primary\">%s</button></form>",
		    page_form_value(req, f, "feedback", "body", ""), T(req, "Send"));
	html_printf(h, "<h2>%s</h2>", T(req, "What your firm sent"));
	if (n == 0)
		html_printf(h, "<p>%s</p>", T(req, "Your firm has not sent any feedback yet."));
	else
		feedback_cards(req, v, n);
	page_end(req);
	return 0;
}

int feedback_new_page(struct request *req)
{
	return feedback_show(req, NULL);
}

struct feedback_change {
	struct agent_feedback fb; /* what to store */
	const char *field;        /* the field at fault */
	const char *msg;          /* why it was refused */
};

static int send_feedback(struct request *req, void *ctx, struct audit_event *e)
{
	struct feedback_change *c = ctx;
	int rc = agent_feedback_add(req->db, req->arena, &c->fb, req->session.user.id, &c->field, &c->msg);
	if (!rc)
		e->object_id = page_id(req, c->fb.id);
	return rc;
}

int feedback_create(struct request *req)
{
	struct feedback_change c = { .fb = {
		.organisation_id = req->session.user.organisation_id,
		.topic = (char *)request_form(req, "topic"),
		.body = (char *)request_form(req, "body"),
	} };
	int rc = page_write(req, send_feedback, &c, "feedback.create", "feedback", NULL);
	if (rc == ERR_INVALID) {
		req->status = err_http_status(rc);
		struct page_form f = { .name = "feedback", .field = c.field, .msg = c.msg ? c.msg : err_text(rc) };
		return feedback_show(req, &f);
	}
	return rc ? rc : request_redirect(req, "/feedback/new?done=sent");
}
