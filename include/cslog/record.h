/* record.h - the records cslog keeps, as plain structs.
 *
 * Ownership, the same for every record type:
 *
 *  - Going in (store_*_add, store_contact_insert, ...), the store only
 *    reads the struct during the call; point the strings anywhere (string
 *    literals, your own buffers) and leave `mem` NULL.
 *  - Coming out (store_*_get, ...), every string and array of the record
 *    lives in one block owned by the record (`mem`).  Release it with the
 *    type's record_*_clear(), which also zeroes the struct.  A clear of a
 *    zeroed struct, or of one filled by hand with mem == NULL, is a no-op.
 *  - Records handed to a callback (store_*_query, _list) are borrowed:
 *    valid only until the callback returns.  Keep one with record_*_copy().
 *
 * Strings are NUL-terminated UTF-8.  An optional string is NULL when
 * absent; the store turns an empty optional string into NULL.  Times are
 * unix seconds, UTC; 0 means "none" where a field says so.  Ids are
 * positive; 0 means "none". */
#ifndef CSLOG_RECORD_H
#define CSLOG_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/deadline.h"
#include "cslog/policy.h"

/* Storage owned by a record returned from the store (opaque). */
struct record_mem;

/* A yes / no / not recorded value.  Zero is "not recorded" (SQL NULL). */
enum record_tri {
	TRI_UNKNOWN = 0,
	TRI_NO = 1,
	TRI_YES = 2,
};

/* ---- members ------------------------------------------------------- */

enum member_role {
	ROLE_MEMBER = 0,
	ROLE_SUPERVISOR = 1,
	ROLE_TRAINER = 2,
	ROLE_EVALUATOR = 3,   /* records secret-shopper evaluations, nothing else */
};
#define MEMBER_ROLES 4

#define MEMBER_BADGE_MAX 32   /* bytes */
#define MEMBER_NAME_MAX 200   /* bytes */

struct member {
	int64_t id;            /* set by the store */
	const char *badge;     /* 1..MEMBER_BADGE_MAX bytes, unique, exact match */
	const char *name;      /* 1..MEMBER_NAME_MAX bytes */
	enum member_role role;
	bool has_pin;          /* out only: a PIN is set (the hash never leaves the store) */
	int failed_pins;       /* out only: wrong PINs since the last good one */
	int64_t locked_until;  /* out only: 0, or locked until this time */
	bool pin_reset;        /* out only: the PIN was set by someone else, to be
	                          changed by the member before anything else */
	int64_t created_at;    /* in: the caller's clock (0: the `now` of the call) */
	const char *last_policy; /* policy last used for logging; NULL: none */
	struct record_mem *mem;
};

void record_member_clear(struct member *m);
/* Deep copy src into dst (dst owns the copy).  0, or -1 out of memory. */
int record_member_copy(struct member *dst, const struct member *src);

/* "member", "supervisor", "trainer", "evaluator"; and back (-1 when unknown). */
const char *record_role_name(enum member_role r);
int record_role_parse(const char *s);
/* A badge's rule, one home for every writer and front end: 1 to
 * MEMBER_BADGE_MAX bytes, no space or control character (a badge is
 * typed whole at sign-in).  CS_OK, or CS_DATAERR saying why. */
int record_badge_check(const char *badge, struct cs_err *err);

/* A PIN's rule, as one home: RECORD_PIN_MIN to RECORD_PIN_MAX bytes.
 * CS_OK, or CS_DATAERR "a PIN has 4 to 64 characters". */
#define RECORD_PIN_MIN 4
#define RECORD_PIN_MAX 64
int record_pin_check(const char *pin, struct cs_err *err);

/* ---- contacts ------------------------------------------------------ */

#define CONTACT_SUMMARY_MAX (64 * 1024)  /* bytes */
#define CONTACT_TEXT_MAX (64 * 1024)     /* any other free text */
#define RECORD_ID_MAX 64                 /* policy, kind, question ... ids:
                                            no spaces or control characters */
/* A record's number (contact, follow-up, member ...) is 1 .. 2^53 - 1:
 * exact as a JSON number and in a spreadsheet, on every way in. */
