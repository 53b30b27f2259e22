/*
 * test_support_sheet_pdf — the support-structure sheet as a PDF, read back with poppler's tools:
 * what the agent and landlord need is there (the tenant, the 24-hour phone, the counsellor's
 * phone, the whole of a long plan), what the person did not agree to show is not (the clinic),
 * the font is the small embedded IPAexGothic, and a value taller than a page is continued, not
 * cut. Page 1 is also written to tests/out/support-sheet.png for a person to look at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "domain/support_sheet.h"
#include "i18n.h"
#include "report/support_sheet_pdf.h"
#include "strbuf.h"
#define REPORT_FIXTURE_PDF
#include "report_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PLAN_END "以上が緊急時の計画の終わりです。"

struct rendered {
	char path[64];     /* the PDF in /tmp */
	struct strbuf out; /* its bytes */
	char *text;        /* pdftotext's output with line breaks removed (malloc) */
};

static struct support_sheet sheet_example(struct arena *a, bool clinic)
{
	struct strbuf plan;
	strbuf_init(&plan, a, 0);
	while (plan.len < 1450)
		strbuf_puts(&plan, "夜間に本人と連絡が取れないときは、まず24時間連絡先へ電話してください。"
				   "訪問看護と相談員が順に自宅を訪ねて様子を確認します。");
	strbuf_puts(&plan, PLAN_END);
	return (struct support_sheet){
		.request_id = 7,
		.tenant_name = "山田 花子",
		.age_decade = 40,
		.office_name = "みなと相談支援センター",
		.in = {
			.contact_24h_name = "あおば24時間支援ステーション",
			.contact_24h_phone = "0120-444-777",
			.counselor_name = "佐藤 一郎",
			.counselor_phone = "045-123-9876",
			.clinic_name = clinic ? "こころの森クリニック" : NULL,
			.clinic_consented = clinic,
			.visiting_nurse = "ひだまり訪問看護（週2回）",
			.day_activity = NULL,
			.visit_frequency = "相談員が月2回訪問",
			.safety_check = "毎朝、電話で安否を確認",
			.rent_payment = "guarantee_company",
			.guarantee_company = "日本家賃保証株式会社",
			.money_management = "daily_life_support",
			.emergency_plan = (char *)strbuf_str(&plan),
			.moving_out_plan = "退去の際は相談員が立ち会い、原状回復と鍵の返却を支援します。",
		},
		.updated_on = "2026-11-20",
		.issued_on = "2026-11-24",
	};
}

static void render(struct arena *a, const struct support_sheet *s, enum lang lang, struct rendered *r)
{
	strbuf_init(&r->out, a, 0);
	pdf_to_file(support_sheet_pdf(s, lang, &r->out), &r->out, "tsunagu-sheet", r->path, sizeof r->path);
	/* Wrapped lines come back as separate lines: join them so a sentence can be found whole. */
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", r->path);
	r->text = run(cmd);
	char *w = r->text;
	for (const char *c = r->text; *c; c++)
		if (*c != '\n' && *c != '\f')
			*w++ = *c;
	*w = '\0';
}

static void rendered_done(struct rendered *r)
{
	unlink(r->path);
	free(r->text);
}

static void assert_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" is not in the PDF's text", want);
}

static void test_japanese_sheet_shows_what_the_landlord_needs(void **state)
{
	struct arena *a = *state;
	struct support_sheet s = sheet_example(a, true);
	struct rendered r;
	render(a, &s, LANG_JA, &r);
	assert_has(r.text, "山田 花子");
	assert_has(r.text, "0120-444-777");
	assert_has(r.text, "045-123-9876");
	assert_has(r.text, "こころの森クリニック");
	assert_has(r.text, "日本家賃保証株式会社");
	assert_has(r.text, PLAN_END);
	/* Headings as the catalogue has them (English until the Japanese is merged). */
	assert_has(r.text, i18n_text(LANG_JA, "Support-structure sheet"));
	assert_has(r.text, i18n_text(LANG_JA, "Whom to call"));
	/* The Japanese headings as the landlord reads them (the catalogue must have them). */
	static const char *const headings[] = { "支援体制確認シート", "入居者", "連絡先", "支援の体制",
						"家賃と金銭管理", "緊急時・退去時", "24時間連絡先" };
	for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
		assert_has(r.text, headings[i]);

	char cmd[1200];
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", r.path);
	char *fonts = run(cmd);
	assert_non_null(strstr(fonts, "IPAexGothic"));
	free(fonts);
	/* IPAexGothic is subset into a few tens of KB; a fallback CJK font would be a megabyte. */
	assert_true(r.out.len < 200 * 1024);
	print_message("support sheet PDF: %zu bytes\n", r.out.len);

	/* For a person to look at. */
	char dir[512];
	const char *out = test_out_dir(dir, sizeof dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && pdftoppm -r 60 -png -f 1 -l 1 -singlefile '%s' "
		 "'%s/support-sheet'", out, r.path, out);
	free(run(cmd));
	rendered_done(&r);
}

static void test_clinic_absent_without_consent(void **state)
{
	struct arena *a = *state;
	struct support_sheet s = sheet_example(a, false);
	struct rendered r;
	render(a, &s, LANG_JA, &r);
	assert_has(r.text, "山田 花子");
	assert_null(strstr(r.text, "こころの森クリニック"));
	assert_null(strstr(r.text, i18n_text(LANG_JA, "Clinic attended")));
	rendered_done(&r);

	s.in.clinic_name = "";
	render(a, &s, LANG_EN, &r);
	assert_null(strstr(r.text, "Clinic attended"));
	rendered_done(&r);
}

static void test_english_labels(void **state)
{
	struct arena *a = *state;
	struct support_sheet s = sheet_example(a, true);
	s.in.guarantee_company = NULL;
	struct rendered r;
	render(a, &s, LANG_EN, &r);
	assert_has(r.text, "Support-structure sheet");
	assert_has(r.text, "in their 40s");
	assert_has(r.text, "24-hour contact");
	assert_has(r.text, "0120-444-777");
	assert_has(r.text, "Clinic attended");
	assert_has(r.text, "Guarantee company\xe2\x80\x94"); /* empty: a dash */
	assert_has(r.text, "tsunagu — page 1");
	assert_has(r.text, "Last updated by the counsellor: 2026-11-20");
	assert_has(r.text, PLAN_END);
	rendered_done(&r);
}

/* A plan of many short lines is taller than a page: it continues on the next, every line kept. */
static void test_value_taller_than_a_page_continues(void **state)
{
	struct arena *a = *state;
	struct support_sheet s = sheet_example(a, true);
	struct strbuf plan;
	strbuf_init(&plan, a, 0);
	for (int i = 1; i <= 150; i++)
		strbuf_printf(&plan, "L%03d.\n", i);
	s.in.emergency_plan = (char *)strbuf_str(&plan);
	struct rendered r;
	render(a, &s, LANG_EN, &r);
	for (int i = 1; i <= 150; i++) {
		char want[16];
		snprintf(want, sizeof want, "L%03d.", i);
		assert_has(r.text, want);
	}
	assert_has(r.text, "tsunagu — page 3");
	assert_has(r.text, "On moving out");
	rendered_done(&r);
}

int main(int argc, char **argv)
{
	pdf_test_restart(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_japanese_sheet_shows_what_the_landlord_needs, pdf_setup,
						pdf_teardown),
		cmocka_unit_test_setup_teardown(test_clinic_absent_without_consent, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_english_labels, pdf_setup, pdf_teardown),
		cmocka_unit_test_setup_teardown(test_value_taller_than_a_page_continues, pdf_setup, pdf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
