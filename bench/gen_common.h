/*
 * gen_common — what the benchmarks' data generators (gen_city.c, gen_nation.c) share: one fixed
 * random stream (splitmix64) and the calendar as day numbers since 1970-01-01 (proleptic
 * Gregorian), and SQL written in batches. Each generator defines GEN_SEED (its stream, the same
 * on every run) and GEN_NAME (for its messages) before including this. Bench code only; needs nothing but libc.
 */
#ifndef TSUNAGU_GEN_COMMON_H
#define TSUNAGU_GEN_COMMON_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state = GEN_SEED;

static uint64_t next64(void) /* splitmix64 */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int rnd(int n) /* 0 .. n-1; n <= 0 gives 0 */
{
	return n <= 0 ? 0 : (int)(next64() % (uint64_t)n);
}

/* An index into a table of integer weights. */
static int pick(const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	int r = rnd(total);
	for (int i = 0; i < n; i++)
		if ((r -= w[i]) < 0)
			return i;
	return n - 1;
}
#define COUNT(t) ((int)(sizeof t / sizeof t[0]))
#define PICK(w) pick(w, COUNT(w))

static int min(int a, int b) { return a < b ? a : b; }
static int max(int a, int b) { return a > b ? a : b; }

static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static const char *iso(int day, char out[11])
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return out;
}

/* ---- SQL written in batches of multi-row INSERTs (500 rows a statement) ---- */

struct batch {
	FILE *f;           /* where the statements go: the output, or a tmpfile (batch_open) */
	const char *table;
	int rows;          /* rows in the statement under way */
	long total;        /* rows written */
};

/* A batch collected in a tmpfile, for rows that come interleaved with another table's. */
static void batch_open(struct batch *b, const char *table)
{
	*b = (struct batch){ tmpfile(), table, 0, 0 };
	if (!b->f) {
		perror(GEN_NAME ": tmpfile");
		exit(1);
	}
}

static void row(struct batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void row(struct batch *b, const char *fmt, ...)
{
	if (b->rows == 0)
		fprintf(b->f, "INSERT INTO %s VALUES\n(", b->table);
	else
		fputs(",\n(", b->f);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(b->f, fmt, ap);
	va_end(ap);
	fputc(')', b->f);
	b->total++;
	if (++b->rows == 500) {
		fputs(";\n", b->f);
		b->rows = 0;
	}
}

/* Ends the statement under way. */
static void end(struct batch *b)
{
	if (b->rows)
		fputs(";\n", b->f);
	b->rows = 0;
}

/* Ends a batch_open() batch and copies its statements to out. */
static void flush(struct batch *b, FILE *out)
{
	end(b);
	rewind(b->f);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, b->f)) > 0)
		fwrite(buf, 1, n, out);
	if (ferror(b->f)) {
		fprintf(stderr, GEN_NAME ": cannot read back the rows of %s\n", b->table);
		exit(1);
	}
	fclose(b->f);
}

#endif
