#!/bin/sh
# libpq.sh - the PostgreSQL client library is loaded only when a server
# is used (src/store/pq_lazy.c): cslog is not linked with it, a SQLite
# file works without it, and a server asked for without it is refused
# clearly (exit 69), naming the package.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "checks that a SQLite file never loads libpq"

BIN=${CSLOG_SHIPPED_BIN:-$CSLOG_BIN}
readelf -d "$BIN" | grep NEEDED >"$T/needed"
lacks "$T/needed" "libpq" "the shipped cslog is not linked with libpq"
has "$T/needed" "libsqlite3" "(it is linked with what every run needs)"

# Hide libpq from a run: an empty file bound over it, in a mount
# namespace of the run's own (root only; skipped elsewhere).
LIBPQ=$(ldconfig -p 2>/dev/null | awk '/libpq\.so\.5 / { print $NF; exit }')
: >"$T/empty"
if [ -n "$LIBPQ" ] && [ "$(id -u)" = 0 ] &&
    unshare -m sh -c "mount --bind '$T/empty' '$LIBPQ'" 2>/dev/null; then
	hidden() { # ARGS: cslog with libpq unloadable
		(cd "$SRC" && unshare -m sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' \
		    "$T/empty" "$LIBPQ" "$CSLOG_BIN" "$@") >"$T/out" 2>"$T/err"
		rc=$?
	}
	printf '1234\n' >"$T/pin"
	hidden --db "$T/log.db" member add --badge S1 --name "Sam Super" --role supervisor \
	    --pin-stdin <"$T/pin"
	status 0 "without libpq, a SQLite file works"
	CSLOG_PIN=1234 hidden --db "$T/log.db" member list --as S1
	has "$T/out" "Sam Super" "and reads back what it wrote"
	hidden --db "postgresql:///cslog?host=$T" list --as M1
	status 69 "without libpq, a server is refused"
	has "$T/err" "the PostgreSQL client library could not be loaded" "saying what is missing"
	has "$T/err" "install the package libpq5" "and how to get it"
else
	ok 0 "# SKIP hiding libpq needs root and unshare -m"
fi

done_testing
