/* policy.h - an agency policy in memory (core: no I/O).
 *
 * A struct policy is built by the loader (policy_load.h) from a YAML file
 * and owned by whoever holds the pointer: policy_free() releases it and
 * every string in it.  All strings are NUL-terminated UTF-8, never NULL
 * unless the field is documented as optional.  The format is described
 * for agency staff in docs/policy-format.md. */
#ifndef CSLOG_POLICY_H
#define CSLOG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#define POLICY_MAX_QUESTIONS 16
#define POLICY_ID_MAX 32

struct measure_item;      /* measures.h */
struct survey_question;
struct measures;

/* An answer to one empowerment question. */
enum answer {
	ANSWER_UNSET = 0,
	ANSWER_YES,
	ANSWER_NO,
};

/* Where an item is in its file: line and column from 1 (0: unknown). */
struct policy_at {
	int line, col;
};

/* A list of texts (ids, terms), owned by the policy. */
struct policy_list {
	char **v;
	size_t n;
};

/* The parts of an item that are cslog's (or the agency's) own words or
 * choices, not the document's: `own: [...]` in the file.  An item whose
 * source is "cslog" is wholly its own (policy_own_item).  Labels,
 * scenario titles and texts, quiz questions and accepted answers, notes
 * and sources are always the file's own words (docs/policy-format.md). */
enum policy_own {
	OWN_NAME = 1 << 0,          /* the policy's name */
	OWN_TITLE = 1 << 1,         /* source.title */
	OWN_TEXT = 1 << 2,          /* a customer kind's or standard's text */
	OWN_WHEN = 1 << 3,          /* a standard's `when` */
	OWN_TARGET = 1 << 4,        /* a follow-up's target */
	OWN_LIMIT = 1 << 5,         /* a follow-up's limit */
	OWN_EMPOWERED = 1 << 6,     /* the empowered message */
	OWN_NOT_EMPOWERED = 1 << 7, /* the not-empowered message */
	OWN_NOTICE = 1 << 8,        /* the privacy notice */
	OWN_FIELDS = 1 << 9,        /* the privacy classes of the fields */
	OWN_RETENTION = 1 << 10,    /* retention-days */
	OWN_ANSWER = 1 << 11,       /* a quiz answer */
	OWN_NEGATIVE = 1 << 12,     /* an outcome marked negative */
};
/* The name of an own bit ("when", "text", ...); NULL for no single bit. */
const char *policy_own_name(unsigned bit);

/* A labelled item: a customer kind or a channel. */
struct policy_item {
	char *id;
	char *label;
	char *text;   /* the document's words; optional (NULL) for channels */
	char *source; /* optional for channels */
	char *note;   /* optional */
	struct policy_list aliases;  /* ids it had before (contacts keep them) */
	unsigned own;                /* enum policy_own bits */
	struct policy_at at;
};

struct policy_question {
	char *id;     /* customer, department, legal, safe, level, accountable, values */
	char *text;
	char *source;
	struct policy_at at;
};

/* Conditions under which a standard appears on the logging checklist. */
enum policy_when {
	WHEN_ALWAYS = 1 << 0,
	WHEN_ADDED_VALUE = 1 << 1,
	WHEN_NEGATIVE = 1 << 2,
	WHEN_REFERRAL = 1 << 3,
	WHEN_DECISION = 1 << 4,
	WHEN_FOLLOW_UP = 1 << 5,
	WHEN_CHANNEL = 1 << 6, /* see channels[] */
};

struct policy_standard {
	char *id;
	char *text;
	char *source;
	char *note;           /* optional */
	unsigned when;        /* enum policy_when bits; WHEN_ALWAYS if absent */
	char **channels;      /* channel ids when WHEN_CHANNEL is set */
	size_t n_channels;
	bool has_when;        /* `when` was written */
	struct policy_list aliases;
	unsigned own;
	struct policy_at at;
};

/* A follow-up rule: due by the target, overdue only past the limit (see
 * deadline.h).  target_minutes < 0 means "same day". */
