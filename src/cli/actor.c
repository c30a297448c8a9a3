/* actor.c - who is acting on the command line, and output helpers. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/store.h"
#include "cslog/text.h"

struct store *
cli_store(struct cli *c, int *rc)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(&c->app, &err);

	if (st == NULL)
		*rc = cli_fail(&err);
	return st;
}

static bool
role_allows(enum member_role have, int need)
{
	if (need < 0)
		return true;
	if (have == ROLE_SUPERVISOR)
		return true;
	return need == ROLE_TRAINER && have == ROLE_TRAINER;
}

static int
check_pin(struct cli *c, struct store *st, struct member *m)
{
	struct cs_err err = { 0 };
	struct pin_result res;
	const char *pin = getenv("CSLOG_PIN");
	char when[32];
	int rc;

	if (!m->has_pin)
		return 0;
	if (pin == NULL || *pin == '\0')
		return cli_error(CS_NOPERM, "member %s has a PIN: give it in CSLOG_PIN", m->badge);
	rc = store_member_check_pin(st, m->id, pin, c->app.now, &res, &err);
	if (rc != CS_OK)
		return cli_fail(&err);
	if (res.check == PIN_OK)
		return 0;
	if (res.check == PIN_LOCKED) {
		app_time_local(res.locked_until, when, sizeof when);
		return cli_error(CS_NOPERM, "member %s is locked after too many wrong PINs, until %s",
		    m->badge, when);
	}
	return cli_error(CS_NOPERM, "wrong PIN for %s (%d tries left before a 5-minute lock)",
	    m->badge, res.attempts_left);
}

int
cli_actor(struct cli *c, const char *badge, int need_role, struct member *out)
{
	struct cs_err err = { 0 };
	struct store *st;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (badge == NULL)
		badge = getenv("CSLOG_AS");
	if (badge == NULL || *badge == '\0')
		return cli_error(CS_USAGE, "say who you are: --as BADGE (or CSLOG_AS)");
	st = cli_store(c, &rc);
	if (st == NULL)
		return rc;
	if (store_member_find(st, badge, out, &err) != CS_OK)
		return cli_fail(&err);
	rc = check_pin(c, st, out);
	if (rc == 0 && !role_allows(out->role, need_role))
		rc = cli_error(CS_NOPERM, "%s is a %s; this needs a %s", out->badge,
		    record_role_name(out->role), record_role_name((enum member_role)need_role));
	if (rc != 0)
		record_member_clear(out);
	return rc;
}

void
cli_cell(FILE *f, const char *s, int width)
{
	char *safe = text_safe(s ? s : "", TEXT_ONE_LINE);
	char buf[4096];
	int w;

	if (safe == NULL)
		return;
	if (width <= 0) {
		fputs(safe, f);
		free(safe);
		return;
	}
	w = text_fit_marked(safe, width, buf, sizeof buf);
	free(safe);
	fputs(buf, f);
	for (; w < width; w++)
		fputc(' ', f);
}

/* Is f a terminal?  Asked once per stream, not once per field: an
 * export calls cli_csv millions of times, and each isatty() is a
 * system call (it was a third of an export's time).  A stream does not
 * change what it writes to while it is open. */
static bool
is_terminal(FILE *f)
{
	static FILE *last;
	static int last_fd = -1;
	static bool tty;
	int fd = fileno(f);

	if (f != last || fd != last_fd) {
		last = f;
		last_fd = fd;
		tty = isatty(fd) != 0;
	}
	return tty;
}

void
cli_csv(FILE *f, const char *s, bool last)
{
	char *safe = NULL;
	const char *p;

	if (s == NULL)
		s = "";
	if (is_terminal(f)) {  /* a terminal gets no raw escapes */
		safe = text_safe(s, TEXT_KEEP_LAYOUT);
		if (safe != NULL)
			s = safe;
	}
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
	free(safe);
}

int64_t
cli_parse_id(const char *s)
{
	char *end = NULL;
	long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0)
		return 0;
	return (int64_t)v;
}

int
cli_parse_format(const char *s)
{
	if (strcmp(s, "table") == 0)
		return FORMAT_TABLE;
	if (strcmp(s, "csv") == 0)
		return FORMAT_CSV;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	return -1;
}
