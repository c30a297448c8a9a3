/* measures.c - cslog's measures file and a policy's `evaluation:` and
 * `survey:` sections (measures.h; docs/policy-format.md): the items a
 * secret shopper scores and the survey's questions, each problem
 * reported at its place like every other part of a policy file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])
#define FOLLOW_UP_LIMIT "follow-up-limit"

bool
pyaml_is_measures(struct pctx *c, yaml_node_t *root)
{
	yaml_node_pair_t *pair;
	const char *k;

	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		k = pyaml_scalar(pyaml_node(c, pair->key));
		if (k != NULL && strcmp(k, "measures") == 0)
			return true;
	}
	return false;
}

/* A whole number 0..MEASURE_VALUE_MAX, or -2 (reported). */
static long
whole(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *v = pyaml_scalar(n);
	char *end = NULL, q[PYAML_QUOTE_MAX];
	long x = -1;

	if (v != NULL && v[0] >= '0' && v[0] <= '9') {
		errno = 0;
		x = strtol(v, &end, 10);
		if (*end != '\0' || errno != 0)
			x = -1;
	}
	if (x < 0 || x > MEASURE_VALUE_MAX) {
		pyaml_diag(c, n, "%s: expected a whole number (0 to %ld), found '%s'", what,
		    MEASURE_VALUE_MAX, v != NULL ? pyaml_quote(q, sizeof q, v) : "a list");
		return -2;
	}
	return x;
}

static void
read_at_most(struct pctx *c, yaml_node_t *n, struct measure_item *v)
{
	const char *s = pyaml_scalar(n);

	if (v->type == MEASURE_YES_NO) {
		pyaml_diag(c, n, "at-most: a yes-no item is met by yes and takes no at-most");
		return;
	}
	if (s != NULL && strcmp(s, FOLLOW_UP_LIMIT) == 0) {
		if (v->type == MEASURE_COUNT)
			pyaml_diag(c, n, "at-most: " FOLLOW_UP_LIMIT " is a time: it is for hours, "
			    "not a count");
		v->at_most = MEASURE_AT_MOST_LIMIT;
		return;
	}
	if (v->type == MEASURE_COUNT) {
		v->at_most = whole(c, n, "at-most");
		return;
	}
	v->at_most = pyaml_duration(c, n, "at-most (or " FOLLOW_UP_LIMIT ")", false);
}

/* In a policy: a standard and channels of its own. */
static void
check_refs(struct pctx *c, yaml_node_t *std_node, yaml_node_t *ch_node,
           const struct measure_item *v)
{
	char q[PYAML_QUOTE_MAX];
	size_t i;

	if (v->standard != NULL && policy_standard(c->p, v->standard) == NULL)
		pyaml_diag(c, std_node, "standard: '%s' is not a standard of this policy",
		    pyaml_quote(q, sizeof q, v->standard));
	for (i = 0; c->channels_ok && i < v->channels.n; i++)
		if (policy_channel(c->p, v->channels.v[i]) == NULL)
			pyaml_diag(c, ch_node, "channels: '%s' is not a channel of this policy",
			    pyaml_quote(q, sizeof q, v->channels.v[i]));
}

