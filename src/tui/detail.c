/* detail.c - one contact in full (the same text as `cslog show`), and
 * the supervisor's actions on it: sign off, debrief note, commend, and
 * amend the summary with a reason.  Every action goes through the app
 * layer, which checks the role and writes the audit trail.  A note left
 * with Esc is kept for this contact until it is saved or the screen is
 * left. */
#define _POSIX_C_SOURCE 200809L
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/describe.h"
#include "cslog/text.h"
#include "tui_screens.h"

enum pending { P_NONE, P_REASON };

struct detail {
	int64_t id;
	int64_t member_id;     /* whose contact it is */
	char **lines;
	int n, top;
	char *summary;         /* as it is now, to start the amendment from */
	char *new_summary;     /* amend: the corrected summary, until the reason */
	enum pending pending;
	bool warned;           /* Esc with an amendment unsaved was warned once */
	bool protected;        /* show the customer's name, phone ... (audited) */
	struct tui_kept notes[5];   /* sign-off, debrief, commend, the amendment's
	                               summary and reason: left with Esc */
};

static void
lines_free(struct detail *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

static void
split(struct detail *d, char *text)
{
	char *p = text, *nl, **v, *raw;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		v = realloc(d->lines, (size_t)(d->n + 1) * sizeof *v);
		if (v == NULL)
			return;
		d->lines = v;
		raw = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		d->lines[d->n] = raw != NULL ? text_safe(raw, TEXT_ONE_LINE) : NULL;
		free(raw);
		if (d->lines[d->n] == NULL)
			return;
		d->n++;
		p = nl ? nl + 1 : p + strlen(p);
	}
}

