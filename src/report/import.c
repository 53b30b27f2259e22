/* import — CSV rows into organisations, persons and admissions. See import.h. */
#include "import.h"

#include "arena.h"
#include "auth/audit.h"
#include "csv.h"
#include "db/db.h"
#include "domain/directory.h"
#include "domain/person.h"
#include "error.h"
#include "i18n.h"

#include <inttypes.h>
#include <string.h>

enum { MAX_PROBLEMS = 200 };

bool import_kind_parse(const char *name, enum import_kind *out)
{
	static const char *names[] = { "organisations", "persons", "admissions" };
	for (int i = 0; name && i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum import_kind)i;
			return true;
		}
	return false;
}

static void problem(struct arena *a, struct import_result *r, size_t line, const char *column,
		    const char *msgid, const char *detail)
{
	if (r->nproblems == MAX_PROBLEMS) {
		r->more_problems++;
		return;
	}
	r->problems[r->nproblems++] = (struct import_problem){ line, column, msgid, arena_strdup(a, detail) };
}

/* One row's fields by column name, through the header's indexes. */
struct row {
	const struct csv_record *rec; /* the record */
	const int *idx;               /* column indexes, in the order of the kind's names */
	const int *opt;               /* optional columns' indexes (-1 when absent) */
};

static const char *field(const struct row *r, int i)
{
	int k = r->idx[i];
	return k >= 0 && (size_t)k < r->rec->n ? r->rec->fields[k] : "";
}

static const char *optional(const struct row *r, int i)
{
	int k = r->opt[i];
	return k >= 0 && (size_t)k < r->rec->n ? r->rec->fields[k] : NULL;
}

static int audit(struct db *db, struct arena *a, const struct import_actor *who, const char *action,
		 const char *type, int64_t id)
{
	struct audit_event e = { .user_id = who->user_id, .role = who->role, .action = action,
				 .object_type = type, .object_id = arena_printf(a, "%" PRId64, id),
				 .addr = who->addr, .outcome = "ok" };
	return audit_append(db, a, &e);
}

static int import_org(struct db *db, struct arena *a, struct arena *keep, const struct row *r,
		      const struct import_actor *who, struct import_result *out)
{
	struct organisation o = { .name = (char *)field(r, 0), .kind = (char *)field(r, 1),
				  .ward_code = (char *)field(r, 2), .sector = (char *)optional(r, 0),
				  .active = true };
	int64_t id;
	int rc = directory_org_find(db, a, o.name, &id);
	if (rc == 0) {
		struct organisation old;
		if ((rc = directory_org_get(db, a, id, &old)))
			return rc;
		bool same = strcmp(old.kind, o.kind) == 0 &&
			    strcmp(old.ward_code ? old.ward_code : "", o.ward_code) == 0 &&
			    (!o.sector || !*o.sector || strcmp(old.sector, o.sector) == 0);
		if (same) {
			out->unchanged++;
			return 0;
		}
		o.id = id;
	} else if (rc != ERR_NOTFOUND) {
		return rc;
	}
	const char *msg = NULL;
	rc = directory_org_save(db, a, &o, &msg);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		problem(keep, out, r->rec->line, NULL, msg ? msg : err_text(rc), o.name);
		return 0;
	}
	if (rc)
		return rc;
	o.id == id ? out->updated++ : out->added++;
	return audit(db, a, who, "organisation.import", "organisation", o.id);
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int import_person(struct db *db, struct arena *a, struct arena *keep, const struct row *r,
			 const struct import_actor *who, const char *today, struct import_result *out)
{
	const char *pa = optional(r, 2);
	struct person p = {
		.external_id = (char *)field(r, 0), .family_name = (char *)field(r, 1),
		.given_name = (char *)field(r, 2), .family_kana = (char *)field(r, 3),
		.given_kana = (char *)field(r, 4), .birth_date = (char *)field(r, 5),
		.sex = (char *)field(r, 6), .ward_code = (char *)field(r, 7),
		.handbook_grade = (char *)optional(r, 0), .support_category = (char *)optional(r, 1),
		.public_assistance = pa && strcmp(pa, "1") == 0, .guardian = (char *)optional(r, 3),
		.registered_by = who->organisation_id,
	};
	if (!*p.external_id) {
		problem(keep, out, r->rec->line, "external_id", N_("The external_id column is required: it keys re-imports."), NULL);
		return 0;
	}
	if (pa && *pa && strcmp(pa, "0") != 0 && strcmp(pa, "1") != 0) {
		problem(keep, out, r->rec->line, "public_assistance", N_("Write 1 for yes or 0 for no."), pa);
		return 0;
	}
	const char *column = NULL, *msg = NULL;
	int rc = person_validate(a, &p, today, &column, &msg);
	if (rc == ERR_INVALID) {
		problem(keep, out, r->rec->line, column, msg, NULL);
		return 0;
	}
	if (rc)
		return rc;
	int64_t id;
	rc = person_find_external(db, a, p.external_id, &id);
	if (rc == 0) {
		struct access everyone = { .role = ROLE_CITY };
		struct person old;
		if ((rc = person_get(db, a, &everyone, id, &old)))
			return rc;
		if (same_text(old.family_name, p.family_name) && same_text(old.given_name, p.given_name) &&
		    same_text(old.family_kana, p.family_kana) && same_text(old.given_kana, p.given_kana) &&
		    same_text(old.birth_date, p.birth_date) && same_text(old.sex, p.sex) &&
		    same_text(old.ward_code, p.ward_code) && same_text(old.handbook_grade, p.handbook_grade) &&
		    same_text(old.support_category, p.support_category) && same_text(old.guardian, p.guardian) &&
		    old.public_assistance == p.public_assistance) {
			out->unchanged++;
			return 0;
		}
		p.id = id;
	} else if (rc != ERR_NOTFOUND) {
		return rc;
	}
	rc = person_save(db, a, &p, today, &column, &msg);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		problem(keep, out, r->rec->line, column, msg, NULL);
		return 0;
	}
	if (rc)
		return rc;
	p.id == id ? out->updated++ : out->added++;
	return audit(db, a, who, "person.import", "person", p.id);
}

