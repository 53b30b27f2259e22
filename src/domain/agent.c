/*
 * agent — the association's agent firms, their trainings and cooperation periods, with the SQL.
 * See agent.h; the firms' listings and feedback are in listing.c.
 *
 * Cooperating on a day d means a period with from_on ≤ d and no until_on, or one after d: the
 * periods are half-open [from_on, until_on), so a firm whose cooperation the city ends today no
 * longer cooperates today — no request goes to it after the click — and the indicator counting
 * firms "at the end of" a day leaves out a period that ended on it. The readers of today (the
 * cooperating firms, the open listings, agent_firm_cooperating) also need the organisation to be
 * active; the count for a past day does not, since the directory keeps no history of that flag.
 */
#include "agent.h"

#include "agent_rows.h"
#include "arena.h"
#include "check.h"
#include "date.h"
#include "db/db.h"
#include "directory.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

/* ---- firms ---- */

#define FIRM_SELECT                                                                                   \
	"SELECT o.id, o.name, o.ward_code, o.active, f.member_no, f.contact_name, f.phone, f.email,"  \
	" (SELECT max(t.trained_on) FROM agent_training t WHERE t.organisation_id = f.organisation_id)," \
	" (SELECT c.from_on FROM agent_cooperation c WHERE c.organisation_id = f.organisation_id"       \
	" AND c.until_on IS NULL),"                                                                    \
	" (SELECT count(*) FROM listing l WHERE l.organisation_id = f.organisation_id"                 \
	" AND l.status = 'open')"                                                                      \
	" FROM agent_firm f JOIN organisation o ON o.id = f.organisation_id"

static void read_firm(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_firm *f = p;
	f->organisation_id = db_column_int(st, 0);
	f->name = arena_strdup(a, db_column_text(st, 1));
	f->ward_code = arena_strdup(a, db_column_text(st, 2));
	f->active = db_column_int(st, 3) != 0;
	f->member_no = arena_strdup(a, db_column_text(st, 4));
	f->contact_name = arena_strdup(a, db_column_text(st, 5));
	f->phone = arena_strdup(a, db_column_text(st, 6));
	f->email = arena_strdup(a, db_column_text(st, 7));
	f->trained_on = arena_strdup(a, db_column_text(st, 8));
	f->cooperating_from = arena_strdup(a, db_column_text(st, 9));
	f->open_listings = (int)db_column_int(st, 10);
}

struct firm_ward {
	int64_t org;  /* the firm */
	char *code;   /* a ward it covers */
};

static void read_firm_ward(struct arena *a, struct db_stmt *st, void *p)
{
	struct firm_ward *w = p;
	w->org = db_column_int(st, 0);
	w->code = arena_strdup(a, db_column_text(st, 1));
}

/* Fills the covered wards of the n firms in v, reading those of firm only (0: of every firm). */
static int fill_wards(struct db *db, struct arena *a, struct agent_firm *v, size_t n, int64_t only)
{
	if (n == 0)
		return 0;
	struct db_stmt *st = db_prepare(db, a,
					"SELECT organisation_id, ward_code FROM agent_firm_ward"
					" WHERE ($1 = 0 OR organisation_id = $1) ORDER BY organisation_id, ward_code");
	struct firm_ward *w;
	size_t nw;
	if (!st || db_bind_int(st, 1, only))
		return ERR_STORAGE;
	int rc = db_rows(st, a, sizeof *w, read_firm_ward, (void **)&w, &nw);
	if (rc)
		return rc;
	/* Firms are few (a city's association members): a scan per firm costs nothing. */
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < nw; j++)
			k += w[j].org == v[i].organisation_id;
		v[i].wards = arena_alloc(a, (k ? k : 1) * sizeof *v[i].wards);
		if (!v[i].wards)
			return ERR_TOOBIG;
		v[i].n_wards = 0;
		for (size_t j = 0; j < nw; j++)
			if (w[j].org == v[i].organisation_id)
				v[i].wards[v[i].n_wards++] = w[j].code;
	}
	return 0;
}

/* Runs a prepared firm query (bound) and fills the wards of what it found. */
static int firm_rows(struct db *db, struct arena *a, struct db_stmt *st, struct agent_firm **out, size_t *n)
{
	bool more;
	int rc = db_rows_page(st, a, sizeof **out, read_firm, AGENT_LIST_MAX, (void **)out, n, &more);
	return rc ? rc : fill_wards(db, a, *out, *n, 0);
}

