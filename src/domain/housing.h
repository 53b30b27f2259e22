/*
 * housing — housing requests of the referral system (住宅あっせんシステム; DESIGN §2 "Housing
 * referral", seed §4 ①): a counsellor writes a request from a case (budget, wards, conditions),
 * fills in the support-structure sheet (support_sheet.h) and sends the request to cooperating
 * agent firms (agent.h); the agents propose flats; the request moves
 *
 *   open → viewing → application → contract → moved_in
 *
 * one step at a time, or to declined (with a reason) from any step before moved_in. Applying
 * holds the flat (listing status held), the contract marks it contracted, declining frees a flat
 * it held; moving in writes the case's new residence. After moving in, the agent may raise a
 * tenancy concern that stays on the care team's dashboards until someone acknowledges it.
 *
 * What an agent may reach is decided here, in one place, by housing_agent_sees(): a request sent
 * to its firm, while the firm cooperates and the person's housing_agents consent is in force
 * today. Revoking the consent closes the request, its sheet and its concerns to the agent at once,
 * also for a request already sent. Agents get struct agent_request — never a support_case, a
 * person or a record — and the sheet's allow-listed fields.
 *
 * Staff readers take the caller's access (access.h) through the case: a request whose case the
 * caller may not see is ERR_NOTFOUND. Writers assume the router and page checked who may act and
 * run inside the caller's transaction with its audit row. Validation failures return ERR_INVALID
 * or ERR_CONFLICT with *field naming the form field and *msg a gettext msgid. Every string
 * returned lives in the caller's arena.
 */
#ifndef TSUNAGU_HOUSING_H
#define TSUNAGU_HOUSING_H

#include "access.h"
#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct listing;

enum {
	HOUSING_NOTE_MAX = 1000,    /* bytes of a note to agents, a proposal note */
	HOUSING_CONCERN_MAX = 2000, /* bytes of a concern or its handling */
	HOUSING_LIST_MAX = 500,     /* rows one listing returns */
	HOUSING_BUDGET_MAX = 1000000,
};

/* The setting with the monthly housing allowance of public assistance (住宅扶助) for one person. */
#define HOUSING_PA_LIMIT_SETTING "public_assistance_rent_limit"

extern const struct code housing_statuses[];        /* open viewing application contract moved_in declined */
extern const struct code housing_decline_reasons[]; /* landlord_refused person_declined rent location other */
extern const struct code housing_conditions[];      /* ground_floor lift near_transport no_guarantor public_assistance */
extern const struct code housing_concern_kinds[];   /* rent_arrears neighbour no_contact health other */

/* Walking minutes to a station or bus stop that count as "near transport". */
enum { HOUSING_NEAR_MINUTES = 10 };

struct housing_request {
	int64_t id;               /* 0 before it is stored */
	int64_t case_id;
	char *person_name;        /* staff readers only */
	int64_t lead_org_id;      /* the case's lead office; staff readers only */
	int budget;               /* yen a month, rent and fees together */
	char *move_by;            /* YYYY-MM-DD or NULL */
	char *agent_note;         /* shown to the agents; may be NULL */
	char **wards;             /* ward codes wanted (at least one) */
	size_t n_wards;
	char **conditions;        /* housing_conditions codes */
	size_t n_conditions;
	char *status;             /* housing_statuses */
	int64_t listing_id;       /* the flat applied for, contracted or moved into; 0: none */
	char *decline_reason;     /* when declined */
	char *moved_in_on;        /* when moved in */
	char *created_on;         /* the date it was written */
	int64_t created_by;
	bool has_sheet;           /* the support sheet is filled in */
};

/* A request as an agent sees it: only what the firm needs to look for a flat. */
struct agent_request {
	int64_t id;
	char *office_name;        /* the consultation office that sent it */
	int budget;
	char *move_by;
	char *agent_note;
	char **wards;
	size_t n_wards;
	char **conditions;
	size_t n_conditions;
	char *status;             /* as the firm may know it: "viewing" only of its own flats */
	int64_t listing_id;       /* when it is this firm's listing, else 0 */
	char *sent_on;
	bool has_sheet;
	int proposals;            /* this firm's proposals */
};

