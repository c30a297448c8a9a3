#!/bin/sh
# survey.sh - cslog survey: responses added one by one and imported from
# a survey tool's CSV (its question texts mapped to the policy's
# questions), every row checked like a response added by hand and
# nothing kept unless all are good (or --skip-bad): a wrong header, an
# unknown question, a score out of range, invalid UTF-8, a 10 MB comment;
# comments a privacy class of their own, read by supervisors only, every
# read audited, a restricted one never in a list; the reports.
. "$(dirname "$0")/../lib.sh"

export CSLOG_PIN=1234 CSLOG_NOW="1790000000:$(date +%s)"   # 2026-09-21, a running clock
printf '1234\n' >"$T/pin"
plain member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
printf '1234\n' >"$T/pin"
plain member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin --as S1 <"$T/pin"
plain member add --badge M1 --name "Mia Member" --as S1
plain member add --badge M2 --name "Max Other" --as S1
for who in M1 M1 M2; do
	plain log --as S1 --member "$who" --policy bes --kind customer --channel phone \
	    --outcome resolved --summary "a call" --call "CAD-$who"
done
status 0 "three contacts: 1 and 2 of M1, 3 of M2"

# ---- one by one
cslog survey add --as S1 --contact 1 --answer overall=5 --answer courtesy=4 \
    --answer needs-met=yes --comment "Mia was kind" --source card
status 0 "a response about contact 1, from a comment card"
is "$(cat "$T/out")" 1 "its id"
is "$(sqlite3 "$CSLOG_DB" "select policy_id, source, contact_id from survey where id = 1")" \
    "bes|card|1" "under the contact's policy"
is "$(sqlite3 "$CSLOG_DB" "select group_concat(question_id || '=' || score, ' ') \
    from survey_answer where survey_id = 1")" "overall=5 courtesy=4 needs-met=1" "its answers"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey_comment")" 1 "the comment, apart"
cslog survey add --as S1 --call CAD-M2 --answer overall=2 --source callback
status 0 "by call reference"
is "$(sqlite3 "$CSLOG_DB" "select contact_id from survey where id = 2")" 3 "linked to its contact"
cslog survey add --as S1 --policy bes --answer overall=7
status 65 "a score out of range"
has "$T/err" "question overall takes 1 to 5, not 7" "says so"
cslog survey add --as S1 --policy bes --answer sparkle=3
status 65 "an unknown question"
has "$T/err" "'sparkle' is not a survey question of policy bes" "says so"
cslog survey add --as S1 --policy bes --answer needs-met=4
status 65 "a yes-no question given a number"
cslog survey add --as S1 --answer overall=4
status 64 "no policy and no contact"
cslog survey add --as S1 --contact 99 --answer overall=4
status 66 "no such contact"
plain survey add --as M1 --contact 1 --answer overall=5
status 77 "a member may not enter responses about themselves"
plain survey add --as T1 --policy bes --answer overall=5
status 77 "nor may a trainer"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey")" 2 "nothing more was kept"

# ---- import: a survey tool's export, its headers mapped
cat >"$T/map.csv" <<'EOF'
header,question
How satisfied were you overall?,overall
Was our staff courteous?,courtesy
Did we meet your needs?,needs-met
Your comments,comment
Response ID,ref
Submitted,at
EOF
cat >"$T/good.csv" <<'EOF'
Response ID,Submitted,How satisfied were you overall?,Was our staff courteous?,Did we meet your needs?,contact,Your comments
R-1,2026-09-20 10:00,5,5,Yes,1,"Quick, and they called back"
R-2,2026-09-20 11:00,4,,yes,2,
R-3,2026-09-20 12:00,1,2,No,3,Nobody called back
R-4,2026-09-20 13:00,3,4,,,
EOF
cslog survey import "$T/good.csv" --map "$T/map.csv" --policy bes --as S1
status 0 "a good export imports"
has "$T/out" "4 responses imported" "all four"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey where source = 'tool'")" 4 "kept as from a tool"
at=at
on_file || at="extract(epoch from at)::bigint"   # a server's time is a timestamp
is "$(sqlite3 "$CSLOG_DB" "select contact_id || ',' || ref || ',' || $at from survey \
    where ref = 'R-3'")" "3,R-3,1789905600" "linked, its id and time kept"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey_answer a join survey s \
    on s.id = a.survey_id where s.ref = 'R-2'")" 2 "a question left blank is not answered"
