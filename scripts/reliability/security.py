"""Scenario 8: who may write, secrets kept out of logs and answers, and slow clients."""

import hashlib
import secrets
import socket
import subprocess
import time

from harness import Failed, is_problem, request, wait_until


def _non_loopback_address():
    """An IPv4 address of this machine other than loopback, or None."""
    try:
        output = subprocess.run(["ip", "-o", "-4", "addr", "show", "scope", "global"], capture_output=True,
                                text=True, timeout=10).stdout
        for line in output.splitlines():
            address = line.split()[3].split("/")[0]
            if not address.startswith("127."):
                return address
    except (OSError, IndexError, subprocess.SubprocessError):
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
            address = s.getsockname()[0]
            return None if address.startswith("127.") else address
    except OSError:
        return None


def _record(title):
    return {"kind": "meeting", "title": title, "date": "2024-05-01"}


def write_authorization(ctx):
    """With tokens configured, writes need one (401 + WWW-Authenticate otherwise, from any
    client); without, only loopback clients may write (403 for others)."""
    address = _non_loopback_address()
    cluster = ctx.cluster
    database = cluster.create_database("write_auth")
    token, wrong = "tok-" + secrets.token_hex(16), "tok-" + secrets.token_hex(16)
    ctx.tokens += [token, wrong]
    digest = hashlib.sha256(token.encode()).hexdigest()
    host = "0.0.0.0" if address else "127.0.0.1"
    failures, checked = [], 0

    def expect(what, answer, status):
        nonlocal checked
        checked += 1
        ctx.bodies.append(answer.body)
        if answer.status != status or not (status < 400 or is_problem(answer)):
            failures.append(f"{what}: {answer}")
        if status == 401 and not answer.headers.get("www-authenticate", "").startswith("Bearer"):
            failures.append(f"{what}: no WWW-Authenticate: Bearer")

    count = lambda: int(cluster.scalar(database, "SELECT count(*) FROM event_revisions"))
    # Debug logging: whatever the daemon would ever log about a request is in this log.
    guarded = ctx.start_daemon("write-auth-tokens", {
        "TIMELINED_DATABASE_URL": cluster.url(database), "TIMELINED_API_TOKEN_HASHES": digest,
        "TIMELINED_LOG_LEVEL": "debug"}, host=host)
    try:
        guarded.wait_ready()
        before = count()
        bases = [guarded.base] + ([f"http://{address}:{guarded.port}"] if address else [])
        for base in bases:
            where = "loopback" if "127.0.0.1" in base else address
            post = lambda headers=None, path="/v1/events", body=_record("auth probe"): request(
                base, "POST", path, body=body, headers=headers)
            expect(f"{where}, no token", post(), 401)
            expect(f"{where}, wrong token", post({"Authorization": f"Bearer {wrong}"}), 401)
            expect(f"{where}, token as Basic", post({"Authorization": f"Basic {token}"}), 401)
            expect(f"{where}, empty bearer", post({"Authorization": "Bearer "}), 401)
            expect(f"{where}, token with a suffix", post({"Authorization": f"Bearer {token}x"}), 401)
            expect(f"{where}, agreement without token", post(path="/v1/agreements",
                                                             body={"id": "auth-pact", "title": "A"}), 401)
            expect(f"{where}, DELETE without token", request(base, "DELETE", "/v1/events/1"), 401)
            expect(f"{where}, read without token", request(base, "GET", "/v1/timeline"), 200)
        if count() != before:
            failures.append(f"{count() - before} revisions stored by refused writes")
        for base in bases:
            expect(f"{base}, valid token", request(base, "POST", "/v1/events", body=_record("auth ok"),
                                                   headers={"Authorization": f"bearer {token}"}), 200)
    finally:
        guarded.stop()

    if address:
        open_daemon = ctx.start_daemon("write-auth-no-tokens", {"TIMELINED_DATABASE_URL": cluster.url(database)},
                                       host="0.0.0.0")
        try:
            open_daemon.wait_ready()
            remote = f"http://{address}:{open_daemon.port}"
            before = count()
            expect(f"from {address}, no token configured", request(remote, "POST", "/v1/events",
                                                                  body=_record("remote")), 403)
            expect(f"from {address}, claiming X-Forwarded-For 127.0.0.1",
                   request(remote, "POST", "/v1/events", body=_record("remote"),
                           headers={"X-Forwarded-For": "127.0.0.1", "Forwarded": "for=127.0.0.1"}), 403)
            expect(f"from {address}, DELETE", request(remote, "DELETE", "/v1/events/1"), 403)
            expect(f"from {address}, read", request(remote, "GET", "/v1/timeline"), 200)
            if count() != before:
                failures.append("a write from another host was stored")
            expect("from loopback, no token configured", open_daemon.post("/v1/events", _record("local")), 200)
        finally:
            open_daemon.stop()
    if failures:
        raise Failed(f"{len(failures)} of {checked} checks: " + "; ".join(failures[:4]))
    detail = f"{checked} checks: 401 + WWW-Authenticate without a valid token"
    if not address:
        return detail + "; the 403 for other hosts was not checked: this machine has no non-loopback address"
    return detail + f" (loopback and {address}); 403 for writes from {address} without tokens configured, reads open"


