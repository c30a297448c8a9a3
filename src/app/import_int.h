/* import_int.h - what import.c and import_read.c share (app layer). */
#ifndef CSLOG_IMPORT_INT_H
#define CSLOG_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "codec.h"
#include "csv.h"
#include "cslog/import.h"
#include "cslog/import_stage.h"

/* A CSV header names each column once: far shorter than a record. */
#define IMPORT_HEADER_MAX 4096

/* A badge already resolved to a member id (open addressing). */
struct member_slot {
	char *badge;
	int64_t id;
};

/* An amendment waiting for the version it corrects. */
struct waiting {
	struct codec_row *row;
	long line;
};

/* The input is read twice: once to check every record, holding no lock;
 * once to write them, under the write lock. */
enum import_pass { PASS_CHECK, PASS_WRITE };

/* The reader thread of the writing pass stopped because the writer did
 * (im->fatal of the reader's copy): not an error of its own. */
#define IMP_STOPPED (-1)

struct imp_pipe;   /* import_pipe.c */
struct sbuf;       /* import_spool.c */

struct imp {
	struct app *a;
	const struct app_actor *who;
	struct store *st;           /* PASS_WRITE only */
	struct pgstore *pg;         /* PASS_WRITE on a server: COPY (import_pg.c) */
	const struct import_opts *o;
	struct import_stats *stats;
	struct cs_err *err;
	enum import_pass pass;
	int64_t check_now;          /* the clock the records are checked against:
	                               the same in both passes */
	FILE *spool;                /* PASS_CHECK: a copy of what is read, or NULL */
	size_t rebad;               /* PASS_WRITE: records the checks refused again */
	int fatal;                  /* an error that stops the import */
	int64_t top_id;             /* the largest contact id in the bulk so far */
	bool old_way;               /* the test build's old way: one thread, each
	                               member looked up again, foreign keys on */
	bool header_bad;            /* CSV: no usable header: nothing goes in */

	struct member_slot *members;
	size_t m_cap, m_used;

	struct waiting *wait;
	size_t n_wait, wait_cap;

	int col[F_COUNT];           /* CSV: field index of each column, -1 */
	size_t n_cols;

	FILE *checked;              /* the records that passed the first pass
	                               (import_spool.c), or NULL: read the input
	                               again */
	int checked_errno;          /* writing them failed */
	struct sbuf *pack;          /* PASS_CHECK: one record, packed */

	struct imp_pipe *pipe;      /* PASS_WRITE, the reader thread's copy: checked
	                               records go here for the writer */
	struct store_stage *stage;  /* the checked records staged for the copy
	                               (import_stage.c), or NULL */
};

/* A record the checks refuse: reported (with its line) and counted in
 * the checking pass; counted again, quietly, in the writing pass. */
int imp_bad_record(struct imp *im, long line, const char *msg);

/* A record the store refused in the writing pass: reported, counted. */
void imp_refused(struct imp *im, long line, const char *msg);
/* The member of a record by badge: known, found in the store, or made
 * (name NULL: the badge). */
int imp_member(struct imp *im, const char *badge, const char *name, int64_t *id,
               struct cs_err *e);
/* The stage (import_stage.c): made for the first pass on a file (not on
 * a server, not the test build's old way), left NULL when it cannot
 * be; copied into the log inside the bulk. */
struct app;
void imp_stage_open(struct imp *im, struct app *a);
void imp_stage_copy(struct imp *im);

/* Decoded record r (owned, heap) at line: checked, and in the writing
 * pass written. */
void imp_take(struct imp *im, struct codec_row *r, long line);

/* Write checked record r (PASS_WRITE, the writer): freed unless kept
 * to wait for its original. */
void imp_write(struct imp *im, struct codec_row *r, long line);

/* Read every record of f in the format asked for. */
void imp_read_all(struct imp *im, FILE *f);

/* The writing pass's reading of f, decoded and checked on a thread of
 * its own while this one writes (import_pipe.c); read in this thread
 * if no thread can be started. */
