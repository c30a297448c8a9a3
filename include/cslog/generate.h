/* generate.h - realistic sample data for the demo and the benchmark
 * (app layer).
 *
 * generate_run fills an empty database with members, a year of contacts
 * under every loaded policy, follow-ups, reviews and drill results.  It
 * writes through the same use cases as the screens and the command line:
 * members by app_member_add, contacts by app_contact_log (so every one
 * is checked by contact_check like a contact logged by hand), reviews by
 * app_review_add; follow-up changes and drill results by the store.  No
 * SQL of its own.  Writes are grouped in bulk transactions of
 * opts->batch contacts (store_bulk_begin / store_bulk_commit).
 *
 * Time is simulated.  Contacts happen over the opts->days days before
 * a->now, more by day than by night and on weekdays; every later event
 * (a follow-up done, paused or resumed, a sign-off, a debrief, a
 * commendation, a drill session) is written in time order, each with its
 * own clock (a->now is moved for each write and put back at the end).
 * What would happen after a->now is not written: that is what leaves
 * recent contacts unreviewed, follow-ups open, some overdue, some paused.
 *
 * Who is who (the demo tells the user): supervisors S1, S2 ... (one,
 * and one more for every 12 members), trainers T1, T2 ... (one, and one
 * more for every 25), the others M101, M102 ...  Supervisors and
 * trainers have the PIN opts->pin; members have none.  With
 * opts->measures, an evaluator E1 (PIN opts->pin) besides them.
 *
 * Deterministic: the same seed, counts, policies and a->now give the
 * same records (only the random salts of PIN hashes and protected
 * fields differ).  Summaries use common words (GENERATE_WORD_COMMON is
 * in about one summary in six) and rare ones (GENERATE_WORD_RARE in
 * about one in 20,000), so that searches can be measured. */
#ifndef CSLOG_GENERATE_H
#define CSLOG_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/app.h"
#include "cslog/error.h"

#define GENERATE_PIN "1234"
#define GENERATE_WORD_COMMON "smoke"
#define GENERATE_WORD_RARE "kayak"

struct generate_opts {
	uint64_t seed;
	size_t members;          /* 3 .. 100000 */
	size_t contacts;
	int days;                /* the contacts span the days before a->now (1..3650) */
	const char *pin;         /* PIN of supervisors and trainers (4..64 bytes) */
	size_t batch;            /* contacts per bulk transaction (at least 1) */
	size_t drill_sessions;   /* drill sessions per member over the span */
	bool measures;           /* an evaluator (E1, with the PIN) and secret-shopper
	                            evaluations every few days, survey responses to about
	                            one contact in four, recognitions monthly */
};

struct generate_stats {
	size_t members, supervisors, trainers;
	size_t contacts;
	size_t with_protected;   /* contacts with a customer name or phone */
	size_t added_value, not_empowered;
	size_t followups;        /* opened */
	size_t followups_done, followups_late, followups_paused;
	size_t sign_offs, debriefs, commendations;
	size_t amendments;
	size_t drills;           /* attempts */
	size_t evaluations, surveys, recognitions;
};

/* Progress: done of total contacts written so far (0 once the members
 * are in, before the first contact). */
typedef void (*generate_progress_cb)(void *ctx, size_t done, size_t total);

/* The demo's sizes: 25 members, 2,000 contacts over 365 days, PIN
 * GENERATE_PIN, a fixed seed, batches of 20,000, 4 drill sessions. */
void generate_defaults(struct generate_opts *o);

/* Fill the database of a (policies loaded, store openable, no member
 * yet) as described above.  progress (may be NULL) is called when the
 * members are in, every 1,000 contacts and at the end; stats (may be
 * NULL) gets the counts.
 * Errors: CS_USAGE bad options or a database that already has members,
 * CS_CONFIG policies not loaded, or the error of the write that failed
 * (batches committed before it stay: throw such a database away). */
int generate_run(struct app *a, const struct generate_opts *o,
                 generate_progress_cb progress, void *ctx,
                 struct generate_stats *stats, struct cs_err *err);

#endif
