/* app_generate.c - the sample-data generator on small counts, on real
 * SQLite files in a temporary directory, with the shipped policies (run
 * from the source tree): the counts, that the same seed gives the same
 * records, that every contact passes the policy's checks, and that the
 * follow-ups, reviews and drills a demo needs are there. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cslog/app.h"
#include "cslog/contact_check.h"
#include "cslog/generate.h"
#include "cslog/store.h"
#include "app_int.h"

#define NOW 1775000000   /* 2026-03-31T23:33:20Z */

struct fixture {
	char dir[64];
	char path[2][128];
	struct app a[2];
	struct generate_opts o;
};

static void
open_app(struct fixture *fx, int i, const char *policies)
{
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };
	char dir[sizeof fx->dir];

	memcpy(dir, fx->dir, sizeof dir);
	snprintf(fx->path[i], sizeof fx->path[i], "%s/g%d.db", dir, i);
	app_init(&fx->a[i]);
	fx->a[i].fixed_now = NOW;
	fx->a[i].db_path = fx->path[i];
	fx->a[i].policies_dir = policies;
	assert_int_equal(app_load_policies(&fx->a[i], &diags, &err), CS_OK);
	policy_diags_free(&diags);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/cslog-generate.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	open_app(fx, 0, "policies");
	open_app(fx, 1, "policies");
	generate_defaults(&fx->o);
	fx->o.members = 8;
	fx->o.contacts = 600;
	fx->o.days = 90;
	fx->o.seed = 7;
	fx->o.batch = 250;          /* several bulk transactions */
	fx->o.drill_sessions = 2;
	*state = fx;
	return 0;
}

static void
remove_tree(const char *dir)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	char path[512];
	struct stat sb;

	while (dp != NULL && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	app_done(&fx->a[0]);
	app_done(&fx->a[1]);
	remove_tree(fx->dir);
	free(fx);
	return 0;
}

static struct generate_stats
generate(struct fixture *fx, int i)
{
	struct generate_stats s;
	struct cs_err err = { 0 };
	int rc = generate_run(&fx->a[i], &fx->o, NULL, NULL, &s, &err);

	if (rc != CS_OK)
		fail_msg("generate_run: %d %s", rc, err.msg);
	assert_int_equal(fx->a[i].fixed_now, 0);   /* the system clock again */
	return s;
}

/* ---- walking a database ---------------------------------------------- */

struct walk {
	struct app *a;
	uint64_t h;           /* FNV-1a of everything seen */
	size_t contacts, current, bad, smoke;
	char why[CS_ERR_MAX + 64];
};

static void
mix(struct walk *w, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		w->h = (w->h ^ b[i]) * 1099511628211u;
}

static void
mix_s(struct walk *w, const char *s)
{
	mix(w, s != NULL ? s : "(null)", s != NULL ? strlen(s) + 1 : 7);
}

static void
mix_i(struct walk *w, int64_t v)
{
	mix(w, &v, sizeof v);
}

static int
on_followup(void *ctx, const struct followup *f)
{
	struct walk *w = ctx;

	mix_i(w, f->due_at);
	mix_i(w, f->done_at);
	mix_i(w, f->state);
	mix_i(w, f->paused_seconds);
	mix_s(w, f->note);
	mix_s(w, f->done_note);
	mix_s(w, f->pause_reason);
	return 0;
}

static int
on_review(void *ctx, const struct review *r)
{
	struct walk *w = ctx;

	mix_i(w, r->at);
	mix_i(w, r->kind);
	mix_i(w, r->member_id);
	mix_s(w, r->note);
	return 0;
}

static void
mix_contact(struct walk *w, const struct contact *c)
{
	size_t i;

	mix_i(w, c->id);
	mix_i(w, c->member_id);
	mix_i(w, c->at);
	mix_i(w, c->logged_at);
	mix_s(w, c->policy_id);
	mix_s(w, c->kind);
	mix_s(w, c->channel);
	mix_s(w, c->outcome);
	mix_s(w, c->summary);
	mix_i(w, c->needs_met);
	mix_s(w, c->added_value);
	mix_i(w, c->empowered);
	for (i = 0; i < c->n_standards; i++)
		mix_s(w, c->standards[i]);
	mix_s(w, c->referral_to);
	mix_s(w, c->decision);
	mix_s(w, c->call_ref);
	mix_s(w, c->customer_name);
	mix_s(w, c->customer_phone);
	mix_i(w, c->amends);
}

/* The contact passes the policy's checks, as app_contact_log applies
 * them, and its stored empowerment agrees with its answers. */
