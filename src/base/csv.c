/*
 * csv — reading and writing CSV as Excel does. See csv.h.
 *
 * Reading happens in two steps. decode() turns the file into one NUL-terminated UTF-8 buffer in
 * the arena (a copy, or iconv's output for CP932). parse() then walks that buffer once and unquotes
 * each field in place: a field's text never grows when unquoted, so the write pointer never
 * overtakes the read pointer, and the byte that ended a field (comma, line break, closing quote)
 * is free to become its NUL. The fields point into that buffer, so the file's text is stored
 * once, whatever its shape.
 */
#include "csv.h"

#include "arena.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

const struct csv_limits csv_default_limits = {
	.max_bytes = 8 * 1024 * 1024,
	.max_records = 100000,
	.max_fields = 512,
	.max_field_bytes = 32767 * 3,
};

static const char utf8_bom[] = "\xEF\xBB\xBF";

static int fail(struct csv_error *err, int code, const char *msgid, size_t line)
{
	err->msgid = msgid;
	err->line = line;
	err->detail = NULL;
	return code;
}

/* The 1-based line on which byte off of s lies. CRLF is one line break, as is a lone CR or LF. */
static size_t line_at(const char *s, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
			line++;
	return line;
}

/*
 * One pass of iconv over in[0..n). With out NULL it only measures, into a scratch buffer, so the
 * real output can then be allocated at its exact size (UTF-8 is 1 to 3 times as long as CP932,
 * and growing a buffer in an arena leaves the old copies behind). *outlen is the output's length
 * (on input, out's size). False at the first byte that is not CP932 or a character cut off by the
 * end of the file, with *stop its offset.
 */
static bool cp932_pass(iconv_t cd, const char *in, size_t n, char *out, size_t *outlen,
		       size_t *stop)
{
	char scratch[4096];
	char *ip = (char *)in; /* iconv's prototype lacks const; it does not write the input */
	size_t il = n, total = 0;
	iconv(cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		char *op = out ? out + total : scratch;
		size_t ol = out ? *outlen - total : sizeof scratch;
		char *start = op;
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		total += (size_t)(op - start);
		/* E2BIG only means the scratch buffer is full; with out it cannot happen, since the
		 * first pass measured the output, but stopping is safer than looping if it did. */
		if (r == (size_t)-1 && (errno != E2BIG || out)) {
			*stop = (size_t)(ip - in);
			return false;
		}
	}
	*outlen = total;
	return true;
}

/*
 * Turns the file into NUL-terminated UTF-8 in the arena: *text, *n bytes, with the BOM dropped.
 * Sets out->encoding.
 */
static int decode(struct arena *a, const char *data, size_t len, struct csv *out, char **text,
		  size_t *n, struct csv_error *err)
{
	const char *nul = len ? memchr(data, '\0', len) : NULL;
	if (nul)
		return fail(err, ERR_INVALID,
			    N_("The file contains a NUL byte, so it is not a CSV text file."),
			    line_at(data, (size_t)(nul - data)));

	size_t skip = 0;
	out->encoding = CSV_UTF8;
	if (len >= 3 && memcmp(data, utf8_bom, 3) == 0) {
		out->encoding = CSV_UTF8_BOM;
		skip = 3;
	}
	size_t valid = skip + utf8_valid_prefix(data + skip, len - skip);
	if (valid == len) {
		*n = len - skip;
		*text = arena_alloc(a, *n + 1);
		if (!*text)
			return fail(err, ERR_TOOBIG, N_("The file is too large."), 0);
		if (*n)
			memcpy(*text, data + skip, *n);
		(*text)[*n] = '\0';
		return 0;
	}
	if (out->encoding == CSV_UTF8_BOM)
		return fail(err, ERR_INVALID, N_("The file is marked as UTF-8 but is not valid UTF-8."),
			    line_at(data, valid));

	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1)
		return fail(err, ERR_INVALID,
			    N_("This server cannot read Shift_JIS files. Please save the file as CSV UTF-8."),
			    0);
	int rc = 0;
	size_t stop = 0;
	*n = 0;
	if (!cp932_pass(cd, data, len, NULL, n, &stop)) {
		/* Neither reading works. Whichever got further was probably the file's real encoding,
		 * so its failure is where the damage is. */
		rc = fail(err, ERR_INVALID, N_("The file is neither UTF-8 nor Shift_JIS."),
			  line_at(data, stop > valid ? stop : valid));
		goto out_iconv;
	}
	*text = arena_alloc(a, *n + 1);
	if (!*text) {
		rc = fail(err, ERR_TOOBIG, N_("The file is too large."), 0);
		goto out_iconv;
	}
	if (!cp932_pass(cd, data, len, *text, n, &stop)) {
		rc = fail(err, ERR_INVALID, N_("The file is neither UTF-8 nor Shift_JIS."),
			  line_at(data, stop));
		goto out_iconv;
	}
	(*text)[*n] = '\0';
	out->encoding = CSV_CP932;
