/*
 * test_chart — the SVG chart of an indicator over the years (pages/chart.c), read back from the
 * markup: well-formed (python3's XML parser when there is one, and a balanced-tag check always),
 * one bar per figure at a height proportional to it, targets at their height, "—" and no bar for
 * a year without a figure, provisional bars hatched, every text escaped, a round y maximum (1-2-5
 * steps, 3–5 of them, at most 100 % for a rate), labels that do not cover each other, and the
 * empty chart. The plot runs from y 224 (0) up to y 56 (the maximum), 168 units.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "pages/chart.h"
#include "report/sheet.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BASE = 224, TOP = 56, HEIGHT = BASE - TOP };

/* |x| without libm, which the unit tests do not link. */
static double distance(double x)
{
	return x < 0 ? -x : x;
}

static struct sheet_figure value(double v, bool provisional)
{
	return (struct sheet_figure){ .has_value = true, .value = v, .kind = INDICATOR_COUNT, .computed = true,
				      .provisional = provisional };
}

static struct sheet_figure target(double v)
{
	return (struct sheet_figure){ .has_value = true, .value = v, .kind = INDICATOR_COUNT };
}

static const struct sheet_figure none = { .kind = INDICATOR_COUNT };

static struct sheet_series series(struct sheet_point *p, size_t n, enum indicator_kind kind, const char *unit)
{
	for (size_t i = 0; i < n; i++)
		p[i].value.kind = p[i].target.kind = kind;
	return (struct sheet_series){ .position = 1, .name = "宅建との制度を活用したケースの積み上げ", .unit = unit,
				      .computation = "housing_scheme_cases", .kind = kind, .points = p, .n_points = n };
}

static const char *render(struct arena *a, const struct sheet_series *s, enum lang lang)
{
	struct strbuf h;
	strbuf_init(&h, a, 0);
	chart_svg(&h, s, lang);
	assert_false(h.failed);
	return strbuf_str(&h);
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The text between the start of the group <g class="name"> and its </g> (groups do not nest). */
static char *group(struct arena *a, const char *svg, const char *name)
{
	char open[64];
	snprintf(open, sizeof open, "<g class=\"%s\">", name);
	const char *from = strstr(svg, open);
	assert_non_null(from);
	const char *to = strstr(from, "</g>");
	assert_non_null(to);
	return arena_strndup(a, from, (size_t)(to - from));
}

/* The number in attribute name of the element that starts at or after el. */
static double attr(const char *el, const char *name)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *end = strchr(el, '>');
	const char *at = strstr(el, key);
	assert_non_null(at);
	assert_true(at < end);
	return strtod(at + strlen(key), NULL);
}

/* The i-th (from 0) occurrence of needle in s. */
static const char *nth(const char *s, const char *needle, int i)
{
	const char *p = strstr(s, needle);
	for (; p && i > 0; i--)
		p = strstr(p + 1, needle);
	assert_non_null(p);
	return p;
}

/* Start and end tags balance, and nothing but the five entities appears as &…; */
static void assert_balanced(const char *s)
{
	const char *stack[64];
	size_t depth = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '&') {
			const char *ok[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
			bool known = false;
			for (size_t i = 0; i < 5; i++)
				known |= strncmp(p, ok[i], strlen(ok[i])) == 0;
			assert_true(known);
		}
		if (*p != '<')
			continue;
		const char *end = strchr(p, '>');
		assert_non_null(end);
		if (p[1] == '/') {
			assert_true(depth > 0);
			depth--;
			size_t n = strcspn(stack[depth], " >/");
			assert_int_equal(strncmp(p + 2, stack[depth], n), 0);
			assert_int_equal(p[2 + n], '>');
		} else if (end[-1] != '/') {
			assert_true(depth < 64);
			stack[depth++] = p + 1;
		}
		p = end;
	}
	assert_int_equal(depth, 0);
}

