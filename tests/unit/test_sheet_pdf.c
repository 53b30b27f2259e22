/*
 * test_sheet_pdf — the status-sharing sheet as a PDF, read back with poppler's tools, which are
 * what a reader's viewer is built on: the seed's R3 sheet of Shizuoka City (report_fixture.h,
 * built by hand, so no database is needed) comes back with the form's headings, texts and
 * figures, a computed figure marked and the day it was computed on every page, the programme
 * years in the form's era style; the font is the small embedded IPAexGothic and the page is A4.
 * A cell of 3,000 characters continues over pages without a character lost, and an empty sheet
 * still renders.
 * The seed's sheet is written to tests/out/status-sheet.pdf (or $TSUNAGU_TEST_OUT) with its first
 * two pages as PNG, for a person to look at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "report/sheet.h"
#include "report/sheet_pdf.h"
#include "strbuf.h"
#define REPORT_FIXTURE_PDF
#include "report_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rendered {
	char path[64];     /* the PDF in /tmp */
	struct strbuf out; /* its bytes */
	char *text;        /* pdftotext -layout's output without white space (malloc) */
	int pages;         /* pdfinfo's page count */
};

/* s without ASCII white space, form feeds and U+3000, in place: wrapping and -layout's column
 * padding split a text anywhere, so it is matched with all of them taken out. */
static char *squeeze(char *s)
{
	char *w = s;
	for (const char *c = s; *c;) {
		if (!strncmp(c, "\xe3\x80\x80", 3)) {
			c += 3;
			continue;
		}
		if (*c != ' ' && *c != '\n' && *c != '\f' && *c != '\t' && *c != '\r')
			*w++ = *c;
		c++;
	}
	*w = '\0';
	return s;
}

static void render(struct arena *a, const struct status_sheet *s, struct rendered *r)
{
	strbuf_init(&r->out, a, 0);
	pdf_to_file(sheet_pdf(s, &r->out), &r->out, "tsunagu-status", r->path, sizeof r->path);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -layout -enc UTF-8 '%s' -", r->path);
	r->text = squeeze(run(cmd));
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", r->path);
	char *info = run(cmd);
	const char *pages = strstr(info, "Pages:");
	assert_non_null(pages);
	r->pages = atoi(pages + strlen("Pages:"));
	/* A4 portrait: 595.28 x 841.89 pts, which pdfinfo rounds. */
	assert_non_null(strstr(info, "595.28 x 841.89 pts (A4)"));
	free(info);
}

static void rendered_done(struct rendered *r)
{
	unlink(r->path);
	free(r->text);
}

/* want, squeezed like the text, is in text. */
static void assert_has(const char *text, const char *want)
{
	char *w = squeeze(strdup(want));
	if (!strstr(text, w))
		fail_msg("\"%s\" is not in the PDF's text", want);
	free(w);
}

