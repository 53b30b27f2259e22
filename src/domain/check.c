/* check — see check.h. */
#include "check.h"

#include "arena.h"
#include "date.h"
#include "db/db.h"
#include "error.h"
#include "jp.h"

#include <string.h>
#include <time.h>

int check_refuse(const char **field, const char **msg, const char *f, const char *m, int rc)
{
	*field = f;
	*msg = m;
	return rc;
}

char *check_text(struct arena *a, const char *s, size_t max, bool *too_long)
{
	if (!s)
		return NULL;
	char *n = jp_normalize(a, s);
	if (!n || strlen(n) > max) {
		*too_long = true;
		return NULL;
	}
	return *n ? n : NULL;
}

char *check_required(struct arena *a, const char *s, size_t max, const char **field, const char **msg,
		     const char *f, const char *m)
{
	bool too_long = false;
	char *n = check_text(a, s, max, &too_long);
	if (!n || too_long) {
		check_refuse(field, msg, f, m, ERR_INVALID);
		return NULL;
	}
	return n;
}

int check_exists(struct db_stmt *st, bool *yes)
{
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*yes = rc == DB_ROW;
	return 0;
}

char *check_day_of(struct arena *a, int64_t t)
{
	char buf[11];
	date_format_iso(date_in_japan((time_t)t), buf);
	return arena_strdup(a, buf);
}
