#!/usr/bin/env python3
"""The webhook channel with the real things (contract v1.1 §12, issue #13): `timelined serve` on
a PostgreSQL cluster of its own, delivering to a receiver that verifies every request with the
Standard Webhooks library and reads it with the CloudEvents SDK (scripts/webhooks/receiver.py).
One line per fault, and what it saw:

    down-then-back   the receiver refuses connections for a while, then listens again
    5xx-then-2xx     503 twice, then 200
    400              refused for good: failed at once and logged at error
    kill-9-mid-send  the daemon SIGKILLed while a request is in flight, then started again
    two-daemons      two daemons on one database: each delivery sent by exactly one of them

Run by `make test` with the test-tools environment's python (standardwebhooks, cloudevents);
needs root or the postgres account's programs, as the reliability suite does.

    scripts/webhooks/test-webhooks.py [--binary PATH] [--keep] [--only NAME…]"""

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "reliability"))
sys.path.insert(0, str(HERE))

from harness import Context, Failed, logfmt, wait_until  # noqa: E402
from webhook_setup import TIMEOUT_SECONDS, Setup  # noqa: E402

def down_then_back(ctx):
    setup = Setup(ctx, "down-then-back")
    daemon = setup.daemon()
    setup.ingest_agreements(1)
    # The receiver is not listening: attempts fail with a network error and are retried.
    down = setup.wait_for(daemon, lambda d: d["attempts"] >= 3, "retried while the receiver was down")
    if down["status"] != "pending" or not down["last_error"]:
        raise Failed(f"expected pending with an error while down: {down}")
    setup.receiver.start()
    try:
        delivered = setup.wait_for(daemon, lambda d: d["status"] == "delivered", "delivered once the receiver was back")
        receipts = setup.receiver.snapshot()
        if len(receipts) != 1:
            raise Failed(f"expected one receipt, got {len(receipts)}")
        setup.check_event(receipts[0], delivered)
        return (f"retried while down (attempt {down['attempts']} claimed, last error: {down['last_error'][:60]}); "
                f"delivered once back at attempt {delivered['attempts']}, received once, "
                f"webhook-id {receipts[0].webhook_id} = the delivery's id")
    finally:
        setup.receiver.stop()


def server_errors_then_success(ctx):
    setup = Setup(ctx, "5xx-then-2xx")
    setup.receiver.answer = lambda receipt: 503 if len(setup.receiver.receipts) <= 2 else 200
    setup.receiver.start()
    try:
        daemon = setup.daemon()
        setup.ingest_agreements(1)
        delivered = setup.wait_for(daemon, lambda d: d["status"] == "delivered", "delivered")
        receipts = setup.receiver.snapshot()
        ids = {r.webhook_id for r in receipts}
        timestamps = [r.event.get_time().isoformat() for r in receipts]
        if len(receipts) != 3 or ids != {delivered["id"]} or delivered["attempts"] != 3:
            raise Failed(f"expected 3 attempts with one id, got {len(receipts)} with {ids}: {delivered}")
        for receipt in receipts:
            setup.check_event(receipt, delivered)
        gaps = [round(b.received_at - a.received_at, 1) for a, b in zip(receipts, receipts[1:])]
        return f"503, 503, 200: three signed attempts {gaps} s apart, one webhook-id, same event time {timestamps[0]}"
    finally:
        setup.receiver.stop()


def refused(ctx):
    setup = Setup(ctx, "refused")
    setup.receiver.answer = lambda receipt: 400
    setup.receiver.start()
    try:
        daemon = setup.daemon()
        setup.ingest_agreements(1)
        failed = setup.wait_for(daemon, lambda d: d["status"] == "failed", "failed")
        time.sleep(3)  # longer than the first backoffs: nothing more may come
        receipts = setup.receiver.snapshot()
        if len(receipts) != 1 or failed["attempts"] != 1 or failed["last_error"] != "HTTP 400":
            raise Failed(f"expected one attempt failed with HTTP 400, got {len(receipts)} receipts: {failed}")
        logged = [fields for fields in map(logfmt, daemon.log_lines())
                  if fields.get("level") == "error" and fields.get("delivery") == failed["id"]]
        if not logged:
            raise Failed("the failure was not logged at error with the delivery's id")
        return f"one attempt, failed at once (HTTP 400), logged: {logged[0].get('msg')!r}"
    finally:
        setup.receiver.stop()


