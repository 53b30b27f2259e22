/*
 * persons — finding, registering and reading the people the care system supports (DESIGN §2
 * "Persons"): the search list, the registration form with its duplicate warning, the same form
 * to correct a person's details, and a person's page with their admissions and cases, where an
 * admission is recorded and a case is opened (by a hospital: a patient referred). Who sees whom is domain/access.h's rule, so a person the user
 * may not see is "not found", never "forbidden". Every read is audited, with ids only; every
 * change is written with its audit row (page_write).
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "domain/case.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE_ROWS = 50, PERSON_CASES = 50 };

/* The notices after a change (?done=…). */
static const struct code done_notices[] = {
	{ "created", N_("The person was registered."), NULL },
	{ "admission", N_("The admission was recorded."), NULL },
	{ "updated", N_("The person's details were saved."), NULL },
	{ NULL, NULL, NULL },
};


static void ward_options(struct request *req, const struct page_wards *w, const char *selected)
{
	for (size_t i = 0; i < w->n; i++)
		html_option(&req->out, w->v[i].code, w->v[i].name, selected && strcmp(selected, w->v[i].code) == 0);
}

/* Active organisations of one kind as options (a hospital, a consultation support office). */
static void org_options(struct request *req, const char *kind, int64_t selected)
{
	struct organisation *o;
	size_t n = 0;
	if (directory_orgs(req->db, req->arena, &o, &n))
		return;
	for (size_t i = 0; i < n; i++)
		if (o[i].active && strcmp(o[i].kind, kind) == 0)
			html_option(&req->out, page_id(req, o[i].id), o[i].name, o[i].id == selected);
}

/* ---- the list ---- */

/* The link to the next page repeats the search and carries the cursor. */
static void next_link(struct request *req, const char *q, const char *ward, const struct person_page *pp)
{
	struct strbuf *h = &req->out;
	html_lit(h, "<p class=\"pager\"><a rel=\"next\" href=\"/persons?q=");
	html_url_arg(h, q);
	html_lit(h, "&amp;ward=");
	html_url_arg(h, ward);
	html_lit(h, "&amp;after_key=");
	html_url_arg(h, pp->last_key);
	html_printf(h, "&amp;after_id=%" PRId64 "\">%s</a></p>", pp->last_id, T(req, "Next page"));
}

