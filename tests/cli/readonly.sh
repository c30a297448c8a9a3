#!/bin/sh
# readonly.sh - the database file as a file: the reading commands work
# where nothing can be written (a real read-only mount; as root, chmod
# would prove nothing), and say what is refused there and why; a reading
# command never gives an empty or foreign file a schema; a database
# others may read is made private again (its -wal and -shm too).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the database file as a file: read-only mounts and modes"

first_supervisor
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "a contact on the stick" --customer-name "Renée Customer"
status 0 "a member without a PIN and a contact"
good=$CSLOG_DB

# ---- an empty or foreign file: no reading command makes it a database
: >"$T/empty.db"
for cmd in verify list "report --by summary" export "member list"; do
	cslog --db "$T/empty.db" $cmd
	status 65 "$cmd on an empty file"
	has "$T/err" "is not a cslog database: it is empty" "$cmd says so"
done
is "$(stat -c %s "$T/empty.db")" 0 "the empty file is still empty"
printf 'a shopping list\n' >"$T/list.txt"
cslog --db "$T/list.txt" verify
status 65 "verify on a text file"
is "$(cat "$T/list.txt")" "a shopping list" "the text file is untouched"
cslog --db "$T/empty.db" member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
status 0 "the command that makes a database may use the empty file"
cslog --db "$T/empty.db" verify
status 0 "which is then a database"

