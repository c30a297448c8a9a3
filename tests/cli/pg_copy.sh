#!/bin/sh
# pg_copy.sh - cslog copy: stations' files into one PostgreSQL server.
#  - a station's file (305 contacts imported, 5 of them amendments,
#    customer data, follow-ups open, paused and done, reviews of each
#    kind, a negative call, an amendment by hand) copied in: verify
#    passes on the server; export (plain and --include-protected) the
#    file's byte for byte; the queues and reports the file's; the file
#    itself unchanged;
#  - a second station merged into the same server: its ids after the
#    first's, (station, original id) kept, no id twice, a member of the
#    same badge and name the same member; both segments verify; list
#    shows both;
#  - the station's drill and quiz results, recognitions, secret-shopper
#    evaluations, survey responses with comments, a trainer, an evaluator
#    and two redacted contacts carried: report --by drills, drill list,
#    drill results, recognition, report --by shopper, shopper list, survey
#    list --include-comments, report --by satisfaction the same on the
#    server as in the file (and in the file copied out, and after the
#    round trip); the evaluator given a PIN nobody knows; each record
#    with its server event; the redacted contacts redacted there, each
#    with its event and reason;
#  - refusals, each leaving the server as it was: a file changed with
#    the sqlite3 shell (65), a station copied already (65), one badge for
#    two names (65), a server without the part copy2 (69, naming what it
#    cannot take), two files or no --to (64), the
#    terminal role (77), an unreachable server (75);
#  - a survey tool's reference at both stations: both responses kept,
#    each with its station, the copy saying so; verify passes; the
#    reference refused for a response entered on the server, and twice
#    for one station by the server itself; in the file copied out, each
#    STATION:REFERENCE;
#  - the merged server copied into a new file: verify passes there,
#    export (plain and --include-protected) the server's byte for byte;
#    an existing file (73), no PIN for the members who had one (64) and
#    the terminal role (77) refused, no file left; a round trip file ->
#    server -> file exports the first file's, byte for byte;
#  - a contact redacted on a server copied into a file: verify passes,
#    export --include-protected the server's, the reason kept;
#  - a copy cut near its end by the server leaves nothing of it;
#  - a segment changed on the server behind cslog's back: verify 65,
#    and the server is no longer copied out (65, no file).
#  - each member's last policy carried: into the server (the file's),
#    into a file (the server's), after the round trip (the first
#    file's); a server without the part copy-last-policy refused (69)
#    when the file holds any; merged, each member's the policy of their
#    newest contact, the station's or the server's.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
command -v sqlite3 >/dev/null 2>&1 || pg_skip_all "no sqlite3 shell"
pg_new main
# Its help names who may run it: the server's owner, not anyone.
cslog help copy
has "$T/out" "Who may: the database's owner" "copy's help: the database's owner may run it"
cslog help admin init-server
has "$T/out" "Who may: the database's owner" "init-server's help: the same"
cslog help policy list
has "$T/out" "Who may: anyone" "a command nobody signs in to still says anyone"

pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_createdb main
OWN=$(pg_url main cslog_dba)
TERM_URL=$(pg_url main cslog_terminal)
CSLOG_PIN=1234 cslog admin init-server "$OWN" --badge ADM --name "Dana Admin"
status 0 "admin init-server"
sql() { pg_sql main "$1"; }
srv() { CSLOG_DB="$TERM_URL" CSLOG_AS=ADM CSLOG_PIN=1234 cslog "$@"; }

