"""Server CPU per request, throughput and p99 of the quiz's pages under gunicorn, each as a
ratio to a bare Flask route served the same way.

    .venv/bin/python benchmarks/load.py                  # or: make bench
    .venv/bin/python benchmarks/load.py --rounds 5 --duration 8

What it does, all on 127.0.0.1:
1. builds two temporary SQLite databases with `flask db upgrade` and `flask bank load`: one with
   the real bank (questions/), one with ten times the questions in every area;
2. starts three gunicorn servers with the same settings (sync workers, as in docs/production.md's
   production command): the bare anchor (benchmarks/bare_app.py: one route, none of our hooks),
   the quiz (benchmarks/bench_app.py: the product plus an in-app `/bench/hello`), and the quiz
   over the big bank;
3. prepares attempts over HTTP: finished ones for the report, open ones for the section page
   and a pool for the submits;
4. for each round and each route, measures bare hello, the route, bare hello again, one right
   after the other (interleaved, so a busy neighbour on a shared machine hits both alike);
5. prints, per route, the median over the rounds of: server CPU per request (user + system time
   of the gunicorn master and workers, from /proc, divided by the requests served), requests/s
   and p99 latency; and two ratios to the bare route, for the record (their targets are retired:
   pages.py judges a page against its plain floor): by CPU
   (bare-hello CPU per request / the route's), and by
   throughput (the route's requests/s / bare hello's), which a busy neighbour sways more. The
   in-app hello is printed as the fixed cost of our hooks: its CPU over the bare route's.
6. the slope of section-page and report CPU per question (real bank vs ten times the bank), and
   the resident memory of each worker before and after 10,000 requests across 1,000 attempts,
   and the bound of every per-process cache (the ones tests/domain/test_caches.py finds).

The load generator is `wrk` (apt-get install wrk); it costs the machine little, which matters
when client and server share the cores.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devserver.live_server import FORM, FormClient, LiveServer  # noqa: E402
from quiz.domain.bank import load_bank  # noqa: E402
from quiz.web.taking.section_form import sections  # noqa: E402
from tests.domain.test_caches import every_cache, every_memoized  # noqa: E402  (the test's own census)

# The ratios to a bare route are printed for the record only: their old targets were the wrong
# yardstick (issue 27). A page is judged against the same page written plainly (pages.py), and
# the machine by how many takers it holds (capacity.py).
RATIO_ROUTES = ("section", "submit", "report")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Route:
    name: str
    method: str
    requests: list[tuple[str, str | None]]  # (path, body); the load cycles through them
    expect: int


@dataclass
class Run:
    requests: int
    requests_per_s: float
    p99_ms: float
    errors: int
    cpu_ms: float  # server CPU per request


# --- the server's CPU, from /proc --------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    """The gunicorn master and its workers."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *map(int, children)]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def rss_mb(pid: int) -> list[float]:
    """Resident memory of each worker, in MB."""
    sizes = []
    for worker in _tree(pid)[1:]:
        status = Path(f"/proc/{worker}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


# --- load ----------------------------------------------------------------------------------------

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


def wrk(server: LiveServer, route: Route, cookie: str, connections: int, duration: float,
        workdir: Path) -> Run:
    content_type = f', ["Content-Type"] = "{FORM}"' if route.method == "POST" else ""
    headers = f'{{["Cookie"] = [==[{cookie}]==]{content_type}}}'
    lines = [f'  table.insert(requests, wrk.format("{route.method}", [==[{path}]==], {headers}, '
             f'{"nil" if body is None else f"[==[{body}]==]"}))' for path, body in route.requests]
    script = workdir / f"{route.name}.lua"
    script.write_text(LUA % "\n".join(lines))
    pids = _tree(server.process.pid)
    cpu_before = _cpu_seconds(pids)
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration:g}s", "--latency",
                           "--timeout", "10s", "-s", str(script), server.url],
                          capture_output=True, text=True, timeout=duration + 60)
    cpu = _cpu_seconds(pids) - cpu_before
    out = done.stdout
    count = int(re.search(r"(\d+) requests in", out).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return Run(count, float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
               float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], errors,
               1000 * cpu / max(count, 1))


# --- preparing attempts ----------------------------------------------------------------------------

def section_body(section, rng: random.Random, csrf: str) -> str:
    """A section page's form with an answer to every question, chosen by `rng`."""
    pairs = [("csrf_token", csrf), ("next", "Save and continue")]
    for question in section.questions:
        items = [o.id for o in question.options if not o.none]
        if question.type == "ranking":  # a position for every item, as "item:position"
            chosen = question.kind.form_values(question, rng.sample(items, len(items)))
        elif question.kind.multiple:
            chosen = rng.sample(items, min(2, len(items)))
        else:
            chosen = [rng.choice(items)]
        pairs += [(f"q-{question.id}", option) for option in chosen]
    return urllib.parse.urlencode(pairs)


