#!/bin/sh
# policy-docs.sh - rebuild docs/policies/ID.txt, what `cslog policy show
# ID` prints for each shipped policy, compared with its document
# (make policy-docs).  The documents themselves stay out of the
# repository: they are read from CSLOG_SOURCES (default ../shared/seeds,
# beside the checkout).  tests/cli/sources.sh checks the pages are
# current.
set -eu
bin=${1:-build/cslog}
: "${CSLOG_SOURCES:=../shared/seeds}"
if [ ! -d "$CSLOG_SOURCES" ]; then
	echo "policy-docs: no documents in $CSLOG_SOURCES (set CSLOG_SOURCES)" >&2
	exit 1
fi
export CSLOG_SOURCES TZ=UTC LC_ALL=C.UTF-8
mkdir -p docs/policies
for f in policies/*.yaml; do
	grep -q "^format: 1" "$f" || continue   # measures.yaml is not a policy
	id=$(basename "$f" .yaml)
	"$bin" --policies policies policy show "$id" >"docs/policies/$id.txt.tmp"
	mv "docs/policies/$id.txt.tmp" "docs/policies/$id.txt"
	echo "docs/policies/$id.txt"
done
