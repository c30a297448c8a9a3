/* sections.c - the parts of a policy file, checked against
 * docs/policy-format.md, and the checks across parts (references). */
#include <stdlib.h>
#include <string.h>

#include "policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

static const char *const question_ids[] = {
	"customer", "department", "legal", "safe", "level", "accountable", "values",
};

static void
read_items(struct pctx *c, yaml_node_t *list, const char *what, bool strict,
           struct policy_item **out, size_t *n_out)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_item *v;

	if (!pyaml_items(c, list, what, &it, &n) || (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	*out = v;
	*n_out = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "label", true, NULL, NULL },
			{ "text", strict, NULL, NULL }, { "source", strict, NULL, NULL },
			{ "note", false, NULL, NULL }, { "aliases", false, NULL, NULL },
			{ "own", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, what, f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].label = pyaml_text(c, f[1].value, "label");
		v[i].text = pyaml_text(c, f[2].value, "text");
		v[i].source = pyaml_text(c, f[3].value, "source");
		v[i].note = pyaml_text(c, f[4].value, "note");
		pyaml_aliases(c, f[5].value, &v[i].aliases);
		v[i].own = pyaml_own(c, f[6].value, strict ? OWN_TEXT : 0, what);
		PYAML_UNIQUE(c, f[0].value, v, i, id, what);
	}
}

