/* app_atomic.c - one user action is one transaction, whenever the process
 * dies.  Each action below runs in a child process that kills itself
 * (SIGKILL, which nothing can catch or clean up after) just before the
 * N-th SQL statement of the action, for N = 1, 2, ... until the action
 * completes.  After every kill the database, opened afresh, must hold
 * all of the action or none of it: no duplicate, nothing half-written,
 * the draft still there exactly when the contact is not, the audit chain
 * and the figures intact (store_verify, and the aggregates against a
 * full scan).  The statements are counted with the store's trace hook
 * (sqlite3_trace_v2), which reports each statement as it starts. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "app_int.h"
#include "tmpdir.h"

#define DRAFT "{\"step\":3,\"summary\":\"half typed\"}"
#define MAX_STEPS 400

static char dir[64], tpl[128], work[160];
static int64_t sup_id, mem_id, contact1, followup1;

static void
app_on(struct app *a, const char *path)
{
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };

	app_init(a);
	a->db_path = path;
	a->policies_dir = "policies";
	assert_int_equal(app_load_policies(a, &diags, &err), CS_OK);
	policy_diags_free(&diags);
}

static void
who(struct app *a, int64_t id, struct app_actor *out)
{
	struct cs_err err = { 0 };

	assert_int_equal(app_actor_load(a, id, out, &err), CS_OK);
}

static void
sample(struct contact *c, const char *summary)
{
	memset(c, 0, sizeof *c);
	c->policy_id = "bsofr";
	c->kind = "recipient";
	c->channel = "on-scene";
	c->outcome = "resolved";
	c->summary = summary;
}

static void
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* The database every run starts from: a supervisor, a member with a
 * contact, its follow-up, and the member's draft of a new contact. */
static int
setup(void **state)
{
	struct app a;
	struct app_actor s, m;
	struct contact c;
	struct cs_err err = { 0 };

	(void)state;
	assert_non_null(tmpdir_make(dir, tpl, "atomic"));
	snprintf(work, sizeof work, "%s/work.db", dir);
	app_on(&a, tpl);
	assert_int_equal(app_member_add(&a, NULL, "S1", "Sam Super", ROLE_SUPERVISOR, "1234",
	                                &sup_id, &err), CS_OK);
	who(&a, sup_id, &s);
	assert_int_equal(app_member_add(&a, &s, "M1", "Mia Member", ROLE_MEMBER, NULL, &mem_id,
	                                &err), CS_OK);
	who(&a, mem_id, &m);
	sample(&c, "the first contact");
	c.followup_due = app_now(&a) + 86400;
	assert_int_equal(app_contact_log(&a, &m, &c, NULL, &contact1, &err), CS_OK);
	followup1 = 1;
	assert_int_equal(app_draft_save(&a, &m, "contact", DRAFT, &err), CS_OK);
	app_done(&a);   /* the last connection closed: the template is one file */
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmpdir_remove(dir);
	return 0;
}

/* ---- the child: one action, killed before statement `kill_at` ------- */

static int steps, kill_at;

static void
count_step(void *ctx, const char *sql)
{
	(void)ctx;
	(void)sql;
	if (++steps == kill_at)
		raise(SIGKILL);
}

typedef int (*action_fn)(struct app *a, struct cs_err *err);

static int
act_save_contact(struct app *a, struct cs_err *err)
{
	struct app_actor m;
	struct contact c;
	int64_t id;

	who(a, mem_id, &m);
	sample(&c, "the saved one");
	store_trace(app_store(a, err), count_step, NULL);
	return app_contact_log(a, &m, &c, "contact", &id, err);
}

static int
act_sign_off(struct app *a, struct cs_err *err)
{
	struct app_actor s;
	int64_t id;

	who(a, sup_id, &s);
	store_trace(app_store(a, err), count_step, NULL);
	return app_review_add(a, &s, contact1, REVIEW_SIGN_OFF, "read and signed", &id, err);
}

