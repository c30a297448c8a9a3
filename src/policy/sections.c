/* sections.c - the parts of a policy file, checked against
 * docs/policy-format.md, and the checks across parts (references). */
#include <stdlib.h>
#include <string.h>

#include "cslog/policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

static const char *const question_ids[] = {
	"customer", "department", "legal", "safe", "level", "accountable", "values",
};

static void *
alloc_items(struct pctx *c, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		pyaml_diag(c, NULL, "out of memory");
	return p;
}

static void
read_items(struct pctx *c, yaml_node_t *list, const char *what, bool strict,
           struct policy_item **out, size_t *n_out)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_item *v;
	char *ids[256] = { 0 };

	if (!pyaml_items(c, list, what, &it, &n) || (v = alloc_items(c, n, sizeof *v)) == NULL)
		return;
	*out = v;
	*n_out = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "label", true, NULL, NULL },
			{ "text", strict, NULL, NULL }, { "source", strict, NULL, NULL },
			{ "note", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		if (!pyaml_read_map(c, m, what, f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].label = pyaml_text(c, f[1].value, "label");
		v[i].text = pyaml_text(c, f[2].value, "text");
		v[i].source = pyaml_text(c, f[3].value, "source");
		v[i].note = pyaml_text(c, f[4].value, "note");
		if (i < ARRAY_LEN(ids)) {
			ids[i] = v[i].id;
			pyaml_unique(c, f[0].value, ids, i, what);
		}
	}
}

static void
read_questions(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i, k;
	char *ids[POLICY_MAX_QUESTIONS] = { 0 };
	struct policy_question *q;

	if (!pyaml_items(c, list, "empowerment.questions", &it, &n))
		return;
	if (n > POLICY_MAX_QUESTIONS) {
		pyaml_diag(c, list, "empowerment.questions: %zu questions, at most %d", n,
		    POLICY_MAX_QUESTIONS);
		return;
	}
	c->p->n_questions = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
			{ "source", true, NULL, NULL },
		};
		q = &c->p->questions[i];
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "empowerment.questions", f, 3))
			continue;
		q->id = pyaml_id(c, f[0].value, "question id");
		q->text = pyaml_text(c, f[1].value, "question text");
		q->source = pyaml_text(c, f[2].value, "source");
		for (k = 0; q->id != NULL && k < ARRAY_LEN(question_ids); k++) {
			if (strcmp(q->id, question_ids[k]) == 0)
				break;
		}
		if (q->id != NULL && k == ARRAY_LEN(question_ids))
			pyaml_diag(c, f[0].value, "unknown question id '%s' (use customer, department, "
			    "legal, safe, level, accountable, values)", q->id);
		ids[i] = q->id;
		pyaml_unique(c, f[0].value, ids, i, "empowerment.questions");
	}
}

static void
read_empowerment(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[] = {
		{ "source", true, NULL, NULL }, { "adopted-from", false, NULL, NULL },
		{ "rule", true, NULL, NULL }, { "questions", true, NULL, NULL },
		{ "empowered", true, NULL, NULL }, { "not-empowered", true, NULL, NULL },
	};
	char *rule;

	if (!pyaml_read_map(c, m, "empowerment", f, ARRAY_LEN(f)) && f[3].value == NULL)
		return;
	c->p->empower_source = pyaml_text(c, f[0].value, "empowerment.source");
	if (f[1].value != NULL && !pyaml_is_null(f[1].value))
		c->p->adopted_from = pyaml_text(c, f[1].value, "adopted-from");
	rule = pyaml_text(c, f[2].value, "rule");
	if (rule != NULL && strcmp(rule, "all-yes") != 0)
		pyaml_diag(c, f[2].value, "rule: '%s' is not known (the rule is all-yes)", rule);
	free(rule);
	if (f[3].value != NULL)
		read_questions(c, f[3].value);
	c->p->msg_empowered = pyaml_text(c, f[4].value, "empowered");
	c->p->msg_not_empowered = pyaml_text(c, f[5].value, "not-empowered");
}

