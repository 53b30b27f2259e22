/*
 * test_router — path matching (literal segments, ":id", ":name") and the start-up check of a
 * route table. Tables are built here with a dummy handler; the router itself is the real one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "auth/policy.h"
#include "http/request.h"
#include "http/router.h"

#include <string.h>

static int dummy(struct request *req)
{
	(void)req;
	return 0;
}

/* Matches with a fresh request so that req->id / req->arg can be read back. */
static bool match(struct arena *a, struct request *req, const char *pattern, const char *path)
{
	*req = (struct request){ .arena = a };
	return router_match(pattern, path, req);
}

static void test_literal_segments(void **state)
{
	assert_true(router_match("/", "/", NULL));
	assert_true(router_match("/healthz", "/healthz", NULL));
	assert_true(router_match("/admin/users", "/admin/users", NULL));
	assert_false(router_match("/", "/x", NULL));
	assert_false(router_match("/healthz", "/", NULL));
	assert_false(router_match("/healthz", "/healthy", NULL));
	assert_false(router_match("/a", "/ab", NULL));
	assert_false(router_match("/ab", "/a", NULL));
	assert_false(router_match("/admin/users", "/Admin/users", NULL)); /* exact, not folded */
	/* A path must be absolute. */
	assert_false(router_match("/a", "a", NULL));
	assert_false(router_match("/a", "", NULL));
	assert_false(router_match("a", "a", NULL));
}

static void test_trailing_slashes_and_segment_counts(void **state)
{
	assert_false(router_match("/a", "/a/", NULL));
	assert_false(router_match("/a/", "/a", NULL));
	assert_false(router_match("/", "//", NULL));
	assert_false(router_match("/a", "//a", NULL));
	assert_false(router_match("/a/b", "/a//b", NULL));
	assert_false(router_match("/a/b", "/a", NULL));
	assert_false(router_match("/a", "/a/b", NULL));
	assert_false(router_match("/a/:id", "/a", NULL));
	assert_false(router_match("/a/:id", "/a/", NULL));
	assert_false(router_match("/a/:id", "/a/1/", NULL));
	assert_false(router_match("/a/:id", "/a/1/2", NULL));
	assert_false(router_match("/a/:name", "/a/x/y", NULL));
	assert_false(router_match("/admin/users/:id/disable", "/admin/users/7", NULL));
}

