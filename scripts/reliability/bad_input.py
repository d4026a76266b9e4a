"""Scenarios 6 and 7: schemathesis over the published document, and a corpus of bad input."""

import http.client
import json
import os
import select
import socket
import subprocess
import time
import urllib.parse

from harness import Failed, sample_events

MAX_BODY = 4 * 1024 * 1024
BODY_TIMEOUT = 3

EXTENSION = {"key": "us-cn-sta-extension-2023", "kind": "extension", "date": "2023-08-27", "extends_by": "P6M",
             "title": "Six-month extension of the US–China Science and Technology Agreement",
             "agreement": "us-cn-sta", "actors": ["US", "CN"]}


def schemathesis(ctx):
    """Every operation of /openapi.json, bounded examples: no server error, no response the
    document does not allow (scripts/schemathesis.sh, as `make test` runs it)."""
    if not (ctx.repo / ".build" / "test-tools" / "bin" / "schemathesis").exists():
        raise Failed("schemathesis is not installed: run `make test-tools`")
    _, daemon = ctx.start_daemon_on_new_database("schemathesis", "schemathesis")
    try:
        daemon.wait_ready()
        for body, kind in ((sample_events(ctx), "application/x-ndjson"), (json.dumps(EXTENSION), "application/json")):
            answer = daemon.post("/v1/events", body, headers={"Content-Type": kind})
            if answer.status != 200:
                raise Failed(f"loading the sample data: {answer}")
        examples = 100 if ctx.full else 10
        log = ctx.logs / "schemathesis-output.log"
        with open(log, "wb") as out:
            done = subprocess.run([str(ctx.repo / "scripts" / "schemathesis.sh"), daemon.base, "--request-timeout", "30"],
                                  env={**os.environ, "SCHEMATHESIS_MAX_EXAMPLES": str(examples)},
                                  stdout=out, stderr=subprocess.STDOUT, timeout=1200)
        output = log.read_text(errors="replace")
        summary = next((l.strip() for l in reversed(output.splitlines()) if "passed" in l or "failed" in l), "")
        faults = [l for l in daemon.log_lines() if 'msg="request failed"' in l]
        if done.returncode != 0:
            failures = [l.strip() for l in output.splitlines() if l.strip().startswith(("_", "-", "FAILED", "1."))][:3]
            raise Failed(f"schemathesis exited {done.returncode}: {summary} {' '.join(failures)} (see {log})")
        if faults:
            raise Failed(f"{len(faults)} requests failed with a server error: {faults[0][:200]}")
        if not daemon.running():
            raise Failed("the daemon exited during the run")
        return f"{examples} examples per operation, seed 1979: {summary.strip('= ')}"
    finally:
        daemon.stop()


def _valid(**fields):
    record = {"kind": "visit", "title": "A visit", "date": "2023-08-27"}
    record.update(fields)
    return record


def _json(value):
    return json.dumps(value).encode()


JSON = {"Content-Type": "application/json"}
NDJSON = {"Content-Type": "application/x-ndjson"}


