#!/usr/bin/env python3
"""`make bench`: timelined beside PostgreSQL's own limits, measured in one run on one machine.

  ingest     POST /v1/events, NDJSON in batches of 10,000   vs  psql \\copy of the same rows into the same tables
  timeline   a page of 50 for the two most popular actors    vs  pgbench running the statement the server runs
             over a wide date range, wrk at 32 connections        (taken from pg_stat_statements), 32 clients
  scaling    timeline p50 at 10k, 100k and 1M events
  pages      the /timeline page of the same query, rendered (p50/p99 beside the JSON's), and the
             same-URL TimelineJS embed load (answered from the cache) beside the distinct-query load
  alerts     one alert pass over 100,000 agreements (AlertBenchmark)
  gdelt      `timelined import gdelt` of 1,000,000 GDELT export rows into a database, end to end,
             beside reading, mapping and grouping alone (GdeltBenchmark)
  memory     the daemon's peak RSS under the timeline load
  start      process start to READY=1 on an existing database

Writes Benchmarks/results/latest.json and docs/benchmarks.md. Everything runs on a private
PostgreSQL cluster in a temporary directory; nothing outside it is touched.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_events import EventGenerator, ndjson_batches  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = 1979
# The reference service (FastAPI + psycopg, 200,000 events, this machine).
PYTHON_INGEST_EVENTS_PER_S = 900
PYTHON_TIMELINE_RPS = 25


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster with pg_stat_statements, run as `postgres` when we are root."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *arguments: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_postgres, *arguments], check=True, **kwargs)

    def start(self) -> None:
        self.directory.chmod(0o755)
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8", stdout=subprocess.DEVNULL)
        settings = {
            "port": self.port, "listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{self.directory}'",
            "max_connections": 200, "shared_buffers": "'512MB'", "shared_preload_libraries": "'pg_stat_statements'",
            "pg_stat_statements.track": "'all'", "jit": "off", "log_min_duration_statement": -1,
        }
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_file), "-w", "start",
                 stdout=subprocess.DEVNULL)

    @property
    def log_file(self) -> Path:
        return self.directory / "server.log"

    def stop(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, database: str, sql: str, *extra: str) -> str:
        result = subprocess.run([str(self.bin / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", *extra,
                                 "-d", self.url(database), "-c", sql], check=True, capture_output=True, text=True)
        return result.stdout.strip()


class Daemon:
    """`timelined serve` on the benchmark database, alerts as configured."""

    def __init__(self, binary: Path, database_url: str, directory: Path):
        self.binary = binary
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TIMELINED_DATABASE_URL": database_url,
            "TIMELINED_HTTP_PORT": str(self.port),
            "TIMELINED_HTTP_MAX_BODY_BYTES": str(256 * 1024 * 1024),
            "TIMELINED_DATABASE_POOL_SIZE": "16",
            "TIMELINED_LOG_LEVEL": "warning",
        }
        self.log_path = directory / "daemon.log"
        self.process: subprocess.Popen | None = None

    def start(self, extra_environment: dict | None = None) -> None:
        with open(self.log_path, "a") as log_file:
            self.process = subprocess.Popen([str(self.binary), "serve"], env={**self.environment, **(extra_environment or {})},
                                            stdout=log_file, stderr=log_file)

    def wait_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"timelined did not become ready; see {self.log_path}")

    def peak_rss_mib(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def reset_peak_rss(self) -> None:
        """Starts a new high-water mark at the current RSS (proc(5): clear_refs, 5)."""
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def post_ndjson(base: str, body: bytes) -> None:
    request = urllib.request.Request(f"{base}/v1/events", data=body, method="POST",
                                     headers={"Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"ingest answered {response.status}")


DISTINCT_QUERIES = Path(__file__).resolve().parent / "distinct-queries.lua"


def wrk(url: str, seconds: int, connections: int = 32, distinct: bool = True) -> dict:
    """`distinct`: each request a new query (Benchmarks/distinct-queries.lua appends a random `to`
    beyond the data), so the daemon renders every one; else the same URL every time."""
    script = ["-s", str(DISTINCT_QUERIES)] if distinct else []
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *script, url],
                            check=True, capture_output=True, text=True).stdout

    def milliseconds(text: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"wrk saw {non_2xx.group(1)} failed responses from {url}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99_ms": milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
    }


class Benchmark:
    def __init__(self, arguments):
        self.arguments = arguments
        self.work = Path(tempfile.mkdtemp(prefix="timelined-bench-"))
        self.work.chmod(0o755)  # the cluster's owner must reach its directory inside
        self.cluster = Cluster(self.work / "pg")
        self.cluster.directory.mkdir()
        self.binary = Path(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout.strip()) / "timelined"
        self.results: dict = {"events": arguments.events, "batch_size": arguments.batch_size}
        self.notes: dict = {}

    def run(self) -> None:
        try:
            self.cluster.start()
            for database in ("timelined", "timelined_copy"):
                self.cluster.psql("postgres", f"CREATE DATABASE {database}")
            self.cluster.psql("timelined", "CREATE EXTENSION pg_stat_statements")
            self.daemon = Daemon(self.binary, self.cluster.url("timelined"), self.work)
            self.daemon.start()
            self.daemon.wait_ready()
            self.ingest_and_scale()
            self.timeline()
            self.pages()
            self.copy_baseline()
            self.start_to_ready()
            self.daemon.stop()
            self.alert_pass()
            self.webhook_latency()
            self.gdelt_import()
            self.write()
        finally:
            if getattr(self, "daemon", None):
                self.daemon.stop()
            self.cluster.stop()
            if not self.arguments.keep:
                shutil.rmtree(self.work, ignore_errors=True)

    def pair_url(self, path: str = "/v1/timeline") -> str:
        """The popular pair's query without its `to`, which the distinct-query script appends."""
        actors = EventGenerator(SEED).most_popular
        query = urllib.parse.urlencode([("actor", actors[0]), ("actor", actors[1]), ("from", "1950"), ("limit", "50")])
        return f"{self.daemon.base}{path}?{query}"

    def ingest_and_scale(self) -> None:
        checkpoints = [size for size in (10_000, 100_000, 1_000_000) if size <= self.arguments.events]
        ingest_seconds, ingested, scaling, rates = 0.0, 0, {}, {}
        # The ingest's peak only: the scaling runs of wrk in between are a timeline load of their own.
        ingest_peak = 0.0
        for first, body in ndjson_batches(SEED, self.arguments.events, self.arguments.batch_size):
            started = time.perf_counter()
            post_ndjson(self.daemon.base, body)
            ingest_seconds += time.perf_counter() - started
            ingested = first + body.count(b"\n")
            if ingested % 100_000 == 0 or ingested == self.arguments.events:
                rates[ingested] = round(ingested / ingest_seconds)
                log(f"ingested {ingested} events at {rates[ingested]} events/s")
            if ingested in checkpoints:
                ingest_peak = max(ingest_peak, self.daemon.peak_rss_mib())
                self.cluster.psql("timelined", "VACUUM ANALYZE")
                scaling[ingested] = wrk(self.pair_url(), self.arguments.short_seconds)["p50_ms"]
                self.daemon.reset_peak_rss()
                log(f"timeline p50 at {ingested} events: {scaling[ingested]:.2f} ms")
        self.results["ingest_rss_mib"] = round(max(ingest_peak, self.daemon.peak_rss_mib()), 1)
        self.results["ingest_events_per_s"] = round(ingested / ingest_seconds)
        self.results["ingest_seconds"] = round(ingest_seconds, 2)
        self.results["ingest_events_per_s_by_events"] = {str(size): rate for size, rate in rates.items()}
        self.results["timeline_p50_ms_by_events"] = {str(size): p50 for size, p50 in scaling.items()}
        if 10_000 in scaling and self.arguments.events in scaling:
            self.results["timeline_scaling_ratio"] = round(scaling[self.arguments.events] / scaling[10_000], 2)

    def timeline(self) -> None:
        # The timeline's peak is measured on a fresh process.
        self.daemon.stop()
        self.daemon.start()
        self.daemon.wait_ready()
        self.wait_for_quiet()
        self.cluster.psql("timelined", "SELECT pg_stat_statements_reset()")
        self.cluster.psql("timelined", "ALTER SYSTEM SET log_min_duration_statement = 0")
        self.cluster.psql("timelined", "SELECT pg_reload_conf()")
        time.sleep(0.5)
        with urllib.request.urlopen(self.pair_url() + "&to=2025") as response:
            page = json.load(response)
        self.cluster.psql("timelined", "ALTER SYSTEM RESET log_min_duration_statement")
        self.cluster.psql("timelined", "SELECT pg_reload_conf()")
        statement, parameters = self.logged_timeline_statement()
        self.notes["timeline_statement"] = statement
        self.notes["timeline_parameters"] = parameters
        self.notes["timeline_page_events"] = len(page["events"])
        # The plan the server's connections run: the statement prepared, after the five custom plans
        # PostgreSQL tries before it settles on a generic one.
        values = ", ".join("'" + parameters[number].replace("'", "''") + "'" for number in sorted(parameters, key=int))
        output = self.cluster.psql("timelined", f"PREPARE timeline AS {statement}; "
                                   + f"EXECUTE timeline({values}); " * 6
                                   + f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE timeline({values})")
        # psql prints every statement's result: six pages (a line each, JSON text has no line
        # breaks), then the plan.
        self.notes["explain"] = "\n".join(output.splitlines()[6:])

        measured = wrk(self.pair_url(), self.arguments.seconds)
        self.results.update(timeline_rps=measured["rps"], timeline_p50_ms=measured["p50_ms"], timeline_p99_ms=measured["p99_ms"])
        self.results["rss_mib"] = round(self.daemon.peak_rss_mib(), 1)
        log(f"timeline: {measured['rps']:.0f} requests/s, p50 {measured['p50_ms']} ms, p99 {measured['p99_ms']} ms; "
            f"peak RSS {self.results['rss_mib']} MiB")

        # pgbench sends the statement as the server does: prepared once per connection, values as parameters.
        script = self.work / "timeline.sql"
        pgbench_statement = statement
        for number in sorted(parameters, key=int, reverse=True):
            pgbench_statement = pgbench_statement.replace(f"${number}", f":p{number}")
        script.write_text(pgbench_statement + ";\n")
        definitions = [argument for number, value in parameters.items() for argument in ("-D", f"p{number}={value}")]
        output = subprocess.run([str(self.cluster.bin / "pgbench"), "-n", "-M", "prepared", "-c", "32", "-j", "2",
                                 "-T", str(self.arguments.seconds), *definitions, "-f", str(script),
                                 self.cluster.url("timelined")], check=True, capture_output=True, text=True).stdout
        tps = float(re.search(r"tps = ([\d.]+)", output).group(1))
        self.results["pgbench_tps"] = tps
        self.results["timeline_ratio"] = round(measured["rps"] / tps, 3)
        log(f"pgbench: {tps:.0f} transactions/s; timeline at {self.results['timeline_ratio'] * 100:.0f}% of it")

    def pages(self) -> None:
        self.wait_for_quiet()
        page = wrk(self.pair_url("/timeline"), self.arguments.seconds)
        self.results.update(page_p50_ms=page["p50_ms"], page_p99_ms=page["p99_ms"], page_rps=page["rps"])
        self.results["page_p50_ratio"] = round(page["p50_ms"] / self.results["timeline_p50_ms"], 2)
        log(f"/timeline page: p50 {page['p50_ms']} ms, p99 {page['p99_ms']} ms "
            f"({self.results['page_p50_ratio']}× the JSON timeline's p50)")
        # The page's own CPU time, from the same answer of the JSON timeline, without the database,
        # HTTP and the other processes whose share of a page under load moves with the machine.
        answer = self.work / "timeline-page.json"
        with urllib.request.urlopen(self.pair_url() + "&to=2025", timeout=10) as response:
            answer.write_bytes(response.read())
        output = subprocess.run(["swift", "run", "-c", "release", "PageBenchmark", "--file", str(answer), "--json"],
                                cwd=ROOT, check=True, capture_output=True, text=True).stdout
        cpu = json.loads(output.strip().splitlines()[-1])
        self.results.update(page_cpu_us=cpu["page_us"], page_read_us=cpu["read_us"], page_build_us=cpu["build_us"],
                            page_templates_us=cpu["render_us"], page_events=cpu["events"])
        log(f"/timeline page of {cpu['events']} events, its own CPU time: {cpu['page_us']} µs (reading the JSON "
            f"{cpu['read_us']} µs, chart and event list {cpu['build_us']} µs, templates {cpu['render_us']} µs)")
        self.wait_for_quiet()
        embed = wrk(self.pair_url() + "&to=2025&format=timelinejs", self.arguments.seconds, distinct=False)
        self.results.update(embed_rps=embed["rps"], embed_p50_ms=embed["p50_ms"], embed_p99_ms=embed["p99_ms"])
        self.results["embed_ratio"] = round(embed["rps"] / self.results["timeline_rps"], 1)
        log(f"same-URL TimelineJS embed: {embed['rps']:.0f} requests/s, "
            f"{self.results['embed_ratio']}× the distinct-query timeline's")

    def wait_for_quiet(self) -> None:
        """Until the requests wrk left queued in the daemon have run: nothing but us is active."""
        while self.cluster.psql("timelined", "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                                "AND pid <> pg_backend_pid() AND datname = 'timelined'") != "0":
            time.sleep(0.2)

    def logged_timeline_statement(self) -> tuple[str, dict]:
        """The timeline statement the server ran, exactly as its log shows it, and its parameters.

        pg_stat_statements confirms it is the one the requests run (its text there has the
        statement's constants normalized into further $n, so it is not executable as such)."""
        # Log entries start with the timestamp of log_line_prefix; a statement spans lines.
        entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", self.cluster.log_file.read_text())
        executed = [i for i, entry in enumerate(entries) if re.search(r"execute \S+: ", entry) and "timeline_cursor(" in entry]
        if not executed or executed[-1] + 1 >= len(entries):
            raise RuntimeError(f"no timeline statement in {self.cluster.log_file}")
        statement = re.split(r"execute \S+: ", entries[executed[-1]], maxsplit=1)[1].strip()
        detail = entries[executed[-1] + 1].split("Parameters:", 1)[-1]
        parameters = {number: value.replace("''", "'") for number, value in re.findall(r"\$(\d+) = '((?:[^']|'')*)'", detail)}
        calls = self.cluster.psql("timelined", "SELECT sum(calls) FROM pg_stat_statements WHERE query LIKE '%timeline_cursor(%'")
        if calls != "1":
            raise RuntimeError(f"pg_stat_statements saw {calls} timeline statements for one request")
        return statement, parameters

    def copy_baseline(self) -> None:
        """The same rows into the same tables of a second database with nothing but \\copy."""
        self.daemon.stop()
        subprocess.run([str(self.binary), "migrate"], env={**self.daemon.environment,
                       "TIMELINED_DATABASE_URL": self.cluster.url("timelined_copy")}, check=True)
        tables = {
            "actors": "id, name, created_at",
            "agreements": "id, title, summary, alert_days, created_at, updated_at",
            "agreement_parties": "agreement_id, actor_id, position",
            "events": "id, key, created_at",
            "event_revisions": "event_id, revision, recorded_at, superseded_at, retracted, kind, start_date, end_date, "
                               "precision, agreement_id, expires_on, extends_by, actor_ids, tags, title, summary, record",
            "event_actors": "event_id, revision, position, actor_id, role",
        }
        files = {}
        for table, columns in tables.items():
            files[table] = self.work / f"{table}.copy"
            self.cluster.psql("timelined", f"\\copy (SELECT {columns} FROM {table}) TO '{files[table]}'")
        rows = 0
        started = time.perf_counter()
        for table, columns in tables.items():
            self.cluster.psql("timelined_copy", f"\\copy {table} ({columns}) FROM '{files[table]}'")
        seconds = time.perf_counter() - started
        # actor_timeline is filled by the triggers on event_revisions, as it is during ingest.
        for table in [*tables, "actor_timeline"]:
            rows += int(self.cluster.psql("timelined_copy", f"SELECT count(*) FROM {table}"))
        events = int(self.cluster.psql("timelined_copy", "SELECT count(*) FROM events"))
        self.results["copy_rows_per_s"] = round(rows / seconds)
        self.results["copy_events_per_s"] = round(events / seconds)
        self.results["copy_rows"] = rows
        self.results["ingest_ratio"] = round(self.results["ingest_events_per_s"] / self.results["copy_events_per_s"], 3)
        log(f"copy: {rows} rows in {seconds:.1f} s = {rows / seconds:.0f} rows/s = {events / seconds:.0f} events/s; "
            f"ingest at {self.results['ingest_ratio'] * 100:.0f}% of it")
        self.daemon.start()
        self.daemon.wait_ready()

    def start_to_ready(self) -> None:
        """Spawn to READY=1 on the notify socket, five times on the existing database."""
        self.daemon.stop()
        times = []
        for attempt in range(5):
            path = self.work / f"notify-{attempt}"
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
                listener.bind(str(path))
                listener.settimeout(60)
                started = time.perf_counter()
                self.daemon.start({"NOTIFY_SOCKET": str(path)})
                while b"READY=1" not in listener.recv(4096):
                    pass
                times.append((time.perf_counter() - started) * 1000)
            self.daemon.stop()
        self.results["ready_ms"] = round(statistics.median(times), 1)
        log(f"start to READY=1: median {self.results['ready_ms']} ms of {[round(t) for t in times]}")

    def alert_pass(self) -> None:
        output = subprocess.run(
            ["swift", "run", "-c", "release", "AlertBenchmark", "--agreements", str(self.arguments.agreements), "--json"],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        self.results["alert_pass_ms_100k"] = figures["steady_pass_ms"]
        self.results["alert_first_pass_ms_100k"] = figures["first_pass_ms"]
        self.results["alert_full_pass_ms_100k"] = figures["full_pass_ms"]
        self.results["alert_agreements"] = self.arguments.agreements
        log(f"alert pass over {self.arguments.agreements} agreements: first {figures['first_pass_ms']} ms, "
            f"steady (the hourly due list) {figures['steady_pass_ms']} ms, full {figures['full_pass_ms']} ms")

    def webhook_latency(self) -> None:
        # The receiver verifies with the PyPI libraries of the test-tools environment (`make test-tools`).
        output = subprocess.run(
            [str(ROOT / ".build" / "test-tools" / "bin" / "python"), str(ROOT / "Benchmarks" / "webhook_latency.py"),
             "--binary", str(self.binary), "--json"],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        self.results["webhook_notifications"] = figures["notifications"]
        self.results["webhook_p50_ms"] = figures["p50_ms"]
        self.results["webhook_p99_ms"] = figures["p99_ms"]
        self.results["outbox_drain_per_s"] = figures["drain_per_s"]
        log(f"notification to webhook receipt, {figures['notifications']} at once: p50 {figures['p50_ms']} ms, "
            f"p99 {figures['p99_ms']} ms; outbox drained at {figures['drain_per_s']} deliveries/s")
    def gdelt_import(self) -> None:
        export = self.work / "bench.export.CSV"
        subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "gdelt_generate.py"), str(export),
                        "--rows", str(self.arguments.gdelt_rows)], check=True, capture_output=True)
        # Reading, mapping and grouping alone: the part of the import that is the importer's own.
        output = subprocess.run(["swift", "run", "-c", "release", "GdeltBenchmark", "--file", str(export), "--json"],
                                cwd=ROOT, check=True, capture_output=True, text=True).stdout
        reading = json.loads(output.strip().splitlines()[-1])
        self.results["gdelt_read_rows_per_s"] = reading["rows_per_s"]
        self.results["gdelt_read_peak_rss_mib"] = reading["peak_rss_mib"]
        log(f"GDELT reading, mapping and grouping of {reading['rows']} rows into {reading['events']} events: "
            f"{reading['rows_per_s']} rows/s, peak RSS {reading['peak_rss_mib']} MiB")
        # End to end: `timelined import gdelt` into a migrated database of its own, then again (all unchanged).
        self.cluster.psql("postgres", "CREATE DATABASE gdelt")
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TIMELINED_LOG_LEVEL": "warning",
                       "TIMELINED_DATABASE_URL": self.cluster.url("gdelt")}
        subprocess.run([str(self.binary), "migrate"], env=environment, check=True, capture_output=True)
        first, second = (self.timed_import(export, environment) for _ in range(2))
        export.unlink()
        rows, events = first["summary"]["rows"]["read"], first["summary"]["events"]["created"]
        self.results.update(gdelt_rows=rows, gdelt_events=events,
                            gdelt_rows_per_s=round(rows / first["seconds"]), gdelt_seconds=round(first["seconds"], 1),
                            gdelt_peak_rss_mib=first["peak_rss_mib"],
                            gdelt_reimport_rows_per_s=round(rows / second["seconds"]),
                            gdelt_reimport_unchanged=second["summary"]["events"]["unchanged"])
        log(f"timelined import gdelt, {rows} rows: {events} events created in {first['seconds']:.1f} s, "
            f"{self.results['gdelt_rows_per_s']} rows/s, peak RSS {first['peak_rss_mib']} MiB; again: "
            f"{second['summary']['events']['unchanged']} unchanged at {self.results['gdelt_reimport_rows_per_s']} rows/s")

    def timed_import(self, export: Path, environment: dict) -> dict:
        """One `timelined import gdelt --json` run: wall time, the process's own peak RSS, its summary."""
        started = time.monotonic()
        process = subprocess.Popen([str(self.binary), "import", "gdelt", "--json", str(export)], env=environment,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        summary = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"timelined import gdelt exited with {os.waitstatus_to_exitcode(status)}")
        return {"seconds": seconds, "peak_rss_mib": round(usage.ru_maxrss / 1024, 1), "summary": json.loads(summary)}

    def write(self) -> None:
        self.results["machine"] = {
            "cpus": os.cpu_count(), "kernel": platform.release(),
            # Other work on the machine moves absolute figures; the ratios compare runs made side by side.
            "load_average_at_end": round(os.getloadavg()[0], 2),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "postgresql": self.cluster.psql("postgres", "SHOW server_version"),
        }
        self.results["measured_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        results_dir = ROOT / "Benchmarks" / "results"
        results_dir.mkdir(exist_ok=True)
        (results_dir / "latest.json").write_text(json.dumps(self.results, indent=2, sort_keys=True) + "\n")
        (ROOT / "docs" / "benchmarks.md").write_text(render_markdown(self.results, self.notes, self.arguments))
        log(f"wrote Benchmarks/results/latest.json and docs/benchmarks.md")


def render_markdown(results: dict, notes: dict, arguments) -> str:
    def verdict(holds: bool) -> str:
        return "holds" if holds else "**misses**"

    scaling = results.get("timeline_p50_ms_by_events", {})
    rows = [
        ("ingest, events/s", results["ingest_events_per_s"], f"COPY: {results['copy_events_per_s']} events/s "
         f"({results['copy_rows_per_s']} rows/s)", f"{results['ingest_ratio'] * 100:.0f}% (≥ 50%)",
         verdict(results["ingest_ratio"] >= 0.5)),
        ("timeline, requests/s", round(results["timeline_rps"]), f"pgbench: {results['pgbench_tps']:.0f} tps",
         f"{results['timeline_ratio'] * 100:.0f}% (≥ 50%)", verdict(results["timeline_ratio"] >= 0.5)),
        ("timeline p50 / p99, ms", f"{results['timeline_p50_ms']} / {results['timeline_p99_ms']}", "", "", ""),
        ("/timeline page p50 / p99, ms", f"{results['page_p50_ms']} / {results['page_p99_ms']}",
         f"JSON timeline p50: {results['timeline_p50_ms']} ms", f"{results['page_p50_ratio']}× (≤ 2×)",
         verdict(results["page_p50_ratio"] <= 2)),
        (f"/timeline page's own CPU time ({results['page_events']} events), µs", results["page_cpu_us"],
         f"reading the JSON {results['page_read_us']}, chart and list {results['page_build_us']}, "
         f"templates {results['page_templates_us']}", "", ""),
        ("same-URL embed (TimelineJS), requests/s", round(results["embed_rps"]),
         f"distinct queries: {results['timeline_rps']:.0f} requests/s", f"{results['embed_ratio']}× (≥ 5×)",
         verdict(results["embed_ratio"] >= 5)),
        ("timeline p50 by events, ms", ", ".join(f"{k}: {v}" for k, v in scaling.items()), "",
         f"{results.get('timeline_scaling_ratio', '—')}× (≤ 2×)", verdict(results.get("timeline_scaling_ratio", 99) <= 2)),
        (f"alert pass, {results['alert_agreements']} agreements, ms", results["alert_pass_ms_100k"],
         f"first pass: {results['alert_first_pass_ms_100k']} ms; full pass: {results.get('alert_full_pass_ms_100k', '—')} ms",
         "< 1000 ms", verdict(results["alert_pass_ms_100k"] < 1000)),
        ("daemon peak RSS under timeline load, MiB", results["rss_mib"], f"during ingest: {results['ingest_rss_mib']}",
         "≤ 150", verdict(results["rss_mib"] <= 150)),
        ("start to READY=1, ms", results["ready_ms"], "", "< 1000", verdict(results["ready_ms"] < 1000)),
        (f"notification → webhook receipt p50 / p99, {results['webhook_notifications']} at once, ms",
         f"{results['webhook_p50_ms']} / {results['webhook_p99_ms']}", f"outbox drain: {results['outbox_drain_per_s']} deliveries/s",
         "p99 < 2000", verdict(results["webhook_p99_ms"] < 2000)),
        (f"GDELT import end to end, {results['gdelt_rows']:,} rows into {results['gdelt_events']:,} events, rows/s",
         results["gdelt_rows_per_s"],
         f"reading, mapping, grouping alone: {results['gdelt_read_rows_per_s']} rows/s; "
         f"re-import (all unchanged): {results['gdelt_reimport_rows_per_s']} rows/s", "≥ 200,000",
         verdict(results["gdelt_rows_per_s"] >= 200_000)),
        ("GDELT import peak RSS, MiB", results["gdelt_peak_rss_mib"],
         f"reading alone: {results['gdelt_read_peak_rss_mib']}", "", ""),
    ]
    table = "\n".join(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows)
    machine = results["machine"]
    # The yardstick: a straightforward FastAPI + psycopg service on this machine with
    # 200,000 such events ingests about 900 events/s and serves this timeline at about 25 requests/s.
    ingest_at_200k = results.get("ingest_events_per_s_by_events", {}).get("200000", results["ingest_events_per_s"])
    ingest_factor, timeline_factor = ingest_at_200k / PYTHON_INGEST_EVENTS_PER_S, results["timeline_rps"] / PYTHON_TIMELINE_RPS
    return f"""# Benchmarks

Generated by `make bench` (`Benchmarks/bench.py`) on {results['measured_at']}: {machine['cpus']} CPUs,
{machine['memory_gib']} GiB, Linux {machine['kernel']}, PostgreSQL {machine['postgresql']}; load average
{machine['load_average_at_end']} at the end of the run. Every figure
stands beside its limit measured in the same run on the same private cluster (shared_buffers 512MB,
fsync on). The raw figures are in `Benchmarks/results/latest.json`.

Data: {results['events']:,} generated events (`Benchmarks/generate_events.py`, seed {SEED}): 5,000 actors
with Zipf-skewed popularity, 500 agreements with lifecycles, day/month/year precision 70/20/10 %,
80 % keyed, summaries and sources as real records have them; ingested as NDJSON in batches of
{results['batch_size']:,}.

| measure | timelined | limit | ratio (target) | |
|---|---|---|---|---|
{table}

## For scale

A straightforward Python service (FastAPI + psycopg) on this machine, with 200,000 such events,
ingests about {PYTHON_INGEST_EVENTS_PER_S} events/s and serves this timeline at about {PYTHON_TIMELINE_RPS} requests/s (p50 1.3 s);
the aim is at least 50 times that. timelined ingested the first 200,000 events at {ingest_at_200k} events/s
(**{ingest_factor:.1f}×**, {verdict(ingest_factor >= 50)}) and serves the timeline over {results['events']:,} events at
{results['timeline_rps']:.0f} requests/s (**{timeline_factor:.0f}×**, {verdict(timeline_factor >= 50)}). For ingest, 50× is
{50 * PYTHON_INGEST_EVENTS_PER_S:,} events/s: {50 * PYTHON_INGEST_EVENTS_PER_S / results['copy_events_per_s']:.1f} times what `COPY` itself stores into these tables
on this machine ({results['copy_events_per_s']} events/s), so no service in front of this schema can reach it.

## How each figure is measured

- **ingest**: one client posts every batch in turn (`POST /v1/events`, `application/x-ndjson`);
  events/s over the time spent in those requests. The limit: the rows the ingest stored
  (actors, agreements, parties, events, revisions, event actors), dumped and loaded into an
  empty migrated database — same tables, same indexes, same triggers — with `psql \\copy`.
- **timeline**: `wrk -t2 -c32 -d{arguments.seconds}s --latency -s Benchmarks/distinct-queries.lua` on
  `/v1/timeline?actor=US&actor=CN&from=1950&limit=50` — the two most popular actors; the script
  appends a random `to` day after the data to every request, so each is a query no cache holds.
  The limit: `pgbench -M prepared -c 32 -j 2 -T {arguments.seconds}` running the statement the
  server ran, as pg_stat_statements recorded it, with the parameters the server logged.
- **pages**: the same distinct-query `wrk` run on the `/timeline` page of that query (the
  server renders the SVG and the HTML of every request); and `wrk` sending one URL,
  `/v1/timeline?…&to=2025&format=timelinejs`, as readers of an embedded timeline do, answered
  from the cache of rendered responses after the first request. The page's own CPU time is
  `swift run -c release PageBenchmark --file F` on that query's JSON answer saved as F: reading it
  back, the SVG chart and the event list, the templates; the median of five rounds of 500 pages.
- **scaling**: the same `wrk` run ({arguments.short_seconds} s) when 10k, 100k and 1M events are stored.
- **alert pass**: `swift run -c release AlertBenchmark --agreements {results['alert_agreements']}`:
  the first pass over a fresh ledger; the steady state, the next day's pass as the daemon's
  hourly tick runs it (the due list: agreements never evaluated, due by their recorded next due
  date, or with changed thresholds — lifecycle changes reach the engine by NOTIFY); and a full
  pass over every agreement, as at start, reconnection, reload and `timelined alerts evaluate`.
- **GDELT import**: `timelined import gdelt --json F` into a migrated, empty database, timed from
  spawn to exit (peak RSS from the kernel's accounting of the process), then the same file again
  (every event unchanged). F has {results['gdelt_rows']:,} rows made by `Benchmarks/gdelt_generate.py`
  from the real export file: each copy the next 15-minute file (a million rows are ~5 days of
  GDELT; a year is ~70 M rows), actors and URLs perturbed. Beside it, `swift run -c release
  GdeltBenchmark --file F`: reading, mapping and grouping alone, without storing.
- **start to READY=1**: from spawning `timelined serve` on the migrated, loaded database to the
  `READY=1` datagram on a notify socket; median of five.

## The timeline statement

```sql
{notes['timeline_statement']}
```

Parameters: `{json.dumps(notes['timeline_parameters'])}`

Its plan as the server's connections run it: prepared, executed six times, then explained.

```
{notes['explain']}
```

## Reproduce

```console
make bench                      # the full run above
make bench BENCH_ARGS="--events 100000 --agreements 10000 --seconds 10"   # a quicker one
```
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--gdelt-rows", type=int, default=1_000_000, help="rows of the generated GDELT export file")
    parser.add_argument("--seconds", type=int, default=20, help="length of the main wrk and pgbench runs")
    parser.add_argument("--short-seconds", type=int, default=8, help="length of each scaling wrk run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (cluster, logs)")
    Benchmark(parser.parse_args()).run()


if __name__ == "__main__":
    main()