plain survey import "$T/good.csv" --map "$T/map.csv" --policy bes --as S1
status 65 "the same file again"
has "$T/err" "good.csv:2: response 'R-1' is already kept (imported before?)" "refused by its ids"

# A header cslog cannot place: nothing is read.
sed '1s/$/,Favourite colour/; 2,$s/$/,blue/' "$T/good.csv" | sed 's/R-/W-/' >"$T/header.csv"
cslog survey import "$T/header.csv" --map "$T/map.csv" --policy bes --as S1
status 65 "a wrong header"
has "$T/err" "header.csv:1: column 8, 'Favourite colour', is not a survey question: map it to" \
    "names the column"
has "$T/err" "nothing was imported" "and that nothing was"
# A map naming a question the policy does not have.
printf 'header,question\nHow satisfied were you overall?,sparkle\n' >"$T/badmap.csv"
cslog survey import "$T/good.csv" --map "$T/badmap.csv" --as S1
status 65 "a map to an unknown question"
has "$T/err" "badmap.csv:2: 'sparkle' is not a survey question" "names the line of the map"
printf 'question,header\n' >"$T/nomap.csv"
cslog survey import "$T/good.csv" --map "$T/nomap.csv" --as S1
status 65 "a map without its header row"
# Bad rows: each named by line; nothing kept.
cat >"$T/bad.csv" <<'EOF'
ref,overall,courtesy,needs-met,comment
B-1,5,5,yes,fine
B-2,7,5,yes,out of range
B-3,4,four,no,not a number
B-4,4,4,maybe,not yes or no
B-5,4,4,yes,fine too
EOF
printf 'B-6,4,4,yes,bad \377\376 bytes\n' >>"$T/bad.csv"
cslog survey import "$T/bad.csv" --policy bes --as S1
status 65 "bad rows"
has "$T/err" "bad.csv:3: overall: '7' is not on the scale 1 to 5" "a score out of range, by line"
has "$T/err" "bad.csv:4: courtesy: 'four' is not on the scale 1 to 5" "not a number"
has "$T/err" "bad.csv:5: needs-met: 'maybe' is not yes or no" "not yes or no"
has "$T/err" "bad.csv:7: not valid UTF-8 text" "invalid UTF-8"
has "$T/err" "4 bad rows: nothing was imported" "nothing kept"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey where ref like 'B-%'")" 0 "none of them"
plain verify --as S1
status 0 "the import refused, the chain still reaches its anchors (none was left for the rows)"
cslog survey import "$T/bad.csv" --policy bes --skip-bad --as S1
status 65 "--skip-bad keeps the good rows (and still says some were bad)"
has "$T/out" "2 responses imported" "the two good ones"
is "$(sqlite3 "$CSLOG_DB" "select group_concat(ref) from survey where ref like 'B-%'")" \
    "B-1,B-5" "B-1 and B-5"
# A contact number past 2^53 - 1 is refused as it is, never clamped.
printf 'contact,overall\n99999999999999999999,5\n9007199254740992,4\n' >"$T/big.csv"
cslog survey import "$T/big.csv" --policy bes --as S1
status 65 "contact numbers out of range"
has "$T/err" "big.csv:2: contact: 99999999999999999999 is outside 1 to 2^53 - 1" \
    "named as written"
has "$T/err" "big.csv:3: contact: 9007199254740992 is outside" "2^53 too"
# A 10 MB comment is one bad row, not a crash.
{
	echo "ref,overall,comment"
	printf 'H-1,5,'
	head -c 10485760 /dev/zero | tr '\0' 'x'
	printf '\nH-2,4,short\n'
} >"$T/huge.csv"
cslog survey import "$T/huge.csv" --policy bes --as S1
status 65 "a 10 MB comment"
has "$T/err" "huge.csv:2: the comment is too long (10485760 bytes, at most 65536)" "says so"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from survey where ref like 'H-%'")" 0 \
    "nothing kept"
: >"$T/empty.csv"
cslog survey import "$T/empty.csv" --policy bes --as S1
status 65 "an empty file"
plain survey import "$T/good.csv" --map "$T/map.csv" --as T1
status 77 "a trainer may not import"

