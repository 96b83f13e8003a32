"""How many people taking the quiz at once one machine serves at p99 < 200 ms with no error.

    .venv/bin/python benchmarks/capacity.py              # or: make bench (about 10 minutes)
    .venv/bin/python benchmarks/capacity.py --quick      # three short steps, to try it
    .venv/bin/python benchmarks/capacity.py --steps 50,100,200 --step-seconds 120 --compression 30

What it does, all on 127.0.0.1:
1. without TEST_DATABASE_URL, runs itself again under scripts/pg-test-cluster.sh, which starts a
   throwaway PostgreSQL cluster on a Unix socket and removes it afterwards;
2. brings that database to the current schema and loads the bank (`flask db upgrade`,
   `flask bank load`, as docs/production.md says), then starts gunicorn as production does:
   sync workers, 2 x cores + 1 of them, an access log;
3. simulates takers with Locust (run as a library, one process): each opens the start page,
   reads it, presses Start (a POST with the page's CSRF token), then for every section opens its
   page, reads and answers (think time), and posts an answer to every question; at the end it
   opens the review page, finishes, opens the report and reads it; then a new taker takes its
   place. Every request's status is checked (200 for a page, 303 for a form).
4. steps the number of simultaneous takers up (25, 50, 100, ...): the new takers arrive over
   the first half of the ramp, the figures are then reset and the step measured for
   --step-seconds; it stops after the first step whose p99 is 200 ms or more or that had any
   error, and prints each step and the capacity: the largest step that held.

Time compression. A person spends minutes on a section: the bank's own estimate
(quiz/domain/bank/timing.py: reading at 238 words a minute, 5 s per question, 1.5 s per option)
gives about 30 minutes for the quiz. At that pace one machine cannot be driven to its limit in a
bounded run by a load generator sharing its two cores, so every think time is divided by K
(--compression, default 60). A simulated taker then sends the same requests in the same order
as a person, K times as often: the server sees the request rate and mix of K people, so
simultaneous takers x K is the human-paced equivalent, which is printed beside it. What the
compression does not reproduce: K times fewer attempts are open at once (a smaller working set
in the database) and K times fewer connections.

The load generator shares the machine: its own CPU (this process), the server's (gunicorn's
master and workers), PostgreSQL's and the whole machine's are printed for each step, with the
load average, so the reader can judge how much was left for the server.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import gevent
import sqlalchemy

# Importing locust patches the standard library for gevent: before devserver imports ssl.
from locust import FastHttpUser, constant, task
from locust.env import Environment
from locust.exception import RescheduleTask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load import section_body  # noqa: E402

from devserver.live_server import CSRF, FORM, LiveServer  # noqa: E402
from quiz.domain.bank import load_bank  # noqa: E402
from quiz.domain.bank.timing import expected_minutes  # noqa: E402
from quiz.web.taking.section_form import sections  # noqa: E402

P99_LIMIT_MS = 200
STEPS = (5, 10, 25, 50, 100, 200, 400, 800, 1600)
QUICK_STEPS = (5, 10, 20)
# What a person spends, in seconds, on the pages that hold no questions (the sections' time
# comes from the bank's estimate): reading the start page, checking the review page, reading
# the report before leaving.
HUMAN_START_SECONDS = 30
HUMAN_REVIEW_SECONDS = 20
HUMAN_REPORT_SECONDS = 180
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the simulated taker ---------------------------------------------------------------------------

class Taker(FastHttpUser):
    """One person at a time taking the whole quiz at a compressed human pace, then the next."""

    wait_time = constant(0)  # the think times are inside the journey
    compression: ClassVar[float] = 60  # set by main()
    all_sections: ClassVar[list] = []  # set by main(): the offered bank's sections, as an attempt shows them

    def on_start(self) -> None:
        self.rng = random.Random()

    def think(self, human_seconds: float) -> None:
        """A person's time on a page, divided by the compression, spread by +-50 %."""
        gevent.sleep(human_seconds / self.compression * self.rng.uniform(0.5, 1.5))

    def request(self, method: str, path: str, name: str, expect: int, body: str | None = None) -> str:
        """One request, a failure unless its status is `expect`; the body (a page) or the
        Location (a redirect). A failed journey ends here: the person starts again later."""
        headers = {"Content-Type": FORM} if body is not None else None
        with self.client.request(method, path, name=name, data=body, headers=headers,
                                 allow_redirects=False, catch_response=True) as response:
            if response.status_code != expect:
                response.failure(f"{name}: {response.status_code}, expected {expect}")
            elif expect == 303:
                return response.headers["Location"]
            else:
                return response.text
        self.think(HUMAN_START_SECONDS)
        raise RescheduleTask()

    def csrf(self, page: str) -> str:
        return CSRF.search(page).group(1)

    @task
    def take_the_quiz(self) -> None:
        start_page = self.request("GET", "/", "start page", 200)
        self.think(HUMAN_START_SECONDS)
        location = self.request("POST", "/start", "start", 303, f"csrf_token={self.csrf(start_page)}")
        token = re.search(r"/a/([\w-]+)/section/1$", location).group(1)
        for section in self.all_sections:
            path = f"/a/{token}/section/{section.number}"
            page = self.request("GET", path, "section page", 200)
            self.think(60 * expected_minutes(section.questions))
            answers = section_body(section, self.rng, self.csrf(page))
            self.request("POST", path, "section answers", 303, answers)
        review = self.request("GET", f"/a/{token}/review", "review page", 200)
        self.think(HUMAN_REVIEW_SECONDS)
        # With too few scored answers in an area (answers such as "not yet" are kept but not
        # scored), the review page offers "Finish anyway" instead, and a person presses it.
        button = "finish_anyway" if 'name="finish_anyway"' in review else "submit"
        finish = f"csrf_token={self.csrf(review)}&{button}=1"
        self.request("POST", f"/a/{token}/finish", "finish", 303, finish)
        self.request("GET", f"/report/{token}", "report", 200)
        self.think(HUMAN_REPORT_SECONDS)


