"""What the reliability scenarios share: PostgreSQL clusters the suite controls, timelined
processes, HTTP over plain sockets, and bounded waiting. Standard library only."""

import http.client
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


class Failed(Exception):
    """A scenario's check did not hold; the message is its one-line detail."""


class Skipped(Exception):
    """The scenario cannot run here; the message says why."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, interval=0.1):
    """Polls `predicate` until it returns something truthy or `timeout` seconds pass; returns
    the last value. Never raises on a timeout: the caller decides what it means."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def as_postgres(command):
    """initdb and pg_ctl refuse to run as root: as root they run as the `postgres` account."""
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


def postgres_bin():
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise RuntimeError("no PostgreSQL server programs in /usr/lib/postgresql (make deps installs them)")
    return versions[-1].parent


class Cluster:
    """A PostgreSQL cluster in the suite's work directory: unix socket (trust, for the suite's
    own psql) and 127.0.0.1 on a free port with password authentication, which is how every
    timelined process of the suite connects — so their logs are searched for that password."""

    ROLE = "timelined"

    def __init__(self, work, name="pg"):
        self.directory = Path(work) / name
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = free_port()
        self.password = "pw-" + secrets.token_hex(12)
        self.bin = postgres_bin()

    def _run(self, command, check=True, timeout=120):
        return subprocess.run(as_postgres(command), capture_output=True, text=True, check=check, timeout=timeout)

    def init(self):
        self.directory.mkdir(parents=True)
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.directory, account.pw_uid, account.pw_gid)
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                   "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.directory}'",
            "max_connections = 300",
            # Nothing here outlives the run; a clean restart (-m fast) does not need fsync.
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "log_min_messages = warning",
        ]
        conf = self.data / "postgresql.conf"
        with open(conf, "a") as f:
            f.write("\n" + "\n".join(settings) + "\n")
        self.start()
        self.psql("postgres", f"CREATE ROLE {self.ROLE} LOGIN PASSWORD '{self.password}'")

    def start(self):
        """Returns once PostgreSQL accepts connections."""
        self._run([str(self.bin / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log)])

    def stop(self, mode="fast"):
        self._run([str(self.bin / "pg_ctl"), "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.data)], check=False)

    def restart(self, mode="fast"):
        self._run([str(self.bin / "pg_ctl"), "restart", "-w", "-t", "60", "-m", mode, "-D", str(self.data),
                   "-l", str(self.log)])

    def is_running(self):
        return self._run([str(self.bin / "pg_ctl"), "status", "-D", str(self.data)], check=False).returncode == 0

    def psql(self, database, sql):
        """Rows of `sql` as lists of strings (unaligned, tab-separated), as the superuser."""
        done = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.directory), "-p", str(self.port),
             "-U", "postgres", "-d", database, "-At", "-F", "\t", "-c", sql],
            capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"psql: {done.stderr.strip()}")
        return [line.split("\t") for line in done.stdout.splitlines()]

    def scalar(self, database, sql):
        return self.psql(database, sql)[0][0]

    def create_database(self, name):
        self.psql("postgres", f"CREATE DATABASE {name} OWNER {self.ROLE}")
        return name

    def url(self, database):
        return f"postgresql://{self.ROLE}:{self.password}@127.0.0.1:{self.port}/{database}"


class Response:
    def __init__(self, status=None, headers=None, body=b"", error=None, started=0.0, finished=0.0):
        self.status = status
        self.headers = headers or {}
        self.body = body
        self.error = error
        self.started = started
        self.finished = finished

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip()

    def __repr__(self):
        if self.status is None:
            return f"<no answer: {self.error}>"
        return f"<{self.status} {self.content_type} {self.body[:200]!r}>"


def request(base, method, path, body=None, headers=None, timeout=30):
    """One request on a connection of its own (`Connection: close`). A refused or broken
    connection is an answer too: status None and the error's name."""
    host, port = base.rsplit("//", 1)[1].rsplit(":", 1)
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        all_headers = {"Connection": "close"}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        elif isinstance(body, str):
            body = body.encode()
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        answer = connection.getresponse()
        data = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, data,
                        started=started, finished=time.monotonic())
    except (OSError, http.client.HTTPException) as error:
        return Response(error=type(error).__name__ + (f": {error}" if str(error) else ""),
                        started=started, finished=time.monotonic())
    finally:
        connection.close()


def is_problem(response, status=None):
    """An `application/problem+json` answer whose body states its own status."""
    document = response.json()
    return (response.content_type == "application/problem+json" and isinstance(document, dict)
            and document.get("status") == response.status and (status is None or response.status == status))


