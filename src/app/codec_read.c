/* codec_read.c - a contact from CSV fields or a JSON object. */
#include "codec.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/empower.h"

void
codec_row_free(struct codec_row *r)
{
	int i;

	for (i = 0; i < F_COUNT; i++)
		free(r->text[i]);
	memset(r, 0, sizeof *r);
}

/* An id: digits only, 1 .. 2^53 - 1 (never clamped: a number too big
 * is refused, naming it). */
static int
parse_int(const char *name, const char *s, int64_t *out, struct cs_err *err)
{
	char *end = NULL;
	long long v;

	*out = 0;
	if (s == NULL)
		return CS_OK;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || s[0] < '0' || s[0] > '9')
		return cs_err_set(err, CS_DATAERR, "%s: '%.40s' is not a positive number", name, s);
	if (errno == ERANGE || v <= 0 || v >= RECORD_NUM_LIMIT)
		return cs_err_set(err, CS_DATAERR, "%s: %.40s is outside 1 to 2^53 - 1"
		    " (9007199254740991)", name, s);
	*out = (int64_t)v;
	return CS_OK;
}

static int
parse_time(const char *name, const char *s, int64_t *out, struct cs_err *err)
{
	size_t n;

	*out = 0;
	if (s == NULL)
		return CS_OK;
	n = strlen(s);
	if (n == 0 || s[n - 1] != 'Z' ||
	    app_time_parse(s, 0, 0, out, NULL) != CS_OK)
		return cs_err_set(err, CS_DATAERR, "%s: '%s' is not a time like 2026-11-24T09:13:00Z",
		    name, s);
	return CS_OK;
}

static int
parse_tri(const char *name, const char *s, enum record_tri *out, struct cs_err *err)
{
	enum answer a;

	*out = TRI_UNKNOWN;
	if (s == NULL)
		return CS_OK;
	a = empower_parse_answer(s);
	if (a == ANSWER_UNSET)
		return cs_err_set(err, CS_DATAERR, "%s: '%s' is not yes or no", name, s);
	*out = a == ANSWER_YES ? TRI_YES : TRI_NO;
	return CS_OK;
}

/* "q=yes;q2=no": splits text in place. */
static int
parse_answers(struct codec_row *r, char *s, struct cs_err *err)
{
	char *tok, *save = NULL, *eq;
	enum answer a;

	r->c.n_answers = 0;
	if (s == NULL)
		return CS_OK;
	for (tok = strtok_r(s, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		eq = strchr(tok, '=');
		a = eq ? empower_parse_answer(eq + 1) : ANSWER_UNSET;
		if (eq == NULL || a == ANSWER_UNSET || r->c.n_answers == POLICY_MAX_QUESTIONS)
			return cs_err_set(err, CS_DATAERR,
			    "answers: '%s' is not question=yes or question=no", tok);
		*eq = '\0';
		r->c.answers[r->c.n_answers].question = tok;
		r->c.answers[r->c.n_answers].answer = a;
		r->c.n_answers++;
	}
	return CS_OK;
}

static int
parse_list(struct codec_row *r, char *s, struct cs_err *err)
{
	char *tok, *save = NULL;
	size_t n = 0, max = sizeof r->std_ptrs / sizeof r->std_ptrs[0];

	if (s != NULL) {
		for (tok = strtok_r(s, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
			if (n == max)
				return cs_err_set(err, CS_DATAERR, "standards: more than %zu", max);
			r->std_ptrs[n++] = tok;
		}
	}
	r->c.standards = r->std_ptrs;
	r->c.n_standards = n;
	return CS_OK;
}

static int
copy_texts(struct codec_row *r, const char *const *vals)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		r->text[i] = vals[i] != NULL && *vals[i] != '\0' ? strdup(vals[i]) : NULL;
		if (vals[i] != NULL && *vals[i] != '\0' && r->text[i] == NULL)
			return -1;
	}
	return 0;
}

