"""The words a taker reads on a report page with its "How sure is this?" disclosures closed."""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it (inside) a part the reader does not see
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = tag in HIDDEN or (tag == "details" and "how-sure" in classes)
        self.stack.append(hidden or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.words.append(data.strip())


def visible_text(html: str) -> str:
    """The page's text outside its scripts, styles and "How sure is this?" disclosures."""
    reader = _Reader()
    reader.feed(html)
    return " ".join(reader.words)
