# `make run` and `make test` work on a fresh Debian 12 machine: both install what they need first.

.PHONY: deps build run test test-tools test-systemd reliability fuzz fuzz-build bench bench-alerts clean release install uninstall \
	install-payload manuals completions deb test-deb screenshots

# Swift is installed in /opt/swift, which is not always on PATH.
ifeq ($(shell command -v swift 2>/dev/null),)
export PATH := /opt/swift/usr/bin:$(PATH)
endif

SAMPLE_DATA := docs/examples/sample-events.ndjson
# As root the embedded database runs as `postgres` (initdb refuses root), which cannot enter a
# checkout under /root; `make run` then keeps the development database here instead.
ROOT_DEV_DB_DIR := /var/lib/timelined-dev/pg

deps:
	@scripts/install-deps.sh

build: deps
	swift build

run: deps build
	@if [ "$$(id -u)" = 0 ] && [ -z "$${TIMELINED_DATABASE_EMBEDDED_DIR:-}" ] \
	    && ! runuser -u postgres -- test -x "$(CURDIR)" 2>/dev/null; then \
	    echo "postgres cannot enter $(CURDIR): the development database lives in $(ROOT_DEV_DB_DIR)"; \
	    export TIMELINED_DATABASE_EMBEDDED_DIR=$(ROOT_DEV_DB_DIR); \
	fi; \
	bin="$$(swift build --show-bin-path)/timelined" \
	    && "$$bin" migrate \
	    && "$$bin" ingest $(SAMPLE_DATA) \
	    && echo "timelined: serving on http://127.0.0.1:8080" \
	    && exec "$$bin" serve

# PyPI checkers live in a virtual environment of their own, beside the build.
TOOLS_VENV := .build/test-tools
PYTHON_TOOLS := schemathesis openapi-spec-validator icalendar standardwebhooks cloudevents selenium

# The venv remembers the list it was made with, so a tool added to it is installed on the next run.
test-tools:
	@scripts/install-deps.sh --test-tools
	@[ "$$(cat $(TOOLS_VENV)/tools 2>/dev/null)" = "$(PYTHON_TOOLS)" ] || { python3 -m venv $(TOOLS_VENV) \
	    && $(TOOLS_VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_TOOLS) \
	    && echo "$(PYTHON_TOOLS)" >$(TOOLS_VENV)/tools; }

# The suites start throwaway PostgreSQL clusters of their own; then the live daemon is
# checked against its published contract (metrics, OpenAPI document, calendar feed, the pages
# in headless Chromium), and the shipped Prometheus rules and Grafana dashboard with promtool.
# Swift Testing starts every test at once unless told otherwise: on 2 cores that is ~150
# CREATE DATABASEs, migrations and daemons together, statements waiting 11–30 s for the CPU.
# Twelve tests a core keep the machine busy and every statement quick, and finish sooner.
TEST_WIDTH ?= $(shell echo $$(( 12 * $$(nproc) )))
test: deps test-tools
	swift test --experimental-maximum-parallelization-width $(TEST_WIDTH)
	PATH="$(CURDIR)/$(TOOLS_VENV)/bin:$$PATH" scripts/api-conformance.sh
	$(TOOLS_VENV)/bin/python scripts/webhooks/test-webhooks.py
	scripts/check-monitoring.sh

# docs/screenshots/{board,timeline,agreement}{,-phone}.png, from a live daemon in headless Chromium.
screenshots: deps test-tools build
	PATH="$(CURDIR)/$(TOOLS_VENV)/bin:$$PATH" scripts/screenshots.sh

# The unit under a real systemd (a throwaway one, scripts/test-systemd.sh): readiness, status,
# a request, the journal priority, fields and catalog text of an expiry notice, reload, watchdog,
# clean stop. Needs root;
# prints SKIP and succeeds where the sandbox cannot run.
test-systemd: build
	@scripts/install-deps.sh --systemd-test
	scripts/test-systemd.sh "$$(swift build --show-bin-path)/timelined"

# Figures beside PostgreSQL's own limits (docs/benchmarks.md); never part of `make test`.
# BENCH_ARGS="--events 100000 --agreements 10000" for a quicker run.
bench: deps test-tools
	@scripts/install-deps.sh --bench
	swift build -c release
	python3 Benchmarks/bench.py $(BENCH_ARGS)

# The reliability and security suite (scripts/reliability): the debug binary against PostgreSQL
# clusters it starts and stops itself, one PASS/FAIL line per scenario; bounded to a few minutes.
# `make reliability FULL=1` runs it with bigger numbers.
reliability: build test-tools fuzz-build
	scripts/reliability/run --binary "$$(swift build --show-bin-path)/timelined" $(if $(filter-out 0,$(FULL)),--full)

