#!/usr/bin/env bash
# `make screenshots`: the three pages of contract §13, desktop and phone, written to
# docs/screenshots/ by scripts/test-pages.py from a live daemon holding the sample data and the
# pages' demo records (docs/examples/pages-demo.ndjson).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/live-daemon.sh
start_live_daemon
# Through the API: the running daemon holds the embedded cluster.
curl -fsS -H 'Content-Type: application/x-ndjson' --data-binary @docs/examples/pages-demo.ndjson "$base/v1/events" >/dev/null
mkdir -p docs/screenshots
scripts/test-pages.py --screenshots docs/screenshots "$base"