# ---- comments: supervisors only, every read audited
cslog survey list --as S1
status 0 "survey list"
lacks "$T/out" "Mia was kind" "no comment without asking"
cslog survey list --as S1 --include-comments
has "$T/out" "Mia was kind" "a supervisor's asks for them"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from audit where action = 'read.comment-bulk'")" 1 \
    "the read is an audit event"
count="json_extract(detail, '\$.count')"
on_file || count="detail::json->>'count'"   # a server's detail: the same JSON, as text
is "$(sqlite3 "$CSLOG_DB" "select $count from audit \
    where action = 'read.comment-bulk'")" 5 "holding how many comments were read"
cslog survey list --as M1
status 0 "a member lists the responses about their contacts"
is "$(grep -c '^ *[0-9]' "$T/out")" 3 "three: contacts 1 and 2, by hand and imported"
lacks "$T/out" "CAD" "no others'"
plain survey list --as M1 --include-comments
status 77 "a member may not read the comments, even about their own contacts"
cslog survey show 1 --as S1 --include-comment
has "$T/out" "Comment:  Mia was kind" "one response with its comment"
is "$(sqlite3 "$CSLOG_DB" "select actor_id || ':' || entity_id from audit \
    where action = 'read.comment'")" "1:1" "that read is an audit event too"
plain survey show 1 --as T1 --include-comment
status 77 "a trainer may not read a comment"
plain survey show 2 --as M1
status 77 "a member may not see a response about another's contact"

# A policy whose comments are restricted: never in a list; not-kept: refused.
mkdir -p "$T/pol"
cp "$SRC/policies/measures.yaml" "$T/pol/"
sed 's/^    customer-email: protected$/    customer-email: protected\n    survey-comment: restricted/' \
    "$SRC/policies/bes.yaml" >"$T/pol/bes.yaml"
grep -q 'survey-comment: restricted' "$T/pol/bes.yaml"
ok $? "a copy of BES with restricted comments"
cslog --policies "$T/pol" survey list --as S1 --include-comments
status 0 "listed"
lacks "$T/out" "Mia was kind" "a restricted comment is not in the list"
has "$T/out" "(comment withheld: restricted)" "it says it is withheld"
has "$T/err" "comments withheld" "and why, on stderr"
cslog --policies "$T/pol" survey show 1 --as S1 --include-comment
has "$T/out" "Mia was kind" "shown one at a time"
sed -i 's/survey-comment: restricted/survey-comment: not-kept/' "$T/pol/bes.yaml"
cslog --policies "$T/pol" survey add --as S1 --contact 1 --answer overall=5 --comment "Hi"
status 65 "a comment the policy does not keep"
has "$T/err" "survey comment: policy bes does not keep it (privacy class not-kept)" "says so"
cslog --policies "$T/pol" policy show bes
has "$T/out" "survey comments: privacy class not-kept" "policy show gives the class"

# ---- reports
cslog report --by satisfaction --as S1
status 0 "satisfaction by question"
# overall: 5 2 5 4 1 3 5 4: five of eight 4 or 5, mean 29/8
has "$T/out" "overall                        8         5   62.5  30.6-86.3   3.63  2.58-4.67   too few responses" \
    "overall: 5 of 8 satisfied, the mean, both with 95 % intervals; too few"
cslog report --by satisfaction-member --as S1
has "$T/out" "M1                             3         3  100.0" "by member (linked responses)"
has "$T/out" "M2                             2         0    0.0" "M2's two"
plain report --by satisfaction-member --as M1
status 77 "figures member by member are not a member's"
cslog report --by satisfaction --as M1
has "$T/out" "overall                        3         3  100.0" \
    "a member's own: the responses about their contacts"
cslog report --by response-rate --as S1
has "$T/out" "responses                        8         3  266.7" "responses per contact"
has "$T/out" "linked                           5         3  166.7" "those about a contact"
cslog report --by satisfaction-month --as S1 --format csv
file_only "the responses' month is the server's clock there, not CSLOG_NOW (docs/postgresql.md)" &&
    has "$T/out" "2026-09,5,8,62.5,30.6,86.3,3.63,2.58,4.67,yes" "as CSV"
plain verify --as S1
status 0 "verify: the responses are intact"

# (last: it adds a response the figures above do not count)
printf 'ref,overall\nS-1,5\n' >"$T/one.csv"
cslog survey import "$T/one.csv" --policy bes --as S1
is "$(cat "$T/out")" "1 response imported" "one response is said in the singular"

done_testing
