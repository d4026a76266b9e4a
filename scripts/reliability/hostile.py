"""Contract §15, hostile input: what one request may cost, the limits of §2 counted in Unicode
scalars (and everything within them stored), and control characters kept out of the log."""

import datetime
import http.client
import json
import os
import threading
import time
import urllib.parse

from bad_input import _send
from harness import Failed, is_problem, wait_until

JSON = {"Content-Type": "application/json"}
NDJSON = {"Content-Type": "application/x-ndjson"}
COMBINING_ACUTE = "\u0301"
# How long the 30 MiB body of stuffed records may take to be refused (the debug build).
STUFFED_TIMEOUT = 60


def _status_kib(pid, field):
    """A `kB` field of /proc/PID/status (VmRSS, VmHWM), 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory:
    """The daemon's peak resident memory over a stretch of the scenario: the kernel's high-water
    mark (VmHWM, reset through /proc/PID/clear_refs where the kernel allows) and, as a second
    opinion that needs no reset, VmRSS sampled every 10 ms."""

    def __init__(self, pid):
        self.pid = pid
        self.sampled = 0
        self.high_water = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        try:
            with open(f"/proc/{self.pid}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
            self._reset = True
        except OSError:
            self._reset = False
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        if self._reset:
            self.high_water = _status_kib(self.pid, "VmHWM")

    def _sample(self):
        while not self._stop.is_set():
            self.sampled = max(self.sampled, _status_kib(self.pid, "VmRSS"))
            self._stop.wait(0.01)

    @property
    def peak_kib(self):
        return max(self.sampled, self.high_water or 0)


def _cpu_seconds(pid):
    """User + system CPU time the process has used so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _mib(kib):
    return f"{kib / 1024:.0f}"


def _document(data):
    try:
        document = json.loads(data)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _request_failures(daemon):
    """The lines with which the daemon logs a request answered 5xx."""
    return [line for line in daemon.log_lines() if 'msg="request failed"' in line]


def _cost_record(n):
    return {"key": f"cost-{n}", "kind": "meeting", "title": f"Request cost probe {n}",
            "date": (datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 9000)).isoformat(),
            "actors": ["US", "CN"], "tags": ["request-cost"], "summary": f"Batch record number {n}."}


def _unknown_fields_body(size):
    """A JSON array of about `size` bytes: records of 3.5 KB, each an otherwise valid visit
    stuffed with unknown members, so that every record carries a few hundred issues."""
    fields = ",".join(f'"unknown_{j}":{j}' for j in range(200))
    record = '{"kind":"visit","title":"stuffed","date":"2023-08-27",' + fields + "}"
    count = size // (len(record) + 1)
    return ("[" + ",".join([record] * count) + "]").encode(), count, 200


