/* query.h - what the front ends ask the use-case layer for, and what
 * comes back besides records: filters of the log, cursors of its pages,
 * the outcome of a PIN check and of a verification.  Plain values,
 * shared by the store (which answers them) and the layers above. */
#ifndef CSLOG_QUERY_H
#define CSLOG_QUERY_H

#include <stdbool.h>
#include <stdint.h>

/* ---- the log ------------------------------------------------------- */

struct contact_filter {
	int64_t since, until;      /* on `at`, inclusive; 0: open */
	int64_t member_id;         /* 0: any */
	const char *policy_id;     /* NULL: any */
	const char *kind;
	const char *channel;
	const char *outcome;
	const char *call_ref;
	bool not_empowered;        /* a check was run and failed */
	bool unreviewed;           /* no sign-off review */
	bool overdue;              /* an open follow-up is past due at now */
	bool needs_debrief;        /* a negative call not yet debriefed */
	const char *search;        /* words, all must match (any syntax is
	                              taken literally); NULL or "": none */
	bool search_prefix;        /* the last word matches as a prefix */
	bool include_superseded;   /* also versions replaced by amendments */
	bool include_protected;    /* return the protected fields */
	bool oldest_first;         /* ascending ids (export); default newest */
	int64_t max_id;            /* only ids up to this one; 0: any */
	bool ids_only;             /* deliver only each contact's id */
	int64_t now;               /* the clock for overdue and derived fields */
};

/* Where a page ended.  Zeroed: start from the newest (or oldest). */
struct store_cursor {
	int64_t last_id;   /* id of the last row delivered */
	bool more;         /* out: at least one more row follows */
};

/* ---- follow-ups and drills ----------------------------------------- */

struct followup_filter {
	int64_t member_id;     /* the contact's member; 0: any */
	bool overdue_only;     /* only those past their limit (deadline_overdue) */
	int64_t now;           /* for overdue */
	bool done;             /* the done ones instead, latest promised first */
};

struct drill_filter {
	int64_t member_id;      /* 0: any */
	const char *policy_id;  /* NULL: any */
	const char *session_id; /* NULL: any */
	int64_t since, until;   /* on `at`, inclusive; 0: open */
};

/* ---- PINs ---------------------------------------------------------- */

enum pin_check {
	PIN_OK = 0,        /* right PIN, or the member has no PIN */
	PIN_WRONG = 1,     /* attempts_left more tries before a lockout */
	PIN_LOCKED = 2,    /* locked until locked_until (also after the 5th miss) */
};

struct pin_result {
	enum pin_check check;
	int attempts_left;
	int64_t locked_until;
};

#define STORE_PIN_TRIES 5
#define STORE_PIN_LOCK_SECONDS (5 * 60)

/* ---- verification --------------------------------------------------- */

/* The head of the audit chain: its newest event, or any event named by
 * an anchor.  event 0: none. */
struct store_head {
	int64_t event;
	int64_t at;
	char hash[65];         /* lowercase hex of the event's hash */
};

struct store_verify_result {
	bool ok;
	int64_t events;        /* audit events checked */
	int64_t contacts;      /* contacts checked */
	int64_t bad_event;     /* first broken event (0: none or not an event) */
	int64_t bad_contact;   /* contact concerned (0: none) */
	bool damaged;          /* the file itself is damaged (SQLite's
	                          integrity check): see store_integrity */
	char why[512];         /* what is wrong, for the user */
	int anchors;           /* heads kept outside the file that the chain
	                          reaches (filled by the use-case layer) */
};

/* What a restore found (store_restore). */
struct store_restore_result {
	struct store_verify_result verified;  /* the backup, verified */
	int64_t contacts, events;             /* the backup's contacts and newest event */
	int64_t old_contacts, old_events;     /* the database's before (-1: unreadable) */
};

#endif
