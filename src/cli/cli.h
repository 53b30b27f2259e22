/*
 * cli — the command-line commands. main.c holds the command table; each command is a function
 * here taking the parsed arguments and returning an exit code (0 ok, 1 error, 2 usage). Commands
 * print results on stdout and errors on stderr, git style: what failed first, the subject quoted,
 * then how to fix it.
 */
#ifndef TSUNAGU_CLI_H
#define TSUNAGU_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct arena;
struct date;
struct db;

enum { ARGS_MAX = 64 };

/* Options are "--name value" or "--name=value"; flags are "--name"; the rest are positional. */
struct args {
	const char *names[ARGS_MAX];  /* option names without "--", pointing into argv */
	size_t lens[ARGS_MAX];        /* their lengths (a name may be followed by "=value") */
	const char *values[ARGS_MAX]; /* their values (NULL for flags) */
	int n;                        /* options given */
	const char *pos[ARGS_MAX];    /* positional arguments */
	int npos;                     /* how many */
};

/* Parses argv against spec, a space-separated list of known options: "db=" takes a value,
 * "help" is a flag. Unknown options and missing values are usage errors (message in *err). */
bool args_parse(int argc, char **argv, const char *spec, struct args *out, char *err, size_t errsize);

/* The last value of option name, or fallback. */
const char *args_get(const struct args *a, const char *name, const char *fallback);

/* Every value of a repeatable option, in order, into out[max]; returns how many. */
int args_all(const struct args *a, const char *name, const char **out, int max);

/* True when flag name was given. */
bool args_has(const struct args *a, const char *name);

/* Opens the database at --db (default ./var/tsunagu.db) for a command; prints the reason and
 * returns NULL on failure. */
struct db *cli_open_db(const struct args *a, struct arena *arena, bool create);

/* Runs fn with an arena and the database at --db, closing both after; returns fn's exit code
 * (1 when the database does not open). */
int cli_with_db(const struct args *a, int (*fn)(const struct args *a, struct db *db, struct arena *arena));

/* Removes the database at path with its -wal and -shm files; prints why not and returns false
 * on failure (a file already absent is not one). Close the database and finalize its statements
 * (drop their arena) first. */
bool cli_remove_db(const char *path);

/* Prints "tsunagu: <msg>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define DEFAULT_DB "./var/tsunagu.db"

int cmd_init(const struct args *a);
int cmd_serve(const struct args *a);
int cmd_demo(const struct args *a);
int cmd_user_add(const struct args *a);
int cmd_user_list(const struct args *a);
int cmd_user_disable(const struct args *a);
int cmd_user_passwd(const struct args *a);
int cmd_verify_audit(const struct args *a);
int cmd_import(const struct args *a);
int cmd_export(const struct args *a);
int cmd_report_indicators(const struct args *a);
int cmd_report_sheet(const struct args *a);

/* Shared by init and demo: creates the municipality, its wards ("CODE:NAME" texts) and the city
 * office organisation; returns the office's id in *office. Runs inside the caller's transaction. */
int cli_create_municipality(struct db *db, struct arena *a, const char *code, const char *name,
			    const char *const *wards, int nwards, long long *office);

/* Shared by init, demo and user add: validates and stores a user (password hashed), with its
 * audit row, inside the caller's transaction. */
int cli_create_user(struct db *db, struct arena *a, const char *login, const char *name,
		    long long org, const char *role, const char *password);

/* demo_cases.c: the demo's fictional persons, admissions and support cases in every stage, for
 * the directory and users demo.c made, inside the caller's transaction; counts what it made. */
struct demo_counts {
	int persons;         /* registered */
	int admissions;      /* recorded, past and current */
	int cases;           /* opened */
	int service_periods; /* added (an extension is not another) */
	int records;         /* support records */
	int goals;           /* set */
	int firms;           /* agent firms registered (demo_agents.c) */
	int cooperating;     /* of them cooperating */
	int listings;        /* their vacancies */
	int feedback;        /* their feedback on the scheme */
	int requests;        /* housing requests written (demo_housing.c) */
	int moved_in;        /* of them moved in through the scheme */
	int meetings;        /* meetings scheduled or held (demo_meetings.c) */
	int events;          /* events (demo_events.c) */
	int peers;           /* peer supporters registered */
	int programmes;      /* programmes of the history (demo_programmes.c) */
	int history_persons; /* fictional persons of the statistics history (demo_statistics.c) */
	int history_admissions; /* their admissions over the past fiscal years */
	int indicators;      /* the city's indicators (demo_indicators.c) */
};
int demo_add_cases(struct db *db, struct arena *a, struct demo_counts *counts);

