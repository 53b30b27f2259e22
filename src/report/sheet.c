/*
 * sheet — fills the status-sharing sheet's model (report/sheet.h) from the records: the texts,
 * the programme timeline and the plan as the city wrote them, and every indicator figure either
 * as entered or computed on the sheet's as_of day by domain/indicator.c. The computations of
 * one (ward, fiscal year) are done once and shared by every row and chart that needs them.
 */
#include "report/sheet.h"

#include "arena.h"
#include "date.h"
#include "domain/directory.h"
#include "domain/indicator_set.h"
#include "error.h"
#include "jp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { SHEET_FY_MIN = 2000, SHEET_FY_MAX = 2100, SERIES_YEARS_BEFORE = 4, SERIES_YEARS_AFTER_MAX = 10 };

const char *sheet_circled(struct arena *a, int n)
{
	/* U+2460 CIRCLED DIGIT ONE … U+2473 CIRCLED NUMBER TWENTY: three bytes each in UTF-8. */
	static const char circled[] = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
	if (n >= 1 && n <= 20)
		return arena_strndup(a, circled + (size_t)(n - 1) * 3, 3);
	return arena_printf(a, "(%d)", n);
}

const char *sheet_fy_long(struct arena *a, int fy)
{
	const char *s = jp_fiscal_year_label(a, fy, LANG_JA);
	return s ? s : arena_printf(a, "%d年度", fy);
}

const char *sheet_fy_short(struct arena *a, int fy)
{
	const char *s = programme_fy_short(a, fy);
	return s ? s : arena_printf(a, "%d", fy);
}

/* The era part of a long label: "令和3年度" → "令和" (up to its first digit or 元), or NULL. */
static const char *era_name(struct arena *a, const char *label)
{
	size_t n = 0;
	while (label[n] && !(label[n] >= '0' && label[n] <= '9') && strncmp(label + n, "元", strlen("元")) != 0)
		n++;
	return n && label[n] ? arena_strndup(a, label, n) : NULL;
}

const char *sheet_fy_span(struct arena *a, int from_fy, int to_fy)
{
	const char *from = sheet_fy_long(a, from_fy);
	if (to_fy == 0)
		return arena_printf(a, "%s～", from);
	if (to_fy == from_fy)
		return from;
	const char *to = sheet_fy_long(a, to_fy), *era_from = era_name(a, from), *era_to = era_name(a, to);
	size_t cut = strlen(from) - strlen("年度");
	if (era_from && era_to && strcmp(era_from, era_to) == 0 && strlen(from) > cut)
		return arena_printf(a, "%.*s～%s", (int)cut, from, to + strlen(era_to));
	return arena_printf(a, "%s～%s", from, to);
}

const char *sheet_figure_text(struct arena *a, const struct sheet_figure *f, const char *unit)
{
	const char *u = unit ? unit : "";
	const char *mark = f->computed && f->provisional ? "（暫定）" : "";
	if (f->has_value) {
		if (f->kind == INDICATOR_COUNT)
			return arena_printf(a, "%.0f%s%s", f->value, u, mark);
		return arena_printf(a, "%.1f%s%s", f->value, u, mark);
	}
	if (f->text && *f->text)
		return f->text;
	return "—";
}

/* ---- the computed figures, each (ward, fy) computed once ---- */

struct computed {
	const char *ward; /* NULL: the municipality */
	int fy;
	struct indicator_value *vals;
	size_t n;
};

struct loader {
	struct db *db;
	struct arena *a;
	const char *as_of;
	struct computed *done;
	size_t n_done, cap_done;
	struct ward *wards;
	size_t n_wards;
};

