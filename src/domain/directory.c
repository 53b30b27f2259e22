/* directory — the municipality, wards and organisations, with their SQL. See directory.h. */
#include "directory.h"

#include "arena.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>

const struct code directory_sectors[] = {
	{ "medical", N_("Medical"), NULL },        /* 医療 */
	{ "welfare", N_("Welfare"), NULL },        /* 福祉 */
	{ "government", N_("Government"), NULL },  /* 行政 */
	{ "elderly", N_("Elderly care"), NULL },   /* 高齢 */
	{ "housing", N_("Housing"), NULL },        /* 住まい */
	{ "peer", N_("Peer support"), NULL },      /* ピア */
	{ "other", N_("Other"), NULL },            /* その他 */
	{ NULL, NULL, NULL },
};

const struct code directory_kinds[] = {
	{ "city_office", N_("City office"), "government" },
	{ "health_centre", N_("Public health centre"), "government" },
	{ "psychiatric_hospital", N_("Psychiatric hospital"), "medical" },
	{ "clinic", N_("Clinic"), "medical" },
	{ "visiting_nurse", N_("Visiting nurse station"), "medical" },
	{ "consultation_support", N_("Consultation support office"), "welfare" },
	{ "group_home", N_("Group home"), "welfare" },
	{ "day_service", N_("Day activity service"), "welfare" },
	{ "elderly_support_centre", N_("Community comprehensive support centre"), "elderly" },
	{ "care_management", N_("Care management office"), "elderly" },
	{ "real_estate", N_("Real-estate agent"), "housing" },
	{ "real_estate_association", N_("Real-estate association"), "housing" },
	{ "peer_group", N_("Peer support group"), "peer" },
	{ "family_association", N_("Family association"), "other" },
	{ "other", N_("Other"), "other" },
	{ NULL, NULL, NULL },
};

bool directory_code_valid(const char *code)
{
	static const int weights[] = { 6, 5, 4, 3, 2 };
	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return false;
	int sum = 0;
	for (int i = 0; i < 5; i++)
		sum += (code[i] - '0') * weights[i];
	/* 検査数字: the last digit of 11 minus the remainder by 11 (総務省's rule). */
	return code[5] - '0' == (11 - sum % 11) % 10;
}

/* name after NFKC, non-empty and at most max bytes; NULL otherwise. */
static char *clean_name(struct arena *a, const char *s, size_t max)
{
	char *n = s ? jp_normalize(a, s) : NULL;
	return n && *n && strlen(n) <= max ? n : NULL;
}

int directory_municipality_create(struct db *db, struct arena *a, const char *code,
				  const char *name, const char **msg)
{
	if (!directory_code_valid(code)) {
		*msg = N_("The municipality code must be the 6-digit local government code, check digit "
			  "included (Shizuoka City is 221007).");
		return ERR_INVALID;
	}
	char *n = clean_name(a, name, 200);
	if (!n) {
		*msg = N_("The municipality name is required.");
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(db, a, "SELECT count(*) FROM municipality");
	if (!st || db_step(st) != DB_ROW)
		return ERR_STORAGE;
	if (db_column_int(st, 0) > 0) {
		*msg = N_("This database already holds a municipality.");
		return ERR_CONFLICT;
	}
	st = db_prepare(db, a, "INSERT INTO municipality (code, name) VALUES ($1, $2)");
	if (!st || db_bind_text(st, 1, code) || db_bind_text(st, 2, n))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc;
}

int directory_municipality(struct db *db, struct arena *a, struct municipality *out)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT code, name, forum_scope FROM municipality");
	if (!st)
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	out->code = arena_strdup(a, db_column_text(st, 0));
	out->name = arena_strdup(a, db_column_text(st, 1));
	out->forum_scope = arena_strdup(a, db_column_text(st, 2));
	return 0;
}

int directory_ward_add(struct db *db, struct arena *a, const char *code, const char *name,
		       const char **msg)
{
	struct municipality m;
	int rc = directory_municipality(db, a, &m);
	if (rc)
		return rc;
	if (!directory_code_valid(code) || strncmp(code, m.code, 3) != 0) {
		*msg = N_("The ward code must be a valid 6-digit local government code of the same "
			  "city (Aoi ward is 221015).");
		return ERR_INVALID;
	}
	char *n = clean_name(a, name, 100);
	if (!n) {
		*msg = N_("The ward name is required.");
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(
		db, a, "INSERT INTO ward (code, municipality_code, name) VALUES ($1, $2, $3)");
	if (!st || db_bind_text(st, 1, code) || db_bind_text(st, 2, m.code) ||
	    db_bind_text(st, 3, n))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		*msg = N_("A ward with this code already exists.");
	return rc == DB_DONE ? 0 : rc;
}

static void read_ward(struct arena *a, struct db_stmt *st, void *p)
{
	struct ward *w = p;
	w->code = arena_strdup(a, db_column_text(st, 0));
	w->name = arena_strdup(a, db_column_text(st, 1));
}

int directory_wards(struct db *db, struct arena *a, struct ward **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT code, name FROM ward ORDER BY code");
	if (!st)
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_ward, (void **)out, n);
}