/* python3's XML parser accepts s, when python3 is installed (the balanced check runs always). */
static void assert_xml(const char *s)
{
	if (system("command -v python3 >/dev/null 2>&1") != 0)
		return;
	char path[] = "/tmp/tsunagu-chart-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' %s", path);
	int rc = system(cmd);
	unlink(path);
	assert_int_equal(rc, 0);
}

/* Every number in the markup has at most one decimal. */
static void assert_one_decimal(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p == '.' && p > s && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9')
			assert_false(p[2] >= '0' && p[2] <= '9');
}

static void test_well_formed(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2020, value(3, false), none }, { 2021, value(6, false), target(7) },
				   { 2022, value(5, true), target(8) }, { 2023, none, target(9) } };
	struct sheet_series s = series(p, 4, INDICATOR_COUNT, "件");
	for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
		const char *svg = render(a, &s, (enum lang)lang);
		assert_balanced(svg);
		assert_xml(svg);
		assert_one_decimal(svg);
		assert_non_null(strstr(svg, "<figure class=\"chart\"><svg "));
		assert_non_null(strstr(svg, " role=\"img\""));
		assert_non_null(strstr(svg, "</svg><figcaption>① 宅建との制度を活用したケースの積み上げ</figcaption></figure>"));
		/* aria-labelledby names the title and the desc by their ids. */
		char title[64], desc[64];
		assert_int_equal(sscanf(strstr(svg, "aria-labelledby=\""), "aria-labelledby=\"%63s %63[^\"]", title, desc), 2);
		char want[192];
		snprintf(want, sizeof want, "<title id=\"%s\">宅建との制度を活用したケースの積み上げ</title>", title);
		assert_non_null(strstr(svg, want));
		snprintf(want, sizeof want, "<desc id=\"%s\">", desc);
		assert_non_null(strstr(svg, want));
	}
}

static void test_desc_lists_years(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2021, value(3, false), target(3) }, { 2022, value(6, true), target(6) },
				   { 2023, none, target(7) } };
	struct sheet_series s = series(p, 3, INDICATOR_COUNT, "件");
	const char *svg = render(a, &s, LANG_JA);
	assert_non_null(strstr(svg, "令和3年度：Value 3件、Target 3件。令和4年度：Value 6件（暫定）、Target 6件。"
				    "令和5年度：No figure、Target 7件。</desc>"));
	svg = render(a, &s, LANG_EN);
	assert_non_null(strstr(svg, "FY2023 (Reiwa 5): No figure, Target 7件.</desc>"));
}

static void test_one_bar_per_value(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2019, value(1, false), none }, { 2020, none, none }, { 2021, value(4, false), none },
				   { 2022, value(0, false), none }, { 2023, none, none } };
	struct sheet_series s = series(p, 5, INDICATOR_COUNT, "件");
	const char *years = group(a, render(a, &s, LANG_JA), "chart-years");
	assert_int_equal(count(years, "<rect class=\"chart-bar"), 3);
	assert_int_equal(count(years, "class=\"chart-value"), 3);
	assert_int_equal(count(years, "class=\"chart-tick chart-year\""), 5);
	assert_non_null(strstr(years, ">R1</text>"));
	assert_non_null(strstr(years, ">R5</text>"));
	/* A zero is a figure: a bar of no height and its label, unlike a year without one. */
	assert_non_null(strstr(years, ">0件</text>"));
	assert_int_equal(count(years, ">—</text>"), 2);
}

static void test_heights_proportional(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2021, value(3, false), none }, { 2022, value(6, false), none } };
	struct sheet_series s = series(p, 2, INDICATOR_COUNT, "件");
	const char *years = group(a, render(a, &s, LANG_JA), "chart-years");
	const char *half = nth(years, "<rect class=\"chart-bar", 0), *full = nth(years, "<rect class=\"chart-bar", 1);
	assert_true(distance(attr(full, "height") - HEIGHT) < 0.05);
	assert_true(distance(attr(full, "y") - TOP) < 0.05);
	assert_true(distance(attr(half, "height") - HEIGHT / 2) < 0.05);
	assert_true(distance(attr(half, "y") + attr(half, "height") - BASE) < 0.05);
	assert_true(distance(attr(half, "width") - attr(full, "width")) < 0.05);
	/* Each value is printed above its bar. */
	const char *label = nth(years, "class=\"chart-value\"", 1);
	assert_true(attr(label, "y") < TOP);
	assert_int_equal(strncmp(strchr(label, '>') + 1, "6件</text>", strlen("6件</text>")), 0);
}

