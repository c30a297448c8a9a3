#!/bin/sh
# backup.sh - cslog backup and cslog restore: a backup never goes over
# the database or one of its files (compared by device and inode, not by
# name), is written in rollback-journal mode so it can be read where
# nothing can be written, and a supervisor's restore verifies the backup
# and copies it in through SQLite, the current file kept aside.
. "$(dirname "$0")/../lib.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge M7 --name "Mia Member"
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

done_testing
