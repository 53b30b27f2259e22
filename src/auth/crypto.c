/* crypto — see crypto.h. */
#include "crypto.h"

#include "arena.h"

#include <sodium.h>
#include <string.h>

bool crypto_init(void)
{
	return sodium_init() >= 0;
}

char *crypto_random_hex(struct arena *a, size_t n)
{
	unsigned char buf[64];
	if (n > sizeof buf)
		n = sizeof buf;
	randombytes_buf(buf, n);
	char *out = arena_alloc(a, 2 * n + 1);
	if (out)
		sodium_bin2hex(out, 2 * n + 1, buf, n);
	sodium_memzero(buf, sizeof buf);
	return out;
}

void crypto_hash_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, p, n, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

bool crypto_equal(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

char *crypto_pw_hash(struct arena *a, const char *password)
{
	char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
	if (!out || crypto_pwhash_str_alg(out, password, strlen(password),
					  crypto_pwhash_OPSLIMIT_INTERACTIVE,
					  crypto_pwhash_MEMLIMIT_INTERACTIVE,
					  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return NULL;
	return out;
}

bool crypto_pw_verify(const char *hash, const char *password)
{
	return hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