static void read_org(struct arena *a, struct db_stmt *st, void *p)
{
	struct organisation *o = p;
	o->id = db_column_int(st, 0);
	o->name = arena_strdup(a, db_column_text(st, 1));
	o->kind = arena_strdup(a, db_column_text(st, 2));
	o->sector = arena_strdup(a, db_column_text(st, 3));
	o->ward_code = arena_strdup(a, db_column_text(st, 4));
	o->active = db_column_int(st, 5) != 0;
}

#define ORG_COLUMNS "id, name, kind, sector, ward_code, active"

int directory_orgs(struct db *db, struct arena *a, struct organisation **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT " ORG_COLUMNS " FROM organisation ORDER BY sector, name");
	if (!st)
		return ERR_STORAGE;
	return db_rows(st, a, sizeof **out, read_org, (void **)out, n);
}

int directory_org_get(struct db *db, struct arena *a, int64_t id, struct organisation *out)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT " ORG_COLUMNS " FROM organisation WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	read_org(a, st, out);
	return 0;
}

int directory_org_find(struct db *db, struct arena *a, const char *name, int64_t *id)
{
	char *n = jp_normalize(a, name);
	struct db_stmt *st = db_prepare(db, a, "SELECT id FROM organisation WHERE name = $1");
	if (!n || !st || db_bind_text(st, 1, n))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*id = db_column_int(st, 0);
	return 0;
}

int directory_org_save(struct db *db, struct arena *a, struct organisation *o, const char **msg)
{
	char *name = clean_name(a, o->name, 200);
	if (!name) {
		*msg = N_("The organisation name is required (at most 200 bytes).");
		return ERR_INVALID;
	}
	if (!code_find(directory_kinds, o->kind)) {
		*msg = N_("Choose the kind of organisation from the list.");
		return ERR_INVALID;
	}
	const char *sector = o->sector && *o->sector ? o->sector : code_find(directory_kinds, o->kind)->extra;
	if (!code_find(directory_sectors, sector)) {
		*msg = N_("Choose the sector from the list.");
		return ERR_INVALID;
	}
	const char *ward = o->ward_code && *o->ward_code ? o->ward_code : NULL;
	struct municipality m;
	int rc = directory_municipality(db, a, &m);
	if (rc)
		return rc;
	struct db_stmt *st;
	if (o->id == 0)
		st = db_prepare(db, a,
				"INSERT INTO organisation (municipality_code, name, kind, sector, ward_code, active)"
				" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
	else
		st = db_prepare(db, a,
				"UPDATE organisation SET name = $2, kind = $3, sector = $4, ward_code = $5,"
				" active = $6 WHERE id = $7 AND municipality_code = $1 RETURNING id");
	if (!st || db_bind_text(st, 1, m.code) || db_bind_text(st, 2, name) ||
	    db_bind_text(st, 3, o->kind) || db_bind_text(st, 4, sector) ||
	    db_bind_text(st, 5, ward) || db_bind_int(st, 6, o->active) ||
	    (o->id && db_bind_int(st, 7, o->id)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT) {
		/* Either the name is taken or the ward does not exist: say which. */
		struct db_stmt *w = db_prepare(db, a, "SELECT 1 FROM ward WHERE code = $1");
		bool ward_ok = !ward || (w && !db_bind_text(w, 1, ward) && db_step(w) == DB_ROW);
		*msg = ward_ok ? N_("An organisation with this name already exists.")
			       : N_("Choose the ward from the list.");
		return ward_ok ? ERR_CONFLICT : ERR_INVALID;
	}
	if (rc == DB_DONE)
		return ERR_NOTFOUND;
	if (rc != DB_ROW)
		return rc;
	o->id = db_column_int(st, 0);
	o->name = name;
	o->sector = arena_strdup(a, sector);
	o->ward_code = arena_strdup(a, ward);
	return 0;
}
