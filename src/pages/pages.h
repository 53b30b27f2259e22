/*
 * pages — what every screen shares: the layout around a page, translation, the error page and
 * the handlers the route table (routes.c) points at. A page reads the request, calls domain/,
 * and writes HTML through http/html.h; it never writes SQL.
 */
#ifndef TSUNAGU_PAGES_H
#define TSUNAGU_PAGES_H

#include "codes.h"
#include "http/html.h"
#include "http/request.h"
#include "http/router.h"
#include "i18n.h"

/* The message msgid in the request's language. */
#define T(req, msgid) i18n_text((req)->lang, msgid)

/* The site: the route table and the error page, for the server. */
extern const struct site pages_site;

/* Opens the page: <head>, the header with the user's name, navigation allowed by the policy,
 * the language switch and logout, then <main> with an <h1> of the translated title. */
void page_begin(struct request *req, const char *title_msgid);

/* Closes <main> and the page. */
void page_end(struct request *req);

/* A notice box (role="status"); kind is "info", "ok" or "error". Text is a msgid. */
void page_notice(struct request *req, const char *kind, const char *msgid);

/* <option>s for each code of t, labelled in the request's language, selected marked. */
void page_code_options(struct request *req, const struct code *t, const char *selected);

/* True when the user's role may do action at all (auth/policy.c; which records is another matter). */
bool page_may(const struct request *req, const char *action);

/* An id as text, for audit rows and links. */
const char *page_id(struct request *req, int64_t id);

/* The translation of msgid with each {key} replaced by its value; arguments are key, value pairs
 * ending with NULL. Translated texts are not printf formats (the writer accepts literal formats
 * only), so numbers go into sentences this way. The result is plain text, escaped when written. */
const char *page_fill(struct request *req, const char *msgid, ...);

/* The error page for status with a msgid (the router's render_error). */
void page_error(struct request *req, int status, const char *msgid);

/* Today's date as the pages show it, with the era and fiscal year. */
void page_today(struct request *req);

struct audit_event;

/* Runs a change with its audit row in one transaction: fn does the change and returns 0 or an
 * error (it may set e->object_id, e.g. to a new record's id); the audit event is appended only
 * when fn succeeded, then both commit together — or neither is stored. */
int page_write(struct request *req, int (*fn)(struct request *req, void *ctx, struct audit_event *e),
	       void *ctx, const char *action, const char *object_type, const char *object_id);

/* Records a read of personal data in the audit log (its own transaction). A page must not show
 * the data when this fails. */
int page_audit_read(struct request *req, const char *action, const char *object_type,
		    const char *object_id);

/* Records a change refused after the router let it through (the user's organisation does not
 * carry the case): in its own transaction, since the change's was rolled back. */
void page_audit_refused(struct request *req, const char *action, const char *object_type,
			const char *object_id);

struct access;

/* The row-level access of the logged-in user (domain/access.h): role, organisation, user and
 * today in Japan. Every screen of persons and cases builds it here, so all judge alike. */
void page_access(const struct request *req, struct access *out);

/*
 * A form shown again after its change was refused (form.c): which form of the page, the field at
 * fault and the reason. The form's fields show what was posted; the reason stands at the top of
 * the form (role="alert", id "<form>-error") and the field at fault is marked aria-invalid and
 * points at it with aria-describedby. A page with several forms re-shows only the one that failed.
 */
struct page_form {
	const char *name;  /* the form ("stage", "team" …); NULL when none is re-shown */
	const char *field; /* the field at fault (its name attribute); may be NULL */
	const char *msg;   /* why (a msgid) */
};

/* True when f re-shows form. */
bool page_form_is(const struct page_form *f, const char *form);

/* The value of field in form: what was posted when f re-shows form ("" when it was not sent),
 * otherwise def. */
const char *page_form_value(const struct request *req, const struct page_form *f, const char *form,
			    const char *field, const char *def);

/* The reason, when f re-shows form. */
void page_form_error(struct request *req, const struct page_form *f, const char *form);

/* Inside a field's start tag: ` aria-invalid="true" aria-describedby="<form>-error"` when it is
 * the field at fault. */
void page_field_state(struct request *req, const struct page_form *f, const char *form,
		      const char *field);

