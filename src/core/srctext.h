/* srctext.h - the text of a source document, as a policy quotes it
 * (core: no I/O).
 *
 * The documents are plain-text extractions of PDFs, so a quotation is
 * compared with them after normalising, on both sides, only what the
 * extraction changes:
 *   - every run of white space and line breaks (no-break spaces too) is
 *     one space, and none leads or trails;
 *   - curly and straight quotation marks are the same (’ ‘ as ', “ ” as ");
 *   - "…" is "...";
 *   - a hyphen between two lower-case letters may be a word hyphenated at
 *     a line's end ("op-portunity"): the other side may join the word.
 * Nothing else: case, spelling and punctuation must be the document's.
 *
 * A document is read as items: each bulleted or numbered entry (its
 * sentences together), and each sentence of the other paragraphs,
 * headings included (a line such as "Added Value", or "Respect:" at the
 * head of a paragraph). */
#ifndef CSLOG_SRCTEXT_H
#define CSLOG_SRCTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* s normalised (malloc'd; NULL when out of memory). */
char *srctext_norm(const char *s);

/* Where normalised needle first occurs in normalised hay at or after
 * `from`, as whole words, hyphenation forgiven as above: its start (and
 * *end one past it; end may be NULL), or -1. */
long srctext_find(const char *hay, const char *needle, size_t from, size_t *end);

/* Does the quotation q (any text; "..." or "…" where words are left out)
 * appear in the normalised document, its parts in order?  *at (may be
 * NULL) gets where its first part starts. */
bool srctext_quote_found(const char *doc_norm, const char *q, size_t from, size_t *at);

/* Is the normalised sentence s inside the text t (one of t's parts, when
 * t leaves words out with "...")?  A final . , ; or : of s may be left
 * out by t. */
bool srctext_within(const char *s, const char *t);

/* Call cb for each passage of s in quotation marks ("..." or “...”),
 * with its text (not NUL-terminated). */
void srctext_passages(const char *s, void (*cb)(void *ctx, const char *p, size_t n),
                      void *ctx);

/* Minutes of each time span the text names ("24 hours", "two days",
 * "same day" as -1 = POLICY_SAME_DAY), at most max; their number. */
size_t srctext_clocks(const char *s, long *out, size_t max);

struct srctext_sentence {
	char *text;      /* normalised */
	int line;        /* where it starts in the document, from 1 */
	size_t item;     /* the item it belongs to */
	bool entry;      /* that item is a bulleted or numbered entry */
	size_t at;       /* where it starts in the normalised document */
};

struct srctext_doc {
	char *norm;      /* the whole document, normalised */
	struct srctext_sentence *s;
	size_t n;
	size_t items;    /* items 0 .. items-1 */
};

/* Read text[0..len) (UTF-8) into d.  0, or -1 when out of memory. */
int srctext_doc_read(const char *text, size_t len, struct srctext_doc *d);
void srctext_doc_free(struct srctext_doc *d);

#endif
