/* pg_schema_logfast.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that makes logging a contact cheaper on the
 * server (issue 18: `log` within 15 ms as a whole process).
 *
 * A contact's insert counted it in the report aggregates by calling
 * cslog.agg_bump for each of its dimensions (about ten): a SQL function
 * with a search_path of its own, so never inlined, whose INSERT ... ON
 * CONFLICT was parsed and planned again in every transaction, and which
 * looked the contact up again for its day and policy.  Here
 * cslog.agg_trigger writes each dimension's row itself, its day and
 * policy from NEW: a PL/pgSQL statement, planned once by a backend and
 * kept from one transaction to the next.  Measured on the server's log
 * at 100,000 contacts (with the part "totals"): contact_log in a warm
 * backend 2.4 - 3.3 ms -> 1.4 ms; in a new one 8.7 - 9.0 -> 8.2 - 8.5.
 *
 * Still one row a statement, in the same order as agg_bump's: one
 * INSERT ... SELECT of all the dimensions (1.1 - 1.3 ms) wrote its rows
 * in a hash aggregate's order, and four writers at once deadlocked on
 * them (tests/cli/pg_many.sh); sorted, the totals' statement triggers
 * (part "totals") would still lock the totals in two passes, inserted
 * rows then updated ones, in an order that differs between writers.
 * Every other branch (an amendment's old version, reviews, follow-ups)
 * as it was in the part "report".
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
/* Each dimension's row written here, in the order agg_bump wrote them
 * (was: agg_bump called for each, its INSERT planned again in every
 * transaction, the contact looked up again). */
"    FOR d IN SELECT * FROM cslog.contact_dims(NEW)\n"
"             UNION ALL SELECT * FROM cslog.contact_state_dims(NEW) LOOP\n"
"      INSERT INTO cslog.agg AS g (dim, day, policy_id, value, n)\n"
"        VALUES (d.dim, cslog.utc_day(NEW.at), NEW.policy_id, d.value, d.n)\n"
"      ON CONFLICT (dim, day, policy_id, value) DO UPDATE SET n = g.n + EXCLUDED.n;\n"
"    END LOOP;\n"
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
