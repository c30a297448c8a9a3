/* import_stage.c - where an import's checking pass keeps the records
 * that passed (cslog/import_stage.h).
 *
 * A private SQLite file in the temporary directory (mkstemp: this
 * user's alone, 0600), written by a connection of its own with no
 * journal and no syncing (nothing in it outlives the import), one
 * transaction for the whole pass.  Each record is kept as the store
 * writes it: the contact's columns (contact_columns, the very values
 * bound and hashed), its answers (in table a, and packed in the row
 * for the copy's loop), its protected fields with the salt drawn now,
 * its follow-up (the limit as followup_insert keeps it), whether it
 * waits for a debrief; and the store's own structural check of it
 * (check_contact), whose refusal the copy gives by its line, in the
 * order the writer met it before.
 *
 * The file must never outlive the process: it holds customers' data
 * (protected fields in the clear), and an import killed while it checks
 * (kill -9, power lost, the terminal closed) runs no clean-up.  So as
 * soon as its tables are made, before any record is put, it is ATTACHed
 * to the log's connection as `imp` (for the copy under the write lock,
 * import_copy.c) and unlinked: from then on only the two open
 * descriptors hold it, and the kernel frees it when the process ends,
 * however it ends.  It is on disk by name only while its empty tables
 * are made.  Neither connection reopens it by name: with no journal
 * SQLite has no journal to make beside it and never asks whether it was
 * moved (the unlinked-while-open check is made when a file is opened,
 * and both were opened before the unlink).  The two connections share
 * the file's locks within the process (SQLite's unix VFS keys them by
 * inode): the log's holds none on `imp` during the pass (its statements
 * name only its own tables), and reads it only after this one committed
 * and closed, the change counter telling it to drop the schema pages it
 * read when attaching.  SQLite's own ATTACH '' (a private temporary
 * database, deleted on close) was the other way: it would have put the
 * checking pass's writes on the log's connection, and its transaction
 * beside the log's reads; this keeps the pass as it was. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cslog/import_stage.h"

#include "internal.h"

/* The values without types: each keeps the type it was bound with (the
 * keys typed, so that the copy's joins use them). */