out_iconv:
	iconv_close(cd);
	return rc;
}

/* The parser's position in the decoded text. */
struct parser {
	char *r;                         /* next byte to read */
	char *end;                       /* end of the text (its NUL) */
	char *w;                         /* where unquoted text goes; never past r */
	size_t line;                     /* physical line of r */
	const struct csv_limits *limits; /* what to refuse */
	struct csv_error *err;           /* filled on failure */
};

/* What ended a field. */
enum field_end { FIELD_COMMA, FIELD_EOL, FIELD_EOF };

/* Steps over the line break at p->r (CRLF, CR or LF). */
static void newline_skip(struct parser *p)
{
	if (*p->r == '\r' && p->r + 1 < p->end && p->r[1] == '\n')
		p->r++;
	p->r++;
	p->line++;
}

/*
 * Reads the field at p->r into *field (unquoted, in place) and steps over what ended it. Returns
 * a field_end, or a negative error. record_line is where the record began, for messages.
 */
static int field_read(struct parser *p, size_t record_line, const char **field)
{
	char *start = p->w;
	size_t max = p->limits->max_field_bytes;
	if (p->r < p->end && *p->r == '"') {
		p->r++;
		for (;;) {
			if (p->r == p->end)
				return fail(p->err, ERR_INVALID, N_("A quoted field is not closed."),
					    record_line);
			char c = *p->r++;
			if (c == '"') {
				if (p->r == p->end || *p->r != '"')
					break;
				p->r++; /* "" is one quote */
			} else if (c == '\n' || (c == '\r' && (p->r == p->end || *p->r != '\n'))) {
				p->line++;
			}
			if ((size_t)(p->w - start) >= max)
				return fail(p->err, ERR_TOOBIG, N_("A field is too long."), record_line);
			*p->w++ = c;
		}
		if (p->r < p->end && *p->r != ',' && *p->r != '\r' && *p->r != '\n')
			return fail(p->err, ERR_INVALID,
				    N_("A closing quote must be followed by a comma or the end of the line."),
				    record_line);
	} else {
		while (p->r < p->end && *p->r != ',' && *p->r != '\r' && *p->r != '\n') {
			if ((size_t)(p->w - start) >= max)
				return fail(p->err, ERR_TOOBIG, N_("A field is too long."), record_line);
			*p->w++ = *p->r++;
		}
	}
	/* Step over the separator before writing the NUL: when nothing was unquoted yet, w == r
	 * and the NUL lands on the separator itself. */
	enum field_end how = FIELD_EOF;
	if (p->r < p->end && *p->r == ',') {
		p->r++;
		how = FIELD_COMMA;
	} else if (p->r < p->end) {
		newline_skip(p);
		how = FIELD_EOL;
	}
	*p->w++ = '\0';
	*field = start;
	return how;
}

