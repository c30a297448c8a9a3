/* srccheck.h - a policy held to its source document (core: no I/O).
 *
 * Given a policy and the plain text of the document it transcribes
 * (source.document), srccheck_run reports, at the policy's line and
 * column:
 *
 *  - a quotation not in the document: every text that is the document's
 *    (customer kinds, empowerment questions and messages, standards,
 *    follow-up rules, the privacy notice, quiz answers, guidance,
 *    omitted items, the name and title) unless the file marks it as its
 *    own (`own`, or `source: cslog`); in its own texts (rationales,
 *    notes, reasons), every passage in quotation marks;
 *  - kinds, questions, standards, guidance and quiz answers out of the
 *    document's order;
 *  - what is cslog's but not marked so: a `when`, privacy classes, a
 *    channel with no source, a negative outcome with no reason;
 *  - a follow-up rule whose target or limit is not the time its text
 *    gives, and a time the document gives that no rule carries;
 *  - an item of the document (srctext.h) neither transcribed (quoted, or
 *    cited as a heading by a source) nor listed under `omitted`, and one
 *    both transcribed and omitted.
 *
 * Normalisation is srctext.h's, and nothing more. */
#ifndef CSLOG_SRCCHECK_H
#define CSLOG_SRCCHECK_H

#include <stddef.h>

#include "cslog/policy.h"

struct srccheck_coverage {
	size_t items;        /* items of the document */
	size_t transcribed;  /* quoted by the policy, or cited (headings) */
	size_t omitted;      /* listed under omitted, with a reason */
	size_t missing;      /* neither (each one is a problem) */
};

typedef void (*srccheck_cb)(void *ctx, struct policy_at at, const char *msg);

/* Hold p to its document text[0..len).  Each problem goes to cb (at is
 * 0:0 when it is not one item's); *cov gets the coverage.  Returns the
 * number of problems, or -1 when out of memory. */
int srccheck_run(const struct policy *p, const char *text, size_t len, srccheck_cb cb,
                 void *ctx, struct srccheck_coverage *cov);

/* "42 of 44 items of the document; 2 omitted, with reasons" into buf. */
void srccheck_coverage_text(const struct srccheck_coverage *cov, char *buf, size_t len);

#endif
