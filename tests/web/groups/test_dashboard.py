"""The group dashboard as an instructor sees it, the CSV of the group's finished attempts,
and the bounded number of queries behind the dashboard."""

from __future__ import annotations

import html as html_module
import re

import pytest
from sqlalchemy import event

from quiz.domain.results.groups import MIN_GROUP_FOR_FLAGS
from quiz.domain.scoring import score
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.csv_files import rows_by_id
from tests.factories import best_option, worst_option
from tests.instructors import finished_attempt
from tests.platform.test_security import formula_cells

MIN = 5  # the default GROUP_MIN_FINISHED


@pytest.fixture
def two_steps(real_bank):
    """Two questions in different areas whose low answers trigger different next steps."""
    first = next(q for q in real_bank.questions if q.next_step and q.area == "technical")
    second = next(q for q in real_bank.questions if q.next_step and q.area == "business"
                  and q.next_step != first.next_step)
    return first, second


def finish_takers(new_taker, group, plans, names=None):
    """One taker per plan joins by link, answers and finishes; returns their attempt tokens."""
    tokens = []
    for i, plan in enumerate(plans):
        taker = new_taker()
        tokens.append(taker.join(group["token"], display_name=(names or {}).get(i, "")))
        taker.answer_all(plan)
        assert taker.finish().status_code == 303
    return tokens


def zero_option(question) -> list[str]:
    """Form values that score 0: the worst answer, or none at all for a question whose every
    answer earns some points (the bank has single-choice scenarios where each option is a
    plausible move), so that a taker answering this way scores 0 in every area."""
    values = worst_option(question)
    return values if question.fraction(question.kind.parse(question, values)) == 0 else []


def plan_low_on(*questions):
    low = {q.id for q in questions}
    return lambda q: worst_option(q) if q.id in low else best_option(q)


