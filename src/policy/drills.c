/* drills.c - drill scenarios and quiz items. */
#include <stdlib.h>
#include <string.h>

#include "policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

/* One "question: yes" of a scenario's expected answers. */
static void
read_answer(struct pctx *c, yaml_node_pair_t *pair, struct policy_scenario *s)
{
	yaml_node_t *k = pyaml_node(c, pair->key);
	const char *name = pyaml_scalar(k);
	char q[PYAML_QUOTE_MAX];
	int i, yn;

	if (name == NULL) {
		pyaml_diag(c, k, "expected: a key must be a question id");
		return;
	}
	if ((i = policy_question_index(c->p, name)) < 0) {
		pyaml_diag(c, k, "expected answer for unknown question '%s' (not in "
		    "empowerment.questions)", pyaml_quote(q, sizeof q, name));
		return;
	}
	if (s->expected[i] != ANSWER_UNSET) {
		pyaml_diag(c, k, "duplicate key '%s' in expected", name);
		return;
	}
	yn = pyaml_yes_no(c, pyaml_node(c, pair->value), "expected answer");
	if (yn >= 0)
		s->expected[i] = yn ? ANSWER_YES : ANSWER_NO;
	else
		s->expected[i] = ANSWER_NO;  /* reported; not "missing" as well */
}

/* A scenario's expected answers: one for every question.  key is the
 * `expected` key, where a missing answer is reported. */
static void
read_expected(struct pctx *c, yaml_node_t *key, yaml_node_t *m, struct policy_scenario *s)
{
	yaml_node_pair_t *pair;
	size_t i;

	if (m == NULL || m->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, m, "expected: a mapping of question id to yes or no, found %s",
		    m ? pyaml_type_name(m) : "nothing");
		return;
	}
	if (!c->questions_ok)
		return;  /* the questions' own problems are reported */
	for (pair = m->data.mapping.pairs.start; pair < m->data.mapping.pairs.top; pair++)
		read_answer(c, pair, s);
	for (i = 0; i < c->p->n_questions; i++) {
		if (s->expected[i] == ANSWER_UNSET)
			pyaml_diag(c, key, "scenario '%s' has no expected answer for question '%s'",
			    s->id ? s->id : "?", c->p->questions[i].id);
	}
}

/* One tag of `situation` (docs/policy-format.md): its bit, or 0. */
static unsigned
read_tag(struct pctx *c, yaml_node_t *n)
{
	char *v = pyaml_text(c, n, "situation"), known[512] = "", q[PYAML_QUOTE_MAX];
	size_t len = 0;
	int k, i;

	if (v == NULL)
		return 0;
	k = policy_situation_index(v);
	if (k < 0) {
		for (i = 0; i < POLICY_SITUATIONS && len < sizeof known; i++)
			len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
			    i ? ", " : "", policy_situations[i]);
		pyaml_diag(c, n, "situation: unknown kind '%s' (%s)", pyaml_quote(q, sizeof q, v),
		    known);
	}
	free(v);
	return k < 0 ? 0 : 1u << k;
}

/* `situation`: one tag or a list of them. */
static unsigned
read_situation(struct pctx *c, yaml_node_t *n)
{
	yaml_node_item_t *it;
	size_t count, i;
	unsigned bits = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return read_tag(c, n);
	if (!pyaml_items(c, n, "situation", &it, &count))
		return 0;
	for (i = 0; i < count; i++)
		bits |= read_tag(c, pyaml_node(c, it[i]));
	return bits;
}

/* `differs`: question id to the reason this scenario is judged otherwise
 * than the others of its kind; the reason cites the document. */