static void test_target_at_its_height(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2021, value(3, false), none }, { 2022, value(6, false), target(7) } };
	struct sheet_series s = series(p, 2, INDICATOR_COUNT, "件");
	const char *svg = render(a, &s, LANG_JA);
	/* 3, 6 and 7 give 0–8 in steps of 2. */
	const char *scale = group(a, svg, "chart-scale");
	assert_int_equal(count(scale, "class=\"chart-tick\""), 6); /* 0, 2, 4, 6, 8 and the unit */
	assert_non_null(strstr(scale, " y=\"60\" text-anchor=\"end\">8</text>"));
	assert_non_null(strstr(scale, ">（件）</text>"));
	const char *years = group(a, svg, "chart-years");
	const char *mark = strstr(years, "<line class=\"chart-target\"");
	assert_non_null(mark);
	assert_true(distance(attr(mark, "y1") - (BASE - HEIGHT * 7.0 / 8)) < 0.05);
	assert_true(distance(attr(mark, "y2") - attr(mark, "y1")) < 0.05);
	/* The mark is wider than the bar, centred on it. */
	const char *bar = nth(years, "<rect class=\"chart-bar", 1);
	double cx = attr(bar, "x") + attr(bar, "width") / 2;
	assert_true(attr(mark, "x1") < attr(bar, "x"));
	assert_true(distance((attr(mark, "x1") + attr(mark, "x2")) / 2 - cx) < 0.1);
	assert_non_null(strstr(years, ">Target 7件</text>"));
	assert_non_null(strstr(group(a, svg, "chart-key"), ">Target</text>"));
}

static void test_year_without_value(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2021, value(4, false), none }, { 2022, none, target(5) },
				   { 2023, value(2, false), none } };
	struct sheet_series s = series(p, 3, INDICATOR_COUNT, "件");
	const char *svg = render(a, &s, LANG_EN);
	const char *years = group(a, svg, "chart-years");
	assert_int_equal(count(years, "<rect class=\"chart-bar"), 2);
	const char *dash = strstr(years, "<text class=\"chart-none\"");
	assert_non_null(dash);
	assert_int_equal(strncmp(strchr(dash, '>'), ">—</text>", strlen(">—</text>")), 0);
	/* In the middle year's place, near the base line; no bar there. */
	const char *r4 = strstr(years, ">R4</text>");
	assert_non_null(r4);
	const char *label = r4;
	while (strncmp(label, "<text", 5))
		label--;
	double cx = attr(label, "x");
	assert_true(distance(attr(dash, "x") - cx) < 0.05);
	assert_true(attr(dash, "y") > BASE - 20 && attr(dash, "y") < BASE);
	for (int i = 0; i < 2; i++) {
		const char *bar = nth(years, "<rect class=\"chart-bar", i);
		assert_true(distance(attr(bar, "x") + attr(bar, "width") / 2 - cx) > 10);
	}
	assert_null(strstr(svg, ">0件"));
	assert_non_null(strstr(group(a, svg, "chart-key"), ">No figure</text>"));
}

