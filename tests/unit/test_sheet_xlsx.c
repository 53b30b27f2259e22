/*
 * test_sheet_xlsx — the status-sharing sheet as an Excel workbook, read back by a reader that is
 * not the writer: openpyxl, through tests/lib/xlsx_cells.py, which prints the workbook as JSON.
 * The fixture is the seed's R3 sheet of Shizuoka City (report_fixture.h), built by hand so the
 * test needs no database: the sections' exact texts, the figures as the page prints them (a
 * computed one with its date), the data sheet's numbers as numbers with blanks where there is no
 * value, one chart per series, A4 fitted to one page wide; the bytes variant leaves no file
 * behind, and an empty sheet still makes a workbook a reader opens. The seed's workbook is also written to
 * $TSUNAGU_TEST_OUT/status-sheet.xlsx when that is set (scripts/run-tests sets it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "error.h"
#include "report/sheet.h"
#include "report/sheet_xlsx.h"
#include "report_fixture.h"
#include "strbuf.h"

#include <dirent.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COMPUTED_NOTE "\n（" SEED_AS_OF "時点の記録から算出）"

/* The reader script: meson runs tests from the build directory, where __FILE__ (given to the
 * compiler relative to it) still leads to the source tree; a run from the source root or with
 * MESON_SOURCE_ROOT set finds it too. */
static const char *reader_script(char *buf, size_t size)
{
	const char *root = getenv("MESON_SOURCE_ROOT");
	char file[512];
	snprintf(file, sizeof file, "%s", __FILE__);
	const char *here = dirname(file);
	const char *candidates[3][2] = { { root, "/tests/lib/xlsx_cells.py" }, { here, "/../lib/xlsx_cells.py" },
					  { ".", "/tests/lib/xlsx_cells.py" } };
	for (int i = 0; i < 3; i++) {
		if (!candidates[i][0])
			continue;
		snprintf(buf, size, "%s%s", candidates[i][0], candidates[i][1]);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	fail_msg("tests/lib/xlsx_cells.py not found (cwd or MESON_SOURCE_ROOT)");
	return NULL;
}

/* The workbook at path as xlsx_cells.py prints it. */
static json_t *read_workbook(const char *path)
{
	char script[1024], cmd[2048];
	/* Debian's python3, which python3-openpyxl installs for, before any other on PATH. */
	const char *python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	snprintf(cmd, sizeof cmd, "%s '%s' '%s'", python, reader_script(script, sizeof script), path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	json_error_t err;
	json_t *root = json_loadf(p, 0, &err);
	int status = pclose(p);
	assert_int_equal(status, 0);
	if (!root)
		fail_msg("xlsx_cells.py printed no JSON: %s", err.text);
	return root;
}

static json_t *sheet_at(json_t *root, size_t i)
{
	json_t *s = json_array_get(json_object_get(root, "sheets"), i);
	assert_non_null(s);
	return s;
}

static void assert_text(json_t *sheet, const char *cell, const char *want)
{
	json_t *v = json_object_get(json_object_get(sheet, "cells"), cell);
	if (!json_is_string(v))
		fail_msg("%s!%s: want \"%s\", got %s", json_string_value(json_object_get(sheet, "title")), cell, want,
			 v ? "a non-text cell" : "nothing");
	if (strcmp(json_string_value(v), want) != 0)
		fail_msg("%s!%s: want \"%s\", got \"%s\"", json_string_value(json_object_get(sheet, "title")), cell,
			 want, json_string_value(v));
}

static void assert_number(json_t *sheet, const char *cell, double want)
{
	json_t *v = json_object_get(json_object_get(sheet, "cells"), cell);
	if (!json_is_number(v))
		fail_msg("%s!%s: want the number %g", json_string_value(json_object_get(sheet, "title")), cell, want);
	assert_float_equal(json_number_value(v), want, 1e-9);
}

static void assert_blank(json_t *sheet, const char *cell)
{
	assert_null(json_object_get(json_object_get(sheet, "cells"), cell));
}

static bool merged(json_t *sheet, const char *range)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(sheet, "merged"), i, r)
		if (!strcmp(json_string_value(r), range))
			return true;
	return false;
}

static const char *const titles[] = { "1 基礎情報", "2 取組概要", "3 取組の経緯", "4 成果・効果", "5 強みと課題",
				      "データ", "グラフ" };