void imp_read_piped(struct imp *im, FILE *f);
bool imp_pipe_push(struct imp_pipe *p, struct codec_row *r, long line);

/* The checked records (import_spool.c): r packed as decoded, before it
 * is checked (the check fills in what the writing pass must find
 * again), then written to im->checked once it passed; read back in
 * the writing pass. */
int imp_spool_pack(struct imp *im, const struct codec_row *r, long line);
void imp_spool_put(struct imp *im);
void imp_spool_free(struct imp *im);
void imp_read_spool(struct imp *im, FILE *f);

/* A new record to decode into (NULL: out of memory, im->fatal set); one
 * that could not be decoded: reported, freed. */
struct codec_row *imp_new_row(struct imp *im);
void imp_undecoded(struct imp *im, struct codec_row *r, long line, const struct cs_err *e);

/* On a PostgreSQL server (import_pg.c): begin the COPY; send one
 * checked record; end it, the server writing what was sent, committed
 * as finish() decides on a file (checked_bad: the bad records the
 * checking pass found). */
struct codec_row;
int import_pg_begin(struct imp *im);
int import_pg_row(struct imp *im, const struct codec_row *r, long line);
int import_pg_end(struct imp *im, size_t checked_bad);
/* The whole import on a server: checked and sent in one pass, or (the
 * test build's CSLOG_TEST_IMPORT_SERIAL=1) sent in a second pass after
 * the checking one (import_pg.c). */
int import_pg_one_pass(struct imp *im, FILE *f);
struct imp_input;
int import_pg_two_passes(struct imp *im, struct imp_input *in, size_t checked_bad);

/* Read every record of f (import_read.c).  In the checking pass with
 * im->spool, every byte read is copied there too. */
void import_read_csv(struct imp *im, FILE *f);
void import_read_jsonl(struct imp *im, FILE *f);

/* One line of JSON Lines parsed and decoded (imp_jsonl_parse: on any
 * thread), then taken in line order (imp_jsonl_take: reported, or
 * handed to imp_take). */
enum jl_kind { JL_SKIP, JL_BAD, JL_OOM, JL_UNDECODED, JL_ROW };
struct jl_out {
	enum jl_kind kind;
	struct codec_row *r;        /* JL_UNDECODED, JL_ROW: owned */
	struct cs_err e;            /* JL_UNDECODED */
	char msg[CS_ERR_MAX];       /* JL_BAD */
};
void imp_jsonl_parse(const char *s, size_t len, struct jl_out *o);
void imp_jsonl_take(struct imp *im, struct jl_out *o, long line);
/* The checking pass of JSON Lines with the parsing on two threads
 * (import_jsonl.c); false when no thread could be started (nothing
 * read then). */
struct csv_reader;
bool imp_jsonl_parallel(struct imp *im, struct csv_reader *rd);

/* The input (import_input.c).  The writing pass reads the records the
 * checking pass kept (im->checked); without them (no temporary file
 * could be made, or the test build's old way) a regular file is read
 * again as it is (and must not change meanwhile), and in the old way
 * anything else (standard input from a pipe, a device, a FIFO) is
 * spooled as the first pass reads it. */
struct imp_input {
	FILE *f;                 /* the input given */
	bool regular;            /* a regular file, read again as it is */
	FILE *spool;             /* owned, or NULL */
	struct stat was;         /* the regular file before the first pass */
	long start;              /* where its reading starts */
};

int imp_input_open(struct imp_input *in, FILE *f, FILE **checked, struct cs_err *err);
/* The input once more, from its start (the old way). */
int imp_input_again(struct imp_input *in, struct cs_err *err);
/* Is a regular input still what the first pass read? */
bool imp_input_same(const struct imp_input *in);
/* The checked records from their start; writing them failed (errno e). */
int imp_checked_again(struct imp *im);
int imp_held_failed(struct imp *im, int e);
/* The test build asks for the old way: the input read again, on one
 * thread. */
bool imp_serial_asked(void);

#endif
