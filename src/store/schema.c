/* schema.c - the schema and its forward migrations.
 *
 * Step N takes a database from user_version N-1 to N, in one
 * transaction that also sets user_version.  Never edit a released step:
 * add a new one.
 *
 *   v1  members, contacts (+ answers, protected fields), follow-ups,
 *       reviews, the unreviewed queue, drills, drafts, the audit trail,
 *       full-text search, and the triggers that keep facts unchanged.
 *   v2  aggregates for reports, counted from the contacts already there.
 *   v3  the debrief queue (negative calls not yet debriefed) and each
 *       member's saved views of the log; added value per member is
 *       counted too, so the aggregates are counted again.
 *   v4  follow-ups done (on time or late) and open, and the debriefs due,
 *       are counted in the aggregates, so the report summary is read
 *       from them like every other report.
 *   v5  an index of the open follow-ups by contact, so one member's open
 *       follow-ups (the home screen's list) are found from their own
 *       contacts instead of by walking everyone's.
 *   v6  a follow-up has a target (due_at) and a limit (limit_at), as the
 *       documents write clocks ("same day or at very least 24 hours"),
 *       and keeps how it was done (done_grade: on target, within the
 *       limit, late); see deadline.h.  Follow-ups made before keep the
 *       one due time they had as both.
 *   v7  every record's events carry the hash of its row (hash.c), so
 *       verify can compare each table with the audit trail: each record
 *       written before gets a "baseline" event with its hash as it
 *       stands (attest.c), after the aggregates are counted once more
 *       from the contacts (verify recounts them; they count follow-ups
 *       done by v6's grade).  A member's PIN set by someone else is
 *       marked (pin_reset) until its member chooses their own.
 *   v8  the open follow-ups' limits counted by day in the aggregates
 *       (DIM_FOLLOWUP_LIMIT), so the summary's "overdue now" does not
 *       grow with the log.
 *   v9  the measures of the ICMA presentation: secret-shopper
 *       evaluations (shopper, shopper_item), citizen satisfaction
 *       surveys (survey, survey_answer, and survey_comment: free text
 *       from the public, with a salt like the protected fields) and
 *       recognitions; each a record of fact (triggers refuse UPDATE and
 *       DELETE) whose event carries the hash of its row like every
 *       other record's (ROW_SHOPPER ...).  A member may be an evaluator:
 *       the role column is widened (a column added with the wider CHECK,
 *       filled, the old one dropped and the new renamed, so the table
 *       and everything on it stay as they are, and each member's row
 *       hash with them: it names its columns). */
#include "cslog/deadline.h"

#include "internal.h"

#define FACT "contacts are records of fact: use an amendment"

