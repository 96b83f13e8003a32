"""Where a page's time goes: each hot route served in process, straight through the WSGI app
(no test client, no server), timed by CPU against a bare Flask route, and profiled with cProfile.

    .venv/bin/python benchmarks/profile_pages.py                # CPU per request, then profiles
    .venv/bin/python benchmarks/profile_pages.py --requests 2000 --top 30 --route report

benchmarks/load.py gives the figures the targets are judged on (gunicorn, wrk); this script is
the tool for finding what to change: the in-process CPU has no server around it, so every
difference it shows is the application's own.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load import section_body  # noqa: E402
from pages import Page, cpu_per_request  # noqa: E402

from devserver.live_server import FORM, LiveServer  # noqa: E402

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def prepared(directory: Path):
    """The quiz app over a fresh database with the real bank, and its hot pages."""
    server = LiveServer(directory).prepare()  # flask db upgrade, flask bank load: the CLI's own
    os.environ.update(SECRET_KEY=server.secret_key, DATABASE_URL=f"sqlite:///{server.db_path}",
                      SESSION_COOKIE_SECURE="0", START_ATTEMPTS_ALLOWED="1000000")
    import bare_app
    import bench_app

    from quiz.domain.bank import load_bank
    from quiz.web.taking.section_form import sections

    app, client = bench_app.app, bench_app.app.test_client()
    csrf = CSRF.search(client.get("/").text).group(1)

    def start() -> str:
        response = client.post("/start", data={"csrf_token": csrf})
        return response.headers["Location"].split("/")[2]

    rng = random.Random(1)
    all_sections = sections(load_bank(ROOT / "questions").offered())

    def answers(section) -> str:
        return section_body(section, rng, csrf)

    finished = start()
    for section in all_sections:
        client.post(f"/a/{finished}/section/{section.number}", data=answers(section), content_type=FORM)
    client.post(f"/a/{finished}/finish", data={"csrf_token": csrf})
    open_attempt = start()
    cookie = f"session={client.get_cookie('session').value}"  # the CSRF token and the attempt
    # Two answer sets posted in turn: every submit changes what is stored, as a taker's does.
    submits = [Page(app, f"/a/{open_attempt}/section/1", "POST", answers(all_sections[0]), cookie, 303)
               for _ in range(2)]
    return {
        "bare hello": [Page(bare_app.app, "/hello")],
        "in-app hello": [Page(app, "/bench/hello", cookie=cookie)],
        "section": [Page(app, f"/a/{open_attempt}/section/1", cookie=cookie)],
        "submit": submits,
        "report": [Page(app, f"/report/{finished}", cookie=cookie)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per measurement (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians (default 5)")
    parser.add_argument("--top", type=int, default=25, help="functions per profile (default 25)")
    parser.add_argument("--route", action="append", help="profile only these routes")
    parser.add_argument("--no-profile", action="store_true", help="only the CPU figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quiz-profile-") as directory:
        measure_and_profile(prepared(Path(directory) / "quiz"), args)


def measure_and_profile(routes: dict[str, list[Page]], args) -> None:
    for pages in routes.values():  # warm every cache
        cpu_per_request(pages, 50)
    figures: dict[str, list[float]] = {name: [] for name in routes}
    for _ in range(args.rounds):
        for name, pages in routes.items():
            figures[name].append(cpu_per_request(pages, args.requests))
    bare = sorted(figures["bare hello"])[args.rounds // 2]
    print(f"CPU per request in process, median of {args.rounds} rounds of {args.requests}:")
    for name, runs in figures.items():
        median = sorted(runs)[args.rounds // 2]
        print(f"  {name:<14}{median:7.3f} ms  {median / bare:5.1f}x bare")
    if args.no_profile:
        return
    for name in args.route or [n for n in routes if n != "bare hello"]:
        profile = cProfile.Profile()
        profile.runcall(cpu_per_request, routes[name], args.requests)
        print(f"\n=== {name}: cumulative ===")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue().split("\n", 6)[-1])
        out = io.StringIO()
        print(f"=== {name}: own time ===")
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue().split("\n", 6)[-1])


if __name__ == "__main__":
    main()