def logfmt(line):
    """The key=value fields of one logfmt line (values possibly double-quoted)."""
    fields, i, n = {}, 0, len(line)
    while i < n:
        while i < n and line[i] == " ":
            i += 1
        start = i
        while i < n and line[i] not in "= ":
            i += 1
        key = line[start:i]
        if i >= n or line[i] != "=":
            continue
        i += 1
        if i < n and line[i] == '"':
            i += 1
            value = []
            while i < n and line[i] != '"':
                if line[i] == "\\" and i + 1 < n:
                    i += 1
                value.append(line[i])
                i += 1
            i += 1
            fields[key] = "".join(value)
        else:
            start = i
            while i < n and line[i] != " ":
                i += 1
            fields[key] = line[start:i]
    return fields


class Context:
    """The run: options, the work directory, the shared cluster and every process started, so
    that whatever happens they are stopped at the end — each by its own id."""

    def __init__(self, binary, repo, work, full):
        self.binary = binary
        self.repo = Path(repo)
        self.work = Path(work)
        self.full = full
        self.logs = self.work / "logs"
        self.logs.mkdir(parents=True)
        self.processes = []
        self.cluster = None
        self.clusters = []
        self.tokens = []
        # An empty configuration file: nothing of /etc/timelined applies to the suite's processes.
        self.config = self.work / "timelined.yaml"
        self.config.write_text("# the reliability suite configures timelined through TIMELINED_* variables\n")
        # Response bodies the no-secrets check reads besides the logs.
        self.bodies = []

    def new_cluster(self, name):
        cluster = Cluster(self.work, name)
        self.clusters.append(cluster)
        cluster.init()
        return cluster

    def environment(self, extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.work),
            "LANG": "C.UTF-8",
            "TIMELINED_LOG_LEVEL": "info",
        }
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def run_timelined(self, name, arguments, env, timeout=120):
        """A one-shot command to completion; its stderr goes to logs/NAME.log."""
        log = self.logs / f"{name}.log"
        with open(log, "ab") as err:
            done = subprocess.run([self.binary] + arguments + ["--config", str(self.config)],
                                  env=self.environment(env), stdout=subprocess.PIPE, stderr=err, timeout=timeout)
        return done.returncode, done.stdout.decode(errors="replace"), log

    def start_daemon_on_new_database(self, database, name, extra_env=None):
        """A fresh database on the scenario's cluster and a daemon of its own on it."""
        self.cluster.create_database(database)
        env = {"TIMELINED_DATABASE_URL": self.cluster.url(database), **(extra_env or {})}
        return database, self.start_daemon(name, env)

    def start_daemon(self, name, env, host="127.0.0.1"):
        daemon = Daemon(self, name, env, host)
        self.processes.append(daemon.process)
        return daemon

    def cleanup(self):
        for process in self.processes:
            if process.poll() is None:
                try:
                    process.kill()
                    process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    pass
        for cluster in self.clusters:
            if cluster.data.exists():
                cluster.stop("immediate")


class Daemon:
    """`timelined serve` on a free port, its stdout and stderr in logs/NAME.log."""

    def __init__(self, context, name, env, host):
        self.context = context
        self.name = name
        self.port = free_port()
        self.host = host
        self.base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '127.0.0.1') else host}:{self.port}"
        self.log = context.logs / f"{name}.log"
        settings = {"TIMELINED_HTTP_PORT": self.port, "TIMELINED_HTTP_HOST": host}
        settings.update(env)
        self.env = context.environment(settings)
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen([context.binary, "serve", "--config", str(context.config)],
                                            env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        self.started = time.monotonic()

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process.poll() is None

    def get(self, path, **kwargs):
        return request(self.base, "GET", path, **kwargs)

    def post(self, path, body, **kwargs):
        return request(self.base, "POST", path, body=body, **kwargs)

    def wait_ready(self, timeout=60):
        ok = wait_until(lambda: not self.running() or self.get("/readyz", timeout=5).status == 200, timeout, 0.1)
        if not self.running():
            raise Failed(f"{self.name} exited with status {self.process.returncode}: {self.tail()}")
        if not ok:
            raise Failed(f"{self.name} not ready after {timeout} s: {self.tail()}")

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def signal(self, number):
        if self.running():
            os.kill(self.pid, number)

    def stop(self, timeout=15):
        """SIGTERM, then the exit status and how long it took (None: still running, killed)."""
        started = time.monotonic()
        self.signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None, time.monotonic() - started
        return status, time.monotonic() - started

    def tail(self, lines=5):
        try:
            text = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return " | ".join(text[-lines:])

    def log_lines(self):
        return self.log.read_text(errors="replace").splitlines()


def sample_events(context):
    return (context.repo / "docs" / "examples" / "sample-events.ndjson").read_bytes()


def has_tool(name):
    return shutil.which(name) is not None
