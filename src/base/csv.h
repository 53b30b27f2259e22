/*
 * csv — reading the CSV files Excel writes, and writing CSV files Excel opens correctly.
 *
 * The city's existing records arrive as CSV saved by Excel on Japanese Windows: Shift_JIS (CP932)
 * from "CSV (コンマ区切り)", UTF-8 with a BOM from "CSV UTF-8". csv_read() accepts both, detects
 * which it got, converts to UTF-8 and parses RFC 4180 into records that remember the line they
 * started on, so an importer can say "line 7: …". It parses only: what a field means, and whether
 * a record has the right number of fields, is the importer's business.
 *
 * The writer produces what Excel needs to open an export as intended: a UTF-8 BOM (without it,
 * Japanese Excel reads the file as CP932 and shows mojibake), CRLF line ends, quotes only where
 * needed, and no field that Excel would run as a formula (CSV injection).
 *
 * Nothing here prints or translates: errors are a gettext msgid and a line number in struct
 * csv_error, for the caller to show in the user's language.
 */
#ifndef TSUNAGU_CSV_H
#define TSUNAGU_CSV_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct strbuf;

/* ---- reading ---- */

/* What the bytes were before csv_read() turned them into UTF-8. */
enum csv_encoding {
	CSV_UTF8,     /* UTF-8 without a BOM; plain ASCII is reported as this */
	CSV_UTF8_BOM, /* UTF-8 after a BOM (EF BB BF), which is not part of the data */
	CSV_CP932,    /* Shift_JIS as Windows writes it (CP932), converted with iconv */
};

/* The most csv_read() accepts; passing one is ERR_TOOBIG. They bound the memory a hostile file
 * can make us use: about 3 × max_bytes (CP932 half-width kana grow to 3 bytes of UTF-8) plus the
 * record and field arrays. */
struct csv_limits {
	size_t max_bytes;       /* the file as given, before any conversion */
	size_t max_records;     /* records, the header row included */
	size_t max_fields;      /* fields in one record */
	size_t max_field_bytes; /* one field's UTF-8 text after unquoting */
};

/* 8 MiB, 100 000 records, 512 fields, 32 767 × 3 bytes (the most characters an Excel cell holds,
 * at 3 bytes each for Japanese text). Copy it to change one limit. */
extern const struct csv_limits csv_default_limits;

struct csv_record {
	const char **fields; /* n NUL-terminated UTF-8 strings; an empty field is "" */
	size_t n;            /* number of fields, at least 1 */
	size_t line;         /* 1-based physical line on which the record starts */
};

struct csv {
	struct csv_record *records; /* in file order; the first is the header when there is one */
	size_t n;                   /* number of records; 0 for an empty file */
	enum csv_encoding encoding; /* what the file was written in */
};

/* Why csv_read or csv_require_columns failed. Both clear it first; fields a failure does not
 * use stay NULL / 0. */
struct csv_error {
	const char *msgid;  /* gettext msgid for people, e.g. "A quoted field is not closed." */
	size_t line;        /* 1-based line of the problem (see csv_read); 0 when not about one line */
	const char *detail; /* text to show beside msgid untranslated (column names), or NULL */
};

/*
 * Reads the CSV file data[0..len) into *out. All memory (the UTF-8 text, records, field arrays)
 * comes from a and lives as long as it; data is not kept and may be freed afterwards. limits NULL
 * means csv_default_limits.
 *
 * Encoding: a UTF-8 BOM means UTF-8 (the BOM is dropped); otherwise valid UTF-8 is UTF-8;
 * otherwise the file is converted from CP932. A CP932 file that happens to be valid UTF-8 is
 * read as UTF-8 — real Japanese text almost never is, and ASCII reads the same either way.
 * NUL bytes are refused: they mean the file is not text (or is UTF-16, Excel's "Unicode text").
 *
 * Syntax (RFC 4180, as Excel writes it): fields are separated by commas; records end at CRLF, LF
 * or a lone CR; a field starting with a double quote runs to the next lone quote, "" inside it
 * stands for one quote, and it may hold commas and line breaks (kept as they are in the file).
 * After the closing quote only a comma, a line break or the end may follow. A quote in the middle
 * of an unquoted field is kept as text, as Excel does. Spaces are data, never trimmed. Every
 * record has at least one field; empty fields are "". A blank line in the middle of the file is a
 * record of one empty field (so the importer notices it); blank lines at the end are dropped.
 * Records may have different numbers of fields.
 *
 * Returns 0, or fills *err and returns:
 *   ERR_INVALID  a NUL byte, bytes that are neither UTF-8 nor CP932, text after a closing
 *                quote, or a quoted field still open at the end of the file;
 *   ERR_TOOBIG   a limit passed, or the arena's cap reached.
 * err->line is the line where the offending record starts (for an unclosed quote, that is where
 * the quote was opened, not the end of the file), or for bytes that are not text, the line of the
 * first bad byte. For a file that is neither UTF-8 nor CP932 it is where the encoding that read
 * further failed, which is where the damage is when the file was meant to be one of them. On
 * error *out is empty (n 0) and out->encoding is what was detected so far.
 */