static unsigned
read_when(struct pctx *c, yaml_node_t *list, struct policy_standard *s)
{
	static const struct { const char *name; unsigned bit; } conds[] = {
		{ "always", WHEN_ALWAYS }, { "added-value", WHEN_ADDED_VALUE },
		{ "negative", WHEN_NEGATIVE }, { "referral", WHEN_REFERRAL },
		{ "decision", WHEN_DECISION }, { "follow-up", WHEN_FOLLOW_UP },
	};
	yaml_node_item_t *it;
	yaml_node_t *n;
	size_t count, i, k;
	unsigned when = 0;
	char *v;

	if (!pyaml_items(c, list, "when", &it, &count))
		return WHEN_ALWAYS;
	s->channels = alloc_items(c, count, sizeof *s->channels);
	for (i = 0; s->channels != NULL && i < count; i++) {
		n = pyaml_node(c, it[i]);
		if ((v = pyaml_text(c, n, "when")) == NULL)
			continue;
		for (k = 0; k < ARRAY_LEN(conds) && strcmp(v, conds[k].name) != 0; k++)
			;
		if (k < ARRAY_LEN(conds)) {
			when |= conds[k].bit;
			free(v);
		} else if (strncmp(v, "channel:", 8) == 0 && v[8] != '\0') {
			when |= WHEN_CHANNEL;
			memmove(v, v + 8, strlen(v + 8) + 1);
			s->channels[s->n_channels++] = v;
		} else {
			pyaml_diag(c, n, "when: unknown condition '%s' (always, added-value, "
			    "negative, referral, decision, follow-up, channel:ID)", v);
			free(v);
		}
	}
	return when ? when : WHEN_ALWAYS;
}

static void
read_standards(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_standard *v;
	char *ids[256] = { 0 };

	if (!pyaml_items(c, list, "standards", &it, &n) ||
	    (v = alloc_items(c, n, sizeof *v)) == NULL)
		return;
	c->p->standards = v;
	c->p->n_standards = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
			{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
			{ "when", false, NULL, NULL },
		};
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "standards", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].text = pyaml_text(c, f[1].value, "text");
		v[i].source = pyaml_text(c, f[2].value, "source");
		v[i].note = pyaml_text(c, f[3].value, "note");
		v[i].when = f[4].value ? read_when(c, f[4].value, &v[i]) : WHEN_ALWAYS;
		if (i < ARRAY_LEN(ids)) {
			ids[i] = v[i].id;
			pyaml_unique(c, f[0].value, ids, i, "standards");
		}
	}
}

static void
read_followups(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_followup *v;

	if (!pyaml_items(c, list, "follow-ups", &it, &n) ||
	    (v = alloc_items(c, n, sizeof *v)) == NULL)
		return;
	c->p->followups = v;
	c->p->n_followups = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "channel", true, NULL, NULL }, { "target", true, NULL, NULL },
			{ "limit", false, NULL, NULL }, { "source", true, NULL, NULL },
			{ "note", false, NULL, NULL },
		};
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "follow-ups", f, ARRAY_LEN(f)))
			continue;
		v[i].channel = pyaml_id(c, f[0].value, "channel");
		v[i].target_minutes = pyaml_duration(c, f[1].value, "target", true);
		v[i].limit_minutes = f[2].value ? pyaml_duration(c, f[2].value, "limit", false) : 0;
		v[i].source = pyaml_text(c, f[3].value, "source");
		if (v[i].target_minutes > 0 && v[i].limit_minutes > 0 &&
		    v[i].limit_minutes < v[i].target_minutes)
			pyaml_diag(c, f[2].value, "limit is shorter than the target");
		if (v[i].limit_minutes < 0)
			v[i].limit_minutes = 0;
	}
}

static void
read_outcomes(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_outcome *v;
	char *ids[256] = { 0 }, *req;

	if (!pyaml_items(c, list, "outcomes", &it, &n) ||
	    (v = alloc_items(c, n, sizeof *v)) == NULL)
		return;
	c->p->outcomes = v;
	c->p->n_outcomes = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "label", true, NULL, NULL },
			{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
			{ "negative", false, NULL, NULL }, { "requires", false, NULL, NULL },
		};
		if (!pyaml_read_map(c, pyaml_node(c, it[i]), "outcomes", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].label = pyaml_text(c, f[1].value, "label");
		v[i].source = pyaml_text(c, f[2].value, "source");
		v[i].note = pyaml_text(c, f[3].value, "note");
		v[i].negative = f[4].value && pyaml_yes_no(c, f[4].value, "negative") == 1;
		req = pyaml_text(c, f[5].value, "requires");
		if (req != NULL && strcmp(req, "referral") == 0)
			v[i].requires = REQUIRES_REFERRAL;
		else if (req != NULL && strcmp(req, "appeal") == 0)
			v[i].requires = REQUIRES_APPEAL;
		else if (req != NULL)
			pyaml_diag(c, f[5].value, "requires: '%s' is not referral or appeal", req);
		free(req);
		if (i < ARRAY_LEN(ids)) {
			ids[i] = v[i].id;
			pyaml_unique(c, f[0].value, ids, i, "outcomes");
		}
	}
}