int agent_firms(struct db *db, struct arena *a, struct agent_firm **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, FIRM_SELECT " ORDER BY o.name, o.id");
	if (!st)
		return ERR_STORAGE;
	return firm_rows(db, a, st, out, n);
}

int agent_firms_cooperating(struct db *db, struct arena *a, const char *ward, const char *today,
			    struct agent_firm **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					FIRM_SELECT " WHERE o.active = 1 AND " AGENT_COOPERATING("f.organisation_id", "$2")
						    " AND ($1 = '' OR EXISTS (SELECT 1 FROM agent_firm_ward w"
						    " WHERE w.organisation_id = f.organisation_id AND w.ward_code = $1))"
						    " ORDER BY o.name, o.id");
	if (!st || !today || db_bind_text(st, 1, ward ? ward : "") || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	return firm_rows(db, a, st, out, n);
}

int agent_firm_get(struct db *db, struct arena *a, int64_t id, struct agent_firm *out)
{
	struct db_stmt *st = db_prepare(db, a, FIRM_SELECT " WHERE f.organisation_id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct agent_firm){ 0 };
	read_firm(a, st, out);
	return fill_wards(db, a, out, 1, id);
}

int agent_firm_cooperating(struct db *db, int64_t id, const char *today, bool *yes)
{
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM agent_firm f JOIN organisation o ON o.id = f.organisation_id"
					" WHERE f.organisation_id = $1 AND o.active = 1 AND " AGENT_COOPERATING("f.organisation_id", "$2"));
	int rc = ERR_STORAGE;
	*yes = false;
	if (st && today && !db_bind_int(st, 1, id) && !db_bind_text(st, 2, today))
		rc = check_exists(st, yes);
	arena_destroy(a);
	return rc;
}

/* True when phone holds only digits, hyphens, brackets, spaces and a leading '+', with 6 to 15
 * digits: a Japanese number written any usual way, not a name typed in the wrong box. */
static bool phone_valid(const char *phone)
{
	size_t digits = 0;
	for (const char *p = phone; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("-() ", *p) && !(*p == '+' && p == phone))
			return false;
	}
	return digits >= 6 && digits <= 15;
}

/* One '@' with text on both sides and a dot after it, no spaces. */
static bool email_valid(const char *email)
{
	const char *at = strchr(email, '@');
	return at && at != email && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
	       !strchr(email, ' ') && email[strlen(email) - 1] != '.';
}

/* Checks the firm's own fields and wards (of municipality muni) and normalises them in f. The
 * wards keep their order, without repeats. */
static int firm_validate(struct db *db, struct arena *a, const char *muni, struct agent_firm *f,
			 const char **field, const char **msg)
{
	if (!(f->member_no = check_required(a, f->member_no, 50, field, msg, "member_no",
				      N_("Enter the association member number (at most 50 bytes)."))))
		return ERR_INVALID;
	if (!(f->contact_name = check_required(a, f->contact_name, AGENT_TEXT_MAX, field, msg, "contact_name",
					 N_("Enter the name of the contact person at the firm (at most 200 bytes)."))))
		return ERR_INVALID;
	bool too_long = false;
	f->phone = check_text(a, f->phone, 40, &too_long);
	if (!f->phone || too_long || !phone_valid(f->phone))
		return check_refuse(field, msg, "phone", N_("Enter a phone number: digits and hyphens, such as 054-000-0123."),
			   ERR_INVALID);
	f->email = check_text(a, f->email, AGENT_TEXT_MAX, &too_long);
	if (too_long || (f->email && !email_valid(f->email)))
		return check_refuse(field, msg, "email", N_("Enter an e-mail address such as name@example.jp, or leave it empty."),
			   ERR_INVALID);
	if (f->n_wards == 0)
		return check_refuse(field, msg, "wards", N_("Choose at least one ward the firm covers."), ERR_INVALID);
	char **kept = arena_alloc(a, f->n_wards * sizeof *kept);
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1 AND municipality_code = $2");
	if (!kept || !st)
		return ERR_STORAGE;
	size_t n = 0;
	for (size_t i = 0; i < f->n_wards; i++) {
		bool known = false, seen = false;
		int rc;
		db_reset(st);
		if (f->wards[i] && (db_bind_text(st, 1, f->wards[i]) || db_bind_text(st, 2, muni)))
			return ERR_STORAGE;
		if (f->wards[i] && (rc = check_exists(st, &known)))
			return rc;
		if (!known)
			return check_refuse(field, msg, "wards", N_("Choose the wards from the list."), ERR_INVALID);
		for (size_t j = 0; j < n; j++)
			seen |= strcmp(kept[j], f->wards[i]) == 0;
		if (!seen)
			kept[n++] = f->wards[i];
	}
	f->wards = kept;
	f->n_wards = n;
	return 0;
}