def _corpus():
    """(name, method, path, headers, body, statuses, what the problem must name: a field, or a
    `line N` / `column` in the detail). Every case must leave nothing stored."""
    cases = []

    def post(name, body, field, statuses=(422,), headers=JSON, path="/v1/events"):
        cases.append((name, "POST", path, headers, body if isinstance(body, bytes) else _json(body), statuses, field))

    def get(name, query, field, path="/v1/timeline"):
        cases.append((name, "GET", path + "?" + query, {}, None, (400,), field))

    # Dates the contract rejects.
    for text in ("2023-02-30", "2023-13", "0000", "10000", "79", "2023-8-1", "2023-08-01T10:00:00Z", "2023-02-29",
                 "", "2023-00-10"):
        post(f"date {text!r}", _valid(date=text), "date")
    post("end_date before date", _valid(date="2023-08-27", end_date="2023-08-01"), "end_date")
    post("expires_on at month precision", _valid(kind="signing", agreement={"id": "x-pact", "title": "X"},
                                                 expires_on="2024-02"), "expires_on")
    post("extends_by P", _valid(kind="extension", agreement={"id": "x-pact", "title": "X"}, extends_by="P"),
         "extends_by")
    post("extends_by without an expiry", _valid(kind="extension", agreement={"id": "x-pact", "title": "X"},
                                                extends_by="P6M"), "extends_by")
    # Wrong types.
    post("date as a number", _valid(date=20230827), "date")
    post("title as an array", _valid(title=["A visit"]), "title")
    post("kind null", _valid(kind=None), "kind")
    post("kind unknown", _valid(kind="invasion"), "kind")
    post("actors as a string", _valid(actors="US"), "actors")
    post("actor as a number", _valid(actors=[42]), "actors")
    post("tags as a string", _valid(tags="a,b"), "tags")
    post("source url as a number", _valid(sources=[{"url": 5}]), "sources")
    post("source url javascript:", _valid(sources=[{"url": "javascript:alert(1)"}]), "sources")
    post("end_date true", _valid(end_date=True), "end_date")
    post("key as a number", _valid(key=123), "key")
    post("key with spaces", _valid(key="bad key"), "key")
    post("unknown field", _valid(titel="typo"), "titel")
    post("record not an object", [1, "two"], "", statuses=(422,))
    post("body a JSON string", b'"just a string"', None, statuses=(400,))
    post("body null", b"null", None, statuses=(400,))
    post("blank title", _valid(title="   "), "title")
    post("lifecycle without agreement", _valid(kind="signing"), "agreement")
    post("agreement that does not exist", _valid(kind="termination", agreement="no-such-pact"), "agreement")
    # Sizes.
    post("title of 2 MiB", _valid(title="a" * (2 << 20)), "title")
    post("summary of 3 MiB", json.dumps(_valid(summary="\u00e9" * (3 << 19)), ensure_ascii=False).encode(), "summary")
    post("key of 1 MiB", _valid(key="k" * (1 << 20)), "key")
    post("10,000 tags", _valid(tags=[f"t{i}" for i in range(10000)]), "tags")
    post("body over the limit (Content-Length)", b"[" + b" " * MAX_BODY + b"]", None, statuses=(413,))
    cases.append(("body over the limit (chunked)", "POST", "/v1/events", {**JSON, "chunked": "1"},
                  b"[" + b" " * MAX_BODY + b"]", (413,), None))
    # Structure.
    post("array nested 10,000 deep", b"[" * 10000 + b"]" * 10000, "column", statuses=(400,))
    post("object nested 10,000 deep in a field",
         b'{"kind": "visit", "title": "t", "date": "2023-08-27", "tags": ' + b'{"a":' * 10000 + b"1" + b"}" * 10000 + b"}",
         "column", statuses=(400,))
    post("NDJSON line nested 10,000 deep", _json(_valid()) + b"\n" + b"[" * 10000 + b"]" * 10000 + b"\n", "line 2",
         statuses=(400,), headers=NDJSON)
    post("raw NUL in a string", b'{"kind": "visit", "title": "a\x00b", "date": "2023-08-27"}', "column",
         statuses=(400,))
    post("escaped NUL in the title", _valid(title="a\u0000b"), "title")
    post("escaped NUL in a tag", _valid(tags=["a\u0000b"]), "tags")
    post("escaped NUL in an actor name", _valid(actors=[{"id": "nul-actor", "name": "a\u0000b"}]), "actors")
    post("invalid UTF-8", b'{"kind": "visit", "title": "\xff\xfe", "date": "2023-08-27"}', "column", statuses=(400,))
    post("overlong UTF-8", b'{"kind": "visit", "title": "\xc0\xaf", "date": "2023-08-27"}', "column", statuses=(400,))
    post("unpaired surrogate", b'{"kind": "visit", "title": "\\ud800", "date": "2023-08-27"}', "column",
         statuses=(400,))
    post("byte-order mark inside NDJSON", _json(_valid()) + b"\n\xef\xbb\xbf" + _json(_valid()) + b"\n", "line 2",
         statuses=(400,), headers=NDJSON)
    post("byte-order mark before an invalid record", b"\xef\xbb\xbf" + _json(_valid(date="2023-02-30")), "date")
    post("duplicate member name", b'{"kind": "visit", "title": "a", "title": "b", "date": "2023-08-27"}', "title",
         statuses=(400, 422))
    post("NDJSON with a garbage line", b"\n".join([_json(_valid()), _json(_valid()), b"this is not JSON",
                                                    _json(_valid())]), "line 3", statuses=(400,), headers=NDJSON)
    post("NDJSON with an invalid record", b"\n".join([_json(_valid()), _json(_valid(date="2023-13"))]), "date",
         headers=NDJSON)
    post("empty body", b"", None, statuses=(400,))
    post("truncated JSON", b'{"kind": "visit", "title": "a"', "column", statuses=(400,))
    post("trailing garbage", _json(_valid()) + b" xyz", "column", statuses=(400,))
    post("text/plain", _json(_valid()), None, statuses=(415,), headers={"Content-Type": "text/plain"})
    post("no Content-Type", _json(_valid()), None, statuses=(415,), headers={})
    post("charset latin1", _json(_valid()), None, statuses=(415,),
         headers={"Content-Type": "application/json; charset=iso-8859-1"})
    # Agreements and query parameters.
    post("agreement alert_days negative", {"id": "neg-pact", "title": "N", "alert_days": [-1]}, "alert_days",
         path="/v1/agreements")
    post("agreement id with capitals", {"id": "Bad Id", "title": "N"}, "id", path="/v1/agreements")
    post("agreement title of 1 MiB", {"id": "big-pact", "title": "t" * (1 << 20)}, "title", path="/v1/agreements")
    get("from 2023-02-30", "from=2023-02-30", "from")
    get("limit 0", "limit=0", "limit")
    get("limit not a number", "limit=abc", "limit")
    get("as_of not an instant", "as_of=yesterday", "as_of")
    get("cursor garbage", "cursor=%27%20OR%201%3D1--", "cursor")
    get("order sideways", "order=sideways", "order")
    get("agreement as_of 2023-13", "as_of=2023-13", "as_of", path="/v1/agreements")
    get("alerts within -1", "within=-1", "within", path="/v1/alerts")
    return cases


