/*
 * chart — an indicator over the fiscal years as an inline SVG drawn on the server (no script):
 * the computed figures as bars or a line, the targets as marks, provisional figures hatched.
 */
#ifndef TSUNAGU_CHART_H
#define TSUNAGU_CHART_H

#include "i18n.h"

struct sheet_series;
struct strbuf;

/* Appends <figure class="chart">…<svg …>…</svg><figcaption>…</figcaption></figure> for s to h,
 * every text through the escaping writer (http/html.h); the chart's own labels in lang. */
void chart_svg(struct strbuf *h, const struct sheet_series *s, enum lang lang);

#endif
