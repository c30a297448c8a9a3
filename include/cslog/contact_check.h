/* contact_check.h - validate a contact against its policy (core).
 *
 * The one place where the policy's rules are applied to a contact, used
 * by every way in: the command line, the screens and import.  No path
 * can skip it because app_contact_log() and the importer both call it
 * before anything reaches the store. */
#ifndef CSLOG_CONTACT_CHECK_H
#define CSLOG_CONTACT_CHECK_H

#include "cslog/error.h"
#include "cslog/policy.h"
#include "cslog/record.h"

/* Check c against p and fill the derived fields: c->empowered from the
 * answers (TRI_UNKNOWN when no added value), c->negative from the outcome.  Answers must be given for
 * every question, in the policy's order, exactly when there is added
 * value.  A protected field p classes not-kept must be empty.  A follow-up
 * with no limit gets the one p's rule for the channel sets (see
 * deadline_limit_for), else its target.  Returns
 * CS_OK, or CS_DATAERR naming the first problem. */
int contact_check(const struct policy *p, struct contact *c, struct cs_err *err);

/* Check a free-text field: valid UTF-8, no NUL, at most max bytes, and
 * not empty when required. */
int contact_check_text(const char *what, const char *s, size_t max, bool required,
                       struct cs_err *err);

#endif