static const char STAGE_SCHEMA[] =
	"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	"CREATE TABLE c (srow INTEGER PRIMARY KEY, line, err, badge, name,"
	" id, member_id, at, logged_at, logged_by, policy_id, policy_version, kind,"
	" channel, outcome, summary, needs_met, added_value, empowered, standards,"
	" referral_to, referee_contacted, decision, appeal_info, call_ref, amends,"
	" amend_reason, negative, fu_due, fu_limit, fu_note, salt, customer_name,"
	" customer_phone, customer_address, customer_email, ans);"
	"CREATE TABLE a (srow INTEGER, ord INTEGER, question_id, answer, PRIMARY KEY (srow, ord))"
	" WITHOUT ROWID;"
	"CREATE TABLE w (srow INTEGER PRIMARY KEY, id, member_id)";
static const char STAGE_ROW[] =
	"INSERT INTO c (line, err, badge, name, id, member_id, at, logged_at, logged_by,"
	" policy_id, policy_version, kind, channel, outcome, summary, needs_met,"
	" added_value, empowered, standards, referral_to, referee_contacted, decision,"
	" appeal_info, call_ref, amends, amend_reason, negative, fu_due, fu_limit, fu_note,"
	" salt, customer_name, customer_phone, customer_address, customer_email, ans)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	" ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
	" ?33, ?34, ?35, ?36)";
static const char STAGE_ANSWER[] =
	"INSERT INTO a (srow, ord, question_id, answer) VALUES (?1, ?2, ?3, ?4)";
static const char STAGE_BEGIN[] = "BEGIN";
static const char STAGE_COMMIT[] = "COMMIT";
static const char SQL_ATTACH[] = "ATTACH DATABASE ?1 AS imp";
static const char SQL_DETACH[] = "DETACH DATABASE imp";
static const char SQL_IMP_MODES[] =
	"PRAGMA imp.journal_mode = OFF; PRAGMA imp.synchronous = OFF";

struct store_stage {
	sqlite3 *db;              /* the checking pass's; NULL once sealed */
	struct store *st;         /* the log's, where it is attached */
	sqlite3_stmt *row, *answer;
	char *path;
	int sys_errno;            /* of the step that failed */
	char *pack;               /* the answers packed for the copy's loop */
	size_t pack_cap;
	bool attached;
	bool unlinked;
};

/* The stage could not be written: the disk is full, or the temporary
 * directory refuses it (as the file of kept records said before). */
static int
stage_fail(struct store_stage *sg, struct cs_err *err)
{
	int e = sg->sys_errno;

	/* the file's own errno: SQLite's system errno is read after the fact */
	if (e == 0 && sg->db != NULL)
		sqlite3_file_control(sg->db, "main", SQLITE_FCNTL_LAST_ERRNO, &e);
	if (e == 0 && sg->db == NULL)
		e = ENOMEM;

	if (e == 0)
		return cs_err_set(err, CS_CANTCREAT, "the input could not be held while it was"
		                  " checked (%s): nothing was imported", sqlite3_errmsg(sg->db));
	return cs_err_set(err, e == ENOSPC || e == EFBIG ? CS_IOERR : CS_CANTCREAT,
	    "the input could not be held while it was checked (%s): nothing was imported",
	    strerror(e));
}

/* The stage's file attached to the log's connection as imp, then
 * unlinked: held by the two connections' descriptors alone. */
static int
attach_unlink(struct store_stage *sg, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(sg->st, SQL_ATTACH, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_text(s, 1, sg->path, -1, SQLITE_STATIC);
	rc = stmt_done(sg->st, s, "the input could not be held while it was checked", err);
	if (rc != CS_OK)
		return rc;
	sg->attached = true;
	rc = sql_exec(sg->st, SQL_IMP_MODES, "the input could not be held while it was checked",
	              err);
	if (rc != CS_OK)
		return rc;
	if (unlink(sg->path) != 0)   /* not to be left behind: no stage then */
		return cs_err_set(err, CS_CANTCREAT, "cannot unlink %s: %s", sg->path,
		                  strerror(errno));
	sg->unlinked = true;
	return CS_OK;
}

int
store_stage_open(struct store_stage **out, struct store *st, const char *dir,
                 struct cs_err *err)
{
	struct store_stage *sg = calloc(1, sizeof *sg);
	size_t n = strlen(dir) + sizeof "/cslog-import-stage.XXXXXX";
	int fd;

	*out = NULL;
	if (sg == NULL || (sg->path = malloc(n)) == NULL) {
		free(sg);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	sg->st = st;
	snprintf(sg->path, n, "%s/cslog-import-stage.XXXXXX", dir);
	if ((fd = mkstemp(sg->path)) < 0) {   /* 0600 */
		cs_err_set(err, CS_CANTCREAT, "cannot make a file in %s to keep the checked"
		           " records: %s", dir, strerror(errno));
		free(sg->path);
		free(sg);
		return CS_CANTCREAT;
	}
	close(fd);
	if (sqlite3_open_v2(sg->path, &sg->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sql_exec_raw(sg->db, STAGE_SCHEMA) != SQLITE_OK) {
		stage_fail(sg, err);
		store_stage_free(sg);
		return CS_CANTCREAT;
	}
	/* Only the empty tables are in it: out of sight before any record
	 * is.  The log's connection reads imp's schema only while attaching
	 * (and again if its own schema changes): should that meet this
	 * connection writing, each waits a moment for the other. */
	sqlite3_busy_timeout(sg->db, 5000);
	if (attach_unlink(sg, err) != CS_OK) {
		store_stage_free(sg);
		return CS_CANTCREAT;
	}
	if (sql_exec_raw(sg->db, STAGE_BEGIN) != SQLITE_OK ||
	    sql_prepare_raw(sg->db, STAGE_ROW, &sg->row) != SQLITE_OK ||
	    sql_prepare_raw(sg->db, STAGE_ANSWER, &sg->answer) != SQLITE_OK) {
		stage_fail(sg, err);
		store_stage_free(sg);
		return CS_CANTCREAT;
	}
	*out = sg;
	return CS_OK;
}

/* The answers as "question US y|n RS ...", for the copy's loop. */
static int
pack_answers(struct store_stage *sg, const struct contact *c)
{
	size_t i, n = 1;
	char *p;

	for (i = 0; i < c->n_answers; i++)
		n += strlen(c->answers[i].question) + 3;
	if (n > sg->pack_cap) {
		if ((p = realloc(sg->pack, n)) == NULL)
			return -1;
		sg->pack = p;
		sg->pack_cap = n;
	}
	p = sg->pack;
	for (i = 0; i < c->n_answers; i++) {
		p = stpcpy(p, c->answers[i].question);
		*p++ = '\x1f';
		*p++ = c->answers[i].answer == ANSWER_YES ? 'y' : 'n';
		*p++ = '\x1e';
	}
	*p = '\0';
	return 0;
}

static void
bind_cval(sqlite3_stmt *s, int i, const struct cval *v)
{
	cval_bind(s, i, v);
}

static int
put_answers(struct store_stage *sg, const struct contact *c, int64_t srow)
{
	size_t i;

	for (i = 0; i < c->n_answers; i++) {
		sqlite3_bind_int64(sg->answer, 1, srow);
		sqlite3_bind_int64(sg->answer, 2, (int64_t)i);
		sqlite3_bind_text(sg->answer, 3, c->answers[i].question, -1, SQLITE_STATIC);
		sqlite3_bind_text(sg->answer, 4, c->answers[i].answer == ANSWER_YES ? "yes" : "no",
		                  -1, SQLITE_STATIC);
		if (sqlite3_step(sg->answer) != SQLITE_DONE) {
			sg->sys_errno = sqlite3_system_errno(sg->db);
			sqlite3_reset(sg->answer);
			return -1;
		}
		sqlite3_reset(sg->answer);
	}
	return 0;
}

int
store_stage_put(struct store_stage *sg, const struct contact *c, const char *badge,
                const char *name, long line, struct cs_err *err)
{
	struct cval v[CONTACT_ROW_COLS];
	struct contact chk = *c;
	struct cs_err e = { 0 };
	const char *prot[4] = { opt(c->customer_name), opt(c->customer_phone),
	                        opt(c->customer_address), opt(c->customer_email) };
	unsigned char salt[HASH_BYTES];
	char *standards = NULL;
	int64_t limit;
	int i, rc;

	if (sg->db == NULL)
		return cs_err_set(err, CS_SOFTWARE, "the stage is sealed");
	chk.member_id = 1;   /* found or made under the lock */
	if (check_contact(&chk, &e) != CS_OK)
		sqlite3_bind_text(sg->row, 2, e.msg, -1, SQLITE_TRANSIENT);
	if ((rc = contact_columns(c, 0, 0, v, &standards, err)) != CS_OK)
		return rc;
	if (pack_answers(sg, c) != 0) {
		free(standards);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	sqlite3_bind_int64(sg->row, 1, line);
	sqlite3_bind_text(sg->row, 3, badge, -1, SQLITE_STATIC);
	sqlite3_bind_text(sg->row, 4, name, -1, SQLITE_STATIC);
	for (i = 0; i < CONTACT_ROW_COLS; i++) {
		if (i == 1 || i == 4 || (i == 3 && c->logged_at == 0))
			continue;   /* member, logger, stamp: the copy's */
		bind_cval(sg->row, 5 + i, &v[i]);
	}
	sqlite3_bind_int(sg->row, 27, c->negative ? 1 : 0);
	if (c->followup_due != 0) {
		/* as followup_insert keeps it: no limit, or one before the
		 * target, is the target */
		limit = c->followup_limit > c->followup_due ? c->followup_limit : c->followup_due;
		sqlite3_bind_int64(sg->row, 28, c->followup_due);
		sqlite3_bind_int64(sg->row, 29, limit);
		sqlite3_bind_text(sg->row, 30, opt(c->followup_note), -1, SQLITE_STATIC);
	}
	if (prot[0] != NULL || prot[1] != NULL || prot[2] != NULL || prot[3] != NULL) {
		randombytes_buf(salt, sizeof salt);
		sqlite3_bind_blob(sg->row, 31, salt, sizeof salt, SQLITE_TRANSIENT);
		for (i = 0; i < 4; i++)
			sqlite3_bind_text(sg->row, 32 + i, prot[i], -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(sg->row, 36, sg->pack, -1, SQLITE_STATIC);
	rc = sqlite3_step(sg->row) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		sg->sys_errno = sqlite3_system_errno(sg->db);
	sqlite3_reset(sg->row);
	sqlite3_clear_bindings(sg->row);
	free(standards);
	if (rc != 0 || put_answers(sg, c, sqlite3_last_insert_rowid(sg->db)) != 0)
		return stage_fail(sg, err);
	return CS_OK;
}

int
store_stage_seal(struct store_stage *sg, struct cs_err *err)
{
	int rc = CS_OK;

	if (sg->db == NULL)
		return CS_OK;
	sqlite3_finalize(sg->row);
	sqlite3_finalize(sg->answer);
	sg->row = sg->answer = NULL;
	if (sql_exec_raw(sg->db, STAGE_COMMIT) != SQLITE_OK) {
		sg->sys_errno = sqlite3_system_errno(sg->db);
		rc = stage_fail(sg, err);
	}
	if (sqlite3_close(sg->db) != SQLITE_OK && rc == CS_OK)
		rc = stage_fail(sg, err);
	sg->db = NULL;
	return rc;
}

void
store_stage_detach(struct store_stage *sg)
{
	if (sg == NULL || !sg->attached)
		return;
	sql_exec(sg->st, SQL_DETACH, "", NULL);
	sg->attached = false;
}

void
store_stage_free(struct store_stage *sg)
{
	if (sg == NULL)
		return;
	if (sg->db != NULL) {
		sqlite3_finalize(sg->row);
		sqlite3_finalize(sg->answer);
		sqlite3_close(sg->db);
	}
	store_stage_detach(sg);   /* its last descriptor: the file is freed */
	if (!sg->unlinked)
		unlink(sg->path);
	free(sg->path);
	free(sg->pack);
	free(sg);
}
