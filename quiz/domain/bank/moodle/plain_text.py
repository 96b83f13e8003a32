"""Moodle's formatted texts (HTML, Moodle auto-format, Markdown) as the plain text the bank holds.

The bank stores plain text only (every page escapes it), so no tag is kept: the text of the
HTML is kept, images and embedded media are left out (counted, so the review can say so), and
scripts and styles are dropped with their content; whitespace is collapsed to single spaces.
Plain text is kept as it is, new lines and all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from quiz.domain.bank.moodle.parsed import HTML, MARKDOWN, MOODLE, Text

BREAKS = frozenset({"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                    "ul", "ol", "table", "blockquote", "pre", "hr"})
DROPPED = frozenset({"script", "style", "head", "title"})  # their content is not text
MEDIA = frozenset({"img", "audio", "video", "iframe", "object", "embed"})


@dataclass(frozen=True)
class Plain:
    text: str
    media_left_out: int = 0  # images, sound, video the text had


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media = 0
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropping += 1
        elif tag in MEDIA:
            self.media += 1
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self.parts.append(f" {alt.strip()} ")
        elif tag in BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def squeezed(text: str) -> str:
    return " ".join(text.split())


def from_html(markup: str) -> Plain:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return Plain(squeezed("".join(parser.parts)), parser.media)


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_BLOCK_MARKS = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\{:[^}]*\}")  # kramdown's {: .class}


def from_markdown(markdown: str) -> Plain:
    images = len(_IMAGE.findall(markdown))
    text = _IMAGE.sub(lambda m: f" {m.group(1)} " if m.group(1).strip() else " ", markdown)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _ATTRIBUTES.sub("", text)
    text = _BLOCK_MARKS.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return Plain(squeezed(html.unescape(text)), images)


def plain(text: Text) -> Plain:
    """A formatted text as plain text. Moodle's own format ("moodle", the GIFT default) is
    HTML to Moodle, so it is read as HTML too."""
    if text.format in (HTML, MOODLE):
        return from_html(text.text)
    if text.format == MARKDOWN:
        return from_markdown(text.text)
    return Plain(text.text.strip())