static const char V1_TABLES[] =
	"CREATE TABLE member ("
	" id INTEGER PRIMARY KEY,"
	" badge TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('member','supervisor','trainer')),"
	" pin_hash TEXT,"
	" failed_pins INTEGER NOT NULL DEFAULT 0,"
	" locked_until INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL,"
	" last_policy TEXT);"
	"CREATE TABLE contact ("
	" id INTEGER PRIMARY KEY,"
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" at INTEGER NOT NULL,"
	" logged_at INTEGER NOT NULL,"
	" logged_by INTEGER,"
	" policy_id TEXT NOT NULL,"
	" policy_version TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" channel TEXT NOT NULL,"
	" outcome TEXT,"
	" summary TEXT NOT NULL,"
	" needs_met INTEGER CHECK (needs_met IN (0, 1)),"
	" added_value TEXT,"
	" empowered INTEGER CHECK (empowered IN (0, 1)),"
	" standards TEXT,"
	" referral_to TEXT,"
	" referee_contacted INTEGER CHECK (referee_contacted IN (0, 1)),"
	" decision TEXT,"
	" appeal_info TEXT,"
	" call_ref TEXT,"
	" amends INTEGER REFERENCES contact(id),"
	" amend_reason TEXT,"
	" superseded_by INTEGER REFERENCES contact(id));"
	"CREATE TABLE contact_answer ("
	" contact_id INTEGER NOT NULL REFERENCES contact(id),"
	" ord INTEGER NOT NULL,"
	" question_id TEXT NOT NULL,"
	" answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),"
	" PRIMARY KEY (contact_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE contact_private ("
	" contact_id INTEGER PRIMARY KEY REFERENCES contact(id),"
	" salt BLOB,"
	" customer_name TEXT,"
	" customer_phone TEXT,"
	" customer_address TEXT,"
	" customer_email TEXT,"
	" redacted_at INTEGER,"
	" redacted_by INTEGER);"
	"CREATE TABLE followup ("
	" id INTEGER PRIMARY KEY,"
	" contact_id INTEGER NOT NULL REFERENCES contact(id),"
	" created_at INTEGER NOT NULL,"
	" due_at INTEGER NOT NULL,"
	" due_eff INTEGER NOT NULL,"
	" state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),"
	" paused_at INTEGER,"
	" pause_reason TEXT,"
	" paused_seconds INTEGER NOT NULL DEFAULT 0,"
	" done_at INTEGER,"
	" done_by INTEGER REFERENCES member(id),"
	" note TEXT,"
	" done_note TEXT);"
	"CREATE TABLE review ("
	" id INTEGER PRIMARY KEY,"
	" contact_id INTEGER NOT NULL REFERENCES contact(id),"
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" at INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('sign-off', 'debrief', 'commend')),"
	" note TEXT);"
	"CREATE TABLE unreviewed ("
	" contact_id INTEGER PRIMARY KEY REFERENCES contact(id));"
	"CREATE TABLE drill ("
	" id INTEGER PRIMARY KEY,"
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" trainer_id INTEGER,"
	" policy_id TEXT NOT NULL,"
	" policy_version TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('scenario', 'quiz')),"
	" item_id TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" session_id TEXT,"
	" quiz_answer TEXT,"
	" correct INTEGER NOT NULL,"
	" total INTEGER NOT NULL);"
	"CREATE TABLE drill_answer ("
	" drill_id INTEGER NOT NULL REFERENCES drill(id),"
	" ord INTEGER NOT NULL,"
	" question_id TEXT NOT NULL,"
	" given TEXT CHECK (given IN ('yes', 'no')),"
	" expected TEXT CHECK (expected IN ('yes', 'no')),"
	" PRIMARY KEY (drill_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE draft ("
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" slot TEXT NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" body TEXT NOT NULL,"
	" PRIMARY KEY (member_id, slot)) WITHOUT ROWID;"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" actor_id INTEGER,"
	" action TEXT NOT NULL,"
	" entity TEXT NOT NULL,"
	" entity_id INTEGER,"
	" detail TEXT NOT NULL,"
	" prev_hash BLOB NOT NULL,"
	" hash BLOB NOT NULL);";

static const char V1_INDEXES[] =
	"CREATE INDEX contact_member ON contact(member_id);"
	"CREATE INDEX contact_kind ON contact(kind);"
	"CREATE INDEX contact_channel ON contact(channel);"
	"CREATE INDEX contact_outcome ON contact(outcome);"
	"CREATE INDEX contact_at ON contact(at);"
	"CREATE INDEX contact_call ON contact(call_ref) WHERE call_ref IS NOT NULL;"
	"CREATE INDEX contact_notemp ON contact(empowered) WHERE empowered = 0;"
	"CREATE UNIQUE INDEX contact_amends ON contact(amends) WHERE amends IS NOT NULL;"
	"CREATE INDEX followup_contact ON followup(contact_id);"
	"CREATE INDEX followup_open ON followup(due_eff) WHERE state < 2;"
	"CREATE INDEX review_contact ON review(contact_id);"
	"CREATE INDEX drill_member ON drill(member_id, at);"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);";

