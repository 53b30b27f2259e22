/*
 * date — calendar dates and the fiscal year, in plain C.
 *
 * Dates are proleptic Gregorian calendar dates, stored and exchanged as ISO-8601 text
 * (YYYY-MM-DD). Arithmetic is done here, never in SQL, because SQLite and PostgreSQL disagree
 * (2024-01-31 + 1 month) and SQLite accepts 2023-02-30. "Today" is the date in Japan: the fiscal
 * year turns at midnight JST, not UTC.
 */
#ifndef TSUNAGU_DATE_H
#define TSUNAGU_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct date {
	int year;  /* e.g. 2021 */
	int month; /* 1..12 */
	int day;   /* 1..days in month */
};

/* True when s is exactly YYYY-MM-DD naming a real day in years 1873..9999 (Japan adopted the
 * Gregorian calendar in 1873). */
bool date_parse(const char *s, struct date *out);

/* Writes YYYY-MM-DD and a NUL into buf (11 bytes). */
void date_format_iso(struct date d, char buf[11]);

/* Days since 1970-01-01 (negative before). */
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);

struct date date_add_days(struct date d, int64_t n);

/* Calendar months: the day is clamped to the month's end (2023-01-31 + 1 = 2023-02-28). */
struct date date_add_months(struct date d, int n);

/* Negative, zero or positive as a is before, equal to or after b. */
int date_cmp(struct date a, struct date b);

int date_days_in_month(int year, int month);

/* The fiscal year (年度) holding d: April 1 of Y to March 31 of Y+1 is FY Y. */
int date_fiscal_year(struct date d);

/* The date in Japan at the instant t. */
struct date date_in_japan(time_t t);

/* date_in_japan(time(NULL)). */
struct date date_today(void);

#endif
