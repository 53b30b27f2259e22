/* support_sheet — the allow-listed sheet an agent sees, and the counsellor's input. See support_sheet.h. */
#include "support_sheet.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <string.h>
#include <time.h>

const struct code sheet_rent_payments[] = {
	{ "guarantee_company", N_("A rent guarantee company"), NULL }, /* 家賃保証会社 */
	{ "direct_payment", N_("Paid directly by the welfare office"), NULL }, /* 代理納付 */
	{ "self", N_("The tenant pays"), NULL },
	{ "other", N_("Other arrangement"), NULL },
	{ NULL, NULL, NULL },
};

const struct code sheet_money_managements[] = {
	{ "self", N_("The tenant, with advice from supporters"), NULL },
	{ "family", N_("With the family's help"), NULL },
	{ "daily_life_support", N_("Daily-life independence support (social welfare council)"), NULL }, /* 日常生活自立支援事業 */
	{ "guardian", N_("The adult guardian"), NULL }, /* 成年後見人 */
	{ "other", N_("Other arrangement"), NULL },
	{ NULL, NULL, NULL },
};

/* Age in whole years on day d of someone born on b. */
static int age_on(struct date b, struct date d)
{
	int age = d.year - b.year;
	if (d.month < b.month || (d.month == b.month && d.day < b.day))
		age--;
	return age;
}

/* The columns of the counsellor's input, in struct order; the agent's sheet reads the same. */
#define INPUT_COLUMNS                                                                           \
	"s.contact_24h_name, s.contact_24h_phone, s.counselor_name, s.counselor_phone,"          \
	" s.clinic_name, s.clinic_consented, s.visiting_nurse, s.day_activity, s.visit_frequency," \
	" s.safety_check, s.rent_payment, s.guarantee_company, s.money_management,"              \
	" s.emergency_plan, s.moving_out_plan"

static char *text_at(struct arena *a, struct db_stmt *st, int col)
{
	return db_column_is_null(st, col) ? NULL : arena_strdup(a, db_column_text(st, col));
}

static void read_input(struct arena *a, struct db_stmt *st, int col, struct support_sheet_input *in)
{
	in->contact_24h_name = text_at(a, st, col + 0);
	in->contact_24h_phone = text_at(a, st, col + 1);
	in->counselor_name = text_at(a, st, col + 2);
	in->counselor_phone = text_at(a, st, col + 3);
	in->clinic_name = text_at(a, st, col + 4);
	in->clinic_consented = db_column_int(st, col + 5) != 0;
	in->visiting_nurse = text_at(a, st, col + 6);
	in->day_activity = text_at(a, st, col + 7);
	in->visit_frequency = text_at(a, st, col + 8);
	in->safety_check = text_at(a, st, col + 9);
	in->rent_payment = text_at(a, st, col + 10);
	in->guarantee_company = text_at(a, st, col + 11);
	in->money_management = text_at(a, st, col + 12);
	in->emergency_plan = text_at(a, st, col + 13);
	in->moving_out_plan = text_at(a, st, col + 14);
}

