#!/usr/bin/env bash
# Checks a live daemon against its own published contract, as `make test` requires:
#   promtool check metrics         on a scrape of /metrics
#   openapi-spec-validator         on the served /openapi.json
#   scripts/schemathesis.sh        every documented operation, bounded, looking for server errors
#                                  and responses the document does not allow
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
scripts/schemathesis.sh "$base"

echo "== check-calendar"
# After schemathesis, so that the feed also holds the agreements its writes defined.
scripts/check-calendar.py "$base/v1/calendar.ics"

echo "== the daemon logged no fault"
# Contract §5 logs an expired agreement's notification at error level: that is output, not a fault.
if tail -n +"$((ready_lines + 1))" "$work/serve.log" | grep -E 'level=(error|critical)' | grep -v 'msg="agreement expiry"'; then
    echo "the daemon logged errors during the run" >&2
    exit 1
fi