# The JSON parser under libFuzzer (Fuzz/JSONParserFuzzer) for FUZZ_SECONDS, every accepted text
# checked against Foundation's reading of it; seeded with the conformance cases it must accept. The
# corpus it grows and any crashing input stay in FUZZ_WORK, outside git.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
FUZZ_WORK ?= $(FUZZ_BUILD)/work
FUZZ_SEEDS := Tests/TimelineCoreTests/Resources/json-conformance/accept

# The target exists only with TIMELINED_FUZZ set (Package.swift). `--sanitize fuzzer` leaves `main` to
# libFuzzer; the instrumentation comes from the combined -Xswiftc flag, because of two -sanitize= flags
# (what `--sanitize` given twice passes) swiftc applies only the last.
fuzz-build: deps
	TIMELINED_FUZZ=1 swift build --scratch-path $(FUZZ_BUILD) --product JSONParserFuzzer \
	    --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address

fuzz: fuzz-build
	mkdir -p $(FUZZ_WORK)/corpus
	@# The Swift runtime's backtracer, reading the stack of a failing input, trips AddressSanitizer.
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/debug/JSONParserFuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_WORK)/ $(FUZZ_WORK)/corpus $(FUZZ_SEEDS)

bench-alerts: deps
	swift run -c release AlertBenchmark

clean:
	rm -rf .build

# `make install PREFIX=/usr` as root on Debian; DESTDIR=... stages into a directory for packaging.
# The release binary links the Swift runtime in, so it runs without the toolchain. The migrations
# are compiled into the binary: the SQL files are a reference for DBAs. An existing
# /etc/timelined/timelined.yaml is never overwritten (the default is also in DATADIR).
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/timelined
DOCDIR = $(PREFIX)/share/doc/timelined
MANDIR = $(PREFIX)/share/man
UNITDIR = $(PREFIX)/lib/systemd/system
CONFDIR = /etc/timelined
# journald reads message catalogs from here only, whatever the prefix.
CATALOGDIR = /usr/lib/systemd/catalog

# The commit `timelined --version` names (TIMELINED_COMMIT, read by Package.swift): HEAD's, with
# -dirty when tracked files differ from it; none outside a git checkout.
COMMIT := $(shell commit=$$(git rev-parse --short=12 HEAD 2>/dev/null) \
    && { git diff --quiet HEAD -- 2>/dev/null || commit=$$commit-dirty; } && echo $$commit)
RELEASE_BIN = $$(swift build -c release --show-bin-path)/timelined

release: deps
	TIMELINED_COMMIT=$(COMMIT) swift build -c release --static-swift-stdlib

# Manual pages (timelined(1) and one per subcommand) and bash/zsh/fish completions, generated from
# the argument-parser definitions of the release binary. The pages come from swift-argument-parser's
# generate-manual, the tool its `generate-manual` plugin runs; run directly, because the plugin builds
# every product again in a build of its own, which `swift package` cannot make static-stdlib.
GENERATED := .build/generated
ARGUMENT_PARSER := .build/checkouts/swift-argument-parser
MANUAL_DATE := $(shell date -u -d "@$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}" +%F)
MANUAL_AUTHORS := timelined maintainers<maintainers@users.noreply.r-seed-ab0a3400.example>

manuals: release
	swift build --package-path $(ARGUMENT_PARSER) --scratch-path .build/generate-manual --product generate-manual
	rm -rf $(GENERATED)/man && mkdir -p $(GENERATED)/man
	.build/generate-manual/debug/generate-manual "$(RELEASE_BIN)" --multi-page --date $(MANUAL_DATE) \
	    --authors "$(MANUAL_AUTHORS)" --output-directory $(GENERATED)/man
	@# whatis and apropos (lexgrog) read one word as the name in NAME: a subcommand's page names
	@# itself as its file does (timelined.alerts.list) and keeps the command line everywhere else.
	for page in $(GENERATED)/man/timelined.*.1; do \
	    name=$$(basename "$$page" .1) && command=$$(echo "$$name" | tr . ' ') \
	    && sed -i -e "s/^\.Nm \"$$command\"\$$/.Nm $$name/" -e "s/^\.Nm\$$/.Nm \"$$command\"/" "$$page" || exit 1; \
	done

# bash-completion sources its files: a #! line would only mislead.
completions: release
	mkdir -p $(GENERATED)/completions
	for shell in bash zsh fish; do \
	    "$(RELEASE_BIN)" --generate-completion-script $$shell >$(GENERATED)/completions/timelined.$$shell || exit 1; \
	    sed -i '1{/^#!/d}' $(GENERATED)/completions/timelined.$$shell; \
	done

