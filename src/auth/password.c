/* password — see password.h. */
#include "password.h"

#include "arena.h"
#include "crypto.h"
#include "i18n.h"

#include <pthread.h>
#include <string.h>

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

const char *password_problem(const char *pw)
{
	if (!pw || utf8_chars(pw) < PASSWORD_MIN_CHARS)
		return N_("The password must be at least 13 characters long.");
	if (strlen(pw) > PASSWORD_MAX_BYTES)
		return N_("The password is too long.");
	return NULL;
}

char *password_hash(struct arena *a, const char *pw, const char **msg)
{
	if ((*msg = password_problem(pw)))
		return NULL;
	char *h = crypto_pw_hash(a, pw);
	if (!h)
		*msg = N_("The password could not be stored. Please try again.");
	return h;
}

/* A hash of a random password, made once, for logins that do not exist. */
static char dummy[256];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	struct arena *a = arena_create(0);
	char *pw = crypto_random_hex(a, 16);
	char *h = pw ? crypto_pw_hash(a, pw) : NULL;
	if (h && strlen(h) < sizeof dummy)
		strcpy(dummy, h);
	arena_destroy(a);
}

bool password_check(const char *hash, const char *pw)
{
	if (!pw || strlen(pw) > PASSWORD_MAX_BYTES)
		pw = "";
	if (hash)
		return crypto_pw_verify(hash, pw);
	pthread_once(&dummy_once, make_dummy);
	crypto_pw_verify(dummy, pw);
	return false;
}
