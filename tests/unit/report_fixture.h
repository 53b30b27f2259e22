/*
 * report_fixture — what the report tests share (test_sheet_pdf, test_sheet_xlsx,
 * test_support_sheet_pdf): the seed's R3 status sheet of Shizuoka City built by hand, so that the
 * workbook and the PDF are tested on the same sheet without a database; run(), to read what a
 * tool prints (poppler's); and, for the files that render a PDF, the checks of its bytes, the
 * directory where a person can look at it, and the set-up for LeakSanitizer.
 *
 * Included by those test files only, after <cmocka.h>; the helpers are static inline so that
 * each file uses what it needs. A file that renders with pango defines REPORT_FIXTURE_PDF before
 * including it: that part brings a definition that cannot be inline (the suppressions).
 */
#ifndef TSUNAGU_REPORT_FIXTURE_H
#define TSUNAGU_REPORT_FIXTURE_H

#include "report/sheet.h"

#include <stdio.h>
#include <stdlib.h>

/* The day the seed sheet's computed figures were computed on. */
#define SEED_AS_OF "2022-05-10"

/* The standard output of the shell command cmd, malloc'd; the command must succeed. */
static inline char *run(const char *cmd)
{
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	size_t n = 0, cap = 4096;
	char *s = malloc(cap);
	size_t got;
	while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 1024)
			s = realloc(s, cap *= 2);
	}
	s[n] = '\0';
	assert_int_equal(pclose(f), 0);
	return s;
}

#define TEXT(t) { .text = (t) }
#define COUNT(v) { .has_value = true, .value = (v), .kind = INDICATOR_COUNT }
#define COMPUTED(v, k) { .has_value = true, .value = (v), .kind = (k), .computed = true }
#define NONE { .has_value = false }

static const char *seed_wards[] = { "葵区", "駿河区", "清水区" };

/* The seed's §3: the same years under one line, a programme renamed, some without an end. */
static struct programme seed_programmes[] = {
	{ .id = 1, .name = "精神障害者退院促進事業", .implementer = "prefecture",
	  .commissioned_to = "各圏域の相談支援事業所に委託", .from_fy = 2007, .to_fy = 2008 },
	{ .id = 2, .name = "精神障害者ケースマネジメントモデル事業", .implementer = "city", .from_fy = 2007,
	  .to_fy = 2008, .description = "長期入院者の退院促進と治療中断防止に関する研究事業" },
	{ .id = 3, .name = "精神障害者地域移行支援事業", .implementer = "prefecture",
	  .commissioned_to = "各圏域の相談支援事業所に委託", .from_fy = 2009, .to_fy = 2011, .renamed_from = 1 },
	{ .id = 4, .name = "精神障害者地域生活体験支援事業", .implementer = "city", .from_fy = 2009,
	  .description = "グループホームの一室を利用して、短期間の体験宿泊を実施" },
	{ .id = 5, .name = "退院支援体制確保事業", .implementer = "city", .from_fy = 2015,
	  .description = "各行政区相談支援事業所に「退院支援専任相談員」を配置（各区1名ずつ）\n"
			 "医療・福祉・行政のつながる場「退院支援連絡会」の開催（月1回）" },
	{ .id = 6, .name = "障害者自立支援協議会地域移行支援部会、地域移行支援部会ワーキンググループ",
	  .implementer = "city", .from_fy = 2016,
	  .description = "「障害者自立支援協議会地域移行支援部会」、「地域移行支援部会ワーキンググループ"
			 "（退院支援連絡会から名称変更）」の設置" },
};

static struct plan_challenge seed_challenges[] = {
	{ .position = 1, .fy = 2021, .title = "多様な居住の場の確保の推進に関すること。",
	  .policy = "支援者や宅地建物取引業協会側と共に支援体制の確認できる仕組み（住宅あっせんシステム）を本格実施していく。",
	  .role_government = "宅建協会で研修会を開催し、精神障がい、システムへの理解を促し、協力できる会員を確認しながら"
			     "運用開始に繋げる。\n実際に運用していく中で常に改善点等を洗い出し、より活用しやすい制度となるよう"
			     "検討していく。" },
	{ .position = 2, .fy = 2021, .title = "8050問題や障がい者の高齢化等により高齢分野との連携が一層求められている。",
	  .policy = "高齢分野との研修会を開催し、互いの立場や役割を確認し、顔つなぎを行うことで、より円滑な連携体制の構築に繋げる",
	  .role_government = "研修会においては、ワーキングループメンバーも参加し、グループワーク等が円滑に行えるよう支援する。" },
};

