"""A webhook receiver as a user of timelined's webhook channel would write one: every request's
Standard Webhooks signature is verified with the `standardwebhooks` library and its body read as
a CloudEvent with the `cloudevents` package (both from PyPI). What it answers is set by the test;
what it received is kept, in order."""

import base64
import http.server
import secrets
import socketserver
import threading
import time

from cloudevents.core.bindings.http import HTTPMessage, from_http_event
from standardwebhooks import Webhook


def new_secret():
    """A Standard Webhooks symmetric secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Receipt:
    def __init__(self, webhook_id, event, received_at, verified_payload):
        self.webhook_id = webhook_id
        self.event = event
        self.received_at = received_at
        self.payload = verified_payload


class Receiver:
    """Listens on 127.0.0.1:`port` while started. `answer(receipt)` gives the status of each
    request that verified; one that did not verify is answered 401 and counted in `rejected`."""

    def __init__(self, port, secret):
        self.port = port
        self.webhook = Webhook(secret)
        self.receipts = []
        self.rejected = []
        self.answer = lambda receipt: 200
        self.lock = threading.Lock()
        self.server = None

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    payload = receiver.webhook.verify(body, headers)
                    event = from_http_event(HTTPMessage(headers=headers, body=body))
                except Exception as error:  # a failed check is the receiver's answer, not a crash
                    with receiver.lock:
                        receiver.rejected.append(f"{type(error).__name__}: {error}")
                    status = 401
                else:
                    receipt = Receipt(headers["webhook-id"], event, time.time(), payload)
                    with receiver.lock:
                        receiver.receipts.append(receipt)
                    status = receiver.answer(receipt)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 1024

            def handle_error(self, request, client_address):
                pass  # a sender that went away mid-request (the kill -9 test) is no receiver's fault

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        """Closes the listening socket: connections are refused until `start` again."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def ids(self):
        with self.lock:
            return [receipt.webhook_id for receipt in self.receipts]

    def snapshot(self):
        with self.lock:
            return list(self.receipts)