static void
check_contact_ok(struct walk *w, const struct contact *c)
{
	const struct policy *p = app_policy(w->a, c->policy_id, NULL);
	struct contact copy = *c;
	struct cs_err err = { 0 };

	copy.mem = NULL;
	if (p == NULL || contact_check(p, &copy, &err) != CS_OK ||
	    copy.empowered != c->empowered) {
		if (w->bad++ == 0)
			snprintf(w->why, sizeof w->why, "contact %lld: %s", (long long)c->id,
			    p == NULL ? "unknown policy" : err.msg[0] ? err.msg : "empowered differs");
	}
}

static int
on_contact(void *ctx, const struct contact *c)
{
	struct walk *w = ctx;
	struct store *st = app_store(w->a, NULL);

	w->contacts++;
	w->current += c->superseded_by == 0;
	w->smoke += strstr(c->summary, GENERATE_WORD_COMMON) != NULL ||
	    strstr(c->summary, "Smoke") != NULL;
	mix_contact(w, c);
	check_contact_ok(w, c);
	store_followup_of_contact(st, c->id, NOW, on_followup, w, NULL);
	store_review_list(st, c->id, on_review, w, NULL);
	return 0;
}

static int
on_drill(void *ctx, const struct drill_attempt *d)
{
	struct walk *w = ctx;

	mix_i(w, d->member_id);
	mix_i(w, d->trainer_id);
	mix_i(w, d->at);
	mix_s(w, d->item_id);
	mix_i(w, d->correct);
	mix_i(w, d->total);
	return 0;
}

static struct walk
walk_all(struct app *a)
{
	struct contact_filter f = { 0 };
	struct drill_filter df = { 0 };
	struct store_cursor cur = { 0, false }, next;
	struct walk w = { a, 14695981039346656037u, 0, 0, 0, 0, "" };
	struct cs_err err = { 0 };
	struct store *st = app_store(a, &err);

	assert_non_null(st);
	f.include_superseded = true;
	f.include_protected = true;
	f.oldest_first = true;
	f.now = NOW;
	do {
		assert_int_equal(store_contact_query(st, &f, &cur, 500, on_contact, &w, &next,
		    &err), CS_OK);
		cur = next;
	} while (next.more);
	assert_int_equal(store_drill_query(st, &df, on_drill, &w, &err), CS_OK);
	return w;
}

/* ---- tests ------------------------------------------------------------- */

static void
counts_and_roles(void **state)
{
	struct fixture *fx = *state;
	struct generate_stats s = generate(fx, 0);
	struct store *st = app_store(&fx->a[0], NULL);
	struct member m = { 0 };
	struct walk w = walk_all(&fx->a[0]);
	int64_t n = 0;

	assert_int_equal(s.contacts, 600);
	assert_int_equal(w.current, 600);
	assert_int_equal(w.contacts, 600 + s.amendments);
	assert_int_equal(s.members, 8);
	assert_int_equal(store_member_count(st, &n, NULL), CS_OK);
	assert_int_equal(n, 8 + 1);   /* and the evaluator E1 */
	assert_int_equal(s.supervisors, 1);
	assert_int_equal(s.trainers, 1);
	assert_int_equal(store_member_find(st, "S1", &m, NULL), CS_OK);
	assert_int_equal(m.role, ROLE_SUPERVISOR);
	assert_true(m.has_pin);
	record_member_clear(&m);
	assert_int_equal(store_member_find(st, "T1", &m, NULL), CS_OK);
	assert_int_equal(m.role, ROLE_TRAINER);
	record_member_clear(&m);
	assert_int_equal(store_member_find(st, "M101", &m, NULL), CS_OK);
	assert_false(m.has_pin);
	record_member_clear(&m);
}

static void
every_contact_passes_its_policy(void **state)
{
	struct fixture *fx = *state;
	struct walk w;

	generate(fx, 0);
	w = walk_all(&fx->a[0]);
	if (w.bad != 0)
		fail_msg("%zu contacts fail their policy; first: %s", w.bad, w.why);
	/* the common word is common: about one summary in six */
	assert_true(w.smoke > w.contacts / 10);
	assert_true(w.smoke < w.contacts / 3);
}

static void
same_seed_same_records(void **state)
{
	struct fixture *fx = *state;
	struct walk w0, w1;

	generate(fx, 0);
	generate(fx, 1);
	w0 = walk_all(&fx->a[0]);
	w1 = walk_all(&fx->a[1]);
	assert_int_equal(w0.contacts, w1.contacts);
	assert_true(w0.h == w1.h);
}

static void
other_seed_other_records(void **state)
{
	struct fixture *fx = *state;
	struct walk w0, w1;

	generate(fx, 0);
	fx->o.seed = 8;
	generate(fx, 1);
	w0 = walk_all(&fx->a[0]);
	w1 = walk_all(&fx->a[1]);
	assert_true(w0.h != w1.h);
}

