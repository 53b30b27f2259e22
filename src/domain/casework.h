/*
 * casework — the day-to-day work on a support case: the welfare service periods it uses
 * (地域移行支援, 地域定着支援, …), the support records (支援記録) and the plan's goals.
 *
 * Service lengths follow the 障害者総合支援法 rules the counsellors know: 地域移行支援 is granted
 * for 6 months and may be extended (once, up to 6 more); 地域定着支援 for 1 year, renewable;
 * 計画相談支援 has a monitoring interval in months. The domain checks dates and lengths, not the
 * municipality's decision itself.
 *
 * Writers run inside the caller's transaction after the caller checked the case is visible
 * (case_get with its access). Validation: ERR_INVALID with *field and *msg (a gettext msgid).
 * A closed case takes no new service period, extension, goal or review (case_require_open); a
 * support record may still be added to it, as the work after the closing is worth recording.
 */
#ifndef TSUNAGU_CASEWORK_H
#define TSUNAGU_CASEWORK_H

#include "case.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const struct code casework_services[];     /* service codes and labels */
extern const struct code casework_record_kinds[]; /* support record kinds */
extern const struct code casework_goal_statuses[];

struct service_period {
	int64_t id;
	int64_t case_id;
	char *service;           /* a casework_services code */
	int64_t provider_id;     /* 0 when not recorded */
	char *provider_name;     /* filled by readers */
	char *starts_on;         /* YYYY-MM-DD */
	char *ends_on;           /* the granted end */
	char *extended_to;       /* NULL unless 地域移行支援 was extended */
	int monitoring_months;   /* 計画相談支援 only; 0 otherwise */
	char *next_monitoring;   /* 計画相談支援: the next monitoring month's first day after today */
};

/* The next 計画相談支援 monitoring after today of a period starting on starts_on with one every
 * `every` months, as YYYY-MM-DD into out; out is "" when there is none (every 0, bad dates). */
void casework_next_monitoring(const char *starts_on, int every, const char *today, char out[11]);

/* The longest first grant of each service in months (0: no fixed length). */
int casework_service_months(const char *service);

int service_periods(struct db *db, struct arena *a, int64_t case_id, const char *today,
		    struct service_period **out, size_t *n);
int service_period_add(struct db *db, struct arena *a, struct service_period *sp, const char *today,
		       const char **field, const char **msg);
/* Extends a 地域移行支援 period once, by at most 6 months past its end. */
int service_period_extend(struct db *db, struct arena *a, int64_t case_id, int64_t id, const char *to,
			  const char **field, const char **msg);

struct support_record {
	int64_t id;
	char *recorded_on; /* YYYY-MM-DD */
	char *kind;        /* a casework_record_kinds code */
	int minutes;       /* 0 … 1440 */
	char *body;        /* the text (personal data: shown only on the case page) */
	char *author;      /* the user's display name */
};
/* The newest first, at most limit. */
int support_records(struct db *db, struct arena *a, int64_t case_id, int limit,
		    struct support_record **out, size_t *n);
/* body up to 20,000 bytes after NFKC; a date not in the future. */
int support_record_add(struct db *db, struct arena *a, int64_t case_id, struct support_record *r,
		       int64_t user_id, const char *today, const char **field, const char **msg);

struct goal {
	int64_t id;
	char *body;        /* the goal in the person's words where possible */
	char *set_on;      /* YYYY-MM-DD */
	char *status;      /* a casework_goal_statuses code */
	char *reviewed_on; /* last review, or NULL */
};
int goals(struct db *db, struct arena *a, int64_t case_id, struct goal **out, size_t *n);
int goal_add(struct db *db, struct arena *a, int64_t case_id, struct goal *g, const char *today,
	     const char **field, const char **msg);
/* Sets goal id's status as reviewed on `on` (not before it was set, not after today). A goal that
 * is not the case's is ERR_INVALID on field goal_id. */
int goal_review(struct db *db, struct arena *a, int64_t case_id, int64_t id, const char *status,
		const char *on, const char *today, const char **field, const char **msg);

#endif
