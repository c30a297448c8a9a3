/* cli_measures.h - the commands of the measures (cli layer only):
 * shopper, survey, recognition, and the staff-meeting report. */
#ifndef CSLOG_CLI_MEASURES_H
#define CSLOG_CLI_MEASURES_H

#include "cli_cmd.h"
#include "cslog/app_measures.h"

extern const struct cli_cmd cli_cmd_shopper_add, cli_cmd_shopper_list,
	cli_cmd_shopper_show, cli_cmd_shopper_form, cli_cmd_survey_add, cli_cmd_survey_import,
	cli_cmd_survey_list, cli_cmd_survey_show, cli_cmd_recognition_add,
	cli_cmd_recognition;

/* --since and --until (option ids) as UTC days "YYYY-MM-DD" ("" when
 * not given) and as the filter's times.  0 or 64 (printed). */
int cli_period(struct cli *c, const struct cli_call *k, int since_id, int until_id,
               char since[16], char until[16], struct measure_filter *f);

/* A share "12 of 30 (40.0 %, 95 % CI 24.6-57.7)", or "too few responses
 * (12)" beside it: the words every command prints. */
void cli_share(FILE *f, const struct stat_share *s, bool responses);

/* report --by shopper..., satisfaction..., response-rate (report_measures.c). */
int cli_report_measures(struct cli *c, struct cli_call *k, enum mreport_by by,
                        const char *since, const char *until, const char *policy, int format);
/* report --format json|html|pdf with no --by: the staff-meeting report;
 * paper "letter", "a4" or NULL (the printer's). */
int cli_report_meeting(struct cli *c, struct cli_call *k, const char *format,
                       const char *since, const char *until, const char *policy,
                       const char *output, const char *paper);

#endif