static void
read_privacy(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[] = {
		{ "notice", false, NULL, NULL }, { "retention-days", false, NULL, NULL },
		{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
	};
	char *days, *end = NULL;

	if (!pyaml_read_map(c, m, "privacy", f, ARRAY_LEN(f)))
		return;
	c->p->privacy_notice = pyaml_text(c, f[0].value, "notice");
	c->p->privacy_source = pyaml_text(c, f[2].value, "source");
	days = pyaml_text(c, f[1].value, "retention-days");
	if (days != NULL) {
		c->p->retention_days = strtol(days, &end, 10);
		if (*end != '\0' || c->p->retention_days < 1 || c->p->retention_days > 36500)
			pyaml_diag(c, f[1].value, "retention-days: expected a number of days, 1 to 36500");
	}
	free(days);
}

static void
read_source(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[] = {
		{ "title", true, NULL, NULL }, { "revision", true, NULL, NULL },
		{ "section", false, NULL, NULL },
	};

	if (!pyaml_read_map(c, m, "source", f, ARRAY_LEN(f)))
		return;
	c->p->source_title = pyaml_text(c, f[0].value, "source.title");
	c->p->source_revision = pyaml_text(c, f[1].value, "source.revision");
	c->p->source_section = pyaml_text(c, f[2].value, "source.section");
}

enum {
	R_FORMAT, R_ID, R_VERSION, R_NAME, R_SOURCE, R_KINDS, R_CHANNELS, R_EMPOWER,
	R_STANDARDS, R_FOLLOWUPS, R_OUTCOMES, R_PRIVACY, R_SCENARIOS, R_QUIZ, R_COUNT
};

static void
read_root(struct pctx *c, struct pfield *f)
{
	char *format = pyaml_text(c, f[R_FORMAT].value, "format");

	if (format != NULL && strcmp(format, "1") != 0)
		pyaml_diag(c, f[R_FORMAT].value, "'format' must be 1, not '%s'", format);
	free(format);
	c->p->id = pyaml_id(c, f[R_ID].value, "id");
	c->p->version = pyaml_text(c, f[R_VERSION].value, "version");
	c->p->name = pyaml_text(c, f[R_NAME].value, "name");
	if (f[R_SOURCE].value)
		read_source(c, f[R_SOURCE].value);
	if (f[R_KINDS].value)
		read_items(c, f[R_KINDS].value, "customer-kinds", true, &c->p->kinds,
		    &c->p->n_kinds);
	if (f[R_CHANNELS].value)
		read_items(c, f[R_CHANNELS].value, "channels", false, &c->p->channels,
		    &c->p->n_channels);
	if (f[R_EMPOWER].value)
		read_empowerment(c, f[R_EMPOWER].value);
	if (f[R_STANDARDS].value)
		read_standards(c, f[R_STANDARDS].value);
	if (f[R_FOLLOWUPS].value)
		read_followups(c, f[R_FOLLOWUPS].value);
	if (f[R_OUTCOMES].value)
		read_outcomes(c, f[R_OUTCOMES].value);
	if (f[R_PRIVACY].value)
		read_privacy(c, f[R_PRIVACY].value);
	if (f[R_SCENARIOS].value)
		pyaml_read_scenarios(c, f[R_SCENARIOS].value);
	if (f[R_QUIZ].value)
		pyaml_read_quiz(c, f[R_QUIZ].value);
}

void
pyaml_build(struct pctx *c)
{
	struct pfield f[R_COUNT] = {
		{ "format", true, NULL, NULL }, { "id", true, NULL, NULL },
		{ "version", true, NULL, NULL }, { "name", true, NULL, NULL },
		{ "source", true, NULL, NULL }, { "customer-kinds", true, NULL, NULL },
		{ "channels", true, NULL, NULL }, { "empowerment", true, NULL, NULL },
		{ "standards", true, NULL, NULL }, { "follow-ups", false, NULL, NULL },
		{ "outcomes", true, NULL, NULL }, { "privacy", false, NULL, NULL },
		{ "scenarios", false, NULL, NULL }, { "quiz", false, NULL, NULL },
	};
	yaml_node_t *root = yaml_document_get_root_node(c->doc);

	c->p = calloc(1, sizeof *c->p);
	if (c->p == NULL) {
		pyaml_diag(c, NULL, "out of memory");
		return;
	}
	if (root == NULL) {
		pyaml_diag(c, NULL, "the file is empty");
		return;
	}
	if (root->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, root, "a policy file is a mapping of keys (format, id, ...), "
		    "found %s", pyaml_type_name(root));
		return;
	}
	pyaml_read_map(c, root, "the policy", f, R_COUNT);
	read_root(c, f);
	if (c->errors == 0)
		pyaml_check_refs(c, f[R_STANDARDS].value, f[R_FOLLOWUPS].value);
}