def human_quiz_minutes(all_sections) -> float:
    sections_seconds = sum(60 * expected_minutes(s.questions) for s in all_sections)
    return (HUMAN_START_SECONDS + sections_seconds + HUMAN_REVIEW_SECONDS + HUMAN_REPORT_SECONDS) / 60


# --- CPU, from /proc ---------------------------------------------------------------------------------

def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            pids += map(int, Path(f"/proc/{pids[i]}/task/{pids[i]}/children").read_text().split())
        except FileNotFoundError:
            pass
        i += 1
    return pids


def tree_cpu_seconds(pid: int | None) -> float:
    """User + system time of `pid` and its descendants as they are now (exited ones left out)."""
    total = 0
    for each in process_tree(pid) if pid else []:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = list(map(int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]))
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server of pg-test-cluster.sh: the process started with our socket folder."""
    socket_dir = parse_qs(urlparse(database_url).query).get("host", [""])[0]
    if not socket_dir:
        return None
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        ours = f"unix_socket_directories={socket_dir}".encode()
        if argv and argv[0].endswith(b"postgres") and ours in argv:
            return int(cmdline.parent.name)
    return None


@dataclass
class CpuSample:
    at: float
    server: float
    database: float
    generator: float
    machine_busy: float
    machine_total: float

    @classmethod
    def take(cls, server_pid: int, database_pid: int | None) -> CpuSample:
        return cls(time.monotonic(), tree_cpu_seconds(server_pid), tree_cpu_seconds(database_pid),
                   own_cpu_seconds(), *machine_busy_seconds())


# --- the steps --------------------------------------------------------------------------------------

@dataclass
class Step:
    takers: int
    seconds: float
    requests: int
    failures: int  # failed requests, and errors in the takers' own steps
    p50_ms: float
    p99_ms: float
    quizzes_finished: int
    errors: list[str]
    pages: list[tuple[str, int, float, float]]  # name, requests, p50, p99
    server_cpu: float  # each in cores used over the step
    database_cpu: float
    generator_cpu: float
    machine_cpu: float
    load_average: float

    @property
    def others_cpu(self) -> float:
        """What the rest of the machine used: other people's jobs on a shared machine."""
        return max(0.0, self.machine_cpu - self.server_cpu - self.database_cpu - self.generator_cpu)

    @property
    def held(self) -> bool:
        return self.p99_ms < P99_LIMIT_MS and self.failures == 0 and self.requests > 0


