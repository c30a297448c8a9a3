/* cli_pdf.h - the staff-meeting report printed to PDF by a headless
 * browser (cli layer only). */
#ifndef CSLOG_CLI_PDF_H
#define CSLOG_CLI_PDF_H

#include "cslog/meeting.h"

/* 0 when a browser is found ($CSLOG_BROWSER, else chromium,
 * chromium-browser, google-chrome on PATH); else 69, having said how
 * to get one. */
int cli_pdf_check(void);

/* Write m's page (paper "letter", "a4" or NULL: letter) and print it to
 * output.  0, or an exit status (printed). */
int cli_pdf(const struct meeting *m, const char *paper, const char *output);

#endif
