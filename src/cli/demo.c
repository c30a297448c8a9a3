/* demo.c - cslog --demo: a throw-away database with sample members,
 * contacts, follow-ups, reviews and drill results, removed on exit. */
#include "cli_demo.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cslog/generate.h"

/* What a signal handler removes: the database's files, then the
 * directory (async-signal-safe: unlink and rmdir only). */
static char sig_files[3][1200];
static char sig_dir[1024];
static const int demo_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_SIGNALS (sizeof demo_signals / sizeof demo_signals[0])

static void
on_signal(int sig)
{
	size_t i;

	for (i = 0; i < 3; i++)
		unlink(sig_files[i]);
	rmdir(sig_dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(const struct cli_demo *d)
{
	static const char *const suffix[3] = { "", "-wal", "-shm" };
	size_t i;

	for (i = 0; i < 3; i++)
		snprintf(sig_files[i], sizeof sig_files[i], "%s%s", d->db, suffix[i]);
	snprintf(sig_dir, sizeof sig_dir, "%s", d->dir);
	for (i = 0; i < N_SIGNALS; i++)
		signal(demo_signals[i], on_signal);
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

static int
make_dir(struct cli_demo *d)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
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