int csv_read(struct arena *a, const char *data, size_t len, const struct csv_limits *limits,
	     struct csv *out, struct csv_error *err);

/* "UTF-8", "UTF-8 (BOM)" or "Shift_JIS" — names people know from Excel's save dialog; not
 * msgids (they are the same in every language). */
const char *csv_encoding_name(enum csv_encoding e);

/*
 * The index of the first field of header that equals name once the field is trimmed of leading
 * and trailing spaces (ASCII space, tab, U+3000 ideographic space) and leading BOMs (U+FEFF, which
 * some tools leave in the first header cell); -1 when there is none. name is compared as given,
 * byte for byte: no case folding and no NFKC, so "ﾌﾘｶﾞﾅ" does not find "フリガナ".
 */
int csv_find_column(const struct csv_record *header, const char *name);

/*
 * Finds each of names[0..n) in header with csv_find_column() and stores its index in idx[i], -1
 * when missing (idx may be NULL to check only). Clears *err, then returns 0 when each name is
 * present exactly once. Otherwise returns ERR_INVALID with err->line the header's line and
 * err->detail the names concerned, joined with ", " (NULL if the arena is full): first any
 * missing ("Required columns are missing."), else any appearing more than once ("A required
 * column appears more than once." — an importer must not guess which of two "電話番号" columns
 * is meant).
 */
int csv_require_columns(struct arena *a, const struct csv_record *header,
			const char *const *names, size_t n, int *idx, struct csv_error *err);

/* ---- writing ---- */

/*
 * Flags for csv_write_field().
 *
 * CSV_NUMBER: the field is a number the program formatted (-12, 3.5). Such a field is written as
 * it is, even with a leading '-' or '+', so Excel shows a number. The flag is only honoured when
 * the text really is a plain number ([-+]?digits[.digits]); anything else is defused as usual,
 * so the flag cannot let a formula through.
 */
enum {
	CSV_NUMBER = 1 << 0,
};

/* One CSV file being written into a strbuf. Errors are the strbuf's: sticky, checked once at the
 * end with out->failed. */
struct csv_writer {
	struct strbuf *out; /* where the text goes */
	size_t fields;      /* fields written in the current record */
};

/* Starts a file in out: writes the UTF-8 BOM, so Excel reads the file as UTF-8. */
void csv_write_start(struct csv_writer *w, struct strbuf *out);

/*
 * Appends the UTF-8 text s as the next field of the current record.
 *
 * Formula defusing (OWASP's advice on CSV injection): a field starting with '=', '+', '-', '@',
 * tab or CR is written with a leading apostrophe, so Excel shows it as text instead of running
 * it — unless flags has CSV_NUMBER and s is a plain number. The apostrophe is data: reading the
 * file back gives "'=1+1".
 *
 * Quoting: the field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends
 * with a space (which some readers trim); quotes inside are doubled. An empty first field is
 * written as "" so that a record of one empty field is not a blank line, which readers drop at
 * the end of a file. Line breaks inside s are written unchanged.
 */
void csv_write_field(struct csv_writer *w, const char *s, unsigned flags);

/* Ends the current record with CRLF. A record with no fields is written as one empty field. */
void csv_write_end_record(struct csv_writer *w);

#endif