static bool same_ward(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Whether fiscal year fy had begun on as_of: a year not yet begun has no figure at all. */
static bool year_begun(const struct loader *l, int fy)
{
	char start[24]; /* "%04d-04-01" of any int, so no truncation */
	snprintf(start, sizeof start, "%04d-04-01", fy);
	return strcmp(start, l->as_of) <= 0;
}

/* The computed value of code for (ward, fy), or NULL when the year had not begun. */
static int computed_value(struct loader *l, const char *ward, int fy, const char *code,
			  const struct indicator_value **out)
{
	*out = NULL;
	if (fy < SHEET_FY_MIN || !year_begun(l, fy))
		return 0;
	for (size_t i = 0; i < l->n_done; i++)
		if (l->done[i].fy == fy && same_ward(l->done[i].ward, ward)) {
			*out = indicator_find(l->done[i].vals, l->done[i].n, code);
			return 0;
		}
	if (l->n_done == l->cap_done) {
		size_t cap = l->cap_done ? 2 * l->cap_done : 16;
		struct computed *bigger = arena_alloc(l->a, cap * sizeof *bigger);
		if (!bigger)
			return ERR_TOOBIG;
		if (l->n_done)
			memcpy(bigger, l->done, l->n_done * sizeof *bigger);
		l->done = bigger;
		l->cap_done = cap;
	}
	struct computed *c = &l->done[l->n_done];
	int rc = indicator_compute(l->db, l->a, ward, fy, l->as_of, &c->vals, &c->n);
	if (rc)
		return rc;
	c->ward = ward;
	c->fy = fy;
	l->n_done++;
	*out = indicator_find(c->vals, c->n, code);
	return 0;
}

static enum indicator_kind kind_of(const char *computation)
{
	for (const struct indicator_def *d = indicator_codes; computation && d->code; d++)
		if (strcmp(d->code, computation) == 0)
			return d->kind;
	return INDICATOR_COUNT;
}

/* An entered figure: a number (whole numbers print as counts) or a text. */
static struct sheet_figure entered(struct opt_num x, const char *text, enum indicator_kind kind)
{
	struct sheet_figure f = { .has_value = x.has, .value = x.v, .kind = kind, .text = text };
	if (x.has && kind == INDICATOR_COUNT && x.v != (double)(int64_t)x.v)
		f.kind = INDICATOR_MEAN;
	return f;
}

static int computed_figure(struct loader *l, const struct city_indicator *ci, int fy, struct sheet_figure *f)
{
	const struct indicator_value *v;
	int rc = computed_value(l, ci->ward_code, fy, ci->computation, &v);
	*f = (struct sheet_figure){ .kind = kind_of(ci->computation), .computed = true };
	if (rc || !v)
		return rc;
	f->has_value = v->has_value;
	f->value = v->value;
	f->provisional = v->provisional;
	return 0;
}

static const char *ward_name(const struct loader *l, const char *code)
{
	for (size_t i = 0; code && i < l->n_wards; i++)
		if (strcmp(l->wards[i].code, code) == 0)
			return l->wards[i].name;
	return code;
}

/* One row of §4 or §5: the baseline is the state at the start of y->fy (the computation for the
 * year before), the actual the computation for the target year. */
static int sheet_row(struct loader *l, const struct city_indicator *ci, const struct indicator_year *y,
		     struct sheet_row *r)
{
	enum indicator_kind kind = kind_of(ci->computation);
	*r = (struct sheet_row){
		.indicator_id = ci->id, .position = ci->position, .name = ci->name, .unit = ci->unit,
		.computation = ci->computation, .ward_name = ci->ward_code ? ward_name(l, ci->ward_code) : NULL, .fy = y->fy,
		.target_fy = y->target_fy, .target = entered(y->target, y->target_text, kind),
		.outcome = y->outcome_text, .expected = y->expected_text,
		.national_value = entered(y->national_value, NULL, kind),
		.national_target = entered(y->national_target, NULL, kind), .national_note = y->national_note,
	};
	if (!ci->computation) {
		r->baseline = entered(y->baseline, y->baseline_text, kind);
		r->actual = entered(y->actual, y->actual_text, kind);
		return 0;
	}
	int rc = computed_figure(l, ci, y->fy - 1, &r->baseline);
	return rc ? rc : computed_figure(l, ci, y->target_fy, &r->actual);
}

static const struct city_indicator *indicator_of(const struct city_indicator *set, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (set[i].id == id)
			return &set[i];
	return NULL;
}

/* The rows of the years that keep(y, fy) selects, in the order of indicator_years_all (position). */
static int rows_where(struct loader *l, const struct city_indicator *set, size_t n_set,
		      const struct indicator_year *years, size_t n_years, bool (*keep)(const struct indicator_year *, int),
		      int fy, struct sheet_row **out, size_t *n)
{
	*out = arena_zalloc(l->a, (n_years ? n_years : 1) * sizeof **out);
	*n = 0;
	if (!*out)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n_years; i++) {
		const struct city_indicator *ci = indicator_of(set, n_set, years[i].indicator_id);
		if (!ci || !keep(&years[i], fy))
			continue;
		int rc = sheet_row(l, ci, &years[i], &(*out)[*n]);
		if (rc)
			return rc;
		(*n)++;
	}
	return 0;
}