#define RECORD_NUM_LIMIT ((int64_t)1 << 53)

/* One empowerment answer.  question is a policy question id. */
struct contact_answer {
	const char *question;
	enum answer answer;    /* ANSWER_YES or ANSWER_NO */
};

enum followup_state {
	FOLLOWUP_OPEN = 0,
	FOLLOWUP_PAUSED = 1,
	FOLLOWUP_DONE = 2,
};

/* A contact: a record of fact.  Never updated; a correction is a new
 * contact with `amends` set (see store_contact_amend). */
struct contact {
	int64_t id;               /* out; in: 0, or (import) the id to use */
	int64_t member_id;        /* who made the contact */
	int64_t at;               /* when the contact happened */
	int64_t logged_at;        /* when it was logged (in: 0 = the call's now) */
	int64_t logged_by;        /* out only: the actor who wrote it */

	const char *policy_id;    /* required */
	const char *policy_version; /* required */
	const char *kind;         /* customer kind id, required */
	const char *channel;      /* channel id, required */
	const char *outcome;      /* outcome id, optional */
	const char *summary;      /* required, at most CONTACT_SUMMARY_MAX bytes */
	enum record_tri needs_met;
	const char *added_value;  /* NULL: no added-value action */
	enum record_tri empowered;  /* TRI_UNKNOWN: no check was run */
	struct contact_answer answers[POLICY_MAX_QUESTIONS]; /* policy order */
	size_t n_answers;
	const char *const *standards; /* ids of the standards confirmed */
	size_t n_standards;
	const char *referral_to;  /* optional */
	enum record_tri referee_contacted;
	const char *decision;     /* optional */
	const char *appeal_info;  /* optional */
	const char *call_ref;     /* optional: groups the contacts of one call */

	/* Protected fields.  Out: NULL unless asked for (STORE_PROTECTED /
	 * include_protected); protected_hidden then says they were withheld. */
	const char *customer_name;
	const char *customer_phone;
	const char *customer_address;
	const char *customer_email;
	bool protected_hidden;    /* out only */
	int64_t redacted_at;      /* out only: protected data removed then; 0 no */

	int64_t amends;           /* the contact this one corrects; 0: none */
	const char *amend_reason; /* required when amends != 0 */
	int64_t superseded_by;    /* out only: the amendment that replaced it */

	/* In only: the outcome is a negative call (set by contact_check):
	 * the contact waits in the debrief queue until a debrief review. */
	bool negative;

	/* In only: a follow-up to open with the contact (0: none), due by
	 * followup_due (its target), overdue only past followup_limit (0: at
	 * the target; contact_check sets it from the policy's rule for the
	 * channel, see deadline.h).  A limit already past is refused unless
	 * followup_late: the contact is entered late, from a paper record. */
	int64_t followup_due;
	int64_t followup_limit;
	const char *followup_note;
	bool followup_late;

	/* Out only: derived from other tables, for lists. */
	const char *member_badge;
	const char *member_name;
	bool signed_off;          /* has a sign-off review */
	bool debrief_due;         /* a negative call not yet debriefed */
	int n_reviews;
	int64_t followup_id;      /* the most pressing unfinished follow-up; 0 none */
	enum followup_state followup_state;
	int64_t followup_due_eff; /* its target after pauses */
	int64_t followup_limit_eff; /* its limit after pauses */
	bool overdue;             /* open and past its limit at the query's `now` */

	struct record_mem *mem;
};

void record_contact_clear(struct contact *c);
int record_contact_copy(struct contact *dst, const struct contact *src);

/* ---- follow-ups ---------------------------------------------------- */

