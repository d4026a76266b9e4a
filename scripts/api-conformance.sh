#!/usr/bin/env bash
# Checks a live daemon against its own published contract, as `make test` requires:
#   promtool check metrics         on a scrape of /metrics
#   openapi-spec-validator         on the served /openapi.json
#   schemathesis (bounded)         every documented operation, looking for server errors and
#                                  responses the document does not allow
#   scripts/check-calendar.py      on the served /v1/calendar.ics, as subscribing clients read it
# The daemon runs on a private embedded cluster in a temporary directory, on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$(swift build --show-bin-path)/timelined"
work=$(mktemp -d /tmp/timelined-conformance-XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export TIMELINED_DATABASE_EMBEDDED_DIR="$work/pg" TIMELINED_HTTP_PORT="$port"

"$bin" migrate >/dev/null
"$bin" ingest docs/examples/sample-events.ndjson >/dev/null
# The six-month extension agreed the day the sample agreement lapsed: the feed then has an expiry
# with alarms to check.
cat >"$work/extension.json" <<'JSON'
{"key": "us-cn-sta-extension-2023", "kind": "extension", "title": "Six-month extension of the US–China Science and Technology Agreement", "date": "2023-08-27", "agreement": "us-cn-sta", "extends_by": "P6M", "actors": ["US", "CN"]}
JSON
"$bin" ingest "$work/extension.json" >/dev/null
"$bin" serve >"$work/serve.log" 2>&1 &
daemon=$!
stop() {
    kill -TERM "$daemon" 2>/dev/null && wait "$daemon" || true
    rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 100); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$base/readyz" >/dev/null || { echo "the daemon did not become ready:" >&2; cat "$work/serve.log" >&2; exit 1; }
# The pool logs its first failed connections at error level while the embedded cluster is still
# starting; faults are looked for in what the daemon logged once ready.
ready_lines=$(wc -l <"$work/serve.log")

echo "== promtool check metrics"
curl -fsS "$base/v1/timeline" >/dev/null
curl -fsS "$base/metrics" | promtool check metrics

echo "== openapi-spec-validator"
curl -fsS "$base/openapi.json" >"$work/openapi.json"
openapi-spec-validator "$work/openapi.json"

echo "== schemathesis"
# Rules of the contract that no JSON Schema can state get an answer the document lists but that
# schemathesis would count against schema-valid data. They are allowed for the operations they
# govern, and nowhere else:
# - POST /v1/events and POST /v1/agreements: 422 for records that satisfy the schema but not the
#   contract (an agreement id that does not exist, an end_date starting before the date, extends_by
#   without an expiry to extend, text lengths counted in characters, blank titles and summaries);
# - the timeline and the actor list: 400 for a `cursor` that is not a next_cursor this server wrote
#   (or was written for the other `order`), and for a `from` after `to`.
# The cache of past failures is off: a run depends on its seed alone and leaves nothing in the tree.
cat >"$work/schemathesis.toml" <<'EOF'
[cache]
enabled = false

[[operations]]
include-operation-id-regex = "^(ingestEvents|defineAgreement)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[[operations]]
include-operation-id-regex = "^(timeline|listActors)(Head)?$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
EOF
# Bounded: a fixed number of examples per operation and a fixed seed, so a run takes about a
# minute and a failure can be reproduced. Writes come from loopback, so no token is needed.
# use_after_free is left out: DELETE /v1/events/{id} retracts, and the contract keeps a retracted
# event readable (200 with "retracted": true, and in its revisions), where the check wants 404.
schemathesis --config-file "$work/schemathesis.toml" run "$base/openapi.json" \
    --checks all \
    --exclude-checks use_after_free \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-40}" \
    --seed 1979 \
    --no-color

echo "== check-calendar"
# After schemathesis, so that the feed also holds the agreements its writes defined.
scripts/check-calendar.py "$base/v1/calendar.ics"

echo "== the daemon logged no fault"
# Contract §5 logs an expired agreement's notification at error level: that is output, not a fault.
if tail -n +"$((ready_lines + 1))" "$work/serve.log" | grep -E 'level=(error|critical)' | grep -v 'msg="agreement expiry"'; then
    echo "the daemon logged errors during the run" >&2
    exit 1
fi
