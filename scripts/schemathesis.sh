#!/usr/bin/env bash
# schemathesis against a live daemon's /openapi.json, every documented operation, looking for
# server errors and responses the document does not allow. Shared by scripts/api-conformance.sh
# (make test) and scripts/reliability (make reliability); schemathesis comes from the
# .build/test-tools virtual environment that `make test-tools` makes.
#   scripts/schemathesis.sh BASE_URL [EXTRA SCHEMATHESIS RUN OPTIONS…]
# SCHEMATHESIS_MAX_EXAMPLES (default 40) bounds the examples per operation.
set -euo pipefail
base=${1:?usage: $0 BASE_URL [schemathesis run options]}
shift
cd "$(dirname "$0")/.."
PATH="$PWD/.build/test-tools/bin:$PATH"

config=$(mktemp /tmp/timelined-schemathesis-XXXXXX.toml)
trap 'rm -f "$config"' EXIT
# Rules of the contract that no JSON Schema can state get an answer the document lists but that
# schemathesis would count against schema-valid data. They are allowed for the operations they
# govern, and nowhere else:
# - POST /v1/events and POST /v1/agreements: 422 for records that satisfy the schema but not the
#   contract (an agreement id that does not exist, an end_date starting before the date, extends_by
#   without an expiry to extend, text lengths counted in characters, blank titles and summaries);
# - the timeline, its page, the actor list and the delivery list: 400 for a `cursor` that is not a next_cursor this server wrote
#   (or was written for the other `order`), and for a `from` after `to`;
# - the timeline page: a field the search form left blank is dropped by a 303 to the query
#   without it. Schema-violating data that serializes to blank fields (an object for `actor`, say,
#   sent as `actor=`) is such a request, so 303 is a rejection there.
# The cache of past failures is off: a run depends on its seed alone and leaves nothing in the tree.
cat >"$config" <<'TOML'
[cache]
enabled = false

[[operations]]
include-operation-id-regex = "^(ingestEvents|defineAgreement)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[[operations]]
include-operation-id-regex = "^(timeline|listActors|listDeliveries)(Head)?$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]

[[operations]]
include-operation-id-regex = "^timelinePage(Head)?$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
checks.negative_data_rejection.expected-statuses = ["303", "400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx"]
TOML
# Bounded: a fixed number of examples per operation and a fixed seed, so a run takes about a
# minute and a failure can be reproduced. Writes come from loopback, so no token is needed.
# use_after_free is left out: DELETE /v1/events/{id} retracts, and the contract keeps a retracted
# event readable (200 with "retracted": true, and in its revisions), where the check wants 404.
schemathesis --config-file "$config" run "$base/openapi.json" \
    --checks all \
    --exclude-checks use_after_free \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-40}" \
    --seed 1979 \
    --no-color \
    "$@"
