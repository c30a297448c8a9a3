/* set.c - finding policy files on disk and loading them as a set. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "policy_yaml.h"

#define MAX_FILES 256

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_policy(const void *a, const void *b)
{
	return strcmp((*(struct policy *const *)a)->id, (*(struct policy *const *)b)->id);
}

/* Add p to the set.  The same id twice in one directory is an error; an id
 * already loaded from an earlier directory of the search path shadows this
 * one, so an agency can override a shipped policy (like PATH). */
static bool
add(struct policy_set *set, struct policy *p, size_t dir_start,
    struct policy_diags *d)
{
	struct policy **items;
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (strcmp(set->items[i]->id, p->id) == 0 && i < dir_start) {
			policy_free(p);
			return true;
		}
		if (strcmp(set->items[i]->id, p->id) == 0) {
			pyaml_diag_at(d, p->file, 0, 0, "policy id '%s' is already used by %s "
			    "(one id, one file)", p->id, set->items[i]->file);
			policy_free(p);
			return false;
		}
	}
	items = realloc(set->items, (set->n + 1) * sizeof *items);
	if (items == NULL) {
		pyaml_diag_at(d, p->file, 0, 0, "out of memory");
		policy_free(p);
		return false;
	}
	set->items = items;
	set->items[set->n++] = p;
	return true;
}

static bool
is_policy_name(const char *name)
{
	size_t len = strlen(name);

	return len > 5 && strcmp(name + len - 5, ".yaml") == 0 && name[0] != '.';
}

/* The *.yaml names of dir, sorted, into names; their number, or -1
 * (reported).  A missing directory has none. */
static int
list_dir(const char *dir, char **names, struct policy_diags *d)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	int n = 0;
	bool failed = false;

	if (dh == NULL && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	if (dh == NULL) {
		pyaml_diag_at(d, dir, 0, 0, "cannot read this folder: %s", strerror(errno));
		return -1;
	}
	while (!failed && (e = readdir(dh)) != NULL) {
		if (!is_policy_name(e->d_name))
			continue;
		if (n == MAX_FILES) {
			pyaml_diag_at(d, dir, 0, 0, "more than %d policy files in this folder",
			    MAX_FILES);
			failed = true;
		} else if ((names[n] = strdup(e->d_name)) == NULL) {
			pyaml_diag_at(d, dir, 0, 0, "out of memory");
			failed = true;
		} else {
			n++;
		}
	}
	closedir(dh);
	if (failed) {
		while (n > 0)
			free(names[--n]);
		return -1;
	}
	qsort(names, (size_t)n, sizeof names[0], cmp_str);
	return n;
}

/* cslog's measures file: the first directory's (an earlier one of the
 * search path overrides, like a policy); two in one directory are an
 * error. */
static bool
add_measures(struct policy_set *set, struct measures *m, bool this_dir,
             struct policy_diags *d)
{
	if (set->measures != NULL && this_dir) {
		pyaml_diag_at(d, m->file, 0, 0, "cslog's measures are already read from %s "
		    "(one measures file per folder)", set->measures->file);
		measures_free(m);
		return false;
	}
	if (set->measures != NULL)
		measures_free(m);
	else
		set->measures = m;
	return true;
}

/* Load every *.yaml of dir; false on any problem. */
static bool
load_dir(struct policy_set *set, const char *dir, struct policy_diags *d)
{
	char *names[MAX_FILES], path[4096];
	size_t start = set->n;
	int n = list_dir(dir, names, d), i;
	bool ok = n >= 0, had = false;
	struct policy *p;
	struct measures *m;

	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
			pyaml_diag_at(d, dir, 0, 0, "the path of %s is too long", names[i]);
			ok = false;
		} else if (policy_load_any_file(path, d, &p, &m) != 0) {
			ok = false;
		} else if (m != NULL) {
			ok = add_measures(set, m, had, d) && ok;
			had = true;
		} else if (!add(set, p, start, d)) {
			ok = false;
		}
		free(names[i]);
	}
	return ok;
}

/* Each policy's evaluation items and survey questions in effect. */
static bool
apply_measures(struct policy_set *set, struct policy_diags *d)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (measures_apply(set->measures, set->items[i]) != 0) {
			pyaml_diag_at(d, set->items[i]->file, 0, 0, "out of memory");
			return false;
		}
	}
	return true;
}

/* fn(dir, ctx) for every directory of w, in order of precedence; false
 * when any call was. */
static bool
each_dir(const struct policy_where *w, bool (*fn)(const char *dir, void *ctx), void *ctx)
{
	char buf[4096], *copy, *dir, *save = NULL;
	bool ok = true;

	if (w->dir != NULL)
		return fn(w->dir, ctx);
	if (w->env_path != NULL && (copy = strdup(w->env_path)) != NULL) {
		for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
			ok = fn(dir, ctx) && ok;
		free(copy);
	}
	if (w->config_home != NULL) {
		snprintf(buf, sizeof buf, "%s/cslog/policies", w->config_home);
		ok = fn(buf, ctx) && ok;
	}
	if (w->share_dir != NULL)
		ok = fn(w->share_dir, ctx) && ok;
	if (w->source_dir != NULL)
		ok = fn(w->source_dir, ctx) && ok;
	return ok;
}

struct loading {
	struct policy_set *set;
	struct policy_diags *d;
};

static bool
load_one_dir(const char *dir, void *ctx)
{
	struct loading *l = ctx;

	return load_dir(l->set, dir, l->d);
}

struct listing {
	int (*cb)(void *ctx, const char *path, int dir);
	void *ctx;
	int dir;
};

static bool
list_one_dir(const char *dir, void *ctx)
{
	struct listing *l = ctx;
	char *names[MAX_FILES], path[4096];
	struct policy_diags d = { 0 };
	int n = list_dir(dir, names, &d), i;
	bool ok = n >= 0;

	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path ||
		    (ok && l->cb(l->ctx, path, l->dir) != 0))
			ok = false;
		free(names[i]);
	}
	policy_diags_free(&d);
	l->dir++;
	return ok;
}

int
policy_set_files(const struct policy_where *w,
                 int (*cb)(void *ctx, const char *path, int dir), void *ctx)
{
	struct listing l = { cb, ctx, 0 };

	return each_dir(w, list_one_dir, &l) ? 0 : -1;
}

int
policy_set_load(struct policy_set *set, const struct policy_where *w,
                struct policy_diags *d)
{
	struct loading l = { set, d };
	bool ok;

	memset(set, 0, sizeof *set);
	ok = each_dir(w, load_one_dir, &l);
	if (ok)
		ok = apply_measures(set, d);
	if (!ok) {
		policy_set_free(set);
		return -1;
	}
	if (set->n > 1)  /* no policy: items is NULL, which qsort may not get */
		qsort(set->items, set->n, sizeof set->items[0], cmp_policy);
	return 0;
}
