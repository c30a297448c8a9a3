/* actor.c - who is acting on the command line: --as BADGE (or CSLOG_AS)
 * and, when that member has a PIN, the PIN: from CSLOG_PIN (for
 * scripts), else asked on the terminal with echo off, as sudo and ssh
 * do, so that a PIN never has to sit in a command line or a shell's
 * history. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli_cmd.h"
#include "cslog/generate.h"

static int tty_fd = -1;
static struct termios tty_saved;

/* A signal while the echo is off: put the terminal back, then die of it. */
static void
restore_tty(int sig)
{
	tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
read_tty(const char *badge, char *pin, size_t len, struct cs_err *err)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
	void (*old[5])(int);
	struct termios quiet;
	char prompt[80];
	size_t n = 0, i;
	ssize_t r;
	char ch;

	tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty_fd < 0 || tcgetattr(tty_fd, &tty_saved) != 0) {
		if (tty_fd >= 0)
			close(tty_fd);
		tty_fd = -1;
		return cs_err_set(err, CS_NOPERM, "%s has a PIN: give it in CSLOG_PIN (there is"
		                  " no terminal to ask it on)", badge);
	}
	for (i = 0; i < 5; i++)
		old[i] = signal(sigs[i], restore_tty);
	quiet = tty_saved;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	tcsetattr(tty_fd, TCSAFLUSH, &quiet);
	snprintf(prompt, sizeof prompt, "PIN for %s: ", badge);
	if (write(tty_fd, prompt, strlen(prompt)) < 0)
		n = 0;
	while ((r = read(tty_fd, &ch, 1)) == 1 && ch != '\n' && ch != '\r') {
		if (n + 1 < len)
			pin[n++] = ch;
	}
	pin[n] = '\0';
	tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	if (write(tty_fd, "\n", 1) < 0)
		r = -1;
	for (i = 0; i < 5; i++)
		signal(sigs[i], old[i]);
	close(tty_fd);
	tty_fd = -1;
	if (n == 0)
		return cs_err_set(err, CS_NOPERM, "no PIN given for %s", badge);
	return CS_OK;
}

struct pin_ctx {
	bool demo_default;   /* --demo acting as its sample supervisor */
};

static int
ask_pin(void *ctx, const struct member *m, char *pin, size_t len, struct cs_err *err)
{
	const struct pin_ctx *p = ctx;
	const char *env = getenv("CSLOG_PIN");

	if (env != NULL && *env != '\0') {
		snprintf(pin, len, "%s", env);
		return CS_OK;
	}
	if (p->demo_default) {
		snprintf(pin, len, "%s", GENERATE_PIN);
		return CS_OK;
	}
	return read_tty(m->badge, pin, len, err);
}

int
cli_actor(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct pin_ctx p = { false };
	const char *badge = c->as;
	int64_t n = 0;

	if (badge == NULL || *badge == '\0')
		badge = getenv("CSLOG_AS");
	if ((badge == NULL || *badge == '\0') && c->demo) {
		badge = "S1";   /* the demo's sample supervisor */
		p.demo_default = true;
	}
	if (k->cmd->who == WHO_UNLESS_EMPTY) {
		if (app_member_count(&c->app, &n, &err) != CS_OK)
			return cli_fail(&err);
		if (n == 0)
			return 0;   /* the first member: nobody acts yet */
	}
	if (badge == NULL || *badge == '\0')
		return cli_error(CS_NOPERM, "%s needs someone acting: say who you are with"
		                 " --as BADGE (or CSLOG_AS)", k->cmd->name);
	if (app_authenticate(&c->app, badge, ask_pin, &p, &k->who, &err) != CS_OK)
		return cli_fail(&err);
	if (k->cmd->op >= 0 && app_scope_of(&k->who, (enum app_op)k->cmd->op) == SCOPE_NONE &&
	    app_may(&k->who, (enum app_op)k->cmd->op, 0, &err) != CS_OK)
		return cli_fail(&err);
	return 0;
}
