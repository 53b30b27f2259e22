/* init — an empty database for one municipality, its wards and a first administrator. */
#include "arena.h"
#include "cli.h"
#include "db/db.h"
#include "error.h"

#include <stdlib.h>
#include <sys/stat.h>

int cmd_init(const struct args *a)
{
	const char *code = args_get(a, "municipality", NULL), *name = args_get(a, "name", NULL);
	const char *admin = args_get(a, "admin", NULL);
	const char *password = args_get(a, "password", getenv("TSUNAGU_PASSWORD"));
	if (!code || !name) {
		cli_error("init needs --municipality CODE and --name NAME (see 'tsunagu init --help')");
		return 2;
	}
	if (admin && !password) {
		cli_error("--admin needs --password PW (or TSUNAGU_PASSWORD in the environment)");
		return 2;
	}
	const char *path = args_get(a, "db", DEFAULT_DB);
	struct stat st;
	if (stat(path, &st) == 0) {
		cli_error("database '%s' already exists: init only creates new databases", path);
		return 1;
	}
	const char *wards[ARGS_MAX];
	int nwards = args_all(a, "ward", wards, ARGS_MAX);

	struct arena *arena = arena_create(0);
	int rc = 1;
	struct db *db = cli_open_db(a, arena, true);
	if (!db)
		goto out_arena;
	long long office;
	if (db_begin(db) || cli_create_municipality(db, arena, code, name, wards, nwards, &office) ||
	    (admin && cli_create_user(db, arena, admin, "システム管理者", office, "admin", password)) ||
	    db_commit(db)) {
		db_rollback(db);
		db_close(db);
		/* Nothing half-made stays behind: the next init starts clean. SQLite really closes
		 * the database (and removes its WAL) only once the arena's statements are finalized,
		 * so the arena goes first: removing the file under the open connection left its WAL
		 * and shared-memory files behind. */
		arena_destroy(arena);
		cli_remove_db(path);
		return 1;
	}
	printf("created %s for %s (%s) with %d ward(s)%s%s\n", path, name, code, nwards,
	       admin ? ", administrator " : "", admin ? admin : "");
	db_close(db);
	rc = 0;
out_arena:
	arena_destroy(arena);
	return rc;
}
