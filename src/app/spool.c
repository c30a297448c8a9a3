/* spool.c - the private local spool: a contact the server could not take
 * (it did not answer) is kept on this terminal and handed over later,
 * through its idempotency key, so that it is never lost and never
 * logged twice.
 *
 * Where: $XDG_STATE_HOME/cslog/spool, else ~/.local/state/cslog/spool,
 * a directory of mode 0700 owned by the person running cslog (one of
 * another owner, a link, or open to others is refused, never used).
 * Under the set-group-id deployment too: the spool is written with the
 * person's own rights, never the group's (docs/security.md).
 *
 * A file per contact, KEY.json (mode 0600, written whole to a temporary
 * name, synced, then renamed): one JSON object, {"cslog_spool": 1,
 * "server": a hash of the connection string (never the string: it may
 * hold a password), "member_id", "badge", "key", "draft": the draft the
 * contact came from, "contact": the contact as export writes it (with
 * its customer data), and its follow-up}.  A file the server refused is
 * kept, beside KEY.refused holding the reason. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_int.h"
#include "codec.h"
#include "cslog/app_screens.h"

int
app_contact_key(char key[APP_KEY_LEN], struct cs_err *err)
{
	unsigned char r[16];
	size_t got = 0, i;
	ssize_t n;

	while (got < sizeof r) {
		n = getrandom(r + got, sizeof r - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return cs_err_set(err, CS_OSERR, "no random bytes for a contact's key: %s",
			                  strerror(errno));
		got += (size_t)n;
	}
	for (i = 0; i < sizeof r; i++)
		snprintf(key + 2 * i, 3, "%02x", r[i]);
	return CS_OK;
}

static bool
key_ok(const char *k)
{
	size_t i;

	for (i = 0; k[i] != '\0'; i++)
		if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f')))
			return false;
	return i == APP_KEY_LEN - 1;
}

/* The server a spool file belongs to: FNV-1a of the connection string. */
static void
server_id(struct app *a, char *out, size_t len)
{
	struct cs_err err = { 0 };
	const char *db = app_db_path(a, &err);
	uint64_t h = 1469598103934665603ULL;

	for (; db != NULL && *db != '\0'; db++)
		h = (h ^ (unsigned char)*db) * 1099511628211ULL;
	snprintf(out, len, "%016llx", (unsigned long long)h);
}

/* mkdir, or check what is there: a directory of ours, open to nobody else. */
static int
own_dir(const char *path, struct cs_err *err)
{
	struct stat s;

	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return cs_err_set(err, CS_CANTCREAT, "cannot make the spool directory %s: %s", path,
		                  strerror(errno));
	if (lstat(path, &s) != 0)
		return cs_err_set(err, CS_CANTCREAT, "cannot read %s: %s", path, strerror(errno));
	if (!S_ISDIR(s.st_mode) || s.st_uid != geteuid())
		return cs_err_set(err, CS_CANTCREAT, "%s is not a directory of yours: the spool is"
		                  " not kept there", path);
	if ((s.st_mode & 077) != 0 && chmod(path, 0700) != 0)
		return cs_err_set(err, CS_CANTCREAT, "%s is open to others and cannot be closed:"
		                  " %s", path, strerror(errno));
	return CS_OK;
}

int
app_spool_dir(char *out, size_t len, struct cs_err *err)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char base[4096];
	int rc;

	if (xdg != NULL && xdg[0] == '/')
		snprintf(base, sizeof base, "%s", xdg);
	else if (home != NULL && home[0] == '/')
		snprintf(base, sizeof base, "%s/.local/state", home);
	else
		return cs_err_set(err, CS_CANTCREAT, "no place for the spool: neither XDG_STATE_HOME"
		                  " nor HOME is set");
	if ((size_t)snprintf(out, len, "%s/cslog/spool", base) >= len)
		return cs_err_set(err, CS_CANTCREAT, "the spool's path is too long");
	/* The parents as mkdir -p makes them (the person's own, umask's mode). */
	if (xdg == NULL || xdg[0] != '/') {
		snprintf(base, sizeof base, "%s/.local", home);
		(void)mkdir(base, 0700);
		snprintf(base, sizeof base, "%s/.local/state", home);
		(void)mkdir(base, 0700);
	} else {
		(void)mkdir(xdg, 0700);
	}
	snprintf(base, sizeof base, "%.*s", (int)(strlen(out) - strlen("/spool")), out);
	if ((rc = own_dir(base, err)) != CS_OK)
		return rc;
	return own_dir(out, err);
}