INJECTIONS = [
    _valid(key="inject-sql-title", title="Robert'); DROP TABLE events;--",
           summary="1' OR '1'='1'; DELETE FROM event_revisions; --"),
    _valid(key="inject-html", title="<script>alert(1)</script>", summary="<img src=x onerror=alert(1)>",
           location="\"><svg onload=alert(1)>", tags=["<b>bold</b>", "1; DROP TABLE actors"]),
    _valid(key="inject-actor", title="$$; SELECT pg_sleep(10); $$",
           actors=[{"id": "inject-actor", "name": "'; TRUNCATE actors; --", "role": "<i>host</i>"}]),
    _valid(key="inject-unicode", title="\u202eRTL override \u0301 \U0001F600 \\x00 %00 %s %n {{7*7}} ${7*7}"),
]


def _send(daemon, method, path, headers, body, timeout=60):
    """One request on a socket of its own. Like curl, the client stops sending a body once an
    answer has arrived (a 413 comes before the body is read), then reads that answer."""
    headers = dict(headers)
    chunked = headers.pop("chunked", None)
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    payload = body or b""
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        payload = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 65536]), payload[i:i + 65536])
                           for i in range(0, len(payload), 65536)) + b"0\r\n\r\n"
    elif body is not None:
        lines.append(f"Content-Length: {len(body)}")
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=timeout) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        view, sent, deadline = memoryview(payload), 0, time.monotonic() + timeout
        while sent < len(view) and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 1)
            if readable:
                break
            if writable:
                try:
                    sent += sock.send(view[sent:sent + 65536])
                except OSError:
                    break
        answer = http.client.HTTPResponse(sock, method=method)
        answer.begin()
        data = answer.read()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, data


def _names(document, mention):
    """Whether a problem document names `mention`: a field of its errors, or text of its detail."""
    if mention is None:
        return True
    fields = [str(e.get("field", "")) for e in document.get("errors") or []]
    if mention == "":
        return bool(document.get("errors"))
    if any(f == mention or f.startswith(mention + ".") or f.startswith(mention + "[") for f in fields):
        return True
    return mention in document.get("detail", "")


def _slow_body(daemon):
    """A body that arrives one byte a second: answered 408 problem+json within the body
    timeout, not held open for as long as the client trickles."""
    body = _json(_valid(title="slow"))
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=30) as s:
        s.sendall(b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(body))
        s.settimeout(1)
        received = b""
        for byte in body:
            try:
                s.sendall(bytes([byte]))
            except OSError:
                break
            try:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
                if b"\r\n\r\n" in received:
                    break
            except socket.timeout:
                pass
            if time.monotonic() - started > BODY_TIMEOUT + 10:
                break
        s.settimeout(5)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
        except OSError:
            pass
    took = time.monotonic() - started
    head, _, payload = received.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n")[0].decode(errors="replace")
    return status_line, head.decode(errors="replace").lower(), payload, took


