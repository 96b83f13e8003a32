"""What changed between two versions of a question, field by field, for the version page's
comparison with the current version."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from quiz.domain.question_types.question import Option, Question
from quiz.domain.text_changes import Piece, changed_words

# Not content: which question it is, where it is in the bank, whether it is retired.
NOT_CONTENT = {"id", "options", "retired", "version_id"}
OPTION_FIELDS = [f.name for f in dataclasses.fields(Option) if f.name != "id"]


@dataclass(frozen=True)
class Difference:
    what: str  # "prompt", "option b: points", "option e" (added or removed)
    this: str  # in the version viewed; "" when it has no such option
    current: str

    @property
    def words(self) -> tuple[list[Piece], list[Piece]]:
        """This version's text with the words removed since marked, and the current one's with
        the words added marked."""
        return changed_words(self.this, self.current)


def _shown(value) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _option_shown(option: Option | None) -> str:
    return "" if option is None else f"{option.text} ({_shown(option.points)} points)"


def differences(this: Question, current: Question) -> list[Difference]:
    """Every content field that differs, then every option added, removed or changed."""
    found = [Difference(f.name.replace("_", " "), _shown(getattr(this, f.name)), _shown(getattr(current, f.name)))
             for f in dataclasses.fields(Question)
             if f.name not in NOT_CONTENT and getattr(this, f.name) != getattr(current, f.name)]
    if [o.id for o in this.options] != [o.id for o in current.options] and \
            {o.id for o in this.options} == {o.id for o in current.options}:
        found.append(Difference("order of options", _shown(tuple(o.id for o in this.options)),
                                _shown(tuple(o.id for o in current.options))))
    for option_id in dict.fromkeys([o.id for o in this.options] + [o.id for o in current.options]):
        old, new = this.option(option_id), current.option(option_id)
        if old is None or new is None:
            found.append(Difference(f"option {option_id}", _option_shown(old), _option_shown(new)))
            continue
        found += [Difference(f"option {option_id}: {name}", _shown(getattr(old, name)), _shown(getattr(new, name)))
                  for name in OPTION_FIELDS if getattr(old, name) != getattr(new, name)]
    return found