/* ERR_CONFLICT (with the form's refusal) when another firm than org has member number no. */
static int member_no_free(struct db *db, struct arena *a, const char *no, int64_t org, const char **field,
			  const char **msg)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM agent_firm WHERE member_no = $1 AND organisation_id <> $2");
	bool taken = false;
	int rc;
	if (!st || db_bind_text(st, 1, no) || db_bind_int(st, 2, org))
		return ERR_STORAGE;
	if ((rc = check_exists(st, &taken)))
		return rc;
	return taken ? check_refuse(field, msg, "member_no", N_("Another firm already has this member number."), ERR_CONFLICT)
		     : 0;
}

static int store_wards(struct db *db, struct arena *a, const struct agent_firm *f)
{
	struct db_stmt *del = db_prepare(db, a, "DELETE FROM agent_firm_ward WHERE organisation_id = $1");
	if (!del || db_bind_int(del, 1, f->organisation_id) || db_step(del) != DB_DONE)
		return ERR_STORAGE;
	struct db_stmt *ins = db_prepare(db, a,
					 "INSERT INTO agent_firm_ward (organisation_id, ward_code) VALUES ($1, $2)");
	if (!ins)
		return ERR_STORAGE;
	for (size_t i = 0; i < f->n_wards; i++) {
		db_reset(ins);
		if (db_bind_int(ins, 1, f->organisation_id) || db_bind_text(ins, 2, f->wards[i]) ||
		    db_step(ins) != DB_DONE)
			return ERR_STORAGE;
	}
	return 0;
}

/* The organisation f->organisation_id as the firm to register: an active real-estate agent of
 * muni, not yet a firm. Fills f->name and f->ward_code from it. */
static int adopt_org(struct db *db, struct arena *a, const char *muni, struct agent_firm *f,
		     const char **field, const char **msg)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT o.name, o.ward_code, o.kind, o.active, o.municipality_code,"
					" (SELECT count(*) FROM agent_firm f WHERE f.organisation_id = o.id)"
					" FROM organisation o WHERE o.id = $1");
	if (!st || db_bind_int(st, 1, f->organisation_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE || strcmp(db_column_text(st, 2), "real_estate") != 0 || !db_column_int(st, 3) ||
	    strcmp(db_column_text(st, 4), muni) != 0)
		return check_refuse(field, msg, "organisation_id",
			   N_("Choose an active real-estate agent of the directory, or register a new firm."),
			   ERR_INVALID);
	if (db_column_int(st, 5))
		return check_refuse(field, msg, "organisation_id",
			   N_("This organisation is already registered as an agent firm."), ERR_CONFLICT);
	f->name = arena_strdup(a, db_column_text(st, 0));
	f->ward_code = arena_strdup(a, db_column_text(st, 1));
	f->active = true;
	return 0;
}

