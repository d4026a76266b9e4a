#!/usr/bin/env bash
# End-to-end test of the Debian package (`make test-deb`) under a throwaway systemd (systemd-sandbox,
# whose root is a copy-on-write overlay: the host's dpkg database and files are untouched). Installs
# the package as an administrator would, then checks: the user and directories, the service enabled
# and serving on the embedded database as that user, its hardening, the manual pages and
# completions, reload, `dpkg -r` (stopped, data kept), an upgrade (data kept, the newest migration
# applied) and `dpkg --purge` (data and spool gone). One `ok:`/`FAIL:` line each; non-zero exit on
# any failure.
#
#   scripts/test-deb.sh timelined_VERSION_ARCH.deb
#
# The upgrade starts from "the previous release": this package repacked under a lower version. One
# build has one set of migrations (they are compiled into the binary), so its database is put one
# migration behind the way an older release leaves it: the migrations but the newest are applied
# from the shipped SQL files into a fresh database, the ledger rows of those migrations and the data
# of their tables copied over, and that database put in the old one's place. An upgrade must then
# apply the newest migration and keep the data. (A newest migration that changes a table existing
# before it cannot be put back this way, and the copy fails saying so.)
#
# Needs root, dpkg-deb, curl and python3. Prints `SKIP: <reason>` and exits 0 where the sandbox
# cannot run; see scripts/lib/sandbox.sh for where the tool is looked for.
set -euo pipefail
umask 022

