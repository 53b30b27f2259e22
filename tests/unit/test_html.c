/*
 * test_html — hostile input through every html_* function. Whatever a user typed must come out
 * as text: no tag, no attribute break-out, no javascript: link. Expected output is written out by
 * hand, entity by entity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "http/html.h"

#include <limits.h>
#include <string.h>

/* The classic break-out attempts, for both quote styles. */
#define HOSTILE "\"'><script>alert('x&y')</script>"
#define HOSTILE_ESCAPED "&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;"

struct fixture {
	struct arena *a;  /* the buffer's memory */
	struct strbuf h;  /* the buffer under test */
};

static int setup(void **state)
{
	struct fixture *f = test_malloc(sizeof *f);
	f->a = arena_create(0);
	strbuf_init(&f->h, f->a, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a);
	test_free(f);
	return 0;
}

/* The buffer's text, after checking that nothing failed. */
static const char *out(struct fixture *f)
{
	assert_false(f->h.failed);
	return strbuf_str(&f->h);
}

static void reset(struct fixture *f)
{
	strbuf_init(&f->h, f->a, 0);
}

static void test_text_escapes_all_five(void **state)
{
	struct fixture *f = *state;
	html_text(&f->h, "&<>\"'");
	assert_string_equal(out(f), "&amp;&lt;&gt;&quot;&#39;");
	reset(f);
	/* Already-escaped text is escaped again, never decoded. */
	html_text(&f->h, "&amp;&#39;");
	assert_string_equal(out(f), "&amp;amp;&amp;#39;");
	reset(f);
	html_text(&f->h, "山田 <b>太郎</b>");
	assert_string_equal(out(f), "山田 &lt;b&gt;太郎&lt;/b&gt;");
	reset(f);
	html_text(&f->h, NULL);
	html_text(&f->h, "");
	assert_string_equal(out(f), "");
}

static void test_printf_escapes_every_s(void **state)
{
	struct fixture *f = *state;
	html_printf(&f->h, "<td>%s</td><td>%s</td>", HOSTILE, "a & b");
	assert_string_equal(out(f), "<td>" HOSTILE_ESCAPED "</td><td>a &amp; b</td>");
	reset(f);
	/* Attribute context, double and single quotes: the value cannot close the attribute. */
	html_printf(&f->h, "<input value=\"%s\" title='%s'>", "x\" onfocus=\"alert(1)",
		    "y' onclick='alert(2)");
	assert_string_equal(out(f), "<input value=\"x&quot; onfocus=&quot;alert(1)\""
				    " title='y&#39; onclick=&#39;alert(2)'>");
	reset(f);
	/* The format itself is markup and passes through; a '%' in an argument is just text. */
	html_printf(&f->h, "<p class=\"n\">%s%%</p>", "100%s");
	assert_string_equal(out(f), "<p class=\"n\">100%s%</p>");
	reset(f);
	html_printf(&f->h, "%s", "");
	html_printf(&f->h, "no conversions");
	assert_string_equal(out(f), "no conversions");
}

static void test_printf_numbers(void **state)
{
	struct fixture *f = *state;
	html_printf(&f->h, "%d|%i|%d|%d", 0, -42, INT_MAX, INT_MIN);
	assert_string_equal(out(f), "0|-42|2147483647|-2147483648");
	reset(f);
	html_printf(&f->h, "%ld|%lld|%lld", -9876543210L, LLONG_MAX, LLONG_MIN);
	assert_string_equal(out(f), "-9876543210|9223372036854775807|-9223372036854775808");
	reset(f);
	html_printf(&f->h, "%zu|%u|%lu|%llu", SIZE_MAX, UINT_MAX, 7ul, 0ull);
	assert_string_equal(out(f), "18446744073709551615|4294967295|7|0");
	reset(f);
	html_printf(&f->h, "%x|%x|%lx|%zx", 0xbeefu, 0u, 0xdeadbeefcafeul, (size_t)255);
	assert_string_equal(out(f), "beef|0|deadbeefcafe|ff");
	reset(f);
	/* Zero-padded widths, as dates and codes use them. */
	html_printf(&f->h, "%04d-%02d-%02d", 2021, 4, 1);
	assert_string_equal(out(f), "2021-04-01");
	reset(f);
	html_printf(&f->h, "%04d|%02d|%02d|%04d|%5d|%03u|%08x", 7, 5, 123, -7, 42, 9u, 0xabcu);
	assert_string_equal(out(f), "0007|05|123|-007|   42|009|00000abc");
	reset(f);
	/* Numbers mixed with escaped text keep their argument order. */
	html_printf(&f->h, "<a href=\"/o/%lld\">%s (%zu)</a>", 12LL, "<x>", (size_t)3);
	assert_string_equal(out(f), "<a href=\"/o/12\">&lt;x&gt; (3)</a>");
}

