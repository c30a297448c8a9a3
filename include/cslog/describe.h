/* describe.h - one contact as text (app layer). */
#ifndef CSLOG_DESCRIBE_H
#define CSLOG_DESCRIBE_H

#include <stdio.h>

#include "cslog/app.h"
#include "cslog/record.h"

/* Write c to f: every field, the empowerment answers and the result in
 * the words of p (NULL: ids only), standards, follow-ups, reviews and
 * amendments, as `cslog show` prints it.  Texts are neutralised. */
void app_contact_describe(struct app *a, const struct contact *c, const struct policy *p,
                          FILE *f);

#endif
