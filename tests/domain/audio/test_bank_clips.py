"""Every live listening question of the shipped bank: its clips measure as its stimulus says,
and its key is what the stimulus makes right."""

from __future__ import annotations

from collections import Counter

import pytest

from quiz import ROOT
from quiz.domain import audio
from quiz.domain.bank.loader import load_bank

from .claims import assert_claim

BANK = load_bank(ROOT / "questions")
LISTENING = [q for q in BANK.questions if q.stimulus is not None and not q.retired]


def test_the_bank_has_twelve_live_listening_questions_over_two_areas_and_every_kind():
    areas = Counter(q.area for q in LISTENING)
    assert len(LISTENING) >= 12 and areas["musicianship"] >= 6 and areas["technical"] >= 6
    kinds = {area: {q.stimulus.kind for q in LISTENING if q.area == area} for area in areas}
    assert kinds["musicianship"] >= {"pitch", "chord", "timing"}
    assert kinds["technical"] >= {"level", "eq", "dynamics", "stereo"}


@pytest.mark.parametrize("question", LISTENING, ids=lambda q: q.id)
def test_each_clip_measures_as_its_stimulus_says(question):
    assert_claim(question.stimulus, audio.render(question.stimulus))


@pytest.mark.parametrize("question", LISTENING, ids=lambda q: q.id)
def test_each_key_is_the_physical_answer(question):
    assert question.kind.best_answer(question) == (audio.kind_of(question.stimulus).answer(question.stimulus),)
