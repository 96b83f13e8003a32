"""The section page's questions, each joined from HTML parts cached per section.

templates/macros.html renders a question's fieldset as a head, each option, and a tail. Each
part is rendered once by those same macros - the head for the question's number, each option
unticked and with each value it can post ticked - and a page joins them in the attempt's own
option order with its answers ticked: the bytes the macro would give, at a fraction of the cost.

Both caches hold a whole section under one key, so a page makes two lookups however many
questions it shows: a lookup per question touched two cache entries per question, scattered
in memory, one of the costs that grew faster than the page (issue 27). Cached parts cannot go
stale: a question version never changes once written, and while templates auto-reload (debug,
or TEMPLATES_AUTO_RELOAD) nothing is cached, so an edited template shows at once. A question
shown with a mistake, or with values no single option posts (which a 422 page may show), is
rendered by the macro itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from flask import current_app
from markupsafe import Markup

from quiz.domain.caches import LRUCache
from quiz.domain.question_types import Option
from quiz.domain.question_types.question import Question
from quiz.platform.stores import bank as bank_store
from quiz.web.taking.section_form import Section


@dataclass(frozen=True)
class Parts:
    """One question's fieldset, numbered, in the pieces a page joins. An order of options is
    their positions in the question's own order, so a page joins strings by position without
    touching an option: a page's cost is the bytes it joins, not objects scattered in memory."""
    head: str
    tail: str
    unticked: tuple[str, ...]  # each option's HTML, in the question's order
    ticked: dict[str, tuple[int, str]]  # value posted -> its option's position, HTML with it ticked

    def join(self, order: Sequence[int], values: Sequence[str]) -> str | None:
        """The fieldset with the options in `order` and `values` ticked; None when the values
        are not each a value of a different option (the macro shows those)."""
        if not values:
            return "".join([self.head, *[self.unticked[i] for i in order], self.tail])
        shown = list(self.unticked)
        ticked: set[int] = set()
        for value in values:
            position, html = self.ticked.get(value, (None, ""))
            if position is None or position in ticked:
                return None
            ticked.add(position)
            shown[position] = html
        return "".join([self.head, *[shown[i] for i in order], self.tail])


# Keyed by database and the section's question versions; a section's parts are a few kilobytes
# a question, and an attempt's sections are shared by every attempt started on the same bank.
_parts_cache: LRUCache[tuple[str, tuple[int, ...]], tuple[Parts | None, ...]] = LRUCache(max_size=256)
# The order of options each attempt sees on a section (working it out means seeding a random
# generator per question), by database, attempt token and the section's question versions.
_orders: LRUCache[tuple[str, str, tuple[int, ...]], tuple[tuple[int, ...], ...]] = LRUCache(max_size=4096)


def _macros():
    return current_app.jinja_env.get_template("macros.html").module


def render_parts(question: Question, number: int) -> Parts:
    """`question`'s parts, numbered `number`, rendered by the macros."""
    macros = _macros()
    ticked = {value: (position, str(macros.fieldset_option(question, option, (value,))))
              for position, option in enumerate(question.options)
              for value in question.kind.option_values(question, option)}
    return Parts(head=str(macros.fieldset_head(question, number)), tail=str(macros.fieldset_tail(question, number)),
                 unticked=tuple(str(macros.fieldset_option(question, o, ())) for o in question.options),
                 ticked=ticked)


def positions(question: Question, options: Sequence[Option]) -> tuple[int, ...]:
    """`options` (an order of the question's options) as their positions in its own order."""
    return tuple(question.options.index(option) for option in options)


def fieldset(question: Question, order: Sequence[int], number: int, values: Sequence[str] = (),
             mistake: str | None = None, parts: Parts | None = None) -> str:
    """`question` numbered `number`, its options in `order` (their positions), showing `values`
    (what the form posts) and `mistake` - exactly as `macros.question_fieldset` renders it,
    joined from `parts` where they can show it."""
    if parts is not None and not mistake and (joined := parts.join(order, values)) is not None:
        return joined
    options = tuple(question.options[i] for i in order)
    return _macros().question_fieldset(replace(question, options=options), number, values, mistake)


def section_fieldsets(section: Section, token: str, values: Mapping[str, Sequence[str]],
                      mistakes: Mapping[str, str]) -> Iterator[Markup]:
    """Every question of the section in the order of options the attempt `token` sees, each
    joined as the streamed page reaches it: a page never holds all its questions' HTML at once."""
    database = bank_store.database()
    parts = _section_parts(section, database)
    orders = _orders.get_or_compute((database, token, section.version_ids), lambda: tuple(
        positions(q, q.kind.display_options(q, token)) for q in section.questions))
    return (Markup(fieldset(q, order, number, values.get(q.id, ()), mistakes.get(q.id), part))
            for number, (q, order, part) in enumerate(zip(section.questions, orders, parts), start=1))


def _section_parts(section: Section, database: str) -> tuple[Parts | None, ...]:
    """The parts of each question of the section (an attempt's: stored versions only); None
    for each while templates auto-reload."""
    if current_app.jinja_env.auto_reload:
        return (None,) * len(section.questions)
    return _parts_cache.get_or_compute((database, section.version_ids), lambda: tuple(
        render_parts(q, number) for number, q in enumerate(section.questions, start=1)))
