"""The attempt as the quiz pages read it: one snapshot per page, with what the page shows."""

from __future__ import annotations

from sqlalchemy import delete, select

from quiz.domain import caches
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.taking import attempts


def test_the_section_page_shows_this_attempts_resume_code(taker, app):
    taker.start()
    with app.app_context():
        code = taker.attempt().resume_code
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    assert f'<strong class="code">{code}</strong>' in page


def test_a_well_formed_token_of_no_attempt_is_not_found_on_every_quiz_page(client):
    token = "N0SuchAttemptT0ken" + "x" * 10
    for url in (f"/a/{token}/section/1", f"/a/{token}/review", f"/a/{token}"):
        assert client.get(url).status_code == 404, url


def test_the_snapshot_carries_the_bank_revision_read_with_it(taker, app):
    taker.start()
    with app.test_request_context():
        before = attempts.snapshot(taker.token).revision
        bank_store.bump_revision()
        db.session.commit()
        after = attempts.snapshot(taker.token)
        assert after.revision == bank_store.revision()[1] == before + 1
        assert after.token == taker.token and not after.finished


def test_a_database_without_a_revision_yet_shows_the_catalog_its_first_save_makes(taker, app):
    # A database upgraded to the revision table keeps its bank and attempts but has no revision
    # row (read as revision 0) until the first save, which makes revision 1: the pages read before
    # must not stand for revision 1, or the quiz would go on showing the catalog from before it.
    taker.start()
    with app.app_context():
        db.session.execute(delete(models.BankRevision))
        db.session.commit()
        assert bank_store.revision()[1] == 0
    caches.clear_caches()  # the server started again on the upgraded database
    before = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    with app.app_context():
        area = db.session.scalar(select(models.Area).where(models.Area.title == _heading(before)))
        area.title = "Studio sessions"
        bank_store.bump_revision()
        db.session.commit()
        assert bank_store.revision()[1] == 1
    after = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    assert _heading(after) == "Studio sessions"


def _heading(page: str) -> str:
    return page.split("<h1>", 1)[1].split("</h1>", 1)[0]