# ---- a station's file --------------------------------------------------------
A="$T/north.db"
export CSLOG_DB="$A"
first_supervisor
cslog member add --badge M1 --name "Mo Member"
cslog member add --badge M2 --name "Max Member"
{
	echo "at,logged_at,member,policy,policy_version,kind,channel,outcome,summary,standards,call,amends,amend_reason,customer_name,customer_phone"
	awk 'BEGIN { m[0] = "S1"; m[1] = "M1"; m[2] = "M2"; m[3] = "M7"
	for (i = 1; i <= 300; i++) {
		mo = 1 + int((i - 1) / 100); d = 1 + int(((i - 1) % 100) / 4); h = ((i - 1) % 4) * 5
		printf "2026-%02d-%02dT%02d:00:00Z,2026-%02d-%02dT%02d:00:00Z,%s,phoenix,2026.2," \
		    "recipient,on-scene,resolved,Contact %d: moved the cars out of the lane; smoke" \
		    " alarm checked,respect;educate,CAD-%06d,,,%s,%s\n", mo, d, h, mo, d, h + 1,
		    m[i % 4], i, i, (i % 3 == 0 ? "Lena K" i : ""),
		    (i % 3 == 0 ? "(507) 555-01" (i % 90 + 10) : "")
	}
	for (j = 1; j <= 5; j++)
		printf "2026-04-01T00:%02d:00Z,2026-04-01T00:%02d:30Z,M1,phoenix,2026.2,recipient," \
		    "on-scene,resolved,Contact %d corrected,respect,CAD-%06d,%d,the summary was" \
		    " wrong,,\n", j, j, j * 10, j * 10, j * 10
	}' </dev/null
} >"$T/north.csv"
plain import "$T/north.csv"
status 0 "the station's file: 305 contacts imported"
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
for who in M1 M2 M7; do
	plain log --policy bsofr --kind recipient --channel phone --outcome assisted \
	    --summary "promised a call back" --follow-up "$due" --member "$who" \
	    --customer-name "Caller $who"
done
plain log --policy bsofr --kind recipient --channel phone --outcome complaint \
    --summary "a complaint about the siren"
plain followup done 1 --note "called back"
plain followup pause 2 --reason "the caller is away"
for id in 1 2 3 306; do plain review "$id" --sign-off; done
plain review 309 --note "debriefed at the station"
plain review 4 --commend "kept the lane clear"
plain amend 307 --reason "wrong channel" --channel in-person
status 0 "follow-ups, reviews and an amendment by hand"
# Drill and quiz results, recognitions, a trainer and an evaluator.
plain member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin <"$T/pin"
plain member add --badge E1 --name "Eve Evaluator" --role evaluator --pin-stdin <"$T/pin"
for m in M1 M2 M7; do
	plain drill answer --as T1 --member "$m" --policy bsofr --scenario pet-left-behind \
	    --answers yes,yes,yes,no,yes,yes,yes --session s1
done
plain drill answer --as T1 --member M1 --policy bsofr --scenario stranded-family \
    --answers yes,yes,yes,yes,yes,yes,yes
plain drill answer --quiz --as T1 --member M2 --policy phoenix --item organizational-behavior \
    --text "Customer orientd"
plain recognition add M1 --kind award --reason "Stayed with a stranded family"
plain recognition add M2 --kind letter --reason "Kind words" --since 2026-01-01 --until 2026-03-31
status 0 "drills, a quiz, recognitions, a trainer and an evaluator"
plain shopper add --as E1 --policy rochester --channel phone --member M1 \
    --at 2026-03-21T10:00:00Z --item four-rings=3 --item needs-met=yes \
    --item appeal-given=not-observed --rest met --note "answered on the third ring"
plain shopper add --as E1 --policy bes --channel voice-mail --unit "Station 4" \
    --at 2026-03-22T15:30:00Z --item voice-mail=30.5 --item needs-met-asked=yes \
    --item appeal-information=not-observed --rest met
plain survey add --contact 1 --answer overall=5 --answer courtesy=4 --answer needs-met=yes \
    --comment "Mia was kind" --source card --at 2026-03-22T08:00:00Z --ref R-1
plain survey add --contact 2 --answer overall=4 --answer courtesy=5 --comment "quick" \
    --at 2026-03-23T08:00:00Z
plain survey add --policy bes --answer overall=1 --answer needs-met=no \
    --at 2026-03-24T08:00:00Z
