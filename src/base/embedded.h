/*
 * embedded — files compiled into the binary by tools/embed.c (the project's only generator):
 * the SQL migrations and the static assets. A list ends with an entry whose name is NULL.
 */
#ifndef TSUNAGU_EMBEDDED_H
#define TSUNAGU_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;          /* file name without directory, e.g. "001_foundation.sql" */
	const unsigned char *data; /* contents, with a NUL after the last byte */
	size_t len;                /* bytes, without that NUL */
};

extern const struct embedded_file embedded_schema[]; /* the schema/NNN_name.sql files, by name */
extern const struct embedded_file embedded_static[]; /* the files in static/, by name */

#endif
