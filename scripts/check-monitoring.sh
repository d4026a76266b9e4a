#!/usr/bin/env bash
# Checks what the repository ships for Prometheus and Grafana (contract §12), as `make test` requires:
#   promtool check rules / test rules   Config/prometheus/timelined.rules.yml and its unit tests
#   the Grafana dashboard               Config/grafana/timelined-dashboard.json parses as JSON, and
#                                       every panel's PromQL expression parses (promtool checks them
#                                       as recording rules of a generated file)
set -euo pipefail
cd "$(dirname "$0")/.."

promtool check rules Config/prometheus/timelined.rules.yml
promtool test rules Config/prometheus/timelined.rules.test.yml

work=$(mktemp -d /tmp/timelined-monitoring-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - Config/grafana/timelined-dashboard.json "$work/dashboard.rules.yml" <<'PYTHON'
import json, sys
with open(sys.argv[1]) as file:
    dashboard = json.load(file)
expressions = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", []) if "expr" in target]
if not expressions:
    sys.exit("the dashboard has no PromQL expression")
# JSON strings are valid YAML scalars: the rules file needs no YAML library.
with open(sys.argv[2], "w") as rules:
    rules.write("groups:\n  - name: dashboard\n    rules:\n")
    for number, expression in enumerate(expressions):
        rules.write(f"      - record: dashboard:panel_expression_{number}\n        expr: {json.dumps(expression)}\n")
print(f"dashboard: {len(dashboard['panels'])} panels, {len(expressions)} expressions")
PYTHON
promtool check rules "$work/dashboard.rules.yml"
