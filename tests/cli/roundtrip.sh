#!/bin/sh
# roundtrip.sh - export -> import into a new database -> export again gives
# the same bytes (CSV and JSON Lines, with and without protected fields);
# bad import files are refused with "line N:" and change nothing.
# On a server (CSLOG_TEST_BACKEND=pg) the four databases are four of the
# cluster's: A the suite's own, B, C and D made beside it (CREATE
# DATABASE, admin init-server); 30 contacts there, each a process that
# connects and signs in (every case of log_one below still comes up).
. "$(dirname "$0")/../lib.sh"

export CSLOG_PIN=1234 CSLOG_AS=sup
if on_file; then
	A=$T/a.db B=$T/b.db C=$T/c.db D=$T/d.db
else
	# (tests/lib.sh: the suite's database $_pgdb on the server at $PG_HOST)
	A=$CSLOG_DB
	for x in b c d; do
		eval "$(echo "$x" | tr a-z A-Z)=\"postgresql:///${_pgdb}_$x?host=$PG_HOST&user=cslog_terminal\""
	done
fi
# A few hundred contacts; fewer under the sanitizers and valgrind, where
# each process costs ten times as much (the suite stays near a minute).
N=200
[ -n "${ASAN_OPTIONS:-}" ] && N=60
[ -n "${CSLOG_VALGRIND:-}" ] && N=15
on_file || N=30
N=${ROUNDTRIP_CONTACTS:-$N}

# cslog_in FILE ARGS: cslog with standard input from FILE.
cslog_in() {
	_in=$1
	shift
	if [ -n "${CSLOG_VALGRIND:-}" ]; then
		(cd "$SRC" && valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect,possible \
		    "$CSLOG_BIN" "$@") <"$_in" >"$T/out" 2>"$T/err"
	else
		(cd "$SRC" && "$CSLOG_BIN" "$@") <"$_in" >"$T/out" 2>"$T/err"
	fi
	rc=$?
}

# new_db PATH: a database whose only member is supervisor "sup" (PIN 1234).
# On a server: A, the suite's, made by its first cslog (tests/lib.sh);
# another, made on the same server and given to init-server.
new_db() {
	echo 1234 >"$T/pin"
	if on_file; then
		cslog_in "$T/pin" --db "$1" member add --badge sup --name "Sam Super" \
		    --role supervisor --pin-stdin
	elif [ "$1" = "$A" ]; then
		cslog member add --badge sup --name "Sam Super" --role supervisor --pin-stdin \
		    <"$T/pin"
	else
		_name=$(printf '%s' "$1" | sed 's|^postgresql:///\([^?]*\)?.*|\1|')
		psql -X -q "postgresql:///postgres?host=$PG_HOST&user=cslog_dba" \
		    -c "CREATE DATABASE \"$_name\"" >"$T/err" 2>&1 &&
		    cslog admin init-server "postgresql:///$_name?host=$PG_HOST&user=cslog_dba" \
		    --badge sup --name "Sam Super"
	fi
}

# ---- database A: members without PINs, then N varied contacts
new_db "$A"
status 0 "first supervisor of A"
for m in "m1|Ann O'Neil" "m2|Doe, Jane" "m3|Zoë Ünïcode 日本" 'm4|Bob "Bobby" Tables' "m5|Eve"; do
	cslog --db "$A" member add --badge "${m%%|*}" --name "${m#*|}" --as sup
	[ "$rc" -eq 0 ] || break
done
status 0 "five members without PINs"

nl='
'
summary() { # i: a summary with commas, quotes, line breaks, unicode, escapes
	case $(($1 % 6)) in
	0) printf 'Plain summary %d' "$1" ;;
	1) printf 'Comma, "quotes", and ""more"" %d' "$1" ;;
	2) printf 'Line one %d\nline two\n\nline four' "$1" ;;
	3) printf 'Ünïcode — 日本語 ✓ %d' "$1" ;;
	4) printf 'CRLF inside %d\r\nsecond line' "$1" ;;
	5) printf 'Tab\there, an escape \033[31mred\033[0m and a bell\a %d' "$1" ;;
	esac
}

