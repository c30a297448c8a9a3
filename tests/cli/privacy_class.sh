#!/bin/sh
# privacy_class.sh - each protected customer field has the privacy class
# its policy gives it (privacy: fields:): `protected` leaves cslog with
# --include-protected, `restricted` only through `cslog show ID`, one
# contact at a time, and `not-kept` is refused by every way in (cslog log,
# cslog import, cslog amend), with nothing written.
. "$(dirname "$0")/../lib.sh"

P="$T/policies"
mkdir -p "$P"
# "example": name restricted, e-mail not kept, phone protected, address
# not listed (protected).  "plain": the same policy with no classes.
sed 's/^  source: "Section 5"$/&\
  fields:\
    customer-name: restricted\
    customer-phone: protected\
    customer-email: not-kept/' "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" >"$P/example.yaml"
sed 's/^id: example$/id: plain/' "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" >"$P/plain.yaml"
cslog policy check "$P/example.yaml" "$P/plain.yaml"
status 0 "the two policies load"

cslog --policies "$P" policy show example
has "$T/out" "  customer-name          restricted" "policy show: the restricted field"
has "$T/out" "  customer-phone         protected" "policy show: a protected field"
has "$T/out" "  customer-address       protected" "policy show: a field not listed is protected"
has "$T/out" "  customer-email         not-kept" "policy show: the field not kept"
cslog --policies "$P" policy show plain
is "$(grep -c ' protected$' "$T/out")" 4 "policy show: no classes given, all four protected"

printf '1234\n' >"$T/pin"
cslog --policies "$P" member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_PIN=1234 CSLOG_AS=S1
logc() { # POLICY SUMMARY [OPTIONS...]
	pol=$1 sum=$2
	shift 2
	cslog --policies "$P" log --as S1 --policy "$pol" --kind recipient --channel on-scene \
	    --outcome resolved --summary "$sum" "$@"
}
logc example "Lift assist" --customer-name "Rita Restricted" --customer-phone 555-0101 \
    --customer-address "1 Elm Street"
status 0 "contact 1 (example): a restricted name, a protected phone and address"
logc plain "Smoke alarm" --customer-name "Paula Plain" --customer-phone 555-0102
status 0 "contact 2 (plain): a protected name and phone"
count() { sqlite3 "$CSLOG_DB" "select (select count(*) from contact) || '/' || (select count(*) from audit $reads)"; }
# On a server every read of protected fields is its read.protected event
# (docs/postgresql.md), an amend's read of the old version's too: the
# events counted here are the writes.
reads=
on_file || reads="where action <> 'read.protected'"
before=$(count)

# ---- not-kept: refused by cslog log, nothing written
logc example "Water leak" --customer-name "Nora" --customer-email nora@example.org
status 65 "log: an e-mail under a policy that does not keep it"
is "$(cat "$T/err")" "cslog: customer e-mail: policy example does not keep it (privacy class not-kept)" \
    "log: the message names the field, the policy and the class"
is "$(count)" "$before" "log: nothing written (contacts/audit events)"
logc plain "Water leak" --customer-email nora@example.org
status 0 "the same e-mail under a policy that keeps it is logged"
before=$(count)

# ---- not-kept: refused by cslog import, nothing written
printf 'at,member,policy,kind,channel,outcome,summary,customer_email\r\n' >"$T/in.csv"
printf '2026-01-05T10:00:00Z,S1,plain,recipient,on-scene,resolved,Good row,a@example.org\r\n' >>"$T/in.csv"
printf '2026-01-05T11:00:00Z,S1,example,recipient,on-scene,resolved,Bad row,b@example.org\r\n' >>"$T/in.csv"
cslog --policies "$P" import "$T/in.csv" --as S1
status 65 "import: a row carrying a field its policy does not keep"
has "$T/err" "line 3: customer e-mail: policy example does not keep it (privacy class not-kept)" \
    "import: the bad row and why"
is "$(count)" "$before" "import: nothing written, not even the good row"
sed '3d' "$T/in.csv" >"$T/good.csv"
cslog --policies "$P" import "$T/good.csv" --as S1
status 0 "import: the good row alone is imported"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from contact where summary = 'Bad row'")" 0 \
    "import: the bad row never reached the log"

