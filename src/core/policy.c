/* policy.c - the policy model: freeing and looking things up. */
#include "cslog/policy.h"
#include "cslog/measures.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void
free_list(struct policy_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
free_items(struct policy_item *it, size_t n)
{
	size_t i;

	for (i = 0; it != NULL && i < n; i++) {
		free(it[i].id);
		free(it[i].label);
		free(it[i].text);
		free(it[i].source);
		free(it[i].note);
		free_list(&it[i].aliases);
	}
	free(it);
}

static void
free_standards(struct policy *p)
{
	size_t i, k;

	for (i = 0; p->standards != NULL && i < p->n_standards; i++) {
		free(p->standards[i].id);
		free(p->standards[i].text);
		free(p->standards[i].source);
		free(p->standards[i].note);
		for (k = 0; k < p->standards[i].n_channels; k++)
			free(p->standards[i].channels[k]);
		free(p->standards[i].channels);
		free_list(&p->standards[i].aliases);
	}
	free(p->standards);
}

static void
free_drills(struct policy *p)
{
	size_t i, k;

	for (i = 0; p->scenarios != NULL && i < p->n_scenarios; i++) {
		free(p->scenarios[i].id);
		free(p->scenarios[i].title);
		free(p->scenarios[i].text);
		free(p->scenarios[i].rationale);
		free(p->scenarios[i].source);
		for (k = 0; k < POLICY_MAX_QUESTIONS; k++)
			free(p->scenarios[i].differs[k]);
		free_list(&p->scenarios[i].aliases);
	}
	free(p->scenarios);
	for (i = 0; p->quiz != NULL && i < p->n_quiz; i++) {
		free(p->quiz[i].id);
		free(p->quiz[i].question);
		free(p->quiz[i].answer);
		free(p->quiz[i].source);
		for (k = 0; k < p->quiz[i].n_accept; k++)
			free(p->quiz[i].accept[k]);
		free(p->quiz[i].accept);
		free_list(&p->quiz[i].key_terms);
		free_list(&p->quiz[i].reject);
		free_list(&p->quiz[i].aliases);
	}
	free(p->quiz);
}

static void
free_texts(struct policy *p)
{
	size_t i;

	for (i = 0; p->guidance != NULL && i < p->n_guidance; i++) {
		free(p->guidance[i].id);
		free(p->guidance[i].text);
		free(p->guidance[i].source);
		free(p->guidance[i].note);
	}
	free(p->guidance);
	for (i = 0; p->omitted != NULL && i < p->n_omitted; i++) {
		free(p->omitted[i].text);
		free(p->omitted[i].source);
		free(p->omitted[i].reason);
	}
	free(p->omitted);
}

void
policy_free(struct policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->file); free(p->id); free(p->version); free(p->name);
	free(p->source_title); free(p->source_revision); free(p->source_section);
	free(p->source_document);
	free_items(p->kinds, p->n_kinds);
	free_items(p->channels, p->n_channels);
	free(p->empower_source); free(p->adopted_from);
	for (i = 0; i < POLICY_MAX_QUESTIONS; i++) {
		free(p->questions[i].id);
		free(p->questions[i].text);
		free(p->questions[i].source);
	}
	free(p->msg_empowered); free(p->msg_not_empowered);
	free_standards(p);
	for (i = 0; p->followups != NULL && i < p->n_followups; i++) {
		free(p->followups[i].channel);
		free(p->followups[i].source);
		free(p->followups[i].text);
		free(p->followups[i].note);
	}
	free(p->followups);
	for (i = 0; p->outcomes != NULL && i < p->n_outcomes; i++) {
		free(p->outcomes[i].id);
		free(p->outcomes[i].label);
		free(p->outcomes[i].source);
		free(p->outcomes[i].note);
		free(p->outcomes[i].negative_reason);
		free_list(&p->outcomes[i].aliases);
	}
	free(p->outcomes);
	free(p->privacy_notice); free(p->privacy_source); free(p->privacy_note);
	free_drills(p);
	free_texts(p);
	measure_items_free(p->eval_own, p->n_eval_own);
	survey_questions_free(p->survey_own, p->n_survey_own);
	free(p->eval);
	free(p->survey);
	free(p);
}

