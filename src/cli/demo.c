/*
 * demo — a database for Shizuoka City (221007) with its three wards, fictional organisations of
 * every kind and one user per role, all with the same password (random when --password is not
 * given), and the persons and support cases of demo_cases.c with their casework (demo_work.c).
 * The names of organisations and people are invented; the structure follows the seed.
 */
#include "arena.h"
#include "auth/crypto.h"
#include "cli.h"
#include "db/db.h"
#include "domain/directory.h"
#include "error.h"

#include <stdlib.h>
#include <sys/stat.h>

static const char *const wards[] = { "221015:葵区", "221023:駿河区", "221031:清水区" };

static const struct {
	const char *name;  /* fictional */
	const char *kind;  /* directory_kinds code */
	const char *ward;  /* NULL: city-wide */
} orgs[] = {
	{ "静岡市保健所 精神保健福祉係", "health_centre", NULL },
	{ "葵こころの森病院", "psychiatric_hospital", "221015" },
	{ "駿河さくら病院", "psychiatric_hospital", "221023" },
	{ "清水みなと病院", "psychiatric_hospital", "221031" },
	{ "しずはたメンタルクリニック", "clinic", "221015" },
	{ "訪問看護ステーションあおば", "visiting_nurse", "221015" },
	{ "葵区相談支援センターつむぎ", "consultation_support", "221015" },
	{ "駿河区相談支援センターみらい", "consultation_support", "221023" },
	{ "清水区相談支援センターうみかぜ", "consultation_support", "221031" },
	{ "グループホームひだまり", "group_home", "221023" },
	{ "地域活動支援センターそら", "day_service", "221031" },
	{ "駿河中部地域包括支援センター", "elderly_support_centre", "221023" },
	{ "ケアプランセンターふじみ", "care_management", "221015" },
	{ "静岡中部宅建協会（デモ）", "real_estate_association", NULL },
	{ "ふじみ不動産", "real_estate", "221023" },
	{ "ピアサポートしずおか", "peer_group", NULL },
	{ "静岡市精神保健福祉家族会（デモ）", "family_association", NULL },
};

static const struct {
	const char *login; /* what the README lists */
	const char *name;  /* fictional */
	const char *role;  /* role code */
	const char *org;   /* organisation name; NULL = the city office */
} users[] = {
	{ "admin", "システム管理者", "admin", NULL },
	{ "city", "静岡 市子", "city", NULL },
	{ "auditor", "監査 一郎", "auditor", NULL },
	{ "counselor-aoi", "相談 葵", "counselor", "葵区相談支援センターつむぎ" },
	{ "counselor-suruga", "相談 駿河", "counselor", "駿河区相談支援センターみらい" },
	{ "counselor-shimizu", "相談 清水", "counselor", "清水区相談支援センターうみかぜ" },
	{ "hospital", "病院 花子", "hospital", "葵こころの森病院" },
	{ "provider", "支援 太郎", "provider", "グループホームひだまり" },
	{ "elderly", "包括 和子", "elderly", "駿河中部地域包括支援センター" },
	{ "peer", "ピア 翔", "peer", "ピアサポートしずおか" },
	{ "agent", "不動産 誠", "agent", "ふじみ不動産" },
};

static int build(struct db *db, struct arena *a, const char *password, struct demo_counts *counts)
{
	long long office;
	int rc = cli_create_municipality(db, a, "221007", "静岡市", wards, 3, &office);
	for (size_t i = 0; !rc && i < sizeof orgs / sizeof orgs[0]; i++) {
		struct organisation o = { .name = (char *)orgs[i].name, .kind = (char *)orgs[i].kind,
					  .ward_code = (char *)orgs[i].ward, .active = true };
		const char *msg = NULL;
		if ((rc = directory_org_save(db, a, &o, &msg)))
			cli_error("cannot add organisation '%s': %s", orgs[i].name, msg ? msg : err_text(rc));
	}
	for (size_t i = 0; !rc && i < sizeof users / sizeof users[0]; i++) {
		int64_t org = office;
		if (users[i].org && (rc = directory_org_find(db, a, users[i].org, &org)))
			break;
		rc = cli_create_user(db, a, users[i].login, users[i].name, org, users[i].role, password);
	}
	if (!rc)
		rc = demo_add_cases(db, a, counts);
	if (!rc)
		rc = demo_add_agents(db, a, password, counts);
	if (!rc)
		rc = demo_add_housing(db, a, counts);
	if (!rc)
		rc = demo_add_meetings(db, a, counts);
	if (!rc)
		rc = demo_add_events(db, a, counts);
	if (!rc)
		rc = demo_add_programmes(db, a, counts);
	if (!rc)
		rc = demo_add_history(db, a, counts);
	if (!rc)
		rc = demo_add_statistics(db, a, counts);
	return rc ? rc : demo_add_indicators(db, a, counts);
}

int cmd_demo(const struct args *a)
{
	const char *path = args_get(a, "db", DEFAULT_DB);
	struct stat st;
	if (stat(path, &st) == 0) {
		if (!args_has(a, "force")) {
			cli_error("database '%s' already exists: use --force to replace it with the demo", path);
			return 1;
		}
		/* The demo replaces the whole database, its WAL and shared-memory files too. */
		if (!cli_remove_db(path))
			return 1;
	}
	struct arena *arena = arena_create(0);
	int rc = 1;
	bool half_made = false;
	const char *password = args_get(a, "password", getenv("TSUNAGU_PASSWORD"));
	if (!password)
		password = crypto_random_hex(arena, 12);
	struct db *db = cli_open_db(a, arena, true);
	if (!db)
		goto out;
	struct demo_counts counts;
	if (db_begin(db) || build(db, arena, password, &counts) || db_commit(db)) {
		db_rollback(db);
		db_close(db);
		half_made = true;
		goto out;
	}
	db_close(db);
	printf("demo database for 静岡市 (221007) created at %s\n\n", path);
	printf("  %-18s  %s\n", "login", "role");
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		printf("  %-18s  %s\n", users[i].login, users[i].role);
	for (size_t i = 0; demo_agent_logins[i]; i++)
		printf("  %-18s  %s\n", demo_agent_logins[i], "agent");
	printf("\n  password for every demo login: %s\n", password);
	printf("  %d persons, %d admissions, %d cases (fictional)\n", counts.persons, counts.admissions,
	       counts.cases);
	printf("  %d service periods, %d support records, %d goals\n", counts.service_periods, counts.records,
	       counts.goals);
	printf("  %d agent firms (%d cooperating), %d listings, %d feedback entries\n", counts.firms,
	       counts.cooperating, counts.listings, counts.feedback);
	printf("  %d housing requests, %d moved in through the scheme\n", counts.requests, counts.moved_in);
	printf("  %d meetings, %d events, %d peer supporters, %d programmes\n", counts.meetings, counts.events,
	       counts.peers, counts.programmes);
	printf("  %d statistics persons (統計 架空…) with %d admissions since FY2015, no cases\n",
	       counts.history_persons, counts.history_admissions);
	rc = 0;
out:
	arena_destroy(arena);
	/* Only now, with its statements finalized, is the database really closed: removing it
	 * earlier left its WAL behind. */
	if (half_made)
		cli_remove_db(path);
	return rc;
}
