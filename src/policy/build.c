/* build.c - reading YAML nodes as policy values: text, ids, yes/no,
 * durations, lists and mappings, each problem reported at its node. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/policy_yaml.h"
#include "cslog/text.h"

const char *
pyaml_type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE: return "a value";
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


/* Match a mapping's keys against fields: unknown, duplicate, missing. */
bool
pyaml_read_map(struct pctx *c, yaml_node_t *map, const char *where, struct pfield *f, size_t nf)
{
	yaml_node_pair_t *pair;
	yaml_node_t *k;
	size_t i;
	int before = c->errors;

	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, map, "%s: expected a mapping, found %s", where,
		    map ? pyaml_type_name(map) : "nothing");
		return false;
	}
	for (i = 0; i < nf; i++)
		f[i].value = f[i].key_node = NULL;
	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		k = pyaml_node(c, pair->key);
		if (k == NULL || k->type != YAML_SCALAR_NODE) {
			pyaml_diag(c, k, "%s: keys must be plain words", where);
			continue;
		}
		for (i = 0; i < nf; i++) {
			if (strcmp((const char *)k->data.scalar.value, f[i].key) == 0)
				break;
		}
		if (i == nf)
			pyaml_diag(c, k, "unknown key '%s' in %s", k->data.scalar.value, where);
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
	s = malloc(len + 1);
	if (s != NULL) {
		memcpy(s, n->data.scalar.value, len);
		s[len] = '\0';
	}
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
	char *s = pyaml_text(c, n, what);
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
		pyaml_diag(c, n, "id '%s' must be 1-32 lower-case letters, digits, '-' or '_', "
		    "starting with a letter", s);
		free(s);
		return NULL;
	}
	return s;
}

/* yes/no (also true/false). */
int
pyaml_yes_no(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *v;

	if (n == NULL)
		return -1;
	if (n->type == YAML_SCALAR_NODE) {
		v = (const char *)n->data.scalar.value;
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
			return 1;
		if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
			return 0;
		pyaml_diag(c, n, "%s: expected yes or no, found '%s'", what, v);
		return -1;
	}
	pyaml_diag(c, n, "%s: expected yes or no, found %s", what, pyaml_type_name(n));
	return -1;
}

/* Minutes of "30m", "4h", "2d" (at most 90 days), or -1. */
long
pyaml_duration(struct pctx *c, yaml_node_t *n, const char *what, bool same_day_ok)
{
	const char *v;
	char *end = NULL;
	long x, mult;

	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		pyaml_diag(c, n, "%s: expected a duration such as 4h", what);
		return -2;
	}
	v = (const char *)n->data.scalar.value;
	if (same_day_ok && strcmp(v, "same-day") == 0)
		return POLICY_SAME_DAY;
	x = strtol(v, &end, 10);
	mult = end && strcmp(end, "m") == 0 ? 1 : end && strcmp(end, "h") == 0 ? 60 :
	    end && strcmp(end, "d") == 0 ? 1440 : 0;
	if (!isdigit((unsigned char)v[0]) || mult == 0 || x <= 0 || x > 90L * 1440 / mult) {
		pyaml_diag(c, n, "%s: bad duration '%s' (use 30m, 4h or 2d, at most 90d%s)", what,
		    v, same_day_ok ? ", or same-day" : "");
		return -2;
	}
	return x * mult;
}

/* A list: its items, or an error when n is not a sequence. */
bool
pyaml_items(struct pctx *c, yaml_node_t *n, const char *what, yaml_node_item_t **start,
      size_t *count)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE) {
		pyaml_diag(c, n, "%s: expected a list, found %s", what, n ? pyaml_type_name(n) : "nothing");
		*count = 0;
		return false;
	}
	*start = n->data.sequence.items.start;
	*count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (*count == 0)
		pyaml_diag(c, n, "%s: the list is empty", what);
	return *count > 0;
}

/* Report a repeated id within a list: ids[i] against those before it. */
void
pyaml_unique(struct pctx *c, yaml_node_t *at, char *const *ids, size_t i, const char *what)
{
	size_t j;

	for (j = 0; ids[i] != NULL && j < i; j++) {
		if (ids[j] != NULL && strcmp(ids[j], ids[i]) == 0) {
			pyaml_diag(c, at, "duplicate id '%s' in %s", ids[i], what);
			return;
		}
	}
}

