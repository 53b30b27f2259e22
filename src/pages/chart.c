/*
 * chart — one indicator over the fiscal years as an inline SVG, drawn on the server so it shows
 * without script, prints with the page, and reads to a screen reader through its <title> and a
 * <desc> sentence that lists every year (the picture itself is role="img", so its parts are not
 * read one by one).
 *
 * A bar per year with a figure, its label above it as sheet_figure_text() prints it elsewhere; a
 * year without a figure gets no bar and a "—", never a 0. A target is a short thick line across
 * its year, labelled "目標 …" just above or below it. A provisional figure is hatched with a
 * dashed outline and says （暫定） on a second line. The y axis runs from 0 to a round maximum
 * (steps of 1, 2 or 5 times a power of ten, 3 to 5 of them, at most 100 % for a rate).
 *
 * The Content-Security-Policy allows no inline style, so the look is CSS classes (chart-*, in
 * static/style.css, which also gives the grey print version); the geometry is presentation
 * attributes. Coordinates are kept in tenths of a unit as integers — html_printf prints no
 * floating point, and no number in the SVG needs more than one decimal. Nothing here is personal
 * data: the figures are counts over the municipality.
 */
#include "pages/chart.h"

#include "arena.h"
#include "domain/programme.h"
#include "http/html.h"
#include "report/sheet.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The viewBox, in units; every coordinate below is in tenths of these. */
enum {
	VIEW_W = 640, VIEW_H = 280,
	EMPTY_H = 120,                /* a chart with nothing to draw: a low frame */
	PLOT_L = 560, PLOT_R = 6240,  /* the plot area: left and right edges */
	PLOT_T = 560, PLOT_B = 2240,  /* top (the maximum) and bottom (0); the height is even */
	YEAR_Y = 2420,                /* baseline of the year labels */
	LEGEND_Y = 2680,              /* baseline of the legend */
	LINE = 140,                   /* one line of label text */
	BAR_MAX = 560,                /* widest bar, so three years do not look like walls */
	TARGET_OVER = 80,             /* how far a target line reaches past its bar on each side */
};

/* The scale of one chart: the y axis is step × intervals tall. */
struct chart_scale {
	long step;     /* tenths of the indicator's unit between grid lines */
	int intervals; /* 3..5 */
	long top;      /* step * intervals: the value at PLOT_T */
};

/* A figure in tenths, clamped to 0..1e9 so a wild value cannot overflow the arithmetic. */
static long tenths(double v)
{
	if (!(v > 0))
		return 0;
	if (v > 1e8)
		return 1000000000L;
	return (long)(v * 10 + 0.5);
}

/* A number in tenths as SVG wants it: "12" or "12.5". */
static void put_num(struct strbuf *h, long t)
{
	if (t % 10)
		html_printf(h, "%ld.%ld", t / 10, t % 10);
	else
		html_printf(h, "%ld", t / 10);
}

static void attr_num(struct strbuf *h, const char *name, long t)
{
	html_printf(h, " %s=\"", name);
	put_num(h, t);
	html_lit(h, "\"");
}

/* The smallest 1-2-5 step giving at most 5 intervals over max, but never fewer than 3 (a count
 * of 2 gets 0–3, not 0–2 in halves: counts step by whole numbers). A rate stops at 100 %. */
static struct chart_scale scale_for(enum indicator_kind kind, long max)
{
	static const int mant[] = { 1, 2, 5 };
	long least = kind == INDICATOR_COUNT || max == 0 ? 10 : 1;
	struct chart_scale sc = { 0, 0, 0 };
	for (long pow = 1; !sc.step; pow *= 10)
		for (int i = 0; i < 3 && !sc.step; i++) {
			long step = mant[i] * pow;
			if (step >= least && (max + step - 1) / step <= 5)
				sc.step = step;
		}
	sc.intervals = (int)((max + sc.step - 1) / sc.step);
	if (sc.intervals < 3)
		sc.intervals = 3;
	sc.top = sc.step * sc.intervals;
	if (kind == INDICATOR_RATE && sc.top > 1000)
		sc = (struct chart_scale){ 200, 5, 1000 };
	return sc;
}

