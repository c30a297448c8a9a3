/* app_policy.h - a policy as its readers need it: held to its source
 * document, checked against the other policies' drills, and written out
 * in full for `cslog policy show` (app layer). */
#ifndef CSLOG_APP_POLICY_H
#define CSLOG_APP_POLICY_H

#include <stdbool.h>
#include <stdio.h>

#include "cslog/error.h"
#include "cslog/policy.h"
#include "cslog/srccheck.h"

/* The directory of the source documents: CSLOG_SOURCES, or NULL when it
 * is not set (then nothing is compared). */
const char *app_sources_dir(void);

/* What comparing a policy with its document found. */
struct app_sources {
	bool compared;             /* the document was read and compared */
	int problems;              /* reported to the callback */
	struct srccheck_coverage cov;
	char why[256];             /* when not compared: why not */
};

/* Hold p to its document (source.document) in dir (srccheck.h): each
 * problem to cb.  Not compared, and CS_OK, when dir is NULL or p names
 * no document; CS_NOINPUT when dir is set and the document is not there
 * (a check that cannot be made fails, it does not pass). */
int app_policy_sources(const struct policy *p, const char *dir, srccheck_cb cb, void *ctx,
                       struct app_sources *out, struct cs_err *err);

/* Write p as `cslog policy show` prints it: every item with its source
 * and notes, the follow-up clocks, the outcomes and why they are
 * negative, the drills, guidance, what is omitted and why, and the
 * coverage (src: NULL, or not compared, says so).  Texts neutralised. */
void app_policy_describe(FILE *f, const struct policy *p, const struct app_sources *src);

#endif
