/*
 * gen_common — what the benchmarks' data generators (gen_city.c, gen_nation.c) share: one fixed
 * random stream (splitmix64) and the calendar as day numbers since 1970-01-01 (proleptic
 * Gregorian). Each generator defines GEN_SEED before including this, so each draws its own
 * stream, the same on every run. Bench code only; needs nothing but libc.
 */
#ifndef TSUNAGU_GEN_COMMON_H
#define TSUNAGU_GEN_COMMON_H

#include <stdint.h>
#include <stdio.h>

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

#endif
