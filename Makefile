# `make run` and `make test` work on a fresh Debian 12 machine: both install what they need first.

.PHONY: deps build run test test-tools reliability bench-ingest bench-alerts clean

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
PYTHON_TOOLS := schemathesis openapi-spec-validator icalendar

test-tools:
	@scripts/install-deps.sh --test-tools
	@[ -x $(TOOLS_VENV)/bin/schemathesis ] || { python3 -m venv $(TOOLS_VENV) \
	    && $(TOOLS_VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_TOOLS); }

# The suites start throwaway PostgreSQL clusters of their own; then the live daemon is
# checked against its published contract (metrics, OpenAPI document, calendar feed).
test: deps test-tools
	swift test
	PATH="$(CURDIR)/$(TOOLS_VENV)/bin:$$PATH" scripts/api-conformance.sh

# The reliability and security suite (scripts/reliability): the debug binary against PostgreSQL
# clusters it starts and stops itself, one PASS/FAIL line per scenario; bounded to a few minutes.
# `make reliability FULL=1` runs it with bigger numbers.
reliability: build test-tools
	scripts/reliability/run --binary "$$(swift build --show-bin-path)/timelined" $(if $(filter-out 0,$(FULL)),--full)

bench-ingest: deps
	swift run -c release IngestBenchmark

bench-alerts: deps
	swift run -c release AlertBenchmark

clean:
	rm -rf .build
