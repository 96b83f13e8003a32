"""Mistakes a person can make by hand bring the same page back with status 422, everything
they entered still selected, an error summary linking to each question and the message beside
it (the GOV.UK Design System pattern). The page's other answers are saved meanwhile
(tests/web/taking/test_every_button_saves.py)."""

from __future__ import annotations

import re

import pytest

from tests.factories import best_option


@pytest.fixture
def started(taker):
    taker.start()
    return taker


def section_with(taker, wanted):
    """The first section holding a question that `wanted` accepts, and that question."""
    return next((s, q) for s in taker.sections() for q in s.questions if wanted(q))


def none_of_these_with_another_item(question) -> list[str]:
    return [next(o.id for o in question.options if o.none), next(o.id for o in question.options if not o.none)]


def checked(page: str, question_id: str) -> set[str]:
    return set(re.findall(rf'name="q-{question_id}"\s+id="[^"]+" value="([^"]+)"[^>]*checked', page))


def selected(page: str, question_id: str) -> set[str]:
    """The option values of a question's position selects that are selected."""
    block = page[page.index(f'id="q-{question_id}"'):]
    block = block[:block.index("</fieldset>")]
    return set(re.findall(r'<option value="([^"]+)" selected>', block))


def test_none_of_these_with_another_item_comes_back_as_entered(started):
    taker = started
    section, checklist = section_with(taker, lambda q: any(o.none for o in q.options))
    rating = next(q for q in section.questions if q.type == "self_rating")
    taker.submit(section.number, {rating.id: ["2"]})  # saved earlier
    ticked = none_of_these_with_another_item(checklist)

    response = taker.submit(section.number, {rating.id: ["5"], checklist.id: ticked})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count('role="alert"') == 1
    summary = page[page.index('<div class="error-summary"'):page.index("</div>", page.index('<div class="error-summary"'))]
    none_text = next(o.text for o in checklist.options if o.none)
    message = f"Tick \u201c{none_text}\u201d or the items you have done, not both."
    assert f'<a href="#q-{checklist.id}">{message}</a>' in summary
    assert f'<fieldset class="question question-checklist" id="q-{checklist.id}" aria-describedby="q-{checklist.id}-error">' in page
    assert f'id="q-{checklist.id}-error"><span class="visually-hidden">Error:</span> {message}</p>' in page
    assert "<title>Error: " in page
    assert checked(page, checklist.id) == set(ticked)  # what they ticked, still ticked
    assert checked(page, rating.id) == {"5"}  # and the other answer on the page, as entered
    assert taker.stored() == {rating.id: ["5"]}  # the right answer on the page is saved

    fixed = taker.submit(section.number, {rating.id: ["5"], checklist.id: ticked[1:]})
    assert fixed.status_code == 303
    assert taker.stored() == {rating.id: ["5"], checklist.id: ticked[1:]}


def test_ranking_positions_used_twice_come_back_as_entered(started):
    taker = started
    section, ranked = section_with(taker, lambda q: q.type == "ranking")
    items = [o.id for o in ranked.options]
    entered = [f"{item}:1" for item in items[:2]] + [f"{item}:{n}" for n, item in enumerate(items[2:], start=3)]

    response = taker.submit(section.number, {ranked.id: entered})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    first, second = (o.text for o in ranked.options[:2])
    assert (f"Use each position once: \u201c{first}\u201d and \u201c{second}\u201d are both at 1, "
            "and nothing is at 2.") in page
    assert f'<a href="#q-{ranked.id}">' in page
    assert selected(page, ranked.id) == set(entered)
    assert ranked.id not in taker.stored()


def test_ranking_with_some_positions_left_blank_comes_back(started):
    taker = started
    section, ranked = section_with(taker, lambda q: q.type == "ranking")
    entered = [f"{o.id}:{n}" for n, o in enumerate(ranked.options, start=1)]
    entered[-1] = entered[-1].split(":")[0] + ":"
    response = taker.submit(section.number, {ranked.id: entered})
    assert response.status_code == 422
    assert f"Give every item a position from 1 to {len(entered)}" in response.get_data(as_text=True)


def test_every_mistake_on_the_page_is_listed_in_page_order(app, started):
    taker = started
    section, ranked = section_with(taker, lambda q: q.type == "ranking")
    checklist = next((q for q in section.questions if any(o.none for o in q.options)), None)
    assert checklist is not None, "the test needs a section with a checklist and a ranking"
    answers = {ranked.id: [f"{o.id}:1" for o in ranked.options],
               checklist.id: none_of_these_with_another_item(checklist)}
    page = taker.submit(section.number, answers).get_data(as_text=True)
    links = re.findall(r'<li><a href="#q-([^"]+)">', page)
    order = [q.id for q in section.questions]
    assert links == sorted([ranked.id, checklist.id], key=order.index)


def test_a_ranking_in_the_key_order_is_stored_in_that_order(started):
    taker = started
    section, ranked = section_with(taker, lambda q: q.type == "ranking")
    assert taker.submit(section.number, {ranked.id: best_option(ranked)}).status_code == 303
    with taker.app.app_context():
        assert taker.attempt().selections()[ranked.id] == tuple(o.id for o in ranked.options)
    page = taker.client.get(taker.section_url(section.number)).get_data(as_text=True)
    assert selected(page, ranked.id) == set(best_option(ranked))  # shown again as answered


@pytest.mark.parametrize("values", [["zz:1"], ["a:9"], ["a:1", "a:2"], ["nonsense"]])
def test_forged_ranking_values_keep_their_plain_400(started, values):
    taker = started
    section, ranked = section_with(taker, lambda q: q.type == "ranking")
    response = taker.submit(section.number, {ranked.id: values})
    assert response.status_code == 400
    assert "Nothing from this page was saved" in response.get_data(as_text=True)
