/*
 * agent — the real-estate side of the housing referral system (住宅あっせんシステム; DESIGN §2
 * "Housing referral", seed §4 ①): the agent firms of the association (宅建協会員) that the city
 * registers, the trainings they completed, the periods they cooperate, their vacancies
 * (listings), and their feedback on the scheme.
 *
 * A firm is an organisation of kind real_estate with an agent_firm row; its users have the role
 * agent. The city activates cooperation only after a recorded training; requests are sent only
 * to firms cooperating today, and a firm whose cooperation ended sees none of its requests any
 * more (housing.h).
 *
 * Nothing here touches a person or a case. Writers assume the router and the page checked who may
 * make the change (the city for firms; an agent only for its own firm's listings) and run inside
 * the caller's transaction with its audit row. Validation failures return ERR_INVALID or
 * ERR_CONFLICT with *field naming the form field and *msg a gettext msgid. Every string returned
 * lives in the caller's arena. Text is NFKC-normalised and trimmed before it is checked.
 */
#ifndef TSUNAGU_AGENT_H
#define TSUNAGU_AGENT_H

#include "codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

enum {
	AGENT_TEXT_MAX = 200,      /* bytes of a name, address, phone, title */
	AGENT_NOTE_MAX = 2000,     /* bytes of a listing's note */
	AGENT_FEEDBACK_MAX = 4000, /* bytes of a feedback text */
	AGENT_LIST_MAX = 500,      /* the most rows one listing returns */
	LISTING_RENT_MAX = 1000000 /* yen a month: a typo beyond it is caught, not stored */
};

extern const struct code listing_layouts[];    /* 1R 1K 1DK 1LDK 2K 2DK 2LDK 3K+ */
extern const struct code listing_statuses[];   /* open held contracted withdrawn */
extern const struct code listing_guarantors[]; /* company person either none */
extern const struct code listing_access_kinds[]; /* station bus */
extern const struct code agent_feedback_topics[]; /* training sheet requests contact other */

struct agent_firm {
	int64_t organisation_id; /* 0 before it is stored */
	char *name;              /* the organisation's name */
	char *ward_code;         /* the organisation's own ward (where its office is), or NULL */
	bool active;             /* the organisation is active */
	char *member_no;         /* 宅建協会 member number, unique */
	char *contact_name;
	char *phone;
	char *email;             /* may be NULL */
	char **wards;            /* ward codes it covers */
	size_t n_wards;
	char *trained_on;        /* the latest training's date, NULL when none; filled by readers */
	char *cooperating_from;  /* start of the open cooperation period, NULL when not cooperating */
	int open_listings;       /* listings with status open; filled by readers */
};

struct agent_training {
	int64_t id;
	int64_t organisation_id;
	char *trained_on; /* YYYY-MM-DD, not after today */
	int attendees;    /* 1..100 */
	char *title;      /* the training's title */
};

struct agent_period {
	char *from_on;
	char *until_on; /* NULL while open */
};

/* Every firm, by name, with trained_on, cooperating_from and open_listings filled. */
int agent_firms(struct db *db, struct arena *a, struct agent_firm **out, size_t *n);

/* Firms cooperating today that cover ward (NULL: any ward), by name: those a request can go to. */
int agent_firms_cooperating(struct db *db, struct arena *a, const char *ward, const char *today,
			    struct agent_firm **out, size_t *n);

/* The firm of organisation id; ERR_NOTFOUND when the organisation is no agent firm. */
int agent_firm_get(struct db *db, struct arena *a, int64_t id, struct agent_firm *out);

/* True in *yes when organisation id is a firm cooperating on today. */
int agent_firm_cooperating(struct db *db, int64_t id, const char *today, bool *yes);

/* Registers a new firm: creates the organisation (kind real_estate, sector housing) named f->name
 * in municipality muni and its agent_firm row with member number, contact, phone, e-mail and
 * covered wards (at least one, each a ward of the municipality). Sets f->organisation_id. A name
 * or member number already used is ERR_CONFLICT. When f->organisation_id is already set, that
 * organisation of the directory (an active real_estate of the municipality, not yet a firm) is
 * registered as the firm instead, keeping its name. */
int agent_firm_create(struct db *db, struct arena *a, const char *muni, struct agent_firm *f,
		      const char **field, const char **msg);

