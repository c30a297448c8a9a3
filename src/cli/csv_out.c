/* csv_out.c - contacts as CSV rows and what of them may leave cslog in
 * bulk: shared by list and export. */
#include <stdlib.h>

#include "cslog/cli_cmd.h"
#include "cslog/codec.h"

void
cli_csv_contact_header(FILE *f, bool protected)
{
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;

	for (i = 0; i < n; i++)
		cli_csv(f, codec_names[i], i == n - 1);
}

void
cli_csv_contact(FILE *f, const struct contact *c, bool protected, unsigned withheld)
{
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;
	char *t;

	for (i = 0; i < n; i++) {
		t = codec_withheld((enum codec_field)i, withheld) ? NULL :
		    codec_field_text(c, (enum codec_field)i);
		cli_csv(f, t, i == n - 1);
		free(t);
	}
}

unsigned
cli_withheld(const struct policy_set *set, const struct contact *c, bool protected)
{
	return protected ? policy_bulk_withheld(policy_set_find(set, c->policy_id)) : 0;
}
