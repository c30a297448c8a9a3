#!/bin/sh
# pg_query.sh - finding contacts on a PostgreSQL server, against a
# throwaway cluster started here (tests/pg_lib.sh):
#  - the same contacts logged into a SQLite file and a server; for a set
#    of searches (words, accents, case, phrases, punctuation, Greek,
#    words across two fields, notes) both give the same ids, newest
#    first, and keyset pages (--limit, --after) the same pages;
#  - --not-empowered, --needs-debrief, --overdue, --unreviewed give the
#    same ids at both ends; --overdue at the server's clock;
#  - report --format json, by every dimension and the summary, as a
#    supervisor (the server's aggregates) and as a member (their own
#    contacts), over a period and a policy: the file's figures, byte for
#    byte;
#  - export (CSV, JSON Lines): the server's, imported into a file and
#    exported again, is the same bytes; import of a file's export into a
#    second database (COPY into a staging table, cslog.import_commit),
#    exported again: the file's bytes; it verifies, reports the file's
#    figures; ids in the log already are refused, --skip-bad skips them;
#  - --include-protected: the customer data, supervisors only, each read
#    recorded by the server as an audit event;
#  - the terminal role cannot read the search index or the aggregates
#    directly, nor write them.
# Not under valgrind (make valgrind leaves the server runs out).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new pg
pg_start pg || { cat "$T/pg/log"; pg_skip_all "the server did not start"; }
P="$T/pg"
DBA=$(pg_url pg cslog_dba)
TERM_URL=$(pg_url pg cslog_terminal)
sql() { pg_sql pg "$1"; }
pg_createdb pg
ok 0 "a throwaway cluster runs ($PGBIN)"

pg_createdb pg clocale "LOCALE 'C' TEMPLATE template0"
CSLOG_PIN=1234 cslog admin init-server "postgresql:///clocale?host=$P&user=cslog_dba" --badge S1 \
    --name "Sam Super" </dev/null
status 65 "init-server refuses a database whose LC_CTYPE is C"
has "$T/err" "LC_CTYPE is C" "saying the search needs a UTF-8 one"

FILE="$T/file.db"
export CSLOG_PIN=1234
printf '1234\n' >"$T/pin"
cslog admin init-server "$DBA" --badge S1 --name "Sam Super"
status 0 "admin init-server"
CSLOG_DB="$FILE" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <<EOF
1234
EOF
status 0 "the file's first supervisor"

# both (tests/pg_lib.sh): cslog on the file, then on the server; the
# server's output in $T/out, the file's in $T/out.file; $brc 0 when both
# ended 0.
URL=$TERM_URL
both --as S1 member add --badge M1 --name "Mo Member"
bstatus 0 "a member, at both ends"

n=0
logc() { # SUMMARY [OPTIONS...]: log it at both ends, as S1
	s=$1
	shift
	both --as S1 log --policy bsofr --kind recipient --channel on-scene "$@" --summary "$s"
	n=$((n + 1))
	[ "$brc" -eq 0 ] && [ "$(cat "$T/out")" = "$n" ] && [ "$(cat "$T/out.file")" = "$n" ] ||
		ok 1 "contact $n logged at both ends as number $n (exit $brc)"
}
logc "Fitted a smoke-alarm at the Café" --outcome resolved
logc "smoke alarm tested; battery replaced" --outcome resolved
logc "Visited Łódź and the Straße" --outcome assisted
logc "Ελληνικά: ΣΟΦΙΑ left a résumé" --outcome assisted
logc "e-mailed bob@example.com about v1.2 of the plan" --outcome resolved
logc "customer ended with these words" --outcome resolved --answers yes,yes,yes,yes,yes,yes,yes \
    --added-value "start here: drove them home"
logc "refused transport, NAÏVE about the risk" --outcome refused-service
logc "walked the dog" --outcome assisted --answers yes,no,yes,yes,yes,yes,yes \
    --added-value "kept the dog overnight"
logc "complaint about the siren" --outcome complaint --member M1
logc "smoke detector chirping" --outcome resolved --member M1
logc "COFFEE for the family" --outcome assisted --customer-name "Ann Customer" \
    --customer-phone 555-0100
is "$n" "11" "11 contacts logged at both ends, with the same ids"
both --as S1 review 10 --sign-off --note "good catch on the detector"
bstatus 0 "a sign-off with a note, at both ends"
both --as S1 review 9 --note "debriefed: explained the siren test"
bstatus 0 "a debrief, at both ends"
both --as S1 review 7 --sign-off
bstatus 0 "a sign-off without a note"

