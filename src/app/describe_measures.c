/* describe_measures.c - `cslog policy show`: the secret-shopper items and
 * survey questions a policy has in effect, each said to be cslog's own
 * (policies/measures.yaml) or the policy's, never the document's; and
 * the privacy class of survey comments. */
#include <stdio.h>
#include <stdlib.h>

#include "cslog/app_policy.h"
#include "cslog/measures.h"
#include "cslog/text.h"

static void
put(FILE *f, const char *s)
{
	char *safe = text_safe(s != NULL ? s : "", TEXT_ONE_LINE);

	fputs(safe != NULL ? safe : "", f);
	free(safe);
}

static const char *
whose_item(const struct policy *p, const struct measure_item *m)
{
	return m >= p->eval_own && m < p->eval_own + p->n_eval_own ? "the policy's own" :
	       "cslog's";
}

static const char *
whose_question(const struct policy *p, const struct survey_question *q)
{
	return q >= p->survey_own && q < p->survey_own + p->n_survey_own ? "the policy's own" :
	       "cslog's";
}

void app_describe_measures(FILE *f, const struct policy *p);

void
app_describe_measures(FILE *f, const struct policy *p)
{
	const struct survey_question *head = policy_survey_headline(p);
	size_t i;

	fprintf(f, "\nSecret-shopper items besides the standards (%zu; none is the document's)\n",
	        p->n_eval);
	for (i = 0; i < p->n_eval; i++) {
		const struct measure_item *m = p->eval[i];

		fprintf(f, "  %s: %s", m->id, measure_type_name(m->type));
		if (m->at_most == MEASURE_AT_MOST_LIMIT)
			fputs(", at most the follow-up limit of the channel", f);
		else if (m->type == MEASURE_HOURS && m->at_most >= 0)
			fprintf(f, ", at most %g hours", (double)m->at_most / 60.0);
		else if (m->at_most >= 0)
			fprintf(f, ", at most %ld", m->at_most);
		if (m->standard != NULL) {
			fputs(policy_standard(p, m->standard) != NULL ? ", measures standard " :
			      m->alone ? ", asked alone (no standard " : ", not asked (no standard ", f);
			put(f, m->standard);
			fputs(policy_standard(p, m->standard) != NULL ? "" : ")", f);
		}
		fprintf(f, " (%s)\n    ", whose_item(p, m));
		put(f, m->label);
		fputc('\n', f);
	}
	fprintf(f, "\nSatisfaction survey questions (%zu; none is the document's)\n", p->n_survey);
	for (i = 0; i < p->n_survey; i++) {
		const struct survey_question *q = p->survey[i];

		fprintf(f, "  %s: %s%s (%s)\n    ", q->id, survey_scale_name(q->scale),
		        q == head ? ", the headline" : "", whose_question(p, q));
		put(f, q->text);
		fputc('\n', f);
	}
	fprintf(f, "  survey comments: privacy class %s%s\n", policy_class_name(p->comment_class),
	        p->comment_class == PRIVACY_PROTECTED ? " (cslog's default)" : "");
}
