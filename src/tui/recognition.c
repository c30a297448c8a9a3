/* recognition.c - the recognition program on screen: for a period, each
 * member's evidence (commendations, contacts with added value,
 * secret-shopper evaluations with every item met, satisfaction on their
 * contacts, drill and quiz answers right, recognitions already given),
 * the chosen member's in words under the table; Enter shows the items
 * behind one member's, each whole; a supervisor records a recognition
 * (an award, a letter, positive reinforcement) with its reason.  A
 * member sees their own. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_measures.h"
#include "tui_screens.h"

#define RG_MAX 2000
#define ITEMS_MAX 60
#define DAY 86400

struct rg_member {
	int64_t id;
	char badge[MEMBER_BADGE_MAX + 1], name[MEMBER_NAME_MAX + 1];
	char figures[200];
	char words[400];           /* the figures in words, under the table */
};

struct rg {
	int days;
	struct rg_member *v;
	size_t n, sel, top;
	bool detail;               /* the items of the chosen member */
	char *items[ITEMS_MAX];    /* each whole (a comment too) */
	int64_t comment_of[ITEMS_MAX];   /* a survey response with a comment; 0 none */
	size_t n_items, itop;
	enum recognition_kind kind;
};

static void
free_items(struct rg *s)
{
	size_t i;

	for (i = 0; i < s->n_items; i++)
		free(s->items[i]);
	s->n_items = s->itop = 0;
}