def bad_input(ctx):
    """A corpus of bad requests: each a 4xx problem+json naming the field or line, nothing
    stored, the daemon's memory bounded; injection strings stored verbatim and returned intact."""
    cluster = ctx.cluster
    database, daemon = ctx.start_daemon_on_new_database("bad_input", "bad-input", {
        "TIMELINED_HTTP_MAX_BODY_BYTES": MAX_BODY,
        "TIMELINED_HTTP_BODY_TIMEOUT_SECONDS": BODY_TIMEOUT,
    })
    try:
        daemon.wait_ready()
        # Warm up the paths the corpus takes, so the memory it starts from is the working set.
        daemon.post("/v1/events", sample_events(ctx), headers={"Content-Type": "application/x-ndjson"})
        count = lambda: int(cluster.scalar(database, "SELECT count(*) FROM event_revisions"))
        before, rss_before = count(), daemon.rss_kib()
        corpus = _corpus()
        repeat = 3 if ctx.full else 1
        failures = []
        for _ in range(repeat):
            for name, method, path, headers, body, statuses, mention in corpus:
                try:
                    status, answer_headers, data = _send(daemon, method, path, headers, body)
                except (OSError, http.client.HTTPException) as error:
                    failures.append(f"{name}: no answer ({type(error).__name__})")
                    continue
                ctx.bodies.append(data)
                content_type = answer_headers.get("content-type", "").split(";")[0]
                try:
                    document = json.loads(data)
                except ValueError:
                    document = None
                if status not in statuses:
                    failures.append(f"{name}: {status}, expected {'/'.join(map(str, statuses))}: {data[:160]!r}")
                elif content_type != "application/problem+json" or not isinstance(document, dict) \
                        or document.get("status") != status:
                    failures.append(f"{name}: not a problem document ({content_type})")
                elif not _names(document, mention):
                    failures.append(f"{name}: the problem does not name {mention!r}: {data[:200]!r}")
        status_line, head, payload, took = _slow_body(daemon)
        ctx.bodies.append(payload)
        slow_ok = " 408 " in status_line + " " and "application/problem+json" in head and took <= BODY_TIMEOUT + 5
        if not slow_ok:
            failures.append(f"body at one byte a second: {status_line or 'no answer'} after {took:.1f} s "
                            f"(expected 408 problem+json within {BODY_TIMEOUT} s + 5)")
        after = count()
        if after != before:
            failures.append(f"{after - before} revisions stored by bad requests")
        # Injection strings are data: stored verbatim, returned intact, never executed.
        for record in INJECTIONS:
            answer = daemon.post("/v1/events", record)
            ctx.bodies.append(answer.body)
            if answer.status != 200:
                failures.append(f"valid record {record['key']}: {answer}")
                continue
            event_id = answer.json()["results"][0]["id"]
            stored = daemon.get(f"/v1/events/{urllib.parse.quote(event_id)}").json() or {}
            for field, value in record.items():
                got = stored.get(field)
                if field == "actors":
                    got = [{k: v for k, v in a.items() if k in value[0]} for a in got or []]
                if got != value:
                    failures.append(f"{record['key']}: {field} came back as {str(got)[:80]!r}")
            found = daemon.get("/v1/timeline?" + urllib.parse.urlencode({"q": record["title"][:40]}))
            if found.status != 200:
                failures.append(f"search for {record['key']}: {found}")
        tables = cluster.scalar(database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('events', 'actors', 'event_revisions')")
        if tables != "3":
            failures.append("a table went missing")
        if int(cluster.scalar(database, "SELECT count(*) FROM event_revisions")) != after + len(INJECTIONS):
            failures.append("the injection records were not stored exactly once")
        rss_after = daemon.rss_kib()
        grown = (rss_after - rss_before) / 1024
        if grown > 100:
            failures.append(f"resident memory grew by {grown:.0f} MiB (bound: 100)")
        if not daemon.running():
            failures.append(f"the daemon exited: {daemon.tail()}")
        if failures:
            raise Failed(f"{len(failures)} of {len(corpus) + 1 + len(INJECTIONS)} cases: " + "; ".join(failures[:4]))
        return (f"{len(corpus)} bad requests × {repeat} + a body at 1 byte/s ({status_line.split(' ', 1)[1]} "
                f"after {took:.1f} s): 4xx problem+json naming the field or line, nothing stored; "
                f"{len(INJECTIONS)} injection records round-trip intact; RSS {rss_before // 1024} → "
                f"{rss_after // 1024} MiB")
    finally:
        daemon.stop()