def request_cost(ctx):
    """What one request may make the daemon do is bounded (§15): a body of 262k empty records
    gets 413 too-many-records at once, as does one valid record past ingest.max_records; a 422
    lists 100 issues and counts the rest; a body near the 32 MiB limit of records stuffed with
    unknown fields gets a small 422 and leaves the daemon's memory bounded; a batch of exactly
    ingest.max_records valid records is stored, and its peak memory is reported."""
    cluster = ctx.cluster
    database, daemon = ctx.start_daemon_on_new_database("request_cost", "request-cost")
    count = lambda: int(cluster.scalar(database, "SELECT count(*) FROM event_revisions"))
    failures, notes = [], []

    def post(what, body, headers=JSON, timeout=180):
        started = time.monotonic()
        try:
            status, answer_headers, data = _send(daemon, "POST", "/v1/events", headers, body, timeout=timeout)
        except (OSError, http.client.HTTPException) as error:
            waited = f" within {timeout} s" if isinstance(error, TimeoutError) else ""
            failures.append(f"{what}: no answer{waited} ({type(error).__name__}: {error})")
            return None, None, b"", time.monotonic() - started
        ctx.bodies.append(data)
        return status, answer_headers, data, time.monotonic() - started

    def problem(what, status, headers, data, expected):
        document = _document(data)
        content_type = (headers or {}).get("content-type", "").split(";")[0]
        if status is None:  # no answer: post() said so
            return None
        if status != expected:
            failures.append(f"{what}: {status}, expected {expected}: {data[:200]!r}")
            return None
        if content_type != "application/problem+json" or not document or document.get("status") != status:
            failures.append(f"{what}: not a problem document ({content_type}): {data[:200]!r}")
            return None
        return document

    try:
        daemon.wait_ready()
        # Warm up the ingest and read paths (and the connection pool) with a request that
        # stores nothing, so that the steady state is the working set.
        daemon.post("/v1/events", [{"kind": "visit"}] * 3)
        daemon.get("/v1/timeline?limit=5")
        steady = daemon.rss_kib()

        # (a) 1 MiB of empty records: far past ingest.max_records.
        body = b"[" + b"{}, " * ((1 << 20) // 4 - 1) + b"{}]"
        records = body.count(b"{}")
        status, headers, data, took = post("1 MiB of {}", body)
        document = problem(f"{records:,} records of {{}}", status, headers, data, 413)
        if document is not None:
            if document.get("type") != "urn:timelined:problem:too-many-records":
                failures.append(f"{records:,} records: problem type {document.get('type')!r}")
            if len(data) > 2048:
                failures.append(f"{records:,} records: a 413 of {len(data):,} bytes")
        if took > 10:
            failures.append(f"{records:,} records: answered after {took:.1f} s")
        notes.append(f"{records // 1000}k {{}} → {status} in {took:.2f} s ({len(data)} B)")

        # (a′) one valid record past the limit, as NDJSON: also refused, before any of it is stored.
        body = b"".join(json.dumps(_cost_record(n)).encode() + b"\n" for n in range(10_001))
        status, headers, data, took = post("10,001 valid records", body, NDJSON)
        document = problem("10,001 valid NDJSON records", status, headers, data, 413)
        if document is not None and document.get("type") != "urn:timelined:problem:too-many-records":
            failures.append(f"10,001 valid records: problem type {document.get('type')!r}")
        notes.append(f"10,001 valid → {status} in {took:.2f} s")

        # (b) 400 empty records, three issues each (kind, title, date): 100 listed, 1,100 counted.
        status, headers, data, took = post("400 {}", json.dumps([{}] * 400).encode())
        document = problem("400 records of {}", status, headers, data, 422)
        if document is not None:
            errors, omitted = document.get("errors"), document.get("errors_omitted")
            if not isinstance(errors, list) or len(errors) != 100:
                failures.append(f"400 records of {{}}: {len(errors) if isinstance(errors, list) else errors!r} "
                                f"errors listed, expected 100")
            if omitted != 1100 or isinstance(omitted, bool):
                failures.append(f"400 records of {{}}: errors_omitted {omitted!r}, expected 1100")
            if len(data) > 30_000:
                failures.append(f"400 records of {{}}: a 422 of {len(data):,} bytes")
        notes.append(f"400 {{}} → {status}, {len(data):,} B")

        # (c) a body near the 32 MiB default limit, every record with hundreds of unknown fields.
        body, stuffed, per_record = _unknown_fields_body(30 << 20)
        cpu = _cpu_seconds(daemon.pid)
        with PeakMemory(daemon.pid) as peak:
            status, headers, data, took = post(f"{len(body) >> 20} MiB of unknown fields", body,
                                               timeout=STUFFED_TIMEOUT)
        cpu = _cpu_seconds(daemon.pid) - cpu
        after = daemon.rss_kib()
        document = problem(f"{len(body) >> 20} MiB of unknown fields", status, headers, data, 422)
        if document is not None:
            errors, omitted = document.get("errors") or [], document.get("errors_omitted")
            if len(errors) != 100 or omitted != stuffed * per_record - 100:
                failures.append(f"{stuffed:,} records × {per_record} unknown fields: {len(errors)} errors + "
                                f"{omitted!r} omitted, expected 100 + {stuffed * per_record - 100:,}")
            if len(data) > 30_000:
                failures.append(f"{stuffed:,} stuffed records: a 422 of {len(data):,} bytes")
        # Contract §15: "never grows the daemon past ~2× its steady-state memory" (10 % slack).
        bound = int(2.2 * steady)
        if peak.peak_kib > bound:
            failures.append(f"{len(body) >> 20} MiB of unknown fields: peak RSS {_mib(peak.peak_kib)} MiB "
                            f"(steady {_mib(steady)}, bound 2.2 × steady = {_mib(bound)})")
        notes.append(f"{len(body) >> 20} MiB, {stuffed:,} records × {per_record} unknown fields → {status} in "
                     f"{took:.1f} s ({cpu:.0f} s of daemon CPU), {len(data):,} B; RSS steady {_mib(steady)} MiB, "
                     f"peak {_mib(peak.peak_kib)}, after {_mib(after)}")

        stuffed_status = status
        stored = count()
        if stored:
            failures.append(f"{stored} revisions stored by refused requests")

        # (d) exactly ingest.max_records valid records: accepted, all stored.
        body = b"".join(json.dumps(_cost_record(n)).encode() + b"\n" for n in range(10_000))
        before = daemon.rss_kib()
        with PeakMemory(daemon.pid) as peak:
            status, headers, data, took = post("10,000 valid records", body, NDJSON, timeout=200)
        if status != 200:
            failures.append(f"10,000 valid records: {status}: {data[:200]!r}")
        elif count() != 10_000:
            failures.append(f"10,000 valid records: {count()} revisions stored")
        if peak.peak_kib > 150 * 1024:
            failures.append(f"10,000 valid records: peak RSS {_mib(peak.peak_kib)} MiB (target 150)")
        busy = " while the daemon still worked on the unanswered 30 MiB body" if stuffed_status is None else ""
        notes.append(f"10,000 valid ({len(body) >> 20} MiB NDJSON) → {status} in {took:.1f} s; RSS "
                     f"{_mib(before)} → peak {_mib(peak.peak_kib)} MiB (target ≤ 150){busy}")

        faults = _request_failures(daemon)
        if faults:
            failures.append(f"{len(faults)} requests failed with a server error: {faults[0][:200]}")
        if not daemon.running():
            failures.append(f"the daemon exited: {daemon.tail()}")
        # Whatever a request left running must not keep the daemon from stopping cleanly (§8).
        status, took = daemon.stop()
        if status != 0:
            fatal = next((l for l in daemon.log_lines() if "Fatal error" in l), daemon.tail(3))
            failures.append(f"SIGTERM: {'killed after' if status is None else f'exit status {status} after'} "
                            f"{took:.1f} s: {fatal[:200]}")
        if failures:
            raise Failed(f"{len(failures)} checks: " + "; ".join(failures[:4]) + " [" + "; ".join(notes) + "]")
        return "; ".join(notes) + "; nothing stored by the refused ones"
    finally:
        daemon.stop()


def _actor_ids(prefix, count):
    """`count` distinct actor ids of 64 characters, the longest the syntax allows."""
    return [(f"{prefix}-{n:03d}-").ljust(64, "x") for n in range(count)]


def _at_every_limit():
    """A record with every field at its §2 limit, counted in Unicode scalars: far more bytes
    (and far fewer grapheme clusters) than the limits' numbers."""
    return {
        "key": "at-every-limit",
        "kind": "meeting",
        "title": "x" + COMBINING_ACUTE * 499,
        "date": "2024-06-01",
        "summary": "\U0001F30D" * 20_000,
        "location": "\u00e9" * 200,
        "tags": [chr(0x4E00 + n) + COMBINING_ACUTE * 63 for n in range(50)],
        "sources": [{"url": f"https://example.org/{n:02d}/".ljust(2000, "p"), "title": "t" * 500}
                    for n in range(50)],
        "actors": _actor_ids("limit", 100),
    }


def length_limits(ctx):
    """Lengths are Unicode scalars and every record within the limits is stored (§15): 45 and
    100 actors of 64 characters are stored and found by a two-actor timeline query, as is a record
    with every field at its limit; 101 actors, a tag of 3,001 scalars and a one-character title of
    400 KB get a 422 naming the field. No answer is a 5xx, no request is logged as failed."""
    cluster = ctx.cluster
    database, daemon = ctx.start_daemon_on_new_database("length_limits", "length-limits")
    failures, checked, statuses = [], 0, []

    def post(what, record):
        nonlocal checked
        checked += 1
        answer = daemon.post("/v1/events", json.dumps(record, ensure_ascii=False).encode(), headers=JSON,
                             timeout=60)
        ctx.bodies.append(answer.body)
        statuses.append(answer.status)
        if answer.status is None or answer.status >= 500:
            failures.append(f"{what}: {answer}")
        return answer

    def stored(what, record, pairs):
        answer = post(what, record)
        if answer.status != 200:
            failures.append(f"{what}: {answer.status}, expected 200: {answer.body[:300]!r}")
            return None
        event_id = answer.json()["results"][0]["id"]
        actors = record["actors"]
        for a, b in pairs:
            query = urllib.parse.urlencode([("actor", actors[a]), ("actor", actors[b]), ("limit", "10")])
            found = daemon.get(f"/v1/timeline?{query}")
            statuses.append(found.status)
            ids = [e.get("id") for e in (found.json() or {}).get("events", [])] if found.status == 200 else None
            if ids is None or event_id not in ids:
                failures.append(f"{what}: not found by actor={a}&actor={b}: {found}")
        return event_id

    def refused(what, record, field):
        answer = post(what, record)
        document = answer.json() or {}
        fields = [str(e.get("field", "")) for e in document.get("errors") or []]
        if answer.status != 422 or not is_problem(answer):
            failures.append(f"{what}: {answer.status}, expected 422: {answer.body[:200]!r}")
        elif field not in fields:
            failures.append(f"{what}: the 422 names {fields[:5]}, not {field!r}")

    visit = lambda key, **fields: {"key": key, "kind": "visit", "title": "Limits probe", "date": "2024-05-01",
                                   **fields}
    try:
        daemon.wait_ready()
        stored("45 actors of 64 characters", visit("actors-45", actors=_actor_ids("a45", 45)),
               [(0, 1), (0, 44), (21, 22)])
        stored("100 actors of 64 characters", visit("actors-100", actors=_actor_ids("a100", 100)),
               [(0, 1), (0, 99), (98, 99), (37, 64)])
        limit = _at_every_limit()
        event_id = stored("every field at its limit", limit, [(0, 99)])
        if event_id:
            back = daemon.get(f"/v1/events/{urllib.parse.quote(event_id)}").json() or {}
            for field in ("title", "summary", "location", "tags", "sources"):
                if back.get(field) != limit[field]:
                    failures.append(f"every field at its limit: {field} came back as {str(back.get(field))[:60]!r}")
            if [a.get("id") if isinstance(a, dict) else a for a in back.get("actors") or []] != limit["actors"]:
                failures.append("every field at its limit: the actors came back otherwise")
        refused("101 actors", visit("actors-101", actors=_actor_ids("a101", 101)), "actors")
        refused("a tag of a + 3,000 U+0301", visit("tag-combining", tags=["a" + COMBINING_ACUTE * 3000]), "tags[0]")
        refused("a title of x + 200,000 U+0301 (400 KB)",
                visit("title-combining", title="x" + COMBINING_ACUTE * 200_000), "title")
        refused("a title of 501 scalars in one character",
                visit("title-501", title="x" + COMBINING_ACUTE * 500), "title")
        refused("a location of 201 scalars", visit("location-201", location="\u00e9" * 201), "location")
        refused("a summary of 20,001 scalars", visit("summary-20001", summary="\U0001F30D" * 20_001), "summary")
        revisions = int(cluster.scalar(database, "SELECT count(*) FROM event_revisions"))
        if revisions != 3:
            failures.append(f"{revisions} revisions stored, expected 3")
        faults = _request_failures(daemon)
        if faults:
            failures.append(f"{len(faults)} requests failed with a server error: {faults[0][:200]}")
        if not daemon.running():
            failures.append(f"the daemon exited: {daemon.tail()}")
        if failures:
            raise Failed(f"{len(failures)} of {checked} cases: " + "; ".join(failures[:4]))
        return (f"{checked} records: 45 and 100 actors of 64 characters and every field at its limit stored and "
                f"found by two-actor queries; 101 actors, 3,001-scalar tag, 400 KB one-character title and "
                f"other limits + 1 → 422 naming the field; statuses {sorted(set(statuses))}, no request failed")
    finally:
        daemon.stop()


CONTROLS = {
    "ESC": "\x1b", "VT": "\x0b", "FF": "\x0c", "DEL": "\x7f", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029",
    "CSI": "\x9b",
}


def _is_control(character):
    code = ord(character)
    return code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029)


