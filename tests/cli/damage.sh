#!/bin/sh
# damage.sh - a database verify finds damaged: the whole of SQLite's
# integrity report (bounded), the damage recorded where every command
# sees it and says so, a crew still able to log, backup refusing unless
# --damaged (and naming the copy so), and a supervisor's restore.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "damages the file and reads SQLite's integrity report"

first_supervisor
N=130
[ -n "${CSLOG_VALGRIND:-}" ] && N=105
i=1
while [ $i -le $N ]; do
	"$CSLOG_BIN" log --as M7 --policy bsofr --kind recipient --channel on-scene \
	    --outcome resolved --summary "contact $i" >/dev/null 2>&1 || break
	i=$((i + 1))
done
is "$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')" "$N" "$N contacts"
cslog backup "$T/good.db"
status 0 "a backup while it is sound"
cslog verify
status 0 "the log verifies"

# Damage the file the way a bad disk or a tool would: the index of the
# contacts by kind now describes another column, so every row is missing
# from it (more than 100 problems), yet the table itself takes writes.
sqlite3 "$CSLOG_DB" "PRAGMA writable_schema = 1; UPDATE sqlite_schema SET sql =
  replace(sql, 'ON contact(kind)', 'ON contact(channel)') WHERE name = 'contact_kind'"
cslog verify
status 65 "verify finds the damage"
has "$T/err" "the database file is damaged" "and says so"
has "$T/err" "  row 1 missing from index contact_kind" "SQLite's report, line by line"
has "$T/err" "  row 2 missing from index contact_kind" "not only its first line"
is "$(grep -c '^  row' "$T/err")" 100 "bounded: the first 100 problems"
has "$T/err" "... and more" "and it says there are more"
has "$T/err" "the damage is recorded" "the damage is recorded"
ok "$([ -s "$CSLOG_DB-damaged" ] && echo 0 || echo 1)" "beside the database"
is "$(stat -c %a "$CSLOG_DB-damaged")" 600 "with the database's mode"

# Every command now says so; a crew can still log.
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "at 3 a.m."
status 0 "a crew member can still log"
id=$(cat "$T/out")
has "$T/err" "verify found this database damaged" "and is told"
has "$T/err" "tell a supervisor" "and what to do"
for cmd in "list --as M7" "report --by summary" "member list" "followup list"; do
	cslog $cmd
	has "$T/err" "verify found this database damaged" "$cmd says so"
done

# backup refuses, unless --damaged, which names the copy so.
cslog backup "$T/copy.db"
status 65 "backup of a damaged database is refused"
has "$T/err" "a backup of it would be damaged too" "saying why"
has "$T/err" "--damaged" "and how to copy it anyway"
ok "$([ ! -e "$T/copy.db" ] && echo 0 || echo 1)" "no copy was made"
cslog backup "$T/copy.db" --damaged
status 0 "backup --damaged makes a copy"
has "$T/out" "$T/copy-damaged.db" "named so"
ok "$([ -s "$T/copy-damaged.db" ] && [ ! -e "$T/copy.db" ] && echo 0 || echo 1)" \
    "the copy is $T/copy-damaged.db, not $T/copy.db"

# A supervisor decides: restore the sound backup.
cslog restore "$T/good.db" --as M7
status 77 "a member may not restore"
cslog restore "$T/good.db"
status 0 "a supervisor restores the backup"
ok "$([ ! -e "$CSLOG_DB-damaged" ] && echo 0 || echo 1)" "the record of damage is gone"
kept=$(ls "$CSLOG_DB".before-restore-* | grep -v -- '-wal$' | head -1)
is "$(sqlite3 "$kept" "select count(*) from contact where id = $id")" 1 \
    "the contact logged at 3 a.m. is in the file kept aside"
cslog verify
status 0 "the restored log verifies"
lacks "$T/err" "damaged" "and nothing says it is damaged"
cslog backup "$T/after.db"
status 0 "backup works again"

# A record of damage that no longer holds is removed by a verify.
echo "verify found this database damaged on a day long ago" >"$CSLOG_DB-damaged"
cslog list --as M7
has "$T/err" "a day long ago" "a record of damage is shown whatever wrote it"
cslog verify
status 0 "verify finds the file intact"
has "$T/out" "no longer found" "and says the record is removed"
ok "$([ ! -e "$CSLOG_DB-damaged" ] && echo 0 || echo 1)" "it is"

# Where nothing can be written, the damage is reported all the same.
if mkdir -p "$T/mnt" && mount -t tmpfs -o size=4m tmpfs "$T/mnt" 2>/dev/null; then
	sqlite3 "$CSLOG_DB" 'pragma wal_checkpoint(truncate)' >/dev/null
	cp "$CSLOG_DB" "$T/mnt/ro.db"
	sqlite3 "$T/mnt/ro.db" "PRAGMA writable_schema = 1; UPDATE sqlite_schema SET sql =
	  replace(sql, 'ON contact(kind)', 'ON contact(channel)') WHERE name = 'contact_kind'"
	mount -o remount,ro "$T/mnt"
	cslog --db "$T/mnt/ro.db" verify --as M7
	status 65 "verify on a read-only mount finds the damage"
	has "$T/err" "row 1 missing from index contact_kind" "and reports it"
	has "$T/err" "could not be recorded" "saying it could not record it there"
	umount "$T/mnt"
else
	ok 0 "# skip damage on a read-only mount: mounting a tmpfs needs root"
fi
done_testing
