/* cli_cmd.h - what the command-line modules share (cli layer only). */
#ifndef CSLOG_CLI_CMD_H
#define CSLOG_CLI_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cslog/app.h"
#include "cslog/error.h"
#include "cslog/record.h"

struct cli {
	struct app app;
	FILE *out;       /* stdout */
	const char *as;  /* --as BADGE: who is acting */
};

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(struct cli *c, int argc, char **argv);
};

/* Options every command takes; codes for cli_common_option(). */
enum { OPT_DB = 1000, OPT_POLICIES, OPT_HELP, OPT_AS };
#define CLI_COMMON_OPTIONS \
	{ "db", required_argument, NULL, OPT_DB }, \
	{ "policies", required_argument, NULL, OPT_POLICIES }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "as", required_argument, NULL, OPT_AS }

/* Handle a common option; returns true when opt was one. */
bool cli_common_option(struct cli *c, int opt, const char *arg);

/* Print "cslog: msg" and "Try 'cslog CMD --help'." on stderr; returns 64. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "cslog: msg" on stderr (neutralised); returns code. */
int cli_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print err's message and return its code. */
int cli_fail(const struct cs_err *err);

/* Write user or policy text to f with escape sequences neutralised. */
void cli_put(FILE *f, const char *s, unsigned text_flags);

/* Load the policies, printing every diagnostic; returns 0 or an exit code. */
int cli_need_policies(struct cli *c);

/* Print a usage text (for --help): to stdout, returns 0. */
int cli_help(const char *text);

/* Reset getopt for a new parse of argv (errors are ours to print). */
void cli_getopt_reset(void);

/* After getopt_long returned '?' or ':': print the usage error, return 64.
 * Option strings must start with ':' so a missing value gives ':'. */
int cli_bad_option(const char *cmd, char **argv, int opt);

struct member;

/* Who is acting: the member with badge `badge` (--as, else CSLOG_AS).
 * When the member has a PIN it must be given in CSLOG_PIN.  need_role is
 * the lowest role allowed (-1: anyone; ROLE_SUPERVISOR: supervisors;
 * ROLE_TRAINER: trainers and supervisors).  *out is owned by the caller
 * (record_member_clear).  Returns 0 or an exit status (message printed). */
int cli_actor(struct cli *c, const char *badge, int need_role, struct member *out);

/* The store, or an exit status with the message printed. */
struct store *cli_store(struct cli *c, int *rc);

/* Output of a table cell: text neutralised, clipped or padded to width
 * display columns (width 0: as it is, no padding). */
void cli_cell(FILE *f, const char *s, int width);

/* One RFC 4180 CSV field (quoted when needed), then ',' or "\r\n". */
void cli_csv(FILE *f, const char *s, bool last);

/* csv_out.c: a contact's columns (the protected ones too when
 * `protected`) as a CSV header, and a contact as a row, the columns in
 * `withheld` left empty. */
void cli_csv_contact_header(FILE *f, bool protected);
void cli_csv_contact(FILE *f, const struct contact *c, bool protected, unsigned withheld);
/* The protected fields of c that may not leave cslog in bulk, by the
 * classes of its policy in set (bits as policy_bulk_withheld); 0 when
 * protected fields were not asked for. */
unsigned cli_withheld(const struct policy_set *set, const struct contact *c, bool protected);

/* Parse a positive id; 0 when s is not one. */
int64_t cli_parse_id(const char *s);

enum cli_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };
/* Parse --format; -1 when unknown. */
int cli_parse_format(const char *s);

int cli_policy(struct cli *c, int argc, char **argv);
int cli_member(struct cli *c, int argc, char **argv);
int cli_log(struct cli *c, int argc, char **argv);
int cli_list(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
int cli_amend(struct cli *c, int argc, char **argv);
int cli_review(struct cli *c, int argc, char **argv);
int cli_followup(struct cli *c, int argc, char **argv);
int cli_report(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_import(struct cli *c, int argc, char **argv);
int cli_backup(struct cli *c, int argc, char **argv);
int cli_verify(struct cli *c, int argc, char **argv);
int cli_drill(struct cli *c, int argc, char **argv);    /* drill.c */
int cli_redact(struct cli *c, int argc, char **argv);   /* privacy.c */
int cli_purge(struct cli *c, int argc, char **argv);    /* privacy.c */

#endif