def _nudge(sock, byte):
    try:
        sock.send(byte)
        return True
    except OSError:
        return False


def _is_closed(sock):
    """Whether the server closed this connection (EOF or reset); a pending answer is read."""
    try:
        data = sock.recv(65536)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return data == b"" or (b"HTTP/1.1 408" in data and _drained(sock))


def _drained(sock):
    try:
        while sock.recv(65536):
            pass
        return True
    except BlockingIOError:
        return False
    except OSError:
        return True


IDLE_TIMEOUT = 3
BODY_TIMEOUT = 3


def slow_clients(ctx):
    """Slow-loris: sockets that send their headers a byte every second, that send nothing, that
    idle after a request, or that trickle a body. The server closes each within its timeout plus
    a margin and meanwhile answers other clients at once."""
    _, daemon = ctx.start_daemon_on_new_database("slow_clients", "slow-clients", {
        "TIMELINED_HTTP_IDLE_TIMEOUT_SECONDS": IDLE_TIMEOUT,
        "TIMELINED_HTTP_BODY_TIMEOUT_SECONDS": BODY_TIMEOUT,
    })
    try:
        daemon.wait_ready()
        headers = 200 if ctx.full else 50
        groups = {
            "headers a byte a second": (headers, b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 400),
            "silent": (20, b""),
            "idle after a request": (20, None),
            "body a byte a second": (20, b"B" * 400),
        }
        sockets = []  # (group, socket, payload, position)
        for group, (count, payload) in groups.items():
            for _ in range(count):
                s = socket.create_connection(("127.0.0.1", daemon.port), timeout=10)
                if payload is None:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    s.settimeout(10)
                    answer = s.recv(65536)
                    if b" 200 " not in answer.split(b"\r\n")[0] + b" ":
                        raise Failed(f"keep-alive request: {answer[:80]!r}")
                elif group.startswith("body"):
                    s.sendall(b"POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                              b"Content-Length: 100000\r\n\r\n")
                s.setblocking(False)
                sockets.append([group, s, payload or b"", 0, None])
        opened = time.monotonic()
        bound = max(IDLE_TIMEOUT, BODY_TIMEOUT) + 5
        slowest_probe, probes, probe_failures = 0.0, 0, []
        while time.monotonic() - opened < bound + 5 and any(entry[4] is None for entry in sockets):
            round_started = time.monotonic()
            for entry in sockets:
                group, s, payload, position, closed = entry
                if closed is not None:
                    continue
                if _is_closed(s):
                    entry[4] = time.monotonic() - opened
                    continue
                if position < len(payload) and not _nudge(s, payload[position:position + 1]):
                    entry[4] = time.monotonic() - opened
                entry[3] = position + 1
            answer = daemon.get("/healthz", timeout=5)
            probes += 1
            slowest_probe = max(slowest_probe, answer.finished - answer.started)
            if answer.status != 200:
                probe_failures.append(str(answer))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - round_started)))
        for entry in sockets:
            entry[1].close()
        late = [e for e in sockets if e[4] is not None and e[4] > bound]
        failures = []
        for group in groups:
            mine = [e for e in sockets if e[0] == group]
            still = sum(1 for e in mine if e[4] is None)
            if still:
                failures.append(f"{still} of {len(mine)} '{group}' sockets still open after {bound + 5} s")
        if late:
            failures.append(f"{len(late)} sockets closed only after {max(e[4] for e in late):.1f} s (bound {bound} s)")
        if probe_failures:
            failures.append(f"{len(probe_failures)} of {probes} requests of another client failed: {probe_failures[0]}")
        if slowest_probe > 3:
            failures.append(f"another client waited {slowest_probe:.1f} s for an answer")
        if failures:
            raise Failed("; ".join(failures))
        closed = [e[4] for e in sockets]
        return (f"{len(sockets)} slow sockets ({', '.join(f'{c} {g}' for g, (c, _) in groups.items())}) all closed "
                f"after {min(closed):.1f}–{max(closed):.1f} s (timeouts {IDLE_TIMEOUT} s); {probes} requests of "
                f"another client answered meanwhile, slowest {slowest_probe * 1000:.0f} ms")
    finally:
        daemon.stop()