class Taker(FormClient):
    """One cookie jar: enough to start many attempts and post their forms."""

    def section_body(self, section, rng: random.Random) -> str:
        return section_body(section, rng, self.csrf)

    def finished(self, all_sections, rng: random.Random) -> str:
        token = self.start_attempt()
        for section in all_sections:
            response = self.send("POST", f"/a/{token}/section/{section.number}",
                                 self.section_body(section, rng))
            assert response.status == 303, (response.status, response.text[:2000])
        response = self.send("POST", f"/a/{token}/finish", f"csrf_token={self.csrf}")
        assert response.status == 303, response.status
        return token


def quiz_routes(server: LiveServer, bank_dir: Path, submit_attempts: int) -> tuple[dict[str, Route], str]:
    taker = Taker(server.port)
    rng = random.Random(1)
    all_sections = sections(load_bank(bank_dir).offered())
    report = taker.finished(all_sections, rng)
    section = taker.start_attempt()
    pool = [taker.start_attempt() for _ in range(submit_attempts)]
    answer_sets = [taker.section_body(all_sections[0], rng) for _ in range(2)]
    return {
        "hello (in-app)": Route("in-app hello", "GET", [("/bench/hello", None)], 200),
        "section": Route("section", "GET", [(f"/a/{section}/section/1", None)], 200),
        "submit": Route("submit", "POST",
                        [(f"/a/{t}/section/1", body) for t in pool for body in answer_sets], 303),
        "report": Route("report", "GET", [(f"/report/{report}", None)], 200),
    }, taker.cookie


def tenfold_bank(directory: Path) -> Path:
    """questions/ with every area's questions repeated ten times under new ids."""
    shutil.copytree(ROOT / "questions", directory)
    for path in directory.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        if not isinstance(data, dict) or "questions" not in data:
            continue
        data["questions"] = [dict(copy.deepcopy(q), id=f"{q['id']}-x{n}" if n else q["id"])
                             for n in range(10) for q in data["questions"]]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return directory


def serve(directory: Path, app: str, workers: int, bank_dir: Path | None = None) -> LiveServer:
    server = LiveServer(directory, workers=workers, app=app, name=app.split(":")[0],
                        gunicorn_args=("--pythonpath", str(ROOT / "benchmarks")))
    server.directory.mkdir(parents=True, exist_ok=True)
    if bank_dir is not None:
        server.flask("db", "upgrade")
        server.flask("bank", "load", str(bank_dir))
    return server.start()


# --- main ------------------------------------------------------------------------------------------

@dataclass
class Measured:
    run: Run  # the route's
    bare_cpu_ms: float  # the bare route's, around it
    bare_requests_per_s: float

    @property
    def cpu_ratio(self) -> float:
        return self.bare_cpu_ms / self.run.cpu_ms

    @property
    def throughput_ratio(self) -> float:
        return self.run.requests_per_s / self.bare_requests_per_s


