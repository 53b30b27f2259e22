/*
 * crypto — the libsodium seam (the only file that includes sodium.h): random tokens, hashes,
 * constant-time comparison and argon2id password hashes.
 */
#ifndef TSUNAGU_CRYPTO_H
#define TSUNAGU_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* Initialises libsodium; false when the system's randomness is unusable. Call before threads. */
bool crypto_init(void);

/* 2*n hex digits of n random bytes, in the arena. */
char *crypto_random_hex(struct arena *a, size_t n);

/* BLAKE2b-256 of p[0..n) as 64 hex digits, into out[65]. */
void crypto_hash_hex(const void *p, size_t n, char out[65]);

/* Equal-length strings compared in time independent of their contents; false for different
 * lengths or NULL. */
bool crypto_equal(const char *a, const char *b);

/* argon2id hash string of the password (libsodium's interactive limits), in the arena; NULL
 * when hashing fails (out of memory). */
char *crypto_pw_hash(struct arena *a, const char *password);

/* True when password matches the argon2id string hash. */
bool crypto_pw_verify(const char *hash, const char *password);

#endif
