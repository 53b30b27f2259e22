/*
 * main — tsunagu is its command table (git's commands[]): each line names a command, its
 * sub-commands, the options it accepts, its usage and a summary. Matching is exact. After a
 * command, a failed flush of stdout (a full disk) is an error exit, as in git.
 */
#include "auth/crypto.h"
#include "cli/cli.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;               /* "user" */
	const struct command *subs;     /* sub-command table ending with name NULL, or NULL */
	int (*run)(const struct args *a); /* NULL when subs is set */
	const char *options;            /* args_parse spec */
	const char *usage;              /* synopsis after "tsunagu " */
	const char *summary;            /* one line */
};

static const struct command user_commands[] = {
	{ "add", NULL, cmd_user_add, "db= name= org= role= password= help",
	  "user add LOGIN --name NAME --org ORGANISATION --role ROLE [--password PW] [--db PATH]",
	  "add a user (a random password is printed when none is given)" },
	{ "list", NULL, cmd_user_list, "db= help", "user list [--db PATH]", "list users" },
	{ "disable", NULL, cmd_user_disable, "db= help", "user disable LOGIN [--db PATH]",
	  "disable a user and end their sessions" },
	{ "passwd", NULL, cmd_user_passwd, "db= password= help",
	  "user passwd LOGIN [--password PW] [--db PATH]", "set a new password" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct command verify_commands[] = {
	{ "audit", NULL, cmd_verify_audit, "db= help", "verify audit [--db PATH]",
	  "check the audit log's hash chain: OK, or the first broken row" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct command report_commands[] = {
	{ "indicators", NULL, cmd_report_indicators, "db= fy= ward= as-of= format= help",
	  "report indicators --fy YEAR [--ward CODE|all] [--as-of YYYY-MM-DD] [--format json|csv] [--db PATH]",
	  "print every computed indicator of a fiscal year as JSON or CSV" },
	{ "sheet", NULL, cmd_report_sheet, "db= fy= as-of= format= out= help",
	  "report sheet --fy YEAR --format html|xlsx|pdf --out FILE [--as-of YYYY-MM-DD] [--db PATH]",
	  "write the status-sharing sheet of a fiscal year as a page, a workbook or a PDF" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static int cmd_version(const struct args *a);
static int cmd_help(const struct args *a);

static const struct command commands[] = {
	{ "init", NULL, cmd_init, "db= municipality= name= ward= admin= password= help",
	  "init --municipality CODE --name NAME [--ward CODE:NAME]... [--admin LOGIN --password PW] [--db PATH]",
	  "create an empty database for one municipality" },
	{ "serve", NULL, cmd_serve, "db= listen= threads= verbose help",
	  "serve [--listen ADDR:PORT] [--threads N] [--verbose] [--db PATH]",
	  "serve the web interface (default 127.0.0.1:8080)" },
	{ "demo", NULL, cmd_demo, "db= password= force help", "demo [--password PW] [--force] [--db PATH]",
	  "create the Shizuoka City demo database and print its logins" },
	{ "import", NULL, cmd_import, "db= help",
	  "import organisations|persons|admissions FILE [--db PATH]",
	  "import the city's records from CSV (UTF-8 or Shift_JIS); all rows or none" },
	{ "export", NULL, cmd_export, "db= out= lang= help", "export cases [--out FILE] [--lang ja|en] [--db PATH]",
	  "export the case list as CSV that Excel opens (UTF-8 with BOM)" },
	{ "report", report_commands, NULL, NULL, "report indicators|sheet ...", "figures and the status sheet for the city's reports" },
	{ "user", user_commands, NULL, NULL, "user add|list|disable|passwd ...", "manage user accounts" },
	{ "verify", verify_commands, NULL, NULL, "verify audit ...", "verify stored data" },
	{ "version", NULL, cmd_version, "help", "version", "print the version" },
	{ "help", NULL, cmd_help, "help", "help [COMMAND]", "show the commands" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static void list_commands(FILE *f, const struct command *t, const char *prefix)
{
	for (; t->name; t++) {
		if (t->subs)
			list_commands(f, t->subs, t->name);
		else
			fprintf(f, "  %s%s%-*s %s\n", prefix, *prefix ? " " : "",
				(int)(16 - (*prefix ? strlen(prefix) + 1 : 0)), t->name, t->summary);
	}
}

static int cmd_version(const struct args *a)
{
	printf("tsunagu %s\n", TSUNAGU_VERSION);
	return 0;
}

static int cmd_help(const struct args *a)
{
	printf("tsunagu — community-based integrated care for mental health (にも包括)\n\n"
	       "usage: tsunagu COMMAND [OPTIONS]\n\ncommands:\n");
	list_commands(stdout, commands, "");
	printf("\nEvery command takes --help. The database is %s unless --db PATH is given.\n", DEFAULT_DB);
	return 0;
}

static const struct command *find(const struct command *t, const char *name)
{
	for (; name && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(NULL);
		return 2;
	}
	const struct command *c = find(commands, argv[1]);
	int used = 2;
	if (c && c->subs) {
		const struct command *sub = argc > 2 ? find(c->subs, argv[2]) : NULL;
		if (!sub) {
			fprintf(stderr, "usage: tsunagu %s\n\n", c->usage);
			list_commands(stderr, c->subs, c->name);
			return 2;
		}
		c = sub;
		used = 3;
	}
	if (!c) {
		cli_error("'%s' is not a command (see 'tsunagu help')", argv[1]);
		return 2;
	}
	struct args a;
	char err[256];
	if (!args_parse(argc - used, argv + used, c->options, &a, err, sizeof err)) {
		cli_error("%s\nusage: tsunagu %s", err, c->usage);
		return 2;
	}
	if (args_has(&a, "help")) {
		printf("usage: tsunagu %s\n\n%s\n", c->usage, c->summary);
		return 0;
	}
	return c->run(&a);
}

int main(int argc, char **argv)
{
	if (!crypto_init()) {
		cli_error("the system's random number source is not usable");
		return 1;
	}
	i18n_init();
	int rc = run(argc, argv);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("could not write the output (disk full?)");
		return rc ? rc : 1;
	}
	return rc;
}
