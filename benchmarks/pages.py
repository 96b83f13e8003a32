"""What a quiz page costs against its realistic floor, and how the cost grows with the bank.

    .venv/bin/python benchmarks/pages.py                 # or: make bench
    .venv/bin/python benchmarks/pages.py --sizes 1 10 --requests 300 --rounds 3

For each bank size (the real bank, and every area's questions repeated 10 and 100 times under
new ids, so section 1 holds 10 and 100 times the questions), in one process, straight through
the WSGI app (no server, no client, so every difference is the application's own):

- CPU per request of the section page (GET), its submit (POST, every answer changed, as a
  taker's page does) and the report (GET), interleaved round by round, medians;
- the floor: the same pages written plainly - a Flask view that reads the attempt through the
  ORM and renders a plain Jinja loop of fieldsets with the same questions, options, answers,
  CSRF token and layout (`PLAIN_SECTION`), and a report that scores the attempt and loops over
  its areas and next steps (`PLAIN_REPORT`). Target: each page costs no more than its floor;
- the growth: CPU per question on the page, and the cost each added question brings from 1x
  to 10x and from 10x to 100x. Target: flat (the second within 25 % of the first), so a page's
  cost is linear in the questions it shows. The plain section's growth is printed beside it:
  what the same page written plainly does on this machine, whose 1 MiB of level-2 cache per
  core holds a page of 140 questions and not one of 1,400.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load import repeated_bank, section_body  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from devserver.live_server import CSRF, FORM, LiveServer  # noqa: E402

FLOOR_TARGET = 1.0  # a page may cost at most its plain floor
GROWTH_TARGET = 1.25  # the cost of a question added at 10x-100x, over that at 1x-10x

PLAIN_SECTION = """{% extends "base.html" %}
{% block title %}{{ area.title }}{% endblock %}
{% block content %}
<h1>{{ area.title }}</h1>
<form method="post" novalidate>
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  {% for question in questions %}
  <fieldset class="question">
    <legend>{{ loop.index }}. {{ question.prompt }}</legend>
    {% set chosen = answers.get(question.id, ()) %}
    {% for option in question.options %}
    <div class="choice">
      <input type="{{ 'checkbox' if question.kind.multiple else 'radio' }}" id="q-{{ question.id }}-{{ option.id }}"
             name="q-{{ question.id }}" value="{{ option.id }}"{% if option.id in chosen %} checked{% endif %}>
      <label for="q-{{ question.id }}-{{ option.id }}">{{ option.text }}</label>
    </div>
    {% endfor %}
  </fieldset>
  {% endfor %}
  <button type="submit" name="next" value="1">Save and continue</button>
</form>
{% endblock %}"""

PLAIN_REPORT = """{% extends "base.html" %}
{% block title %}Your report{% endblock %}
{% block content %}
<h1>Your readiness report</h1>
<p>Overall: {{ report.overall }}</p>
{% for area in report.areas %}
<section>
  <h2>{{ area.area.title }}: {{ area.score }}</h2>
  <ul>{% for result in area.results %}<li>{{ result.question.prompt }}: {{ result.fraction }}</li>{% endfor %}</ul>
</section>
{% endfor %}
<ol>{% for advice in report.next_steps %}<li>{{ advice.step.title }}: {{ advice.step.detail }}</li>{% endfor %}</ol>
{% endblock %}"""


def add_plain_pages(app) -> None:
    """The floor: each page as a plain Flask view and Jinja loop, on the same app."""
    from flask import render_template
    from sqlalchemy import select

    from quiz.domain.scoring import score
    from quiz.platform import models
    from quiz.platform.extensions import db
    from quiz.platform.stores import bank as bank_store

    # Compiled once, as a template file would be (render_template_string compiles every time).
    plain_section_template = app.jinja_env.from_string(PLAIN_SECTION)
    plain_report_template = app.jinja_env.from_string(PLAIN_REPORT)

    def attempt_and_bank(token):
        attempt = db.session.scalar(select(models.Attempt).where(models.Attempt.token == token))
        return attempt, bank_store.attempt_bank(attempt)

    @app.get("/plain/<token>/section/<int:number>")
    def plain_section(token, number):
        attempt, bank = attempt_and_bank(token)
        area = bank.areas[number - 1]
        return render_template(plain_section_template, area=area, questions=bank.questions_in(area.key),
                                      answers=attempt.selections())

    @app.get("/plain/<token>/report")
    def plain_report(token):
        attempt, bank = attempt_and_bank(token)
        return render_template(plain_report_template, report=score(bank, attempt.selections()))


class Page:
    """One request, built once, sent many times straight to the WSGI app."""

    def __init__(self, app, path: str, method: str = "GET", body: str | None = None,
                 cookie: str = "", expect: int = 200):
        headers = {"Cookie": cookie} if cookie else {}
        builder = EnvironBuilder(path=path, method=method, headers=headers, data=body,
                                 content_type=FORM if body is not None else None,
                                 base_url="http://localhost")
        self.app, self.expect = app, expect
        self.environ = builder.get_environ()
        self.body = self.environ["wsgi.input"].read()

    def send(self) -> int:
        """The body's length in bytes. Its chunks are taken one by one, as a server writes
        them to its socket, and not joined: a page streamed in chunks is never one buffer."""
        environ = dict(self.environ, **{"wsgi.input": io.BytesIO(self.body)})
        status = []
        chunks = self.app(environ, lambda s, h, e=None: status.append(s))
        length, first = 0, b""
        try:
            for chunk in chunks:
                length, first = length + len(chunk), first or chunk
        finally:
            getattr(chunks, "close", lambda: None)()
        assert status[0].startswith(str(self.expect)), (status, first[:500])
        return length


def cpu_per_request(pages: list[Page], requests: int) -> float:
    """Milliseconds of this process's CPU per request, the pages sent in turn."""
    start = time.process_time()
    for i in range(requests):
        pages[i % len(pages)].send()
    return 1000 * (time.process_time() - start) / requests