def killed_mid_send(ctx):
    setup = Setup(ctx, "kill-9-mid-send")
    in_flight = threading.Event()
    release = threading.Event()

    def answer(receipt):
        if len(setup.receiver.receipts) == 1:
            in_flight.set()
            release.wait(30)
        return 200

    setup.receiver.answer = answer
    setup.receiver.start()
    try:
        first = setup.daemon("-first")
        setup.ingest_agreements(1)
        if not in_flight.wait(30):
            raise Failed("no request arrived")
        first.signal(signal.SIGKILL)
        first.process.wait(10)
        killed_at = time.monotonic()
        release.set()
        second = setup.daemon("-second")
        delivered = setup.wait_for(second, lambda d: d["status"] == "delivered", "delivered after the restart", timeout=60)
        receipts = setup.receiver.snapshot()
        if len(receipts) != 2 or {r.webhook_id for r in receipts} != {delivered["id"]}:
            raise Failed(f"expected the same delivery twice, got {[r.webhook_id for r in receipts]}")
        return (f"killed with the request in flight; the restarted daemon sent it again {receipts[1].received_at - receipts[0].received_at:.1f} s "
                f"after the first attempt (lease: {TIMEOUT_SECONDS} s timeout + 10 s), same webhook-id, attempt {delivered['attempts']}; "
                f"{time.monotonic() - killed_at:.1f} s from the kill to now")
    finally:
        release.set()
        setup.receiver.stop()


def two_daemons(ctx):
    setup = Setup(ctx, "two-daemons")
    setup.receiver.start()
    count = 60
    try:
        a = setup.daemon("-a", TIMELINED_ALERTS_SOURCE="urn:timelined:a")
        b = setup.daemon("-b", TIMELINED_ALERTS_SOURCE="urn:timelined:b")
        # In rounds, so that the claims of both workers race more than once.
        rounds = 6
        for number in range(rounds):
            setup.ingest_agreements(count // rounds, prefix=f"round{number}")
            time.sleep(0.3)
        if not wait_until(lambda: len(setup.receiver.ids()) >= count, 60, 0.2):
            raise Failed(f"{len(setup.receiver.ids())} of {count} received")
        time.sleep(2)  # anything sent twice would arrive by now
        receipts = setup.receiver.snapshot()
        ids = [r.webhook_id for r in receipts]
        rows = setup.deliveries(a)
        if len(ids) != count or len(set(ids)) != count or {d["id"] for d in rows} != set(ids):
            raise Failed(f"{len(ids)} receipts of {len(set(ids))} ids for {len(rows)} deliveries")
        if any(d["status"] != "delivered" or d["attempts"] != 1 for d in rows):
            raise Failed("not every delivery was delivered at its first attempt")
        by_source = {source: sum(1 for r in receipts if r.event.get_source() == source) for source in ("urn:timelined:a", "urn:timelined:b")}
        if len(setup.deliveries(b)) != count:
            raise Failed("the daemons disagree about the deliveries")
        return f"{count} notifications, each received once: {by_source['urn:timelined:a']} sent by daemon a, {by_source['urn:timelined:b']} by b"
    finally:
        setup.receiver.stop()


SCENARIOS = [
    ("down-then-back", down_then_back),
    ("5xx-then-2xx", server_errors_then_success),
    ("400", refused),
    ("kill-9-mid-send", killed_mid_send),
    ("two-daemons", two_daemons),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only", nargs="+")
    arguments = parser.parse_args()
    binary = arguments.binary or str(Path(subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()) / "timelined")
    work = Path(tempfile.mkdtemp(prefix="timelined-webhooks-"))
    work.chmod(0o755)
    ctx = Context(binary, REPO, work, full=False)
    failures = 0
    try:
        ctx.cluster = ctx.new_cluster("pg")
        for name, scenario in SCENARIOS:
            if arguments.only and name not in arguments.only:
                continue
            started = time.monotonic()
            try:
                detail = scenario(ctx)
                print(f"PASS {name} ({time.monotonic() - started:.1f} s): {detail}", flush=True)
            except Exception as error:  # one scenario's failure does not stop the others
                failures += 1
                print(f"FAIL {name} ({time.monotonic() - started:.1f} s): {error}", flush=True)
            for process in ctx.processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(15)
                    except subprocess.TimeoutExpired:
                        process.kill()
    finally:
        ctx.cleanup()
        if arguments.keep or failures:
            print(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
