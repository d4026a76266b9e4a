"""What the webhook tests and the latency benchmark share: a database on the run's cluster, a
receiver, and the environment that makes `timelined serve` deliver its notifications there."""

import datetime
import json

from harness import Failed, free_port, wait_until
from receiver import Receiver, new_secret

CHANNEL = "desk"
# A send gives up after this long, so a claim's lease is this and 10 s.
TIMEOUT_SECONDS = 2


class Setup:
    """A database, a receiver and the environment that sends the daemon's notifications to it."""

    def __init__(self, ctx, name, source="urn:timelined:test", timeout_seconds=None):
        self.ctx = ctx
        self.name = name
        self.database = ctx.cluster.create_database("webhooks_" + name.replace("-", "_"))
        secret = new_secret()
        secret_file = ctx.work / f"{name}.secret"
        secret_file.write_text(secret + "\n")
        self.receiver = Receiver(free_port(), secret)
        self.env = {
            "TIMELINED_DATABASE_URL": ctx.cluster.url(self.database),
            "TIMELINED_ALERTS_THRESHOLDS": "7",
            "TIMELINED_ALERTS_SOURCE": source,
            "TIMELINED_ALERTS_CHANNELS": json.dumps([{
                "name": CHANNEL, "type": "webhook", "url": f"http://127.0.0.1:{self.receiver.port}/hook",
                "secret_file": str(secret_file), "timeout_seconds": timeout_seconds or TIMEOUT_SECONDS}]),
        }
        status, _, log = ctx.run_timelined(f"{name}-migrate", ["migrate"], self.env)
        if status != 0:
            raise Failed(f"migrate failed: {log.read_text()[-300:]}")

    def daemon(self, suffix="", **overrides):
        daemon = self.ctx.start_daemon(self.name + suffix, {**self.env, **overrides})
        daemon.wait_ready()
        return daemon

    def ingest_agreements(self, count, prefix="pact"):
        """`count` agreements expiring in three days: one notification (threshold 7) each, once a
        daemon hears of them."""
        expires = (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=3)).isoformat()
        records = [{"key": f"{prefix}-{n}", "kind": "signing", "date": "2020-01-01", "title": f"{prefix} {n} signed",
                    "expires_on": expires, "actors": ["US", "CN"],
                    "agreement": {"id": f"{prefix}-{n}", "title": f"Agreement {prefix} {n}", "parties": ["US", "CN"]}}
                   for n in range(count)]
        path = self.ctx.work / f"{self.name}-{prefix}.ndjson"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
        status, _, log = self.ctx.run_timelined(f"{self.name}-ingest", ["ingest", str(path)], self.env)
        if status != 0:
            raise Failed(f"ingest failed: {log.read_text()[-300:]}")

    def deliveries(self, daemon):
        response = daemon.get(f"/v1/alerts/deliveries?channel={CHANNEL}&limit=1000")
        if response.status != 200:
            raise Failed(f"GET /v1/alerts/deliveries: {response}")
        return response.json()["deliveries"]

    def wait_for(self, daemon, condition, what, timeout=30):
        """The first delivery row for which `condition` holds, once one does."""
        rows = wait_until(lambda: [d for d in self.deliveries(daemon) if condition(d)], timeout, 0.2)
        if not rows:
            raise Failed(f"not {what} within {timeout} s: {self.deliveries(daemon)}")
        return rows[0]

    def check_event(self, receipt, delivery):
        """The CloudEvent is the delivery's notification, with the delivery's stable id."""
        event = receipt.event
        if event.get_id() != delivery["id"] or receipt.webhook_id != delivery["id"]:
            raise Failed(f"event id {event.get_id()} / webhook-id {receipt.webhook_id} is not the delivery's {delivery['id']}")
        if event.get_specversion() != "1.0" or event.get_type() != "org.timelined.agreement." + delivery["notification"]["event"]:
            raise Failed(f"not the notification's event: {event}")
        if event.get_subject() != delivery["notification"]["agreement"] or event.get_data()["title"] != delivery["notification"]["title"]:
            raise Failed(f"subject or data differs from the notification: {event}")
