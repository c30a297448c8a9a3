/* syntax.c - problems with the bytes and the layout of a policy file,
 * found before or while libyaml parses it, told in plain words at the
 * line and column where a text editor shows them. */
#include <string.h>

#include "policy_yaml.h"

static bool
starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Bytes of the line break at buf[i] (libyaml's: \r\n, \r, \n, U+0085,
 * U+2028, U+2029), or 0. */
static size_t
line_break(const unsigned char *b, size_t len, size_t i)
{
	if (b[i] == '\r')
		return i + 1 < len && b[i + 1] == '\n' ? 2 : 1;
	if (b[i] == '\n')
		return 1;
	if (b[i] == 0xC2 && i + 1 < len && b[i + 1] == 0x85)
		return 2;
	if (b[i] == 0xE2 && i + 2 < len && b[i + 1] == 0x80 &&
	    (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
		return 3;
	return 0;
}

static size_t
skip_bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Line and column (from 1, in characters) of byte offset off. */
static void
offset_pos(const char *buf, size_t len, size_t off, int *line, int *col)
{
	const unsigned char *b = (const unsigned char *)buf;
	size_t i = skip_bom(buf, len), brk;

	*line = 1;
	*col = 1;
	while (i < off && i < len) {
		if ((brk = line_break(b, len, i)) > 0) {
			i += brk;
			++*line;
			*col = 1;
			continue;
		}
		if ((b[i] & 0xC0) != 0x80)
			++*col;
		i++;
	}
}

/* Byte offset of character number index (from 0, as libyaml counts). */
static size_t
index_offset(const char *buf, size_t len, size_t index)
{
	const unsigned char *b = (const unsigned char *)buf;
	size_t i = skip_bom(buf, len), n = 0;

	for (; i < len; i++) {
		if ((b[i] & 0xC0) != 0x80 && n++ == index)
			return i;
	}
	return len;
}

bool
pyaml_check_bytes(const char *name, const char *buf, size_t len, struct policy_diags *d)
{
	const unsigned char *b = (const unsigned char *)buf;
	const char *nul = memchr(buf, '\0', len);
	size_t i;
	int line, col;

	for (i = 0; i < len && buf[i] != '\0' && strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		pyaml_diag_at(d, name, 1, 1, "the file is empty");
		return false;
	}
	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		pyaml_diag_at(d, name, 1, 1, "the file is saved as UTF-16: save it as UTF-8 text");
		return false;
	}
	if (nul != NULL) {
		offset_pos(buf, len, (size_t)(nul - buf), &line, &col);
		pyaml_diag_at(d, name, line, col, "the file holds a NUL byte: it is not a text file");
		return false;
	}
	return true;
}

const char *
pyaml_quote(char *buf, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len < 8)
		return "";
	if (n < len) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	n = len - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;  /* whole characters only */
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static void
reader_error(struct policy_diags *d, const char *name, const char *buf, size_t len,
             const yaml_parser_t *p)
{
	const unsigned char *b = (const unsigned char *)buf;
	size_t off = p->problem_offset;
	int line, col;

	if (starts(p->problem, "invalid trailing")) {  /* back to the first byte */
		while (off > 0 && off <= len && (b[off - 1] & 0xC0) == 0x80)
			off--;
		if (off > 0 && off <= len && b[off - 1] >= 0xC0)
			off--;
	}
	offset_pos(buf, len, off, &line, &col);
	if (starts(p->problem, "control characters"))
		pyaml_diag_at(d, name, line, col, "a control character (0x%02X) is not allowed "
		    "in a policy file: delete it", (unsigned)p->problem_value);
	else if (off < len && strstr(p->problem ? p->problem : "", "UTF-8") != NULL)
		pyaml_diag_at(d, name, line, col, "the file is not valid UTF-8 here (byte 0x%02X): "
		    "save it as UTF-8 text", (unsigned)(unsigned char)buf[off]);
	else
		pyaml_diag_at(d, name, line, col, "the file is not valid text here (%s)",
		    p->problem ? p->problem : "unreadable");
}

enum kind { K_OTHER, K_PLAIN, K_TOKEN, K_FLOW_SEQ, K_FLOW_MAP };

/* libyaml's problems in plain words; K_PLAIN ones need no more than msg. */
static const struct syntax {
	const char *problem;  /* the start of libyaml's words */
	const char *context;  /* NULL: any */
	enum kind kind;
	bool at_context;      /* report where the broken thing began */
	const char *msg;
} syntax[] = {
	{ "found a tab character", NULL, K_PLAIN, false,
	  "a tab is used to indent this line: indent with spaces only" },
	{ "found character that cannot start any token", NULL, K_TOKEN, false, NULL },
	{ "found unexpected end of stream", "while scanning a quoted scalar", K_PLAIN, true,
	  "this quoted text has no closing quote" },
	{ "found unexpected document indicator", "while scanning a quoted scalar", K_PLAIN, true,
	  "this quoted text has no closing quote" },
	{ "found unknown escape character", NULL, K_PLAIN, false,
	  "unknown escape in double-quoted text: write \\\\ for a backslash, or use single quotes" },
	{ "mapping values are not allowed", NULL, K_PLAIN, false,
	  "a ':' is not allowed here: put text holding ': ' in double quotes, or check this "
	  "line's indentation" },
	{ "did not find expected key", NULL, K_PLAIN, false,
	  "expected 'key: value' here: check this line's indentation" },
	{ "could not find expected ':'", NULL, K_PLAIN, true,
	  "expected 'key: value' on this line, found no ':'" },
	{ "block sequence entries are not allowed", NULL, K_PLAIN, false,
	  "a list item ('- ') is not allowed here: check this line's indentation" },
	{ "did not find expected '-' indicator", NULL, K_PLAIN, false,
	  "expected a list item ('- ') here: check this line's indentation" },
	{ "did not find expected ',' or ']'", NULL, K_FLOW_SEQ, false, NULL },
	{ "did not find expected ',' or '}'", NULL, K_FLOW_MAP, false, NULL },
	{ "did not find expected node content", NULL, K_PLAIN, false, "a value is missing here" },
	{ "found unexpected end of stream", NULL, K_PLAIN, false,
	  "the file ends in the middle of a value" },
	{ "did not find expected alphabetic or numeric character", "while scanning an anchor",
	  K_PLAIN, false, "'&' must be followed by a name: put text that starts with '&' in "
	  "double quotes" },
	{ "did not find expected alphabetic or numeric character", "while scanning an alias",
	  K_PLAIN, false, "'*' must be followed by a name: put text that starts with '*' in "
	  "double quotes" },
	{ "did not find expected <document start>", NULL, K_PLAIN, false,
	  "more text after the end of the document ('...'): a policy file holds one document "
	  "only" },
	{ "found undefined tag handle", NULL, K_PLAIN, false,
	  "unknown tag ('!...'): policy files use no tags; put text that starts with '!' in "
	  "double quotes" },
	{ "found an indentation indicator equal to 0", NULL, K_PLAIN, false,
	  "after '|' or '>' write nothing, or an indentation from 1 to 9" },
};

static const struct syntax *
syntax_of(const yaml_parser_t *p)
{
	size_t i;

	for (i = 0; i < sizeof syntax / sizeof syntax[0]; i++) {
		if (starts(p->problem, syntax[i].problem) &&
		    (syntax[i].context == NULL || (p->context != NULL &&
		    strcmp(p->context, syntax[i].context) == 0)))
			return &syntax[i];
	}
	return NULL;
}

/* The character at a mark, for "'@' cannot begin a value". */
static void
char_at(const char *buf, size_t len, const yaml_mark_t *m, char out[8])
{
	size_t off = index_offset(buf, len, m->index), n = 1;

	while (off + n < len && n < 4 && ((unsigned char)buf[off + n] & 0xC0) == 0x80)
		n++;
	if (off >= len)
		n = 0;
	memcpy(out, buf + off, n);
	out[n] = '\0';
}

void
pyaml_syntax_error(struct policy_diags *d, const char *name, const char *buf, size_t len,
                   const yaml_parser_t *p)
{
	const struct syntax *s = syntax_of(p);
	const yaml_mark_t *m = s && s->at_context ? &p->context_mark : &p->problem_mark;
	int line = (int)m->line + 1, col = (int)m->column + 1;
	int cl = (int)p->context_mark.line + 1, cc = (int)p->context_mark.column + 1;
	char ch[8] = "";

	if (p->error == YAML_READER_ERROR) {
		reader_error(d, name, buf, len, p);
		return;
	}
	if (s != NULL && s->kind == K_TOKEN) {
		char_at(buf, len, m, ch);
		s = strcmp(ch, "\t") == 0 ? &syntax[0] : s;  /* a tab */
	}
	switch (s ? s->kind : K_OTHER) {
	case K_PLAIN:
		pyaml_diag_at(d, name, line, col, "%s", s->msg);
		break;
	case K_TOKEN:
		pyaml_diag_at(d, name, line, col, "'%s' cannot begin a value: put the value in "
		    "double quotes", ch);
		break;
	case K_FLOW_SEQ: case K_FLOW_MAP:
		pyaml_diag_at(d, name, line, col, "expected ',' or '%c' here: the %s opened with "
		    "'%c' at line %d, column %d is not closed", s->kind == K_FLOW_SEQ ? ']' : '}',
		    s->kind == K_FLOW_SEQ ? "list" : "mapping", s->kind == K_FLOW_SEQ ? '[' : '{',
		    cl, cc);
		break;
	case K_OTHER:
		pyaml_diag_at(d, name, line, col, "this is not valid YAML: %s",
		    p->problem ? p->problem : "unknown problem");
		break;
	}
}