static json_t *
spool_json(struct app *a, const struct app_actor *who, const struct contact *c,
           const char *key, const char *draft)
{
	char server[32];
	struct contact named = *c;
	json_t *o, *cj;

	named.member_badge = who->badge;   /* the codec's "member" */
	o = json_object();
	cj = codec_contact_json(&named, true, 0);

	server_id(a, server, sizeof server);
	if (o == NULL || cj == NULL) {
		json_decref(o);
		json_decref(cj);
		return NULL;
	}
	json_object_set_new(o, "cslog_spool", json_integer(1));
	json_object_set_new(o, "server", json_string(server));
	json_object_set_new(o, "member_id", json_integer(who->id));
	json_object_set_new(o, "badge", json_string(who->badge));
	json_object_set_new(o, "key", json_string(key));
	json_object_set_new(o, "draft", draft != NULL ? json_string(draft) : json_null());
	json_object_set_new(o, "contact", cj);
	json_object_set_new(o, "followup_due", json_integer(c->followup_due));
	json_object_set_new(o, "followup_limit", json_integer(c->followup_limit));
	json_object_set_new(o, "followup_note",
	                    c->followup_note != NULL ? json_string(c->followup_note) : json_null());
	json_object_set_new(o, "followup_late", json_boolean(c->followup_late));
	return o;
}

int
app_spool_put(struct app *a, const struct app_actor *who, const struct contact *c,
              const char *key, const char *draft, char *path, size_t len, struct cs_err *err)
{
	char dir[4096], tmp[4200];
	json_t *o;
	char *text;
	size_t n;
	int fd, rc;

	if (who == NULL || who->id == 0 || key == NULL || !key_ok(key))
		return cs_err_set(err, CS_SOFTWARE, "a spooled contact needs its member and key");
	if ((rc = app_spool_dir(dir, sizeof dir, err)) != CS_OK)
		return rc;
	if ((o = spool_json(a, who, c, key, draft)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, key);
	snprintf(path, len, "%s/%s.json", dir, key);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	n = strlen(text);
	rc = CS_OK;
	if (fd < 0 || write(fd, text, n) != (ssize_t)n || write(fd, "\n", 1) != 1 ||
	    fchmod(fd, 0600) != 0 || fsync(fd) != 0)
		rc = cs_err_set(err, CS_IOERR, "cannot write the spool file %s: %s", tmp,
		                strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == CS_OK)
		rc = cs_err_set(err, CS_IOERR, "cannot write %s: %s", tmp, strerror(errno));
	if (rc == CS_OK && rename(tmp, path) != 0)
		rc = cs_err_set(err, CS_IOERR, "cannot put %s in place: %s", path, strerror(errno));
	if (rc != CS_OK)
		unlink(tmp);
	free(text);
	return rc;
}

/* ---- drafts ------------------------------------------------------------ */

static bool
slot_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return i > 0 && i < 48;
}

/* SERVER-MEMBER-SLOT.draft: one per draft, the latest kept. */
static void
draft_name(struct app *a, const char *dir, int64_t member, const char *slot, char *out,
           size_t len)
{
	char server[32];

	server_id(a, server, sizeof server);
	snprintf(out, len, "%s/%s-%lld-%s.draft", dir, server, (long long)member, slot);
}