/* Appends a record with a copy of fields[0..n) to out, within the limits. */
static int record_add(struct arena *a, struct parser *p, struct csv *out, size_t *cap,
		      const char *const *fields, size_t n, size_t line)
{
	if (out->n >= p->limits->max_records)
		return fail(p->err, ERR_TOOBIG, N_("The file has too many records."), line);
	if (out->n == *cap) {
		/* Doubling leaves the old array behind in the arena: at most as much again. */
		size_t want = *cap ? *cap * 2 : 64;
		if (want > p->limits->max_records)
			want = p->limits->max_records;
		struct csv_record *grown =
			want <= SIZE_MAX / sizeof *grown ? arena_alloc(a, want * sizeof *grown) : NULL;
		if (!grown)
			return fail(p->err, ERR_TOOBIG, N_("The file is too large."), line);
		if (out->n)
			memcpy(grown, out->records, out->n * sizeof *grown);
		out->records = grown;
		*cap = want;
	}
	const char **copy = arena_alloc(a, n * sizeof *copy);
	if (!copy)
		return fail(p->err, ERR_TOOBIG, N_("The file is too large."), line);
	memcpy(copy, fields, n * sizeof *copy);
	out->records[out->n++] = (struct csv_record){ .fields = copy, .n = n, .line = line };
	return 0;
}

/* Splits text[0..n) into out's records. */
static int parse(struct arena *a, char *text, size_t n, const struct csv_limits *limits,
		 struct csv *out, struct csv_error *err)
{
	struct parser p = { .r = text, .end = text + n, .w = text, .line = 1, .limits = limits,
			    .err = err };
	/* One record's fields are gathered here, then copied at their exact count. */
	const char **fields = limits->max_fields <= SIZE_MAX / sizeof *fields
				      ? arena_alloc(a, limits->max_fields * sizeof *fields)
				      : NULL;
	if (!fields)
		return fail(err, ERR_TOOBIG, N_("The file is too large."), 0);
	size_t cap = 0;
	/* Blank lines are only counted until a record follows them: those at the end of the file
	 * (an editor's extra newline) are dropped, and never cost memory. */
	size_t blank = 0, blank_line = 0;
	int rc;
	while (p.r < p.end) {
		if (*p.r == '\r' || *p.r == '\n') {
			if (!blank++)
				blank_line = p.line;
			newline_skip(&p);
			continue;
		}
		for (; blank; blank--, blank_line++) {
			static const char *const empty[] = { "" };
			if ((rc = record_add(a, &p, out, &cap, empty, 1, blank_line)))
				return rc;
		}
		size_t line = p.line, nf = 0;
		do {
			if (nf == limits->max_fields)
				return fail(err, ERR_TOOBIG, N_("A record has too many fields."), line);
			rc = field_read(&p, line, &fields[nf++]);
			if (rc < 0)
				return rc;
		} while (rc == FIELD_COMMA);
		if ((rc = record_add(a, &p, out, &cap, fields, nf, line)))
			return rc;
	}
	return 0;
}

int csv_read(struct arena *a, const char *data, size_t len, const struct csv_limits *limits,
	     struct csv *out, struct csv_error *err)
{
	if (!limits)
		limits = &csv_default_limits;
	*out = (struct csv){ 0 };
	*err = (struct csv_error){ 0 };
	if (!len)
		data = ""; /* data may be NULL then, and NULL + 0 is undefined */
	if (len > limits->max_bytes)
		return fail(err, ERR_TOOBIG, N_("The file is too large."), 0);
	char *text;
	size_t n;
	int rc = decode(a, data, len, out, &text, &n, err);
	if (rc == 0)
		rc = parse(a, text, n, limits, out, err);
	if (rc) {
		out->records = NULL;
		out->n = 0;
	}
	return rc;
}

const char *csv_encoding_name(enum csv_encoding e)
{
	switch (e) {
	case CSV_UTF8:
		return "UTF-8";
	case CSV_UTF8_BOM:
		return "UTF-8 (BOM)";
	case CSV_CP932:
		return "Shift_JIS";
	}
	return "?";
}

/* Length of a space (ASCII space, tab, U+3000) or BOM at s, if bom is allowed; else 0. */
static size_t space_len(const char *s, size_t n, bool bom)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	if (bom && n >= 3 && memcmp(s, utf8_bom, 3) == 0)
		return 3;
	return 0;
}

