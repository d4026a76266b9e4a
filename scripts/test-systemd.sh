#!/usr/bin/env bash
# End-to-end test of systemd/timelined.service under a real systemd (`make test-systemd`):
# a throwaway systemd (systemd-sandbox) runs the repository's unit, hardening and all, with the
# test drop-ins of systemd/test/ and a throwaway PostgreSQL on the host's loopback. Checks
# readiness, STATUS=, a request, the journal priority of an expiry notification, its native journal
# fields (MESSAGE_ID=, AGREEMENT=) and its catalog text in `journalctl -x`, reload, the
# watchdog and a clean stop, then the embedded database (started and stopped by the daemon as its
# dynamic user); one `ok:`/`FAIL:` line each, non-zero exit on any failure.
#
#   scripts/test-systemd.sh [BINARY]     BINARY: default .build/debug/timelined
#   TEST_SYSTEMD_JOURNAL=FILE            also keep the sandbox's whole journal in FILE
#
# Needs root, systemd installed (not necessarily running), PostgreSQL's server programs, curl and
# python3. Prints `SKIP: <reason>` and exits 0 where the sandbox cannot run. The sandbox tool is
# $SYSTEMD_SANDBOX, else ../shared/tools/systemd-sandbox/systemd-sandbox beside the repository.
set -euo pipefail
umask 022 # the sandbox's root and copied directories take this mode: 077 locks the dynamic user out

repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$repo/.build/debug/timelined}

. "$repo/scripts/lib/sandbox.sh"
[ -x "$binary" ] || { echo "FAIL: no executable timelined at $binary" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
for tool in curl python3 runuser; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh --systemd-test)" >&2; exit 2; }
done
pg_bin=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "FAIL: no PostgreSQL server programs in /usr/lib/postgresql (scripts/install-deps.sh)" >&2; exit 2; }
pg_bin=$(dirname "$pg_bin")

work=$(mktemp -d /tmp/timelined-systemd-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as `postgres`, which must reach its directories
state=$work/sandbox
pgdata=$work/pg
pg_up=false

cleanup() {
    local exit_status=$?
    trap - EXIT INT TERM
    sandbox_down "$exit_status"
    if $pg_up; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$exit_status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a throwaway PostgreSQL on the host's loopback (the sandbox shares the host's network) ----
pg_port=$(free_port)
http_port=$(free_port)
while [ "$http_port" = "$pg_port" ]; do http_port=$(free_port); done
mkdir -p "$pgdata" "$work/pgsock"
touch "$work/postgres.log"
chown postgres: "$pgdata" "$work/pgsock" "$work/postgres.log"
runuser -u postgres -- "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" || true; fatal "initdb failed"; }
pg_up=true # from here on the EXIT trap stops it (a stop of a server that is not running is harmless)
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $pg_port -k $work/pgsock -c fsync=off" start >/dev/null \
    || { cat "$work/postgres.log" || true; fatal "PostgreSQL did not start"; }
for statement in "CREATE ROLE timelined LOGIN" "CREATE DATABASE timelined OWNER timelined"; do
    "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$statement"
done
database_url="postgresql://timelined@127.0.0.1:$pg_port/timelined"

# --- the unit: the repository's, the static test drop-in, and one with this run's ports -------
mkdir -p "$work/units/timelined.service.d"
cat >"$work/units/timelined.service.d/ports.conf" <<EOF
[Service]
Environment=TIMELINED_DATABASE_URL=$database_url
Environment=TIMELINED_HTTP_PORT=$http_port
EOF
sandbox_up=true # `down` is idempotent: also an interrupted `up` is torn down
"$sandbox" up --state "$state" \
    --unit "$repo/systemd/timelined.service" \
    --unit-dir "$repo/systemd/test" \
    --unit-dir "$work/units" \
    --copy "$binary:/usr/bin/timelined" \
    --copy "$repo/systemd/timelined.catalog:/usr/lib/systemd/catalog/timelined.catalog" \
    --copy "$repo/Config/timelined.yaml:/etc/timelined/timelined.yaml" >/dev/null \
    || { sandbox_up=false; fatal "systemd-sandbox up failed"; }
base="http://127.0.0.1:$http_port"

# --- start: returns only after READY=1 ------------------------------------------------------
t=$(date +%s%N)
if out=$(sx --timeout 90 -- systemctl start timelined 2>&1); then
    state_now=$(show ActiveState)
    if [ "$state_now" = active ]; then
        ok "systemctl start timelined returned 0 in $(elapsed "$t")s; ActiveState=active"
    else
        fatal "systemctl start returned 0 but ActiveState=$state_now"
    fi
