#!/bin/sh
# policy_cache.sh - the parsed policy set kept in $XDG_CACHE_HOME/cslog
# (src/app/policy_cache.c): written once, used while every file is as it
# was, and never trusted when one is not - a changed file (even one of
# the same size and time), a file added, a stale or edited cache - nor
# against the loader's rules (one id, one file).  Off with
# CSLOG_POLICY_CACHE=off.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

C=$HOME/.cache/cslog/policies
P=$T/pol
mkdir -p "$P"
cp "$SRC"/policies/*.yaml "$P"/
stamp() { stat -c '%y %s' "$C" 2>/dev/null; }

# ---- written once, then read
cslog --policies "$P" policy list
status 0 "policy list"
cp "$T/out" "$T/list1"
[ -f "$C" ]
ok $? "the cache is written"
is "$(stat -c %a "$C")" 600 "... readable by its owner only"
s1=$(stamp)
cslog --policies "$P" policy list
status 0 "policy list again"
cmp -s "$T/out" "$T/list1"
ok $? "... the same list, from the cache"
is "$(stamp)" "$s1" "... which is not written again"
cslog --policies "$P" policy show bsofr
cp "$T/out" "$T/show-cached"
CSLOG_POLICY_CACHE=off cslog --policies "$P" policy show bsofr
cmp -s "$T/out" "$T/show-cached"
ok $? "policy show from the cache is the same as from the file"
# cslog's measures (measures.yaml) and a policy's own come back whole too
for form in "bes --channel voice-mail" "rochester --channel phone"; do
	cslog --policies "$P" shopper form --policy $form
	cp "$T/out" "$T/form-cached"
	CSLOG_POLICY_CACHE=off cslog --policies "$P" shopper form --policy $form
	cmp -s "$T/out" "$T/form-cached"
	ok $? "the evaluation form of $form from the cache is the file's"
done

# ---- a changed file is seen, even with the same size and time
cp "$C" "$T/cache-a"
t=$(stat -c %y "$P/bsofr.yaml")
sed -i "s/^name: Broward Sheriff's Office Fire Rescue/name: Broward Sheriff's Office Fire Rescu!/" \
    "$P/bsofr.yaml"
touch -d "$t" "$P/bsofr.yaml"
cslog --policies "$P" policy list
has "$T/out" "Fire Rescu!" "a file changed (same size and time): the change is seen"
[ "$(stamp)" != "$s1" ]
ok $? "... and the cache written afresh"

# ---- a stale cache (of the file as it was) is refused
cp "$T/cache-a" "$C"
cslog --policies "$P" policy list
has "$T/out" "Fire Rescu!" "a stale cache put back: refused, the file read"

# ---- an edited cache is refused
cslog --policies "$P" policy list
size=$(stat -c %s "$C")
printf 'X' | dd of="$C" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
s2=$(stamp)
cslog --policies "$P" policy list
status 0 "an edited cache"
has "$T/out" "Fire Rescu!" "... is refused, the files read"
[ "$(stamp)" != "$s2" ]
ok $? "... and the cache written afresh"
head -c 100 "$C" >"$T/short" && cp "$T/short" "$C"
cslog --policies "$P" policy list
status 0 "a cache cut short is refused"

# ---- a file added: the loader's rules hold over the whole set
cp "$P/bsofr.yaml" "$P/zz-copy.yaml"
cslog --policies "$P" policy list
status 78 "the same id in two files: refused with a cache in place"
has "$T/err" "already used by" "... naming the other file"
rm "$P/zz-copy.yaml"
cslog --policies "$P" policy list
status 0 "the copy removed: loads again"

# ---- a file removed is seen
mv "$P/bes.yaml" "$T/bes.yaml"
cslog --policies "$P" policy list
lacks "$T/out" "bes " "a file removed: its policy is gone"
mv "$T/bes.yaml" "$P/bes.yaml"

# ---- XDG_CACHE_HOME, and off
XDG_CACHE_HOME=$T/xdg cslog --policies "$P" policy list
[ -f "$T/xdg/cslog/policies" ]
ok $? "XDG_CACHE_HOME: the cache is there"
rm -rf "$HOME/.cache"
CSLOG_POLICY_CACHE=off cslog --policies "$P" policy list
status 0 "CSLOG_POLICY_CACHE=off"
[ ! -e "$C" ]
ok $? "... writes no cache"

done_testing