status 0 "secret-shopper evaluations and survey responses, two with comments"
plain redact 3 --reason "asked to be forgotten"
plain redact 5 --reason "no data, redacted all the same"
status 0 "two contacts redacted, one with customer data, one without"
# Each member's last policy: bsofr for those logged for above; M2's
# phoenix, as a contact under phoenix would leave it (set with the
# sqlite3 shell, so that the counts below stay: it is no record of fact,
# outside the member's hash, and verify passes).
sqlite3 "$A" "UPDATE member SET last_policy = 'phoenix' WHERE badge = 'M2'"
is "$(sqlite3 "$A" "SELECT group_concat(badge || '=' || last_policy, ' ') FROM (SELECT badge, last_policy FROM member WHERE last_policy IS NOT NULL ORDER BY badge)")" \
    "M1=bsofr M2=phoenix M7=bsofr S1=bsofr" "the station's members' last policies"
cslog verify
status 0 "the station's file verifies"
before=$(sqlite3 "$A" "SELECT max(id) || ':' || hex(hash) FROM audit WHERE id = (SELECT max(id) FROM audit)")

# ---- refusals that leave the server as it was ---------------------------------
nothing() { # what: the server holds no station, no contact, only ADM
	is "$(sql "SELECT (SELECT count(*) FROM cslog.station) || ' ' || (SELECT count(*) FROM cslog.contact) || ' ' || (SELECT count(*) FROM cslog.member)")" \
	    "0 0 1" "$1: nothing written on the server"
}
cp "$A" "$T/bad.db"
sqlite3 "$T/bad.db" "DROP TRIGGER IF EXISTS contact_no_update;
    UPDATE contact SET summary = 'Contact 1: moved the cars out of the lane; smoke alarm checkeD' WHERE id = 1" 2>"$T/sqlite.err"
cslog copy --from "$T/bad.db" --to "$OWN"
status 65 "a file changed with the sqlite3 shell is refused"
has "$T/err" "does not verify" "... saying it does not verify"
nothing "the changed file"
cslog copy --from "$A"
status 64 "no --to"
cslog copy --from "$A" --to "$T/other.db"
status 64 "two files"
cslog copy --from "$A" --to "$OWN" --station 'no spaces'
status 64 "a station's name with a space"
cslog copy --from "$A" --to "$TERM_URL"
status 77 "the terminal role may not copy in: the owner's"
nothing "the terminal role"
cslog copy --from "$A" --to "postgresql:///cslog?host=$T/nowhere&user=cslog_dba"
status 75 "an unreachable server: try again"
sql "DELETE FROM cslog.schema_part WHERE name = 'copy2'" >/dev/null
cslog copy --from "$A" --to "$OWN"
status 69 "a server without the part copy2: the file's measures are refused"
has "$T/err" "5 drill results, 2 secret-shopper evaluations, 3 survey responses, 2 recognitions, 1 evaluators, 2 redacted contacts" \
    "... naming what it cannot take"
nothing "the server without the part copy2"
sql "INSERT INTO cslog.schema_part (name) VALUES ('copy2')" >/dev/null
sql "DELETE FROM cslog.schema_part WHERE name = 'copy-last-policy'" >/dev/null
cslog copy --from "$A" --to "$OWN"
status 69 "a server without the part copy-last-policy: the members' last policies are refused"
has "$T/err" "4 members' last policies, which this server's init-server is too old to take" \
    "... naming what it cannot take"
has "$T/err" "upgrade-server" "... and what adds it"
nothing "the server without the part copy-last-policy"
sql "INSERT INTO cslog.schema_part (name) VALUES ('copy-last-policy')" >/dev/null

# ---- the copy ---------------------------------------------------------------
cslog copy --from "$A" --to "$OWN"
status 0 "the station's file copied into the server"
has "$T/out" "copied station north" "... the station named after the file"
has "$T/out" "members 6 (6 new on the server), contacts 310 (every version), follow-ups 3, reviews 6" \
    "... its counts"
