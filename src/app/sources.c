/* sources.c - a policy held to its source document, read from the
 * directory CSLOG_SOURCES names (the documents are not kept with cslog:
 * the policies quote them). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_policy.h"

#define DOC_MAX (4u * 1024u * 1024u)

const char *
app_sources_dir(void)
{
	const char *d = getenv("CSLOG_SOURCES");

	return d != NULL && *d != '\0' ? d : NULL;
}

/* The whole file, NUL-terminated (malloc'd), or NULL with errno set. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = malloc(DOC_MAX + 1);
	if (buf == NULL) {
		fclose(f);
		errno = ENOMEM;
		return NULL;
	}
	n = fread(buf, 1, DOC_MAX + 1, f);
	if (ferror(f) || n > DOC_MAX) {
		errno = ferror(f) ? EIO : EFBIG;
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
app_policy_sources(const struct policy *p, const char *dir, srccheck_cb cb, void *ctx,
                   struct app_sources *out, struct cs_err *err)
{
	char *path, *text;
	size_t len = 0, plen;
	int n;

	memset(out, 0, sizeof *out);
	if (dir == NULL) {
		snprintf(out->why, sizeof out->why,
		         "not compared with the document: CSLOG_SOURCES is not set");
		return CS_OK;
	}
	if (p->source_document == NULL) {
		snprintf(out->why, sizeof out->why,
		         "not compared with a document: the file names none (source.document)");
		return CS_OK;
	}
	plen = strlen(dir) + strlen(p->source_document) + 2;
	if ((path = malloc(plen)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	snprintf(path, plen, "%s/%s", dir, p->source_document);
	text = slurp(path, &len);
	if (text == NULL) {
		cs_err_set(err, CS_NOINPUT, "the document of policy %s, %s, cannot be read: %s",
		           p->id, path, strerror(errno));
		free(path);
		return CS_NOINPUT;
	}
	free(path);
	n = srccheck_run(p, text, len, cb, ctx, &out->cov);
	free(text);
	if (n < 0)
		return cs_err_set(err, CS_OSERR, "out of memory");
	out->compared = true;
	out->problems = n;
	return CS_OK;
}