static void test_id_segment(void **state)
{
	struct arena *a = arena_create(0);
	struct request req;
	assert_true(match(a, &req, "/o/:id", "/o/1"));
	assert_int_equal(req.id, 1);
	assert_true(match(a, &req, "/o/:id", "/o/42"));
	assert_int_equal(req.id, 42);
	/* 15 digits is the most. */
	assert_true(match(a, &req, "/o/:id", "/o/999999999999999"));
	assert_int_equal(req.id, 999999999999999LL);
	assert_true(match(a, &req, "/admin/users/:id/disable", "/admin/users/7/disable"));
	assert_int_equal(req.id, 7);
	assert_false(router_match("/admin/users/:id/disable", "/admin/users/7/enable", NULL));

	static const char *const bad[] = {
		"/o/0",                /* not positive */
		"/o/00",
		"/o/007",              /* leading zeros: one record, one address */
		"/o/-1",
		"/o/+1",
		"/o/1a",
		"/o/a1",
		"/o/abc",
		"/o/1.0",
		"/o/ 1",
		"/o/1 ",
		"/o/0x10",
		"/o/1000000000000000", /* 16 digits */
		"/o/99999999999999999999",
		"/o/",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (match(a, &req, "/o/:id", bad[i]))
			fail_msg("\":id\" accepted %s", bad[i]);
	arena_destroy(a);
}

static void test_name_segment(void **state)
{
	struct arena *a = arena_create(0);
	struct request req;
	assert_true(match(a, &req, "/static/:name", "/static/style.css"));
	assert_string_equal(req.arg, "style.css");
	assert_true(match(a, &req, "/static/:name", "/static/0"));
	assert_string_equal(req.arg, "0");
	assert_false(match(a, &req, "/static/:name", "/static/"));
	assert_false(match(a, &req, "/static/:name", "/static"));
	assert_false(match(a, &req, "/static/:name", "/static/a/b"));
	assert_false(match(a, &req, "/static/:name", "/other/style.css"));
	/* Without a request nothing is stored, and the answer is the same. */
	assert_true(router_match("/static/:name", "/static/app.js", NULL));
	arena_destroy(a);
}

/* A table of good routes; each check below copies it and breaks one line. */
static const struct route good[] = {
	{ "GET", "/", "home.view", dummy, "home" },
	{ "GET", "/login", POLICY_PUBLIC, dummy, "form" },
	{ "POST", "/login", POLICY_PUBLIC, dummy, "same pattern, other method" },
	{ "GET", "/admin/organisations/:id", "directory.manage", dummy, "edit" },
	{ "POST", "/admin/organisations/:id", "directory.manage", dummy, "save" },
	{ "GET", "/audit", "audit.view", dummy, "log" },
};
enum { NGOOD = sizeof good / sizeof good[0] };

/* router_check on good[] with line i replaced by r; returns the message (NULL when it passed). */
static const char *check_with(size_t i, struct route r, char *buf, size_t bufsize)
{
	struct route t[NGOOD];
	memcpy(t, good, sizeof good);
	t[i] = r;
	struct site site = { .routes = t, .n = NGOOD };
	const char *msg = NULL;
	bool ok = router_check(&site, &msg, buf, bufsize);
	if (ok)
		return NULL;
	assert_non_null(msg);
	return msg;
}

static void test_check_accepts_good_table(void **state)
{
	struct site site = { .routes = good, .n = NGOOD };
	const char *msg = NULL;
	char buf[256];
	assert_true(router_check(&site, &msg, buf, sizeof buf));
	assert_null(msg);
}

static void test_check_rejects(void **state)
{
	char buf[256];
	const char *msg;

	msg = check_with(2, (struct route){ "GET", "/x", "no.such.action", dummy, "" }, buf, sizeof buf);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "/x"));
	assert_non_null(strstr(msg, "policy"));
	assert_non_null(check_with(2, (struct route){ "GET", "/x", NULL, dummy, "" }, buf, sizeof buf));
	assert_non_null(check_with(2, (struct route){ "GET", "/x", "", dummy, "" }, buf, sizeof buf));

	/* The same method and pattern twice, far apart in the table. */
	msg = check_with(5, (struct route){ "GET", "/", "audit.view", dummy, "" }, buf, sizeof buf);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "same paths"));

	static const char *const methods[] = { "PUT", "DELETE", "get", "HEAD", "" };
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		msg = check_with(5, (struct route){ methods[i], "/y", "audit.view", dummy, "" }, buf,
				 sizeof buf);
		if (!msg)
			fail_msg("router_check accepted method \"%s\"", methods[i]);
		assert_non_null(strstr(msg, "method"));
	}

	assert_non_null(check_with(0, (struct route){ "GET", "relative", "home.view", dummy, "" }, buf,
				   sizeof buf));
	assert_non_null(check_with(0, (struct route){ "GET", "/z", "home.view", NULL, "" }, buf,
				   sizeof buf));

	/* Malformed patterns are refused rather than served with a meaning nobody meant. */
	static const char *const malformed[] = {
		"",
		"/admin//users",  /* empty segment */
		"/admin/users/",  /* trailing slash: "/admin/users" would not reach it */
		"//",
		"/admin/:ID",     /* a typo for :id must not become a literal segment */
		"/admin/:",
		"/admin/:id:name",
	};
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		msg = check_with(5, (struct route){ "GET", malformed[i], "audit.view", dummy, "" },
				 buf, sizeof buf);
		if (!msg)
			fail_msg("router_check accepted pattern \"%s\"", malformed[i]);
		assert_non_null(strstr(msg, "pattern"));
	}

	/* A small buffer still gets a terminated message. */
	char tiny[8];
	msg = check_with(2, (struct route){ "GET", "/x", "no.such", dummy, "" }, tiny, sizeof tiny);
	assert_non_null(msg);
	assert_true(strlen(msg) < sizeof tiny);
}

/* router_check on a two-line table of the same method. */
static bool pair_ok(const char *a, const char *b)
{
	const struct route t[] = {
		{ "GET", a, "home.view", dummy, "" },
		{ "GET", b, "home.view", dummy, "" },
	};
	struct site site = { .routes = t, .n = 2 };
	const char *msg = NULL;
	char buf[256];
	return router_check(&site, &msg, buf, sizeof buf);
}

static void test_check_rejects_collisions(void **state)
{
	/* Two routes that can match one path: which runs would depend on table order, so the
	 * table would no longer say what the site does. */
	assert_false(pair_ok("/o/:id", "/o/:id"));
	assert_false(pair_ok("/o/:id", "/o/:name"));    /* "/o/7" */
	assert_false(pair_ok("/o/:name", "/o/:id"));
	assert_false(pair_ok("/static/:name", "/static/app.js"));
	assert_false(pair_ok("/o/7", "/o/:id"));
	assert_false(pair_ok("/o/:id/edit", "/o/:name/edit"));
	/* Paths no single address can reach both of. */
	assert_true(pair_ok("/o/:id", "/o/new"));       /* "new" is never an id */
	assert_true(pair_ok("/o/007", "/o/:id"));       /* nor is "007" */
	assert_true(pair_ok("/o/:id", "/o/:id/edit"));
	assert_true(pair_ok("/o/:id/edit", "/o/:id/delete"));
	assert_true(pair_ok("/", "/o"));
	assert_true(pair_ok("/audit", "/audit/verify"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_segments),
		cmocka_unit_test(test_trailing_slashes_and_segment_counts),
		cmocka_unit_test(test_id_segment),
		cmocka_unit_test(test_name_segment),
		cmocka_unit_test(test_check_accepts_good_table),
		cmocka_unit_test(test_check_rejects),
		cmocka_unit_test(test_check_rejects_collisions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
