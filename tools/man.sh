#!/bin/sh
# man.sh BIN [MAN] - write the PERMISSIONS section of the manual page from
# the program's own table ('cslog help permissions'), between the lines
# '.\" permissions:begin' and '.\" permissions:end'.  make man runs it;
# tests/cli/manpage.sh fails when the page and the program disagree.
set -eu
bin=$1
man=${2:-man/cslog.1}
table=$(mktemp)
out=$(mktemp)
trap 'rm -f "$table" "$out"' EXIT
{
	echo '.nf'
	"$bin" help permissions | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^'/\\\\\\&'/" -e 's/^\./\\\&./'
	echo '.fi'
} >"$table"
awk -v t="$table" '
	/^\.\\" permissions:begin/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
	/^\.\\" permissions:end/ { skip = 0 }
	!skip { print }
' "$man" >"$out"
cat "$out" >"$man"