# ---- search: the same ids at both ends ---------------------------------------
ids() { tail -n +2 "$1" | cut -d, -f1 | tr '\n' ' '; }
finds() { # SEARCH WANT: both ends give the ids WANT
	both --as S1 list --search "$1" --format csv --limit 0
	if [ "$brc" -ne 0 ]; then ok 1 "search '$1' runs at both ends (exit $brc)"; return; fi
	is "$(ids "$T/out")" "$(ids "$T/out.file")" "search '$1': the server's ids are the file's"
	is "$(ids "$T/out")" "$2" "search '$1': ids $2"
}
finds "smoke" "10 2 1 "
finds "SMOKE" "10 2 1 "
finds "alarm smoke" "2 1 "
finds "smoke-alarm" "2 1 "
finds "alarm-smoke" ""
finds "cafe" "1 "
finds "CAFÉ" "1 "
finds "cafés" ""
finds "lodz" ""
finds "łódź" "3 "
finds "strasse" ""
finds "straße" "3 "
finds "σοφια" "4 "
finds "ΣΟΦΊΑ" ""
finds "resume" "4 "
finds "naive" "7 "
finds "bob@example.com" "5 "
finds "example" "5 "
finds "v1.2" "5 "
finds "v1" "5 "
finds "e-mailed" "5 "
finds "mailed" "5 "
finds "emailed" ""
finds "words start" "6 "
finds "words-start" ""
finds "drove-them-home" "6 "
finds "detector" "10 "
finds "good-catch" "10 "
finds "siren test" "9 "
finds "smok" ""
finds "-" ""
finds "smoke -" "10 2 1 "
finds '"smoke alarm"' "2 1 "
finds "smoke OR dog" ""
finds "dog*" "8 "
finds "dog" "8 "

# Keyset pages, at both ends.
both --as S1 list --search "smoke" --format csv --limit 2
is "$(ids "$T/out")" "10 2 " "the first page of two"
is "$(cat "$T/err")" "$(cat "$T/err.file")" "pointing to the same next page as the file"
both --as S1 list --search "smoke" --format csv --limit 2 --after 2
is "$(ids "$T/out")" "1 " "the next page, after 2"
is "$(ids "$T/out.file")" "1 " "as on the file"

# A member searches only their own.
both --as M1 list --search "smoke" --format csv
is "$(ids "$T/out")" "10 " "a member finds only their own contacts"
is "$(ids "$T/out.file")" "10 " "as on the file"

# A note added later is found (the index kept by the server's triggers).
both --as S1 review 8 --commend "Excellent initiative with the spaniel"
bstatus 0 "a commendation with a note"
finds "spaniel" "8 "

# ---- the other filters ---------------------------------------------------------
filt() { # WANT WHAT OPTIONS...
	want=$1 what=$2
	shift 2
	both --as S1 list --format csv --limit 0 "$@"
	if [ "$brc" -ne 0 ]; then ok 1 "$what runs at both ends (exit $brc)"; return; fi
	is "$(ids "$T/out")" "$(ids "$T/out.file")" "$what: the server's ids are the file's"
	is "$(ids "$T/out")" "$want" "$what: ids $want"
}
filt "8 " "--not-empowered" --not-empowered
filt "7 " "--needs-debrief" --needs-debrief
filt "11 9 8 6 5 4 3 2 1 " "--unreviewed" --unreviewed
filt "8 " "--not-empowered with a search" --not-empowered --search dog
filt "" "--not-empowered with another search" --not-empowered --search smoke

# ---- reports: the same figures at both ends -----------------------------------------
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
logc "promised to check the hydrant" --outcome assisted --follow-up "$due"
logc "promised a leaflet" --outcome assisted --follow-up "$due" --member M1
both --as S1 followup done 1 --note "hydrant checked"
bstatus 0 "a follow-up done, at both ends"
today=$(date -u +%Y-%m-%d)
for who in S1 M1; do
	for by in kind channel outcome day empowered needs-met added-value question summary \
	    member added-value-by-member; do
		[ "$who" = M1 ] && case $by in member | added-value-by-member) continue ;; esac
		both --as "$who" report --by "$by" --format json
		if [ "$brc" -ne 0 ]; then ok 1 "report --by $by as $who runs at both ends (exit $brc)"; continue; fi
		if cmp -s "$T/out" "$T/out.file"; then ok 0 "report --by $by as $who: the server's figures are the file's"
		else ok 1 "report --by $by as $who: the server's figures are the file's"
			diff "$T/out.file" "$T/out" | head -20 | sed 's/^/#   /'; fi
	done
