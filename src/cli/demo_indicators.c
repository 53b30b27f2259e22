/*
 * demo_indicators — the city's indicators and the status sheet's texts, so that the sheet of
 * FY2021 (令和3年度) reproduces the seed (../shared/seed/shizuoka-status-sheet.ja.txt) word for
 * word — as stored, that is NFKC-normalised like every text a user writes (（ ） become ( ),
 * full-width digits ASCII).
 *
 *   §4 the three R3 indicators are entered by hand: their targets and actuals are words, as
 *      the seed's are (「コロナの影響で研修会・運用開始は未定」).
 *   §5 the two indicators for the end of R5 are computed — housing_scheme_cases (cases that used
 *      the scheme; the seed's 3 → 6) and elderly_field_trainings (1 → 1) — set at the start of
 *      R4; their baselines come from the records of R3 (demo_history.c, demo_events.c), never
 *      typed in.
 *   and, for the charts and the national comparison, four national-plan indicators set at the
 *      start of R6 with the 第7期 targets for the end of R8 (INDICATORS.md): they are not on the
 *      R3 sheet.
 */
#include "cli.h"
#include "db/db.h"
#include "domain/indicator_set.h"
#include "domain/user.h"
#include "error.h"

#include <stddef.h>

#define SHEET_FY 2021

static const struct {
	const char *section;
	const char *body;
} texts[] = {
	{ "lead", "静岡市では、精神障害にも対応した構築支援事業を取り組むにあたり、医療と福祉、行政が連携した"
		  "地域移行支援体制の構築に取り組んでいます。\n"
		  "また、地域移行の推進に係る課題や手法など官民協働で協議を行っています。" },
	{ "basic", "・静岡市はH17.4に14番目の政令指定都市となりました。\n"
		   "葵区、駿河区、清水区の３区に分かれていますが、静岡市として統一した支援が行えるよう、"
		   "協議の場は市に1か所となっています。" },
	{ "overview",
	  "次ページに静岡市における１人の精神障害者の地域生活支援体制整備イメージを記載しています。"
	  "静岡市では退院のことだけではなく、救急医療等含めた入院医療中心から地域生活中心へと大きな流れの中で、"
	  "平成25年度からの第６次の医療計画において、新たに精神疾患が追加され、５疾病５事業として"
	  "精神科医療連携体制構築が進められてきています。その中で、本市として、市が取り組む「対策」、その「対象」、"
	  "そしてSTEP１・STEP2と段階を経たうえでの「精神障害にも対応可能な地域サポートシステムの構築」を"
	  "進めていくという体制イメージになります。\n"
	  "地域移行支援部会ワーキンググループでは、主に長期入院患者さんを対象に入院から退院後、"
	  "その後の支援も受けられるよう取り組んでいます。" },
};

/* A year row as the table gives it; a number below 0 is none. */
struct demo_year {
	int fy, target_fy;
	double target;        /* < 0: none (the target is in words) */
	const char *target_text, *actual_text, *outcome, *expected;
	double national_target; /* < 0: none */
	const char *national_note;
};

