/* describe.h - one contact as text (app layer). */
#ifndef CSLOG_DESCRIBE_H
#define CSLOG_DESCRIBE_H

#include <stdio.h>

#include "cslog/app.h"
#include "cslog/record.h"

/* Write c to f: every field, the empowerment answers and the result in
 * the words of p (NULL: ids only), standards, follow-ups, reviews and
 * amendments, as `cslog show` prints it.  Texts are neutralised.  c
 * comes from app_contact_get, which decided who may read it.  A section
 * the database cannot give is an error (what was written stays). */
int app_contact_describe(struct app *a, const struct contact *c, const struct policy *p,
                         FILE *f, struct cs_err *err);

#endif
