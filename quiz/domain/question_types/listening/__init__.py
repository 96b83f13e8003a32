"""Listening: one or two short generated clips, then a single choice about what they hold (is
the second note flat or sharp, which clip is louder, which band was boosted). The key is a
physical fact: the question's `stimulus` names what to generate, the stimulus's kind works out
which answer is right and what each other answer earns (nothing, or half for a chord with the
right third), and the bank refuses a question keyed otherwise (see quiz/domain/audio
and docs/listening.md). What the taker hears: the tested side of calibration.

Every listening question also offers "I can't listen right now" (no headphones, a noisy room, a
hearing difference): stored as the taker's answer but never scored, like a self-rating's "I
haven't had the chance yet", and named in the report.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from quiz.domain import audio
from quiz.domain.question_types.base import Option, Selection
from quiz.domain.question_types.fields import PointsQuestion
from quiz.domain.question_types.single_choice import SingleChoice

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question

CANT_LISTEN = Option(id="unheard", text="I can't listen right now")  # its id sorts after every answer's


class ListeningFields(PointsQuestion):
    """A scenario's fields and the `stimulus:` mapping, whose shape and fields `problems` checks
    (quiz.domain.audio knows each kind of stimulus, and says what a stimulus must be)."""

    stimulus: Any = None

    def own_fields(self) -> dict:
        stimulus, _ = audio.parse(self.stimulus)
        return {"stimulus": stimulus}


class Listening(SingleChoice):
    name = "listening"
    label = "Listening"
    described = "short clips you listen to and say what you hear"
    keyed = False  # the key is a physical fact, not a judgement: no rationale needed
    shuffled = False  # shown in the kind's order (display_options)
    plays_clips = True
    fields = ListeningFields
    taker_template = "question_types/listening.html"
    editor_template = "question_types/stimulus_editor.html"
    editor_hint = ("Write the stimulus (what the app generates) and give options whose ids are "
                   "the stimulus kind's answers; the option the stimulus makes right scores the "
                   "most, the others nothing (a chord answer with the right third: half). "
                   "\u201cI can't listen right now\u201d is added to every listening question.")

    # --- the bank's rules -------------------------------------------------------------

    def completed_options(self, options: tuple[Option, ...]) -> tuple[Option, ...]:
        """The options as written, then "I can't listen right now"."""
        return (*options, CANT_LISTEN)

    def written_options(self, question: Question) -> tuple[Option, ...]:
        return tuple(o for o in question.options if o.id != CANT_LISTEN.id)

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        stimulus, stimulus_problems = audio.parse(data.get("stimulus"))
        found = [("stimulus", f"{problem} in question {qid}") for problem in stimulus_problems]
        written = [o for o in options if o.id != CANT_LISTEN.id]
        if len(written) < len(options) - 1:
            found.append(("options", f"option id {CANT_LISTEN.id!r} is added to every listening "
                                     f"question; question {qid} cannot write its own"))
        found += super().problems(data, tuple(written), qid)
        if stimulus is None or found:
            return found
        kind = audio.kind_of(stimulus)
        for index, option in enumerate(written):
            if option.id not in kind.answers:
                found.append((f"options.{index}.id", (
                    f"option {option.id!r} of {qid} is not an answer to a {kind.name} stimulus "
                    f"(use {', '.join(kind.answers)})")))
        if found:
            return found
        right = kind.answer(stimulus)
        best = max(o.points for o in written)  # there are two or more: the base rule is met
        keyed = [o.id for o in written if o.points == best]
        if keyed != [right]:
            found.append(("options", (
                f"the stimulus of {qid} makes {right!r} the right answer: it must be an option "
                f"and the only one with the most points (now {', '.join(keyed)})")))
            return found
        for index, option in enumerate(written):
            owed = best * kind.credit(stimulus, option.id)
            if option.points != owed:
                found.append((f"options.{index}.points", (
                    f"option {option.id!r} of {qid} earns {owed:g} of {best:g} points: that is what "
                    f"the {kind.name} stimulus makes it worth (now {option.points:g})")))
        return found

    def export_fields(self, question: Question) -> dict:
        return {"stimulus": question.stimulus.as_dict()}

    # --- what the taker sees and hears ------------------------------------------------

    def clips(self, question: Question) -> tuple[audio.Clip, ...]:
        return audio.clips(question.stimulus)

    def step(self, question: Question) -> str:
        """The difficulty step, as the statistics page names it: "pitch, 25 cents"."""
        return f"{question.stimulus.kind}, {audio.kind_of(question.stimulus).step(question.stimulus)}"

    def display_options(self, question: Question, seed: str) -> tuple[Option, ...]:
        """The answers in their kind's order (flat, in tune, sharp; clip A, clip B; major, minor,
        diminished, augmented) whatever order they are written in, the same on every question
        of the kind; "I can't listen right now" last. The order tells nothing: it is the same
        whichever answer is right."""
        kind = audio.kind_of(question.stimulus)
        # An answer the kind no longer has sorts after its answers: a version saved before the
        # kind changed (a chord's "other", before diminished and augmented) still shows.
        place = {answer: index for index, answer in enumerate(kind.answers)}
        heard = sorted(self.written_options(question), key=lambda o: place.get(o.id, len(place)))
        return (*heard, *(o for o in question.options if o.id == CANT_LISTEN.id))

    def off_scale(self, option: Option) -> bool:
        """Whether an option stands apart from the answers ("I can't listen right now")."""
        return option.id == CANT_LISTEN.id

    # --- scoring ----------------------------------------------------------------------

    def scored(self, question: Question, answer: Collection[str]) -> Selection:
        """The answer "I can't listen right now" is kept but scores like no answer."""
        return () if self.excused(answer) else tuple(answer)

    def excused(self, answer: Collection[str]) -> bool:
        return CANT_LISTEN.id in answer

    def levels(self, question: Question) -> tuple[float, ...]:
        return tuple(sorted({self.fraction(question, (o.id,)) for o in self.written_options(question)}))

    def key_rows(self, question: Question) -> list[tuple[Option, str]]:
        return [(o, "not scored" if self.off_scale(o) else f"{o.points:g}") for o in question.options]

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        return f'you answered "{self.chosen(question, answer)[0].text}" to "{question.prompt}"'
