/* person — persons and admissions with their SQL. See person.h. */
#include "person.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"
#include "strbuf.h"

#include <string.h>
#include <time.h>

const struct code person_sexes[] = {
	{ "female", N_("Female") }, { "male", N_("Male") }, { "other", N_("Other") },
	{ "unknown", N_("Not recorded") }, { NULL, NULL },
};
const struct code person_handbook_grades[] = {
	{ "none", N_("None") }, { "1", N_("Grade 1") }, { "2", N_("Grade 2") }, { "3", N_("Grade 3") },
	{ NULL, NULL },
};
const struct code person_support_categories[] = {
	{ "none", N_("None") }, { "1", N_("Category 1") }, { "2", N_("Category 2") },
	{ "3", N_("Category 3") }, { "4", N_("Category 4") }, { "5", N_("Category 5") },
	{ "6", N_("Category 6") }, { NULL, NULL },
};
const struct code person_guardians[] = {
	{ "none", N_("None") }, { "guardian", N_("Guardian") }, { "curator", N_("Curator") },
	{ "assistant", N_("Assistant") }, { NULL, NULL },
};
const struct code admission_types[] = {
	{ "voluntary", N_("Voluntary") },                  /* 任意入院 */
	{ "medical_protection", N_("Medical protection") }, /* 医療保護入院 */
	{ "involuntary", N_("Involuntary") },              /* 措置入院 */
	{ "emergency", N_("Emergency") },                  /* 応急入院 */
	{ "other", N_("Other") },
	{ NULL, NULL },
};
const struct code discharge_destinations[] = {
	{ "home", N_("Home") }, { "group_home", N_("Group home") }, { "rental", N_("Rented housing") },
	{ "facility", N_("Facility") }, { "hospital", N_("Another hospital") }, { "death", N_("Death") },
	{ "other", N_("Other") }, { NULL, NULL },
};

static int bad(const char **field, const char **msg, const char *f, const char *m)
{
	*field = f;
	*msg = m;
	return ERR_INVALID;
}

/* NFKC text, NULL when empty (or over max bytes: *too_long is set). */
static char *optional(struct arena *a, const char *s, size_t max, bool *too_long)
{
	char *n = s ? jp_normalize(a, s) : NULL;
	if (n && strlen(n) > max)
		*too_long = true;
	return n && *n ? n : NULL;
}

static char *without_spaces(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *w = out;
	if (!out)
		return NULL;
	for (; *s; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
	return out;
}

int person_validate(struct arena *a, struct person *p, const char *today, const char **field,
		    const char **msg)
{
	bool long_family = false, long_given = false, long_text = false;
	p->family_name = optional(a, p->family_name, 100, &long_family);
	p->given_name = optional(a, p->given_name, 100, &long_given);
	if (!p->family_name || !p->given_name || long_family || long_given)
		return bad(field, msg, !p->family_name || long_family ? "family_name" : "given_name",
			   N_("Enter the family and given names (at most 100 bytes each)."));
	if (!p->family_kana || !p->given_kana || !jp_is_kana(p->family_kana) || !jp_is_kana(p->given_kana))
		return bad(field, msg, p->family_kana && jp_is_kana(p->family_kana) ? "given_kana" : "family_kana",
			   N_("Enter the reading of both names in kana (hiragana or katakana)."));
	p->family_kana = jp_kana_key(a, p->family_kana);
	p->given_kana = jp_kana_key(a, p->given_kana);
	struct date birth, now;
	/* Typed on a Japanese keyboard, a date often comes in full-width digits. */
	p->birth_date = p->birth_date ? jp_normalize(a, p->birth_date) : NULL;
	if (!p->birth_date || !date_parse(p->birth_date, &birth) || !date_parse(today, &now) ||
	    date_cmp(birth, now) > 0 || birth.year < 1900)
		return bad(field, msg, "birth_date",
			   N_("Enter the date of birth as YYYY-MM-DD: a real date, not in the future."));
	if (!p->sex || !*p->sex)
		p->sex = "unknown";
	if (!code_known(person_sexes, p->sex))
		return bad(field, msg, "sex", N_("Choose the sex from the list."));
	p->ward_code = p->ward_code && *p->ward_code ? p->ward_code : NULL;
	p->external_id = optional(a, p->external_id, 64, &long_text);
	if (long_text)
		return bad(field, msg, "external_id", N_("The city's ID may be at most 64 bytes."));
	struct {
		char **value;                  /* the field */
		const struct code *t;   /* its values */
		const char *name;              /* form field */
	} enums[] = {
		{ &p->handbook_grade, person_handbook_grades, "handbook_grade" },
		{ &p->support_category, person_support_categories, "support_category" },
		{ &p->guardian, person_guardians, "guardian" },
	};
	for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
		if (!*enums[i].value || !**enums[i].value)
			*enums[i].value = "none";
		if (!code_known(enums[i].t, *enums[i].value))
			return bad(field, msg, enums[i].name, N_("Choose a value from the list."));
	}
	return p->family_kana && p->given_kana ? 0 : ERR_TOOBIG;
}

