/* perm.c - who may do what: the one permission table.
 *
 * Each operation gives, for each role, what that role may do: nothing,
 * their own records, or everyone's.  The command line, the screens,
 * their help and the manual all read this table; docs/security.md
 * writes it out by hand, and tests/cli/permissions.sh holds the binary
 * to that document. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"

#define N SCOPE_NONE
#define O SCOPE_OWN
#define A SCOPE_ALL

/* scope[] is indexed by enum member_role: member, supervisor, trainer,
 * evaluator (who records secret-shopper evaluations and nothing else:
 * they may find the member they evaluated and see what they entered). */
static const struct app_perm perms[APP_OP_COUNT] = {
	[APP_LOG] = { "log", "log a contact", { O, O, O, N } },
	[APP_LOG_FOR] = { "log-for", "log a contact for another member", { N, A, N, N } },
	[APP_READ] = { "read", "list and show contacts", { O, A, O, N } },
	[APP_READ_PROTECTED] = { "read-protected",
	    "see one contact's customer name, phone, address, e-mail", { O, A, O, N } },
	[APP_BULK_PROTECTED] = { "bulk-protected",
	    "list or export customer data", { N, A, N, N } },
	[APP_AMEND] = { "amend", "amend a contact", { O, A, O, N } },
	[APP_REVIEW] = { "review", "sign off, debrief or commend a contact", { N, A, N, N } },
	[APP_FOLLOWUP] = { "followup", "see and close follow-ups", { O, A, O, N } },
	[APP_REPORT] = { "report", "see report figures", { O, A, A, N } },
	[APP_REPORT_BY_MEMBER] = { "report-by-member", "see figures member by member",
	    { N, A, A, N } },
	[APP_EXPORT] = { "export", "export contacts", { O, A, O, N } },
	[APP_IMPORT] = { "import", "import contacts", { N, A, N, N } },
	[APP_BACKUP] = { "backup", "copy the whole database", { N, A, N, N } },
	[APP_VERIFY] = { "verify", "check that the record is intact", { A, A, A, N } },
	[APP_MEMBER_LIST] = { "member-list", "list members", { A, A, A, A } },
	[APP_MEMBER_ADD] = { "member-add", "add members, change roles, unlock accounts",
	    { N, A, N, N } },
	[APP_MEMBER_PIN] = { "member-pin", "set or clear a PIN", { O, A, O, O } },
	[APP_DRILL_READ] = { "drill-read", "see drill and quiz results", { O, A, A, N } },
	[APP_DRILL_RUN] = { "drill-run", "run a drill or quiz and keep its answers",
	    { O, A, A, N } },
	[APP_REDACT] = { "redact", "remove customer data (redact, purge)", { N, A, N, N } },
	[APP_VIEWS] = { "views", "keep saved views of the review queue", { N, O, N, N } },
	[APP_CLOCK] = { "clock", "accept a clock that went back", { N, A, N, N } },
	[APP_RESTORE] = { "restore", "replace the database with a verified backup",
	    { N, A, N, N } },
	[APP_SHOPPER_ADD] = { "shopper-add", "record a secret-shopper evaluation",
	    { N, A, A, A } },
	[APP_SHOPPER_READ] = { "shopper-read",
	    "see secret-shopper evaluations (an evaluator: those they entered)", { O, A, A, O } },
	[APP_SURVEY_ADD] = { "survey-add", "enter or import survey responses", { N, A, N, N } },
	[APP_SURVEY_READ] = { "survey-read", "see survey responses and satisfaction",
	    { O, A, A, N } },
	[APP_SURVEY_COMMENT] = { "survey-comment",
	    "read survey comments (free text from the public)", { N, A, N, N } },
	[APP_RECOGNITION_ADD] = { "recognition-add", "record a recognition", { N, A, N, N } },
	[APP_RECOGNITION_READ] = { "recognition-read",
	    "see recognitions and the evidence for them", { O, A, O, N } },
	[APP_MEETING] = { "meeting-report",
	    "make the staff-meeting report (every figure of a period)", { N, A, A, N } },
};

