/* load.c - reading policy files: size and safety checks, libyaml parse,
 * diagnostics in the order of the file. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy_yaml.h"

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

/* One event of the first pass: false (reported) when it is not allowed. */
static bool
check_event(const char *name, const yaml_event_t *ev, int *depth, int *docs,
            struct policy_diags *d)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
	char q[PYAML_QUOTE_MAX];

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		pyaml_diag_at(d, name, line, col, "'*%s' is an alias (a repeat of another part "
		    "of the file), which policy files do not allow: write the text out, or put "
		    "text that starts with '*' in double quotes",
		    pyaml_quote(q, sizeof q, (const char *)ev->data.alias.anchor));
		return false;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length <= PYAML_MAX_SCALAR)
			return true;
		pyaml_diag_at(d, name, line, col, "this text is longer than %d bytes",
		    PYAML_MAX_SCALAR);
		return false;
	case YAML_MAPPING_START_EVENT: case YAML_SEQUENCE_START_EVENT:
		if (++*depth <= PYAML_MAX_DEPTH)
			return true;
		pyaml_diag_at(d, name, line, col, "lists and mappings are nested more than %d "
		    "deep here", PYAML_MAX_DEPTH);
		return false;
	case YAML_MAPPING_END_EVENT: case YAML_SEQUENCE_END_EVENT:
		--*depth;
		return true;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs == 1)
			return true;
		pyaml_diag_at(d, name, line, col, "a second document starts here: a policy file "
		    "holds one document only");
		return false;
	default:
		return true;
	}
}

static void
unclosed_quote(struct policy_diags *d, const char *name, const yaml_mark_t *start,
               const yaml_mark_t *end)
{
	pyaml_diag_at(d, name, (int)start->line + 1, (int)start->column + 1, "the quoted text "
	    "opened here runs on to line %d: is its closing quote missing?", (int)end->line + 1);
}

/* First pass over the events: syntax errors, aliases, depth, sizes. */
static bool
scan_events(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	yaml_mark_t quote = { 0, 0, 0 }, quote_end = { 0, 0, 0 };
	int depth = 0, docs = 0;
	long events = 0;
	bool ok = true, done = false, multi = false;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (multi && parser.problem_mark.line == quote_end.line)
				unclosed_quote(d, name, &quote, &quote_end);
			pyaml_syntax_error(d, name, buf, len, &parser);
			ok = false;
			break;
		}
		/* A quoted text over several lines right before a syntax error
		 * is most likely missing its closing quote. */
		multi = ev.type == YAML_SCALAR_EVENT && ev.start_mark.line != ev.end_mark.line &&
		    (ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		quote = ev.start_mark;
		quote_end = ev.end_mark;
		ok = check_event(name, &ev, &depth, &docs, d);
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ok && ++events > PYAML_MAX_EVENTS) {
			pyaml_diag_at(d, name, (int)ev.start_mark.line + 1,
			    (int)ev.start_mark.column + 1, "the file holds too many values "
			    "(more than %d)", PYAML_MAX_EVENTS);
			ok = false;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ok;
}

/* Diagnostics in the order of the file: line, column, then as found. */
struct ordered {
	struct policy_diag d;
	size_t i;
};

static int
cmp_diag(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
sort_diags(struct policy_diags *d, size_t from)
{
	size_t n = d->n - from, i;
	struct ordered *v;

	if (n < 2 || (v = malloc(n * sizeof *v)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		v[i].d = d->items[from + i];
		v[i].i = i;
	}
	qsort(v, n, sizeof *v, cmp_diag);
	for (i = 0; i < n; i++)
		d->items[from + i] = v[i].d;
	free(v);
}

/* Parse the checked text and build the policy or the measures; false
 * (both NULL) on any problem. */
static bool
build(const char *name, const char *buf, size_t len, struct policy_diags *d,
      struct policy **p, struct measures **m)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct pctx c;
	size_t before = d->n;

	*p = NULL;
	*m = NULL;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		pyaml_syntax_error(d, name, buf, len, &parser);
		yaml_parser_delete(&parser);
		return false;
	}
	memset(&c, 0, sizeof c);
	c.file = name;
	c.doc = &doc;
	c.diags = d;
	pyaml_build(&c);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (c.errors > 0 || d->n > before || (c.p == NULL && c.m == NULL)) {
		policy_free(c.p);
		measures_free(c.m);
		return false;
	}
	*p = c.p;
	*m = c.m;
	return true;
}