int person_save(struct db *db, struct arena *a, struct person *p, const char *today,
		const char **field, const char **msg)
{
	int rc = person_validate(a, p, today, field, msg);
	if (rc)
		return rc;
	if (p->ward_code) {
		struct db_stmt *w = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
		if (!w || db_bind_text(w, 1, p->ward_code))
			return ERR_STORAGE;
		if (db_step(w) != DB_ROW)
			return bad(field, msg, "ward_code", N_("Choose the ward from the list."));
	}
	char *kana = arena_printf(a, "%s%s", p->family_kana, p->given_kana);
	char *names = arena_printf(a, "%s%s", p->family_name, p->given_name);
	char *name_key = names ? without_spaces(a, names) : NULL;
	if (!kana || !name_key)
		return ERR_TOOBIG;
	struct db_stmt *st;
	if (p->id == 0)
		st = db_prepare(db, a,
				"INSERT INTO person (municipality_code, external_id, family_name, given_name,"
				" family_kana, given_kana, kana_key, name_key, birth_date, sex, ward_code,"
				" handbook_grade, support_category, public_assistance, guardian,"
				" registered_by, created_at, updated_at)"
				" SELECT code, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
				" $15, $16, $16 FROM municipality RETURNING id");
	else
		st = db_prepare(db, a,
				"UPDATE person SET external_id = $1, family_name = $2, given_name = $3,"
				" family_kana = $4, given_kana = $5, kana_key = $6, name_key = $7,"
				" birth_date = $8, sex = $9, ward_code = $10, handbook_grade = $11,"
				" support_category = $12, public_assistance = $13, guardian = $14,"
				" updated_at = $16 WHERE id = $17 RETURNING id");
	if (!st || db_bind_text(st, 1, p->external_id) || db_bind_text(st, 2, p->family_name) ||
	    db_bind_text(st, 3, p->given_name) || db_bind_text(st, 4, p->family_kana) ||
	    db_bind_text(st, 5, p->given_kana) || db_bind_text(st, 6, kana) ||
	    db_bind_text(st, 7, name_key) || db_bind_text(st, 8, p->birth_date) ||
	    db_bind_text(st, 9, p->sex) || db_bind_text(st, 10, p->ward_code) ||
	    db_bind_text(st, 11, p->handbook_grade) || db_bind_text(st, 12, p->support_category) ||
	    db_bind_int(st, 13, p->public_assistance) || db_bind_text(st, 14, p->guardian) ||
	    db_bind_int(st, 16, (int64_t)time(NULL)))
		return ERR_STORAGE;
	if (p->id == 0 ? (p->registered_by ? db_bind_int(st, 15, p->registered_by) : db_bind_null(st, 15))
		       : db_bind_int(st, 17, p->id))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT) {
		bad(field, msg, "external_id", N_("Another person already has this city ID."));
		return ERR_CONFLICT; /* as person.h promises: a clash with a stored record, not bad input */
	}
	if (rc == DB_DONE)
		return ERR_NOTFOUND;
	if (rc != DB_ROW)
		return rc;
	p->id = db_column_int(st, 0);
	return 0;
}

#define PERSON_COLUMNS                                                                          \
	"p.id, p.external_id, p.family_name, p.given_name, p.family_kana, p.given_kana,"        \
	" p.birth_date, p.sex, p.ward_code, p.handbook_grade, p.support_category,"              \
	" p.public_assistance, p.guardian, p.registered_by, p.kana_key"

