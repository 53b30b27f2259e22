/*
 * log — the server log. It carries what an operator needs (start, stop, method, route pattern,
 * status, duration, errors by code) and never personal data: no names, no kana, no diagnoses, no
 * free text a user typed, no query strings, no login names. Callers pass route *patterns* and
 * numeric ids only; that rule is why there is no log call that takes a request's raw path.
 */
#ifndef TSUNAGU_LOG_H
#define TSUNAGU_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Lines below this level are dropped. Default LOG_INFO. */
void log_set_level(enum log_level level);

/* One line on stderr: UTC time, level, message. Thread-safe (one write per line). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
