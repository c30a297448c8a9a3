/* common.c - errors, safe output and options shared by every command. */
#include "cslog/cli_cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/text.h"

bool
cli_common_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_DB:
		c->app.db_path = arg;
		return true;
	case OPT_POLICIES:
		c->app.policies_dir = arg;
		return true;
	case OPT_AS:
		c->as = arg;
		return true;
	default:
		return false;
	}
}

static void vput_error(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void
vput_error(const char *fmt, va_list ap)
{
	char msg[CS_ERR_MAX];

	vsnprintf(msg, sizeof msg, fmt, ap);
	fputs("cslog: ", stderr);
	cli_put(stderr, msg, TEXT_KEEP_LAYOUT);
	fputc('\n', stderr);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput_error(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'cslog %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return CS_USAGE;
}

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput_error(fmt, ap);
	va_end(ap);
	return code;
}

int
cli_fail(const struct cs_err *err)
{
	return cli_error(err->code ? err->code : CS_SOFTWARE, "%s",
	    err->msg[0] ? err->msg : "internal error");
}

void
cli_put(FILE *f, const char *s, unsigned text_flags)
{
	char *safe = text_safe(s ? s : "", text_flags);

	if (safe == NULL) {
		fputs("(out of memory)", f);
		return;
	}
	fputs(safe, f);
	free(safe);
}

int
cli_need_policies(struct cli *c)
{
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };
	char line[CS_ERR_MAX + 512];
	size_t i;
	int rc = app_load_policies(&c->app, &diags, &err);

	for (i = 0; i < diags.n; i++) {
		policy_diag_format(&diags.items[i], line, sizeof line);
		cli_put(stderr, line, 0);
		fputc('\n', stderr);
	}
	policy_diags_free(&diags);
	if (rc != CS_OK)
		return cli_fail(&err);
	return 0;
}

int
cli_help(const char *text)
{
	fputs(text, stdout);
	return 0;
}

void
cli_getopt_reset(void)
{
	optind = 0;
	opterr = 0;
}

int
cli_bad_option(const char *cmd, char **argv, int opt)
{
	const char *arg = argv[optind - 1];

	if (opt == ':')
		return cli_usage(cmd, "option '%s' needs a value", arg);
	if (optopt != 0 && arg[0] == '-' && arg[1] != '-')
		return cli_usage(cmd, "unknown option '-%c'", optopt);
	return cli_usage(cmd, "unknown option '%s'", arg);
}
