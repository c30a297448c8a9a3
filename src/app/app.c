/* app.c - the application context: paths, clock, policies. */
#include "app_int.h"
#include "cslog/pgstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static char config_home_buf[4096];
static char source_dir_buf[4096];
static char share_dir_buf[4096];

void
app_init(struct app *a)
{
	memset(a, 0, sizeof *a);
	a->anchor_fd = -1;
	a->now = app_clock();
}

int64_t
app_now(struct app *a)
{
	a->now = a->fixed_now != 0 ? a->fixed_now : app_clock();
	return a->now;
}

void
app_done(struct app *a)
{
	if (a->store != NULL)
		store_close(a->store);
	a->store = NULL;
	pgstore_close(a->pg);
	a->pg = NULL;
	app_anchor_close(a);
	policy_set_free(&a->policies);
	a->policies_loaded = false;
	free(a->db_path_owned);
	a->db_path_owned = NULL;
	free(a->damage);
	a->damage = NULL;
	a->damage_checked = 0;
	app_buf_free(&a->line);
}

const char *
app_db_path(struct app *a, struct cs_err *err)
{
	const char *env, *home, *group = app_group_dir();
	size_t n;

	if (a->db_path != NULL && app_secure() && !a->demo) {
		cs_err_set(err, CS_USAGE, "cslog runs set-group-id here: its database is %s%s,"
		           " and --db is not taken", group ? group : "(none: not built for it)",
		           group ? "/cslog.db" : "");
		return NULL;
	}
	if (a->db_path != NULL)
		return a->db_path;
	if ((env = app_env("CSLOG_DB")) != NULL)
		return env;
	if (a->db_path_owned != NULL)
		return a->db_path_owned;
	env = app_env("XDG_DATA_HOME");
	home = app_env("HOME");
	if (group != NULL && app_group_service(a) != NULL) {
		/* the group deployment's server, named in its service file */
		return "service=cslog";
	} else if (group != NULL) {   /* the group deployment's */
		n = strlen(group) + sizeof "/cslog.db";
		a->db_path_owned = malloc(n);
		if (a->db_path_owned != NULL)
			snprintf(a->db_path_owned, n, "%s/cslog.db", group);
	} else if (env != NULL && env[0] == '/') {
		n = strlen(env) + sizeof "/cslog/cslog.db";
		a->db_path_owned = malloc(n);
		if (a->db_path_owned != NULL)
			snprintf(a->db_path_owned, n, "%s/cslog/cslog.db", env);
	} else if (home != NULL && *home != '\0') {
		n = strlen(home) + sizeof "/.local/share/cslog/cslog.db";
		a->db_path_owned = malloc(n);
		if (a->db_path_owned != NULL)
			snprintf(a->db_path_owned, n, "%s/.local/share/cslog/cslog.db", home);
	} else {
		cs_err_set(err, CS_CONFIG, "no database given: set HOME, CSLOG_DB or use --db PATH");
		return NULL;
	}
	if (a->db_path_owned == NULL)
		cs_err_set(err, CS_OSERR, "out of memory");
	return a->db_path_owned;
}

void
app_policy_where(const struct app *a, struct policy_where *w)
{
	const char *xdg = app_env("XDG_CONFIG_HOME"), *home = app_env("HOME");
	const char *src = app_env("CSLOG_SOURCE_DIR");
	struct stat st;

	memset(w, 0, sizeof *w);
	w->dir = a->policies_dir;
	w->env_path = app_env("CSLOG_POLICY_PATH");
	if (xdg != NULL && xdg[0] == '/')
		w->config_home = xdg;
	else if (home != NULL && *home != '\0') {
		snprintf(config_home_buf, sizeof config_home_buf, "%s/.config", home);
		w->config_home = config_home_buf;
	}
	snprintf(share_dir_buf, sizeof share_dir_buf, "%s/policies", app_share_dir());
	w->share_dir = share_dir_buf;
	/* Run from the source tree: ./policies beside a Makefile and src/
	 * (never set-group-id: the current directory is the person's). */
	if (src == NULL && !app_secure() && stat("src/main.c", &st) == 0 &&
	    stat("policies", &st) == 0)
		src = ".";
	if (src != NULL) {
		snprintf(source_dir_buf, sizeof source_dir_buf, "%s/policies", src);
		w->source_dir = source_dir_buf;
		/* The source tree stands in for the installed copy: reading
		 * both would find every shipped policy twice. */
		w->share_dir = NULL;
	}
}

