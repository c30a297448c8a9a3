#!/bin/sh
# meeting.sh - the staff-meeting report: one self-contained HTML page
# (no script, nothing fetched) whose every figure is the JSON report's
# for the same period (each figure of the page carries data-k, its path
# in the JSON: all of them are compared here), every chart with data on
# the demo database, printable on Letter and A4; --format pdf through a
# browser (a stand-in here, which records how it was called; the real
# one in make test-browser), and without one, how to get one.
. "$(dirname "$0")/../lib.sh"

export CSLOG_NOW=1790000000    # the demo's clock, stopped: the same sample data each run
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"

cslog --demo report --format json
status 0 "the demo's report as JSON"
cp "$T/out" "$T/report.json"
jq -e '.report == "staff-meeting" and .period.since == "2026-08-23" and
    .period.until == "2026-09-21"' "$T/report.json" >/dev/null
ok $? "the 30 days to today by default"
cslog --demo report --format html --output "$T/report.html" --paper a4
status 0 "the same as one HTML page"
is "$(wc -c <"$T/out")" 0 "written to the file, not to the terminal"

# ---- self-contained, no script, printable
lacks "$T/report.html" "<script" "no script"
grep -Eq '(src|href)=|<link|@import|url\((https?:|//)' "$T/report.html"
ok $((1 - $?)) "nothing fetched: no src, href, link or @import"
is "$(grep -o 'https\?://[^"]*' "$T/report.html" | sort -u)" "http://www.w3.org/2000/svg" \
    "the only address is SVG's namespace"
has "$T/report.html" "@page { size: A4; }" "--paper a4 sets the printed page"
has "$T/report.html" "break-inside: avoid" "a section is kept on one page"
is "$(grep -c '<svg class="chart"' "$T/report.html")" 11 "eleven charts"
is "$(grep -c '<title id="chart-' "$T/report.html")" 11 "each with a title for screen readers"

# Every chart draws data on the demo database: a coloured bar of some width.
awk '/<svg class="chart"/ { n++; data[n] = 0 }
     /<rect / && /fill="#/ && !/width="0.0"/ { data[n] = 1 }
     /<polyline class="rate"/ && /points="[0-9]/ { data[n] = 1 }
     END { for (i = 1; i <= n; i++) if (!data[i]) print "chart " i " draws nothing" }' \
    "$T/report.html" >"$T/blank"
is "$(cat "$T/blank")" "" "every chart has data"

# ---- every figure of the page is the JSON's
grep -o 'data-k="[^"]*">[^<]*' "$T/report.html" | sed 's/^data-k="//; s/">/ /' >"$T/pairs"
n=$(wc -l <"$T/pairs" | tr -d ' ')
[ "$n" -gt 200 ]
ok $? "the page carries its figures with their JSON paths ($n)"
: >"$T/diff"
while read -r key val; do
	path=$(printf '%s' "$key" | awk -F. '{ s = ""; for (i = 1; i <= NF; i++)
	    s = s ($i ~ /^[0-9]+$/ ? "[" $i "]" : "." $i); print s }')
	want=$(jq -r "$path" "$T/report.json")
	[ "$want" = null ] && want="–"
	if [ "$val" != "$want" ] && ! awk -v a="$val" -v b="$want" \
	    'BEGIN { exit !(a ~ /^-?[0-9.]+$/ && b ~ /^-?[0-9.]+$/ && a + 0 == b + 0) }'; then
		echo "$key: the page says $val, the JSON $want" >>"$T/diff"
	fi
done <"$T/pairs"
is "$(head -5 "$T/diff")" "" "each of the $n figures equals the JSON's"
# ... and the headline ones are where a reader looks.
has "$T/report.html" "<td data-k=\"contacts\">$(jq -r .contacts "$T/report.json")</td>" \
    "contacts logged"
has "$T/report.html" "<span data-k=\"shopper.evaluations\">$(jq -r .shopper.evaluations \
    "$T/report.json")</span>" "evaluations"
