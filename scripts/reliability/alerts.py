"""Scenario 5: two evaluators on one database over a run of simulated dates."""

import datetime
import json
import subprocess
import time
from collections import Counter

from harness import Failed, logfmt

THRESHOLDS = "30,14,7,3,1,0"


def _agreements(start, days):
    """Signings whose expiries fall across the run, plus an extension, a renewal, a
    termination and a lapse inside it, so every kind of notification comes up."""
    day = lambda n: (start + datetime.timedelta(days=n)).isoformat()
    signed = (start - datetime.timedelta(days=400)).isoformat()
    records = []

    def signing(agreement, expires):
        records.append({"key": f"{agreement}-signing", "kind": "signing", "date": signed,
                        "title": f"{agreement} signed", "expires_on": expires, "actors": ["US", "CN"],
                        "agreement": {"id": agreement, "title": f"Agreement {agreement}", "parties": ["US", "CN"]}})

    count = max(4, (days - 15) // 4)
    for n in range(count):
        signing(f"pact-{n}", day(5 + n * 4))
    signing("extended", day(days // 3))
    records.append({"key": "extended-extension", "kind": "extension", "date": day(days // 6), "extends_by": "P1M",
                    "title": "extended by a month", "agreement": "extended"})
    signing("renewed", day(days // 4))
    records.append({"key": "renewed-renewal", "kind": "renewal", "date": day(days // 5),
                    "expires_on": day(days - 5), "title": "renewed", "agreement": "renewed"})
    signing("terminated", day(days // 2))
    records.append({"key": "terminated-termination", "kind": "termination", "date": day(days // 3),
                    "title": "terminated", "agreement": "terminated"})
    signing("lapsed", day(days))
    records.append({"key": "lapsed-expiration", "kind": "expiration", "date": day(days // 2),
                    "title": "lapsed early", "agreement": "lapsed"})
    return records


def two_evaluators(ctx):
    """`timelined alerts evaluate --as-of DATE` twice at once per date (what two daemons'
    schedulers do) over consecutive dates: each notification once in the ledger and once
    across both processes' logs."""
    cluster = ctx.cluster
    database = cluster.create_database("two_evaluators")
    env = {"TIMELINED_DATABASE_URL": cluster.url(database), "TIMELINED_ALERTS_THRESHOLDS": THRESHOLDS}
    days = 180 if ctx.full else 60
    start = datetime.date(2031, 1, 1)
    records = ctx.work / "alert-agreements.ndjson"
    records.write_text("\n".join(json.dumps(r) for r in _agreements(start, days)) + "\n")
    status, output, log = ctx.run_timelined("two-evaluators-setup", ["migrate"], env)
    if status != 0:
        raise Failed(f"migrate failed: {log.read_text()[-300:]}")
    status, output, log = ctx.run_timelined("two-evaluators-setup", ["ingest", str(records)], env)
    if status != 0:
        raise Failed(f"ingest failed: {log.read_text()[-300:]}")

    logs = [ctx.logs / "two-evaluators-a.log", ctx.logs / "two-evaluators-b.log"]
    started = time.monotonic()
    for n in range(days):
        date = (start + datetime.timedelta(days=n)).isoformat()
        processes = []
        for path in logs:
            with open(path, "ab") as err:
                processes.append(subprocess.Popen(
                    [ctx.binary, "alerts", "evaluate", "--as-of", date, "--verbose", "--config", str(ctx.config)],
                    env=ctx.environment(env), stdout=subprocess.DEVNULL, stderr=err))
        ctx.processes.extend(processes)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                raise Failed(f"alerts evaluate --as-of {date} did not finish within 60 s")
            if process.returncode != 0:
                raise Failed(f"alerts evaluate --as-of {date} exited {process.returncode}")
    took = time.monotonic() - started

    logged = Counter()
    for path in logs:
        for line in path.read_text(errors="replace").splitlines():
            if "agreement expiry" in line:
                f = logfmt(line)
                logged[(f.get("agreement"), f.get("event"), f.get("expires_on"), f.get("threshold", ""))] += 1
    rows = cluster.psql(database, """
        SELECT agreement_id, event, coalesce(expires_on::text, ''), coalesce(threshold::text, '')
        FROM notifications WHERE NOT skipped""")
    ledger = Counter(tuple(row) for row in rows)
    twice_ledger = [k for k, c in ledger.items() if c > 1]
    if twice_ledger:
        raise Failed(f"{len(twice_ledger)} notifications twice in the ledger, e.g. {twice_ledger[0]}")
    twice_logged = [k for k, c in logged.items() if c > 1]
    if twice_logged:
        raise Failed(f"{len(twice_logged)} notifications logged more than once, e.g. {twice_logged[0]}")
    if set(logged) != set(ledger):
        raise Failed(f"ledger and logs differ: only in the ledger {sorted(set(ledger) - set(logged))[:2]}, "
                     f"only logged {sorted(set(logged) - set(ledger))[:2]}")
    kinds = Counter(k[1] for k in ledger)
    missing = {"reached", "due", "expired", "extended", "renewed", "terminated"} - set(kinds)
    if missing:
        raise Failed(f"no {', '.join(sorted(missing))} notification over the run: the scenario proves too little")
    both = sum(1 for path in logs if "agreement expiry" in path.read_text(errors="replace"))
    return (f"{days} dates × 2 concurrent evaluators ({took:.0f} s): {len(ledger)} notifications "
            f"({', '.join(f'{c} {k}' for k, c in sorted(kinds.items()))}) each once in the ledger and once "
            f"in the logs; {both} of 2 processes won some")
