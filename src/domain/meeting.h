/*
 * meeting — the meetings of the consultation forum (協議の場) and its groups (DESIGN §2 "Forum and
 * meetings"; seed §1 one city-wide forum, §3 the monthly liaison meeting that became the
 * 地域移行支援部会ワーキンググループ): each with its day, time, place and ward (or city-wide), a
 * status planned → held or cancelled, the goal-setting (目標設定) and evaluation (評価) flags, the
 * minutes, who came (by organisation, or a group without one such as 当事者 or 家族, each with a
 * sector and a head count), the cases it reviewed and the action items it gave organisations.
 *
 * The rules the writers enforce (each refusal with *field and a gettext msgid in *msg):
 *   - a meeting: a known kind, a title, a real day; times HH:MM with the end after the start; a
 *     ward of the municipality or none (city-wide); a meeting recorded as held is not in the
 *     future; a monthly series has 1..MEETING_SERIES_MAX meetings, all planned   ERR_INVALID
 *   - attendance, reviewed cases: only for a meeting not cancelled whose day has come (who came
 *     and what was discussed are known afterwards)                               ERR_INVALID
 *   - attendance: an active organisation or a label (not both), a known sector, a head count of
 *     1..MEETING_HEADS_MAX; the same organisation (or label and sector) once     ERR_INVALID/CONFLICT
 *   - a reviewed case: one the reader may see under access.h (else ERR_NOTFOUND, as if it did not
 *     exist), once per meeting (ERR_CONFLICT), with its discussion
 *   - an action item: a meeting not cancelled, a text, an active owner organisation, a real due
 *     date                                                                        ERR_INVALID
 *
 * Who sees what: everything here is the municipality's record, open to every staff role, except
 * a reviewed case's person, discussion and decision, which readers fill only when the reader may
 * see the case (access.h) — and never for a peer supporter, whose view of a case is minimal and
 * holds no casework text; others learn that a case was reviewed and nothing more. Printouts show
 * such a case by the person's initials (meeting_initials): romanised (Hepburn) first letters of
 * the family and given readings, family first as Japanese documents write them — スズキ アキラ is
 * "S.A." — so the paper on the table says which case was meant to those who know it, and no name.
 *
 * Monthly series fall on the same day of each month, clamped to the month's last day (a series
 * from January 31 meets on February 28 or 29, then March 31): each date is counted from the first
 * in C (meeting_series_dates), never with SQL date functions.
 *
 * Writers run in the caller's transaction with its audit row and assume the router and page checked
 * who may act. Every string returned lives in the caller's arena.
 */
#ifndef TSUNAGU_MEETING_H
#define TSUNAGU_MEETING_H

#include "access.h"
#include "codes.h"
#include "date.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	MEETING_TITLE_MAX = 200,   /* bytes of a title or a place */
	MEETING_MINUTES_MAX = 20000,
	MEETING_TEXT_MAX = 4000,   /* a discussion, a decision */
	MEETING_ACTION_MAX = 1000, /* an action item's text */
	MEETING_LABEL_MAX = 100,   /* an attendance label: "当事者", "家族会" */
	MEETING_HEADS_MAX = 500,   /* people one attendance row counts */
	MEETING_SERIES_MAX = 24,   /* meetings one monthly series makes: two years */
	MEETING_LIST_MAX = 200,    /* rows one listing returns */
	MEETING_SECTORS = 9,       /* entries of meeting_sectors */
};

extern const struct code meeting_kinds[];    /* forum subcommittee working_group liaison case_conference */
extern const struct code meeting_statuses[]; /* planned held cancelled */
/* health psychiatric medical_other welfare care person family housing other: the sectors of the
 * national indicators (保健, 医療(精神科), 医療(精神科以外), 福祉, 介護, 当事者, 家族, 住まい, その他). */
extern const struct code meeting_sectors[];