int
policy_load_any_buffer(const char *name, const char *buf, size_t len, struct policy_diags *d,
                       struct policy **p, struct measures **m)
{
	size_t before = d->n;
	bool ok = false;

	*p = NULL;
	*m = NULL;
	if (len > POLICY_FILE_MAX)
		pyaml_diag_at(d, name, 1, 1, "the file is larger than %u MiB",
		    POLICY_FILE_MAX / (1024 * 1024));
	else if (pyaml_check_bytes(name, buf, len, d) && scan_events(name, buf, len, d))
		ok = build(name, buf, len, d, p, m);
	if (!ok && d->n == before)
		pyaml_diag_at(d, name, 0, 0, "out of memory");
	sort_diags(d, before);
	return ok ? 0 : -1;
}

/* A policy where a policy is wanted: cslog's measures are not one. */
static struct policy *
only_policy(const char *name, struct policy *p, struct measures *m, struct policy_diags *d)
{
	if (m != NULL) {
		pyaml_diag_at(d, name, 0, 0, "this is cslog's measures file (measures: 1), not "
		    "a policy");
		measures_free(m);
	}
	return p;
}

struct policy *
policy_load_buffer(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	struct policy *p;
	struct measures *m;

	policy_load_any_buffer(name, buf, len, d, &p, &m);
	return only_policy(name, p, m, d);
}

/* The whole of the regular file fd, malloc'd and NUL-terminated; NULL
 * (reported) on any problem. */
static char *
read_all(int fd, const char *path, size_t *n, struct policy_diags *d)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t size;

	if (fstat(fd, &st) != 0) {
		pyaml_diag_at(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		pyaml_diag_at(d, path, 0, 0, "%s", S_ISDIR(st.st_mode) ?
		    "this is a folder, not a policy file" : "not a regular file");
		return NULL;
	}
	if ((size_t)st.st_size > POLICY_FILE_MAX) {
		pyaml_diag_at(d, path, 1, 1, "the file is larger than %u MiB",
		    POLICY_FILE_MAX / (1024 * 1024));
		return NULL;
	}
	size = (size_t)st.st_size;
	if ((buf = malloc(size + 1)) == NULL) {
		pyaml_diag_at(d, path, 0, 0, "out of memory");
		return NULL;
	}
	for (*n = 0; *n < size; *n += (size_t)got) {
		got = read(fd, buf + *n, size - *n);
		if (got < 0 && errno == EINTR) {
			got = 0;
		} else if (got < 0) {
			pyaml_diag_at(d, path, 0, 0, "cannot read: %s", strerror(errno));
			free(buf);
			return NULL;
		} else if (got == 0) {
			break;  /* the file shrank meanwhile */
		}
	}
	buf[*n] = '\0';
	return buf;
}

int
policy_load_any_file(const char *path, struct policy_diags *d, struct policy **p,
                     struct measures **m)
{
	/* O_NONBLOCK: a FIFO named like a policy file must not hang cslog. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char *buf, **file;
	size_t n = 0;

	*p = NULL;
	*m = NULL;
	if (fd < 0) {
		pyaml_diag_at(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	buf = read_all(fd, path, &n, d);
	close(fd);
	if (buf == NULL)
		return -1;
	policy_load_any_buffer(path, buf, n, d, p, m);
	free(buf);
	if (*p == NULL && *m == NULL)
		return -1;
	file = *p != NULL ? &(*p)->file : &(*m)->file;
	if ((*file = strdup(path)) == NULL) {
		pyaml_diag_at(d, path, 0, 0, "out of memory");
		policy_free(*p);
		measures_free(*m);
		*p = NULL;
		*m = NULL;
		return -1;
	}
	return 0;
}

struct policy *
policy_load_file(const char *path, struct policy_diags *d)
{
	struct policy *p;
	struct measures *m;

	policy_load_any_file(path, d, &p, &m);
	return only_policy(path, p, m, d);
}
