/* demo.c - cslog --demo: a throw-away database with sample members,
 * contacts, follow-ups, reviews and drill results, removed on exit: at
 * the end, on Ctrl-C, kill, a closed terminal (SIGHUP) or a closed pipe
 * (SIGPIPE, `cslog --demo list | head`).  SIGKILL cannot be caught: each
 * demo directory holds its process's id, and the next --demo removes
 * the directories of processes that are gone. */
#include "cli_demo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cslog/generate.h"

/* What a signal handler removes: the database's files, then the
 * directory (async-signal-safe: unlink and rmdir only). */
#define N_FILES 6
static char sig_files[N_FILES][1200];
static char sig_dir[1024];
static const int demo_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
#define PID_FILE "owner.pid"
#define N_SIGNALS (sizeof demo_signals / sizeof demo_signals[0])

/* The handlers that were there before ours (ncurses'), by signal. */
static void (*chained[N_SIGNALS])(int);

static void
on_signal(int sig)
{
	void (*next)(int) = NULL;
	size_t i;

	for (i = 0; i < N_FILES; i++)
		unlink(sig_files[i]);
	rmdir(sig_dir);
	for (i = 0; i < N_SIGNALS; i++) {
		if (demo_signals[i] == sig)
			next = chained[i];
	}
	if (next != NULL && next != SIG_DFL && next != SIG_IGN && next != SIG_ERR) {
		next(sig);
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cli_demo_chain_signals(void)
{
	void (*old)(int);
	size_t i;

	for (i = 0; i < N_SIGNALS; i++) {
		old = signal(demo_signals[i], on_signal);
		chained[i] = old != on_signal ? old : NULL;
	}
}

static void
catch_signals(const struct cli_demo *d)
{
	/* The database, SQLite's files and the import's lock file. */
	static const char *const suffix[N_FILES - 1] = { "", "-wal", "-shm", "-journal",
	                                                 "-import" };
	size_t i;

	for (i = 0; i < N_FILES - 1; i++)
		snprintf(sig_files[i], sizeof sig_files[i], "%s%s", d->db, suffix[i]);
	snprintf(sig_files[N_FILES - 1], sizeof sig_files[0], "%s/" PID_FILE, d->dir);
	snprintf(sig_dir, sizeof sig_dir, "%s", d->dir);
	for (i = 0; i < N_SIGNALS; i++) {
		chained[i] = NULL;
		signal(demo_signals[i], on_signal);
	}
}

void
cli_demo_release_signals(void)
{
	size_t i;

	for (i = 0; i < N_SIGNALS; i++)
		signal(demo_signals[i], SIG_DFL);
}

static void
remove_dir(const char *dir)
{
	char path[1400];
	struct dirent *e;
	DIR *dp = opendir(dir);

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
}

void
cli_demo_end(struct cli *c, struct cli_demo *d)
{
	if (d->dir[0] == '\0')
		return;
	app_done(&c->app);
	remove_dir(d->dir);
	cli_demo_release_signals();
	d->dir[0] = '\0';
}

struct progress {
	bool tty;
};

static void
progress(void *ctx, size_t done, size_t total)
{
	const struct progress *p = ctx;

	if (p->tty)
		fprintf(stderr, "\rcslog: making the demo database: %zu of %zu contacts",
		    done, total);
	if (p->tty && done == total)
		fputc('\n', stderr);
}

/* The demo directory's owner, from its pid file; 0 when it has none. */
static long
owner(const char *dir)
{
	char path[1500], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "%s/" PID_FILE, dir);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strtol(buf, NULL, 10);
}

/* Remove the demo directories (ours, with a pid file) of processes that
 * are gone: what a SIGKILL left behind. */
static void
remove_stale(const char *tmp)
{
	char dir[1400];
	struct dirent *e;
	struct stat sb;
	DIR *dp = opendir(tmp);
	long pid;

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		if (strncmp(e->d_name, "cslog-demo.", 11) != 0)
			continue;
		snprintf(dir, sizeof dir, "%s/%s", tmp, e->d_name);
		if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
			continue;
		pid = owner(dir);
		if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
			remove_dir(dir);
	}
	if (dp != NULL)
		closedir(dp);
}

static int
make_dir(struct cli_demo *d)
{
	const char *tmp = getenv("TMPDIR");
	char path[1400], pid[32];
	int fd, n;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	remove_stale(tmp);
	if ((size_t)snprintf(d->dir, sizeof d->dir, "%s/cslog-demo.XXXXXX", tmp) >=
	    sizeof d->dir) {
		d->dir[0] = '\0';
		return cli_error(CS_CANTCREAT, "TMPDIR is too long");
	}
	if (mkdtemp(d->dir) == NULL) {
		cli_error(CS_CANTCREAT, "cannot make a directory in %s for the demo", tmp);
		d->dir[0] = '\0';
		return CS_CANTCREAT;
	}
	snprintf(d->db, sizeof d->db, "%s/cslog.db", d->dir);
	snprintf(path, sizeof path, "%s/" PID_FILE, d->dir);
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, pid, (size_t)n) != n) {
		if (fd >= 0)
			close(fd);
		cli_error(CS_CANTCREAT, "cannot write in %s for the demo", d->dir);
		remove_dir(d->dir);
		d->dir[0] = '\0';
		return CS_CANTCREAT;
	}
	close(fd);
	return 0;
}

static void
tell(const struct cli_demo *d, const struct generate_stats *s)
{
	fprintf(stderr, "cslog: demo database %s (%zu contacts; deleted on exit)\n", d->db,
	    s->contacts);
	fprintf(stderr, "cslog: sign in as S1 (supervisor) or T1 (trainer) with PIN %s,"
	    " or as member M101 (no PIN)%s\n", GENERATE_PIN, s->evaluations > 0 ?
	    "; the evaluator E1 has the PIN too" : "");
}

int
cli_demo_start(struct cli *c, struct cli_demo *d)
{
	struct generate_opts o;
	struct generate_stats s;
	struct progress p = { isatty(STDERR_FILENO) != 0 };
	struct cs_err err = { 0 };
	int rc;

	d->dir[0] = '\0';
	if (c->app.db_path != NULL)
		return cli_usage(NULL, "--demo makes its own database: leave out --db");
	if ((rc = cli_need_policies(c)) != 0)
		return rc;
	if ((rc = make_dir(d)) != 0)
		return rc;
	catch_signals(d);
	c->app.db_path = d->db;
	generate_defaults(&o);
	if (!p.tty)
		fputs("cslog: making the demo database\n", stderr);
	rc = generate_run(&c->app, &o, progress, &p, &s, &err);
	if (rc != CS_OK) {
		if (p.tty)
			fputc('\n', stderr);
		cli_fail(&err);
		cli_demo_end(c, d);
		return rc;
	}
	tell(d, &s);
	return 0;
}