int support_sheet_get(struct db *db, struct arena *a, int64_t request_id, const char *today,
		      struct support_sheet *out)
{
	/* The one query an agent's view of a person goes through: the name, the birth date (only
	 * to make the decade here; it never leaves this function) and the lead office's name. */
	struct db_stmt *st = db_prepare(db, a,
					"SELECT p.family_name || ' ' || p.given_name, p.birth_date, o.name, s.updated_at, "
					INPUT_COLUMNS " FROM support_sheet s"
					" JOIN housing_request r ON r.id = s.request_id"
					" JOIN support_case c ON c.id = r.case_id"
					" JOIN person p ON p.id = c.person_id"
					" JOIN organisation o ON o.id = c.lead_org_id WHERE s.request_id = $1");
	if (!st || db_bind_int(st, 1, request_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	memset(out, 0, sizeof *out);
	out->request_id = request_id;
	out->tenant_name = arena_strdup(a, db_column_text(st, 0));
	struct date born, on;
	if (date_parse(db_column_text(st, 1), &born) && date_parse(today, &on))
		out->age_decade = age_on(born, on) / 10 * 10;
	out->office_name = arena_strdup(a, db_column_text(st, 2));
	struct date updated = date_in_japan((time_t)db_column_int(st, 3));
	out->updated_on = arena_alloc(a, 11);
	if (out->updated_on)
		date_format_iso(updated, out->updated_on);
	read_input(a, st, 4, &out->in);
	if (!out->in.clinic_consented)
		out->in.clinic_name = NULL;
	out->issued_on = arena_strdup(a, today);
	return out->tenant_name && out->office_name && out->updated_on && out->issued_on ? 0 : ERR_TOOBIG;
}

int support_sheet_input_get(struct db *db, struct arena *a, int64_t request_id, struct support_sheet_input *out)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT " INPUT_COLUMNS " FROM support_sheet s WHERE s.request_id = $1");
	if (!st || db_bind_int(st, 1, request_id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	memset(out, 0, sizeof *out);
	read_input(a, st, 0, out);
	return 0;
}

/* Normalises *s in place (NFKC, trimmed; "" becomes NULL) and checks its length and presence. */
static const char *clean(struct arena *a, char **s, size_t max, bool required)
{
	if (*s) {
		*s = jp_normalize(a, *s);
		if (*s && !**s)
			*s = NULL;
	}
	if (!*s)
		return required ? N_("Fill in this field.") : NULL;
	return strlen(*s) > max ? N_("This text is too long.") : NULL;
}

int support_sheet_save(struct db *db, struct arena *a, int64_t request_id, struct support_sheet_input *in,
		       int64_t user_id, const char **field, const char **msg)
{
	const struct {
		const char *name; /* the form field */
		char **value;
		size_t max;
		bool required;
	} texts[] = {
		{ "contact_24h_name", &in->contact_24h_name, SHEET_TEXT_MAX, true },
		{ "contact_24h_phone", &in->contact_24h_phone, SHEET_TEXT_MAX, true },
		{ "counselor_name", &in->counselor_name, SHEET_TEXT_MAX, true },
		{ "counselor_phone", &in->counselor_phone, SHEET_TEXT_MAX, true },
		{ "clinic_name", &in->clinic_name, SHEET_TEXT_MAX, false },
		{ "visiting_nurse", &in->visiting_nurse, SHEET_TEXT_MAX, false },
		{ "day_activity", &in->day_activity, SHEET_TEXT_MAX, false },
		{ "visit_frequency", &in->visit_frequency, SHEET_TEXT_MAX, false },
		{ "safety_check", &in->safety_check, SHEET_TEXT_MAX, false },
		{ "guarantee_company", &in->guarantee_company, SHEET_TEXT_MAX, false },
		{ "emergency_plan", &in->emergency_plan, SHEET_PLAN_MAX, true },
		{ "moving_out_plan", &in->moving_out_plan, SHEET_PLAN_MAX, true },
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *m = clean(a, texts[i].value, texts[i].max, texts[i].required);
		if (m) {
			*field = texts[i].name;
			*msg = m;
			return ERR_INVALID;
		}
	}
	if (!code_known(sheet_rent_payments, in->rent_payment)) {
		*field = "rent_payment";
		*msg = N_("Choose how the rent is paid.");
		return ERR_INVALID;
	}
	if (!code_known(sheet_money_managements, in->money_management)) {
		*field = "money_management";
		*msg = N_("Choose who manages the money.");
		return ERR_INVALID;
	}
	if (in->clinic_consented && !in->clinic_name) {
		*field = "clinic_name";
		*msg = N_("Name the clinic the person agreed to show, or leave the box unticked.");
		return ERR_INVALID;
	}
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO support_sheet (request_id, contact_24h_name, contact_24h_phone,"
					" counselor_name, counselor_phone, clinic_name, clinic_consented, visiting_nurse,"
					" day_activity, visit_frequency, safety_check, rent_payment, guarantee_company,"
					" money_management, emergency_plan, moving_out_plan, updated_by, updated_at)"
					" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
					" ON CONFLICT (request_id) DO UPDATE SET contact_24h_name = $2,"
					" contact_24h_phone = $3, counselor_name = $4, counselor_phone = $5, clinic_name = $6,"
					" clinic_consented = $7, visiting_nurse = $8, day_activity = $9, visit_frequency = $10,"
					" safety_check = $11, rent_payment = $12, guarantee_company = $13,"
					" money_management = $14, emergency_plan = $15, moving_out_plan = $16,"
					" updated_by = $17, updated_at = $18");
	if (!st)
		return ERR_STORAGE;
	const char *values[] = { in->contact_24h_name, in->contact_24h_phone, in->counselor_name,
				 in->counselor_phone, in->clinic_name };
	int rc = db_bind_int(st, 1, request_id);
	for (int i = 0; !rc && i < 5; i++)
		rc = values[i] ? db_bind_text(st, 2 + i, values[i]) : db_bind_null(st, 2 + i);
	const char *more[] = { in->visiting_nurse, in->day_activity, in->visit_frequency, in->safety_check,
			       in->rent_payment, in->guarantee_company, in->money_management,
			       in->emergency_plan, in->moving_out_plan };
	if (!rc)
		rc = db_bind_int(st, 7, in->clinic_consented);
	for (int i = 0; !rc && i < 9; i++)
		rc = more[i] ? db_bind_text(st, 8 + i, more[i]) : db_bind_null(st, 8 + i);
	if (rc || db_bind_int(st, 17, user_id) || db_bind_int(st, 18, (int64_t)time(NULL)))
		return ERR_STORAGE;
	rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}
