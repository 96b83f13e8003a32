"""The printable group page: the whole join link as text (an <input> prints cut to its box),
with the copy button of the taker's pages; no taker's name, as the dashboard promises."""

from __future__ import annotations

import re

from tests.error_pattern import Page
from tests.factories import best_option
from tests.web.groups.groups_made import GroupTaker, make_group

NAMES = ["Chloé", "Samwise"]


def finish_named_takers(app, group) -> None:
    for name in NAMES:
        taker = GroupTaker(app.test_client(), app)
        taker.join(group["token"], display_name=name)
        taker.answer_all(best_option)
        assert taker.finish().status_code == 303
    GroupTaker(app.test_client(), app).join(group["token"], display_name="Zebedee")  # in progress


def test_the_printable_page_has_the_whole_link_and_no_names(app, signed_in, instructor):
    app.config["GROUP_MIN_FINISHED"] = 2  # enough for the board's every table
    group = make_group(app)
    finish_named_takers(app, group)
    link = f"http://quiz.test/join/{group['token']}"  # the test app's SERVER_NAME

    dashboard = signed_in.get(f"/instructor/groups/{group['id']}").get_data(as_text=True)
    assert all(name in dashboard for name in [*NAMES, "Zebedee"])  # the screen names them
    printable = signed_in.get(f"/instructor/groups/{group['id']}/print").get_data(as_text=True)

    assert not [name for name in [*NAMES, "Zebedee"] if name in printable]
    assert "Finished: 2 takers." in " ".join(re.sub(r"<[^>]+>", " ", printable).split())
    for html in (dashboard, printable):
        shown = Page(html).ids["join-link"]
        assert len(shown) == 1
        assert shown[0].tag != "input" and shown[0].words == link  # text, printed whole
        assert shown[0].attrs.get("data-copy") == "link"  # copy.js adds its copy button
        assert "copy-text" in shown[0].attrs.get("class", "").split()
        assert '<script src="/static/copy.js" defer></script>' in html


def test_the_print_rules_wrap_the_join_link_anywhere(app):
    css = app.test_client().get("/static/style.css").get_data(as_text=True)
    print_rules = " ".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    rule = re.search(r"\.join-card \.copy-text \{([^}]*)\}", print_rules)
    assert rule and "overflow-wrap: anywhere" in rule[1]