@dataclass
class Size:
    factor: int
    questions: int  # on section 1
    pages: dict[str, list[Page]]


def prepared(workdir: Path, factor: int) -> Size:
    """An app over a fresh SQLite database holding the bank `factor` times, and its pages."""
    from quiz import create_app
    from quiz.domain.bank import load_bank
    from quiz.web.taking.section_form import sections

    bank_dir = repeated_bank(workdir / f"bank-{factor}", factor)
    server = LiveServer(workdir / f"db-{factor}")
    server.directory.mkdir(parents=True)
    os.environ["BANK_MAX_QUESTIONS"] = str(200 * factor)
    server.flask("db", "upgrade")
    server.flask("bank", "load", str(bank_dir))
    app = create_app({"SECRET_KEY": server.secret_key, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{server.db_path}",
                      "SESSION_COOKIE_SECURE": False, "START_ATTEMPTS_ALLOWED": 1_000_000,
                      "PUBLIC_URL": "http://localhost"})
    add_plain_pages(app)
    client = app.test_client()
    csrf = CSRF.search(client.get("/").text).group(1)

    def start() -> str:
        return client.post("/start", data={"csrf_token": csrf}).headers["Location"].split("/")[2]

    rng = random.Random(factor)
    all_sections = sections(load_bank(bank_dir, max_questions=200 * factor).offered())
    finished = start()
    for section in all_sections:
        client.post(f"/a/{finished}/section/{section.number}", data=section_body(section, rng, csrf),
                    content_type=FORM)
    client.post(f"/a/{finished}/finish", data={"csrf_token": csrf})
    taking = start()
    first = all_sections[0]
    # Every answer of the page changes at each submit, as when a taker fills in a page.
    bodies = [section_body(first, random.Random(seed), csrf) for seed in (1, 2)]
    client.post(f"/a/{taking}/section/1", data=bodies[1], content_type=FORM)
    cookie = f"session={client.get_cookie('session').value}"
    return Size(factor, len(first.questions), {
        "section": [Page(app, f"/a/{taking}/section/1", cookie=cookie)],
        "plain section": [Page(app, f"/plain/{taking}/section/1", cookie=cookie)],
        "submit": [Page(app, f"/a/{taking}/section/1", "POST", body, cookie, 303) for body in bodies],
        "report": [Page(app, f"/report/{finished}", cookie=cookie)],
        "plain report": [Page(app, f"/plain/{finished}/report", cookie=cookie)],
    })


def measure(size: Size, requests: int, rounds: int) -> dict[str, float]:
    per_page = max(20, requests // size.factor)
    for pages in size.pages.values():  # warm every cache
        cpu_per_request(pages, 10)
    runs: dict[str, list[float]] = {name: [] for name in size.pages}
    for _ in range(rounds):
        for name, pages in size.pages.items():
            gc.collect()  # untimed: each page pays for the collections its own objects cause
            runs[name].append(cpu_per_request(pages, per_page))
    return {name: sorted(values)[len(values) // 2] for name, values in runs.items()}


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100], help="bank factors")
    parser.add_argument("--requests", type=int, default=600, help="requests per measurement at 1x")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    results = []
    with tempfile.TemporaryDirectory(prefix="quiz-pages-") as directory:
        for factor in args.sizes:
            size = prepared(Path(directory), factor)
            results.append((size, measure(size, args.requests, args.rounds)))
    print(f"CPU per request in process, median of {args.rounds} rounds (load average {load:.1f} "
          f"on {os.cpu_count()} cores before the run):")
    print(f"{'bank':>5} {'questions':>9} | {'section':>8} {'plain':>8} {'ratio':>6} | {'submit':>8} | "
          f"{'report':>8} {'plain':>8} {'ratio':>6}   floor target <= {FLOOR_TARGET:.2f}")
    for size, ms in results:
        section_ratio = ms["section"] / ms["plain section"]
        report_ratio = ms["report"] / ms["plain report"]
        print(f"{size.factor:>4}x {size.questions:>9} | {ms['section']:7.3f}ms {ms['plain section']:7.3f}ms "
              f"{section_ratio:6.2f} | {ms['submit']:7.3f}ms | {ms['report']:7.3f}ms "
              f"{ms['plain report']:7.3f}ms {report_ratio:6.2f}   "
              f"{verdict(section_ratio <= FLOOR_TARGET)} / {verdict(report_ratio <= FLOOR_TARGET)}")
    print("\nGrowth: microseconds per question on the page, and per question added")
    for page in ("section", "submit", "plain section"):
        line = [f"{1000 * ms[page] / size.questions:6.1f} us/q at {size.factor}x" for size, ms in results]
        print(f"  {page:<13}" + "; ".join(line))
        added = [1000 * (b[page] - a[page]) / (s2.questions - s1.questions)
                 for (s1, a), (s2, b) in zip(results, results[1:])]
        if len(added) >= 2:
            growth = added[-1] / added[0]
            judged = "" if page.startswith("plain") else f" (target <= {GROWTH_TARGET}) {verdict(growth <= GROWTH_TARGET)}"
            print(f"  {'':<13}each added question: " + ", ".join(f"{a:.1f} us" for a in added)
                  + f"; last over first {growth:.2f}{judged}")

if __name__ == "__main__":
    main()
