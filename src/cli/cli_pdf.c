/* cli_pdf.c - cslog report --format pdf: the staff-meeting page written
 * to a private temporary directory and printed by a headless browser
 * (Chromium), which reads nothing but that file: no network, no
 * profile of the user's (a fresh --user-data-dir), no sandbox only when
 * running as root (Chromium refuses root with it). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_cmd.h"
#include "cli_pdf.h"

extern char **environ;

#define TIMEOUT_S 180

static const char *const browsers[] = {
	"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
};

/* The browser's path into out; false when there is none. */
static bool
find_browser(char *out, size_t len)
{
	const char *env = getenv("CSLOG_BROWSER"), *path = getenv("PATH");
	char *save = NULL, *d, *copy;
	size_t i, n;
	bool found = false;

	if (env != NULL && *env != '\0') {
		snprintf(out, len, "%s", env);
		return access(out, X_OK) == 0;
	}
	if (path == NULL || (copy = strdup(path)) == NULL)
		return false;
	n = strlen(path) + 1;
	for (i = 0; !found && i < sizeof browsers / sizeof browsers[0]; i++) {
		memcpy(copy, path, n);
		for (d = strtok_r(copy, ":", &save); !found && d != NULL;
		     d = strtok_r(NULL, ":", &save)) {
			snprintf(out, len, "%s/%s", d, browsers[i]);
			found = access(out, X_OK) == 0;
		}
	}
	free(copy);
	return found;
}

int
cli_pdf_check(void)
{
	char b[4096];

	if (find_browser(b, sizeof b))
		return 0;
	return cli_error(CS_UNAVAILABLE, "--format pdf prints the page with a headless browser, "
	                 "and none was found%s: install Chromium (Debian and Ubuntu: sudo apt-get "
	                 "install chromium), or set CSLOG_BROWSER to one; or write --format html "
	                 "and print it from any browser", getenv("CSLOG_BROWSER") != NULL ?
	                 " (CSLOG_BROWSER names no program)" : "");
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static int
wait_for(pid_t pid, int *status)
{
	time_t start = time(NULL);
	struct timespec nap = { 0, 100 * 1000 * 1000 };
	pid_t r;

	while ((r = waitpid(pid, status, WNOHANG)) == 0) {
		if (time(NULL) - start > TIMEOUT_S) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return -1;
		}
		nanosleep(&nap, NULL);
	}
	return r == pid ? 0 : -1;
}

/* The browser's switches: headless, nothing fetched or kept beyond the
 * page (no GPU, first-run, background network, component update, sync,
 * extensions), no header or footer on the printed page. */
static char sw_headless[] = "--headless", sw_no_sandbox[] = "--no-sandbox",
	sw_gpu[] = "--disable-gpu", sw_first[] = "--no-first-run",
	sw_net[] = "--disable-background-networking", sw_update[] = "--disable-component-update",
	sw_sync[] = "--disable-sync", sw_ext[] = "--disable-extensions",
	sw_header[] = "--no-pdf-header-footer";

static int
print(const char *browser, const char *dir, const char *html, const char *pdf)
{
	char prog[4096], profile[5300], out[8300], url[5400], log[5300];
	char *argv[16];
	posix_spawn_file_actions_t fa;
	struct stat st;
	pid_t pid;
	int n = 0, status = 0, rc;

	snprintf(prog, sizeof prog, "%s", browser);
	snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
	snprintf(out, sizeof out, "--print-to-pdf=%s", pdf);
	snprintf(url, sizeof url, "file://%s", html);
	snprintf(log, sizeof log, "%s/browser.log", dir);
	argv[n++] = prog;
	argv[n++] = sw_headless;
	if (geteuid() == 0)
		argv[n++] = sw_no_sandbox;   /* Chromium refuses root with its sandbox */
	argv[n++] = sw_gpu;
	argv[n++] = sw_first;
	argv[n++] = sw_net;
	argv[n++] = sw_update;
	argv[n++] = sw_sync;
	argv[n++] = sw_ext;
	argv[n++] = sw_header;
	argv[n++] = profile;
	argv[n++] = out;
	argv[n++] = url;
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC,
	                                 0600);
	posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
	rc = posix_spawn(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return cli_error(CS_UNAVAILABLE, "cannot run %s: %s", browser, strerror(rc));
	if (wait_for(pid, &status) != 0)
		return cli_error(CS_IOERR, "%s did not print the page within %d s", browser,
		                 TIMEOUT_S);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(pdf, &st) != 0 ||
	    st.st_size == 0)
		return cli_error(CS_IOERR, "%s could not print the page (its messages are in %s)",
		                 browser, log);
	return 0;
}

int
cli_pdf(const struct meeting *m, const char *paper, const char *output)
{
	const char *tmp = getenv("TMPDIR");
	char browser[4096], dir[1024], abs[5200], html[5300], pdf[8192], cwd[4096];
	FILE *f;
	int rc;

	if (!find_browser(browser, sizeof browser))
		return cli_pdf_check();
	snprintf(dir, sizeof dir, "%s/cslog-pdf.XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return cli_error(CS_CANTCREAT, "cannot make a temporary directory: %s",
		                 strerror(errno));
	if (getcwd(cwd, sizeof cwd) == NULL)
		cwd[0] = '\0';
	/* The browser takes a file:// URL and a profile directory: absolute. */
	snprintf(abs, sizeof abs, "%s%s%s", dir[0] == '/' ? "" : cwd, dir[0] == '/' ? "" : "/",
	         dir);
	snprintf(html, sizeof html, "%s/report.html", abs);
	if (output[0] == '/' || cwd[0] == '\0')
		snprintf(pdf, sizeof pdf, "%s", output);
	else
		snprintf(pdf, sizeof pdf, "%s/%s", cwd, output);
	if ((f = fopen(html, "w")) == NULL) {
		rc = cli_error(CS_CANTCREAT, "cannot write %s", html);
	} else {
		rc = meeting_html(m, paper != NULL ? paper : "letter", f) != 0 ? CS_IOERR : 0;
		if (fclose(f) != 0 || rc != 0)
			rc = cli_error(CS_IOERR, "cannot write %s", html);
	}
	if (rc == 0)
		rc = print(browser, abs, html, pdf);
	if (rc == 0)
		nftw(abs, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
