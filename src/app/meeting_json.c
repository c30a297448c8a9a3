/* meeting_json.c - the staff-meeting report as JSON, and a measures
 * report's rows (also `cslog report --by shopper... --format json`).
 * A share is {n, of, pct, lo, hi}: pct and its 95 % interval in percent
 * with one decimal (stats_pct, as the page prints them; null when there
 * is nothing to divide by); a survey share adds too_few and the mean on
 * the 1-5 scale {mean, lo, hi} with two decimals.  docs/measures.md
 * describes every key. */
#include "cslog/meeting.h"

#include <jansson.h>

#include "cslog/app_time.h"

#define REAL(x) json_real(x)

static json_t *
pct_or_null(const struct stat_share *s, double v)
{
	return s->n > 0 ? REAL(stats_pct(v)) : json_null();
}

static json_t *
share(const struct stat_share *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", json_integer(s->k));
	json_object_set_new(o, "of", json_integer(s->n));
	json_object_set_new(o, "pct", pct_or_null(s, s->p));
	json_object_set_new(o, "lo", pct_or_null(s, s->lo));
	json_object_set_new(o, "hi", pct_or_null(s, s->hi));
	return o;
}

static json_t *
survey_share(const struct stat_share *s, const struct stat_mean *m)
{
	json_t *o = share(s), *mean;

	json_object_set_new(o, "too_few", json_boolean(s->few));
	if (m->n > 0) {
		mean = json_pack("{s:I, s:o, s:o, s:o}", "n", (json_int_t)m->n,
		    "mean", REAL(stats_round2(m->mean)), "lo", REAL(stats_round2(m->lo)),
		    "hi", REAL(stats_round2(m->hi)));
		json_object_set_new(o, "mean", mean);
	}
	return o;
}

json_t *
mreport_json(const struct mreport *r)
{
	json_t *rows = json_array(), *o, *x;
	size_t i;

	for (i = 0; rows != NULL && i < r->n; i++) {
		const struct mreport_row *row = &r->rows[i];

		x = mreport_is_shopper(r->by) || r->by == MREPORT_RESPONSE_RATE ?
		    share(&row->share) : survey_share(&row->share, &row->mean);
		json_object_set_new(x, "value", json_string(row->value));
		if (row->words[0] != '\0')
			json_object_set_new(x, "words", json_string(row->words));
		if (mreport_is_shopper(r->by)) {
			json_object_set_new(x, "evaluations", json_integer(row->evaluations));
			json_object_set_new(x, "perfect", json_integer(row->perfect));
		}
		json_array_append_new(rows, x);
	}
	o = json_pack("{s:s, s:o}", "by", mreport_by_name(r->by), "rows", rows);
	if (o != NULL && r->question != NULL)
		json_object_set_new(o, "question", json_string(r->question));
	if (o != NULL && r->has_diff)
		json_object_set_new(o, "difference", json_pack("{s:o, s:o, s:o, s:b}",
		    "pct", REAL(stats_pct(r->diff.d)), "lo", REAL(stats_pct(r->diff.lo)),
		    "hi", REAL(stats_pct(r->diff.hi)), "too_few", r->diff.few));
	return o;
}