static int import_admission(struct db *db, struct arena *a, struct arena *keep, const struct row *r,
			    const struct import_actor *who, const char *today, struct import_result *out)
{
	int64_t person, hospital;
	if (person_find_external(db, a, field(r, 0), &person)) {
		problem(keep, out, r->rec->line, "person_external_id",
			N_("No person has this external_id: import the persons first."), field(r, 0));
		return 0;
	}
	if (directory_org_find(db, a, field(r, 1), &hospital)) {
		problem(keep, out, r->rec->line, "hospital", N_("No organisation has this name."), field(r, 1));
		return 0;
	}
	struct admission ad = {
		.person_id = person, .hospital_id = hospital, .admitted_on = (char *)field(r, 2),
		.admission_type = (char *)field(r, 3), .discharged_on = (char *)field(r, 4),
		.discharge_destination = (char *)field(r, 5),
	};
	struct admission old;
	int rc = admission_find(db, a, person, hospital, ad.admitted_on, &old);
	if (rc == 0) {
		if (same_text(old.admission_type, ad.admission_type) &&
		    same_text(old.discharged_on, *ad.discharged_on ? ad.discharged_on : NULL) &&
		    same_text(old.discharge_destination, *ad.discharge_destination ? ad.discharge_destination : NULL)) {
			out->unchanged++;
			return 0;
		}
		problem(keep, out, r->rec->line, "admitted_on",
			N_("This admission is stored with other details: correct it on the person's page."), NULL);
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	const char *column = NULL, *msg = NULL;
	rc = admission_add(db, a, &ad, today, &column, &msg);
	if (rc == ERR_INVALID) {
		problem(keep, out, r->rec->line, column, msg, NULL);
		return 0;
	}
	if (rc)
		return rc;
	out->added++;
	return audit(db, a, who, "admission.import", "admission", ad.id);
}

int import_csv(struct db *db, struct arena *a, enum import_kind kind, const char *data, size_t len,
	       const struct csv_limits *limits, const struct import_actor *who, const char *today,
	       struct import_result *out)
{
	static const char *const required[3][8] = {
		{ "name", "kind", "ward_code" },
		{ "external_id", "family_name", "given_name", "family_kana", "given_kana", "birth_date", "sex", "ward_code" },
		{ "person_external_id", "hospital", "admitted_on", "admission_type", "discharged_on", "discharge_destination" },
	};
	static const size_t nrequired[3] = { 3, 8, 6 };
	static const char *const optional_cols[3][4] = {
		{ "sector" },
		{ "handbook_grade", "support_category", "public_assistance", "guardian" },
		{ NULL },
	};
	*out = (struct import_result){ 0 };
	out->problems = arena_alloc(a, MAX_PROBLEMS * sizeof *out->problems);
	if (!out->problems)
		return ERR_TOOBIG;
	struct csv csv;
	struct csv_error cerr = { 0 };
	int rc = csv_read(a, data, len, limits, &csv, &cerr);
	out->encoding = csv_encoding_name(csv.encoding);
	if (rc) {
		problem(a, out, cerr.line, NULL, cerr.msgid, cerr.detail);
		return rc;
	}
	if (csv.n == 0) {
		problem(a, out, 0, NULL, N_("The file is empty: it needs a header row and data rows."), NULL);
		return ERR_INVALID;
	}
	int idx[8], opt[4] = { -1, -1, -1, -1 };
	if (csv_require_columns(a, &csv.records[0], required[kind], nrequired[kind], idx, &cerr)) {
		problem(a, out, cerr.line, NULL, cerr.msgid, cerr.detail);
		return ERR_INVALID;
	}
	for (int i = 0; i < 4 && optional_cols[kind][i]; i++)
		opt[i] = csv_find_column(&csv.records[0], optional_cols[kind][i]);
	for (size_t i = 1; i < csv.n; i++) {
		struct row r = { &csv.records[i], idx, opt };
		out->rows++;
		if (r.rec->n == 1 && !*r.rec->fields[0]) {
			problem(a, out, r.rec->line, NULL, N_("The row is empty."), NULL);
			continue;
		}
		/* Each row works in its own arena, dropped when the row is done: its prepared statements
		 * go back to the connection's cache (reset) instead of piling up in `a` for the whole
		 * file. Piled up, every row prepared fresh copies and left their cursors open, and each
		 * insert walked all of them: 2,000 persons took 8 s, 300,000 would have taken days
		 * (docs/performance.md, "At city scale"). Problems are kept in `a`. */
		struct arena *ra = arena_create(a->cap);
		switch (kind) {
		case IMPORT_ORGANISATIONS: rc = import_org(db, ra, a, &r, who, out); break;
		case IMPORT_PERSONS: rc = import_person(db, ra, a, &r, who, today, out); break;
		case IMPORT_ADMISSIONS: rc = import_admission(db, ra, a, &r, who, today, out); break;
		}
		if (ra->over_cap)
			a->over_cap = true; /* as if the row had run in `a`: the caller answers 413 */
		arena_destroy(ra);
		if (rc)
			return rc;
	}
	return out->nproblems || out->more_problems ? ERR_INVALID : 0;
}
