/*
 * migrate — brings a database's schema up to this binary's version, from the numbered SQL files
 * schema/NNN_name.sql embedded in the binary. Each file is applied once, in order, inside one
 * transaction with its row in schema_migrations, so a failure leaves the database as it was.
 * Migrations are never edited after they land; a change is a new file.
 */
#ifndef TSUNAGU_MIGRATE_H
#define TSUNAGU_MIGRATE_H

struct arena;
struct db;

/* Applies the missing migrations. ERR_NEWER when the database holds a version this binary does
 * not know. *msg explains a failure. */
int migrate_apply(struct db *db, const char **msg, struct arena *a);

#endif
