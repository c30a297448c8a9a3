/* srctext.c - normalising, finding and splitting a source document's
 * text (see srctext.h for what is normalised, and nothing else). */
#include "srctext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/policy.h"

/* Bytes of a white-space character at s (0: none). */
static size_t
space_at(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)                            /* no-break space */
		return 2;
	if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] <= 0x8a || s[2] == 0xaf))   /* U+2000.. */
		return 3;
	return 0;
}

char *
srctext_norm(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t len = strlen(in), o = 0, k;
	char *out = malloc(len + 1);
	bool gap = false;

	if (out == NULL)
		return NULL;
	while (*s != '\0') {
		if ((k = space_at(s)) > 0) {
			gap = true;
			s += k;
			continue;
		}
		if (gap && o > 0)
			out[o++] = ' ';
		gap = false;
		if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99)) {
			out[o++] = '\'';
			s += 3;
		} else if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x9c || s[2] == 0x9d)) {
			out[o++] = '"';
			s += 3;
		} else if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xa6) {
			memcpy(out + o, "...", 3);   /* 3 bytes for 3 */
			o += 3;
			s += 3;
		} else {
			out[o++] = (char)*s++;
		}
	}
	out[o] = '\0';
	return out;
}

/* A hyphen at s[i] between lower-case letters (perhaps before a space,
 * as at a line's end): the bytes to skip to join the word, else 0. */
static size_t
join_at(const char *s, size_t i)
{
	if (s[i] != '-' || i == 0 || !islower((unsigned char)s[i - 1]))
		return 0;
	if (islower((unsigned char)s[i + 1]))
		return 1;
	if (s[i + 1] == ' ' && islower((unsigned char)s[i + 2]))
		return 2;
	return 0;
}

/* Does needle match hay at its start?  *len gets the bytes of hay. */
static bool
match_at(const char *hay, const char *needle, size_t *len)
{
	size_t i = 0, j = 0, k;

	while (needle[j] != '\0') {
		if (hay[i] != '\0' && hay[i] == needle[j]) {
			i++;
			j++;
		} else if ((k = join_at(hay, i)) > 0 && i > 0) {
			i += k;
		} else if ((k = join_at(needle, j)) > 0) {
			j += k;
		} else {
			return false;
		}
	}
	*len = i;
	return true;
}

/* Matches start and end on whole words: "PROCEDURE" is not found in
 * "PROCEDURES". */
static bool
word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

long
srctext_find(const char *hay, const char *needle, size_t from, size_t *end)
{
	size_t n = strlen(hay), i, len;

	if (*needle == '\0')
		return -1;
	for (i = from; i < n; i++) {
		if (hay[i] != needle[0] || (i > 0 && word_char(hay[i - 1]) && word_char(hay[i])))
			continue;
		if (match_at(hay + i, needle, &len) &&
		    !(len > 0 && word_char(hay[i + len - 1]) && word_char(hay[i + len]))) {
			if (end != NULL)
				*end = i + len;
			return (long)i;
		}
	}
	return -1;
}

/* Trim spaces and the list punctuation ; , : around a part. */
static void
trim_part(const char **p, size_t *n)
{
	while (*n > 0 && strchr(" ;,:", **p) != NULL) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && strchr(" ;,:", (*p)[*n - 1]) != NULL)
		(*n)--;
}

/* Find part p[0..n) in doc at or after *from, then "; "-separated
 * pieces of it in order (the files join a list's items with "; "). */
static bool
find_part(const char *doc, const char *p, size_t n, size_t *from, long *first)
{
	char *part = strndup(p, n), *piece, *save = NULL;
	size_t end = *from;
	long at;
	bool ok = true;

	if (part == NULL)
		return false;
	at = srctext_find(doc, part, *from, &end);
	if (at < 0) {
		for (piece = strtok_r(part, ";", &save); ok && piece != NULL;
		     piece = strtok_r(NULL, ";", &save)) {
			size_t len = strlen(piece);
			const char *q = piece;
			char *one;

			trim_part(&q, &len);
			if (len == 0)
				continue;
			if ((one = strndup(q, len)) == NULL)
				ok = false;
			else if ((at = srctext_find(doc, one, end, &end)) < 0)
				ok = false;
			else if (*first < 0)
				*first = at;
			free(one);
		}
	} else if (*first < 0) {
		*first = at;
	}
	free(part);
	*from = end;
	return ok;
}

/* One line of a quotation: its "..."-parts in order from *from. */
static bool
line_found(const char *doc, const char *line, size_t *from, long *first, bool *any)
{
	char *norm = srctext_norm(line);
	const char *p, *e;
	size_t n;
	bool ok = norm != NULL;

	for (p = norm; ok && p != NULL; p = e != NULL ? e + 3 : NULL) {
		e = strstr(p, "...");
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		trim_part(&p, &n);
		if (n == 0)
			continue;
		*any = true;
		ok = find_part(doc, p, n, from, first);
	}
	free(norm);
	return ok;
}

/* A quotation's lines (a text written with its line breaks kept) are
 * the document's items in order, like its "; "-joined lists. */
bool
srctext_quote_found(const char *doc, const char *q, size_t from, size_t *at)
{
	char *copy = strdup(q), *line, *save = NULL;
	long first = -1;
	bool ok = copy != NULL, any = false;

	for (line = ok ? strtok_r(copy, "\n", &save) : NULL; ok && line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		ok = line_found(doc, line, &from, &first, &any);
	free(copy);
	if (at != NULL)
		*at = first >= 0 ? (size_t)first : 0;
	return ok && any;
}

bool
srctext_within(const char *s, const char *t)
{
	char *norm = srctext_norm(t), *part, *shorter;
	const char *p, *e;
	size_t n, len = strlen(s);
	bool in = false;

	if (norm == NULL || len == 0) {
		free(norm);
		return false;
	}
	for (n = len; n > 1 && strchr(".,;:", s[n - 1]) != NULL; n--)
		;
	shorter = n < len ? strndup(s, n) : NULL;
	for (p = norm; !in && p != NULL; p = e != NULL ? e + 3 : NULL) {
		e = strstr(p, "...");
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if ((part = strndup(p, n)) == NULL)
			break;
		in = srctext_find(part, s, 0, NULL) >= 0 ||
		     (shorter != NULL && srctext_find(part, shorter, 0, NULL) >= 0);
		free(part);
	}
	free(shorter);
	free(norm);
	return in;
}

/* A passage opened with “ closes at ”, one opened with " at the next ":
 * a curly-quoted passage may hold straight quotation marks. */
void
srctext_passages(const char *s, void (*cb)(void *ctx, const char *p, size_t n), void *ctx)
{
	const char *p = s, *start, *q;
	bool curly;

	while (*p != '\0') {
		curly = strncmp(p, "\xe2\x80\x9c", 3) == 0;
		if (*p != '"' && !curly) {
			p++;
			continue;
		}
		start = p + (curly ? 3 : 1);
		q = curly ? strstr(start, "\xe2\x80\x9d") : strchr(start, '"');
		if (q == NULL)
			return;
		if (q > start)
			cb(ctx, start, (size_t)(q - start));
		p = q + (curly ? 3 : 1);
	}
}
