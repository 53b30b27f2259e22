/* indicator_set — the municipality's own indicators, their years and the sheet's texts, with
 * their rules and SQL. See indicator_set.h. */
#include "indicator_set.h"

#include "arena.h"
#include "check.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "indicator.h"

#include <math.h>
#include <string.h>
#include <time.h>

enum { FY_MIN = 2000, FY_MAX = 2100, TARGET_YEARS_MAX = 10 };

/* ---- the indicators ---- */

#define INDICATOR_SELECT "SELECT id, position, name, computation, ward_code, unit, active FROM indicator"

static void read_indicator(struct arena *a, struct db_stmt *st, void *p)
{
	struct city_indicator *r = p;
	r->id = db_column_int(st, 0);
	r->position = (int)db_column_int(st, 1);
	r->name = arena_strdup(a, db_column_text(st, 2));
	r->computation = arena_strdup(a, db_column_text(st, 3));
	r->ward_code = arena_strdup(a, db_column_text(st, 4));
	r->unit = arena_strdup(a, db_column_text(st, 5));
	r->active = db_column_int(st, 6) != 0;
}

int indicator_set_list(struct db *db, struct arena *a, struct city_indicator **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, INDICATOR_SELECT " ORDER BY position, id");
	bool more;
	if (!st)
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_indicator, INDICATOR_SET_MAX, (void **)out, n, &more);
}

int indicator_set_get(struct db *db, struct arena *a, int64_t id, struct city_indicator *out)
{
	struct db_stmt *st = db_prepare(db, a, INDICATOR_SELECT " WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct city_indicator){ 0 };
	read_indicator(a, st, out);
	return 0;
}

/* Whether ward_code names a ward of the municipality. */
static int ward_known(struct db *db, struct arena *a, const char *ward_code, bool *yes)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
	if (!st || db_bind_text(st, 1, ward_code))
		return ERR_STORAGE;
	return check_exists(st, yes);
}

/* Whether a stored indicator has a year with an entered baseline or actual: such an indicator
 * cannot become a computed one, or hand-typed figures would be shown as computed ones. */
static int has_entered_figures(struct db *db, struct arena *a, int64_t id, bool *yes)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM indicator_year WHERE indicator_id = $1 AND (baseline_value IS NOT NULL"
					" OR baseline_text IS NOT NULL OR actual_value IS NOT NULL OR actual_text IS NOT NULL)"
					" LIMIT 1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	return check_exists(st, yes);
}

int indicator_set_save(struct db *db, struct arena *a, struct city_indicator *ci, const char **field,
		       const char **msg)
{
	bool too_long = false, yes = false;
	char *name = check_required(a, ci->name, INDICATOR_NAME_MAX, field, msg, "name",
				    N_("Enter the indicator's name (at most 300 bytes)."));
	if (!name)
		return ERR_INVALID;
	if (ci->position < 1 || ci->position > INDICATOR_POSITION_MAX)
		return check_refuse(field, msg, "position", N_("The position is a whole number from 1 to 99."), ERR_INVALID);
	const char *computation = ci->computation && *ci->computation ? ci->computation : NULL;
	const char *ward = ci->ward_code && *ci->ward_code ? ci->ward_code : NULL;
	if (computation) {
		const struct indicator_def *d = indicator_codes;
		while (d->code && strcmp(d->code, computation) != 0)
			d++;
		if (!d->code)
			return check_refuse(field, msg, "computation", N_("Choose the computation from the list."),
					    ERR_INVALID);
	}
	if (ward && !computation)
		return check_refuse(field, msg, "ward_code",
				    N_("A ward applies only to a computed indicator: an entered one is the city's."),
				    ERR_INVALID);
	if (ward) {
		int rc = ward_known(db, a, ward, &yes);
		if (rc)
			return rc;
		if (!yes)
			return check_refuse(field, msg, "ward_code", N_("Choose the ward from the list."), ERR_INVALID);
	}
	char *unit = check_text(a, ci->unit, INDICATOR_UNIT_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "unit", N_("The unit is at most 30 bytes."), ERR_INVALID);
	if (ci->id && computation) {
		int rc = has_entered_figures(db, a, ci->id, &yes);
		if (rc)
			return rc;
		if (yes)
			return check_refuse(field, msg, "computation",
					    N_("This indicator has baselines or actuals entered by hand: it cannot become a computed one. Define a new indicator instead."),
					    ERR_INVALID);
	}

	struct db_stmt *st;
	if (ci->id)
		st = db_prepare(db, a,
				"UPDATE indicator SET position = $2, name = $3, computation = $4, ward_code = $5,"
				" unit = $6, active = $7 WHERE id = $1 RETURNING id");
	else
		st = db_prepare(db, a,
				"INSERT INTO indicator (municipality_code, position, name, computation, ward_code, unit,"
				" active, created_at) SELECT code, $2, $3, $4, $5, $6, $7, $8 FROM municipality"
				" WHERE $1 = 0 RETURNING id");
	if (!st || db_bind_int(st, 1, ci->id) || db_bind_int(st, 2, ci->position) || db_bind_text(st, 3, name) ||
	    db_bind_text(st, 4, computation) || db_bind_text(st, 5, ward) || db_bind_text(st, 6, unit ? unit : "") ||
	    db_bind_int(st, 7, ci->active) || (db_has_param(st, 8) && db_bind_int(st, 8, (int64_t)time(NULL))))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "name", N_("Another indicator has this name."), ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? (ci->id ? ERR_NOTFOUND : ERR_STORAGE) : rc;
	ci->id = db_column_int(st, 0);
	ci->name = name;
	ci->computation = (char *)computation;
	ci->ward_code = (char *)ward;
	ci->unit = unit ? unit : "";
	return 0;
}

