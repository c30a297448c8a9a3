/* pg_schema_copy2.c - the part of 'cslog admin init-server' that lets
 * 'cslog copy' carry a station file's drill and quiz results and its
 * recognitions into the server (docs/postgresql.md, "Moving a log").
 *
 * cslog.copy_commit2 is run by the database's owner right after
 * cslog.copy_commit (pg_schema_copy.c), in the same transaction, from
 * the temporary tables pg_copy.c staged: each drill (with its answers)
 * and each recognition written with its server event ('drill.add',
 * 'recognition.add', actor NULL, naming the station and the original
 * id) and kept in cslog.station_record.  Members are found through the
 * station's member records copy_commit made.  Granted to nobody. */
#include "pg_int.h"

const char *const pg_schema_copy2[] = {
"SET LOCAL ROLE cslog_owner;\n"
"ALTER TABLE cslog.station_record DROP CONSTRAINT station_record_kind_check,\n"
"  ADD CONSTRAINT station_record_kind_check\n"
"    CHECK (kind IN ('member', 'contact', 'followup', 'review', 'drill', 'recognition'));\n"
"CREATE FUNCTION cslog.copy_commit2(p_station text)\n"
"  RETURNS TABLE (drills bigint, recognitions bigint)\n"
"  LANGUAGE plpgsql SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE r record; d cslog.drill; g cslog.recognition; nd bigint := 0; ng bigint := 0;\n"
"BEGIN\n"
"  IF NOT EXISTS (SELECT 1 FROM cslog.station s WHERE s.name = p_station) THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format(\n"
"      'the station %s has not been copied in this transaction', p_station);\n"
"  END IF;\n"
"  LOCK TABLE cslog.drill, cslog.recognition IN EXCLUSIVE MODE;\n"
"  FOR r IN SELECT x.*, mm.server_id AS mid, tr.server_id AS tid\n"
"      FROM pg_temp.copy_drill x\n"
"      JOIN cslog.station_record mm ON mm.station = p_station AND mm.kind = 'member'\n"
"       AND mm.original_id = x.member_id\n"
"      LEFT JOIN cslog.station_record tr ON tr.station = p_station AND tr.kind = 'member'\n"
"       AND tr.original_id = x.trainer_id\n"
"      ORDER BY x.id LOOP\n"
"    INSERT INTO cslog.drill (member_id, trainer_id, policy_id, policy_version, kind,\n"
"        item_id, at, session_id, quiz_answer, correct, total)\n"
"      VALUES (r.mid, r.tid, r.policy_id, r.policy_version, r.kind, r.item_id,\n"
"        to_timestamp(r.at), r.session_id, r.quiz_answer, r.correct, r.total)\n"
"      RETURNING * INTO d;\n"
"    INSERT INTO cslog.drill_answer (drill_id, ord, question_id, given, expected)\n"
"      SELECT d.id, a.ord, a.question_id, a.given, a.expected\n"
"        FROM pg_temp.copy_drill_answer a WHERE a.drill_id = r.id ORDER BY a.ord;\n"
"    PERFORM cslog.audit_append(NULL, 'drill.add', 'drill', d.id,\n"
"      jsonb_build_object('member', d.member_id, 'item', d.item_id, 'correct', d.correct,\n"
"        'total', d.total, 'row', cslog.sha(cslog.drill_canon(d)), 'station', p_station,\n"
"        'original_id', r.id)::text);\n"
"    INSERT INTO cslog.station_record VALUES (p_station, 'drill', r.id, d.id);\n"
"    nd := nd + 1;\n"
"  END LOOP;\n"
"  IF nd <> (SELECT count(*) FROM pg_temp.copy_drill) THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a drill result of the file names'\n"
"      ' a member the file does not hold: nothing was copied';\n"
"  END IF;\n"
"  FOR r IN SELECT x.*, mm.server_id AS mid, bb.server_id AS bid\n"
"      FROM pg_temp.copy_recognition x\n"
"      JOIN cslog.station_record mm ON mm.station = p_station AND mm.kind = 'member'\n"
"       AND mm.original_id = x.member_id\n"
"      JOIN cslog.station_record bb ON bb.station = p_station AND bb.kind = 'member'\n"
"       AND bb.original_id = x.by_id\n"
"      ORDER BY x.id LOOP\n"
"    INSERT INTO cslog.recognition (member_id, by_id, logged_at, kind, reason, since, until)\n"
"      VALUES (r.mid, r.bid, to_timestamp(r.logged_at), r.kind, r.reason, r.since, r.until)\n"
"      RETURNING * INTO g;\n"
"    PERFORM cslog.audit_append(NULL, 'recognition.add', 'recognition', g.id,\n"
"      jsonb_build_object('member', g.member_id, 'kind', g.kind,\n"
"        'row', cslog.sha(cslog.recognition_canon(g)), 'station', p_station,\n"
"        'original_id', r.id)::text);\n"
"    INSERT INTO cslog.station_record VALUES (p_station, 'recognition', r.id, g.id);\n"
"    ng := ng + 1;\n"
"  END LOOP;\n"
"  IF ng <> (SELECT count(*) FROM pg_temp.copy_recognition) THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a recognition of the file names'\n"
"      ' a member the file does not hold: nothing was copied';\n"
"  END IF;\n"
"  RETURN QUERY SELECT nd, ng;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.copy_commit2(text) FROM PUBLIC;\n"
"RESET ROLE;\n",
NULL,
};