/* Every sheet in order, each printed on A4, one page wide. */
static void assert_layout(json_t *root)
{
	assert_int_equal(json_array_size(json_object_get(root, "sheets")), 7);
	for (size_t i = 0; i < 7; i++) {
		json_t *s = sheet_at(root, i);
		assert_string_equal(json_string_value(json_object_get(s, "title")), titles[i]);
		json_t *print = json_object_get(s, "print");
		assert_int_equal(json_integer_value(json_object_get(print, "paperSize")), 9);
		assert_int_equal(json_integer_value(json_object_get(print, "fitToWidth")), 1);
		assert_int_equal(json_integer_value(json_object_get(print, "fitToHeight")), 0);
		assert_true(json_is_true(json_object_get(print, "fitToPage")));
	}
}

/* What a test leaves to clean up, so a failed assertion (cmocka jumps out of the test) still
 * removes its files and frees its JSON. */
struct fixture {
	char dir[64];        /* a private directory for the workbook */
	char path[96];       /* dir/sheet.xlsx */
	char tmpdir[64];     /* a private TMPDIR for sheet_xlsx_bytes */
	char *old_tmpdir;    /* TMPDIR as it was (malloc), or NULL */
	json_t *root;        /* what the reader printed */
	struct arena *a;
};

static int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_sheet_xlsx-XXXXXX");
	snprintf(f->tmpdir, sizeof f->tmpdir, "/tmp/test_sheet_xlsx-tmp-XXXXXX");
	if (!mkdtemp(f->dir) || !mkdtemp(f->tmpdir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/sheet.xlsx", f->dir);
	f->old_tmpdir = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	f->a = arena_create(0);
	*state = f;
	return 0;
}

static int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->path);
	int rc = rmdir(f->dir) | rmdir(f->tmpdir); /* fails if anything was left behind */
	if (f->old_tmpdir)
		setenv("TMPDIR", f->old_tmpdir, 1);
	else
		unsetenv("TMPDIR");
	free(f->old_tmpdir);
	json_decref(f->root);
	arena_destroy(f->a);
	free(f);
	return rc;
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* Writes the workbook of s to t->path; its size. */
static long long write_workbook(struct fixture *t, const struct status_sheet *s)
{
	assert_int_equal(sheet_xlsx_write(s, t->path), 0);
	struct stat st;
	assert_int_equal(stat(t->path, &st), 0);
	return (long long)st.st_size;
}