# ---- a database others may read is made private, -wal and -shm too
# (another program holds it open meanwhile, so its -wal and -shm stay)
cp "$good" "$T/open.db"
chmod 644 "$T/open.db"
mkfifo "$T/go"
python3 - "$T/open.db" "$T/go" "$T/opened" <<'PY' &
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("select count(*) from contact").fetchone()
os.chmod(sys.argv[1] + "-wal", 0o664)
os.chmod(sys.argv[1] + "-shm", 0o664)
open(sys.argv[3], "w").close()
open(sys.argv[2]).read()
PY
holder=$!
i=0
while [ ! -e "$T/opened" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
is "$(stat -c %a "$T/open.db" "$T/open.db-wal" "$T/open.db-shm" | tr '\n' ' ')" \
    "644 664 664 " "a database, its -wal and -shm others may read"
cslog --db "$T/open.db" list
status 0 "list on it"
has "$T/err" "could be read by others (mode 0664): it is now 0600" "says what it changed"
is "$(stat -c %a "$T/open.db" "$T/open.db-wal" "$T/open.db-shm" | tr '\n' ' ')" \
    "600 600 600 " "the file, its -wal and -shm are 0600"
echo done >"$T/go"
wait "$holder"
chmod 640 "$T/open.db"
cslog --db "$T/open.db" log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "a write"
status 0 "a writing command tightens it too"
is "$(stat -c %a "$T/open.db")" 600 "0640 became 0600"

# ---- a directory this user may not write, as an unprivileged user (as
# root, every permission is granted: it would prove nothing)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
    [ -z "${CSLOG_VALGRIND:-}" ]; then
	U=$(mktemp -d /tmp/cslog-ro-user.XXXXXX)
	chmod 755 "$U"
	cslog backup "$U/roll.db"   # rollback-journal mode
	sqlite3 "$good" 'pragma wal_checkpoint(truncate)' >/dev/null
	cp "$good" "$U/wal.db"      # WAL mode, no -wal, no -shm
	cp "$good" "$U/root.db"
	chmod 644 "$U/root.db"      # root's, others may read it
	chown nobody "$U/roll.db" "$U/wal.db"
	as_nobody() { # db args...: cslog as the user nobody
		_db=$1
		shift
		(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/ \
		    CSLOG_DB="$_db" CSLOG_POLICY_PATH="$SRC/policies" "$CSLOG_BIN" "$@") \
		    >"$T/out" 2>"$T/err"
		rc=$?
	}
	as_nobody "$U/roll.db" list --as M7
	status 0 "nobody reads their backup in a directory they may not write"
	has "$T/out" "a contact on the stick" "and sees the contact"
	as_nobody "$U/roll.db" log --as M7 --policy bsofr --kind recipient \
	    --channel on-scene --outcome resolved --summary "cannot"
	status 73 "but cannot log there"
	has "$T/err" "nothing can be written to $U/roll.db: this user may not write its directory" \
	    "saying why"
	as_nobody "$U/wal.db" list --as M7
	status 73 "a WAL database there cannot be read without its -shm"
	has "$T/err" "SQLite must make $U/wal.db-shm there" "saying why"
	as_nobody "$U/root.db" list --as M7
	status 73 "another's database that others may read is refused"
	has "$T/err" "run chmod 600 $U/root.db" "with the chmod to run"
	ls "$U" >"$T/ls"
	is "$(tr '\n' ' ' <"$T/ls")" "roll.db root.db wal.db " "nothing was written there"
	rm -rf "$U"
else
	ok 0 "# skip an unwritable directory: needs root, setpriv and a user nobody (not under valgrind)"
fi

# ---- a read-only mount
if ! { mkdir -p "$T/mnt" && mount -t tmpfs -o size=4m tmpfs "$T/mnt" 2>/dev/null; }; then
	ok 0 "# skip read-only media: mounting a tmpfs needs root"
	done_testing
	exit
fi
sqlite3 "$good" 'pragma wal_checkpoint(truncate)' >/dev/null
cp "$good" "$T/mnt/cslog.db"
cp "$good" "$T/mnt/open.db"
chmod 644 "$T/mnt/open.db"
mount -o remount,ro "$T/mnt"
export CSLOG_DB="$T/mnt/cslog.db"
is "$(od -An -tu1 -j18 -N2 "$CSLOG_DB" | tr -s ' ')" " 2 2" "the database is in WAL mode"
for cmd in list "show 1" "report --by summary" export verify "member list" \
    "followup list" "list --format json"; do
	cslog $cmd --as M7
	status 0 "$cmd on a read-only mount"
done
cslog list --as M7
has "$T/out" "a contact on the stick" "list gives the contact"
cslog export --as M7
has "$T/out" "a contact on the stick" "export gives it"
cslog verify --as M7
has "$T/out" "integrity ok" "verify checks it"
# What needs a write is refused, saying why.
cslog show 1 --include-protected --as M7
status 73 "customer data: its reading cannot be recorded"
has "$T/err" "recorded in the audit trail" "says why"
lacks "$T/out" "Renée" "and shows none of it"
cslog list --as S1
status 73 "a member with a PIN: no PIN can be checked (every try is counted)"
has "$T/err" "S1 has a PIN" "says whose"
has "$T/err" "read-only file system" "and why"
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "cannot"
status 73 "logging"
has "$T/err" "nothing can be written to $CSLOG_DB: it is on a read-only file system" \
    "says why"
cslog --db "$T/mnt/open.db" list --as M7
status 0 "a database others may read, on a read-only mount, is still read"
has "$T/err" "on a read-only file system that cannot be changed" "and that is said"
ls -a "$T/mnt" | grep -v '^\.' >"$T/ls"
is "$(tr '\n' ' ' <"$T/ls")" "cslog.db open.db " "nothing was written beside them"
umount "$T/mnt"

# A WAL database with changes in its -wal but no -shm cannot be read on a
# read-only mount without them: refused, never read without them.
mount -t tmpfs -o size=4m tmpfs "$T/mnt"
python3 - "$good" "$T/mnt" <<'PY'
import shutil, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("pragma wal_autocheckpoint = 0")
db.execute("insert into draft (member_id, slot, updated_at, body) values (1, 'w', 1, '{}')")
shutil.copy(sys.argv[1], sys.argv[2] + "/cslog.db")
shutil.copy(sys.argv[1] + "-wal", sys.argv[2] + "/cslog.db-wal")
db.close()
PY
mount -o remount,ro "$T/mnt"
cslog list --as M7
status 73 "a -wal with changes and no -shm on a read-only mount"
has "$T/err" "holds changes" "says why"
has "$T/err" "copy the database with its -wal" "and what to do"
umount "$T/mnt"
done_testing
