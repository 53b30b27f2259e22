/*
 * routes — the whole web surface in one table. Each line: method, path pattern, policy (an
 * action of auth/policy.c, or POLICY_PUBLIC), handler, summary. The router checks the table at
 * start-up and refuses to serve a route whose policy it does not know.
 */
#include "auth/policy.h"
#include "http/static.h"
#include "pages.h"

static const struct route routes[] = {
	{ "GET", "/healthz", POLICY_PUBLIC, healthz, "liveness probe: 200 ok" },
	{ "GET", "/static/:name", POLICY_PUBLIC, static_serve, "embedded CSS and script, with ETag" },
	{ "GET", "/login", POLICY_PUBLIC, login_form, "the login form" },
	{ "POST", "/login", POLICY_PUBLIC, login_submit, "log in; 303 to / on success" },
	{ "POST", "/logout", "account.self", logout_submit, "end the session" },
	{ "POST", "/lang", "account.self", lang_submit, "switch the UI language (remembered)" },
	{ "GET", "/", "home.view", home_page, "the dashboard" },
	{ "GET", "/persons", "person.view", persons_page, "find people by name or kana, by ward" },
	{ "GET", "/persons/new", "person.edit", person_new_page, "the registration form" },
	{ "POST", "/persons", "person.edit", person_create, "register a person" },
	{ "GET", "/persons/:id", "person.view", person_page, "a person, their admissions and cases" },
	{ "GET", "/persons/:id/edit", "person.edit", person_edit_page, "the form to correct a person's details" },
	{ "POST", "/persons/:id", "person.edit", person_update, "save a person's corrected details" },
	{ "POST", "/persons/:id/admissions", "person.edit", person_admission_create, "record an admission" },
	{ "POST", "/persons/:id/cases", "case.open", person_case_create, "open a case (a hospital: refer)" },
	{ "GET", "/cases", "case.view", cases_page, "the cases the user may see" },
	{ "GET", "/cases/:id", "case.view", case_page, "one case on one screen" },
	{ "POST", "/cases/:id/stage", "case.manage", case_stage_submit, "change the stage" },
	{ "POST", "/cases/:id/team", "case.manage", case_team_add_submit, "add an organisation to the team" },
	{ "POST", "/cases/:id/team/remove", "case.manage", case_team_remove_submit, "take one off the team" },
	{ "POST", "/cases/:id/consents", "case.manage", case_consent_grant_submit, "record a consent" },
	{ "POST", "/cases/:id/consents/revoke", "case.manage", case_consent_revoke_submit, "revoke a consent" },
	{ "POST", "/cases/:id/discharge", "case.manage", case_discharge_submit, "record the discharge" },
	{ "POST", "/cases/:id/follow-ups", "case.follow_up", case_follow_up_submit, "record a follow-up" },
	{ "POST", "/cases/:id/services", "case.manage", case_service_add_submit, "add a service period" },
	{ "POST", "/cases/:id/services/extend", "case.manage", case_service_extend_submit, "extend community transition support, once" },
	{ "POST", "/cases/:id/records", "case.record", case_record_add_submit, "add a support record" },
	{ "POST", "/cases/:id/goals", "case.manage", case_goal_add_submit, "set a goal" },
	{ "POST", "/cases/:id/goals/review", "case.manage", case_goal_review_submit, "review a goal: its status" },
	{ "GET", "/admin/municipality", "directory.view", admin_municipality, "municipality and wards" },
	{ "POST", "/admin/wards", "directory.manage", admin_ward_create, "add a ward" },
	{ "GET", "/admin/organisations", "directory.view", admin_orgs, "organisations" },
	{ "POST", "/admin/organisations", "directory.manage", admin_org_create, "add an organisation" },
	{ "GET", "/admin/organisations/:id", "directory.manage", admin_org_edit, "edit an organisation" },
	{ "POST", "/admin/organisations/:id", "directory.manage", admin_org_update, "save an organisation" },
	{ "GET", "/admin/users", "users.manage", admin_users, "user accounts" },
	{ "POST", "/admin/users", "users.manage", admin_user_create, "add a user" },
	{ "POST", "/admin/users/:id/disable", "users.manage", admin_user_disable, "disable a user" },
	{ "POST", "/admin/users/:id/enable", "users.manage", admin_user_enable, "enable a user" },
	{ "POST", "/admin/users/:id/password", "users.manage", admin_user_password, "set a new password" },
	{ "GET", "/data/import", "data.import", data_import_page, "import the city's records from CSV" },
	{ "POST", "/data/import", "data.import", data_import_submit, "import a CSV file: all rows or none" },
	{ "GET", "/cases/export.csv", "data.export", data_export_cases, "the visible cases as CSV for Excel" },
	{ "GET", "/audit", "audit.view", audit_page, "the audit log" },
	{ "GET", "/audit/verify", "audit.view", audit_verify_page, "verify the audit hash chain" },
	{ "GET", "/stays", "stay.view", stays_page, "trial-stay rooms and their bookings, coming weeks" },
	{ "POST", "/stays/rooms", "stay.rooms", stays_room_create, "add a room to a group home" },
	{ "POST", "/stays/rooms/:id", "stay.rooms", stays_room_update, "rename a room or stop its bookings" },
	{ "POST", "/stays/bookings/:id/cancel", "stay.book", stays_cancel, "cancel a booking" },
	{ "POST", "/stays/bookings/:id/outcome", "stay.outcome", stays_outcome, "note how a stay went" },
	{ "GET", "/cases/:id/stays", "stay.book", stays_case_page, "a case's trial stays, the booking form" },
	{ "POST", "/cases/:id/stays", "stay.book", stays_book, "book a room for the case" },
};

const struct site pages_site = {
	.routes = routes,
	.n = sizeof routes / sizeof routes[0],
	.render_error = page_error,
};