static void
read_item(struct pctx *c, yaml_node_t *m, struct measure_item *v, const char *what)
{
	struct pfield f[] = {
		{ "id", true, NULL, NULL }, { "label", true, NULL, NULL },
		{ "type", true, NULL, NULL }, { "at-most", false, NULL, NULL },
		{ "standard", false, NULL, NULL }, { "alone", false, NULL, NULL },
		{ "channels", false, NULL, NULL }, { "note", false, NULL, NULL },
	};
	char *type, q[PYAML_QUOTE_MAX];
	int t;

	v->at = pyaml_at(m);
	v->at_most = MEASURE_NO_TARGET;
	if (!pyaml_read_map(c, m, what, f, ARRAY_LEN(f)))
		return;
	v->id = pyaml_id(c, f[0].value, "id");
	v->label = pyaml_text(c, f[1].value, "label");
	type = pyaml_text(c, f[2].value, "type");
	if (type != NULL && (t = measure_type_parse(type)) >= 0)
		v->type = (enum measure_type)t;
	else if (type != NULL)
		pyaml_diag(c, f[2].value, "type: '%s' is not yes-no, count or hours",
		    pyaml_quote(q, sizeof q, type));
	if (type != NULL && f[3].value == NULL && v->type != MEASURE_YES_NO)
		pyaml_diag(c, m, "%s '%s': a %s needs at-most (what it is held to)", what,
		    v->id != NULL ? v->id : "?", measure_type_name(v->type));
	else if (type != NULL && f[3].value != NULL)
		read_at_most(c, f[3].value, v);
	free(type);
	if (f[4].value != NULL)
		v->standard = pyaml_id(c, f[4].value, "standard");
	if (f[5].value != NULL && f[4].value == NULL)
		pyaml_diag(c, f[5].value, "alone: says whether the item is asked where the "
		    "policy has no such standard: it needs a standard");
	/* With a standard, asked where the policy lacks it only if it says
	 * so; without one, always asked on its own. */
	v->alone = f[4].value == NULL ||
	           (f[5].value != NULL && pyaml_yes_no(c, f[5].value, "alone") == 1);
	pyaml_ids(c, f[6].value, &v->channels, "channels");
	v->note = pyaml_text(c, f[7].value, "note");
	if (c->p != NULL)
		check_refs(c, f[4].value, f[6].value, v);
}

