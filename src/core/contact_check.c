/* contact_check.c - a contact against its policy's rules. */
#include "cslog/contact_check.h"

#include <string.h>

#include "cslog/deadline.h"
#include "cslog/empower.h"
#include "cslog/text.h"

int
contact_check_text(const char *what, const char *s, size_t max, bool required,
                   struct cs_err *err)
{
	size_t n;

	if (s == NULL || *s == '\0') {
		if (required)
			return cs_err_set(err, CS_DATAERR, "%s is required", what);
		return CS_OK;
	}
	n = strlen(s);
	if (n > max)
		return cs_err_set(err, CS_DATAERR, "%s is too long (%zu bytes, at most %zu)",
		    what, n, max);
	if (!text_valid_utf8(s, n))
		return cs_err_set(err, CS_DATAERR, "%s is not valid UTF-8 text", what);
	return CS_OK;
}

static int
check_ids(const struct policy *p, const struct contact *c, struct cs_err *err)
{
	if (c->kind == NULL || policy_kind(p, c->kind) == NULL)
		return cs_err_set(err, CS_DATAERR, "unknown customer kind '%s' in policy %s",
		    c->kind ? c->kind : "", p->id);
	if (c->channel == NULL || policy_channel(p, c->channel) == NULL)
		return cs_err_set(err, CS_DATAERR, "unknown channel '%s' in policy %s",
		    c->channel ? c->channel : "", p->id);
	if (c->outcome == NULL || policy_outcome(p, c->outcome) == NULL)
		return cs_err_set(err, CS_DATAERR, "unknown outcome '%s' in policy %s",
		    c->outcome ? c->outcome : "", p->id);
	return CS_OK;
}

static int
check_texts(const struct contact *c, struct cs_err *err)
{
	static const struct { const char *what; size_t off; size_t max; } f[] = {
		{ "added value", offsetof(struct contact, added_value), CONTACT_TEXT_MAX },
		{ "referral", offsetof(struct contact, referral_to), CONTACT_TEXT_MAX },
		{ "decision", offsetof(struct contact, decision), CONTACT_TEXT_MAX },
		{ "appeal information", offsetof(struct contact, appeal_info), CONTACT_TEXT_MAX },
		{ "call reference", offsetof(struct contact, call_ref), 64 },
		{ "customer name", offsetof(struct contact, customer_name), 200 },
		{ "customer phone", offsetof(struct contact, customer_phone), 64 },
		{ "customer address", offsetof(struct contact, customer_address), 400 },
		{ "customer e-mail", offsetof(struct contact, customer_email), 254 },
		{ "follow-up note", offsetof(struct contact, followup_note), CONTACT_TEXT_MAX },
	};
	size_t i;
	const char *s;
	int rc = contact_check_text("summary", c->summary, CONTACT_SUMMARY_MAX, true, err);

	for (i = 0; rc == CS_OK && i < sizeof f / sizeof f[0]; i++) {
		memcpy(&s, (const char *)c + f[i].off, sizeof s);
		rc = contact_check_text(f[i].what, s, f[i].max, false, err);
	}
	if (rc == CS_OK && c->customer_email != NULL && *c->customer_email != '\0' &&
	    strchr(c->customer_email, '@') == NULL)
		rc = cs_err_set(err, CS_DATAERR, "customer e-mail '%s' has no '@'",
		    c->customer_email);
	return rc;
}

/* A field the policy does not keep (privacy class not-kept) must be empty. */
static int
check_kept(const struct policy *p, const struct contact *c, struct cs_err *err)
{
	const char *v[PF_COUNT] = {
		c->customer_name, c->customer_phone, c->customer_address, c->customer_email,
	};
	int i;

	for (i = 0; i < PF_COUNT; i++) {
		if (v[i] != NULL && *v[i] != '\0' &&
		    policy_field_class(p, (enum protected_field)i) == PRIVACY_NOT_KEPT)
			return cs_err_set(err, CS_DATAERR,
			    "%s: policy %s does not keep it (privacy class not-kept)",
			    policy_field_label((enum protected_field)i), p->id);
	}
	return CS_OK;
}