jq -e '.shopper.evaluations > 0 and .responses.responses >= 30 and
    (.recognitions.list | length) > 0 and .knowledge.quiz.of > 0 and
    (.satisfaction.by_question.rows | length) == 5' "$T/report.json" >/dev/null
ok $? "the demo fills the measures: evaluations, 30 responses or more, recognitions, tests"
jq -e '[.satisfaction.by_question.rows[] | select(.of < 30) | .too_few] | all' \
    "$T/report.json" >/dev/null
ok $? "fewer than 30 answers: too few"
has "$T/report.html" "too few responses" "the page says so where it is"

# Under valgrind each sample database takes minutes: the page and its
# figures are enough there.
if [ -n "${CSLOG_VALGRIND:-}" ]; then
	done_testing
	exit
fi

# A report of its own period, one policy.
cslog --demo report --format json --since 2026-09-01 --until 2026-09-10 --policy bes
jq -e '.period.since == "2026-09-01" and .policy == "bes" and (.buckets | length) == 2' \
    "$T/out" >/dev/null
ok $? "--since, --until, --policy"
cslog --demo report --format json --since 2025-01-01
jq -e '.per == "month"' "$T/out" >/dev/null
ok $? "a long period is counted by month"

# ---- who may
cslog --demo report --format json --as M101
status 77 "a member may not make it"
CSLOG_PIN=1234 cslog --demo report --format json --as T1
status 0 "a trainer may"
CSLOG_PIN=1234 cslog --demo report --format html --as E1
status 77 "an evaluator may not"

# ---- usage
cslog --demo report --format html --paper legal
status 64 "--paper is letter or a4"
cslog --demo report --by kind --output "$T/x"
status 64 "--output is for the staff-meeting report"
cslog --demo report --format pdf
status 64 "pdf needs --output"
cslog --demo report
status 64 "no --by and no format"
has "$T/err" "--format html for the staff-meeting report" "says how to get it"

# ---- pdf: without a browser, how to get one
(cd "$SRC" && env PATH=/nonexistent CSLOG_BROWSER= "$CSLOG_BIN" --demo report --format pdf \
    --output "$T/r.pdf") >"$T/out" 2>"$T/err"
rc=$?
status 69 "no browser"
has "$T/err" "install Chromium (Debian and Ubuntu: sudo apt-get install chromium)" \
    "says how to get one"
[ ! -e "$T/r.pdf" ]
ok $? "and writes nothing"

# ... and with one (a stand-in that records its arguments and prints a file).
cat >"$T/browser" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$T/args"
for a; do case \$a in --print-to-pdf=*) printf '%%PDF-1.4 stand-in\n' >"\${a#*=}" ;; esac; done
EOF
chmod +x "$T/browser"
CSLOG_BROWSER="$T/browser" cslog --demo report --format pdf --output "$T/r.pdf"
status 0 "pdf through the browser"
has "$T/r.pdf" "%PDF" "the file it printed"
has "$T/args" "--headless" "headless"
has "$T/args" "--print-to-pdf=$T/r.pdf" "to the file asked for"
has "$T/args" "--disable-background-networking" "no network of its own"
grep -q '^--user-data-dir=.*/cslog-pdf\.[^/]*/profile$' "$T/args"
ok $? "a fresh profile of its own"
grep -q '^file:///.*/report\.html$' "$T/args"
ok $? "the page from a private temporary file"
if [ "$(id -u)" -eq 0 ]; then has "$T/args" "--no-sandbox" "as root: --no-sandbox"
else lacks "$T/args" "--no-sandbox" "not root: the sandbox stays"; fi
ls "$TMPDIR"/cslog-pdf.* >/dev/null 2>&1 && left=1 || left=0
is "$left" 0 "the temporary files are gone"
printf '#!/bin/sh\nexit 3\n' >"$T/browser"
CSLOG_BROWSER="$T/browser" cslog --demo report --format pdf --output "$T/r2.pdf"
status 74 "a browser that fails"
has "$T/err" "could not print the page" "says so"

done_testing