else
    fatal "systemctl start timelined failed after $(elapsed "$t")s: $out"
fi

status_text=$(show StatusText)
if [ -n "$status_text" ]; then ok "StatusText=$status_text"; else fail "StatusText is empty"; fi

main_pid=$(show MainPID)
uid=$(sx -- ps -o uid= -p "$main_pid" | tr -d ' ')
if [ -n "$uid" ] && [ "$uid" -ge 61184 ] && [ "$uid" -le 65519 ]; then
    ok "main process $main_pid runs as a dynamic user (uid $uid)"
else
    fail "main process $main_pid runs as uid '${uid:-?}', not a dynamic user"
fi

# --- resource bounds: the unit's limits are in force, and the hardening score holds ----------
check_exposure
bounds="MemoryMax=$(show MemoryMax) MemoryHigh=$(show MemoryHigh) TasksMax=$(show TasksMax) LimitNOFILE=$(show LimitNOFILE)"
if [ "$bounds" = "MemoryMax=2147483648 MemoryHigh=1610612736 TasksMax=512 LimitNOFILE=8192" ]; then
    ok "resource bounds in force: $bounds"
else
    fail "resource bounds: $bounds"
fi

# --- a request: an agreement expiring in 20 days, inside the 30-day threshold ----------------
today=$(date -u +%F)
event=$(printf '{"key":"t-sign","kind":"signing","title":"Test pact signed","date":"%s","agreement":{"id":"test-pact","title":"Test pact"},"expires_on":"%s"}' \
    "$(date -u -d "$today - 300 days" +%F)" "$(date -u -d "$today + 20 days" +%F)")
code=$(curl -sS -o "$work/post.json" -w '%{http_code}' -X POST "$base/v1/events" \
    -H 'Content-Type: application/json' --data "$event" || true)
if [[ $code == 2?? ]]; then
    ok "POST /v1/events answered $code: $(cat "$work/post.json")"
else
    fail "POST /v1/events answered ${code:-nothing}: $(cat "$work/post.json" 2>/dev/null)"
fi
code=$(curl -sS -o "$work/agreement.json" -w '%{http_code}' "$base/v1/agreements/test-pact" || true)
if [ "$code" = 200 ]; then
    ok "GET /v1/agreements/test-pact answered 200"
else
    fail "GET /v1/agreements/test-pact answered ${code:-nothing}: $(cat "$work/agreement.json" 2>/dev/null)"
fi

# --- the expiry notification in the journal, at PRIORITY=4 (warning) --------------------------
find_notification() { # exit 0: found at PRIORITY=4; 1: found at another priority; 2: not (yet) there
    journal_entries | python3 -c '
import re, sys
field = re.compile(r"""(\w+)=("(?:[^"\\]|\\.)*"|\S+)""")
found = None
for line in sys.stdin:
    priority, _, message = line.rstrip("\n").partition("\t")
    if "agreement expiry" not in message:
        continue
    fields = {k: v.strip("\"") for k, v in field.findall(message)}
    if fields.get("agreement") == "test-pact" and fields.get("event") == "reached" and fields.get("threshold") == "30":
        found = (priority, message)
if found is None:
    sys.exit(2)
print(f"PRIORITY={found[0]}: {found[1]}")
sys.exit(0 if found[0] == "4" else 1)'
}
t=$(date +%s%N)
deadline=$((SECONDS + 20))
while :; do
    set +e; line=$(find_notification); rc=$?; set -e
    [ "$rc" -eq 2 ] && [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.5
done
case $rc in
    0) ok "expiry notification in the journal after $(elapsed "$t")s, $line" ;;
    1) fail "expiry notification has the wrong priority (want 4), $line" ;;
    *) fail "no 'agreement expiry' event=reached threshold=30 for test-pact in the journal within 20s" ;;
esac