has "$T/out" "drill and quiz results 5, recognitions 2, evaluations 2, survey responses 3" \
    "... its drills, recognitions, evaluations and survey responses"
has "$T/out" "redacted contacts 2" "... its redactions"
has "$T/out" "members' last policies 4" "... its members' last policies"
# policies SERVER-URL: each member's last policy on a server, by badge
policies() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$1" -c "SELECT string_agg(m.badge || '=' ||
	    p.policy_id, ' ' ORDER BY m.badge) FROM cslog.member_policy p JOIN cslog.member m
	    ON m.id = p.member_id"
}
# file_policies FILE: the same in a file
file_policies() {
	sqlite3 "$1" "SELECT group_concat(badge || '=' || last_policy, ' ') FROM (SELECT badge,
	    last_policy FROM member WHERE last_policy IS NOT NULL ORDER BY badge)"
}
is "$(policies "$OWN")" "M1=bsofr M2=phoenix M7=bsofr S1=bsofr" \
    "each member's last policy on the server: the file's"
is "$(sqlite3 "$A" "SELECT max(id) || ':' || hex(hash) FROM audit WHERE id = (SELECT max(id) FROM audit)")" \
    "$before" "... the file unchanged"
srv verify
status 0 "verify passes on the server"
has "$T/out" "ok:" "... ok"
for p in "" --include-protected "--include-protected --format jsonl"; do
	plain export $p
	cp "$T/out" "$T/file.csv"
	srv export $p
	if cmp -s "$T/out" "$T/file.csv"; then ok 0 "export $p: the file's, byte for byte"; else
		ok 1 "export $p: the file's, byte for byte"; diff "$T/file.csv" "$T/out" | head -5
	fi
done
# measures: what both stores print, the same (file FILE; srv the server)
same_out() { # WHAT ARGS...: the file's output and the server's, byte for byte
	_w=$1; shift
	CSLOG_DB="$SAME_FILE" CSLOG_AS=S1 plain "$@"
	_r1=$rc
	cp "$T/out" "$T/same.a"
	"$SAME_SRV" "$@"
	if [ "$_r1$rc" = 00 ] && [ "$(wc -l <"$T/out")" -gt 1 ] && cmp -s "$T/out" "$T/same.a"; then ok 0 "$_w: the same at both ends"; else
		ok 1 "$_w: the same at both ends"; diff "$T/same.a" "$T/out" | head -5
	fi
}
measures() { # the outputs of the drills and recognitions compared
	same_out "report --by drills" report --by drills --format csv
	same_out "drill list" drill list --format csv
	same_out "drill results" drill results --policy bsofr --format csv
	same_out "recognition" recognition --format json --since 2020-01-01
	same_out "report --by shopper" report --by shopper --format csv
	same_out "shopper list" shopper list --format csv
	same_out "survey list --include-comments" survey list --include-comments --format csv
	same_out "report --by satisfaction" report --by satisfaction --format csv
}
SAME_FILE=$A SAME_SRV=srv
measures
is "$(sql "SELECT role || ' ' || (pin_hash IS NOT NULL) || ' ' || pin_reset FROM cslog.member WHERE badge = 'E1'")" \
    "evaluator true true" "the evaluator: a PIN nobody knows, to be set"
is "$(sql "SELECT count(*) FROM cslog.station_record WHERE kind IN ('drill', 'recognition', 'shopper', 'survey')")" \
    "12" "(station, original id) of each drill, recognition, evaluation and response kept"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action IN ('drill.add', 'recognition.add', 'shopper.add', 'survey.add') AND detail::jsonb ->> 'station' = 'north'")" \
    "12" "... each with its server event"
is "$(sql "SELECT count(*) FROM cslog.survey_comment k JOIN cslog.station_record r ON r.kind = 'survey' AND r.server_id = k.survey_id")" \
    "2" "... the comments kept as protected data"