static void read_person(struct arena *a, struct db_stmt *st, void *v)
{
	struct person *p = v;
	char **text[] = { &p->external_id, &p->family_name, &p->given_name, &p->family_kana,
			  &p->given_kana, &p->birth_date, &p->sex, &p->ward_code,
			  &p->handbook_grade, &p->support_category };
	p->id = db_column_int(st, 0);
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		*text[i] = arena_strdup(a, db_column_text(st, (int)i + 1));
	p->public_assistance = db_column_int(st, 11) != 0;
	p->guardian = arena_strdup(a, db_column_text(st, 12));
	p->registered_by = db_column_int(st, 13);
	p->kana_key = arena_strdup(a, db_column_text(st, 14));
}

int person_get(struct db *db, struct arena *a, const struct access *acc, int64_t id, struct person *out)
{
	char *sql = arena_printf(a, "SELECT " PERSON_COLUMNS " FROM person p WHERE p.id = $1 AND %s",
				 access_person_sql(acc->role));
	struct db_stmt *st = sql ? db_prepare(db, a, sql) : NULL;
	if (!st || db_bind_int(st, 1, id) || access_bind(st, acc))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_person(a, st, out);
	return 0;
}

int person_find_external(struct db *db, struct arena *a, const char *external_id, int64_t *id)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT id FROM person WHERE external_id = $1");
	if (!st || db_bind_text(st, 1, external_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*id = db_column_int(st, 0);
	return 0;
}

bool person_likely_duplicate(struct db *db, struct arena *a, const struct person *p)
{
	char *kana = arena_printf(a, "%s%s", p->family_kana, p->given_kana);
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM person WHERE kana_key = $1 AND birth_date = $2"
					" AND id <> $3");
	return kana && st && !db_bind_text(st, 1, kana) && !db_bind_text(st, 2, p->birth_date) &&
	       !db_bind_int(st, 3, p->id) && db_step(st) == DB_ROW;
}

int person_search(struct db *db, struct arena *a, const struct access *acc, const char *text,
		  const char *ward, const char *after_key, int64_t after_id, int limit,
		  struct person_page *out)
{
	*out = (struct person_page){ 0 };
	/* A prefix is the range [key, key + U+10FFFF): an index range scan on both backends. */
	const char *column = NULL;
	char *key = NULL;
	if (text && *text) {
		if (jp_is_kana(text)) {
			column = "p.kana_key";
			key = jp_kana_key(a, text);
		} else {
			column = "p.name_key";
			char *n = jp_normalize(a, text);
			key = n ? without_spaces(a, n) : NULL;
		}
		if (!key)
			return ERR_INVALID;
	}
	/* Where the list starts: after the cursor, or at the prefix for a reading. A reading prefix
	 * and the cursor are both lower bounds on kana_key, and SQLite starts its index range at only
	 * one of them: given both, it took the cursor's (the empty string on the first page) and read
	 * the index from アイ… up to ヤマ for "やま". So the reading's lower bound is folded into the
	 * cursor, which is never below it (a cursor below the prefix means "from the prefix"). */
	const char *from_key = after_key ? after_key : "";
	int64_t from_id = after_key ? after_id : 0;
	bool by_kana = column && strcmp(column, "p.kana_key") == 0;
	if (by_kana && strcmp(from_key, key) < 0) {
		from_key = key;
		from_id = 0; /* ids start at 1: the whole of kana_key = key */
	}
	/* A name prefix matches in name order but is listed in reading order, so every match is
	 * sorted; the inner query sorts only (kana_key, id) from the covering index person_name_search
	 * and the outer reads the one page of rows, instead of reading every matching row (35,000
	 * for 山 at 300,000 persons) to sort them (docs/performance.md, "At city scale"). */
	bool by_name = column && !by_kana;
	const char *candidates = access_person_candidates_sql(acc->role);
	struct strbuf sql;
	strbuf_init(&sql, a, 0);
	strbuf_puts(&sql, "SELECT " PERSON_COLUMNS " FROM person p WHERE ");
	if (by_name)
		strbuf_puts(&sql, "p.id IN (SELECT p.id FROM person p WHERE ");
	strbuf_puts(&sql, access_person_sql(acc->role));
	if (candidates)
		strbuf_printf(&sql, " AND %s", candidates);
	if (by_name)
		strbuf_puts(&sql, " AND p.name_key >= $1 AND p.name_key < $1 || '\xf4\x8f\xbf\xbf'");
	else if (by_kana)
		strbuf_puts(&sql, " AND p.kana_key < $1 || '\xf4\x8f\xbf\xbf'");
	if (ward && *ward)
		strbuf_puts(&sql, " AND p.ward_code = $2");
	strbuf_puts(&sql, " AND (p.kana_key > $3 OR (p.kana_key = $3 AND p.id > $4))"
			  " ORDER BY p.kana_key, p.id LIMIT $5");
	if (by_name)
		strbuf_puts(&sql, ") ORDER BY p.kana_key, p.id");
	if (sql.failed)
		return ERR_TOOBIG;
	struct db_stmt *st = db_prepare(db, a, strbuf_str(&sql));
	if (!st || access_bind(st, acc) || (key && db_bind_text(st, 1, key)) ||
	    (ward && *ward && db_bind_text(st, 2, ward)) || db_bind_text(st, 3, from_key) ||
	    db_bind_int(st, 4, from_id) || db_bind_int(st, 5, limit + 1))
		return ERR_STORAGE;
	int rc = db_rows_page(st, a, sizeof *out->v, read_person, (size_t)limit, (void **)&out->v, &out->n,
			      &out->more);
	if (!rc && out->n) {
		out->last_key = out->v[out->n - 1].kana_key;
		out->last_id = out->v[out->n - 1].id;
	}
	return rc;
}

