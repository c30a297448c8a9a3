# pg_lib.sh - throwaway PostgreSQL clusters for the server suites
# (tests/cli/pg_*.sh), sourced after tests/lib.sh.  As tests/cli/pg.sh
# does it: initdb and pg_ctl from Debian's postgresql package, as the
# account nobody when run as root (initdb refuses root), a Unix socket
# in the test's directory, no TCP, trust authentication.
#
#   pg_need             skip the suite unless a server can be run here
#   pg_new NAME         initdb a cluster in $T/NAME (socket dir $T/NAME)
#   pg_start NAME [OPT] start it (OPT: more postgres -c options)
#   pg_stop NAME        stop it with -m immediate (a crash)
#   pg_standby FROM TO [OPT]  pg_basebackup -R of FROM into TO, started
#   pg_url NAME USER    the URL of database cslog on NAME as USER
#   pg_createdb NAME [DB [OPTIONS]]  CREATE DATABASE DB (cslog) on NAME
#   pg_sql NAME SQL     SQL as the database's owner
#   pg_cslog_db NAME    database cslog made cslog's, terminals pointed at it
#   both ARGS           cslog ARGS on the file $FILE, then on the server $URL
#   same WANT WHAT      both ended WANT, their outputs the same bytes
#   bstatus WANT WHAT   both ended WANT
# Every cluster started is stopped at exit.

pg_skip_all() { echo "ok 1 - # SKIP $1"; echo "1..1"; exit 0; }
[ -n "${CSLOG_VALGRIND:-}" ] && pg_skip_all "the PostgreSQL runs stay out of make valgrind"

PGBIN=
_pg_started=""
pg_need() {
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PGBIN=$d; done
	[ -n "$PGBIN" ] || pg_skip_all "no PostgreSQL server installed (tools/deps.sh test installs it)"
	command -v psql >/dev/null 2>&1 || pg_skip_all "no psql (postgresql-client)"
	as_pg() { "$@"; }
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null 2>&1 || pg_skip_all "no setpriv to run initdb as nobody"
		id nobody >/dev/null 2>&1 || pg_skip_all "no account nobody to run the server as"
		chmod 0711 "$T"
		as_pg() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	fi
	trap '_pg_stop_all; _cleanup' EXIT
}

_pg_stop_all() {
	for _c in $_pg_started; do pg_stop "$_c"; done
}

_pg_dir() {
	mkdir -p "$T/$1"
	[ "$(id -u)" -eq 0 ] && chown "nobody:$(id -gn nobody)" "$T/$1"
	return 0
}

pg_new() {
	_pg_dir "$1"
	as_pg env HOME="$T/$1" "$PGBIN/initdb" -D "$T/$1/data" -U cslog_dba --auth=trust \
	    --no-sync -E UTF8 --locale=C.UTF-8 >"$T/$1/initdb.log" 2>&1 || {
		cat "$T/$1/initdb.log"; pg_skip_all "initdb failed (see above)"; }
}

pg_start() {
	_n1=$1
	shift
	as_pg "$PGBIN/pg_ctl" -D "$T/$_n1/data" -l "$T/$_n1/log" -w -t 60 \
	    -o "-c listen_addresses='' -k $T/$_n1 -c max_connections=60 -c shared_buffers=16MB $*" \
	    start >/dev/null 2>&1 || return 1
	case " $_pg_started " in *" $_n1 "*) ;; *) _pg_started="$_pg_started $_n1" ;; esac
}

pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$T/$1/data" -m immediate stop >/dev/null 2>&1; }

pg_standby() {
	_pg_dir "$2"
	as_pg "$PGBIN/pg_basebackup" -d "host=$T/$1 user=cslog_dba" -D "$T/$2/data" -R \
	    -X stream -c fast --no-sync >"$T/$2/basebackup.log" 2>&1 || {
		cat "$T/$2/basebackup.log"; return 1; }
	pg_start "$2" "-c hot_standby=on ${3:-}"
}

pg_url() { echo "postgresql:///cslog?host=$T/$1&user=$2"; }

pg_createdb() {
	psql -X -q "postgresql:///postgres?host=$T/$1&user=cslog_dba" \
	    -c "CREATE DATABASE ${2:-cslog} ${3:-}" >/dev/null 2>&1
}

# pg_sql NAME SQL: as the database's owner; output (and errors) to stdout
pg_sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$(pg_url "$1" cslog_dba)" -c "$2" 2>&1; }

# pg_cslog_db NAME: database cslog made cslog's by init-server (S1, PIN
# 1234), terminals pointed at it; members M1, M2 without PINs.
pg_cslog_db() {
	pg_createdb "$1"
	CSLOG_PIN=1234 cslog admin init-server "$(pg_url "$1" cslog_dba)" --badge S1 \
	    --name "Sam Super"
	status 0 "admin init-server on $1"
	CSLOG_DB=$(pg_url "$1" cslog_terminal)
	export CSLOG_DB CSLOG_PIN=1234
	cslog --as S1 member add --badge M1 --name "Mo Member"
	cslog --as S1 member add --badge M2 --name "Max Member"
	status 0 "members added"
}

# both ARGS: cslog ARGS on the file $FILE (output in $T/out.file, stderr
# in $T/err.file, exit in $frc), then on the server $URL ($T/out, $T/err,
# $rc); stdin from $IN when set.  $brc: the file's status when it
# failed, else the server's (0 only when both ended 0).
both() {
	CSLOG_DB="$FILE" cslog "$@" <"${IN:-/dev/null}"
	frc=$rc
	cp "$T/out" "$T/out.file"
	cp "$T/err" "$T/err.file"
	CSLOG_DB="$URL" cslog "$@" <"${IN:-/dev/null}"
	brc=$rc
	[ "$frc" -eq 0 ] || brc=$frc
}

# same WANT WHAT [FILTER]: the last both exited WANT at both ends, their
# outputs (through FILTER, a sed script, when given) the same bytes
same() {
	sed -e "${3:-b}" "$T/out.file" >"$T/same.file"
	sed -e "${3:-b}" "$T/out" >"$T/same.server"
	if [ "$frc" = "$1" ] && [ "$rc" = "$1" ] && cmp -s "$T/same.file" "$T/same.server"; then
		ok 0 "$2 (exit $1 at both ends, the same output)"
	else
		ok 1 "$2 (exit $1 at both ends, the same output)"
		printf '#   file: exit %s; server: exit %s\n' "$frc" "$rc"
		diff "$T/same.file" "$T/same.server" | head -10 | sed 's/^/#   /'
		sed 's/^/#   file stderr: /' "$T/err.file" | head -3
		sed 's/^/#   server stderr: /' "$T/err" | head -3
	fi
}

# bstatus WANT WHAT: the last both exited WANT at both ends (as status)
bstatus() { is "$brc" "$1" "$2 (exit $1)"; }