repo=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:?usage: scripts/test-deb.sh timelined_VERSION_ARCH.deb}
. "$repo/scripts/lib/sandbox.sh"
[ -f "$deb" ] || { echo "FAIL: no package at $deb (make deb)" >&2; exit 2; }
for tool in dpkg-deb curl python3; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d /tmp/timelined-deb-XXXXXX)
state=$work/sandbox
cleanup() {
    local exit_status=$?
    trap - EXIT INT TERM
    sandbox_down "$exit_status"
    rm -rf "$work"
    exit "$exit_status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

version=$(dpkg-deb --field "$deb" Version)
previous_version="$version~previous"
dpkg-deb --raw-extract "$deb" "$work/previous"
sed -i "s/^Version: .*/Version: $previous_version/" "$work/previous/DEBIAN/control"
dpkg-deb --root-owner-group --build "$work/previous" "$work/timelined_previous.deb" >/dev/null

# The packaged configuration listens on 8080; the sandbox shares the host's ports, so a free one.
http_port=$(free_port)
base="http://127.0.0.1:$http_port"
mkdir -p "$work/units/timelined.service.d"
printf '[Service]\nEnvironment=TIMELINED_HTTP_PORT=%s\n' "$http_port" >"$work/units/timelined.service.d/port.conf"

sandbox_up=true # `down` is idempotent: also an interrupted `up` is torn down
"$sandbox" up --state "$state" --unit-dir "$work/units" \
    --copy "$deb:/root/timelined.deb" --copy "$work/timelined_previous.deb:/root/timelined_previous.deb" >/dev/null \
    || { sandbox_up=false; fatal "systemd-sandbox up failed"; }
# Container images ship a policy-rc.d that forbids maintainer scripts to start services (exit 101);
# the sandbox is to behave as a machine does, and its root is a copy, so it goes there.
sx -- rm -f /usr/sbin/policy-rc.d

installed() { # $1: package file inside the sandbox; installs it, the service started by its postinst
    local t out
    t=$(date +%s%N)
    if out=$(sx --timeout 180 -- dpkg --install "$1" 2>&1); then
        ok "dpkg --install $1 returned 0 in $(elapsed "$t")s; timelined $(sx -- dpkg-query -W -f '${Version}' timelined)"
    else
        echo "$out"
        fatal "dpkg --install $1 failed after $(elapsed "$t")s"
    fi
}
ready() { # /readyz answers 200 within 30 s
    local deadline=$((SECONDS + 30))
    until [ "$(curl -sS -o /dev/null -w '%{http_code}' "$base/readyz" 2>/dev/null)" = 200 ]; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.5
    done
}
readback() { # the event stored before is served
    curl -sS "$base/v1/timeline?q=Packaged" >"$work/timeline.json" 2>&1 && grep -q 't-packaged' "$work/timeline.json" \
        || { echo "GET /v1/timeline?q=Packaged: $(cat "$work/timeline.json")"; false; }
}
pg_tool() { # $1: a PostgreSQL program, run as timelined inside the sandbox
    local program=$1
    shift
    sx --timeout 60 -- runuser -u timelined -- "$pg_bin/$program" "$@"
}
pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")
cluster=/var/lib/timelined/pg
psql_in() { # $1: database; the rest: psql arguments
    local database=$1
    shift
    pg_tool psql -X -q -v ON_ERROR_STOP=1 -h "$cluster/run" -d "$database" "$@"
}

# --- install: the user, the directories, the service enabled, started and serving ------------
installed /root/timelined_previous.deb
if sx -- getent passwd timelined >/dev/null && sx -- getent group timelined >/dev/null; then
    ok "system user and group timelined: $(sx -- getent passwd timelined)"
else
    fatal "no timelined user or group after the install"
fi
enabled=$(sx -- systemctl is-enabled timelined || true) active=$(show ActiveState)
if [ "$enabled" = enabled ] && [ "$active" = active ]; then
    ok "timelined.service is enabled and active"
else
    fatal "timelined.service is '$enabled' and '$active'"
fi
if ready; then ok "/readyz answered 200: the schema is current"; else fatal "/readyz did not answer 200 within 30s"; fi

uid=$(sx -- ps -o uid= -p "$(show MainPID)" | tr -d ' ')
if [ "$uid" = "$(sx -- id -u timelined)" ]; then
    ok "the daemon runs as timelined (uid $uid)"
else
    fail "the daemon runs as uid '$uid', not timelined's $(sx -- id -u timelined)"
fi
spool=$(sx -- stat -c '%a %U:%G' /var/spool/timelined || true)
[ "$spool" = "1770 timelined:timelined" ] && ok "/var/spool/timelined: $spool" || fail "/var/spool/timelined: '$spool', not 1770 timelined:timelined"
data=$(sx -- stat -c '%a %U' /var/lib/timelined "$cluster/data" | tr '\n' ' ' || true)
[ "$data" = "700 timelined 700 timelined " ] && ok "/var/lib/timelined and the embedded cluster: $data" \
    || fail "/var/lib/timelined and $cluster/data: '$data', not 700 timelined"
if sx -- dpkg-query -W -f '${Conffiles}' timelined | grep -q '/etc/timelined/timelined.yaml'; then
    ok "/etc/timelined/timelined.yaml is a conffile"
else
    fail "/etc/timelined/timelined.yaml is not a conffile"
fi
check_exposure

code=$(curl -sS -o "$work/post.json" -w '%{http_code}' -X POST "$base/v1/events" -H 'Content-Type: application/json' \
    --data '{"key":"t-packaged","kind":"visit","title":"Packaged visit","date":"2025-01-01"}' || true)
[[ $code == 2?? ]] && ok "POST /v1/events answered $code" || fail "POST /v1/events answered ${code:-nothing}: $(cat "$work/post.json" 2>/dev/null)"

# What the package carries besides the daemon.
reported=$(sx -- timelined --version 2>&1 || true)
case $reported in
    "${version%%-*} (commit "*) ok "timelined --version: $reported" ;;
    *) fail "timelined --version says '$reported', the package is $version" ;;
esac
pages=$(sx -- sh -c 'ls /usr/share/man/man1/timelined*.1.gz' | wc -l)
subcommands=$(sx -- timelined --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | grep -c '^  [a-z]' || true)
if [ "$pages" -gt "$subcommands" ] && sx -- man --warnings -l /usr/share/man/man1/timelined.1.gz >/dev/null 2>&1; then
    ok "$pages manual pages for timelined and its $subcommands subcommands (and theirs); man reads timelined(1)"
else
    fail "$pages manual pages for $subcommands subcommands, or man cannot read timelined(1)"
fi
for completion in /usr/share/bash-completion/completions/timelined /usr/share/zsh/vendor-completions/_timelined \
    /usr/share/fish/vendor_completions.d/timelined.fish; do
    sx -- grep -q serve "$completion" && ok "completion $completion" || fail "no completion at $completion naming the subcommands"
