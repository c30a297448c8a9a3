/* app_measures.h - the measures of the ICMA presentation's "Measuring
 * Performance for Customer Service", as use cases (app layer):
 * secret-shopper evaluations, citizen satisfaction surveys (their
 * comments a privacy class of their own, every read audited), the
 * recognition program, and their reports.  Who may do what is the
 * permission table's (APP_SHOPPER_*, APP_SURVEY_*, APP_RECOGNITION_*):
 * a member sees their own, supervisors everyone's, an evaluator only
 * the evaluations they entered. */
#ifndef CSLOG_APP_MEASURES_H
#define CSLOG_APP_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cslog/app.h"
#include "cslog/measures.h"
#include "cslog/record_measures.h"
#include "cslog/query_measures.h"
#include "cslog/stats.h"

/* ---- evaluations (shopper.c) ------------------------------------------- */

/* The form of an evaluation under policy_id on channel: *pp the policy,
 * out[0 .. *n) its slots (eval_form; out has room for cap).  CS_USAGE
 * when the policy or the channel is unknown. */
int app_shopper_form(struct app *a, const char *policy_id, const char *channel,
                     const struct policy **pp, struct eval_slot *out, size_t cap, size_t *n,
                     struct cs_err *err);

/* Keep an evaluation (APP_SHOPPER_ADD).  e->items are the evaluator's
 * answers by item id, every slot of the form once: a slot judged by
 * eye has its result (met, not met, not observed); a measured one its
 * value (or not observed), from which cslog judges it.  e->at 0: now;
 * e->policy_version is set.  *id the new id. */
int app_shopper_add(struct app *a, const struct app_actor *who, struct shopper_eval *e,
                    int64_t *id, struct cs_err *err);
int app_shopper_get(struct app *a, const struct app_actor *who, int64_t id,
                    struct shopper_eval *out, struct cs_err *err);
/* f is narrowed to who's scope (a member: evaluations of them; an
 * evaluator: those they entered). */
int app_shopper_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                     int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                     struct cs_err *err);
/* The words of item id under policy p (a standard's text, a measure's
 * label); the id itself when p no longer has it. */
const char *app_shopper_item_words(const struct policy *p, const char *id);

/* ---- surveys (survey.c) ------------------------------------------------ */

/* Keep a response (APP_SURVEY_ADD).  r->contact_id links it to a contact
 * (whose policy it then takes when r->policy_id is NULL); each answer's
 * question must be one of the policy's survey questions in effect and
 * its score on that question's scale (r->answers[i].scale is set).  A
 * comment is refused when the policy does not keep survey comments
 * (privacy class not-kept). */
int app_survey_add(struct app *a, const struct app_actor *who, struct survey_response *r,
                   int64_t *id, struct cs_err *err);
/* One response (APP_SURVEY_READ on the member of its contact); with
 * comment, its comment too (APP_SURVEY_COMMENT), that read an audit
 * event, refused when it cannot be written. */
int app_survey_get(struct app *a, const struct app_actor *who, int64_t id, bool comment,
                   struct survey_response *out, struct cs_err *err);
/* The responses of f (a member: those about their contacts).  With
 * comments (APP_SURVEY_COMMENT) the read is first recorded as one audit
 * event (the filter, the count, a hash of the ids), and comments whose
 * policy makes them `restricted` are left out (*withheld counts them). */
int app_survey_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                    bool comments, int (*cb)(void *ctx, const struct survey_response *r),
                    void *ctx, size_t *withheld, struct cs_err *err);
/* The question of a response's policy (NULL: no longer in it). */
const struct survey_question *app_survey_question(struct app *a, const char *policy_id,
                                                  const char *question);
/* The headline question's id for the reports (policy_id's, or the one
 * most loaded policies share); NULL when no policy has one. */
const char *app_survey_headline(struct app *a, const char *policy_id);

/* survey_import.c: a survey tool's CSV export, whose headers are its
 * question texts.  map (NULL: none) is a CSV of two columns, header text
 * and question id; a header that is a question id needs no line.  A
 * column `contact` (a contact id) or `call` (a call reference: its one
 * current contact) links a response; `comment`, `at` (when answered;
 * default now), `ref` (the tool's response id) are read when there.
 * Every row is checked like an import: bad rows are named by line and
 * nothing is written unless all are good, or skip_bad. */
