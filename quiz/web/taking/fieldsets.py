"""The section page's questions, each joined from HTML parts cached per question version.

templates/macros.html renders a question's fieldset as a head, each option, and a tail. Each
part is rendered once by those same macros - the head for the question's number, each option
unticked and with each value it can post ticked - and a page joins them in the attempt's own
option order with its answers ticked: the bytes the macro would give, at a fraction of the cost.
Cached parts cannot go stale: a question version never changes once written, and while templates
auto-reload (debug, or TEMPLATES_AUTO_RELOAD) nothing is cached, so an edited template shows at
once. A question shown with a mistake, or with values no single option posts (which a 422 page
may show), is rendered by the macro itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from flask import current_app
from markupsafe import Markup

from quiz.domain.caches import LRUCache
from quiz.domain.question_types import Option
from quiz.domain.question_types.question import Question
from quiz.platform.stores import bank as bank_store
from quiz.web.taking.section_form import Section


@dataclass(frozen=True)
class _Parts:
    head: Markup
    tail: Markup
    unticked: dict[str, Markup]  # option id -> the option's HTML
    ticked: dict[str, tuple[str, Markup]]  # value posted -> its option's id, HTML with it ticked


# Keyed by database, question version and the number it is shown under. A bank holds a few
# hundred questions; the parts of one are a few kilobytes.
_parts_cache: LRUCache[tuple[str, int, int], _Parts] = LRUCache(max_size=4096)
# The order of options each attempt sees (working it out means seeding a random generator),
# by database, attempt token and question version: a section of each of a few thousand attempts.
_orders: LRUCache[tuple[str, str, int], tuple[Option, ...]] = LRUCache(max_size=20_000)


def _macros():
    return current_app.jinja_env.get_template("macros.html").module


def _render_parts(question: Question, number: int) -> _Parts:
    macros = _macros()
    ticked = {value: (option.id, macros.fieldset_option(question, option, (value,)))
              for option in question.options for value in question.kind.option_values(question, option)}
    return _Parts(head=macros.fieldset_head(question, number), tail=macros.fieldset_tail(question, number),
                  unticked={o.id: macros.fieldset_option(question, o, ()) for o in question.options},
                  ticked=ticked)


def fieldset(question: Question, options: Sequence[Option], number: int,
             values: Sequence[str] = (), mistake: str | None = None, database: str | None = None) -> Markup:
    """`question` numbered `number`, its options in the order of `options`, showing `values`
    (what the form posts) and `mistake` - exactly as `macros.question_fieldset` renders it.
    `database` is `bank_store.database()`, if the caller has it already."""
    if not mistake and question.version_id is not None and not current_app.jinja_env.auto_reload:
        key = (database or bank_store.database(), question.version_id, number)
        parts = _parts_cache.get(key) or _parts_cache.put(key, _render_parts(question, number))
        shown = parts.unticked.copy()
        for value in values:
            option_id, html = parts.ticked.get(value, (None, None))
            if option_id is None or shown[option_id] is not parts.unticked[option_id]:
                break  # not a value of one option, or a second value of the same option
            shown[option_id] = html
        else:
            return Markup("".join([parts.head, *[shown[o.id] for o in options], parts.tail]))
    return _macros().question_fieldset(replace(question, options=tuple(options)), number, values, mistake)


def section_fieldsets(section: Section, token: str, values: Mapping[str, Sequence[str]],
                      mistakes: Mapping[str, str]) -> Markup:
    """Every question of the section in the order of options the attempt `token` sees."""
    database = bank_store.database()
    return Markup("\n".join([fieldset(q, _display_options(q, token, database), number,
                                       values.get(q.id, ()), mistakes.get(q.id), database)
                              for number, q in enumerate(section.questions, start=1)]))


def _display_options(question: Question, token: str, database: str) -> tuple[Option, ...]:
    if not question.kind.shuffled or question.version_id is None:
        return question.kind.display_options(question, token)
    key = (database, token, question.version_id)
    return _orders.get(key) or _orders.put(key, question.kind.display_options(question, token))