/* The cover and sections 1–3 in the form's words. */
static void test_seed_sheet_headings_and_texts(void **state)
{
	struct status_sheet s = seed_sheet();
	struct rendered r;
	render(*state, &s, &r);
	static const char *const want[] = {
		"静岡市では、精神障害にも対応した構築支援事業を取り組むにあたり",
		"精神障害にも対応した地域包括ケアシステム構築支援事業「自治体状況共有」シート",
		"入院医療中心から地域生活中心へ",
		"１ 県又は政令市・特別区の基礎情報",
		"静岡県", "葵区、駿河区、清水区", "市に1か所",
		"静岡市はH17.4に14番目の政令指定都市となりました。",
		"２ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組概要（全体）",
		"３ 精神障害にも対応した地域包括ケアシステムの構築に向けた取組の経緯",
		"平成19～20年度 「精神障害者退院促進事業」 ○実施主体：静岡県（各圏域の相談支援事業所に委託）",
		"「精神障害者ケースマネジメントモデル事業」 ○実施主体：静岡市 ○長期入院者の退院促進と治療中断防止に関する研究事業",
		"平成21～23年度 「精神障害者地域移行支援事業」",
		"○「精神障害者退院促進事業」から名称変更",
		"平成21年度～ 「精神障害者地域生活体験支援事業」",
		"平成27年度～ 「退院支援体制確保事業」",
		"○医療・福祉・行政のつながる場「退院支援連絡会」の開催（月1回）",
		"平成28年度～",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_has(r.text, want[i]);
	/* Programmes of the same years stand under one year line, as on the form. */
	const char *first = strstr(r.text, "平成19～20年度");
	assert_non_null(first);
	assert_null(strstr(first + 1, "平成19～20年度"));
	rendered_done(&r);
}

/* Sections 4 and 5: the tables, their figures and the computed figure's mark and date. */
static void test_seed_sheet_tables(void **state)
{
	struct status_sheet s = seed_sheet();
	struct rendered r;
	render(*state, &s, &r);
	static const char *const want[] = {
		"４ 精神障害にも対応した地域包括ケアシステム構築に資する取組の成果・効果",
		"＜令和3年度までの成果・効果＞",
		"課題解決の達成度を測る指標", "（R3年度当初）", "（R3年度末）", "具体的な成果・効果",
		"５ 精神障害にも対応した地域包括ケアシステムの構築に向けた現時点における強みと課題",
		"【特徴（強み）】",
		"官民協働で協議することができている。",
		"課題解決に向けた取組方針", "課題・方針に対する役割（取組）",
		"行政", "医療", "福祉", "その他関係機関・住民等",
		"※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。",
		"現状値", "（今年度当初）", "（令和5年度末）", "見込んでいる成果・効果",
		"算出値は" SEED_AS_OF "時点の記録から計算",
		"静岡市 令和3年度 page 1",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_has(r.text, want[i]);
	/* The computed baseline is marked, the entered target and the other row are not. */
	assert_has(r.text, "3件＊");
	assert_null(strstr(r.text, "6件＊"));
	assert_has(r.text, "6件");
	assert_has(r.text, "1回");
	assert_null(strstr(r.text, "1回＊"));
	/* Every page says on which day the computed figures were computed. */
	size_t footers = 0;
	for (const char *at = r.text; (at = strstr(at, "算出値は" SEED_AS_OF "時点の記録から計算")); at++)
		footers++;
	assert_int_equal(footers, (size_t)r.pages);
	rendered_done(&r);
}

/* pdftotext -layout of the part of each page between x0 and x1 (points) above the footer,
 * squeezed, with every copy of a repeated table header taken out: one column of a table, whose
 * wrapped lines the whole page's text interleaves with its neighbours'. */
static char *column(const struct rendered *r, double x0, double x1, const char *header)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "pdftotext -layout -enc UTF-8 -x %.0f -y 0 -W %.0f -H 776 '%s' -", x0,
		 x1 - x0, r->path);
	char *s = squeeze(run(cmd));
	size_t n = strlen(header);
	for (char *at; n && (at = strstr(s, header));)
		memmove(at, at + n, strlen(at + n) + 1);
	return s;
}

/* The page's text runs from x = 50 to 545.28 (pdf.c); the columns of §4 and §5's indicators take 26, 16, 16 and 42 %. */
#define COL(share) (50 + 495.28 * (share))