def dashboard(client, group) -> str:
    response = client.get(f"/instructor/groups/{group['id']}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, entities read, white space collapsed."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_small_group_shows_counts_and_names_but_no_distribution(app, signed_in, group, new_taker):
    finish_takers(new_taker, group, [best_option] * (MIN - 1), names={0: "Sam", 2: "Ada"})
    new_taker().join(group["token"], display_name="Bo")  # still in progress
    page = dashboard(signed_in, group)
    text = text_of(page)
    assert "Started Finished In progress 5 4 1" in text
    assert "Finished: Ada, Sam (and 2 anonymous)." in text
    assert "In progress: Bo." in text
    assert "appear once at least 5 takers have finished (4 so far; a retake does not count twice)" in text
    assert 'class="dot"' not in page and "What to teach next" not in page
    assert "attempts.csv" not in page
    assert signed_in.get(f"/instructor/groups/{group['id']}/attempts.csv").status_code == 409


def test_the_dashboard_shows_each_taker_the_top_step_and_the_flagged_question(
        app, signed_in, group, new_taker, two_steps, real_bank):
    first, second = two_steps
    # Ten first attempts outside the group answer everything well; in the group, all ten answer
    # `first` low, one of them also `second`.
    with app.app_context():
        offered = bank_store.current_bank().questions
    for _ in range(MIN_GROUP_FOR_FLAGS):
        finished_attempt(app, {q.id: list(q.kind.best_answer(q)) for q in offered})
    plans = [plan_low_on(first, second)] + [plan_low_on(first)] * (MIN_GROUP_FOR_FLAGS - 1)
    finish_takers(new_taker, group, plans)
    page = dashboard(signed_in, group)
    assert page.count('class="dot"') == MIN_GROUP_FOR_FLAGS * len(real_bank.areas)
    teaching = page.split('id="teach-heading"')[1].split("</section>")[0]
    top_step = real_bank.next_step(first.next_step)
    assert teaching.index(top_step.title) < teaching.index(real_bank.next_step(second.next_step).title)
    assert (f"Would move 10 of 10 takers (100 %): their {real_bank.area(first.area).title} score "
            "would rise by") in text_of(teaching)
    assert f"{first.prompt} - 10 of 10 (100 %)" in text_of(teaching)
    # `first`: 10 of 10 low against none of the 10 outside: Fisher's p = 1 / C(20, 10), far below
    # Benjamini-Hochberg's first step. `second` (1 of 10 low, p = 1/2) and the questions all
    # answered well are not flagged.
    row = page.split(f'<code class="qid">{first.id}</code>')[0].rsplit("<tr", 1)[1]
    assert 'class="flagged"' in row
    assert page.count('<tr class="flagged">') == 1
    assert "once at least 10 of the group have answered it" in text_of(page)


def test_the_area_table_gives_mean_interval_and_bands(app, signed_in, group, new_taker, real_bank):
    finish_takers(new_taker, group, [best_option] * MIN)
    page = dashboard(signed_in, group)
    row = page.split("<th scope=\"row\">Technical skills</th>")[1].split("</tr>")[0]
    # Five perfect scores: mean 100, no spread, all five in the strong band.
    assert '<td class="num">5</td>' in row and "not enough data yet" in row  # no spread: no interval
    assert row.count('<td class="num">0</td>') == 3 and row.count('<td class="num">5</td>') == 2


def test_retakes_in_the_group_are_judged_against_measurement_error(app, signed_in, group, new_taker):
    tokens = finish_takers(new_taker, group, [zero_option] * MIN)
    again = new_taker()
    again.start(previous=tokens[0])
    again.answer_all(best_option)
    again.finish()
    page = dashboard(signed_in, group)
    retakes = page.split('id="retakes-heading"')[1].split("</section>")[0]
    assert ("Judged by a test of each change against the two scores' measurement error (95 %)"
            in text_of(retakes))
    # One retake, from answers scoring 0 to the best: improved reliably in every area, by 100.
    cells = re.sub(r">\s+<", "><", retakes)
    assert cells.count('<td class="num">1</td><td class="num">1</td><td class="num">0</td>'
                       '<td class="num">0</td><td class="num">+100.0</td>') == 6


def test_the_dashboard_reads_a_bounded_number_of_queries(app, signed_in, group, new_taker):
    def queries_for_dashboard() -> int:
        count = 0

        def counter(*_):
            nonlocal count
            count += 1

        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", counter)
            try:
                dashboard(signed_in, group)
            finally:
                event.remove(db.engine, "before_cursor_execute", counter)
        return count

    finish_takers(new_taker, group, [best_option] * MIN)
    with_five = queries_for_dashboard()
    finish_takers(new_taker, group, [worst_option] * 4)
    new_taker().join(group["token"])
    assert queries_for_dashboard() == with_five <= 15


def test_the_csv_has_one_safe_row_per_finished_attempt(app, signed_in, group, new_taker, taker, real_bank,
                                                      offered_bank):
    taker.start()  # the open quiz: not in the group's CSV
    taker.answer_all(best_option)
    taker.finish()
    names = {0: "=HYPERLINK(\"http://x\")", 1: "+Sam", 2: "Ada", 3: "@Bo"}
    finish_takers(new_taker, group, [best_option, worst_option, best_option, best_option, worst_option],
                  names=names)
    new_taker().join(group["token"], display_name="Unfinished")
    response = signed_in.get(f"/instructor/groups/{group['id']}/attempts.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = rows_by_id(response.get_data(as_text=True))
    assert [r["display_name"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+Sam", "Ada", "'@Bo", ""]
    worst = score(offered_bank, {q.id: q.kind.parse(q, worst_option(q)) for q in offered_bank.questions})
    assert rows[1]["overall"] == f"{worst.overall:.1f}"
    assert rows[0]["score_technical"] == "100.0"
    question = real_bank.questions[0]
    chosen = question.kind.parse(question, worst_option(question))
    assert rows[1][question.id] == ";".join(chosen)
    assert rows[1][f"{question.id} (text)"] == "; ".join(question.option(i).text for i in chosen)
    assert rows[1][f"{question.id} (text)"]  # the options have texts to show
    body = response.get_data(as_text=True)
    with app.app_context():
        from quiz.platform import models

        for attempt in db.session.scalars(db.select(models.Attempt)):
            assert attempt.token not in body and attempt.resume_code not in body


def test_a_display_name_hiding_a_formula_after_a_separator_is_defused(app, signed_in, group, new_taker):
    """Split on ';' (as many spreadsheets do in Europe), "x;=1+1;y" would be three cells, the
    second a formula: every split of the CSV shows no cell that starts like one (issue 20)."""
    app.config["GROUP_MIN_FINISHED"] = 1
    finish_takers(new_taker, group, [best_option], names={0: "x;=1+1;y"})
    body = signed_in.get(f"/instructor/groups/{group['id']}/attempts.csv").get_data(as_text=True)
    for delimiter in (",", ";"):
        assert formula_cells(body, delimiter) == [], delimiter
    assert rows_by_id(body)[0]["display_name"] == "x;'=1+1;y"


def test_a_taker_who_retook_the_quiz_is_one_dot_and_counts_once(app, signed_in, group, new_taker, real_bank):
    tokens = finish_takers(new_taker, group, [zero_option] * (MIN - 1))
    again = new_taker()
    again.start(previous=tokens[0])
    again.answer_all(best_option)
    again.finish()
    page = dashboard(signed_in, group)  # five finished attempts, but four takers
    assert "(4 so far; a retake does not count twice)" in text_of(page)
    assert 'class="dot"' not in page
    assert signed_in.get(f"/instructor/groups/{group['id']}/attempts.csv").status_code == 409
    finish_takers(new_taker, group, [zero_option])
    page = dashboard(signed_in, group)
    assert page.count('class="dot"') == MIN * len(real_bank.areas)
    technical = page.split('<th scope="row">Technical skills</th>')[1].split("</tr>")[0]
    assert "0, 0, 0, 0, 100" in technical  # the retaker's latest attempt, not their first
    takers = re.findall(r'<tr><th scope="row">([^<]+)</th>\s*<td class="nowrap">[\d-]+ [\d:]+</td>\s*'
                        r'<td class="num">(\d+|–)</td>', page.split('id="takers-heading"')[1])
    assert len(takers) == MIN  # one row per taker, the retaker once
    assert sorted(overall for _, overall in takers) == ["0", "0", "0", "0", "100"]


def test_the_taker_table_names_each_taker_or_their_attempt_once_the_group_is_big_enough(
        app, signed_in, group, new_taker, real_bank):
    tokens = finish_takers(new_taker, group, [best_option] * (MIN - 1), names={0: "Sam"})
    assert 'id="takers-heading"' not in dashboard(signed_in, group)  # too few to show anyone
    finish_takers(new_taker, group, [zero_option])
    table = dashboard(signed_in, group).split('id="takers-heading"')[1].split("</table>")[0]
    with app.app_context():
        from quiz.platform import models

        ids = {a.token: a.id for a in db.session.scalars(db.select(models.Attempt))}
    names = re.findall(r'<tr><th scope="row">([^<]+)</th>', table)
    assert names[0] == "Sam" and names[1:4] == [f"Attempt {ids[t]}" for t in tokens[1:]]
    headers = re.findall(r'<th scope="col" class="num">([^<]+)</th>', table)
    assert headers == ["Overall"] + [a.title for a in real_bank.areas]
    last = table.split('<th scope="row">')[-1]
    assert last.count('<td class="num">0</td>') == 1 + len(real_bank.areas)  # answers scoring 0: 0 everywhere