static void test_printf_unknown_conversion_fails(void **state)
{
	struct fixture *f = *state;
	/* Each is valid printf, but not something this writer knows: stop and mark failed. */
	html_printf(&f->h, "a%cb", 'x');
	assert_true(f->h.failed);
	assert_string_equal(strbuf_str(&f->h), "a");
	/* Sticky: later writes are dropped. */
	html_lit(&f->h, "<p>");
	html_text(&f->h, "more");
	assert_string_equal(strbuf_str(&f->h), "a");

	reset(f);
	html_printf(&f->h, "%f", 1.5);
	assert_true(f->h.failed);
	reset(f);
	html_printf(&f->h, "%p", (void *)f);
	assert_true(f->h.failed);
	reset(f);
	/* A precision could cut an entity in half. */
	html_printf(&f->h, "%.2s", "&&&");
	assert_true(f->h.failed);
	reset(f);
	html_printf(&f->h, "%-5d", 1);
	assert_true(f->h.failed);
	reset(f);
	html_printf(&f->h, "%hd", (short)1);
	assert_true(f->h.failed);
	/* A wide string is not a char string: read as one it would print a fragment. */
	reset(f);
	html_printf(&f->h, "[%ls]", L"<script>");
	assert_true(f->h.failed);
	assert_string_equal(strbuf_str(&f->h), "[");
}

static void test_failure_never_leaves_half_an_entity(void **state)
{
	struct fixture *f = *state;
	strbuf_init(&f->h, f->a, 5);
	html_text(&f->h, "ab&cd");
	assert_true(f->h.failed);
	/* "ab" + "&amp;" passes 5 bytes: the entity is refused whole, never "ab&am". */
	assert_string_equal(strbuf_str(&f->h), "ab");
}

static void test_attr(void **state)
{
	struct fixture *f = *state;
	html_attr(&f->h, "title", HOSTILE);
	assert_string_equal(out(f), " title=\"" HOSTILE_ESCAPED "\"");
	reset(f);
	html_attr(&f->h, "title", NULL);
	assert_string_equal(out(f), " title=\"\"");
}

static void test_url_refused(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
		"javascript:alert(1)",
		"JavaScript:alert(1)",
		" javascript:alert(1)",
		"java\tscript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)",
		"//evil.example/",
		"//evil.example",
		"/\\evil.example",          /* browsers read "/\" as "//" */
		"\\\\evil.example",
		"/\t/evil.example",         /* browsers drop tabs: "//evil.example" */
		"/\n/evil.example",
		"/ok\r\n",
		"/ok\x7f",
		"/ok\x01",
		"http://ok.example/\\x",
		"https:evil.example",
		"mailto:someone@example.com",
		"ftp://example.com/",
		"evil.example",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (html_url_safe(bad[i]))
			fail_msg("html_url_safe accepted bad URL #%zu", i);
		reset(f);
		html_href(&f->h, bad[i]);
		assert_string_equal(out(f), " href=\"#\"");
	}
	assert_false(html_url_safe(NULL));
	reset(f);
	html_href(&f->h, NULL);
	assert_string_equal(out(f), " href=\"#\"");
}

