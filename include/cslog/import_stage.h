/* import_stage.h - an import's checked records, staged (store layer).
 *
 * The checking pass of an import (app/import.c) writes each record that
 * passed, as the store will write it (its columns, answers, protected
 * fields with their salt, follow-up, debrief), into a private temporary
 * database of its own: no lock held, no second reading of the input.
 * Under the write lock and inside the import's bulk the store copies
 * them into the log: the audit chain appended in order from a C loop
 * over the stage, then the rows by one INSERT ... SELECT per table
 * (import_copy.c).  An amendment is written row by row as before, the
 * rows staged before it copied first. */
#ifndef CSLOG_IMPORT_STAGE_H
#define CSLOG_IMPORT_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/record.h"
#include "cslog/store.h"

struct store_stage;

/* A new stage in directory dir (a file of this user's alone, mode 0600),
 * open for writing, already attached to st's connection (outside any
 * transaction) and unlinked: nothing of it outlives the process.
 * CS_CANTCREAT when it cannot be made. */
int store_stage_open(struct store_stage **sg, struct store *st, const char *dir,
                     struct cs_err *err);

/* Stage checked contact c (c->member_id unused: the member is found or
 * made by badge under the lock) from the input's line.  The store's own
 * structural checks run when it is copied, by its line, in order. */
int store_stage_put(struct store_stage *sg, const struct contact *c, const char *badge,
                    const char *name, long line, struct cs_err *err);

/* Everything staged is written down; no more may be put. */
int store_stage_seal(struct store_stage *sg, struct cs_err *err);

/* Detached from the log's connection (after the bulk's commit or
 * rollback: outside any transaction). */
void store_stage_detach(struct store_stage *sg);

/* Closed and detached: its file is gone. */
void store_stage_free(struct store_stage *sg);

/* What the copy asks of the importer: a record's member, by badge (found
 * or created, in this bulk); a record the store refuses (by its line:
 * an id taken, an original missing or already amended, a check). */
struct store_stage_hooks {
	void *ctx;
	int (*member)(void *ctx, const char *badge, const char *name, int64_t *id,
	              struct cs_err *err);
	void (*refused)(void *ctx, long line, const char *msg);
};

/* Inside st's bulk: every staged record written, in the order staged,
 * as store_import_contact would write them one by one (the same rows,
 * ids and audit chain).  *imported: the contacts written.  An error
 * returned stops the import (the bulk is to be rolled back). */
int store_stage_copy(struct store *st, struct store_stage *sg, int64_t actor_id,
                     int64_t now, const struct store_stage_hooks *h, size_t *imported,
                     struct cs_err *err);

#endif
