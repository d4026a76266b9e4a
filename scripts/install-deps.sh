#!/usr/bin/env bash
# Installs the Debian packages timelined builds, runs and tests with; silent when all are there.
#   scripts/install-deps.sh               libpq-dev, zlib1g-dev (the GDELT import inflates zip files), the PostgreSQL server programs, pkg-config
#   scripts/install-deps.sh --test-tools  also what the test and benchmark scripts need
#   scripts/install-deps.sh --systemd-test  also what scripts/test-systemd.sh needs
#   scripts/install-deps.sh --bench       also what Benchmarks/bench.py drives (wrk; pgbench comes with the server)
#   scripts/install-deps.sh --deb         also what `make deb` builds and checks the package with
set -euo pipefail

packages=(libpq-dev pkg-config zlib1g-dev)
# What scripts/api-conformance.sh runs besides the daemon: promtool (Debian's prometheus),
# curl, a Python virtual environment for the PyPI checkers, prometheus-alertmanager, which the
# Alertmanager channel's test starts on loopback, and the headless browser the pages are tested
# in (scripts/test-pages.py drives Debian's chromium through its chromedriver).
test_tools=(prometheus prometheus-alertmanager curl python3-venv chromium chromium-driver)
# What scripts/test-systemd.sh runs on the host besides the sandbox (which needs systemd itself,
# and skips where it is missing): curl for requests, python3 to read the journal's JSON.
systemd_test=(curl python3)
bench=(wrk python3)
# Debian's packaging tools: dpkg-buildpackage, debhelper (dh_installsysusers needs 13.1), lintian.
deb=(dpkg-dev debhelper lintian)

for option in "$@"; do
    case "$option" in
        --test-tools) packages+=("${test_tools[@]}") ;;
        --systemd-test) packages+=("${systemd_test[@]}") ;;
        --bench) packages+=("${bench[@]}") ;;
        --deb) packages+=("${deb[@]}") ;;
        *) echo "usage: $0 [--test-tools] [--systemd-test] [--bench] [--deb]" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    case "$package" in
        # pyenv and other interpreters bring venv themselves; only Debian's python3 needs the
        # package. Any python3 on PATH will do.
        python3-venv) python3 -m venv --help >/dev/null 2>&1 && continue ;;
        python3) command -v python3 >/dev/null && continue ;;
    esac
    dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$package")
done
# Any major version's initdb and pg_ctl will do; the metapackage brings the distribution's.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get update && sudo ${install[*]}" >&2
    exit 1
fi

if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # timelined runs private clusters with the server programs only: Debian's default
    # cluster (main, on port 5432) would be an unused second server, so none is created.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/timelined.conf
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
"${install[@]}"
