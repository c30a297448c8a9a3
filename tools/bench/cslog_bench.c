/* cslog_bench.c - the benchmark's helper (make bench; not installed).
 *
 *   cslog-bench gen [--contacts N] [--members N] [--days N] [--seed N] [--drills N]
 *                   [--batch N] [--policies DIR] DB
 *       fill a new database with sample data (generate.h), with a
 *       progress bar on stderr; prints one line of figures.
 *   cslog-bench time [-n RUNS] [--in FILE] [--out FILE] [--err FILE]
 *                    [--setup SH] -- CMD ARG...
 *       run CMD RUNS times (stdin from FILE or /dev/null, stdout and
 *       stderr to FILE or /dev/null; the shell command SH before each
 *       run, not timed) and print "median_ms min_ms max_ms max_rss_kb
 *       median_cpu_ms" (CPU: the child's user and system time, all its
 *       threads; on a loaded machine the figure to compare).
 *       Fails when a run fails.
 *   cslog-bench report [-n RUNS] DB
 *       for every report dimension, the median time of the store's
 *       aggregate report and of the same figures from a full scan, in
 *       one process: "dim agg_ms scan_ms rows".
 *   cslog-bench queue [-n RUNS] DB          (queue_bench.c)
 *   cslog-bench startup [-n RUNS] CSLOG DB  (pty_bench.c)
 *
 * Wall time is CLOCK_MONOTONIC; peak memory is the child's ru_maxrss. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cslog/app.h"
#include "cslog/generate.h"
#include "cslog/store.h"

#define MAX_RUNS 101

int bench_queue(int argc, char **argv);
int bench_startup(int argc, char **argv);

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
by_value(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
runs_arg(const char *s)
{
	int n = atoi(s);

	return n < 1 ? 1 : n > MAX_RUNS ? MAX_RUNS : n;
}

/* ---- gen ---------------------------------------------------------- */

struct bar {
	double t0;     /* start; then when the first contact was written */
	double t_members;
	bool tty;
	int last;
};

static void
progress(void *ctx, size_t done, size_t total)
{
	struct bar *b = ctx;
	double s;
	int pct = total ? (int)(done * 100 / total) : 100, i;

	if (done == 0) {
		b->t_members = (now_ms() - b->t0) / 1e3;
		b->t0 = now_ms();
		return;
	}
	s = (now_ms() - b->t0) / 1e3;

	if (!b->tty && pct / 10 == b->last / 10 && done != total)
		return;
	b->last = pct;
	fputs(b->tty ? "\r  [" : "  [", stderr);
	for (i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% %zu/%zu contacts, %.0f/s", pct, done, total,
	    s > 0 ? (double)done / s : 0.0);
	if (!b->tty || done == total)
		fputc('\n', stderr);
}

static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

static int
cmd_gen(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "contacts", required_argument, NULL, 'c' },
		{ "members", required_argument, NULL, 'm' },
		{ "days", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "batch", required_argument, NULL, 'b' },
		{ "policies", required_argument, NULL, 'p' },
		{ "drills", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct generate_opts o;
	struct generate_stats st;
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };
	struct bar b = { 0, 0, false, -1 };
	struct app a;
	double secs, t_all;
	int c, rc;

	generate_defaults(&o);
	o.members = 300;
	o.contacts = 10000;
	o.batch = 50000;
	o.measures = false;   /* the benchmark times the log */
	app_init(&a);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			o.contacts = (size_t)strtoull(optarg, NULL, 10);
		else if (c == 'm')
			o.members = (size_t)strtoull(optarg, NULL, 10);
		else if (c == 'd')
			o.days = atoi(optarg);
		else if (c == 's')
			o.seed = strtoull(optarg, NULL, 10);
		else if (c == 'b')
			o.batch = (size_t)strtoull(optarg, NULL, 10);
		else if (c == 'p')
			a.policies_dir = optarg;
		else if (c == 'D')
			o.drill_sessions = (size_t)strtoull(optarg, NULL, 10);
		else
			return 64;
	}
	if (optind != argc - 1) {
		fputs("usage: cslog-bench gen [--contacts N] [--members N] DB\n", stderr);
		return 64;
	}
	a.db_path = argv[optind];
	rc = app_load_policies(&a, &diags, &err);
	policy_diags_free(&diags);
	b.t0 = t_all = now_ms();
	b.tty = isatty(STDERR_FILENO);
	if (rc == CS_OK)
		rc = generate_run(&a, &o, progress, &b, &st, &err);
	secs = (now_ms() - b.t0) / 1e3;
	t_all = (now_ms() - t_all) / 1e3;
	app_done(&a);
	if (rc != CS_OK) {
		fprintf(stderr, "cslog-bench: %s\n", err.msg);
		return rc;
	}
	printf("%zu contacts in %.1f s (%.0f contacts/s; %.1f s more for %zu members, "
	    "their PINs hashed); %zu follow-ups, %zu reviews, %zu amendments, %zu drill "
	    "results; %lld bytes\n", st.contacts, secs,
	    secs > 0 ? (double)st.contacts / secs : 0.0, t_all - secs, st.members,
	    st.followups, st.sign_offs + st.debriefs + st.commendations, st.amendments,
	    st.drills, file_size(argv[optind]));
	return 0;
}

