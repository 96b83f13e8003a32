"""A listening clip in a real Chromium: fetched only on play, its length known, played to its end."""

from __future__ import annotations

import pytest

from quiz.domain import audio
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, opened_page
from tests.browser.taker import bank

pytestmark = pytest.mark.browser

PLAY_TO_THE_END = """player => new Promise((resolve, reject) => {
    player.addEventListener('ended', () => resolve({duration: player.duration, ended: player.ended,
                                                   time: player.currentTime}));
    player.addEventListener('error', () => reject(new Error('cannot play: ' + player.error.code)));
    player.play().catch(reject);
})"""


@pytest.fixture(scope="module")
def playing_browser(playwright):
    """Chromium allowed to start a player from a script (a taker presses play themselves)."""
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"])
    yield browser
    browser.close()


def test_a_clip_plays_to_its_end(playing_browser, live_server):
    first = next(q for q in bank().questions if q.stimulus is not None)
    clip = audio.render(first.stimulus)[0]
    with opened_page(playing_browser, live_server.url) as page:
        page.goto("/")
        page.get_by_role("button", name="Start the quiz").click()
        player = page.locator(f'audio[src="/audio/{clip.name}.wav"]')
        assert player.get_attribute("preload") == "none" and player.get_attribute("autoplay") is None
        label = page.locator(f'#{player.get_attribute("aria-labelledby")}').inner_text()
        assert label == clip.label
        assert player.evaluate("player => player.readyState") == 0  # nothing fetched before play
        played = player.evaluate(PLAY_TO_THE_END)
    assert played["ended"] is True
    assert played["duration"] == pytest.approx(clip.seconds, abs=0.01)
    assert played["time"] == pytest.approx(clip.seconds, abs=0.05)