static void
followups_reviews_drills(void **state)
{
	struct fixture *fx = *state;
	struct generate_stats s = generate(fx, 0);
	struct store *st = app_store(&fx->a[0], NULL);
	struct followup_stats fs;
	int64_t pending = -1;

	assert_true(s.followups > 20);
	assert_true(s.followups_done > 0);
	assert_true(s.followups_late > 0);
	assert_true(s.followups_paused > 0);
	assert_true(s.sign_offs > s.contacts / 2);
	assert_true(s.debriefs > 0);
	assert_true(s.commendations > 0);
	assert_true(s.drills > 0);
	assert_true(s.added_value > 0 && s.not_empowered > 0);
	assert_true(s.with_protected > 0);
	assert_int_equal(store_followup_stats(st, NULL, NULL, NULL, 0, NOW, &fs, NULL), CS_OK);
	assert_int_equal((size_t)fs.done, s.followups_done);
	assert_true(fs.done_on_time > 0 && fs.done_on_time < fs.done);
	assert_true(fs.unfinished > 0);
	assert_int_equal(store_debrief_pending(st, NULL, NULL, NULL, 0, &pending, NULL), CS_OK);
	assert_true(pending >= 0);
}

static void
unreviewed_recent_contacts(void **state)
{
	struct fixture *fx = *state;
	struct contact_filter f = { 0 };
	struct walk w = { &fx->a[0], 0, 0, 0, 0, 0, "" };
	struct store *st;

	generate(fx, 0);
	st = app_store(&fx->a[0], NULL);
	f.unreviewed = true;
	f.now = NOW;
	f.until = NOW - 30 * 86400;
	assert_int_equal(store_contact_query(st, &f, NULL, 10000, on_contact, &w, NULL, NULL),
	    CS_OK);
	/* old contacts are mostly signed off, so few are left */
	assert_true(w.contacts > 0);
	assert_true(w.contacts < 600 / 3);
}

static void
refuses_a_used_database_and_bad_options(void **state)
{
	struct fixture *fx = *state;
	struct generate_opts o = fx->o;
	struct cs_err err = { 0 };

	o.members = 2;
	assert_int_equal(generate_run(&fx->a[0], &o, NULL, NULL, NULL, &err), CS_USAGE);
	o = fx->o;
	o.pin = "12";
	assert_int_equal(generate_run(&fx->a[0], &o, NULL, NULL, NULL, &err), CS_USAGE);
	o = fx->o;
	o.batch = 0;
	assert_int_equal(generate_run(&fx->a[0], &o, NULL, NULL, NULL, &err), CS_USAGE);
	generate(fx, 0);
	assert_int_equal(generate_run(&fx->a[0], &fx->o, NULL, NULL, NULL, &err), CS_USAGE);
	assert_non_null(strstr(err.msg, "already has members"));
}

/* One policy alone is enough. */
static void
one_policy_will_do(void **state)
{
	struct fixture *fx = *state;
	char dir[128], link[192], target[4096];
	struct walk w;

	snprintf(dir, sizeof dir, "%s/one", fx->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_non_null(realpath("policies/phoenix.yaml", target));
	snprintf(link, sizeof link, "%s/phoenix.yaml", dir);
	assert_int_equal(symlink(target, link), 0);
	app_done(&fx->a[1]);
	open_app(fx, 1, dir);
	assert_int_equal(fx->a[1].policies.n, 1);
	fx->o.contacts = 200;
	assert_int_equal(generate(fx, 1).contacts, 200);
	w = walk_all(&fx->a[1]);
	assert_int_equal(w.bad, 0);
	assert_int_equal(w.current, 200);
}

static int
count_cb(void *ctx, const struct contact *c)
{
	(void)c;
	(*(size_t *)ctx)++;
	return 0;
}

static void
search_finds_the_common_word(void **state)
{
	struct fixture *fx = *state;
	struct contact_filter f = { 0 };
	size_t n = 0;

	generate(fx, 0);
	f.search = GENERATE_WORD_COMMON;
	f.now = NOW;
	assert_int_equal(store_contact_query(app_store(&fx->a[0], NULL), &f, NULL, 10000,
	    count_cb, &n, NULL, NULL), CS_OK);
	assert_true(n > 600 / 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(counts_and_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(every_contact_passes_its_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(same_seed_same_records, setup, teardown),
		cmocka_unit_test_setup_teardown(other_seed_other_records, setup, teardown),
		cmocka_unit_test_setup_teardown(followups_reviews_drills, setup, teardown),
		cmocka_unit_test_setup_teardown(unreviewed_recent_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_used_database_and_bad_options, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(one_policy_will_do, setup, teardown),
		cmocka_unit_test_setup_teardown(search_finds_the_common_word, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
