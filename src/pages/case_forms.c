/*
 * case_forms — the changes made on the case page: the stage, the care team, consents, the
 * discharge and follow-ups, service periods, support records and goals. Each one loads the case
 * with the user's access first, inside the transaction that writes the change and its audit row
 * (object: the case id, nothing else — never a name or a text), so a case the user may not see
 * is "not found" and nothing is stored. The routes of policy case.manage also need the user's
 * organisation to carry the case (page_case_manage): seeing it is not enough, and the answer is
 * 403. A refused change shows the case page again with the input kept and the reason on the
 * form (cases.c).
 */
#include "arena.h"
#include "auth/audit.h"
#include "auth/policy.h"
#include "domain/case.h"
#include "domain/casework.h"
#include "error.h"
#include "pages.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

int page_case_manage(struct request *req, const struct support_case *c)
{
	switch (policy_scope(req->session.user.role, "case.manage")) {
	case SCOPE_MUNICIPALITY:
		return 0;
	case SCOPE_CARE_TEAM: {
		bool on = false;
		int rc = case_org_on_team(req->db, req->arena, c->id, req->session.user.organisation_id, &on);
		return rc ? rc : on ? 0 : ERR_FORBIDDEN;
	}
	default:
		return ERR_FORBIDDEN;
	}
}

struct case_change {
	struct access acc;  /* who asks */
	struct page_form f; /* the form; the field at fault and why, when refused */
	/* The change itself, run after the access check; reads its fields from the form. */
	int (*apply)(struct request *req, struct case_change *k);
};

/* True when the route being answered is one of case.manage (the route table says which). */
static bool managing(const struct request *req)
{
	return req->route && strcmp(req->route->policy, "case.manage") == 0;
}

static int run(struct request *req, void *ctx, struct audit_event *e)
{
	struct case_change *k = ctx;
	struct support_case c;
	int rc = case_get(req->db, req->arena, &k->acc, req->id, &c);
	if (!rc && managing(req))
		rc = page_case_manage(req, &c);
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
	if (rc == ERR_FORBIDDEN)
		page_audit_refused(req, action, "case", arena_printf(req->arena, "%" PRId64, req->id));
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

/* A whole number typed in field (minutes, months): -1 when absent or not one, for the domain to
 * refuse with its message. */
static int form_count(const struct request *req, const char *field)
{
	const char *v = request_form(req, field);
	if (!v || !*v || strlen(v) > 6 || strspn(v, "0123456789") != strlen(v))
		return -1;
	return atoi(v);
}

static int apply_service_add(struct request *req, struct case_change *k)
{
	struct service_period sp = {
		.case_id = req->id,
		.service = (char *)request_form(req, "service"),
		.provider_id = page_form_id(req, "provider_id"),
		.starts_on = (char *)request_form(req, "starts_on"),
		.ends_on = (char *)request_form(req, "ends_on"),
		.monitoring_months = form_count(req, "monitoring_months"),
	};
	return service_period_add(req->db, req->arena, &sp, k->acc.today, &k->f.field, &k->f.msg);
}

int case_service_add_submit(struct request *req)
{
	return submit(req, apply_service_add, "service", "case.service.add", "service", "services");
}

static int apply_service_extend(struct request *req, struct case_change *k)
{
	int rc = service_period_extend(req->db, req->arena, req->id, page_form_id(req, "period_id"),
				       request_form(req, "extended_to"), &k->f.field, &k->f.msg);
	if (rc == ERR_NOTFOUND) { /* the case is visible: it is the period that is not its own */
		k->f.field = "period_id";
		k->f.msg = N_("Choose the service period from the list.");
		return ERR_INVALID;
	}
	return rc;
}

int case_service_extend_submit(struct request *req)
{
	return submit(req, apply_service_extend, "extend", "case.service.extend", "service_extended", "services");
}

static int apply_record_add(struct request *req, struct case_change *k)
{
	struct support_record r = {
		.recorded_on = (char *)request_form(req, "recorded_on"),
		.kind = (char *)request_form(req, "kind"),
		.minutes = form_count(req, "minutes"),
		.body = (char *)request_form(req, "body"),
	};
	return support_record_add(req->db, req->arena, req->id, &r, k->acc.user_id, k->acc.today, &k->f.field,
				  &k->f.msg);
}

int case_record_add_submit(struct request *req)
{
	return submit(req, apply_record_add, "record", "case.record.add", "record", "records");
}

static int apply_goal_add(struct request *req, struct case_change *k)
{
	struct goal g = {
		.body = (char *)request_form(req, "body"),
		.set_on = (char *)request_form(req, "set_on"),
	};
	return goal_add(req->db, req->arena, req->id, &g, k->acc.today, &k->f.field, &k->f.msg);
}

int case_goal_add_submit(struct request *req)
{
	return submit(req, apply_goal_add, "goal", "case.goal.add", "goal", "goals");
}

static int apply_goal_review(struct request *req, struct case_change *k)
{
	return goal_review(req->db, req->arena, req->id, page_form_id(req, "goal_id"), request_form(req, "status"),
			   request_form(req, "reviewed_on"), k->acc.today, &k->f.field, &k->f.msg);
}

int case_goal_review_submit(struct request *req)
{
	return submit(req, apply_goal_review, "goal_review", "case.goal.review", "goal_reviewed", "goals");
}
