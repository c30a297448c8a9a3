/* srccheck_int.h - the parts of the source-text check shared by
 * srccheck.c (the policy's texts) and srccheck_doc.c (the document's
 * headings, clocks and items); core, private to those two files. */
#ifndef CSLOG_SRCCHECK_INT_H
#define CSLOG_SRCCHECK_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cslog/srccheck.h"
#include "srctext.h"

#define MSG_MAX 600

enum cover { COVER_QUOTE, COVER_CITE, COVER_OMIT };

struct covering {
	const char *text;
	enum cover kind;
	struct policy_at at;
};

struct chk {
	const struct policy *p;
	struct srctext_doc d;
	srccheck_cb cb;
	void *ctx;
	int problems;
	struct covering *cov;
	size_t n_cov, cap;
	bool oom;
	bool *anchor;            /* sentence i is a heading some source cites */
	/* the passage being checked (srctext_passages' callback) */
	struct policy_at at;
	const char *what, *id;
};

/* srccheck.c */
void srccheck_problem(struct chk *x, struct policy_at at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A text given as the document's: found, in its list's order (*last, may
 * be NULL), where src says; counted as transcribed. */
void srccheck_quote(struct chk *x, struct policy_at at, const char *what, const char *id,
                    const char *text, size_t *last, const char *src);
/* A source: cited headings, and its passages in quotation marks. */
void srccheck_source(struct chk *x, struct policy_at at, const char *what, const char *id,
                     const char *s);
/* cslog's own text: each passage in quotation marks is the document's. */
void srccheck_passages(struct chk *x, struct policy_at at, const char *what, const char *id,
                       const char *text);

/* srccheck_doc.c */
/* Mark the headings any source of the policy cites (x->anchor). */
bool srccheck_anchors(struct chk *x);
/* The part of the document a source points at; false: it cites none. */
bool srccheck_region(const struct chk *x, const char *source, size_t *from, size_t *to);
/* The follow-up rules against the times their texts and the document give. */
void srccheck_clocks(struct chk *x);
/* Every item of the document transcribed, cited or omitted: *cov. */
void srccheck_cover(struct chk *x, struct srccheck_coverage *cov);

#endif