static const char V1_TRIGGERS[] =
	"CREATE TRIGGER contact_no_delete BEFORE DELETE ON contact"
	" BEGIN SELECT RAISE(ABORT, '" FACT "'); END;"
	"CREATE TRIGGER contact_no_update BEFORE UPDATE OF id, member_id, at,"
	" logged_at, logged_by, policy_id, policy_version, kind, channel, outcome,"
	" summary, needs_met, added_value, empowered, standards, referral_to,"
	" referee_contacted, decision, appeal_info, call_ref, amends, amend_reason"
	" ON contact BEGIN SELECT RAISE(ABORT, '" FACT "'); END;"
	"CREATE TRIGGER contact_supersede_once BEFORE UPDATE OF superseded_by ON contact"
	" WHEN OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL"
	" OR NOT EXISTS (SELECT 1 FROM contact a"
	"  WHERE a.id = NEW.superseded_by AND a.amends = OLD.id)"
	" BEGIN SELECT RAISE(ABORT, '" FACT "'); END;"
	"CREATE TRIGGER answer_no_update BEFORE UPDATE ON contact_answer"
	" BEGIN SELECT RAISE(ABORT, '" FACT "'); END;"
	"CREATE TRIGGER answer_no_delete BEFORE DELETE ON contact_answer"
	" BEGIN SELECT RAISE(ABORT, '" FACT "'); END;"
	"CREATE TRIGGER private_no_delete BEFORE DELETE ON contact_private"
	" BEGIN SELECT RAISE(ABORT, 'protected data can only be redacted'); END;"
	"CREATE TRIGGER private_redact_only BEFORE UPDATE ON contact_private"
	" WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL"
	"  AND NEW.contact_id = OLD.contact_id AND NEW.salt IS NULL"
	"  AND NEW.customer_name IS NULL AND NEW.customer_phone IS NULL"
	"  AND NEW.customer_address IS NULL AND NEW.customer_email IS NULL)"
	" BEGIN SELECT RAISE(ABORT, 'protected data can only be redacted'); END;"
	"CREATE TRIGGER review_no_update BEFORE UPDATE ON review"
	" BEGIN SELECT RAISE(ABORT, 'reviews are records of fact'); END;"
	"CREATE TRIGGER review_no_delete BEFORE DELETE ON review"
	" BEGIN SELECT RAISE(ABORT, 'reviews are records of fact'); END;"
	"CREATE TRIGGER drill_no_update BEFORE UPDATE ON drill"
	" BEGIN SELECT RAISE(ABORT, 'drill results are records of fact'); END;"
	"CREATE TRIGGER drill_no_delete BEFORE DELETE ON drill"
	" BEGIN SELECT RAISE(ABORT, 'drill results are records of fact'); END;"
	"CREATE TRIGGER drill_answer_no_update BEFORE UPDATE ON drill_answer"
	" BEGIN SELECT RAISE(ABORT, 'drill results are records of fact'); END;"
	"CREATE TRIGGER drill_answer_no_delete BEFORE DELETE ON drill_answer"
	" BEGIN SELECT RAISE(ABORT, 'drill results are records of fact'); END;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";

/* Search: an external-content FTS5 index over a view, so text is not
 * stored twice.  Rows are written explicitly (fts.c), not by trigger. */
static const char V1_SEARCH[] =
	"CREATE VIEW contact_fts_src (id, summary, added_value, notes) AS"
	" SELECT c.id, c.summary, c.added_value,"
	"  (SELECT group_concat(t, char(10)) FROM ("
	"    SELECT 1 AS k, r.id AS i, r.note AS t FROM review r"
	"     WHERE r.contact_id = c.id AND r.note IS NOT NULL"
	"    UNION ALL SELECT 2, f.id, f.note FROM followup f"
	"     WHERE f.contact_id = c.id AND f.note IS NOT NULL"
	"    UNION ALL SELECT 3, f.id, f.done_note FROM followup f"
	"     WHERE f.contact_id = c.id AND f.done_note IS NOT NULL"
	"    ORDER BY 1, 2))"
	" FROM contact c;"
	"CREATE VIRTUAL TABLE contact_fts USING fts5(summary, added_value, notes,"
	" content='contact_fts_src', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 2');";

static const char V2_AGG[] =
	"CREATE TABLE agg ("
	" dim TEXT NOT NULL,"
	" grain INTEGER NOT NULL,"        /* 1 year, 2 month, 3 day */
	" day TEXT NOT NULL,"             /* 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (UTC) */
	" policy_id TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (dim, grain, day, policy_id, value)) WITHOUT ROWID;";

/* Contacts logged before v3 did not record whether their outcome was
 * negative (that is the policy's to say), so the queue starts empty. */
static const char V3_QUEUES[] =
	"CREATE TABLE debrief_due ("
	" contact_id INTEGER PRIMARY KEY REFERENCES contact(id));"
	"CREATE TABLE saved_view ("
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" slot INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 9),"
	" name TEXT NOT NULL,"
	" filter TEXT NOT NULL,"
	" PRIMARY KEY (member_id, slot)) WITHOUT ROWID;";

static const char V5_INDEX[] =
	"CREATE INDEX followup_open_contact ON followup(contact_id, due_eff) WHERE state < 2;";

/* The follow-ups before v6 had one due time, their limit too; how each
 * done one kept it is set by after_v6 (deadline_grade). */
static const char V6_CLOCK[] =
	"ALTER TABLE followup ADD COLUMN limit_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE followup ADD COLUMN limit_eff INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE followup ADD COLUMN done_grade INTEGER CHECK (done_grade IN (0, 1, 2));"
	"UPDATE followup SET limit_at = due_at, limit_eff = due_eff;";
/* Overdue is "open and limit_eff < now" (deadline_overdue). */
static const char V6_INDEX[] =
	"CREATE INDEX followup_overdue ON followup(limit_eff) WHERE state = 0;";

/* A PIN set by someone else (a supervisor's reset) is to be changed by
 * its member at the next sign-in. */
