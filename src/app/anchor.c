/* anchor.c - the head of the audit chain, kept where the file is not.
 *
 * The chain proves that nothing inside it was changed, but someone who
 * deletes the newest events (a contact and its events, say) leaves a
 * shorter chain that is just as whole.  So after every write, the head
 * (the newest event's id and hash) goes where the database's writer
 * cannot take it back:
 *
 *  - syslog(3), facility authpriv: journald or the syslog daemon keep
 *    it out of the user's reach;
 *  - the anchor file: in the group deployment, "<database>.head" beside
 *    the database, in the directory only the cslog group writes; else
 *    $XDG_STATE_HOME/cslog/anchors/<hash of the database's path>.head,
 *    which catches a careless edit (or an old copy put back), not a
 *    deliberate one by the same account.
 *
 * The file is opened (and read) when the database is, so that a program
 * that has let the group go can still write it; it is rewritten under
 * an exclusive lock, and only when the new head extends the one it
 * holds: a head the chain no longer reaches stays there as evidence.
 * 'cslog verify' checks the chain against it, and against a head given
 * by hand, read from a backup or from the system log. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <sodium.h>

#include "app_int.h"
#include "cslog/app_time.h"

#define MAGIC "cslog anchor 1\n"
#define SHORT_HEX 16

/* ---- the file's text ------------------------------------------------- */

/* Parse an anchor file's text into h; false when it is not one. */
static bool
parse_text(const char *text, struct store_head *h)
{
	const char *p = strstr(text, "\nevent "), *q = strstr(text, "\nhash ");
	const char *t = strstr(text, "\nat ");
	long long ev = 0, at = 0;
	size_t n;

	memset(h, 0, sizeof *h);
	if (strncmp(text, MAGIC, strlen(MAGIC)) != 0 || p == NULL || q == NULL ||
	    sscanf(p, "\nevent %lld", &ev) != 1 || ev <= 0)
		return false;
	if (t != NULL)
		sscanf(t, "\nat %lld", &at);
	q += 6;
	n = strspn(q, "0123456789abcdef");
	if (n != 64)
		return false;
	memcpy(h->hash, q, 64);
	h->hash[64] = '\0';
	h->event = ev;
	h->at = at;
	return true;
}

static int
format_text(const char *db, const struct store_head *h, char *buf, size_t len)
{
	char when[32];

	app_time_iso(h->at, when, sizeof when);
	return snprintf(buf, len, MAGIC "database %s\nevent %lld\nat %lld\nhash %s\n"
	                "# audit event %lld of %s; check with: cslog verify --anchor THIS-FILE\n",
	                db, (long long)h->event, (long long)h->at, h->hash,
	                (long long)h->event, when);
}

/* ---- where ------------------------------------------------------------ */

/* The anchor file of the database at db (real: its resolved path),
 * malloc'd; *shared when it is the group deployment's. */
static char *
anchor_path_of(const char *db, const char *real, bool *shared)
{
	const char *state = app_env("XDG_STATE_HOME"), *home = app_env("HOME");
	unsigned char d[SHORT_HEX / 2];
	char hex[SHORT_HEX + 1], *out;
	size_t n;

	*shared = app_in_group_dir(db);
	if (*shared) {
		n = strlen(real) + sizeof ".head";
		if ((out = malloc(n)) != NULL)
			snprintf(out, n, "%s.head", real);
		return out;
	}
	crypto_generichash(d, sizeof d, (const unsigned char *)real, strlen(real), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, d, sizeof d);
	if (state != NULL && state[0] == '/') {
		n = strlen(state) + sizeof "/cslog/anchors/.head" + SHORT_HEX;
		if ((out = malloc(n)) != NULL)
			snprintf(out, n, "%s/cslog/anchors/%s.head", state, hex);
	} else if (home != NULL && home[0] == '/') {
		n = strlen(home) + sizeof "/.local/state/cslog/anchors/.head" + SHORT_HEX;
		if ((out = malloc(n)) != NULL)
			snprintf(out, n, "%s/.local/state/cslog/anchors/%s.head", home, hex);
	} else {
		out = NULL;
	}
	return out;
}

