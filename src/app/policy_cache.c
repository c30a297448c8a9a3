/* policy_cache.c - the parsed policy set kept between runs, so that a
 * command that shows one contact does not parse four YAML files.
 *
 * The cache is one file, $XDG_CACHE_HOME/cslog/policies (or
 * ~/.cache/cslog/policies): a key, then the set as policy_set_pack()
 * gives it, with a hash of those bytes.  The key is a BLAKE2b hash of
 * this build's version and, for every file the loader would read (in
 * the order it reads them: policy_set_files), its place in the search,
 * path, size, modification time (to the nanosecond), inode and the hash
 * of its whole content.  The cache is used only when the key computed
 * now from the files as they are equals the one stored and the bytes
 * hash as stored; anything else - a file changed, added or removed, a
 * directory added to the search, a cache cut short or edited - and the
 * files are parsed as without a cache (every rule of the loader, such as
 * one id in one file, applies), and the cache written afresh.  A set is
 * written only when the key computed again after parsing is unchanged,
 * so a file edited while it was read is never cached under the old key.
 *
 * Off in the set-group-id deployment (docs/security.md): there the
 * person running cslog can write their cache directory but must not
 * change the installed policies cslog enforces.  CSLOG_POLICY_CACHE=off
 * turns it off too (the benchmark compares with and without). */
#include "app_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cslog/policy_cache.h"

#define KEY_BYTES 32
#define CACHE_MAX (64u * 1024u * 1024u)
static const char MAGIC[8] = { 'c', 's', 'l', 'o', 'g', 'p', 'c', '1' };

struct keying {
	crypto_generichash_state h;
	bool failed;
};

static void
feed(struct keying *k, const void *p, size_t n)
{
	crypto_generichash_update(&k->h, p, n);
}

static void
feed_u64(struct keying *k, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	feed(k, b, 8);
}

/* One file into the key: where and what it is, and all it holds. */
static int
key_file(void *ctx, const char *path, int dir)
{
	struct keying *k = ctx;
	unsigned char sum[KEY_BYTES];
	crypto_generichash_state fh;
	char buf[65536];
	struct stat st;
	uint64_t total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > POLICY_FILE_MAX) {
		if (fd >= 0)
			close(fd);
		k->failed = true;   /* the loader will say what is wrong */
		return -1;
	}
	crypto_generichash_init(&fh, NULL, 0, sizeof sum);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_generichash_update(&fh, (const unsigned char *)buf, (size_t)n);
		total += (uint64_t)n;
	}
	close(fd);
	if (n < 0 || total != (uint64_t)st.st_size) {
		k->failed = true;
		return -1;
	}
	crypto_generichash_final(&fh, sum, sizeof sum);
	feed_u64(k, (uint64_t)dir);
	feed_u64(k, strlen(path));
	feed(k, path, strlen(path));
	feed_u64(k, (uint64_t)st.st_size);
	feed_u64(k, (uint64_t)st.st_mtim.tv_sec);
	feed_u64(k, (uint64_t)st.st_mtim.tv_nsec);
	feed_u64(k, (uint64_t)st.st_ino);
	feed_u64(k, (uint64_t)st.st_dev);
	feed(k, sum, sizeof sum);
	return 0;
}

/* The key of the files w finds now; -1 when one cannot be read whole. */
static int
cache_key(const struct policy_where *w, unsigned char key[KEY_BYTES])
{
	static const char what[] = "cslog policy cache 1 " CSLOG_VERSION;
	struct keying k = { .failed = false };

	if (sodium_init() < 0)
		return -1;
	crypto_generichash_init(&k.h, NULL, 0, KEY_BYTES);
	feed(&k, what, sizeof what);
	feed_u64(&k, sizeof(struct policy));
	if (policy_set_files(w, key_file, &k) != 0 || k.failed)
		return -1;
	crypto_generichash_final(&k.h, key, KEY_BYTES);
	return 0;
}