int
codec_row_from_texts(struct codec_row *r, const char *const *vals, struct cs_err *err)
{
	char **t = r->text;
	struct contact *c = &r->c;
	int rc;

	memset(r, 0, sizeof *r);
	if (copy_texts(r, vals) != 0)
		return cs_err_set(err, CS_OSERR, "out of memory");
	c->policy_id = t[F_POLICY];
	c->policy_version = t[F_POLICY_VERSION];
	c->kind = t[F_KIND];
	c->channel = t[F_CHANNEL];
	c->outcome = t[F_OUTCOME];
	c->summary = t[F_SUMMARY];
	c->added_value = t[F_ADDED_VALUE];
	c->referral_to = t[F_REFERRAL_TO];
	c->decision = t[F_DECISION];
	c->appeal_info = t[F_APPEAL_INFO];
	c->call_ref = t[F_CALL];
	c->amend_reason = t[F_AMEND_REASON];
	c->customer_name = t[F_CUSTOMER_NAME];
	c->customer_phone = t[F_CUSTOMER_PHONE];
	c->customer_address = t[F_CUSTOMER_ADDRESS];
	c->customer_email = t[F_CUSTOMER_EMAIL];
	r->member_badge = t[F_MEMBER];
	r->member_name = t[F_MEMBER_NAME];
	if ((rc = parse_int("id", t[F_ID], &c->id, err)) ||
	    (rc = parse_int("amends", t[F_AMENDS], &c->amends, err)) ||
	    (rc = parse_int("superseded_by", t[F_SUPERSEDED_BY], &c->superseded_by, err)) ||
	    (rc = parse_time("at", t[F_AT], &c->at, err)) ||
	    (rc = parse_time("logged_at", t[F_LOGGED_AT], &c->logged_at, err)) ||
	    (rc = parse_tri("needs_met", t[F_NEEDS_MET], &c->needs_met, err)) ||
	    (rc = parse_tri("empowered", t[F_EMPOWERED], &c->empowered, err)) ||
	    (rc = parse_tri("referee_contacted", t[F_REFEREE_CONTACTED],
	        &c->referee_contacted, err)) ||
	    (rc = parse_answers(r, t[F_ANSWERS], err)) ||
	    (rc = parse_list(r, t[F_STANDARDS], err)))
		return rc;
	if (r->member_badge == NULL)
		return cs_err_set(err, CS_DATAERR, "member: missing");
	return CS_OK;
}

/* A JSON value as the text the CSV column would hold (malloc'd). */
static int
json_text(json_t *v, int field, char **out, struct cs_err *err)
{
	const char *key;
	json_t *x;
	size_t i, len = 1;
	char *s, num[32];

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return CS_OK;
	if (json_is_string(v))
		*out = strdup(json_string_value(v));
	else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = strdup(num);
	} else if (json_is_boolean(v))
		*out = strdup(json_is_true(v) ? "yes" : "no");
	else if (json_is_object(v) && field == F_ANSWERS) {
		json_object_foreach(v, key, x)
			len += strlen(key) + 6;
		if ((s = *out = calloc(1, len)) != NULL) {
			json_object_foreach(v, key, x) {
				if (!json_is_string(x) && !json_is_boolean(x))
					return cs_err_set(err, CS_DATAERR, "answers: '%s' is not yes or no", key);
				strcat(strcat(strcat(s, *s ? ";" : ""), key), "=");
				strcat(s, json_is_string(x) ? (strcmp(json_string_value(x), "yes") == 0 ?
				    "yes" : strcmp(json_string_value(x), "no") == 0 ? "no" : "?") :
				    json_is_true(x) ? "yes" : "no");
			}
		}
	} else if (json_is_array(v) && field == F_STANDARDS) {
		json_array_foreach(v, i, x) {
			if (!json_is_string(x))
				return cs_err_set(err, CS_DATAERR, "standards: not a list of ids");
			len += strlen(json_string_value(x)) + 1;
		}
		if ((s = *out = calloc(1, len)) != NULL) {
			json_array_foreach(v, i, x)
				strcat(strcat(s, i ? ";" : ""), json_string_value(x));
		}
	} else {
		return cs_err_set(err, CS_DATAERR, "%s: unexpected JSON type", codec_names[field]);
	}
	if (*out == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

int
codec_row_from_json(struct codec_row *r, json_t *obj, struct cs_err *err)
{
	char *texts[F_COUNT] = { 0 };
	const char *key;
	json_t *v;
	int i, rc = CS_OK;

	memset(r, 0, sizeof *r);
	if (!json_is_object(obj))
		return cs_err_set(err, CS_DATAERR, "a line must be a JSON object");
	json_object_foreach(obj, key, v) {
		if (codec_field_index(key) < 0) {
			rc = cs_err_set(err, CS_DATAERR, "unknown field '%s'", key);
			break;
		}
	}
	for (i = 0; rc == CS_OK && i < F_COUNT; i++)
		rc = json_text(json_object_get(obj, codec_names[i]), i, &texts[i], err);
	if (rc == CS_OK)
		rc = codec_row_from_texts(r, (const char *const *)texts, err);
	for (i = 0; i < F_COUNT; i++)
		free(texts[i]);
	return rc;
}
