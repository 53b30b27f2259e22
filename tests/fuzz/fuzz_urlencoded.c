/* fuzz_urlencoded — the form and query-string parser takes raw outside input. It must never
 * crash, never pass the arena cap, and everything it accepts must be valid UTF-8. */
#include "arena.h"
#include "error.h"
#include "http/request.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct arena *a = arena_create(1 << 20);
	struct params p = { 0 };
	int rc = request_parse_urlencoded(a, (const char *)data, size, &p);
	if (rc == 0) {
		for (size_t i = 0; i < p.n; i++)
			if (!utf8_valid(p.v[i].name, strlen(p.v[i].name)) ||
			    !utf8_valid(p.v[i].value, strlen(p.v[i].value)))
				abort();
		if (p.n > REQUEST_MAX_FIELDS)
			abort();
	} else if (rc != ERR_INVALID && rc != ERR_TOOBIG) {
		abort();
	}
	arena_destroy(a);
	return 0;
}
