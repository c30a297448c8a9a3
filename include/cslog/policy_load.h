/* policy_load.h - read policy files (libyaml) and find them on disk.
 *
 * A file is validated as a whole: any problem refuses the file, and every
 * problem found is reported as a diagnostic "file:line:column: what", a
 * file's diagnostics in the order of its lines.  Lines and columns count
 * from 1, columns in characters (as text editors show them); a file with
 * a syntax error reports that error only. */
#ifndef CSLOG_POLICY_LOAD_H
#define CSLOG_POLICY_LOAD_H

#include <stddef.h>

#include "cslog/policy.h"

/* Files larger than this are refused before parsing. */
#define POLICY_FILE_MAX (4u * 1024u * 1024u)

struct policy_diag {
	char *file;
	int line;    /* 1-based; 0 when not tied to a place */
	int col;     /* 1-based */
	char *msg;   /* what is wrong, no trailing newline or period */
};

/* A growing list of diagnostics, owned by the caller. */
struct policy_diags {
	struct policy_diag *items;
	size_t n;
	size_t cap;
};

void policy_diags_free(struct policy_diags *d);

/* Format diagnostic i as "file:line:column: msg" into buf. */
void policy_diag_format(const struct policy_diag *d, char *buf, size_t len);

/* Load one file.  Returns a policy the caller frees with policy_free(),
 * or NULL with at least one diagnostic appended to diags. */
struct policy *policy_load_file(const char *path, struct policy_diags *diags);

/* The same from memory (buf need not end in a NUL byte); name is used
 * in diagnostics (for fuzzing). */
struct policy *policy_load_buffer(const char *name, const char *buf, size_t len,
                                  struct policy_diags *diags);

/* A file that is a policy or cslog's measures file (measures.h): 0 with
 * exactly one of *p and *m set (owned by the caller), or -1 with both
 * NULL and at least one diagnostic.  policy_load_file/_buffer refuse a
 * measures file ("not a policy"). */
int policy_load_any_file(const char *path, struct policy_diags *diags, struct policy **p,
                         struct measures **m);
int policy_load_any_buffer(const char *name, const char *buf, size_t len,
                           struct policy_diags *diags, struct policy **p,
                           struct measures **m);

/* Where policies are looked for, in order of precedence. */
struct policy_where {
	const char *dir;          /* --policies DIR: if set, the only place */
	const char *env_path;     /* CSLOG_POLICY_PATH, colon-separated */
	const char *config_home;  /* $XDG_CONFIG_HOME or ~/.config */
	const char *share_dir;    /* installed share directory */
	const char *source_dir;   /* ./policies when run from the source tree */
};

/* Load every *.yaml file of every directory of where into set (sorted by
 * id).  Missing directories are skipped.  The same id in two files is an
 * error naming both.  cslog's measures file (measures: 1) is kept as
 * set->measures: the first directory that has one gives it (two in one
 * directory are an error), and each policy's evaluation items and
 * survey questions in effect are set from it (measures_apply).  Returns
 * 0 on success; on any problem returns -1 with diagnostics, and set
 * holds nothing. */
int policy_set_load(struct policy_set *set, const struct policy_where *where,
                    struct policy_diags *diags);

/* cb(ctx, path, dir) for every file policy_set_load would read, in the
 * order it reads them (dir: the directory's place in the search, from
 * 0).  -1 when a directory cannot be listed or cb returned non-zero. */
int policy_set_files(const struct policy_where *where,
                     int (*cb)(void *ctx, const char *path, int dir), void *ctx);

#endif