bool
policy_own_item(const char *source)
{
	return source != NULL && strcmp(source, "cslog") == 0;
}

const char *
policy_own_name(unsigned bit)
{
	static const char *const names[] = {
		"name", "title", "text", "when", "target", "limit", "empowered",
		"not-empowered", "notice", "fields", "retention-days", "answer", "negative",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (bit == 1u << i)
			return names[i];
	return NULL;
}

const char *const policy_situations[POLICY_SITUATIONS] = {
	"disclosure", "promise", "waiver", "concealment", "ride", "gifts", "property",
	"beyond-call", "danger", "safety-rule", "private-use", "threat", "colleague",
	"information",
};
const char *const policy_situation_words[POLICY_SITUATIONS] = {
	"disclosure to a third party",
	"a promise or assurance about what others will do or decide",
	"waiving a fee or rule",
	"concealment (\"nobody will know\")",
	"transport or a ride",
	"gifts and meals",
	"property and belongings",
	"help beyond the call",
	"entering danger for someone",
	"breaking a safety rule or code",
	"public equipment or time for one person's private benefit",
	"a threat or security concern",
	"help to a colleague or another agency's crew",
	"information, options and records for the customer",
};

int
policy_situation_index(const char *tag)
{
	int i;

	for (i = 0; tag != NULL && i < POLICY_SITUATIONS; i++)
		if (strcmp(policy_situations[i], tag) == 0)
			return i;
	return -1;
}

/* Is want this id, or one of its aliases? */
static bool
id_is(const char *id, const struct policy_list *aliases, const char *want)
{
	size_t i;

	if (id != NULL && strcmp(id, want) == 0)
		return true;
	for (i = 0; i < aliases->n; i++)
		if (strcmp(aliases->v[i], want) == 0)
			return true;
	return false;
}

/* First by id, then by alias: an alias never hides a current id. */
static const struct policy_item *
find_item(const struct policy_item *it, size_t n, const char *id)
{
	static const struct policy_list none = { NULL, 0 };
	size_t i;

	for (i = 0; id != NULL && i < n; i++)
		if (id_is(it[i].id, &none, id))
			return &it[i];
	for (i = 0; id != NULL && i < n; i++)
		if (id_is(NULL, &it[i].aliases, id))
			return &it[i];
	return NULL;
}

const struct policy_item *
policy_kind(const struct policy *p, const char *id)
{
	return find_item(p->kinds, p->n_kinds, id);
}

const struct policy_item *
policy_channel(const struct policy *p, const char *id)
{
	return find_item(p->channels, p->n_channels, id);
}

/* The index of id among n items whose id and aliases are at `first`
 * plus i * stride (the struct's id and aliases members), or -1. */
static int
find_index(const void *first, size_t stride, size_t id_off, size_t alias_off, size_t n,
           const char *id)
{
	static const struct policy_list none = { NULL, 0 };
	const char *base = first;
	size_t i;
	int pass;

	for (pass = 0; id != NULL && pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			const char *item = base + i * stride;
			const char *own = *(char *const *)(const void *)(item + id_off);
			const struct policy_list *al =
			    (const struct policy_list *)(const void *)(item + alias_off);

			if (pass == 0 ? id_is(own, &none, id) : id_is(NULL, al, id))
				return (int)i;
		}
	}
	return -1;
}
#define FIND(arr, n, key, type) \
	find_index((arr), sizeof(type), offsetof(type, id), offsetof(type, aliases), (n), (key))

const struct policy_outcome *
policy_outcome(const struct policy *p, const char *id)
{
	int i = FIND(p->outcomes, p->n_outcomes, id, struct policy_outcome);

	return i >= 0 ? &p->outcomes[i] : NULL;
}

