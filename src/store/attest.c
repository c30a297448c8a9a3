/* attest.c - is a record as its newest audit event left it?
 *
 * Every write of a record ends with an event whose detail holds the
 * hash of the row as written ("row", see hash.c).  A write that keeps
 * part of a record (a PIN set on a member keeps the role; closing a
 * follow-up keeps its due time) first checks the record against that
 * hash: otherwise cslog's own event would vouch for an edit made behind
 * its back, and verify, which compares each record with its newest
 * event, would find nothing.  One indexed look-up each.
 *
 * The migration to v7 gives every record written before then a
 * "baseline" event holding its hash as it stood at the upgrade. */
#include <string.h>

#include "internal.h"

static const char SQL_MEMBER[] =
	"SELECT member.badge, " ROW_MEMBER " IS json_extract(a.detail, '$.row'), a.id"
	" FROM member LEFT JOIN audit a ON a.id = " LATEST_EVENT("member", "member.id")
	" WHERE member.id = ?1";
static const char SQL_FOLLOWUP[] =
	"SELECT followup.id, " ROW_FOLLOWUP " IS json_extract(a.detail, '$.row'), a.id"
	" FROM followup LEFT JOIN audit a ON a.id = " LATEST_EVENT("followup", "followup.id")
	" WHERE followup.id = ?1";
static const char SQL_PROTECTED[] =
	"SELECT json_extract(detail, '$.protected'), id FROM audit WHERE entity = 'contact'"
	" AND entity_id = ?1 AND action IN ('contact.insert', 'contact.amend')"
	" ORDER BY id DESC LIMIT 1";

static const char SQL_BASE_MEMBERS[] =
	"SELECT member.id, " ROW_MEMBER " FROM member ORDER BY member.id";
static const char SQL_BASE_REVIEWS[] =
	"SELECT review.id, " ROW_REVIEW " FROM review ORDER BY review.id";
static const char SQL_BASE_FOLLOWUPS[] =
	"SELECT followup.id, " ROW_FOLLOWUP " FROM followup ORDER BY followup.id";
static const char SQL_BASE_DRILLS[] =
	"SELECT drill.id, " ROW_DRILL " FROM drill ORDER BY drill.id";
static const char SQL_BASE_VIEWS[] =
	"SELECT saved_view.member_id, " ROW_VIEW ", saved_view.slot FROM saved_view"
	" ORDER BY saved_view.member_id, saved_view.slot";
/* Contacts with a redaction (its stub's hash) or waiting for a debrief
 * (whether they do is the policy's to say when they are logged: the
 * event of a contact logged from v6 on records it). */
static const char SQL_BASE_CONTACTS[] =
	"SELECT contact.id, CASE WHEN contact_private.redacted_at IS NOT NULL THEN "
	ROW_PRIVATE " END, EXISTS (SELECT 1 FROM debrief_due d WHERE d.contact_id = contact.id)"
	" FROM contact LEFT JOIN contact_private ON contact_private.contact_id = contact.id"
	" WHERE contact_private.redacted_at IS NOT NULL"
	" OR EXISTS (SELECT 1 FROM debrief_due d WHERE d.contact_id = contact.id)"
	" ORDER BY contact.id";
static const char SQL_BASE_DETAIL[] = "SELECT json_object('row', ?1)";
static const char SQL_BASE_VIEW_DETAIL[] = "SELECT json_object('slot', ?2, 'row', ?1)";
static const char SQL_BASE_CONTACT_DETAIL[] =
	"SELECT json_object('row', ?1, 'debrief', ?2)";

/* Run an attestation query for id: *ok, the newest event (0: none) and
 * column 0 as text into name. */
static int
look(struct store *st, const char *sql, int64_t id, bool *ok, int64_t *event, char *name,
     size_t len, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	const unsigned char *t;
	bool row;
	int rc;

	*ok = true;
	*event = 0;
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the record", err);
	if (rc == CS_OK && row) {
		*ok = sqlite3_column_int(s, 1) != 0;
		*event = sqlite3_column_int64(s, 2);
		t = sqlite3_column_text(s, 0);
		str_copy(name, len, t != NULL ? (const char *)t : "");
	}
	sqlite3_reset(s);
	return rc;
}

