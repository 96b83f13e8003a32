"""The taker's report in plain words, over reports of simulated takers (simulation/): no
statistical term outside the "How sure is this?" disclosures, and a reading age of about 12
(Flesch-Kincaid grade at most READING_GRADE, measured with textstat, which counts syllables
with pyphen and needs no network)."""

from __future__ import annotations

import random

import pytest
import textstat

from quiz.domain.report_text import jargon
from simulation.generator import Generator, draw_person, real_bank
from tests.takers import Taker
from tests.web.report.visible_text import visible_text

READING_GRADE = 7  # US school grade: a reading age of about 12 to 13; docs/measurement.md quotes it
SEEDS = (1, 2, 3, 4)  # four simulated takers: different levels, skips and next steps


@pytest.fixture(params=SEEDS)
def simulated_report(app, request) -> str:
    rng = random.Random(request.param)
    generator = Generator(real_bank(), seed=11)
    person = draw_person([a.key for a in generator.bank.areas], rng)
    taker = Taker(app.test_client(), app)
    taker.start()
    taker.answer_all(lambda q: [] if rng.random() < 0.05 else list(q.kind.form_values(
        q, generator.answer(generator.bank.question(q.id), person.trait(q), rng))))
    taker.finish()
    return taker.client.get(f"/report/{taker.token}").get_data(as_text=True)


def report_text(page: str) -> str:
    return visible_text(page.split('<article class="report">', 1)[1].split("</article>", 1)[0])


def test_no_statistical_terms_outside_the_disclosures(simulated_report):
    assert jargon(report_text(simulated_report)) == []
    assert "How sure is this?" in simulated_report  # the figures are one tap away
    assert jargon(simulated_report)  # ... and really there


def test_reading_age_about_12(simulated_report):
    assert textstat.flesch_kincaid_grade(report_text(simulated_report)) <= READING_GRADE


def test_visible_text_leaves_out_the_disclosures_only():
    page = ('<p>Plain <b>words</b></p><details class="how-sure"><summary>How sure</summary><p>95 % range</p>'
            '</details><details><summary>More</summary><p>answers<br>here</p></details><script>x()</script>')
    assert visible_text(page) == "Plain words More answers here"