static void test_seed_sheet(void **state)
{
	struct fixture *t = *state;
	struct status_sheet s = seed_sheet();
	printf("# the seed's workbook: %lld bytes\n", write_workbook(t, &s));
	const char *keep = getenv("TSUNAGU_TEST_OUT"); /* for a person to open */
	if (keep) {
		char path[1024];
		snprintf(path, sizeof path, "%s/status-sheet.xlsx", keep);
		assert_int_equal(sheet_xlsx_write(&s, path), 0);
	}
	json_t *root = t->root = read_workbook(t->path);
	assert_layout(root);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "properties"), "title")),
			    "自治体状況共有シート 静岡市 令和3年度");
	json_t *creator = json_object_get(json_object_get(root, "properties"), "creator");
	assert_true(json_is_null(creator) || !strcmp(json_string_value(creator), "")); /* no person's name */

	json_t *basic = sheet_at(root, 0);
	assert_text(basic, "A1", s.lead);
	assert_text(basic, "A3", "精神障害にも対応した地域包括ケアシステム構築支援事業");
	assert_text(basic, "A4", "「自治体状況共有」シート");
	assert_text(basic, "A5", "入院医療中心から地域生活中心へ");
	assert_text(basic, "A8", "１ 県又は政令市・特別区の基礎情報");
	assert_text(basic, "A10", "都道府県等");
	assert_text(basic, "B10", "静岡市");
	assert_text(basic, "B11", "静岡県");
	assert_text(basic, "B12", "葵区、駿河区、清水区");
	assert_text(basic, "B13", "静岡市に1か所");
	assert_text(basic, "B14", s.basic);
	assert_true(merged(basic, "A4:B4"));

	json_t *timeline = sheet_at(root, 2);
	assert_text(timeline, "A4", "年度");
	assert_text(timeline, "A5", "平成19～20年度");
	assert_text(timeline, "B5", "「精神障害者退院促進事業」");
	assert_text(timeline, "C5", "静岡県（各圏域の相談支援事業所に委託）");
	assert_blank(timeline, "D5");
	assert_text(timeline, "C6", "静岡市");
	assert_text(timeline, "D6", "○長期入院者の退院促進と治療中断防止に関する研究事業");
	assert_text(timeline, "A7", "平成21～23年度");
	assert_text(timeline, "D7", "○「精神障害者退院促進事業」から名称変更");
	assert_text(timeline, "A8", "平成21年度～");
	assert_text(timeline, "A9", "平成27年度～");
	assert_text(timeline, "D9", "○各行政区相談支援事業所に「退院支援専任相談員」を配置（各区1名ずつ）\n"
				    "○医療・福祉・行政のつながる場「退院支援連絡会」の開催（月1回）");

	json_t *out = sheet_at(root, 3);
	assert_text(out, "A4", "＜令和3年度までの成果・効果＞");
	assert_text(out, "A5", "課題解決の達成度を測る指標");
	assert_text(out, "B5", "目標値\n（R3年度当初）");
	assert_text(out, "C5", "実績値\n（R3年度末）");
	assert_text(out, "D5", "具体的な成果・効果");
	assert_text(out, "A6", "①支援体制の確認できる仕組み（住宅あっせんシステム）");
	assert_text(out, "B6", "宅建協会員への研修会の開催・運用開始");
	assert_text(out, "C6", "コロナの影響で研修会・運用開始は未定");
	assert_text(out, "A8", "③ピアサポート活動");
	assert_text(out, "C8", "コロナの影響で対面研修は見合わせることとなった。\n交流会：５回開催");
	assert_blank(out, "A9");

	json_t *plan = sheet_at(root, 4);
	assert_text(plan, "A4", "【特徴（強み）】");
	assert_text(plan, "A7", "課題");
	assert_text(plan, "C7", "課題・方針に対する役割（取組）");
	assert_text(plan, "A8", "多様な居住の場の確保の推進に関すること。");
	assert_true(merged(plan, "A8:A11"));
	assert_text(plan, "C8", "行政");
	assert_text(plan, "C11", "その他関係機関・住民等");
	assert_blank(plan, "D9"); /* 医療: blank, as the seed leaves it */
	assert_text(plan, "A12", "8050問題や障がい者の高齢化等により高齢分野との連携が一層求められている。");
	assert_text(plan, "A16", "※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。");
	assert_text(plan, "B18", "現状値\n（今年度当初）");
	assert_text(plan, "C18", "目標値\n（令和5年度末）");
	assert_text(plan, "A19", "①宅建との制度を活用したケースの積み上げ");
	assert_text(plan, "B19", "3件" COMPUTED_NOTE);
	assert_text(plan, "C19", "6件");
	assert_text(plan, "A20", "②高齢分野との連携のための研修会の開催");
	assert_text(plan, "B20", "1回");
	assert_text(plan, "C20", "1回");
	assert_text(plan, "D20", "令和５年度で各区で研修会を開催する。");

	json_t *data = sheet_at(root, 5);
	assert_text(data, "A1", "年度");
	assert_text(data, "C1", "①宅建との制度を活用したケースの積み上げ（件）");
	assert_text(data, "E1", "②退院後1年以内の地域における平均生活日数（日）");
	assert_true(merged(data, "C1:D1"));
	assert_text(data, "C2", "実績");
	assert_text(data, "D2", "目標");
	assert_string_equal(json_string_value(json_object_get(data, "freeze")), "C3");
	assert_string_equal(json_string_value(json_object_get(json_object_get(data, "print"), "orientation")),
			    "landscape");
	static const char *const labels[] = { "R1", "R2", "R3", "R4", "R5" };
	for (int i = 0; i < 5; i++) {
		char a[8], b[8];
		snprintf(a, sizeof a, "A%d", 3 + i);
		snprintf(b, sizeof b, "B%d", 3 + i);
		assert_text(data, a, labels[i]);
		assert_number(data, b, 2019 + i);
	}
	assert_number(data, "C3", 1);
	assert_number(data, "C4", 2);
	assert_blank(data, "C5");
	assert_number(data, "C6", 3);
	assert_number(data, "C7", 4);
	assert_number(data, "D7", 6);
	assert_blank(data, "D6");
	assert_string_equal(json_string_value(json_object_get(json_object_get(data, "formats"), "C7")),
			    "0\"（暫定）\"");
	assert_string_equal(json_string_value(json_object_get(json_object_get(data, "formats"), "C6")), "0");
	assert_blank(data, "E3");
	assert_number(data, "E4", 331.5);
	assert_number(data, "E6", 361.7);
	assert_blank(data, "E7");
	assert_number(data, "F6", 350);
	assert_number(data, "F7", 365);

	/* One chart per series, reading the data sheet; the year without a figure is a gap in the
	 * chart's cache, not a zero. */
	json_t *charts = sheet_at(root, 6);
	assert_int_equal(json_integer_value(json_object_get(charts, "charts")), s.n_series);
	assert_int_equal(json_integer_value(json_object_get(root, "chart_parts")), s.n_series);
	json_t *first = json_array_get(json_object_get(charts, "chart_list"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "title")), "①宅建との制度を活用したケースの積み上げ");
	json_t *values = json_array_get(json_object_get(first, "series"), 0);
	json_t *targets = json_array_get(json_object_get(first, "series"), 1);
	assert_string_equal(json_string_value(json_object_get(values, "name")), "実績");
	assert_string_equal(json_string_value(json_object_get(values, "values")), "'データ'!$C$3:$C$7");
	assert_string_equal(json_string_value(json_object_get(values, "categories")), "'データ'!$A$3:$A$7");
	assert_float_equal(json_number_value(json_object_get(json_object_get(values, "points"), "3")), 3, 1e-9);
	assert_null(json_object_get(json_object_get(values, "points"), "2"));
	assert_string_equal(json_string_value(json_object_get(targets, "name")), "目標");
	assert_string_equal(json_string_value(json_object_get(targets, "values")), "'データ'!$D$3:$D$7");
	assert_int_equal(json_object_size(json_object_get(targets, "points")), 1);
}

