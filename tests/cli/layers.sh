#!/bin/sh
# layers.sh - the use-case layer is the only door to the store: nothing
# under src/cli or src/tui includes the store's header or calls it, the
# command line and the screens do not call each other, and headers a
# single layer uses stay beside it (include/cslog holds what another
# layer may call).  Read from the sources and from the built libraries
# (what the linker would pull in), so a call slipped in by a macro is
# found too.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

cd "$SRC" || exit 1
build=$(dirname "$(dirname "$CSLOG_BIN")")   # build/test/cslog -> build

for layer in cli tui; do
	grep -lnE '#include *"cslog/store(_[a-z]+)?\.h"' src/$layer/*.c src/$layer/*.h >"$T/inc" 2>/dev/null
	is "$(cat "$T/inc")" "" "src/$layer includes no store header"
	grep -nE '(^|[^a-z_])store_[a-z_]+\(' src/$layer/*.c >"$T/calls"
	is "$(cat "$T/calls")" "" "src/$layer calls no store_ function"
	if [ -f "$build/lib$layer.a" ]; then
		nm -u "$build/lib$layer.a" 2>/dev/null | awk '{ print $NF }' |
		    grep -E '^(store_|stmt_|sql_)' | sort -u >"$T/undef"
		is "$(cat "$T/undef")" "" "lib$layer.a needs no store symbol"
	else
		ok 1 "lib$layer.a is built ($build)"
	fi
done
nm -u "$build/libcli.a" | awk '{ print $NF }' | grep '^tui_' | sort -u >"$T/x"
is "$(cat "$T/x")" "" "the command line does not call the screens"
nm -u "$build/libtui.a" | awk '{ print $NF }' | grep '^cli_' | sort -u >"$T/x"
is "$(cat "$T/x")" "" "the screens do not call the command line"
# A header in include/cslog is another layer's to call: used by sources
# of two layers or more, or by another public header.
for h in include/cslog/*.h; do
	name=$(basename "$h")
	users=$(grep -l "\"cslog/$name\"" src/*/*.c src/*/*.h src/*.c 2>/dev/null |
	    sed 's|^src/\([^/]*\)/.*|\1|; s|^src/.*\.c$|main|' | sort -u | tr '\n' ' ')
	n=$(printf '%s' "$users" | wc -w)
	public=$(grep -l "\"cslog/$name\"" include/cslog/*.h 2>/dev/null | grep -v "/$name\$")
	ok "$([ "$n" -gt 1 ] || [ -n "$public" ] || [ "$users" = "main " ] && echo 0 || echo 1)" \
	    "include/cslog/$name is for more than one layer (used by: $users)"
done
done_testing