struct access;
struct support_case;
/* The newest open case, among those acc sees, of the demo person whose family name is family;
 * ERR_NOTFOUND when none. */
int demo_case_of(struct db *db, struct arena *a, const struct access *acc, const char *family,
		 struct support_case *out);

/* demo_agents.c: the real-estate side of the housing referral system — a cooperating agent firm
 * in each ward (demo.c's ふじみ不動産 among them), one not yet trained, their listings, a login
 * for each extra firm's agent (demo_agent_logins, NULL-terminated, same password) and feedback —
 * inside the caller's transaction, after the organisations and users exist; counts what it made. */
extern const char *const demo_agent_logins[];
int demo_add_agents(struct db *db, struct arena *a, const char *password, struct demo_counts *counts);

/* demo_housing.c: housing requests of the demo's cases, through the scheme to moving in (the
 * seed's three) or under way, after demo_cases.c and demo_agents.c; counts what it made. */
int demo_add_housing(struct db *db, struct arena *a, struct demo_counts *counts);

/* demo_meetings.c, demo_events.c, demo_programmes.c: the forum's meetings (a monthly working
 * group with attendance, reviewed cases and action items), the seed's events of R3 and the peer
 * supporters, the seed's six programmes and its plan — after the cases and agents exist. */
int demo_add_meetings(struct db *db, struct arena *a, struct demo_counts *counts);
int demo_add_events(struct db *db, struct arena *a, struct demo_counts *counts);
int demo_add_programmes(struct db *db, struct arena *a, struct demo_counts *counts);

/* demo_history.c: the years before the demo's present — the scheme's first moves (FY2021).
 * demo_statistics.c: a clearly fictional admissions history for the national indicators, after
 * demo_add_history. demo_indicators.c: the city's indicators with the seed's R3 and R5 figures,
 * and the status sheet's texts. */
int demo_add_history(struct db *db, struct arena *a, struct demo_counts *counts);
int demo_add_statistics(struct db *db, struct arena *a, struct demo_counts *counts);
int demo_add_indicators(struct db *db, struct arena *a, struct demo_counts *counts);

/* demo_work.c: the way one demo case went, as demo_cases.c built it, for its casework. Days are
 * counted back from today; a stage never reached is -1. */
struct demo_way {
	const char *name;        /* the person's family name, for messages */
	int row;                 /* the case's row in demo_cases.c: varies the texts */
	int64_t case_id;         /* the case, still open */
	int64_t counselor;       /* the ward's counsellor: writes the support records */
	int64_t office;          /* the ward's consultation-support office: provides the services */
	int64_t group_home;      /* provides 共同生活援助 */
	const char *stage;       /* the stage the case ends up in (case_stages code) */
	int opened;              /* days ago */
	int assessing, planning, transitioning, housing; /* days ago each was first reached, or -1 */
	int discharged;          /* days ago; 0: in hospital */
	const char *destination; /* where to, when discharged */
	int closed;              /* days ago; 0: open */
	const char *reason;      /* why closed */
	bool group_home_bound;   /* the group home is (or was) where the person goes */
	bool day_service, peer;  /* the day-activity centre, a peer supporter on the team */
	bool monitoring_due;     /* 計画相談支援's next monitoring falls within the month */
	bool transition_ends;    /* 地域移行支援's granted end falls within the month */
};
/* Adds the case's service periods, support records and goals (demo_work.c says which), inside
 * the caller's transaction, before its discharge and closing are recorded; counts them. */
int demo_add_casework(struct db *db, struct arena *a, const struct date *today, const struct demo_way *w,
		      struct demo_counts *counts);

#endif