/* The y of value v (tenths of the unit), rounded to a tenth of a unit; above the top is the top. */
static long y_of(const struct chart_scale *sc, long v)
{
	if (v > sc->top)
		v = sc->top;
	long long h = ((long long)v * (PLOT_B - PLOT_T) * 2 + sc->top) / (2LL * sc->top);
	return PLOT_B - (long)h;
}

/* About how wide s is at 12 units, in tenths: a full-width character 12 units, others 7. */
static long text_width(const char *s)
{
	long w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w += *p >= 0xe0 ? 120 : 70;
	return w;
}

/* ids unique on a page showing several charts, and the same on every render of one indicator. */
static uint32_t chart_hash(const struct sheet_series *s)
{
	uint32_t x = 2166136261u;
	const char *parts[] = { s->name, s->ward_name, s->computation };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			x = (x ^ (unsigned char)*p) * 16777619u;
		x = (x ^ 0xff) * 16777619u;
	}
	return (x ^ (uint32_t)s->position) * 16777619u;
}

static const char *fy_short(struct arena *a, int fy)
{
	const char *s = programme_fy_short(a, fy);
	return s ? s : arena_printf(a, "%d", fy);
}

static const char *fy_long(struct arena *a, int fy, enum lang lang)
{
	const char *s = jp_fiscal_year_label(a, fy, lang);
	return s ? s : arena_printf(a, "%d", fy);
}

static bool has_target(const struct sheet_figure *t)
{
	return t->has_value || (t->text && *t->text);
}

/* <text class=… x=… y=… text-anchor=…>, left open for its content. */
static void text_open(struct strbuf *h, const char *cls, long x, long y, const char *anchor)
{
	html_lit(h, "<text");
	html_attr(h, "class", cls);
	attr_num(h, "x", x);
	attr_num(h, "y", y);
	html_attr(h, "text-anchor", anchor);
	html_lit(h, ">");
}

/* ---- the words: <desc>, legend ---- */

/* One sentence for a screen reader: "令和3年度：値 3件、目標 5件。令和4年度：数値なし。" */
static void write_desc(struct strbuf *h, const struct sheet_series *s, bool empty, enum lang lang)
{
	bool ja = lang == LANG_JA;
	if (empty) {
		html_text(h, i18n_text(lang, N_("No figure yet")));
		return;
	}
	for (size_t i = 0; i < s->n_points; i++) {
		const struct sheet_point *p = &s->points[i];
		html_printf(h, "%s%s%s", i ? (ja ? "" : " ") : "", fy_long(h->arena, p->fy, lang), ja ? "：" : ": ");
		if (p->value.has_value)
			html_printf(h, "%s %s", i18n_text(lang, N_("Value")), sheet_figure_text(h->arena, &p->value, s->unit));
		else
			html_text(h, i18n_text(lang, N_("No figure")));
		if (has_target(&p->target))
			html_printf(h, "%s%s %s", ja ? "、" : ", ", i18n_text(lang, N_("Target")),
				    sheet_figure_text(h->arena, &p->target, s->unit));
		html_text(h, ja ? "。" : ".");
	}
}

struct legend_use {
	bool target, provisional, none; /* which entries the chart needs beyond "Value" */
};

static void legend_text(struct strbuf *h, long *x, const char *label)
{
	text_open(h, "chart-legend", *x + 200, LEGEND_Y, "start");
	html_text(h, label);
	html_lit(h, "</text>");
	*x += 200 + text_width(label) + 240;
}

