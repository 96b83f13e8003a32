"""The listening type: a single choice whose key is worked out from its stimulus, with "I can't
listen right now" on every question, stored but never scored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.domain import audio
from quiz.domain.bank.export import question_to_dict
from quiz.domain.bank.rules import Known, check_question
from quiz.domain.question_types.base import Option
from quiz.domain.question_types.listening import CANT_LISTEN

KNOWN = Known(areas=frozenset({"musicianship"}), topics=frozenset({"skill-critical-listening"}),
              next_steps=frozenset(), resources=frozenset())


CHORD = {"kind": "chord", "root_hz": 220, "quality": "diminished", "style": "arpeggio"}


def _data(stimulus=None, options=None, **fields) -> dict:
    return {"id": "l1", "area": "musicianship", "type": "listening", "prompt": "Flat or sharp?",
            "topics": ["skill-critical-listening"],
            "stimulus": stimulus or {"kind": "pitch", "reference_hz": 440, "offset_cents": -25},
            "options": options if options is not None else [
                {"id": "flat", "text": "Flat", "points": 1, "feedback": "Right, 25 cents flat."},
                {"id": "in-tune", "text": "In tune", "points": 0},
                {"id": "sharp", "text": "Sharp", "points": 0}],
            **fields}


def _question(**changes):
    question, problems = check_question(_data(**changes), KNOWN)
    assert problems == []
    return question


def _problems(**changes) -> list[str]:
    question, problems = check_question(_data(**changes), KNOWN)
    assert question is None
    return [problem.message for problem in problems]


def test_a_listening_question_keeps_its_stimulus_and_gains_the_cant_listen_answer():
    question = _question()
    assert question.stimulus == audio.from_dict({"kind": "pitch", "reference_hz": 440, "offset_cents": -25})
    assert [o.id for o in question.options] == ["flat", "in-tune", "sharp", "unheard"]
    assert question.options[-1].text == "I can't listen right now"


def test_the_key_is_the_physical_answer():
    messages = _problems(options=[{"id": "flat", "text": "Flat", "points": 0},
                                  {"id": "sharp", "text": "Sharp", "points": 1}])
    assert messages == ["the stimulus of l1 makes 'flat' the right answer: it must be an option "
                        "and the only one with the most points (now sharp)"]


def test_two_options_sharing_the_top_points_are_refused():
    messages = _problems(options=[{"id": "flat", "text": "Flat", "points": 1},
                                  {"id": "sharp", "text": "Sharp", "points": 1}])
    assert messages[0].endswith("(now flat, sharp)")


def test_a_chord_answer_with_the_right_third_must_earn_half_and_no_other_wrong_answer_any():
    keyed = [{"id": "diminished", "text": "Diminished", "points": 2}, {"id": "minor", "text": "Minor", "points": 1},
             {"id": "major", "text": "Major", "points": 0}, {"id": "augmented", "text": "Augmented", "points": 0}]
    assert _question(stimulus=CHORD, options=keyed).fraction(("minor",)) == 0.5
    assert _problems(stimulus=CHORD, options=[*keyed[:1], {**keyed[1], "points": 0}, *keyed[2:]]) == [
        "option 'minor' of l1 earns 1 of 2 points: that is what the chord stimulus makes it worth (now 0)"]
    assert _problems(options=[{"id": "flat", "text": "Flat", "points": 1},
                              {"id": "in-tune", "text": "In tune", "points": 0.5}]) == [
        "option 'in-tune' of l1 earns 0 of 1 points: that is what the pitch stimulus makes it worth (now 0.5)"]


def test_options_must_be_answers_of_the_kind_and_cant_listen_is_reserved():
    assert "option 'louder' of l1 is not an answer to a pitch stimulus (use flat, in-tune, sharp)" in _problems(
        options=[{"id": "flat", "text": "Flat", "points": 1}, {"id": "louder", "text": "Louder"}])
    assert any("cannot write its own" in m for m in _problems(
        options=[{"id": "flat", "text": "Flat", "points": 1}, {"id": "unheard", "text": "No"}]))


def test_a_wrong_stimulus_is_named_with_the_question():
    assert _problems(stimulus={"kind": "pitch", "reference_hz": 440}) == [
        "the pitch stimulus needs offset_cents in question l1"]


def test_cant_listen_is_stored_but_not_scored():
    question = _question()
    assert question.kind.parse(question, ["unheard"]) == ("unheard",)
    assert question.scored_answer(("unheard",)) == ()
    assert question.scored_answer(("flat",)) == ("flat",)
    assert question.fraction(("flat",)) == 1.0 and question.fraction(("sharp",)) == 0.0
    assert question.kind.levels(question) == (0.0, 1.0)
    assert dict((o.id, shown) for o, shown in question.kind.key_rows(question))["unheard"] == "not scored"


@pytest.mark.parametrize("stimulus, written, shown", [
    (None, ["sharp", "flat", "in-tune"], ["flat", "in-tune", "sharp"]),
    ({**CHORD, "quality": "minor"}, ["augmented", "minor", "major", "diminished"],
     ["major", "minor", "diminished", "augmented"]),
])
def test_answers_show_in_their_kinds_order_whatever_the_yaml_order_or_the_attempt(stimulus, written, shown):
    """The same places on every question of a kind (a taker finds "minor" where it was last
    time); the order tells nothing, since it is the same whichever answer is right."""
    question = _question(stimulus=stimulus, options=[
        {"id": answer, "text": answer.title(), "points": credit}
        for answer, credit in zip(written, (0, 1, 0, 0.5) if stimulus else (0, 1, 0))])
    for seed in ("attempt-1", "attempt-2", "attempt-3"):
        assert [o.id for o in question.kind.display_options(question, seed)] == [*shown, CANT_LISTEN.id]


def test_a_version_saved_with_an_answer_its_kind_no_longer_has_still_shows_and_scores():
    """Attempts keep the versions they started with: a chord question saved when its answers
    were major, minor and "other" is still shown and scored as saved."""
    current = _question(stimulus={**CHORD, "quality": "minor"},
                        options=[{"id": "major", "text": "Major"}, {"id": "minor", "text": "Minor", "points": 1}])
    saved = replace(current, options=(*current.options[:2], Option("other", "Something else", 0.0),
                                      current.options[-1]))
    for seed in ("attempt-1", "attempt-2"):
        shown = [o.id for o in saved.kind.display_options(saved, seed)]
        assert shown == ["major", "minor", "other", CANT_LISTEN.id]
    assert saved.fraction(("minor",)) == 1 and saved.fraction(("other",)) == 0


def test_export_writes_the_stimulus_and_leaves_out_the_added_answer():
    question = _question()
    data = question_to_dict(question)
    assert data["stimulus"] == {"kind": "pitch", "reference_hz": 440, "offset_cents": -25}
    assert [o["id"] for o in data["options"]] == ["flat", "in-tune", "sharp"]
    again, problems = check_question({**data, "area": "musicianship"}, KNOWN)
    assert problems == [] and again == question


def test_the_clips_and_step_come_from_the_stimulus():
    question = _question()
    assert question.kind.clips(question) == audio.render(question.stimulus)
    assert question.kind.step(question) == "pitch, 25 cents"


def _fields(**changes) -> list[tuple[str, str]]:
    question, problems = check_question(_data(**changes), KNOWN)
    assert question is None
    return [(problem.field, problem.message) for problem in problems]


def test_each_problem_names_the_field_the_editor_shows_it_beside():
    assert _fields(stimulus={"kind": "pitch", "reference_hz": 440}) == [
        ("stimulus", "the pitch stimulus needs offset_cents in question l1")]
    assert _fields(options=[{"id": "flat", "text": "Flat", "points": 1}, {"id": "unheard", "text": "No"}]) == [
        ("options", "option id 'unheard' is added to every listening question; question l1 cannot write its own"),
        ("options", "question l1 needs at least two options")]
    assert _fields(options=[{"id": "flat", "text": "Flat", "points": 1}, {"id": "louder", "text": "Louder"}])[0][0] \
        == "options.1.id"
    assert _fields(options=[{"id": "flat", "text": "Flat"}, {"id": "sharp", "text": "Sharp", "points": 1}])[0][0] \
        == "options"
    assert _fields(options=[{"id": "flat", "text": "Flat", "points": 1}, {"id": "sharp", "text": "Sharp", "points": 0.5}]) \
        == [("options.1.points", "option 'sharp' of l1 earns 0 of 1 points: that is what the pitch stimulus makes "
                                 "it worth (now 0.5)")]


def test_a_question_with_too_few_options_gets_that_problem_alone():
    """Nothing about the key is judged until the options themselves are right."""
    assert _fields(options=[{"id": "louder", "text": "Louder", "points": 1}]) == [
        ("options", "question l1 needs at least two options")]


def test_the_answer_in_words_and_the_preview_key():
    question = _question()
    assert question.kind.answer_text(question, ("in-tune",)) == 'you answered "In tune" to "Flat or sharp?"'
    assert [(o.id, worth) for o, worth in question.kind.key_rows(question)] == [
        ("flat", "1"), ("in-tune", "0"), ("sharp", "0"), (CANT_LISTEN.id, "not scored")]