done
both --as S1 report --by outcome --format json --since "$today" --until "$today" --policy bsofr
cmp -s "$T/out" "$T/out.file"
ok $? "report over today, one policy: the same figures"
has "$T/out" '"complaint"' "counting today's contacts"
both --as S1 report --by kind --format json --until 2001-01-01
cmp -s "$T/out" "$T/out.file"
ok $? "report over days with no contact: the same (empty) figures"
has "$T/out" '[]' "none"
CSLOG_DB="$TERM_URL" cslog --as S1 report --by summary --format csv
has "$T/out" "follow-ups done on target,1,1" "the summary counts the follow-up done on target"
has "$T/out" "negative calls debriefed,1,2" "and one negative call of two debriefed"
CSLOG_DB="$TERM_URL" cslog --as M1 report --by member
status 77 "a member may not see figures member by member"
CSLOG_DB="$TERM_URL" cslog --as S1 report --by drills
status 0 "drills on a server too (tests/cli/pg_drills.sh)"
tok() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$TERM_URL" -c "$1" >"$T/psql" 2>&1; rc=$?; }
tok "SELECT * FROM cslog.report_counts((SELECT token FROM cslog.sign_in('M1', '')), 'kind', NULL, NULL, NULL, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the server refuses a member everyone's figures"
has "$T/psql" "only their own figures" "saying so"
tok "SELECT count(*) FROM cslog.agg"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role cannot read the aggregates directly"
tok "SELECT cslog.agg_bump(1, 'kind', 'forged', 100)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor bump them"

# Overdue: a follow-up past its limit (set by the database's owner: the
# log refuses one already past) is overdue at the server's clock.
CSLOG_DB="$TERM_URL" cslog --as S1 log --policy bsofr --kind recipient --channel phone \
    --outcome assisted --summary "promised a call back" --follow-up "$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')" \
    --follow-up-note "call about the permit"
status 0 "a contact with a follow-up, on the server"
FU=$(cat "$T/out")
CSLOG_DB="$TERM_URL" cslog --as S1 list --overdue --format csv
is "$(ids "$T/out")" "" "not overdue yet"
sql "UPDATE cslog.followup SET due_at = now() - interval '2 days',
     limit_at = now() - interval '1 day' WHERE contact_id = $FU" >/dev/null
CSLOG_DB="$TERM_URL" cslog --as S1 list --overdue --format csv
is "$(ids "$T/out")" "$FU " "past its limit at the server's clock: overdue"
CSLOG_DB="$TERM_URL" cslog --as S1 list --search permit --format csv
is "$(ids "$T/out")" "$FU " "the follow-up's note is searched"

# ---- customer data in bulk: supervisors, recorded ------------------------------
before=$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.protected-bulk'")
CSLOG_DB="$TERM_URL" cslog --as S1 list --include-protected --format csv --search coffee
status 0 "list --include-protected, as a supervisor"
has "$T/out" "Ann Customer" "gives the customer's name"
has "$T/out" "555-0100" "and phone"
after=$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.protected-bulk'")
is "$after" "$((before + 1))" "the server recorded the read"
is "$(sql "SELECT detail::jsonb ->> 'count' FROM cslog.audit WHERE action = 'read.protected-bulk' ORDER BY id DESC LIMIT 1")" \
    "1" "with the number of contacts read"
is "$(sql "SELECT a.badge FROM cslog.audit e JOIN cslog.member a ON a.id = e.actor_id WHERE action = 'read.protected-bulk' ORDER BY e.id DESC LIMIT 1")" \
    "S1" "and who read them"
CSLOG_DB="$TERM_URL" cslog --as S1 list --format csv --search coffee
lacks "$T/out" "Ann Customer" "without --include-protected, no customer data"
CSLOG_DB="$TERM_URL" cslog --as M1 list --include-protected --format csv
status 77 "a member may not list customer data"
tok "SELECT count(*) FROM cslog.contact_find((SELECT token FROM cslog.sign_in('M1', '')), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 10, false, false, false, NULL, false, false, false, false, true, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the server itself refuses a member customer data in bulk"
has "$T/psql" "may not list customer data" "saying so"
tok "SELECT count(*) FROM cslog.contact_search"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role cannot read the search index directly"
tok "SELECT cslog.fts_index(1)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor write it"

