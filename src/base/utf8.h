/*
 * utf8 — checking that outside text is well-formed UTF-8, before anything stores or shows it.
 * Overlong forms, surrogates and code points past U+10FFFF are invalid, as the standard requires.
 */
#ifndef TSUNAGU_UTF8_H
#define TSUNAGU_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the longest valid UTF-8 prefix of s[0..n): n when all of it is valid. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* True when s[0..n) is valid UTF-8 with no NUL byte (text a form or a file may carry). */
bool utf8_valid(const char *s, size_t n);

#endif
