/*
 * error — the one table of error codes. Functions return 0 or a negative enum err; this table
 * says what each means to a person, which HTTP status a page answers with, and which exit code a
 * command ends with. The text is a gettext msgid; the detail a caller adds goes beside it.
 */
#ifndef TSUNAGU_ERROR_H
#define TSUNAGU_ERROR_H

enum err {
	ERR_OK = 0,
	ERR_INVALID = -1,   /* the input is wrong; the message says which field and how */
	ERR_NOTFOUND = -2,  /* no such record (or one the caller may not know exists) */
	ERR_CONFLICT = -3,  /* it clashes with something already stored */
	ERR_FORBIDDEN = -4, /* the policy refuses it */
	ERR_BUSY = -5,      /* the database is busy or full: try again */
	ERR_STORAGE = -6,   /* the database failed */
	ERR_TOOBIG = -7,    /* the input passes a size limit */
	ERR_THROTTLED = -8, /* too many attempts: wait */
	ERR_AUTH = -9,      /* wrong login or password */
	ERR_USAGE = -10,    /* a command was called wrongly */
	ERR_NEWER = -11,    /* the database is newer than this binary */
};

/* The gettext msgid describing e, e.g. "The input is not valid." */
const char *err_text(enum err e);

/* The HTTP status a page answers with for e (200 for ERR_OK). */
int err_http_status(enum err e);

/* The exit code a command ends with for e: 0 ok, 2 usage, 1 anything else. */
int err_exit_code(enum err e);

#endif
