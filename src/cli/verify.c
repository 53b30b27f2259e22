/* verify — checks the audit log's hash chain: OK, or the first broken row. */
#include "arena.h"
#include "auth/audit.h"
#include "cli.h"
#include "db/db.h"
#include "error.h"

#include <inttypes.h>

int cmd_verify_audit(const struct args *a)
{
	struct arena *arena = arena_create(0);
	struct db *db = cli_open_db(a, arena, false);
	int rc = 1;
	if (!db)
		goto out;
	struct audit_check c;
	if (audit_verify(db, arena, &c)) {
		cli_error("cannot read the audit log: %s", db_errmsg(db));
	} else if (c.ok) {
		printf("audit log OK: %" PRId64 " rows verified\n", c.rows);
		rc = 0;
	} else if (c.broken_id) {
		printf("audit log BROKEN at row %" PRId64 ": %s\n", c.broken_id, c.problem);
	} else {
		printf("audit log BROKEN after row %" PRId64 ": %s\n", c.rows, c.problem);
	}
	db_close(db);
out:
	arena_destroy(arena);
	return rc;
}