done
for asset in systemd/timelined.catalog:/usr/lib/systemd/catalog/timelined.catalog \
    Config/prometheus/timelined.rules.yml:/usr/share/timelined/prometheus/timelined.rules.yml \
    Config/grafana/timelined-dashboard.json:/usr/share/timelined/grafana/timelined-dashboard.json; do
    [ -e "$repo/${asset%%:*}" ] || continue
    sx -- cmp -s "${asset#*:}" /dev/stdin <"$repo/${asset%%:*}" && ok "${asset#*:} installed" || fail "${asset#*:} missing or not the repository's"
done

# --- reload -------------------------------------------------------------------------------
check_reload "$base"

# --- remove: the service stops, the data stays --------------------------------------------
sx --timeout 60 -- dpkg --remove timelined >/dev/null || fatal "dpkg --remove timelined failed"
active=$(sx -- systemctl is-active timelined || true)
if [ "$active" != active ] && ! sx -- test -e /usr/bin/timelined && sx -- test -s "$cluster/data/PG_VERSION" \
    && [ -z "$(sx -- sh -c 'pgrep -u timelined' || true)" ]; then
    ok "dpkg --remove: service $active, no process of timelined left, binary gone, $cluster kept"
else
    fail "dpkg --remove: service '$active', processes '$(sx -- sh -c 'pgrep -u timelined -a' || true)', binary or data not as expected"
fi

installed /root/timelined_previous.deb
if ready && readback; then ok "installed again: serves the event stored before the removal"; else fail "installed again: the event stored before the removal is not served"; fi

# --- upgrade: the previous release's database, one migration behind -----------------------
newest=$(sx -- sh -c 'ls /usr/share/timelined/sql | sort | tail -n 1')
sx --timeout 30 -- systemctl stop timelined
pg_tool pg_ctl start --pgdata="$cluster/data" --log="$cluster/postgres.log" --wait --silent >/dev/null
psql_in postgres -c 'CREATE DATABASE timelined_previous'
for migration in $(sx -- sh -c 'ls /usr/share/timelined/sql | sort'); do
    [ "$migration" = "$newest" ] || psql_in timelined_previous -1 -f "/usr/share/timelined/sql/$migration"
done
tables=$(psql_in timelined_previous -At -c "SELECT 'public.' || relname FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S') AND relname <> 'schema_migrations'")
pg_tool pg_dump -h "$cluster/run" -d timelined --table=public.schema_migrations -f /tmp/ledger.sql
pg_tool pg_dump -h "$cluster/run" -d timelined --data-only --disable-triggers $(printf -- '--table=%s ' $tables) -f /tmp/data.sql
# (The dump leaves search_path empty.)
psql_in timelined_previous -f /tmp/ledger.sql -c "DELETE FROM public.schema_migrations WHERE name = '$newest'" >/dev/null
psql_in timelined_previous -f /tmp/data.sql >/dev/null \
    || fatal "the data does not fit the schema without $newest: it changes a table that existed before"
psql_in postgres -c 'DROP DATABASE timelined' -c 'ALTER DATABASE timelined_previous RENAME TO timelined'
pg_tool pg_ctl stop --pgdata="$cluster/data" --wait --silent
ok "the previous release's database: $newest not applied, the rest and the data in place"

since=$(date +%s%6N)
installed /root/timelined.deb
applied=$(journal_entries "$since" | cut -f2- | grep "applying migration" || true)
if ready && [[ $applied == *"$newest"* ]] && [ "$(echo "$applied" | grep -c .)" = 1 ]; then
    ok "upgrade to $version: the service applied $newest alone: $applied"
else
    fail "upgrade to $version: migrations applied: '${applied:-none}', want $newest alone"
fi
if readback; then ok "upgrade: serves the event stored before"; else fail "upgrade: the event stored before is not served"; fi

# --- purge: the data and the spool go, the user stays (Debian policy) ----------------------
sx --timeout 60 -- dpkg --purge timelined >/dev/null || fatal "dpkg --purge timelined failed"
left=$(sx -- sh -c 'ls -d /var/lib/timelined /var/spool/timelined /etc/timelined /usr/lib/systemd/system/timelined.service /lib/systemd/system/timelined.service 2>/dev/null' || true)
if [ -z "$left" ] && [ "$(sx -- systemctl is-active timelined || true)" != active ]; then
    ok "dpkg --purge: stopped; state, spool, configuration and unit removed"
else
    fail "dpkg --purge left: $left"
fi

summary
