/* app.h - the use-case layer shared by the command line and the screens.
 *
 * struct app carries what every use case needs: where the database and
 * the policies are, the loaded policies, the open store, the signed-in
 * member and the clock.  It holds no global state: the command line and
 * the screens each make one and pass it down. */
#ifndef CSLOG_APP_H
#define CSLOG_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/policy.h"
#include "cslog/policy_load.h"

struct store;

struct app {
	const char *db_path;       /* NULL: default (see app_db_path) */
	const char *policies_dir;  /* --policies DIR, or NULL */
	bool readonly;             /* open the store read-only */
	int64_t now;               /* the clock: unix seconds, UTC */
	int64_t clock_offset;      /* CSLOG_NOW minus the real time at start */

	struct policy_set policies;  /* owned; empty until loaded */
	bool policies_loaded;
	struct store *store;         /* owned; NULL until opened */
	char *db_path_owned;         /* owned copy of the resolved path */
};

/* Set defaults: clock from CSLOG_NOW (unix seconds, for tests) or now. */
void app_init(struct app *a);
/* Move the clock on to the real time (shifted as CSLOG_NOW set it at
 * start, so tests can run the screens days ahead); returns it. */
int64_t app_tick(struct app *a);
void app_done(struct app *a);

/* The database path: --db, else CSLOG_DB, else
 * $XDG_DATA_HOME/cslog/cslog.db (~/.local/share/cslog/cslog.db).
 * Returns NULL with err set when no home directory can be found. */
const char *app_db_path(struct app *a, struct cs_err *err);

/* Where policies are searched (see policy_load.h); strings point into
 * the environment or static storage and stay valid until app_done. */
void app_policy_where(const struct app *a, struct policy_where *w);

/* Load the policies once.  On a broken file, every diagnostic is
 * appended to diags and CS_CONFIG is returned. */
int app_load_policies(struct app *a, struct policy_diags *diags, struct cs_err *err);

/* Find a loaded policy, or set err (CS_USAGE: unknown policy, naming the
 * known ones). */
const struct policy *app_policy(struct app *a, const char *id, struct cs_err *err);

/* The store, opened on first use (read-only when a->readonly).  Owned
 * by a; NULL with err set when it cannot be opened. */
struct store *app_store(struct app *a, struct cs_err *err);

struct contact;
struct member;
struct pin_result;

/* Add a member.  On an empty database the first member must be a
 * supervisor and actor_id is 0; afterwards actor_id must be a
 * supervisor's.  Supervisors and trainers must have a PIN. */
int app_member_add(struct app *a, int64_t actor_id, const char *badge, const char *name,
                   int role, const char *pin, int64_t *id, struct cs_err *err);

/* Check member_id's PIN (PIN_OK when the member has none); wrong PINs
 * count toward the lockout kept in the database. */
int app_sign_in(struct app *a, int64_t member_id, const char *pin,
                struct pin_result *res, struct cs_err *err);

/* Log a contact: fills policy_version from the loaded policy, checks the
 * contact against its policy (contact_check), writes it and remembers
 * the policy for the member.  *id gets the new id. */
int app_contact_log(struct app *a, int64_t actor_id, struct contact *c, int64_t *id,
                    struct cs_err *err);

/* Amend contact original_id with the corrected version c (checked like a
 * new contact, under the policy it was logged under). */
int app_contact_amend(struct app *a, int64_t actor_id, int64_t original_id,
                      struct contact *c, const char *reason, int64_t *id,
                      struct cs_err *err);

/* CS_OK when member_id is a supervisor; CS_NOPERM otherwise. */
int app_is_supervisor(struct app *a, int64_t member_id, struct cs_err *err);

/* A supervisor's review of a contact (kind: enum review_kind): a
 * sign-off (note optional), a debrief or a commendation (note needed).
 * CS_NOPERM when actor_id is not a supervisor. */
int app_review_add(struct app *a, int64_t actor_id, int64_t contact_id, int kind,
                   const char *note, int64_t *id, struct cs_err *err);

/* ---- privacy (privacy.c) ---- */

/* A supervisor removes contact id's protected customer data for good,
 * saying why (required); the stub and the audit event remain.
 * CS_NOPERM, CS_USAGE (no reason), CS_NOINPUT, CS_DATAERR (already). */
int app_redact(struct app *a, int64_t actor_id, int64_t id, const char *reason,
               struct cs_err *err);

/* Apply each loaded policy's retention-days (or only policy_id's): the
 * protected data of contacts older than that is redacted, all in one
 * transaction, by a supervisor; with dry_run nothing changes.  cb(ctx,
 * policy id, days, contact id) for each contact reached; *n their count. */
typedef void (*app_purge_cb)(void *ctx, const char *policy_id, long days, int64_t id);
int app_purge(struct app *a, int64_t actor_id, const char *policy_id, bool dry_run,
              app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err);

#endif