static void test_provisional_hatched(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2022, value(4, false), none }, { 2023, value(5, true), none } };
	struct sheet_series s = series(p, 2, INDICATOR_COUNT, "件");
	const char *svg = render(a, &s, LANG_EN);
	const char *years = group(a, svg, "chart-years");
	assert_int_equal(count(years, "<rect class=\"chart-bar chart-provisional\""), 1);
	const char *bar = strstr(years, "<rect class=\"chart-bar chart-provisional\"");
	char id[64], want[96];
	assert_int_equal(sscanf(strstr(bar, "fill=\"url(#"), "fill=\"url(#%63[^)])", id), 1);
	snprintf(want, sizeof want, "<pattern id=\"%s\"", id);
	assert_non_null(strstr(svg, want));
	/* The provisional bar is the second; its label says so on a line of its own. */
	assert_true(bar > strstr(years, ">R4</text>"));
	assert_non_null(strstr(years, "5件<tspan"));
	assert_non_null(strstr(years, ">（暫定）</tspan>"));
	assert_non_null(strstr(group(a, svg, "chart-key"), ">Provisional</text>"));
	/* Without a provisional figure the legend does not mention one. */
	p[1].value.provisional = false;
	svg = render(a, &s, LANG_EN);
	assert_null(strstr(svg, "chart-provisional"));
	assert_null(strstr(svg, "Provisional"));
}

static void test_text_escaped(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2022, value(4, false), target(5) } };
	struct sheet_series s = series(p, 1, INDICATOR_COUNT, "<件>");
	s.name = "<script>\"A&B\"'s";
	s.ward_name = "<区>";
	const char *svg = render(a, &s, LANG_EN);
	assert_balanced(svg);
	assert_xml(svg);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<区"));
	assert_null(strstr(svg, "<件"));
	const char *esc = "&lt;script&gt;&quot;A&amp;B&quot;&#39;s (&lt;区&gt;)";
	assert_int_equal(count(svg, esc), 2); /* the title and the caption */
	assert_non_null(strstr(svg, ">4&lt;件&gt;</text>"));
}

/* The y axis's labels: evenly spaced from 0 by a 1-2-5 step, 3 to 5 steps, the top covering max. */
static void assert_nice(struct arena *a, enum indicator_kind kind, const double *v, size_t n, double want_top)
{
	struct sheet_point p[8];
	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++)
		p[i] = (struct sheet_point){ 2015 + (int)i, value(v[i], false), none };
	struct sheet_series s = series(p, n, kind, "");
	const char *scale = group(a, render(a, &s, LANG_JA), "chart-scale");
	double ticks[8];
	int k = 0;
	for (const char *t = scale; (t = strstr(t, "<text class=\"chart-tick\"")); t++) {
		assert_true(k < 8);
		ticks[k++] = strtod(strchr(t, '>') + 1, NULL);
	}
	assert_true(k >= 4 && k <= 6);
	assert_true(ticks[0] == 0);
	double step = ticks[1];
	for (int i = 1; i < k; i++)
		assert_true(distance(ticks[i] - step * i) < 1e-6);
	long mant = (long)(step * 10 + 0.5); /* in tenths, then without its trailing zeros */
	assert_true(mant > 0);
	while (mant % 10 == 0)
		mant /= 10;
	assert_true(mant == 1 || mant == 2 || mant == 5);
	if (kind == INDICATOR_COUNT)
		assert_true(step >= 1);
	assert_true(distance(ticks[k - 1] - want_top) < 1e-6);
}

static void test_nice_maximum(void **state)
{
	struct arena *a = *state;
	assert_nice(a, INDICATOR_COUNT, (double[]){ 3, 6, 7 }, 3, 8);
	assert_nice(a, INDICATOR_COUNT, (double[]){ 6 }, 1, 6);
	assert_nice(a, INDICATOR_COUNT, (double[]){ 11 }, 1, 15);
	assert_nice(a, INDICATOR_COUNT, (double[]){ 1 }, 1, 3);   /* no half cases */
	assert_nice(a, INDICATOR_COUNT, (double[]){ 0, 0 }, 2, 3); /* all zero still has a scale */
	assert_nice(a, INDICATOR_COUNT, (double[]){ 2600 }, 1, 3000);
	assert_nice(a, INDICATOR_MEAN, (double[]){ 318.2, 361.7 }, 2, 400);
	assert_nice(a, INDICATOR_MEAN, (double[]){ 0.7 }, 1, 0.8);
	assert_nice(a, INDICATOR_RATE, (double[]){ 62.5, 68.9 }, 2, 80);
	assert_nice(a, INDICATOR_RATE, (double[]){ 91.3 }, 1, 100);
}