def _raw_controls(path):
    """The control characters of a log file other than the newlines that end its lines, with
    a line that holds one; a log that is not UTF-8 is a failure of its own."""
    text = path.read_bytes().decode("utf-8")
    found = {f"U+{ord(c):04X}" for c in text if c != "\n" and _is_control(c)}
    line = next((l for l in text.split("\n") if any(c != "\n" and _is_control(c) for c in l)), "")
    return found, line


def log_escapes(ctx):
    """An agreement whose title carries ESC [31m, VT, FF, DEL, NEL, U+2028, U+2029 and CSI, with
    an expiry days away: the `agreement expiry` line is logged with each of them as \\uXXXX, and
    no control character reaches either log format raw — also from requests whose path or query
    carries them (§15)."""
    cluster = ctx.cluster
    title = ("Pact \x1b[31mRED\x1b[0m vt\x0bff\x0cdel\x7fnel\x85ls\u2028ps\u2029csi\x9b2J end")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    record = {"key": "hostile-title", "kind": "signing", "date": (today - datetime.timedelta(days=30)).isoformat(),
              "title": "Signed: " + title, "expires_on": (today + datetime.timedelta(days=3)).isoformat(),
              "actors": ["US", "CN"], "agreement": {"id": "hostile-pact", "title": title, "parties": ["US", "CN"]}}
    probes = ["/v1/events/" + urllib.parse.quote("\x1b[31m\u2028\x85", safe=""),
              "/v1/timeline?" + urllib.parse.urlencode({"actor": "\x1b]0;owned\x07", "from": "2023\x0b"}),
              "/v1/agreements/" + urllib.parse.quote("pact\x9b\u2029", safe="")]
    failures, lines = [], {}
    for log_format in ("logfmt", "json"):
        name = f"log-escapes-{log_format}"
        database, daemon = ctx.start_daemon_on_new_database(f"log_escapes_{log_format}", name, {
            "TIMELINED_LOG_FORMAT": log_format, "TIMELINED_LOG_LEVEL": "debug",
            "TIMELINED_ALERTS_THRESHOLDS": "30,7,1"})
        try:
            daemon.wait_ready()
            answer = daemon.post("/v1/events", record)
            if answer.status != 200:
                raise Failed(f"{log_format}: the agreement was not stored: {answer}")
            for path in probes:
                daemon.get(path)
            expiry = lambda: [l for l in daemon.log_lines() if "agreement expiry" in l and "hostile-pact" in l]
            if not wait_until(expiry, 30, 0.2):
                raise Failed(f"{log_format}: no `agreement expiry` line for hostile-pact within 30 s: {daemon.tail(3)}")
            line = expiry()[0]
            lines[log_format] = line
            missing = [n for n, c in CONTROLS.items() if f"\\u{ord(c):04x}" not in line.lower()]
            if missing:
                failures.append(f"{log_format}: the expiry line lacks the escaped {', '.join(missing)}: {line[:300]}")
            if log_format == "json":
                try:
                    logged = json.loads(line).get("title")
                except (ValueError, AttributeError):
                    logged = None
                if logged != title:
                    failures.append(f"json: the expiry line's title is {logged!r}, not the agreement's title")
        finally:
            daemon.stop()
        try:
            found, raw = _raw_controls(daemon.log)
        except UnicodeDecodeError as error:
            failures.append(f"{log_format}: the log is not UTF-8 ({error})")
            continue
        if found:
            failures.append(f"{log_format}: raw {', '.join(sorted(found))} in the log: {raw[:200]!r}")
    if failures:
        raise Failed("; ".join(failures[:4]))
    return (f"{len(CONTROLS)} control characters ({', '.join(CONTROLS)}) in an agreement title (and in "
            f"{len(probes)} request paths, debug level): none raw in the logfmt or json log, each \\uXXXX in the "
            f"expiry line, the json line's title decodes to the agreement's")
