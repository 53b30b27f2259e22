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
