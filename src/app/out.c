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

void
app_csv_field(FILE *f, const char *s, bool last)
{
	char *safe = NULL;
	const char *p;

	if (s == NULL)
		s = "";
	if (app_out_is_terminal(f)) {  /* a terminal gets no raw escapes */
		safe = text_safe(s, TEXT_KEEP_LAYOUT);
		if (safe != NULL)
			s = safe;
	}
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
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
app_json_contact(struct app *a, FILE *f, const struct contact *c, bool protected,
                 bool pretty)
{
	json_t *o = codec_contact_json(c, protected, pretty ? 0 : withheld(a, c, protected));
	size_t flags = pretty ? JSON_INDENT(2) | JSON_ENSURE_ASCII : JSON_COMPACT;
	int rc;

	if (o == NULL)
		return -1;
	if (app_out_is_terminal(f))   /* a terminal gets no raw control characters */
		flags |= JSON_ENSURE_ASCII;
	rc = json_dumpf(o, f, flags);
	json_decref(o);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
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
