/*
 * test_csv — the CSV reader takes files people made in Excel (UTF-8 or Shift_JIS, any line ends)
 * and must say on which line a broken one breaks; the writer must produce what Excel opens as
 * intended, with no field Excel would run as a formula, and what it writes must read back the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "csv.h"
#include "error.h"
#include "strbuf.h"

#include <iconv.h>
#include <string.h>

static int setup(void **state)
{
	*state = arena_create(0);
	return 0;
}

static int teardown(void **state)
{
	arena_destroy(*state);
	return 0;
}

/* Reads the C string s with the default limits. */
static int read_str(struct arena *a, const char *s, struct csv *out, struct csv_error *err)
{
	return csv_read(a, s, strlen(s), NULL, out, err);
}

/* Asserts that record r holds exactly the n fields given and starts on line. */
static void assert_record(const struct csv *c, size_t r, size_t line, size_t n, ...)
{
	assert_true(r < c->n);
	assert_int_equal(c->records[r].line, line);
	assert_int_equal(c->records[r].n, n);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c->records[r].fields[i], va_arg(ap, const char *));
	va_end(ap);
}

static void test_plain_fields(void **state)
{
	struct csv c;
	struct csv_error err;
	assert_int_equal(read_str(*state, "a,b,c\r\n1,,3\r\n", &c, &err), 0);
	assert_int_equal(c.encoding, CSV_UTF8);
	assert_int_equal(c.n, 2);
	assert_record(&c, 0, 1, 3, "a", "b", "c");
	assert_record(&c, 1, 2, 3, "1", "", "3");
	assert_null(err.msgid);

	/* Empty fields at either end are kept; spaces are data. */
	assert_int_equal(read_str(*state, ",x,\n a , b\n", &c, &err), 0);
	assert_record(&c, 0, 1, 3, "", "x", "");
	assert_record(&c, 1, 2, 2, " a ", " b");
}

static void test_quoted_fields(void **state)
{
	struct csv c;
	struct csv_error err;
	const char *in = "\"a\",\"b,c\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\r\n"
			 "\"line1\nline2\r\nline3\",x\r\n"
			 "5\" floppy,\" spaced \"\r\n";
	assert_int_equal(read_str(*state, in, &c, &err), 0);
	assert_int_equal(c.n, 3);
	assert_record(&c, 0, 1, 5, "a", "b,c", "say \"hi\"", "", "\"");
	/* Line breaks inside quotes are kept byte for byte. */
	assert_record(&c, 1, 2, 2, "line1\nline2\r\nline3", "x");
	/* A quote inside an unquoted field is text, as in Excel. */
	assert_record(&c, 2, 5, 2, "5\" floppy", " spaced ");

	/* A quoted field may end the file without a line break. */
	assert_int_equal(read_str(*state, "a,\"b\"", &c, &err), 0);
	assert_record(&c, 0, 1, 2, "a", "b");
}

static void test_line_endings(void **state)
{
	struct csv c;
	struct csv_error err;
	const char *ins[] = { "a,b\r\nc,d\r\ne,f\r\n", "a,b\nc,d\ne,f\n", "a,b\rc,d\re,f\r",
			      "a,b\r\nc,d\ne,f\r", "a,b\nc,d\re,f" };
	for (size_t i = 0; i < sizeof ins / sizeof ins[0]; i++) {
		assert_int_equal(read_str(*state, ins[i], &c, &err), 0);
		assert_int_equal(c.n, 3);
		assert_record(&c, 0, 1, 2, "a", "b");
		assert_record(&c, 1, 2, 2, "c", "d");
		assert_record(&c, 2, 3, 2, "e", "f");
	}
	/* "\n\r" is two line breaks (LF, then a lone CR): a blank line between. */
	assert_int_equal(read_str(*state, "a\n\rb", &c, &err), 0);
	assert_int_equal(c.n, 3);
	assert_record(&c, 1, 2, 1, "");
	assert_record(&c, 2, 3, 1, "b");
}