static int
changed(struct cs_err *err, const char *what, int64_t event)
{
	if (event == 0)
		return cs_err_set(err, CS_DATAERR, "%s was changed outside cslog (no audit event"
		                  " records it): nothing was done; 'cslog verify' tells more", what);
	return cs_err_set(err, CS_DATAERR, "%s was changed outside cslog (it no longer matches"
	                  " audit event %lld): nothing was done; 'cslog verify' tells more",
	                  what, (long long)event);
}

int
attest_member(struct store *st, int64_t id, struct cs_err *err)
{
	char badge[MEMBER_BADGE_MAX + 1], what[MEMBER_BADGE_MAX + 32];
	int64_t event;
	bool ok;
	int rc = look(st, SQL_MEMBER, id, &ok, &event, badge, sizeof badge, err);

	if (rc != CS_OK || ok)
		return rc;
	str_copy(what, sizeof what, "member ");
	str_copy(what + 7, sizeof what - 7, badge);
	str_copy(what + strlen(what), sizeof what - strlen(what), "'s record");
	return changed(err, what, event);
}

int
store_member_attested(struct store *st, int64_t id, struct cs_err *err)
{
	return attest_member(st, id, err);
}

int
attest_followup(struct store *st, int64_t id, struct cs_err *err)
{
	char num[24], what[48];
	int64_t event;
	bool ok;
	int rc = look(st, SQL_FOLLOWUP, id, &ok, &event, num, sizeof num, err);

	if (rc != CS_OK || ok)
		return rc;
	str_copy(what, sizeof what, "follow-up ");
	str_copy(what + 10, sizeof what - 10, num);
	return changed(err, what, event);
}

int
attest_private(struct store *st, int64_t contact_id, struct cs_err *err)
{
	sqlite3_stmt *s;
	char now[HEX_LEN + 1], want[HEX_LEN + 1] = "", num[24], what[80];
	const unsigned char *t;
	int64_t event = 0;
	bool row, redacted;
	int rc = hash_private(st, contact_id, now, &redacted, err);

	if (rc != CS_OK || redacted)
		return rc;
	if ((s = stmt_get(st, SQL_PROTECTED, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	rc = stmt_row(st, s, &row, "cannot read the record", err);
	if (rc == CS_OK && row) {
		t = sqlite3_column_text(s, 0);
		str_copy(want, sizeof want, t != NULL ? (const char *)t : "");
		event = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != CS_OK || strcmp(want, now) == 0)
		return rc;
	int_text(contact_id, num);
	str_copy(what, sizeof what, "the protected data of contact ");
	str_copy(what + strlen(what), sizeof what - strlen(what), num);
	return changed(err, what, event);
}

/* ---- the baseline of v6 --------------------------------------------- */

struct base {
	const char *rows;     /* id, hash[, slot or debrief] */
	const char *detail;
	const char *entity;
};

static const struct base bases[] = {
	{ SQL_BASE_MEMBERS, SQL_BASE_DETAIL, "member" },
	{ SQL_BASE_REVIEWS, SQL_BASE_DETAIL, "review" },
	{ SQL_BASE_FOLLOWUPS, SQL_BASE_DETAIL, "followup" },
	{ SQL_BASE_DRILLS, SQL_BASE_DETAIL, "drill" },
	{ SQL_BASE_VIEWS, SQL_BASE_VIEW_DETAIL, "saved_view" },
	{ SQL_BASE_CONTACTS, SQL_BASE_CONTACT_DETAIL, "contact" },
};

static int
baseline_one(struct store *st, const struct base *b, int64_t at, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, b->rows, err), *d;
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "the database was not upgraded", err))
	       == CS_OK && row) {
		if ((d = stmt_get(st, b->detail, err)) == NULL) {
			rc = err_code(err);
			break;
		}
		sqlite3_bind_value(d, 1, sqlite3_column_value(s, 1));
		if (sqlite3_column_count(s) > 2)
			sqlite3_bind_value(d, 2, sqlite3_column_value(s, 2));
		rc = audit_append(st, 0, "baseline", b->entity, sqlite3_column_int64(s, 0), at, d,
		                  err);
	}
	stmt_release(st, s);
	return rc;
}

int
attest_baseline(struct store *st, struct cs_err *err)
{
	unsigned char hash[HASH_BYTES];
	int64_t id, at;
	size_t i;
	int rc = audit_head(st, &id, &at, hash, err);

	for (i = 0; rc == CS_OK && i < sizeof bases / sizeof bases[0]; i++)
		rc = baseline_one(st, &bases[i], at, err);
	return rc;
}
