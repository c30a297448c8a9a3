/* build.c - reading YAML nodes as policy values: text, ids, yes/no,
 * durations, lists and mappings, each problem reported at its node. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "policy_yaml.h"
#include "cslog/text.h"

const char *
pyaml_type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return pyaml_is_null(n) ? "nothing" : "a single value";
	case YAML_SEQUENCE_NODE: return "a list";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "nothing";
	}
}

yaml_node_t *
pyaml_node(struct pctx *c, int id)
{
	return yaml_document_get_node(c->doc, id);
}

const char *
pyaml_scalar(const yaml_node_t *n)
{
	const char *v;

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	v = (const char *)n->data.scalar.value;
	return strlen(v) == n->data.scalar.length ? v : NULL;  /* "\0" in quotes */
}

void *
pyaml_alloc(struct pctx *c, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		pyaml_diag(c, NULL, "out of memory");
	return p;
}

/* Report an unknown key, naming the keys that are known there. */
static void
unknown_key(struct pctx *c, yaml_node_t *k, const char *name, const char *where,
            const struct pfield *f, size_t nf)
{
	char known[512] = "", q[PYAML_QUOTE_MAX];
	size_t i, len = 0;

	for (i = 0; i < nf && len < sizeof known; i++)
		len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
		    i ? ", " : "", f[i].key);
	pyaml_diag(c, k, "unknown key '%s' in %s (known keys: %s)",
	    pyaml_quote(q, sizeof q, name), where, known);
}

/* Match a mapping's keys against fields: unknown, duplicate, missing. */
bool
pyaml_read_map(struct pctx *c, yaml_node_t *map, const char *where, struct pfield *f, size_t nf)
{
	yaml_node_pair_t *pair;
	yaml_node_t *k;
	const char *name;
	size_t i;
	int before = c->errors;

	for (i = 0; i < nf; i++)
		f[i].value = f[i].key_node = NULL;
	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, map, "%s: expected a mapping of keys, found %s", where,
		    map ? pyaml_type_name(map) : "nothing");
		return false;
	}
	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		k = pyaml_node(c, pair->key);
		if ((name = pyaml_scalar(k)) == NULL) {
			pyaml_diag(c, k, "%s: a key must be a plain word", where);
			continue;
		}
		for (i = 0; i < nf && strcmp(name, f[i].key) != 0; i++)
			;
		if (i == nf)
			unknown_key(c, k, name, where, f, nf);
		else if (f[i].value != NULL)
			pyaml_diag(c, k, "duplicate key '%s' in %s (first at line %d)", f[i].key,
			    where, (int)f[i].key_node->start_mark.line + 1);
		else {
			f[i].value = pyaml_node(c, pair->value);
			f[i].key_node = k;
		}
	}
	for (i = 0; i < nf; i++) {
		if (f[i].required && f[i].value == NULL)
			pyaml_diag(c, map, "missing required key '%s' in %s", f[i].key, where);
	}
	return c->errors == before;
}

/* Text: a scalar, valid UTF-8, trailing line breaks of block text dropped. */
char *
pyaml_text(struct pctx *c, yaml_node_t *n, const char *what)
{
	char *s;
	size_t len;

	if (n == NULL)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		pyaml_diag(c, n, "%s: expected text, found %s", what, pyaml_type_name(n));
		return NULL;
	}
	len = n->data.scalar.length;
	if (pyaml_is_null(n)) {  /* not the text "null" */
		pyaml_diag(c, n, "%s: must not be empty", what);
		return NULL;
	}
	if (pyaml_scalar(n) == NULL) {
		pyaml_diag(c, n, "%s: the text holds a NUL character (\\0)", what);
		return NULL;
	}
	if (!text_valid_utf8((const char *)n->data.scalar.value, len)) {
		pyaml_diag(c, n, "%s: not valid UTF-8 text", what);
		return NULL;
	}
	while (len > 0 && isspace(n->data.scalar.value[len - 1]))
		len--;
	if (len == 0) {
		pyaml_diag(c, n, "%s: must not be empty", what);
		return NULL;
	}
	if ((s = malloc(len + 1)) == NULL) {
		pyaml_diag(c, n, "out of memory");
		return NULL;
	}
	memcpy(s, n->data.scalar.value, len);
	s[len] = '\0';
	return s;
}