/* ---- the years ---- */

#define YEAR_SELECT                                                                                         \
	"SELECT y.indicator_id, y.fy, y.target_fy, y.baseline_value, y.baseline_text, y.target_value,"    \
	" y.target_text, y.actual_value, y.actual_text, y.outcome_text, y.expected_text, y.national_value," \
	" y.national_target, y.national_note FROM indicator_year y"

static struct opt_num column_num(struct db_stmt *st, int col)
{
	if (db_column_is_null(st, col))
		return (struct opt_num){ 0 };
	return (struct opt_num){ true, db_column_double(st, col) };
}

static void read_year(struct arena *a, struct db_stmt *st, void *p)
{
	struct indicator_year *y = p;
	y->indicator_id = db_column_int(st, 0);
	y->fy = (int)db_column_int(st, 1);
	y->target_fy = (int)db_column_int(st, 2);
	y->baseline = column_num(st, 3);
	y->baseline_text = arena_strdup(a, db_column_text(st, 4));
	y->target = column_num(st, 5);
	y->target_text = arena_strdup(a, db_column_text(st, 6));
	y->actual = column_num(st, 7);
	y->actual_text = arena_strdup(a, db_column_text(st, 8));
	y->outcome_text = arena_strdup(a, db_column_text(st, 9));
	y->expected_text = arena_strdup(a, db_column_text(st, 10));
	y->national_value = column_num(st, 11);
	y->national_target = column_num(st, 12);
	y->national_note = arena_strdup(a, db_column_text(st, 13));
}

int indicator_years(struct db *db, struct arena *a, int64_t indicator_id, struct indicator_year **out,
		    size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, YEAR_SELECT " WHERE y.indicator_id = $1 ORDER BY y.fy");
	bool more;
	if (!st || db_bind_int(st, 1, indicator_id))
		return ERR_STORAGE;
	return db_rows_page(st, a, sizeof **out, read_year, INDICATOR_YEARS_MAX, (void **)out, n, &more);
}

int indicator_years_all(struct db *db, struct arena *a, struct indicator_year **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					YEAR_SELECT " JOIN indicator i ON i.id = y.indicator_id ORDER BY i.position, i.id, y.fy");
	if (!st)
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_year, (void **)out, n);
}

/* A number of a year row: absent, or finite and of a size a plan's figure can have. */
static bool num_ok(struct opt_num x)
{
	return !x.has || (isfinite(x.v) && fabs(x.v) < 1e12);
}

static int bind_num(struct db_stmt *st, int idx, struct opt_num x)
{
	return x.has ? db_bind_double(st, idx, x.v) : db_bind_null(st, idx);
}

/* The texts of a year row, normalised, in the order of the columns they go to. */
struct year_texts {
	char *baseline, *target, *actual, *outcome, *expected, *national;
};

static int year_texts(struct arena *a, const struct indicator_year *y, struct year_texts *t, const char **field,
		      const char **msg)
{
	struct {
		const char *in;
		char **out;
		const char *field;
	} texts[] = {
		{ y->baseline_text, &t->baseline, "baseline_text" }, { y->target_text, &t->target, "target_text" },
		{ y->actual_text, &t->actual, "actual_text" },       { y->outcome_text, &t->outcome, "outcome_text" },
		{ y->expected_text, &t->expected, "expected_text" }, { y->national_note, &t->national, "national_note" },
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		bool too_long = false;
		*texts[i].out = check_text(a, texts[i].in, INDICATOR_TEXT_MAX, &too_long);
		if (too_long)
			return check_refuse(field, msg, texts[i].field, N_("A text is at most 4000 bytes."), ERR_INVALID);
	}
	return 0;
}