# ---- restricted: never in export or list, even with --include-protected
header="id,at,logged_at,member,member_name,policy,policy_version,kind,channel,outcome,summary,needs_met,added_value,empowered,answers,standards,referral_to,referee_contacted,decision,appeal_info,call,amends,amend_reason,superseded_by,customer_name,customer_phone,customer_address,customer_email"
# cell FILE ID COLUMN: a column of contact ID's CSV row (no quoted commas here)
cell() {
	col=$(printf '%s\n' "$header" | tr ',' '\n' | grep -nx "$3" | cut -d: -f1)
	tr -d '\r' <"$1" | awk -F, -v id="$2" -v c="$col" '$1 == id { print $c }'
}
for cmd in "export --format csv" "list --format csv"; do
	# shellcheck disable=SC2086
	cslog --policies "$P" $cmd --include-protected
	status 0 "$cmd --include-protected"
	is "$(head -1 "$T/out" | tr -d '\r')" "$header" "$cmd: the header is the same as ever"
	cp "$T/out" "$T/csv"
	is "$(cell "$T/csv" 1 customer_name)" "" "$cmd: a restricted name is left empty"
	is "$(cell "$T/csv" 1 customer_phone)" "555-0101" "$cmd: a protected phone of the same contact is there"
	is "$(cell "$T/csv" 1 customer_address)" "1 Elm Street" "$cmd: a field not listed is there"
	is "$(cell "$T/csv" 2 customer_name)" "Paula Plain" "$cmd: another policy's protected name is there"
	lacks "$T/csv" "Rita" "$cmd: the restricted name is nowhere"
done
for cmd in "export --format jsonl" "list --format json"; do
	# shellcheck disable=SC2086
	cslog --policies "$P" $cmd --include-protected
	status 0 "$cmd --include-protected"
	grep '"id":1,' "$T/out" >"$T/one"
	lacks "$T/one" '"customer_name"' "$cmd: the restricted field's key is left out"
	has "$T/one" '"customer_phone":"555-0101"' "$cmd: a protected field of the same contact is there"
	lacks "$T/one" '"customer_email"' "$cmd: a not-kept field's key is left out"
	grep '"id":2,' "$T/out" >"$T/two"
	has "$T/two" '"customer_address":null' "$cmd: an empty protected field keeps its key"
	has "$T/two" '"customer_name":"Paula Plain"' "$cmd: another policy's protected name is there"
	lacks "$T/out" "Rita" "$cmd: the restricted name is nowhere"
done
cslog --policies "$P" export --format csv --include-protected --output "$T/file.csv"
lacks "$T/file.csv" "Rita" "export --output: the restricted name is not in the file"

# ---- restricted: shown by cslog show ID --include-protected only
cslog --policies "$P" show 1 --include-protected
has "$T/out" "Rita Restricted" "show --include-protected: the restricted name"
cslog --policies "$P" show 1 --include-protected --format json
has "$T/out" '"customer_name": "Rita Restricted"' "show --format json --include-protected: the restricted name"
cslog --policies "$P" show 1
lacks "$T/out" "Rita" "show without --include-protected: hidden"
has "$T/out" "(protected customer fields hidden)" "show without --include-protected: says so"

# ---- not-kept after the fact: an amendment carries the old field, refused
mkdir -p "$T/no-phone"
sed 's/^    customer-phone: protected$/    customer-phone: not-kept/' "$P/example.yaml" \
    >"$T/no-phone/example.yaml"
cp "$P/plain.yaml" "$T/no-phone/"
before=$(count)
cslog --policies "$T/no-phone" amend 1 --as S1 --reason "typo" --summary "Lift assist, fixed"
status 65 "amend: the contact holds a phone its policy no longer keeps"
is "$(cat "$T/err")" "cslog: customer phone: policy example does not keep it (privacy class not-kept)" \
    "amend: the message"
is "$(count)" "$before" "amend: nothing written"
cslog --policies "$T/no-phone" redact 1 --as S1 --reason "policy no longer keeps phones"
status 0 "redact removes the field"
cslog --policies "$T/no-phone" amend 1 --as S1 --reason "typo" --summary "Lift assist, fixed"
status 0 "amend: once redacted, the contact can be amended"

# ---- a contact whose policy is not loaded: what it allows is unknown, withheld
mkdir -p "$T/only-example"
cp "$P/example.yaml" "$T/only-example/"
cslog --policies "$T/only-example" export --format csv --include-protected
status 0 "export with the contact's policy missing"
is "$(cell "$T/out" 2 customer_name)" "" "a contact of a policy not loaded: its name withheld"
lacks "$T/out" "Paula" "a contact of a policy not loaded: nothing of it leaves"

# ---- the classes come from the policies: a broken one refuses the export
cp "$SRC/tests/policy/bad/55-privacy-unknown-class.yaml" "$T/only-example/zz.yaml"
cslog --policies "$T/only-example" export --format csv --include-protected
status 78 "export --include-protected with a broken policy file"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "a broken policy file: nothing exported"
cslog --policies "$T/only-example" list --format csv --include-protected
status 78 "list --include-protected with a broken policy file"
cslog --policies "$T/only-example" export --format csv
status 0 "export without protected fields needs no policy"

done_testing
