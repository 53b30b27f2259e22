/* audit — the hash chain. See audit.h. */
#include "audit.h"

#include "arena.h"
#include "crypto.h"
#include "db/db.h"
#include "error.h"
#include "strbuf.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
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

/*
 * The group writer: one thread with its own connection, a queue of events from request threads,
 * and one transaction per batch. Each request waits on its own entry until the batch that holds
 * it has committed, so durability is the same as writing it alone.
 */
struct pending {
	struct audit_event e;  /* a copy, with strings in text[] */
	char text[512];        /* the event's strings (ids, codes and an address: short) */
	int rc;                /* the batch's outcome */
	bool done;             /* set when rc is final */
	struct pending *next;  /* queue order */
};

static struct {
	pthread_mutex_t lock;   /* guards everything below */
	pthread_cond_t work;    /* signalled when the queue gains an entry or stop is set */
	pthread_cond_t done;    /* broadcast when a batch is finished */
	struct pending *head;   /* oldest waiting entry */
	struct pending **tail;  /* where the next entry goes */
	bool running;           /* the thread is there */
	bool stop;              /* the thread should finish the queue and end */
	pthread_t thread;       /* the writer */
	struct db *db;          /* its connection */
} writer = { .lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER };

static void *writer_main(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&writer.lock);
	for (;;) {
		while (!writer.head && !writer.stop)
			pthread_cond_wait(&writer.work, &writer.lock);
		if (!writer.head)
			break;
		struct pending *batch = writer.head;
		writer.head = NULL;
		writer.tail = &writer.head;
		pthread_mutex_unlock(&writer.lock);

		struct arena *a = arena_create(0);
		int rc = db_begin(writer.db);
		for (struct pending *p = batch; !rc && p; p = p->next)
			rc = audit_append(writer.db, a, &p->e);
		rc = rc ? rc : db_commit(writer.db);
		if (rc)
			db_rollback(writer.db);
		arena_destroy(a);

		pthread_mutex_lock(&writer.lock);
		for (struct pending *p = batch; p; p = p->next) {
			p->rc = rc;
			p->done = true;
		}
		pthread_cond_broadcast(&writer.done);
	}
	pthread_mutex_unlock(&writer.lock);
	return NULL;
}

bool audit_writer_start(const char *path, const char **msg, struct arena *a)
{
	if (db_open(path, false, &writer.db, msg, a))
		return false;
	writer.head = NULL;
	writer.tail = &writer.head;
	writer.stop = false;
	if (pthread_create(&writer.thread, NULL, writer_main, NULL) != 0) {
		db_close(writer.db);
		*msg = "cannot start the audit writer thread";
		return false;
	}
	writer.running = true;
	return true;
}

void audit_writer_stop(void)
{
	if (!writer.running)
		return;
	pthread_mutex_lock(&writer.lock);
	writer.stop = true;
	pthread_cond_signal(&writer.work);
	pthread_mutex_unlock(&writer.lock);
	pthread_join(writer.thread, NULL);
	writer.running = false;
	db_close(writer.db);
}

/* Copies s into p->text at *used; NULL stays NULL. False when the strings do not fit. */
static bool keep(struct pending *p, size_t *used, const char *s, const char **out)
{
	if (!s) {
		*out = NULL;
		return true;
	}
	size_t n = strlen(s) + 1;
	if (n > sizeof p->text - *used)
		return false;
	memcpy(p->text + *used, s, n);
	*out = p->text + *used;
	*used += n;
	return true;
}

static int record_grouped(const struct audit_event *e)
{
	struct pending *p = calloc(1, sizeof *p);
	if (!p)
		abort();
	size_t used = 0;
	p->e = *e;
	if (!keep(p, &used, e->action, &p->e.action) || !keep(p, &used, e->object_type, &p->e.object_type) ||
	    !keep(p, &used, e->object_id, &p->e.object_id) || !keep(p, &used, e->addr, &p->e.addr) ||
	    !keep(p, &used, e->outcome, &p->e.outcome)) {
		free(p);
		return ERR_TOOBIG;
	}
	pthread_mutex_lock(&writer.lock);
	*writer.tail = p;
	writer.tail = &p->next;
	pthread_cond_signal(&writer.work);
	while (!p->done)
		pthread_cond_wait(&writer.done, &writer.lock);
	pthread_mutex_unlock(&writer.lock);
	int rc = p->rc;
	free(p);
	return rc;
}

int audit_record(struct db *db, struct arena *a, const struct audit_event *e)
{
	if (db_in_transaction(db))
		return audit_append(db, a, e);
	if (writer.running)
		return record_grouped(e);
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