struct housing_proposal {
	int64_t id;
	int64_t request_id;
	int64_t listing_id;
	int64_t organisation_id; /* the listing's firm */
	char *firm_name;
	char *address;           /* the listing's, for lists */
	int rent, fees;
	char *listing_status;
	char *note;              /* the agent's note */
	char *viewing_on;        /* arranged by the counsellor, or NULL */
	char *proposed_on;
};

struct housing_step {
	char *from_status;       /* NULL for the first */
	char *to_status;
	char *on_date;
	char *address;           /* the listing's, when the step names one */
	char *user_name;
};

struct tenancy_concern {
	int64_t id;
	int64_t request_id;
	int64_t case_id;         /* staff readers */
	char *person_name;       /* staff readers */
	int64_t organisation_id; /* the firm that raised it */
	char *firm_name;
	char *address;           /* the flat's */
	char *kind;              /* housing_concern_kinds */
	char *body;
	char *raised_on;
	char *acknowledged_on;   /* NULL until acknowledged */
	char *acknowledged_by;   /* the user's name; staff readers */
	char *handling;          /* the care team's note; staff readers only */
};

/* A listing ranked for a request: higher score fits better; reasons are msgid/value pairs the
 * page shows in order ("Within the budget" "42,000円 ≤ 45,000円"). */
struct housing_match {
	struct listing *listing;
	int score;
	bool fits;               /* every hard wish is met: budget, ward, each condition */
	const char **reasons;    /* msgids, in order */
	const char **details;    /* the value beside each reason, or NULL */
	bool *good;              /* each reason speaks for (true) or against (false) */
	size_t n_reasons;
};

/* ---- staff ---- */

/* Validates r (budget 1..HOUSING_BUDGET_MAX, at least one ward of the municipality, known
 * conditions, move_by a real date not before today or NULL, note ≤ HOUSING_NOTE_MAX) for case
 * r->case_id (which must not be closed) and stores it as open, written by user_id. */
int housing_request_create(struct db *db, struct arena *a, struct housing_request *r, int64_t user_id,
			   const char *today, const char **field, const char **msg);

/* The request with this id, when acc sees its case; ERR_NOTFOUND otherwise. */
int housing_request_get(struct db *db, struct arena *a, const struct access *acc, int64_t id,
			struct housing_request *out);

/* Requests of a case, newest first (the caller checked the case is visible). */
int housing_requests_of_case(struct db *db, struct arena *a, int64_t case_id, struct housing_request **out,
			     size_t *n);

/* Requests whose cases acc sees, not yet moved in or declined first, then newest (at most
 * HOUSING_LIST_MAX). */
int housing_requests_visible(struct db *db, struct arena *a, const struct access *acc,
			     struct housing_request **out, size_t *n);

/* Sends request id to firm org on today: the request must be open or viewing, have its sheet,
 * the person's housing_agents consent must be in force today and the firm must cooperate today
 * and not have it already (ERR_CONFLICT). */
int housing_request_send(struct db *db, struct arena *a, int64_t id, int64_t org, const char *today,
			 const char **field, const char **msg);

/* The firms a request went to: ids and names and the date each was sent. */
struct housing_recipient {
	int64_t organisation_id;
	char *firm_name;
	char *sent_on;
};
int housing_recipients(struct db *db, struct arena *a, int64_t id, struct housing_recipient **out, size_t *n);

/* Proposals of a request, oldest first. */
int housing_proposals(struct db *db, struct arena *a, int64_t request_id, struct housing_proposal **out,
		      size_t *n);

/* Arranges (or moves) a viewing of proposal pid of request id on date on (a real date). Moves an
 * open request to viewing. */
int housing_viewing_arrange(struct db *db, struct arena *a, int64_t id, int64_t pid, const char *on,
			    int64_t user_id, const char *today, const char **field, const char **msg);

