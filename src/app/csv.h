/* csv.h - read RFC 4180 CSV one record at a time (app layer).
 *
 * Fields are separated by ',' and records by CRLF, LF or a lone CR.  A
 * field in double quotes may hold commas, line breaks (kept as they are)
 * and doubled quotes ("" for one ").  A UTF-8 byte order mark at the
 * start of the file is skipped; blank lines between records are skipped.
 *
 * The reader streams: it holds one record in memory, never the file.
 * After a malformed record it goes on at the next record, so a caller
 * may report the bad one and continue.  A record longer than its limit
 * (CSV_RECORD_MAX, or less: csv_reader_limit) is refused, and reading
 * stops there for good (csv_reader_lost): such an input is not one cslog
 * reads, nothing after it can be trusted to start a record, and reading
 * on could take for ever (/dev/zero has no line break). */
#ifndef CSLOG_CSV_H
#define CSLOG_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cslog/error.h"

#define CSV_RECORD_MAX (16u * 1024u * 1024u)  /* bytes */

struct csv_reader;

/* One record.  fields[i] is NUL-terminated (a NUL byte in the input is an
 * error, so lens[i] == strlen(fields[i])).  Owned by the reader: valid
 * until the next csv_read or csv_reader_free. */
struct csv_record {
	char **fields;
	size_t *lens;
	size_t n;
	long line;     /* the line (from 1) where the record starts */
};

/* A reader of f (not closed by the reader); NULL when out of memory. */
struct csv_reader *csv_reader_new(FILE *f);
void csv_reader_free(struct csv_reader *r);

/* The longest record taken from now on (bytes; at most CSV_RECORD_MAX):
 * a CSV header is far shorter than a record. */
void csv_reader_limit(struct csv_reader *r, size_t max);
/* Did a record pass the limit (reading stopped there)? */
bool csv_reader_lost(const struct csv_reader *r);
/* Write every byte read to copy too (a spool of standard input);
 * csv_reader_copy_errno says why that failed (0: it did not). */
void csv_reader_copy_to(struct csv_reader *r, FILE *copy);
int csv_reader_copy_errno(const struct csv_reader *r);

/* Read the next record into *rec.  Returns 1 with a record, 0 at the end
 * of the input, or an error: CS_DATAERR when the record is malformed
 * (rec->line says where it starts; err says what is wrong, without the
 * line: an unterminated quoted field, a quote inside an unquoted field,
 * text after a closing quote, a NUL byte, a record too long) - reading
 * may go on; CS_IOERR when the input cannot be read; CS_OSERR out of
 * memory. */
int csv_read(struct csv_reader *r, struct csv_record *rec, struct cs_err *err);

/* For JSON Lines: the next line, without its LF (or CRLF), as the one
 * field of *rec.  Quotes mean nothing here and NUL bytes are kept (then
 * lens[0] > strlen(fields[0])).  Returns as csv_read; the one
 * CS_DATAERR is a line longer than CSV_RECORD_MAX.  Do not mix with
 * csv_read on one reader. */
int csv_read_line(struct csv_reader *r, struct csv_record *rec, struct cs_err *err);

#endif