def warm_up(env: Environment, workers: int, compression: float, seconds: float = 60) -> None:
    """Takers at a hundred times the pace until every page has been served about four times per
    worker (or `seconds` have passed), so that no step pays for a worker's first pages (its
    templates compiled, the bank read); then they leave, and the first step starts from none."""
    Taker.compression = 100 * compression
    env.runner.start(2 * workers, spawn_rate=2 * workers)
    deadline = time.monotonic() + seconds
    while env.stats.get("report", "GET").num_requests < 4 * workers and time.monotonic() < deadline:
        gevent.sleep(0.5)
    env.runner.stop()
    Taker.compression = compression


def exceptions_raised(env: Environment) -> int:
    """Errors in a taker's own steps (a page without its CSRF token, say): Locust logs them
    apart from the requests, and they count as failures here."""
    return sum(exception["count"] for exception in env.runner.exceptions.values())


def measure(env: Environment, takers: int, ramp_seconds: float, step_seconds: float,
            server_pid: int, database_pid: int | None) -> Step:
    arriving = max(1, takers - env.runner.user_count)
    env.runner.start(takers, spawn_rate=arriving / (ramp_seconds / 2))
    gevent.sleep(ramp_seconds)
    env.stats.reset_all()
    exceptions_before = exceptions_raised(env)
    before = CpuSample.take(server_pid, database_pid)
    gevent.sleep(step_seconds)
    after = CpuSample.take(server_pid, database_pid)
    exceptions = exceptions_raised(env) - exceptions_before
    stats, elapsed = env.stats, after.at - before.at
    total = stats.total
    pages = [(entry.name, entry.num_requests, entry.median_response_time,
              entry.get_response_time_percentile(0.99))
             for entry in sorted(stats.entries.values(), key=lambda e: e.name) if entry.num_requests]
    machine_share = (after.machine_busy - before.machine_busy) / (after.machine_total - before.machine_total)
    return Step(takers, elapsed, total.num_requests, total.num_failures + exceptions,
                total.median_response_time, total.get_response_time_percentile(0.99),
                stats.get("finish", "POST").num_requests - stats.get("finish", "POST").num_failures,
                [f"{e.occurrences} x {e.error}" for e in stats.errors.values()][:5]
                + [f"{e['count']} x {e['msg']}" for e in env.runner.exceptions.values()][:5],
                pages, (after.server - before.server) / elapsed, (after.database - before.database) / elapsed,
                (after.generator - before.generator) / elapsed, machine_share * os.cpu_count(),
                os.getloadavg()[0])


def print_header() -> None:
    print(f"{'takers':>7}{'= human':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}"
          f"{'quizzes/min':>12}   CPU in cores: {'server':>6}{'pg':>6}{'locust':>7}{'machine':>8}"
          f"{'others':>7}{'load':>6}")


def print_step(step: Step, compression: float) -> None:
    print(f"{step.takers:>7}{step.takers * compression:>9.0f}{step.requests / step.seconds:>8.1f}"
          f"{step.p50_ms:>8.0f}{step.p99_ms:>8.0f}{step.failures:>8}"
          f"{step.quizzes_finished / step.seconds * 60:>12.1f}   {'':>14}{step.server_cpu:>6.2f}"
          f"{step.database_cpu:>6.2f}{step.generator_cpu:>7.2f}{step.machine_cpu:>8.2f}"
          f"{step.others_cpu:>7.2f}"
          f"{step.load_average:>6.1f}{'' if step.held else '   <- over the limit'}", flush=True)


