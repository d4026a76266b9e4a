#!/usr/bin/env python3
"""Notification → webhook receipt latency (contract v1.1 §12, issue #13): 1,000 agreements that
each emit a notification in one alert pass, delivered by `timelined serve` to a receiver that
verifies every signature and reads every CloudEvent (scripts/webhooks/receiver.py). Latency is
each receipt's time minus its event's `time` (when the ledger emitted the notification); the
drain rate is notifications over the time from the first emission to the last receipt.

Needs the test-tools environment's python (standardwebhooks, cloudevents); `Benchmarks/bench.py`
runs it with the release binary.

    .build/test-tools/bin/python Benchmarks/webhook_latency.py [--binary PATH] [--notifications N] [--json]"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "reliability"))
sys.path.insert(0, str(ROOT / "scripts" / "webhooks"))

from harness import Context, Failed, wait_until  # noqa: E402
from webhook_setup import Setup  # noqa: E402


def measure(binary, count):
    work = Path(tempfile.mkdtemp(prefix="timelined-webhook-bench-"))
    work.chmod(0o755)
    ctx = Context(binary, ROOT, work, full=False)
    try:
        ctx.cluster = ctx.new_cluster("pg")
        setup = Setup(ctx, "webhook-latency", timeout_seconds=15)
        setup.receiver.start()
        setup.daemon()
        setup.ingest_agreements(count)
        if not wait_until(lambda: len(setup.receiver.ids()) >= count, 300, 0.05):
            raise Failed(f"{len(setup.receiver.ids())} of {count} received")
        receipts = setup.receiver.snapshot()
        setup.receiver.stop()
        latencies = sorted((r.received_at - r.event.get_time().timestamp()) * 1000 for r in receipts)
        first_emitted = min(r.event.get_time().timestamp() for r in receipts)
        last_received = max(r.received_at for r in receipts)
        return {
            "notifications": len(receipts),
            "distinct_ids": len({r.webhook_id for r in receipts}),
            "p50_ms": round(statistics.median(latencies)),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1]),
            "max_ms": round(latencies[-1]),
            "drain_per_s": round(len(receipts) / (last_received - first_emitted)),
        }
    finally:
        ctx.cleanup()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    parser.add_argument("--notifications", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    arguments = parser.parse_args()
    binary = arguments.binary or str(Path(subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()) / "timelined")
    figures = measure(binary, arguments.notifications)
    if arguments.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['notifications']} notifications: p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms "
              f"(max {figures['max_ms']} ms); outbox drained at {figures['drain_per_s']} deliveries/s")


if __name__ == "__main__":
    main()
