/*
 * indicators — every computed indicator as JSON (through jansson, the one file that includes it)
 * or CSV (through csv.h). See indicators.h for both formats.
 */
#include "report/indicators.h"

#include "arena.h"
#include "csv.h"
#include "date.h"
#include "domain/directory.h"
#include "domain/indicator.h"
#include "error.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Every value was rounded to one decimal in integers (indicator_ratio); 15 significant digits
 * print such a double in its shortest form (361.7), where jansson's default 17 gives
 * 361.69999999999999. Indicator values are far below 10^14, where one decimal would need more. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

bool indicators_format_parse(const char *s, enum indicators_format *out)
{
	if (s && strcmp(s, "json") == 0)
		*out = INDICATORS_JSON;
	else if (s && strcmp(s, "csv") == 0)
		*out = INDICATORS_CSV;
	else
		return false;
	return true;
}

bool indicators_fy_parse(const char *s, int *fy)
{
	if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return false;
	int y = atoi(s);
	if (y < INDICATORS_FY_MIN || y > INDICATORS_FY_MAX)
		return false;
	*fy = y;
	return true;
}

/* Appends the JSON text of j (taken: freed here) and a newline; ERR_TOOBIG when jansson could not
 * build or print it (out of memory). */
static int dump(json_t *j, struct strbuf *out)
{
	char *text = j ? json_dumps(j, DUMP_FLAGS) : NULL;
	json_decref(j);
	if (!text)
		return ERR_TOOBIG;
	strbuf_puts(out, text);
	strbuf_putc(out, '\n');
	free(text);
	return 0;
}

void indicators_write_error(struct strbuf *out, const char *message)
{
	if (dump(json_pack("{s:s}", "error", message ? message : ""), out))
		strbuf_puts(out, "{\"error\":\"out of memory\"}\n");
}

/* An integer, or null when has is false. json_*_new functions take NULL as a failure. */
static json_t *int_or_null(bool has, int64_t v)
{
	return has ? json_integer((json_int_t)v) : json_null();
}

static int write_json(const struct municipality *m, const char *ward, int fy, const char *as_of,
		      const struct indicator_value *v, size_t n, struct strbuf *out)
{
	json_t *root = json_object(), *list = json_array();
	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return ERR_TOOBIG;
	}
	/* A failed set leaves root incomplete; counting failures keeps one check at the end. */
	int bad = 0;
	bad |= json_object_set_new(root, "municipality", json_string(m->code));
	bad |= json_object_set_new(root, "fy", json_integer(fy));
	bad |= json_object_set_new(root, "ward", ward ? json_string(ward) : json_null());
	bad |= json_object_set_new(root, "as_of", json_string(as_of));
	bad |= json_object_set_new(root, "indicators", list);
	for (size_t i = 0; i < n; i++) {
		bool count = indicator_codes[i].kind == INDICATOR_COUNT;
		json_t *o = json_object();
		bad |= json_array_append_new(list, o);
		if (!o)
			break;
		bad |= json_object_set_new(o, "code", json_string(v[i].code));
		if (!v[i].has_value)
			bad |= json_object_set_new(o, "value", json_null());
		else if (count)
			bad |= json_object_set_new(o, "value", json_integer((json_int_t)v[i].numerator));
		else
			bad |= json_object_set_new(o, "value", json_real(v[i].value));
		bad |= json_object_set_new(o, "provisional", json_boolean(v[i].provisional));
		bad |= json_object_set_new(o, "numerator", int_or_null(!count || v[i].has_value, v[i].numerator));
		bad |= json_object_set_new(o, "denominator", int_or_null(!count, v[i].denominator));
	}
	if (bad) {
		json_decref(root);
		return ERR_TOOBIG;
	}
	return dump(root, out);
}

/* x as decimal text in a, or "" when the arena is full (indicators_write then fails). */
static const char *num(struct arena *a, int64_t x)
{
	const char *s = arena_printf(a, "%lld", (long long)x);
	return s ? s : "";
}

/* The rows of v. ward: NULL for one ward's (or the city's) table; a code in the every-ward table,
 * whose rows start with it. header: the BOM and the header row first (the every-ward table has
 * them once, before its first ward). */
