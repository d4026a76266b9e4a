# Sourced by the scripts that test under a throwaway systemd (scripts/test-systemd.sh,
# scripts/test-deb.sh), after they set $repo. Finds the systemd-sandbox tool ($SYSTEMD_SANDBOX,
# else ../shared/tools/systemd-sandbox/systemd-sandbox beside the repository) and exits 0 with
# `SKIP: <reason>` where it is missing or cannot run here. The caller sets $state (the sandbox's
# state directory) and calls sandbox_down from its EXIT trap.

sandbox=${SYSTEMD_SANDBOX:-$repo/../shared/tools/systemd-sandbox/systemd-sandbox}
case $sandbox in
    */*) sandbox=$(realpath -m "$sandbox") ;;
    *) sandbox=$(command -v "$sandbox" || echo "$sandbox") ;; # a name: looked up on PATH
esac
if [ ! -x "$sandbox" ]; then
    echo "SKIP: systemd-sandbox not found at $sandbox (set SYSTEMD_SANDBOX to its path)"
    exit 0
fi
if ! out=$("$sandbox" check 2>&1); then
    echo "SKIP: ${out##*$'\n'}"
    exit 0
fi

started=$(date +%s%N)
elapsed() { # seconds since $1 (date +%s%N), one decimal
    local now; now=$(date +%s%N)
    printf '%d.%d' $(((now - $1) / 1000000000)) $(((now - $1) / 100000000 % 10))
}

sandbox_up=false
failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Stops at once (the later checks need what failed); the EXIT trap dumps the journal.
fatal() { fail "$@"; exit 1; }

sx() { "$sandbox" exec --state "$state" "$@"; }
show() { sx -- systemctl show timelined -p "$1" --value; }
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The unit's journal entries from $1 (microseconds since the epoch; all when omitted) on, one a
# line: PRIORITY, a tab, MESSAGE. journald sends a non-UTF-8 message as an array of bytes: it is
# decoded, its bad bytes replaced; line breaks inside a message become spaces.
journal_entries() {
    sx -- journalctl -u timelined -o json --no-pager | python3 -c '
import json, sys
since = int(sys.argv[1])
for line in sys.stdin:
    entry = json.loads(line)
    if int(entry["__REALTIME_TIMESTAMP"]) < since:
        continue
    message = entry.get("MESSAGE") or ""
    if isinstance(message, list):
        message = bytes(message).decode("utf-8", "replace")
    print("%s\t%s" % (entry.get("PRIORITY", ""), " ".join(message.splitlines())))
' "${1:-0}"
}

dump_journal() {
    echo "---- journalctl -u timelined -p info (last 80 lines)"
    sx -- journalctl -u timelined -p info --no-pager 2>&1 | tail -n 80 || true
    echo "----"
}

# The unit's hardening holds: `systemd-analyze security` rates its exposure at most 1.5.
check_exposure() {
    local exposure
    exposure=$(sx -- systemd-analyze security timelined --no-pager 2>&1 | sed -n 's/.*Overall exposure level for timelined.service: \([0-9.]*\).*/\1/p')
    if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 1.5) }'; then
        ok "systemd-analyze security: overall exposure $exposure (at most 1.5)"
    else
        fail "systemd-analyze security: overall exposure '${exposure:-unknown}', more than 1.5"
    fi
}

# `systemctl reload` (SIGHUP, RELOADING=1 ... READY=1) returns 0; the same process, not restarted,
# still serves: /readyz at $1, the service's base URL, answers 200.
check_reload() {
    local base=$1 pid_before restarts_before t took active pid_after restarts_after code out rc
    pid_before=$(show MainPID)
    restarts_before=$(show NRestarts)
    t=$(date +%s%N)
    if out=$(sx --timeout 30 -- systemctl reload timelined 2>&1); then
        took=$(elapsed "$t")
        sleep 2 # a daemon that SIGHUP kills is gone (and restarting) by now
        active=$(show ActiveState) pid_after=$(show MainPID) restarts_after=$(show NRestarts)
        code=$(curl -sS -o /dev/null -w '%{http_code}' "$base/readyz" || true)
        if [ "$active" = active ] && [ "$pid_after" = "$pid_before" ] && [ "$restarts_after" = "$restarts_before" ] && [ "$code" = 200 ]; then
            ok "systemctl reload timelined returned 0 in ${took}s; still active, same MainPID $pid_after, /readyz 200"
        else
            fail "after systemctl reload (returned 0 in ${took}s): ActiveState=$active MainPID $pid_before -> $pid_after NRestarts $restarts_before -> $restarts_after /readyz ${code:-none}"
        fi
    else
        rc=$?
        fail "systemctl reload timelined failed (exit $rc) after $(elapsed "$t")s: $out; ActiveState=$(show ActiveState) MainPID $pid_before -> $(show MainPID)"
    fi
}

# For the EXIT trap, with the exit status: the journal's tail after a failure, the whole journal
# in $TEST_SYSTEMD_JOURNAL when set, then the sandbox torn down.
sandbox_down() {
    $sandbox_up || return 0
    if [ "$1" -ne 0 ] || [ "$failures" -ne 0 ]; then dump_journal; fi
    if [ -n "${TEST_SYSTEMD_JOURNAL:-}" ]; then
        sx -- journalctl --no-pager -o short-precise >"$TEST_SYSTEMD_JOURNAL" 2>&1 || true
    fi
    "$sandbox" down --state "$state" >/dev/null 2>&1 || "$sandbox" down --state "$state" || true
}

# The last line: how many checks failed and how long it took; the exit status says the same.
summary() {
    echo "$([ "$failures" -eq 0 ] && echo passed || echo "$failures failed") in $(elapsed "$started")s"
    [ "$failures" -eq 0 ]
}
