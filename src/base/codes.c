/* codes — see codes.h. */
#include "codes.h"

#include <string.h>

const struct code *code_find(const struct code *t, const char *code)
{
	for (; code && t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t;
	return NULL;
}

bool code_known(const struct code *t, const char *code)
{
	return code_find(t, code) != NULL;
}

const char *code_label(const struct code *t, const char *code)
{
	const struct code *c = code_find(t, code);
	return c ? c->label : code;
}
