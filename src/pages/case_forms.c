/*
 * case_forms — the changes made on the case page: the stage, the care team, consents, the
 * discharge and follow-ups. Each one loads the case with the user's access first, inside the
 * transaction that writes the change and its audit row (object: the case id, nothing else), so a
 * case the user may not see is "not found" and nothing is stored. A refused change shows the
 * case page again with the input kept and the reason on the form (cases.c).
 */
#include "arena.h"
#include "auth/audit.h"
#include "domain/case.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <string.h>

struct case_change {
	struct access acc;  /* who asks */
	struct page_form f; /* the form; the field at fault and why, when refused */
	/* The change itself, run after the access check; reads its fields from the form. */
	int (*apply)(struct request *req, struct case_change *k);
};

static int run(struct request *req, void *ctx, struct audit_event *e)
{
	struct case_change *k = ctx;
	struct support_case c;
	int rc = case_get(req->db, req->arena, &k->acc, req->id, &c);
	return rc ? rc : k->apply(req, k);
}

/* Runs the change of form, audited as action; on success back to the page at anchor with the
 * notice done. */
static int submit(struct request *req, int (*apply)(struct request *, struct case_change *),
		  const char *form, const char *action, const char *done, const char *anchor)
{
	struct case_change k = { .f = { .name = form }, .apply = apply };
	page_access(req, &k.acc);
	int rc = page_write(req, run, &k, action, "case", arena_printf(req->arena, "%" PRId64, req->id));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		req->status = err_http_status(rc);
		return case_page_show(req, &k.f);
	}
	return rc ? rc
		  : request_redirect(req, arena_printf(req->arena, "/cases/%" PRId64 "?done=%s#%s", req->id,
						       done, anchor));
}

static int apply_stage(struct request *req, struct case_change *k)
{
	return case_set_stage(req->db, req->arena, req->id, request_form(req, "stage"),
			      request_form(req, "close_reason"), request_form(req, "changed_on"), k->acc.user_id,
			      k->acc.today, &k->f.field, &k->f.msg);
}

int case_stage_submit(struct request *req)
{
	return submit(req, apply_stage, "stage", "case.stage", "stage", "stage");
}

static int apply_team_add(struct request *req, struct case_change *k)
{
	return case_team_add(req->db, req->arena, req->id, page_form_id(req, "organisation_id"),
			     request_form(req, "team_role"), request_form(req, "added_on"), k->acc.today,
			     &k->f.field, &k->f.msg);
}

int case_team_add_submit(struct request *req)
{
	return submit(req, apply_team_add, "team", "case.team.add", "team", "team");
}

static int apply_team_remove(struct request *req, struct case_change *k)
{
	return case_team_remove(req->db, req->arena, req->id, page_form_id(req, "member_id"),
				request_form(req, "removed_on"), k->acc.today, &k->f.field, &k->f.msg);
}

int case_team_remove_submit(struct request *req)
{
	return submit(req, apply_team_remove, "team_remove", "case.team.remove", "team_removed", "team");
}

static int apply_consent_grant(struct request *req, struct case_change *k)
{
	return case_consent_grant(req->db, req->arena, req->id, request_form(req, "scope"),
				  request_form(req, "granted_on"), request_form(req, "expires_on"), k->acc.user_id,
				  k->acc.today, &k->f.field, &k->f.msg);
}

int case_consent_grant_submit(struct request *req)
{
	return submit(req, apply_consent_grant, "consent", "case.consent.grant", "consent", "consents");
}

static int apply_consent_revoke(struct request *req, struct case_change *k)
{
	return case_consent_revoke(req->db, req->arena, req->id, page_form_id(req, "consent_id"),
				   request_form(req, "revoked_on"), k->acc.today, &k->f.field, &k->f.msg);
}

int case_consent_revoke_submit(struct request *req)
{
	return submit(req, apply_consent_revoke, "consent_revoke", "case.consent.revoke", "consent_revoked",
		      "consents");
}

static int apply_discharge(struct request *req, struct case_change *k)
{
	return case_discharge(req->db, req->arena, req->id, page_form_id(req, "admission_id"),
			      request_form(req, "discharged_on"), request_form(req, "discharge_destination"),
			      k->acc.user_id, k->acc.today, &k->f.field, &k->f.msg);
}

int case_discharge_submit(struct request *req)
{
	return submit(req, apply_discharge, "discharge", "case.discharge", "discharge", "follow-ups");
}

/* A yes/no radio answer: 1, 0, or -1 when missing or anything else. */
static int yes_no(struct request *req, const char *field)
{
	const char *v = request_form(req, field);
	return !v ? -1 : strcmp(v, "1") == 0 ? 1 : strcmp(v, "0") == 0 ? 0 : -1;
}

static int apply_follow_up(struct request *req, struct case_change *k)
{
	int rc = case_follow_up_record(req->db, req->arena, req->id, page_form_id(req, "follow_up_id"),
				       request_form(req, "done_on"), yes_no(req, "living_in_community"),
				       yes_no(req, "readmitted"), yes_no(req, "treatment_continuing"), k->acc.today,
				       &k->f.field, &k->f.msg);
	if (rc == ERR_NOTFOUND) { /* the case is visible: it is the follow-up that is not its own */
		k->f.field = "follow_up_id";
		k->f.msg = N_("Choose the follow-up from the list.");
		return ERR_INVALID;
	}
	return rc;
}

int case_follow_up_submit(struct request *req)
{
	return submit(req, apply_follow_up, "follow_up", "case.follow_up", "follow_up", "follow-ups");
}
