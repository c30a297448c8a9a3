/* cli_cmd.h - what the command-line modules share (cli layer only).
 *
 * Every command is a declaration, like tmux's cmd_entry: its name, the
 * arguments and options it takes (each with its help line), who must be
 * acting and the operation of the permission table it performs.  cli.c
 * parses the options from that table (an option the command does not
 * declare is a usage error), resolves and authenticates the acting
 * member once, and only then runs the command.  --help is made from the
 * same declaration. */
#ifndef CSLOG_CLI_CMD_H
#define CSLOG_CLI_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "cslog/app.h"
#include "cslog/error.h"
#include "cslog/record.h"

struct cli {
	struct app app;
	FILE *out;           /* stdout */
	const char *as;      /* --as BADGE */
	bool demo;           /* --demo: acting as its sample supervisor by default */
	const char *cmd;     /* the command running ("followup list"), for usage errors */
};

/* An option of a command.  id is the command's own code, 1 .. CLI_OPT_MAX - 1. */
enum { CLI_FLAG = 0, CLI_VALUE = 1, CLI_REPEAT = 2 };
#define CLI_OPT_MAX 40

struct cli_opt {
	const char *name;    /* "kind": --kind */
	int id;
	unsigned flags;      /* CLI_VALUE (takes a value), CLI_REPEAT (may be given
	                        again: the values joined with ',') */
	const char *arg;     /* the value's name in help: "KIND" */
	const char *help;    /* what it does; '\n' continues on the next line */
};

/* Who must be acting. */
enum cli_who {
	WHO_NOBODY,        /* nobody: policies, help */
	WHO_SIGNED_IN,     /* --as BADGE (or CSLOG_AS), with the PIN */
	WHO_UNLESS_EMPTY,  /* the same, but nobody on an empty database */
	WHO_DB_OWNER,      /* nobody signs in: the server's owner, by the role
	                      of its connection string (init-server, copy,
	                      upgrade-server) */
};

struct cli_call;

/* Does the command's actor sign in to cslog (--as)? */
#define CLI_SIGNS_IN(cmd) ((cmd)->who == WHO_SIGNED_IN || (cmd)->who == WHO_UNLESS_EMPTY)

struct cli_cmd {
	const char *name;           /* "followup list" */
	const char *args;           /* the arguments in the usage line: "ID" */
	int min_args, max_args;     /* max -1: any number */
	const char *summary;        /* one line for 'cslog --help' */
	const char *about;          /* the text of --help, after the usage line */
	const struct cli_opt *opts;       /* ends with { NULL } */
	const struct cli_opt *more_opts;  /* shared options (log and amend), or NULL */
	enum cli_who who;
	int op;                     /* enum app_op it performs (help), -1 none */
	bool existing;              /* only reads: the database must exist already */
	bool policies;              /* load the policies before running */
	int (*run)(struct cli *c, struct cli_call *k);
};

/* One command as called: its options' values, its arguments and who. */
struct cli_call {
	const struct cli_cmd *cmd;
	const char *val[CLI_OPT_MAX];   /* by option id: the value ("" for a
	                                   flag), or NULL when not given */
	char *joined[CLI_OPT_MAX];      /* CLI_REPEAT values (owned) */
	char **args;
	int n_args;
	struct app_actor who;           /* who.id 0: nobody */
};

/* Was option id given? */
static inline bool
cli_has(const struct cli_call *k, int id)
{
	return k->val[id] != NULL;
}

/* ---- the commands (one table per file) ------------------------------- */

extern const struct cli_cmd cli_cmd_log, cli_cmd_amend, cli_cmd_list, cli_cmd_show,
	cli_cmd_review, cli_cmd_followup_list, cli_cmd_followup_done,
	cli_cmd_followup_pause, cli_cmd_followup_resume, cli_cmd_report,
	cli_cmd_member_add, cli_cmd_member_list, cli_cmd_member_set_pin, cli_cmd_member_role,
	cli_cmd_member_unlock,
	cli_cmd_policy_list, cli_cmd_policy_show, cli_cmd_policy_check,
	cli_cmd_export, cli_cmd_import, cli_cmd_backup, cli_cmd_restore, cli_cmd_verify,
	cli_cmd_clock_accept, cli_cmd_drill_list, cli_cmd_drill_results,
	cli_cmd_drill_answer, cli_cmd_redact, cli_cmd_purge, cli_cmd_help,
	cli_cmd_admin_init_server, cli_cmd_copy,
	cli_cmd_admin_upgrade_server;

/* Every command, in the order 'cslog --help' lists them (NULL ends). */
extern const struct cli_cmd *const cli_commands[];

/* ---- shared helpers (common.c) --------------------------------------- */

/* Print "cslog: msg" and "Try 'cslog CMD --help'." on stderr; returns 64. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "cslog: msg" on stderr (neutralised); returns code. */
int cli_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print err's message and return its code (a few store codes are
 * mapped onto the documented ones: an unknown member is 66). */
int cli_fail(const struct cs_err *err);

/* Write user or policy text to f with escape sequences neutralised. */
void cli_put(FILE *f, const char *s, unsigned text_flags);

/* Load the policies, printing every diagnostic; returns 0 or an exit code. */
int cli_need_policies(struct cli *c);

/* Output of a table cell: text neutralised, cut (ending in an ellipsis)
 * or padded to width display columns (width 0: as it is, no padding). */
void cli_cell(FILE *f, const char *s, int width);
/* The columns s takes as cli_cell shows it (neutralised). */
int cli_cell_width(const char *s);

/* One CSV field (app_csv_field). */
void cli_csv(FILE *f, const char *s, bool last);

/* A positive id (1 .. 2^53 - 1); 0 when s is not one. */
int64_t cli_parse_id(const char *s);

/* The positive id in argument i, or a usage error (64) naming it. */
int cli_arg_id(const struct cli_call *k, int i, const char *what, int64_t *id);

/* A time as people type it ("2026-11-24 09:13", "today", "-7d"): the
 * one parser of every command.  end_of_day: a bare date means its last
 * second.  0 or 64 with the message printed. */
int cli_time(struct cli *c, const char *opt, const char *s, int end_of_day, int64_t *out);

enum cli_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };
/* --format of k (option id), among table, csv, json; the default when
 * not given.  -1 after printing a usage error. */
int cli_format(const struct cli_call *k, int id, int dflt);

/* The member with this badge, for a --member option: its id, or 0 with
 * the error printed in *rc. */
int64_t cli_member_id(struct cli *c, struct cli_call *k, const char *badge, int *rc);

/* ---- actor and help (actor.c, help.c) -------------------------------- */

/* Authenticate who is acting for k (--as, CSLOG_AS; the PIN from
 * CSLOG_PIN or asked on the terminal).  0 or an exit status, printed. */
int cli_actor(struct cli *c, struct cli_call *k);

/* --help of one command, and 'cslog --help'. */
void cli_help_command(FILE *f, const struct cli_cmd *cmd);
void cli_help_all(FILE *f);

#endif