static int
check_answers(const struct policy *p, struct contact *c, struct cs_err *err)
{
	enum answer a[POLICY_MAX_QUESTIONS];
	struct empower_result r;
	size_t i;
	bool added = c->added_value != NULL && *c->added_value != '\0';

	c->empowered = TRI_UNKNOWN;
	if (!added && !p->ask_every_contact) {
		if (c->n_answers > 0)
			return cs_err_set(err, CS_DATAERR,
			    "empowerment answers are given but no added-value action");
		return CS_OK;
	}
	if (c->n_answers != p->n_questions && !added)
		return cs_err_set(err, CS_DATAERR,
		    "policy %s asks the empowerment check on every contact: %zu of %zu questions "
		    "answered", p->id, c->n_answers, p->n_questions);
	if (c->n_answers != p->n_questions)
		return cs_err_set(err, CS_DATAERR,
		    "an added-value action needs the empowerment check: %zu of %zu questions answered",
		    c->n_answers, p->n_questions);
	for (i = 0; i < c->n_answers; i++) {
		if (c->answers[i].question == NULL ||
		    strcmp(c->answers[i].question, p->questions[i].id) != 0)
			return cs_err_set(err, CS_DATAERR,
			    "answer %zu is for question '%s', expected '%s'", i + 1,
			    c->answers[i].question ? c->answers[i].question : "",
			    p->questions[i].id);
		a[i] = c->answers[i].answer;
	}
	if (empower_evaluate(p, a, c->n_answers, &r, err) != CS_OK)
		return CS_DATAERR;
	c->empowered = r.empowered ? TRI_YES : TRI_NO;
	return CS_OK;
}

static int
check_requirements(const struct policy *p, struct contact *c, struct cs_err *err)
{
	const struct policy_outcome *o = policy_outcome(p, c->outcome);
	size_t i, j;

	c->negative = o->negative;

	if (o->requires == REQUIRES_REFERRAL &&
	    (c->referral_to == NULL || *c->referral_to == '\0'))
		return cs_err_set(err, CS_DATAERR,
		    "outcome '%s' needs the referral: to whom, and whether they were contacted",
		    o->id);
	if (o->requires == REQUIRES_REFERRAL && c->referee_contacted == TRI_UNKNOWN)
		return cs_err_set(err, CS_DATAERR,
		    "outcome '%s': say whether the referee was contacted (no blind referrals)",
		    o->id);
	if (o->requires == REQUIRES_APPEAL &&
	    (c->decision == NULL || *c->decision == '\0' ||
	     c->appeal_info == NULL || *c->appeal_info == '\0'))
		return cs_err_set(err, CS_DATAERR,
		    "outcome '%s' needs the decision and the appeal information given", o->id);
	for (i = 0; i < c->n_standards; i++) {
		for (j = 0; j < p->n_standards; j++) {
			if (c->standards[i] && strcmp(c->standards[i], p->standards[j].id) == 0)
				break;
		}
		if (j == p->n_standards)
			return cs_err_set(err, CS_DATAERR, "unknown standard '%s' in policy %s",
			    c->standards[i] ? c->standards[i] : "", p->id);
	}
	return CS_OK;
}

/* A follow-up's limit: the policy's for the channel unless given (the
 * member sets the target; the document's limit still holds). */
static int
check_clock(const struct policy *p, struct contact *c, struct cs_err *err)
{
	if (c->followup_due == 0) {
		c->followup_limit = 0;
		return CS_OK;
	}
	if (c->followup_limit == 0)
		c->followup_limit = deadline_limit_for(policy_followup_for(p, c->channel), c->at,
		                                       c->followup_due);
	if (c->followup_limit < c->followup_due)
		return cs_err_set(err, CS_DATAERR, "the follow-up's limit is before its target");
	return CS_OK;
}

int
contact_check(const struct policy *p, struct contact *c, struct cs_err *err)
{
	int rc;

	if ((rc = check_ids(p, c, err)) != CS_OK)
		return rc;
	if ((rc = check_kept(p, c, err)) != CS_OK)
		return rc;
	if ((rc = check_texts(c, err)) != CS_OK)
		return rc;
	if ((rc = check_answers(p, c, err)) != CS_OK)
		return rc;
	if ((rc = check_requirements(p, c, err)) != CS_OK)
		return rc;
	if (c->at <= 0)
		return cs_err_set(err, CS_DATAERR, "the contact has no time");
	if (c->amends != 0 && (c->amend_reason == NULL || *c->amend_reason == '\0'))
		return cs_err_set(err, CS_DATAERR, "an amendment needs a reason");
	return check_clock(p, c, err);
}
