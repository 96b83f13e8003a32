"""Throughput and p99 latency of the quiz's main pages under gunicorn, each as a ratio to a
bare "hello" route served by the same app under the same load.

    .venv/bin/python benchmarks/load.py              # or: make bench-load
    .venv/bin/python benchmarks/load.py --duration 10 --connections 16 --workers 4

What it does, all on 127.0.0.1 and bounded in time:
1. creates a temporary SQLite database with `flask db upgrade` and `flask bank load`;
2. starts gunicorn (sync workers, as in the README's production command) on a free port,
   serving benchmarks/bench_app.py: the product app plus `/bench/hello`;
3. prepares attempts over HTTP: one finished with every question answered (for the report),
   one open (for the section page) and a pool of open ones (for the submits);
4. loads each route in turn with the same concurrency and duration:
   - hello:   GET  /bench/hello
   - section: GET  /a/<token>/section/1           (a section page with 10 questions)
   - submit:  POST /a/<token>/section/1           (every answer of that section + CSRF token;
                                                   alternates two answer sets, so rows change)
   - report:  GET  /report/<token>                (the full report of a finished attempt)
   and hello once more at the end, to show how steady the machine was;
5. prints requests/s, p99 latency and the ratio to hello, against the targets:
   section >= 50 %, report >= 40 %, submit >= 30 %.

The load generator is `wrk` when it is installed (apt-get install wrk): it costs the machine
little, which matters when client and server share the cores. Otherwise a small Python one
(threads, http.client) is used; it takes CPU from the server, most of all on the fast hello
route, so its ratios come out higher than wrk's. `--generator python` forces it.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.attempts import sections  # noqa: E402
from quiz.bank import load_bank  # noqa: E402
from tests.live_server import FORM, FormClient, LiveServer  # noqa: E402

TARGETS = {"section": 0.50, "report": 0.40, "submit": 0.30}


@dataclass
class Route:
    name: str
    method: str
    paths: list[str]  # the requests cycle through these (path, body) pairs
    bodies: list[str | None]
    expect: int


@dataclass
class Result:
    route: Route
    requests_per_s: float
    p99_ms: float
    errors: int


# --- preparing attempts ----------------------------------------------------------------------

class Browser(FormClient):
    """One cookie jar: enough to start many attempts and post their forms."""

    def section_body(self, section, rng: random.Random) -> str:
        pairs = [("csrf_token", self.csrf), ("next", "Save and continue")]
        for question in section.questions:
            items = [o.id for o in question.options if not o.none]
            if question.type == "ranking":
                chosen = question.kind.form_values(question, rng.sample(items, len(items)))
            else:
                chosen = rng.sample(items, min(2, len(items))) if question.kind.multiple else [rng.choice(items)]
            pairs += [(f"q-{question.id}", option) for option in chosen]
        return "&".join(f"{k}={urllib.request.quote(v)}" for k, v in pairs)

    def finished(self, all_sections, rng: random.Random) -> str:
        token = self.start_attempt()
        for section in all_sections:
            response = self.send("POST", f"/a/{token}/section/{section.number}",
                                 self.section_body(section, rng))
            assert response.status == 303, response.status
        response = self.send("POST", f"/a/{token}/finish", f"csrf_token={self.csrf}")
        assert response.status == 303, response.status
        return token


def routes(port: int, submit_attempts: int) -> tuple[list[Route], str]:
    browser = Browser(port)
    rng = random.Random(1)
    all_sections = sections(load_bank(ROOT / "questions"))
    report = browser.finished(all_sections, rng)
    section = browser.start_attempt()
    first = all_sections[0]
    pool = [browser.start_attempt() for _ in range(submit_attempts)]
    answer_sets = [browser.section_body(first, rng) for _ in range(2)]
    hello = Route("hello", "GET", ["/bench/hello"], [None], 200)
    return [
        hello,
        Route("section", "GET", [f"/a/{section}/section/1"], [None], 200),
        Route("submit", "POST", [f"/a/{t}/section/1" for t in pool for _ in answer_sets],
              [b for _ in pool for b in answer_sets], 303),
        Route("report", "GET", [f"/report/{report}"], [None], 200),
        hello,
    ], browser.cookie


# --- load generators -------------------------------------------------------------------------

LUA = """
local requests = {}
local i = 0
init = function(args)
%s
  i = math.random(#requests) - 1
end
request = function()
  i = i %% #requests + 1
  return requests[i]
end
"""


def wrk(route: Route, port: int, cookie: str, connections: int, duration: float, workdir: Path) -> Result:
    content_type = f', ["Content-Type"] = "{FORM}"' if route.method == "POST" else ""
    headers = f'{{["Cookie"] = [==[{cookie}]==]{content_type}}}'
    lines = []
    for path, body in zip(route.paths, route.bodies):
        body_lua = f"[==[{body}]==]" if body is not None else "nil"
        lines.append(f'  table.insert(requests, wrk.format("{route.method}", [==[{path}]==], '
                     f'{headers}, {body_lua}))')
    script = workdir / f"{route.name}.lua"
    script.write_text(LUA % "\n".join(lines))
    threads = min(2, connections)
    done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency",
                           "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"],
                          capture_output=True, text=True, timeout=duration + 60)
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in socket_errors.groups()) if socket_errors else 0)
    return Result(route, rate, p99, errors)


def python_load(route: Route, port: int, cookie: str, connections: int, duration: float, _workdir) -> Result:
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + duration

    def worker(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = n
        while time.monotonic() < deadline:
            path, body = route.paths[i % len(route.paths)], route.bodies[i % len(route.bodies)]
            i += connections
            headers = {"Cookie": cookie} | ({"Content-Type": FORM} if body is not None else {})
            began = time.perf_counter()
            try:
                connection.request(route.method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()  # sync workers close after each response
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                connection.close()
                continue
            latencies[n].append(time.perf_counter() - began)
            if response.status != route.expect:
                errors[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 30)
    elapsed = time.monotonic() - began
    every = sorted(t for worker_times in latencies for t in worker_times)
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))] * 1000 if every else float("nan")
    return Result(route, len(every) / elapsed, p99, sum(errors))


# --- main ------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=5, help="seconds per route (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    use_wrk = args.generator == "wrk" or (args.generator == "auto" and shutil.which("wrk"))
    generator = wrk if use_wrk else python_load

    workdir = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    server = LiveServer(workdir, workers=args.workers, app="bench_app:app",
                        gunicorn_args=("--pythonpath", str(ROOT / "benchmarks"))).prepare().start()
    port = server.port
    try:
        measured, cookie = routes(port, submit_attempts=4 * args.connections)
        for route in measured[:-1]:  # warm every worker's caches and connections
            python_load(route, port, cookie, args.connections, 1.0, workdir)
        print(f"gunicorn -w {args.workers} (sync) on 127.0.0.1, {os.cpu_count()} CPUs; "
              f"{'wrk' if use_wrk else 'Python'} load, {args.connections} connections, "
              f"{args.duration:g} s per route\n")
        results = []
        for route in measured:
            results.append(generator(route, port, cookie, args.connections, args.duration, workdir))
    finally:
        server.stop()
    baseline = (results[0].requests_per_s + results[-1].requests_per_s) / 2
    print(f"{'route':<10}{'req/s':>10}{'p99 ms':>10}{'vs hello':>10}{'target':>9}  errors")
    for index, result in enumerate(results):
        name = result.route.name if index < len(results) - 1 else "hello (end)"
        target = TARGETS.get(name)
        ratio = result.requests_per_s / baseline
        verdict = "" if target is None else f"{'>=' if ratio >= target else 'MISS <'} {target:.0%}"
        print(f"{name:<10}{result.requests_per_s:>10.0f}{result.p99_ms:>10.1f}{ratio:>10.0%}"
              f"{verdict:>9}  {result.errors}")
    if any(r.errors for r in results):
        print(f"\nsome requests failed; see {server.log_path}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n'vs hello' is requests/s divided by the mean of the two hello runs.")


if __name__ == "__main__":
    main()
