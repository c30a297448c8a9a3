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

/* Before a write: while another process's import holds the log, wait
 * for it (a->wait_bulk) or fail at once with CS_TEMPFAIL saying so. */
int app_writable(struct app *a, struct store *st, struct cs_err *err);

/* One action's writes, as one transaction: the store (*st) with the
 * write lock taken, and a->now stamped only then, so that no other
 * terminal can have written a later event in between.  app_end commits
 * when rc is CS_OK, else rolls everything back; it returns the outcome. */
int app_begin(struct app *a, const char *what, struct store **st, struct cs_err *err);
int app_end(struct app *a, int rc, struct cs_err *err);

/* How far a time a person or a file states may be ahead of the clock
 * (their watch and the terminal's clock differ): one day. */
#define APP_TIME_SLACK 86400

/* The times of a contact (contact.c), for every way in: the contact's
 * time (at) not more than APP_TIME_SLACK ahead of the clock (now), nor
 * of the time it was logged (logged_at; 0: now), which may not be
 * more than that ahead of the clock either.  CS_DATAERR naming them. */
int app_check_times(const struct contact *c, int64_t now, struct cs_err *err);

/* damage.c: after an intact verify, remove a record of damage (*was:
 * there was one); "x.db" -> "x-damaged.db" for a backup of a damaged
 * database. */
void app_damage_cleared(struct app *a, bool *was);
int app_damaged_name(const char *path, char *out, size_t len, struct cs_err *err);
/* After a write was committed: record the head of the chain outside
 * the file (syslog, the anchor file); nothing when it did not move.
 * Never fails the action (it is done). */
void app_anchor(struct app *a);
/* After a restore (admin.c): the anchor file's old head kept beside the
 * database kept aside (aside ".head"), the anchor moved to the restored
 * chain's head. */
void app_anchor_restored(struct app *a, const char *aside);
/* Open (and read) the anchor file of a just-opened database; close it. */
void app_anchor_open(struct app *a);
void app_anchor_close(struct app *a);
/* Is the chain still reaching anchor `an`?  CS_OK, or CS_DATAERR with
 * the gap or the mismatch in res and err. */
int app_anchor_check(struct app *a, const struct app_anchor *an,
                     struct store_verify_result *res, struct cs_err *err);

/* getenv for a variable that names a path or a test hook: NULL in
 * secure mode, and when unset or empty. */
const char *app_env(const char *name);

/* Is path a file in the group deployment's directory? */
bool app_in_group_dir(const char *path);
/* How to open the database at path: what a->existing asks, and in the
 * group deployment its files' rules (CS_OK, or why it cannot be used). */
int app_store_flags(struct app *a, const char *path, unsigned *flags, struct cs_err *err);

/* The group deployment's data directory, compiled in (deploy.c); NULL
 * in every other build. */
const char *app_group_dir(void);
/* The installed share directory (its policies/), compiled in. */
const char *app_share_dir(void);

/* The system clock (clock.c): a test build also reads CSLOG_NOW. */
int64_t app_clock(void);
/* The test build only: hold the program at point for as long as
 * CSLOG_TEST_PAUSE=point:seconds says (the shipped build: nothing). */
void app_test_pause(const char *point);

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
