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

/* One RFC 4180 CSV field (quoted when needed), then ',' or CRLF. */
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
