# Sourced by the scripts that check a live daemon (api-conformance.sh, pages.sh): `start_live_daemon`
# runs the debug binary on a private embedded cluster in a temporary directory, on a free port,
# with the sample data and the 2023 extension of its agreement, and waits until it is ready.
# Sets: bin, work, base, daemon, ready_lines (the log lines written before it was ready: the pool
# logs its first failed connections at error level while the embedded cluster is still starting).
# The daemon is stopped and the directory removed on exit.

start_live_daemon() {
    bin="$(swift build --show-bin-path)/timelined"
    work=$(mktemp -d /tmp/timelined-live-XXXXXX)
    chmod 755 "$work"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    base="http://127.0.0.1:$port"
    export TIMELINED_DATABASE_EMBEDDED_DIR="$work/pg" TIMELINED_HTTP_PORT="$port"

    "$bin" migrate >/dev/null
    "$bin" ingest docs/examples/sample-events.ndjson >/dev/null
    # The six-month extension agreed the day the sample agreement lapsed: the feed then has an expiry
    # with alarms to check, and the timeline an extension to mark.
    cat >"$work/extension.json" <<'JSON'
{"key": "us-cn-sta-extension-2023", "kind": "extension", "title": "Six-month extension of the US–China Science and Technology Agreement", "date": "2023-08-27", "agreement": "us-cn-sta", "extends_by": "P6M", "actors": ["US", "CN"]}
JSON
    "$bin" ingest "$work/extension.json" >/dev/null
    "$bin" serve >"$work/serve.log" 2>&1 &
    daemon=$!
    trap stop_live_daemon EXIT

    for _ in $(seq 1 100); do
        curl -fsS "$base/readyz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fsS "$base/readyz" >/dev/null || { echo "the daemon did not become ready:" >&2; cat "$work/serve.log" >&2; exit 1; }
    ready_lines=$(wc -l <"$work/serve.log")
}

stop_live_daemon() {
    kill -TERM "$daemon" 2>/dev/null && wait "$daemon" || true
    rm -rf "$work"
}