/* A labelled <input> of type type in a div.field, id "<form>-<field>", marked when at fault. */
void page_input(struct request *req, const struct page_form *f, const char *form, const char *field,
		const char *label_msgid, const char *type, const char *value, bool required);

/* Opens a labelled <select> in a div.field likewise; close it with "</select></div>". */
void page_select_open(struct request *req, const struct page_form *f, const char *form,
		      const char *field, const char *label_msgid);

/* The positive integer in form field (an id a select or button sent); 0 when absent or not one. */
int64_t page_form_id(const struct request *req, const char *field);

/* Every non-empty value of form field (checkboxes of one name), in order; *n of them. */
const char **page_form_all(const struct request *req, const char *field, size_t *n);

/* The ?done= notice of a change just made: done maps each code to its msgid (fixed texts
 * only, never user input). */
void page_done_notice(struct request *req, const struct code *done);

/* The municipality's wards, read once for a page (none when the read fails). */
struct ward;
struct page_wards {
	struct ward *v; /* in code order */
	size_t n;       /* how many */
};
void page_wards_load(struct request *req, struct page_wards *w);

/* The name of ward code ("—" for NULL, the code itself when unknown). */
const char *page_ward_name(const struct page_wards *w, const char *code);

/* The names of n ward codes as one text ("葵区、駿河区"; "—" for none). */
const char *page_ward_list(struct request *req, const struct page_wards *w, char *const *codes, size_t n);

/* The labels of n codes of table t as one text ("1階・駅・バス停の近く"; "—" for none). */
const char *page_code_list(struct request *req, const struct code *t, char *const *codes, size_t n);

/* True when the form sent field with this value (a ticked checkbox of a group). */
bool page_posted(const struct request *req, const char *field, const char *value);

/* The whole number typed in field (full-width digits read, at most 6 digits): empty when the
 * field is blank or absent, -1 when it is no number (the domain then refuses it with its reason). */
int page_form_number(struct request *req, const char *field, int empty);

/* A fiscal year written as four digits, 2000..2100 (the years the indicators and the sheet
 * cover), or 0 for anything else (NULL included). */
int page_fy(const char *v);

/* Opens a table row, marked overdue when it is (weight and colour; the words are the caller's). */
void page_row_open(struct request *req, bool overdue);

/* A <td> with the date as page_date shows it. */
void page_date_cell(struct request *req, const char *iso);

/* True when rc refused form f (ERR_INVALID, ERR_CONFLICT): sets the answer's status and, when the
 * domain gave no reason, the error's own. */
bool page_refused(struct request *req, int rc, struct page_form *f);

/* A duration as hours and minutes ("4 h 05 min", "4時間05分"): totals of logged time. */
const char *page_minutes_text(struct request *req, int64_t minutes);

/* An amount of yen as the language writes it ("42,000円", "¥42,000"), escaped. */
void page_yen(struct request *req, int64_t yen);

/* A YYYY-MM-DD date as pages show it: <time> with the era (jp_format_date); "—" for NULL. */
void page_date(struct request *req, const char *iso);

/* Handlers, by screen (one file each). */
int login_form(struct request *req);
int login_submit(struct request *req);
int logout_submit(struct request *req);
int lang_submit(struct request *req);
int home_page(struct request *req);
int healthz(struct request *req);
int admin_orgs(struct request *req);
int admin_org_create(struct request *req);
int admin_org_edit(struct request *req);
int admin_org_update(struct request *req);
int admin_users(struct request *req);
int admin_user_create(struct request *req);
int admin_user_disable(struct request *req);
int admin_user_enable(struct request *req);
int admin_user_password(struct request *req);
int admin_municipality(struct request *req);
int admin_ward_create(struct request *req);
int data_import_page(struct request *req);
int data_import_submit(struct request *req);
int data_export_cases(struct request *req);

/* api.c: figures as JSON. */
int api_indicators(struct request *req);

/* indicators.c, indicator_edit.c: the city's indicators — the overview with charts and every
 * computed figure of a year, the definition and the years of one. */
int indicators_page(struct request *req);
int indicator_new_page(struct request *req);
int indicator_create(struct request *req);
int indicator_page(struct request *req);
int indicator_update(struct request *req);
int indicator_year_submit(struct request *req);

