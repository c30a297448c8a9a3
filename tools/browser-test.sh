#!/bin/sh
# browser-test.sh OUTDIR [--docs] - make test-browser: the staff-meeting
# report opened in a real headless browser (Chromium), as a supervisor
# prints it.  Run by .ci/run, never by make test (nobody's machine gets a
# browser they did not ask for).
#
# On the demo database at a fixed clock and seed (CSLOG_NOW, the test
# build: the same sample data every run), for Letter and A4:
#   - the page printed to PDF (cslog report --format pdf --paper ...);
#   - pdfinfo: the paper size asked for, a sane number of pages;
#   - every chart's area (from its caption "Chart N" to its unseen
#     marker "chart-end-N", found with pdftotext -bbox) rendered alone
#     with pdftoppm, and not blank: it holds coloured pixels (bars, the
#     line), not only grey axes and text;
#   - the numbers in the printed page (pdftotext) are the JSON report's:
#     every figure the page carries (its data-k, which tests/cli/meeting.sh
#     holds to the JSON) is printed, in order;
#   - the pages as PNG (pdftoppm), kept in OUTDIR; with --docs they
#     replace docs/meeting/, the example a supervisor sees.
# Output is TAP, the last line "N passed, N failed".
set -u
: "${CSLOG_BIN:?set CSLOG_BIN to the test build (build/test/cslog)}"
out=${1:?usage: browser-test.sh OUTDIR [--docs]}
docs=${2:-}
export TZ=UTC LC_ALL=C.UTF-8 CSLOG_NOW=1790000000
unset CSLOG_DB CSLOG_AS CSLOG_PIN CSLOG_POLICY_PATH XDG_DATA_HOME XDG_CONFIG_HOME
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
rm -rf "$out"
mkdir -p "$out/tmp"
export TMPDIR="$(cd "$out/tmp" && pwd)"

echo "# $(chromium --version 2>/dev/null || echo 'no chromium'); $(pdfinfo -v 2>&1 | head -1)"
"$CSLOG_BIN" --demo report --format json >"$out/report.json" 2>"$out/demo.log"
ok $? "the demo's staff-meeting report as JSON"

# The figures of a page, in its order: the text of every data-k element.
figures() {
	grep -o 'data-k="[^"]*">[^<]*' "$1" | sed 's/^data-k="[^"]*">//' | grep -v '^–$'
}

# The words of a printed page, numbers freed of their % and dashes.
words() {
	pdftotext -layout "$1" - | sed 's/–/ /g; s/%/ /g' | tr -s ' \t' '\n\n' |
	    sed -e 's/^(//' -e 's/[,;:)]*$//' -e 's/\.$//' | grep .
}

