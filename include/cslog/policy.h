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

/* An answer to one empowerment question. */
enum answer {
	ANSWER_UNSET = 0,
	ANSWER_YES,
	ANSWER_NO,
};

/* A labelled item: a customer kind or a channel. */
struct policy_item {
	char *id;
	char *label;
	char *text;   /* the document's words; optional (NULL) for channels */
	char *source; /* optional for channels */
	char *note;   /* optional */
};

struct policy_question {
	char *id;     /* customer, department, legal, safe, level, accountable, values */
	char *text;
	char *source;
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
};

/* A follow-up rule.  target_minutes < 0 means "same day". */
struct policy_followup {
	char *channel;
	long target_minutes;  /* POLICY_SAME_DAY or minutes */
	long limit_minutes;   /* 0 when absent */
	char *source;
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
};

struct policy_scenario {
	char *id;
	char *title;
	char *text;
	char *rationale;
	char *source;         /* optional */
	enum answer expected[POLICY_MAX_QUESTIONS]; /* indexed like questions[] */
};

/* The protected customer fields, in the order of struct contact. */
enum protected_field {
	PF_NAME = 0,
	PF_PHONE,
	PF_ADDRESS,
	PF_EMAIL,
	PF_COUNT
};

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
};

struct policy {
	char *file;           /* path it was loaded from */
	char *id;
	char *version;
	char *name;
	char *source_title;
	char *source_revision;
	char *source_section; /* optional */

	struct policy_item *kinds;
	size_t n_kinds;
	struct policy_item *channels;
	size_t n_channels;

	char *empower_source;
	char *adopted_from;   /* optional: whose questions these are */
	struct policy_question questions[POLICY_MAX_QUESTIONS];
	size_t n_questions;
	char *msg_empowered;
	char *msg_not_empowered;

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

	struct policy_scenario *scenarios;
	size_t n_scenarios;
	struct policy_quiz *quiz;
	size_t n_quiz;
};

/* Release p and everything it owns.  p may be NULL. */
void policy_free(struct policy *p);

/* Look-ups by id; NULL (or -1) when there is no such item. */
const struct policy_item *policy_kind(const struct policy *p, const char *id);
const struct policy_item *policy_channel(const struct policy *p, const char *id);
const struct policy_outcome *policy_outcome(const struct policy *p, const char *id);
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
};

void policy_set_free(struct policy_set *set);
const struct policy *policy_set_find(const struct policy_set *set, const char *id);

#endif
