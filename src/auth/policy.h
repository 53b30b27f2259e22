/*
 * policy — the one allow table: role × action → scope. Anything not in the table is denied.
 *
 * An action names what a route does ("directory.manage"); each route names exactly one action
 * (or POLICY_PUBLIC for pages anyone may open, such as the login form), and the server refuses
 * to start when a route names an action this table does not know. The scope says how far the
 * allowance reaches; handlers that load records use it to narrow their queries (a counsellor's
 * "care team" scope), and the router refuses outright when the role has no row at all.
 */
#ifndef TSUNAGU_POLICY_H
#define TSUNAGU_POLICY_H

#include "domain/user.h"

#include <stdbool.h>

#define POLICY_PUBLIC "public"

enum scope {
	SCOPE_NONE = 0,     /* denied */
	SCOPE_SELF,         /* only the user's own account */
	SCOPE_OWN_ORG,      /* records of the user's organisation */
	SCOPE_CARE_TEAM,    /* cases the user's organisation leads or is on the care team of */
	SCOPE_CONSENT,      /* cases shared with the role under a consent in force */
	SCOPE_WARD,         /* records of the user's ward */
	SCOPE_MUNICIPALITY, /* everything in the municipality */
};

/* How far role may do action; SCOPE_NONE when the table has no row (deny by default). */
enum scope policy_scope(enum role role, const char *action);

/* True when action appears in the table (or is POLICY_PUBLIC). */
bool policy_known(const char *action);

#endif