int indicator_year_save(struct db *db, struct arena *a, const struct indicator_year *y, int64_t user_id,
			const char **field, const char **msg)
{
	struct city_indicator ci;
	int rc = indicator_set_get(db, a, y->indicator_id, &ci);
	if (rc)
		return rc;
	if (y->fy < FY_MIN || y->fy > FY_MAX)
		return check_refuse(field, msg, "fy", N_("Choose the fiscal year from the list."), ERR_INVALID);
	if (y->target_fy < y->fy || y->target_fy > y->fy + TARGET_YEARS_MAX)
		return check_refuse(field, msg, "target_fy",
				    N_("The target year is the fiscal year itself or one of the ten after it."), ERR_INVALID);
	struct {
		struct opt_num x;
		const char *field;
	} nums[] = {
		{ y->baseline, "baseline" }, { y->target, "target" }, { y->actual, "actual" },
		{ y->national_value, "national_value" }, { y->national_target, "national_target" },
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if (!num_ok(nums[i].x))
			return check_refuse(field, msg, nums[i].field, N_("Enter a number, such as 6 or 68.9."), ERR_INVALID);
	struct year_texts t;
	if ((rc = year_texts(a, y, &t, field, msg)))
		return rc;
	if (!y->target.has && !t.target)
		return check_refuse(field, msg, "target", N_("Enter the target: a number, or words where no number fits."),
				    ERR_INVALID);
	/* The one rule the sheet stands on: a computed figure is never typed in. */
	if (ci.computation && (y->baseline.has || t.baseline))
		return check_refuse(field, msg, "baseline",
				    N_("This indicator is computed from the records: its baseline is computed, not entered."),
				    ERR_INVALID);
	if (ci.computation && (y->actual.has || t.actual))
		return check_refuse(field, msg, "actual",
				    N_("This indicator is computed from the records: its actual is computed, not entered."),
				    ERR_INVALID);

	/* The SELECT of an upsert carries a WHERE, or SQLite reads ON CONFLICT as a join's ON. */
	struct db_stmt *st = db_prepare(
		db, a,
		"INSERT INTO indicator_year (indicator_id, fy, target_fy, baseline_value, baseline_text, target_value,"
		" target_text, actual_value, actual_text, outcome_text, expected_text, national_value, national_target,"
		" national_note, updated_by, updated_at) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
		" $14, $15, $16 WHERE 1 = 1 ON CONFLICT (indicator_id, fy) DO UPDATE SET target_fy = $3,"
		" baseline_value = $4, baseline_text = $5, target_value = $6, target_text = $7, actual_value = $8,"
		" actual_text = $9, outcome_text = $10, expected_text = $11, national_value = $12,"
		" national_target = $13, national_note = $14, updated_by = $15, updated_at = $16");
	if (!st || db_bind_int(st, 1, y->indicator_id) || db_bind_int(st, 2, y->fy) ||
	    db_bind_int(st, 3, y->target_fy) || bind_num(st, 4, y->baseline) || db_bind_text(st, 5, t.baseline) ||
	    bind_num(st, 6, y->target) || db_bind_text(st, 7, t.target) || bind_num(st, 8, y->actual) ||
	    db_bind_text(st, 9, t.actual) || db_bind_text(st, 10, t.outcome) || db_bind_text(st, 11, t.expected) ||
	    bind_num(st, 12, y->national_value) || bind_num(st, 13, y->national_target) ||
	    db_bind_text(st, 14, t.national) || db_bind_int(st, 15, user_id) ||
	    db_bind_int(st, 16, (int64_t)time(NULL)))
		return ERR_STORAGE;
	rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}

/* ---- the sheet's texts ---- */

const char *const sheet_text_sections[] = { "lead", "basic", "overview", NULL };

static bool section_known(const char *section)
{
	for (const char *const *s = sheet_text_sections; section && *s; s++)
		if (strcmp(*s, section) == 0)
			return true;
	return false;
}

int sheet_text_get(struct db *db, struct arena *a, int fy, const char *section, char **body, int *from_fy)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT body, fy FROM sheet_text WHERE section = $1 AND fy <= $2 ORDER BY fy DESC LIMIT 1");
	*body = NULL;
	*from_fy = 0;
	if (!st || db_bind_text(st, 1, section) || db_bind_int(st, 2, fy))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*body = arena_strdup(a, db_column_text(st, 0));
		*from_fy = (int)db_column_int(st, 1);
	}
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int sheet_text_save(struct db *db, struct arena *a, int fy, const char *section, const char *body,
		    int64_t user_id, const char **field, const char **msg)
{
	bool too_long = false;
	if (fy < FY_MIN || fy > FY_MAX)
		return check_refuse(field, msg, "fy", N_("Choose the fiscal year from the list."), ERR_INVALID);
	if (!section_known(section))
		return check_refuse(field, msg, "section", N_("Choose the section from the list."), ERR_INVALID);
	char *text = check_text(a, body, INDICATOR_TEXT_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, section, N_("A text is at most 4000 bytes."), ERR_INVALID);
	struct db_stmt *st;
	if (text)
		st = db_prepare(db, a,
				"INSERT INTO sheet_text (municipality_code, fy, section, body, updated_by, updated_at)"
				" SELECT code, $1, $2, $3, $4, $5 FROM municipality WHERE 1 = 1"
				" ON CONFLICT (municipality_code, fy, section) DO UPDATE SET body = $3, updated_by = $4,"
				" updated_at = $5");
	else
		st = db_prepare(db, a, "DELETE FROM sheet_text WHERE fy = $1 AND section = $2");
	if (!st || db_bind_int(st, 1, fy) || db_bind_text(st, 2, section) ||
	    (text && (db_bind_text(st, 3, text) || db_bind_int(st, 4, user_id) ||
		      db_bind_int(st, 5, (int64_t)time(NULL)))))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}
