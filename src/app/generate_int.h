/* generate_int.h - what the generator's files share (src/app only):
 * the random numbers, the texts, the simulated timeline of events. */
#ifndef CSLOG_GENERATE_INT_H
#define CSLOG_GENERATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/generate.h"
#include "app_int.h"
#include "cslog/policy.h"
#include "cslog/record.h"

/* ---- random numbers (xoshiro256**, seeded by splitmix64) ---- */
struct gen_rng {
	uint64_t s[4];
};

void gen_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_next(struct gen_rng *r);
/* 0 .. n-1 (n > 0). */
uint64_t gen_below(struct gen_rng *r, uint64_t n);
/* lo .. hi inclusive. */
int64_t gen_range(struct gen_rng *r, int64_t lo, int64_t hi);
/* [0, 1). */
double gen_unit(struct gen_rng *r);
/* True per_mille times in 1000. */
bool gen_chance(struct gen_rng *r, unsigned per_mille);

/* ---- texts (generate_text.c) ---- */
enum gen_chan { CH_SCENE, CH_PHONE, CH_VOICE, CH_WRITTEN, CH_EMAIL, CH_PERSON };
enum gen_kind { KI_RECIPIENT, KI_CLOSE, KI_ENCOUNTERED, KI_INTERNAL };
/* How a contact ended, as far as its summary tells. */
enum gen_outc { OC_NORMAL, OC_NO_REACH, OC_REFUSED, OC_COMPLAINT, OC_REFERRED, OC_DECLINED };

/* Short lists of plausible texts, picked at random. */
enum gen_list {
	L_REFERRAL, L_DECISION, L_APPEAL, L_FU_NOTE, L_DONE_NOTE, L_PAUSE,
	L_SIGN_OFF, L_DEBRIEF, L_COMMEND, L_WRONG_ANSWER, L_COUNT
};

/* What a channel or customer-kind id is like, from its words. */
enum gen_chan gen_chan_of(const char *channel_id);
enum gen_kind gen_kind_of(const char *kind_id);
enum gen_outc gen_outc_of(const struct policy_outcome *o);

/* A summary of about 60-250 bytes into out[len]. */
void gen_summary(struct gen_rng *r, enum gen_chan ch, enum gen_kind k, enum gen_outc oc,
                 char *out, size_t len);
/* An added-value action: one a check passes, or one it fails. */
const char *gen_added_value(struct gen_rng *r, bool empowered);
const char *gen_pick(struct gen_rng *r, enum gen_list which);
/* Member i's name (first and last name, varied). */
void gen_member_name(size_t i, char *out, size_t len);
/* A customer: name, phone (555 numbers), address, e-mail. */
void gen_customer(struct gen_rng *r, char *name, char *phone, char *address,
                  char *email, size_t len);
/* What is corrected by an amendment, and why. */
const char *gen_amend_reason(size_t i);
#define GEN_AMEND_REASONS 3

/* ---- the simulation (generate.c, generate_event.c) ---- */
enum gen_ev {
	EV_FU_DONE, EV_FU_PAUSE, EV_FU_RESUME, EV_SIGN_OFF, EV_DEBRIEF, EV_COMMEND,
	EV_AMEND, EV_DRILL, EV_SHOPPER, EV_SURVEY, EV_RECOGNITION
};

struct gen_event {
	int64_t at;
	uint64_t seq;       /* ties broken by order of planning */
	int64_t target;     /* follow-up or contact id; drills: member index */
	int64_t actor;      /* member id (0: the trainee alone, for drills) */
	int64_t t1, t2;     /* later steps: resume, done (0: none) */
	int kind;           /* enum gen_ev */
};

struct gen_member {
	int64_t id;
	int role;           /* enum member_role */
	size_t home;        /* index of the policy they mostly log under */
	double skill;       /* drills: chance of a right answer at the start */
};

/* A policy with its cumulative weights for drawing ids. */
struct gen_pol {
	const struct policy *p;
	unsigned *kind, *chan, *outcome;   /* n_kinds, n_channels, n_outcomes */
	unsigned fail[POLICY_MAX_QUESTIONS];
};

/* The incident in progress: its further contacts share member, policy,
 * channel and call reference. */
struct gen_call {
	size_t left;          /* contacts still to come */
	size_t member, pol;
	const char *channel;
	int64_t at;
	size_t number;        /* of the last call: CAD-000123 */
};

/* A contact being made, with the buffers its strings point into. */
struct gen_contact {
	struct contact c;
	size_t member, pol;   /* indexes */
	bool follow_on;       /* a further contact of a call */
	bool amend;           /* the member will correct it */
	char summary[512];
	char name[96], phone[96], address[96], email[96];
	char call_ref[24];
};

struct gen {
	struct app *a;
	struct store *st;
	const struct generate_opts *o;
	struct generate_stats *stats;
	struct gen_rng rng;
	int64_t end;                 /* the real now: nothing happens after it */
	int64_t start;

	struct gen_member *members;
	size_t n_members;
	size_t *sups, n_sups;        /* indexes of supervisors */
	size_t *trainers, n_trainers;
	double *activity;            /* cumulative, for picking who logs */
	struct gen_pol *pols;
	size_t n_pols;

	struct gen_event *heap;
	size_t n_heap, cap_heap;
	uint64_t seq;

	const char **standards;      /* room for the largest policy's list */

	struct gen_rng mrng;         /* the measures' own stream (generate_measures.c) */
	int64_t evaluator;           /* E1's id */
};

/* The event queue, earliest first.  Events after g->end are dropped.
 * 0, or CS_OSERR. */
int gen_push(struct gen *g, const struct gen_event *e);
bool gen_pop_until(struct gen *g, int64_t t, struct gen_event *out);
/* Write one event (generate_event.c). */
int gen_apply(struct gen *g, const struct gen_event *e, struct cs_err *err);

/* Plan what happens to a contact once it is written: its follow-up's
 * fate, its reviews, an amendment (generate_event.c). */
int gen_plan_followup(struct gen *g, int64_t contact_id, int64_t member_id,
                      int64_t created, int64_t due, struct cs_err *err);
int gen_plan_reviews(struct gen *g, int64_t contact_id, const struct contact *c,
                     int64_t logged);
/* A supervisor other than member_id when there is one. */
int64_t gen_reviewer(struct gen *g, int64_t member_id);

/* Weights of a policy (generate_contact.c): CS_OK or CS_OSERR. */
int gen_policy_init(struct gen_pol *gp, const struct policy *p);
void gen_policy_free(struct gen_pol *gp);
/* Make a contact happening at `at` (a call in progress may move it). */
void gen_make_contact(struct gen *g, struct gen_call *call, int64_t at,
                      struct gen_contact *out);

/* The measures (generate_measures.c): the evaluator and the planned
 * evaluations and recognitions, once the members are in; a survey
 * response to plan after each contact; and writing their events. */
int gen_plan_measures(struct gen *g, struct cs_err *err);
int gen_plan_survey(struct gen *g, int64_t contact_id, const struct contact *c);
int gen_apply_measure(struct gen *g, const struct gen_event *e, struct cs_err *err);

/* Move the app's clock to t for one write (generate.c). */
void gen_clock(struct gen *g, int64_t t);
/* The member as the one acting (no PIN: the program's own work). */
int gen_who(struct gen *g, int64_t member_id, struct app_actor *who, struct cs_err *err);

#endif