def print_pages(step: Step, title: str) -> None:
    print(f"\n{title} ({step.takers} takers), per page:")
    for name, count, p50, p99 in step.pages:
        print(f"  {name:<16}{count:>7} requests   p50 {p50:>5.0f} ms   p99 {p99:>5.0f} ms")
    for error in step.errors:
        print(f"  error: {error}")


# --- main ---------------------------------------------------------------------------------------------

def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=lambda text: tuple(int(n) for n in text.split(",")), default=STEPS,
                        help=f"simultaneous takers at each step (default {','.join(map(str, STEPS))})")
    parser.add_argument("--step-seconds", type=float, default=60,
                        help="measured seconds per step (default 60)")
    parser.add_argument("--ramp-seconds", type=float, default=20,
                        help="seconds before each step is measured; the new takers arrive in the first half "
                             "(default 20)")
    parser.add_argument("--compression", type=float, default=60,
                        help="K: every think time is a person's divided by K (default 60)")
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1,
                        help="gunicorn sync workers (default 2 x cores + 1, as docs/production.md says)")
    parser.add_argument("--quick", action="store_true",
                        help=f"steps {','.join(map(str, QUICK_STEPS))} of 15 s after a 6 s ramp, to try it")
    args = parser.parse_args()
    if args.quick:
        args.steps, args.step_seconds, args.ramp_seconds = QUICK_STEPS, 15, 6
    return args


def under_a_throwaway_cluster(args: argparse.Namespace) -> None:
    """Run this script again under scripts/pg-test-cluster.sh, which exports TEST_DATABASE_URL,
    with a time limit of every step plus ten minutes."""
    budget = len(args.steps) * (args.step_seconds + args.ramp_seconds + 10) + 600
    os.environ["PG_TEST_TIMEOUT"] = str(int(budget))
    script = ROOT / "scripts" / "pg-test-cluster.sh"
    os.execvp("bash", ["bash", str(script), sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]])