log_one() { # i
	i=$1
	set -- --db "$A" log --as "m$((i % 5 + 1))" --at "$(printf '2026-03-%02dT%02d:%02d:00Z' \
	    $((i % 28 + 1)) $((i % 24)) $((i % 60)))"
	if [ $((i % 2)) -eq 0 ]; then set -- "$@" --policy phoenix; else set -- "$@" --policy bsofr; fi
	case $((i % 4)) in
	0) set -- "$@" --kind recipient ;; 1) set -- "$@" --kind close ;;
	2) set -- "$@" --kind encountered ;; 3) set -- "$@" --kind internal ;;
	esac
	case $((i % 6)) in
	0) set -- "$@" --channel on-scene ;; 1) set -- "$@" --channel phone ;;
	2) set -- "$@" --channel voice-mail ;; 3) set -- "$@" --channel written ;;
	4) set -- "$@" --channel in-person ;; 5) set -- "$@" --channel email ;;
	esac
	case $((i % 7)) in
	0) set -- "$@" --outcome resolved ;;
	1) set -- "$@" --outcome assisted ;;
	2) set -- "$@" --outcome referred --referral-to "Red Cross, local chapter" \
	    --referee-contacted "$( [ $((i % 2)) -eq 0 ] && echo yes || echo no)" ;;
	3) set -- "$@" --outcome declined-with-appeal --decision 'No refund, per "rule" 4' \
	    --appeal "Write to the Chief${nl}within 30 days" ;;
	4) set -- "$@" --outcome could-not-reach ;;
	5) set -- "$@" --outcome refused-service ;;
	6) set -- "$@" --outcome complaint ;;
	esac
	case $((i % 3)) in
	0) set -- "$@" --needs-met yes ;; 1) set -- "$@" --needs-met no ;;
	esac
	if [ $((i % 3)) -eq 0 ]; then
		if [ $((i % 9)) -eq 0 ]; then a=yes,yes,no,yes,yes,yes,yes; else a=yes,yes,yes,yes,yes,yes,yes; fi
		set -- "$@" --added-value "Fetched a blanket, \"warm\" one" --answers "$a"
	fi
	[ $((i % 4)) -eq 0 ] && set -- "$@" --standard professional,educate
	if [ $((i % 2)) -eq 0 ]; then
		set -- "$@" --customer-name "Renée O'Hara, Jr." --customer-phone "+1 555 01$i" \
		    --customer-address "12 Elm St, Apt \"3\"${nl}Springfield" \
		    --customer-email "c$i@example.org"
	fi
	[ $((i % 5)) -eq 0 ] && set -- "$@" --call "call-$((i / 5))"
	# Contacts of March entered now, as from paper: their follow-ups
	# may be past due already.
	[ $((i % 7)) -eq 0 ] && set -- "$@" --follow-up 2026-04-02T10:00:00Z \
	    --follow-up-note "ring back" --from-paper
	summary "$i" >"$T/summary"
	cslog_in "$T/summary" "$@" --summary -
}

bad=0
i=1
while [ "$i" -le "$N" ]; do
	log_one "$i"
	if [ "$rc" -ne 0 ] || [ "$(cat "$T/out")" != "$i" ]; then
		bad=$((bad + 1))
		[ "$bad" -le 3 ] && sed "s/^/# contact $i: /" "$T/err"
	fi
	i=$((i + 1))
done
is "$bad" 0 "$N contacts logged through cslog log"

# Amendments, some of them amended again.
cslog --db "$A" amend --help
if [ "$rc" -eq 0 ]; then
	amended=0
	for i in 3 9 14 20 27 33 40 41; do
		[ "$i" -le "$N" ] || continue
		cslog --db "$A" amend "$i" --as "m$((i % 5 + 1))" --reason "Typo, \"oops\"" \
		    --summary "Amended $i, with a comma"
		[ "$rc" -eq 0 ] || break
		amended=$((amended + 1))
		if [ $((i % 3)) -eq 0 ]; then
			cslog --db "$A" amend "$(cat "$T/out")" --as "m$((i % 5 + 1))" \
			    --reason "second thoughts" --outcome referred --referral-to "Salvation Army" \
			    --referee-contacted yes
			[ "$rc" -eq 0 ] || break
			amended=$((amended + 1))
		fi
	done
	status 0 "amendments and amendments of amendments"
else
	amended=0
	echo "# cslog amend is not there: amendments skipped"
fi
# Cells a spreadsheet would run as formulas (OWASP's CSV injection list):
# = + - @, a tab, a CR, and ' itself.
formulas=0
for f in '=HYPERLINK("http://evil.example","click")' '+1+2' '-2+3' '@SUM(A1:A9)' \
    "$(printf '\tTab first')" "$(printf '\rCR first')" "'quoted first"; do
	printf '%s' "$f" >"$T/summary"
	cslog_in "$T/summary" --db "$A" log --as m1 --policy bsofr --kind recipient \
	    --channel phone --outcome resolved --at 2026-03-29T10:00:00Z --summary -
	[ "$rc" -eq 0 ] || break
	formulas=$((formulas + 1))
done
is "$formulas" 7 "contacts whose summaries start like formulas"
total=$((N + amended + formulas))