# ---- export: the server's is the file's ------------------------------------------
# The server's export, imported into a new file, exported again: the same
# bytes (CSV and JSON Lines, customer data included).
for fmt in csv jsonl; do
	CSLOG_DB="$TERM_URL" cslog --as S1 export --format "$fmt" --include-protected \
	    --output "$T/server.$fmt"
	status 0 "export --format $fmt on the server"
	has "$T/err" "exported as of audit event" "it names the head it was read at"
	F2="$T/again.$fmt.db"
	CSLOG_DB="$F2" cslog member add --badge S1 --name "Sam Super" --role supervisor \
	    --pin-stdin <"$T/pin"
	CSLOG_DB="$F2" cslog --as S1 import "$T/server.$fmt"
	status 0 "the server's $fmt export imports into a file"
	CSLOG_DB="$F2" cslog --as S1 export --format "$fmt" --include-protected \
	    --output "$T/file.$fmt"
	cmp -s "$T/server.$fmt" "$T/file.$fmt"
	ok $? "and that file's $fmt export is the server's, byte for byte"
done
has "$T/server.csv" "Ann Customer" "customer data exported with --include-protected"
CSLOG_DB="$TERM_URL" cslog --as M1 export --format csv
status 0 "a member exports their own"
lacks "$T/out" "hydrant" "not others' contacts"
has "$T/out" "leaflet" "but their own"

# ---- import: through COPY and the server's function, the file's export kept -------
# A file with amendments, customer data, answers and awkward text.
F3="$T/source.db"
CSLOG_DB="$F3" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$F3" cslog --as S1 member add --badge M5 --name "Max Fünf"
src() { CSLOG_DB="$F3" cslog --as S1 "$@"; }
src log --policy bsofr --kind recipient --channel on-scene --outcome complaint --member M5 \
    --summary "$(printf 'tab\there, "quotes", back\\slash\nand a second line, café')" \
    --customer-name "Zoë Customer" --customer-email "zoe@example.com"
src log --policy bsofr --kind recipient --channel phone --outcome resolved \
    --answers yes,no,yes,yes,yes,yes,yes --added-value "drove them to the shelter" \
    --summary "stranded at night"
is "$rc" "0" "logged"
src amend 1 --reason "wrong outcome" --outcome refused-service --summary "refused the ride"
src log --policy bsofr --kind recipient --channel on-scene --outcome assisted \
    --summary "lent a blanket" --needs-met yes
ok "$([ "$rc" -eq 0 ] && echo 0 || echo 1)" "a file with an amendment (exit $rc)"
src export --format csv --include-protected --output "$T/source.csv"
src export --format jsonl --include-protected --output "$T/source.jsonl"
pg_createdb pg cslog2 \
    >/dev/null 2>&1
DBA2="postgresql:///cslog2?host=$P&user=cslog_dba"
URL2="postgresql:///cslog2?host=$P&user=cslog_terminal"
cslog admin init-server "$DBA2" --badge S1 --name "Sam Super"
status 0 "a second database made cslog's"
CSLOG_DB="$URL2" cslog --as S1 import "$T/source.csv"
status 0 "import of the file's export into the server"
has "$T/err" "imported 4 contacts (1 member created)" "every contact, and the member it names"
for fmt in csv jsonl; do
	CSLOG_DB="$URL2" cslog --as S1 export --format "$fmt" --include-protected \
	    --output "$T/back.$fmt"
	cmp -s "$T/source.$fmt" "$T/back.$fmt"
	ok $? "the server's $fmt export is the file's, byte for byte"
done
CSLOG_DB="$URL2" cslog --as S1 verify
status 0 "the imported contacts verify (each has its audit event, chained)"
is "$(psql -X -q -A -t "$DBA2" -c "SELECT count(*) FROM cslog.audit WHERE action = 'contact.log' AND detail::jsonb ->> 'imported' = 'true' AND actor_id = 1")" \
    "4" "each an audit event of the importer's"
for by in outcome summary kind; do
	CSLOG_DB="$URL2" cslog --as S1 report --by "$by" --format json
	cp "$T/out" "$T/r.server"
	src report --by "$by" --format json
	cmp -s "$T/out" "$T/r.server"
	ok $? "report --by $by of the imported log: the file's figures (the amended version not counted)"
done
CSLOG_DB="$URL2" cslog --as S1 list --search "ride" --format csv
is "$(ids "$T/out")" "3 " "imported contacts are searched"
CSLOG_DB="$URL2" cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "after the import"
is "$(cat "$T/out")" "5" "a contact logged after the import takes the next id"

# Refused: ids in the log already (nothing imported), then --skip-bad.
n0=$(psql -X -q -A -t "$DBA2" -c "SELECT count(*) FROM cslog.contact")
CSLOG_DB="$URL2" cslog --as S1 import "$T/source.jsonl"
status 65 "importing the same contacts again is refused"
has "$T/err" "line 1: contact 1 is in the log already" "naming the line and why"
has "$T/err" "nothing was imported" "and nothing is"
is "$(psql -X -q -A -t "$DBA2" -c "SELECT count(*) FROM cslog.contact")" "$n0" "none written"
{ sed -n 2p "$T/source.jsonl"; sed -n 2p "$T/source.jsonl" | sed 's/^{"id":2,/{"id":9,/'; } \
    >"$T/mixed.jsonl"
