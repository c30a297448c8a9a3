#!/bin/sh
# deps.sh SET... - make sure what the build needs is installed.
#
# Each SET names what one make target needs: build (compile and run
# cslog), test (unit and end-to-end tests), check (sanitizers), valgrind,
# fuzz, bench (the sqlite3 shell that make bench compares with), browser
# (make test-browser: Chromium, fonts, poppler-utils; never make test).  Missing
# Debian packages are installed with apt-get (through sudo when not root).  Where that is impossible the exact command is printed
# and the script fails, so the build stops with a clear message.
set -u

missing=""
need_pkgconfig() { # module package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() { # command package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() { # path package
	[ -e "$1" ] || missing="$missing $2"
}

for set in "$@"; do
	case "$set" in
	build)
		need_cmd cc gcc
		need_cmd make make
		need_cmd pkg-config pkg-config
		if command -v pkg-config >/dev/null 2>&1; then
			need_pkgconfig ncursesw libncurses-dev
			need_pkgconfig sqlite3 libsqlite3-dev
			need_pkgconfig yaml-0.1 libyaml-dev
			need_pkgconfig libsodium libsodium-dev
			need_pkgconfig jansson libjansson-dev
			need_pkgconfig libpq libpq-dev
		else
			missing="$missing libncurses-dev libsqlite3-dev libyaml-dev libsodium-dev libjansson-dev libpq-dev"
		fi
		;;
	test)
		if command -v pkg-config >/dev/null 2>&1; then
			need_pkgconfig cmocka libcmocka-dev
		else
			missing="$missing libcmocka-dev"
		fi
		need_cmd tmux tmux
		need_cmd sqlite3 sqlite3
		need_cmd timeout coreutils
		need_cmd jq jq
		# tests/cli/pg.sh: a throwaway PostgreSQL cluster (initdb, pg_ctl,
		# pgcrypto from the server package; psql to play the attacker)
		set -- /usr/lib/postgresql/*/bin/initdb
		[ -x "$1" ] || missing="$missing postgresql"
		set -- /usr/share/postgresql/*/extension/pgcrypto.control
		[ -e "$1" ] || missing="$missing postgresql-contrib"
		need_cmd psql postgresql-client
		need_cmd setpriv util-linux
		# tests/cli/pg_pooler.sh: PgBouncer in transaction mode in front
		# of the cluster (in /usr/sbin, not always on a user's PATH)
		command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] ||
			missing="$missing pgbouncer"
		;;
	check) need_cmd gcc gcc ;;
	valgrind) need_cmd valgrind valgrind ;;
	bench)
		need_cmd sqlite3 sqlite3
		need_cmd timeout coreutils
		;;
	browser)
		# make test-browser only (run by .ci/run): the staff-meeting
		# report printed by a real headless browser, and read back.
		need_cmd chromium chromium
		need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
		need_file /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf \
		    fonts-liberation
		need_cmd pdfinfo poppler-utils
		need_cmd pdftoppm poppler-utils
		need_cmd pdftotext poppler-utils
		need_cmd jq jq
		;;
	fuzz)
		need_cmd clang clang
		need_file "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || echo /nonexistent)" libclang-rt-dev
		;;
	*) echo "deps.sh: unknown set '$set'" >&2; exit 2 ;;
	esac
done

[ -z "$missing" ] && exit 0

# shellcheck disable=SC2086
set -- $(printf '%s\n' $missing | sort -u)
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "cslog: missing build dependencies: $*" >&2
	echo "cslog: install them with:  sudo apt-get install -y $*" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "cslog: missing build dependencies: $*" >&2
	echo "cslog: this is not a Debian/Ubuntu system; install the equivalents of: $*" >&2
	exit 1
fi
echo "cslog: installing missing packages: $*" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
if ! $sudo apt-get install -y -qq "$@" >&2; then
	echo "cslog: apt-get failed; run:  sudo apt-get install -y $*" >&2
	exit 1
fi