is "$(sql "SELECT string_agg(p.contact_id || ' ' || num_nonnulls(p.name, p.phone) || ' ' || (x.detail::jsonb ->> 'reason'), ';' ORDER BY p.contact_id) FROM cslog.contact_private p JOIN cslog.audit x ON x.entity = 'contact' AND x.entity_id = p.contact_id AND x.action = 'contact.redact' WHERE p.redacted_at IS NOT NULL")" \
    "3 0 asked to be forgotten;5 0 no data, redacted all the same" \
    "the redacted contacts redacted on the server, each with its event and reason"
for f in --needs-debrief --unreviewed --overdue "--search smoke"; do
	plain export $f
	cp "$T/out" "$T/file.csv"
	srv export $f
	cmp -s "$T/out" "$T/file.csv"
	ok $? "export $f: the file's"
done
plain followup list --format csv
cp "$T/out" "$T/file.csv"
srv followup list --format csv
cmp -s "$T/out" "$T/file.csv"
ok $? "followup list (one paused): the file's"
srv list --member M1 --limit 1
status 0 "a copied member's contacts listed"
CSLOG_DB="$TERM_URL" CSLOG_AS=M1 CSLOG_PIN= cslog list --limit 1
status 0 "a member without a PIN at the station signs in without one"
CSLOG_DB="$TERM_URL" CSLOG_AS=S1 CSLOG_PIN=1234 cslog list --limit 1
status 77 "a station supervisor's PIN is not carried: none signs in with it"
cslog copy --from "$A" --to "$OWN"
status 65 "the same station again is refused"
has "$T/err" "copied into this server already" "... saying so"
is "$(sql "SELECT count(*) FROM cslog.station")" "1" "... nothing more written"

# ---- a second station merged in -----------------------------------------------
B="$T/east.db"
export CSLOG_DB="$B"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
cslog member add --badge M9 --name "Nia Ninth"
head -21 "$T/north.csv" | sed 's/,M[127],/,M9,/; s/,S1,/,M9,/' >"$T/east.csv"
plain import "$T/east.csv"
status 0 "a second station's file: 20 contacts"
plain review 5 --sign-off
# The same survey tool's reference at both stations (docs/postgresql.md,
# "Survey responses of several stations"): each kept, with its station.
plain survey add --contact 1 --answer overall=2 --source callback --at 2026-03-25T08:00:00Z --ref R-1
status 0 "a response at the second station with the first's reference"
cslog copy --from "$B" --to "$OWN" --station east-7
status 0 "the second station merged in"
has "$T/out" "1 survey response of the station shares a survey tool's reference" \
    "... saying one response shares a reference with the server's"
has "$T/out" "ids on the server: the file's + 310" "... its ids after the first's"
has "$T/out" "members 2 (1 new on the server)" "... S1 of the same name the same member"
is "$(sql "SELECT string_agg(r.station || '=' || s.contact_id, ' ' ORDER BY s.id) FROM cslog.survey s JOIN cslog.station_record r ON r.kind = 'survey' AND r.server_id = s.id WHERE s.ref = 'R-1'")" \
    "north=1 east-7=311" "both responses of reference R-1 kept, each with its station and contact"
is "$(sql "SELECT string_agg(station || '/' || ref, ' ' ORDER BY survey_id) FROM cslog.survey_ref")" \
    "north/R-1 east-7/R-1" "... the reference once per station"
srv survey add --contact 2 --answer overall=3 --ref R-1
status 65 "a response entered on the server with a reference a station holds is refused"
has "$T/err" "response 'R-1' is already kept" "... as a file refuses it"
sql "INSERT INTO cslog.survey_ref VALUES ((SELECT min(id) FROM cslog.survey WHERE ref IS NULL), 'east-7', 'R-1')" >/dev/null 2>&1
ok $((! $?)) "the reference twice for one station is refused by the server itself"
is "$(sql "SELECT server_id FROM cslog.station_record WHERE station = 'east-7' AND kind = 'contact' AND original_id = 1")" \
    "311" "(station, original id) kept: east-7's contact 1 is 311"
