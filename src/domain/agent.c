/*
 * agent — the association's agent firms, their trainings and cooperation periods, their listings
 * and their feedback, with the SQL. See agent.h.
 *
 * Cooperating on a day d means a period with from_on ≤ d and no until_on, or one after d: the
 * periods are half-open [from_on, until_on), so a firm whose cooperation the city ends today no
 * longer cooperates today — no request goes to it after the click — and the indicator counting
 * firms "at the end of" a day leaves out a period that ended on it. The readers of today (the
 * cooperating firms, the open listings, agent_firm_cooperating) also need the organisation to be
 * active; the count for a past day does not, since the directory keeps no history of that flag.
 */
#include "agent.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "directory.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code listing_layouts[] = {
	{ "1R", N_("1R"), NULL },     /* one room, kitchen in it */
	{ "1K", N_("1K"), NULL },
	{ "1DK", N_("1DK"), NULL },
	{ "1LDK", N_("1LDK"), NULL },
	{ "2K", N_("2K"), NULL },
	{ "2DK", N_("2DK"), NULL },
	{ "2LDK", N_("2LDK"), NULL },
	{ "3K+", N_("3K or larger"), NULL },
	{ NULL, NULL, NULL },
};

const struct code listing_statuses[] = {
	{ "open", N_("Vacant"), NULL },          /* 募集中: matching offers it */
	{ "held", N_("On hold"), NULL },         /* an application is in */
	{ "contracted", N_("Contracted"), NULL },
	{ "withdrawn", N_("Withdrawn"), NULL },  /* no longer offered */
	{ NULL, NULL, NULL },
};

const struct code listing_guarantors[] = {
	{ "company", N_("A guarantee company is required"), NULL },
	{ "person", N_("A personal guarantor is required"), NULL },
	{ "either", N_("A guarantee company or a personal guarantor"), NULL },
	{ "none", N_("No guarantor needed"), NULL },
	{ NULL, NULL, NULL },
};

const struct code listing_access_kinds[] = {
	{ "station", N_("Station"), NULL },
	{ "bus", N_("Bus stop"), NULL },
	{ NULL, NULL, NULL },
};

const struct code agent_feedback_topics[] = {
	{ "training", N_("About the training"), NULL },
	{ "sheet", N_("About the support-structure sheet"), NULL },
	{ "requests", N_("About housing requests"), NULL },
	{ "contact", N_("About reaching the supporters"), NULL },
	{ "other", N_("Other"), NULL },
	{ NULL, NULL, NULL },
};

/* The largest deposit, key money or monthly fee a listing may state. */
#define LISTING_AMOUNT_MAX (LISTING_RENT_MAX * 10)

static int bad(const char **field, const char **msg, const char *f, const char *m, int rc)
{
	*field = f;
	*msg = m;
	return rc;
}

/* s after NFKC and trimming, NULL when empty; *too_long when it passes max bytes (or is not
 * UTF-8: jp_normalize refuses it, and the form says the same either way). */
static char *text(struct arena *a, const char *s, size_t max, bool *too_long)
{
	if (!s)
		return NULL;
	char *n = jp_normalize(a, s);
	if (!n || strlen(n) > max) {
		*too_long = true;
		return NULL;
	}
	return *n ? n : NULL;
}

/* A required text field: NULL (with the refusal in *field, *msg) when empty or too long. */
static char *required(struct arena *a, const char *s, size_t max, const char **field, const char **msg,
		      const char *f, const char *m)
{
	bool too_long = false;
	char *n = text(a, s, max, &too_long);
	if (!n || too_long) {
		bad(field, msg, f, m, ERR_INVALID);
		return NULL;
	}
	return n;
}

/* Runs a query that answers whether a row exists. */
static int exists(struct db_stmt *st, bool *yes)
{
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*yes = rc == DB_ROW;
	return 0;
}

static char *iso_of_instant(struct arena *a, int64_t t)
{
	char buf[11];
	date_format_iso(date_in_japan((time_t)t), buf);
	return arena_strdup(a, buf);
}

/* ---- firms ---- */

