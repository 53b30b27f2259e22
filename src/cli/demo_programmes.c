/*
 * demo_programmes — the seed's history of efforts (§3, 取組の経緯: six programmes from H19) and
 * its strengths and challenges (§5) as the plan of FY2021 (令和3年度, the sheet's year), word for
 * word from the Japanese original (../shared/seed/shizuoka-status-sheet.ja.txt). They go through
 * domain/programme.c like a city user's input, so the texts are stored NFKC-normalised: the
 * sheet's full-width parentheses （ ） become ( ).
 *
 * How the sheet's lines map onto the record: "○実施主体：静岡県（各圏域の相談支援事業所に委託）"
 * is the implementer and commissioned-to; "○「精神障害者退院促進事業」から名称変更" is the
 * renamed-from link, which the page writes out in those words; the other ○ lines are the
 * description. H28's two bodies are one programme, as the sheet lists them under one year; its
 * "(退院支援連絡会から名称変更)" renames a meeting of 退院支援体制確保事業, which goes on, not the
 * programme, so it stays in the description and is no renamed-from link.
 *
 * The plan is written for FY2021 only: the city reviews it each year, and the page shows the
 * newest plan at or before the year asked for, so it is not copied into later years here.
 */
#include "cli.h"
#include "db/db.h"
#include "domain/programme.h"
#include "error.h"

#include <stddef.h>

static const struct {
	const char *name;
	const char *implementer;  /* programme_implementers code */
	const char *commissioned; /* NULL: none */
	int from_fy, to_fy;       /* to 0: continuing */
	const char *description;  /* NULL: none */
	int renamed_from;         /* 1-based row of this table; 0: none */
} programmes[] = {
	{ "精神障害者退院促進事業", "prefecture", "各圏域の相談支援事業所に委託", 2007, 2008, NULL, 0 },
	{ "精神障害者ケースマネジメントモデル事業", "city", NULL, 2007, 2008,
	  "長期入院者の退院促進と治療中断防止に関する研究事業", 0 },
	{ "精神障害者地域移行支援事業", "prefecture", "各圏域の相談支援事業所に委託", 2009, 2011, NULL, 1 },
	{ "精神障害者地域生活体験支援事業", "city", NULL, 2009, 0,
	  "グループホームの一室を利用して、短期間の体験宿泊を実施", 0 },
	{ "退院支援体制確保事業", "city", NULL, 2015, 0,
	  "各行政区相談支援事業所に「退院支援専任相談員」を配置（各区1名ずつ）\n"
	  "医療・福祉・行政のつながる場「退院支援連絡会」の開催（月1回）",
	  0 },
	{ "障害者自立支援協議会地域移行支援部会、地域移行支援部会ワーキンググループ", "city", NULL, 2016, 0,
	  "「障害者自立支援協議会地域移行支援部会」、「地域移行支援部会ワーキンググループ（退院支援連絡会から名称変更）」の設置",
	  0 },
};

#define PLAN_FY 2021

static const char strength[] =
	"精神科病院に入院している方、または、障害者支援施設等に入所している方が、地域で生活するために必要"
	"となる支援体制の整備など、障がいのある方の地域移行の推進に係る課題や手法など官民協働で協議するこ"
	"とができている。";

/* 医療, 福祉 and その他関係機関・住民等 are blank on the sheet. */
static const struct {
	const char *title;
	const char *policy;
	const char *government; /* 行政 */
} challenges[] = {
	{ "多様な居住の場の確保の推進に関すること。",
	  "支援者や宅地建物取引業協会側と共に支援体制の確認できる仕組み（住宅あっせんシステム）を本格実施していく。",
	  "宅建協会で研修会を開催し、精神障がい、システムへの理解を促し、協力できる会員を確認しながら運用開始に繋げる。\n"
	  "実際に運用していく中で常に改善点等を洗い出し、より活用しやすい制度となるよう検討していく。" },
	{ "8050問題や障がい者の高齢化等により高齢分野との連携が一層求められている。",
	  "高齢分野との研修会を開催し、互いの立場や役割を確認し、顔つなぎを行うことで、より円滑な連携体制の構築に繋げる",
	  /* "ワーキングループ" as the sheet writes it */
	  "研修会においては、ワーキングループメンバーも参加し、グループワーク等が円滑に行えるよう支援する。" },
};

int demo_add_programmes(struct db *db, struct arena *a, struct demo_counts *counts)
{
	int64_t ids[sizeof programmes / sizeof programmes[0]];
	const char *field = NULL, *msg = NULL;
	counts->programmes = 0;
	for (size_t i = 0; i < sizeof programmes / sizeof programmes[0]; i++) {
		struct programme p = {
			.name = (char *)programmes[i].name,
			.implementer = (char *)programmes[i].implementer,
			.commissioned_to = (char *)programmes[i].commissioned,
			.from_fy = programmes[i].from_fy,
			.to_fy = programmes[i].to_fy,
			.description = (char *)programmes[i].description,
			.renamed_from = programmes[i].renamed_from ? ids[programmes[i].renamed_from - 1] : 0,
		};
		int rc = programme_save(db, a, &p, &field, &msg);
		if (rc) {
			cli_error("cannot add programme '%s': %s", programmes[i].name, msg ? msg : err_text(rc));
			return rc;
		}
		ids[i] = p.id;
		counts->programmes++;
	}
	int rc = plan_strength_save(db, a, PLAN_FY, strength, &field, &msg);
	for (size_t i = 0; !rc && i < sizeof challenges / sizeof challenges[0]; i++) {
		struct plan_challenge c = {
			.fy = PLAN_FY,
			.position = (int)i + 1,
			.title = (char *)challenges[i].title,
			.policy = (char *)challenges[i].policy,
			.role_government = (char *)challenges[i].government,
		};
		rc = plan_challenge_save(db, a, &c, &field, &msg);
	}
	if (rc)
		cli_error("cannot write the plan of FY%d: %s", PLAN_FY, msg ? msg : err_text(rc));
	return rc;
}
