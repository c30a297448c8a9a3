#!/bin/sh
# policy_bad.sh - malformed policy files are refused whole, each with its
# exact "file:line:column: what is wrong" on stderr and exit 65.
#
#   tests/policy/bad/NN-name.yaml      one mistake (or a few) per file
#   tests/policy/bad/NN-name.expected  the exact stderr of
#                                      cslog policy check tests/policy/bad/NN-name.yaml
#
# Files too big or too odd to keep in git (a 1 MB text, a 5 MiB file, a
# FIFO, CRLF line ends) are made here in $T.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

BAD=tests/policy/bad

# same FILE WANT description: FILE's bytes are exactly WANT's.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else
		ok 1 "$3"
		diff "$2" "$1" | sed 's/^/#   /' | head -20
	fi
}

# ---- every fixture: exit 65, nothing on stdout, exactly the expected stderr
n=0
for f in "$SRC/$BAD"/*.yaml; do
	[ -f "$f" ] || continue
	name=$BAD/$(basename "$f")
	# Under valgrind, each file alone runs plainly: the command below
	# that checks them all at once runs every one under valgrind, in one
	# process instead of 246.
	plain policy check "$name"
	status 65 "$name is refused"
	same "$T/err" "${f%.yaml}.expected" "$name: exact diagnostics"
	is "$(wc -c <"$T/out")" 0 "$name: nothing on stdout"
	n=$((n + 1))
done
[ "$n" -ge 30 ]
ok $? "at least 30 malformed policy files ($n)"

# All of them in one command: every file's problems, in order, exit 65.
cslog policy check "$BAD"/*.yaml
status 65 "all bad files at once"
(cd "$SRC" && cat "$BAD"/*.expected) >"$T/want"
same "$T/err" "$T/want" "all bad files at once: every diagnostic, file after file"

# ---- a good file still passes, also beside a bad one
cslog policy check policies/bsofr.yaml
status 0 "a good policy passes"
is "$(cat "$T/err")" "" "a good policy: nothing on stderr"
has "$T/out" "policies/bsofr.yaml: ok (bsofr " "a good policy: ok line"
cslog policy check policies/bsofr.yaml "$BAD/19-limit-shorter.yaml" policies/phoenix.yaml
status 65 "good, bad, good: exit 65"
has "$T/out" "policies/bsofr.yaml: ok" "good, bad, good: the first is ok"
has "$T/out" "policies/phoenix.yaml: ok" "good, bad, good: the last is ok"
lacks "$T/out" "19-limit-shorter" "good, bad, good: the bad one is not ok"
same "$T/err" "$SRC/$BAD/19-limit-shorter.expected" "good, bad, good: the bad one's diagnostics"

# ---- made at test time
{
	printf '# a 1 MB text\nformat: 1\nid: example\nname: '
	head -c 1048576 /dev/zero | tr '\0' a
	printf '\n'
} >"$T/huge-scalar.yaml"
cslog policy check "$T/huge-scalar.yaml"
status 65 "a 1 MB text"
is "$(cat "$T/err")" "$T/huge-scalar.yaml:4:7: this text is longer than 65536 bytes" \
    "a 1 MB text: message"

{
	printf 'format: 1\nnote: |\n'
	head -c 5242880 /dev/zero | tr '\0' a | fold -w 70 | sed 's/^/  /'
} >"$T/huge-file.yaml"
cslog policy check "$T/huge-file.yaml"
status 65 "a 5 MiB file"
is "$(cat "$T/err")" "$T/huge-file.yaml:1:1: the file is larger than 4 MiB" "a 5 MiB file: message"

# Windows line ends (CRLF) and a UTF-8 byte order mark: same lines, columns.
for f in 19-limit-shorter 27-invalid-utf8 05-unterminated-quote; do
	sed 's/$/\r/' "$SRC/$BAD/$f.yaml" >"$T/crlf-$f.yaml"
	cslog policy check "$T/crlf-$f.yaml"
	status 65 "$f with CRLF line ends"
	sed "s|^$BAD/$f.yaml:|$T/crlf-$f.yaml:|" "$SRC/$BAD/$f.expected" >"$T/want"
	same "$T/err" "$T/want" "$f with CRLF line ends: same lines and columns"
	printf '\357\273\277' | cat - "$SRC/$BAD/$f.yaml" >"$T/bom-$f.yaml"
	cslog policy check "$T/bom-$f.yaml"
	sed "s|^$BAD/$f.yaml:|$T/bom-$f.yaml:|" "$SRC/$BAD/$f.expected" >"$T/want"
	same "$T/err" "$T/want" "$f after a byte order mark: same lines and columns"
done
printf '\357\273\277' | cat - "$SRC/policies/bsofr.yaml" >"$T/bom-good.yaml"
cslog policy check "$T/bom-good.yaml"
status 0 "a good policy after a byte order mark passes"

# Not a file: a folder, a missing file, a FIFO (must not hang).
cslog policy check "$BAD"
status 65 "a folder"
is "$(cat "$T/err")" "$BAD: this is a folder, not a policy file" "a folder: message"
cslog policy check "$T/nosuch.yaml"
status 65 "a missing file"
is "$(cat "$T/err")" "$T/nosuch.yaml: cannot open: No such file or directory" "a missing file: message"
mkfifo "$T/fifo.yaml"
(cd "$SRC" && timeout 20 "$CSLOG_BIN" policy check "$T/fifo.yaml") >"$T/out" 2>"$T/err"
rc=$?
status 65 "a FIFO is refused at once"
is "$(cat "$T/err")" "$T/fifo.yaml: not a regular file" "a FIFO: message"
rm -f "$T/fifo.yaml"

# Escape sequences in a key never reach the terminal raw.
printf 'format: 1\n"\\e[2J\\e]0;pwned\\a": x\n' >"$T/esc.yaml"
cslog policy check "$T/esc.yaml"
status 65 "an escape sequence in a key"
if grep -q "$(printf '\033')" "$T/err"; then ok 1 "no raw ESC in the message"; else
	ok 0 "no raw ESC in the message"; fi
has "$T/err" "unknown key '^[[2J^[]0;pwned^G'" "the key is shown neutralised"

# A very long bad value is cut short in the message.
printf 'format: 1\nid: %s\n' "$(head -c 5000 /dev/zero | tr '\0' X)" >"$T/long.yaml"
cslog policy check "$T/long.yaml"
has "$T/err" "long.yaml:2:5: id 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX...' must be" \
    "a long bad id is cut short"

# ---- a folder of policies with one bad file: the whole set is refused
mkdir -p "$T/pol"
cp "$SRC/policies/bsofr.yaml" "$SRC/policies/phoenix.yaml" "$T/pol/"
cp "$SRC/$BAD/18-missing-answer.yaml" "$T/pol/zz.yaml"
sed "s|^$BAD/18-missing-answer.yaml:|$T/pol/zz.yaml:|" "$SRC/$BAD/18-missing-answer.expected" \
    >"$T/want"
echo "cslog: a policy file is broken; cslog will not run on part of a policy" >>"$T/want"
cslog --policies "$T/pol" policy list
status 78 "a folder with a bad file: policy list refuses"
same "$T/err" "$T/want" "a folder with a bad file: the bad file's diagnostics, then why"
is "$(wc -c <"$T/out")" 0 "a folder with a bad file: no policy listed (no half set)"
cslog --policies "$T/pol" policy show bsofr
status 78 "a folder with a bad file: a good policy of it is not shown either"
cslog --policies "$T/pol" log --as M1 --policy bsofr
status 78 "a folder with a bad file: nothing runs on the good ones"

# Two bad files: both reported, in name order.
cp "$SRC/$BAD/31-format-2.yaml" "$T/pol/aa.yaml"
cslog --policies "$T/pol" policy list
status 78 "two bad files"
is "$(head -1 "$T/err")" "$T/pol/aa.yaml:2:9: 'format' must be 1, not '2'" "two bad files: the first"
has "$T/err" "$T/pol/zz.yaml:62:5:" "two bad files: the second"
rm "$T/pol/aa.yaml"

# The bad file in a later folder of CSLOG_POLICY_PATH refuses the set too.
mkdir -p "$T/pol2"
mv "$T/pol/zz.yaml" "$T/pol2/zz.yaml"
CSLOG_POLICY_PATH="$T/pol:$T/pol2" cslog policy list
status 78 "CSLOG_POLICY_PATH with a bad file in its second folder"
has "$T/err" "$T/pol2/zz.yaml:62:5:" "CSLOG_POLICY_PATH: the bad file is named"
rm "$T/pol2/zz.yaml"
CSLOG_POLICY_PATH="$T/pol:$T/pol2" cslog policy list
status 0 "the bad file gone, the set loads"
has "$T/out" "$T/pol/bsofr.yaml" "the first folder's bsofr is in use"

# One id in two files of one folder: an error naming both files.
cp "$SRC/policies/bsofr.yaml" "$T/pol/zz.yaml"
cslog --policies "$T/pol" policy list
status 78 "one id in two files of a folder"
has "$T/err" "$T/pol/zz.yaml: policy id 'bsofr' is already used by $T/pol/bsofr.yaml" \
    "one id twice: both files named"
rm "$T/pol/zz.yaml"

# More files than cslog reads from one folder: refused, not cut short.
mkdir -p "$T/many"
i=0
while [ "$i" -le 256 ]; do
	: >"$T/many/p$i.yaml"
	i=$((i + 1))
done
cslog --policies "$T/many" policy list
status 78 "257 policy files in one folder"
has "$T/err" "$T/many: more than 256 policy files in this folder" "257 files: message"

# No policy at all: the message names where cslog looked.
cslog --policies "$T/nowhere" policy list
status 78 "--policies naming a folder that is not there"
has "$T/err" "no policy files found in $T/nowhere (--policies): No such file or directory" \
    "... named, with why"
mkdir -p "$T/bare"
cslog --policies "$T/bare" policy list
status 78 "--policies naming a folder with no policy"
has "$T/err" "$T/bare (--policies): it holds no *.yaml policy" "... named, with why"

# A time that is no time is a usage error of the command it was given
# to, before anyone is asked a PIN.
printf '1234\n' | cslog --db "$T/t.db" member add --badge S1 --name Sam --role supervisor --pin-stdin
CSLOG_PIN= cslog --db "$T/t.db" --as S1 list --since banana
status 64 "a bad --since, no PIN given: a usage error, not a PIN asked"
has "$T/err" "Try 'cslog list --help'." "... pointing at the command's own help"
CSLOG_PIN= cslog --db "$T/t.db" --as S1 report --until soon
status 64 "the same for a DAY option (report --until)"

done_testing
