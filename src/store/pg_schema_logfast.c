/* pg_schema_logfast.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that makes logging a contact cheaper on the
 * server (issue 18: `log` within 15 ms as a whole process).
 *
 * A contact's insert counted it in the report aggregates one dimension
 * at a time: cslog.agg_trigger looped over the contact's dimensions
 * (about ten) calling cslog.agg_bump for each, a SQL function (not
 * inlined: it has its own search_path) whose INSERT ... ON CONFLICT is
 * parsed and planned again in every transaction, and which looked the
 * contact up again for its day and policy.  Here the new contact's
 * dimensions go in with one INSERT ... SELECT ... ON CONFLICT, its day
 * and policy from NEW, the same sums (a dimension listed twice is summed
 * first, as two bumps would have added up).  Its plan is PL/pgSQL's,
 * kept by a backend from one transaction to the next.  Measured on the
 * server's log: contact_log in a warm backend (through PgBouncer) 2.1 -
 * 2.2 ms -> 1.1 - 1.2 ms; in a new backend about 1 - 2 ms less.  Every
 * other branch (an amendment's old version, reviews, follow-ups) as it
 * was in the part "report".
 *
 * Only a function replaced (CREATE OR REPLACE keeps its triggers and
 * owner). */
#include "pg_int.h"

const char *const pg_schema_logfast[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE OR REPLACE FUNCTION cslog.agg_trigger() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE d record;\n"
"BEGIN\n"
"  IF EXISTS (SELECT 1 FROM cslog.bulk_xact b WHERE b.xact = pg_current_xact_id()) THEN\n"
"    RETURN NULL;   -- counted at the end by agg_bulk\n"
"  END IF;\n"
"  IF TG_TABLE_NAME = 'contact' THEN\n"
/* The new contact's dimensions in one statement (was: one agg_bump a
 * dimension, each an INSERT planned again in every transaction). */
"    INSERT INTO cslog.agg AS g (dim, day, policy_id, value, n)\n"
"      SELECT x.dim, cslog.utc_day(NEW.at), NEW.policy_id, x.value, sum(x.n)\n"
"        FROM (SELECT * FROM cslog.contact_dims(NEW)\n"
"              UNION ALL SELECT * FROM cslog.contact_state_dims(NEW)) x\n"
"       GROUP BY x.dim, x.value\n"
"    ON CONFLICT (dim, day, policy_id, value) DO UPDATE SET n = g.n + EXCLUDED.n;\n"
/* An amendment: the version it replaces is counted no more. */
"    IF NEW.amends IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cslog.contact x\n"
"        WHERE x.amends = NEW.amends AND x.id <> NEW.id) THEN\n"
"      FOR d IN SELECT x.* FROM cslog.contact c, cslog.contact_dims(c) x\n"
"               WHERE c.id = NEW.amends UNION ALL\n"
"               SELECT x.* FROM cslog.contact c, cslog.contact_state_dims(c) x\n"
"               WHERE c.id = NEW.amends LOOP\n"
"        PERFORM cslog.agg_bump(NEW.amends, d.dim, d.value, -d.n);\n"
"      END LOOP;\n"
"    END IF;\n"
"  ELSIF TG_TABLE_NAME = 'review' THEN\n"
"    IF NEW.kind = 'debrief' AND EXISTS (SELECT 1 FROM cslog.contact c\n"
"         WHERE c.id = NEW.contact_id AND c.negative) AND NOT EXISTS (SELECT 1\n"
"         FROM cslog.review r WHERE r.contact_id = NEW.contact_id AND r.kind = 'debrief'\n"
"          AND r.id <> NEW.id) THEN\n"
"      PERFORM cslog.agg_bump(NEW.contact_id, 'debrief_due', 'due', -1);\n"
"    END IF;\n"
"  ELSIF TG_OP = 'INSERT' AND NEW.state <> 'done' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_open', 'open', 1);\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(NEW.limit_at), 'YYYY-MM-DD'), 1);\n"
"  ELSIF TG_OP = 'UPDATE' AND OLD.state <> 'done' AND NEW.state = 'done' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_open', 'open', -1);\n"
"    IF OLD.state = 'open' THEN\n"
"      PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"        to_char(cslog.utc_day(OLD.limit_at), 'YYYY-MM-DD'), -1);\n"
"    END IF;\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_done', cslog.grade(NEW), 1);\n"
/* A paused one's limit waits; resumed, it runs to its moved limit. */
"  ELSIF TG_OP = 'UPDATE' AND OLD.state = 'open' AND NEW.state = 'paused' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(OLD.limit_at), 'YYYY-MM-DD'), -1);\n"
"  ELSIF TG_OP = 'UPDATE' AND OLD.state = 'paused' AND NEW.state = 'open' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(NEW.limit_at), 'YYYY-MM-DD'), 1);\n"
"  END IF;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"RESET ROLE;\n",
NULL,
};
