"""Groups and their owners made straight in the database, and a taker who joins a group."""

from __future__ import annotations

import re

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from quiz.platform import models
from quiz.platform.extensions import db
from tests.instructors import EMAIL, PASSWORD
from tests.takers import Taker, csrf_from

OTHER_EMAIL = "other@example.org"


def make_instructor(app, email: str) -> int:
    with app.app_context():
        account = models.Instructor(email=email,
                                    password_hash=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"))
        db.session.add(account)
        db.session.commit()
        return account.id


def make_group(app, owner_email: str = EMAIL, **fields) -> dict:
    """A group owned by `owner_email`; its id, code and join token."""
    with app.app_context():
        owner = db.session.scalar(select(models.Instructor).where(models.Instructor.email == owner_email))
        group = models.Group(name=fields.pop("name", "Studio class"), owner=owner, **fields)
        db.session.add(group)
        db.session.commit()
        return {"id": group.id, "code": group.join_code, "token": group.join_token}


class GroupTaker(Taker):
    """A taker who joins a group by its link (or code) before starting."""

    def join(self, token: str, display_name: str = "") -> str:
        page = self.client.get(f"/join/{token}")
        assert page.status_code == 200, page.status_code
        response = self.client.post("/start", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                    "group": token, "display_name": display_name})
        assert response.status_code == 303, response.get_data(as_text=True)
        self.token = re.search(r"/a/([^/]+)/section/1$", response.location).group(1)
        return self.token