CSLOG_DB="$URL2" cslog --as S1 import "$T/mixed.jsonl" --skip-bad
status 65 "--skip-bad: the bad one skipped (exit 65)"
has "$T/err" "1 bad record was skipped" "saying so"
is "$(psql -X -q -A -t "$DBA2" -c "SELECT count(*) FROM cslog.contact")" "$((n0 + 1))" \
    "the good one written"
printf 'id,at,member,policy,kind,channel,outcome,summary\n7,2026-01-01T00:00:00Z,S1,bsofr,nosuchkind,phone,resolved,x\n' \
    >"$T/bad.csv"
CSLOG_DB="$URL2" cslog --as S1 import "$T/bad.csv"
status 65 "a record its policy refuses: nothing imported"
CSLOG_DB="$URL2" cslog --as M5 import "$T/source.csv"
status 77 "a member may not import"
psql -X -q -A -t "$URL2" -c "INSERT INTO cslog.import_stage (line, at, badge, policy_id,
    policy_version, kind, channel, summary, negative) VALUES (1, 0, 'S1', 'bsofr', '1', 'k',
    'c', 'staged behind cslog''s back', false)" >/dev/null 2>&1
is "$(psql -X -q -A -t "$DBA2" -c "SELECT count(*) FROM cslog.contact WHERE summary LIKE 'staged%'")" \
    "0" "a row staged by hand is no contact"
tok2() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$URL2" -c "$1" >"$T/psql" 2>&1; rc=$?; }
tok2 "SELECT count(*) FROM cslog.import_stage"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role cannot read what is staged"
tok2 "SELECT * FROM cslog.import_commit((SELECT token FROM cslog.sign_in('M5', '')))"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the server refuses a member the import"
has "$T/psql" "may not import" "saying so"
CSLOG_DB="$URL2" cslog --as S1 verify
status 0 "it all still verifies"

# ---- a word in a thousand contacts and more (part search-rare) ---------------
# Under 1,000 contacts a word's ids come from the GIN index first; from
# 1,000 on the id index is walked until the page is full.  Both ways give
# the file's pages: 1,050 contacts that say "lighthouse", one of them
# "kayak" too, imported at both ends.  (Their ids may differ by the
# numbers a refused write used up on the server: compared by summary.)
CSLOG_DB="$FILE" cslog --as S1 export --format csv
head -1 "$T/out" >"$T/many.csv"
sed -n 2p "$T/out" | cut -d, -f2-10 >"$T/row"
k=0
while [ "$k" -lt 1050 ]; do
	w=""
	[ "$k" -eq 700 ] && w=" kayak"
	printf ',%s,Lighthouse visit %d%s,,,,,,,,,,,,,\n' "$(cat "$T/row")" "$k" "$w"
	k=$((k + 1))
done >>"$T/many.csv"
both --as S1 import "$T/many.csv"
bstatus 0 "1,050 contacts imported at both ends"
says() { tail -n +2 "$1" | cut -d, -f11 | tr '\n' '|'; }
pages() { # WHAT SEARCH [OPTIONS]: both ends' page of 60, the same contacts
	_w=$1
	shift
	both --as S1 list --format csv --limit 60 "$@"
	is "$(says "$T/out")" "$(says "$T/out.file")" "$_w"
}
pages "a word in 1,050 contacts: the first page the file's (the id index walked)" \
    --search lighthouse
is "$(says "$T/out" | cut -d'|' -f1,60)" "Lighthouse visit 1049|Lighthouse visit 990" \
    "newest first, 60 of them"
fl=$(tail -1 "$T/out.file" | cut -d, -f1)
sl=$(tail -1 "$T/out" | cut -d, -f1)
CSLOG_DB="$FILE" cslog --as S1 list --format csv --limit 60 --search lighthouse --after "$fl"
cp "$T/out" "$T/out.file"
CSLOG_DB="$URL" cslog --as S1 list --format csv --limit 60 --search lighthouse --after "$sl"
is "$(says "$T/out")" "$(says "$T/out.file")" "and the page after it"
pages "a word in one of them: the file's (from the GIN index)" --search "lighthouse kayak"
is "$(says "$T/out")" "Lighthouse visit 700 kayak|" "that one contact"
both --as S1 list --search lighthouse --format csv --limit 0
is "$(tail -n +2 "$T/out" | wc -l)" "1050" "all 1,050 at the server, without a limit"

done_testing
