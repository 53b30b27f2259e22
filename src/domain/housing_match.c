/*
 * housing_match — the open listings ranked for a housing request (housing.h housing_match), each
 * with the reasons for its place, so that the counsellor and the agent can see why a flat is first
 * rather than trust a number.
 *
 * A listing fits when every hard wish is met: rent and fees within the budget, in a ward asked
 * for, and each condition ticked. Fitting listings come first; within each group the score
 * orders them (a point for every yen of headroom up to 20, and for how near transport is), then
 * the cheaper flat. The public-assistance condition compares the rent alone with the housing
 * allowance (住宅扶助 covers rent, not the common-area fee), from the setting
 * public_assistance_rent_limit.
 */
#include "housing.h"

#include "agent.h"
#include "arena.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "setting.h"

#include <stdlib.h>
#include <string.h>

/* The most reasons one listing gets: budget, ward, five conditions, the date. */
enum { REASONS_MAX = 8 };

static bool wants(const struct housing_request *r, const char *condition)
{
	for (size_t i = 0; i < r->n_conditions; i++)
		if (strcmp(r->conditions[i], condition) == 0)
			return true;
	return false;
}

static bool in_wards(const struct housing_request *r, const char *ward)
{
	for (size_t i = 0; i < r->n_wards; i++)
		if (strcmp(r->wards[i], ward) == 0)
			return true;
	return false;
}

static void reason(struct housing_match *m, bool good, const char *msgid, const char *detail)
{
	if (m->n_reasons == REASONS_MAX)
		return;
	m->reasons[m->n_reasons] = msgid;
	m->details[m->n_reasons] = detail;
	m->good[m->n_reasons] = good;
	m->n_reasons++;
	if (!good)
		m->fits = false;
}

/* Scores listing l for r; amounts in the details are plain grouped numbers of yen. */
static void judge(struct arena *a, const struct housing_request *r, int pa_limit, const char *today,
		  struct housing_match *m)
{
	const struct listing *l = m->listing;
	int monthly = l->rent + l->fees;
	m->fits = true;
	if (monthly <= r->budget) {
		int headroom = (r->budget - monthly) / 1000;
		m->score += 40 + (headroom > 20 ? 20 : headroom);
		reason(m, true, N_("Rent and fees within the budget"),
		       arena_printf(a, "%s / %s", jp_format_yen(a, monthly, LANG_JA), jp_format_yen(a, r->budget, LANG_JA)));
	} else {
		reason(m, false, N_("Over the budget by"), jp_format_yen(a, monthly - r->budget, LANG_JA));
	}
	if (in_wards(r, l->ward_code)) {
		m->score += 20;
		reason(m, true, N_("In a ward asked for"), NULL);
	} else {
		reason(m, false, N_("Outside the wards asked for"), NULL);
	}
	if (wants(r, "ground_floor"))
		reason(m, l->floor == 1, l->floor == 1 ? N_("On the ground floor") : N_("Not on the ground floor"), NULL);
	if (wants(r, "lift")) {
		bool ok = l->floor == 1 || l->lift;
		reason(m, ok, ok ? N_("Ground floor or a lift") : N_("Upstairs without a lift"), NULL);
	}
	if (wants(r, "near_transport")) {
		bool ok = l->access_minutes <= HOUSING_NEAR_MINUTES;
		reason(m, ok, ok ? N_("Near a station or bus stop (minutes on foot)") : N_("Far from transport (minutes on foot)"),
		       arena_printf(a, "%d", l->access_minutes));
	}
	if (wants(r, "no_guarantor")) {
		bool ok = strcmp(l->guarantor, "person") != 0;
		reason(m, ok, ok ? N_("No personal guarantor needed") : N_("A personal guarantor is required"), NULL);
	}
	if (wants(r, "public_assistance")) {
		bool ok = l->public_assistance && l->rent <= pa_limit;
		reason(m, ok,
		       !l->public_assistance ? N_("Does not take tenants on public assistance")
		       : ok		      ? N_("Rent within the housing allowance")
					      : N_("Rent above the housing allowance"),
		       l->public_assistance ? jp_format_yen(a, pa_limit, LANG_JA) : NULL);
	}
	/* Transport counts a little even when not asked: the person will go to the clinic. */
	m->score += l->access_minutes >= 20 ? 0 : (20 - l->access_minutes) / 2;
	if (r->move_by) {
		bool ok = strcmp(l->available_from, r->move_by) <= 0;
		m->score += ok ? 5 : 0;
		/* Soft: a flat free a little later may still do, so it does not unfit the listing. */
		bool fits = m->fits;
		reason(m, ok, ok ? N_("Available by the date asked") : N_("Available only after the date asked"),
		       strcmp(l->available_from, today) > 0 ? l->available_from : NULL);
		m->fits = fits;
	}
}

static int order(const void *x, const void *y)
{
	const struct housing_match *a = x, *b = y;
	if (a->fits != b->fits)
		return a->fits ? -1 : 1;
	if (a->score != b->score)
		return b->score - a->score;
	int ma = a->listing->rent + a->listing->fees, mb = b->listing->rent + b->listing->fees;
	if (ma != mb)
		return ma - mb;
	return a->listing->id < b->listing->id ? -1 : a->listing->id > b->listing->id;
}

int housing_match(struct db *db, struct arena *a, const struct housing_request *r, int64_t org,
		  const char *today, struct housing_match **out, size_t *n)
{
	struct listing *l;
	size_t nl;
	int rc = listings_open(db, a, today, org, &l, &nl);
	if (rc)
		return rc;
	int64_t pa = setting_int(db, HOUSING_PA_LIMIT_SETTING, 0);
	int pa_limit = pa < 0 ? 0 : pa > LISTING_RENT_MAX ? LISTING_RENT_MAX : (int)pa;
	*out = nl ? arena_zalloc(a, nl * sizeof **out) : NULL;
	*n = 0;
	if (nl && !*out)
		return ERR_TOOBIG;
	for (size_t i = 0; i < nl; i++) {
		struct housing_match *m = &(*out)[(*n)++];
		m->listing = &l[i];
		m->reasons = arena_zalloc(a, REASONS_MAX * sizeof *m->reasons);
		m->details = arena_zalloc(a, REASONS_MAX * sizeof *m->details);
		m->good = arena_zalloc(a, REASONS_MAX * sizeof *m->good);
		if (!m->reasons || !m->details || !m->good)
			return ERR_TOOBIG;
		judge(a, r, pa_limit, today, m);
	}
	qsort(*out, *n, sizeof **out, order);
	return 0;
}