# ---- exports of A
cslog --db "$A" export --include-protected --output "$T/a.csv"
status 0 "export csv --include-protected --output"
is "$(stat -c %a "$T/a.csv")" 600 "the export file is 0600"
cslog --db "$A" export --format jsonl --include-protected --output "$T/a.jsonl"
status 0 "export jsonl --include-protected"
is "$(wc -l <"$T/a.jsonl" | tr -d ' ')" "$total" "one JSON line per contact version"
cslog --db "$A" export
status 0 "export csv to standard output"
cp "$T/out" "$T/a-plain.csv"
cslog --db "$A" export --format jsonl
cp "$T/out" "$T/a-plain.jsonl"
has "$T/a.csv" "c2@example.org" "--include-protected exports the e-mail"
has "$T/a.csv" "Renée O'Hara, Jr." "--include-protected exports the customer's name"
has "$T/a.jsonl" "\"customer_phone\":\"+1 555 012\"" "JSON Lines with protected fields"
lacks "$T/a-plain.csv" "example.org" "no protected value without --include-protected (csv)"
lacks "$T/a-plain.csv" "customer_name" "no protected column without --include-protected"
lacks "$T/a-plain.jsonl" "example.org" "no protected value without --include-protected (jsonl)"
lacks "$T/a-plain.jsonl" "customer_" "no protected key without --include-protected"
has "$T/a.csv" '"Comma, ""quotes"", and """"more"""" 1"' "CSV quotes per RFC 4180"
has "$T/a.csv" ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"," \
    "a cell starting with = gets a ' before it"
for f in "'+1+2," "'-2+3," "'@SUM(A1:A9)," "$(printf "'\tTab first,")" "''quoted first,"; do
	has "$T/a.csv" ",$f" "the cell $f is marked against spreadsheets"
done
has "$T/a.csv" "$(printf '"\047\rCR first"')" "a cell starting with CR is marked too"
has "$T/a.csv" ",'+1 555 012," "a phone number starting with + is marked"
has "$T/a.jsonl" '"summary":"=HYPERLINK(' "JSON Lines keeps the text as it is"
if [ "$amended" -gt 0 ]; then
	has "$T/a.csv" "Amended 3, with a comma" "amendments are exported"
fi

# ---- CSV: import into B, export again
new_db "$B"
cslog --db "$B" import "$T/a.csv" --as sup
status 0 "import the CSV export into a new database"
has "$T/err" "imported $total contacts (5 members created)" "import summary"
cslog --db "$B" export --include-protected --output "$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv"
ok $? "export -> import -> export (csv, protected): byte-identical"
cslog --db "$B" export
cmp -s "$T/a-plain.csv" "$T/out"
ok $? "export -> import -> export (csv, no protected): byte-identical"
cslog --db "$B" export --format jsonl --include-protected
cmp -s "$T/a.jsonl" "$T/out"
ok $? "CSV import -> JSON Lines export equals the original JSON Lines"

# ---- JSON Lines: import into C, export again
new_db "$C"
cslog --db "$C" import "$T/a.jsonl" --as sup
status 0 "import the JSON Lines export into a new database"
cslog --db "$C" export --format jsonl --include-protected --output "$T/c.jsonl"
cmp -s "$T/a.jsonl" "$T/c.jsonl"
ok $? "export -> import -> export (jsonl, protected): byte-identical"
cslog --db "$C" export --format jsonl
cmp -s "$T/a-plain.jsonl" "$T/out"
ok $? "export -> import -> export (jsonl, no protected): byte-identical"

# An export without protected fields imports too (they are simply absent).
new_db "$D"
cslog --db "$D" import "$T/a-plain.csv" --as sup
status 0 "import an export without protected fields"
cslog --db "$D" export --include-protected
lacks "$T/out" "example.org" "nothing protected appears from nowhere"

# ---- bad files: exit 65, "line N:", nothing changes
cslog --db "$D" export --include-protected --output "$T/d-before.csv"
cslog --db "$D" member list
cp "$T/out" "$T/d-members"
H='member,at,policy,kind,channel,outcome,summary'
row() { printf '%s,2026-03-02T10:00:00Z,phoenix,recipient,phone,resolved,%s\n' "$1" "$2"; }

# (plain: the export and the member list ran under valgrind above; after
# each refusal they only read back.)
unchanged() { # what
	plain --db "$D" export --include-protected
	cmp -s "$T/d-before.csv" "$T/out"
	ok $? "$1: the log is unchanged"
	plain --db "$D" member list
	cmp -s "$T/d-members" "$T/out"
	ok $? "$1: no member was added"
}