static void
read_differs(struct pctx *c, yaml_node_t *m, struct policy_scenario *s)
{
	yaml_node_pair_t *pair;
	const char *name;
	char q[PYAML_QUOTE_MAX], *why;
	int i;

	if (m->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, m, "differs: a mapping of question id to the reason, found %s",
		    pyaml_type_name(m));
		return;
	}
	if (!c->questions_ok)
		return;
	for (pair = m->data.mapping.pairs.start; pair < m->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = pyaml_node(c, pair->key), *v = pyaml_node(c, pair->value);

		if ((name = pyaml_scalar(k)) == NULL ||
		    (i = policy_question_index(c->p, name)) < 0) {
			pyaml_diag(c, k, "differs: '%s' is not a question of empowerment.questions",
			    pyaml_quote(q, sizeof q, name ? name : "?"));
			continue;
		}
		if (s->differs[i] != NULL) {
			pyaml_diag(c, k, "duplicate key '%s' in differs", name);
			continue;
		}
		why = pyaml_text(c, v, "differs");
		if (why != NULL && strchr(why, '"') == NULL && strstr(why, "\xe2\x80\x9c") == NULL)
			pyaml_diag(c, v, "differs: the reason for '%s' must cite the document "
			    "(its words in quotation marks)", name);
		s->differs[i] = why;
	}
}

static void
read_scenario(struct pctx *c, yaml_node_t *m, struct policy_scenario *v, size_t i)
{
	struct pfield f[] = {
		{ "id", true, NULL, NULL }, { "title", true, NULL, NULL },
		{ "text", true, NULL, NULL }, { "expected", true, NULL, NULL },
		{ "rationale", true, NULL, NULL }, { "source", false, NULL, NULL },
		{ "situation", false, NULL, NULL }, { "differs", false, NULL, NULL },
		{ "aliases", false, NULL, NULL },
	};

	v[i].at = pyaml_at(m);
	if (!pyaml_read_map(c, m, "scenarios", f, ARRAY_LEN(f)))
		return;
	if (f[6].value != NULL)
		v[i].situations = read_situation(c, f[6].value);
	pyaml_aliases(c, f[8].value, &v[i].aliases);
	v[i].id = pyaml_id(c, f[0].value, "id");
	v[i].title = pyaml_text(c, f[1].value, "title");
	v[i].text = pyaml_text(c, f[2].value, "text");
	v[i].rationale = pyaml_text(c, f[4].value, "rationale");
	v[i].source = pyaml_text(c, f[5].value, "source");
	read_expected(c, f[3].key_node, f[3].value, &v[i]);
	if (f[7].value != NULL)
		read_differs(c, f[7].value, &v[i]);
	PYAML_UNIQUE(c, f[0].value, v, i, id, "scenarios");
}

void
pyaml_read_scenarios(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_scenario *v;

	if (!pyaml_items(c, list, "scenarios", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->scenarios = v;
	c->p->n_scenarios = n;
	for (i = 0; i < n; i++)
		read_scenario(c, pyaml_node(c, it[i]), v, i);
}

static void
read_accept(struct pctx *c, yaml_node_t *list, struct policy_quiz *q)
{
	yaml_node_item_t *it;
	size_t n, i;

	if (!pyaml_items(c, list, "accept", &it, &n) ||
	    (q->accept = pyaml_alloc(c, n, sizeof *q->accept)) == NULL)
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

	if (!pyaml_items(c, list, "quiz", &it, &n) || (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->quiz = v;
	c->p->n_quiz = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "question", true, NULL, NULL },
			{ "answer", true, NULL, NULL }, { "accept", false, NULL, NULL },
			{ "source", true, NULL, NULL }, { "key-terms", false, NULL, NULL },
			{ "reject", false, NULL, NULL }, { "aliases", false, NULL, NULL },
			{ "own", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, "quiz", f, ARRAY_LEN(f)))
			continue;
		pyaml_texts(c, f[5].value, &v[i].key_terms, "key-terms");
		pyaml_texts(c, f[6].value, &v[i].reject, "reject");
		pyaml_aliases(c, f[7].value, &v[i].aliases);
		v[i].own = pyaml_own(c, f[8].value, OWN_ANSWER, "a quiz item");
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].question = pyaml_text(c, f[1].value, "question");
		v[i].answer = pyaml_text(c, f[2].value, "answer");
		v[i].source = pyaml_text(c, f[4].value, "source");
		if (f[3].value != NULL)
			read_accept(c, f[3].value, &v[i]);
		PYAML_UNIQUE(c, f[0].value, v, i, id, "quiz");
	}
}
