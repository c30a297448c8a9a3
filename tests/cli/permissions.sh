#!/bin/sh
# permissions.sh - the permission table of docs/security.md, written by
# hand as a document, held against what the binary does: every command of
# the table run as a member, a trainer, a supervisor and an evaluator (on
# their own records and on another member's), as nobody, with a wrong PIN
# and while locked, each on a fresh copy of one database.  "77" must be refused as
# not allowed (exit 77); "ok" must not be (exit neither 77 nor 64: a 64
# would mean the table's command line is wrong).
# On a server a copy of a database costs a second or more (CREATE
# DATABASE, DROP DATABASE), so the cells run on the one database, in an
# order where none undoes another: set-pin and unlock last, the locked
# column's unlock before the supervisors'; the wrong PIN is given for a
# supervisor of its own (SW, locked after five, as it should be).  And
# only a quarter of the cells run there, every row and every column
# among them (CSLOG_PERMISSIONS_ALL=1: all of them, a minute or more).  One
# answer is a server's own: backup and restore are not there at all
# (exit 69, for everyone: pg_dump's).  Another's contact or follow-up is
# refused there as on a file (77; tests/cli/others.sh holds every such
# command to the file's words on both).
. "$(dirname "$0")/../lib.sh"

DOC=$SRC/docs/security.md
if on_file; then
	TPL=$T/template.db
	export CSLOG_DB="$TPL"
else
	TPL=$CSLOG_DB   # the server's database (tests/lib.sh)
fi
export CSLOG_PIN=1234
unset CSLOG_AS

# ---- the database every cell starts from (never under valgrind: the
# cells themselves run the binary plainly, and the fixture is a fixture)
printf '1234\n' >"$T/pin"
plain member add --badge S --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "supervisor S"
plain member add --badge SL --name "Sue Locked" --role supervisor --pin-stdin --as S <"$T/pin"
plain member add --badge T --name "Tia Trainer" --role trainer --pin-stdin --as S <"$T/pin"
plain member add --badge M --name "Mia Member" --as S
plain member add --badge M2 --name "Max Other" --as S
plain member add --badge E --name "Eve Evaluator" --role evaluator --pin-stdin --as S <"$T/pin"
status 0 "a locked supervisor, a trainer, two members and an evaluator"
on_file || plain member add --badge SW --name "Sol Wrong" --role supervisor --pin-stdin \
    --as S <"$T/pin"
# One contact each, with customer data and a follow-up: S 1, T 2, M 3, M2 4, E 5.
tomorrow=$(date -d tomorrow +%Y-%m-%d)
for who in S T M M2 E; do
	plain log --as S --member "$who" --policy bsofr --kind recipient --channel on-scene \
	    --outcome resolved --summary "the contact of $who" --customer-name "Customer of $who" \
	    --follow-up "$tomorrow" --follow-up-note "call back"
	[ "$who" = E ] && continue   # an evaluator is not drilled (refused, 65)
	plain drill answer --as S --member "$who" --policy bsofr --scenario stranded-family \
	    --answers yes,yes,yes,yes,yes,yes,yes
done
status 0 "five contacts with follow-ups, drill answers but the evaluator's"
is "$(sqlite3 "$TPL" "select count(*) from contact")" 5 "five contacts"
is "$(sqlite3 "$TPL" "select count(*) from followup")" 5 "five follow-ups"
# Evaluations: by E of M (1) and of M2 (2), by T of M2 (3).  Survey
# responses with comments: about M's contact (1) and M2's (2).
for e in E:M E:M2 T:M2; do
	plain shopper add --as "${e%%:*}" --member "${e#*:}" --policy rochester --channel phone \
	    --item four-rings=3 --item needs-met=yes --item appeal-given=no --rest met
done
plain survey add --as S --contact 3 --answer overall=5 --comment "kind"
plain survey add --as S --contact 4 --answer overall=3 --comment "slow"
status 0 "three evaluations and two survey responses"
printf 'overall,comment\n4,fine\n' >"$T/survey.csv"
for i in 1 2 3 4 5; do CSLOG_PIN=0000 plain list --as SL; done
if on_file; then locked="locked_until > 0"; else locked="locked_until > now()"; fi
is "$(sqlite3 "$TPL" "select count(*) from member where badge = 'SL' and $locked")" 1 \
    "SL is locked after five wrong PINs"
plain export --as S --format csv --output "$T/import.csv"
status 0 "a file to import"