int
app_spool_draft_put(struct app *a, const struct app_actor *who, const char *slot,
                    const char *body, struct cs_err *err)
{
	char dir[4096], path[4400], tmp[4500];
	size_t n = strlen(body);
	int fd, rc;

	if (who == NULL || who->id == 0 || !slot_ok(slot))
		return cs_err_set(err, CS_SOFTWARE, "a spooled draft needs its member and slot");
	if ((rc = app_spool_dir(dir, sizeof dir, err)) != CS_OK)
		return rc;
	draft_name(a, dir, who->id, slot, path, sizeof path);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, body, n) != (ssize_t)n || fchmod(fd, 0600) != 0 ||
	    fsync(fd) != 0)
		rc = cs_err_set(err, CS_IOERR, "cannot write the spooled draft %s: %s", tmp,
		                strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == CS_OK)
		rc = cs_err_set(err, CS_IOERR, "cannot write %s: %s", tmp, strerror(errno));
	if (rc == CS_OK && rename(tmp, path) != 0)
		rc = cs_err_set(err, CS_IOERR, "cannot put %s in place: %s", path, strerror(errno));
	if (rc != CS_OK)
		unlink(tmp);
	return rc;
}

/* The drafts of who on this server: counted, or (send) saved on the
 * server and removed; a server that does not answer stops it. */
static int
drafts(struct app *a, const struct app_actor *who, bool send, int *n, struct cs_err *err)
{
	char dir[4096], prefix[128], server[32], path[4400], slot[64];
	struct dirent *e;
	size_t len;
	char *body;
	FILE *f;
	long size;
	DIR *d;
	int rc = CS_OK;

	*n = 0;
	if ((rc = app_spool_dir(dir, sizeof dir, err)) != CS_OK)
		return rc;
	if ((d = opendir(dir)) == NULL)
		return cs_err_set(err, CS_IOERR, "cannot read %s: %s", dir, strerror(errno));
	server_id(a, server, sizeof server);
	snprintf(prefix, sizeof prefix, "%s-%lld-", server, (long long)who->id);
	while (rc == CS_OK && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < strlen(prefix) + 7 ||
		    strcmp(e->d_name + len - 6, ".draft") != 0)
			continue;
		snprintf(slot, sizeof slot, "%.*s", (int)(len - strlen(prefix) - 6),
		         e->d_name + strlen(prefix));
		if (!slot_ok(slot))
			continue;
		(*n)++;
		if (!send)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		body = NULL;
		if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && size <= 1048576 &&
		    fseek(f, 0, SEEK_SET) == 0 && (body = calloc(1, (size_t)size + 1)) != NULL &&
		    fread(body, 1, (size_t)size, f) == (size_t)size &&
		    (rc = app_draft_save(a, who, slot, body, err)) == CS_OK) {
			unlink(path);
			(*n)--;
		}
		free(body);
		fclose(f);
		if (rc != CS_OK && rc != CS_TEMPFAIL && rc != CS_UNAVAILABLE)
			rc = CS_OK;   /* kept, and tried again next time */
	}
	closedir(d);
	return rc;
}

/* ---- reading a spool file --------------------------------------------- */

struct spooled {
	struct codec_row row;
	char key[APP_KEY_LEN];
	char server[32];
	char draft[64];
	char note[4096];
	int64_t member_id;
};