struct survey_import_opts {
	const char *policy_id;     /* NULL: the only policy, or each row's contact's */
	bool skip_bad;
	/* Each problem: in the map (in_map) or the file, at line. */
	void (*on_error)(void *ctx, bool in_map, long line, const char *msg);
	void *ctx;
};
struct survey_import_stats {
	size_t imported, bad, rows;
	bool unreadable;           /* the header or the map is bad: nothing read */
};
int app_survey_import(struct app *a, const struct app_actor *who, FILE *in, FILE *map,
                      const struct survey_import_opts *o, struct survey_import_stats *st,
                      struct cs_err *err);

/* ---- recognition (recognition.c) --------------------------------------- */

/* A supervisor records a recognition of r->member_id (APP_RECOGNITION_ADD). */
int app_recognition_add(struct app *a, const struct app_actor *who, struct recognition *r,
                        int64_t *id, struct cs_err *err);
/* Recognitions logged in f's period (a member: their own). */
int app_recognition_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                         int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                         struct cs_err *err);
/* Each member's evidence over f's period (APP_RECOGNITION_READ; a member:
 * their own), and the items behind one member's (at most `each` of every
 * kind).  Survey comments are not among them: read them with
 * app_survey_get where who may. */
int app_evidence(struct app *a, const struct app_actor *who, struct measure_filter *f,
                 int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                 struct cs_err *err);
int app_evidence_items(struct app *a, const struct app_actor *who,
                       const struct measure_filter *f, int64_t member_id, size_t each,
                       int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                       struct cs_err *err);

/* ---- reports (measures_report.c) --------------------------------------- */

enum mreport_by {
	MREPORT_SHOPPER,              /* items met, by standard or measure */
	MREPORT_SHOPPER_CHANNEL,
	MREPORT_SHOPPER_MEMBER,
	MREPORT_SHOPPER_MONTH,
	MREPORT_SATISFACTION,         /* satisfied, by question */
	MREPORT_SATISFACTION_KIND,    /* the headline question's, by ... */
	MREPORT_SATISFACTION_CHANNEL,
	MREPORT_SATISFACTION_OUTCOME,
	MREPORT_SATISFACTION_MEMBER,
	MREPORT_SATISFACTION_MONTH,
	MREPORT_SATISFACTION_DOCTRINE, /* added value and empowered, or not */
	MREPORT_RESPONSE_RATE,        /* responses per contact */
	MREPORT_COUNT
};

struct mreport_row {
	char *value;             /* the id, badge, month ... */
	char *words;             /* what it is, in words ("" none) */
	int64_t evaluations;     /* shopper: evaluations in the group */
	int64_t perfect;         /* shopper: every item met */
	struct stat_share share; /* shopper: items met of scored; satisfaction:
	                            satisfied of answers; rate: responses of contacts */
	struct stat_mean mean;   /* satisfaction on the 1-5 scale (n 0: none) */
};

struct mreport {
	enum mreport_by by;
	struct mreport_row *rows;   /* owned */
	size_t n;
	const char *question;       /* satisfaction: the question counted */
	bool has_diff;              /* doctrine: the first row minus the second */
	struct stat_diff diff;
};

/* "shopper", "shopper-channel", ..., "satisfaction", "response-rate"; -1. */
int mreport_parse_by(const char *s);
const char *mreport_by_name(enum mreport_by by);
/* Is this a report of evaluations (else of surveys)? */
bool mreport_is_shopper(enum mreport_by by);

/* Over UTC days since..until ("YYYY-MM-DD" or NULL) and one policy or
 * all.  A member's figures are of their own evaluations and contacts;
 * figures member by member need APP_REPORT_BY_MEMBER. */
int mreport_run(struct app *a, const struct app_actor *who, enum mreport_by by,
                const char *since_day, const char *until_day, const char *policy,
                struct mreport *out, struct cs_err *err);
void mreport_free(struct mreport *r);

/* The period as unix times: the first second of since_day, the last of
 * until_day (UTC); 0 for NULL. */
void app_day_bounds(const char *since_day, const char *until_day, int64_t *since,
                    int64_t *until);

#endif