static void write_csv(struct arena *a, const char *ward, bool header, const struct indicator_value *v, size_t n,
		      struct strbuf *out)
{
	struct csv_writer w = { .out = out };
	if (header) {
		csv_write_start(&w, out);
		static const char *const names[] = { "ward", "code", "name", "value", "numerator", "denominator",
						     "provisional" };
		for (size_t i = ward ? 0 : 1; i < sizeof names / sizeof names[0]; i++)
			csv_write_field(&w, names[i], 0);
		csv_write_end_record(&w);
	}
	for (size_t i = 0; i < n; i++) {
		bool count = indicator_codes[i].kind == INDICATOR_COUNT;
		const char *value = "";
		if (v[i].has_value)
			value = count ? num(a, v[i].numerator) : arena_printf(a, "%.1f", v[i].value);
		if (ward)
			csv_write_field(&w, ward, 0);
		csv_write_field(&w, v[i].code, 0);
		csv_write_field(&w, indicator_codes[i].name, 0);
		csv_write_field(&w, value ? value : "", CSV_NUMBER);
		csv_write_field(&w, !count || v[i].has_value ? num(a, v[i].numerator) : "", CSV_NUMBER);
		csv_write_field(&w, count ? "" : num(a, v[i].denominator), CSV_NUMBER);
		csv_write_field(&w, v[i].provisional ? "true" : "false", 0);
		csv_write_end_record(&w);
	}
}

/* Checks fy and as_of and reads the municipality into *m (in a); *why as indicators_write. */
static int check_request(struct db *db, struct arena *a, int fy, const char *as_of, struct municipality *m,
			 const char **why)
{
	*why = NULL;
	struct date d;
	if (fy < INDICATORS_FY_MIN || fy > INDICATORS_FY_MAX) {
		*why = "the fiscal year must be a year from 2000 to 2100";
		return ERR_INVALID;
	}
	if (!as_of || !date_parse(as_of, &d)) {
		*why = "the date must be a real date written YYYY-MM-DD";
		return ERR_INVALID;
	}
	int rc = directory_municipality(db, a, m);
	if (rc == ERR_NOTFOUND)
		*why = "the database has no municipality yet (tsunagu init)";
	return rc;
}

/* Computes the figures of ward (NULL: the city) and appends them to out in format f; every: a
 * ward of the every-ward output (CSV: the ward column, and the header only when first). */
static int write_one(struct db *db, struct arena *a, const struct municipality *m, const char *ward, int fy,
		     const char *as_of, enum indicators_format f, bool every, bool first, struct strbuf *out)
{
	struct indicator_value *v;
	size_t n;
	int rc = indicator_compute(db, a, ward, fy, as_of, &v, &n);
	if (rc)
		return rc;
	if (f == INDICATORS_CSV) {
		write_csv(a, every ? ward : NULL, !every || first, v, n, out);
		return out->failed || a->over_cap ? ERR_TOOBIG : 0;
	}
	rc = write_json(m, ward, fy, as_of, v, n, out);
	return rc ? rc : out->failed ? ERR_TOOBIG : 0;
}

int indicators_write(struct db *db, struct arena *a, const char *ward, int fy, const char *as_of,
		     enum indicators_format f, struct strbuf *out, const char **why)
{
	struct municipality m;
	int rc = check_request(db, a, fy, as_of, &m, why);
	if (rc)
		return rc;
	if (ward && !*ward)
		ward = NULL;
	if (ward) {
		struct ward *wards;
		size_t nwards;
		if ((rc = directory_wards(db, a, &wards, &nwards)))
			return rc;
		size_t i = 0;
		while (i < nwards && strcmp(wards[i].code, ward) != 0)
			i++;
		if (i == nwards) {
			*why = arena_printf(a, "'%s' is not a ward of %s", ward, m.code);
			return ERR_INVALID;
		}
	}
	return write_one(db, a, &m, ward, fy, as_of, f, false, true, out);
}

int indicators_write_wards(struct db *db, struct arena *a, int fy, const char *as_of, enum indicators_format f,
			   int (*emit)(const char *text, size_t len, void *ctx), void *ctx, const char **why)
{
	struct municipality m;
	struct ward *wards;
	size_t nwards;
	int rc = check_request(db, a, fy, as_of, &m, why);
	if (rc || (rc = directory_wards(db, a, &wards, &nwards)))
		return rc;
	for (size_t i = 0; i < nwards && !rc; i++) {
		/* A ward's rows and text go with its arena, and its prepared statements back to the
		 * connection's cache, before the next ward: lent to one arena for all the wards, each
		 * ward would prepare fresh copies (see report/import.c). */
		struct arena *w = arena_create(0);
		struct strbuf out;
		strbuf_init(&out, w, 0);
		rc = write_one(db, w, &m, wards[i].code, fy, as_of, f, true, i == 0, &out);
		if (!rc)
			rc = emit(strbuf_str(&out), out.len, ctx);
		arena_destroy(w);
	}
	return rc;
}