install: install-payload
	@if [ -e "$(DESTDIR)$(CONFDIR)/timelined.yaml" ]; then \
	    echo "keeping $(DESTDIR)$(CONFDIR)/timelined.yaml (the new default is $(DESTDIR)$(DATADIR)/timelined.yaml)"; \
	else \
	    echo install -D -m 0644 Config/timelined.yaml "$(DESTDIR)$(CONFDIR)/timelined.yaml"; \
	    install -D -m 0644 Config/timelined.yaml "$(DESTDIR)$(CONFDIR)/timelined.yaml"; \
	fi
	@# The unit names /usr/bin/timelined and /usr/share/doc/timelined: other prefixes get their own.
	sed -e 's|/usr/bin/timelined|$(BINDIR)/timelined|g' -e 's|/usr/share/doc/timelined|$(DOCDIR)|g' \
	    systemd/timelined.service >.build/timelined.service
	install -D -m 0644 .build/timelined.service "$(DESTDIR)$(UNITDIR)/timelined.service"
	$(if $(and $(wildcard systemd/timelined.catalog),$(if $(DESTDIR),,yes)),journalctl --update-catalog)

# What every installation carries, `make install` and the Debian package (debian/rules) alike; the
# package brings its own unit and configuration. The alert rules, dashboard and journal catalog
# are installed once they are in the repository.
install-payload: release manuals completions
	install -D -m 0755 "$(RELEASE_BIN)" "$(DESTDIR)$(BINDIR)/timelined"
	install -D -m 0644 -t "$(DESTDIR)$(DATADIR)/sql" SQL/*.sql
	install -D -m 0644 Config/timelined.yaml "$(DESTDIR)$(DATADIR)/timelined.yaml"
	install -D -m 0644 -t "$(DESTDIR)$(DOCDIR)" README.md
	install -D -m 0644 -t "$(DESTDIR)$(DOCDIR)/docs" docs/*.md
	cd docs/examples && find . -type f -exec install -D -m 0644 {} "$(DESTDIR)$(DOCDIR)/docs/examples/{}" \;
	install -D -m 0644 -t "$(DESTDIR)$(MANDIR)/man1" $(GENERATED)/man/*.1
	install -D -m 0644 $(GENERATED)/completions/timelined.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/timelined"
	install -D -m 0644 $(GENERATED)/completions/timelined.zsh "$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_timelined"
	install -D -m 0644 $(GENERATED)/completions/timelined.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/timelined.fish"
	$(if $(wildcard systemd/timelined.catalog),install -D -m 0644 systemd/timelined.catalog "$(DESTDIR)$(CATALOGDIR)/timelined.catalog")
	$(if $(wildcard Config/prometheus/timelined.rules.yml),install -D -m 0644 -t "$(DESTDIR)$(DATADIR)/prometheus" Config/prometheus/timelined.rules.yml)
	$(if $(wildcard Config/grafana/timelined-dashboard.json),install -D -m 0644 -t "$(DESTDIR)$(DATADIR)/grafana" Config/grafana/timelined-dashboard.json)

# Leaves /etc/timelined and the state in /var/lib/private/timelined (the database) alone.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/timelined" "$(DESTDIR)$(UNITDIR)/timelined.service" "$(DESTDIR)$(MANDIR)"/man1/timelined*.1 \
	    "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/timelined" "$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_timelined" \
	    "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/timelined.fish" "$(DESTDIR)$(CATALOGDIR)/timelined.catalog"
	rm -rf "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"

# timelined_VERSION_ARCH.deb here, built by debian/rules (debhelper) from the release build, then
# checked by lintian: any error or warning fails (debian/timelined.lintian-overrides says why each
# override is there).
DEB = timelined_$$(dpkg-parsechangelog -S Version)_$$(dpkg-architecture -q DEB_HOST_ARCH).deb

deb: deps
	@scripts/install-deps.sh --deb
	dpkg-checkbuilddeps
	debian/rules clean
	debian/rules build
	debian/rules binary DEB_DESTDIR=$(CURDIR)
	lintian --fail-on error,warning --info "$(DEB)"

# The package under a throwaway systemd (scripts/test-deb.sh): install, serve on the embedded
# database, reload, upgrade, remove, purge. Needs root; prints SKIP where the sandbox cannot run.
test-deb: deb
	@scripts/install-deps.sh --systemd-test
	scripts/test-deb.sh "$(DEB)"
