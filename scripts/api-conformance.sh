#!/usr/bin/env bash
# Checks a live daemon against its own published contract, as `make test` requires:
#   promtool check metrics         on a scrape of /metrics
#   openapi-spec-validator         on the served /openapi.json
#   scripts/schemathesis.sh        every documented operation, bounded, looking for server errors
#                                  and responses the document does not allow
#   scripts/check-calendar.py      on the served /v1/calendar.ics, as subscribing clients read it
#   scripts/test-pages.py          the pages in a real headless Chromium
# The daemon runs on a private embedded cluster in a temporary directory, on a free port
# (scripts/live-daemon.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/live-daemon.sh
start_live_daemon

echo "== pages in headless Chromium"
# Before schemathesis, whose writes would crowd the pages the script expects.
scripts/test-pages.py "$base"

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
