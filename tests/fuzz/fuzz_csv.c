/* fuzz_csv — csv_read takes files people upload. Any input must be refused with a message or
 * parsed; what parses must write back and read again to the same records on the same lines, so
 * reader and writer agree on every corner of the syntax. The one expected change is the writer's
 * apostrophe before a field that starts like a formula. */
#include "arena.h"
#include "csv.h"
#include "error.h"
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Stated here again rather than taken from csv.c, so a change there has to agree with it. */
static bool defused(const char *f)
{
	return f[0] && strchr("=+-@\t\r", f[0]);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct arena *a = arena_create(64 << 20);
	struct csv c;
	struct csv_error err;
	int rc = csv_read(a, (const char *)data, size, NULL, &c, &err);
	if (rc) {
		if ((rc != ERR_INVALID && rc != ERR_TOOBIG) || !err.msgid || c.n || c.records)
			abort();
		goto out_arena;
	}

	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	struct csv_writer w;
	csv_write_start(&w, &sb);
	for (size_t r = 0; r < c.n; r++) {
		const struct csv_record *rec = &c.records[r];
		if (rec->n == 0 || (r && rec->line <= c.records[r - 1].line))
			abort();
		for (size_t f = 0; f < rec->n; f++)
			csv_write_field(&w, rec->fields[f], 0);
		csv_write_end_record(&w);
	}
	if (sb.failed)
		abort();

	/* The written file may be larger (CP932 grows as UTF-8, quotes double, apostrophes). */
	struct csv_limits lim = csv_default_limits;
	lim.max_bytes = SIZE_MAX;
	lim.max_field_bytes += 1;
	struct csv back;
	if (csv_read(a, sb.buf, sb.len, &lim, &back, &err) != 0 || back.encoding != CSV_UTF8_BOM ||
	    back.n != c.n)
		abort();
	for (size_t r = 0; r < c.n; r++) {
		const struct csv_record *in = &c.records[r], *out = &back.records[r];
		if (out->n != in->n || out->line != in->line)
			abort();
		for (size_t f = 0; f < in->n; f++) {
			const char *want = in->fields[f], *got = out->fields[f];
			if (defused(want) ? got[0] != '\'' || strcmp(got + 1, want) != 0
					  : strcmp(got, want) != 0)
				abort();
		}
	}

	/* Header lookup on whatever the first record holds: no crash, and an answer in range. */
	if (c.n) {
		const struct csv_record *h = &c.records[0];
		const char *names[2] = { h->fields[0], h->fields[h->n - 1] };
		int idx[2];
		for (size_t f = 0; f < h->n; f++) {
			int i = csv_find_column(h, h->fields[f]);
			if (i >= (int)h->n)
				abort();
		}
		rc = csv_require_columns(a, h, names, 2, idx, &err);
		if (rc != 0 && (rc != ERR_INVALID || !err.msgid))
			abort();
	}
out_arena:
	arena_destroy(a);
	return 0;
}