# --- the same entry came through the native socket: MESSAGE_ID=, AGREEMENT=, and the catalog --
reached_id=57e2509bf0b44d6aa328e4f96a259a77 # NotificationJournalEntry.messageID(of: .reached)
set +e
fields=$(sx -- journalctl -u timelined -o json --no-pager "MESSAGE_ID=$reached_id" | python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    if entry.get("AGREEMENT") == "test-pact":
        print("MESSAGE_ID=%s AGREEMENT=%s PRIORITY=%s" % (entry["MESSAGE_ID"], entry["AGREEMENT"], entry.get("PRIORITY")))
        sys.exit(0)
sys.exit(1)')
rc=$?
set -e
if [ "$rc" -eq 0 ]; then ok "notification entry has native fields: $fields"; else fail "no entry with MESSAGE_ID=$reached_id and AGREEMENT=test-pact"; fi
if sx -- journalctl --update-catalog >/dev/null 2>&1 \
    && explained=$(sx -- journalctl -x -u timelined --no-pager "MESSAGE_ID=$reached_id" 2>&1) \
    && grep -q "Subject: Agreement test-pact reached an alert threshold" <<<"$explained"; then
    ok "journalctl -x explains it: $(grep -m1 'Subject:' <<<"$explained" | sed 's/^[[:space:]]*//')"
else
    fail "journalctl -x shows no catalog text for MESSAGE_ID=$reached_id: $(tail -n 5 <<<"${explained:-}")"
fi

# --- reload: SIGHUP, RELOADING=1 ... READY=1; same process, still serving ---------------------
check_reload "$base"

# --- a reload that fails validation changes nothing and says why -----------------------------
if [ "$(show ActiveState)" = active ]; then
    pid_before=$(show MainPID)
    reload_since=$(date +%s%6N)
    sx -- sh -c 'cp /etc/timelined/timelined.yaml /tmp/timelined.yaml.good && echo "no_such_key: 1" >>/etc/timelined/timelined.yaml'
    if out=$(sx --timeout 30 -- systemctl reload timelined 2>&1); then
        sleep 1
        active=$(show ActiveState) pid_after=$(show MainPID)
        set +e
        logged=$(journal_entries "$reload_since" | grep "reload failed" | sed -n 1p)
        case "$logged" in
            "") rc=2 ;;
            3$'\t'*) rc=0 ;;
            *) rc=1 ;;
        esac
        logged=${logged:+PRIORITY=${logged/$'\t'/: }}
        set -e
        if [ "$active" = active ] && [ "$pid_after" = "$pid_before" ] && [ "$rc" -eq 0 ]; then
            ok "invalid configuration: reload returned 0, still active, same MainPID, $logged"
        else
            fail "invalid configuration: ActiveState=$active MainPID $pid_before -> $pid_after, error line: ${logged:-none at PRIORITY=3}"
        fi
    else
        fail "invalid configuration: systemctl reload failed: $out; ActiveState=$(show ActiveState)"
    fi
    sx -- cp /tmp/timelined.yaml.good /etc/timelined/timelined.yaml
    sx --timeout 30 -- systemctl reload timelined >/dev/null 2>&1 || true
else
    echo "note: not checking a reload of an invalid configuration: timelined is $(show ActiveState)"
fi

# --- watchdog: a hung daemon is aborted and restarted -----------------------------------------
for _ in $(seq 1 20); do # a failed reload may have left it restarting
    [ "$(show ActiveState)" = active ] && break
    sleep 0.5
done
if [ "$(show ActiveState)" != active ]; then
    # A daemon that SIGHUP ends exits "cleanly" (systemd counts SIGHUP as a clean signal), so
    # Restart=on-failure leaves it stopped: start it again so the remaining checks still run.
    echo "note: timelined is $(show ActiveState) after the reload; starting it again for the remaining checks"
    sx --timeout 90 -- systemctl start timelined || fatal "systemctl start timelined (again) failed"
fi
pid_before=$(show MainPID)
restarts_before=$(show NRestarts)
t=$(date +%s%N)
sx -- systemctl kill -s SIGSTOP timelined || fatal "systemctl kill -s SIGSTOP timelined failed"
deadline=$((SECONDS + 30))
restarted=false
while [ "$SECONDS" -lt "$deadline" ]; do
    restarts=$(show NRestarts) active=$(show ActiveState) pid=$(show MainPID)
    if [ "$restarts" = $((restarts_before + 1)) ] && [ "$active" = active ] && [ "$pid" != 0 ] && [ "$pid" != "$pid_before" ]; then
        restarted=true
        break
    fi
    sleep 0.5
done
if $restarted; then
    if sx -- journalctl -u timelined --no-pager | grep -c 'Watchdog timeout' >/dev/null; then
        ok "watchdog: SIGSTOP -> restarted and active again after $(elapsed "$t")s (NRestarts=$restarts, MainPID $pid_before -> $pid)"
    else
        fail "restarted after SIGSTOP, but the journal has no 'Watchdog timeout'"
    fi
else
    fail "watchdog: no restart within 30s of SIGSTOP (NRestarts=$restarts ActiveState=$active MainPID=$pid)"