static bool reported_in(const struct indicator_year *y, int fy)
{
	return y->target_fy == fy;
}

static bool set_in(const struct indicator_year *y, int fy)
{
	return y->fy == fy;
}

/* ---- the series behind the charts ---- */

static int series_of(struct loader *l, const struct city_indicator *ci, const struct indicator_year *years,
		     size_t n_years, int fy, struct sheet_series *s)
{
	int from = fy - SERIES_YEARS_BEFORE, to = fy;
	for (size_t i = 0; i < n_years; i++)
		if (years[i].indicator_id == ci->id && years[i].target_fy > to && years[i].target_fy <= fy + SERIES_YEARS_AFTER_MAX)
			to = years[i].target_fy;
	if (from < SHEET_FY_MIN)
		from = SHEET_FY_MIN;
	*s = (struct sheet_series){ .indicator_id = ci->id, .position = ci->position, .name = ci->name, .unit = ci->unit,
				    .computation = ci->computation,
				    .ward_name = ci->ward_code ? ward_name(l, ci->ward_code) : NULL,
				    .kind = kind_of(ci->computation) };
	s->points = arena_zalloc(l->a, (size_t)(to - from + 1) * sizeof *s->points);
	if (!s->points)
		return ERR_TOOBIG;
	for (int year = from; year <= to; year++) {
		struct sheet_point *p = &s->points[s->n_points++];
		p->fy = year;
		int rc = computed_figure(l, ci, year, &p->value);
		if (rc)
			return rc;
		/* The target for the end of this year: the one set latest, as years[] is by fy. */
		p->target = (struct sheet_figure){ .kind = s->kind };
		for (size_t i = 0; i < n_years; i++)
			if (years[i].indicator_id == ci->id && years[i].target_fy == year && years[i].target.has)
				p->target = entered(years[i].target, NULL, s->kind);
	}
	return 0;
}

static int load_series(struct loader *l, const struct city_indicator *set, size_t n_set,
		       const struct indicator_year *years, size_t n_years, int fy, struct status_sheet *out)
{
	out->series = arena_zalloc(l->a, (n_set ? n_set : 1) * sizeof *out->series);
	if (!out->series)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n_set; i++) {
		if (!set[i].computation || !set[i].active)
			continue;
		int rc = series_of(l, &set[i], years, n_years, fy, &out->series[out->n_series]);
		if (rc)
			return rc;
		out->n_series++;
	}
	return 0;
}

/* ---- the written parts ---- */

static int load_texts(struct db *db, struct arena *a, int fy, struct status_sheet *out)
{
	struct {
		const char *section;
		const char **body;
	} texts[] = { { "lead", &out->lead }, { "basic", &out->basic }, { "overview", &out->overview } };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *body;
		int from;
		int rc = sheet_text_get(db, a, fy, texts[i].section, &body, &from);
		if (rc)
			return rc;
		*texts[i].body = body;
		if (from > out->texts_from_fy)
			out->texts_from_fy = from;
	}
	return 0;
}

