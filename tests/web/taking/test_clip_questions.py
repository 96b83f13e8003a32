"""Questions with clips end to end: the level check before them, "I can't listen right now"
stored but never scored, and the report naming it."""

from __future__ import annotations

import re

from tests.factories import best_option, worst_option

CANT = "unheard"


def _first_section_with_clips(taker) -> tuple[int, list]:
    for number, section in enumerate(taker.sections(), start=1):
        heard = [q for q in section.questions if q.kind.plays_clips]
        if heard:
            return number, heard
    raise AssertionError("no section plays clips")


def test_the_section_starts_with_headphones_and_a_level_check_before_the_first_clip(taker, client):
    taker.start()
    number, heard = _first_section_with_clips(taker)
    page = client.get(taker.section_url(number)).get_data(as_text=True)
    assert "Headphones help" in page
    players = re.findall(r'<audio[^>]*>', page)
    assert len(players) == 1 + sum(len(q.kind.clips(q)) for q in heard)
    assert "level-check-label" in players[0]  # the tone comes first
    assert all('controls' in p and 'preload="none"' in p and "aria-labelledby" in p for p in players)
    other = next(n for n, s in enumerate(taker.sections(), start=1)
                 if not any(q.kind.plays_clips for q in s.questions))
    assert "Headphones help" not in client.get(taker.section_url(other)).get_data(as_text=True)


def test_cant_listen_is_stored_left_out_of_the_score_and_named_in_the_report(taker, client):
    taker.start()
    _, heard = _first_section_with_clips(taker)
    taker.answer_all(lambda q: [CANT] if q.kind.plays_clips else best_option(q))
    assert all(taker.stored()[q.id] == [CANT] for q in heard)
    taker.finish()
    page = client.get(f"/report/{taker.token}").get_data(as_text=True)
    assert (f"{len(heard)} questions with a sound clip you couldn&#39;t listen to are left out of this score: "
            "they do not count against you. Take the quiz again with headphones") in page
    # Every other question at its best: each area is still scored, and at 100.
    assert "Not enough answers to score" not in page
    assert len(re.findall(r'<th scope="row">[^<]+</th>\s*<td>100</td>', page)) == 6


def test_wrong_answers_to_the_clips_lead_to_ear_training_in_plain_words(taker, client):
    taker.start()
    taker.answer_all(lambda q: worst_option(q) if q.kind.plays_clips else best_option(q))
    taker.finish()
    page = client.get(f"/report/{taker.token}").get_data(as_text=True)
    for title in ("Train your ears for pitch, chords and timing", "Train your ears for level, tone and compression"):
        assert title in page
    assert "Practise for ten minutes a day." in page