static int
act_followup_done(struct app *a, struct cs_err *err)
{
	struct app_actor m;

	who(a, mem_id, &m);
	store_trace(app_store(a, err), count_step, NULL);
	return app_followup_act(a, &m, FOLLOWUP_ACT_DONE, followup1, "called back", err);
}

static int
act_member_add(struct app *a, struct cs_err *err)
{
	struct app_actor s;
	int64_t id;

	who(a, sup_id, &s);
	store_trace(app_store(a, err), count_step, NULL);
	return app_member_add(a, &s, "N1", "Nia New", ROLE_MEMBER, NULL, &id, err);
}

/* Run action in a child killed before statement n; true when the child
 * finished the action (n was past its last statement). */
static bool
run_child(action_fn action, int n)
{
	struct app a;
	struct cs_err err = { 0 };
	char wal[200];
	pid_t pid;
	int st, rc;

	snprintf(wal, sizeof wal, "%s-wal", work);
	remove(wal);   /* a killed run's journal must not meet a fresh copy */
	snprintf(wal, sizeof wal, "%s-shm", work);
	remove(wal);
	copy_file(tpl, work);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		app_on(&a, work);
		steps = 0;
		kill_at = n;
		rc = action(&a, &err);
		store_trace(app_store(&a, NULL), NULL, NULL);
		app_done(&a);
		_exit(rc == CS_OK ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (WIFSIGNALED(st)) {
		assert_int_equal(WTERMSIG(st), SIGKILL);
		return false;
	}
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	return true;
}

/* ---- what must hold after every kill --------------------------------- */

static int
count_cb(void *ctx, const struct contact *c)
{
	(void)c;
	(*(int64_t *)ctx)++;
	return 0;
}

static int64_t
contacts_with(struct app *a, const char *summary)
{
	struct contact_filter f = { 0 };
	struct cs_err err = { 0 };
	int64_t n = 0;

	f.search = summary;
	f.include_superseded = true;
	f.now = app_now(a);
	assert_int_equal(store_contact_query(app_store(a, &err), &f, NULL, 100, count_cb, &n,
	                                     NULL, &err), CS_OK);
	return n;
}

static void
intact(struct app *a)
{
	struct store_verify_result res;
	struct cs_err err = { 0 };

	memset(&res, 0, sizeof res);
	assert_int_equal(store_verify(app_store(a, &err), NULL, NULL, &res, &err), CS_OK);
	if (!res.ok)
		fail_msg("not intact: %s", res.why);
}

struct agg_cmp {
	char v[8][32];
	int64_t n[8];
	int k;
};

static int
keep_row(void *ctx, const char *value, int64_t n)
{
	struct agg_cmp *x = ctx;

	if (x->k < 8) {
		snprintf(x->v[x->k], sizeof x->v[0], "%s", value);
		x->n[x->k++] = n;
	}
	return 0;
}

/* The figures kept as things are written equal those counted afresh. */
static void
figures_agree(struct app *a, enum store_dim dim)
{
	struct agg_cmp kept = { .k = 0 }, counted = { .k = 0 };
	struct cs_err err = { 0 };
	int i;

	assert_int_equal(store_report(app_store(a, &err), dim, NULL, NULL, NULL, keep_row, &kept,
	                              &err), CS_OK);
	assert_int_equal(store_report_fullscan(app_store(a, &err), dim, NULL, NULL, NULL, 0,
	                                       keep_row, &counted, &err), CS_OK);
	assert_int_equal(kept.k, counted.k);
	for (i = 0; i < kept.k; i++) {
		assert_string_equal(kept.v[i], counted.v[i]);
		assert_int_equal(kept.n[i], counted.n[i]);
	}
}

static void
check_save_contact(struct app *a, bool done)
{
	struct app_actor m;
	struct cs_err err = { 0 };
	char *body = NULL;
	int64_t n = contacts_with(a, "the saved one");
	int rc;

	who(a, mem_id, &m);
	rc = app_draft_load(a, &m, "contact", &body, NULL, &err);
	assert_true(n == 0 || n == 1);                /* never a duplicate */
	if (n == 1) {
		assert_int_equal(rc, CS_NOINPUT);     /* saved: its draft is gone */
	} else {
		assert_int_equal(rc, CS_OK);          /* not saved: the draft is there, */
		assert_string_equal(body, DRAFT);     /* exactly as it was */
	}
	assert_true(!done || n == 1);
	free(body);
	intact(a);
}

static void
check_sign_off(struct app *a, bool done)
{
	struct app_actor s;
	struct contact c;
	struct cs_err err = { 0 };

	who(a, sup_id, &s);
	assert_int_equal(app_contact_get(a, &s, contact1, false, &c, &err), CS_OK);
	assert_true(c.n_reviews == 0 || c.n_reviews == 1);
	assert_int_equal(c.signed_off, c.n_reviews == 1);  /* the queue agrees */
	assert_true(!done || c.signed_off);
	record_contact_clear(&c);
	intact(a);
}

static void
check_followup_done(struct app *a, bool done)
{
	struct followup f;
	struct cs_err err = { 0 };

	assert_int_equal(store_followup_get(app_store(a, &err), followup1, app_now(a), &f, &err),
	                 CS_OK);
	assert_true(f.state == FOLLOWUP_OPEN || f.state == FOLLOWUP_DONE);
	if (f.state == FOLLOWUP_DONE)
		assert_string_equal(f.done_note, "called back");
	assert_true(!done || f.state == FOLLOWUP_DONE);
	record_followup_clear(&f);
	figures_agree(a, DIM_FOLLOWUP_DONE);
	figures_agree(a, DIM_FOLLOWUP_OPEN);
	intact(a);
}

static int
count_event(void *ctx, const struct audit_event *e)
{
	(void)e;
	(*(int *)ctx)++;
	return 0;
}

static void
check_member_add(struct app *a, bool done)
{
	struct member m;
	struct cs_err err = { 0 };
	int rc = store_member_find(app_store(a, &err), "N1", &m, &err), events = 0;

	if (rc == CS_OK) {
		assert_int_equal(store_audit_list(app_store(a, &err), "member", m.id, 0, 0,
		                                  count_event, &events, &err), CS_OK);
		assert_int_equal(events, 1);   /* the member and its event, together */
		record_member_clear(&m);
	} else {
		assert_int_equal(rc, CS_NOUSER);
	}
	assert_true(!done || rc == CS_OK);
	intact(a);
}

typedef void (*check_fn)(struct app *a, bool done);

/* Kill before every statement in turn, checking after each. */
static void
every_kill(action_fn action, check_fn check, const char *what)
{
	struct app a;
	bool done = false;
	int n;

	for (n = 1; !done && n < MAX_STEPS; n++) {
		done = run_child(action, n);
		app_on(&a, work);
		check(&a, done);
		app_done(&a);
	}
	assert_true(done);
	print_message("# %s: killed before each of its %d statements, all or nothing\n", what,
	              n - 2);
	assert_true(n > 3);   /* the action has statements to be killed between */
}

static void
save_contact(void **state)
{
	(void)state;
	every_kill(act_save_contact, check_save_contact, "a contact saved with its draft");
}

static void
sign_off(void **state)
{
	(void)state;
	every_kill(act_sign_off, check_sign_off, "a sign-off with its note");
}

static void
followup_done(void **state)
{
	(void)state;
	every_kill(act_followup_done, check_followup_done, "a follow-up done with its figures");
}

static void
member_add(void **state)
{
	(void)state;
	every_kill(act_member_add, check_member_add, "a member added with its audit event");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(save_contact),
		cmocka_unit_test(sign_off),
		cmocka_unit_test(followup_done),
		cmocka_unit_test(member_add),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