/* The cache file's path into buf; false when there is none (off). */
static bool
cache_path(char *buf, size_t len, bool dir_only)
{
	const char *xdg = app_env("XDG_CACHE_HOME"), *home = app_env("HOME");
	const char *off = app_env("CSLOG_POLICY_CACHE");
	int n;

	if (app_secure() || (off != NULL && strcmp(off, "off") == 0))
		return false;
	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, len, "%s/cslog%s", xdg, dir_only ? "" : "/policies");
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.cache/cslog%s", home, dir_only ? "" : "/policies");
	else
		return false;
	return n > 0 && (size_t)n < len;
}

/* The whole cache file, if it is ours and of a sane size. */
static unsigned char *
read_cache(const char *path, size_t *len)
{
	unsigned char *buf;
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0 || st.st_size < 0 || (uint64_t)st.st_size > CACHE_MAX ||
	    (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size &&
	       (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got != (size_t)st.st_size) {
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

static uint64_t
get_u64(const unsigned char *b)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

#define HEAD (sizeof MAGIC + KEY_BYTES + 8 + KEY_BYTES)

int
app_policy_cache_get(const struct policy_where *w, unsigned char key[32],
                     struct policy_set *out)
{
	unsigned char sum[KEY_BYTES], *buf;
	char path[4096];
	size_t len;
	uint64_t n;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!cache_path(path, sizeof path, false) || cache_key(w, key) != 0)
		return -2;   /* no cache to write either */
	if ((buf = read_cache(path, &len)) == NULL)
		return -1;
	if (len >= HEAD && memcmp(buf, MAGIC, sizeof MAGIC) == 0 &&
	    sodium_memcmp(buf + sizeof MAGIC, key, KEY_BYTES) == 0) {
		n = get_u64(buf + sizeof MAGIC + KEY_BYTES);
		crypto_generichash(sum, sizeof sum, buf + HEAD, len - HEAD, NULL, 0);
		if (n == len - HEAD &&
		    memcmp(sum, buf + sizeof MAGIC + KEY_BYTES + 8, KEY_BYTES) == 0 &&
		    policy_set_unpack(buf + HEAD, len - HEAD, out) == 0)
			rc = 0;
	}
	free(buf);
	return rc;
}

void
app_policy_cache_put(const struct policy_where *w, const unsigned char key[32],
                     const struct policy_set *set)
{
	unsigned char head[HEAD], again[KEY_BYTES];
	char path[4096], dir[4096], tmp[4200];
	char *body = NULL;
	size_t len, i;
	FILE *f = NULL;
	bool ok;
	int fd;

	/* the files as they are after parsing: unchanged since keyed */
	if (cache_key(w, again) != 0 || memcmp(again, key, KEY_BYTES) != 0 ||
	    !cache_path(path, sizeof path, false) || !cache_path(dir, sizeof dir, true) ||
	    policy_set_pack(set, &body, &len) != 0)
		goto out;
	/* ~/.cache, then ~/.cache/cslog: a missing parent is made too */
	for (i = 1; dir[i] != '\0'; i++) {
		if (dir[i] != '/')
			continue;
		dir[i] = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto out;
		dir[i] = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto out;
	memcpy(head, MAGIC, sizeof MAGIC);
	memcpy(head + sizeof MAGIC, key, KEY_BYTES);
	for (i = 0; i < 8; i++)
		head[sizeof MAGIC + KEY_BYTES + i] = (unsigned char)((uint64_t)len >> (8 * i));
	crypto_generichash(head + sizeof MAGIC + KEY_BYTES + 8, KEY_BYTES,
	                   (const unsigned char *)body, len, NULL, 0);
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	ok = fwrite(head, 1, sizeof head, f) == sizeof head && fwrite(body, 1, len, f) == len;
	if (fclose(f) != 0 || !ok || rename(tmp, path) != 0)
		unlink(tmp);
out:
	free(body);
}
