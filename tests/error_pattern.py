"""The GOV.UK error pattern, as one check every page with a form mistake must pass (the
taker's and the instructor's alike):

- the <title> starts with "Error: ";
- one error summary at the top (role="alert"), focusable (tabindex="-1") and focused on load
  (autofocus: no script needed);
- the summary lists each problem as a link to the id of its field, in the order expected, and
  that id names exactly one element of the page;
- that element (the field, or the fieldset of a group of fields) is described, through
  aria-describedby, by an element beside it that says the same message.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text) of the <a> inside

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


class Page(HTMLParser):
    """Every element with an id or a role, with its text and the links inside it."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.ids: dict[str, list[Element]] = {}
        self.alerts: list[Element] = []
        self.title = ""
        self._in_title = False
        self._link: tuple[str, list[str]] | None = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        if "id" in element.attrs:
            self.ids.setdefault(element.attrs["id"], []).append(element)
        if element.attrs.get("role") == "alert":
            self.alerts.append(element)
        self._in_title = tag == "title"
        if tag == "a":
            self._link = (element.attrs.get("href", ""), [])
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            href, text = self._link
            for element in self.open:
                element.links.append((href, " ".join("".join(text).split())))
            self._link = None
        while self.open:
            if self.open.pop().tag == tag:
                break
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link is not None:
            self._link[1].append(data)
        for element in self.open:
            element.text.append(data)


def assert_gov_uk_errors(source: str, expected: list[tuple[str, str]]) -> None:
    """`expected`: (field id, message) of every problem, in the order of the page."""
    page = Page(source)
    assert page.title.startswith("Error: "), page.title
    assert len(page.alerts) == 1, f"{len(page.alerts)} alerts"
    summary = page.alerts[0]
    assert "error-summary" in summary.attrs.get("class", "").split()
    assert summary.attrs.get("tabindex") == "-1" and "autofocus" in summary.attrs
    assert summary.links == [(f"#{field_id}", html.unescape(message)) for field_id, message in expected]
    for field_id, message in expected:
        targets = page.ids.get(field_id, [])
        assert len(targets) == 1, f"{len(targets)} elements have the id {field_id!r}"
        described_by = targets[0].attrs.get("aria-describedby", "").split()
        beside = [element.words for ref in described_by for element in page.ids.get(ref, [])]
        assert any(html.unescape(message) in words for words in beside), (field_id, beside)
