/* policy_yaml.h - internals of the policy loader (policy layer only). */
#ifndef CSLOG_POLICY_YAML_H
#define CSLOG_POLICY_YAML_H

#include <stdbool.h>
#include <yaml.h>

#include "cslog/policy_load.h"

/* Walking one loaded document. */
struct pctx {
	const char *file;
	yaml_document_t *doc;
	struct policy_diags *diags;
	int errors;
	struct policy *p;
};

/* Append a diagnostic at a node (or line/col 1:1 when node is NULL). */
void pyaml_diag(struct pctx *c, const yaml_node_t *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pyaml_diag_at(struct policy_diags *d, const char *file, int line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

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
bool pyaml_items(struct pctx *c, yaml_node_t *n, const char *what,
                 yaml_node_item_t **start, size_t *count);
void pyaml_unique(struct pctx *c, yaml_node_t *at, char *const *ids, size_t i,
                  const char *what);

/* drills.c: scenarios and quiz items; references across parts (channels
 * named by standards and follow-ups).  Run after everything is read. */
void pyaml_read_scenarios(struct pctx *c, yaml_node_t *list);
void pyaml_read_quiz(struct pctx *c, yaml_node_t *list);
void pyaml_check_refs(struct pctx *c, yaml_node_t *standards, yaml_node_t *followups);

#endif
