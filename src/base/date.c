/* date — see date.h. */
#include "date.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool date_parse(const char *s, struct date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	struct date d = {
		.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		.month = (s[5] - '0') * 10 + (s[6] - '0'),
		.day = (s[8] - '0') * 10 + (s[9] - '0'),
	};
	if (d.year < 1873 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > date_days_in_month(d.year, d.month))
		return false;
	*out = d;
	return true;
}

void date_format_iso(struct date d, char buf[11])
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100, dd = (unsigned)d.day % 100;
	const char digits[] = "0123456789";
	char out[11] = { digits[y / 1000], digits[y / 100 % 10], digits[y / 10 % 10], digits[y % 10], '-',
			 digits[m / 10], digits[m % 10], '-', digits[dd / 10], digits[dd % 10], '\0' };
	memcpy(buf, out, sizeof out);
}

/* Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
int64_t date_to_days(struct date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct date){
		.year = (int)(yoe + era * 400 + (month <= 2)),
		.month = month,
		.day = (int)(doy - (153 * mp + 2) / 5 + 1),
	};
}

struct date date_add_days(struct date d, int64_t n)
{
	return date_from_days(date_to_days(d) + n);
}

struct date date_add_months(struct date d, int n)
{
	int m = d.year * 12 + (d.month - 1) + n;
	struct date r = { .year = m / 12, .month = m % 12 + 1 };
	int last = date_days_in_month(r.year, r.month);
	r.day = d.day > last ? last : d.day;
	return r;
}

int date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

int date_fiscal_year(struct date d)
{
	return d.month >= 4 ? d.year : d.year - 1;
}

/* Japan has kept UTC+9 without daylight saving since 1952, so a fixed offset is exact for every
 * date this system stores, and avoids touching the process-wide TZ from a threaded server. */
struct date date_in_japan(time_t t)
{
	int64_t days = ((int64_t)t + 9 * 3600);
	days = (days >= 0 ? days : days - 86399) / 86400;
	return date_from_days(days);
}

struct date date_today(void)
{
	return date_in_japan(time(NULL));
}
