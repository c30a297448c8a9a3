/* app_screens.h - what the full-screen program needs of the use-case
 * layer on either store, a SQLite file or a PostgreSQL server
 * (pg_screens.c, spool.c).
 *
 * The screens never ask which store they run on: they ask whether a use
 * case is available here (app_available, app.h), sign in by badge, and hand a
 * contact that could not reach the server to the private local spool. */
#ifndef CSLOG_APP_SCREENS_H
#define CSLOG_APP_SCREENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/app.h"

/* Is the store a server, where the sign-in screen cannot list members
 * before someone signs in (it asks for a whole badge instead)? */
bool app_is_server(struct app *a);

/* Sign in by badge (the sign-in screen): as app_sign_in, on either
 * store; on a server the server checks the PIN and counts wrong ones. */
int app_sign_in_badge(struct app *a, const char *badge, const char *pin,
                      struct app_actor *out, struct pin_result *res, struct cs_err *err);

/* ---- the private local spool (spool.c) ------------------------------ */

/* A contact's idempotency key: 128 random bits (getrandom), in hex. */
#define APP_KEY_LEN 33
int app_contact_key(char key[APP_KEY_LEN], struct cs_err *err);

/* Log c as who with its key: on a server, a key already committed gives
 * that contact's id, never a second contact (so a try again, or the
 * spool's hand-over, never logs twice).  A live save: judged as on a
 * file (a follow-up whose limit is past refused the same); the spool's
 * hand-over does not judge it again.  On a file: app_contact_log. */
int app_contact_log_keyed(struct app *a, const struct app_actor *who, struct contact *c,
                          const char *key, const char *draft_slot, int64_t *id,
                          struct cs_err *err);

/* Where this terminal keeps what it could not send: $XDG_STATE_HOME/
 * cslog/spool, else ~/.local/state/cslog/spool (mode 0700). */
int app_spool_dir(char *out, size_t len, struct cs_err *err);

/* Keep c (as who would have logged it, with its key, and the draft it
 * came from: removed on the server when it is handed over) in the
 * spool: a file of mode 0600, written whole and renamed into place.
 * path gets its name. */
int app_spool_put(struct app *a, const struct app_actor *who, const struct contact *c,
                  const char *key, const char *draft, char *path, size_t len,
                  struct cs_err *err);

/* Keep who's draft (slot, body) in the spool when the server does not
 * answer as the form is left: handed over (saved as that draft on the
 * server) with the contacts. */
int app_spool_draft_put(struct app *a, const struct app_actor *who, const char *slot,
                        const char *body, struct cs_err *err);

/* The spool's contacts for this server and who: how many wait; how
 * many of them were refused when last handed over; and drafts kept. */
int app_spool_count(struct app *a, const struct app_actor *who, int *waiting, int *refused,
                    int *drafts, struct cs_err *err);

/* Hand who's spooled contacts for this server over, each through its
 * key (never twice), removing each the server took.  One the server
 * refuses (bad data now) is kept, marked refused with the reason, and
 * told through said(ctx, file, reason); the next are still tried.  A
 * server still unreachable stops it (CS_TEMPFAIL, nothing lost).
 * *sent gets how many went. */
int app_spool_send(struct app *a, const struct app_actor *who, int *sent,
                   void (*said)(void *ctx, const char *file, const char *why), void *ctx,
                   struct cs_err *err);

/* Read one spool file (a check: CS_DATAERR naming the file and what is
 * wrong).  c's texts are borrowed until the next call. */
int app_spool_read(const char *path, struct contact *c, char *key, size_t keylen,
                   char *server, size_t serverlen, int64_t *member_id, struct cs_err *err);

#endif