# colored FILE: how many pixels of a binary PPM are coloured (not grey).
colored() {
	set -- "$1" "$(sed -n 2p "$1")"
	w=${2% *}
	h=${2#* }
	tail -c $((w * h * 3)) "$1" | od -An -tu1 -v | awk '
	{ for (i = 1; i <= NF; i++) { v[k++] = $i; if (k == 3) {
		mx = v[0]; mn = v[0]
		for (j = 1; j < 3; j++) { if (v[j] > mx) mx = v[j]; if (v[j] < mn) mn = v[j] }
		if (mx - mn > 60) c++
		k = 0 } } }
	END { print c + 0 }'
}

for paper in letter a4; do
	pdf=$out/report-$paper.pdf
	"$CSLOG_BIN" --demo report --format html --paper "$paper" --output "$out/report-$paper.html" \
	    2>>"$out/demo.log"
	"$CSLOG_BIN" --demo report --format pdf --paper "$paper" --output "$pdf" 2>>"$out/demo.log"
	ok $? "$paper: printed to PDF by the headless browser"
	[ -s "$pdf" ] || { ok 1 "$paper: no PDF (see $out/demo.log)"; continue; }

	# The paper and the pages.
	size=$(pdfinfo "$pdf" | awk '/^Page size:/ { printf "%d x %d", $3 + 0.5, $5 + 0.5 }')
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	case $paper in
	letter) want="612 x 792" ;;
	a4) want="595 x 842" ;;
	esac
	[ "$size" = "$want" ]
	ok $? "$paper: its page is $want points ($size)"
	[ "$pages" -ge 2 ] && [ "$pages" -le 6 ]
	ok $? "$paper: $pages pages (2 to 6)"

	# Every chart is there and draws something.
	pdftotext -bbox "$pdf" "$out/$paper-bbox.html"
	awk '/<page / { p++ }
	     /<word / { w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
	               split($0, a, "\""); x0 = a[2]; y0 = a[4]; x1 = a[6]; y1 = a[8]
	               if (want) { print "start", w, p, x0, y0; want = 0 }
	               if (w == "Chart") { want = 1; sx = x0; sy = y0 }
	               else if (w ~ /^chart-end-[0-9]+$/) { sub(/chart-end-/, "", w); print "end", w, p, x1, y1 } }' \
	    "$out/$paper-bbox.html" | awk '
	    $1 == "start" { if (!($2 in page)) { page[$2] = $3; x[$2] = $4; y[$2] = $5 } }
	    $1 == "end" { endp[$2] = $3; ex[$2] = $4; ey[$2] = $5 }
	    END { for (c in page) if (c in endp && endp[c] == page[c])
	            printf "%s %d %d %d %d %d\n", c, page[c], x[c], y[c] + 12, ex[c] - x[c], ey[c] - y[c] - 12 }' \
	    | sort -n >"$out/$paper-charts"
	[ "$(wc -l <"$out/$paper-charts")" -eq 11 ]
	ok $? "$paper: the eleven charts are found, each whole on one page"
	while read -r c p x y w h; do
		pdftoppm -f "$p" -l "$p" -r 72 -x "$x" -y "$y" -W "$w" -H "$h" "$pdf" \
		    "$out/$paper-chart-$c"
		px=$(colored "$(ls "$out/$paper-chart-$c"-*.ppm | head -1)")
		[ "$px" -ge 20 ]
		ok $? "$paper: chart $c is not blank ($px coloured pixels in ${w}x$h points)"
	done <"$out/$paper-charts"

	# The numbers in the printed page are the JSON's, in the page's order.
	figures "$out/report-$paper.html" >"$out/$paper-figures"
	words "$pdf" >"$out/$paper-words"
	missing=$(awk 'BEGIN { i = 0; n = 0 } NR == FNR { want[n++] = $0; next }
	     i < n && ($0 == want[i] || ($0 ~ /^-?[0-9.]+$/ && want[i] ~ /^-?[0-9.]+$/ &&
	                                  $0 + 0 == want[i] + 0)) { i++ }
	     END { if (i < n) printf "figure %d of %d (%s) is not printed in order", i + 1, n,
	                             want[i] }' "$out/$paper-figures" "$out/$paper-words")
	[ -z "$missing" ]
	ok $? "$paper: every figure of the page ($(wc -l <"$out/$paper-figures")) is printed${missing:+: $missing}"
	jq -r '.contacts, .shopper.evaluations, .responses.responses' "$out/report.json" |
	    while read -r v; do grep -qx "$v" "$out/$paper-words" || echo "$v"; done >"$out/$paper-absent"
	[ ! -s "$out/$paper-absent" ]
	ok $? "$paper: the JSON's contacts, evaluations and responses are on the page"

	# The pages as pictures.
	pdftoppm -r 72 -png "$pdf" "$out/$paper-page"
	[ "$(ls "$out/$paper-page"-*.png | wc -l)" -eq "$pages" ]
	ok $? "$paper: $pages pages as PNG"
done

# The example in docs/ is the demo's page as made now.
if [ "$docs" = --docs ]; then
	rm -rf docs/meeting
	mkdir -p docs/meeting
	cp "$out/report-letter.html" docs/meeting/report.html
	cp "$out"/letter-page-*.png docs/meeting/
	echo "# docs/meeting: the page and its Letter pages as PNG"
fi
cmp -s "$out/report-letter.html" docs/meeting/report.html
ok $? "docs/meeting/report.html is the demo's page as made now (make report-docs)"

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