/* Only the entries this chart uses, so a legend never explains what is not there. */
static void draw_legend(struct strbuf *h, const char *hatch, const struct legend_use *u, enum lang lang)
{
	long x = PLOT_L;
	html_lit(h, "<g class=\"chart-key\"><rect class=\"chart-bar\"");
	attr_num(h, "x", x);
	html_printf(h, " y=\"%d\" width=\"14\" height=\"10\"/>", LEGEND_Y / 10 - 10);
	legend_text(h, &x, i18n_text(lang, N_("Value")));
	if (u->target) {
		html_lit(h, "<line class=\"chart-target\"");
		attr_num(h, "x1", x + 10);
		attr_num(h, "x2", x + 150);
		html_printf(h, " y1=\"%d\" y2=\"%d\"/>", LEGEND_Y / 10 - 5, LEGEND_Y / 10 - 5);
		legend_text(h, &x, i18n_text(lang, N_("Target")));
	}
	if (u->provisional) {
		html_lit(h, "<rect class=\"chart-bar chart-provisional\"");
		attr_num(h, "x", x);
		html_printf(h, " y=\"%d\" width=\"14\" height=\"10\" fill=\"url(#%s)\"/>", LEGEND_Y / 10 - 10, hatch);
		legend_text(h, &x, i18n_text(lang, N_("Provisional")));
	}
	if (u->none) {
		text_open(h, "chart-none", x + 70, LEGEND_Y, "middle");
		html_lit(h, "—</text>");
		legend_text(h, &x, i18n_text(lang, N_("No figure")));
	}
	html_lit(h, "</g>");
}

/* ---- the picture ---- */

static void draw_axes(struct strbuf *h, const struct chart_scale *sc, const char *unit, enum lang lang)
{
	html_lit(h, "<g class=\"chart-scale\">");
	for (int i = 0; i <= sc->intervals; i++) {
		long y = y_of(sc, sc->step * i);
		if (i > 0) {
			html_printf(h, "<line class=\"chart-grid\" x1=\"%d\" x2=\"%d\"", PLOT_L / 10, PLOT_R / 10);
			attr_num(h, "y1", y);
			attr_num(h, "y2", y);
			html_lit(h, "/>");
		}
		text_open(h, "chart-tick", PLOT_L - 80, y + 40, "end");
		put_num(h, sc->step * i);
		html_lit(h, "</text>");
	}
	if (unit && *unit) {
		text_open(h, "chart-tick", PLOT_L - 80, PLOT_T - 200, "end");
		html_printf(h, lang == LANG_JA ? "（%s）" : "(%s)", unit);
		html_lit(h, "</text>");
	}
	html_lit(h, "</g>");
}

/* A label of one or two lines whose last baseline is at y, centred on x. In a year too narrow
 * for it (many years on one chart) the label drops to 10 units (chart-small). */
static void draw_label(struct strbuf *h, const char *cls, long x, long y, long slot, const char *line1,
		       const char *line2)
{
	long w = line1 ? text_width(line1) : 0;
	if (line2 && text_width(line2) > w)
		w = text_width(line2);
	html_printf(h, "<text class=\"%s%s\"", cls, w > slot - 40 ? " chart-small" : "");
	attr_num(h, "x", x);
	attr_num(h, "y", line2 ? y - LINE : y);
	html_lit(h, " text-anchor=\"middle\">");
	html_text(h, line1);
	if (line2) {
		html_lit(h, "<tspan");
		attr_num(h, "x", x);
		attr_num(h, "dy", LINE);
		html_lit(h, ">");
		html_text(h, line2);
		html_lit(h, "</tspan>");
	}
	html_lit(h, "</text>");
}

/*
 * Where a year's two labels go (the baseline of each one's last line), so they do not cover each
 * other or the target line. A label with its last baseline at b covers b − 11 − 14 × (lines − 1)
 * to b + 3 units; the target line is 3 units thick. By default the value sits above its bar (top
 * yv) and the target's label above its line (yt). When the target is just above the bar, the value
 * goes inside its bar, or above the target's label when the bar is too short for it; when the
 * target crosses the bar near its top, the target's label goes under its line inside the bar, or
 * above the value's label when the bar is too short for that.
 */
