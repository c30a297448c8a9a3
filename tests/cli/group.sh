#!/bin/sh
# group.sh - the group deployment, as an unprivileged account would meet
# it: a throwaway group owns the data directory (2770) and the database
# with its -wal, -shm and anchor file (0660, made by root's first run),
# the binary is set-group-id that group, and a throwaway user who is not
# in it logs and lists through cslog, but cannot open the file with
# sqlite3; what cslog writes for them (export --output, backup) is
# theirs; nothing in their environment redirects it (CSLOG_DB, --db,
# CSLOG_POLICY_PATH, the test clock CSLOG_NOW); a command lets the group
# go once the database is open (it cannot read the group's files for
# them); the screens start, and hold the group only while they work on
# a key.  Needs root (to make the account and group, removed after);
# skipped, saying why, where that cannot be done, and under valgrind.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the set-group-id group deployment of the data directory and its file"

skip_all() {
	echo "ok 1 # SKIP the group deployment: $1"
	echo "1..1"
	exit 0
}
[ -n "${CSLOG_VALGRIND:-}" ] && skip_all "valgrind does not run set-group-id programs as such"
[ "$(id -u)" -eq 0 ] || skip_all "not root: no throwaway account and group can be made"
for c in useradd userdel groupadd groupdel setpriv findmnt sqlite3; do
	command -v $c >/dev/null 2>&1 || skip_all "no $c"
done
build=$(cd "$(dirname "$CSLOG_BIN")/.." && pwd)
[ -x "$build/group-test/cslog" ] || skip_all "no $build/group-test/cslog (make tests-build)"
R=$(cat "$build/group-test/root")
case $R in /tmp/cslog-group-*) ;; *) skip_all "unexpected test root '$R'" ;; esac

suffix=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
G=cslg$suffix U=cslu$suffix
cleanup() {
	[ -S "$R/home/tmux.sock" ] && tmux -S "$R/home/tmux.sock" kill-server 2>/dev/null
	userdel "$U" 2>/dev/null
	groupdel "$U" 2>/dev/null
	groupdel "$G" 2>/dev/null
	rm -rf "$R"
	_cleanup
}
trap cleanup EXIT
rm -rf "$R"
mkdir -p "$R/share" "$R/home" "$R/bin"
cp -R "$SRC/policies" "$R/share/"
chmod -R go+rX "$R"
groupadd "$G" || skip_all "groupadd failed"
useradd -M -N -d "$R/home" -s /bin/sh -g nogroup "$U" 2>/dev/null ||
    useradd -M -d "$R/home" -s /bin/sh -U "$U" || skip_all "useradd failed"
chown "$U" "$R/home"
install -d -o root -g "$G" -m 2770 "$R/data"

# The binary goes where set-group-id works: a mount without nosuid.
BIN=
for d in "$R/bin" "$build/group-test/run"; do
	mkdir -p "$d" && chmod 755 "$d"
	if ! findmnt -n -o OPTIONS -T "$d" | tr ',' '\n' | grep -qx nosuid; then
		BIN=$d/cslog
		break
	fi
done
[ -n "$BIN" ] || skip_all "every candidate directory is on a nosuid mount"
cp "$build/group-test/cslog" "$BIN"
chgrp "$G" "$BIN" && chmod 2755 "$BIN"
is "$(stat -c '%A %G' "$BIN")" "-rwxr-sr-x $G" "the binary is set-group-id $G ($BIN, $(findmnt -n -o OPTIONS -T "$BIN" | cut -c1-40))"

# as root / as the user: a clean environment, from the user's home.
as_root() { (cd "$R/home" && env -i PATH=/usr/bin:/bin HOME=/root "$@") >"$T/out" 2>"$T/err"; rc=$?; }
as_user() {
	(cd "$R/home" && setpriv --reuid="$U" --regid="$(id -g "$U")" --init-groups \
	    env -i PATH=/usr/bin:/bin HOME="$R/home" TERM=xterm-256color LANG=C.UTF-8 \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0} \
	    "$@") >"$T/out" 2>"$T/err"
	rc=$?
}
D=$R/data/cslog.db
# Root reads the database read-only: a connection that writes deletes
# the -wal and -shm when it closes last, and cslog, set-group-id, then
# refuses to run until root makes them again (docs/security.md).
rsql() { sqlite3 -readonly "$D" "$1"; }

# ---- root's first run makes the files
printf '1234\n' >"$T/pin"
as_root "$BIN" member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "root adds the first supervisor: the database is made"
as_root env CSLOG_PIN=1234 "$BIN" member add --badge M7 --name "Mia Member" --as S1
status 0 "and a member"
for f in "$D" "$D-wal" "$D-shm" "$D.head"; do
	is "$(stat -c '%a %U %G' "$f" 2>&1)" "660 root $G" "$(basename "$f"): 0660, root's, group $G"
done
is "$(stat -c '%a %U %G' "$R/data")" "2770 root $G" "the data directory: 2770, root's, group $G"

# ---- the user, through cslog
as_user env CSLOG_AS=M7 "$BIN" log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "logged through the group"
status 0 "the user logs a contact through cslog"
as_user env CSLOG_AS=M7 "$BIN" list
status 0 "and lists it"
has "$T/out" "logged through the group" "the contact is there"
as_user sqlite3 "$D" "select count(*) from contact"
ok "$([ "$rc" -ne 0 ] && [ "$rc" -ne 127 ] && echo 0 || echo 1)" \
    "sqlite3 on the file is refused to the user (exit $rc)"