def measure(bare: LiveServer, server: LiveServer, route: Route, cookie: str, args, workdir: Path) -> Measured:
    """bare hello, the route, bare hello: the route's run, and the bare route's CPU per request
    and requests/s (the mean of the runs before and after)."""
    hello = Route("bare hello", "GET", [("/hello", None)], 200)
    before = wrk(bare, hello, "", args.connections, args.duration, workdir)
    run = wrk(server, route, cookie, args.connections, args.duration, workdir)
    after = wrk(bare, hello, "", args.connections, args.duration, workdir)
    return Measured(run, (before.cpu_ms + after.cpu_ms) / 2,
                    (before.requests_per_s + after.requests_per_s) / 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=4, help="seconds per run (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are printed (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("benchmarks/load.py needs wrk: apt-get install wrk")
    # Every attempt here is started from 127.0.0.1, far faster than a class: no start throttle.
    os.environ.setdefault("START_ATTEMPTS_ALLOWED", "1000000")

    workdir = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    big_bank = tenfold_bank(workdir / "bank-x10")
    bare = serve(workdir / "bare", "bare_app:app", args.workers)
    quiz = LiveServer(workdir / "quiz", workers=args.workers, app="bench_app:app", name="quiz",
                      gunicorn_args=("--pythonpath", str(ROOT / "benchmarks"))).prepare().start()
    big = serve(workdir / "big", "bench_app:app", args.workers, big_bank)
    try:
        routes, cookie = quiz_routes(quiz, ROOT / "questions", submit_attempts=4 * args.connections)
        big_routes, big_cookie = quiz_routes(big, big_bank, submit_attempts=2)
        for server, route_set, jar in ((quiz, routes, cookie), (big, big_routes, big_cookie)):
            for route in route_set.values():  # warm every worker's caches
                wrk(server, route, jar, args.connections, 1, workdir)
        wrk(bare, Route("bare hello", "GET", [("/hello", None)], 200), "", args.connections, 1, workdir)
        print(f"gunicorn -w {args.workers} (sync) on 127.0.0.1, {os.cpu_count()} CPUs; wrk, "
              f"{args.connections} connections, {args.duration:g} s per run, median of {args.rounds} "
              "rounds of (bare hello, route, bare hello)\n")

        table: dict[str, list[Measured]] = {name: [] for name in routes}
        slope: dict[str, list[tuple[Run, Run]]] = {"section": [], "report": []}
        for _ in range(args.rounds):
            for name, route in routes.items():
                table[name].append(measure(bare, quiz, route, cookie, args, workdir))
            for name in slope:
                slope[name].append((wrk(quiz, routes[name], cookie, args.connections, args.duration, workdir),
                                    wrk(big, big_routes[name], big_cookie, args.connections,
                                        args.duration, workdir)))
        report_table(table)
        report_slope(slope, load_bank(ROOT / "questions").offered(), load_bank(big_bank).offered())
        report_memory(quiz, args)
        errors = sum(m.run.errors for runs in table.values() for m in runs)
        if errors:
            print(f"\n{errors} requests failed; see the logs in {workdir}")
            return
    finally:
        for server in (bare, quiz, big):
            server.stop()
    shutil.rmtree(workdir, ignore_errors=True)


def report_table(table: dict[str, list[Measured]]) -> None:
    print(f"{'route':<16}{'CPU ms/req':>11}{'bare ms/req':>12}{'req/s':>8}{'bare req/s':>11}"
          f"{'by CPU':>8}{'by req/s':>9}{'p99 ms':>8}  errors")
    for name, runs in table.items():
        cpu = statistics.median(m.run.cpu_ms for m in runs)
        bare = statistics.median(m.bare_cpu_ms for m in runs)
        rate = statistics.median(m.run.requests_per_s for m in runs)
        bare_rate = statistics.median(m.bare_requests_per_s for m in runs)
        p99 = statistics.median(m.run.p99_ms for m in runs)
        errors = sum(m.run.errors for m in runs)
        if name in RATIO_ROUTES:
            by_cpu = statistics.median(m.cpu_ratio for m in runs)
            by_rate = statistics.median(m.throughput_ratio for m in runs)
            shown = f"{by_cpu:>8.0%}{by_rate:>9.0%}"
        else:  # the fixed cost of our hooks: how many bare routes one in-app hello costs
            ratio = statistics.median(m.run.cpu_ms / m.bare_cpu_ms for m in runs)
            shown = f"{ratio:>7.2f}x{'':>9}"
        print(f"{name:<16}{cpu:>11.2f}{bare:>12.2f}{rate:>8.0f}{bare_rate:>11.0f}{shown}"
              f"{p99:>8.1f}  {errors}")
    print("\nby CPU: bare-hello CPU per request / the route's; by req/s: the route's requests/s / bare"
          " hello's (for the record: no target; benchmarks/pages.py judges each page against its plain"
          " floor). For the in-app hello, its CPU over the bare route's (the fixed cost of our hooks).")


def report_slope(slope, bank, big_bank) -> None:
    first, big_first = sections(bank)[0], sections(big_bank)[0]
    added = {"section": len(big_first.questions) - len(first.questions),
             "report": len(big_bank.questions) - len(bank.questions)}
    print("\nCost per question (real bank vs ten times the questions in every area):")
    for name, runs in slope.items():
        small = statistics.median(a.cpu_ms for a, _ in runs)
        large = statistics.median(b.cpu_ms for _, b in runs)
        per_question = (large - small) / added[name]
        print(f"  {name:<8} {small:6.2f} ms -> {large:6.2f} ms with {added[name]} more questions: "
              f"{1000 * per_question:.1f} us per question")


def report_memory(server: LiveServer, args) -> None:
    """RSS of each worker before and after many requests over many attempts: caches are bounded."""
    taker = Taker(server.port)
    before = rss_mb(server.process.pid)
    tokens = [taker.start_attempt() for _ in range(max(1, args.memory_requests // 10))]
    for i in range(args.memory_requests - len(tokens)):
        response = taker.send("GET", f"/a/{tokens[i % len(tokens)]}/section/{1 + i % 6}")
        assert response.status == 200, response.status
    after = rss_mb(server.process.pid)
    print(f"\nMemory: RSS per worker {', '.join(f'{m:.0f}' for m in before)} MB before and "
          f"{', '.join(f'{m:.0f}' for m in after)} MB after {args.memory_requests} requests across "
          f"{len(tokens)} attempts.")
    bounds = {**{name: cache.max_size for name, cache in every_cache().items()},
              **{name: f.cache_info().maxsize for name, f in every_memoized().items()}}
    print("Every per-process cache and its bound (entries):")
    for name, bound in sorted(bounds.items()):
        print(f"  {name:<44} {bound:>6}")


if __name__ == "__main__":
    main()
