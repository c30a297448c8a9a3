/* pg_schema_survey_ref.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that keeps a survey tool's response reference
 * once per station rather than once per server (docs/postgresql.md,
 * "Survey responses of several stations").
 *
 * The part "survey" made cslog.survey.ref UNIQUE, so that a tool's
 * export imported twice is refused.  A consortium's stations each
 * imported their own exports (or the same one): two stations' files
 * holding the same reference could not both be copied into one server.
 * Each station's response is kept apart, with its station, as every
 * record of a station is ((station, original id) in
 * cslog.station_record): a reference is unique within a station, and
 * among the responses entered on the server itself (station '').
 *
 *  - cslog.survey_ref (survey, station, ref), UNIQUE (station, ref), in
 *    place of the column's own constraint; a plain index on ref keeps
 *    survey_add's look-up, which still refuses any reference the server
 *    holds, whichever station's;
 *  - written by a constraint trigger deferred to the commit, when a
 *    copy's cslog.station_record says the station of each response it
 *    wrote (copy_commit2 writes the response first); two terminals
 *    entering the same reference at once: the second is refused at its
 *    commit by the unique index;
 *  - filled for the responses already there, each with its station.
 *
 * Granted to nobody: only the owner's functions write it. */
#include "pg_int.h"

const char *const pg_schema_survey_ref[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.survey_ref (\n"
"  survey_id bigint PRIMARY KEY REFERENCES cslog.survey,\n"
"  station text NOT NULL,\n"
"  ref text NOT NULL,\n"
"  UNIQUE (station, ref));\n"
"INSERT INTO cslog.survey_ref (survey_id, station, ref)\n"
"  SELECT s.id, coalesce(r.station, ''), s.ref FROM cslog.survey s\n"
"    LEFT JOIN cslog.station_record r ON r.kind = 'survey' AND r.server_id = s.id\n"
"   WHERE s.ref IS NOT NULL;\n"
"ALTER TABLE cslog.survey DROP CONSTRAINT survey_ref_key;\n"
"CREATE INDEX survey_by_ref ON cslog.survey (ref) WHERE ref IS NOT NULL;\n"
"CREATE FUNCTION cslog.survey_ref_keep() RETURNS trigger LANGUAGE plpgsql\n"
"  SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE v_station text := coalesce((SELECT r.station FROM cslog.station_record r\n"
"    WHERE r.kind = 'survey' AND r.server_id = NEW.id), '');\n"
"BEGIN\n"
"  INSERT INTO cslog.survey_ref (survey_id, station, ref) VALUES (NEW.id, v_station, NEW.ref);\n"
"  RETURN NULL;\n"
"EXCEPTION WHEN unique_violation THEN\n"
"  RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('response ''%s'' is already'\n"
"    ' kept%s (imported before?)', left(NEW.ref, 64),\n"
"    CASE WHEN v_station = '' THEN '' ELSE format(' for station %s', v_station) END);\n"
"END $f$;\n"
"CREATE CONSTRAINT TRIGGER survey_ref_once AFTER INSERT ON cslog.survey\n"
"  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.ref IS NOT NULL)\n"
"  EXECUTE FUNCTION cslog.survey_ref_keep();\n"
"CREATE TRIGGER survey_ref_fixed BEFORE UPDATE OR DELETE ON cslog.survey_ref\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.refuse_change();\n"
"CREATE TRIGGER survey_ref_fixed_t BEFORE TRUNCATE ON cslog.survey_ref\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.refuse_change();\n"
"REVOKE ALL ON cslog.survey_ref FROM PUBLIC;\n"
"REVOKE EXECUTE ON FUNCTION cslog.survey_ref_keep() FROM PUBLIC;\n"
"RESET ROLE;\n",
NULL,
};