/* sheet.c: the status-sharing sheet of a fiscal year as a page, a workbook and a PDF, and its
 * texts. The sheet itself (sheet_html_article) is Japanese whatever the UI language: it is the
 * national form. sheet_html_document wraps it into a page of its own, its stylesheet inside,
 * for `tsunagu report sheet --format html`. */
struct status_sheet;
int sheet_page(struct request *req);
int sheet_xlsx_download(struct request *req);
int sheet_pdf_download(struct request *req);
int sheet_texts_submit(struct request *req);
void sheet_html_article(struct strbuf *h, struct arena *a, const struct status_sheet *s);
void sheet_html_document(struct strbuf *h, struct arena *a, const struct status_sheet *s);
int audit_page(struct request *req);
int audit_verify_page(struct request *req);
int persons_page(struct request *req);
int person_new_page(struct request *req);
int person_create(struct request *req);
int person_page(struct request *req);
int person_edit_page(struct request *req);
int person_update(struct request *req);
int person_admission_create(struct request *req);
int person_case_create(struct request *req);
int cases_page(struct request *req);
int case_page(struct request *req);
int case_stage_submit(struct request *req);
int case_team_add_submit(struct request *req);
int case_team_remove_submit(struct request *req);
int case_consent_grant_submit(struct request *req);
int case_consent_revoke_submit(struct request *req);
int case_discharge_submit(struct request *req);
int case_follow_up_submit(struct request *req);
int case_service_add_submit(struct request *req);
int case_service_extend_submit(struct request *req);
int case_record_add_submit(struct request *req);
int case_goal_add_submit(struct request *req);
int case_goal_review_submit(struct request *req);

/* The case page (cases.c), re-showing form f after a refusal when f is non-NULL; the case
 * forms (case_forms.c) answer a refused change with it. */
int case_page_show(struct request *req, const struct page_form *f);

/* The ?done= notice of a change made on the case page (cases.c). */
void case_done_notice(struct request *req);

struct support_case;
/* Whether the user may manage case c (the routes of policy case.manage and their forms): the city
 * always; a role whose case.manage scope is the care team only when its organisation leads the
 * case or is a present member of its care team (case_org_on_team) — a hospital that sees a case
 * through an admission alone may read it, not manage it. c must come from case_get() with the
 * user's access. 0 when it may, ERR_FORBIDDEN when not, another error when the check failed. */
int page_case_manage(struct request *req, const struct support_case *c);

/* The sections of the day-to-day work on the case page (case_work.c), each a <section> with its
 * heading, reading what it shows. c comes from case_get() with the user's access; today is the
 * date in Japan; f re-shows a refused form. Each returns 0, or an error for the caller to return.
 * - services: the service periods with the next monitoring; add and extend forms when manage;
 * - records: the newest support records with their texts when list (else none of them), and the
 *   form to add one for the roles of policy case.record;
 * - goals: the goals with status and last review; add and review forms when manage. */
int case_services_section(struct request *req, const struct support_case *c, const char *today, bool manage,
			  const struct page_form *f);
int case_records_section(struct request *req, const struct support_case *c, const char *today, bool list,
			 const struct page_form *f);
int case_goals_section(struct request *req, const struct support_case *c, const char *today, bool manage,
		       const struct page_form *f);

/* The case page of a peer supporter (case_peer.c): the minimal view — its field list is at the
 * function. c comes from case_get() with the user's access; it audits the read. */
int case_peer_show(struct request *req, const struct support_case *c, const char *today, const struct page_form *f);

int stays_page(struct request *req);
int stays_room_create(struct request *req);
int stays_room_update(struct request *req);
int stays_cancel(struct request *req);
int stays_outcome(struct request *req);
int stays_case_page(struct request *req);
int stays_book(struct request *req);

struct support_case;
/* The trial stays of case c for the case page (stays.c): the stays with their status, the nights
 * used this fiscal year, cancel buttons and the booking form for those who book. c must come from
 * case_get() with the user's access (the caller has checked the case is visible). Writes a
 * <section id="stays">; returns 0, or an error for the caller to return. */
int stays_case_section(struct request *req, const struct support_case *c);

/* The housing referral system: the city's agent firms (agents.c), an agent's listings and the
 * feedback on the scheme (listings.c). */
