/*
 * policy — the allow table. Read it as the answer to "who may do what, how far". A new screen
 * adds its action here first; the route table then names it.
 */
#include "policy.h"

#include <string.h>

static const struct {
	const char *action; /* what is done */
	enum role role;     /* who may */
	enum scope scope;   /* how far */
} rules[] = {
	/* Everyone logged in: their own home page and account (language, logout). */
	{ "home.view", ROLE_ADMIN, SCOPE_SELF },
	{ "home.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "home.view", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "home.view", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "home.view", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "home.view", ROLE_ELDERLY, SCOPE_CONSENT },
	{ "home.view", ROLE_PEER, SCOPE_CONSENT },
	{ "home.view", ROLE_AGENT, SCOPE_OWN_ORG },
	{ "home.view", ROLE_AUDITOR, SCOPE_SELF },

	{ "account.self", ROLE_ADMIN, SCOPE_SELF },
	{ "account.self", ROLE_CITY, SCOPE_SELF },
	{ "account.self", ROLE_COUNSELOR, SCOPE_SELF },
	{ "account.self", ROLE_HOSPITAL, SCOPE_SELF },
	{ "account.self", ROLE_PROVIDER, SCOPE_SELF },
	{ "account.self", ROLE_ELDERLY, SCOPE_SELF },
	{ "account.self", ROLE_PEER, SCOPE_SELF },
	{ "account.self", ROLE_AGENT, SCOPE_SELF },
	{ "account.self", ROLE_AUDITOR, SCOPE_SELF },

	/* The directory: the city reads it, the administrator keeps it. No case data here. */
	{ "directory.view", ROLE_ADMIN, SCOPE_MUNICIPALITY },
	{ "directory.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "directory.manage", ROLE_ADMIN, SCOPE_MUNICIPALITY },
	{ "users.manage", ROLE_ADMIN, SCOPE_MUNICIPALITY },

	/* Persons: found, registered and read within the row-level rule of domain/access.c (the
	 * scope below is what that rule applies). Agents, the administrator and the auditor never.
	 * Nor peers: they get the minimal view of their assigned cases (DESIGN §1; issue 5 "see only
	 * their assignments, minimally"; pages/case_peer.c), and the person page would show them
	 * what that view withholds — admissions (hospital, type of admission), birth date, handbook
	 * grade, public assistance, guardianship. */
	{ "person.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "person.view", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "person.view", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "person.view", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "person.view", ROLE_ELDERLY, SCOPE_CONSENT },
	{ "person.edit", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "person.edit", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "person.edit", ROLE_HOSPITAL, SCOPE_CARE_TEAM },

	/* Support cases. Opening one: the city, a counsellor, or a hospital referring a patient.
	 * Managing (stage, team, consents, discharge, services): the organisations that carry the
	 * case. Recording support records: everyone who works on it. Follow-ups (living in the
	 * community? readmitted? treatment continuing?) are health information: not for peers, who
	 * see only their due dates (DESIGN §1: a minimal view). */
	{ "case.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "case.view", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "case.view", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "case.view", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "case.view", ROLE_ELDERLY, SCOPE_CONSENT },
	{ "case.view", ROLE_PEER, SCOPE_CONSENT },
	{ "case.open", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "case.open", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "case.open", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "case.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "case.manage", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "case.manage", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "case.record", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "case.record", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "case.record", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "case.record", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "case.record", ROLE_ELDERLY, SCOPE_CONSENT },
	{ "case.record", ROLE_PEER, SCOPE_CONSENT },
	{ "case.follow_up", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "case.follow_up", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "case.follow_up", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "case.follow_up", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "case.follow_up", ROLE_ELDERLY, SCOPE_CONSENT },

	/* Trial stays (体験宿泊): group homes keep their rooms; counsellors and the city book them
	 * for a case; the group home sees its rooms' bookings and notes the outcome. */
	{ "stay.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "stay.view", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "stay.view", ROLE_PROVIDER, SCOPE_OWN_ORG },
	{ "stay.rooms", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "stay.rooms", ROLE_PROVIDER, SCOPE_OWN_ORG },
	{ "stay.book", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "stay.book", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "stay.outcome", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "stay.outcome", ROLE_PROVIDER, SCOPE_OWN_ORG },

	/* The city's records in and out as CSV. */
	{ "data.import", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "data.export", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "data.export", ROLE_COUNSELOR, SCOPE_CARE_TEAM },

	/* The computed indicators as data (GET /api/indicators): aggregates only, no person's data,
	 * so not audited — but a figure over a small ward can point at a few people, so the city
	 * alone reads them. */
	{ "indicator.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	/* The city sets its indicators and writes the status sheet (DESIGN §2: the city's alone). */
	{ "indicator.manage", ROLE_CITY, SCOPE_MUNICIPALITY },

	/* The housing referral system (住宅あっせんシステム). The city registers the association's
	 * agent firms, records their trainings and starts their cooperation, and reads the agents'
	 * feedback. Counsellors write housing requests from their cases and fill in the support-
	 * structure sheet; everyone who carries the tenancy (the care team's organisations) sees and
	 * acknowledges the concerns agents raise. An agent works only on its own firm: its listings,
	 * the requests sent to it (through the sheet, never the case; domain/housing.h), its feedback. */
	{ "agent.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "feedback.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "housing.request", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "housing.request", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "housing.concern", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "housing.concern", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "housing.concern", ROLE_HOSPITAL, SCOPE_CARE_TEAM },
	{ "housing.concern", ROLE_PROVIDER, SCOPE_CARE_TEAM },
	{ "listing.edit", ROLE_AGENT, SCOPE_OWN_ORG },
	{ "referral.view", ROLE_AGENT, SCOPE_OWN_ORG },
	{ "referral.respond", ROLE_AGENT, SCOPE_OWN_ORG },
	{ "feedback.send", ROLE_AGENT, SCOPE_OWN_ORG },

	/* The forum and its meetings, events, programmes and the plan are the municipality's shared
	 * record: every staff role reads them (a reviewed case's discussion only under the case's
	 * access rule, domain/meeting.c). The city — and the counsellors who run the working group —
	 * schedule meetings; the city keeps events, programmes and the plan. An action item is marked
	 * done by its owner organisation (or the city). Agents see none of it: their firm's trainings
	 * reach them through their own dashboard. */
	{ "meeting.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "meeting.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "meeting.view", ROLE_HOSPITAL, SCOPE_MUNICIPALITY },
	{ "meeting.view", ROLE_PROVIDER, SCOPE_MUNICIPALITY },
	{ "meeting.view", ROLE_ELDERLY, SCOPE_MUNICIPALITY },
	{ "meeting.view", ROLE_PEER, SCOPE_MUNICIPALITY },
	{ "meeting.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "meeting.manage", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "action.done", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "action.done", ROLE_COUNSELOR, SCOPE_OWN_ORG },
	{ "action.done", ROLE_HOSPITAL, SCOPE_OWN_ORG },
	{ "action.done", ROLE_PROVIDER, SCOPE_OWN_ORG },
	{ "action.done", ROLE_ELDERLY, SCOPE_OWN_ORG },
	{ "action.done", ROLE_PEER, SCOPE_OWN_ORG },
	{ "event.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "event.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "event.view", ROLE_HOSPITAL, SCOPE_MUNICIPALITY },
	{ "event.view", ROLE_PROVIDER, SCOPE_MUNICIPALITY },
	{ "event.view", ROLE_ELDERLY, SCOPE_MUNICIPALITY },
	{ "event.view", ROLE_PEER, SCOPE_MUNICIPALITY },
	{ "event.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "event.manage", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_HOSPITAL, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_PROVIDER, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_ELDERLY, SCOPE_MUNICIPALITY },
	{ "programme.view", ROLE_PEER, SCOPE_MUNICIPALITY },
	{ "programme.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_HOSPITAL, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_PROVIDER, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_ELDERLY, SCOPE_MUNICIPALITY },
	{ "plan.view", ROLE_PEER, SCOPE_MUNICIPALITY },
	{ "plan.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_HOSPITAL, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_PROVIDER, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_ELDERLY, SCOPE_MUNICIPALITY },
	{ "calendar.view", ROLE_PEER, SCOPE_MUNICIPALITY },

	/* Peer support: the city keeps the registry of peer supporters; a counsellor carrying a case
	 * assigns one (under the peer_support consent); the peer supporter logs their own activity,
	 * and so may the city and the counsellor. */
	{ "peer.view", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "peer.view", ROLE_COUNSELOR, SCOPE_MUNICIPALITY },
	{ "peer.manage", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "peer.assign", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "peer.assign", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "peer.log", ROLE_CITY, SCOPE_MUNICIPALITY },
	{ "peer.log", ROLE_COUNSELOR, SCOPE_CARE_TEAM },
	{ "peer.log", ROLE_PEER, SCOPE_SELF },

	/* The audit log is for the auditor alone. */
	{ "audit.view", ROLE_AUDITOR, SCOPE_MUNICIPALITY },
};

enum scope policy_scope(enum role role, const char *action)
{
	for (size_t i = 0; action && i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].role == role && strcmp(rules[i].action, action) == 0)
			return rules[i].scope;
	return SCOPE_NONE;
}

bool policy_known(const char *action)
{
	if (!action)
		return false;
	if (strcmp(action, POLICY_PUBLIC) == 0)
		return true;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].action, action) == 0)
			return true;
	return false;
}
