/* policy_yaml.h - internals of the policy loader (policy layer only). */
#ifndef CSLOG_POLICY_YAML_H
#define CSLOG_POLICY_YAML_H

#include <stdbool.h>
#include <yaml.h>

#include "cslog/measures.h"
#include "cslog/policy_load.h"

/* Limits on what a policy file may hold (docs/policy-format.md). */
#define PYAML_MAX_DEPTH 16       /* lists and mappings inside each other */
#define PYAML_MAX_EVENTS 200000  /* values, lists and mappings in a file */
#define PYAML_MAX_SCALAR 65536   /* bytes of one text */
#define PYAML_MAX_LIST 1000      /* items of one list */
#define PYAML_QUOTE_MAX 48       /* bytes of a value quoted in a message */

/* Walking one loaded document. */
struct pctx {
	const char *file;
	yaml_document_t *doc;
	struct policy_diags *diags;
	int errors;
	struct policy *p;
	struct measures *m;   /* a measures file (measures: 1) instead of a policy */
	bool channels_ok;   /* every channel read without a problem */
	bool questions_ok;  /* every empowerment question read without a problem */
};

/* Append a diagnostic at a node (or line/col 1:1 when node is NULL). */
void pyaml_diag(struct pctx *c, const yaml_node_t *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pyaml_diag_at(struct policy_diags *d, const char *file, int line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* syntax.c: what is wrong with the bytes of a file, before and while
 * libyaml parses it, in words for the people who write policies. */
bool pyaml_check_bytes(const char *name, const char *buf, size_t len,
                       struct policy_diags *d);
void pyaml_syntax_error(struct policy_diags *d, const char *name, const char *buf,
                        size_t len, const yaml_parser_t *parser);
/* s cut to fit buf (whole UTF-8 characters, "..." when cut). */
const char *pyaml_quote(char *buf, size_t len, const char *s);

/* Build c->p from the document's root; errors go to diagnostics. */
void pyaml_build(struct pctx *c);

/* ---- build.c: reading nodes; each reports its own problems ---------- */

/* One key of a mapping being read. */
struct pfield {
	const char *key;
	bool required;
	yaml_node_t *value;     /* out: NULL when absent */
	yaml_node_t *key_node;  /* out */
};

const char *pyaml_type_name(const yaml_node_t *n);
yaml_node_t *pyaml_node(struct pctx *c, int id);
/* The text of a scalar node, NULL when n is not a scalar or holds a NUL. */
const char *pyaml_scalar(const yaml_node_t *n);
/* calloc that reports running out of memory. */
void *pyaml_alloc(struct pctx *c, size_t n, size_t size);
/* Match map's keys to f: unknown, duplicate and missing keys reported. */
bool pyaml_read_map(struct pctx *c, yaml_node_t *map, const char *where,
                    struct pfield *f, size_t nf);
/* malloc'd text (trailing spaces and line breaks dropped), NULL on error
 * or when n is NULL. */
char *pyaml_text(struct pctx *c, yaml_node_t *n, const char *what);
char *pyaml_id(struct pctx *c, yaml_node_t *n, const char *what);
bool pyaml_is_null(const yaml_node_t *n);
/* 1 yes, 0 no, -1 absent or wrong. */
int pyaml_yes_no(struct pctx *c, yaml_node_t *n, const char *what);
/* Minutes, POLICY_SAME_DAY, or -2 on error. */
long pyaml_duration(struct pctx *c, yaml_node_t *n, const char *what, bool same_day_ok);
/* A list of 1 to PYAML_MAX_LIST items: false (reported) otherwise. */
bool pyaml_items(struct pctx *c, yaml_node_t *n, const char *what,
                 yaml_node_item_t **start, size_t *count);
/* Report item i's id when an item before it has the same: the ids are
 * the `char *` at first, first + stride, ... (see PYAML_UNIQUE). */
void pyaml_unique(struct pctx *c, yaml_node_t *at, const void *first, size_t stride,
                  size_t i, const char *what);
#define PYAML_UNIQUE(c, at, arr, i, field, what) \
	pyaml_unique((c), (at), &(arr)[0].field, sizeof (arr)[0], (i), (what))

/* ---- extras.c: own, aliases, guidance, omitted ---------------------- */

/* Where node n is in the file. */
struct policy_at pyaml_at(const yaml_node_t *n);
/* `own: [...]`: the bits named, each one of `allowed` (enum policy_own). */
unsigned pyaml_own(struct pctx *c, yaml_node_t *list, unsigned allowed, const char *where);
/* `aliases: [...]` (ids) and other lists of texts into *out. */
void pyaml_aliases(struct pctx *c, yaml_node_t *list, struct policy_list *out);
void pyaml_ids(struct pctx *c, yaml_node_t *list, struct policy_list *out, const char *what);
void pyaml_texts(struct pctx *c, yaml_node_t *list, struct policy_list *out,
                 const char *what);
void pyaml_read_guidance(struct pctx *c, yaml_node_t *list);
void pyaml_read_omitted(struct pctx *c, yaml_node_t *list);
/* After the whole file: no alias is an id of its list, or given twice. */
void pyaml_check_aliases(struct pctx *c);

/* measures.c: cslog's measures file (its root has `measures: 1`), and
 * a policy's `evaluation:` and `survey:`, run after its standards and
 * channels. */
bool pyaml_is_measures(struct pctx *c, yaml_node_t *root);
void pyaml_build_measures(struct pctx *c, yaml_node_t *root);
void pyaml_read_evaluation(struct pctx *c, yaml_node_t *m);
void pyaml_read_survey(struct pctx *c, yaml_node_t *m);

/* drills.c: scenarios and quiz items; run after the empowerment check. */
void pyaml_read_scenarios(struct pctx *c, yaml_node_t *list);
void pyaml_read_quiz(struct pctx *c, yaml_node_t *list);

#endif
