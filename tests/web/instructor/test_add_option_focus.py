""""Add option" brings the instructor back to the row it added, without JavaScript: the button
posts to the page's URL with a #fragment naming the new row's text box, so the page that
comes back opens there (browsers scroll to the fragment's element; editor.js also focuses it)."""

from __future__ import annotations

import re

from tests.error_pattern import Page
from tests.instructors import form_fields, post_form

NEW = "/instructor/questions/new"


def add_option_action(html: str) -> str:
    button = re.search(r'<input[^>]*name="add_option"[^>]*>', html)[0]
    return re.search(r'formaction="([^"]+)"', button)[1]


def rows(html: str) -> list[str]:
    return re.findall(r'name="(options-\d+-text)"', html)


def test_add_option_returns_to_the_new_rows_text_box(signed_in):
    page = signed_in.get(f"{NEW}?type=single_choice&area=technical").get_data(as_text=True)
    action = add_option_action(page)
    path, fragment = action.split("#")
    assert path.startswith(NEW)
    assert fragment == f"options-{len(rows(page))}-text"  # the row the button will add

    data = {"question_id": "tech-scn-new", "area": "technical", "type": "single_choice", "weight": "1",
            "options": [{"id": chr(ord("a") + i), "points": "0"} for i in range(len(rows(page)))]}
    response = post_form(signed_in, path, {**form_fields(data), "add_option": "Add option"}, page=NEW)
    assert response.status_code == 200
    added = response.get_data(as_text=True)
    assert rows(added)[-1] == fragment  # the new row
    assert len(Page(added).ids.get(fragment, [])) == 1  # the fragment names it
    assert add_option_action(added).endswith(f"#options-{len(rows(added))}-text")  # and the next one


def test_add_option_on_an_edit_keeps_the_edits_url(signed_in):
    url = "/instructor/questions/tech-scn-interface-fails"
    page = signed_in.get(url).get_data(as_text=True)
    assert add_option_action(page) == f"{url}#options-{len(rows(page))}-text"
