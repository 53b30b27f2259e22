/* audit — the hash chain. See audit.h. */
#include "audit.h"

#include "arena.h"
#include "crypto.h"
#include "db/db.h"
#include "error.h"
#include "strbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Length-prefixed fields: "a|b" + "c" and "a" + "b|c" must not hash alike. NULL differs from "". */
static void put_field(struct strbuf *sb, const char *s)
{
	if (!s)
		strbuf_puts(sb, "-;");
	else
		strbuf_printf(sb, "%zu:%s;", strlen(s), s);
}

/* role is the stored text, so a row whose role was changed to nonsense still fails to verify. */
static void row_hash(struct arena *a, const char *prev, int64_t id, int64_t at, const char *role,
		     const struct audit_event *e, char out[65])
{
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	put_field(&sb, prev);
	strbuf_printf(&sb, "%" PRId64 ";%" PRId64 ";%" PRId64 ";", id, at, e->user_id);
	put_field(&sb, role);
	put_field(&sb, e->action);
	put_field(&sb, e->object_type);
	put_field(&sb, e->object_id);
	put_field(&sb, e->addr);
	put_field(&sb, e->outcome);
	crypto_hash_hex(strbuf_str(&sb), sb.len, out);
}

int audit_append(struct db *db, struct arena *a, const struct audit_event *e)
{
	/* Taking the head first serialises writers (and locks the row in PostgreSQL). */
	struct db_stmt *head = db_prepare(db, a,
					  "UPDATE audit_head SET last_id = last_id + 1,"
					  " row_count = row_count + 1 WHERE one = 1"
					  " RETURNING last_id, last_hash");
	if (!head || db_step(head) != DB_ROW)
		return ERR_STORAGE;
	int64_t id = db_column_int(head, 0);
	char *prev = arena_strdup(a, db_column_text(head, 1));
	db_reset(head);
	int64_t at = (int64_t)time(NULL);
	char h[65];
	row_hash(a, prev, id, at, role_code(e->role), e, h);
	struct db_stmt *ins = db_prepare(
		db, a,
		"INSERT INTO audit_log (id, at, user_id, role, action, object_type, object_id, addr,"
		" outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
	struct db_stmt *upd = db_prepare(db, a, "UPDATE audit_head SET last_hash = $1 WHERE one = 1");
	if (!ins || !upd || !prev)
		return ERR_STORAGE;
	if (db_bind_int(ins, 1, id) || db_bind_int(ins, 2, at) ||
	    (e->user_id ? db_bind_int(ins, 3, e->user_id) : db_bind_null(ins, 3)) ||
	    db_bind_text(ins, 4, role_code(e->role)) || db_bind_text(ins, 5, e->action) ||
	    db_bind_text(ins, 6, e->object_type) || db_bind_text(ins, 7, e->object_id) ||
	    db_bind_text(ins, 8, e->addr) || db_bind_text(ins, 9, e->outcome) ||
	    db_bind_text(ins, 10, prev) || db_bind_text(ins, 11, h) || db_step(ins) != DB_DONE)
		return ERR_STORAGE;
	if (db_bind_text(upd, 1, h) || db_step(upd) != DB_DONE)
		return ERR_STORAGE;
	return 0;
}

int audit_record(struct db *db, struct arena *a, const struct audit_event *e)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = audit_append(db, a, e);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

#define ROW_COLUMNS \
	"id, at, user_id, role, action, object_type, object_id, addr, outcome, prev_hash, hash"

static void read_row(struct arena *a, struct db_stmt *st, struct audit_row *r, char **prev)
{
	r->id = db_column_int(st, 0);
	r->at = db_column_int(st, 1);
	r->e.user_id = db_column_int(st, 2);
	r->e.role = role_parse(db_column_text(st, 3));
	r->e.action = arena_strdup(a, db_column_text(st, 4));
	r->e.object_type = arena_strdup(a, db_column_text(st, 5));
	r->e.object_id = arena_strdup(a, db_column_text(st, 6));
	r->e.addr = arena_strdup(a, db_column_text(st, 7));
	r->e.outcome = arena_strdup(a, db_column_text(st, 8));
	if (prev)
		*prev = arena_strdup(a, db_column_text(st, 9));
	r->hash = arena_strdup(a, db_column_text(st, 10));
}

static void fail(struct audit_check *out, int64_t id, const char *problem)
{
	out->ok = false;
	out->broken_id = id;
	out->problem = problem;
}

int audit_verify(struct db *db, struct arena *a, struct audit_check *out)
{
	*out = (struct audit_check){ .ok = true };
	struct db_stmt *st = db_prepare(db, a, "SELECT " ROW_COLUMNS " FROM audit_log ORDER BY id");
	struct db_stmt *head = db_prepare(db, a,
					  "SELECT last_id, last_hash, row_count FROM audit_head");
	if (!st || !head)
		return ERR_STORAGE;
	/* Rows are read into one scratch arena that is dropped every so often, so verifying a
	 * long log takes constant memory. */
	struct arena *scratch = arena_create(0);
	char last[65] = "";
	int64_t expect = 1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct audit_row r;
		char *prev;
		read_row(scratch, st, &r, &prev);
		char h[65];
		row_hash(scratch, prev, r.id, r.at, db_column_text(st, 3), &r.e, h);
		if (r.id != expect)
			fail(out, r.id, r.id > expect ? "a row is missing before this one"
						      : "rows are out of order");
		else if (!prev || strcmp(prev, last) != 0)
			fail(out, r.id, "this row does not link to the row before it");
		else if (strcmp(h, r.hash ? r.hash : "") != 0)
			fail(out, r.id, "this row was changed after it was written");
		if (!out->ok)
			break;
		snprintf(last, sizeof last, "%s", r.hash);
		out->rows++;
		expect++;
		if (out->rows % 1024 == 0) {
			arena_destroy(scratch);
			scratch = arena_create(0);
		}
	}
	arena_destroy(scratch);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc;
	if (!out->ok)
		return 0;
	if (db_step(head) != DB_ROW)
		return ERR_STORAGE;
	if (db_column_int(head, 0) != expect - 1 || db_column_int(head, 2) != out->rows ||
	    strcmp(db_column_text(head, 1), last) != 0)
		fail(out, 0, "the log ends before its recorded end: rows were removed from the end");
	return 0;
}

int audit_list(struct db *db, struct arena *a, int64_t before, int limit, struct audit_row **out,
	       size_t *n)
{
	struct db_stmt *st = db_prepare(db, a,
					"SELECT " ROW_COLUMNS " FROM audit_log WHERE id < $1"
					" ORDER BY id DESC LIMIT $2");
	struct audit_row *rows = arena_alloc(a, (size_t)limit * sizeof *rows + 1);
	if (!st || !rows || db_bind_int(st, 1, before > 0 ? before : INT64_MAX) ||
	    db_bind_int(st, 2, limit))
		return ERR_STORAGE;
	size_t len = 0;
	int rc;
	while (len < (size_t)limit && (rc = db_step(st)) == DB_ROW)
		read_row(a, st, &rows[len++], NULL);
	*out = rows;
	*n = len;
	return 0;
}