/* mkdir -p the directory part of path, 0700. */
static void
make_dirs(const char *path)
{
	char *dir = strdup(path), *p;

	if (dir == NULL)
		return;
	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

/* Read what the open anchor file holds (none: event 0). */
static void
read_fd(int fd, struct store_head *h)
{
	char text[1024];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);

	text[n > 0 ? n : 0] = '\0';
	if (!parse_text(text, h))
		memset(h, 0, sizeof *h);
}

void
app_anchor_open(struct app *a)
{
	struct store_head h;
	const char *db;
	bool shared;
	int flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW;

	a->anchor_fd = -1;
	memset(&a->anchor_seen, 0, sizeof a->anchor_seen);
	/* Only a head this program moves is recorded, not the one it found. */
	a->anchored = a->store != NULL && store_head(a->store, &h, NULL) == CS_OK ? h.event : 0;
	if (a->demo || a->fixed_now != 0 || (db = app_db_path(a, NULL)) == NULL ||
	    realpath(db, a->db_real) == NULL ||
	    (a->anchor_path = anchor_path_of(db, a->db_real, &shared)) == NULL)
		return;
	/* The group's file is made by its administrator (root): one a member
	 * made would be theirs to change. */
	if (!shared || geteuid() == 0)
		flags |= O_CREAT;
	a->anchor_fd = open(a->anchor_path, flags, shared ? 0660 : 0600);
	if (a->anchor_fd < 0 && errno == ENOENT && !shared) {
		make_dirs(a->anchor_path);
		a->anchor_fd = open(a->anchor_path, flags, 0600);
	}
	if (a->anchor_fd >= 0 && shared)
		fchmod(a->anchor_fd, 0660);   /* whatever the umask */
	if (a->anchor_fd >= 0)
		read_fd(a->anchor_fd, &a->anchor_seen);
}

void
app_anchor_close(struct app *a)
{
	if (a->anchor_fd >= 0)
		close(a->anchor_fd);
	a->anchor_fd = -1;
	free(a->anchor_path);
	a->anchor_path = NULL;
}

const char *
app_anchor_file(const struct app *a)
{
	return a->anchor_fd >= 0 ? a->anchor_path : NULL;
}

/* ---- writing the head ------------------------------------------------ */

/* Does the chain still reach what the file holds?  (Else keep the file:
 * it is the evidence.) */
static bool
extends(struct app *a, const struct store_head *old, const struct store_head *now)
{
	struct store_head at;
	bool found = false;

	if (old->event == 0)
		return true;
	if (old->event > now->event)
		return false;
	if (store_event(a->store, old->event, &at, &found, NULL) != CS_OK || !found)
		return false;
	return strcmp(at.hash, old->hash) == 0;
}

static void
write_file(struct app *a, const struct store_head *h)
{
	struct store_head old;
	char text[PATH_MAX + 400];
	bool reached;
	int n, r;

	if (a->anchor_fd < 0 || flock(a->anchor_fd, LOCK_EX) != 0)
		return;
	read_fd(a->anchor_fd, &old);
	reached = extends(a, &old, h);
	if (reached && old.event < h->event) {
		n = format_text(a->db_real, h, text, sizeof text);
		if (n > 0 && (size_t)n < sizeof text &&
		    pwrite(a->anchor_fd, text, (size_t)n, 0) == n) {
			r = ftruncate(a->anchor_fd, n);
			(void)r;
		}
	} else if (!reached) {
		syslog(LOG_AUTHPRIV | LOG_WARNING, "the chain of %s no longer reaches its"
		       " anchor (audit event %lld): the anchor file %s is kept as it is",
		       a->db_real, (long long)old.event, a->anchor_path);
	}
	flock(a->anchor_fd, LOCK_UN);
}