fi

# --- clean stop ---------------------------------------------------------------------------
# An inactive unit is unloaded at once (and `systemctl show` then reads defaults), so the exit
# status is read from the journal: at debug level the manager logs it also for a clean exit.
sx -- systemctl log-level debug
check_stop() { # $1: what is stopped, for the ok/FAIL lines
    local since took out verdict rc active
    since=$(date +%s%6N)
    t=$(date +%s%N)
    if out=$(sx --timeout 30 -- systemctl stop timelined 2>&1); then
        took=$(elapsed "$t")
        active=$(show ActiveState)
        [ "$active" = inactive ] || fail "$1: after systemctl stop: ActiveState=$active"
    else
        took=$(elapsed "$t")
        fail "$1: systemctl stop timelined failed after ${took}s: $out"
    fi
    set +e
    verdict=$(journal_entries "$since" | python3 -c '
import re, sys
bad = re.compile(r"dumped core|core dump|Failed with result|Main process exited, code=(killed|dumped)"
                 r"|Main process exited, code=exited, status=[1-9]|Watchdog timeout")
exit_line, deactivated, problems = None, False, []
for line in sys.stdin:
    priority, _, message = line.rstrip("\n").partition("\t")
    if "Main process exited" in message:
        exit_line = message
    if "Deactivated successfully" in message:
        deactivated = True
    if bad.search(message) or int(priority or 6) <= 3:
        problems.append("PRIORITY=%s: %s" % (priority, message))
if exit_line is None:
    problems.append("no \"Main process exited\" line after the stop")
elif "code=exited, status=0/SUCCESS" not in exit_line:
    problems.append(exit_line)
if not deactivated:
    problems.append("no \"Deactivated successfully\" (Result=success) after the stop")
print("\n".join(problems) if problems else exit_line)
sys.exit(1 if problems else 0)
')
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then
        ok "$1: systemctl stop returned 0 in ${took}s; inactive, Result=success, no core dump or error logged; $verdict"
    else
        fail "$1: journal since the stop:"$'\n'"$verdict"
    fi
}
check_stop "stop"

# --- the embedded database: no database.url, the daemon runs initdb/pg_ctl as its dynamic user ----
# Started three times (create, then reuse) and stopped each time: the daemon stops its cluster
# itself (with KillMode=control-group the stop failed now and then, see the unit).
sx -- sh -c 'printf "[Service]\nEnvironment=TIMELINED_DATABASE_URL=\n" >/etc/systemd/system/timelined.service.d/zz-embedded.conf'
sx -- systemctl daemon-reload
postgres_owners='cg=/sys/fs/cgroup$(systemctl show -p ControlGroup --value timelined)
    for p in $(cat "$cg/cgroup.procs"); do ps -o uid=,comm= -p "$p"; done | awk '"'"'$2 == "postgres" { print $1 }'"'"' | sort -u'
for round in 1 2 3; do
    t=$(date +%s%N)
    if ! out=$(sx --timeout 90 -- systemctl start timelined 2>&1); then
        fail "embedded database, start $round: systemctl start failed after $(elapsed "$t")s: $out"
        break
    fi
    took=$(elapsed "$t")
    pid=$(show MainPID)
    # pg_ctl daemonizes the server, so it is found in the unit's cgroup, not among the children.
    owners=$(sx -- sh -c "$postgres_owners")
    if [ "$round" = 1 ]; then
        code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/v1/events" -H 'Content-Type: application/json' \
            --data '{"key":"t-embedded","kind":"visit","title":"Embedded visit","date":"2025-01-01"}' || true)
        what="POST /v1/events $code"
        [[ $code == 2?? ]] && good=true || good=false
    else
        code=$(curl -sS -o "$work/timeline.json" -w '%{http_code}' "$base/v1/timeline?q=Embedded" || true)
        what="the event of the first start read back: GET /v1/timeline $code"
        [ "$code" = 200 ] && grep -q t-embedded "$work/timeline.json" && good=true || good=false
    fi
    if $good && [ -n "$owners" ] && [ "$owners" = "$(sx -- ps -o uid= -p "$pid" | tr -d ' ')" ]; then
        ok "embedded database, start $round: ready in ${took}s, PostgreSQL runs as the service's uid $owners, $what"
    else
        fail "embedded database, start $round: $what; postgres uid(s) '${owners:-none}', daemon uid $(sx -- ps -o uid= -p "$pid" | tr -d ' ')"
    fi
    check_stop "embedded database, stop $round"
done

summary