int csv_find_column(const struct csv_record *header, const char *name)
{
	size_t want = strlen(name);
	for (size_t i = 0; i < header->n && i < INT_MAX; i++) {
		const char *s = header->fields[i];
		size_t n = strlen(s), k;
		while ((k = space_len(s, n, true))) {
			s += k;
			n -= k;
		}
		for (;;) {
			if (n >= 1 && space_len(s + n - 1, 1, false))
				n -= 1;
			else if (n >= 3 && space_len(s + n - 3, 3, false))
				n -= 3;
			else
				break;
		}
		if (n == want && memcmp(s, name, n) == 0)
			return (int)i;
	}
	return -1;
}

/* How many fields of header match name (as csv_find_column matches). */
static size_t column_count(const struct csv_record *header, const char *name)
{
	size_t count = 0;
	struct csv_record rest = *header;
	int i;
	while ((i = csv_find_column(&rest, name)) >= 0) {
		count++;
		rest.fields += i + 1;
		rest.n -= (size_t)i + 1;
	}
	return count;
}

int csv_require_columns(struct arena *a, const struct csv_record *header,
			const char *const *names, size_t n, int *idx, struct csv_error *err)
{
	*err = (struct csv_error){ 0 };
	struct strbuf missing, twice;
	strbuf_init(&missing, a, 0);
	strbuf_init(&twice, a, 0);
	for (size_t i = 0; i < n; i++) {
		size_t count = column_count(header, names[i]);
		struct strbuf *list = count == 0 ? &missing : count > 1 ? &twice : NULL;
		if (list) {
			if (list->len)
				strbuf_puts(list, ", ");
			strbuf_puts(list, names[i]);
		}
		if (idx)
			idx[i] = csv_find_column(header, names[i]);
	}
	struct strbuf *bad = missing.len ? &missing : twice.len ? &twice : NULL;
	if (!bad)
		return 0;
	fail(err, ERR_INVALID,
	     bad == &missing ? N_("Required columns are missing.")
			     : N_("A required column appears more than once."),
	     header->line);
	err->detail = bad->failed ? NULL : strbuf_str(bad);
	return ERR_INVALID;
}

/* ---- writing ---- */

void csv_write_start(struct csv_writer *w, struct strbuf *out)
{
	*w = (struct csv_writer){ .out = out };
	strbuf_append(out, utf8_bom, 3);
}

/* True for [-+]?digits[.digits]: a number as a program prints it, which Excel reads as a number
 * and never as a formula. */
static bool plain_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	size_t digits = strspn(s, "0123456789");
	if (!digits)
		return false;
	s += digits;
	if (*s == '.') {
		s++;
		digits = strspn(s, "0123456789");
		if (!digits)
			return false;
		s += digits;
	}
	return *s == '\0';
}

void csv_write_field(struct csv_writer *w, const char *s, unsigned flags)
{
	size_t n = strlen(s);
	if (w->fields++)
		strbuf_putc(w->out, ',');
	if (n == 0) {
		if (w->fields == 1)
			strbuf_append(w->out, "\"\"", 2);
		return;
	}
	bool defuse = strchr("=+-@\t\r", s[0]) && !((flags & CSV_NUMBER) && plain_number(s));
	bool quote = strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ';
	if (quote)
		strbuf_putc(w->out, '"');
	if (defuse)
		strbuf_putc(w->out, '\'');
	if (!quote) {
		strbuf_append(w->out, s, n);
		return;
	}
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		strbuf_append(w->out, s, (size_t)(q - s) + 1);
		strbuf_putc(w->out, '"');
	}
	strbuf_puts(w->out, s);
	strbuf_putc(w->out, '"');
}

void csv_write_end_record(struct csv_writer *w)
{
	if (!w->fields)
		strbuf_append(w->out, "\"\"", 2);
	strbuf_append(w->out, "\r\n", 2);
	w->fields = 0;
}
