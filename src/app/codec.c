/* codec.c - contacts to and from CSV fields and JSON objects. */
#include "codec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/empower.h"

const char *const codec_names[F_COUNT] = {
	"id", "at", "logged_at", "member", "member_name", "policy", "policy_version",
	"kind", "channel", "outcome", "summary", "needs_met", "added_value",
	"empowered", "answers", "standards", "referral_to", "referee_contacted",
	"decision", "appeal_info", "call", "amends", "amend_reason", "superseded_by",
	"customer_name", "customer_phone", "customer_address", "customer_email",
};

/* How each column is typed in JSON. */
enum kind { K_TEXT, K_INT, K_TIME, K_TRI, K_ANSWERS, K_LIST };
static const enum kind kinds[F_COUNT] = {
	[F_ID] = K_INT, [F_AT] = K_TIME, [F_LOGGED_AT] = K_TIME,
	[F_NEEDS_MET] = K_TRI, [F_EMPOWERED] = K_TRI, [F_ANSWERS] = K_ANSWERS,
	[F_STANDARDS] = K_LIST, [F_REFEREE_CONTACTED] = K_TRI, [F_AMENDS] = K_INT,
	[F_SUPERSEDED_BY] = K_INT,
};

int
codec_field_index(const char *name)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		if (strcmp(codec_names[i], name) == 0)
			return i;
	}
	return -1;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? strdup(s) : NULL;
}

static char *
fmt_int(int64_t v)
{
	char buf[32];

	if (v == 0)
		return NULL;
	snprintf(buf, sizeof buf, "%" PRId64, v);
	return strdup(buf);
}

static char *
fmt_time(int64_t t)
{
	char buf[32];

	if (t == 0)
		return NULL;
	app_time_iso(t, buf, sizeof buf);
	return strdup(buf);
}

static char *
fmt_tri(enum record_tri t)
{
	return t == TRI_UNKNOWN ? NULL : strdup(t == TRI_YES ? "yes" : "no");
}

static char *
fmt_answers(const struct contact *c)
{
	size_t i, len = 1;
	char *s;

	if (c->n_answers == 0)
		return NULL;
	for (i = 0; i < c->n_answers; i++)
		len += strlen(c->answers[i].question) + 6;
	s = malloc(len);
	if (s == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < c->n_answers; i++) {
		if (i > 0)
			strcat(s, ";");
		strcat(s, c->answers[i].question);
		strcat(s, c->answers[i].answer == ANSWER_YES ? "=yes" : "=no");
	}
	return s;
}

static char *
fmt_list(const char *const *items, size_t n)
{
	size_t i, len = 1;
	char *s;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++)
		len += strlen(items[i]) + 1;
	s = malloc(len);
	if (s == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, ";");
		strcat(s, items[i]);
	}
	return s;
}

char *
codec_field_text(const struct contact *c, enum codec_field i)
{
	switch (i) {
	case F_ID: return fmt_int(c->id);
	case F_AT: return fmt_time(c->at);
	case F_LOGGED_AT: return fmt_time(c->logged_at);
	case F_MEMBER: return dup_or_null(c->member_badge);
	case F_MEMBER_NAME: return dup_or_null(c->member_name);
	case F_POLICY: return dup_or_null(c->policy_id);
	case F_POLICY_VERSION: return dup_or_null(c->policy_version);
	case F_KIND: return dup_or_null(c->kind);
	case F_CHANNEL: return dup_or_null(c->channel);
	case F_OUTCOME: return dup_or_null(c->outcome);
	case F_SUMMARY: return dup_or_null(c->summary);
	case F_NEEDS_MET: return fmt_tri(c->needs_met);
	case F_ADDED_VALUE: return dup_or_null(c->added_value);
	case F_EMPOWERED: return fmt_tri(c->empowered);
	case F_ANSWERS: return fmt_answers(c);
	case F_STANDARDS: return fmt_list(c->standards, c->n_standards);
	case F_REFERRAL_TO: return dup_or_null(c->referral_to);
	case F_REFEREE_CONTACTED: return fmt_tri(c->referee_contacted);
	case F_DECISION: return dup_or_null(c->decision);
	case F_APPEAL_INFO: return dup_or_null(c->appeal_info);
	case F_CALL: return dup_or_null(c->call_ref);
	case F_AMENDS: return fmt_int(c->amends);
	case F_AMEND_REASON: return dup_or_null(c->amend_reason);
	case F_SUPERSEDED_BY: return fmt_int(c->superseded_by);
	case F_CUSTOMER_NAME: return dup_or_null(c->customer_name);
	case F_CUSTOMER_PHONE: return dup_or_null(c->customer_phone);
	case F_CUSTOMER_ADDRESS: return dup_or_null(c->customer_address);
	case F_CUSTOMER_EMAIL: return dup_or_null(c->customer_email);
	case F_COUNT: break;
	}
	return NULL;
}

static json_t *
json_answers(const struct contact *c)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; o != NULL && i < c->n_answers; i++)
		json_object_set_new(o, c->answers[i].question,
		    json_string(c->answers[i].answer == ANSWER_YES ? "yes" : "no"));
	return o;
}

static json_t *
json_value(const struct contact *c, enum codec_field i, const char *text)
{
	json_t *a;
	size_t k;

	if (kinds[i] == K_ANSWERS)
		return c->n_answers ? json_answers(c) : json_null();
	if (kinds[i] == K_LIST) {
		a = json_array();
		for (k = 0; a != NULL && k < c->n_standards; k++)
			json_array_append_new(a, json_string(c->standards[k]));
		return a;
	}
	if (text == NULL)
		return json_null();
	if (kinds[i] == K_INT)
		return json_integer(strtoll(text, NULL, 10));
	if (kinds[i] == K_TRI)
		return json_boolean(strcmp(text, "yes") == 0);
	return json_string(text);
}

/* The protected columns are the protected fields, in the same order. */
_Static_assert(F_COUNT - CODEC_FIRST_PROTECTED == PF_COUNT &&
    F_CUSTOMER_EMAIL - CODEC_FIRST_PROTECTED == PF_EMAIL,
    "protected columns follow enum protected_field");

bool
codec_withheld(enum codec_field i, unsigned withheld)
{
	return i >= CODEC_FIRST_PROTECTED && i < F_COUNT &&
	    (withheld & (1u << (i - CODEC_FIRST_PROTECTED))) != 0;
}

json_t *
codec_contact_json(const struct contact *c, bool protected, unsigned withheld)
{
	json_t *o = json_object(), *v;
	char *text;
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;

	for (i = 0; o != NULL && i < n; i++) {
		if (codec_withheld((enum codec_field)i, withheld))
			continue;
		text = codec_field_text(c, (enum codec_field)i);
		v = json_value(c, (enum codec_field)i, text);
		free(text);
		if (v == NULL || json_object_set_new(o, codec_names[i], v) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}
