/* policy.c - the policy model: freeing and looking things up. */
#include "cslog/policy.h"

#include <stdlib.h>
#include <string.h>

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
	}
	free(p->quiz);
}

void
policy_free(struct policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->file); free(p->id); free(p->version); free(p->name);
	free(p->source_title); free(p->source_revision); free(p->source_section);
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
	}
	free(p->followups);
	for (i = 0; p->outcomes != NULL && i < p->n_outcomes; i++) {
		free(p->outcomes[i].id);
		free(p->outcomes[i].label);
		free(p->outcomes[i].source);
		free(p->outcomes[i].note);
	}
	free(p->outcomes);
	free(p->privacy_notice); free(p->privacy_source);
	free_drills(p);
	free(p);
}

static const struct policy_item *
find_item(const struct policy_item *it, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++) {
		if (it[i].id != NULL && strcmp(it[i].id, id) == 0)
			return &it[i];
	}
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

const struct policy_outcome *
policy_outcome(const struct policy *p, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < p->n_outcomes; i++) {
		if (p->outcomes[i].id != NULL && strcmp(p->outcomes[i].id, id) == 0)
			return &p->outcomes[i];
	}
	return NULL;
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
