#!/bin/sh
# sqllint.sh - the source builds no SQL from strings (tools/sqllint.sh),
# and the checker does catch each way of doing it.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

lint() { sh "$SRC/tools/sqllint.sh" "$1" >"$T/out" 2>"$T/err"; rc=$?; }

lint "$SRC/src"
status 0 "src/: every statement is a constant with bound parameters"

# bad NAME FILE TEXT EXPECT: a copy of the tree with one file added.
bad() {
	rm -rf "$T/src"; cp -R "$SRC/src" "$T/src"
	mkdir -p "$(dirname "$T/src/$2")"
	printf '%s\n' "$3" >"$T/src/$2"
	lint "$T/src"
	status 1 "$1 is caught"
	has "$T/out" "$2" "$1: the file is named"
	has "$T/out" "$4" "$1: the reason is given"
}
bad "a statement pasted with snprintf" store/evil.c \
'static void f(char *b, const char *name) {
	snprintf(b, 100,
	    "SELECT id FROM member WHERE name = '"'"'%s'"'"'", name);
}' "built with a string function"
bad "a statement made with strcat" store/evil2.c \
'static void f(char *b, const char *w) { strcpy(b, "DELETE FROM contact WHERE "); strcat(b, w); }' \
    "built with a string function"
bad "sqlite3_mprintf" store/evil3.c \
'static char *f(const char *n) { return sqlite3_mprintf("%q", n); }' "SQLite string formatting"
bad "sqlite3_exec outside the statement cache" store/evil4.c \
'static void f(sqlite3 *db) { sqlite3_exec(db, "VACUUM", 0, 0, 0); }' "outside store/sql.c"
bad "SQL in a screen" tui/evil5.c \
'static const char Q[] = "SELECT * FROM contact";' "SQL outside the store"
done_testing
