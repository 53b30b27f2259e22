/* error — the error table. See error.h. */
#include "error.h"

#include <stddef.h>

#define N_(s) s

static const struct {
	enum err code; /* the error */
	const char *text; /* a gettext msgid */
	int http;         /* status a page answers with */
	int exit;         /* exit code of a command */
} errors[] = {
	{ ERR_OK, N_("Done."), 200, 0 },
	{ ERR_INVALID, N_("The input is not valid."), 400, 1 },
	{ ERR_NOTFOUND, N_("Not found."), 404, 1 },
	{ ERR_CONFLICT, N_("This conflicts with a record already stored."), 409, 1 },
	{ ERR_FORBIDDEN, N_("You do not have permission for this."), 403, 1 },
	{ ERR_BUSY, N_("The system is busy. Please try again shortly."), 503, 1 },
	{ ERR_STORAGE, N_("The database could not complete the request."), 500, 1 },
	{ ERR_TOOBIG, N_("The request is too large."), 413, 1 },
	{ ERR_THROTTLED, N_("Too many attempts. Please wait and try again."), 429, 1 },
	{ ERR_AUTH, N_("The login or password is wrong."), 401, 1 },
	{ ERR_USAGE, N_("The command was called wrongly."), 400, 2 },
	{ ERR_NEWER, N_("The database was written by a newer version of tsunagu."), 500, 1 },
};

static size_t err_index(enum err e)
{
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
		if (errors[i].code == e)
			return i;
	return 6; /* ERR_STORAGE: an unknown code is a bug, shown as a failure */
}

const char *err_text(enum err e)
{
	return errors[err_index(e)].text;
}

int err_http_status(enum err e)
{
	return errors[err_index(e)].http;
}

int err_exit_code(enum err e)
{
	return errors[err_index(e)].exit;
}
