/* common.c - errors, safe output, times, ids and formats: what every
 * command shares. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"
#include "cslog/app_time.h"
#include "cslog/text.h"

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
	int code = err->code ? err->code : CS_SOFTWARE;

	if (code == CS_NOUSER)   /* no such member: no such record */
		code = CS_NOINPUT;
	return cli_error(code, "%s", err->msg[0] ? err->msg : "internal error");
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
cli_cell_width(const char *s)
{
	char *safe = text_safe(s ? s : "", TEXT_ONE_LINE);
	int w = safe != NULL ? text_width(safe) : 0;

	free(safe);
	return w;
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

void
cli_csv(FILE *f, const char *s, bool last)
{
	app_csv_field(f, s, last);
}

int64_t
cli_parse_id(const char *s)
{
	char *end = NULL;
	long long v;

	if (s == NULL || *s < '0' || *s > '9' || strlen(s) > 16)
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0 || v >= RECORD_NUM_LIMIT)
		return 0;
	return (int64_t)v;
}

int
cli_arg_id(const struct cli_call *k, int i, const char *what, int64_t *id)
{
	*id = i < k->n_args ? cli_parse_id(k->args[i]) : 0;
	if (*id == 0)
		return cli_usage(k->cmd->name, "%s takes %s id (1 to 2^53 - 1), not '%s'",
		                 k->cmd->name, what, i < k->n_args ? k->args[i] : "");
	return 0;
}

int
cli_time(struct cli *c, const char *opt, const char *s, int end_of_day, int64_t *out)
{
	struct cs_err err = { 0 };

	if (app_time_parse(s, app_now(&c->app), end_of_day, out, &err) != CS_OK)
		return cli_usage(c->cmd, "%s: %s", opt, err.msg);
	return 0;
}

int
cli_format(const struct cli_call *k, int id, int dflt)
{
	const char *s = k->val[id];

	if (s == NULL)
		return dflt;
	if (strcmp(s, "table") == 0)
		return FORMAT_TABLE;
	if (strcmp(s, "csv") == 0)
		return FORMAT_CSV;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	cli_usage(k->cmd->name, "unknown format '%s' (table, csv or json)", s);
	return -1;
}

int64_t
cli_member_id(struct cli *c, struct cli_call *k, const char *badge, int *rc)
{
	struct cs_err err = { 0 };
	struct member m = { 0 };
	int64_t id;

	*rc = 0;
	if (app_member_find(&c->app, &k->who, badge, &m, &err) != CS_OK) {
		*rc = cli_fail(&err);
		return 0;
	}
	id = m.id;
	record_member_clear(&m);
	return id;
}
