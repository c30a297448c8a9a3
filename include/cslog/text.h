/* text.h - UTF-8 checks and neutralising text for a terminal (core).
 *
 * Text stored by users (summaries, names, policy wording) may hold
 * control characters or escape sequences.  Before any of it reaches a
 * terminal it goes through text_safe(), which makes every such character
 * visible and harmless:
 *   C0 controls and DEL   caret notation: ESC -> "^[", DEL -> "^?"
 *                         (tab and newline kept when TEXT_KEEP_LAYOUT)
 *   C1 controls, bidi     "<U+009B>", "<U+202E>"
 *   overrides, U+2028/9
 *   invalid UTF-8 bytes   "\xNN"
 * The result is always valid UTF-8. */
#ifndef CSLOG_TEXT_H
#define CSLOG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
	TEXT_KEEP_LAYOUT = 1 << 0, /* keep \n and \t */
	TEXT_ONE_LINE = 1 << 1,    /* \n and \t become a space */
};

/* Is s[0..len) valid UTF-8 with no NUL byte? */
bool text_valid_utf8(const char *s, size_t len);

/* Return a newly allocated, neutralised copy of s (NULL only when out of
 * memory).  The caller frees it. */
char *text_safe(const char *s, unsigned flags);

/* Decode one UTF-8 sequence at s (len bytes available).  Returns its
 * length (1-4) and stores the code point, or returns 0 for an invalid
 * sequence. */
size_t text_utf8_decode(const char *s, size_t len, unsigned *cp);

/* Display width in terminal columns of valid UTF-8 text (wcwidth). */
int text_width(const char *s);

/* Copy at most `cols` display columns of s into buf (NUL-terminated,
 * whole characters only); returns the width copied. */
int text_fit(const char *s, int cols, char *buf, size_t len);

/* text_fit, but a text cut short ends in an ellipsis (U+2026) within
 * the `cols`, so nobody takes the part shown for the whole. */
int text_fit_marked(const char *s, int cols, char *buf, size_t len);

/* Word wrap: the bytes of s for one line of `cols` columns, whole words
 * when they fit, else as much as fits (at least one character); *skip
 * is where the next line starts, past the spaces after the cut. */
size_t text_line_cut(const char *s, int cols, size_t *skip);

#endif