struct meeting {
	int64_t id;          /* 0 before it is stored */
	char *kind;          /* meeting_kinds */
	char *title;         /* "地域移行支援部会ワーキンググループ" */
	char *held_on;       /* the day, planned or held, YYYY-MM-DD */
	char *starts_at;     /* HH:MM or NULL */
	char *ends_at;       /* HH:MM or NULL */
	char *place;         /* or NULL */
	char *ward_code;     /* NULL: city-wide */
	char *status;        /* meeting_statuses */
	bool goal_setting;   /* the meeting set goals */
	bool evaluation;     /* the meeting evaluated them */
	char *minutes;       /* or NULL */
	int64_t series_id;   /* the first meeting of its monthly series, 0: none */
	int64_t created_by;  /* the user */
	int heads;           /* people who came, all rows together; filled by readers */
};

struct meeting_attendance {
	int64_t id;                /* 0 before it is stored */
	int64_t meeting_id;
	int64_t organisation_id;   /* 0 when a label stands for a group without one */
	char *organisation_name;   /* filled by readers */
	char *label;               /* when no organisation */
	char *sector;              /* meeting_sectors */
	int head_count;            /* 1..MEETING_HEADS_MAX */
};

struct meeting_case {
	int64_t id;          /* 0 before it is stored */
	int64_t meeting_id;
	int64_t case_id;     /* always filled; shown only when visible */
	bool visible;        /* the reader may see the case */
	char *person_name;   /* when visible, else NULL */
	char *initials;      /* "S.A.", always: for printouts (see the top of this file) */
	char *discussion;    /* when visible, else NULL */
	char *decision;      /* when visible, else NULL (also when none was recorded) */
};

struct action_item {
	int64_t id;              /* 0 before it is stored */
	int64_t meeting_id;
	char *meeting_title;     /* filled by readers */
	char *meeting_kind;      /* filled by readers */
	char *meeting_on;        /* the meeting's day; filled by readers */
	char *body;              /* what to do */
	int64_t owner_org_id;    /* who does it */
	char *owner_name;        /* filled by readers */
	char *due_on;            /* YYYY-MM-DD */
	char *done_on;           /* NULL while open */
};

/* People by sector over one meeting or many: heads[i] counts meeting_sectors[i]. */
struct meeting_totals {
	int heads[MEETING_SECTORS]; /* by sector, in meeting_sectors order */
	int total;                  /* all sectors */
	int meetings;               /* meetings counted (meeting_totals_held) */
	int goal_setting;           /* of them with the goal-setting flag */
	int evaluation;             /* of them with the evaluation flag */
};

/* ---- pure helpers ---- */

/* The index of sector code in meeting_sectors, or -1. */
int meeting_sector_index(const char *sector);

/* The sector an organisation of directory kind kind usually attends for (a psychiatric hospital
 * for 医療(精神科), a care-management office for 介護 …); "other" when unknown. */
const char *meeting_sector_for_kind(const char *kind);

/* Adds n attendance rows to *t (which the caller zeroed); rows of an unknown sector count in the
 * total only. Does not touch t->meetings. */
void meeting_totals_add(struct meeting_totals *t, const struct meeting_attendance *v, size_t n);

/* The days of a monthly series of count meetings starting on first: out[i] is first plus i
 * calendar months, the day clamped to that month's end. false (nothing written) unless
 * 1 ≤ count ≤ MEETING_SERIES_MAX. */
bool meeting_series_dates(struct date first, int count, struct date *out);

/* "S.A." from katakana or hiragana readings (the first letter of each, Hepburn: シ S, チ C, ツ T,
 * フ F, ジ J); a reading that starts with no kana gives its first ASCII letter upper-cased, or "?". */
char *meeting_initials(struct arena *a, const char *family_kana, const char *given_kana);

/* ---- meetings ---- */

/* Validates m and stores it as created by user_id — with count − 1 more on the same day of the
 * following months when count > 1 (a series: every one planned, each with series_id the first's
 * id). Sets m->id (the first) and m->series_id. today (YYYY-MM-DD, Japan) bounds "held". */
