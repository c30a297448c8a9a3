#!/bin/sh
# policy.sh - cslog policy list|show|check and the global options.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "policies and global options are read before any database: once is enough"

cslog --version
status 0 "--version"
has "$T/out" "cslog " "--version prints the version"

cslog --help
status 0 "--help"
has "$T/out" "Usage: cslog" "--help prints usage"
has "$T/out" "policy" "--help lists the policy command"

cslog --frobnicate
status 64 "unknown global option"
is "$(head -1 "$T/err")" "cslog: unknown option '--frobnicate'" "unknown option message"

cslog frobnicate
status 64 "unknown command"
has "$T/err" "cslog: unknown command 'frobnicate'" "unknown command message"

cslog policy
status 64 "policy with no subcommand"
cslog policy --help
status 0 "policy --help"
has "$T/out" "cslog policy check FILE" "policy --help shows check"

cslog policy list
status 0 "policy list"
for id in bes bsofr phoenix rochester; do
	has "$T/out" "$id " "policy list shows $id"
done

cslog policy check policies/bsofr.yaml policies/phoenix.yaml policies/bes.yaml policies/rochester.yaml
status 0 "the four shipped policies pass policy check"

cslog policy show phoenix
status 0 "policy show phoenix"
has "$T/out" "Is it legal, ethical, and nice?" "phoenix shows its own wording"
hasf "$T/out" "then don’t ask permission" "phoenix shows its own empowered message"

cslog policy show nosuch
status 64 "policy show unknown id"
has "$T/err" "unknown policy 'nosuch'" "unknown policy message"

# Every bad file: exit 65 and exactly the expected diagnostics on stderr.
for f in "$SRC"/tests/policy/bad/*.yaml; do
	[ -f "$f" ] || continue
	name=tests/policy/bad/$(basename "$f")
	cslog policy check "$name"
	status 65 "policy check $name"
	if [ -f "${f%.yaml}.expected" ]; then
		is "$(cat "$T/err")" "$(cat "${f%.yaml}.expected")" "diagnostics of $name"
	fi
done

# A broken file in the search path refuses to run on part of a policy.
mkdir -p "$T/pol"
cp "$SRC/policies/bsofr.yaml" "$T/pol/"
printf 'format: 1\nid: [broken\n' >"$T/pol/zz.yaml"
cslog --policies "$T/pol" policy list
status 78 "a broken policy file stops policy list"
has "$T/err" "zz.yaml:" "the broken file is named"

# The same id in two files is an error naming both.
cp "$SRC/policies/bsofr.yaml" "$T/pol/zz.yaml"
cslog --policies "$T/pol" policy list
status 78 "one id in two files"
has "$T/err" "bsofr.yaml" "duplicate id names the first file"
has "$T/err" "zz.yaml" "duplicate id names the second file"

# CSLOG_POLICY_PATH is honoured.
rm "$T/pol/zz.yaml"
CSLOG_POLICY_PATH="$T/pol" cslog policy list
status 0 "CSLOG_POLICY_PATH"

# Escape sequences in policy text never reach the terminal raw.
sed 's/^name: .*/name: "Evil \\e[2J\\e]0;pwned\\a Dept"/' "$SRC/policies/bsofr.yaml" >"$T/pol/bsofr.yaml"
cslog --policies "$T/pol" policy list
status 0 "policy with escapes in its name loads"
if grep -q "$(printf '\033')" "$T/out"; then ok 1 "no raw ESC in policy list"; else ok 0 "no raw ESC in policy list"; fi
has "$T/out" "Evil ^[[2J^[]0;pwned^G Dept" "escapes shown neutralised"
cslog --policies "$T/pol" policy show bsofr
if grep -q "$(printf '\033')" "$T/out"; then ok 1 "no raw ESC in policy show"; else ok 0 "no raw ESC in policy show"; fi

done_testing
