/* tui_measures.h - the screens of the measures (tui layer only): the
 * secret-shopper evaluation form, survey entry, the recognition program
 * and the measures' results under reports. */
#ifndef CSLOG_TUI_MEASURES_H
#define CSLOG_TUI_MEASURES_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_core.h"

void tui_open_evaluate(struct tui *t);      /* evaluate.c */
void tui_open_survey_entry(struct tui *t);  /* survey_entry.c */
void tui_open_recognition(struct tui *t);   /* recognition.c */
void tui_open_measures(struct tui *t);      /* measures_view.c */

/* One row of a list at y: the whole width highlighted when sel; left
 * then right-aligned text (either may be NULL). */
void tui_mrow(struct tui *t, int y, bool sel, const char *left, const char *right);

/* Keep sel within 0..n-1 and top such that sel shows in rows rows. */
void tui_mscroll(size_t n, size_t rows, size_t *sel, size_t *top);

#endif
