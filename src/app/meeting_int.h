/* meeting_int.h - what the staff-meeting page's files share (src/app
 * only): HTML text and inline SVG charts.  A chart is drawn in a
 * viewBox 400 units wide; every chart begins with its caption "Chart N"
 * and ends with an unseen marker "chart-end-N" at its lower right, so
 * that a test can find each chart's area on the printed page
 * (tools/browser-test.sh). */
#ifndef CSLOG_MEETING_INT_H
#define CSLOG_MEETING_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cslog/meeting.h"

/* Text for HTML: neutralised (text.h) and escaped. */
void html_put(FILE *f, const char *s);

/* One bar of a chart. */
struct svg_bar {
	const char *label;    /* short: an id, a month */
	double v;             /* the value (a percentage, or a count) */
	double lo, hi;        /* its interval, when ci */
	bool ci;
	bool few;             /* too few responses: drawn hollow */
	int color;            /* SVG_BLUE ... */
};

enum { SVG_BLUE, SVG_GREEN, SVG_AMBER, SVG_RED, SVG_GREY, SVG_COLORS };

/* Horizontal bars against max (100 for percentages). */
void svg_hbars(FILE *f, int chart, const char *title, const struct svg_bar *b, size_t n,
               double max, bool pct);
/* One bar split into parts (counts), with a legend. */
void svg_stack(FILE *f, int chart, const char *title, const struct svg_bar *parts, size_t n);
/* Contacts per bucket (bars) and the empowerment rate (a line). */
void svg_buckets(FILE *f, int chart, const char *title, const struct meeting *m);

#endif
