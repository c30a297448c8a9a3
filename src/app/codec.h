/* codec.h - contacts as CSV rows and JSON objects (app layer).
 *
 * One definition of the columns serves list, export and import, so the
 * formats cannot drift apart.  JSON is built and read with jansson; CSV
 * follows RFC 4180.  Times are ISO 8601 UTC; yes/no values are "yes",
 * "no" or empty (CSV) and true, false or null (JSON); answers are
 * "question=yes;..." (CSV) or an object (JSON); standards "a;b" or an
 * array. */
#ifndef CSLOG_CODEC_H
#define CSLOG_CODEC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "cslog/app.h"
#include "cslog/error.h"
#include "cslog/record.h"

enum codec_field {
	F_ID, F_AT, F_LOGGED_AT, F_MEMBER, F_MEMBER_NAME, F_POLICY, F_POLICY_VERSION,
	F_KIND, F_CHANNEL, F_OUTCOME, F_SUMMARY, F_NEEDS_MET, F_ADDED_VALUE,
	F_EMPOWERED, F_ANSWERS, F_STANDARDS, F_REFERRAL_TO, F_REFEREE_CONTACTED,
	F_DECISION, F_APPEAL_INFO, F_CALL, F_AMENDS, F_AMEND_REASON, F_SUPERSEDED_BY,
	F_CUSTOMER_NAME, F_CUSTOMER_PHONE, F_CUSTOMER_ADDRESS, F_CUSTOMER_EMAIL,
	F_COUNT
};
#define CODEC_FIRST_PROTECTED F_CUSTOMER_NAME

/* Column names, in order. */
extern const char *const codec_names[F_COUNT];

/* Field i of c as text, malloc'd (NULL: empty).  Caller frees. */
char *codec_field_text(const struct contact *c, enum codec_field i);

/* Is column i a protected field withheld by `withheld` (bits
 * 1 << enum protected_field, as policy_bulk_withheld() gives)? */
bool codec_withheld(enum codec_field i, unsigned withheld);

/* c as a JSON object (new reference; NULL out of memory).  Protected
 * fields are included when `protected`, except those in `withheld`,
 * whose keys are left out. */
json_t *codec_contact_json(const struct contact *c, bool protected, unsigned withheld);

/* c as one line of JSON (the object and a newline) in b, replacing what
 * it held: the same bytes as codec_contact_json() dumped by jansson with
 * JSON_COMPACT, written without building the object (jsonw.c).  -1 out
 * of memory or when a text is not UTF-8 (jansson refuses it too). */
int codec_contact_jsonl(struct app_buf *b, const struct contact *c, bool protected,
                        unsigned withheld);

/* A contact read from a file: the contact plus the storage its strings
 * point into. */
struct codec_row {
	struct contact c;
	char *text[F_COUNT];            /* owned */
	const char *std_ptrs[64];
	char *member_badge;             /* = text[F_MEMBER] */
	char *member_name;
};

void codec_row_free(struct codec_row *r);

/* Fill r from text fields (vals[i] for each column present; NULL when
 * the column is absent or empty).  The strings are copied.  Returns
 * CS_OK or CS_DATAERR naming the column and what is wrong. */
int codec_row_from_texts(struct codec_row *r, const char *const *vals, struct cs_err *err);

/* The same from a JSON object (one line of JSON Lines). */
int codec_row_from_json(struct codec_row *r, json_t *obj, struct cs_err *err);

/* Look a column up by name (-1: unknown). */
int codec_field_index(const char *name);

#endif
