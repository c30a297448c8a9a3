#!/bin/sh
# sqllint.sh DIR - fail when SQL could be built from strings at run time.
#
# cslog's rule: every statement is a constant in the source, values go
# in through bound parameters.  This checks the C files under DIR:
#   1. sqlite3_prepare* and sqlite3_exec appear only in store/sql.c (the
#      statement cache), so every statement passes through it;
#   2. no SQLite formatting helpers (sqlite3_mprintf, _vmprintf,
#      _snprintf, sqlite3_str_*);
#   3. no printf-family call (or strcat/strcpy) whose text holds an SQL
#      keyword, i.e. no statement pasted together in a buffer;
#   4. no SQL at all above the store (app, cli, tui, core, policy).
# Prints each finding as file:line: what, and exits 1 if there is any.
set -u
dir=${1:?usage: sqllint.sh SRC-DIR}
found=0
say() { echo "$1"; found=1; }

for f in $(find "$dir" -name '*.c' -o -name '*.h' | sort); do
	rel=${f#"$dir"/}
	case $rel in
	store/sql.c) ;;
	*) grep -n 'sqlite3_prepare\|sqlite3_exec *(' "$f" | while IFS=: read -r n _; do
		echo "$f:$n: prepares SQL outside store/sql.c"; done ;;
	esac
	grep -n 'sqlite3_v\{0,1\}mprintf\|sqlite3_snprintf\|sqlite3_str_[a-z]*(' "$f" |
	    while IFS=: read -r n _; do echo "$f:$n: SQLite string formatting"; done
	# Join each statement onto one line (up to its ';') to see whole calls.
	awk -v file="$f" '
	{ buf = buf " " $0; if (start == 0) start = NR }
	/;[[:space:]]*$|^[[:space:]]*$|[{}][[:space:]]*$/ {
		if (buf ~ /(s?n?printf|asprintf|strcat|strcpy|strncat)[[:space:]]*\(/ &&
		    buf ~ /"[^"]*(SELECT |INSERT |UPDATE |DELETE |REPLACE |PRAGMA |CREATE |DROP | WHERE | FROM )/)
			printf "%s:%d: SQL text built with a string function\n", file, start
		buf = ""; start = 0
	}' "$f"
	case $rel in
	store/*) ;;
	*) grep -n '"[^"]*\(SELECT \|INSERT INTO\|UPDATE [a-z_]* SET\|DELETE FROM\)' "$f" |
	    while IFS=: read -r n _; do echo "$f:$n: SQL outside the store"; done ;;
	esac
done >"${TMPDIR:-/tmp}/sqllint.$$"
if [ -s "${TMPDIR:-/tmp}/sqllint.$$" ]; then
	cat "${TMPDIR:-/tmp}/sqllint.$$"
	found=1
fi
rm -f "${TMPDIR:-/tmp}/sqllint.$$"
exit $found