is "$(sql "SELECT count(*) - count(DISTINCT id) FROM cslog.contact")" "0" "no id twice"
is "$(sql "SELECT count(*) FROM cslog.contact")" "330" "both stations' contacts there"
srv list --limit 1000
status 0 "list"
# 300 + 20 current versions whose summary says "Contact" (5 superseded)
is "$(grep -c 'Contact' "$T/out")" "320" "list shows both stations' contacts"
srv verify
status 0 "verify passes with two segments"
srv log --policy bsofr --kind recipient --channel phone --outcome assisted --summary "after the merge"
status 0 "a contact logged on the server after the merge"
is "$(sql "SELECT max(id) FROM cslog.contact")" "331" "... its id after both stations'"
cp "$B" "$T/clash.db"
CSLOG_DB="$T/clash.db" plain --as S1 member add --badge M1 --name "Another Person"
cslog copy --from "$T/clash.db" --to "$OWN" --station west
status 65 "one badge for two people is refused"
has "$T/err" "the same badge for two people" "... saying so"
is "$(sql "SELECT count(*) FROM cslog.station WHERE name = 'west'") $(sql "SELECT count(*) FROM cslog.contact")" \
    "0 331" "... nothing of it written"

# A copy cut near its end (the server refusing the reviews, the last
# records written) leaves nothing of it: members, contacts, follow-ups,
# events and the station all go with it.
counts="SELECT (SELECT count(*) FROM cslog.member) || ' ' || (SELECT count(*) FROM cslog.contact) || ' ' || (SELECT count(*) FROM cslog.followup) || ' ' || (SELECT id FROM cslog.chain_head) || ' ' || (SELECT count(*) FROM cslog.station)"
was=$(sql "$counts")
sql "CREATE FUNCTION public.cut() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN RAISE EXCEPTION 'the copy is cut here'; END \$\$;
     CREATE TRIGGER cut BEFORE INSERT ON cslog.review FOR EACH ROW EXECUTE FUNCTION public.cut()" >/dev/null
cp "$A" "$T/south.db"
CSLOG_DB="$T/south.db" plain member add --badge M5 --name "Sue Fifth"
cslog copy --from "$T/south.db" --to "$OWN"
ok $((rc == 0)) "a copy cut by the server near its end fails"
has "$T/err" "the copy is cut here" "... saying why"
is "$(sql "$counts")" "$was" "... and leaves nothing: members, contacts, follow-ups, events, station"
sql "DROP TRIGGER cut ON cslog.review; DROP FUNCTION public.cut()" >/dev/null

# ---- the server into a file ---------------------------------------------------
cslog copy --from "$OWN" --to "$T/all.db" --pin-stdin <"$T/pin"
status 0 "the merged server copied into a new file"
has "$T/out" "contacts 331 (every version), follow-ups 3, reviews 7" "... its counts"
has "$T/out" "drill and quiz results 5, recognitions 2, evaluations 2, survey responses 4" \
    "... its drills, recognitions, evaluations and survey responses (both stations')"
has "$T/out" "note: 2 survey responses from stations share a survey tool's reference" \
    "... saying two responses share a reference"
is "$(sqlite3 "$T/all.db" "SELECT group_concat(ref, ' ') FROM (SELECT ref FROM survey WHERE ref IS NOT NULL ORDER BY id)")" \
    "north:R-1 east-7:R-1" "... kept in the file as STATION:REFERENCE, a file keeping each once"
has "$T/out" "redacted contacts 2" "... its redactions"
is "$(file_policies "$T/all.db")" "$(policies "$OWN")" \
    "each member's last policy in the file: the server's"
is "$(file_policies "$T/all.db")" "ADM=bsofr M1=bsofr M2=phoenix M7=bsofr S1=bsofr" \
    "... the station's, and the one of the contact logged on the server"
