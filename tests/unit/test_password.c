/*
 * test_password — the length rule (characters, not bytes), argon2id round trips, and the check
 * for an unknown login, which must say no after doing the same work.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "auth/crypto.h"
#include "auth/password.h"

#include <string.h>

static int group_setup(void **state)
{
	return crypto_init() ? 0 : -1;
}

static void test_length_rule(void **state)
{
	assert_non_null(password_problem(NULL));
	assert_non_null(password_problem(""));
	assert_non_null(password_problem("123456789012"));   /* 12 */
	assert_null(password_problem("1234567890123"));      /* 13 */
	assert_null(password_problem("correct horse battery staple"));
	/* 12 Japanese characters are 36 bytes and still too short; 13 are enough. */
	assert_non_null(password_problem("あいうえおかきくけこさし"));
	assert_null(password_problem("あいうえおかきくけこさしす"));
	/* 12 four-byte characters (48 bytes). */
	assert_non_null(password_problem("😀😀😀😀😀😀😀😀😀😀😀😀"));
	assert_null(password_problem("😀😀😀😀😀😀😀😀😀😀😀😀😀"));

	/* The byte ceiling, with its own message. */
	char pw[PASSWORD_MAX_BYTES + 2];
	memset(pw, 'p', PASSWORD_MAX_BYTES);
	pw[PASSWORD_MAX_BYTES] = '\0';
	assert_null(password_problem(pw));
	pw[PASSWORD_MAX_BYTES] = 'p';
	pw[PASSWORD_MAX_BYTES + 1] = '\0';
	const char *why = password_problem(pw);
	assert_non_null(why);
	assert_string_not_equal(why, password_problem("short"));
}

static void test_hash_and_check(void **state)
{
	struct arena *a = arena_create(0);
	const char *msg = "unset";
	const char *pw = "とても長い合言葉 with spaces 123";
	char *h1 = password_hash(a, pw, &msg);
	assert_non_null(h1);
	assert_null(msg);
	assert_memory_equal(h1, "$argon2id$", 10);
	assert_null(strstr(h1, "spaces")); /* the password is not in the hash string */

	assert_true(password_check(h1, pw));
	assert_false(password_check(h1, "とても長い合言葉 with spaces 124"));
	assert_false(password_check(h1, "とても長い合言葉 with spaces 12"));
	assert_false(password_check(h1, ""));
	assert_false(password_check(h1, NULL));

	/* Salted: the same password hashes differently, and both verify. */
	char *h2 = password_hash(a, pw, &msg);
	assert_non_null(h2);
	assert_string_not_equal(h1, h2);
	assert_true(password_check(h2, pw));

	/* A password that breaks the rule is not hashed. */
	msg = NULL;
	assert_null(password_hash(a, "short", &msg));
	assert_non_null(msg);
	assert_string_equal(msg, password_problem("short"));
	arena_destroy(a);
}

static void test_unknown_login_is_false(void **state)
{
	assert_false(password_check(NULL, "1234567890123"));
	assert_false(password_check(NULL, ""));
	assert_false(password_check(NULL, NULL));
	/* Twice: the dummy hash is made once and reused. */
	assert_false(password_check(NULL, "anything at all, really"));
	/* Not a hash at all. */
	assert_false(password_check("not a hash", "1234567890123"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length_rule),
		cmocka_unit_test(test_hash_and_check),
		cmocka_unit_test(test_unknown_login_is_false),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