static struct sheet_row seed_outcomes[] = {
	{ .position = 1, .name = "支援体制の確認できる仕組み（住宅あっせんシステム）", .unit = "", .fy = 2021,
	  .target_fy = 2021, .target = TEXT("宅建協会員への研修会の開催・運用開始"),
	  .actual = TEXT("コロナの影響で研修会・運用開始は未定"),
	  .outcome = "・宅建協会役員との打合せを行い、不動産会社等がシステムに期待していること等の確認ができた。\n"
		     "・研修会に向けた資料作成" },
	{ .position = 2, .name = "高齢分野との関係づくり", .unit = "", .fy = 2021, .target_fy = 2021,
	  .target = TEXT("駿河区においてワーキンググループメンバーと地域包括支援センター、ケアマネ等と研修会を行う"),
	  .actual = TEXT("左記研修を駿河区にて１回開催。ケアマネの研修会でもWGメンバーが講師として参加。"),
	  .outcome = "・事例検討等を通して、障害分野、高齢分野それぞれの立場や役割等について、お互いの理解が深まった。\n"
		     "・駿河区の地域の支援者が集まることで、顔つなぎをすることができた。" },
	{ .position = 3, .name = "ピアサポート活動", .unit = "", .fy = 2021, .target_fy = 2021,
	  .target = TEXT("県と共催で、ピアサポーター養成研修（基礎）を１回開催する\nピアサポーター交流会のバックアップ"),
	  .actual = TEXT("コロナの影響で対面研修は見合わせることとなった。\n交流会：５回開催"),
	  .outcome = "・県の研修がR4年度静岡市圏域で開催する予定。\n"
		     "・交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。" },
};

static struct sheet_row seed_coming[] = {
	{ .position = 1, .name = "宅建との制度を活用したケースの積み上げ", .unit = "件", .computation = "housing_cases",
	  .fy = 2022, .target_fy = 2023, .baseline = COMPUTED(3, INDICATOR_COUNT), .target = COUNT(6),
	  .expected = "制度を利用して退院し、退院後も継続した地域生活が送れる。" },
	{ .position = 2, .name = "高齢分野との連携のための研修会の開催", .unit = "回", .fy = 2022, .target_fy = 2023,
	  .baseline = COUNT(1), .target = COUNT(1), .expected = "令和５年度で各区で研修会を開催する。" },
};

/* The series behind the workbook's data sheet and charts (the PDF prints none). 2021 has no
 * figure; 2023's is provisional (its window had not passed). */
static struct sheet_point seed_cases_points[] = {
	{ 2019, COMPUTED(1, INDICATOR_COUNT), NONE },
	{ 2020, COMPUTED(2, INDICATOR_COUNT), NONE },
	{ 2021, NONE, NONE },
	{ 2022, COMPUTED(3, INDICATOR_COUNT), NONE },
	{ 2023, { .has_value = true, .value = 4, .kind = INDICATOR_COUNT, .computed = true, .provisional = true },
	  COUNT(6) },
};

/* Starts a year later than the first, so its columns must stay blank in 2019. */
static struct sheet_point seed_days_points[] = {
	{ 2020, COMPUTED(331.5, INDICATOR_MEAN), NONE },
	{ 2021, COMPUTED(340.2, INDICATOR_MEAN), NONE },
	{ 2022, COMPUTED(361.7, INDICATOR_MEAN), { .has_value = true, .value = 350, .kind = INDICATOR_MEAN } },
	{ 2023, NONE, { .has_value = true, .value = 365, .kind = INDICATOR_MEAN } },
};

static struct sheet_series seed_series[] = {
	{ .position = 1, .name = "宅建との制度を活用したケースの積み上げ", .unit = "件", .computation = "housing_cases",
	  .kind = INDICATOR_COUNT, .points = seed_cases_points, .n_points = 5 },
	{ .position = 2, .name = "退院後1年以内の地域における平均生活日数", .unit = "日", .computation = "community_days_1y",
	  .kind = INDICATOR_MEAN, .points = seed_days_points, .n_points = 4 },
};

#undef TEXT
#undef COUNT
#undef COMPUTED
#undef NONE

#define SEED_N(array) (sizeof array / sizeof array[0])