#define FIRM_SELECT                                                                                   \
	"SELECT o.id, o.name, o.ward_code, o.active, f.member_no, f.contact_name, f.phone, f.email,"  \
	" (SELECT max(t.trained_on) FROM agent_training t WHERE t.organisation_id = f.organisation_id)," \
	" (SELECT c.from_on FROM agent_cooperation c WHERE c.organisation_id = f.organisation_id"       \
	" AND c.until_on IS NULL),"                                                                    \
	" (SELECT count(*) FROM listing l WHERE l.organisation_id = f.organisation_id"                 \
	" AND l.status = 'open')"                                                                      \
	" FROM agent_firm f JOIN organisation o ON o.id = f.organisation_id"

/* Cooperating on $2: the period condition of the top of this file, over the firm f. */
#define COOPERATING_ON(day)                                                                     \
	"EXISTS (SELECT 1 FROM agent_cooperation c WHERE c.organisation_id = f.organisation_id"  \
	" AND c.from_on <= " day " AND (c.until_on IS NULL OR c.until_on > " day "))"

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
					FIRM_SELECT " WHERE o.active = 1 AND " COOPERATING_ON("$2")
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
					" WHERE f.organisation_id = $1 AND o.active = 1 AND " COOPERATING_ON("$2"));
	int rc = ERR_STORAGE;
	*yes = false;
	if (st && today && !db_bind_int(st, 1, id) && !db_bind_text(st, 2, today))
		rc = exists(st, yes);
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
	if (!(f->member_no = required(a, f->member_no, 50, field, msg, "member_no",
				      N_("Enter the association member number (at most 50 bytes)."))))
		return ERR_INVALID;
	if (!(f->contact_name = required(a, f->contact_name, AGENT_TEXT_MAX, field, msg, "contact_name",
					 N_("Enter the name of the contact person at the firm (at most 200 bytes)."))))
		return ERR_INVALID;
	bool too_long = false;
	f->phone = text(a, f->phone, 40, &too_long);
	if (!f->phone || too_long || !phone_valid(f->phone))
		return bad(field, msg, "phone", N_("Enter a phone number: digits and hyphens, such as 054-000-0123."),
			   ERR_INVALID);
	f->email = text(a, f->email, AGENT_TEXT_MAX, &too_long);
	if (too_long || (f->email && !email_valid(f->email)))
		return bad(field, msg, "email", N_("Enter an e-mail address such as name@example.jp, or leave it empty."),
			   ERR_INVALID);
	if (f->n_wards == 0)
		return bad(field, msg, "wards", N_("Choose at least one ward the firm covers."), ERR_INVALID);
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
		if (f->wards[i] && (rc = exists(st, &known)))
			return rc;
		if (!known)
			return bad(field, msg, "wards", N_("Choose the wards from the list."), ERR_INVALID);
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
	if ((rc = exists(st, &taken)))
		return rc;
	return taken ? bad(field, msg, "member_no", N_("Another firm already has this member number."), ERR_CONFLICT)
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
		return bad(field, msg, "organisation_id",
			   N_("Choose an active real-estate agent of the directory, or register a new firm."),
			   ERR_INVALID);
	if (db_column_int(st, 5))
		return bad(field, msg, "organisation_id",
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
		if (!(f->name = required(a, f->name, AGENT_TEXT_MAX, field, msg, "name",
					 N_("Enter the firm's name (at most 200 bytes)."))))
			return ERR_INVALID;
		f->ward_code = f->ward_code && *f->ward_code ? f->ward_code : NULL;
		if (f->ward_code) {
			struct db_stmt *w = db_prepare(db, a,
						       "SELECT 1 FROM ward WHERE code = $1 AND municipality_code = $2");
			bool known = false;
			if (!w || db_bind_text(w, 1, f->ward_code) || db_bind_text(w, 2, muni))
				return ERR_STORAGE;
			if ((rc = exists(w, &known)))
				return rc;
			if (!known)
				return bad(field, msg, "ward_code", N_("Choose the ward from the list."), ERR_INVALID);
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
				return bad(field, msg, "name", N_("An organisation with this name already exists."), rc);
			return rc == ERR_INVALID ? bad(field, msg, "name", why, rc) : rc;
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
		return bad(field, msg, "member_no", N_("Another firm already has this member number."), rc);
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
		return bad(field, msg, "member_no", N_("Another firm already has this member number."), rc);
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

/* ERR_NOTFOUND unless org is an agent firm; *active says whether its organisation is. */
static int firm_exists(struct db *db, struct arena *a, int64_t org, bool *active)
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
	int rc = firm_exists(db, a, t->organisation_id, NULL);
	if (rc)
		return rc;
	struct date on, now;
	/* Typed on a Japanese keyboard, a date often comes in full-width digits. */
	t->trained_on = t->trained_on ? jp_normalize(a, t->trained_on) : NULL;
	if (!t->trained_on || !date_parse(t->trained_on, &on) || !today || !date_parse(today, &now) ||
	    date_cmp(on, now) > 0)
		return bad(field, msg, "trained_on",
			   N_("Enter the date of the training as YYYY-MM-DD: a real date, not in the future."),
			   ERR_INVALID);
	if (t->attendees < 1 || t->attendees > 100)
		return bad(field, msg, "attendees", N_("Enter how many of the firm attended: 1 to 100."), ERR_INVALID);
	if (!(t->title = required(a, t->title, AGENT_TEXT_MAX, field, msg, "title",
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
	int rc = firm_exists(db, a, org, &active);
	if (rc)
		return rc;
	if (!active)
		return bad(field, msg, "cooperation",
			   N_("The organisation is inactive: make it active in the directory first."), ERR_INVALID);
	struct db_stmt *open_st = db_prepare(db, a,
					     "SELECT 1 FROM agent_cooperation WHERE organisation_id = $1"
					     " AND until_on IS NULL");
	if (!open_st || db_bind_int(open_st, 1, org))
		return ERR_STORAGE;
	if ((rc = exists(open_st, &open)))
		return rc;
	if (open)
		return bad(field, msg, "cooperation", N_("The firm already cooperates."), ERR_CONFLICT);
	struct db_stmt *tr = db_prepare(db, a,
					"SELECT 1 FROM agent_training WHERE organisation_id = $1 AND trained_on <= $2");
	if (!tr || db_bind_int(tr, 1, org) || db_bind_text(tr, 2, today))
		return ERR_STORAGE;
	if ((rc = exists(tr, &trained)))
		return rc;
	if (!trained)
		return bad(field, msg, "cooperation",
			   N_("Cooperation can start only after a training: record the training the firm completed first."),
			   ERR_INVALID);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_cooperation (organisation_id, from_on) VALUES ($1, $2)");
	if (!st || db_bind_int(st, 1, org) || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT) /* another request started it a moment ago */
		return bad(field, msg, "cooperation", N_("The firm already cooperates."), ERR_CONFLICT);
	return rc == DB_DONE ? 0 : rc;
}

int agent_cooperation_end(struct db *db, struct arena *a, int64_t org, const char *today,
			  const char **field, const char **msg)
{
	*field = *msg = NULL;
	struct date now;
	if (!today || !date_parse(today, &now))
		return ERR_INVALID;
	int rc = firm_exists(db, a, org, NULL);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE agent_cooperation SET until_on = $2 WHERE organisation_id = $1"
					" AND until_on IS NULL AND from_on <= $2 RETURNING id");
	if (!st || db_bind_int(st, 1, org) || db_bind_text(st, 2, today))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == DB_DONE)
		return bad(field, msg, "cooperation", N_("The firm does not cooperate now: there is nothing to end."),
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
					"SELECT count(*) FROM agent_firm f WHERE " COOPERATING_ON("$1")
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

/* ---- listings ---- */

#define LISTING_SELECT                                                                              \
	"SELECT l.id, l.organisation_id, o.name, l.ward_code, l.address, l.rent, l.fees, l.deposit,"  \
	" l.key_money, l.layout, l.floor, l.lift, l.access_kind, l.access_name, l.access_minutes,"    \
	" l.guarantor, l.public_assistance, l.available_from, l.status, l.note, l.updated_at"         \
	" FROM listing l JOIN organisation o ON o.id = l.organisation_id"

static void read_listing(struct arena *a, struct db_stmt *st, void *p)
{
	struct listing *l = p;
	l->id = db_column_int(st, 0);
	l->organisation_id = db_column_int(st, 1);
	l->firm_name = arena_strdup(a, db_column_text(st, 2));
	l->ward_code = arena_strdup(a, db_column_text(st, 3));
	l->address = arena_strdup(a, db_column_text(st, 4));
	l->rent = (int)db_column_int(st, 5);
	l->fees = (int)db_column_int(st, 6);
	l->deposit = (int)db_column_int(st, 7);
	l->key_money = (int)db_column_int(st, 8);
	l->layout = arena_strdup(a, db_column_text(st, 9));
	l->floor = (int)db_column_int(st, 10);
	l->lift = db_column_int(st, 11) != 0;
	l->access_kind = arena_strdup(a, db_column_text(st, 12));
	l->access_name = arena_strdup(a, db_column_text(st, 13));
	l->access_minutes = (int)db_column_int(st, 14);
	l->guarantor = arena_strdup(a, db_column_text(st, 15));
	l->public_assistance = db_column_int(st, 16) != 0;
	l->available_from = arena_strdup(a, db_column_text(st, 17));
	l->status = arena_strdup(a, db_column_text(st, 18));
	l->note = arena_strdup(a, db_column_text(st, 19));
	l->updated_on = iso_of_instant(a, db_column_int(st, 20));
}

int listings_of(struct db *db, struct arena *a, int64_t org, const char *const *statuses,
		struct listing **out, size_t *n)
{
	/* The statuses become placeholders $2, $3 …: at most one of each known status. */
	const char *keep[4];
	size_t nkeep = 0;
	for (size_t i = 0; statuses && statuses[i]; i++) {
		if (!code_known(listing_statuses, statuses[i]) || nkeep == sizeof keep / sizeof keep[0])
			return ERR_INVALID;
		keep[nkeep++] = statuses[i];
	}
	const char *in = "";
	if (statuses) {
		static const char *const lists[] = { "", " AND l.status IN ($2)", " AND l.status IN ($2, $3)",
						     " AND l.status IN ($2, $3, $4)",
						     " AND l.status IN ($2, $3, $4, $5)" };
		/* An empty list keeps nothing. */
		in = nkeep ? lists[nkeep] : " AND 1 = 0";
	}
	char *sql = arena_printf(a, LISTING_SELECT " WHERE ($1 = 0 OR l.organisation_id = $1)%s ORDER BY l.id DESC",
				 in);
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	for (size_t i = 0; i < nkeep; i++)
		if (db_bind_text(st, (int)i + 2, keep[i]))
			return ERR_STORAGE;
	bool more;
	return db_rows_page(st, a, sizeof **out, read_listing, AGENT_LIST_MAX, (void **)out, n, &more);
}

int listings_open(struct db *db, struct arena *a, const char *today, struct listing **out, size_t *n)
{
	/* Not capped at AGENT_LIST_MAX: matching ranks every open flat, and a cap would silently drop
	 * the oldest; the request's arena bounds the memory. */
	struct db_stmt *st = db_prepare(db, a,
					LISTING_SELECT " JOIN agent_firm f ON f.organisation_id = l.organisation_id"
						       " WHERE l.status = 'open' AND o.active = 1 AND " COOPERATING_ON("$1")
						       " ORDER BY l.id DESC");
	if (!st || !today || db_bind_text(st, 1, today))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_listing, (void **)out, n);
}

int listing_get(struct db *db, struct arena *a, int64_t id, struct listing *out)
{
	struct db_stmt *st = db_prepare(db, a, LISTING_SELECT " WHERE l.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct listing){ 0 };
	read_listing(a, st, out);
	return 0;
}

/* Checks every field of l in the order of the form and normalises its texts. */
static int listing_validate(struct db *db, struct arena *a, struct listing *l, const char **field,
			    const char **msg)
{
	bool known = false, too_long = false;
	int rc;
	struct db_stmt *w = db_prepare(db, a,
				       "SELECT 1 FROM ward w JOIN organisation o ON o.municipality_code ="
				       " w.municipality_code WHERE w.code = $1 AND o.id = $2");
	if (!w || db_bind_text(w, 1, l->ward_code ? l->ward_code : "") || db_bind_int(w, 2, l->organisation_id))
		return ERR_STORAGE;
	if ((rc = exists(w, &known)))
		return rc;
	if (!known)
		return bad(field, msg, "ward_code", N_("Choose the ward from the list."), ERR_INVALID);
	if (!(l->address = required(a, l->address, AGENT_TEXT_MAX, field, msg, "address",
				    N_("Enter the address (at most 200 bytes)."))))
		return ERR_INVALID;
	if (l->rent < 1 || l->rent > LISTING_RENT_MAX)
		return bad(field, msg, "rent", N_("Enter the rent in yen a month: a whole number from 1 to 1,000,000."),
			   ERR_INVALID);
	const struct {
		int value;         /* the amount */
		const char *name;  /* its form field */
		const char *msg;   /* the refusal */
	} amounts[] = {
		{ l->fees, "fees", N_("Enter the fees in yen a month: a whole number, 0 when there are none.") },
		{ l->deposit, "deposit", N_("Enter the deposit in yen: a whole number, 0 when there is none.") },
		{ l->key_money, "key_money", N_("Enter the key money in yen: a whole number, 0 when there is none.") },
	};
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++)
		if (amounts[i].value < 0 || amounts[i].value > LISTING_AMOUNT_MAX)
			return bad(field, msg, amounts[i].name, amounts[i].msg, ERR_INVALID);
	if (!code_known(listing_layouts, l->layout))
		return bad(field, msg, "layout", N_("Choose the layout from the list."), ERR_INVALID);
	if (l->floor < 1 || l->floor > 60)
		return bad(field, msg, "floor",
			   N_("Enter the floor as a whole number from 1 to 60 (1 is the ground floor)."), ERR_INVALID);
	if (!code_known(listing_access_kinds, l->access_kind))
		return bad(field, msg, "access_kind", N_("Choose station or bus stop."), ERR_INVALID);
	if (!(l->access_name = required(a, l->access_name, AGENT_TEXT_MAX, field, msg, "access_name",
					N_("Enter the name of the station or bus stop (at most 200 bytes)."))))
		return ERR_INVALID;
	if (l->access_minutes < 0 || l->access_minutes > 120)
		return bad(field, msg, "access_minutes",
			   N_("Enter the minutes on foot to the station or bus stop: 0 to 120."), ERR_INVALID);
	if (!code_known(listing_guarantors, l->guarantor))
		return bad(field, msg, "guarantor", N_("Choose the guarantor terms from the list."), ERR_INVALID);
	struct date d;
	l->available_from = l->available_from ? jp_normalize(a, l->available_from) : NULL;
	if (!l->available_from || !date_parse(l->available_from, &d))
		return bad(field, msg, "available_from",
			   N_("Enter the date it is available from as YYYY-MM-DD: a real date."), ERR_INVALID);
	if (!l->status || !*l->status)
		l->status = "open";
	if (!code_known(listing_statuses, l->status))
		return bad(field, msg, "status", N_("Choose the status from the list."), ERR_INVALID);
	l->note = text(a, l->note, AGENT_NOTE_MAX, &too_long);
	if (too_long)
		return bad(field, msg, "note", N_("The note may be at most 2,000 bytes."), ERR_INVALID);
	return 0;
}

int listing_save(struct db *db, struct arena *a, struct listing *l, const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc;
	if (l->id) {
		/* The firm is the stored one, whatever l says: an update never moves a listing. */
		struct db_stmt *own = db_prepare(db, a, "SELECT organisation_id FROM listing WHERE id = $1");
		if (!own || db_bind_int(own, 1, l->id))
			return ERR_STORAGE;
		if ((rc = db_step(own)) != DB_ROW)
			return rc == DB_DONE ? ERR_NOTFOUND : rc;
		l->organisation_id = db_column_int(own, 0);
	} else if ((rc = firm_exists(db, a, l->organisation_id, NULL))) {
		return rc == ERR_NOTFOUND ? bad(field, msg, NULL, N_("Only a registered agent firm can offer listings."),
						ERR_INVALID)
					  : rc;
	}
	if ((rc = listing_validate(db, a, l, field, msg)))
		return rc;
	struct db_stmt *st;
	if (l->id == 0)
		st = db_prepare(db, a,
				"INSERT INTO listing (organisation_id, ward_code, address, rent, fees, deposit,"
				" key_money, layout, floor, lift, access_kind, access_name, access_minutes, guarantor,"
				" public_assistance, available_from, status, note, created_at, updated_at)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
				" $17, $18, $19, $19) RETURNING id");
	else
		st = db_prepare(db, a,
				"UPDATE listing SET ward_code = $2, address = $3, rent = $4, fees = $5, deposit = $6,"
				" key_money = $7, layout = $8, floor = $9, lift = $10, access_kind = $11,"
				" access_name = $12, access_minutes = $13, guarantor = $14, public_assistance = $15,"
				" available_from = $16, status = $17, note = $18, updated_at = $19"
				" WHERE id = $20 AND organisation_id = $1 RETURNING id");
	if (!st || db_bind_int(st, 1, l->organisation_id) || db_bind_text(st, 2, l->ward_code) ||
	    db_bind_text(st, 3, l->address) || db_bind_int(st, 4, l->rent) || db_bind_int(st, 5, l->fees) ||
	    db_bind_int(st, 6, l->deposit) || db_bind_int(st, 7, l->key_money) ||
	    db_bind_text(st, 8, l->layout) || db_bind_int(st, 9, l->floor) || db_bind_int(st, 10, l->lift) ||
	    db_bind_text(st, 11, l->access_kind) || db_bind_text(st, 12, l->access_name) ||
	    db_bind_int(st, 13, l->access_minutes) || db_bind_text(st, 14, l->guarantor) ||
	    db_bind_int(st, 15, l->public_assistance) || db_bind_text(st, 16, l->available_from) ||
	    db_bind_text(st, 17, l->status) || db_bind_text(st, 18, l->note) ||
	    db_bind_int(st, 19, (int64_t)time(NULL)) || (l->id && db_bind_int(st, 20, l->id)))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	l->id = db_column_int(st, 0);
	return 0;
}

int listing_set_status(struct db *db, int64_t id, const char *status)
{
	if (!code_known(listing_statuses, status))
		return ERR_INVALID;
	struct arena *a = arena_create(0);
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE listing SET status = $2, updated_at = $3 WHERE id = $1 RETURNING id");
	int rc = ERR_STORAGE;
	if (st && !db_bind_int(st, 1, id) && !db_bind_text(st, 2, status) &&
	    !db_bind_int(st, 3, (int64_t)time(NULL))) {
		rc = db_step(st);
		rc = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
	}
	arena_destroy(a);
	return rc;
}

/* ---- feedback ---- */

int agent_feedback_add(struct db *db, struct arena *a, struct agent_feedback *f, int64_t user_id,
		       const char **field, const char **msg)
{
	*field = *msg = NULL;
	int rc = firm_exists(db, a, f->organisation_id, NULL);
	if (rc)
		return rc == ERR_NOTFOUND ? bad(field, msg, NULL, N_("Only a registered agent firm can send feedback."),
						ERR_INVALID)
					  : rc;
	if (!code_known(agent_feedback_topics, f->topic))
		return bad(field, msg, "topic", N_("Choose the topic from the list."), ERR_INVALID);
	if (!(f->body = required(a, f->body, AGENT_FEEDBACK_MAX, field, msg, "body",
				 N_("Write your feedback (at most 4,000 bytes)."))))
		return ERR_INVALID;
	int64_t now = (int64_t)time(NULL);
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO agent_feedback (organisation_id, user_id, topic, body, created_at)"
					" VALUES ($1, $2, $3, $4, $5) RETURNING id");
	if (!st || db_bind_int(st, 1, f->organisation_id) || db_bind_int(st, 2, user_id) ||
	    db_bind_text(st, 3, f->topic) || db_bind_text(st, 4, f->body) || db_bind_int(st, 5, now))
		return ERR_STORAGE;
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	f->id = db_column_int(st, 0);
	f->sent_on = iso_of_instant(a, now);
	return 0;
}

static void read_feedback(struct arena *a, struct db_stmt *st, void *p)
{
	struct agent_feedback *f = p;
	f->id = db_column_int(st, 0);
	f->organisation_id = db_column_int(st, 1);
	f->firm_name = arena_strdup(a, db_column_text(st, 2));
	f->topic = arena_strdup(a, db_column_text(st, 3));
	f->body = arena_strdup(a, db_column_text(st, 4));
	f->sent_on = iso_of_instant(a, db_column_int(st, 5));
}

int agent_feedback_list(struct db *db, struct arena *a, int64_t org, struct agent_feedback **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT b.id, b.organisation_id, o.name, b.topic, b.body, b.created_at"
					" FROM agent_feedback b JOIN organisation o ON o.id = b.organisation_id"
					" WHERE ($1 = 0 OR b.organisation_id = $1) ORDER BY b.created_at DESC, b.id DESC");
	bool more;
	if (!st || db_bind_int(st, 1, org))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_feedback, AGENT_LIST_MAX, (void **)out, n, &more);
}
