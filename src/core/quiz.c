/* quiz.c - normalising typed answers and the edit distance between
 * words; the grading itself is in quiz_grade.c. */
#include "cslog/quiz.h"

#include <stdlib.h>
#include <string.h>

#define WORD_MAX 64
#define NORM_MAX 512

static bool
is_article(const char *w, size_t n)
{
	return (n == 1 && w[0] == 'a') || (n == 2 && memcmp(w, "an", 2) == 0) ||
	       (n == 3 && memcmp(w, "the", 3) == 0);
}

void
quiz_normalise(const char *s, char *buf, size_t len)
{
	char word[WORD_MAX];
	size_t wn = 0, out = 0;
	const unsigned char *p = (const unsigned char *)s;
	unsigned char ch;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (;; p++) {
		ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
			if (wn < sizeof word)
				word[wn++] = (char)ch;
			continue;
		}
		if (ch == '\'' )  /* "department's" -> "departments" */
			continue;
		if (wn > 0 && !is_article(word, wn) && out + wn + 2 < len) {
			if (out > 0)
				buf[out++] = ' ';
			memcpy(buf + out, word, wn);
			out += wn;
			buf[out] = '\0';
		}
		wn = 0;
		if (ch == '\0')
			break;
	}
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Edit distance with adjacent transpositions counted as one edit
 * (optimal string alignment), over three rolling rows. */
size_t
quiz_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best, d;
	size_t *mem, *r0, *r1, *r2, *t;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	mem = malloc(3 * (lb + 1) * sizeof *mem);
	if (mem == NULL)
		return cap + 1;
	r0 = mem;                 /* row i-2 */
	r1 = mem + (lb + 1);      /* row i-1 */
	r2 = mem + 2 * (lb + 1);  /* row i */
	for (j = 0; j <= lb; j++)
		r1[j] = j;
	for (i = 1; i <= la; i++) {
		r2[0] = best = i;
		for (j = 1; j <= lb; j++) {
			d = min3(r1[j] + 1, r2[j - 1] + 1,
			    r1[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    r0[j - 2] + 1 < d)
				d = r0[j - 2] + 1;
			r2[j] = d;
			if (d < best)
				best = d;
		}
		if (best > cap) {
			free(mem);
			return cap + 1;
		}
		t = r0; r0 = r1; r1 = r2; r2 = t;
	}
	best = r1[lb];
	free(mem);
	return best > cap ? cap + 1 : best;
}
