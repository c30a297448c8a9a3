#!/bin/sh
# backup.sh - cslog backup and cslog restore: a backup never goes over
# the database or one of its files (compared by device and inode, not by
# name), is written in rollback-journal mode so it can be read where
# nothing can be written, and a supervisor's restore verifies the backup
# and copies it in through SQLite, the current file kept aside.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "backup and restore are the file's (a server's are pg_dump's and pg_basebackup's)"

first_supervisor
for i in 1 2 3; do
	cslog log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
	    --summary "contact $i"
done
status 0 "three contacts"
sum() { sqlite3 "$CSLOG_DB" "select count(*) || ':' || group_concat(summary) from contact"; }
before=$(sum)

# ---- the target is the database or one of its files: refused, untouched

ln -s "$CSLOG_DB" "$T/link.db"
ln "$CSLOG_DB" "$T/hard.db"
for target in "$CSLOG_DB" "$CSLOG_DB-wal" "$CSLOG_DB-shm" "$CSLOG_DB-journal" \
    "$T/../$(basename "$T")/cslog.db" "$T/./cslog.db-wal" "$T/link.db" "$T/hard.db"; do
	cslog backup "$target"
	status 64 "backup to $target is refused"
	has "$T/err" "a backup goes to a file of its own" "and says why ($target)"
done
has "$T/err" "is the database itself" "a hard link is the database itself"
is "$(sum)" "$before" "the database is untouched"
ok "$([ ! -s "$CSLOG_DB-journal" ] && echo 0 || echo 1)" "no -journal was written"
is "$(sqlite3 "$CSLOG_DB" 'pragma integrity_check')" ok "the database is intact"
cslog verify
status 0 "and verifies"

cslog backup "$T/b1.db"
status 0 "a backup to a file of its own"
is "$(sqlite3 "$T/b1.db" "select count(*) from contact")" 3 "holds the contacts"


# ---- a backup is in rollback-journal mode: it needs no -shm beside it
is "$(sqlite3 "$T/b1.db" 'pragma journal_mode')" delete "the backup is in rollback-journal mode"
is "$(od -An -tu1 -j18 -N2 "$T/b1.db" | tr -s ' ')" " 1 1" "its header says so (bytes 18-19)"
is "$(stat -c %a "$T/b1.db")" 600 "the backup is 0600"
is "$(sqlite3 "$CSLOG_DB" 'pragma journal_mode')" wal "the database itself stays in WAL mode"

# ... so it can be verified on a write-protected medium (a real read-only
# mount: chmod proves nothing to root).
if mkdir -p "$T/stick" && mount -t tmpfs -o size=4m tmpfs "$T/stick" 2>/dev/null; then
	cp "$T/b1.db" "$T/stick/backup.db"
	mount -o remount,ro "$T/stick"
	cslog --db "$T/stick/backup.db" verify --as M7
	status 0 "a backup on a read-only mount verifies (as a member without a PIN)"
	has "$T/out" "integrity ok" "and says so"
	cslog --db "$T/stick/backup.db" list --as M7 --member S1
	ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a member still may not list another's contacts"
	cslog --db "$T/stick/backup.db" verify --as S1
	status 73 "a supervisor's PIN cannot be checked there (every try must be counted)"
	has "$T/err" "no PIN is checked there" "and that is said"
	ls "$T/stick" >"$T/ls"
	is "$(cat "$T/ls")" "backup.db" "nothing was written beside it"
	umount "$T/stick"
else
	ok 0 "# skip a backup on a read-only mount: mounting a tmpfs needs root"
fi

# ---- restore: a supervisor's, of a backup that verifies, in place
cslog log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "logged after the backup"
status 0 "a contact logged after the backup"
after=$(sum)
cslog restore "$T/b1.db" --as M7
status 77 "a member may not restore"
cslog restore "$CSLOG_DB"
status 64 "restore of the database itself is refused"
cslog restore "$T/hard.db"
status 64 "restore of a hard link to it is refused"
cslog restore "$T/no-such.db"
status 66 "restore of a missing file"
# A backup changed behind cslog's back does not verify: refused.
cp "$T/b1.db" "$T/forged.db"
sqlite3 "$T/forged.db" "DROP TRIGGER contact_no_update; UPDATE contact SET summary = 'forged' WHERE id = 2"
cslog restore "$T/forged.db"
status 65 "a backup that does not verify is not restored"
has "$T/err" "does not verify" "and says so"
has "$T/err" "contact 2" "naming what is wrong"
is "$(sum)" "$after" "the database is untouched"
ls "$CSLOG_DB".before-restore-* >/dev/null 2>&1
ok "$([ $? -ne 0 ] && echo 0 || echo 1)" "and nothing was kept aside"

# The real thing, while another program holds the database open with a
# read transaction under way (as another terminal would).
mkfifo "$T/hold"
python3 - "$CSLOG_DB" "$T/hold" "$T/held" >"$T/reader.out" 2>&1 <<'PY' &
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=20)
db.execute("BEGIN")
before = db.execute("select count(*) from contact").fetchone()[0]
open(sys.argv[3], "w").close()
open(sys.argv[2]).read()            # wait until the restore is done
again = db.execute("select count(*) from contact").fetchone()[0]
db.execute("COMMIT")
after = db.execute("select count(*) from contact").fetchone()[0]
print(before, again, after, db.execute("pragma integrity_check").fetchone()[0])
PY
reader=$!
i=0
while [ ! -e "$T/held" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
cslog restore "$T/b1.db"
status 0 "a supervisor restores a backup that verifies"
has "$T/out" "restored from $T/b1.db: 3 contacts" "saying what it holds"
has "$T/out" "kept in $CSLOG_DB.before-restore-" "and where the database as it was is kept"
echo done >"$T/hold"
wait "$reader"
is "$(cat "$T/reader.out")" "4 4 3 ok" \
    "the other connection read on undisturbed, then saw the restored log, intact"
is "$(sum)" "$before" "the log is the backup's again"
kept=$(ls "$CSLOG_DB".before-restore-* | grep -v -- '-wal$' | grep -v '[.]head$' | head -1)
is "$(sqlite3 "$kept" "select count(*) from contact where summary = 'logged after the backup'")" 1 \
    "the contact logged after the backup is in the file kept aside"
is "$(stat -c %a "$kept")" 600 "which is 0600"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from audit where action = 'database.restore'")" 1 \
    "the restore is an audit event of the restored log"
cslog verify
status 0 "the restored log verifies"
# The head the anchor file held (the log before the restore) is kept
# beside the file kept aside: the restored log does not reach it.
grep -q '^event [0-9]' "$kept.head"
ok $? "the anchor's old head is kept beside it ($kept.head)"
is "$(stat -c %a "$kept.head")" 600 "which is 0600 too"
cslog verify --anchor "$kept.head"
status 65 "the restored log does not reach the old head: verify --anchor says so"
cslog log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "after the restore"
status 0 "and logging goes on"

done_testing