has "$T/out" "members' last policies 5" "... counted"
CSLOG_DB="$T/all.db" CSLOG_AS=ADM cslog verify
status 0 "verify passes on the new file"
for p in "" --include-protected; do
	CSLOG_DB="$T/all.db" CSLOG_AS=ADM plain export $p
	cp "$T/out" "$T/file.csv"
	srv export $p
	cmp -s "$T/out" "$T/file.csv"
	ok $? "export $p: the server's, byte for byte"
done
SAME_FILE=$T/all.db SAME_SRV=srv
measures
CSLOG_DB="$T/all.db" CSLOG_AS=M9 CSLOG_PIN= cslog list --limit 1
status 0 "a member without a PIN on the server signs in to the file without one"
sum=$(cksum <"$T/all.db")
cslog copy --from "$OWN" --to "$T/all.db" --pin-stdin <"$T/pin"
status 73 "an existing file is never written over"
is "$(cksum <"$T/all.db")" "$sum" "... it is unchanged"
CSLOG_PIN= cslog copy --from "$OWN" --to "$T/nopin.db"
status 64 "no PIN for the members who had one"
cslog copy --from "$OWN" --to "$T/nopin.db" --station north --pin-stdin <"$T/pin"
status 64 "--station on the way out: only the whole log is copied out"
cslog copy --from "$TERM_URL" --to "$T/term.db" --pin-stdin <"$T/pin"
status 77 "the terminal role may not copy out: the owner's"
ls "$T"/nopin.db* "$T"/term.db* >/dev/null 2>&1
ok $((! $?)) "... no file left by a refused copy"
pg_createdb main cslog2
OWN2=$(echo "$OWN" | sed 's|/cslog?|/cslog2?|')
CSLOG_PIN=1234 plain admin init-server "$OWN2" --badge ADM --name "Dana Admin"
plain copy --from "$A" --to "$OWN2"
cslog copy --from "$OWN2" --to "$T/again.db" --pin-stdin <"$T/pin"
status 0 "a round trip: the station's file into a second server, and out again"
for p in "" --include-protected; do
	CSLOG_DB="$A" plain export $p
	cp "$T/out" "$T/file.csv"
	CSLOG_DB="$T/again.db" plain export $p
	cmp -s "$T/out" "$T/file.csv"
	ok $? "export $p after the round trip: the first file's, byte for byte"
done
CSLOG_DB="$T/again.db" cslog verify
status 0 "... and it verifies"
is "$(file_policies "$T/again.db")" "$(file_policies "$A")" \
    "... each member's last policy the first file's"
againf() { CSLOG_DB="$T/again.db" CSLOG_AS=S1 cslog "$@"; }
SAME_FILE=$A SAME_SRV=againf
measures

# ---- a redaction made on a server, copied into a file --------------------------
TERM2=$(echo "$TERM_URL" | sed 's|/cslog?|/cslog2?|')
CSLOG_DB="$TERM2" CSLOG_AS=ADM CSLOG_PIN=1234 cslog redact 6 --reason "asked to be forgotten"
status 0 "a contact with customer data redacted on the second server"
cslog copy --from "$OWN2" --to "$T/redacted.db" --pin-stdin <"$T/pin"
status 0 "... the server copied into a file"
has "$T/out" "redacted contacts 3" "... its three redactions"
CSLOG_DB="$T/redacted.db" cslog verify
status 0 "... verify passes on the file"
CSLOG_DB="$T/redacted.db" plain export --include-protected
cp "$T/out" "$T/file.csv"
CSLOG_DB="$TERM2" CSLOG_AS=ADM CSLOG_PIN=1234 plain export --include-protected
cmp -s "$T/out" "$T/file.csv"
ok $? "... export --include-protected the server's, byte for byte"
grep '^6,' "$T/file.csv" >"$T/six.csv"
ok $(($(wc -l <"$T/six.csv") != 1)) "... contact 6 exported"
! grep -q 'Lena K6' "$T/six.csv"
ok $? "... without its customer data"
is "$(sqlite3 "$T/redacted.db" "SELECT count(*) FROM contact_private WHERE redacted_at IS NOT NULL AND customer_name IS NULL") $(sqlite3 "$T/redacted.db" "SELECT json_extract(detail, '$.reason') FROM audit WHERE action = 'contact.redact' AND entity_id = 6")" \
    "3 asked to be forgotten" "... redacted in the file, with the server's reason"

