/* serve — runs the web server until SIGINT or SIGTERM. */
#include "arena.h"
#include "auth/audit.h"
#include "cli.h"
#include "db/db.h"
#include "error.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static.h"
#include "log.h"
#include "pages/pages.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Splits "ADDR:PORT" (IPv6 as "[::1]:8080") into its parts. */
static bool split_listen(struct arena *a, const char *listen, const char **addr, unsigned *port)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen)
		return false;
	char *end;
	unsigned long p = strtoul(colon + 1, &end, 10);
	if (*end || colon[1] == '\0' || p > 65535)
		return false;
	const char *host = listen;
	size_t len = (size_t)(colon - listen);
	if (host[0] == '[' && len >= 2 && host[len - 1] == ']') {
		host++;
		len -= 2;
	}
	*addr = arena_strndup(a, host, len);
	*port = (unsigned)p;
	return true;
}

int cmd_serve(const struct args *a)
{
	struct arena *arena = arena_create(0);
	const char *listen = args_get(a, "listen", "127.0.0.1:8080");
	const char *addr;
	unsigned port;
	int threads = atoi(args_get(a, "threads", "4"));
	if (!split_listen(arena, listen, &addr, &port) || threads < 2 || threads > 64) {
		cli_error("--listen must be ADDR:PORT (e.g. 127.0.0.1:8080) and --threads 2..64");
		arena_destroy(arena);
		return 2;
	}
	if (args_has(a, "verbose"))
		log_set_level(LOG_DEBUG);
	const char *msg;
	char buf[256];
	if (!router_check(&pages_site, &msg, buf, sizeof buf)) {
		cli_error("refusing to start: %s", msg);
		arena_destroy(arena);
		return 1;
	}
	struct db_pool *pool;
	int rc = db_pool_open(args_get(a, "db", DEFAULT_DB), threads, &pool, &msg, arena);
	if (rc) {
		cli_error("%s", msg ? msg : err_text(rc));
		arena_destroy(arena);
		return 1;
	}
	if (!audit_writer_start(args_get(a, "db", DEFAULT_DB), &msg, arena)) {
		cli_error("%s", msg);
		db_pool_close(pool);
		arena_destroy(arena);
		return 1;
	}
	static_init();
	/* Block the stop signals before the server's threads start, so they all inherit the mask
	 * and only sigwait below receives them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct server_config cfg = {
		.address = addr,
		.port = port,
		.threads = (unsigned)threads,
		.per_ip_limit = 128,
		.max_body = 1 << 20,
		.arena_cap = 16 << 20,
		.max_upload = 16 << 20,
		.upload_arena_cap = 160 << 20,
		.pool = pool,
		.site = &pages_site,
	};
	struct server *s = server_start(&cfg, &msg);
	if (!s) {
		cli_error("%s: %s", listen, msg);
		audit_writer_stop();
		db_pool_close(pool);
		arena_destroy(arena);
		return 1;
	}
	printf("tsunagu listening on http://%s%s%s:%u/\n", strchr(addr, ':') ? "[" : "", addr,
	       strchr(addr, ':') ? "]" : "", server_port(s));
	fflush(stdout);
	log_info("serving with %d threads", threads);
	int sig;
	sigwait(&stop, &sig);
	log_info("stopping on signal %d", sig);
	server_stop(s);
	audit_writer_stop();
	db_pool_close(pool);
	arena_destroy(arena);
	return 0;
}