int agent_firm_create(struct db *db, struct arena *a, const char *muni, struct agent_firm *f,
		      const char **field, const char **msg)
{
	int rc;
	*field = *msg = NULL;
	if (!muni)
		return ERR_INVALID;
	bool adopt = f->organisation_id != 0;
	if (adopt) {
		if ((rc = adopt_org(db, a, muni, f, field, msg)))
			return rc;
	} else {
		if (!(f->name = check_required(a, f->name, AGENT_TEXT_MAX, field, msg, "name",
					 N_("Enter the firm's name (at most 200 bytes)."))))
			return ERR_INVALID;
		f->ward_code = f->ward_code && *f->ward_code ? f->ward_code : NULL;
		if (f->ward_code) {
			struct db_stmt *w = db_prepare(db, a,
						       "SELECT 1 FROM ward WHERE code = $1 AND municipality_code = $2");
			bool known = false;
			if (!w || db_bind_text(w, 1, f->ward_code) || db_bind_text(w, 2, muni))
				return ERR_STORAGE;
			if ((rc = check_exists(w, &known)))
				return rc;
			if (!known)
				return check_refuse(field, msg, "ward_code", N_("Choose the ward from the list."), ERR_INVALID);
		}
	}
	/* Everything is checked before the first write, so a refusal leaves nothing behind even
	 * for a caller that does not roll back. */
	if ((rc = firm_validate(db, a, muni, f, field, msg)) ||
	    (rc = member_no_free(db, a, f->member_no, f->organisation_id, field, msg)))
		return rc;
	if (!adopt) {
		struct organisation o = { .name = f->name, .kind = "real_estate", .sector = "housing",
					  .ward_code = f->ward_code, .active = true };
		const char *why = NULL;
		if ((rc = directory_org_save(db, a, &o, &why))) {
			if (rc == ERR_CONFLICT)
				return check_refuse(field, msg, "name", N_("An organisation with this name already exists."), rc);
			return rc == ERR_INVALID ? check_refuse(field, msg, "name", why, rc) : rc;
		}
		f->organisation_id = o.id;
		f->name = o.name;
		f->active = true;
	}
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_firm (organisation_id, member_no, contact_name, phone, email,"
					" created_at) VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st || db_bind_int(st, 1, f->organisation_id) || db_bind_text(st, 2, f->member_no) ||
	    db_bind_text(st, 3, f->contact_name) || db_bind_text(st, 4, f->phone) ||
	    db_bind_text(st, 5, f->email) || db_bind_int(st, 6, (int64_t)time(NULL)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "member_no", N_("Another firm already has this member number."), rc);
	if (rc != DB_DONE)
		return rc;
	return store_wards(db, a, f);
}

int agent_firm_update(struct db *db, struct arena *a, struct agent_firm *f, const char **field,
		      const char **msg)
{
	*field = *msg = NULL;
	struct db_stmt *org = db_prepare(db, a,
					 "SELECT o.municipality_code FROM agent_firm f"
					 " JOIN organisation o ON o.id = f.organisation_id WHERE f.organisation_id = $1");
	if (!org || db_bind_int(org, 1, f->organisation_id))
		return ERR_STORAGE;
	int rc = db_step(org);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	char *muni = arena_strdup(a, db_column_text(org, 0));
	if ((rc = firm_validate(db, a, muni, f, field, msg)) ||
	    (rc = member_no_free(db, a, f->member_no, f->organisation_id, field, msg)))
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE agent_firm SET member_no = $2, contact_name = $3, phone = $4, email = $5"
					" WHERE organisation_id = $1");
	if (!st || db_bind_int(st, 1, f->organisation_id) || db_bind_text(st, 2, f->member_no) ||
	    db_bind_text(st, 3, f->contact_name) || db_bind_text(st, 4, f->phone) ||
	    db_bind_text(st, 5, f->email))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "member_no", N_("Another firm already has this member number."), rc);
	if (rc != DB_DONE)
		return rc;
	return store_wards(db, a, f);
}

/* ---- trainings and cooperation ---- */

static void read_training(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_training *t = p;
	t->id = db_column_int(st, 0);
	t->organisation_id = db_column_int(st, 1);
	t->trained_on = arena_strdup(a, db_column_text(st, 2));
	t->attendees = (int)db_column_int(st, 3);
	t->title = arena_strdup(a, db_column_text(st, 4));
}

int agent_trainings(struct db *db, struct arena *a, int64_t org, struct agent_training **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT id, organisation_id, trained_on, attendees, title FROM agent_training"
					" WHERE organisation_id = $1 ORDER BY trained_on DESC, id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_training, AGENT_LIST_MAX, (void **)out, n, &more);
}

static void read_period(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_period *c = p;
	c->from_on = arena_strdup(a, db_column_text(st, 0));
	c->until_on = arena_strdup(a, db_column_text(st, 1));
}

int agent_periods(struct db *db, struct arena *a, int64_t org, struct agent_period **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT from_on, until_on FROM agent_cooperation WHERE organisation_id = $1"
					" ORDER BY from_on DESC, id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_period, AGENT_LIST_MAX, (void **)out, n, &more);
}

int agent_firm_exists(struct db *db, struct arena *a, int64_t org, bool *active)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT o.active FROM agent_firm f JOIN organisation o ON o.id = f.organisation_id"
					" WHERE f.organisation_id = $1");
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	if (active)
		*active = db_column_int(st, 0) != 0;
	return 0;
}