# A survey comment changed on a server behind cslog's back: not copied
# into a file with a fresh event vouching for it.
psql -X -q -A -t -v ON_ERROR_STOP=1 "$OWN2" -c "ALTER TABLE cslog.survey_comment DISABLE TRIGGER survey_comment_fixed;
     UPDATE cslog.survey_comment SET comment = 'Mia was rude' WHERE comment = 'Mia was kind';
     ALTER TABLE cslog.survey_comment ENABLE TRIGGER survey_comment_fixed" >/dev/null 2>&1
ok $? "a survey comment changed on the second server behind cslog's back"
cslog copy --from "$OWN2" --to "$T/changed.db" --pin-stdin <"$T/pin"
status 65 "... that server is not copied into a file"
has "$T/err" "survey 1 does not match its newest audit event" "... naming the response"
[ ! -e "$T/changed.db" ]
ok $? "... no file made"

# ---- each member's last policy across a merge ------------------------------------
# A third station, its contacts logged after the first's: M1's (phoenix)
# newer than the server's newest of M1 (the first station's, bsofr),
# M2's (bsofr) older than one logged on the server afterwards (phoenix),
# M8 new on the server.  The newest contact's policy is each one's.
C="$T/west.db"
CSLOG_DB="$C" plain member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin \
    <"$T/pin"
for m in "M1 Mo Member" "M2 Max Member" "M8 Ona Eighth"; do
	CSLOG_DB="$C" plain member add --badge "${m%% *}" --name "${m#* }"
done
west() { # MEMBER POLICY
	CSLOG_DB="$C" plain log --member "$1" --policy "$2" --kind recipient --channel on-scene \
	    --outcome resolved --summary "at the third station"
}
west M1 phoenix
west M2 bsofr
west M8 phoenix
status 0 "a third station: contacts for M1, M2 and M8"
CSLOG_DB="$TERM2" CSLOG_AS=ADM CSLOG_PIN=1234 plain log --member M2 --policy phoenix \
    --kind recipient --channel on-scene --outcome resolved --summary "on the server, later"
status 0 "a contact for M2 logged on the server after it"
is "$(policies "$OWN2")" "M1=bsofr M2=phoenix M7=bsofr S1=bsofr" \
    "the server's last policies before the merge"
cslog copy --from "$C" --to "$OWN2"
status 0 "the third station merged in"
is "$(policies "$OWN2")" "M1=phoenix M2=phoenix M7=bsofr M8=phoenix S1=bsofr" \
    "each member's last policy the newest contact's: the station's for M1 and M8, the server's for M2"

# ---- a segment changed behind cslog's back ------------------------------------
sql "ALTER TABLE cslog.segment DISABLE TRIGGER segment_fixed;
     UPDATE cslog.segment SET detail = detail || ' ' WHERE station = 'north' AND id = 7;
     ALTER TABLE cslog.segment ENABLE TRIGGER segment_fixed" >/dev/null
srv verify
status 65 "a segment's event changed on the server: verify fails"
has "$T/err" "segment of station north: event 7 was changed" "... naming the station and the event"
cslog copy --from "$OWN" --to "$T/bad-out.db" --pin-stdin <"$T/pin"
status 65 "a server whose log does not verify is not copied out"
[ ! -e "$T/bad-out.db" ]
ok $? "... no file made"

done_testing
