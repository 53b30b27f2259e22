/* fuzz_route — request paths are outside input: matching must never crash, and a matched :id is
 * always a positive integer. */
#include "arena.h"
#include "http/request.h"
#include "http/router.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const patterns[] = { "/", "/admin/organisations/:id", "/static/:name",
						"/admin/users/:id/password", "/healthz" };
	struct arena *a = arena_create(1 << 20);
	char *path = arena_strndup(a, (const char *)data, size);
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
		struct request req = { .arena = a };
		if (router_match(patterns[i], path, &req) && i == 1 && req.id <= 0)
			abort();
	}
	arena_destroy(a);
	return 0;
}