def main() -> None:
    args = parse_arguments()
    database_url = os.environ.get("TEST_DATABASE_URL")
    if not database_url:
        under_a_throwaway_cluster(args)
    # Every taker starts from 127.0.0.1, far faster than one school's address would: no start throttle.
    os.environ["START_ATTEMPTS_ALLOWED"] = "1000000"
    all_sections = sections(load_bank(ROOT / "questions").offered())
    workdir = Path(tempfile.mkdtemp(prefix="quiz-capacity-"))
    server = LiveServer(workdir, workers=args.workers, database_url=database_url,
                        gunicorn_args=("--access-logfile", "-"))
    env = None
    # SIGTERM (pg-test-cluster.sh's time limit, or its own cleanup) ends the run through `finally`.
    this_greenlet = gevent.getcurrent()
    stop = gevent.signal_handler(signal.SIGTERM, lambda: this_greenlet.throw(SystemExit(143)))
    try:
        server.flask("db", "upgrade")
        server.flask("bank", "load")
        server.start()
        Taker.all_sections = all_sections
        env = Environment(user_classes=[Taker], host=server.url)
        env.create_local_runner()
        print_settings(args, server, all_sections, database_url)
        warm_up(env, args.workers, args.compression)
        print_header()
        database_pid = postmaster_pid(database_url)
        if database_pid is None:
            print("(PostgreSQL's processes were not found: its CPU shows as 0 and counts as others.)")
        steps: list[Step] = []
        for takers in args.steps:
            steps.append(measure(env, takers, args.ramp_seconds, args.step_seconds, server.process.pid,
                                 database_pid))
            print_step(steps[-1], args.compression)
            if not steps[-1].held:
                break
        print_capacity(steps, args)
    finally:
        stop.cancel()
        if env is not None and env.runner is not None:
            env.runner.quit()
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def print_settings(args, server: LiveServer, all_sections, database_url: str) -> None:
    engine = sqlalchemy.create_engine(database_url)
    with engine.connect() as connection:
        postgres = connection.execute(sqlalchemy.text("show server_version")).scalar()
    engine.dispose()
    questions = sum(len(s.questions) for s in all_sections)
    human = human_quiz_minutes(all_sections)
    print(f"Capacity: simultaneous takers at p99 < {P99_LIMIT_MS} ms with no error, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start.")
    print(f"Server: gunicorn -w {args.workers} (sync) --access-logfile on 127.0.0.1:{server.port}, "
          f"PostgreSQL {postgres} on a Unix socket (throwaway cluster: fsync off); Locust in this process.")
    print(f"Taker: start page, Start, {len(all_sections)} sections ({questions} questions; a page and a post "
          "each), review, finish, report; then a new taker.")
    section_seconds = ", ".join(f"{60 * expected_minutes(s.questions):.0f}" for s in all_sections)
    print(f"Pace: a person takes about {human:.0f} minutes (start page {HUMAN_START_SECONDS} s, each section "
          f"by the bank's reading-time estimate, {section_seconds} s, review {HUMAN_REVIEW_SECONDS} s, "
          f"report {HUMAN_REPORT_SECONDS} s), each think time spread +-50 %.")
    print(f"Compression K = {args.compression:g}: every think time divided by {args.compression:g}, so one "
          f"simulated taker sends what {args.compression:g} people at a human pace send; "
          f"'= human' is takers x K.")
    print(f"Each step: new takers arrive over {args.ramp_seconds / 2:g} s, measured for "
          f"{args.step_seconds:g} s after {args.ramp_seconds:g} s, after a warm-up; CPU in cores used "
          f"(machine: all processes, of {os.cpu_count()}; others: the machine's rest).\n", flush=True)


def print_capacity(steps: list[Step], args) -> None:
    held = [step for step in steps if step.held]
    if held:
        print_pages(held[-1], "The largest step that held")
    if not steps[-1].held:
        print_pages(steps[-1], "The first step over the limit")
    print()
    if not held:
        print(f"Capacity: below {steps[0].takers} simultaneous takers (the first step did not hold).")
    else:
        best = held[-1]
        print(f"Capacity: {best.takers} simultaneous takers at K = {args.compression:g}, the request rate of "
              f"{best.takers * args.compression:.0f} people taking the quiz at a human pace, on "
              f"{os.cpu_count()} cores with gunicorn -w {args.workers} and PostgreSQL on the same machine"
              f"{'' if not steps[-1].held else ' (every step held: try larger --steps)'}.")
    print_ceiling(steps[-1], args)
    busiest = max(steps, key=lambda s: s.generator_cpu)
    print(f"The load generator used up to {busiest.generator_cpu:.2f} of a core (Locust runs on one);"
          f"{' it was near its limit, so the figures may be low.' if busiest.generator_cpu > 0.8 else ''}"
          f" Load average at the end: {os.getloadavg()[0]:.1f}.")


def print_ceiling(step: Step, args) -> None:
    """What the server and PostgreSQL cost per taker, and how many takers would fill every core
    with that alone: an upper bound, which a busy neighbour sways less than it sways p99."""
    cores_used = step.server_cpu + step.database_cpu
    if step.requests == 0 or cores_used <= 0:
        return
    cores = os.cpu_count()
    ceiling = cores / (cores_used / step.takers)
    print(f"CPU: the server and PostgreSQL used {1000 * cores_used * step.seconds / step.requests:.1f} ms "
          f"per request at {step.takers} takers; with nothing else running, {cores} cores would be full "
          f"at about {ceiling:.0f} takers ({ceiling * args.compression:.0f} at a human pace): a ceiling, "
          f"not the capacity, since p99 grows long before the cores are full.")


if __name__ == "__main__":
    main()
