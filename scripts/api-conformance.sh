#!/usr/bin/env bash
# Checks a live daemon against its own published contract, as `make test` requires:
#   promtool check metrics         on a scrape of /metrics
#   openapi-spec-validator         on the served /openapi.json
#   schemathesis (bounded)         every documented operation, looking for server errors and
#                                  responses the document does not allow
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

echo "== promtool check metrics"
curl -fsS "$base/v1/timeline" >/dev/null
curl -fsS "$base/metrics" | promtool check metrics

echo "== openapi-spec-validator"
curl -fsS "$base/openapi.json" >"$work/openapi.json"
openapi-spec-validator "$work/openapi.json"

echo "== schemathesis"
# Bounded: a fixed number of examples per operation and a fixed seed, so a run takes about a
# minute and a failure can be reproduced. Writes come from loopback, so no token is needed.
schemathesis run "$base/openapi.json" \
    --checks all \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-40}" \
    --seed 1979 \
    --no-color

echo "== the daemon logged no fault"
if grep -E 'level=(error|critical)' "$work/serve.log"; then
    echo "the daemon logged errors during the run" >&2
    exit 1
fi