# On a server (time: each read a process that connects and signs in) the
# log is read back after the refusals the server itself judges (a kind
# the policy refuses, ids taken, the escapes), and once after them all;
# the reader's refusals come before the server is asked.
refused() { # file line what [server]
	cslog --db "$D" import "$1" --as sup
	cp "$T/err" "$T/ierr"
	status 65 "$3"
	has "$T/ierr" "cslog: line $2: " "$3: reported at line $2"
	if on_file || [ -n "${4:-}" ]; then unchanged "$3"; fi
}

{ echo "$H"; row new1 fine; row new2 x | sed 's/recipient/nosuchkind/'; } >"$T/kind.csv"
refused "$T/kind.csv" 3 "an unknown customer kind" server
has "$T/ierr" "nothing was imported" "the file with an error imports nothing"
{ echo "$H"; row new1 x | sed 's/2026-03-02T10:00:00Z/2026-02-30 25:61/'; } >"$T/date.csv"
refused "$T/date.csv" 2 "a bad date"
{ echo "$H"; row new1 '"two'; echo 'lines"'; row new1 '"never closed'; row new2 x; } \
    >"$T/quote.csv"
refused "$T/quote.csv" 4 "an unterminated quote"
has "$T/ierr" "never closed" "the unterminated quote is named"
{ echo "$H"; row new1 'a "bare" quote'; } >"$T/bare.csv"
refused "$T/bare.csv" 2 "a bare quote in an unquoted field"
{ echo "$H"; row new1 "$(printf 'bad \377 byte')"; } >"$T/utf8.csv"
refused "$T/utf8.csv" 2 "invalid UTF-8"
{ echo "$H"; row new1 fine; printf 'new2,2026-03-02T10:00:00Z,phoenix,recipient,phone,resolved,a\000b\n'; } \
    >"$T/nul.csv"
refused "$T/nul.csv" 3 "a NUL byte"
{ echo "$H"; printf 'new1,2026-03-02T10:00:00Z,phoenix,recipient,phone,resolved,'
  head -c 1048576 /dev/zero | tr '\0' a; echo; } >"$T/big.csv"
refused "$T/big.csv" 2 "a 1 MB summary"
has "$T/ierr" "too long" "the 1 MB summary is too long"
{ echo "$H,colour"; row new1 fine; } >"$T/column.csv"
refused "$T/column.csv" 1 "an unknown column"
{ row new1 fine; } >"$T/noheader.csv"
refused "$T/noheader.csv" 1 "a missing header"
: >"$T/empty.csv"
refused "$T/empty.csv" 1 "an empty CSV file"
{ head -1 "$T/a-plain.jsonl" | sed 's/"id":1,/"id":100001,/'; echo '{"id": 2, oops'; } >"$T/bad.jsonl"
refused "$T/bad.jsonl" 2 "a line that is not JSON"
{ echo "$H"; row new1 "$(printf 'kind \033[2J\033]0;pwned\a')" | sed 's/recipient/x\x1b[2Jy/'; } \
    >"$T/esc.csv"
refused "$T/esc.csv" 2 "escape sequences in a bad record" server
if grep -q "$(printf '\033')" "$T/ierr"; then ok 1 "escape sequences reach stderr neutralised"
else ok 0 "escape sequences reach stderr neutralised"; fi
refused "$T/a.csv" 2 "the same contacts again (ids taken)" server
if on_file; then taken="is taken"; else taken="is in the log already"; fi
has "$T/ierr" "$taken" "a taken id is named"

on_file || unchanged "after every refusal"

# --skip-bad keeps the good records, still exit 65.
cslog --db "$D" import "$T/kind.csv" --skip-bad --as sup
status 65 "--skip-bad with a bad record"
has "$T/err" "cslog: line 3: " "--skip-bad reports the bad record"
has "$T/err" "imported 1 contact (1 member created)" "--skip-bad imports the good one"
cslog --db "$D" member list
has "$T/out" "new1" "--skip-bad created the good record's member"

# Usage and permissions.
cslog --db "$D" import "$T/nosuch.csv" --as sup
status 66 "import of a missing file"
cp "$T/kind.csv" "$T/kind.txt"
cslog --db "$D" import "$T/kind.txt" --as sup
status 64 "a file name that says no format"
cslog --db "$D" import "$T/a.csv" --as new1
status 77 "only a supervisor may import"
cslog --db "$D" import --as sup
status 64 "import without a file"
cslog --db "$D" export --format xml
status 64 "export in an unknown format"
cslog --db "$D" export --output "$T/no/such/dir/x.csv"
status 73 "export into a missing directory"
cslog import --help
status 0 "import --help"
cslog export --help
status 0 "export --help"

done_testing