# ---- one cell: ROLE SCOPE COMMAND-TEMPLATE -> the exit status in $rc
# (set-pin's new PIN: on a server's one database, the PIN the next cells
# give)
newpin=5678
on_file || newpin=1234
cell() { # role scope command
	case "$1" in
	member) as=M; own=3; pin= ;;
	trainer) as=T; own=2; pin=1234 ;;
	supervisor) as=S; own=1; pin=1234 ;;
	evaluator) as=E; own=5; pin=1234 ;;
	nobody) as=; own=1; pin= ;;
	wrong) as=S; own=1; pin=0000; on_file || as=SW ;;
	locked) as=SL; own=1; pin=1234 ;;
	esac
	if [ "$2" = others ]; then who=M2; c=4; v=2; r=2; else who=${as:-S}; c=$own; v=1; r=1; fi
	[ "$1" = evaluator ] && [ "$2" = others ] && v=3   # entered by T, not by E
	line=$(printf '%s' "$3" | sed -e "s/{WHO}/$who/g" -e "s/{C}/$c/g" -e "s/{F}/$c/g" \
	    -e "s/{V}/$v/g" -e "s/{R}/$r/g" -e "s|{SURVEY}|$T/survey.csv|g" \
	    -e "s|{FILE}|$T/import.csv|g" -e "s|{OUT}|$T/backup.db|g")
	if on_file; then
		cp "$TPL" "$T/cell.db"
		for x in -wal -shm; do rm -f "$T/cell.db$x"; done
		db=$T/cell.db
	else
		db=$TPL
	fi
	rm -f "$T/backup.db"
	eval "set -- $line"
	(cd "$SRC" && printf '%s\n' "$newpin" | CSLOG_DB="$db" CSLOG_AS="$as" CSLOG_PIN="$pin" \
	    $NOTTY "$CSLOG_BIN" "$@") >"$T/out" 2>"$T/err"
	rc=$?
}

# A refusal says the rule in words.
cell member others 'report --by member'
has "$T/err" "trainers and supervisors" "a refusal names who may"
cell nobody own 'list'
has "$T/err" "--as BADGE" "nobody acting: the message says how to say who you are"

# ---- every row of the table, every column
sed -n '/<!-- permissions:begin -->/,/<!-- permissions:end -->/p' "$DOC" |
    grep '^| `' >"$T/rows"
is "$(wc -l <"$T/rows" | tr -d ' ')" 50 "the table in docs/security.md has its 50 rows"
cols="member:own member:others trainer:own trainer:others supervisor:own supervisor:others"
cols="$cols evaluator:own evaluator:others nobody:own wrong:own locked:own"
# The cells, one a line: WANT COLUMN COMMAND (in the table's order)
r=0
while IFS= read -r row; do
	cmd=$(printf '%s' "$row" | sed 's/^| `\([^`]*\)`.*/\1/')
	rest=$(printf '%s' "$row" | sed 's/^| `[^`]*` |//')
	set -- $(printf '%s' "$rest" | tr '|' ' ')
	c=0
	for col in $cols; do
		on_file || [ -n "${CSLOG_PERMISSIONS_ALL:-}" ] || [ $(((r + c) % 4)) -eq 0 ] ||
			{ shift; c=$((c + 1)); continue; }
		printf '%s %s %s\n' "$1" "$col" "$cmd"
		shift
		c=$((c + 1))
	done
	r=$((r + 1))
done <"$T/rows" >"$T/cells"
if ! on_file; then   # one database: nothing undone by a cell before
	grep -v ' member \(set-pin\|unlock\) ' "$T/cells"
	grep ' member set-pin' "$T/cells"
	grep ' locked:own member unlock' "$T/cells"
	grep ' member unlock' "$T/cells" | grep -v ' locked:own '
fi >"$T/cells.server"
on_file || mv "$T/cells.server" "$T/cells"
while read -r want col cmd; do
	cell "${col%%:*}" "${col#*:}" "$cmd"
	if ! on_file && case $cmd in backup* | restore*) true ;; *) false ;; esac; then
		is "$rc" 69 "$col: $cmd is not there on a server (pg_dump's)"
	elif [ "$want" = 77 ]; then
		is "$rc" 77 "$col: $cmd is refused"
	else
		ok "$([ "$rc" -ne 77 ] && [ "$rc" -ne 64 ] && echo 0 || echo 1)" \
		    "$col: $cmd is allowed (exit $rc)"
		[ "$rc" -eq 77 ] || [ "$rc" -eq 64 ] && sed 's/^/#   /' "$T/err" | head -3
	fi
done <"$T/cells"

done_testing
