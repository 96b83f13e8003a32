"""The section page is streamed in chunks: what it takes from the session and puts in it is
settled before its first byte, and a big section leaves in chunks of about 64 KiB."""

from __future__ import annotations

from quiz.web.taking import section_page
from tests.takers import csrf_from


def test_a_page_opened_from_its_link_in_a_new_browser_can_be_saved(app, taker):
    """The CSRF token the streamed page shows is in the session cookie sent with it."""
    token = taker.start()
    fresh = app.test_client()  # no session: the link opened on another device
    page = fresh.get(f"/a/{token}/section/1")
    assert page.is_streamed and page.status_code == 200
    response = fresh.post(f"/a/{token}/section/1", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                           "next": "1"})
    assert response.status_code == 303 and response.location.endswith(f"/a/{token}/section/2")


def test_a_flashed_message_shows_once(taker):
    token = taker.start()
    page = taker.client.get(f"/a/{token}/section/1").get_data(as_text=True)
    taker.client.post(f"/a/{token}/section/1", data={"csrf_token": csrf_from(page), "next": "1"})
    shown = taker.client.get(f"/a/{token}/section/2").get_data(as_text=True)
    assert "You skipped" in shown
    again = taker.client.get(f"/a/{token}/section/2").get_data(as_text=True)
    assert "You skipped" not in again


def test_pieces_leave_in_chunks_of_the_size_and_lose_nothing():
    pieces = [str(i % 10) * (i % 7 + 1) for i in range(5000)]
    chunks = list(section_page.in_chunks(pieces, size=100))
    assert "".join(chunks) == "".join(pieces)
    assert all(100 <= len(chunk) < 100 + 7 for chunk in chunks[:-1]) and 0 < len(chunks[-1]) < 107
    assert list(section_page.in_chunks([], size=100)) == []