/* Moves request id to status to on date on (today when NULL): "application" (pid: the proposal
 * applied for; holds the flat), "contract", "moved_in" (address: where the person now lives,
 * the flat's address when NULL or empty; writes the residence), or "declined" (reason a
 * housing_decline_reasons code; frees a held flat). Only the steps at the top of this file. */
int housing_request_move(struct db *db, struct arena *a, int64_t id, const char *to, int64_t pid,
			 const char *reason, const char *address, const char *on, int64_t user_id,
			 const char *today, const char **field, const char **msg);

/* The request's steps, oldest first. */
int housing_steps(struct db *db, struct arena *a, int64_t id, struct housing_step **out, size_t *n);

/* The open listings of cooperating firms ranked for request r (best first), with reasons. org
 * limits them to one firm (an agent choosing what to propose), 0 for every firm. */
int housing_match(struct db *db, struct arena *a, const struct housing_request *r, int64_t org,
		  const char *today, struct housing_match **out, size_t *n);

/* Where the person of a case lives now: the latest residence recorded. */
struct residence {
	char *address;
	char *ward_code;   /* may be NULL */
	char *moved_in_on;
	int64_t request_id; /* through the scheme; 0 otherwise */
};
/* The latest residence of case_id; ERR_NOTFOUND when none is recorded. */
int housing_residence(struct db *db, struct arena *a, int64_t case_id, struct residence *out);

/* Requests that reached moved_in with moved_in_on in [from, to] (YYYY-MM-DD; either NULL for
 * open-ended): the indicator housing_scheme_cases. */
int housing_moved_in_count(struct db *db, const char *from, const char *to, int *count);

/* ---- concerns ---- */

/* Unacknowledged concerns on cases acc sees, oldest first: the top of the dashboard. */
int housing_concerns_open(struct db *db, struct arena *a, const struct access *acc,
			  struct tenancy_concern **out, size_t *n);

/* Concerns of a request, newest first; staff fields filled when staff is true. */
int housing_concerns_of(struct db *db, struct arena *a, int64_t request_id, bool staff,
			struct tenancy_concern **out, size_t *n);

/* Acknowledges concern cid (when acc sees its case; ERR_NOTFOUND otherwise) and records the
 * handling (1..HOUSING_CONCERN_MAX bytes); a second acknowledgement updates the handling only. */
int housing_concern_acknowledge(struct db *db, struct arena *a, const struct access *acc, int64_t cid,
				const char *handling, const char **field, const char **msg);

/* ---- agents ---- */

/* The requests sent to firm org that it may see today (housing_agent_sees), newest first. */
int housing_agent_requests(struct db *db, struct arena *a, int64_t org, const char *today,
			   struct agent_request **out, size_t *n);

/* The request id as firm org sees it today. ERR_NOTFOUND when it was not sent to the firm, when
 * the firm does not cooperate, when the consent is not in force — one answer for all, so that an
 * agent cannot tell which. */
int housing_agent_request_get(struct db *db, struct arena *a, int64_t org, int64_t id, const char *today,
			      struct agent_request *out);

/* Stores firm org's proposal of its own open listing lid for request id (which it sees; open or
 * viewing), with a note. ERR_CONFLICT when proposed already. */
int housing_propose(struct db *db, struct arena *a, int64_t org, int64_t id, int64_t lid, const char *note,
		    int64_t user_id, const char *today, const char **field, const char **msg);

/* Stores a concern of firm org about request id, which must be moved into one of its listings
 * and seen by the firm today. */
int housing_concern_raise(struct db *db, struct arena *a, int64_t org, int64_t id, struct tenancy_concern *c,
			  int64_t user_id, const char *today, const char **field, const char **msg);

/* Requests sent to firm org (visible today) that have no proposal of the firm yet and are still
 * open: "waiting for you" on the agent's dashboard. */
int housing_agent_waiting(struct db *db, int64_t org, const char *today, int *count);

#endif
