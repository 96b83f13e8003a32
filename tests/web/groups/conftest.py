"""Group fixtures: instructors, a group, and takers who join it the way a browser does."""

from __future__ import annotations

import pytest

# The instructor fixtures (instructor, auth, signed_in) are shared with tests/web/instructor.
from tests.web.groups.groups_made import OTHER_EMAIL, GroupTaker, make_group, make_instructor


@pytest.fixture
def other_instructor(app):
    make_instructor(app, OTHER_EMAIL)
    return OTHER_EMAIL


@pytest.fixture
def group(app, instructor):
    return make_group(app)


@pytest.fixture
def new_taker(app):
    return lambda: GroupTaker(app.test_client(), app)