/* The seed's R3 sheet (令和3年度, written in R4), as status_sheet_load() would fill it: every
 * section's texts, two rows of §5 (the first computed on SEED_AS_OF), and two series for the
 * charts. Its arrays are this file's: a test that changes a row copies the array first. */
static inline struct status_sheet seed_sheet(void)
{
	return (struct status_sheet){
		.fy = 2021,
		.as_of = SEED_AS_OF,
		.municipality_code = "221007",
		.municipality_name = "静岡市",
		.prefecture = "静岡県",
		.wards = seed_wards,
		.n_wards = SEED_N(seed_wards),
		.forum_city_wide = true,
		.lead = "静岡市では、精神障害にも対応した構築支援事業を取り組むにあたり、医療と福祉、行政が連携した"
			"地域移行支援体制の構築に取り組んでいます。\nまた、地域移行の推進に係る課題や手法など官民協働で"
			"協議を行っています。",
		.basic = "・静岡市はH17.4に14番目の政令指定都市となりました。\n葵区、駿河区、清水区の３区に分かれていますが、"
			 "静岡市として統一した支援が行えるよう、協議の場は市に1か所となっています。",
		.overview = "次ページに静岡市における１人の精神障害者の地域生活支援体制整備イメージを記載しています。",
		.texts_from_fy = 2021,
		.programmes = seed_programmes,
		.n_programmes = SEED_N(seed_programmes),
		.strength = "精神科病院に入院している方、または、障害者支援施設等に入所している方が、地域で生活するために"
			    "必要となる支援体制の整備など、障がいのある方の地域移行の推進に係る課題や手法など官民協働で"
			    "協議することができている。",
		.plan_from_fy = 2021,
		.challenges = seed_challenges,
		.n_challenges = SEED_N(seed_challenges),
		.outcomes = seed_outcomes,
		.n_outcomes = SEED_N(seed_outcomes),
		.coming = seed_coming,
		.n_coming = SEED_N(seed_coming),
		.coming_fy = 2022,
		.series = seed_series,
		.n_series = SEED_N(seed_series),
	};
}

#ifdef REPORT_FIXTURE_PDF

#include "arena.h"
#include "i18n.h"
#include "strbuf.h"

#include <libgen.h>
#include <string.h>
#include <unistd.h>

/* Pango and cairo keep fontconfig patterns in process-wide caches that LeakSanitizer reports as
 * lost. It is a one-time cost, not a leak per PDF: the report is the same 57 KB after one render
 * and after twenty. Only stacks through fontconfig are silenced; a layout or surface this code
 * forgot to free is still reported. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* GLib's slice allocator would hide a PangoLayout left unfreed from LeakSanitizer, and GLib
 * reads G_SLICE as it loads: main calls this first, to set it and start again. */
static inline void pdf_test_restart(int argc, char **argv)
{
	if (argc > 0 && !getenv("G_SLICE")) {
		setenv("G_SLICE", "always-malloc", 1);
		execv("/proc/self/exe", argv);
	}
}

/* Each test: the message catalogue, and an arena in *state. */
static inline int pdf_setup(void **state)
{
	i18n_init();
	*state = arena_create(0);
	return 0;
}

static inline int pdf_teardown(void **state)
{
	arena_destroy(*state);
	return 0;
}

/* rc, what the renderer returned, is 0 and out holds a PDF; it is written to a new file
 * /tmp/<prefix>-XXXXXX, whose name goes to path (the caller unlinks it). */
static inline void pdf_to_file(int rc, const struct strbuf *out, const char *prefix, char *path, size_t size)
{
	assert_int_equal(rc, 0);
	assert_false(out->failed);
	assert_true(out->len > 5);
	assert_memory_equal(out->buf, "%PDF-", 5);
	snprintf(path, size, "/tmp/%s-XXXXXX", prefix);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, out->buf, out->len), (ssize_t)out->len);
	close(fd);
}

/* Where a test leaves a file for a person to look at: $TSUNAGU_TEST_OUT, else tests/out
 * (git-ignored). buf holds the latter. */
static inline const char *test_out_dir(char *buf, size_t size)
{
	const char *out = getenv("TSUNAGU_TEST_OUT");
	if (out)
		return out;
	snprintf(buf, size, "%s", __FILE__);
	snprintf(buf + strlen(dirname(buf)), size - strlen(buf), "/../out");
	return buf;
}

#endif /* REPORT_FIXTURE_PDF */

#endif