bool
pyaml_is_null(const yaml_node_t *n)
{
	const char *v;

	if (n == NULL || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	v = (const char *)n->data.scalar.value;
	return strcmp(v, "null") == 0 || strcmp(v, "~") == 0 || *v == '\0';
}

char *
pyaml_id(struct pctx *c, yaml_node_t *n, const char *what)
{
	char *s = pyaml_text(c, n, what), q[PYAML_QUOTE_MAX];
	size_t i, len;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	for (i = 0; i < len; i++) {
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-' ||
		    s[i] == '_'))
			break;
	}
	if (len > POLICY_ID_MAX || !islower((unsigned char)s[0]) || i < len) {
		pyaml_diag(c, n, "%s '%s' must be 1-32 lower-case letters, digits, '-' or '_', "
		    "starting with a letter", what, pyaml_quote(q, sizeof q, s));
		free(s);
		return NULL;
	}
	return s;
}

/* yes/no (also true/false). */
int
pyaml_yes_no(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *v = pyaml_scalar(n);
	char q[PYAML_QUOTE_MAX];

	if (n == NULL)
		return -1;
	if (v != NULL && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0))
		return 1;
	if (v != NULL && (strcmp(v, "no") == 0 || strcmp(v, "false") == 0))
		return 0;
	if (v != NULL)
		pyaml_diag(c, n, "%s: expected yes or no, found '%s'", what,
		    pyaml_quote(q, sizeof q, v));
	else
		pyaml_diag(c, n, "%s: expected yes or no, found %s", what, pyaml_type_name(n));
	return -1;
}

/* Minutes of "30m", "4h", "2d" (at most 90 days), or -2. */
long
pyaml_duration(struct pctx *c, yaml_node_t *n, const char *what, bool same_day_ok)
{
	const char *v = pyaml_scalar(n);
	char *end = NULL, q[PYAML_QUOTE_MAX];
	long x = 0, mult = 0;

	if (v == NULL) {
		pyaml_diag(c, n, "%s: expected a duration such as 4h, found %s", what,
		    n ? pyaml_type_name(n) : "nothing");
		return -2;
	}
	if (same_day_ok && strcmp(v, "same-day") == 0)
		return POLICY_SAME_DAY;
	if (isdigit((unsigned char)v[0])) {
		x = strtol(v, &end, 10);
		mult = strcmp(end, "m") == 0 ? 1 : strcmp(end, "h") == 0 ? 60 :
		    strcmp(end, "d") == 0 ? 1440 : 0;
	}
	if (mult == 0 || x <= 0 || x > 90L * 1440 / mult) {
		pyaml_diag(c, n, "%s: bad duration '%s' (use 30m, 4h or 2d, at most 90d%s)", what,
		    pyaml_quote(q, sizeof q, v), same_day_ok ? ", or same-day" : "");
		return -2;
	}
	return x * mult;
}

/* A list: its items, or an error when n is not a list of 1 to
 * PYAML_MAX_LIST items. */
bool
pyaml_items(struct pctx *c, yaml_node_t *n, const char *what, yaml_node_item_t **start,
            size_t *count)
{
	*count = 0;
	if (n == NULL || n->type != YAML_SEQUENCE_NODE) {
		pyaml_diag(c, n, "%s: expected a list, found %s", what, n ? pyaml_type_name(n) : "nothing");
		return false;
	}
	*start = n->data.sequence.items.start;
	*count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (*count == 0)
		pyaml_diag(c, n, "%s: the list is empty", what);
	if (*count > PYAML_MAX_LIST)
		pyaml_diag(c, n, "%s: %zu items, at most %d", what, *count, PYAML_MAX_LIST);
	if (*count == 0 || *count > PYAML_MAX_LIST) {
		*count = 0;
		return false;
	}
	return true;
}

static const char *
id_at(const void *first, size_t stride, size_t j)
{
	return *(char *const *)(const void *)((const char *)first + j * stride);
}

/* Report a repeated id within a list: item i's against those before it. */
void
pyaml_unique(struct pctx *c, yaml_node_t *at, const void *first, size_t stride, size_t i,
             const char *what)
{
	const char *id = id_at(first, stride, i), *other;
	size_t j;

	for (j = 0; id != NULL && j < i; j++) {
		if ((other = id_at(first, stride, j)) != NULL && strcmp(other, id) == 0) {
			pyaml_diag(c, at, "duplicate id '%s' in %s", id, what);
			return;
		}
	}
}
