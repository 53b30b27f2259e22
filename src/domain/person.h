/*
 * person — the people the care system supports, and their psychiatric admissions (DESIGN §2
 * "Persons"). Names and kana are normalised on input (NFKC; kana stored as katakana) and people
 * are searched and sorted by their kana key, because kanji sort by code point.
 *
 * Who may see a person is decided by the caller's access (domain/access.h): the same rule that
 * decides who sees their cases, plus the organisation that registered them and, for a hospital,
 * the admissions it holds. Validation failures return ERR_INVALID with *field naming the form
 * field and *msg a gettext msgid. Strings returned live in the caller's arena.
 */
#ifndef TSUNAGU_PERSON_H
#define TSUNAGU_PERSON_H

#include "access.h"
#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct person {
	int64_t id;              /* 0 for one not yet stored */
	char *external_id;       /* the city's own id (CSV key); NULL when none */
	char *family_name;       /* 姓 */
	char *given_name;        /* 名 */
	char *family_kana;       /* セイ, katakana */
	char *given_kana;        /* メイ, katakana */
	char *birth_date;        /* YYYY-MM-DD */
	char *sex;               /* female, male, other, unknown */
	char *ward_code;         /* NULL when outside the wards or unknown */
	char *handbook_grade;    /* 精神障害者保健福祉手帳: none, 1, 2, 3 */
	char *support_category;  /* 障害支援区分: none, 1 … 6 */
	bool public_assistance;  /* 生活保護 */
	char *guardian;          /* 成年後見: none, guardian, curator, assistant */
	int64_t registered_by;   /* organisation that registered them; 0 when imported */
	char *kana_key;          /* the stored sort key (readers fill it; keyset paging uses it) */
};

struct admission {
	int64_t id;                  /* 0 for one not yet stored */
	int64_t person_id;           /* whose */
	int64_t hospital_id;         /* an organisation of kind psychiatric_hospital */
	char *hospital_name;         /* filled by readers */
	char *admitted_on;           /* YYYY-MM-DD */
	char *admission_type;        /* voluntary, medical_protection, involuntary, emergency, other */
	char *discharged_on;         /* NULL while in hospital */
	char *discharge_destination; /* home, group_home, rental, facility, hospital, death, other */
};

/* Value lists for forms and CSV, each ending with code NULL; labels are gettext msgids. */
extern const struct code person_sexes[];
extern const struct code person_handbook_grades[];
extern const struct code person_support_categories[];
extern const struct code person_guardians[];
extern const struct code admission_types[];
extern const struct code discharge_destinations[];

/* Validates and normalises p in place (names NFKC, kana to katakana, empty optional fields to
 * NULL, defaults for the enumerations). today bounds the birth date. */
int person_validate(struct arena *a, struct person *p, const char *today, const char **field,
		    const char **msg);

/* Validates and stores p: a new person when p->id is 0 (p->id is set), else an update. An
 * external_id already used by another person is ERR_CONFLICT. */
int person_save(struct db *db, struct arena *a, struct person *p, const char *today,
		const char **field, const char **msg);

/* The person with this id if acc may see them; ERR_NOTFOUND otherwise (never "forbidden": a
 * person's existence is itself private). */
int person_get(struct db *db, struct arena *a, const struct access *acc, int64_t id, struct person *out);

/* The id of the person with this external id (for re-imports); ERR_NOTFOUND when none. */
int person_find_external(struct db *db, struct arena *a, const char *external_id, int64_t *id);

/* True when another person has the same kana key and birth date: a likely duplicate, said to
 * the user without showing who it is. */
bool person_likely_duplicate(struct db *db, struct arena *a, const struct person *p);

/* A page of people acc may see, in kana order. text (optional) matches the start of the kana
 * (hiragana, katakana, half-width alike) or of the name; ward (optional) filters. Keyset
 * pagination: pass the previous page's last kana key and id (NULL, 0 for the first page). */
struct person_page {
	struct person *v;     /* the people */
	size_t n;             /* how many */
	bool more;            /* another page follows */
	char *last_key;       /* cursor for the next page */
	int64_t last_id;      /* cursor for the next page */
};
int person_search(struct db *db, struct arena *a, const struct access *acc, const char *text,
		  const char *ward, const char *after_key, int64_t after_id, int limit,
		  struct person_page *out);

/* Admissions of a person, newest first. */
int admission_list(struct db *db, struct arena *a, int64_t person_id, struct admission **out, size_t *n);
int admission_get(struct db *db, struct arena *a, int64_t id, struct admission *out);

/* The admission of person_id at hospital_id that began on admitted_on; ERR_NOTFOUND when none. */
int admission_find(struct db *db, struct arena *a, int64_t person_id, int64_t hospital_id,
		   const char *admitted_on, struct admission *out);

/* Validates and stores a new admission (discharge fields may be set for a past stay). The
 * hospital must be a psychiatric hospital of the directory; admissions of one person may not
 * overlap. */
int admission_add(struct db *db, struct arena *a, struct admission *ad, const char *today,
		  const char **field, const char **msg);

/* Records the discharge of an open admission. Does not touch cases: case_discharge() does that
 * and calls this. */
int admission_discharge(struct db *db, struct arena *a, int64_t id, const char *on,
			const char *destination, const char *today, const char **field, const char **msg);

#endif