struct policy_followup {
	char *channel;
	long target_minutes;  /* POLICY_SAME_DAY or minutes */
	long limit_minutes;   /* 0 when absent: the target is the limit */
	char *source;
	char *text;           /* the document's words giving the clock (optional) */
	char *note;           /* optional */
	unsigned own;         /* OWN_TARGET, OWN_LIMIT: cslog's clock, not the document's */
	struct policy_at at;
};
#define POLICY_SAME_DAY (-1L)

enum policy_requires {
	REQUIRES_NONE = 0,
	REQUIRES_REFERRAL,
	REQUIRES_APPEAL,
};

struct policy_outcome {
	char *id;
	char *label;
	char *source;
	char *note;           /* optional */
	bool negative;
	enum policy_requires requires;
	char *negative_reason; /* why it is a negative call (optional) */
	struct policy_list aliases;
	unsigned own;
	struct policy_at at;
};

/* The kinds of situation a drill scenario is about (docs/policy-format.md):
 * scenarios of one kind must be judged alike, question by question,
 * unless the file gives a reason citing the document (`differs`). */
#define POLICY_SITUATIONS 14
extern const char *const policy_situations[POLICY_SITUATIONS];        /* the tags */
extern const char *const policy_situation_words[POLICY_SITUATIONS];   /* in words */
/* The index of a tag, or -1. */
int policy_situation_index(const char *tag);

struct policy_scenario {
	char *id;
	char *title;
	char *text;
	char *rationale;
	char *source;         /* optional */
	enum answer expected[POLICY_MAX_QUESTIONS]; /* indexed like questions[] */
	unsigned situations;  /* bits 1 << policy_situation_index */
	char *differs[POLICY_MAX_QUESTIONS]; /* why this one is judged otherwise than
	                                        others of its kind (NULL: it is not) */
	struct policy_list aliases;
	struct policy_at at;
};

/* The protected customer fields, in the order of struct contact. */
enum protected_field {
	PF_NAME = 0,
	PF_PHONE,
	PF_ADDRESS,
	PF_EMAIL,
	PF_COUNT
};

/* The key of survey comments' privacy class in privacy: fields: (free
 * text from the public, which can name people; see measures.h). */
#define POLICY_COMMENT_KEY "survey-comment"

/* What a policy says of one protected field (privacy: fields:).  Zero,
 * `protected`, is the default for a field not listed. */
enum privacy_class {
	PRIVACY_PROTECTED = 0, /* kept; out of list/export unless --include-protected */
	PRIVACY_RESTRICTED,    /* kept; never in list/export, only show ID */
	PRIVACY_NOT_KEPT,      /* not kept: a contact carrying it is refused */
	PRIVACY_CLASS_COUNT
};

struct policy_quiz {
	char *id;
	char *question;
	char *answer;
	char **accept;        /* further accepted answers */
	size_t n_accept;
	char *source;
	struct policy_list key_terms; /* what a right answer must hold (empty:
	                                 derived from the answer, see quiz.h) */
	struct policy_list reject;    /* answers that are wrong however close */
	struct policy_list aliases;
	unsigned own;
	struct policy_at at;
};

/* Something else the document says, transcribed for the reader
 * (`guidance`: principles, definitions, benefits). */
struct policy_guidance {
	char *id;
	char *text;
	char *source;
	char *note;           /* optional */
	struct policy_at at;
};

/* An item of the document left out, and why (`omitted`). */
struct policy_omitted {
	char *text;           /* the document's words (an ellipsis may cut them) */
	char *source;         /* optional */
	char *reason;
	struct policy_at at;
};

struct policy {
	char *file;           /* path it was loaded from */
	char *id;
	char *version;
	char *name;
	char *source_title;
	char *source_revision;
	char *source_section; /* optional */
	char *source_document; /* optional: the document's plain-text file name */
	unsigned own;          /* OWN_NAME, OWN_TITLE */

	struct policy_item *kinds;
	size_t n_kinds;
	struct policy_item *channels;
	size_t n_channels;

	char *empower_source;
	char *adopted_from;   /* optional: whose questions these are */
	bool ask_every_contact; /* empowerment.ask: every-contact (default:
	                           only when a member went beyond standard
	                           service, as the documents say) */
	struct policy_question questions[POLICY_MAX_QUESTIONS];
	size_t n_questions;
	char *msg_empowered;
	char *msg_not_empowered;
	unsigned empower_own;  /* OWN_EMPOWERED, OWN_NOT_EMPOWERED */