/* The plan of the newest year written by fy, as /plan shows it when this year's is not written. */
static int load_plan(struct db *db, struct arena *a, int fy, struct status_sheet *out)
{
	int *years;
	size_t n;
	int rc = plan_years(db, a, &years, &n);
	for (size_t i = 0; !rc && i < n; i++)
		if (years[i] <= fy) {
			out->plan_from_fy = years[i];
			char *strength;
			if ((rc = plan_strength_get(db, a, years[i], &strength)))
				return rc;
			out->strength = strength;
			return plan_challenges(db, a, years[i], &out->challenges, &out->n_challenges);
		}
	return rc;
}

/* The programmes begun by the end of fy: the history up to the year reported on. */
static int load_programmes(struct db *db, struct arena *a, int fy, struct status_sheet *out)
{
	struct programme *all;
	size_t n;
	int rc = programme_list(db, a, &all, &n);
	if (rc)
		return rc;
	out->programmes = all;
	for (size_t i = 0; i < n; i++)
		if (all[i].from_fy <= fy)
			all[out->n_programmes++] = all[i];
	return 0;
}

static int load_directory(struct loader *l, struct status_sheet *out)
{
	struct municipality m;
	int rc = directory_municipality(l->db, l->a, &m);
	if (rc)
		return rc;
	out->municipality_code = m.code;
	out->municipality_name = m.name;
	out->prefecture = programme_prefecture(m.code);
	out->forum_city_wide = !m.forum_scope || strcmp(m.forum_scope, "city") == 0;
	if ((rc = directory_wards(l->db, l->a, &l->wards, &l->n_wards)))
		return rc;
	out->wards = arena_zalloc(l->a, (l->n_wards ? l->n_wards : 1) * sizeof *out->wards);
	if (!out->wards)
		return ERR_TOOBIG;
	for (size_t i = 0; i < l->n_wards; i++)
		out->wards[out->n_wards++] = l->wards[i].name;
	return 0;
}

int status_sheet_load(struct db *db, struct arena *a, int fy, const char *as_of, struct status_sheet *out)
{
	struct date d;
	if (fy < SHEET_FY_MIN || fy > SHEET_FY_MAX || !as_of || !date_parse(as_of, &d))
		return ERR_INVALID;
	*out = (struct status_sheet){ .fy = fy, .coming_fy = fy + 1 };
	date_format_iso(d, out->as_of);
	struct loader l = { .db = db, .a = a, .as_of = out->as_of };
	struct city_indicator *set;
	struct indicator_year *years;
	size_t n_set, n_years;
	int rc;
	if ((rc = load_directory(&l, out)) || (rc = load_texts(db, a, fy, out)) ||
	    (rc = load_programmes(db, a, fy, out)) || (rc = load_plan(db, a, fy, out)) ||
	    (rc = indicator_set_list(db, a, &set, &n_set)) || (rc = indicator_years_all(db, a, &years, &n_years)))
		return rc;
	if ((rc = rows_where(&l, set, n_set, years, n_years, reported_in, fy, &out->outcomes, &out->n_outcomes)) ||
	    (rc = rows_where(&l, set, n_set, years, n_years, set_in, fy + 1, &out->coming, &out->n_coming)))
		return rc;
	return load_series(&l, set, n_set, years, n_years, fy, out);
}

static bool of_indicator(const struct indicator_year *y, int fy)
{
	(void)y;
	(void)fy;
	return true;
}

int sheet_indicator_load(struct db *db, struct arena *a, int64_t indicator_id, int fy, const char *as_of,
			 struct sheet_row **rows, size_t *n, struct sheet_series *series)
{
	struct loader l = { .db = db, .a = a, .as_of = as_of };
	struct city_indicator ci;
	struct indicator_year *years;
	size_t n_years;
	int rc;
	*series = (struct sheet_series){ 0 };
	if ((rc = indicator_set_get(db, a, indicator_id, &ci)) ||
	    (rc = directory_wards(db, a, &l.wards, &l.n_wards)) ||
	    (rc = indicator_years(db, a, indicator_id, &years, &n_years)) ||
	    (rc = rows_where(&l, &ci, 1, years, n_years, of_indicator, 0, rows, n)))
		return rc;
	return ci.computation ? series_of(&l, &ci, years, n_years, fy, series) : 0;
}
