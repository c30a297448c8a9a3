/* load.c - reading policy files: size and safety checks, libyaml parse,
 * diagnostics, and finding the files on disk. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cslog/policy_yaml.h"

#define MAX_DEPTH 16
#define MAX_NODES 200000
#define MAX_SCALAR 65536

static void vdiag(struct policy_diags *d, const char *file, int line, int col,
                  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void
vdiag(struct policy_diags *d, const char *file, int line, int col, const char *fmt,
      va_list ap)
{
	struct policy_diag *items;
	char msg[1024];
	size_t cap;

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (d->n == d->cap) {
		cap = d->cap ? d->cap * 2 : 8;
		items = realloc(d->items, cap * sizeof *items);
		if (items == NULL)
			return;
		d->items = items;
		d->cap = cap;
	}
	d->items[d->n].file = strdup(file);
	d->items[d->n].msg = strdup(msg);
	d->items[d->n].line = line;
	d->items[d->n].col = col;
	if (d->items[d->n].file == NULL || d->items[d->n].msg == NULL) {
		free(d->items[d->n].file);
		free(d->items[d->n].msg);
		return;
	}
	d->n++;
}

void
pyaml_diag_at(struct policy_diags *d, const char *file, int line, int col,
              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(d, file, line, col, fmt, ap);
	va_end(ap);
}

void
pyaml_diag(struct pctx *c, const yaml_node_t *node, const char *fmt, ...)
{
	va_list ap;
	int line = node ? (int)node->start_mark.line + 1 : 1;
	int col = node ? (int)node->start_mark.column + 1 : 1;

	c->errors++;
	va_start(ap, fmt);
	vdiag(c->diags, c->file, line, col, fmt, ap);
	va_end(ap);
}

void
policy_diags_free(struct policy_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

void
policy_diag_format(const struct policy_diag *d, char *buf, size_t len)
{
	if (d->line > 0)
		snprintf(buf, len, "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
	else
		snprintf(buf, len, "%s: %s", d->file, d->msg);
}

/* First pass over the events: syntax errors, aliases, depth, sizes. */
static bool
scan_events(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0;
	long events = 0;
	bool ok = true, done = false;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			pyaml_diag_at(d, name, (int)parser.problem_mark.line + 1,
			    (int)parser.problem_mark.column + 1, "%s%s%s",
			    parser.problem ? parser.problem : "invalid YAML",
			    parser.context ? " " : "", parser.context ? parser.context : "");
			ok = false;
			break;
		}
		switch (ev.type) {
		case YAML_ALIAS_EVENT:
			pyaml_diag_at(d, name, (int)ev.start_mark.line + 1,
			    (int)ev.start_mark.column + 1,
			    "aliases (*%s) are not allowed in policy files", ev.data.alias.anchor);
			ok = false;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > MAX_SCALAR) {
				pyaml_diag_at(d, name, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1,
				    "text is longer than %d bytes", MAX_SCALAR);
				ok = false;
			}
			break;
		case YAML_MAPPING_START_EVENT: case YAML_SEQUENCE_START_EVENT:
			if (++depth > MAX_DEPTH) {
				pyaml_diag_at(d, name, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1, "nested more than %d levels deep",
				    MAX_DEPTH);
				ok = false;
			}
			break;
		case YAML_MAPPING_END_EVENT: case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (events > 2) {
				pyaml_diag_at(d, name, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1, "a policy file holds one document");
				ok = false;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		if (++events > MAX_NODES) {
			pyaml_diag_at(d, name, 1, 1, "too many items (more than %d)", MAX_NODES);
			ok = false;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ok;
}

static bool
check_bytes(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	const char *nul = memchr(buf, '\0', len);
	size_t i;
	int line = 1;

	if (len == 0 || strspn(buf, " \t\r\n") == len) {
		pyaml_diag_at(d, name, 1, 1, "the file is empty");
		return false;
	}
	if (nul != NULL) {
		for (i = 0; buf + i < nul; i++)
			line += buf[i] == '\n';
		pyaml_diag_at(d, name, line, 1, "the file holds a NUL byte: it is not text");
		return false;
	}
	return true;
}

struct policy *
policy_load_buffer(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct pctx c;
	size_t before = d->n;

	if (len > POLICY_FILE_MAX) {
		pyaml_diag_at(d, name, 1, 1, "the file is larger than %u MiB",
		    POLICY_FILE_MAX / (1024 * 1024));
		return NULL;
	}
	if (!check_bytes(name, buf, len, d) || !scan_events(name, buf, len, d))
		return NULL;
	if (!yaml_parser_initialize(&parser))
		return NULL;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		pyaml_diag_at(d, name, (int)parser.problem_mark.line + 1,
		    (int)parser.problem_mark.column + 1, "%s",
		    parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		return NULL;
	}
	memset(&c, 0, sizeof c);
	c.file = name;
	c.doc = &doc;
	c.diags = d;
	pyaml_build(&c);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (c.errors > 0 || d->n > before || c.p == NULL) {
		policy_free(c.p);
		if (d->n == before)
			pyaml_diag_at(d, name, 1, 1, "out of memory");
		return NULL;
	}
	return c.p;
}

struct policy *
policy_load_file(const char *path, struct policy_diags *d)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	struct stat st;
	struct policy *p = NULL;

	if (f == NULL) {
		pyaml_diag_at(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		pyaml_diag_at(d, path, 0, 0, "not a regular file");
		fclose(f);
		return NULL;
	}
	if ((size_t)st.st_size > POLICY_FILE_MAX) {
		pyaml_diag_at(d, path, 1, 1, "the file is larger than %u MiB",
		    POLICY_FILE_MAX / (1024 * 1024));
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf != NULL) {
		n = fread(buf, 1, (size_t)st.st_size, f);
		buf[n] = '\0';
		p = policy_load_buffer(path, buf, n, d);
		if (p != NULL)
			p->file = strdup(path);
		if (p != NULL && p->file == NULL) {
			policy_free(p);
			p = NULL;
		}
	}
	free(buf);
	fclose(f);
	return p;
}
