/*
 * case — the support case (DESIGN §2 "Cases"): one person's way from hospital to a settled life,
 * with its stage machine, care team, consents and post-discharge follow-ups.
 *
 * Stages: referred → assessing → planning → transitioning → housing → discharged → settling →
 * closed. case_transition_allowed() is the whole machine: forward one step, back one step before
 * discharge (a plan or a flat can fall through), to discharged from any stage before it (the
 * discharge decides, not the plan), and to closed from any open stage with a reason — "settled"
 * only after discharge, "readmitted" only after discharge. Every change is a row of
 * case_stage_change with its date and user.
 *
 * Every reader takes the caller's access (access.h); a case the caller may not see is
 * ERR_NOTFOUND. Writers assume the router and the reader already checked access and run inside
 * the caller's transaction (with its audit row). Validation failures: ERR_INVALID, *field and
 * *msg (a gettext msgid).
 */
#ifndef TSUNAGU_CASE_H
#define TSUNAGU_CASE_H

#include "access.h"
#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

extern const struct code case_stages[];        /* in order, ending with code NULL */
extern const struct code case_close_reasons[];
extern const struct code case_team_roles[];
extern const struct code case_consent_scopes[];


/* True when a case in stage from may move to stage to (with reason when to is "closed"). */
bool case_transition_allowed(const char *from, const char *to, const char *reason);

struct support_case {
	int64_t id;           /* 0 before it is stored */
	int64_t person_id;    /* whose case */
	char *person_name;    /* family and given name, for lists and headings */
	char *person_kana;    /* their kana, for lists */
	char *ward_code;      /* the person's ward */
	int64_t lead_org_id;  /* who leads it */
	char *lead_org_name;  /* its name */
	char *stage;          /* a case_stages code */
	char *close_reason;   /* when closed */
	char *opened_on;      /* YYYY-MM-DD */
	char *closed_on;      /* when closed */
};

/* Opens a case for person_id led by lead_org (which joins the care team as team_role) in stage
 * "referred" or "assessing", on date on. */
int case_open(struct db *db, struct arena *a, struct support_case *c, const char *team_role,
	      int64_t user_id, const char *today, const char **field, const char **msg);

int case_get(struct db *db, struct arena *a, const struct access *acc, int64_t id, struct support_case *out);

/* Cases acc may see, newest first (keyset on id: pass the last id of the previous page, or 0).
 * stage filters when non-NULL; person_id filters when non-zero. */
struct case_page {
	struct support_case *v; /* the cases */
	size_t n;               /* how many */
	bool more;              /* another page follows */
	int64_t last_id;        /* cursor for the next page */
};
int case_list(struct db *db, struct arena *a, const struct access *acc, const char *stage,
	      int64_t person_id, int64_t before_id, int limit, struct case_page *out);

/* A closed case keeps its care team, consents, service periods and goals as they were: the writers
 * that add to a case or change its plan (case_team_add, case_consent_grant and casework.h's
 * service_period_add, service_period_extend, goal_add, goal_review) call this first. What stays
 * allowed on a closed case is what records the past or protects the person: revoking a consent,
 * recording follow-ups and support records. Returns 0 when case_id is open,
 * ERR_INVALID (*field "stage", *msg a gettext msgid) when it is closed, ERR_NOTFOUND when there is
 * no such case. No access check: the caller loaded the case first. */
int case_require_open(struct db *db, struct arena *a, int64_t case_id, const char **field, const char **msg);

/* Moves the case to stage to on date on (reason for "closed"), recording the change. */
int case_set_stage(struct db *db, struct arena *a, int64_t case_id, const char *to, const char *reason,
		   const char *on, int64_t user_id, const char *today, const char **field, const char **msg);

/* Records the discharge of the person's open admission admission_id, moves the case to
 * discharged, and creates the follow-ups due 1, 3, 6 and 12 months after. */
