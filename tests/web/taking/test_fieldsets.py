"""The section page's questions, joined from cached parts, are byte for byte what the
question_fieldset macro renders: for every question type, in random option orders, with random
answers, with and without a mistake, and with the odd values a 422 page may show again."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from flask import render_template_string

from quiz.domain.question_types import KINDS
from quiz.platform.stores import bank as bank_store
from quiz.web.taking import fieldsets

ROUNDS = 40

DIRECT = ('{% import "macros.html" as macros %}'
          '{{ macros.question_fieldset(question, number, values, mistake) }}')


def random_values(question, rng: random.Random) -> list[str]:
    """What a form might post for `question`: an honest answer, a skip, or values a person
    could send by hand (several radios, a half-ranked list, an item in two places)."""
    options = [o.id for o in question.options]
    every = [v for o in question.options for v in question.kind.option_values(question, o)]
    return rng.choice([
        lambda: [],
        lambda: question.kind.form_values(question, rng.sample(options, len(options))),
        lambda: rng.sample(every, rng.randint(1, min(3, len(every)))),
        lambda: [f"{options[0]}:", *question.kind.option_values(question, question.options[1])[:1]],
        lambda: [*question.kind.option_values(question, question.options[0])[:2]],
        lambda: ["not-an-option"],
    ])()


@pytest.fixture
def questions(app):
    with app.app_context():
        return bank_store.current_bank().questions


def test_the_bank_has_every_type(questions):
    assert {q.type for q in questions} == {kind.name for kind in KINDS}


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
@pytest.mark.parametrize("mistake", [None, "Pick one option, or none."])
def test_cached_parts_join_into_the_macros_bytes(app, questions, kind, mistake):
    rng = random.Random(f"{kind}-{mistake}")
    of_kind = [q for q in questions if q.type == kind]
    with app.test_request_context():
        for _ in range(ROUNDS):
            question = rng.choice(of_kind)
            order = rng.sample(question.options, len(question.options))
            number, values = rng.randint(1, 12), random_values(question, rng)
            expected = render_template_string(DIRECT, question=replace(question, options=tuple(order)),
                                              number=number, values=values, mistake=mistake)
            positions, parts = fieldsets.positions(question, order), fieldsets.render_parts(question, number)
            assert fieldsets.fieldset(question, positions, number, values, mistake, parts) == expected
            assert fieldsets.fieldset(question, positions, number, values, mistake) == expected


def test_a_ticked_answer_and_an_order_show_as_given(app, questions):
    """The parts are the page a taker sees: the chosen option ticked, the attempt's order kept."""
    question = next(q for q in questions if q.type == "single_choice")
    order = tuple(reversed(question.options))
    with app.test_request_context():
        html = fieldsets.fieldset(question, fieldsets.positions(question, order), 3, [order[1].id],
                                  parts=fieldsets.render_parts(question, 3))
    positions = [html.index(f'value="{o.id}"') for o in order]
    assert positions == sorted(positions)
    assert html.count("checked") == 1 and f'value="{order[1].id}"\n             checked' in html
    assert '<span class="q-number">3.</span>' in html