/* ---- time ------------------------------------------------------------ */

static int
redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0600);

	if (f < 0 || dup2(f, fd) < 0)
		return -1;
	close(f);
	return 0;
}

struct io {
	const char *in, *out, *err;
};

/* Run argv once: wall ms in *ms, user and system CPU ms in *cpu, peak
 * RSS (KiB) in *rss; exit status. */
static int
run_once(char **argv, const struct io *io, double *ms, double *cpu, long *rss)
{
	struct rusage ru;
	double t0 = now_ms();
	int status = 0;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (redirect(io->in ? io->in : "/dev/null", STDIN_FILENO, O_RDONLY) != 0 ||
		    redirect(io->out ? io->out : "/dev/null", STDOUT_FILENO,
		        O_WRONLY | O_CREAT | O_TRUNC) != 0 ||
		    redirect(io->err ? io->err : "/dev/null", STDERR_FILENO,
		        O_WRONLY | O_CREAT | O_TRUNC) != 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*ms = now_ms() - t0;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
	*rss = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int
cmd_time(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "err", required_argument, NULL, 'e' },
		{ "setup", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	double ms[MAX_RUNS], cpu[MAX_RUNS], lo = 1e18, hi = 0;
	struct io io = { NULL, NULL, NULL };
	const char *setup = NULL;
	long rss, max_rss = 0;
	int c, n = 5, i, st;

	while ((c = getopt_long(argc, argv, "+n:", opts, NULL)) != -1) {
		if (c == 'n')
			n = runs_arg(optarg);
		else if (c == 'i')
			io.in = optarg;
		else if (c == 'o')
			io.out = optarg;
		else if (c == 'e')
			io.err = optarg;
		else if (c == 's')
			setup = optarg;
		else
			return 64;
	}
	if (optind >= argc) {
		fputs("usage: cslog-bench time [-n RUNS] -- CMD ARG...\n", stderr);
		return 64;
	}
	for (i = 0; i < n; i++) {
		if (setup != NULL && (st = system(setup)) != 0) {
			fprintf(stderr, "cslog-bench: the setup '%s' failed (%d)\n", setup, st);
			return 1;
		}
		st = run_once(argv + optind, &io, &ms[i], &cpu[i], &rss);
		if (st != 0) {
			fprintf(stderr, "cslog-bench: %s exited with status %d%s%s\n", argv[optind],
			    st, io.err ? "; its messages are in " : "", io.err ? io.err : "");
			return 1;
		}
		lo = ms[i] < lo ? ms[i] : lo;
		hi = ms[i] > hi ? ms[i] : hi;
		max_rss = rss > max_rss ? rss : max_rss;
	}
	printf("%.2f %.2f %.2f %ld %.2f\n", median(ms, n), lo, hi, max_rss, median(cpu, n));
	return 0;
}

/* ---- report: aggregates against a full scan ------------------------- */

static int
count_row(void *ctx, const char *value, int64_t n)
{
	(void)value;
	(void)n;
	(*(long *)ctx)++;
	return 0;
}

typedef int (*report_fn)(struct store *, enum store_dim, const char *, const char *,
                         const char *, store_report_cb, void *, struct cs_err *);

/* The full scan over everyone's contacts, as a report_fn. */
static int
fullscan(struct store *st, enum store_dim d, const char *since, const char *until,
         const char *policy, store_report_cb cb, void *ctx, struct cs_err *err)
{
	return store_report_fullscan(st, d, since, until, policy, 0, cb, ctx, err);
}

static double
time_report(struct store *st, report_fn fn, enum store_dim d, int n, long *rows,
            struct cs_err *err)
{
	double ms[MAX_RUNS], t0;
	int i;

	for (i = 0; i < n; i++) {
		*rows = 0;
		t0 = now_ms();
		if (fn(st, d, NULL, NULL, NULL, count_row, rows, err) != CS_OK)
			return -1;
		ms[i] = now_ms() - t0;
	}
	return median(ms, n);
}

/* The summary's "overdue now": the store's (the aggregate of limits by
 * day, today's counted live) against the live count through the index
 * of open follow-ups, each joined to its contact, as before schema v8. */
static const char OLD_OVERDUE[] =
	"SELECT count(*) FROM followup f INDEXED BY followup_overdue"
	" CROSS JOIN contact c ON c.id = f.contact_id"
	" WHERE f.state = 0 AND f.limit_eff < ?1 AND c.superseded_by IS NULL";

static int
time_overdue(struct store *st, const char *path, int n)
{
	struct followup_stats fs;
	struct cs_err err = { 0 };
	double a[MAX_RUNS], b[MAX_RUNS], t0;
	int64_t now = (int64_t)time(NULL), live = -1;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int i;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, OLD_OVERDUE, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "cslog-bench: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	for (i = 0; i < n; i++) {
		t0 = now_ms();
		if (store_followup_stats(st, NULL, NULL, NULL, 0, now, &fs, &err) != CS_OK) {
			fprintf(stderr, "cslog-bench: %s\n", err.msg);
			break;
		}
		a[i] = now_ms() - t0;
		t0 = now_ms();
		sqlite3_bind_int64(s, 1, now);
		if (sqlite3_step(s) == SQLITE_ROW)
			live = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		b[i] = now_ms() - t0;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	if (i < n)
		return 1;
	printf("overdue_now %.3f %.3f %lld%s\n", median(a, n), median(b, n), (long long)fs.overdue,
	       fs.overdue == live ? "" : " MISMATCH");
	return 0;
}

static int
cmd_report(int argc, char **argv)
{
	struct cs_err err = { 0 };
	struct store *st;
	double agg, scan;
	long rows, rows2;
	int c, n = 5, d;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			return 64;
		n = runs_arg(optarg);
	}
	if (optind != argc - 1) {
		fputs("usage: cslog-bench report [-n RUNS] DB\n", stderr);
		return 64;
	}
	if (store_open(argv[optind], STORE_READONLY, &st, &err) != CS_OK) {
		fprintf(stderr, "cslog-bench: %s\n", err.msg);
		return 1;
	}
	for (d = 0; d < DIM_COUNT; d++) {
		agg = time_report(st, store_report, (enum store_dim)d, n, &rows, &err);
		scan = time_report(st, fullscan, (enum store_dim)d, n, &rows2, &err);
		if (agg < 0 || scan < 0) {
			fprintf(stderr, "cslog-bench: %s\n", err.msg);
			store_close(st);
			return 1;
		}
		printf("%s %.3f %.3f %ld%s\n", store_dim_name((enum store_dim)d), agg, scan, rows,
		    rows == rows2 ? "" : " MISMATCH");
	}
	c = time_overdue(st, argv[optind], n);
	store_close(st);
	return c;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "gen") == 0)
		return cmd_gen(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "time") == 0)
		return cmd_time(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return cmd_report(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "queue") == 0)
		return bench_queue(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "startup") == 0)
		return bench_startup(argc - 1, argv + 1);
	fputs("usage: cslog-bench gen|time|report|queue|startup ... (see tools/bench/*.c)\n",
	    stderr);
	return 64;
}