/* Saves the contact, phone, e-mail, member number and covered wards of firm f->organisation_id
 * (not its name: the directory keeps that). */
int agent_firm_update(struct db *db, struct arena *a, struct agent_firm *f, const char **field,
		      const char **msg);

/* The firm's trainings, latest first, and its cooperation periods, latest first. */
int agent_trainings(struct db *db, struct arena *a, int64_t org, struct agent_training **out, size_t *n);
int agent_periods(struct db *db, struct arena *a, int64_t org, struct agent_period **out, size_t *n);

/* Records a training the firm completed (a real date not after today, 1..100 attendees, a title). */
int agent_training_add(struct db *db, struct arena *a, struct agent_training *t, int64_t user_id,
		       const char *today, const char **field, const char **msg);

/* Starts cooperation on today: refused (ERR_INVALID) without a training on or before today, or
 * when the organisation is inactive; ERR_CONFLICT when it already cooperates. */
int agent_cooperation_start(struct db *db, struct arena *a, int64_t org, const char *today,
			    const char **field, const char **msg);

/* Ends the open cooperation period on today; ERR_INVALID when there is none. */
int agent_cooperation_end(struct db *db, struct arena *a, int64_t org, const char *today,
			  const char **field, const char **msg);

/* Firms cooperating at the end of day on (YYYY-MM-DD) with a training on or before it: the
 * indicator housing_agents_cooperating counts them at the end of a fiscal year. */
int agent_count_cooperating(struct db *db, const char *on, int *count);

/* ---- listings ---- */

struct listing {
	int64_t id;              /* 0 before it is stored */
	int64_t organisation_id; /* the firm offering it */
	char *firm_name;         /* filled by readers */
	char *ward_code;
	char *address;
	int rent, fees;          /* yen a month */
	int deposit, key_money;  /* yen */
	char *layout;            /* listing_layouts */
	int floor;               /* 1..60 */
	bool lift;
	char *access_kind;       /* station or bus */
	char *access_name;
	int access_minutes;      /* on foot, 0..120 */
	char *guarantor;         /* listing_guarantors */
	bool public_assistance;  /* takes tenants on 生活保護 within the housing allowance */
	char *available_from;    /* YYYY-MM-DD */
	char *status;            /* listing_statuses */
	char *note;              /* may be NULL */
	char *updated_on;        /* the date of the last change, filled by readers */
};

/* Listings of firm org (0: of every firm), newest first; statuses NULL for all, or a
 * NULL-terminated list of statuses to keep. */
int listings_of(struct db *db, struct arena *a, int64_t org, const char *const *statuses,
		struct listing **out, size_t *n);

/* Open listings of firms cooperating on today, for matching (housing.h); of firm org only, or of
 * every firm when org is 0. */
int listings_open(struct db *db, struct arena *a, const char *today, int64_t org, struct listing **out,
		  size_t *n);

/* The listing with this id; ERR_NOTFOUND when none. The page checks whose it is. */
int listing_get(struct db *db, struct arena *a, int64_t id, struct listing *out);

/* Validates and stores l (new when l->id is 0: sets l->id; otherwise replaces every field but the
 * firm). Rent 1..LISTING_RENT_MAX, other amounts 0..LISTING_RENT_MAX×10, floor 1..60, minutes
 * 0..120, codes from the tables, a ward of the municipality, available_from a real date. */
int listing_save(struct db *db, struct arena *a, struct listing *l, const char **field, const char **msg);

/* Sets only the status of listing id (the housing request's progress holds and contracts it). */
int listing_set_status(struct db *db, int64_t id, const char *status);

/* ---- feedback ---- */

struct agent_feedback {
	int64_t id;
	int64_t organisation_id;
	char *firm_name; /* filled by readers */
	char *topic;     /* agent_feedback_topics */
	char *body;
	char *sent_on;   /* the date, in Japan */
};

/* Stores feedback from user_id of firm org (body 1..AGENT_FEEDBACK_MAX bytes). */
int agent_feedback_add(struct db *db, struct arena *a, struct agent_feedback *f, int64_t user_id,
		       const char **field, const char **msg);

/* Feedback of firm org (0: of every firm), newest first (at most AGENT_LIST_MAX). */
int agent_feedback_list(struct db *db, struct arena *a, int64_t org, struct agent_feedback **out, size_t *n);

#endif