def no_secrets(ctx):
    """No database password or bearer token in any log line the suite's processes wrote, nor in
    any response body it kept — also when the password is wrong and connecting fails."""
    cluster = ctx.cluster
    database = cluster.create_database("secrets")
    wrong = "pw-" + secrets.token_hex(12)
    bad_url = cluster.url(database).replace(cluster.password, wrong)
    daemon = ctx.start_daemon("no-secrets-wrong-password", {"TIMELINED_DATABASE_URL": bad_url,
                                                            "TIMELINED_LOG_LEVEL": "debug"})
    try:
        wait_until(lambda: daemon.get("/healthz", timeout=5).status == 200, 60)
        wait_until(lambda: sum(1 for l in daemon.log_lines() if "cannot connect" in l) >= 3, 15, 0.2)
        for path in ("/readyz", "/v1/timeline", "/metrics"):
            ctx.bodies.append(daemon.get(path).body)
        ctx.bodies.append(daemon.post("/v1/events", _record("secret probe")).body)
    finally:
        daemon.stop()
    for arguments in (["check-config"], ["migrate"]):
        status, output, log = ctx.run_timelined("no-secrets-cli", arguments + ["--verbose"],
                                                {"TIMELINED_DATABASE_URL": bad_url}, timeout=60)
        ctx.bodies.append(output.encode())
    secrets_ = {"database password": cluster.password, "wrong database password": wrong}
    secrets_.update({f"token {n + 1}": token for n, token in enumerate(ctx.tokens)})
    logs = sorted(p for p in ctx.logs.glob("*.log") if p.name != "schemathesis-output.log")
    leaks = []
    lines = 0
    for path in logs:
        text = path.read_text(errors="replace")
        lines += text.count("\n")
        for what, secret in secrets_.items():
            if secret in text:
                line = next(l for l in text.splitlines() if secret in l)
                leaks.append(f"{what} in {path.name}: {line[:160]}")
    for body in ctx.bodies:
        for what, secret in secrets_.items():
            if secret.encode() in body:
                leaks.append(f"{what} in a response: {body[:160]!r}")
    if leaks:
        raise Failed(f"{len(leaks)} leaks: " + "; ".join(leaks[:3]))
    if not any("cannot connect" in l for l in daemon.log_lines()):
        raise Failed("the wrong-password daemon never logged a connection failure: the check proves nothing")
    return (f"{len(secrets_)} secrets in none of {lines} log lines ({len(logs)} logs) "
            f"and {len(ctx.bodies)} response bodies")