static void
read_items(struct pctx *c, yaml_node_t *list, const char *what, struct measure_item **out,
           size_t *n_out)
{
	yaml_node_item_t *it;
	struct measure_item *v;
	size_t n, i;

	if (!pyaml_items(c, list, what, &it, &n) || (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	*out = v;
	*n_out = n;
	for (i = 0; i < n; i++) {
		read_item(c, pyaml_node(c, it[i]), &v[i], what);
		PYAML_UNIQUE(c, pyaml_node(c, it[i]), v, i, id, what);
	}
}

static void
read_question(struct pctx *c, yaml_node_t *m, struct survey_question *v, const char *what)
{
	struct pfield f[] = {
		{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
		{ "scale", true, NULL, NULL }, { "headline", false, NULL, NULL },
		{ "note", false, NULL, NULL },
	};
	char *scale, q[PYAML_QUOTE_MAX];
	int k;

	v->at = pyaml_at(m);
	if (!pyaml_read_map(c, m, what, f, ARRAY_LEN(f)))
		return;
	v->id = pyaml_id(c, f[0].value, "id");
	v->text = pyaml_text(c, f[1].value, "text");
	scale = pyaml_text(c, f[2].value, "scale");
	if (scale != NULL && (k = survey_scale_parse(scale)) >= 0)
		v->scale = (enum survey_scale)k;
	else if (scale != NULL)
		pyaml_diag(c, f[2].value, "scale: '%s' is not 1-5 or yes-no",
		    pyaml_quote(q, sizeof q, scale));
	free(scale);
	v->headline = f[3].value != NULL && pyaml_yes_no(c, f[3].value, "headline") == 1;
	if (v->headline && v->scale != SCALE_1_5)
		pyaml_diag(c, f[3].value, "headline: the headline question is the satisfaction "
		    "asked on the 1-5 scale");
	v->note = pyaml_text(c, f[4].value, "note");
}

static void
read_questions(struct pctx *c, yaml_node_t *list, const char *what,
               struct survey_question **out, size_t *n_out)
{
	yaml_node_item_t *it;
	struct survey_question *v;
	size_t n, i, j;

	if (!pyaml_items(c, list, what, &it, &n) || (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	*out = v;
	*n_out = n;
	for (i = 0; i < n; i++) {
		read_question(c, pyaml_node(c, it[i]), &v[i], what);
		PYAML_UNIQUE(c, pyaml_node(c, it[i]), v, i, id, what);
		for (j = 0; v[i].headline && j < i; j++)
			if (v[j].headline)
				pyaml_diag(c, pyaml_node(c, it[i]), "%s: one headline question only "
				    "('%s' at line %d is one)", what, v[j].id ? v[j].id : "?",
				    v[j].at.line);
	}
}

/* `defaults: extend | replace` of a policy's section; true: replace. */
static bool
read_defaults(struct pctx *c, yaml_node_t *n, const char *where)
{
	char *v = pyaml_text(c, n, "defaults"), q[PYAML_QUOTE_MAX];
	bool replace = false;

	if (v != NULL && strcmp(v, "replace") == 0)
		replace = true;
	else if (v != NULL && strcmp(v, "extend") != 0)
		pyaml_diag(c, n, "%s.defaults: '%s' is not extend or replace (cslog's own %s)",
		    where, pyaml_quote(q, sizeof q, v), strcmp(where, "survey") == 0 ?
		    "questions" : "items");
	free(v);
	return replace;
}

/* The section in a policy (c->p set) or in the measures file. */
static void
read_section(struct pctx *c, yaml_node_t *m, bool survey)
{
	const char *where = survey ? "survey" : "evaluation";
	const char *list = survey ? "questions" : "items";
	struct pfield f[] = {
		{ "defaults", false, NULL, NULL }, { list, c->p == NULL, NULL, NULL },
	};
	bool replace;

	if (!pyaml_read_map(c, m, where, f, ARRAY_LEN(f)))
		return;
	if (c->p == NULL && f[0].value != NULL)
		pyaml_diag(c, f[0].key_node, "%s.defaults: only a policy file says what it does "
		    "with the defaults: this file is them", where);
	replace = c->p != NULL && f[0].value != NULL && read_defaults(c, f[0].value, where);
	if (c->p != NULL && !replace && f[1].value == NULL)
		pyaml_diag(c, m, "%s: with no %s and defaults: extend it changes nothing", where,
		    list);
	if (survey && c->p != NULL) {
		c->p->survey_given = true;
		c->p->survey_replace = replace;
		if (f[1].value != NULL)
			read_questions(c, f[1].value, "survey.questions", &c->p->survey_own,
			    &c->p->n_survey_own);
	} else if (survey) {
		read_questions(c, f[1].value, "survey.questions", &c->m->questions,
		    &c->m->n_questions);
	} else if (c->p != NULL) {
		c->p->eval_given = true;
		c->p->eval_replace = replace;
		if (f[1].value != NULL)
			read_items(c, f[1].value, "evaluation.items", &c->p->eval_own,
			    &c->p->n_eval_own);
	} else {
		read_items(c, f[1].value, "evaluation.items", &c->m->items, &c->m->n_items);
	}
}

void
pyaml_read_evaluation(struct pctx *c, yaml_node_t *m)
{
	read_section(c, m, false);
}

void
pyaml_read_survey(struct pctx *c, yaml_node_t *m)
{
	read_section(c, m, true);
}

void
pyaml_build_measures(struct pctx *c, yaml_node_t *root)
{
	struct pfield f[] = {
		{ "measures", true, NULL, NULL }, { "source", true, NULL, NULL },
		{ "note", false, NULL, NULL }, { "evaluation", false, NULL, NULL },
		{ "survey", false, NULL, NULL },
	};
	char *format, *text, q[PYAML_QUOTE_MAX];

	policy_free(c->p);
	c->p = NULL;
	if ((c->m = calloc(1, sizeof *c->m)) == NULL) {
		pyaml_diag(c, NULL, "out of memory");
		return;
	}
	pyaml_read_map(c, root, "the measures file", f, ARRAY_LEN(f));
	format = pyaml_text(c, f[0].value, "measures");
	if (format != NULL && strcmp(format, "1") != 0)
		pyaml_diag(c, f[0].value, "'measures' must be 1, not '%s'",
		    pyaml_quote(q, sizeof q, format));
	free(format);
	free(pyaml_text(c, f[1].value, "source"));
	text = pyaml_text(c, f[2].value, "note");
	free(text);
	if (f[3].value != NULL)
		read_section(c, f[3].value, false);
	if (f[4].value != NULL)
		read_section(c, f[4].value, true);
	if (f[3].value == NULL && f[4].value == NULL)
		pyaml_diag(c, root, "the measures file holds neither evaluation nor survey");
}
