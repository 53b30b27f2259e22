/* i18n — see i18n.h. */
#include "i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOMAIN "tsunagu"

static bool has_catalogue(const char *dir)
{
	char path[PATH_MAX + 64];
	struct stat st;
	snprintf(path, sizeof path, "%s/ja/LC_MESSAGES/" DOMAIN ".mo", dir);
	return stat(path, &st) == 0;
}

bool i18n_init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	char dir[PATH_MAX];
	const char *env = getenv("TSUNAGU_LOCALEDIR");
	bool found = false;
	if (env && has_catalogue(env)) {
		snprintf(dir, sizeof dir, "%s", env);
		found = true;
	}
	if (!found) {
		/* Uninstalled: the catalogue is built at <builddir>/po/ja/LC_MESSAGES. */
		ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 8);
		if (n > 0) {
			dir[n] = '\0';
			char *slash = strrchr(dir, '/');
			if (slash) {
				strcpy(slash, "/po");
				found = has_catalogue(dir);
			}
		}
	}
	if (!found) {
		snprintf(dir, sizeof dir, "%s", TSUNAGU_LOCALEDIR);
		found = has_catalogue(dir);
	}
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	return found;
}

const char *i18n_text(enum lang lang, const char *msgid)
{
	return lang == LANG_EN ? msgid : dgettext(DOMAIN, msgid);
}

const char *i18n_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "ja";
}

enum lang i18n_parse(const char *code)
{
	return code && strcmp(code, "en") == 0 ? LANG_EN : LANG_JA;
}
