"""Scenario: a spool writer plants symbolic links (docs/spool.md, "Links and ownership"). The
daemon writes through none, files nothing outside the spool, and reads no file it was not given."""

import json
import os

from harness import Failed, logfmt, wait_until

# A pgpass line as a root-only file holds it: it must reach no file in the spool and no log line.
SECRET = "db.internal:5432:*:timelined:pgpass-secret-7f3a"
VICTIM = "the victim's own content\n"


def _drop(spool, name, text):
    """Puts a file in place as writers are told to: a dot-name first, then a rename."""
    temporary = spool / f".{name}.tmp"
    temporary.write_text(text)
    os.rename(temporary, spool / name)


def _records(title, count=1):
    return "\n".join(json.dumps({"kind": "meeting", "title": f"{title} {i}", "date": "2024-03-01"})
                     for i in range(count)) + "\n"


def _spool_files(spool):
    """Every regular file under the spool, links not followed."""
    for directory, _, names in os.walk(spool):
        for name in names:
            path = os.path.join(directory, name)
            if not os.path.islink(path) and os.path.isfile(path):
                yield path


def spool_links(ctx):
    """Three attacks of a spool writer on the real daemon: a link to a victim file planted as
    processed/.ok.json.receipt.json.tmp; `failed` a link to another directory; a listed z.csv
    swapped for a link to a file with a pgpass line while earlier files are imported. The victim
    stays unchanged, nothing lands outside the spool, the swapped file is skipped unread, and
    the secret reaches no file under the spool and no log line."""
    cluster = ctx.cluster
    database = cluster.create_database("spool_links")
    spool = ctx.work / "spool-links"
    outside = ctx.work / "spool-links-outside"
    elsewhere = outside / "elsewhere"
    (spool / "processed").mkdir(parents=True)
    elsewhere.mkdir(parents=True)
    victim = outside / "victim.conf"
    victim.write_text(VICTIM)
    pgpass = outside / "pgpass"
    pgpass.write_text(SECRET + "\n")
    pgpass.chmod(0o600)
    env = {"TIMELINED_DATABASE_URL": cluster.url(database), "TIMELINED_INGEST_SPOOL_DIR": spool}
    failed_link = spool / "failed"
    problems = []
    daemons = []

    def fields(daemon):
        return [logfmt(line) for line in daemon.log_lines()]

    # 1 and 2: the planted receipt temporary and `failed` a link, with one file for each.
    (spool / "processed" / ".ok.json.receipt.json.tmp").symlink_to(victim)
    failed_link.symlink_to(elsewhere)
    _drop(spool, "ok.json", _records("spool-links ok"))
    _drop(spool, "bad.json", "[")
    daemon = ctx.start_daemon("spool-links-1", env)
    daemons.append(daemon)
    try:
        daemon.wait_ready()
        unsafe = lambda: [f for f in fields(daemon)
                          if f.get("level") == "error" and f.get("directory") == str(failed_link)]
        moved = lambda: not (spool / "ok.json").exists() or not (spool / "bad.json").exists()
        wait_until(lambda: unsafe() or moved(), 30, 0.05)
        if not unsafe():
            problems.append("no error line naming failed/ while it was a link")
        if moved():
            problems.append("files were filed while failed/ was a link")
    finally:
        daemon.stop()

    # 3: once the administrator has removed the link, the next daemon lists 40 slow files, then
    # z.csv; z.csv becomes a link to the pgpass file while the 40 are imported.
    failed_link.unlink()
    slow = [f"a{n:02}.ndjson" for n in range(40)]
    for name in slow:
        _drop(spool, name, _records(f"spool-links {name}", 100))
    _drop(spool, "z.csv", "kind,title,date\nvisit,spool-links z,2024\n")
    daemon = ctx.start_daemon("spool-links-2", env)
    daemons.append(daemon)
    try:
        daemon.wait_ready()
        if not wait_until(lambda: (spool / "processed" / slow[0]).exists(), 60, 0.002):
            raise Failed(f"nothing imported within 60 s: {daemon.tail()}")
        swap = spool / ".z-link.tmp"
        swap.symlink_to(pgpass)
        os.rename(swap, spool / "z.csv")
        if (spool / "processed" / slow[-1]).exists():
            raise Failed("the 40 files were imported before z.csv was swapped: the swap proves nothing")
        handled = lambda: [f for f in fields(daemon) if f.get("file") == "z.csv"]
        if not wait_until(lambda: handled() and not (spool / "ok.json").exists(), 60, 0.1):
            raise Failed(f"z.csv or ok.json not handled within 60 s: {daemon.tail()}")
        outcome = handled()[-1].get("outcome")
        if outcome != "skipped":
            problems.append(f"the swapped z.csv was {outcome}, not skipped")
    finally:
        daemon.stop()

    if victim.read_text() != VICTIM or victim.is_symlink():
        problems.append(f"the victim file was overwritten: {victim.read_text()[:60]!r}")
    landed = sorted(p.name for p in elsewhere.iterdir())
    if landed:
        problems.append(f"{len(landed)} files landed in the directory failed/ linked to: {landed}")
    receipt = spool / "processed" / "ok.json.receipt.json"
    if receipt.is_symlink() or not receipt.is_file() or json.loads(receipt.read_text()).get("file") != "ok.json":
        problems.append("processed/ok.json.receipt.json is not a proper receipt")
    if not (spool / "failed" / "bad.json.error.json").is_file():
        problems.append("bad.json has no error report in failed/")
    if not (spool / "z.csv").is_symlink():
        problems.append("the swapped z.csv link was moved out of the spool")
    holding = [os.path.relpath(p, spool) for p in _spool_files(spool) if SECRET in open(p, errors="replace").read()]
    if holding:
        problems.append(f"the secret is in {holding}")
    leaking = [line for d in daemons for line in d.log_lines() if SECRET in line]
    if leaking:
        problems.append(f"the secret is in {len(leaking)} log lines: {leaking[0][:160]}")
    if problems:
        raise Failed("; ".join(problems))
    return ("receipt temporary link, failed/ link and a swapped z.csv link: victim unchanged, nothing outside "
            "the spool, failed/ link refused with an error line, z.csv skipped unread, secret in no spool file "
            f"or log line ({len(slow) + 2} files filed)")