void
app_anchor(struct app *a)
{
	static bool opened;
	struct store_head h;
	char when[32];

	if (a->store == NULL || a->demo || a->fixed_now != 0 ||
	    store_head(a->store, &h, NULL) != CS_OK || h.event == 0 || h.event == a->anchored)
		return;
	a->anchored = h.event;
	if (!opened) {
		openlog("cslog", LOG_PID, LOG_AUTHPRIV);
		opened = true;
	}
	app_time_iso(h.at, when, sizeof when);
	syslog(LOG_AUTHPRIV | LOG_NOTICE, "head of %s: audit event %lld of %s hash %s",
	       a->db_real, (long long)h.event, when, h.hash);
	write_file(a, &h);
}

/* A supervisor restored a backup: the chain now ends where the backup's
 * did, so the head the anchor file held is no longer reached.  That
 * head is the evidence of what was logged before: it is written beside
 * the database kept aside (aside ".head", 0600), and said in the system
 * log; then the anchor file takes the restored chain's head, so that
 * verify checks the restored log from here on.  The restore itself is
 * the next event, which extends it as any write does. */
void
app_anchor_restored(struct app *a, const char *aside)
{
	struct store_head old, h;
	char text[PATH_MAX + 400], *path;
	size_t len;
	int n, fd, r;

	if (a->store == NULL || a->demo || a->fixed_now != 0 ||
	    store_head(a->store, &h, NULL) != CS_OK)
		return;
	a->anchored = h.event;
	if (a->anchor_fd < 0 || flock(a->anchor_fd, LOCK_EX) != 0)
		return;
	read_fd(a->anchor_fd, &old);
	len = strlen(aside) + sizeof ".head";
	if (old.event != 0 && (path = malloc(len)) != NULL) {
		snprintf(path, len, "%s.head", aside);
		n = format_text(a->db_real, &old, text, sizeof text);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd >= 0) {
			if (n > 0 && (size_t)n < sizeof text && write(fd, text, (size_t)n) != n)
				syslog(LOG_AUTHPRIV | LOG_WARNING, "%s could not be written", path);
			close(fd);
		}
		free(path);
	}
	syslog(LOG_AUTHPRIV | LOG_NOTICE, "%s restored from a backup: its chain ends at audit"
	       " event %lld; the head it had reached, audit event %lld, is kept with %s",
	       a->db_real, (long long)h.event, (long long)old.event, aside);
	n = format_text(a->db_real, &h, text, sizeof text);
	if (n > 0 && (size_t)n < sizeof text && pwrite(a->anchor_fd, text, (size_t)n, 0) == n) {
		r = ftruncate(a->anchor_fd, n);
		(void)r;
	}
	a->anchor_seen = h;
	flock(a->anchor_fd, LOCK_UN);
}

/* ---- reading heads back ------------------------------------------------ */

int
app_head(struct app *a, const struct app_actor *who, struct store_head *h,
         struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_VERIFY, 0, err);

	memset(h, 0, sizeof *h);
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_head(a, who, h, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_head(st, h, err);
}

void
app_head_short(const struct store_head *h, char *buf, size_t len)
{
	snprintf(buf, len, "%lld:%.*s", (long long)h->event, SHORT_HEX, h->hash);
}

/* "ID:HASH" typed by hand: the hash a prefix of 16 to 64 hex digits. */
static bool
by_hand(const char *s, struct store_head *h)
{
	char *end = NULL;
	long long ev;
	size_t n, i;

	memset(h, 0, sizeof *h);
	if (*s < '1' || *s > '9')
		return false;
	ev = strtoll(s, &end, 10);
	if (end == NULL || *end != ':' || ev <= 0)
		return false;
	n = strspn(end + 1, "0123456789abcdefABCDEF");
	if (n < SHORT_HEX || n > 64 || end[1 + n] != '\0')
		return false;
	for (i = 0; i < n; i++)
		h->hash[i] = (char)(end[1 + i] | 0x20);   /* lowercase */
	h->hash[n] = '\0';
	h->event = ev;
	return true;
}

