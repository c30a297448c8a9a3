/* meeting_svg.c - the staff-meeting page's charts, as inline SVG: no
 * script, no fonts or images from elsewhere, printable as they are.
 * Each chart has a title (for screen readers) and the figures it draws
 * are also in text beside it (meeting_html.c). */
#include <stdlib.h>
#include <string.h>

#include "cslog/text.h"
#include "meeting_int.h"

#define W 400
#define LABEL_W 112
#define BAR_X 116
#define BAR_W 270
#define ROW_H 16

static const char *const fill[SVG_COLORS] = {
	"#2f6db5", "#2e8b57", "#d98c10", "#c0392b", "#8c8c8c",
};

void
html_put(FILE *f, const char *s)
{
	char *safe = text_safe(s != NULL ? s : "", TEXT_ONE_LINE);
	const char *p;

	for (p = safe != NULL ? safe : ""; *p != '\0'; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*p, f);
		}
	}
	free(safe);
}

static void
begin(FILE *f, int chart, const char *title, int h)
{
	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	        "aria-labelledby=\"chart-%d-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	        "<title id=\"chart-%d-title\">", W, h, chart, chart);
	html_put(f, title);
	fprintf(f, "</title>\n<text x=\"0\" y=\"9\" class=\"cap\">Chart %d</text>\n", chart);
	fprintf(f, "<defs><pattern id=\"few-%d\" width=\"4\" height=\"4\" "
	        "patternUnits=\"userSpaceOnUse\"><path d=\"M0,4 L4,0\" stroke=\"#8c8c8c\" "
	        "stroke-width=\"1\"/></pattern></defs>\n", chart);
}

static void
end(FILE *f, int chart, int h)
{
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"mark\" aria-hidden=\"true\" "
	        "text-anchor=\"end\">chart-end-%d</text>\n</svg>\n", W - 1, h - 1, chart);
}

/* A short label, cut to fit (whole characters). */
static void
label_fit(FILE *f, double x, double y, const char *s, const char *anchor, int cols)
{
	char buf[128];

	text_fit_marked(s != NULL ? s : "", cols, buf, sizeof buf);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	html_put(f, buf);
	fputs("</text>\n", f);
}

static void
label(FILE *f, double x, double y, const char *s, const char *anchor)
{
	label_fit(f, x, y, s, anchor, 22);
}

static double
scale(double v, double max)
{
	double x = max > 0 ? v / max : 0;

	return (x < 0 ? 0 : x > 1 ? 1 : x) * BAR_W;
}

void
svg_hbars(FILE *f, int chart, const char *title, const struct svg_bar *b, size_t n,
          double max, bool pct)
{
	int h = 26 + (int)(n > 0 ? n : 1) * ROW_H + 18, y, g;
	size_t i;

	begin(f, chart, title, h);
	for (g = 0; g <= 4; g++) {
		double x = BAR_X + BAR_W * g / 4.0;

		fprintf(f, "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>\n",
		        x, x, h - 16);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">"
		        "%g%s</text>\n", x, h - 6, max * g / 4.0, pct ? "%" : "");
	}
	if (n == 0)
		label(f, BAR_X + BAR_W / 2.0, 34, "nothing in this period", "middle");
	for (i = 0; i < n; i++) {
		y = 20 + (int)i * ROW_H;
		label(f, LABEL_W, y + 11, b[i].label, "end");
		if (b[i].few)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" "
			        "fill=\"url(#few-%d)\" stroke=\"%s\"/>\n", BAR_X, y + 2,
			        scale(b[i].v, max), chart, fill[SVG_GREY]);
		else
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" "
			        "fill=\"%s\"/>\n", BAR_X, y + 2, scale(b[i].v, max),
			        fill[b[i].color % SVG_COLORS]);
		if (b[i].ci && b[i].hi > b[i].lo)
			fprintf(f, "<path d=\"M%.1f,%d H%.1f M%.1f,%d V%d M%.1f,%d V%d\" "
			        "class=\"ci\"/>\n", BAR_X + scale(b[i].lo, max), y + 7,
			        BAR_X + scale(b[i].hi, max), BAR_X + scale(b[i].lo, max), y + 4, y + 10,
			        BAR_X + scale(b[i].hi, max), y + 4, y + 10);
	}
	end(f, chart, h);
}

void
svg_stack(FILE *f, int chart, const char *title, const struct svg_bar *parts, size_t n)
{
	double total = 0, x = 20;
	int h = 80;
	size_t i;

	begin(f, chart, title, h);
	for (i = 0; i < n; i++)
		total += parts[i].v;
	if (total <= 0)
		label(f, W / 2.0, 34, "nothing in this period", "middle");
	for (i = 0; i < n && total > 0; i++) {
		double w = parts[i].v / total * (W - 40);

		fprintf(f, "<rect x=\"%.1f\" y=\"18\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>\n",
		        x, w, fill[parts[i].color % SVG_COLORS]);
		x += w;
	}
	for (i = 0; i < n; i++) {
		double lx = 20 + (double)i * (W - 40) / (double)n;

		fprintf(f, "<rect x=\"%.1f\" y=\"52\" width=\"9\" height=\"9\" fill=\"%s\"/>\n", lx,
		        fill[parts[i].color % SVG_COLORS]);
		label(f, lx + 12, 60, parts[i].label, "start");
	}
	end(f, chart, h);
}

void
svg_buckets(FILE *f, int chart, const char *title, const struct meeting *m)
{
	const int h = 190, top = 18, bottom = 150, left = 34, right = 366;
	double max = 0, bw, x;
	size_t i, step;
	int g;

	begin(f, chart, title, h);
	for (i = 0; i < m->n_buckets; i++)
		max = (double)m->buckets[i].contacts > max ? (double)m->buckets[i].contacts : max;
	max = max < 4 ? 4 : max;
	bw = m->n_buckets > 0 ? (double)(right - left) / (double)m->n_buckets : 0;
	for (g = 0; g <= 4; g++) {
		double y = bottom - (bottom - top) * g / 4.0;

		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>\n",
		        left, y, right, y);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"axis\">%.0f</text>\n",
		        left - 3, y + 3, max * g / 4.0);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"axis\">%d%%</text>\n", right + 3,
		        y + 3, 25 * g);
	}
	for (i = 0; i < m->n_buckets; i++) {
		double bh = (bottom - top) * (double)m->buckets[i].contacts / max;

		x = left + bw * (double)i;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
		        x + bw * 0.15, bottom - bh, bw * 0.7, bh, fill[SVG_BLUE]);
	}
	fputs("<polyline class=\"rate\" fill=\"none\" points=\"", f);
	for (i = 0; i < m->n_buckets; i++)
		if (m->buckets[i].empowered.n > 0)
			fprintf(f, "%.1f,%.1f ", left + bw * ((double)i + 0.5),
			        bottom - (bottom - top) * m->buckets[i].empowered.p);
	fputs("\"/>\n", f);
	step = m->n_buckets > 6 ? (m->n_buckets + 5) / 6 : 1;
	for (i = 0; i < m->n_buckets; i += step)
		label(f, left + bw * ((double)i + 0.5), bottom + 12, m->buckets[i].start + 5,
		      "middle");
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"9\" height=\"9\" fill=\"%s\"/>\n", left,
	        bottom + 22, fill[SVG_BLUE]);
	label(f, left + 12, bottom + 30, "contacts", "start");
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"rate\"/>\n",
	        left + 110, bottom + 26, left + 124, bottom + 26);
	label_fit(f, left + 128, bottom + 30, "empowered (right scale)", "start", 40);
	end(f, chart, h);
}
