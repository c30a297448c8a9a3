/* pty_bench.c - `cslog-bench startup [-n RUNS] CSLOG DB`: the whole
 * full-screen program in an 80x24 pseudo-terminal, timed as a user
 * sees it.  Each run starts CSLOG --db DB, waits for the sign-in screen
 * to be drawn, types supervisor S1's badge and PIN (the generator's),
 * waits for the home screen, presses r and waits for the review queue,
 * then pages down 50 times (each time until the page is drawn and the
 * program quiet again), and ends it.  Prints tab-separated "name median_ms"
 * lines:
 *
 *   start to sign-in         process start to the sign-in screen drawn
 *   start to review queue    ... to the queue drawn, typing as soon as
 *                            each screen is up (includes the PIN hash)
 *   badge to PIN prompt      Enter after the badge to the PIN prompt drawn
 *   PIN to home              Enter after the PIN to the home screen drawn
 *                            (the PIN hash, then the home screen's reads)
 *   r to review queue        the key press to the queue drawn
 *   page down                one PgDn to the next page drawn (median of
 *                            all runs' 50)
 *   resident after 50 pages  the program's VmRSS after browsing
 *   peak resident            its largest ru_maxrss: the PIN check
 *                            (argon2id asks for 64 MiB) sets it
 *
 * "Drawn" means the screen's title has come out of the terminal: ncurses
 * writes a whole frame in one go, so the rest follows in the same write. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS_MAX 51
#define PAGES 50
#define WAIT_MS 20000

int bench_startup(int argc, char **argv);

struct term {
	int fd;
	pid_t pid;
	char buf[1 << 16];   /* what the program wrote since the last mark */
	size_t len;
};

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
term_start(struct term *t, const char *cslog, const char *db)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	t->len = 0;
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return -1;
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		unsetenv("CSLOG_NOW");
		execl(cslog, cslog, "--db", db, (char *)NULL);
		_exit(127);
	}
	return 0;
}

/* Read until needle has been written since the last term_mark(). */
static int
term_wait(struct term *t, const char *needle)
{
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	double end = now_ms() + WAIT_MS;
	ssize_t n;

	for (;;) {
		if (memmem(t->buf, t->len, needle, strlen(needle)) != NULL)
			return 0;
		if (now_ms() > end || poll(&p, 1, 1000) < 0)
			return -1;
		if (t->len == sizeof t->buf)   /* keep the newest half */
			memmove(t->buf, t->buf + sizeof t->buf / 2, t->len /= 2);
		n = read(t->fd, t->buf + t->len, sizeof t->buf - t->len);
		if (n <= 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		if (n > 0)
			t->len += (size_t)n;
	}
}

static void
term_send(struct term *t, const char *keys)
{
	t->len = 0;
	if (write(t->fd, keys, strlen(keys)) < 0)
		perror("cslog-bench: write");
}

/* The program's resident memory now (VmRSS), in KiB. */
static long
term_rss(const struct term *t)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)t->pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static long
term_end(struct term *t)
{
	struct rusage ru = { 0 };
	int status;

	kill(t->pid, SIGTERM);
	while (wait4(t->pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	close(t->fd);
	return ru.ru_maxrss;
}

struct times {
	double signin[RUNS_MAX], queue[RUNS_MAX], key[RUNS_MAX];
	double badge[RUNS_MAX], pin[RUNS_MAX];
	double page[RUNS_MAX * PAGES];
	int npage;
	long rss, browse_rss;
};

/* Read until the program has been quiet for QUIET_MS; the time of the
 * last byte, or -1 when nothing came. */
#define QUIET_MS 60
static double
term_settle(struct term *t)
{
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	double last = -1;
	char buf[4096];
	ssize_t n;

	while (poll(&p, 1, QUIET_MS) > 0) {
		n = read(t->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		last = now_ms();
	}
	return last;
}

/* Page down PAGES times: ncurses writes only what changed, so a page is
 * drawn when its last byte is out (the program then stays quiet). */
static int
page_down(struct term *t, struct times *tm)
{
	double t0, last;
	int i;

	term_settle(t);
	for (i = 0; i < PAGES; i++) {
		t0 = now_ms();
		term_send(t, "\033[6~");
		last = term_settle(t);
		if (last < 0)
			return -1;
		tm->page[tm->npage++] = last - t0;
	}
	return 0;
}

static int
one_run(const char *cslog, const char *db, struct times *tm, int run)
{
	struct term *t = calloc(1, sizeof *t);
	double t0 = now_ms(), tk;
	int rc = -1;
	long rss;

	if (t == NULL || term_start(t, cslog, db) != 0)
		goto out;
	if (term_wait(t, "sign in") != 0)
		goto end;
	tm->signin[run] = now_ms() - t0;
	tk = now_ms();
	term_send(t, "S1\r");
	if (term_wait(t, "PIN") != 0)
		goto end;
	tm->badge[run] = now_ms() - tk;
	tk = now_ms();
	term_send(t, "1234\r");
	if (term_wait(t, "home") != 0)
		goto end;
	tm->pin[run] = now_ms() - tk;
	tk = now_ms();
	term_send(t, "r");
	if (term_wait(t, "review queue") != 0)
		goto end;
	tm->queue[run] = now_ms() - t0;
	tm->key[run] = now_ms() - tk;
	rc = page_down(t, tm);
	rss = term_rss(t);
	if (rss > tm->browse_rss)
		tm->browse_rss = rss;
end:
	if (rc != 0)
		fprintf(stderr, "cslog-bench: the screen did not come (last output: %.*s)\n",
		        (int)(t->len > 400 ? 400 : t->len), t->buf);
	rss = term_end(t);
	if (rss > tm->rss)
		tm->rss = rss;
out:
	free(t);
	return rc;
}

int
bench_startup(int argc, char **argv)
{
	static struct times tm;
	int runs = 7, i;

	if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc != 3 || runs < 1 || runs > RUNS_MAX) {
		fputs("usage: cslog-bench startup [-n RUNS] CSLOG DB\n", stderr);
		return 64;
	}
	for (i = 0; i < runs; i++)
		if (one_run(argv[1], argv[2], &tm, i) != 0)
			return 1;
	printf("start to sign-in\t%.3f\n", median(tm.signin, runs));
	printf("start to review queue\t%.3f\n", median(tm.queue, runs));
	printf("badge to PIN prompt\t%.3f\n", median(tm.badge, runs));
	printf("PIN to home\t%.3f\n", median(tm.pin, runs));
	printf("r to review queue\t%.3f\n", median(tm.key, runs));
	printf("page down\t%.3f\n", median(tm.page, tm.npage));
	printf("resident after 50 pages, KiB\t%ld\n", tm.browse_rss);
	printf("peak resident, KiB (PIN hash)\t%ld\n", tm.rss);
	return 0;
}