int
app_anchor_parse(const char *spec, struct app_anchor *out, struct cs_err *err)
{
	char text[1024];
	FILE *f;
	size_t n;

	memset(out, 0, sizeof *out);
	if (by_hand(spec, &out->head)) {
		snprintf(out->source, sizeof out->source, "given by hand");
		return CS_OK;
	}
	if ((f = fopen(spec, "rb")) == NULL)
		return cs_err_set(err, strchr(spec, ':') != NULL ? CS_USAGE : CS_NOINPUT,
		                  "a head is ID:HASH (at least %d hex digits), an anchor file"
		                  " or a backup; cannot open '%.300s'", SHORT_HEX, spec);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	if (parse_text(text, &out->head)) {
		snprintf(out->source, sizeof out->source, "the anchor file %.280s", spec);
		return CS_OK;
	}
	if (n >= 16 && memcmp(text, "SQLite format 3", 16) == 0) {
		snprintf(out->source, sizeof out->source, "the backup %.290s", spec);
		return store_head_of_file(spec, &out->head, err);
	}
	return cs_err_set(err, CS_DATAERR, "%.300s is neither an anchor file nor a cslog"
	                  " backup", spec);
}

/* A head noted outside the log against the chain's: the chain still
 * reaches it (head, the chain's newest now) with the hash it had then
 * (event(ctx) reads the chain's event of that id).  One judgment for a
 * file and a server; head_note names the server's head in the message,
 * or is NULL. */
int
app_anchor_judge(const struct app_anchor *an, const struct store_head *head,
                 const char *head_note, anchor_event_fn event, void *ctx,
                 struct store_verify_result *res, struct cs_err *err)
{
	struct store_head at;
	char what[64], when[32], note[64] = "";
	bool found = false;
	int rc;

	if (an->head.event == 0)
		return CS_OK;
	app_time_local(an->head.at, when, sizeof when);
	if (an->head.at != 0)
		snprintf(what, sizeof what, "the anchor of %s", when);
	else   /* by hand: only its id and hash */
		snprintf(what, sizeof what, "the anchor %lld:%.16s", (long long)an->head.event,
		         an->head.hash);
	if (head_note != NULL)
		snprintf(note, sizeof note, "; %s is %lld", head_note, (long long)head->event);
	if (an->head.event > head->event) {
		res->ok = false;
		res->bad_event = head->event + 1;
		if (an->head.event == head->event + 1)
			snprintf(res->why, sizeof res->why, "audit event %lld is missing after %s"
			         " (%.300s%s)", (long long)an->head.event, what, an->source, note);
		else
			snprintf(res->why, sizeof res->why, "audit events %lld-%lld are missing after"
			         " %s (%.300s%s)", (long long)head->event + 1, (long long)an->head.event,
			         what, an->source, note);
		return cs_err_set(err, CS_DATAERR, "%s", res->why);
	}
	rc = event(ctx, an->head.event, &at, &found, err);
	if (rc == CS_OK && (!found || strncmp(at.hash, an->head.hash, strlen(an->head.hash)) != 0)) {
		res->ok = false;
		res->bad_event = an->head.event;
		snprintf(res->why, sizeof res->why, "audit event %lld does not match %s (%.300s):"
		         " the trail was rewritten", (long long)an->head.event, what, an->source);
		return cs_err_set(err, CS_DATAERR, "%s", res->why);
	}
	if (rc == CS_OK)
		res->anchors++;
	return rc;
}

static int
file_event(void *ctx, int64_t id, struct store_head *at, bool *found, struct cs_err *err)
{
	return store_event(ctx, id, at, found, err);
}

int
app_anchor_check(struct app *a, const struct app_anchor *an, struct store_verify_result *res,
                 struct cs_err *err)
{
	struct store_head head;
	int rc = store_head(a->store, &head, err);

	if (rc != CS_OK)
		return rc;
	return app_anchor_judge(an, &head, NULL, file_event, a->store, res, err);
}