const struct policy_standard *
policy_standard(const struct policy *p, const char *id)
{
	int i = FIND(p->standards, p->n_standards, id, struct policy_standard);

	return i >= 0 ? &p->standards[i] : NULL;
}

int
policy_scenario_index(const struct policy *p, const char *id)
{
	return FIND(p->scenarios, p->n_scenarios, id, struct policy_scenario);
}

int
policy_quiz_index(const struct policy *p, const char *id)
{
	return FIND(p->quiz, p->n_quiz, id, struct policy_quiz);
}

const struct policy_followup *
policy_followup_for(const struct policy *p, const char *channel)
{
	size_t i;

	for (i = 0; channel != NULL && i < p->n_followups; i++) {
		if (p->followups[i].channel != NULL && strcmp(p->followups[i].channel, channel) == 0)
			return &p->followups[i];
	}
	return NULL;
}

int
policy_question_index(const struct policy *p, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < p->n_questions; i++) {
		if (p->questions[i].id != NULL && strcmp(p->questions[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

bool
policy_standard_applies(const struct policy_standard *s, const struct policy_context *ctx)
{
	size_t i;

	if (s->when & WHEN_ALWAYS)
		return true;
	if (((s->when & WHEN_ADDED_VALUE) && ctx->added_value) ||
	    ((s->when & WHEN_NEGATIVE) && ctx->negative) ||
	    ((s->when & WHEN_REFERRAL) && ctx->referral) ||
	    ((s->when & WHEN_DECISION) && ctx->decision) ||
	    ((s->when & WHEN_FOLLOW_UP) && ctx->follow_up))
		return true;
	for (i = 0; (s->when & WHEN_CHANNEL) && ctx->channel && i < s->n_channels; i++) {
		if (strcmp(s->channels[i], ctx->channel) == 0)
			return true;
	}
	return false;
}

void
policy_set_free(struct policy_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		policy_free(set->items[i]);
	free(set->items);
	set->items = NULL;
	set->n = 0;
	measures_free(set->measures);
	set->measures = NULL;
}

const struct policy *
policy_set_find(const struct policy_set *set, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < set->n; i++) {
		if (strcmp(set->items[i]->id, id) == 0)
			return set->items[i];
	}
	return NULL;
}

static const char *const field_keys[PF_COUNT] = {
	"customer-name", "customer-phone", "customer-address", "customer-email",
};
static const char *const field_labels[PF_COUNT] = {
	"customer name", "customer phone", "customer address", "customer e-mail",
};
static const char *const class_names[PRIVACY_CLASS_COUNT] = {
	"protected", "restricted", "not-kept",
};

enum privacy_class
policy_field_class(const struct policy *p, enum protected_field f)
{
	if (p == NULL || (unsigned)f >= PF_COUNT)
		return PRIVACY_PROTECTED;
	return p->privacy_fields[f];
}

const char *
policy_field_key(enum protected_field f)
{
	return (unsigned)f < PF_COUNT ? field_keys[f] : "?";
}

const char *
policy_field_label(enum protected_field f)
{
	return (unsigned)f < PF_COUNT ? field_labels[f] : "?";
}

/* The index of s in names[0 .. n-1], or -1. */
static int
index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++) {
		if (strcmp(names[i], s) == 0)
			return i;
	}
	return -1;
}

int
policy_field_parse(const char *key)
{
	return index_of(field_keys, PF_COUNT, key);
}

const char *
policy_class_name(enum privacy_class k)
{
	return (unsigned)k < PRIVACY_CLASS_COUNT ? class_names[k] : "?";
}

int
policy_class_parse(const char *name)
{
	return index_of(class_names, PRIVACY_CLASS_COUNT, name);
}

unsigned
policy_bulk_withheld(const struct policy *p)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < PF_COUNT; i++) {
		if (p == NULL || p->privacy_fields[i] != PRIVACY_PROTECTED)
			bits |= 1u << i;
	}
	return bits;
}
