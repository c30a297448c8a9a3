/* app_int.h - what the use-case layer's files share; nothing outside
 * src/app includes this (the store is theirs alone). */
#ifndef CSLOG_APP_INT_H
#define CSLOG_APP_INT_H

#include "cslog/app.h"
#include "cslog/store.h"
#include "cslog/store_measures.h"

/* The store, opened on first use (never created when a->existing).  Owned
 * by a; NULL with err set when it cannot be opened. */
struct store *app_store(struct app *a, struct cs_err *err);

/* One action's writes, as one transaction: the store (*st) with the
 * write lock taken, and a->now stamped only then, so that no other
 * terminal can have written a later event in between.  app_end commits
 * when rc is CS_OK, else rolls everything back; it returns the outcome. */
int app_begin(struct app *a, const char *what, struct store **st, struct cs_err *err);
int app_end(struct app *a, int rc, struct cs_err *err);

/* The system clock (clock.c): a test build also reads CSLOG_NOW. */
int64_t app_clock(void);

/* who as a member of the record, without a PIN check: for the program's
 * own work (the generator's members, a member an import creates). */
int app_actor_load(struct app *a, int64_t member_id, struct app_actor *out,
                   struct cs_err *err);
void app_actor_set(struct app_actor *out, const struct member *m);

/* The status in err, or CS_SOFTWARE when none was set. */
static inline int
app_err(const struct cs_err *err)
{
	return err != NULL && err->code != CS_OK ? err->code : CS_SOFTWARE;
}

#endif
