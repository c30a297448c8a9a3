/* extras.c - what a policy file says about its own relation to the
 * document: `own` (the parts that are cslog's words or choices),
 * `aliases` (ids an item had before), the `guidance` it transcribes and
 * the items it leaves out (`omitted`), with the checks on them. */
#include <stdlib.h>
#include <string.h>

#include "policy_yaml.h"

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

struct policy_at
pyaml_at(const yaml_node_t *n)
{
	struct policy_at at = { 0, 0 };

	if (n != NULL) {
		at.line = (int)n->start_mark.line + 1;
		at.col = (int)n->start_mark.column + 1;
	}
	return at;
}

/* "what: alias 'a' why" at an item's place (counted as an error). */
static void
alias_diag(struct pctx *c, struct policy_at at, const char *what, const char *alias,
           const char *why)
{
	c->errors++;
	pyaml_diag_at(c->diags, c->file, at.line ? at.line : 1, at.col ? at.col : 1,
	              "%s: alias '%s' %s", what, alias, why);
}

unsigned
pyaml_own(struct pctx *c, yaml_node_t *list, unsigned allowed, const char *where)
{
	yaml_node_item_t *it;
	size_t n, i;
	unsigned bits = 0, b;
	char *v, known[256] = "", q[PYAML_QUOTE_MAX];
	size_t len = 0;

	if (list == NULL)
		return 0;
	for (b = 1; b != 0 && b <= allowed; b <<= 1) {
		if ((allowed & b) && len < sizeof known)
			len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
			    len ? ", " : "", policy_own_name(b));
	}
	if (!pyaml_items(c, list, "own", &it, &n))
		return 0;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = pyaml_node(c, it[i]);

		if ((v = pyaml_text(c, e, "own")) == NULL)
			continue;
		for (b = 1; b != 0 && b <= allowed; b <<= 1) {
			if ((allowed & b) && strcmp(policy_own_name(b), v) == 0)
				break;
		}
		if (b == 0 || b > allowed)
			pyaml_diag(c, e, "own: '%s' is not a part of %s that can be cslog's own (%s)",
			    pyaml_quote(q, sizeof q, v), where, known);
		else
			bits |= b;
		free(v);
	}
	return bits;
}

/* A list of texts; ids when ids is true. */
static void
read_list(struct pctx *c, yaml_node_t *list, struct policy_list *out, const char *what,
          bool ids)
{
	yaml_node_item_t *it;
	size_t n, i;

	if (list == NULL || !pyaml_items(c, list, what, &it, &n) ||
	    (out->v = pyaml_alloc(c, n, sizeof *out->v)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = pyaml_node(c, it[i]);
		char *v = ids ? pyaml_id(c, e, what) : pyaml_text(c, e, what);

		if (v != NULL)
			out->v[out->n++] = v;
	}
}

void
pyaml_aliases(struct pctx *c, yaml_node_t *list, struct policy_list *out)
{
	read_list(c, list, out, "aliases", true);
}

void
pyaml_ids(struct pctx *c, yaml_node_t *list, struct policy_list *out, const char *what)
{
	read_list(c, list, out, what, true);
}

void
pyaml_texts(struct pctx *c, yaml_node_t *list, struct policy_list *out, const char *what)
{
	read_list(c, list, out, what, false);
}

void
pyaml_read_guidance(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_guidance *v;

	if (!pyaml_items(c, list, "guidance", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->guidance = v;
	c->p->n_guidance = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
			{ "source", true, NULL, NULL }, { "note", false, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, "guidance", f, ARRAY_LEN(f)))
			continue;
		v[i].id = pyaml_id(c, f[0].value, "id");
		v[i].text = pyaml_text(c, f[1].value, "text");
		v[i].source = pyaml_text(c, f[2].value, "source");
		v[i].note = pyaml_text(c, f[3].value, "note");
		PYAML_UNIQUE(c, f[0].value, v, i, id, "guidance");
	}
}

void
pyaml_read_omitted(struct pctx *c, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n, i;
	struct policy_omitted *v;

	if (!pyaml_items(c, list, "omitted", &it, &n) ||
	    (v = pyaml_alloc(c, n, sizeof *v)) == NULL)
		return;
	c->p->omitted = v;
	c->p->n_omitted = n;
	for (i = 0; i < n; i++) {
		struct pfield f[] = {
			{ "text", true, NULL, NULL }, { "source", false, NULL, NULL },
			{ "reason", true, NULL, NULL },
		};
		yaml_node_t *m = pyaml_node(c, it[i]);

		v[i].at = pyaml_at(m);
		if (!pyaml_read_map(c, m, "omitted", f, ARRAY_LEN(f)))
			continue;
		v[i].text = pyaml_text(c, f[0].value, "text");
		v[i].source = pyaml_text(c, f[1].value, "source");
		v[i].reason = pyaml_text(c, f[2].value, "reason");
		if (v[i].reason != NULL && strchr(v[i].reason, '\n') != NULL)
			pyaml_diag(c, f[2].value, "omitted: the reason is one line");
	}
}

/* One list's aliases: no alias may be an id of the list, or given twice. */
static void
check_list(struct pctx *c, const char *what, size_t n,
           const char *(*id)(const struct policy *, size_t),
           const struct policy_list *(*aliases)(const struct policy *, size_t),
           struct policy_at (*at)(const struct policy *, size_t))
{
	size_t i, j, k, l;
	const struct policy_list *a, *b;
	const char *other;

	for (i = 0; i < n; i++) {
		a = aliases(c->p, i);
		for (k = 0; k < a->n; k++) {
			for (j = 0; j < n; j++) {
				if ((other = id(c->p, j)) != NULL && strcmp(other, a->v[k]) == 0) {
					alias_diag(c, at(c->p, i), what, a->v[k],
					           "is the id of an item");
					break;
				}
				b = aliases(c->p, j);
				for (l = 0; j < i && l < b->n; l++)
					if (strcmp(b->v[l], a->v[k]) == 0)
						alias_diag(c, at(c->p, i), what, a->v[k],
						           "is given twice");
			}
		}
	}
}

#define ACCESSORS(name, arr, type) \
	static const char *name##_id(const struct policy *p, size_t i) { return p->arr[i].id; } \
	static const struct policy_list *name##_al(const struct policy *p, size_t i) \
	{ return &p->arr[i].aliases; } \
	static struct policy_at name##_at(const struct policy *p, size_t i) { return p->arr[i].at; }
ACCESSORS(kind, kinds, struct policy_item)
ACCESSORS(chan, channels, struct policy_item)
ACCESSORS(std, standards, struct policy_standard)
ACCESSORS(out, outcomes, struct policy_outcome)
ACCESSORS(scen, scenarios, struct policy_scenario)
ACCESSORS(quiz, quiz, struct policy_quiz)

void
pyaml_check_aliases(struct pctx *c)
{
	const struct policy *p = c->p;

	check_list(c, "customer-kinds", p->kinds ? p->n_kinds : 0, kind_id, kind_al, kind_at);
	check_list(c, "channels", p->channels ? p->n_channels : 0, chan_id, chan_al, chan_at);
	check_list(c, "standards", p->standards ? p->n_standards : 0, std_id, std_al, std_at);
	check_list(c, "outcomes", p->outcomes ? p->n_outcomes : 0, out_id, out_al, out_at);
	check_list(c, "scenarios", p->scenarios ? p->n_scenarios : 0, scen_id, scen_al,
	           scen_at);
	check_list(c, "quiz", p->quiz ? p->n_quiz : 0, quiz_id, quiz_al, quiz_at);
}
