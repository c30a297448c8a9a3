/* import.h - read contacts from CSV or JSON Lines into the log (app layer).
 *
 * The columns are codec.h's (what export writes).  CSV starts with a
 * header row naming its columns, in any order; optional ones may be left
 * out; one ' is taken off every field that starts with one (export's
 * mark against spreadsheet formulas, app_out.h).  JSON Lines holds one
 * object per line with the same names.
 *
 * Every record goes the way of a contact logged by hand: checked against
 * the policy it names (contact_check), then written by the store, with
 * its id, time logged and policy version kept as the file has them, so
 * that export -> import -> export gives the same file.  A record whose
 * member (badge) does not exist creates that member (role member, no
 * PIN, the file's member_name).  Amendments (records with `amends`) are
 * written after the version they correct, so supersession is rebuilt
 * whatever the order of the file.  Derived columns (superseded_by) are
 * not read; `empowered`, when given, must agree with the answers.
 *
 * Only who may import (APP_IMPORT); every write is audited as theirs.
 * Everything is one bulk transaction: a file with any bad record writes
 * nothing, unless skip_bad, which writes the good records. */
#ifndef CSLOG_IMPORT_H
#define CSLOG_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cslog/app.h"
#include "cslog/error.h"

enum import_format {
	IMPORT_AUTO = 0,   /* from the file name */
	IMPORT_CSV,
	IMPORT_JSONL,
};

struct import_opts {
	enum import_format format;
	bool skip_bad;          /* write the good records of a file with bad ones */
	/* Called for every bad record (and for a bad header): line is where
	 * the record starts, msg what is wrong.  May be NULL. */
	void (*on_error)(void *ctx, long line, const char *msg);
	void *ctx;
};

struct import_stats {
	size_t imported;        /* contacts written (0 when rolled back) */
	size_t members_created;
	size_t bad;             /* records refused */
	size_t other_version;   /* records naming a policy version other than
	                           the loaded one (kept as written) */
	bool unreadable;        /* the file as a whole is bad (CSV header):
	                           nothing written, skip_bad or not */
};

/* "csv" or "jsonl" (also "ndjson"); -1 when unknown. */
int import_parse_format(const char *s);

/* The format a file name says: .csv, .jsonl or .ndjson; IMPORT_AUTO when
 * the name says nothing. */
enum import_format import_format_of(const char *path);

/* Import from f (read to its end; not closed).  The policies must be
 * loaded (app_load_policies).  o->format must not be IMPORT_AUTO.
 * Returns CS_OK when every record was good; CS_DATAERR when some were
 * bad (the good ones written only with skip_bad) or the header is bad
 * (nothing written); or another error (nothing written: CS_IOERR,
 * CS_TEMPFAIL, ...) with err set.  *stats is filled in every case. */
int import_file(struct app *a, const struct app_actor *who, FILE *f,
                const struct import_opts *o, struct import_stats *stats,
                struct cs_err *err);

#endif
