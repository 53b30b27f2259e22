/* fuzz_html — whatever text reaches html_printf's %s, no markup may come out: the output holds
 * no < > " ' and every & starts one of the writer's entities. html_href must never emit a
 * javascript: or protocol-relative URL. */
#include "arena.h"
#include "http/html.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *const entities[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct arena *a = arena_create(1 << 22);
	char *text = arena_strndup(a, (const char *)data, size);
	struct strbuf h;
	strbuf_init(&h, a, 0);
	html_printf(&h, "%s", text);
	const char *out = strbuf_str(&h);
	for (const char *p = out; *p; p++) {
		if (*p == '<' || *p == '>' || *p == '"' || *p == '\'')
			abort();
		if (*p == '&') {
			int ok = 0;
			for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
				ok |= strncmp(p, entities[i], strlen(entities[i])) == 0;
			if (!ok)
				abort();
		}
	}
	if (html_url_safe(text) && (strncmp(text, "//", 2) == 0 || strstr(text, "javascript:") == text))
		abort();
	arena_destroy(a);
	return 0;
}