int agent_training_add(struct db *db, struct arena *a, struct agent_training *t, int64_t user_id,
		       const char *today, const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc = agent_firm_exists(db, a, t->organisation_id, NULL);
	if (rc)
		return rc;
	struct date on, now;
	/* Typed on a Japanese keyboard, a date often comes in full-width digits. */
	t->trained_on = t->trained_on ? jp_normalize(a, t->trained_on) : NULL;
	if (!t->trained_on || !date_parse(t->trained_on, &on) || !today || !date_parse(today, &now) ||
	    date_cmp(on, now) > 0)
		return check_refuse(field, msg, "trained_on",
			   N_("Enter the date of the training as YYYY-MM-DD: a real date, not in the future."),
			   ERR_INVALID);
	if (t->attendees < 1 || t->attendees > 100)
		return check_refuse(field, msg, "attendees", N_("Enter how many of the firm attended: 1 to 100."), ERR_INVALID);
	if (!(t->title = check_required(a, t->title, AGENT_TEXT_MAX, field, msg, "title",
				  N_("Enter the training's title (at most 200 bytes)."))))
		return ERR_INVALID;
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_training (organisation_id, trained_on, attendees, title,"
					" user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
	if (!st || db_bind_int(st, 1, t->organisation_id) || db_bind_text(st, 2, t->trained_on) ||
	    db_bind_int(st, 3, t->attendees) || db_bind_text(st, 4, t->title) || db_bind_int(st, 5, user_id) ||
	    db_bind_int(st, 6, (int64_t)time(NULL)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	t->id = db_column_int(st, 0);
	return 0;
}

int agent_cooperation_start(struct db *db, struct arena *a, int64_t org, const char *today,
			    const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct date now;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	bool active = false, trained = false, open = false;
	int rc = agent_firm_exists(db, a, org, &active);
	if (rc)
		return rc;
	if (!active)
		return check_refuse(field, msg, "cooperation",
			   N_("The organisation is inactive: make it active in the directory first."), ERR_INVALID);
	struct db_stmt *open_st = db_prepare(db, a,
					     "SELECT 1 FROM agent_cooperation WHERE organisation_id = $1"
					     " AND until_on IS NULL");
	if (!open_st || db_bind_int(open_st, 1, org))
		return ERR_STORAGE;
	if ((rc = check_exists(open_st, &open)))
		return rc;
	if (open)
		return check_refuse(field, msg, "cooperation", N_("The firm already cooperates."), ERR_CONFLICT);
	struct db_stmt *tr = db_prepare(db, a,
					"SELECT 1 FROM agent_training WHERE organisation_id = $1 AND trained_on <= $2");
	if (!tr || db_bind_int(tr, 1, org) || db_bind_text(tr, 2, today))
		return ERR_STORAGE;
	if ((rc = check_exists(tr, &trained)))
		return rc;
	if (!trained)
		return check_refuse(field, msg, "cooperation",
			   N_("Cooperation can start only after a training: record the training the firm completed first."),
			   ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_cooperation (organisation_id, from_on) VALUES ($1, $2)");
	if (!st || db_bind_int(st, 1, org) || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT) /* another request started it a moment ago */
		return check_refuse(field, msg, "cooperation", N_("The firm already cooperates."), ERR_CONFLICT);
	return rc == DB_DONE ? 0 : rc;
}

int agent_cooperation_end(struct db *db, struct arena *a, int64_t org, const char *today,
			  const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct date now;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	int rc = agent_firm_exists(db, a, org, NULL);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE agent_cooperation SET until_on = $2 WHERE organisation_id = $1"
					" AND until_on IS NULL AND from_on <= $2 RETURNING id");
	if (!st || db_bind_int(st, 1, org) || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == DB_DONE)
		return check_refuse(field, msg, "cooperation", N_("The firm does not cooperate now: there is nothing to end."),
			   ERR_INVALID);
	return rc == DB_ROW ? 0 : rc;
}

int agent_count_cooperating(struct db *db, const char *on, int *count)
{
	struct date d;
	*count = 0;
	if (!on || !date_parse(on, &d))
		return ERR_INVALID;
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT count(*) FROM agent_firm f WHERE " AGENT_COOPERATING("f.organisation_id", "$1")
					" AND EXISTS (SELECT 1 FROM agent_training t"
					" WHERE t.organisation_id = f.organisation_id AND t.trained_on <= $1)");
	int rc = ERR_STORAGE;
	if (st && !db_bind_text(st, 1, on) && (rc = db_step(st)) == DB_ROW) {
		*count = (int)db_column_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_STORAGE;
	}
	arena_destroy(a);
	return rc;
}
