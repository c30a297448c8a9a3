/* app_out.h - contacts and text as files and terminals get them (app
 * layer): one CSV writer and one contact format for list, show and
 * export, so the formats cannot drift apart.  Every value that reaches
 * a terminal is neutralised; a file gets the bytes as stored. */
#ifndef CSLOG_APP_OUT_H
#define CSLOG_APP_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cslog/app.h"
#include "cslog/record.h"

/* The first characters that make a spreadsheet read a cell as a formula
 * (OWASP, "CSV injection"), and the quote that marks such a cell. */
#define APP_CSV_FORMULA "=+-@\t\r'"

/* Does s start with one of APP_CSV_FORMULA? */
bool app_csv_formula(const char *s);

/* One RFC 4180 CSV field (quoted when needed), then ',' or CRLF.  A
 * value starting with one of APP_CSV_FORMULA gets a ' before it (a
 * value starting with ' too), so no spreadsheet runs it as a formula;
 * import takes exactly one ' off every field that starts with one, so
 * export -> import -> export gives the same bytes. */
void app_csv_field(FILE *f, const char *s, bool last);

/* A contact's columns (the protected ones too when `protected`) as a
 * CSV header, and a contact as a row.  The protected fields its policy
 * keeps out of bulk output (restricted, or a policy not loaded) are
 * left empty. */
void app_csv_contact_header(FILE *f, bool protected);
void app_csv_contact(struct app *a, FILE *f, const struct contact *c, bool protected);

/* A contact as one JSON object and a newline (JSON Lines), compact;
 * pretty: indented (one contact shown on its own, every class it holds
 * given when protected).  -1 when it could not be written. */
int app_json_contact(struct app *a, FILE *f, const struct contact *c, bool protected,
                     bool pretty);

/* v (a json_t) as JSON text and a newline: to a file as it is (with
 * flags, jansson's), to a terminal with every character past ASCII
 * and every control character (DEL too, which JSON leaves raw) as a
 * \uXXXX escape.  The one JSON writer of the command line.  -1 when it
 * could not be written. */
struct json_t;
int app_out_json(FILE *f, const struct json_t *v, size_t flags);
/* The FLAG column of the log (cslog list, the review queue): E or N
 * (empowered or not), R (signed off), D (debrief due), F or ! (a
 * follow-up open, or overdue); buf gets 5 bytes.  The legend fits one
 * line of an 80-column screen. */
#define APP_FLAG_LEGEND \
	"E/N empowered or not · R signed off · D debrief due · F follow-up · ! overdue"
void app_contact_flags(const struct contact *c, char buf[5]);

/* Is f a terminal (asked once per stream)? */
bool app_out_is_terminal(FILE *f);

#endif