static void test_seed_sheet_cells_whole(void **state)
{
	struct status_sheet s = seed_sheet();
	struct rendered r;
	render(*state, &s, &r);
	char *names = column(&r, COL(0) - 1, COL(0.26), "");
	assert_has(names, "①支援体制の確認できる仕組み（住宅あっせんシステム）");
	assert_has(names, "②高齢分野との関係づくり");
	assert_has(names, "③ピアサポート活動");
	assert_has(names, "①宅建との制度を活用したケースの積み上げ");
	assert_has(names, "②高齢分野との連携のための研修会の開催");
	free(names);
	char *targets = column(&r, COL(0.26), COL(0.42), "");
	assert_has(targets, "宅建協会員への研修会の開催・運用開始");
	assert_has(targets, "駿河区においてワーキンググループメンバーと地域包括支援センター、ケアマネ等と研修会を行う");
	free(targets);
	char *actuals = column(&r, COL(0.42), COL(0.58), "");
	assert_has(actuals, "コロナの影響で研修会・運用開始は未定");
	assert_has(actuals, "交流会：５回開催");
	free(actuals);
	char *effects = column(&r, COL(0.58), COL(1) + 1, "具体的な成果・効果");
	assert_has(effects, "・宅建協会役員との打合せを行い、不動産会社等がシステムに期待していること等の確認ができた。");
	assert_has(effects, "・交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。");
	assert_has(effects, "制度を利用して退院し、退院後も継続した地域生活が送れる。");
	assert_has(effects, "令和５年度で各区で研修会を開催する。");
	free(effects);

	char cmd[2400];
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", r.path);
	char *fonts = run(cmd);
	/* Subset (a "ABCDEF+" prefix) and embedded: the small IPAexGothic, not a fallback. */
	assert_non_null(strstr(fonts, "+IPAexGothic"));
	assert_non_null(strstr(fonts, "yes yes"));
	free(fonts);
	assert_true(r.out.len < 200 * 1024);
	print_message("status sheet PDF: %zu bytes, %d pages\n", r.out.len, r.pages);

	/* For a person to look at. */
	char dir[512];
	const char *out = test_out_dir(dir, sizeof dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s' '%s/status-sheet.pdf' && "
		 "pdftoppm -r 60 -png -f 1 -l 2 '%s' '%s/status-sheet'", out, r.path, out, r.path, out);
	free(run(cmd));
	rendered_done(&r);
}

/* An outcome text of 3,000 characters is continued over pages with every character kept. */
static void test_long_cell_continues(void **state)
{
	struct arena *a = *state;
	struct status_sheet s = seed_sheet();
	struct rendered r;
	render(a, &s, &r);
	int pages = r.pages;
	rendered_done(&r);

	struct strbuf t;
	strbuf_init(&t, a, 0);
	for (int i = 0; i < 100; i++) /* 30 characters each: "・第001回の研修会を開催し…。" */
		strbuf_printf(&t, "・第%03d回の研修会を開催し顔つなぎを行った記録。", i + 1);
	struct sheet_row rows[3];
	memcpy(rows, s.outcomes, sizeof rows);
	rows[1].outcome = strbuf_str(&t);
	s.outcomes = rows;
	render(a, &s, &r);
	assert_true(r.pages >= pages + 2);
	char *effects = column(&r, COL(0.58), COL(1) + 1, "具体的な成果・効果");
	assert_has(effects, strbuf_str(&t));
	/* The row after it, and everything after the table, still come. */
	assert_has(effects, "・交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。");
	free(effects);
	assert_has(r.text, "令和５年度で各区で研修会を開催する。");
	/* The table's header is repeated on the page the row continues on. */
	size_t headers = 0;
	for (const char *at = r.text; (at = strstr(at, "（R3年度末）")); at++)
		headers++;
	assert_true(headers >= 2);
	print_message("with a 3,000-character cell: %d pages (seed: %d)\n", r.pages, pages);
	rendered_done(&r);
}

/* Nothing written yet: no rows, no texts, no name. The form still comes out, with its headings. */
static void test_empty_sheet_renders(void **state)
{
	struct status_sheet s = { .fy = 2021 };
	struct rendered r;
	render(*state, &s, &r);
	assert_true(r.pages >= 1 && r.pages <= 2);
	assert_has(r.text, "１ 県又は政令市・特別区の基礎情報");
	assert_has(r.text, "５ 精神障害にも対応した地域包括ケアシステムの構築に向けた現時点における強みと課題");
	assert_has(r.text, "課題解決の達成度を測る指標");
	assert_has(r.text, "見込んでいる成果・効果");
	rendered_done(&r);
}

int main(int argc, char **argv)
{
	pdf_test_restart(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_sheet_headings_and_texts, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_seed_sheet_tables, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_seed_sheet_cells_whole, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_long_cell_continues, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_empty_sheet_renders, pdf_setup, pdf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
