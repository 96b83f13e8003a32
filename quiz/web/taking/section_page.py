"""A section page: the area's questions as a form, with the attempt's answers ticked. Its
questions are joined from cached parts (fieldsets.py).

The page is streamed in chunks of about 64 KiB, each question's fieldset joined as the stream
reaches it, so its cost per question stays the same however many questions a section holds
(issue 27). Built whole, a big section's page was a buffer of megabytes that the C allocator
took from the system and handed back on every request (a page fault per 4 KiB each time), and
all its questions' HTML at once, more than a core's level-2 cache holds. Every real page fits in
one chunk. A streamed page's session is saved before its first byte is sent, so what the page
takes from the session (its flashed messages) and puts in it (the CSRF token) is settled first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask import get_flashed_messages, stream_template
from flask_wtf.csrf import generate_csrf

from quiz.domain import audio
from quiz.web.taking import fieldsets
from quiz.web.taking.attempts import AttemptSnapshot
from quiz.web.taking.section_form import Section

CHUNK_CHARACTERS = 64 * 1024  # under glibc's 128 KiB mmap threshold: its buffers are reused


def render(attempt: AttemptSnapshot, section: Section, total: int, values: dict[str, list[str]],
           answered: int, mistakes: dict[str, str] | None = None, kept: bool = False,
           skipped: list | None = None) -> Iterator[str]:
    """The section's form showing `values` (the stored answers, or what was just entered) and
    `mistakes` beside their questions: entries `kept` from an earlier visit, or just sent.
    `skipped`, for a resumed taker: the (section, question) pairs passed without an answer."""
    mistakes = mistakes or {}
    questions = fieldsets.section_fieldsets(section, attempt.token, values, mistakes)
    plays_clips = any(kind.plays_clips for kind in section.kinds)  # the page's types, worked out once
    get_flashed_messages()
    generate_csrf()
    return in_chunks(stream_template(
        "taking/section.html", attempt=attempt, section=section, total=total, questions=questions,
        mistakes=mistakes, kept=kept, skipped=skipped, answered_here=answered,
        answered_all=len(attempt.answers), level_check=audio.level_check_clip() if plays_clips else None))


def in_chunks(pieces: Iterable[str], size: int = CHUNK_CHARACTERS) -> Iterator[str]:
    """`pieces` joined into chunks of at least `size` characters (the last may be shorter)."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer.clear()
            held = 0
    if buffer:
        yield "".join(buffer)