int case_discharge(struct db *db, struct arena *a, int64_t case_id, int64_t admission_id, const char *on,
		   const char *destination, int64_t user_id, const char *today, const char **field,
		   const char **msg);

struct case_team_member {
	int64_t id;           /* the membership */
	int64_t organisation_id;
	char *organisation_name;
	char *sector;         /* the organisation's sector */
	char *team_role;      /* a case_team_roles code */
	char *added_on;       /* YYYY-MM-DD */
	char *removed_on;     /* NULL while on the team */
};
int case_team(struct db *db, struct arena *a, int64_t case_id, struct case_team_member **out, size_t *n);
int case_team_add(struct db *db, struct arena *a, int64_t case_id, int64_t org_id, const char *role,
		  const char *on, const char *today, const char **field, const char **msg);
int case_team_remove(struct db *db, struct arena *a, int64_t case_id, int64_t member_id, const char *on,
		     const char *today, const char **field, const char **msg);
/* Sets *on to true when organisation org_id carries case case_id: it leads the case or is a
 * member of its care team who has not left. Seeing a case is not carrying it: a hospital sees the
 * cases of the people it holds an admission for, and the elderly field and peers see cases under a
 * consent, without being on the team. No access check: the caller loaded the case with case_get()
 * first. 0, or ERR_STORAGE. */
int case_org_on_team(struct db *db, struct arena *a, int64_t case_id, int64_t org_id, bool *on);

struct case_consent {
	int64_t id;
	char *scope;      /* a case_consent_scopes code */
	char *granted_on;
	char *expires_on; /* NULL: no end */
	char *revoked_on; /* NULL: not revoked */
	bool in_force;    /* on the reader's today */
};
int case_consents(struct db *db, struct arena *a, int64_t case_id, const char *today,
		  struct case_consent **out, size_t *n);
/* True when one of the n consents (from case_consents) of scope is in force. */
bool case_consent_in_force(const struct case_consent *k, size_t n, const char *scope);
int case_consent_grant(struct db *db, struct arena *a, int64_t case_id, const char *scope,
		       const char *granted_on, const char *expires_on, int64_t user_id, const char *today,
		       const char **field, const char **msg);
int case_consent_revoke(struct db *db, struct arena *a, int64_t case_id, int64_t consent_id,
			const char *on, const char *today, const char **field, const char **msg);

struct case_follow_up {
	int64_t id;
	int months;              /* 1, 3, 6 or 12 */
	char *due_on;            /* the discharge date + months */
	char *done_on;           /* NULL until recorded */
	int living_in_community; /* -1 unknown, 0 no, 1 yes */
	int readmitted;          /* likewise */
	int treatment_continuing;/* likewise */
};
int case_follow_ups(struct db *db, struct arena *a, int64_t case_id, struct case_follow_up **out, size_t *n);
int case_follow_up_record(struct db *db, struct arena *a, int64_t case_id, int64_t follow_up_id,
			  const char *done_on, int living, int readmitted, int treatment, const char *today,
			  const char **field, const char **msg);

/* The due dates of the follow-ups after a discharge on `discharged` (YYYY-MM-DD) into
 * out[4] (11 bytes each): 1, 3, 6 and 12 calendar months later, clamped to the month's end. */
bool case_follow_up_dates(const char *discharged, char out[4][11]);

struct case_event {
	char *on;     /* YYYY-MM-DD */
	char *kind;   /* stage, team, team_left, consent, consent_revoked, admission, follow_up,
		       * service (a period's start), record (a support record: its kind only, never
		       * the text), goal (set), goal_reviewed */
	char *what;   /* a code (stage, role, scope, service, record kind, goal status …) to label */
	char *detail; /* an organisation's name or a second code; may be NULL */
};
/* Everything that happened on the case, newest first. */
int case_timeline(struct db *db, struct arena *a, int64_t case_id, struct case_event **out, size_t *n);

#endif
