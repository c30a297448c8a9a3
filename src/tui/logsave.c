/* logsave.c - the contact form saved as a contact (log.c gathers it):
 * what the member chose, typed and ticked, in one use case that also
 * drops the form's draft. */
#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"
#include "tui_log.h"
#include "tui_screens.h"

bool
log_check_asked(const struct logform *lf)
{
	return lf->has_added || lf->p->ask_every_contact;
}

bool
log_callback_kept(const struct logform *lf)
{
	return policy_field_class(lf->p, PF_PHONE) != PRIVACY_NOT_KEPT;
}

static const struct policy_outcome *
outcome(const struct logform *lf)
{
	return &lf->p->outcomes[lf->out];
}

/* The server did not answer: the contact goes to the private local
 * spool with its key, handed over when the server answers (home.c). */
static int
spool(struct tui *t, struct logform *lf, const struct contact *c, const struct cs_err *why)
{
	struct cs_err err = { 0 };
	char path[4400];

	if (app_spool_put(t->app, &t->me, c, lf->key, lf->slot, path, sizeof path, &err) !=
	    CS_OK) {
		tui_say(t, true, "Not saved: %s; nor could it be kept on this terminal: %s (the"
		        " form stays: try again)", why->msg, err.msg);
		return TUI_REDRAW;
	}
	{   /* which server, not libpq's account of the dropped socket: the
	     * screen above says what happens now */
		const char *end = strstr(why->msg, " did not answer");
		int n = end != NULL ? (int)(end - why->msg) + (int)strlen(" did not answer") :
		        (int)strlen(why->msg);

		tui_say(t, true, "Kept on this terminal: %.*s.", n, why->msg);
	}
	lf->save_pending = lf->draft_dirty = false;
	lf->spooled = true;
	lf->saved_id = 0;
	lf->key[0] = '\0';
	lf->n_hist = 0;
	lf->step = S_SAVED;
	return TUI_REDRAW;
}

int
log_save(struct tui *t, struct logform *lf)
{
	struct cs_err err = { 0 };
	struct contact c;
	const char *std[LOG_STD_MAX];
	size_t idx[LOG_STD_MAX], n = log_standards_shown(lf, idx, LOG_STD_MAX), i;
	int64_t id = 0;

	memset(&c, 0, sizeof c);
	c.at = app_now(t->app);
	c.policy_id = lf->p->id;
	c.kind = lf->p->kinds[lf->kind].id;
	c.channel = lf->p->channels[lf->chan].id;
	c.outcome = outcome(lf)->id;
	c.summary = lf->summary.text;
	c.needs_met = lf->needs;
	c.call_ref = lf->call_ref;
	if (lf->has_added)
		c.added_value = lf->added.text;
	if (log_check_asked(lf)) {
		for (i = 0; i < lf->p->n_questions; i++) {
			c.answers[i].question = lf->p->questions[i].id;
			c.answers[i].answer = lf->ans[i];
		}
		c.n_answers = lf->p->n_questions;
	}
	for (i = 0; i < n; i++) {
		if (lf->std_on[idx[i]])
			std[c.n_standards++] = lf->p->standards[idx[i]].id;
	}
	c.standards = std;
	if (lf->has_followup) {
		if (app_time_parse_due(lf->due.text, app_now(t->app), &c.followup_due, &err) !=
		    CS_OK) {
			tui_say(t, true, "%s", err.msg);
			return TUI_REDRAW;
		}
		c.followup_note = lf->promise.text;
		if (lf->callback.len > 0 && log_callback_kept(lf))
			c.customer_phone = lf->callback.text;
	}
	if (outcome(lf)->requires == REQUIRES_REFERRAL) {
		c.referral_to = lf->referral.text;
		c.referee_contacted = lf->contacted;
	}
	if (outcome(lf)->requires == REQUIRES_APPEAL) {
		c.decision = lf->decision.text;
		c.appeal_info = lf->appeal.text;
	}
	if (lf->key[0] == '\0' && app_contact_key(lf->key, &err) != CS_OK) {
		tui_say(t, true, "Not saved: %s (your draft is kept)", err.msg);
		return TUI_REDRAW;
	}
	/* The contact and the removal of its draft are one transaction. */
	if (app_contact_log_keyed(t->app, &t->me, &c, lf->key, lf->slot, &id, &err) != CS_OK) {
		if (err.code == CS_TEMPFAIL && app_is_server(t->app))
			return spool(t, lf, &c, &err);
		/* Busy (an import writes): not lost, tried again every second. */
		lf->save_pending = err.code == CS_TEMPFAIL;
		if (lf->save_pending && strstr(err.msg, "import") != NULL)
			tui_say(t, true, "An import is writing the log: saved as soon as it ends"
			        " (draft kept).");
		else
			tui_say(t, true, "Not saved%s: %s (your draft is kept)",
			        lf->save_pending ? " yet, trying again" : "", err.msg);
		return TUI_REDRAW;
	}
	if (lf->save_pending)
		tui_say(t, false, "Saved as #%lld, once the log was free.", (long long)id);
	lf->save_pending = lf->draft_dirty = false;
	snprintf(t->me.last_policy, sizeof t->me.last_policy, "%s", lf->p->id);
	lf->saved_id = id;
	lf->key[0] = '\0';
	lf->spooled = false;
	lf->n_hist = 0;
	lf->step = S_SAVED;
	return TUI_REDRAW;
}

/* A second contact of the same call: policy, channel and call carried
 * over; the rest starts afresh. */
void
log_next_of_call(struct logform *lf)
{
	struct tui_field *f[] = { &lf->summary, &lf->added, &lf->due, &lf->referral,
	                          &lf->decision, &lf->appeal, &lf->promise, &lf->callback };
	size_t i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		tui_field_set(f[i], "");
	lf->kind = lf->out = 0;
	lf->needs = lf->contacted = TRI_UNKNOWN;
	lf->has_added = lf->has_followup = false;
	memset(lf->ans, 0, sizeof lf->ans);
	memset(lf->std_on, 0, sizeof lf->std_on);
	lf->saved_id = 0;
	lf->spooled = false;
	lf->n_hist = 0;
	lf->hist[lf->n_hist++] = S_POLICY;
	lf->step = S_KIND;
	lf->sel = 0;
}