int persons_page(struct request *req)
{
	struct strbuf *h = &req->out;
	const char *q = request_query(req, "q"), *ward = request_query(req, "ward");
	const char *after_key = request_query(req, "after_key"), *after = request_query(req, "after_id");
	struct access acc;
	page_access(req, &acc);
	struct person_page pp;
	int rc = person_search(req->db, req->arena, &acc, q, ward, after_key && *after_key ? after_key : NULL,
			       after ? strtoll(after, NULL, 10) : 0, PAGE_ROWS, &pp);
	/* The search text is personal data too: the audit row says only that a search was made. */
	if (rc || (rc = page_audit_read(req, "person.search", "person", NULL)))
		return rc;
	struct page_wards w;
	page_wards_load(req, &w);
	page_begin(req, N_("Persons"));
	if (page_may(req, "person.edit"))
		html_printf(h, "<p><a href=\"/persons/new\">%s</a></p>", T(req, "Register a person"));
	html_lit(h, "<form method=\"get\" action=\"/persons\" role=\"search\" class=\"search\">");
	html_printf(h, "<div class=\"field\"><label for=\"s-q\">%s</label><input id=\"s-q\" name=\"q\" type=\"search\""
		       " value=\"%s\" aria-describedby=\"s-q-hint\"><p class=\"hint\" id=\"s-q-hint\">%s</p></div>",
		    T(req, "Name or reading"), q ? q : "",
		    T(req, "The start of the family name or its reading, in hiragana or katakana."));
	html_printf(h, "<div class=\"field\"><label for=\"s-ward\">%s</label><select id=\"s-ward\" name=\"ward\">",
		    T(req, "Ward"));
	html_option(h, "", T(req, "All wards"), !ward || !*ward);
	ward_options(req, &w, ward);
	html_printf(h, "</select></div><button class=\"primary\">%s</button></form>", T(req, "Search"));
	if (pp.n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No one matches."));
		page_end(req);
		return 0;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Reading"), T(req, "Full name"), T(req, "Date of birth"), T(req, "Ward"));
	for (size_t i = 0; i < pp.n; i++) {
		const struct person *p = &pp.v[i];
		html_printf(h, "<tr><td>%s %s</td><td><a href=\"/persons/%" PRId64 "\">%s %s</a></td><td>",
			    p->family_kana, p->given_kana, p->id, p->family_name, p->given_name);
		page_date(req, p->birth_date);
		html_printf(h, "</td><td>%s</td></tr>", page_ward_name(&w, p->ward_code));
	}
	html_lit(h, "</tbody></table>");
	if (pp.more)
		next_link(req, q, ward, &pp);
	page_end(req);
	return 0;
}

/* ---- registration ---- */

/* The person form: empty to register someone (p NULL), or with p's details to correct them. */
static void person_form(struct request *req, const struct page_form *f, const struct person *p)
{
	struct strbuf *h = &req->out;
	struct page_wards w;
	page_wards_load(req, &w);
	const struct person none = { 0 }, *d = p ? p : &none;
#define V(field) page_form_value(req, f, "person", #field, d->field ? d->field : "")
	page_form_error(req, f, "person");
	html_form_open(h, p ? arena_printf(req->arena, "/persons/%" PRId64, p->id) : "/persons", req->session.csrf);
	page_input(req, f, "person", "family_name", N_("Family name"), "text", V(family_name), true);
	page_input(req, f, "person", "given_name", N_("Given name"), "text", V(given_name), true);
	page_input(req, f, "person", "family_kana", N_("Family name reading (kana)"), "text", V(family_kana), true);
	page_input(req, f, "person", "given_kana", N_("Given name reading (kana)"), "text", V(given_kana), true);
	page_input(req, f, "person", "birth_date", N_("Date of birth"), "date", V(birth_date), true);
	page_select_open(req, f, "person", "sex", N_("Sex"));
	page_code_options(req, person_sexes, page_form_value(req, f, "person", "sex", d->sex ? d->sex : "unknown"));
	html_lit(h, "</select></div>");
	page_select_open(req, f, "person", "ward_code", N_("Ward"));
	html_option(h, "", T(req, "(outside the wards or unknown)"), !*V(ward_code));
	ward_options(req, &w, V(ward_code));
	html_lit(h, "</select></div>");
	page_select_open(req, f, "person", "handbook_grade", N_("Mental health welfare handbook"));
	page_code_options(req, person_handbook_grades, V(handbook_grade));
	html_lit(h, "</select></div>");
	page_select_open(req, f, "person", "support_category", N_("Disability support category"));
	page_code_options(req, person_support_categories, V(support_category));
	html_lit(h, "</select></div>");
	page_select_open(req, f, "person", "guardian", N_("Adult guardianship"));
	page_code_options(req, person_guardians, V(guardian));
	html_lit(h, "</select></div>");
	bool assisted = page_form_is(f, "person") ? request_form(req, "public_assistance") != NULL : d->public_assistance;
	html_printf(h, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"public_assistance\" value=\"1\"%s> %s</label></div>",
		    assisted ? " checked" : "", T(req, "Receives public assistance"));
	page_input(req, f, "person", "external_id", N_("City ID (optional)"), "text", V(external_id), false);
#undef V
	if (p) {
		html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Save"));
		return;
	}
	/* After a duplicate warning the user confirms that this is someone else. */
	if (page_form_is(f, "person") &&
	    ((f->field && strcmp(f->field, "confirm") == 0) || request_form(req, "confirm"))) {
		html_printf(h, "<div class=\"field check\"><label><input type=\"checkbox\" name=\"confirm\" value=\"1\"%s",
			    request_form(req, "confirm") ? " checked" : "");
		page_field_state(req, f, "person", "confirm");
		html_printf(h, "> %s</label></div>", T(req, "I checked: this is a different person. Register anyway."));
	}
	html_printf(h, "<button class=\"primary\">%s</button></form>", T(req, "Register"));
}

static int person_new_show(struct request *req, const struct page_form *f)
{
	page_begin(req, N_("Register a person"));
	person_form(req, f, NULL);
	html_printf(&req->out, "<p><a href=\"/persons\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int person_new_page(struct request *req)
{
	return person_new_show(req, NULL);
}

struct person_change {
	struct person p;     /* from the form */
	bool confirmed;      /* the user confirmed it is not a duplicate */
	const char *today;   /* in Japan */
	struct page_form f;  /* why it was refused */
	struct access acc;   /* who asks (a correction loads the person with it first) */
};

/* The person's details as the form posted them. */
static struct person person_from_form(const struct request *req)
{
	return (struct person){
		.external_id = (char *)request_form(req, "external_id"),
		.family_name = (char *)request_form(req, "family_name"),
		.given_name = (char *)request_form(req, "given_name"),
		.family_kana = (char *)request_form(req, "family_kana"),
		.given_kana = (char *)request_form(req, "given_kana"),
		.birth_date = (char *)request_form(req, "birth_date"),
		.sex = (char *)request_form(req, "sex"),
		.ward_code = (char *)request_form(req, "ward_code"),
		.handbook_grade = (char *)request_form(req, "handbook_grade"),
		.support_category = (char *)request_form(req, "support_category"),
		.public_assistance = request_form(req, "public_assistance") != NULL,
		.guardian = (char *)request_form(req, "guardian"),
	};
}

static int create_person(struct request *req, void *ctx, struct audit_event *e)
{
	struct person_change *c = ctx;
	int rc = person_validate(req->arena, &c->p, c->today, &c->f.field, &c->f.msg);
	if (rc)
		return rc;
	/* The warning never says who: the match may be someone this user may not see. */
	if (!c->confirmed && person_likely_duplicate(req->db, req->arena, &c->p)) {
		c->f.field = "confirm";
		c->f.msg = N_("Someone with the same reading and date of birth is already registered. Check "
			      "with the city that this is a different person, then confirm below.");
		return ERR_CONFLICT;
	}
	rc = person_save(req->db, req->arena, &c->p, c->today, &c->f.field, &c->f.msg);
	if (!rc)
		e->object_id = page_id(req, c->p.id);
	return rc;
}

int person_create(struct request *req)
{
	struct access acc;
	page_access(req, &acc);
	struct person_change c = {
		.p = person_from_form(req),
		.confirmed = request_form(req, "confirm") != NULL,
		.today = acc.today,
		.f = { .name = "person" },
	};
	c.p.registered_by = acc.organisation_id;
	int rc = page_write(req, create_person, &c, "person.create", "person", NULL);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return person_new_show(req, &c.f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/persons/%" PRId64 "?done=created", c.p.id));
}

/* ---- correcting a person's details ---- */

/* The edit form of the person at req->id, if the user may see them (else "not found"). Showing
 * their details is a read, audited as such. */
static int person_edit_show(struct request *req, const struct page_form *f)
{
	struct access acc;
	page_access(req, &acc);
	struct person p;
	int rc = person_get(req->db, req->arena, &acc, req->id, &p);
	if (rc || (rc = page_audit_read(req, "person.read", "person", page_id(req, p.id))))
		return rc;
	page_begin(req, N_("Edit a person's details"));
	person_form(req, f, &p);
	html_printf(&req->out, "<p><a href=\"/persons/%" PRId64 "\">%s</a></p>", p.id, T(req, "Back to the person"));
	page_end(req);
	return 0;
}

int person_edit_page(struct request *req)
{
	return person_edit_show(req, NULL);
}

static int update_person(struct request *req, void *ctx, struct audit_event *e)
{
	struct person_change *c = ctx;
	struct person old;
	int rc = person_get(req->db, req->arena, &c->acc, req->id, &old);
	if (rc)
		return rc;
	c->p.id = old.id;
	c->p.registered_by = old.registered_by;
	return person_save(req->db, req->arena, &c->p, c->today, &c->f.field, &c->f.msg);
}

/* A correction is not checked for duplicates: the person is already registered, and the
 * warning is for a second registration of someone. */
int person_update(struct request *req)
{
	struct person_change c = { .p = person_from_form(req), .f = { .name = "person" } };
	page_access(req, &c.acc);
	c.today = c.acc.today;
	int rc = page_write(req, update_person, &c, "person.update", "person", page_id(req, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return person_edit_show(req, &c.f);
	}
	return rc ? rc : request_redirect(req, arena_printf(req->arena, "/persons/%" PRId64 "?done=updated", req->id));
}

/* ---- a person's page ---- */

static void person_details(struct request *req, const struct person *p, const struct page_wards *w)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<dl class=\"pairs\"><dt>%s</dt><dd>%s %s</dd><dt>%s</dt><dd>%s %s</dd><dt>%s</dt><dd>",
		    T(req, "Full name"), p->family_name, p->given_name, T(req, "Reading"), p->family_kana,
		    p->given_kana, T(req, "Date of birth"));
	page_date(req, p->birth_date);
	html_printf(h, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		       "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		    T(req, "Sex"), T(req, code_label(person_sexes, p->sex)), T(req, "Ward"),
		    page_ward_name(w, p->ward_code), T(req, "Mental health welfare handbook"),
		    T(req, code_label(person_handbook_grades, p->handbook_grade)),
		    T(req, "Disability support category"),
		    T(req, code_label(person_support_categories, p->support_category)),
		    T(req, "Public assistance"), T(req, p->public_assistance ? N_("Yes") : N_("No")),
		    T(req, "Adult guardianship"), T(req, code_label(person_guardians, p->guardian)));
	if (p->external_id)
		html_printf(h, "<dt>%s</dt><dd><code>%s</code></dd>", T(req, "City ID"), p->external_id);
	html_lit(h, "</dl>");
}

static void admissions_table(struct request *req, const struct admission *ad, size_t n)
{
	struct strbuf *h = &req->out;
	if (n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No admissions recorded."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Hospital"), T(req, "Admitted"), T(req, "Type of admission"), T(req, "Discharged"),
		    T(req, "Discharged to"));
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<tr><td>%s</td><td>", ad[i].hospital_name);
		page_date(req, ad[i].admitted_on);
		html_printf(h, "</td><td>%s</td><td>", T(req, code_label(admission_types, ad[i].admission_type)));
		if (ad[i].discharged_on)
			page_date(req, ad[i].discharged_on);
		else
			html_text(h, T(req, "In hospital"));
		html_printf(h, "</td><td>%s</td></tr>",
			    ad[i].discharge_destination
				    ? T(req, code_label(discharge_destinations, ad[i].discharge_destination))
				    : "—");
	}
	html_lit(h, "</tbody></table>");
}

static void admission_form(struct request *req, const struct page_form *f, int64_t person_id)
{
	struct strbuf *h = &req->out;
	html_printf(h, "<section class=\"card\"><h3>%s</h3>", T(req, "Record an admission"));
	page_form_error(req, f, "admission");
	html_form_open(h, arena_printf(req->arena, "/persons/%" PRId64 "/admissions", person_id), req->session.csrf);
	page_select_open(req, f, "admission", "hospital_id", N_("Hospital"));
	const char *chosen = page_form_value(req, f, "admission", "hospital_id", NULL);
	org_options(req, "psychiatric_hospital",
		    chosen ? strtoll(chosen, NULL, 10)
			   : req->session.user.role == ROLE_HOSPITAL ? req->session.user.organisation_id : 0);
	html_lit(h, "</select></div>");
	page_input(req, f, "admission", "admitted_on", N_("Admitted"), "date",
		   page_form_value(req, f, "admission", "admitted_on", ""), true);
	page_select_open(req, f, "admission", "admission_type", N_("Type of admission"));
	page_code_options(req, admission_types, page_form_value(req, f, "admission", "admission_type", NULL));
	html_lit(h, "</select></div>");
	page_input(req, f, "admission", "discharged_on", N_("Discharged (leave empty while in hospital)"), "date",
		   page_form_value(req, f, "admission", "discharged_on", ""), false);
	page_select_open(req, f, "admission", "discharge_destination", N_("Discharged to"));
	const char *dest = page_form_value(req, f, "admission", "discharge_destination", "");
	html_option(h, "", T(req, "(still in hospital)"), !*dest);
	page_code_options(req, discharge_destinations, dest);
	html_printf(h, "</select></div><button class=\"primary\">%s</button></form></section>", T(req, "Record"));
}

static void cases_table(struct request *req, const struct case_page *cp)
{
	struct strbuf *h = &req->out;
	if (cp->n == 0) {
		html_printf(h, "<p>%s</p>", T(req, "No cases yet."));
		return;
	}
	html_printf(h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(req, "Case"), T(req, "Stage"), T(req, "Lead organisation"), T(req, "Opened"));
	for (size_t i = 0; i < cp->n; i++) {
		const struct support_case *c = &cp->v[i];
		html_printf(h, "<tr><td><a href=\"/cases/%" PRId64 "\">#%" PRId64 "</a></td><td>%s</td><td>%s</td><td>",
			    c->id, c->id, T(req, code_label(case_stages, c->stage)), c->lead_org_name);
		page_date(req, c->opened_on);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

/* Opening a case; for a hospital the same form refers the patient (the case opens as referred
 * and the hospital joins the team as its PSW). */
static void case_form(struct request *req, const struct page_form *f, int64_t person_id)
{
	struct strbuf *h = &req->out;
	bool refer = req->session.user.role == ROLE_HOSPITAL;
	html_printf(h, "<section class=\"card\"><h3>%s</h3>",
		    T(req, refer ? N_("Refer to a consultation support office") : N_("Open a case")));
	page_form_error(req, f, "case");
	html_form_open(h, arena_printf(req->arena, "/persons/%" PRId64 "/cases", person_id), req->session.csrf);
	page_select_open(req, f, "case", "lead_org_id", N_("Lead organisation (consultation support)"));
	const char *chosen = page_form_value(req, f, "case", "lead_org_id", NULL);
	org_options(req, "consultation_support",
		    chosen ? strtoll(chosen, NULL, 10)
			   : req->session.user.role == ROLE_COUNSELOR ? req->session.user.organisation_id : 0);
	html_lit(h, "</select></div>");
	if (!refer) {
		page_select_open(req, f, "case", "stage", N_("Stage"));
		const char *stage = page_form_value(req, f, "case", "stage", "referred");
		html_option(h, "referred", T(req, code_label(case_stages, "referred")), strcmp(stage, "referred") == 0);
		html_option(h, "assessing", T(req, code_label(case_stages, "assessing")), strcmp(stage, "assessing") == 0);
		html_lit(h, "</select></div>");
	}
	struct access acc;
	page_access(req, &acc);
	page_input(req, f, "case", "opened_on", N_("Opened on"), "date",
		   page_form_value(req, f, "case", "opened_on", acc.today), true);
	html_printf(h, "<button class=\"primary\">%s</button></form></section>", T(req, refer ? N_("Refer") : N_("Open")));
}

static int person_page_show(struct request *req, const struct page_form *f)
{
	struct strbuf *h = &req->out;
	struct access acc;
	page_access(req, &acc);
	struct person p;
	struct admission *ad;
	size_t nad;
	struct case_page cp;
	int rc = person_get(req->db, req->arena, &acc, req->id, &p);
	if (rc || (rc = admission_list(req->db, req->arena, p.id, &ad, &nad)) ||
	    (rc = case_list(req->db, req->arena, &acc, NULL, p.id, 0, PERSON_CASES, &cp)) ||
	    (rc = page_audit_read(req, "person.read", "person", page_id(req, p.id))))
		return rc;
	struct page_wards w;
	page_wards_load(req, &w);
	page_begin(req, N_("Person"));
	page_done_notice(req, done_notices);
	person_details(req, &p, &w);
	if (page_may(req, "person.edit"))
		html_printf(h, "<p><a href=\"/persons/%" PRId64 "/edit\">%s</a></p>", p.id, T(req, "Edit the details"));

	html_printf(h, "<h2 id=\"admissions\">%s</h2>", T(req, "Admissions"));
	admissions_table(req, ad, nad);
	if (page_may(req, "person.edit"))
		admission_form(req, f, p.id);

	html_printf(h, "<h2 id=\"cases\">%s</h2>", T(req, "Cases"));
	cases_table(req, &cp);
	bool open = false;
	for (size_t i = 0; i < cp.n; i++)
		open |= strcmp(cp.v[i].stage, "closed") != 0;
	if (page_may(req, "case.open") && !open)
		case_form(req, f, p.id);
	html_printf(h, "<p><a href=\"/persons\">%s</a></p>", T(req, "Back to the list"));
	page_end(req);
	return 0;
}

int person_page(struct request *req)
{
	return person_page_show(req, NULL);
}

/* Answers a change to a person's page: back to the page, or the page again with the reason. */
static int person_answer(struct request *req, int rc, const struct page_form *f, const char *done)
{
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return person_page_show(req, f);
	}
	return rc ? rc : request_redirect(req, done);
}

struct admission_change {
	struct admission ad; /* from the form */
	struct access acc;   /* who asks */
	struct page_form f;  /* why it was refused */
};

static int add_admission(struct request *req, void *ctx, struct audit_event *e)
{
	struct admission_change *c = ctx;
	struct person p;
	int rc = person_get(req->db, req->arena, &c->acc, req->id, &p);
	if (rc || (rc = admission_add(req->db, req->arena, &c->ad, c->acc.today, &c->f.field, &c->f.msg)))
		return rc;
	e->object_id = page_id(req, c->ad.id);
	return 0;
}

int person_admission_create(struct request *req)
{
	struct admission_change c = {
		.ad = {
			.person_id = req->id,
			.hospital_id = page_form_id(req, "hospital_id"),
			.admitted_on = (char *)request_form(req, "admitted_on"),
			.admission_type = (char *)request_form(req, "admission_type"),
			.discharged_on = (char *)request_form(req, "discharged_on"),
			.discharge_destination = (char *)request_form(req, "discharge_destination"),
		},
		.f = { .name = "admission" },
	};
	page_access(req, &c.acc);
	int rc = page_write(req, add_admission, &c, "admission.add", "admission", NULL);
	return person_answer(req, rc, &c.f,
			     arena_printf(req->arena, "/persons/%" PRId64 "?done=admission#admissions", req->id));
}

struct case_change {
	struct support_case c; /* from the form */
	struct access acc;     /* who asks */
	struct page_form f;    /* why it was refused */
};

static int open_case(struct request *req, void *ctx, struct audit_event *e)
{
	struct case_change *k = ctx;
	struct person p;
	struct organisation lead;
	int rc = person_get(req->db, req->arena, &k->acc, req->id, &p);
	if (rc)
		return rc;
	if (!k->c.lead_org_id || directory_org_get(req->db, req->arena, k->c.lead_org_id, &lead) ||
	    !lead.active || strcmp(lead.kind, "consultation_support") != 0) {
		k->f.field = "lead_org_id";
		k->f.msg = N_("Choose the consultation support office that leads the case from the list.");
		return ERR_INVALID;
	}
	rc = case_open(req->db, req->arena, &k->c, "counselor", k->acc.user_id, k->acc.today, &k->f.field, &k->f.msg);
	if (rc)
		return rc;
	/* Whoever opens a case keeps sight of it: a hospital refers as the team's PSW, and a
	 * counsellor opening a case another office leads joins its team. */
	if (k->acc.role == ROLE_HOSPITAL)
		rc = case_team_add(req->db, req->arena, k->c.id, k->acc.organisation_id, "hospital_psw",
				   k->c.opened_on, k->acc.today, &k->f.field, &k->f.msg);
	else if (k->acc.role == ROLE_COUNSELOR && k->acc.organisation_id != k->c.lead_org_id)
		rc = case_team_add(req->db, req->arena, k->c.id, k->acc.organisation_id, "counselor",
				   k->c.opened_on, k->acc.today, &k->f.field, &k->f.msg);
	if (!rc)
		e->object_id = page_id(req, k->c.id);
	return rc;
}

int person_case_create(struct request *req)
{
	struct case_change k = {
		.c = {
			.person_id = req->id,
			.lead_org_id = page_form_id(req, "lead_org_id"),
			.stage = (char *)request_form(req, "stage"),
			.opened_on = (char *)request_form(req, "opened_on"),
		},
		.f = { .name = "case" },
	};
	page_access(req, &k.acc);
	if (k.acc.role == ROLE_HOSPITAL)
		k.c.stage = "referred"; /* a hospital refers; the counsellor assesses */
	int rc = page_write(req, open_case, &k, "case.open", "case", NULL);
	return person_answer(req, rc, &k.f, arena_printf(req->arena, "/cases/%" PRId64 "?done=opened", k.c.id));
}
