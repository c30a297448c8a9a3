/* app_measures.c - the measures' use cases without a front end: an
 * evaluation's measured items judged by cslog whatever the caller says,
 * who sees which evaluations (an evaluator: those they entered), survey
 * answers held to the policy's questions, every read of a comment an
 * audit event and none for whom may not read it, a survey tool's file
 * imported whole or not at all, the staff-meeting report refused to a
 * member. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cslog/app_measures.h"
#include "cslog/meeting.h"
#include "app_int.h"

struct fixture {
	char dir[64], db[128];
	struct app a;
	struct store *st;
	struct app_actor sup, e1, e2, m1, m2;
	int64_t contact;
};

static void
actor(struct fixture *fx, const char *badge, enum member_role role, struct app_actor *out)
{
	struct member m = { 0 };
	struct cs_err err;
	int64_t id = 0;

	m.badge = badge;
	m.name = badge;
	m.role = role;
	assert_int_equal(store_member_add(fx->st, 0, &m, NULL, app_now(&fx->a), &id, &err),
	                 CS_OK);
	assert_int_equal(app_actor_load(&fx->a, id, out, &err), CS_OK);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };
	struct contact c = { 0 };

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/cslog-measures.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/cslog.db", fx->dir);
	app_init(&fx->a);
	fx->a.db_path = fx->db;
	fx->a.policies_dir = "policies";
	assert_int_equal(app_load_policies(&fx->a, &diags, &err), CS_OK);
	policy_diags_free(&diags);
	assert_non_null(fx->a.policies.measures);   /* policies/measures.yaml */
	fx->st = app_store(&fx->a, &err);
	assert_non_null(fx->st);
	actor(fx, "S1", ROLE_SUPERVISOR, &fx->sup);
	actor(fx, "E1", ROLE_EVALUATOR, &fx->e1);
	actor(fx, "E2", ROLE_EVALUATOR, &fx->e2);
	actor(fx, "M1", ROLE_MEMBER, &fx->m1);
	actor(fx, "M2", ROLE_MEMBER, &fx->m2);
	c.policy_id = "rochester";
	c.kind = "external";
	c.channel = "phone";
	c.outcome = "resolved";
	c.summary = "a call";
	assert_int_equal(app_contact_log(&fx->a, &fx->m1, &c, NULL, &fx->contact, &err), CS_OK);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	struct dirent *d;
	DIR *dir;
	char path[512];

	app_done(&fx->a);
	dir = opendir(fx->dir);
	while (dir != NULL && (d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", fx->dir, d->d_name);
		unlink(path);
	}
	if (dir != NULL)
		closedir(dir);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* An evaluation of member by who, four rings given as value (the
 * caller's result for it ignored), every other item as rest. */
static int
evaluate(struct fixture *fx, const struct app_actor *who, int64_t member, long rings,
         enum eval_result rest, int64_t *id, struct cs_err *err)
{
	struct eval_slot slots[64];
	struct shopper_item items[64];
	struct shopper_eval e;
	const struct policy *p;
	size_t n, i;
	int rc = app_shopper_form(&fx->a, "rochester", "phone", &p, slots, 64, &n, err);

	if (rc != CS_OK)
		return rc;
	for (i = 0; i < n; i++) {
		items[i] = (struct shopper_item){ slots[i].id, false, rest, -1 };
		if (eval_measured(&slots[i]))
			items[i].value = strcmp(slots[i].id, "four-rings") == 0 ? rings : 1;
		if (eval_measured(&slots[i]))
			items[i].result = EVAL_MET;   /* what cslog must not take */
	}
	memset(&e, 0, sizeof e);
	e.policy_id = "rochester";
	e.channel = "phone";
	e.member_id = member;
	e.items = items;
	e.n_items = n;
	return app_shopper_add(&fx->a, who, &e, id, err);
}

static int
count(void *ctx, const struct shopper_eval *e)
{
	(void)e;
	(*(int *)ctx)++;
	return 0;
}

static int
listed(struct fixture *fx, const struct app_actor *who)
{
	struct measure_filter f = { 0 };
	struct cs_err err;
	int n = 0;

	assert_int_equal(app_shopper_list(&fx->a, who, &f, count, &n, &err), CS_OK);
	return n;
}

static void
evaluations_judged_and_scoped(void **state)
{
	struct fixture *fx = *state;
	struct shopper_eval e;
	struct cs_err err;
	int64_t a, b;
	size_t i;

	assert_int_equal(evaluate(fx, &fx->e1, fx->m1.id, 6, EVAL_MET, &a, &err), CS_OK);
	assert_int_equal(evaluate(fx, &fx->e2, fx->m2.id, 3, EVAL_MET, &b, &err), CS_OK);
	assert_int_equal(app_shopper_get(&fx->a, &fx->sup, a, &e, &err), CS_OK);
	for (i = 0; i < e.n_items; i++)
		if (strcmp(e.items[i].item_id, "four-rings") == 0)
			assert_int_equal(e.items[i].result, EVAL_NOT_MET);   /* six rings */
	assert_int_equal(e.met + 1, e.scored);
	record_shopper_clear(&e);
	assert_int_equal(listed(fx, &fx->sup), 2);
	assert_int_equal(listed(fx, &fx->e1), 1);     /* an evaluator: what they entered */
	assert_int_equal(listed(fx, &fx->m2), 1);     /* a member: those of them */
	assert_int_equal(app_shopper_get(&fx->a, &fx->e1, b, &e, &err), CS_NOPERM);
	assert_int_equal(app_shopper_get(&fx->a, &fx->m1, b, &e, &err), CS_NOPERM);
	assert_int_equal(app_shopper_get(&fx->a, &fx->e1, a, &e, &err), CS_OK);
	record_shopper_clear(&e);
	/* A member records none; an item left out, or given twice, is named. */
	assert_int_equal(evaluate(fx, &fx->m1, fx->m2.id, 3, EVAL_MET, NULL, &err), CS_NOPERM);
	assert_int_equal(app_shopper_add(&fx->a, &fx->e1, &(struct shopper_eval){
	    .policy_id = "rochester", .channel = "phone" }, NULL, &err), CS_USAGE);
	assert_non_null(strstr(err.msg, "is not given"));
	/* The figures by standard follow. */
	{
		struct mreport r;
		int64_t k = -1, of = -1;

		assert_int_equal(mreport_run(&fx->a, &fx->sup, MREPORT_SHOPPER, NULL, NULL, NULL, &r,
		                             &err), CS_OK);
		for (i = 0; i < r.n; i++) {
			if (strcmp(r.rows[i].value, "four-rings") == 0) {
				k = r.rows[i].share.k;
				of = r.rows[i].share.n;
			}
		}
		assert_int_equal(k, 1);    /* three rings met, six not */
		assert_int_equal(of, 2);
		mreport_free(&r);
		assert_int_equal(mreport_run(&fx->a, &fx->e1, MREPORT_SHOPPER_MEMBER, NULL, NULL,
		                             NULL, &r, &err), CS_NOPERM);
	}
}

static int
count_audit(void *ctx, const struct audit_event *e)
{
	int64_t *n = ctx;

	n[strcmp(e->action, "read.comment") == 0 ? 0 : 1]++;
	return 0;
}

static void
comments_read_audited(void **state)
{
	struct fixture *fx = *state;
	struct survey_response r, out;
	struct cs_err err;
	int64_t id, n[2] = { 0, 0 };

	memset(&r, 0, sizeof r);
	r.contact_id = fx->contact;
	r.comment = "M1 was kind";
	r.answers[r.n_answers++] = (struct survey_answer){ "overall", SCALE_1_5, 7 };
	assert_int_equal(app_survey_add(&fx->a, &fx->sup, &r, &id, &err), CS_DATAERR);
	r.answers[0] = (struct survey_answer){ "sparkle", SCALE_1_5, 3 };
	assert_int_equal(app_survey_add(&fx->a, &fx->sup, &r, &id, &err), CS_DATAERR);
	r.answers[0] = (struct survey_answer){ "overall", SCALE_YES_NO, 5 };
	assert_int_equal(app_survey_add(&fx->a, &fx->m1, &r, &id, &err), CS_NOPERM);
	assert_int_equal(app_survey_add(&fx->a, &fx->sup, &r, &id, &err), CS_OK);
	assert_string_equal(r.policy_id, "rochester");   /* the contact's */
	assert_int_equal(r.answers[0].scale, SCALE_1_5);  /* the question's, not the caller's */
	/* A member may see the response about their contact, not its comment. */
	assert_int_equal(app_survey_get(&fx->a, &fx->m1, id, false, &out, &err), CS_OK);
	assert_null(out.comment);
	record_survey_clear(&out);
	assert_int_equal(app_survey_get(&fx->a, &fx->m1, id, true, &out, &err), CS_NOPERM);
	assert_int_equal(app_survey_get(&fx->a, &fx->m2, id, false, &out, &err), CS_NOPERM);
	assert_int_equal(app_survey_get(&fx->a, &fx->sup, id, true, &out, &err), CS_OK);
	assert_string_equal(out.comment, "M1 was kind");
	record_survey_clear(&out);
	assert_int_equal(store_audit_list(fx->st, "survey", id, 0, 0, count_audit, n, &err),
	                 CS_OK);
	assert_int_equal(n[0], 1);   /* one read.comment: the supervisor's, not the member's */
}

struct errs {
	int n;
	char first[256];
};

static void
on_error(void *ctx, bool in_map, long line, const char *msg)
{
	struct errs *e = ctx;

	if (e->n++ == 0)
		snprintf(e->first, sizeof e->first, "%s%ld: %s", in_map ? "map " : "", line, msg);
}

static FILE *
text(const char *s)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	fputs(s, f);
	rewind(f);
	return f;
}

static void
import_whole_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct errs e = { 0, "" };
	struct survey_import_opts o = { "rochester", false, on_error, &e };
	struct survey_import_stats st;
	struct cs_err err;
	FILE *map = text("header,question\nOverall?,overall\nWords,comment\n");
	FILE *bad = text("Overall?,Words,ref\n5,fine,A1\n9,too high,A2\n");
	FILE *good = text("Overall?,Words,ref\n5,fine,A1\n4,,A2\n");

	assert_int_equal(app_survey_import(&fx->a, &fx->sup, bad, map, &o, &st, &err),
	                 CS_DATAERR);
	assert_string_equal(e.first, "3: overall: '9' is not on the scale 1 to 5");
	assert_int_equal(st.imported, 0);
	rewind(map);
	assert_int_equal(app_survey_import(&fx->a, &fx->sup, good, map, &o, &st, &err), CS_OK);
	assert_int_equal(st.imported, 2);
	rewind(map);
	rewind(good);
	e.n = 0;
	assert_int_equal(app_survey_import(&fx->a, &fx->sup, good, map, &o, &st, &err),
	                 CS_DATAERR);
	assert_non_null(strstr(e.first, "already kept"));
	rewind(map);
	rewind(good);
	assert_int_equal(app_survey_import(&fx->a, &fx->m1, good, map, &o, &st, &err),
	                 CS_NOPERM);
	fclose(map);
	fclose(bad);
	fclose(good);
}

static void
meeting_for_whom(void **state)
{
	struct fixture *fx = *state;
	struct meeting m;
	struct cs_err err;

	assert_int_equal(meeting_make(&fx->a, &fx->m1, NULL, NULL, NULL, &m, &err), CS_NOPERM);
	assert_int_equal(meeting_make(&fx->a, &fx->e1, NULL, NULL, NULL, &m, &err), CS_NOPERM);
	assert_int_equal(meeting_make(&fx->a, &fx->sup, "2026-09-30", "2026-09-01", NULL, &m,
	                              &err), CS_USAGE);
	assert_int_equal(meeting_make(&fx->a, &fx->sup, NULL, NULL, NULL, &m, &err), CS_OK);
	assert_int_equal(m.contacts, 1);
	assert_int_equal(m.n_buckets, 5);     /* 30 days: four weeks and two days */
	meeting_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(evaluations_judged_and_scoped, setup, teardown),
		cmocka_unit_test_setup_teardown(comments_read_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(import_whole_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(meeting_for_whom, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
