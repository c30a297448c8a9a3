/* error.h - status codes and an error carrier shared by every layer.
 *
 * Functions that can fail return an enum cs_status and, when given a
 * struct cs_err, fill it with a message meant for the user.  The top
 * layer (command line or screen) decides how to show it: "cslog: msg"
 * on stderr, or the status line.  Codes follow sysexits(3). */
#ifndef CSLOG_ERROR_H
#define CSLOG_ERROR_H

#include <stddef.h>

enum cs_status {
	CS_OK = 0,
	CS_USAGE = 64,     /* bad command-line arguments */
	CS_DATAERR = 65,   /* bad input data */
	CS_NOINPUT = 66,   /* input file or record missing */
	CS_NOUSER = 67,    /* unknown member */
	CS_UNAVAILABLE = 69, /* not available here: a PostgreSQL store; a program cslog
	                        needs is not installed (a browser) */
	CS_SOFTWARE = 70,  /* internal error */
	CS_OSERR = 71,     /* out of memory, system call failed */
	CS_CANTCREAT = 73, /* cannot create output file */
	CS_IOERR = 74,     /* input/output error, disk full */
	CS_TEMPFAIL = 75,  /* busy: try again */
	CS_NOPERM = 77,    /* not allowed */
	CS_CONFIG = 78,    /* configuration (policy) error */
};

#define CS_ERR_MAX 1024

struct cs_err {
	int code;              /* an enum cs_status */
	char msg[CS_ERR_MAX];  /* for the user; no trailing newline */
};

/* Set code and message; returns code so callers can write
 * "return cs_err_set(e, CS_DATAERR, ...)".  e may be NULL. */
int cs_err_set(struct cs_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset to CS_OK with an empty message.  e may be NULL. */
void cs_err_clear(struct cs_err *e);

#endif