static void test_rate_capped(void **state)
{
	struct arena *a = *state;
	struct sheet_point p[] = { { 2022, value(50, false), none }, { 2023, value(120, false), target(150) } };
	struct sheet_series s = series(p, 2, INDICATOR_RATE, "%");
	const char *svg = render(a, &s, LANG_JA);
	const char *scale = group(a, svg, "chart-scale");
	assert_non_null(strstr(scale, ">100</text>"));
	assert_null(strstr(scale, ">120</text>"));
	assert_null(strstr(scale, ">150</text>"));
	const char *years = group(a, svg, "chart-years");
	const char *half = nth(years, "<rect class=\"chart-bar", 0), *over = nth(years, "<rect class=\"chart-bar", 1);
	assert_true(distance(attr(half, "height") - HEIGHT / 2) < 0.05);
	assert_true(distance(attr(over, "height") - HEIGHT) < 0.05); /* drawn to the top, labelled as it is */
	assert_true(attr(strstr(years, "<line class=\"chart-target\""), "y1") >= TOP);
	assert_non_null(strstr(years, ">120.0%</text>"));
}

/* A label's box, from the top of its first line to below its last. */
struct box {
	double top, bottom;
};

static struct box label_box(const char *el)
{
	double y = attr(el, "y");
	const char *end = strstr(el, "</text>");
	const char *tspan = strstr(el, "<tspan");
	double lines = tspan && tspan < end ? 2 : 1;
	return (struct box){ y - 11, y + 14 * (lines - 1) + 3 };
}

/* Value and target anywhere on the scale, the target above, on or under the bar: the two labels
 * never overlap, neither sits on the target line, and both stay inside the picture above the
 * base line. */
static void test_labels_apart(void **state)
{
	struct arena *a = *state;
	for (int prov = 0; prov < 2; prov++)
		for (int v = 0; v <= 10; v++)
			for (int t = 0; t <= 10; t++) {
				struct sheet_point p[] = { { 2022, value(10, false), none }, { 2023, value(v, prov), target(t) } };
				struct sheet_series s = series(p, 2, INDICATOR_COUNT, "件");
				const char *years = group(a, render(a, &s, LANG_JA), "chart-years");
				struct box vb = label_box(nth(years, "class=\"chart-value", 1));
				struct box tb = label_box(strstr(years, "class=\"chart-target-label"));
				double line = attr(strstr(years, "<line class=\"chart-target\""), "y1");
				assert_true(vb.bottom <= tb.top || tb.bottom <= vb.top);
				assert_true(line < vb.top - 1 || line > vb.bottom + 1);
				assert_true(line < tb.top - 1 || line > tb.bottom + 1);
				assert_true(vb.top >= 0 && tb.top >= 0);
				assert_true(vb.bottom <= BASE && tb.bottom <= BASE); /* clear of the year labels */
			}
}

static void test_empty(void **state)
{
	struct arena *a = *state;
	struct sheet_series s = series(NULL, 0, INDICATOR_COUNT, "件");
	struct sheet_point p[] = { { 2023, none, target(3) }, { 2024, none, none } };
	struct sheet_series targets_only = series(p, 2, INDICATOR_COUNT, "件");
	const struct sheet_series *all[] = { &s, &targets_only };
	for (size_t i = 0; i < 2; i++) {
		const char *svg = render(a, all[i], LANG_EN);
		assert_balanced(svg);
		assert_xml(svg);
		assert_non_null(strstr(svg, "<rect class=\"chart-frame\""));
		assert_int_equal(count(svg, ">No figure yet<"), 2); /* the desc and the picture */
		assert_null(strstr(svg, "chart-bar"));
		assert_null(strstr(svg, "chart-target"));
		assert_null(strstr(svg, ">0<"));
	}
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_well_formed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_lists_years, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_bar_per_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heights_proportional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_at_its_height, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_without_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_provisional_hatched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nice_maximum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