static void
detail_load(struct tui *t, struct detail *d)
{
	struct cs_err err = { 0 };
	struct contact c = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	lines_free(d);
	if (app_contact_get(t->app, &t->me, d->id, d->protected, &c, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return;
	}
	d->member_id = c.member_id;
	f = open_memstream(&text, &len);
	if (f != NULL) {
		rc = app_contact_describe(t->app, &c, policy_set_find(&t->app->policies,
		                          c.policy_id), f, &err);
		fclose(f);
		split(d, text);
		if (rc != CS_OK)
			tui_say(t, true, "Part of the contact cannot be read: %s", err.msg);
	}
	free(d->summary);
	d->summary = strdup(c.summary);
	free(text);
	record_contact_clear(&c);
}

/* One line of the description, wrapped to `width` columns under its
 * own indent (a long summary is read in full, not cut); the rows that
 * fall in [top, top + h) are drawn.  *row counts rows. */
static void
wrap_line(struct tui *t, const char *s, int width, int top, int h, int *row)
{
	int indent = (int)strspn(s, " "), attr = 0, hang;
	const char *at = s + indent;
	char buf[1024];
	size_t cut, skip;

	if (indent > width / 2)
		indent = 0, at = s;
	hang = strncmp(at, "- ", 2) == 0 && indent + 2 <= width / 2 ? 2 : 0;
	/* "Label               value": a long value wraps under itself. */
	if (indent == 0 && strlen(s) > 21 && s[18] == ' ' && s[19] == ' ' && s[20] != ' ' &&
	    width > 40)
		hang = 20;
	if (*at == '\0')
		(*row)++;
	if (h > 0 && strstr(s, "NOT EMPOWERED") != NULL)
		attr = tui_attr(t, PAIR_BAD);
	while (*at != '\0') {
		cut = text_line_cut(at, width - indent, &skip);
		if (*row >= top && *row < top + h) {
			cut = cut < sizeof buf ? cut : sizeof buf - 1;
			memcpy(buf, at, cut);
			buf[cut] = '\0';
			tui_text(1 + *row - top, 1 + indent, width - indent, buf, attr);
		}
		(*row)++;
		at += skip > 0 ? skip : 1;
		indent += hang;      /* a list item's next rows under its text */
		hang = 0;
	}
}

static void
detail_draw(struct tui *t)
{
	struct detail *d = tui_state(t);
	char title[64];
	int i, rows = LINES - 4, total = 0, row = 0;

	for (i = 0; i < d->n; i++)
		wrap_line(t, d->lines[i], COLS - 2, 0, 0, &total);
	snprintf(title, sizeof title, "cslog — contact #%lld", (long long)d->id);
	tui_title(t, title, total > rows ? "Up/Down scroll" : NULL);
	if (d->top > total - rows)
		d->top = total - rows > 0 ? total - rows : 0;
	for (i = 0; i < d->n && row < d->top + rows; i++)
		wrap_line(t, d->lines[i], COLS - 2, d->top, rows, &row);
	tui_keybar(t);
}

static int
review_done(struct tui *t, struct detail *d, int kind, const char *note)
{
	struct cs_err err = { 0 };
	int64_t rid;

	if (app_review_add(t->app, &t->me, d->id, kind, note, &rid, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	tui_say(t, false, "%s saved on contact #%lld.", record_review_kind_name(kind),
	        (long long)d->id);
	return 0;
}

static int
signoff_done(struct tui *t, void *ctx, const char *text)
{
	return review_done(t, ctx, REVIEW_SIGN_OFF, text);
}

static int
debrief_done(struct tui *t, void *ctx, const char *text)
{
	return review_done(t, ctx, REVIEW_DEBRIEF, text);
}

static int
commend_done(struct tui *t, void *ctx, const char *text)
{
	return review_done(t, ctx, REVIEW_COMMEND, text);
}

static int
summary_done(struct tui *t, void *ctx, const char *text)
{
	struct detail *d = ctx;

	(void)t;
	free(d->new_summary);
	d->new_summary = strdup(text);
	d->pending = d->new_summary != NULL ? P_REASON : P_NONE;
	return 0;
}

static int
reason_done(struct tui *t, void *ctx, const char *text)
{
	struct detail *d = ctx;
	struct cs_err err = { 0 };
	struct contact c = { 0 }, nv;
	int64_t nid = 0;
	int rc;

	if (app_contact_for_amend(t->app, &t->me, d->id, &c, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	nv = c;
	nv.mem = NULL;
	nv.id = 0;
	nv.followup_due = 0;
	nv.summary = d->new_summary;
	rc = app_contact_amend(t->app, &t->me, d->id, &nv, text, &nid, &err);
	record_contact_clear(&c);
	if (rc != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	tui_say(t, false, "Amended: #%lld replaces #%lld (kept).  Every amendment needs a new "
	        "sign-off: it waits in the review queue.", (long long)nid, (long long)d->id);
	d->id = nid;
	free(d->new_summary);
	d->new_summary = NULL;
	return 0;
}

static void
ask(struct tui *t, struct detail *d, int which, const char *initial)
{
	static const struct tui_prompt_spec specs[] = {
		{ "Sign off", "A note with the sign-off (optional), then Enter:", NULL, 4096,
		  true, false },
		{ "Debrief", "What was discussed at the debrief:", NULL, 8192, true, true },
		{ "Commend", "What the member did well:", NULL, 8192, true,
		  true },
		{ "Amend: summary", "The corrected summary (the old one is kept):", NULL,
		  CONTACT_SUMMARY_MAX, true, true },
		{ "Amend: reason", "Why it is corrected:", NULL, 2048, false, true },
	};
	static const tui_prompt_done done[] = { signoff_done, debrief_done, commend_done,
	                                        summary_done, reason_done };
	struct tui_prompt_spec s = specs[which];

	s.initial = initial;
	tui_prompt_keep(t, &s, done[which], d, &d->notes[which], d->id);
}

static int
k_scroll(struct tui *t, int ch)
{
	struct detail *d = tui_state(t);
	int page = LINES - 5;

	if (ch == KEY_DOWN || ch == KEY_NPAGE || ch == 'j')
		d->top += ch == KEY_NPAGE ? page : 1;
	else
		d->top -= ch == KEY_PPAGE ? page : 1;
	if (d->top < 0)
		d->top = 0;
	return TUI_REDRAW;
}

static int
k_act(struct tui *t, int ch)
{
	struct detail *d = tui_state(t);

	/* An amendment left at its reason starts again from what was written. */
	ask(t, d, ch == 's' ? 0 : ch == 'd' ? 1 : ch == 'c' ? 2 : 3, ch != 'a' ? NULL
	    : d->new_summary != NULL ? d->new_summary : d->summary);
	return TUI_REDRAW;
}

/* Amending is for the member who logged it, or a supervisor. */
static bool
may_amend(struct tui *t)
{
	return app_may(&t->me, APP_AMEND, ((struct detail *)tui_state(t))->member_id, NULL) ==
	       CS_OK;
}

/* The customer's details: a protected read, recorded in the audit trail
 * (the member who logged the contact may, and supervisors). */
static bool
may_protected(struct tui *t)
{
	const struct detail *d = tui_state(t);

	return !d->protected &&
	       app_may(&t->me, APP_READ_PROTECTED, d->member_id, NULL) == CS_OK;
}

static int
k_protected(struct tui *t, int ch)
{
	struct detail *d = tui_state(t);

	(void)ch;
	d->protected = true;
	detail_load(t, d);
	tui_say(t, false, "The customer's details are shown; the reading is recorded.");
	return TUI_REDRAW;
}

/* Leaving with an amendment written but not saved: say so once. */
static int
detail_esc(struct tui *t)
{
	struct detail *d = tui_state(t);

	if (d->new_summary != NULL && !d->warned) {
		d->warned = true;
		tui_say(t, true, "The corrected summary is not saved: a to finish it (with a "
		        "reason), Esc again to throw it away.");
		return TUI_REDRAW;
	}
	return TUI_BACK;
}

static int
k_back(struct tui *t, int ch)
{
	(void)ch;
	return detail_esc(t);
}

static const struct tui_key detail_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down, PgUp/PgDn", NULL, "scroll", -1, NULL, k_scroll, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ TUI_FKEY(KEY_NPAGE), 0, "PgDn", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ TUI_FKEY(KEY_PPAGE), 0, "PgUp", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ 's', 0, "s", "sign off", "sign off: the contact leaves the queue", APP_REVIEW, NULL,
	  k_act, NULL },
	{ 'd', 0, "d", "debrief", "debrief note (a negative call, or anything to discuss)",
	  APP_REVIEW, NULL, k_act, NULL },
	{ 'c', 0, "c", "commend", "commend the member (recognition, as BSOFR asks)",
	  APP_REVIEW, NULL, k_act, NULL },
	{ 'a', 0, "a", "amend", "amend the summary, with a reason (the old version is kept,"
	  " and the new one needs a sign-off)", APP_AMEND, may_amend, k_act, NULL },
	{ 'v', 0, "v", "customer", "show the customer's name, phone (the callback number),"
	  " address, e-mail: the reading is recorded", APP_READ_PROTECTED, may_protected,
	  k_protected, NULL },
	{ 'q', 0, "Esc", "back", "back to the list (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

/* Back from a prompt: the amendment asks its reason next; show what
 * changed. */
static void
detail_resume(struct tui *t)
{
	struct detail *d = tui_state(t);

	if (d->pending == P_REASON) {
		d->pending = P_NONE;
		ask(t, d, 4, NULL);
		return;
	}
	detail_load(t, d);
	if (d->new_summary != NULL)
		tui_say(t, true, "The amendment is not saved yet: a goes back to the corrected "
		        "summary as you wrote it.");
}

static void
detail_leave(struct tui *t)
{
	struct detail *d = tui_state(t);
	int i;

	for (i = 0; i < 5; i++)
		tui_kept_clear(&d->notes[i]);
	lines_free(d);
	free(d->new_summary);
	free(d->summary);
	free(d);
}

static const struct tui_screen detail_screen = {
	.title = "Contact", .keys = detail_keys, .draw = detail_draw, .leave = detail_leave,
	.resume = detail_resume, .esc = detail_esc,
};

void
tui_open_detail(struct tui *t, int64_t contact_id)
{
	struct detail *d = calloc(1, sizeof *d);

	if (d == NULL)
		return;
	d->id = contact_id;
	tui_push(t, &detail_screen, d);
	detail_load(t, d);
}
