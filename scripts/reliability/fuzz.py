"""Scenario json-fuzz: the JSON parser under libFuzzer (`make fuzz`), which every request body passes."""

import re
import subprocess

from harness import Failed


def json_fuzz(ctx):
    """`make fuzz` for a bounded time: no crash, leak, timeout or disagreement with Foundation.
    `make reliability` builds the fuzzer first (fuzz-build); run alone on a fresh clone, the build
    counts against the scenario's time."""
    seconds = 600 if ctx.full else 60
    log = ctx.logs / "json-fuzz.log"
    with open(log, "wb") as out:
        done = subprocess.run(["make", "-s", "fuzz", f"FUZZ_SECONDS={seconds}", f"FUZZ_WORK={ctx.work / 'fuzz'}"],
                              cwd=ctx.repo, stdout=out, stderr=subprocess.STDOUT, timeout=seconds + 900)
    lines = log.read_text(errors="replace").splitlines()
    if done.returncode != 0:
        # The fuzzer's own message (a disagreement) comes before libFuzzer's or the sanitizer's.
        cause = next((l.strip() for l in lines if "Fatal error" in l or "ERROR:" in l), " ".join(lines[-3:]))
        saved = next((l.split("Test unit written to ")[1] for l in lines if "Test unit written to " in l), None)
        raise Failed(f"make fuzz exited {done.returncode}: {cause[:300]}"
                     + (f"; the input is in {saved}" if saved else "") + f" (see {log})")
    stats = next((l for l in reversed(lines) if re.match(r"#\d+\s+DONE", l)), None)
    finished = next((re.match(r"Done (\d+) runs in (\d+) second", l) for l in lines if l.startswith("Done ")), None)
    if stats is None or finished is None:
        raise Failed(f"no final libFuzzer statistics in the output (see {log})")
    fields = dict(re.findall(r"(\w[\w/]*): (\S+)", stats))
    return (f"{finished[1]} executions in {finished[2]} s ({fields.get('exec/s')}/s), coverage {fields.get('cov')} "
            f"edges, {fields.get('ft')} features, corpus {fields.get('corp')}, peak RSS {fields.get('rss')}")
