/* rows — collecting a statement's rows into an arena array, for every backend. See db.h. */
#include "db.h"

#include "arena.h"
#include "error.h"

#include <stdint.h>
#include <string.h>

int db_rows_page(struct db_stmt *st, struct arena *a, size_t elem,
		 void (*read)(struct arena *a, struct db_stmt *st, void *p), size_t max, void **out,
		 size_t *n, bool *more)
{
	size_t cap = 8, len = 0;
	char *v = arena_zalloc(a, cap * elem);
	int rc = DB_DONE;
	*more = false;
	while (v && (rc = db_step(st)) == DB_ROW) {
		if (len == max) {
			*more = true;
			rc = DB_DONE;
			break;
		}
		if (len == cap) {
			/* The old block stays in the arena until it goes: lists are pages, not tables. */
			char *bigger = arena_zalloc(a, 2 * cap * elem);
			if (!bigger)
				return ERR_TOOBIG;
			memcpy(bigger, v, len * elem);
			v = bigger;
			cap *= 2;
		}
		read(a, st, v + len * elem);
		len++;
	}
	if (!v)
		return ERR_TOOBIG;
	*out = v;
	*n = len;
	return rc == DB_DONE ? 0 : rc;
}

int db_rows(struct db_stmt *st, struct arena *a, size_t elem,
	    void (*read)(struct arena *a, struct db_stmt *st, void *p), void **out, size_t *n)
{
	bool more;
	return db_rows_page(st, a, elem, read, SIZE_MAX, out, n, &more);
}