static void place_labels(bool both, long yv, long yt, int lines, long *v_at, long *t_at)
{
	*v_at = yv - 50;
	*t_at = yt - 50;
	if (!both)
		return;
	if (yt < yv && yv - 20 - LINE * lines < yt + 30) {
		if (PLOT_B - yv >= LINE * lines + 60)
			*v_at = yv + LINE * lines;
		else
			*v_at = yt - 50 - LINE - 10;
	} else if (yt >= yv && yt - 160 < yv + 10) {
		if (yt + 180 <= PLOT_B - 10)
			*t_at = yt + 150;
		else
			*t_at = yv - 50 - LINE * lines - 20;
	}
}

/* One year: its bar (or "—"), its target line and the two labels. */
static void draw_year(struct strbuf *h, const struct sheet_series *s, const struct sheet_point *p,
		      const struct chart_scale *sc, long cx, long slot, const char *hatch, enum lang lang)
{
	long bar_w = slot / 2 < BAR_MAX ? slot / 2 : BAR_MAX;
	bool value = p->value.has_value, target = p->target.has_value;
	long yv = value ? y_of(sc, tenths(p->value.value)) : PLOT_B;
	long yt = target ? y_of(sc, tenths(p->target.value)) : 0;
	const char *v1 = NULL, *v2 = NULL;
	int lines = 1;

	if (value) {
		bool prov = p->value.computed && p->value.provisional;
		html_printf(h, "<rect class=\"chart-bar%s\"", prov ? " chart-provisional" : "");
		attr_num(h, "x", cx - bar_w / 2);
		attr_num(h, "y", yv);
		attr_num(h, "width", bar_w);
		attr_num(h, "height", PLOT_B - yv);
		if (prov)
			html_printf(h, " fill=\"url(#%s)\"", hatch);
		html_lit(h, "/>");
		/* "6件（暫定）" on two lines, so a narrow year still fits: "6件" and "（暫定）". */
		v1 = sheet_figure_text(h->arena, &p->value, s->unit);
		struct sheet_figure plain = p->value;
		plain.provisional = false;
		const char *lead = sheet_figure_text(h->arena, &plain, s->unit);
		if (prov && v1 && lead && strlen(v1) > strlen(lead) && !strncmp(v1, lead, strlen(lead))) {
			v2 = v1 + strlen(lead);
			v1 = lead;
			lines = 2;
		}
	} else {
		text_open(h, "chart-none", cx, PLOT_B - 60, "middle");
		html_lit(h, "—</text>");
	}

	long v_at, t_at;
	place_labels(value && target, yv, yt, lines, &v_at, &t_at);

	if (target) {
		long half = bar_w / 2 + TARGET_OVER;
		if (half > slot / 2 - 20)
			half = slot / 2 - 20;
		html_lit(h, "<line class=\"chart-target\"");
		attr_num(h, "x1", cx - half);
		attr_num(h, "x2", cx + half);
		attr_num(h, "y1", yt);
		attr_num(h, "y2", yt);
		html_lit(h, "/>");
		/* "目標 7件"; just "7件" where even the small size would not fit: the line says it. */
		const char *fig = sheet_figure_text(h->arena, &p->target, s->unit);
		const char *t = arena_printf(h->arena, "%s %s", i18n_text(lang, N_("Target")), fig);
		if (t && text_width(t) * 10 / 12 > slot - 40)
			t = fig;
		draw_label(h, "chart-target-label", cx, t_at, slot, t, NULL);
	}
	if (value)
		draw_label(h, "chart-value", cx, v_at, slot, v1, v2);
}