/* Add an item, printf-style (nothing when there is no room). */
static void
add_item(struct rg *s, int64_t comment_of, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add_item(struct rg *s, int64_t comment_of, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;
	int n;

	if (s->n_items >= ITEMS_MAX)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (text = malloc((size_t)n + 1)) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->comment_of[s->n_items] = comment_of;
	s->items[s->n_items++] = text;
}

static void
period(struct tui *t, const struct rg *s, struct measure_filter *f)
{
	memset(f, 0, sizeof *f);
	f->since = app_now(t->app) - (int64_t)s->days * DAY;
}

static int
keep(void *ctx, const struct evidence *e)
{
	struct rg *s = ctx;
	struct rg_member *m;
	char added[48], perfect[48], sat[16], drill[48], satw[48];

	if (s->n >= RG_MAX)
		return 1;
	m = &s->v[s->n++];
	m->id = e->member_id;
	snprintf(m->badge, sizeof m->badge, "%s", e->badge);
	snprintf(m->name, sizeof m->name, "%s", e->name);
	snprintf(added, sizeof added, "%lld/%lld", (long long)e->added_value,
	         (long long)e->contacts);
	snprintf(perfect, sizeof perfect, "%lld/%lld", (long long)e->perfect,
	         (long long)e->evaluations);
	if (e->responses > 0)
		snprintf(sat, sizeof sat, "%.0f%%", 100.0 * (double)e->satisfied /
		         (double)e->responses);
	else
		snprintf(sat, sizeof sat, "-");
	snprintf(drill, sizeof drill, "%lld/%lld", (long long)e->drill_right,
	         (long long)e->drill_asked);
	snprintf(m->figures, sizeof m->figures, "%7lld %9s %7s %4lld %6s %7s %4lld",
	         (long long)e->commendations, added, perfect, (long long)e->responses, sat, drill,
	         (long long)e->recognitions);
	snprintf(satw, sizeof satw, e->responses > 0 ? ", %s satisfied" : "", sat);
	snprintf(m->words, sizeof m->words, "%s (%s): %lld commendation%s · %lld of %lld "
	         "contacts with added value · %lld of %lld secret-shopper evaluations with "
	         "every item met · %lld survey answer%s about their contacts%s · %lld of %lld "
	         "drill and quiz answers right · %lld recognition%s", e->name, e->badge,
	         (long long)e->commendations, e->commendations == 1 ? "" : "s",
	         (long long)e->added_value, (long long)e->contacts, (long long)e->perfect,
	         (long long)e->evaluations, (long long)e->responses,
	         e->responses == 1 ? "" : "s", satw, (long long)e->drill_right,
	         (long long)e->drill_asked, (long long)e->recognitions,
	         e->recognitions == 1 ? "" : "s");
	return 0;
}

static void
rg_load(struct tui *t, struct rg *s)
{
	struct measure_filter f;
	struct cs_err err = { 0 };

	s->n = 0;
	period(t, s, &f);
	if (app_evidence(t->app, &t->me, &f, keep, s, &err) != CS_OK)
		tui_say(t, true, "The evidence cannot be read: %s", err.msg);
}

static int
keep_item(void *ctx, const struct evidence_item *it)
{
	static const char *const what[] = { "commended", "added value", "perfect evaluation",
	                                    "survey", "recognized" };
	struct rg *s = ctx;
	char at[32];

	if (s->n_items >= ITEMS_MAX)
		return 1;
	app_time_local(it->at, at, sizeof at);
	if (it->kind == EVIDENCE_SURVEY)
		add_item(s, it->text != NULL ? it->id : 0, "%.10s  survey: %d of 5%s", at,
		         it->score, it->text != NULL ? " (with a comment)" : "");
	else if (it->kind == EVIDENCE_PERFECT)
		add_item(s, 0, "%.10s  %s: every item met (%s)", at, what[it->kind],
		         it->text != NULL ? it->text : "");
	else
		add_item(s, 0, "%.10s  %s: %s — %s", at, what[it->kind],
		         it->text != NULL ? it->text : "", it->text2 != NULL ? it->text2 : "");
	return 0;
}

/* Where the one signed in may read them, the comments of the survey
 * answers shown (each read an audit event; a restricted one stays one
 * at a time, with survey show). */
static void
add_comments(struct tui *t, struct rg *s)
{
	struct survey_response r;
	struct cs_err err = { 0 };
	const struct policy *p;
	size_t i;
	char *with;

	if (!tui_may(t, APP_SURVEY_COMMENT))
		return;
	for (i = 0; i < s->n_items; i++) {
		if (s->comment_of[i] == 0 ||
		    app_survey_get(t->app, &t->me, s->comment_of[i], false, &r, &err) != CS_OK)
			continue;
		p = policy_set_find(&t->app->policies, r.policy_id);
		record_survey_clear(&r);
		if (p == NULL || p->comment_class != PRIVACY_PROTECTED)
			continue;
		if (app_survey_get(t->app, &t->me, s->comment_of[i], true, &r, &err) != CS_OK) {
			tui_say(t, true, "%s", err.msg);
			return;
		}
		with = malloc(strlen(s->items[i]) + (r.comment != NULL ? strlen(r.comment) : 0) + 5);
		if (with != NULL) {
			sprintf(with, "%s: \"%s\"", s->items[i], r.comment != NULL ? r.comment : "");
			free(s->items[i]);
			s->items[i] = with;
		}
		record_survey_clear(&r);
	}
}

static int
k_open(struct tui *t, int ch)
{
	struct rg *s = tui_state(t);
	struct measure_filter f;
	struct cs_err err = { 0 };

	(void)ch;
	period(t, s, &f);
	free_items(s);
	if (app_evidence_items(t->app, &t->me, &f, s->v[s->sel].id, 10, keep_item, s, &err)
	    != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	add_comments(t, s);
	s->detail = true;
	return TUI_REDRAW;
}

static int
k_move(struct tui *t, int ch)
{
	struct rg *s = tui_state(t);
	bool down = ch == KEY_DOWN || ch == 'j';

	if (s->detail && down && s->itop + 1 < s->n_items)
		s->itop++;
	else if (s->detail && !down && s->itop > 0)
		s->itop--;
	else if (!s->detail && down && s->sel + 1 < s->n)
		s->sel++;
	else if (!s->detail && !down && s->sel > 0)
		s->sel--;
	return TUI_REDRAW;
}

static int
k_period(struct tui *t, int ch)
{
	struct rg *s = tui_state(t);

	s->days = ch == '3' ? 30 : ch == '9' ? 90 : 365;
	s->detail = false;
	rg_load(t, s);
	return TUI_REDRAW;
}

static int
reason_done(struct tui *t, void *ctx, const char *text)
{
	struct rg *s = ctx;
	struct recognition r;
	struct cs_err err = { 0 };
	int64_t id;

	memset(&r, 0, sizeof r);
	r.member_id = s->v[s->sel].id;
	r.kind = s->kind;
	r.reason = text;
	r.until = app_now(t->app);
	r.since = r.until - (int64_t)s->days * DAY;
	if (app_recognition_add(t->app, &t->me, &r, &id, &err) != CS_OK) {
		tui_say(t, true, "Not saved: %s", err.msg);
		return 1;
	}
	tui_say(t, false, "Recognition %lld of %s saved (%s).", (long long)id, s->v[s->sel].badge,
	        record_recognition_kind_name(s->kind));
	return 0;
}

static int
k_recognize(struct tui *t, int ch)
{
	static const struct tui_prompt_spec spec = {
		"Recognition", "Why (kept with it, shown in the member's evidence):", NULL,
		RECOGNITION_REASON_MAX, true, true,
	};
	struct rg *s = tui_state(t);

	s->kind = ch == 'a' ? RECOGNITION_AWARD : ch == 'l' ? RECOGNITION_LETTER :
	          RECOGNITION_REINFORCEMENT;
	tui_prompt(t, &spec, reason_done, s);
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	struct rg *s = tui_state(t);

	(void)ch;
	if (s->detail) {
		s->detail = false;
		return TUI_REDRAW;
	}
	return TUI_BACK;
}

static int
rg_esc(struct tui *t)
{
	return k_back(t, TUI_ESC);
}

static bool
listing(struct tui *t)
{
	struct rg *s = tui_state(t);

	return !s->detail && s->n > 0;
}

static const struct tui_key rg_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "choose a member (or scroll their items)", -1,
	  NULL, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_move, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "evidence", "the items behind the member's figures",
	  APP_RECOGNITION_READ, listing, k_open, NULL },
	{ 'a', 0, "a l r", "recognize", "recognize the member: an award (a), a letter (l),"
	  " positive reinforcement (r); then say why", APP_RECOGNITION_ADD, listing, k_recognize,
	  NULL },
	{ 'l', 0, "l", NULL, NULL, APP_RECOGNITION_ADD, listing, k_recognize, NULL },
	{ 'r', 0, "r", NULL, NULL, APP_RECOGNITION_ADD, listing, k_recognize, NULL },
	{ '3', 0, "3 9 y", "period", "the last 30 days, 90 days, year", -1, NULL, k_period, NULL },
	{ '9', 0, "9", NULL, NULL, -1, NULL, k_period, NULL },
	{ 'y', 0, "y", NULL, NULL, -1, NULL, k_period, NULL },
	{ 'q', 0, "Esc", "back", "back (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

/* The items from itop, each whole over as many rows as it needs. */
static void
draw_items(struct tui *t, struct rg *s)
{
	char line[320];
	int y = 2, need;
	size_t i;

	snprintf(line, sizeof line, "%s (%s): %s", s->v[s->sel].name, s->v[s->sel].badge,
	         "the items behind the figures, by kind, newest first");
	tui_wrap(1, 1, COLS - 2, 1, line, A_BOLD);
	for (i = s->itop; i < s->n_items; i++) {
		need = tui_wrap_rows(COLS - 4, s->items[i]);
		if (y + need > LINES - 3 && i > s->itop) {
			snprintf(line, sizeof line, "%zu more below: Down scrolls", s->n_items - i);
			tui_text(LINES - 3, 1, COLS - 2, line, tui_attr(t, PAIR_DIM));
			break;
		}
		y += tui_wrap(y, 1, COLS - 2, LINES - 3 - y, s->items[i], 0);
	}
	if (s->n_items == 0)
		tui_text(3, 1, COLS - 2, "Nothing in this period.", 0);
}

static void
rg_draw(struct tui *t)
{
	struct rg *s = tui_state(t);
	size_t i, rows;
	char right[32], badge[64], name[MEMBER_NAME_MAX + 8], line[sizeof badge + sizeof name + 220];
	int words;

	snprintf(right, sizeof right, "last %d days", s->days);
	tui_title(t, "cslog — recognition", right);
	if (s->detail) {
		draw_items(t, s);
		tui_keybar(t);
		return;
	}
	words = s->n > 0 ? tui_wrap_rows(COLS - 2, s->v[s->sel < s->n ? s->sel : 0].words) : 0;
	if (words > 4)
		words = 4;
	rows = (size_t)(LINES - 5 - words);
	tui_text(1, 1, COLS - 2, "MEMBER    NAME            COMMEND     ADDED PERFECT SURV "
	         "SATISF   DRILL RECG", A_UNDERLINE);
	tui_mscroll(s->n, rows - 1, &s->sel, &s->top);
	for (i = s->top; i < s->n && i < s->top + rows - 1; i++) {
		text_fit_marked(s->v[i].badge, 9, badge, sizeof badge);
		text_fit_marked(s->v[i].name, 15, name, sizeof name);
		snprintf(line, sizeof line, "%-*s %-*s %s", 9 + (int)strlen(badge) -
		         text_width(badge), badge, 15 + (int)strlen(name) - text_width(name), name,
		         s->v[i].figures);
		tui_mrow(t, 2 + (int)(i - s->top), i == s->sel, line, NULL);
	}
	if (s->n == 0)
		tui_text(3, 1, COLS - 2, "No evidence in this period.", 0);
	else   /* the chosen member's figures in words, the name whole */
		tui_wrap(LINES - 2 - words, 1, COLS - 2, words, s->v[s->sel].words, 0);
	tui_keybar(t);
}

static void
rg_leave(struct tui *t)
{
	struct rg *s = tui_state(t);

	free_items(s);
	free(s->v);
	free(s);
}

static void
rg_resume(struct tui *t)
{
	struct rg *s = tui_state(t);

	if (!s->detail)
		rg_load(t, s);
}

static const struct tui_screen rg_screen = {
	.title = "Recognition", .keys = rg_keys, .draw = rg_draw, .esc = rg_esc,
	.notes = "The columns, over the period: COMMEND commendations of the member's contacts;"
	    " ADDED contacts with added value, of all their contacts; PERFECT secret-shopper"
	    " evaluations with every item met, of all of them; SURV answers to the headline"
	    " survey question about their contacts, SATISF the share of them 4 or 5; DRILL drill"
	    " and quiz answers right, of those asked; RECG recognitions recorded.  The line"
	    " under the table says the chosen member's in words.",
	.leave = rg_leave, .resume = rg_resume,
};

void
tui_open_recognition(struct tui *t)
{
	struct rg *s = calloc(1, sizeof *s);

	if (s == NULL || (s->v = calloc(RG_MAX, sizeof *s->v)) == NULL) {
		free(s);
		return;
	}
	s->days = 30;
	tui_push(t, &rg_screen, s);
	rg_load(t, s);
}