has "$T/err" "unable to open database" "sqlite3 cannot open it"
as_user cat "$D"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "so is reading it at all"
as_user env CSLOG_AS=S1 CSLOG_PIN=1234 "$BIN" export --output "$R/home/out.csv"
status 0 "export --output"
is "$(stat -c '%U %a' "$R/home/out.csv" 2>&1)" "$U 600" "the export is the user's own, 0600"
is "$(stat -c %G "$R/home/out.csv")" "$(id -gn "$U")" "with the user's own group"
as_user env CSLOG_AS=S1 CSLOG_PIN=1234 "$BIN" backup "$R/home/copy.db"
status 0 "backup"
is "$(stat -c '%U %G' "$R/home/copy.db" 2>&1)" "$U $(id -gn "$U")" "the backup is the user's own"

# ---- nothing in the environment redirects it
n=$(rsql "select count(*) from contact")
as_user env CSLOG_AS=M7 CSLOG_DB="$R/home/mine.db" CSLOG_NOW=1000000000 "$BIN" log \
    --policy bsofr --kind recipient --channel phone --outcome resolved --summary "second"
status 0 "a log with CSLOG_DB and CSLOG_NOW set"
is "$(rsql "select count(*) from contact")" "$((n + 1))" \
    "CSLOG_DB is ignored: the contact is in the group's database"
ok "$([ ! -e "$R/home/mine.db" ] && echo 0 || echo 1)" "and no database was made where it pointed"
age=$(rsql "select abs(strftime('%s','now') - logged_at) < 300 from contact order by id desc limit 1")
is "$age" 1 "the test clock CSLOG_NOW is ignored: stamped with the system clock"
as_user env CSLOG_AS=M7 "$BIN" --db "$R/home/mine.db" list
status 64 "--db is refused"
has "$T/err" "set-group-id" "saying why"
mkdir -p "$T/pol"
sed 's/^id: bsofr/id: evil/' "$SRC/policies/bsofr.yaml" >"$R/home/evil.yaml"
as_user env CSLOG_POLICY_PATH="$R/home" "$BIN" policy list
status 0 "policy list with CSLOG_POLICY_PATH set"
lacks "$T/out" "evil" "CSLOG_POLICY_PATH is ignored"
# The policy cache is off here: the user could write their cache
# directory and so change the policies cslog enforces for the group.
as_user env XDG_CACHE_HOME="$R/home/cache" "$BIN" policy list
status 0 "policy list with XDG_CACHE_HOME set"
[ ! -e "$R/home/cache/cslog" ] && [ ! -e "$R/home/.cache/cslog" ]
ok $? "no policy cache is written (set-group-id: off)"
as_user "$BIN" --policies "$R/home" policy list
status 64 "--policies is refused"

# ---- the group is let go once the database is open
as_user "$BIN" policy check "$D"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "policy check cannot read the group's file for the user"
has "$T/err" "Permission denied" "permission denied"
as_user env CSLOG_AS=S1 CSLOG_PIN=1234 "$BIN" import --format csv "$D.head"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor can import, after opening the database"
has "$T/err" "Permission denied" "permission denied"
as_user env CSLOG_AS=M7 "$BIN" verify
status 0 "verify, as the user"
has "$T/out" "anchor file $D.head" "the chain reaches the group's anchor file"
is "$(sed -n 's/^event //p' "$D.head")" "$(rsql "select max(id) from audit")" \
    "which the user's writes kept up to date"

# ---- the screens start, and let the group go while waiting for a key
if command -v tmux >/dev/null 2>&1; then
	as_user tmux -S "$R/home/tmux.sock" new-session -d -x 80 -y 24 "$BIN; sleep 3"
	i=0
	while [ $i -lt 50 ]; do
		tmux -S "$R/home/tmux.sock" capture-pane -p >"$T/screen" 2>/dev/null
		grep -q "Who are you?" "$T/screen" && break
		sleep 0.1; i=$((i + 1))
	done
	has "$T/screen" "Who are you?" "the screens start set-group-id (sign-in)"
	pid=$(tmux -S "$R/home/tmux.sock" list-panes -F '#{pane_pid}' | head -1)
	pid=$(pgrep -P "$pid" -x cslog | head -1)
	gid=$(id -g "$U") ggid=$(getent group "$G" | cut -d: -f3)
	is "$(awk '/^Gid:/ { print $2, $3, $4 }' "/proc/$pid/status" 2>&1)" "$gid $gid $ggid" \
	    "waiting for a key, the group is let go (real, effective, saved: $gid $gid $ggid)"
	tmux -S "$R/home/tmux.sock" send-keys M7 Enter
	sleep 1
	tmux -S "$R/home/tmux.sock" capture-pane -p >"$T/screen"
	has "$T/screen" "Log a customer contact" "the member signs in (the database read)"
	tmux -S "$R/home/tmux.sock" send-keys C-c
	tmux -S "$R/home/tmux.sock" kill-server 2>/dev/null
else
	echo "ok $((_n + 1)) # SKIP the screens: no tmux"
	_n=$((_n + 1))
fi
done_testing
