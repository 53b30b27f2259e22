/* verify — checks the audit log's hash chain: OK, or the first broken row. */
#include "arena.h"
#include "auth/audit.h"
#include "cli.h"
#include "db/db.h"
#include "error.h"

#include <inttypes.h>

static int verify(const struct args *a, struct db *db, struct arena *arena)
{
	struct audit_check c;
	if (audit_verify(db, arena, &c)) {
		cli_error("cannot read the audit log: %s", db_errmsg(db));
		return 1;
	}
	if (c.ok) {
		printf("audit log OK: %" PRId64 " rows verified\n", c.rows);
		return 0;
	}
	if (c.broken_id)
		printf("audit log BROKEN at row %" PRId64 ": %s\n", c.broken_id, c.problem);
	else
		printf("audit log BROKEN after row %" PRId64 ": %s\n", c.rows, c.problem);
	return 1;
}

int cmd_verify_audit(const struct args *a)
{
	return cli_with_db(a, verify);
}