int agents_page(struct request *req);
int agents_create(struct request *req);
int agent_page(struct request *req);
int agent_update(struct request *req);
int agent_training_submit(struct request *req);
int agent_cooperation_submit(struct request *req);
int listings_page(struct request *req);
int listing_new_page(struct request *req);
int listing_create(struct request *req);
int listing_edit_page(struct request *req);
int listing_update(struct request *req);
int feedback_page(struct request *req);
int feedback_new_page(struct request *req);
int feedback_create(struct request *req);

/* The housing referral system from the care team's side (housing.c). */
int housing_page(struct request *req);
int housing_case_page(struct request *req);
int housing_request_submit(struct request *req);
int housing_request_page(struct request *req);
int housing_sheet_submit(struct request *req);
int housing_send_submit(struct request *req);
int housing_viewing_submit(struct request *req);
int housing_progress_submit(struct request *req);
int housing_sheet_preview(struct request *req);
int housing_sheet_preview_pdf(struct request *req);
int housing_concern_ack(struct request *req);

/* The unacknowledged tenancy concerns on the cases the user may see, for the top of the
 * dashboard (roles of policy housing.concern); nothing when there are none. Audited. */
int housing_concerns_section(struct request *req);

/* The case's housing requests and the link to write one, for the case page. */
int housing_case_section(struct request *req, const struct support_case *c);

/* The agent's side of the housing referral system (referrals.c): the requests sent to the firm,
 * the support-structure sheet, proposals and tenancy concerns. An agent never reaches a case:
 * every request it may not see — not sent to it, consent not in force, firm not cooperating, no
 * such id — answers the same 403 "no access". */
int referrals_page(struct request *req);
int referral_page(struct request *req);
int referral_sheet_page(struct request *req);
int referral_sheet_pdf(struct request *req);
int referral_propose(struct request *req);
int referral_concern(struct request *req);

/* The agent's dashboard card: requests waiting for a proposal, open listings (referrals.c). */
int referrals_home_section(struct request *req);

struct support_sheet;
/* The sheet s as HTML (a <section class="sheet">), for the agent's page and the counsellor's
 * preview alike, so both see the same thing (referrals.c). */
void sheet_html(struct request *req, const struct support_sheet *s);

/* Answers with s as a PDF download (application/pdf); both the agent's and the counsellor's
 * routes use it (referrals.c). */
int sheet_pdf_respond(struct request *req, const struct support_sheet *s);

/* The forum and meetings (meetings.c), events (events.c), peer support (peers.c), programmes
 * (programmes.c), the plan (plan.c) and the calendar (calendar.c). */
int meetings_page(struct request *req);
int meeting_new_page(struct request *req);
int meeting_create(struct request *req);
int meeting_page(struct request *req);
int meeting_update(struct request *req);
int meeting_attendance_add(struct request *req);
int meeting_attendance_remove(struct request *req);
int meeting_case_add(struct request *req);
int meeting_action_add(struct request *req);
int meeting_print_page(struct request *req);
int action_done(struct request *req);
int events_page(struct request *req);
int event_new_page(struct request *req);
int event_create(struct request *req);
int event_page(struct request *req);
int event_update(struct request *req);
int event_participation_submit(struct request *req);
int event_firms_submit(struct request *req);
int peers_page(struct request *req);
int peer_create(struct request *req);
int peer_page(struct request *req);
int peer_update(struct request *req);
int peer_assign(struct request *req);
int peer_assignment_end(struct request *req);
int peer_activity_add(struct request *req);
int programmes_page(struct request *req);
int programme_create(struct request *req);
int programme_update(struct request *req);
int plan_page(struct request *req);
int plan_strength_submit(struct request *req);
int plan_challenge_create(struct request *req);
int plan_challenge_update(struct request *req);
int calendar_page(struct request *req);
int calendar_ics(struct request *req);

/* Dashboard cards: the action items of the user's organisation not done yet (meetings.c); an
 * agent firm's trainings (events.c); a peer supporter's assignments with the activity form
 * (peers.c). Each writes nothing when it has nothing to say; returns 0 or an error. */
int meetings_home_section(struct request *req);
int events_agent_home_section(struct request *req);
int peers_home_section(struct request *req);

/* The case page's peer-support section: assignments and the form to assign (peers.c). */
int peers_case_section(struct request *req, const struct support_case *c);

#endif