static const char *
str_of(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
spool_parse(const char *path, struct spooled *s, struct cs_err *err)
{
	json_error_t je;
	json_t *o, *v;
	const char *t;
	int rc = CS_OK;

	memset(s, 0, sizeof *s);
	o = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL)
		return cs_err_set(err, CS_DATAERR, "the spool file %s is not cslog's (line %d: %s):"
		                  " kept, not sent", path, je.line, je.text);
	v = json_object_get(o, "cslog_spool");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		rc = cs_err_set(err, CS_DATAERR, "the spool file %s is not cslog's (no"
		                " \"cslog_spool\": 1): kept, not sent", path);
	if (rc == CS_OK && ((t = str_of(o, "key")) == NULL || !key_ok(t)))
		rc = cs_err_set(err, CS_DATAERR, "the spool file %s has no contact key of 32 hex"
		                " digits: kept, not sent", path);
	else if (rc == CS_OK)
		snprintf(s->key, sizeof s->key, "%s", t);
	if (rc == CS_OK) {
		snprintf(s->server, sizeof s->server, "%s", (t = str_of(o, "server")) ? t : "");
		snprintf(s->draft, sizeof s->draft, "%s", (t = str_of(o, "draft")) ? t : "");
		v = json_object_get(o, "member_id");
		s->member_id = json_is_integer(v) ? json_integer_value(v) : 0;
		if (s->member_id <= 0)
			rc = cs_err_set(err, CS_DATAERR, "the spool file %s names no member: kept, not"
			                " sent", path);
	}
	if (rc == CS_OK && (rc = codec_row_from_json(&s->row, json_object_get(o, "contact"),
	                                             err)) != CS_OK) {
		char why[CS_ERR_MAX];

		snprintf(why, sizeof why, "%s", err->msg);
		rc = cs_err_set(err, CS_DATAERR, "the spool file %s holds no contact cslog can read"
		                " (%s): kept, not sent", path, why);
	}
	if (rc == CS_OK) {
		v = json_object_get(o, "followup_due");
		s->row.c.followup_due = json_is_integer(v) ? json_integer_value(v) : 0;
		v = json_object_get(o, "followup_limit");
		s->row.c.followup_limit = json_is_integer(v) ? json_integer_value(v) : 0;
		s->row.c.followup_late = json_is_true(json_object_get(o, "followup_late"));
		if ((t = str_of(o, "followup_note")) != NULL) {
			snprintf(s->note, sizeof s->note, "%s", t);
			s->row.c.followup_note = s->note;
		}
		s->row.c.member_id = s->member_id;
		s->row.c.member_badge = NULL;
		s->row.c.id = 0;
	}
	json_decref(o);
	if (rc != CS_OK)
		codec_row_free(&s->row);
	return rc;
}

int
app_spool_read(const char *path, struct contact *c, char *key, size_t keylen, char *server,
               size_t serverlen, int64_t *member_id, struct cs_err *err)
{
	static struct spooled s;   /* c borrows from it until the next call */
	static bool held;
	int rc;

	if (held)
		codec_row_free(&s.row);
	held = false;
	if ((rc = spool_parse(path, &s, err)) != CS_OK)
		return rc;
	held = true;
	*c = s.row.c;
	snprintf(key, keylen, "%s", s.key);
	snprintf(server, serverlen, "%s", s.server);
	*member_id = s.member_id;
	return CS_OK;
}

/* ---- counting and handing over --------------------------------------- */

