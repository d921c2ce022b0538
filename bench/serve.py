#!/usr/bin/env python3
"""Save-to-page latency and memory of `tariffpress serve` (not a test).

    bench/serve.py            # release build, fixture project, 50 edits each
    EDITS=50 LONG=500 bench/serve.py
    PROFILE=debug bench/serve.py   # the dev build instead

Starts `serve --port 0` on a scratch copy of the fixture project
(tests/fixtures/project/content with the repository's templates and fonts)
and times, for EDITS saves each:

  - a one-rate change (the cyber tariff's clinic H1 base rate): from the
    write of the file to the moment the server's state shows the new
    figure for a clinic H1 premium of kagoshima-2025's rate sheet AND its
    changed page image has been fetched, as an open page would do after
    the WebSocket message;
  - a prose edit (one phrase of kagoshima-2025's flyer intro): from the
    write to the flyer's new page image fetched.

The state is polled every 2 ms, so figures carry up to ~2 ms of polling
slack. Then it makes LONG one-rate edits in all and reports the server's
resident memory after EDITS and after LONG edits.

Prints a Markdown summary for BENCHMARKS.md.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDITS = int(os.environ.get("EDITS", "50"))
LONG = int(os.environ.get("LONG", "500"))
# PROFILE=debug measures the dev build (dependencies, Typst included, are
# optimised in it too; see Cargo.toml) when a release build is not at hand.
PROFILE = os.environ.get("PROFILE", "release")
# Seconds between a page showing an edit and the next save. A person saves
# a few times a second at most, and in that time the server finishes the
# `check` it runs after each build (about 0.15 s of one core); PAUSE=0
# saves back to back, so each build shares the cores with the last check.
PAUSE = float(os.environ.get("PAUSE", "0.3"))
SHEET = "kagoshima-2025/rate-sheet"
PAMPHLET = "kagoshima-2025/flyer"
TARIFF = "content/products/cyber/tariffs/2024-04-01.yaml"
PROGRAM = "content/programs/kagoshima-2025.yaml"


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.read()


def state(base):
    return json.loads(get(base, "/api/state"))


def until(base, ready, limit=120):
    started = time.monotonic()
    while True:
        s = state(base)
        if ready(s):
            return s
        if time.monotonic() - started > limit:
            sys.exit("timed out waiting for the server")
        # Polling costs the server a state serialization each time, on the
        # same two cores as the rebuild: every 10 ms, not busier.
        time.sleep(0.01)


def spot(s, key):
    for sp in s["documents"].get(SHEET, {}).get("spots", []):
        if sp["key"] == key:
            return sp
    return None


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    release = PROFILE == "release"
    subprocess.run(["cargo", "build", "--quiet"] + (["--release"] if release else []), cwd=REPO, check=True)
    work = Path(tempfile.mkdtemp(prefix="tp-serve-bench-"))
    shutil.copytree(REPO / "tests/fixtures/project/content", work / "content")
    shutil.copytree(REPO / "templates", work / "templates")
    shutil.copytree(REPO / "fonts", work / "fonts")
    server = subprocess.Popen(
        [str(REPO / "target" / PROFILE / "tariffpress"), "--root", str(work), "serve", "--port", "0"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "LANG": "C.UTF-8"},
    )
    try:
        line = server.stderr.readline()
        base = next(w for w in line.split() if w.startswith("http://")).rstrip("/")
        s = until(base, lambda s: SHEET in s["documents"] and PAMPHLET in s["documents"]
                  and all(s["documents"].get(f"{p['id']}/{d}") for p in s["programs"] for d in p["documents"]))
        key = next(sp["key"] for sp in s["documents"][SHEET]["spots"]
                   if "/clinic/" in sp["key"] and "/H1/" in sp["key"])
        tariff = work / TARIFF
        text = tariff.read_text()
        assert "    H1: 48570\n" in text
        rate_times, rss_at = [], {}
        for i in range(1, LONG + 1):
            before = spot(s, key)["yen"]
            new = text.replace("    H1: 48570\n", f"    H1: {48570 + (i % 7 + 1) * 1000}\n")
            if new == tariff.read_text():
                new = text
            time.sleep(PAUSE)
            started = time.monotonic()
            tariff.write_text(new)
            s = until(base, lambda s: (spot(s, key) or {}).get("yen", before) != before)
            sp = spot(s, key)
            page = s["documents"][SHEET]["pages"][sp["page"] - 1]
            get(base, f"/pages/{SHEET}/{sp['page']}.png?v={page}")
            took = time.monotonic() - started
            if i <= EDITS:
                rate_times.append(took)
            if i in (EDITS, LONG):
                time.sleep(1)
                rss_at[i] = rss_kib(server.pid)
            if i == EDITS:
                prose_times = prose_edits(base, work / PROGRAM)
                s = state(base)
        print_summary(rate_times, prose_times, rss_at)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work)


def prose_edits(base, program):
    text = program.read_text()
    times = []
    words = ["ますます高まって", "一層高まって"]
    found = next((w for w in words if w in text), None)
    if found is None:
        sys.exit("no word to edit in the program's prose")
    current = text
    for i in range(EDITS):
        s = state(base)
        old = s["documents"][PAMPHLET]["pages"]
        target = words[1] if found == words[0] else words[0]
        new = current.replace(found, target, 1) if i % 2 == 0 else text
        time.sleep(PAUSE)
        started = time.monotonic()
        program.write_text(new)
        current = new
        s = until(base, lambda s: s["documents"].get(PAMPHLET, {}).get("pages") not in (None, old))
        pages = s["documents"][PAMPHLET]["pages"]
        changed = [n for n, h in enumerate(pages) if n >= len(old) or old[n] != h]
        get(base, f"/pages/{PAMPHLET}/{changed[0] + 1}.png?v={pages[changed[0]]}")
        times.append(time.monotonic() - started)
    return times


def print_summary(rate, prose, rss):
    ms = lambda v: f"{v * 1000:.0f} ms"
    print(f"| save → page shows it ({EDITS} edits) | median | p95 |")
    print("|---|---|---|")
    print(f"| one-rate change | {ms(statistics.median(rate))} | {ms(pct(rate, 95))} |")
    print(f"| prose edit | {ms(statistics.median(prose))} | {ms(pct(prose, 95))} |")
    print()
    a, b = rss.get(EDITS, 0), rss.get(LONG, 0)
    print(f"server RSS after {EDITS} edits: {a / 1024:.0f} MiB; after {LONG}: {b / 1024:.0f} MiB "
          f"({(b - a) / a * 100:+.1f}%)" if a else "no RSS measured")


if __name__ == "__main__":
    main()