static void draw_empty(struct strbuf *h, enum lang lang)
{
	html_printf(h, "<rect class=\"chart-frame\" x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\"/>", PLOT_L / 10,
		    (PLOT_R - PLOT_L) / 10, EMPTY_H - 20);
	text_open(h, "chart-empty", (PLOT_L + PLOT_R) / 2, EMPTY_H * 5 + 50, "middle");
	html_text(h, i18n_text(lang, N_("No figure yet")));
	html_lit(h, "</text>");
}

static void draw_years(struct strbuf *h, const struct sheet_series *s, const char *hatch, enum lang lang)
{
	long max = 0;
	struct legend_use use = { false, false, false };
	for (size_t i = 0; i < s->n_points; i++) {
		const struct sheet_point *p = &s->points[i];
		if (p->value.has_value && tenths(p->value.value) > max)
			max = tenths(p->value.value);
		if (p->target.has_value && tenths(p->target.value) > max)
			max = tenths(p->target.value);
		use.target |= p->target.has_value;
		use.provisional |= p->value.has_value && p->value.computed && p->value.provisional;
		use.none |= !p->value.has_value;
	}
	struct chart_scale sc = scale_for(s->kind, max);
	draw_axes(h, &sc, s->unit, lang);

	long slot = (PLOT_R - PLOT_L) / (long)s->n_points;
	html_lit(h, "<g class=\"chart-years\">");
	for (size_t i = 0; i < s->n_points; i++) {
		long cx = PLOT_L + slot * (long)i + slot / 2;
		draw_year(h, s, &s->points[i], &sc, cx, slot, hatch, lang);
		text_open(h, "chart-tick chart-year", cx, YEAR_Y, "middle");
		html_text(h, fy_short(h->arena, s->points[i].fy));
		html_lit(h, "</text>");
	}
	html_lit(h, "</g>");
	/* The baseline last, over the feet of the bars. */
	html_printf(h, "<line class=\"chart-axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", PLOT_L / 10,
		    PLOT_R / 10, PLOT_B / 10, PLOT_B / 10);
	draw_legend(h, hatch, &use, lang);
}

void chart_svg(struct strbuf *h, const struct sheet_series *s, enum lang lang)
{
	bool empty = true;
	for (size_t i = 0; i < s->n_points; i++)
		empty &= !s->points[i].value.has_value;

	char id[16], hatch[24];
	uint32_t hash = chart_hash(s);
	snprintf(id, sizeof id, "chart-%08x", (unsigned)hash);
	snprintf(hatch, sizeof hatch, "%s-hatch", id);

	html_lit(h, "<figure class=\"chart\">");
	html_printf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\"", VIEW_W,
		    empty ? EMPTY_H : VIEW_H);
	html_printf(h, " aria-labelledby=\"%s-title %s-desc\">", id, id);
	html_printf(h, "<title id=\"%s-title\">", id);
	html_text(h, s->name);
	if (s->ward_name)
		html_printf(h, lang == LANG_JA ? "（%s）" : " (%s)", s->ward_name);
	html_printf(h, "</title><desc id=\"%s-desc\">", id);
	write_desc(h, s, empty, lang);
	html_lit(h, "</desc>");
	if (empty) {
		draw_empty(h, lang);
	} else {
		/* A provisional bar's fill: diagonal lines on paper, coloured by the CSS classes. */
		html_printf(h, "<defs><pattern id=\"%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
			       " patternTransform=\"rotate(45)\">", hatch);
		html_lit(h, "<rect class=\"chart-hatch-ground\" width=\"6\" height=\"6\"/>"
			    "<line class=\"chart-hatch\" x1=\"3\" y1=\"0\" x2=\"3\" y2=\"6\"/></pattern></defs>");
		draw_years(h, s, hatch, lang);
	}
	html_lit(h, "</svg><figcaption>");
	html_printf(h, "%s ", sheet_circled(h->arena, s->position));
	html_text(h, s->name);
	if (s->ward_name)
		html_printf(h, lang == LANG_JA ? "（%s）" : " (%s)", s->ward_name);
	html_lit(h, "</figcaption></figure>");
}