static const char V7_PIN_RESET[] =
	"ALTER TABLE member ADD COLUMN pin_reset INTEGER NOT NULL DEFAULT 0"
	" CHECK (pin_reset IN (0, 1));";

static const char SQL_V6_DONE[] =
	"SELECT id, due_eff, limit_eff, done_at FROM followup WHERE state = 2";
static const char SQL_V6_GRADE[] = "UPDATE followup SET done_grade = ?2 WHERE id = ?1";

#define V9_FACT(t, what) \
	"CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t \
	" BEGIN SELECT RAISE(ABORT, '" what " are records of fact'); END;" \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t \
	" BEGIN SELECT RAISE(ABORT, '" what " are records of fact'); END;"

static const char V9_ROLE[] =
	"ALTER TABLE member ADD COLUMN role_v9 TEXT NOT NULL DEFAULT 'member'"
	" CHECK (role_v9 IN ('member','supervisor','trainer','evaluator'));"
	"UPDATE member SET role_v9 = role;"
	"ALTER TABLE member DROP COLUMN role;"
	"ALTER TABLE member RENAME COLUMN role_v9 TO role;";

static const char V9_TABLES[] =
	"CREATE TABLE shopper ("
	" id INTEGER PRIMARY KEY,"
	" evaluator_id INTEGER NOT NULL REFERENCES member(id),"
	" logged_at INTEGER NOT NULL,"
	" at INTEGER NOT NULL,"
	" policy_id TEXT NOT NULL,"
	" policy_version TEXT NOT NULL,"
	" channel TEXT NOT NULL,"
	" member_id INTEGER REFERENCES member(id),"
	" unit TEXT,"
	" met INTEGER NOT NULL CHECK (met >= 0),"
	" scored INTEGER NOT NULL CHECK (scored >= met),"
	" note TEXT);"
	"CREATE TABLE shopper_item ("
	" shopper_id INTEGER NOT NULL REFERENCES shopper(id),"
	" ord INTEGER NOT NULL,"
	" item_id TEXT NOT NULL,"
	" measured INTEGER NOT NULL CHECK (measured IN (0, 1)),"
	" result TEXT NOT NULL CHECK (result IN ('met', 'not-met', 'not-observed')),"
	" value INTEGER,"
	" PRIMARY KEY (shopper_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE survey ("
	" id INTEGER PRIMARY KEY,"
	" entered_by INTEGER NOT NULL REFERENCES member(id),"
	" logged_at INTEGER NOT NULL,"
	" at INTEGER NOT NULL,"
	" policy_id TEXT NOT NULL,"
	" policy_version TEXT NOT NULL,"
	" source TEXT NOT NULL CHECK (source IN ('card', 'callback', 'script', 'tool')),"
	" contact_id INTEGER REFERENCES contact(id),"
	" ref TEXT UNIQUE);"
	"CREATE TABLE survey_answer ("
	" survey_id INTEGER NOT NULL REFERENCES survey(id),"
	" ord INTEGER NOT NULL,"
	" question_id TEXT NOT NULL,"
	" scale TEXT NOT NULL CHECK (scale IN ('1-5', 'yes-no')),"
	" score INTEGER NOT NULL CHECK ((scale = '1-5' AND score BETWEEN 1 AND 5)"
	"  OR (scale = 'yes-no' AND score IN (0, 1))),"
	" PRIMARY KEY (survey_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE survey_comment ("
	" survey_id INTEGER PRIMARY KEY REFERENCES survey(id),"
	" salt BLOB NOT NULL,"
	" comment TEXT NOT NULL);"
	"CREATE TABLE recognition ("
	" id INTEGER PRIMARY KEY,"
	" member_id INTEGER NOT NULL REFERENCES member(id),"
	" by_id INTEGER NOT NULL REFERENCES member(id),"
	" logged_at INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('award', 'letter', 'reinforcement')),"
	" reason TEXT NOT NULL,"
	" since INTEGER,"
	" until INTEGER);";

static const char V9_INDEXES[] =
	"CREATE INDEX shopper_at ON shopper(at);"
	"CREATE INDEX shopper_member ON shopper(member_id, at) WHERE member_id IS NOT NULL;"
	"CREATE INDEX shopper_evaluator ON shopper(evaluator_id, at);"
	"CREATE INDEX survey_at ON survey(at);"
	"CREATE INDEX survey_contact ON survey(contact_id) WHERE contact_id IS NOT NULL;"
	"CREATE INDEX recognition_member ON recognition(member_id, logged_at);";