static void test_bytes_leave_nothing(void **state)
{
	struct fixture *t = *state;
	struct status_sheet s = seed_sheet();
	size_t size = (size_t)write_workbook(t, &s);
	setenv("TMPDIR", t->tmpdir, 1);

	struct strbuf out;
	strbuf_init(&out, t->a, 0);
	assert_int_equal(sheet_xlsx_bytes(&s, &out), 0);
	assert_int_equal(out.len, size);
	assert_memory_equal(out.buf, "PK\x03\x04", 4);
	assert_int_equal(entries(t->tmpdir), 0);
	/* The same sheet on the same as_of day: the same bytes, whenever it is written. */
	char *file = arena_alloc(t->a, out.len);
	FILE *f = fopen(t->path, "rb");
	assert_non_null(f);
	size_t got = fread(file, 1, out.len, f);
	fclose(f);
	assert_int_equal(got, out.len);
	assert_memory_equal(out.buf, file, out.len);

	/* Out of room in the caller's arena: refused, and still nothing left on disk. */
	struct arena *small = arena_create(8192);
	strbuf_init(&out, small, 0);
	int rc = sheet_xlsx_bytes(&s, &out);
	arena_destroy(small);
	assert_int_equal(rc, ERR_TOOBIG);
	assert_int_equal(entries(t->tmpdir), 0);

	/* A temporary directory that cannot be written: a storage error, nothing appended. */
	setenv("TMPDIR", "/nonexistent-tsunagu-dir", 1);
	strbuf_init(&out, t->a, 0);
	assert_int_equal(sheet_xlsx_bytes(&s, &out), ERR_STORAGE);
	assert_int_equal(out.len, 0);
}

static void test_unwritable_path(void **state)
{
	(void)state;
	struct status_sheet s = seed_sheet();
	assert_int_equal(sheet_xlsx_write(&s, "/nonexistent-tsunagu-dir/sheet.xlsx"), ERR_STORAGE);
}

static void test_empty_sheet(void **state)
{
	struct fixture *t = *state;
	struct status_sheet s = { .fy = 2021, .as_of = SEED_AS_OF, .municipality_name = "静岡市", .coming_fy = 2022 };
	assert_int_equal(sheet_xlsx_write(&s, t->path), 0);
	json_t *root = t->root = read_workbook(t->path);
	assert_layout(root);
	assert_text(sheet_at(root, 0), "A4", "「自治体状況共有」シート");
	assert_blank(sheet_at(root, 0), "B11"); /* no prefecture */
	assert_text(sheet_at(root, 3), "B5", "目標値\n（R3年度当初）");
	assert_blank(sheet_at(root, 3), "A6");
	assert_text(sheet_at(root, 4), "C10", "目標値"); /* no rows: no year to name */
	assert_text(sheet_at(root, 5), "A1", "年度");
	assert_blank(sheet_at(root, 5), "A3");
	assert_int_equal(json_integer_value(json_object_get(sheet_at(root, 6), "charts")), 0);
	assert_int_equal(json_integer_value(json_object_get(root, "chart_parts")), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_sheet, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bytes_leave_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_unwritable_path),
		cmocka_unit_test_setup_teardown(test_empty_sheet, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