static void test_lines_after_multiline_field(void **state)
{
	struct csv c;
	struct csv_error err;
	const char *in = "名前,備考\r\n"
			 "山田,\"一行目\r\n二行目\n三行目\r四行目\"\r\n"
			 "鈴木,\"\"\r\n"
			 "\"a\r\n\r\nb\",\"c\nd\"\n"
			 "佐藤,最後\r\n";
	assert_int_equal(read_str(*state, in, &c, &err), 0);
	assert_int_equal(c.n, 5);
	assert_record(&c, 0, 1, 2, "名前", "備考");
	assert_record(&c, 1, 2, 2, "山田", "一行目\r\n二行目\n三行目\r四行目");
	assert_record(&c, 2, 6, 2, "鈴木", "");
	assert_record(&c, 3, 7, 2, "a\r\n\r\nb", "c\nd");
	assert_record(&c, 4, 11, 2, "佐藤", "最後");
}

static void test_bom_stripped(void **state)
{
	struct csv c;
	struct csv_error err;
	assert_int_equal(read_str(*state, "\xEF\xBB\xBF氏名,住所\r\n静岡 太郎,葵区\r\n", &c, &err), 0);
	assert_int_equal(c.encoding, CSV_UTF8_BOM);
	assert_record(&c, 0, 1, 2, "氏名", "住所");
	assert_record(&c, 1, 2, 2, "静岡 太郎", "葵区");
	assert_string_equal(csv_encoding_name(c.encoding), "UTF-8 (BOM)");

	/* Only one BOM is the file's: a second is data (csv_find_column trims it). */
	assert_int_equal(read_str(*state, "\xEF\xBB\xBF\xEF\xBB\xBFid\n", &c, &err), 0);
	assert_record(&c, 0, 1, 1, "\xEF\xBB\xBFid");

	/* A quoted first field right after the BOM. */
	assert_int_equal(read_str(*state, "\xEF\xBB\xBF\"a,b\",c", &c, &err), 0);
	assert_record(&c, 0, 1, 2, "a,b", "c");
}

/* s converted from UTF-8 to CP932 with iconv, in the arena; its length in *n. */
static char *to_cp932(struct arena *a, const char *s, size_t *n)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t il = strlen(s), ol = il * 2;
	char *out = arena_alloc(a, ol), *op = out, *ip = (char *)s;
	assert_int_equal(iconv(cd, &ip, &il, &op, &ol), 0);
	iconv_close(cd);
	*n = (size_t)(op - out);
	return out;
}

static void test_shift_jis(void **state)
{
	struct csv c;
	struct csv_error err;
	size_t n;
	char *sjis = to_cp932(*state, "静岡市,葵区\r\nｱｲｳ,テスト\r\n", &n);
	/* The test means something only if these bytes are not UTF-8: 静 is 0x90 0xC3. */
	assert_memory_equal(sjis, "\x90\xC3", 2);
	assert_int_equal(csv_read(*state, sjis, n, NULL, &c, &err), 0);
	assert_int_equal(c.encoding, CSV_CP932);
	assert_string_equal(csv_encoding_name(c.encoding), "Shift_JIS");
	assert_int_equal(c.n, 2);
	assert_record(&c, 0, 1, 2, "静岡市", "葵区");
	/* Half-width kana stay half-width: normalising is the importer's choice (jp_normalize). */
	assert_record(&c, 1, 2, 2, "ｱｲｳ", "テスト");

	/* Characters whose second byte is a backslash (ソ, 表, 能), inside a quoted field with a
	 * comma and a line break: conversion happens before parsing, so they cannot confuse it. */
	sjis = to_cp932(*state, "\"ソ,表\r\n能\",〜－№①髙\r\n", &n);
	assert_int_equal(csv_read(*state, sjis, n, NULL, &c, &err), 0);
	assert_int_equal(c.encoding, CSV_CP932);
	/* CP932 is read as Windows reads it: 0x8160 is U+FF5E FULLWIDTH TILDE, not U+301C WAVE DASH,
	 * and the NEC and IBM extensions (①, 髙) are there. */
	assert_record(&c, 0, 1, 2, "ソ,表\r\n能", "～－№①髙");
}