static const char V9_TRIGGERS[] =
	V9_FACT("shopper", "evaluations")
	V9_FACT("shopper_item", "evaluations")
	V9_FACT("survey", "survey responses")
	V9_FACT("survey_answer", "survey responses")
	V9_FACT("survey_comment", "survey comments")
	V9_FACT("recognition", "recognitions");

static const char SET_V1[] = "PRAGMA user_version = 1";
static const char SET_V2[] = "PRAGMA user_version = 2";
static const char SET_V3[] = "PRAGMA user_version = 3";
static const char SET_V4[] = "PRAGMA user_version = 4";
static const char SET_V5[] = "PRAGMA user_version = 5";
static const char SET_V6[] = "PRAGMA user_version = 6";
static const char SET_V7[] = "PRAGMA user_version = 7";
static const char SET_V8[] = "PRAGMA user_version = 8";
static const char SET_V9[] = "PRAGMA user_version = 9";

/* How each follow-up done before v6 kept its clock, by deadline.h's
 * rule (v7 counts the aggregates again). */
static int
after_v6(struct store *st, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_V6_DONE, err), *u;
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "the database was not upgraded", err))
	       == CS_OK && row) {
		if ((u = stmt_get(st, SQL_V6_GRADE, err)) == NULL) {
			rc = err_code(err);
			break;
		}
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(s, 0));
		sqlite3_bind_int(u, 2, (int)deadline_grade(sqlite3_column_int64(s, 1),
		    sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3)));
		rc = stmt_done(st, u, "the database was not upgraded", err);
	}
	sqlite3_reset(s);
	return rc;
}

static int
v7_attest(struct store *st, struct cs_err *err)
{
	int rc = agg_rebuild(st, err);

	return rc == CS_OK ? attest_baseline(st, err) : rc;
}

struct step {
	const char *sql[4];
	int (*after)(struct store *st, struct cs_err *err);
	const char *set_version;
};

static const struct step steps[SCHEMA_VERSION] = {
	{ { V1_TABLES, V1_INDEXES, V1_TRIGGERS, V1_SEARCH }, NULL, SET_V1 },
	/* v2, v3 and v4 once counted the aggregates too; the counting now
	 * reads columns of later versions, and every upgrade ends at v7's
	 * recount. */
	{ { V2_AGG, NULL, NULL, NULL }, NULL, SET_V2 },
	{ { V3_QUEUES, NULL, NULL, NULL }, NULL, SET_V3 },
	{ { NULL, NULL, NULL, NULL }, NULL, SET_V4 },
	{ { V5_INDEX, NULL, NULL, NULL }, NULL, SET_V5 },
	{ { V6_CLOCK, V6_INDEX, NULL, NULL }, after_v6, SET_V6 },
	{ { V7_PIN_RESET, NULL, NULL, NULL }, v7_attest, SET_V7 },
	/* v8: the open follow-ups' limits counted by day (DIM_FOLLOWUP_LIMIT),
	 * so the summary's "overdue now" does not grow with the log */
	{ { NULL, NULL, NULL, NULL }, agg_count_limits, SET_V8 },
	{ { V9_ROLE, V9_TABLES, V9_INDEXES, V9_TRIGGERS }, NULL, SET_V9 },
};

static int
run_step(struct store *st, const struct step *s, struct cs_err *err)
{
	size_t i;
	int rc = CS_OK;

	for (i = 0; rc == CS_OK && i < 4 && s->sql[i] != NULL; i++)
		rc = sql_exec(st, s->sql[i], "the database was not upgraded", err);
	if (rc == CS_OK && s->after != NULL)
		rc = s->after(st, err);
	if (rc == CS_OK)
		rc = sql_exec(st, s->set_version, "the database was not upgraded", err);
	return rc;
}

/* A new database is made in one transaction (whole or not at all, and
 * each page written once: a small disk holds it); an older one is
 * migrated a step a transaction.  Then the log is checkpointed, so the
 * steps' pages do not linger in it. */
int
schema_migrate(struct store *st, int from, int to, struct cs_err *err)
{
	int v, rc = CS_OK;

	for (v = from; rc == CS_OK && v < to; v++) {
		if (v == from || from > 0)
			rc = tx_begin_for(st, "the database was not upgraded", err);
		if (rc != CS_OK)
			return rc;
		rc = run_step(st, &steps[v], err);
		if (from > 0 || v + 1 == to || rc != CS_OK)
			rc = tx_end(st, rc, err);
	}
	if (rc == CS_OK)
		rc = sql_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", "the database was not upgraded",
		              err);
	return rc;
}

int
store_schema_version(void)
{
	return SCHEMA_VERSION;
}
