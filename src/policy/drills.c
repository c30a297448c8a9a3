/* drills.c - drill scenarios and quiz items, and the references between
 * parts of a policy (channels named elsewhere must exist). */
#include <stdlib.h>
#include <string.h>

#include "cslog/policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

static void
read_expected(struct pctx *c, yaml_node_t *m, struct policy_scenario *s)
{
	yaml_node_pair_t *pair;
	yaml_node_t *k;
	int q, yn;
	size_t i;

	if (m == NULL || m->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, m, "expected: a mapping of question id to yes or no, found %s",
		    m ? pyaml_type_name(m) : "nothing");
		return;
	}
	for (pair = m->data.mapping.pairs.start; pair < m->data.mapping.pairs.top; pair++) {
		k = pyaml_node(c, pair->key);
		if (k == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		q = policy_question_index(c->p, (const char *)k->data.scalar.value);
		if (q < 0) {
			pyaml_diag(c, k, "expected answer for unknown question '%s'",
			    k->data.scalar.value);
			continue;
		}
		if (s->expected[q] != ANSWER_UNSET) {
			pyaml_diag(c, k, "duplicate key '%s' in expected", k->data.scalar.value);
			continue;
		}
		yn = pyaml_yes_no(c, pyaml_node(c, pair->value), "expected answer");
		if (yn >= 0)
			s->expected[q] = yn ? ANSWER_YES : ANSWER_NO;
	}
	for (i = 0; i < c->p->n_questions; i++) {
		if (s->expected[i] == ANSWER_UNSET && c->p->questions[i].id != NULL)
			pyaml_diag(c, m, "scenario '%s' has no expected answer for question '%s'",
			    s->id ? s->id : "?", c->p->questions[i].id);
	}
}

void
pyaml_read_scenarios(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_scenario *v;
	char *ids[512] = { 0 };

	if (!pyaml_items(c, list, "scenarios", &it, &n) ||
	    (v = calloc(n, sizeof *v)) == NULL)
		return;
	c->p->scenarios = v;
	c->p->n_scenarios = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "title", true, NULL, NULL },
			{ "text", true, NULL, NULL }, { "expected", true, NULL, NULL },
			{ "rationale", true, NULL, NULL }, { "source", false, NULL, NULL },
		};
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "scenarios", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].title = pyaml_text(c, f[1].value, "title");
		v[i].text = pyaml_text(c, f[2].value, "text");
		v[i].rationale = pyaml_text(c, f[4].value, "rationale");
		v[i].source = pyaml_text(c, f[5].value, "source");
		read_expected(c, f[3].value, &v[i]);
		if (i < ARRAY_LEN(ids)) {
			ids[i] = v[i].id;
			pyaml_unique(c, f[0].value, ids, i, "scenarios");
		}
	}
}

static void
read_accept(struct pctx *c, yaml_node_t *list, struct policy_quiz *q)
{
	yaml_node_item_t *it;
	size_t n, i;

	if (!pyaml_items(c, list, "accept", &it, &n) || (q->accept = calloc(n, sizeof *q->accept)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		q->accept[q->n_accept] = pyaml_text(c, pyaml_node(c, it[i]), "accept");
		if (q->accept[q->n_accept] != NULL)
			q->n_accept++;
	}
}

void
pyaml_read_quiz(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_quiz *v;
	char *ids[512] = { 0 };

	if (!pyaml_items(c, list, "quiz", &it, &n) || (v = calloc(n, sizeof *v)) == NULL)
		return;
	c->p->quiz = v;
	c->p->n_quiz = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "question", true, NULL, NULL },
			{ "answer", true, NULL, NULL }, { "accept", false, NULL, NULL },
			{ "source", true, NULL, NULL },
		};
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "quiz", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].question = pyaml_text(c, f[1].value, "question");
		v[i].answer = pyaml_text(c, f[2].value, "answer");
		v[i].source = pyaml_text(c, f[4].value, "source");
		if (f[3].value != NULL)
			read_accept(c, f[3].value, &v[i]);
		if (i < ARRAY_LEN(ids)) {
			ids[i] = v[i].id;
			pyaml_unique(c, f[0].value, ids, i, "quiz");
		}
	}
}

/* The value node of key in mapping m, or NULL. */
static yaml_node_t *
get(struct pctx *c, yaml_node_t *m, const char *key)
{
	yaml_node_pair_t *pair;
	yaml_node_t *k;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = m->data.mapping.pairs.start; pair < m->data.mapping.pairs.top; pair++) {
		k = pyaml_node(c, pair->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return pyaml_node(c, pair->value);
	}
	return NULL;
}

void
pyaml_check_refs(struct pctx *c, yaml_node_t *standards, yaml_node_t *followups)
{
	yaml_node_item_t *it, *w;
	yaml_node_t *when, *n;
	const char *v;

	for (it = standards->data.sequence.items.start;
	     it < standards->data.sequence.items.top; it++) {
		when = get(c, pyaml_node(c, *it), "when");
		if (when == NULL || when->type != YAML_SEQUENCE_NODE)
			continue;
		for (w = when->data.sequence.items.start; w < when->data.sequence.items.top; w++) {
			n = pyaml_node(c, *w);
			v = n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
			if (strncmp(v, "channel:", 8) == 0 && policy_channel(c->p, v + 8) == NULL)
				pyaml_diag(c, n, "when: unknown channel '%s'", v + 8);
		}
	}
	if (followups == NULL || followups->type != YAML_SEQUENCE_NODE)
		return;
	for (it = followups->data.sequence.items.start;
	     it < followups->data.sequence.items.top; it++) {
		n = get(c, pyaml_node(c, *it), "channel");
		v = n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
		if (policy_channel(c->p, v) == NULL)
			pyaml_diag(c, n, "follow-up for unknown channel '%s'", v);
	}
}
