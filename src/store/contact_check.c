/* contact_check.c - the structural checks of a contact before it is
 * written: required fields, lengths, id syntax, times, answers. */
#include "internal.h"

#define STANDARDS_MAX 256

static int
check_answers(const struct contact *c, struct cs_err *err)
{
	size_t i;
	int rc = CS_OK;

	if (c->n_answers > POLICY_MAX_QUESTIONS)
		return cs_err_set(err, CS_DATAERR, "too many answers (%zu)", c->n_answers);
	for (i = 0; rc == CS_OK && i < c->n_answers; i++) {
		rc = check_id("question", c->answers[i].question, true, err);
		if (rc == CS_OK && c->answers[i].answer != ANSWER_YES &&
		    c->answers[i].answer != ANSWER_NO)
			rc = cs_err_set(err, CS_DATAERR, "question %s is not answered",
			                c->answers[i].question);
	}
	if (c->n_standards > STANDARDS_MAX)
		return cs_err_set(err, CS_DATAERR, "too many standards (%zu)", c->n_standards);
	for (i = 0; rc == CS_OK && i < c->n_standards; i++)
		rc = check_id("standard", c->standards[i], true, err);
	return rc;
}

static int
check_texts(const struct contact *c, struct cs_err *err)
{
	const struct { const char *what, *s; } t[] = {
		{ "added value", c->added_value }, { "referral", c->referral_to },
		{ "decision", c->decision }, { "appeal information", c->appeal_info },
		{ "call reference", c->call_ref }, { "customer name", c->customer_name },
		{ "customer phone", c->customer_phone },
		{ "customer address", c->customer_address },
		{ "customer e-mail", c->customer_email },
		{ "follow-up note", c->followup_note },
	};
	size_t i;
	int rc = check_text("summary", c->summary, CONTACT_SUMMARY_MAX, true, err);

	for (i = 0; rc == CS_OK && i < sizeof t / sizeof t[0]; i++)
		rc = check_text(t[i].what, t[i].s, CONTACT_TEXT_MAX, false, err);
	if (rc == CS_OK)
		rc = check_text("policy version", c->policy_version, RECORD_ID_MAX, true, err);
	if (rc == CS_OK && c->amends != 0)
		rc = check_text("the reason for the amendment", c->amend_reason,
		                CONTACT_TEXT_MAX, true, err);
	return rc;
}

int
check_contact(const struct contact *c, struct cs_err *err)
{
	int rc = check_id("policy", c->policy_id, true, err);

	if (rc == CS_OK)
		rc = check_id("customer kind", c->kind, true, err);
	if (rc == CS_OK)
		rc = check_id("channel", c->channel, true, err);
	if (rc == CS_OK)
		rc = check_id("outcome", c->outcome, false, err);
	if (rc == CS_OK)
		rc = check_time("contact time", c->at, true, err);
	if (rc == CS_OK)
		rc = check_time("logging time", c->logged_at, false, err);
	if (rc == CS_OK)
		rc = check_time("follow-up due time", c->followup_due, false, err);
	if (rc == CS_OK && (c->id < 0 || c->id >= RECORD_NUM_LIMIT))
		rc = cs_err_set(err, CS_DATAERR, "contact id %lld is outside 1 to 2^53 - 1",
		                (long long)c->id);
	if (rc == CS_OK && (c->amends < 0 || c->amends >= RECORD_NUM_LIMIT))
		rc = cs_err_set(err, CS_DATAERR, "amends: contact id %lld is outside 1 to"
		                " 2^53 - 1", (long long)c->amends);
	if (rc == CS_OK && c->member_id <= 0)
		rc = cs_err_set(err, CS_DATAERR, "a contact needs a member");
	if (rc == CS_OK)
		rc = check_texts(c, err);
	return rc == CS_OK ? check_answers(c, err) : rc;
}