int meeting_schedule(struct db *db, struct arena *a, struct meeting *m, int count, int64_t user_id,
		     const char *today, const char **field, const char **msg);

/* Validates m as meeting_schedule does and saves its details, status, flags and minutes over
 * meeting m->id (ERR_NOTFOUND when none); the series is kept. */
int meeting_save(struct db *db, struct arena *a, struct meeting *m, const char *today, const char **field,
		 const char **msg);

/* The meeting with this id; ERR_NOTFOUND when none. */
int meeting_get(struct db *db, struct arena *a, int64_t id, struct meeting *out);

/* Meetings of kind (NULL or "": every kind): upcoming (held_on ≥ today, soonest first) or
 * past (before today, latest first), at most MEETING_LIST_MAX. */
int meeting_list(struct db *db, struct arena *a, const char *kind, const char *today, bool upcoming,
		 struct meeting **out, size_t *n);

/* The other meetings of m's series (none when it has none), by day. */
int meeting_series(struct db *db, struct arena *a, const struct meeting *m, struct meeting **out, size_t *n);

/* ---- attendance and totals ---- */

/* Who came to meeting_id, by sector order then name. */
int meeting_attendance(struct db *db, struct arena *a, int64_t meeting_id, struct meeting_attendance **out,
		       size_t *n);

/* Checks r against the rules at the top of this file and stores it; sets r->id. An empty sector
 * with an organisation takes meeting_sector_for_kind of its kind. */
int meeting_attendance_record(struct db *db, struct arena *a, struct meeting_attendance *r, const char *today,
			      const char **field, const char **msg);

/* Takes row id off meeting_id; ERR_NOTFOUND when it is not one of its rows. */
int meeting_attendance_delete(struct db *db, struct arena *a, int64_t meeting_id, int64_t id);

/* The totals of meeting_id by sector (t->meetings is 1). */
int meeting_totals(struct db *db, struct arena *a, int64_t meeting_id, struct meeting_totals *out);

/* The totals over the meetings held (status held) of kind (NULL: every kind) with a day in
 * [from, to] (YYYY-MM-DD, both included; a fiscal year is from April 1 to March 31): people by
 * sector, meetings, and how many set goals or evaluated. ERR_INVALID for a bad date. */
int meeting_totals_held(struct db *db, struct arena *a, const char *kind, const char *from, const char *to,
			struct meeting_totals *out);

/* ---- reviewed cases ---- */

/* The cases meeting_id reviewed, as acc may see them (see the top of this file), in order of
 * recording. */
int meeting_cases(struct db *db, struct arena *a, const struct access *acc, int64_t meeting_id,
		  struct meeting_case **out, size_t *n);

/* Records that r->meeting_id reviewed case r->case_id with r->discussion (required) and
 * r->decision (optional), by acc's user; the case must be visible to acc (ERR_NOTFOUND). */
int meeting_case_record(struct db *db, struct arena *a, const struct access *acc, struct meeting_case *r,
			const char **field, const char **msg);

/* ---- action items ---- */

/* Checks r against the rules at the top of this file and stores it open; sets r->id. */
int meeting_action_record(struct db *db, struct arena *a, struct action_item *r, const char **field,
			  const char **msg);

/* The action items of meeting_id: open ones first, by due date. */
int meeting_actions(struct db *db, struct arena *a, int64_t meeting_id, struct action_item **out, size_t *n);

/* The open action items owned by organisation org, by due date (so overdue ones first), at most
 * MEETING_LIST_MAX. */
int action_items_open(struct db *db, struct arena *a, int64_t org, struct action_item **out, size_t *n);

/* The action item with this id; ERR_NOTFOUND when none. */
int action_item_get(struct db *db, struct arena *a, int64_t id, struct action_item *out);

/* Marks open item id done on today by user_id; an item already done is ERR_CONFLICT. */
int action_item_done(struct db *db, struct arena *a, int64_t id, int64_t user_id, const char *today,
		     const char **field, const char **msg);

#endif