static void test_invalid_bytes(void **state)
{
	struct csv c;
	struct csv_error err;
	/* 0x80 and 0xFF are neither UTF-8 nor CP932. */
	assert_int_equal(read_str(*state, "a,b\r\nc,\x80\xFF\r\n", &c, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "The file is neither UTF-8 nor Shift_JIS.");
	assert_int_equal(err.line, 2);
	assert_int_equal(c.n, 0);
	assert_null(c.records);

	/* A UTF-8 file damaged on line 3: the line of the damage, not of the first non-ASCII byte. */
	assert_int_equal(read_str(*state, "名前\n山田\nab\xFF\n", &c, &err), ERR_INVALID);
	assert_int_equal(err.line, 3);

	/* A CP932 file damaged on line 3 (0x85 0x40 is unassigned). */
	size_t n;
	char *sjis = to_cp932(*state, "名前\n山田\n鈴木\n", &n);
	sjis[n - 3] = '\x85';
	sjis[n - 2] = '\x40';
	assert_int_equal(csv_read(*state, sjis, n, NULL, &c, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "The file is neither UTF-8 nor Shift_JIS.");
	assert_int_equal(err.line, 3);

	/* A lead byte cut off by the end of the file. */
	assert_int_equal(read_str(*state, "a\n\x82", &c, &err), ERR_INVALID);
	assert_int_equal(err.line, 2);

	/* A BOM promises UTF-8: no falling back to CP932. */
	assert_int_equal(read_str(*state, "\xEF\xBB\xBFok\n\x90\xC3\n", &c, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "The file is marked as UTF-8 but is not valid UTF-8.");
	assert_int_equal(err.line, 2);

	/* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8. */
	const char *not_utf8[] = { "\xEF\xBB\xBF\xC0\xAF", "\xEF\xBB\xBF\xE0\x80\xAF",
				   "\xEF\xBB\xBF\xED\xA0\x80", "\xEF\xBB\xBF\xF4\x90\x80\x80",
				   "\xEF\xBB\xBF\xE3\x81" };
	for (size_t i = 0; i < sizeof not_utf8 / sizeof not_utf8[0]; i++) {
		assert_int_equal(read_str(*state, not_utf8[i], &c, &err), ERR_INVALID);
		assert_string_equal(err.msgid, "The file is marked as UTF-8 but is not valid UTF-8.");
	}
	/* Without a BOM the same bytes may well be CP932: 0xC0 0xAF is half-width ﾀｯ. */
	assert_int_equal(read_str(*state, "\xC0\xAF", &c, &err), 0);
	assert_int_equal(c.encoding, CSV_CP932);
	assert_record(&c, 0, 1, 1, "ﾀｯ");
}

static void test_nul_refused(void **state)
{
	struct csv c;
	struct csv_error err;
	assert_int_equal(csv_read(*state, "a,b\r\nc\0d\r\n", 10, NULL, &c, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "The file contains a NUL byte, so it is not a CSV text file.");
	assert_int_equal(err.line, 2);
	/* UTF-16 (Excel's "Unicode text") is refused the same way. */
	assert_int_equal(csv_read(*state, "\xFF\xFE" "a\0,\0b\0", 8, NULL, &c, &err), ERR_INVALID);
	assert_int_equal(err.line, 1);
}

static void test_bad_quotes(void **state)
{
	struct csv c;
	struct csv_error err;
	/* The record opening the quote started on line 2; the file ends on line 4. */
	assert_int_equal(read_str(*state, "a,b\r\nc,\"open\r\nmore\r\nstill, more\r\n", &c, &err),
			 ERR_INVALID);
	assert_string_equal(err.msgid, "A quoted field is not closed.");
	assert_int_equal(err.line, 2);

	/* A quote opened in the second line of a record is reported at the record's first. */
	assert_int_equal(read_str(*state, "h\n\"x\ny\",\"z\n", &c, &err), ERR_INVALID);
	assert_int_equal(err.line, 2);

	assert_int_equal(read_str(*state, "\"", &c, &err), ERR_INVALID);
	assert_int_equal(err.line, 1);

	/* Text after a closing quote is refused, not guessed at. */
	assert_int_equal(read_str(*state, "ok\n\"a\"b,c\n", &c, &err), ERR_INVALID);
	assert_string_equal(err.msgid,
			    "A closing quote must be followed by a comma or the end of the line.");
	assert_int_equal(err.line, 2);
	assert_int_equal(read_str(*state, "\"a\" ,b", &c, &err), ERR_INVALID);
}

static void test_blank_lines(void **state)
{
	struct csv c;
	struct csv_error err;
	assert_int_equal(read_str(*state, "", &c, &err), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(csv_read(*state, NULL, 0, NULL, &c, &err), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(read_str(*state, "\xEF\xBB\xBF", &c, &err), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.encoding, CSV_UTF8_BOM);

	/* The final line break ends the last record; blank lines after it are dropped. */
	assert_int_equal(read_str(*state, "a,b\r\n", &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(read_str(*state, "a,b\r\n\r\n\n\r", &c, &err), 0);
	assert_int_equal(c.n, 1);

	/* Blank lines in the middle are records of one empty field, with their own lines. */
	assert_int_equal(read_str(*state, "a\r\n\r\n\r\nb\r\n\r\n", &c, &err), 0);
	assert_int_equal(c.n, 4);
	assert_record(&c, 0, 1, 1, "a");
	assert_record(&c, 1, 2, 1, "");
	assert_record(&c, 2, 3, 1, "");
	assert_record(&c, 3, 4, 1, "b");

	/* A quoted empty field is not a blank line, even at the end; a line of commas neither. */
	assert_int_equal(read_str(*state, "a\n\"\"\n,\n", &c, &err), 0);
	assert_int_equal(c.n, 3);
	assert_record(&c, 1, 2, 1, "");
	assert_record(&c, 2, 3, 2, "", "");
}

static void test_limits(void **state)
{
	struct csv c;
	struct csv_error err;
	struct csv_limits lim = { .max_bytes = 18, .max_records = 3, .max_fields = 3,
				  .max_field_bytes = 4 };
	const char *at = "abcd,\"ab\"\"d\",x\ny\nz"; /* every limit reached, none passed */
	assert_int_equal(strlen(at), 18);
	assert_int_equal(csv_read(*state, at, strlen(at), &lim, &c, &err), 0);
	assert_int_equal(c.n, 3);
	assert_record(&c, 0, 1, 3, "abcd", "ab\"d", "x");

	const struct {
		const char *in;    /* the file */
		const char *msgid; /* the refusal */
		size_t line;       /* where */
	} over[] = {
		{ "a,b\nccccccccccccccccc", "The file is too large.", 0 },
		{ "a\nb,c,d,e\n", "A record has too many fields.", 2 },
		{ "a\nabcde\n", "A field is too long.", 2 },
		{ "a\n\"ab\"\"de\"\n", "A field is too long.", 2 },
		{ "a\nb\nc\nd\n", "The file has too many records.", 4 },
		{ "a\n\n\n\nb", "The file has too many records.", 4 },
	};
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		assert_int_equal(csv_read(*state, over[i].in, strlen(over[i].in), &lim, &c, &err),
				 ERR_TOOBIG);
		assert_string_equal(err.msgid, over[i].msgid);
		assert_int_equal(err.line, over[i].line);
		assert_int_equal(c.n, 0);
	}
	/* Blank lines at the end do not count towards max_records. */
	assert_int_equal(csv_read(*state, "a\nb\nc\n\n\n\n", 9, &lim, &c, &err), 0);
	assert_int_equal(c.n, 3);

	/* The arena's cap is a refusal too, never a crash. */
	struct arena *small = arena_create(4096);
	static char big[8192];
	memset(big, 'x', sizeof big);
	assert_int_equal(csv_read(small, big, sizeof big, NULL, &c, &err), ERR_TOOBIG);
	assert_string_equal(err.msgid, "The file is too large.");
	arena_destroy(small);

	/* The defaults are what the header says. */
	assert_int_equal(csv_default_limits.max_bytes, 8 * 1024 * 1024);
	assert_int_equal(csv_default_limits.max_field_bytes, 32767 * 3);
}

static void test_find_column(void **state)
{
	struct csv c;
	struct csv_error err;
	const char *in = "\xEF\xBB\xBF\xEF\xBB\xBF 氏名 ,\t住所　, フリガナ,電話番号,電話番号,a b\n";
	assert_int_equal(read_str(*state, in, &c, &err), 0);
	const struct csv_record *h = &c.records[0];
	assert_int_equal(csv_find_column(h, "氏名"), 0);
	assert_int_equal(csv_find_column(h, "住所"), 1);
	assert_int_equal(csv_find_column(h, "フリガナ"), 2);
	assert_int_equal(csv_find_column(h, "電話番号"), 3); /* the first of two */
	assert_int_equal(csv_find_column(h, "a b"), 5);      /* inner spaces are part of the name */
	assert_int_equal(csv_find_column(h, "ﾌﾘｶﾞﾅ"), -1);   /* exact: no NFKC */
	assert_int_equal(csv_find_column(h, "氏"), -1);
	assert_int_equal(csv_find_column(h, ""), -1);
	assert_int_equal(csv_find_column(h, "ab"), -1);

	/* A header of one blank cell matches "" only. */
	assert_int_equal(read_str(*state, " \n", &c, &err), 0);
	assert_int_equal(csv_find_column(&c.records[0], ""), 0);
}

static void test_require_columns(void **state)
{
	struct csv c;
	struct csv_error err = { 0 };
	assert_int_equal(read_str(*state, "\n氏名,住所,電話番号,電話番号,生年月日\n", &c, &err), 0);
	const struct csv_record *h = &c.records[1];
	const char *ok[] = { "生年月日", "氏名" };
	int idx[3] = { -9, -9, -9 };
	assert_int_equal(csv_require_columns(*state, h, ok, 2, idx, &err), 0);
	assert_int_equal(idx[0], 4);
	assert_int_equal(idx[1], 0);
	assert_null(err.msgid);
	assert_int_equal(csv_require_columns(*state, h, ok, 2, NULL, &err), 0);

	const char *missing[] = { "氏名", "フリガナ", "住所", "性別" };
	assert_int_equal(csv_require_columns(*state, h, missing, 4, NULL, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "Required columns are missing.");
	assert_string_equal(err.detail, "フリガナ, 性別");
	assert_int_equal(err.line, 2);

	const char *twice[] = { "氏名", "電話番号" };
	assert_int_equal(csv_require_columns(*state, h, twice, 2, idx, &err), ERR_INVALID);
	assert_string_equal(err.msgid, "A required column appears more than once.");
	assert_string_equal(err.detail, "電話番号");

	/* Missing is reported before twice. */
	const char *both[] = { "電話番号", "性別" };
	assert_int_equal(csv_require_columns(*state, h, both, 2, idx, &err), ERR_INVALID);
	assert_string_equal(err.detail, "性別");
}

/* The text of one record written with the given fields and flags, after the BOM. */
static const char *write_one(struct arena *a, unsigned flags, size_t n, const char *const *f)
{
	struct strbuf sb;
	strbuf_init(&sb, a, 0);
	struct csv_writer w;
	csv_write_start(&w, &sb);
	for (size_t i = 0; i < n; i++)
		csv_write_field(&w, f[i], flags);
	csv_write_end_record(&w);
	assert_false(sb.failed);
	assert_memory_equal(strbuf_str(&sb), "\xEF\xBB\xBF", 3);
	return strbuf_str(&sb) + 3;
}

#define WRITE(flags, ...)                                                                       \
	write_one(*state, flags, sizeof(const char *[]){ __VA_ARGS__ } / sizeof(const char *), \
		  (const char *[]){ __VA_ARGS__ })

static void test_writer_quoting(void **state)
{
	assert_string_equal(WRITE(0, "a", "b"), "a,b\r\n");
	assert_string_equal(WRITE(0, "a,b", "say \"hi\"", "\""), "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\r\n");
	assert_string_equal(WRITE(0, "1\n2", "3\r4", "5\r\n6"), "\"1\n2\",\"3\r4\",\"5\r\n6\"\r\n");
	assert_string_equal(WRITE(0, " lead", "trail ", "in side", "全角　"),
			    "\" lead\",\"trail \",in side,全角　\r\n");
	/* Empty fields: a leading one is "" so that a record is never a blank line. */
	assert_string_equal(WRITE(0, "", "x", ""), "\"\",x,\r\n");
	assert_string_equal(WRITE(0, ""), "\"\"\r\n");
	assert_string_equal(WRITE(0, "x", "", ""), "x,,\r\n");
	/* A quote in the middle is still quoted: Excel reads a bare one as text, others do not. */
	assert_string_equal(WRITE(0, "5\" floppy"), "\"5\"\" floppy\"\r\n");
}

static void test_writer_defuses_formulas(void **state)
{
	assert_string_equal(WRITE(0, "=1+1", "+81", "-5", "@SUM(A1)"),
			    "'=1+1,'+81,'-5,'@SUM(A1)\r\n");
	/* Tab and CR lead too; CR also needs quotes, and the apostrophe goes inside them. */
	assert_string_equal(WRITE(0, "\t=1", "\r=1"), "'\t=1,\"'\r=1\"\r\n");
	assert_string_equal(WRITE(0, "=HYPERLINK(\"http://x\",\"a\")"),
			    "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"\r\n");
	/* Only the first character matters; an apostrophe is not doubled. */
	assert_string_equal(WRITE(0, "a=1", "1-2", "'=1"), "a=1,1-2,'=1\r\n");
	/* Numbers the program printed stay numbers... */
	assert_string_equal(WRITE(CSV_NUMBER, "-12", "+3", "-0.5", "42"), "-12,+3,-0.5,42\r\n");
	/* ...but the flag cannot let a formula through. */
	assert_string_equal(WRITE(CSV_NUMBER, "-1+2", "=1", "-", "-.5", "-1.", "-1e5", "@1"),
			    "'-1+2,'=1,'-,'-.5,'-1.,'-1e5,'@1\r\n");
}

static void test_writer_starts_with_bom(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, *state, 0);
	struct csv_writer w;
	csv_write_start(&w, &sb);
	csv_write_field(&w, "氏名", 0);
	csv_write_end_record(&w);
	assert_string_equal(strbuf_str(&sb), "\xEF\xBB\xBF氏名\r\n");

	struct csv c;
	struct csv_error err;
	assert_int_equal(csv_read(*state, sb.buf, sb.len, NULL, &c, &err), 0);
	assert_int_equal(c.encoding, CSV_UTF8_BOM);
	assert_record(&c, 0, 1, 1, "氏名");

	/* A record ended with no fields is one empty field, not a blank line. */
	csv_write_end_record(&w);
	assert_string_equal(strbuf_str(&sb), "\xEF\xBB\xBF氏名\r\n\"\"\r\n");
}

static void test_writer_failure_is_sticky(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, *state, 10);
	struct csv_writer w;
	csv_write_start(&w, &sb);
	csv_write_field(&w, "0123456789", 0);
	csv_write_field(&w, "x", 0);
	csv_write_end_record(&w);
	assert_true(sb.failed);
	assert_string_equal(strbuf_str(&sb), "\xEF\xBB\xBF");
}

static void test_round_trip(void **state)
{
	const char *rows[][4] = {
		{ "氏名", "住所", "備考", "" },
		{ "", "", "", "" },
		{ "a,b", "\"quoted\"", "line1\r\nline2\nline3\rline4", " spaced " },
		{ "\xEF\xBB\xBF", "ｱｲｳ", "5\" floppy", "\"" },
		{ "'", "\t", ",", "\r\n" },
	};
	size_t nrows = sizeof rows / sizeof rows[0];
	struct strbuf sb;
	strbuf_init(&sb, *state, 0);
	struct csv_writer w;
	csv_write_start(&w, &sb);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t f = 0; f < 4; f++)
			csv_write_field(&w, rows[r][f], 0);
		csv_write_end_record(&w);
	}
	/* A last record of one empty field must survive as well. */
	csv_write_field(&w, "", 0);
	csv_write_end_record(&w);
	assert_false(sb.failed);

	struct csv c;
	struct csv_error err;
	assert_int_equal(csv_read(*state, sb.buf, sb.len, NULL, &c, &err), 0);
	assert_int_equal(c.n, nrows + 1);
	for (size_t r = 0; r < nrows; r++) {
		assert_int_equal(c.records[r].n, 4);
		for (size_t f = 0; f < 4; f++) {
			const char *want = rows[r][f];
			const char *got = c.records[r].fields[f];
			if (want[0] == '\t' || want[0] == '\r') /* defused */
				assert_true(got[0] == '\'' && strcmp(got + 1, want) == 0);
			else
				assert_string_equal(got, want);
		}
	}
	assert_record(&c, nrows, 10, 1, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_endings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines_after_multiline_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom_stripped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_jis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nul_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_require_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_defuses_formulas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_starts_with_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_failure_is_sticky, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
