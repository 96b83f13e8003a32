"""The clips as a taker's browser gets them - and as a test-wise taker would look for the key in
them: the page, the clip URLs, the response headers and the WAV bytes say nothing about it."""

from __future__ import annotations

import hashlib
import re

import pytest

from quiz.domain import audio, caches
from tests.domain.audio.measure import chunks

CLIP_URL = re.compile(r'src="(/audio/[^"]+)"')
HASHED = re.compile(r"/audio/[0-9a-f]{64}\.wav")


def _section_with_clips(taker) -> tuple[str, list]:
    """The first section page with listening questions, and those questions."""
    taker.start()
    for number, section in enumerate(taker.sections(), start=1):
        heard = [q for q in section.questions if q.stimulus is not None]
        if heard:
            return taker.client.get(taker.section_url(number)).get_data(as_text=True), heard
    raise AssertionError("no section has listening questions")


def test_the_page_links_each_clip_by_a_hash_of_its_bytes_and_nothing_else(taker, client):
    page, heard = _section_with_clips(taker)
    urls = CLIP_URL.findall(page)
    expected = [f"/audio/{clip.name}.wav" for q in heard for clip in audio.render(q.stimulus)]
    assert set(expected) <= set(urls)
    assert all(HASHED.fullmatch(url) for url in urls)
    assert "stimulus" not in page
    for question in heard:  # no field of the stimulus, no step, no feedback on the page
        assert not [name for name, _ in question.stimulus.values if "_" in name and name in page]
        step = audio.kind_of(question.stimulus).step(question.stimulus)
        assert step not in page
        assert all(o.feedback not in page for o in question.options if o.feedback)
    assert 'preload="none"' in page and "autoplay" not in page


def test_items_of_one_kind_with_different_keys_have_unrelated_names(taker):
    _, heard = _section_with_clips(taker)
    by_kind: dict[str, list] = {}
    for question in heard:
        by_kind.setdefault(question.stimulus.kind, []).append(question)
    pairs = [(a, b) for group in by_kind.values() for a in group for b in group
             if a.id < b.id and a.kind.best_answer(a) != b.kind.best_answer(b)]
    assert pairs, "the bank should have two items of one kind with different keys"
    for first, second in pairs:
        first_names = [c.name for c in audio.render(first.stimulus)]
        second_names = [c.name for c in audio.render(second.stimulus)]
        assert not set(first_names) & set(second_names)
        for name in first_names + second_names:  # no option id or text inside a name
            assert not any(o.id in name for o in first.options + second.options if len(o.id) > 1)


def test_a_clip_is_served_as_plain_audio_that_never_changes(taker, client):
    page, _ = _section_with_clips(taker)
    assert "media-src 'self'" in client.get("/").headers["Content-Security-Policy"]
    for url in CLIP_URL.findall(page):
        response = client.get(url)
        assert response.status_code == 200
        assert response.mimetype == "audio/wav"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Content-Disposition" not in response.headers
        assert hashlib.sha256(response.data).hexdigest() == url[len("/audio/"):-len(".wav")]
        assert chunks(response.data) == [b"fmt ", b"data"]


def test_a_clip_is_found_by_a_process_that_has_not_rendered_it(taker, client):
    page, _ = _section_with_clips(taker)
    url = CLIP_URL.findall(page)[-1]
    caches.clear_caches()  # as a fresh worker: nothing rendered yet
    assert client.get(url).status_code == 200


def test_a_player_may_ask_for_part_of_a_clip(taker, client):
    page, _ = _section_with_clips(taker)
    url = CLIP_URL.findall(page)[0]
    response = client.get(url, headers={"Range": "bytes=0-43"})
    assert response.status_code == 206 and len(response.data) == 44


@pytest.mark.parametrize("url", ["/audio/" + "0" * 64 + ".wav", "/audio/flat.wav", "/audio/ABC.wav"])
def test_a_name_that_is_no_clip_is_not_found(client, url):
    assert client.get(url).status_code == 404