static void test_url_accepted(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *url, *href;
	} good[] = {
		{ "/", " href=\"/\"" },
		{ "/path", " href=\"/path\"" },
		{ "/admin/organisations/3", " href=\"/admin/organisations/3\"" },
		{ "?q=a b&page=2", " href=\"?q=a b&amp;page=2\"" },
		{ "#frag", " href=\"#frag\"" },
		{ "http://example.com/", " href=\"http://example.com/\"" },
		{ "https://example.com/a?b=c&d=e", " href=\"https://example.com/a?b=c&amp;d=e\"" },
		/* Allowed, and still escaped: the quote cannot end the attribute. */
		{ "/a\"onmouseover=\"alert(1)", " href=\"/a&quot;onmouseover=&quot;alert(1)\"" },
		{ "/a'><b>", " href=\"/a&#39;&gt;&lt;b&gt;\"" },
		{ "/検索?q=山田", " href=\"/検索?q=山田\"" },
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!html_url_safe(good[i].url))
			fail_msg("html_url_safe refused good URL %s", good[i].url);
		reset(f);
		html_href(&f->h, good[i].url);
		assert_string_equal(out(f), good[i].href);
	}
}

static void test_hidden_option_form(void **state)
{
	struct fixture *f = *state;
	html_hidden(&f->h, "next", HOSTILE);
	assert_string_equal(out(f), "<input type=\"hidden\" name=\"next\" value=\"" HOSTILE_ESCAPED "\">");
	reset(f);
	html_hidden(&f->h, "a\"b", NULL);
	assert_string_equal(out(f), "<input type=\"hidden\" name=\"a&quot;b\" value=\"\">");

	reset(f);
	html_option(&f->h, "1\" selected=\"", "<b>A&B</b>", true);
	assert_string_equal(out(f), "<option value=\"1&quot; selected=&quot;\" selected>"
				    "&lt;b&gt;A&amp;B&lt;/b&gt;</option>");
	reset(f);
	html_option(&f->h, "2", "病院's", false);
	assert_string_equal(out(f), "<option value=\"2\">病院&#39;s</option>");

	reset(f);
	const char *csrf = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	html_form_open(&f->h, "/admin/users?x=1&y=\"", csrf);
	assert_string_equal(out(f), "<form method=\"post\" action=\"/admin/users?x=1&amp;y=&quot;\">"
				    "<input type=\"hidden\" name=\"csrf\" value=\"" "0123456789abcdef"
				    "0123456789abcdef0123456789abcdef0123456789abcdef" "\">");
	reset(f);
	/* A hostile action is replaced; a hostile token is escaped. */
	html_form_open(&f->h, "javascript:alert(1)", "t\"><script>");
	assert_string_equal(out(f), "<form method=\"post\" action=\"#\">"
				    "<input type=\"hidden\" name=\"csrf\" value=\"t&quot;&gt;&lt;script&gt;\">");
	reset(f);
	html_form_open(&f->h, "//evil.example/steal", csrf);
	assert_non_null(strstr(out(f), "action=\"#\""));
	assert_null(strstr(out(f), "evil"));
}

static void test_url_arg(void **state)
{
	struct fixture *f = *state;
	/* Nothing but unreserved characters and %XX comes out: safe in an href without escaping. */
	html_url_arg(&f->h, HOSTILE);
	assert_string_equal(out(f), "%22%27%3E%3Cscript%3Ealert%28%27x%26y%27%29%3C%2Fscript%3E");
	reset(f);
	html_url_arg(&f->h, "ア a&b=c/d?e#f+g%h-._~Z9");
	assert_string_equal(out(f), "%E3%82%A2%20a%26b%3Dc%2Fd%3Fe%23f%2Bg%25h-._~Z9");
	reset(f);
	html_url_arg(&f->h, NULL);
	html_url_arg(&f->h, "");
	assert_string_equal(out(f), "");
}

static void test_trusted_and_lit(void **state)
{
	struct fixture *f = *state;
	const char *markup = "<b class=\"x\">ok</b> &amp; 'y'";
	html_trusted(&f->h, markup, "a fixed fragment from the test");
	assert_string_equal(out(f), markup);
	reset(f);
	html_trusted(&f->h, NULL, "nothing");
	html_lit(&f->h, "<tr><td class=\"n\">");
	html_lit(&f->h, "");
	html_lit(&f->h, "</td></tr>");
	assert_string_equal(out(f), "<tr><td class=\"n\"></td></tr>");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_text_escapes_all_five),
		T(test_printf_escapes_every_s),
		T(test_printf_numbers),
		T(test_printf_unknown_conversion_fails),
		T(test_failure_never_leaves_half_an_entity),
		T(test_attr),
		T(test_url_arg),
		T(test_url_refused),
		T(test_url_accepted),
		T(test_hidden_option_form),
		T(test_trusted_and_lit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
