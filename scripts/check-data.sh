#!/usr/bin/env bash
# The data gate (pre-commit hook and CI step): checks the changed files of data/ before they enter
# the graph.
#
#   scripts/check-data.sh [FILE...]
#
# With no FILE it checks the files of data/ that differ from $DATA_BASE (default: HEAD, i.e. the
# uncommitted changes; CI sets DATA_BASE=origin/main) plus untracked ones. For those files:
#   1. Turtle is in canonical form (turtlefmt --check; fix with `turtlefmt FILE`), so diffs stay
#      readable;
#   2. `govgraph validate` checks them in context: SHACL shapes over the files plus the store's
#      neighbourhood of the nodes they touch (the store at $GOVGRAPH_STORE or the default one; when
#      none is built, the bundled ontology and reference data), and the global SPARQL checks of
#      ontology/checks/ (duplicate participations, one IRI per name, ...);
#      --fail-on (default: violation) is $DATA_FAIL_ON.
# Exit status: 0 all good, 1 a check failed, 2 bad input (a file that does not parse).
set -uo pipefail
cd "$(dirname "$0")/.."

VENV_BIN=${VENV_BIN:-.venv/bin}
GOVGRAPH=("$VENV_BIN/python" -m govgraph)
TURTLEFMT="$VENV_BIN/turtlefmt"
FAIL_ON=${DATA_FAIL_ON:-violation}

if [ "$#" -gt 0 ]; then
    candidates=("$@")
else
    base=${DATA_BASE:-HEAD}
    mapfile -t candidates < <(
        { git diff --name-only --diff-filter=ACMR "$base" -- data/; git ls-files --others --exclude-standard -- data/; } | sort -u
    )
fi

rdf=()
turtle=()
for file in "${candidates[@]}"; do
    [ -f "$file" ] || continue
    case "$file" in
        *.ttl|*.turtle) rdf+=("$file"); turtle+=("$file") ;;
        *.trig|*.nt|*.nq|*.jsonld) rdf+=("$file") ;;
        data/corpus/*.txt) rdf+=("$file") ;;  # documents: extracted, then validated like RDF
    esac
done

if [ "${#rdf[@]}" -eq 0 ]; then
    echo "check-data: no changed data files to check"
    exit 0
fi

status=0
if [ "${#turtle[@]}" -gt 0 ]; then
    echo "check-data: turtlefmt --check ${#turtle[@]} Turtle file(s)"
    if ! "$TURTLEFMT" --check "${turtle[@]}"; then
        echo "check-data: not in canonical form; run: $TURTLEFMT ${turtle[*]}" >&2
        status=1
    fi
fi

echo "check-data: govgraph validate ${#rdf[@]} file(s) in context (shapes + global checks)"
"${GOVGRAPH[@]}" validate "${rdf[@]}" --fail-on "$FAIL_ON"
validated=$?
if [ "$validated" -eq 2 ]; then
    exit 2
fi
if [ "$validated" -ne 0 ]; then
    status=1
fi
exit "$status"
