/* out.c - contacts as CSV rows and JSON objects, for list, show and
 * export (see app_out.h). */
#include "cslog/app_out.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec.h"
#include "cslog/text.h"

/* Is f a terminal?  Asked once per stream, not once per field: an
 * export writes millions of fields, and each isatty() is a system call
 * (it was a third of an export's time).  A stream does not change what
 * it writes to while it is open. */
bool
app_out_is_terminal(FILE *f)
{
	static FILE *last;
	static int last_fd = -1;
	static bool tty;
	int fd = fileno(f);

	if (f != last || fd != last_fd) {
		last = f;
		last_fd = fd;
		tty = isatty(fd) != 0;
	}
	return tty;
}

bool
app_csv_formula(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr(APP_CSV_FORMULA, s[0]) != NULL;
}

void
app_csv_field(FILE *f, const char *s, bool last)
{
	char *safe = NULL;
	const char *p;
	bool mark;

	if (s == NULL)
		s = "";
	if (app_out_is_terminal(f)) {  /* a terminal gets no raw escapes */
		safe = text_safe(s, TEXT_KEEP_LAYOUT);
		if (safe != NULL)
			s = safe;
	}
	/* A spreadsheet must not take the cell for a formula (OWASP's CSV
	 * injection advice): one quote before it, which import takes off. */
	mark = app_csv_formula(s);
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		if (mark)
			fputc('\'', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		if (mark)
			fputc('\'', f);
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
	free(safe);
}

/* The protected fields of c that may not leave cslog in bulk. */
static unsigned
withheld(struct app *a, const struct contact *c, bool protected)
{
	return protected ? policy_bulk_withheld(policy_set_find(&a->policies, c->policy_id)) : 0;
}

void
app_csv_contact_header(FILE *f, bool protected)
{
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;

	for (i = 0; i < n; i++)
		app_csv_field(f, codec_names[i], i == n - 1);
}

void
app_csv_contact(struct app *a, FILE *f, const struct contact *c, bool protected)
{
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;
	unsigned w = withheld(a, c, protected);
	char *t;

	for (i = 0; i < n; i++) {
		t = codec_withheld((enum codec_field)i, w) ? NULL :
		    codec_field_text(c, (enum codec_field)i);
		app_csv_field(f, t, i == n - 1);
		free(t);
	}
}

int
app_out_json(FILE *f, const json_t *v, size_t flags)
{
	char *text, *p;
	int rc = 0;

	if (!app_out_is_terminal(f)) {   /* a file gets the text as stored */
		if (json_dumpf(v, f, flags) != 0 || fputc('\n', f) == EOF)
			return -1;
		return 0;
	}
	/* A terminal: JSON escapes C0 itself; \uXXXX for everything past
	 * ASCII takes C1 (U+009B, an 8-bit CSI) and invalid bytes; DEL,
	 * which JSON may leave raw, is escaped too (it can only stand in a
	 * string: every character of the structure is printable). */
	if ((text = json_dumps(v, flags | JSON_ENSURE_ASCII)) == NULL)
		return -1;
	for (p = text; rc == 0 && *p != '\0'; p++)
		rc = *p == 0x7f ? (fputs("\\u007f", f) < 0 ? -1 : 0) : (fputc(*p, f) == EOF ? -1 : 0);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	free(text);
	return rc;
}

int
app_json_contact(struct app *a, FILE *f, const struct contact *c, bool protected,
                 bool pretty)
{
	json_t *o;
	int rc;

	/* A file gets the line written straight into a reused buffer (the
	 * same bytes jansson gives: jsonw.c); a terminal goes through
	 * app_out_json, which neutralises. */
	if (!pretty && !app_out_is_terminal(f)) {
		if (codec_contact_jsonl(&a->line, c, protected, withheld(a, c, protected)) != 0 ||
		    fwrite(a->line.p, 1, a->line.len, f) != a->line.len)
			return -1;
		return 0;
	}
	o = codec_contact_json(c, protected, pretty ? 0 : withheld(a, c, protected));

	if (o == NULL)
		return -1;
	rc = app_out_json(f, o, pretty ? JSON_INDENT(2) | JSON_ENSURE_ASCII : JSON_COMPACT);
	json_decref(o);
	return rc;
}

void
app_contact_flags(const struct contact *c, char buf[5])
{
	buf[0] = c->empowered == TRI_YES ? 'E' : c->empowered == TRI_NO ? 'N' : ' ';
	buf[1] = c->signed_off ? 'R' : ' ';
	buf[2] = c->debrief_due ? 'D' : ' ';
	buf[3] = c->overdue ? '!' : c->followup_id ? 'F' : ' ';
	buf[4] = '\0';
}
