/*
 * i18n — the user interface's language, through GNU gettext. Message ids are English; the
 * Japanese catalogue po/ja.po translates them, and Japanese is the default.
 *
 * The server is threaded and each request has its own language, so nothing here touches the
 * process-wide locale after start-up: i18n_init() sets a UTF-8 locale and LANGUAGE=ja once
 * (gettext translates only under a UTF-8 locale, and ja_JP.UTF-8 is not generated on a fresh
 * machine, so C.UTF-8 with LANGUAGE is used), and i18n_text() returns the catalogue's Japanese
 * or the English id itself.
 */
#ifndef TSUNAGU_I18N_H
#define TSUNAGU_I18N_H

#include "jp.h"

#include <stdbool.h>

/* Binds the "tsunagu" catalogue: $TSUNAGU_LOCALEDIR, else po/ beside the binary's build
 * directory, else the installed locale directory. Call once, before any thread starts. False when
 * no Japanese catalogue was found (the UI then shows English ids). */
bool i18n_init(void);

/* msgid in lang. The result is static (catalogue memory or msgid). */
const char *i18n_text(enum lang lang, const char *msgid);

/* "ja" / "en", and back (anything else gives LANG_JA). */
const char *i18n_code(enum lang lang);
enum lang i18n_parse(const char *code);

/* Marks a msgid for extraction without translating it (for tables). */
#define N_(s) s

#endif