static void
read_question(struct pctx *c, yaml_node_t *m, size_t i)
{
	struct pfield f[] = {
		{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
		{ "source", true, NULL, NULL },
	};
	struct policy_question *q = &c->p->questions[i];
	size_t k;

	q->at = pyaml_at(m);
	if (!pyaml_read_map(c, m, "empowerment.questions", f, ARRAY_LEN(f)))
		return;
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
	PYAML_UNIQUE(c, f[0].value, c->p->questions, i, id, "empowerment.questions");
}

static void
read_questions(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	int before = c->errors;

	if (!pyaml_items(c, list, "empowerment.questions", &it, &n))
		return;
	if (n > POLICY_MAX_QUESTIONS) {
		pyaml_diag(c, list, "empowerment.questions: %zu questions, at most %d", n,
		    POLICY_MAX_QUESTIONS);
		return;
	}
	c->p->n_questions = n;
	for (i = 0; i < n; i++)
		read_question(c, pyaml_node(c, it[i]), i);
	c->questions_ok = c->errors == before;
}

static void
read_empowerment(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[] = {
		{ "source", true, NULL, NULL }, { "adopted-from", false, NULL, NULL },
		{ "rule", true, NULL, NULL }, { "questions", true, NULL, NULL },
		{ "empowered", true, NULL, NULL }, { "not-empowered", true, NULL, NULL },
		{ "own", false, NULL, NULL }, { "ask", false, NULL, NULL },
	};
	char *rule, *ask, q[PYAML_QUOTE_MAX];

	c->p->empower_at = pyaml_at(m);
	pyaml_read_map(c, m, "empowerment", f, ARRAY_LEN(f));
	c->p->empower_own = pyaml_own(c, f[6].value, OWN_EMPOWERED | OWN_NOT_EMPOWERED,
	                              "empowerment");
	c->p->empower_source = pyaml_text(c, f[0].value, "empowerment.source");
	if (f[1].value != NULL && !pyaml_is_null(f[1].value))
		c->p->adopted_from = pyaml_text(c, f[1].value, "adopted-from");
	rule = pyaml_text(c, f[2].value, "rule");
	if (rule != NULL && strcmp(rule, "all-yes") != 0)
		pyaml_diag(c, f[2].value, "rule: '%s' is not known (the rule is all-yes)",
		    pyaml_quote(q, sizeof q, rule));
	free(rule);
	ask = f[7].value != NULL ? pyaml_text(c, f[7].value, "ask") : NULL;
	if (ask != NULL && strcmp(ask, "every-contact") == 0)
		c->p->ask_every_contact = true;
	else if (ask != NULL && strcmp(ask, "added-value") != 0)
		pyaml_diag(c, f[7].value, "ask: '%s' is not known (added-value: when a member "
		    "went beyond standard service; every-contact)", pyaml_quote(q, sizeof q, ask));
	free(ask);
	if (f[3].value != NULL)
		read_questions(c, f[3].value);
	c->p->msg_empowered = pyaml_text(c, f[4].value, "empowered");
	c->p->msg_not_empowered = pyaml_text(c, f[5].value, "not-empowered");
}

/* A channel named by a standard or a follow-up rule must be one of the
 * policy's channels (checked only when every channel was read). */
static void
check_channel(struct pctx *c, yaml_node_t *at, const char *id, const char *what)
{
	char q[PYAML_QUOTE_MAX];

	if (c->channels_ok && id != NULL && policy_channel(c->p, id) == NULL)
		pyaml_diag(c, at, "%s: channel '%s' is not one of this policy's channels", what,
		    pyaml_quote(q, sizeof q, id));
}

/* One condition of a standard's `when`: its bit, or 0 (reported). */
static unsigned
read_condition(struct pctx *c, yaml_node_t *n, struct policy_standard *s)
{
	static const struct { const char *name; unsigned bit; } conds[] = {
		{ "always", WHEN_ALWAYS }, { "added-value", WHEN_ADDED_VALUE },
		{ "negative", WHEN_NEGATIVE }, { "referral", WHEN_REFERRAL },
		{ "decision", WHEN_DECISION }, { "follow-up", WHEN_FOLLOW_UP },
	};
	char *v = pyaml_text(c, n, "when"), q[PYAML_QUOTE_MAX];
	size_t k;

	if (v == NULL)
		return 0;
	for (k = 0; k < ARRAY_LEN(conds) && strcmp(v, conds[k].name) != 0; k++)
		;
	if (k < ARRAY_LEN(conds)) {
		free(v);
		return conds[k].bit;
	}
	if (strncmp(v, "channel:", 8) == 0 && v[8] != '\0') {
		memmove(v, v + 8, strlen(v + 8) + 1);
		check_channel(c, n, v, "when");
		s->channels[s->n_channels++] = v;
		return WHEN_CHANNEL;
	}
	pyaml_diag(c, n, "when: unknown condition '%s' (always, added-value, negative, "
	    "referral, decision, follow-up, channel:ID)", pyaml_quote(q, sizeof q, v));
	free(v);
	return 0;
}

static unsigned
read_when(struct pctx *c, yaml_node_t *list, struct policy_standard *s)
{
	yaml_node_item_t *it;
	size_t count, i;
	unsigned when = 0;

	if (!pyaml_items(c, list, "when", &it, &count))
		return WHEN_ALWAYS;
	s->channels = pyaml_alloc(c, count, sizeof *s->channels);
	for (i = 0; s->channels != NULL && i < count; i++)
		when |= read_condition(c, pyaml_node(c, it[i]), s);
	return when ? when : WHEN_ALWAYS;
}

static void
read_standards(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_standard *v;

	if (!pyaml_items(c, list, "standards", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->standards = v;
	c->p->n_standards = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
			{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
			{ "when", false, NULL, NULL }, { "aliases", false, NULL, NULL },
			{ "own", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, "standards", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].text = pyaml_text(c, f[1].value, "text");
		v[i].source = pyaml_text(c, f[2].value, "source");
		v[i].note = pyaml_text(c, f[3].value, "note");
		v[i].when = f[4].value ? read_when(c, f[4].value, &v[i]) : WHEN_ALWAYS;
		v[i].has_when = f[4].value != NULL;
		pyaml_aliases(c, f[5].value, &v[i].aliases);
		v[i].own = pyaml_own(c, f[6].value, OWN_TEXT | OWN_WHEN, "a standard");
		PYAML_UNIQUE(c, f[0].value, v, i, id, "standards");
	}
}

/* One follow-up rule: channel, target, limit. */
static void
read_followup(struct pctx *c, yaml_node_t *m, struct policy_followup *v, size_t i)
{
	struct pfield f[] = {
		{ "channel", true, NULL, NULL }, { "target", true, NULL, NULL },
		{ "limit", false, NULL, NULL }, { "source", true, NULL, NULL },
		{ "note", false, NULL, NULL }, { "text", false, NULL, NULL },
		{ "own", false, NULL, NULL },
	};
	size_t j;

	v[i].at = pyaml_at(m);
	if (!pyaml_read_map(c, m, "follow-ups", f, ARRAY_LEN(f)))
		return;
	v[i].channel = pyaml_id(c, f[0].value, "channel");
	v[i].target_minutes = pyaml_duration(c, f[1].value, "target", true);
	v[i].limit_minutes = f[2].value ? pyaml_duration(c, f[2].value, "limit", false) : 0;
	v[i].source = pyaml_text(c, f[3].value, "source");
	v[i].note = pyaml_text(c, f[4].value, "note");
	v[i].text = pyaml_text(c, f[5].value, "text");
	v[i].own = pyaml_own(c, f[6].value, OWN_TARGET | OWN_LIMIT, "a follow-up rule");
	check_channel(c, f[0].value, v[i].channel, "follow-ups");
	for (j = 0; v[i].channel != NULL && j < i; j++) {
		if (v[j].channel != NULL && strcmp(v[j].channel, v[i].channel) == 0) {
			pyaml_diag(c, f[0].value, "follow-ups: a second rule for channel '%s' "
			    "(one rule per channel)", v[i].channel);
			break;
		}
	}
	if (v[i].target_minutes > 0 && v[i].limit_minutes > 0 &&
	    v[i].limit_minutes < v[i].target_minutes)
		pyaml_diag(c, f[2].value, "limit is shorter than the target");
	if (v[i].limit_minutes < 0)
		v[i].limit_minutes = 0;
}

static void
read_followups(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_followup *v;

	if (!pyaml_items(c, list, "follow-ups", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->followups = v;
	c->p->n_followups = n;
	for (i = 0; i < n; i++)
		read_followup(c, pyaml_node(c, it[i]), v, i);
}

static void
read_outcomes(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_outcome *v;
	char *req, q[PYAML_QUOTE_MAX];

	if (!pyaml_items(c, list, "outcomes", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->outcomes = v;
	c->p->n_outcomes = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "label", true, NULL, NULL },
			{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
			{ "negative", false, NULL, NULL }, { "requires", false, NULL, NULL },
			{ "negative-reason", false, NULL, NULL }, { "aliases", false, NULL, NULL },
			{ "own", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, "outcomes", f, ARRAY_LEN(f)))
			continue;
		v[i].negative_reason = pyaml_text(c, f[6].value, "negative-reason");
		pyaml_aliases(c, f[7].value, &v[i].aliases);
		v[i].own = pyaml_own(c, f[8].value, OWN_NEGATIVE, "an outcome");
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
			pyaml_diag(c, f[5].value, "requires: '%s' is not referral or appeal",
			    pyaml_quote(q, sizeof q, req));
		free(req);
		PYAML_UNIQUE(c, f[0].value, v, i, id, "outcomes");
	}
}

/* privacy.fields: each protected field's class (protected when absent),
 * and survey comments' (survey-comment, the last key). */
static void
read_privacy_fields(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[PF_COUNT + 1];
	char *v, q[PYAML_QUOTE_MAX];
	int i, k;

	for (i = 0; i < PF_COUNT; i++)
		f[i] = (struct pfield){ policy_field_key((enum protected_field)i), false, NULL, NULL };
	f[PF_COUNT] = (struct pfield){ POLICY_COMMENT_KEY, false, NULL, NULL };
	pyaml_read_map(c, m, "privacy.fields", f, PF_COUNT + 1);
	for (i = 0; i <= PF_COUNT; i++) {
		if ((v = pyaml_text(c, f[i].value, f[i].key)) == NULL)
			continue;
		if ((k = policy_class_parse(v)) >= 0 && i == PF_COUNT)
			c->p->comment_class = (enum privacy_class)k;
		else if (k >= 0)
			c->p->privacy_fields[i] = (enum privacy_class)k;
		else
			pyaml_diag(c, f[i].value, "%s: unknown privacy class '%s' (protected, "
			    "restricted, not-kept)", f[i].key, pyaml_quote(q, sizeof q, v));
		free(v);
	}
}

static void
read_privacy(struct pctx *c, yaml_node_t *m)
{
	struct pfield f[] = {
		{ "notice", false, NULL, NULL }, { "retention-days", false, NULL, NULL },
		{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
		{ "fields", false, NULL, NULL }, { "own", false, NULL, NULL },
	};
	char *days, *end = NULL;

	c->p->privacy_at = pyaml_at(m);
	if (!pyaml_read_map(c, m, "privacy", f, ARRAY_LEN(f)))
		return;
	if (f[4].value != NULL)
		read_privacy_fields(c, f[4].value);
	c->p->has_privacy_fields = f[4].value != NULL;
	c->p->privacy_note = pyaml_text(c, f[3].value, "note");
	c->p->privacy_own = pyaml_own(c, f[5].value, OWN_NOTICE | OWN_FIELDS | OWN_RETENTION,
	                              "privacy");
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
		{ "section", false, NULL, NULL }, { "document", false, NULL, NULL },
		{ "own", false, NULL, NULL },
	};
	char q[PYAML_QUOTE_MAX];

	if (!pyaml_read_map(c, m, "source", f, ARRAY_LEN(f)))
		return;
	c->p->source_title = pyaml_text(c, f[0].value, "source.title");
	c->p->source_revision = pyaml_text(c, f[1].value, "source.revision");
	c->p->source_section = pyaml_text(c, f[2].value, "source.section");
	c->p->source_document = pyaml_text(c, f[3].value, "source.document");
	c->p->own |= pyaml_own(c, f[4].value, OWN_TITLE, "source");
	if (c->p->source_document != NULL && (strchr(c->p->source_document, '/') != NULL ||
	    c->p->source_document[0] == '.'))
		pyaml_diag(c, f[3].value, "source.document: '%s' must be a file name in the "
		    "sources directory, not a path", pyaml_quote(q, sizeof q, c->p->source_document));
}

enum {
	R_FORMAT, R_ID, R_VERSION, R_NAME, R_SOURCE, R_KINDS, R_CHANNELS, R_EMPOWER,
	R_STANDARDS, R_FOLLOWUPS, R_OUTCOMES, R_PRIVACY, R_SCENARIOS, R_QUIZ, R_OWN,
	R_GUIDANCE, R_OMITTED, R_EVALUATION, R_SURVEY, R_COUNT
};

static void
read_root(struct pctx *c, struct pfield *f)
{
	char *format = pyaml_text(c, f[R_FORMAT].value, "format"), q[PYAML_QUOTE_MAX];
	int before;

	if (format != NULL && strcmp(format, "1") != 0)
		pyaml_diag(c, f[R_FORMAT].value, "'format' must be 1, not '%s'",
		    pyaml_quote(q, sizeof q, format));
	free(format);
	c->p->id = pyaml_id(c, f[R_ID].value, "id");
	c->p->version = pyaml_text(c, f[R_VERSION].value, "version");
	c->p->name = pyaml_text(c, f[R_NAME].value, "name");
	if (f[R_SOURCE].value)
		read_source(c, f[R_SOURCE].value);
	if (f[R_KINDS].value)
		read_items(c, f[R_KINDS].value, "customer-kinds", true, &c->p->kinds,
		    &c->p->n_kinds);
	before = c->errors;
	if (f[R_CHANNELS].value)
		read_items(c, f[R_CHANNELS].value, "channels", false, &c->p->channels,
		    &c->p->n_channels);
	c->channels_ok = c->p->channels != NULL && c->errors == before;
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
	c->p->own |= pyaml_own(c, f[R_OWN].value, OWN_NAME, "the policy");
	if (f[R_GUIDANCE].value)
		pyaml_read_guidance(c, f[R_GUIDANCE].value);
	if (f[R_OMITTED].value)
		pyaml_read_omitted(c, f[R_OMITTED].value);
	if (f[R_EVALUATION].value)
		pyaml_read_evaluation(c, f[R_EVALUATION].value);
	if (f[R_SURVEY].value)
		pyaml_read_survey(c, f[R_SURVEY].value);
	pyaml_check_aliases(c);
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
		{ "own", false, NULL, NULL }, { "guidance", false, NULL, NULL },
		{ "omitted", false, NULL, NULL }, { "evaluation", false, NULL, NULL },
		{ "survey", false, NULL, NULL },
	};
	yaml_node_t *root = yaml_document_get_root_node(c->doc);

	c->p = calloc(1, sizeof *c->p);
	if (c->p == NULL) {
		pyaml_diag(c, NULL, "out of memory");
		return;
	}
	if (root == NULL) {
		pyaml_diag(c, NULL, "the file holds no policy, only comments");
		return;
	}
	if (root->type != YAML_MAPPING_NODE) {
		pyaml_diag(c, root, "a policy file is a mapping of keys (format, id, ...), "
		    "found %s", pyaml_type_name(root));
		return;
	}
	if (pyaml_is_measures(c, root)) {   /* cslog's measures, not a policy */
		pyaml_build_measures(c, root);
		return;
	}
	pyaml_read_map(c, root, "the policy", f, R_COUNT);
	read_root(c, f);
}
