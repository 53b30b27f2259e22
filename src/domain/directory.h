/*
 * directory — the municipality, its wards and its organisations (DESIGN §2 "Directory").
 *
 * One database holds one municipality (the tenant), keyed by its 6-digit 全国地方公共団体コード
 * (check digit verified). An organisation has a kind (what it is: a psychiatric hospital, a group
 * home …) and a sector (医療, 福祉, 行政, 高齢, 住まい, ピア, その他) used for attendance and
 * indicators; the kind suggests the sector but the city may choose another.
 *
 * Validation failures return ERR_INVALID with *msg set to a gettext msgid naming the field.
 * Strings in the returned structs live in the caller's arena.
 */
#ifndef TSUNAGU_DIRECTORY_H
#define TSUNAGU_DIRECTORY_H

#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct municipality {
	char *code;        /* 221007 */
	char *name;        /* 静岡市 */
	char *forum_scope; /* "city": one 協議の場 for the city; "ward": one per ward */
};

struct ward {
	char *code; /* 221015 */
	char *name; /* 葵区 */
};

struct organisation {
	int64_t id;      /* 0 for one not yet stored */
	char *name;      /* as the organisation calls itself */
	char *kind;      /* one of directory_kinds[].code */
	char *sector;    /* one of directory_sectors[].code */
	char *ward_code; /* NULL when city-wide or outside the wards */
	bool active;     /* false hides it from new assignments; records keep it */
};


extern const struct code directory_sectors[]; /* ends with code NULL */
extern const struct code directory_kinds[];   /* ends with code NULL; extra: the default sector */

/* True when code is 6 digits whose last is the check digit of the first five. */
bool directory_code_valid(const char *code);

/* Creates the municipality; fails with ERR_CONFLICT when the database already has one. */
int directory_municipality_create(struct db *db, struct arena *a, const char *code,
				  const char *name, const char **msg);
/* The municipality of this database; ERR_NOTFOUND when none was created yet. */
int directory_municipality(struct db *db, struct arena *a, struct municipality *out);

int directory_ward_add(struct db *db, struct arena *a, const char *code, const char *name,
		       const char **msg);
/* Wards in code order. */
int directory_wards(struct db *db, struct arena *a, struct ward **out, size_t *n);

/* Organisations ordered by sector, then name. */
int directory_orgs(struct db *db, struct arena *a, struct organisation **out, size_t *n);
int directory_org_get(struct db *db, struct arena *a, int64_t id, struct organisation *out);
/* Validates and stores o (a new one when o->id is 0, whose id is then set). */
int directory_org_save(struct db *db, struct arena *a, struct organisation *o, const char **msg);
/* The id of the organisation called name; ERR_NOTFOUND when none. */
int directory_org_find(struct db *db, struct arena *a, const char *name, int64_t *id);

#endif
