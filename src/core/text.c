/* text.c - UTF-8 validity, display width, and terminal-safe text. */
#include "cslog/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t
text_utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool
text_valid_utf8(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return false;
		i += n;
	}
	return true;
}

static bool
is_invisible_format(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) ||       /* C1 controls */
	       (cp >= 0x202a && cp <= 0x202e) ||   /* bidi embeddings/overrides */
	       (cp >= 0x2066 && cp <= 0x2069) ||   /* bidi isolates */
	       cp == 0x2028 || cp == 0x2029;       /* line/paragraph separators */
}

/* Append to a growing buffer; returns false when out of memory. */
struct buf {
	char *p;
	size_t n, cap;
};

static bool
buf_add(struct buf *b, const char *s, size_t n)
{
	char *np;
	size_t ncap;

	if (b->n + n + 1 > b->cap) {
		ncap = b->cap ? b->cap : 64;
		while (b->n + n + 1 > ncap)
			ncap *= 2;
		np = realloc(b->p, ncap);
		if (np == NULL)
			return false;
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return true;
}

/* The visible form of one character, or NULL to copy it as it is. */
static const char *
visible(unsigned cp, unsigned flags, char tmp[16])
{
	if (cp == '\n' || cp == '\t') {
		if (flags & TEXT_KEEP_LAYOUT)
			return NULL;
		if (flags & TEXT_ONE_LINE)
			return " ";
	}
	if (cp < 0x20 || cp == 0x7f) {
		tmp[0] = '^';
		tmp[1] = cp == 0x7f ? '?' : (char)(cp + 0x40);
		tmp[2] = '\0';
		return tmp;
	}
	if (is_invisible_format(cp)) {
		snprintf(tmp, 16, "<U+%04X>", cp);
		return tmp;
	}
	return NULL;
}

char *
text_safe(const char *s, unsigned flags)
{
	struct buf b = { NULL, 0, 0 };
	size_t len = s ? strlen(s) : 0, i = 0, n;
	unsigned cp;
	char tmp[16];
	const char *v;
	bool ok = buf_add(&b, "", 0);

	while (ok && i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned char)s[i]);
			ok = buf_add(&b, tmp, strlen(tmp));
			i++;
			continue;
		}
		v = visible(cp, flags, tmp);
		ok = v ? buf_add(&b, v, strlen(v)) : buf_add(&b, s + i, n);
		i += n;
	}
	if (!ok) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static int
char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	unsigned cp;
	int w = 0;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			w++;
			i++;
			continue;
		}
		w += char_width(cp);
		i += n;
	}
	return w;
}

int
text_fit(const char *s, int cols, char *buf, size_t len)
{
	size_t slen = strlen(s), i = 0, n, out = 0;
	unsigned cp;
	int w = 0, cw;

	while (i < slen) {
		n = text_utf8_decode(s + i, slen - i, &cp);
		if (n == 0)
			n = 1, cp = '?';
		cw = char_width(cp);
		if (w + cw > cols || out + n + 1 > len)
			break;
		memcpy(buf + out, s + i, n);
		out += n;
		w += cw;
		i += n;
	}
	if (len > 0)
		buf[out] = '\0';
	return w;
}

#define ELLIPSIS "\xe2\x80\xa6"   /* U+2026 in UTF-8, one column */

int
text_fit_marked(const char *s, int cols, char *buf, size_t len)
{
	if (cols < 2 || len <= sizeof ELLIPSIS || text_width(s) <= cols)
		return text_fit(s, cols, buf, len);
	cols = text_fit(s, cols - 1, buf, len - (sizeof ELLIPSIS - 1));
	strcat(buf, ELLIPSIS);
	return cols + 1;
}

/* Bytes of s to put on one line of `width` columns: whole words when
 * they fit, else as much as fits; *skip the spaces after it. */
size_t
text_line_cut(const char *s, int width, size_t *skip)
{
	char buf[1024];
	unsigned cp;
	size_t n, cut;

	text_fit(s, width, buf, sizeof buf);
	n = strlen(buf);
	if (n == 0 && *s != '\0') {   /* a character wider than the line */
		n = text_utf8_decode(s, strlen(s), &cp);
		n = n > 0 ? n : 1;
	}
	cut = n;
	if (s[n] != '\0' && s[n] != ' ') {
		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = n;
	}
	*skip = cut;
	while (s[*skip] == ' ')
		(*skip)++;
	return cut;
}