static const struct {
	int position;
	const char *name, *computation, *unit;
	struct demo_year year;
} indicators[] = {
	/* §4: the outcomes up to R3, entered. */
	{ 1, "支援体制の確認できる仕組み（住宅あっせんシステム）", NULL, "",
	  { 2021, 2021, -1, "宅建協会員への研修会の開催・運用開始", "コロナの影響で研修会・運用開始は未定",
	    "・宅建協会役員との打合せを行い、不動産会社等がシステムに期待していること等の確認ができた。\n"
	    "・研修会に向けた資料作成",
	    NULL, -1, NULL } },
	{ 2, "高齢分野との関係づくり", NULL, "",
	  { 2021, 2021, -1,
	    "駿河区においてワーキンググループメンバーと地域包括支援センター、ケアマネ等と研修会を行う",
	    "左記研修を駿河区にて１回開催。\nケアマネの研修会でもWGメンバーが講師として参加。",
	    "・事例検討等を通して、障害分野、高齢分野それぞれの立場や役割等について、お互いの理解が深まった。\n"
	    "・駿河区の地域の支援者が集まることで、顔つなぎをすることができた。",
	    NULL, -1, NULL } },
	{ 3, "ピアサポート活動", NULL, "",
	  { 2021, 2021, -1, "県と共催で、ピアサポーター養成研修（基礎）を１回開催する\nピアサポーター交流会のバックアップ",
	    "コロナの影響で対面研修は見合わせることとなった。\n交流会：５回開催",
	    "・県の研修がR4年度静岡市圏域で開催する予定。\n"
	    "・交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。",
	    NULL, -1, NULL } },
	/* §5: the indicators for the end of R5, computed, set at the start of R4. */
	{ 1, "宅建との制度を活用したケースの積み上げ", "housing_scheme_cases", "件",
	  { 2022, 2023, 6, NULL, NULL, NULL, "制度を利用して退院し、退院後も継続した地域生活が送れる。", -1, NULL } },
	{ 2, "高齢分野との連携のための研修会の開催", "elderly_field_trainings", "回",
	  { 2022, 2023, 1, NULL, NULL, NULL, "令和５年度で各区で研修会を開催する。", -1, NULL } },
	/* The national plan's outcome indicators (第7期, R6–R8), with the national targets beside. */
	{ 3, "退院後1年以内の地域における平均生活日数", "community_days_1y", "日",
	  { 2024, 2026, 325.3, NULL, NULL, NULL, NULL, 325.3, "第7期障害福祉計画 成果目標（令和8年度）" } },
	{ 4, "入院後3か月時点の退院率", "early_discharge_rate_3m", "%",
	  { 2024, 2026, 68.9, NULL, NULL, NULL, NULL, 68.9, "第7期障害福祉計画 成果目標（令和8年度）" } },
	{ 5, "入院後6か月時点の退院率", "early_discharge_rate_6m", "%",
	  { 2024, 2026, 84.5, NULL, NULL, NULL, NULL, 84.5, "第7期障害福祉計画 成果目標（令和8年度）" } },
	{ 6, "入院後1年時点の退院率", "early_discharge_rate_12m", "%",
	  { 2024, 2026, 91.0, NULL, NULL, NULL, NULL, 91.0, "第7期障害福祉計画 成果目標（令和8年度）" } },
	{ 7, "1年以上長期入院患者数", "longstay_inpatients", "人",
	  { 2024, 2026, -1, "前年度より減らす", NULL, NULL, NULL, -1, NULL } },
};

static struct opt_num num(double v)
{
	return v < 0 ? (struct opt_num){ 0 } : (struct opt_num){ true, v };
}

int demo_add_indicators(struct db *db, struct arena *a, struct demo_counts *counts)
{
	const char *field = NULL, *msg = NULL;
	struct user city;
	int rc = user_by_login(db, a, "city", &city, NULL);
	for (size_t i = 0; !rc && i < sizeof texts / sizeof texts[0]; i++)
		rc = sheet_text_save(db, a, SHEET_FY, texts[i].section, texts[i].body, city.id, &field, &msg);
	counts->indicators = 0;
	for (size_t i = 0; !rc && i < sizeof indicators / sizeof indicators[0]; i++) {
		struct city_indicator ci = { .position = indicators[i].position, .name = (char *)indicators[i].name,
					     .computation = (char *)indicators[i].computation,
					     .unit = (char *)indicators[i].unit, .active = true };
		const struct demo_year *d = &indicators[i].year;
		if ((rc = indicator_set_save(db, a, &ci, &field, &msg)))
			break;
		struct indicator_year y = {
			.indicator_id = ci.id, .fy = d->fy, .target_fy = d->target_fy, .target = num(d->target),
			.target_text = (char *)d->target_text, .actual_text = (char *)d->actual_text,
			.outcome_text = (char *)d->outcome, .expected_text = (char *)d->expected,
			.national_target = num(d->national_target), .national_note = (char *)d->national_note,
		};
		rc = indicator_year_save(db, a, &y, city.id, &field, &msg);
		counts->indicators++;
	}
	if (rc)
		cli_error("cannot add the demo's indicators: %s%s%s", msg ? msg : err_text(rc), field ? " — " : "",
			  field ? field : "");
	return rc;
}