#define ADMISSION_SELECT                                                                         \
	"SELECT ad.id, ad.person_id, ad.hospital_id, o.name, ad.admitted_on, ad.admission_type,"  \
	" ad.discharged_on, ad.discharge_destination FROM admission ad"                           \
	" JOIN organisation o ON o.id = ad.hospital_id"

static void read_admission(struct arena *a, struct db_stmt *st, void *p)
{
	struct admission *ad = p;
	ad->id = db_column_int(st, 0);
	ad->person_id = db_column_int(st, 1);
	ad->hospital_id = db_column_int(st, 2);
	ad->hospital_name = arena_strdup(a, db_column_text(st, 3));
	ad->admitted_on = arena_strdup(a, db_column_text(st, 4));
	ad->admission_type = arena_strdup(a, db_column_text(st, 5));
	ad->discharged_on = arena_strdup(a, db_column_text(st, 6));
	ad->discharge_destination = arena_strdup(a, db_column_text(st, 7));
}

int admission_list(struct db *db, struct arena *a, int64_t person_id, struct admission **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, ADMISSION_SELECT " WHERE ad.person_id = $1"
					       " ORDER BY ad.admitted_on DESC, ad.id DESC");
	if (!st || db_bind_int(st, 1, person_id))
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_admission, (void **)out, n);
}