static bool
spool_name(const char *name)
{
	size_t n = strlen(name);

	return n == APP_KEY_LEN - 1 + 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Calls fn for each spool file of who on this server. */
static int
each(struct app *a, const struct app_actor *who,
     int (*fn)(void *ctx, const char *path, struct spooled *s, int parsed, struct cs_err *e),
     void *ctx, struct cs_err *err)
{
	char dir[4096], path[4400], server[32];
	struct spooled *s;
	struct cs_err perr;
	struct dirent *e;
	DIR *d;
	int rc, stop = 0;

	if ((rc = app_spool_dir(dir, sizeof dir, err)) != CS_OK)
		return rc;
	if ((d = opendir(dir)) == NULL)
		return cs_err_set(err, CS_IOERR, "cannot read %s: %s", dir, strerror(errno));
	if ((s = malloc(sizeof *s)) == NULL) {
		closedir(d);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	server_id(a, server, sizeof server);
	while (stop == 0 && (e = readdir(d)) != NULL) {
		if (!spool_name(e->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		memset(&perr, 0, sizeof perr);
		rc = spool_parse(path, s, &perr);
		if (rc == CS_OK && (strcmp(s->server, server) != 0 || s->member_id != who->id)) {
			codec_row_free(&s->row);
			continue;   /* another server's, or another member's */
		}
		stop = fn(ctx, path, s, rc, rc == CS_OK ? err : &perr);
		if (rc == CS_OK)
			codec_row_free(&s->row);
	}
	closedir(d);
	free(s);
	return stop < 0 ? -stop : CS_OK;
}

struct counts {
	int waiting, refused;
};

static bool
refused_beside(const char *path)
{
	char r[4400];
	size_t n = strlen(path);

	snprintf(r, sizeof r, "%.*s.refused", (int)(n - 5), path);
	return access(r, F_OK) == 0;
}

static int
count_one(void *ctx, const char *path, struct spooled *s, int parsed, struct cs_err *e)
{
	struct counts *n = ctx;

	(void)s;
	(void)e;
	n->waiting++;
	if (parsed != CS_OK || refused_beside(path))
		n->refused++;
	return 0;
}

int
app_spool_count(struct app *a, const struct app_actor *who, int *waiting, int *refused,
                int *drafts_kept, struct cs_err *err)
{
	struct counts n = { 0, 0 };
	int rc;

	*waiting = *refused = *drafts_kept = 0;
	if (!app_db_is_server(a) || who == NULL || who->id == 0)
		return CS_OK;
	rc = each(a, who, count_one, &n, err);
	if (rc == CS_OK)
		rc = drafts(a, who, false, drafts_kept, err);
	*waiting = n.waiting;
	*refused = n.refused;
	return rc;
}

struct send {
	struct app *a;
	const struct app_actor *who;
	int sent;
	void (*said)(void *ctx, const char *file, const char *why);
	void *ctx;
};

static void
mark_refused(const char *path, const char *why)
{
	char r[4400];
	size_t n = strlen(path);
	FILE *f;

	snprintf(r, sizeof r, "%.*s.refused", (int)(n - 5), path);
	if ((f = fopen(r, "w")) != NULL) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
}

static void
unlink_refused(const char *path)
{
	char r[4400];
	size_t n = strlen(path);

	snprintf(r, sizeof r, "%.*s.refused", (int)(n - 5), path);
	unlink(r);
}

static int
send_one(void *ctx, const char *path, struct spooled *s, int parsed, struct cs_err *e)
{
	struct send *sd = ctx;
	int64_t id = 0;
	int rc = parsed;

	if (rc == CS_OK)
		/* judged when it was entered: a follow-up's limit passed since
		 * the server was away is no reason to refuse it now */
		rc = app_pg_contact_replay(sd->a, sd->who, &s->row.c, s->key,
		                           s->draft[0] != '\0' ? s->draft : NULL, &id, e);
	if (rc == CS_OK) {
		if (unlink(path) != 0) {
			cs_err_set(e, CS_IOERR, "contact #%lld was handed over, but %s cannot be"
			           " removed: %s (sending it again logs nothing twice)", (long long)id,
			           path, strerror(errno));
			return -CS_IOERR;
		}
		unlink_refused(path);
		sd->sent++;
		return 0;
	}
	if (rc == CS_TEMPFAIL || rc == CS_UNAVAILABLE || rc == CS_NOPERM || rc == CS_OSERR)
		return -rc;   /* the server, the session or this machine: nothing is refused */
	mark_refused(path, e->msg);
	if (sd->said != NULL)
		sd->said(sd->ctx, path, e->msg);
	memset(e, 0, sizeof *e);
	return 0;
}

int
app_spool_send(struct app *a, const struct app_actor *who, int *sent,
               void (*said)(void *ctx, const char *file, const char *why), void *ctx,
               struct cs_err *err)
{
	struct send sd = { a, who, 0, said, ctx };
	int rc;

	*sent = 0;
	if (!app_db_is_server(a) || who == NULL || who->id == 0)
		return CS_OK;
	int left = 0;

	rc = drafts(a, who, true, &left, err);   /* first: a contact may remove its draft */
	if (rc == CS_OK)
		rc = each(a, who, send_one, &sd, err);
	*sent = sd.sent;
	return rc;
}
