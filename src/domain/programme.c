/* programme — the programme history and the plan, with their rules and SQL. See programme.h. */
#include "programme.h"

#include "arena.h"
#include "check.h"
#include "db/db.h"
#include "error.h"
#include "i18n.h"
#include "jp.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const struct code programme_implementers[] = {
	{ "city", N_("City"), NULL },
	{ "prefecture", N_("Prefecture"), NULL },
	{ "national", N_("National government"), NULL },
	{ "other", N_("Other"), NULL },
	{ NULL, NULL, NULL },
};

static bool fy_valid(int fy)
{
	return fy >= PROGRAMME_FY_MIN && fy <= PROGRAMME_FY_MAX;
}

char *programme_fy_short(struct arena *a, int fy)
{
	/* The English label is "FY2007 (Heisei 19)": its era's initial and year are the seed's
	 * "H19", and taking them from there keeps one rule for naming a fiscal year's era. */
	char *label = jp_fiscal_year_label(a, fy, LANG_EN);
	char *open = label ? strchr(label, '(') : NULL;
	char *space = open ? strrchr(open, ' ') : NULL;
	if (!open || !space || open[1] < 'A' || open[1] > 'Z')
		return NULL;
	return arena_printf(a, "%c%d", open[1], (int)strtol(space + 1, NULL, 10));
}

/* JIS X 0401, in code order: 01 北海道 … 47 沖縄県. */
static const char *const prefectures[] = {
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
	"埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
	"岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
	"鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
	"佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
};

const char *programme_prefecture(const char *municipality_code)
{
	if (!municipality_code || municipality_code[0] < '0' || municipality_code[0] > '9' ||
	    municipality_code[1] < '0' || municipality_code[1] > '9')
		return NULL;
	int n = (municipality_code[0] - '0') * 10 + (municipality_code[1] - '0');
	return n >= 1 && n <= 47 ? prefectures[n - 1] : NULL;
}

/* ---- programmes ---- */

#define PROGRAMME_SELECT                                                                          \
	"SELECT id, name, implementer, commissioned_to, from_fy, to_fy, description, renamed_from" \
	" FROM programme"

static void read_programme(struct arena *a, struct db_stmt *st, void *p)
{
	struct programme *r = p;
	r->id = db_column_int(st, 0);
	r->name = arena_strdup(a, db_column_text(st, 1));
	r->implementer = arena_strdup(a, db_column_text(st, 2));
	r->commissioned_to = arena_strdup(a, db_column_text(st, 3));
	r->from_fy = (int)db_column_int(st, 4);
	r->to_fy = (int)db_column_int(st, 5);
	r->description = arena_strdup(a, db_column_text(st, 6));
	r->renamed_from = db_column_int(st, 7);
}

int programme_list(struct db *db, struct arena *a, struct programme **out, size_t *n)
{
	/* Continuing programmes (to_fy NULL) sort after those that ended in the same first year. */
	struct db_stmt *st = db_prepare(db, a,
					PROGRAMME_SELECT " ORDER BY from_fy, to_fy IS NULL, to_fy, id");
	if (!st)
		return ERR_STORAGE;
	bool more;
	return db_rows_page(st, a, sizeof **out, read_programme, PROGRAMME_LIST_MAX, (void **)out, n, &more);
}