struct followup {
	int64_t id;
	int64_t contact_id;
	int64_t member_id;        /* out only: the contact's member */
	int64_t created_at;
	int64_t due_at;           /* the target, as set; the clock stops while paused: */
	int64_t due_eff;          /* out only: due_at + every paused second */
	int64_t limit_at;         /* the limit, as set (overdue only past it) */
	int64_t limit_eff;        /* out only: limit_at + every paused second */
	enum followup_state state;
	int64_t paused_at;        /* when paused now; 0 when not paused */
	const char *pause_reason; /* reason of the current / last pause */
	int64_t paused_seconds;   /* total of finished pauses */
	int64_t done_at;          /* 0 until done */
	int64_t done_by;          /* member id, 0 until done */
	const char *note;         /* what was promised (optional) */
	const char *done_note;    /* how it was done (optional) */
	bool overdue;             /* out only: open and limit_eff < now of the query */
	enum deadline_state clock; /* out only: where its clock stands at now */
	enum deadline_grade grade; /* out only, done: how it kept its clock */
	struct record_mem *mem;
};

void record_followup_clear(struct followup *f);
int record_followup_copy(struct followup *dst, const struct followup *src);
const char *record_followup_state_name(enum followup_state s); /* open, paused, done */

/* ---- reviews ------------------------------------------------------- */

enum review_kind {
	REVIEW_SIGN_OFF = 0,
	REVIEW_DEBRIEF = 1,
	REVIEW_COMMEND = 2,
};

struct review {
	int64_t id;
	int64_t contact_id;
	int64_t member_id;        /* the reviewer */
	int64_t at;
	enum review_kind kind;
	const char *note;         /* optional for a sign-off, required otherwise */
	const char *reviewer_badge; /* out only */
	const char *reviewer_name;  /* out only */
	struct record_mem *mem;
};

void record_review_clear(struct review *r);
int record_review_copy(struct review *dst, const struct review *src);
/* "sign-off", "debrief", "commend"; and back (-1 when unknown). */
const char *record_review_kind_name(enum review_kind k);
int record_review_kind_parse(const char *s);

/* ---- amendments ---------------------------------------------------- */

/* One link of an amendment chain: contact `id` replaced `original_id`. */
struct amendment {
	int64_t id;               /* the new version (a contact id) */
	int64_t original_id;      /* the version it replaced */
	int64_t at;               /* when (the new version's logged_at) */
	int64_t actor_id;         /* who wrote it */
	const char *reason;
	struct record_mem *mem;
};

void record_amendment_clear(struct amendment *a);

/* ---- drill attempts ------------------------------------------------ */

enum drill_kind {
	DRILL_SCENARIO = 0,
	DRILL_QUIZ = 1,
};

/* One question of a scenario: what the trainee said and what the policy
 * expects. */
struct drill_answer {
	const char *question;     /* question id */
	enum answer given;        /* ANSWER_UNSET: not answered */
	enum answer expected;
};

/* One trainee's attempt at one scenario or quiz item. */
struct drill_attempt {
	int64_t id;               /* out */
	int64_t member_id;        /* the trainee */
	int64_t trainer_id;       /* 0: self-study */
	const char *policy_id;
	const char *policy_version;
	enum drill_kind kind;
	const char *item_id;      /* scenario or quiz item id */
	int64_t at;
	const char *session_id;   /* groups the attempts of one session (optional) */
	struct drill_answer answers[POLICY_MAX_QUESTIONS]; /* scenarios */
	size_t n_answers;
	const char *quiz_answer;  /* quizzes: the typed answer (optional) */
	int correct;              /* questions right (quiz: 0 or 1) */
	int total;                /* questions asked (quiz: 1) */
	struct record_mem *mem;
};

void record_drill_clear(struct drill_attempt *d);
int record_drill_copy(struct drill_attempt *dst, const struct drill_attempt *src);
const char *record_drill_kind_name(enum drill_kind k); /* scenario, quiz */

/* ---- audit --------------------------------------------------------- */

#define AUDIT_HASH_BYTES 32

/* One audit event.  detail is a JSON object made by SQLite. */
struct audit_event {
	int64_t id;
	int64_t at;
	int64_t actor_id;         /* 0: the program itself (first run, import) */
	const char *action;       /* e.g. "contact.insert", "review.add" */
	const char *entity;       /* e.g. "contact", "member" */
	int64_t entity_id;
	const char *detail;       /* JSON object text */
	unsigned char prev_hash[AUDIT_HASH_BYTES];
	unsigned char hash[AUDIT_HASH_BYTES];
	struct record_mem *mem;
};

void record_audit_clear(struct audit_event *e);

#endif