int
app_load_policies(struct app *a, struct policy_diags *diags, struct cs_err *err)
{
	struct policy_where w;
	unsigned char key[32];
	int cached;

	if (a->policies_loaded)
		return CS_OK;
	if (a->policies_dir != NULL && app_secure())
		return cs_err_set(err, CS_USAGE, "cslog runs set-group-id here: it reads the"
		                  " installed policies only, and --policies is not taken");
	app_policy_where(a, &w);
	cached = app_policy_cache_get(&w, key, &a->policies);
	if (cached != 0 && policy_set_load(&a->policies, &w, diags) != 0)
		return cs_err_set(err, CS_CONFIG, "a policy file is broken; cslog will not run on part of a policy");
	if (cached == -1 && a->policies.n > 0)
		app_policy_cache_put(&w, key, &a->policies);
	if (a->policies.n == 0 && w.dir != NULL)
		return cs_err_set(err, CS_CONFIG, "no policy files found in %s (--policies): %s",
		                  w.dir, access(w.dir, R_OK | X_OK) == 0 ?
		                  "it holds no *.yaml policy" : strerror(errno));
	if (a->policies.n == 0)
		return cs_err_set(err, CS_CONFIG, "no policy files found in %s%s%s/cslog/policies"
		                  "%s%s%s%s (see 'cslog policy --help')",
		                  w.env_path ? w.env_path : "", w.env_path ? ", " : "",
		                  w.config_home ? w.config_home : "~/.config",
		                  w.share_dir || w.source_dir ? " or " : "",
		                  w.share_dir ? w.share_dir : "",
		                  w.share_dir && w.source_dir ? " or " : "",
		                  w.source_dir ? w.source_dir : "");
	a->policies_loaded = true;
	return CS_OK;
}

const struct policy *
app_policy(struct app *a, const char *id, struct cs_err *err)
{
	const struct policy *p = policy_set_find(&a->policies, id);
	char known[512] = "";
	size_t i, off = 0;

	if (p != NULL)
		return p;
	for (i = 0; i < a->policies.n && off < sizeof known - 40; i++)
		off += (size_t)snprintf(known + off, sizeof known - off, "%s%s",
		    i ? ", " : "", a->policies.items[i]->id);
	cs_err_set(err, CS_USAGE, "unknown policy '%s' (known: %s)", id, known);
	return NULL;
}

static const char *
label_in(const struct policy *p, int what, const char *id)
{
	const struct policy_item *it = NULL;
	const struct policy_outcome *o;

	if (what == 'o')
		return (o = policy_outcome(p, id)) != NULL ? o->label : NULL;
	it = what == 'k' ? policy_kind(p, id) : what == 'c' ? policy_channel(p, id) : NULL;
	return it != NULL ? it->label : NULL;
}

const char *
app_label(const struct app *a, const char *policy_id, int what, const char *id)
{
	const struct policy *p;
	const char *l = NULL;
	size_t i;

	if (id == NULL || !a->policies_loaded)
		return id;
	if (policy_id != NULL && (p = policy_set_find(&a->policies, policy_id)) != NULL &&
	    (l = label_in(p, what, id)) != NULL)
		return l;
	/* Any policy: the label when every policy that knows the id agrees. */
	for (i = 0; i < a->policies.n; i++) {
		const char *m = label_in(a->policies.items[i], what, id);
		if (m != NULL && l != NULL && strcmp(m, l) != 0)
			return id;
		if (m != NULL)
			l = m;
	}
	return l != NULL ? l : id;
}

void
app_label_all(const struct app *a, int what, const char *id, char *buf, size_t len)
{
	const char *l, *e;
	size_t i, j, off = 0;

	buf[0] = '\0';
	for (i = 0; a->policies_loaded && i < a->policies.n && off < len; i++) {
		if ((l = label_in(a->policies.items[i], what, id)) == NULL)
			continue;
		for (j = 0; j < i; j++) {   /* each label once */
			if ((e = label_in(a->policies.items[j], what, id)) != NULL &&
			    strcmp(e, l) == 0)
				break;
		}
		if (j == i)
			off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? " / " : "", l);
	}
	if (off == 0)
		snprintf(buf, len, "%s", id);
}

int
app_open(struct app *a, struct cs_err *err)
{
	if (app_db_is_server(a))
		return app_pg(a, err) != NULL ? CS_OK : app_err(err);
	return app_store(a, err) != NULL ? CS_OK : app_err(err);
}

void
app_notices(struct app *a, void (*cb)(void *ctx, const char *msg), void *ctx)
{
	const char *s;

	if (a->store == NULL)
		return;
	if ((s = store_notice(a->store)) != NULL)
		cb(ctx, s);
	if ((s = app_damage(a)) != NULL) {
		char msg[CS_ERR_MAX + 200];

		snprintf(msg, sizeof msg, "%s.  Logging still works; tell a supervisor, who"
		         " decides whether to restore a backup ('cslog restore')", s);
		cb(ctx, msg);
	}
}