	struct policy_standard *standards;
	size_t n_standards;
	struct policy_followup *followups;
	size_t n_followups;
	struct policy_outcome *outcomes;
	size_t n_outcomes;

	char *privacy_notice;  /* optional */
	long retention_days;   /* 0: keep for ever */
	char *privacy_source;  /* optional */
	enum privacy_class privacy_fields[PF_COUNT]; /* indexed by protected_field */
	bool has_privacy_fields;  /* privacy.fields was written */
	char *privacy_note;       /* optional */
	unsigned privacy_own;     /* OWN_NOTICE, OWN_FIELDS, OWN_RETENTION */
	struct policy_at privacy_at;

	struct policy_scenario *scenarios;
	size_t n_scenarios;
	struct policy_quiz *quiz;
	size_t n_quiz;
	struct policy_guidance *guidance;
	size_t n_guidance;
	struct policy_omitted *omitted;
	size_t n_omitted;
	struct policy_at empower_at;

	/* `evaluation:` and `survey:` (measures.h): the policy's own items,
	 * whether it gave the section and whether they replace cslog's
	 * defaults (`defaults: replace`) or extend them. */
	struct measure_item *eval_own;
	size_t n_eval_own;
	bool eval_given, eval_replace;
	struct survey_question *survey_own;
	size_t n_survey_own;
	bool survey_given, survey_replace;
	/* What is in effect (measures_apply): borrowed from the policy and the
	 * set's defaults; the arrays are the policy's. */
	const struct measure_item **eval;
	size_t n_eval;
	const struct survey_question **survey;
	size_t n_survey;
	/* The privacy class of survey comments (`privacy: fields:
	 * survey-comment:`): free text from the public, which can name people. */
	enum privacy_class comment_class;
};

/* Is this source "cslog": the item is cslog's own, not the document's? */
bool policy_own_item(const char *source);

/* Release p and everything it owns.  p may be NULL. */
void policy_free(struct policy *p);

/* Look-ups by id, or by an id the item had before (its aliases); NULL
 * (or -1) when there is no such item. */
const struct policy_item *policy_kind(const struct policy *p, const char *id);
const struct policy_item *policy_channel(const struct policy *p, const char *id);
const struct policy_outcome *policy_outcome(const struct policy *p, const char *id);
const struct policy_standard *policy_standard(const struct policy *p, const char *id);
/* The index of scenario / quiz item id (or alias) in p; -1: none. */
int policy_scenario_index(const struct policy *p, const char *id);
int policy_quiz_index(const struct policy *p, const char *id);
const struct policy_followup *policy_followup_for(const struct policy *p,
                                                   const char *channel);
int policy_question_index(const struct policy *p, const char *id);

/* The privacy class of field f under p; PRIVACY_PROTECTED when p is NULL
 * or f is out of range. */
enum privacy_class policy_field_class(const struct policy *p, enum protected_field f);
/* "customer-name", ... (the policy file's keys); and back (-1 unknown). */
const char *policy_field_key(enum protected_field f);
int policy_field_parse(const char *key);
/* "customer name", ... (for messages). */
const char *policy_field_label(enum protected_field f);
/* "protected", "restricted", "not-kept"; and back (-1 unknown). */
const char *policy_class_name(enum privacy_class k);
int policy_class_parse(const char *name);
/* The protected fields of a contact of policy p that may not leave cslog
 * in bulk (list, export), as bits 1 << protected_field: the fields not
 * `protected`.  p NULL (a policy no longer loaded): every field, since
 * what its policy says is unknown. */
unsigned policy_bulk_withheld(const struct policy *p);

/* Does standard s apply to a contact with these circumstances? */
struct policy_context {
	const char *channel;
	bool added_value;
	bool negative;
	bool referral;
	bool decision;
	bool follow_up;
};
bool policy_standard_applies(const struct policy_standard *s,
                             const struct policy_context *ctx);

/* A set of loaded policies, owned by the set. */
struct policy_set {
	struct policy **items;
	size_t n;
	struct measures *measures;   /* cslog's measures file; NULL: none found */
};

void policy_set_free(struct policy_set *set);
const struct policy *policy_set_find(const struct policy_set *set, const char *id);

#endif