static json_t *
log_part(const struct meeting *m, json_t *o)
{
	json_t *b = json_array(), *q = json_array(), *x;
	size_t i;

	json_object_set_new(o, "contacts", json_integer(m->contacts));
	json_object_set_new(o, "empowered", share(&m->empowered));
	json_object_set_new(o, "needs_met", share(&m->needs_met));
	json_object_set_new(o, "needs_unknown", json_integer(m->needs_unknown));
	json_object_set_new(o, "added_value", share(&m->added_value));
	x = share(&m->most_failed_share);
	json_object_set_new(x, "question", m->most_failed[0] ? json_string(m->most_failed) :
	                    json_null());
	json_object_set_new(o, "most_failed", x);
	json_object_set_new(o, "per", json_string(m->monthly ? "month" : "week"));
	for (i = 0; i < m->n_buckets; i++) {
		x = json_pack("{s:s, s:s, s:I, s:o}", "start", m->buckets[i].start,
		    "end", m->buckets[i].end, "contacts", (json_int_t)m->buckets[i].contacts,
		    "empowered", share(&m->buckets[i].empowered));
		json_array_append_new(b, x);
	}
	json_object_set_new(o, "buckets", b);
	for (i = 0; i < m->questions.n; i++) {
		struct stat_share s;

		stats_share(m->questions.rows[i].n, m->questions.rows[i].of, &s);
		x = share(&s);
		json_object_set_new(x, "question", json_string(m->questions.rows[i].value));
		json_array_append_new(q, x);
	}
	json_object_set_new(o, "questions_failed", q);
	json_object_set_new(o, "followups", json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}",
	    "done", (json_int_t)m->fu_done, "on_target", (json_int_t)m->fu_on_target,
	    "within_limit", (json_int_t)m->fu_within_limit, "late", (json_int_t)m->fu_late,
	    "open", (json_int_t)m->fu_open, "overdue", (json_int_t)m->fu_overdue));
	json_object_set_new(o, "debriefed", share(&m->debriefed));
	json_object_set_new(o, "knowledge", json_pack("{s:o, s:o, s:I}",
	    "scenarios", share(&m->scenarios), "quiz", share(&m->quiz),
	    "members", (json_int_t)m->members_tested));
	return o;
}

static json_t *
measures_part(const struct meeting *m, json_t *o)
{
	json_t *list = json_array(), *x;
	char at[32];
	size_t i;

	x = json_pack("{s:I, s:I, s:o, s:o}", "evaluations", (json_int_t)m->evaluations,
	    "perfect", (json_int_t)m->perfect, "items", share(&m->shopper),
	    "by_item", mreport_json(&m->shopper_items));
	json_object_set_new(o, "shopper", x);
	x = json_pack("{s:s?, s:o, s:o*, s:o*}", "headline", m->headline,
	    "by_question", mreport_json(&m->satisfaction),
	    "by_month", m->headline != NULL ? mreport_json(&m->sat_month) : NULL,
	    "doctrine", m->headline != NULL ? mreport_json(&m->doctrine) : NULL);
	json_object_set_new(o, "satisfaction", x);
	json_object_set_new(o, "responses", json_pack("{s:I, s:I, s:o}",
	    "responses", (json_int_t)m->responses, "linked", (json_int_t)m->linked,
	    "per_contact", share(&m->response_rate)));
	for (i = 0; i < m->n_recognitions; i++) {
		app_time_iso(m->recognitions[i].at, at, sizeof at);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "member", m->recognitions[i].badge, "name", m->recognitions[i].name,
		    "kind", record_recognition_kind_name(m->recognitions[i].kind),
		    "reason", m->recognitions[i].reason, "at", at));
	}
	json_object_set_new(o, "recognitions", json_pack("{s:I, s:I, s:I, s:o}",
	    "award", (json_int_t)m->recognized[RECOGNITION_AWARD],
	    "letter", (json_int_t)m->recognized[RECOGNITION_LETTER],
	    "reinforcement", (json_int_t)m->recognized[RECOGNITION_REINFORCEMENT],
	    "list", list));
	return o;
}

int
meeting_json(const struct meeting *m, FILE *f)
{
	json_t *o = json_object();
	char made[32];
	int rc;

	if (o == NULL)
		return -1;
	app_time_iso(m->made_at, made, sizeof made);
	json_object_set_new(o, "report", json_string("staff-meeting"));
	json_object_set_new(o, "period", json_pack("{s:s, s:s}", "since", m->since,
	                                           "until", m->until));
	json_object_set_new(o, "policy", m->policy != NULL ? json_string(m->policy) :
	                    json_null());
	json_object_set_new(o, "made_at", json_string(made));
	log_part(m, o);
	measures_part(m, o);
	rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10));
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	json_decref(o);
	return rc == 0 ? 0 : -1;
}
