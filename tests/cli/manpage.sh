#!/bin/sh
# manpage.sh - the manual page says what the program does: its
# PERMISSIONS section is the program's own permission table (tools/man.sh
# writes it; 'make man' after changing src/app/perm.c), and every command
# the program knows is in the manual's COMMANDS.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

cp "$SRC/man/cslog.1" "$T/cslog.1"
sh "$SRC/tools/man.sh" "$CSLOG_BIN" "$T/cslog.1"
cmp -s "$SRC/man/cslog.1" "$T/cslog.1"
ok $? "man/cslog.1's PERMISSIONS is the program's table (run make man)"
diff "$SRC/man/cslog.1" "$T/cslog.1" | head -10 | sed 's/^/#   /'
cslog --help
# The names as --help lists them (17 columns), the manual without roff's \-.
sed -n '/^Commands:/,/^$/p' "$T/out" | sed 1d | cut -c3-19 | sed 's/ *$//' | grep . >"$T/cmds"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$SRC/man/cslog.1" | grep '^\.[BT]' >"$T/man"
is "$(wc -l <"$T/cmds" | tr -d ' ')" 43 "cslog --help lists 43 commands"
while read -r cmd; do
	grep -q "$cmd" "$T/man"
	ok $? "the manual documents '$cmd'"
done <"$T/cmds"
done_testing
