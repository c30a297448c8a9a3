/* query_measures.h - what the front ends ask of the measures and what
 * comes back besides records: their filter, the counts reports make of
 * evaluations and survey answers, a member's evidence for recognition.
 * Plain values, shared by the store (which answers them) and the layers
 * above, like query.h for the log. */
#ifndef CSLOG_QUERY_MEASURES_H
#define CSLOG_QUERY_MEASURES_H

#include <stdint.h>

/* Which records: the times (`at`: when the test contact was made, the
 * customer answered; a recognition's logged_at) from since to until
 * inclusive, 0 open; one policy or all; one member or everyone. */
struct measure_filter {
	int64_t since, until;
	const char *policy_id;   /* NULL: every policy */
	int64_t member_id;       /* evaluations: the member evaluated; surveys: the
	                            member of the linked contact; recognitions:
	                            the member recognized.  0: everyone */
	int64_t evaluator_id;    /* evaluations: entered by (0: anyone) */
	int64_t max_id;          /* surveys: none after this id (a bulk read
	                            audited first reads no more); 0: no bound */
};

enum shopper_by {
	SHOPPER_BY_ITEM = 0,   /* value: the item's id */
	SHOPPER_BY_CHANNEL,
	SHOPPER_BY_MEMBER,     /* the badge; "" not known */
	SHOPPER_BY_MONTH,      /* "YYYY-MM" (UTC) */
	SHOPPER_BY_ALL,        /* one row, value "all" */
};
struct shopper_tally {
	const char *value;
	int64_t evaluations;   /* evaluations in the group */
	int64_t perfect;       /* of them, every item scored met */
	int64_t met, scored;   /* items met, of items met or not met */
};
enum survey_by {
	SURVEY_BY_QUESTION = 0,  /* every question; value its id */
	SURVEY_BY_KIND,          /* the rest: one question's answers, of */
	SURVEY_BY_CHANNEL,       /* responses linked to a contact */
	SURVEY_BY_OUTCOME,
	SURVEY_BY_MEMBER,        /* the badge */
	SURVEY_BY_MONTH,         /* "YYYY-MM" of the answer (every response) */
	SURVEY_BY_DOCTRINE,      /* "added-value-empowered" or "other" */
	SURVEY_BY_ALL,           /* one row "all" (every response) */
};
struct survey_tally {
	const char *value;
	int64_t n;               /* answers */
	int64_t satisfied;       /* 4 or 5 on a 1-5 question; yes on yes-no */
	int64_t n_scale;         /* of them, on the 1-5 scale */
	double sum, sumsq;       /* of the 1-5 scores */
};
/* A member's evidence for recognition over a period: everything a
 * supervisor weighs, counted (the period: contacts, reviews, evaluations
 * and responses by their time; drills by theirs). */
struct evidence {
	int64_t member_id;
	const char *badge, *name;
	int64_t contacts;          /* current versions */
	int64_t added_value;       /* of them, with added value */
	int64_t commendations;     /* commendations of their contacts */
	int64_t evaluations, perfect;  /* secret-shopper evaluations; every item met */
	int64_t responses, satisfied;  /* answers to the headline question about
	                                  their contacts; satisfied (4-5) */
	int64_t drill_right, drill_asked;  /* drill and quiz answers */
	int64_t recognitions;      /* recognitions logged in the period */
};
enum evidence_kind {
	EVIDENCE_COMMEND = 0,   /* id: the contact; text: the note */
	EVIDENCE_ADDED_VALUE,   /* id: the contact; text: what was added; text2: summary */
	EVIDENCE_PERFECT,       /* id: the evaluation; text: channel */
	EVIDENCE_SURVEY,        /* id: the response; score: headline; text2: has comment */
	EVIDENCE_RECOGNITION,   /* id: the recognition; text: kind; text2: reason */
};
struct evidence_item {
	enum evidence_kind kind;
	int64_t id, at;
	int score;
	const char *text, *text2;
};
#endif