int admission_get(struct db *db, struct arena *a, int64_t id, struct admission *out)
{
	struct db_stmt *st = db_prepare(db, a, ADMISSION_SELECT " WHERE ad.id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_admission(a, st, out);
	return 0;
}

int admission_find(struct db *db, struct arena *a, int64_t person_id, int64_t hospital_id,
		   const char *admitted_on, struct admission *out)
{
	struct db_stmt *st = db_prepare(db, a, ADMISSION_SELECT " WHERE ad.person_id = $1"
					       " AND ad.hospital_id = $2 AND ad.admitted_on = $3");
	if (!st || db_bind_int(st, 1, person_id) || db_bind_int(st, 2, hospital_id) ||
	    db_bind_text(st, 3, admitted_on))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_admission(a, st, out);
	return 0;
}

/* A date field: a real day, not after today, not before `not_before` (when given). */
static bool date_ok(const char *s, const char *today, const char *not_before)
{
	struct date d, t, b;
	return s && date_parse(s, &d) && date_parse(today, &t) && date_cmp(d, t) <= 0 &&
	       (!not_before || (date_parse(not_before, &b) && date_cmp(d, b) >= 0));
}

/* True when the person has another admission overlapping [from, to) (to NULL: still open). */
static int overlaps(struct db *db, struct arena *a, int64_t person, int64_t self, const char *from,
		    const char *to, bool *out)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT 1 FROM admission WHERE person_id = $1 AND id <> $2"
					" AND ($4 IS NULL OR admitted_on < $4)"
					" AND (discharged_on IS NULL OR discharged_on > $3)");
	if (!st || db_bind_int(st, 1, person) || db_bind_int(st, 2, self) || db_bind_text(st, 3, from) ||
	    db_bind_text(st, 4, to))
		return ERR_STORAGE;
	int rc = db_step(st);
	*out = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int admission_add(struct db *db, struct arena *a, struct admission *ad, const char *today,
		  const char **field, const char **msg)
{
	struct db_stmt *h = db_prepare(db, a, "SELECT kind FROM organisation WHERE id = $1");
	if (!h || db_bind_int(h, 1, ad->hospital_id))
		return ERR_STORAGE;
	if (db_step(h) != DB_ROW || strcmp(db_column_text(h, 0), "psychiatric_hospital") != 0)
		return bad(field, msg, "hospital_id", N_("Choose the psychiatric hospital from the list."));
	if (!date_ok(ad->admitted_on, today, "1900-01-01"))
		return bad(field, msg, "admitted_on",
			   N_("Enter the admission date as YYYY-MM-DD: a real date, not in the future."));
	if (!code_known(admission_types, ad->admission_type))
		return bad(field, msg, "admission_type", N_("Choose the type of admission from the list."));
	if (ad->discharged_on && !*ad->discharged_on)
		ad->discharged_on = NULL;
	if (ad->discharge_destination && !*ad->discharge_destination)
		ad->discharge_destination = NULL;
	if (ad->discharged_on && !date_ok(ad->discharged_on, today, ad->admitted_on))
		return bad(field, msg, "discharged_on",
			   N_("The discharge date must be a real date, on or after the admission and not in the future."));
	if ((ad->discharged_on != NULL) != (ad->discharge_destination != NULL) ||
	    (ad->discharge_destination && !code_known(discharge_destinations, ad->discharge_destination)))
		return bad(field, msg, "discharge_destination",
			   N_("A discharge needs both its date and where the person went."));
	bool clash;
	int rc = overlaps(db, a, ad->person_id, 0, ad->admitted_on, ad->discharged_on, &clash);
	if (rc)
		return rc;
	if (clash)
		return bad(field, msg, "admitted_on", N_("This stay overlaps another admission of the same person."));
	struct db_stmt *st = db_prepare(
		db, a,
		"INSERT INTO admission (person_id, hospital_id, admitted_on, admission_type, discharged_on,"
		" discharge_destination, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
	if (!st || db_bind_int(st, 1, ad->person_id) || db_bind_int(st, 2, ad->hospital_id) ||
	    db_bind_text(st, 3, ad->admitted_on) || db_bind_text(st, 4, ad->admission_type) ||
	    db_bind_text(st, 5, ad->discharged_on) || db_bind_text(st, 6, ad->discharge_destination) ||
	    db_bind_int(st, 7, (int64_t)time(NULL)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_STORAGE : rc;
	ad->id = db_column_int(st, 0);
	return 0;
}

int admission_discharge(struct db *db, struct arena *a, int64_t id, const char *on,
			const char *destination, const char *today, const char **field, const char **msg)
{
	struct admission ad;
	int rc = admission_get(db, a, id, &ad);
	if (rc)
		return rc;
	if (ad.discharged_on)
		return bad(field, msg, "discharged_on", N_("This admission already has its discharge recorded."));
	if (!date_ok(on, today, ad.admitted_on))
		return bad(field, msg, "discharged_on",
			   N_("The discharge date must be a real date, on or after the admission and not in the future."));
	if (!code_known(discharge_destinations, destination))
		return bad(field, msg, "discharge_destination",
			   N_("A discharge needs both its date and where the person went."));
	struct db_stmt *st = db_prepare(db, a,
					"UPDATE admission SET discharged_on = $2, discharge_destination = $3"
					" WHERE id = $1 AND discharged_on IS NULL");
	if (!st || db_bind_int(st, 1, id) || db_bind_text(st, 2, on) || db_bind_text(st, 3, destination))
		return ERR_STORAGE;
	rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}