#undef N
#undef O
#undef A

const struct app_perm *
app_perm(enum app_op op)
{
	return (unsigned)op < APP_OP_COUNT ? &perms[op] : NULL;
}

enum app_scope
app_scope_of(const struct app_actor *who, enum app_op op)
{
	if (who == NULL || who->id == 0 || (unsigned)op >= APP_OP_COUNT ||
	    (unsigned)who->role >= MEMBER_ROLES)
		return SCOPE_NONE;
	return perms[op].scope[who->role];
}

/* Roles in the order people read them. */
static const enum member_role order[MEMBER_ROLES] = {
	ROLE_MEMBER, ROLE_TRAINER, ROLE_SUPERVISOR, ROLE_EVALUATOR,
};
static const char *const plural[MEMBER_ROLES] = {
	"members", "supervisors", "trainers", "evaluators",
};

/* "members and trainers" (or "members, trainers and supervisors"). */
static size_t
roles_with(const struct app_perm *p, enum app_scope s, char *buf, size_t len)
{
	size_t off = 0;
	int i, n = 0, left;

	for (i = 0; i < MEMBER_ROLES; i++)
		n += p->scope[order[i]] == s;
	left = n;
	for (i = 0; i < MEMBER_ROLES && off < len; i++) {
		if (p->scope[order[i]] != s)
			continue;
		left--;
		off += (size_t)snprintf(buf + off, len - off, "%s%s", plural[order[i]],
		                        left == 0 ? "" : left == 1 ? " and " : ", ");
	}
	return n > 0 ? off : 0;
}

void
app_perm_words(enum app_op op, char *buf, size_t len)
{
	const struct app_perm *p = app_perm(op);
	char who[2][64];
	size_t own, all;

	buf[0] = '\0';
	if (p == NULL || len == 0)
		return;
	if (p->scope[0] == p->scope[1] && p->scope[1] == p->scope[2] &&
	    p->scope[2] == p->scope[3]) {
		snprintf(buf, len, "%s", p->scope[0] == SCOPE_ALL ? "everyone signed in" :
		         p->scope[0] == SCOPE_OWN ? "everyone, their own" : "nobody");
		return;
	}
	own = roles_with(p, SCOPE_OWN, who[0], sizeof who[0]);
	all = roles_with(p, SCOPE_ALL, who[1], sizeof who[1]);
	if (own == 0)
		snprintf(buf, len, "%s only", who[1]);
	else if (all == 0)
		snprintf(buf, len, "%s: their own", who[0]);
	else
		snprintf(buf, len, "%s: their own; %s: everyone's", who[0], who[1]);
}

int
app_may(const struct app_actor *who, enum app_op op, int64_t owner, struct cs_err *err)
{
	const struct app_perm *p = app_perm(op);
	enum app_scope s = app_scope_of(who, op);
	char rule[160];

	if (p == NULL)
		return cs_err_set(err, CS_SOFTWARE, "unknown operation");
	/* A PIN a supervisor set: the member's own choice comes first. */
	if (who != NULL && who->pin_reset && !(op == APP_MEMBER_PIN && owner == who->id))
		return cs_err_set(err, CS_NOPERM, "%s's PIN was set by a supervisor: choose your own "
		                  "first (sign in on the screens, or: cslog member set-pin %s "
		                  "--pin-stdin --as %s)", who->badge, who->badge, who->badge);
	if (s == SCOPE_ALL || (s == SCOPE_OWN && owner == who->id))
		return CS_OK;
	app_perm_words(op, rule, sizeof rule);
	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "to %s someone must be signed in (%s)",
		                  p->what, rule);
	if (s == SCOPE_OWN)
		return cs_err_set(err, CS_NOPERM, "%s (%s) may %s of their own only (%s)",
		                  who->badge, record_role_name(who->role), p->what, rule);
	return cs_err_set(err, CS_NOPERM, "%s (%s) may not %s (%s)", who->badge,
	                  record_role_name(who->role), p->what, rule);
}