int programme_get(struct db *db, struct arena *a, int64_t id, struct programme *out)
{
	struct db_stmt *st = db_prepare(db, a, PROGRAMME_SELECT " WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct programme){ 0 };
	read_programme(a, st, out);
	return 0;
}

/* The renamed_from rules: the old programme exists, is not p and started before p; and no
 * programme renamed from p (when p is stored) starts at or before p's new first year. */
static int check_renames(struct db *db, struct arena *a, const struct programme *p, const char **field,
			 const char **msg)
{
	if (p->renamed_from) {
		if (p->renamed_from == p->id)
			return check_refuse(field, msg, "renamed_from", N_("A programme cannot be renamed from itself."),
					    ERR_INVALID);
		struct programme old;
		int rc = programme_get(db, a, p->renamed_from, &old);
		if (rc == ERR_NOTFOUND)
			return check_refuse(field, msg, "renamed_from", N_("Choose the earlier programme from the list."),
					    ERR_INVALID);
		if (rc)
			return rc;
		if (old.from_fy >= p->from_fy)
			return check_refuse(field, msg, "renamed_from",
					    N_("A programme can only be renamed from one that started in an earlier fiscal year."),
					    ERR_INVALID);
	}
	if (!p->id)
		return 0;
	struct db_stmt *st = db_prepare(db, a, "SELECT 1 FROM programme WHERE renamed_from = $1 AND from_fy <= $2 LIMIT 1");
	bool later_first = false;
	if (!st || db_bind_int(st, 1, p->id) || db_bind_int(st, 2, p->from_fy))
		return ERR_STORAGE;
	int rc = check_exists(st, &later_first);
	if (rc)
		return rc;
	if (later_first)
		return check_refuse(field, msg, "from_fy",
				    N_("A programme renamed from this one starts in or before that year: the first fiscal year must come before it."),
				    ERR_INVALID);
	return 0;
}

int programme_save(struct db *db, struct arena *a, struct programme *p, const char **field, const char **msg)
{
	bool too_long = false;
	char *name = check_required(a, p->name, PROGRAMME_NAME_MAX, field, msg, "name",
				    N_("Enter the programme's name (at most 300 bytes)."));
	if (!name)
		return ERR_INVALID;
	if (!code_known(programme_implementers, p->implementer))
		return check_refuse(field, msg, "implementer", N_("Choose who runs the programme from the list."), ERR_INVALID);
	char *commissioned = check_text(a, p->commissioned_to, PROGRAMME_NAME_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "commissioned_to", N_("The commissioned-to text is at most 300 bytes."),
				    ERR_INVALID);
	char *description = check_text(a, p->description, PROGRAMME_TEXT_MAX, &too_long);
	if (too_long)
		return check_refuse(field, msg, "description", N_("The description is at most 4000 bytes."), ERR_INVALID);
	if (!fy_valid(p->from_fy))
		return check_refuse(field, msg, "from_fy", N_("Choose the first fiscal year from the list."), ERR_INVALID);
	if (p->to_fy && !fy_valid(p->to_fy))
		return check_refuse(field, msg, "to_fy", N_("Choose the last fiscal year from the list, or continuing."),
				    ERR_INVALID);
	if (p->to_fy && p->to_fy < p->from_fy)
		return check_refuse(field, msg, "to_fy", N_("The last fiscal year cannot come before the first."),
				    ERR_INVALID);
	int rc = check_renames(db, a, p, field, msg);
	if (rc)
		return rc;

	struct db_stmt *st;
	if (p->id)
		st = db_prepare(db, a,
				"UPDATE programme SET name = $2, implementer = $3, commissioned_to = $4, from_fy = $5,"
				" to_fy = $6, description = $7, renamed_from = $8 WHERE id = $1 RETURNING id");
	else
		st = db_prepare(db, a,
				"INSERT INTO programme (municipality_code, name, implementer, commissioned_to, from_fy,"
				" to_fy, description, renamed_from) SELECT code, $2, $3, $4, $5, $6, $7, $8 FROM municipality"
				" WHERE $1 = 0 RETURNING id");
	if (!st || db_bind_int(st, 1, p->id) || db_bind_text(st, 2, name) || db_bind_text(st, 3, p->implementer) ||
	    db_bind_text(st, 4, commissioned) || db_bind_int(st, 5, p->from_fy) ||
	    (p->to_fy ? db_bind_int(st, 6, p->to_fy) : db_bind_null(st, 6)) || db_bind_text(st, 7, description) ||
	    (p->renamed_from ? db_bind_int(st, 8, p->renamed_from) : db_bind_null(st, 8)))
		return ERR_STORAGE;
	rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "name", N_("A programme of this name already starts in that fiscal year."),
				    ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? (p->id ? ERR_NOTFOUND : ERR_STORAGE) : rc;
	p->id = db_column_int(st, 0);
	p->name = name;
	p->commissioned_to = commissioned;
	p->description = description;
	return 0;
}

/* ---- the plan ---- */

int plan_strength_get(struct db *db, struct arena *a, int fy, char **body)
{
	struct db_stmt *st = db_prepare(db, a, "SELECT body FROM plan_strength WHERE fy = $1");
	if (!st || db_bind_int(st, 1, fy))
		return ERR_STORAGE;
	int rc = db_step(st);
	*body = NULL;
	if (rc == DB_ROW)
		*body = arena_strdup(a, db_column_text(st, 0));
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int plan_strength_save(struct db *db, struct arena *a, int fy, const char *body, const char **field,
		       const char **msg)
{
	if (!fy_valid(fy))
		return check_refuse(field, msg, "fy", N_("Choose the fiscal year from the list."), ERR_INVALID);
	char *text = check_required(a, body, PLAN_TEXT_MAX, field, msg, "body",
				    N_("Write the strengths (at most 4000 bytes)."));
	if (!text)
		return ERR_INVALID;
	/* The SELECT of an upsert carries a WHERE, or SQLite's parser reads ON CONFLICT as a
	 * join's ON. */
	struct db_stmt *st = db_prepare(db, a,
					"INSERT INTO plan_strength (municipality_code, fy, body) SELECT code, $1, $2"
					" FROM municipality WHERE 1 = 1"
					" ON CONFLICT (municipality_code, fy) DO UPDATE SET body = $2");
	if (!st || db_bind_int(st, 1, fy) || db_bind_text(st, 2, text))
		return ERR_STORAGE;
	int rc = db_step(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_STORAGE;
}

#define CHALLENGE_SELECT                                                                             \
	"SELECT id, fy, position, title, policy, role_government, role_medical, role_welfare, role_other" \
	" FROM plan_challenge"

static void read_challenge(struct arena *a, struct db_stmt *st, void *p)
{
	struct plan_challenge *c = p;
	c->id = db_column_int(st, 0);
	c->fy = (int)db_column_int(st, 1);
	c->position = (int)db_column_int(st, 2);
	c->title = arena_strdup(a, db_column_text(st, 3));
	c->policy = arena_strdup(a, db_column_text(st, 4));
	c->role_government = arena_strdup(a, db_column_text(st, 5));
	c->role_medical = arena_strdup(a, db_column_text(st, 6));
	c->role_welfare = arena_strdup(a, db_column_text(st, 7));
	c->role_other = arena_strdup(a, db_column_text(st, 8));
}

int plan_challenges(struct db *db, struct arena *a, int fy, struct plan_challenge **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a, CHALLENGE_SELECT " WHERE fy = $1 ORDER BY position, id");
	if (!st || db_bind_int(st, 1, fy))
		return ERR_STORAGE;
	bool more;
	return db_rows_page(st, a, sizeof **out, read_challenge, PLAN_CHALLENGES_MAX, (void **)out, n, &more);
}

int plan_challenge_get(struct db *db, struct arena *a, int64_t id, struct plan_challenge *out)
{
	struct db_stmt *st = db_prepare(db, a, CHALLENGE_SELECT " WHERE id = $1");
	if (!st || db_bind_int(st, 1, id))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	*out = (struct plan_challenge){ 0 };
	read_challenge(a, st, out);
	return 0;
}

/* One role text: optional, at most PLAN_TEXT_MAX bytes; false with the refusal when too long. */
static bool role_text(struct arena *a, char **s, const char *f, const char **field, const char **msg)
{
	bool too_long = false;
	char *t = check_text(a, *s, PLAN_TEXT_MAX, &too_long);
	if (too_long) {
		check_refuse(field, msg, f, N_("A role is at most 4000 bytes."), ERR_INVALID);
		return false;
	}
	*s = t;
	return true;
}

int plan_challenge_save(struct db *db, struct arena *a, struct plan_challenge *c, const char **field,
			const char **msg)
{
	if (c->id) {
		struct plan_challenge old;
		int rc = plan_challenge_get(db, a, c->id, &old);
		if (rc)
			return rc;
		c->fy = old.fy;
	}
	if (!fy_valid(c->fy))
		return check_refuse(field, msg, "fy", N_("Choose the fiscal year from the list."), ERR_INVALID);
	if (c->position < 1 || c->position > PLAN_POSITION_MAX)
		return check_refuse(field, msg, "position", N_("The position is a whole number from 1 to 99."), ERR_INVALID);
	char *title = check_required(a, c->title, PROGRAMME_NAME_MAX, field, msg, "title",
				     N_("Enter the challenge (at most 300 bytes)."));
	if (!title)
		return ERR_INVALID;
	char *policy = check_required(a, c->policy, PLAN_TEXT_MAX, field, msg, "policy",
				      N_("Write the policy for the challenge (at most 4000 bytes)."));
	if (!policy)
		return ERR_INVALID;
	if (!role_text(a, &c->role_government, "role_government", field, msg) ||
	    !role_text(a, &c->role_medical, "role_medical", field, msg) ||
	    !role_text(a, &c->role_welfare, "role_welfare", field, msg) ||
	    !role_text(a, &c->role_other, "role_other", field, msg))
		return ERR_INVALID;

	struct db_stmt *st;
	if (c->id)
		st = db_prepare(db, a,
				"UPDATE plan_challenge SET position = $3, title = $4, policy = $5, role_government = $6,"
				" role_medical = $7, role_welfare = $8, role_other = $9 WHERE id = $1 AND fy = $2"
				" RETURNING id");
	else
		st = db_prepare(db, a,
				"INSERT INTO plan_challenge (municipality_code, fy, position, title, policy,"
				" role_government, role_medical, role_welfare, role_other)"
				" SELECT code, $2, $3, $4, $5, $6, $7, $8, $9 FROM municipality WHERE $1 = 0 RETURNING id");
	if (!st || db_bind_int(st, 1, c->id) || db_bind_int(st, 2, c->fy) || db_bind_int(st, 3, c->position) ||
	    db_bind_text(st, 4, title) || db_bind_text(st, 5, policy) || db_bind_text(st, 6, c->role_government) ||
	    db_bind_text(st, 7, c->role_medical) || db_bind_text(st, 8, c->role_welfare) ||
	    db_bind_text(st, 9, c->role_other))
		return ERR_STORAGE;
	int rc = db_step(st);
	if (rc == ERR_CONFLICT)
		return check_refuse(field, msg, "position", N_("Another challenge of this fiscal year has that position."),
				    ERR_CONFLICT);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	c->id = db_column_int(st, 0);
	c->title = title;
	c->policy = policy;
	return 0;
}

int plan_years(struct db *db, struct arena *a, int **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT fy FROM plan_strength UNION SELECT fy FROM plan_challenge ORDER BY 1 DESC");
	if (!st)
		return ERR_STORAGE;
	size_t cap = 8;
	int *v = arena_alloc(a, cap * sizeof *v);
	*n = 0;
	int rc = DB_DONE;
	while (v && (rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			int *bigger = arena_alloc(a, 2 * cap * sizeof *v);
			if (!bigger)
				return ERR_TOOBIG;
			memcpy(bigger, v, *n * sizeof *v);
			v = bigger;
			cap *= 2;
		}
		v[(*n)++] = (int)db_column_int(st, 0);
	}
	if (!v)
		return ERR_TOOBIG;
	*out = v;
	return rc == DB_DONE ? 0 : rc;
}
