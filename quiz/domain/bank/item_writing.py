"""Item-writing checks: the cues that let a test-wise taker score without knowing the work,
and the habits of a well-written question (see /README.md, "Writing questions").

Pure Python on plain questions. Used by `bank check` (which turns each warning's field into a
file:line), by the instructor editor (warnings beside the question) and by the tests.

Per question, warnings:
- a scenario's keyed option (the one scoring the most) is much longer than the others;
- an absolute or cue word ("always", "quietly", ...) appears only in distractors;
- an option refers to other options ("all of the above"): options are shuffled;
- a wording cue (`cues`) in a scenario's distractors and not its key (a wrong option that
  justifies itself), or in its key and no distractor (two steps, talking or asking);
- a self-rating asks two things (see `two_things`);
- a question asking what the taker has done states no time window;
- a keyed question (scenario, ordering) has no rationale: the one warning `--strict` fails on.

Whole bank, over the scenarios (single-choice questions), figures with targets:
- the share of scenarios whose keyed option is strictly the longest (at most 30 %);
- what each test-wise strategy scores above random picking (at most 15 points of 100), where a
  strategy's score is the weight-weighted mean over scenarios of (points of the chosen option /
  the most points) x 100, ties within a strategy averaged over the tied options:
  longest (most characters), most clauses (1 + commas + semicolons + joining words), avoid
  absolutes (uniform among the options with no absolute word; all of them if each has one),
  and the wording cues of `cues`: avoid self-justifying options, pick two steps, pick the
  option where you talk, ask or agree, and all of them combined. Averaging over the tied
  options is a taker breaking ties at random, as the options are shown shuffled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from quiz.domain.bank import cues
from quiz.domain.bank.actions import two_things, words
from quiz.domain.question_types import SELF_REPORT, Option
from quiz.domain.question_types.question import Question

LONG_KEY_RATIO = 1.3  # a key longer than this times the mean length of the other options
KEY_LONGEST_TARGET = 30.0  # % of scenarios whose key may be strictly the longest option
STRATEGY_TARGET = 15.0  # points (of 100) a test-wise strategy may score above random picking

ABSOLUTES = frozenset(("always", "never", "every", "everything", "everyone", "all", "none",
                       "nothing", "only", "must", "completely", "entirely", "totally",
                       "immediately", "quietly"))
CLAUSE_WORDS = frozenset(("and", "but", "then", "so", "while", "before", "after", "because",
                          "until", "if", "or", "when"))
CROSS_REFERENCE = re.compile(
    r"\b(?:both|all|none|either|neither|any) of (?:the above|the below|these|the others)\b"
    r"|\bthe (?:above|previous|next|other) (?:options?|answers?)\b", re.IGNORECASE)
TIME_WINDOW = re.compile(
    r"\b(?:in|over|during|within) the (?:last|past)\b|\bso far\b|\bever\b|\bto date\b|\bsince\b"
    r"|\b(?:this|last|past) (?:year|month|season|term)\b|\bin your life\b", re.IGNORECASE)
# --- per question --------------------------------------------------------------------------

@dataclass(frozen=True)
class Warning:
    question_id: str
    field: str | None  # as the bank's rules name fields: "prompt", "options.2.text", "rationale"
    message: str
    strict: bool = False  # also an error under `bank check --strict`


def is_scenario(question: Question) -> bool:
    """One option picked, one of them keyed: what the test-wise figures are about."""
    kind = question.kind
    return kind.keyed and kind.options_are_choices and not kind.multiple


def _keyed(question: Question) -> list[int]:
    best = question.best_points
    return [i for i, o in enumerate(question.options) if o.points == best]


def _long_key(question: Question) -> list[Warning]:
    found = []
    keyed = _keyed(question)
    for i in keyed:
        others = [len(o.text) for j, o in enumerate(question.options) if j not in keyed]
        if not others:
            continue
        mean = sum(others) / len(others)
        key = question.options[i]
        if len(key.text) > LONG_KEY_RATIO * mean:
            found.append(Warning(question.id, f"options.{i}.text", (
                f"the keyed option {key.id} of {question.id} has {len(key.text)} characters, "
                f"{len(key.text) / mean:.1f} times the mean of the others ({mean:.0f}): "
                "a test-wise taker picks the longest")))
    return found


def _absolutes(option: Option) -> set[str]:
    return set(words(option.text)) & ABSOLUTES


def _cue_words(question: Question) -> list[Warning]:
    keyed = _keyed(question)
    in_keys = set().union(*(_absolutes(question.options[i]) for i in keyed))
    found = []
    for word in sorted(ABSOLUTES - in_keys):
        holders = [i for i, o in enumerate(question.options) if i not in keyed and word in _absolutes(o)]
        if holders:
            ids = ", ".join(question.options[i].id for i in holders)
            found.append(Warning(question.id, f"options.{holders[0]}.text", (
                f"the cue word {word!r} appears only in distractors of {question.id} "
                f"(option {ids}): a test-wise taker avoids it")))
    return found


def _cross_references(question: Question) -> list[Warning]:
    return [Warning(question.id, f"options.{i}.text", (
                f"option {o.id} of {question.id} refers to other options "
                f"({match.group(0)!r}); the options are shown in a different order to each taker"))
            for i, o in enumerate(question.options)
            if not o.none and (match := CROSS_REFERENCE.search(o.text))]


WORDING_CUES = (  # (test, the cue in words, found in the key rather than in distractors)
    (cues.justifies_itself, "justifies itself", False),
    (cues.two_steps, "is written as two steps", True),
    (cues.talks, "is the one where you talk, ask or agree", True),
)


def _wording_cues(question: Question) -> list[Warning]:
    """A cue a test-wise taker can follow: in distractors only (to avoid) or in keys only (to pick)."""
    keyed = _keyed(question)
    found = []
    for test, cue, in_key in WORDING_CUES:
        holders = [i for i, o in enumerate(question.options) if test(o.text)]
        cued = [i for i in holders if (i in keyed) == in_key]
        if cued and len(cued) == len(holders) and len(holders) < len(question.options):
            option = question.options[cued[0]]
            found.append(Warning(question.id, f"options.{cued[0]}.text", (
                f"option {option.id} of {question.id} {cue} ({test(option.text)!r}) and "
                f"{'no other option does' if in_key else 'no key does'}: a test-wise taker "
                f"{'picks' if in_key else 'avoids'} it")))
    return found


def question_warnings(question: Question) -> list[Warning]:
    """What a careful item writer would look at again in this question."""
    kind = question.kind
    found: list[Warning] = []
    if is_scenario(question):
        found += _long_key(question) + _cue_words(question) + _wording_cues(question)
    if kind.takes_options:
        found += _cross_references(question)
    if kind.role == SELF_REPORT and (joined := two_things(question.prompt)):
        found.append(Warning(question.id, "prompt", (
            f"{question.id} may ask two things ({joined!r}): "
            "one behaviour per statement")))
    if kind.needs_time_window and not TIME_WINDOW.search(question.prompt):
        found.append(Warning(question.id, "prompt", (
            f"{question.id} asks what the taker has done but states no time window in its prompt "
            "(e.g. \u201cin the last two years\u201d, \u201cso far\u201d, \u201cever\u201d)")))
    if kind.keyed and not question.rationale:
        found.append(Warning(question.id, "rationale", (
            f"{question.id} has no rationale: say why its key is what a working producer "
            "would do"), strict=True))
    return found


# --- the whole bank: test-wise figures -----------------------------------------------------

def clauses(text: str) -> int:
    """1 + commas + semicolons + joining words ("and", "because", ...)."""
    return 1 + text.count(",") + text.count(";") + sum(w in CLAUSE_WORDS for w in words(text))


def _ties(options: Sequence[Option], measure: Callable[[Option], float]) -> list[Option]:
    top = max(measure(o) for o in options)
    return [o for o in options if measure(o) == top]


def longest(options: Sequence[Option]) -> list[Option]:
    return _ties(options, lambda o: len(o.text))


def most_clauses(options: Sequence[Option]) -> list[Option]:
    return _ties(options, lambda o: clauses(o.text))


def avoid_absolutes(options: Sequence[Option]) -> list[Option]:
    plain = [o for o in options if not _absolutes(o)]
    return plain or list(options)


def random_pick(options: Sequence[Option]) -> list[Option]:
    return list(options)


STRATEGIES: dict[str, Callable[[Sequence[Option]], list[Option]]] = {
    "pick the longest option": longest,
    "pick the option with the most clauses": most_clauses,
    "avoid options with absolute words": avoid_absolutes,
    **cues.STRATEGIES,
}


def strategy_score(questions: Iterable[Question],
                   pick: Callable[[Sequence[Option]], list[Option]]) -> float:
    """Weight-weighted mean over the questions of the share of the most points that the
    picked options earn on average, x 100."""
    earned = total = 0.0
    for q in questions:
        chosen = pick(q.options)
        earned += q.weight * sum(o.points for o in chosen) / len(chosen) / q.best_points
        total += q.weight
    return 100 * earned / total if total else 0.0


@dataclass(frozen=True)
class CueFigures:
    scenarios: int
    key_longest: int  # scenarios whose keyed option is strictly the longest
    random: float  # score of random picking, 0..100
    strategies: dict[str, float]  # strategy -> its score minus random picking's

    @property
    def key_longest_share(self) -> float:
        return 100 * self.key_longest / self.scenarios if self.scenarios else 0.0

    def missed(self) -> list[str]:
        """The figures that miss their targets, in words."""
        found = []
        if self.key_longest_share > KEY_LONGEST_TARGET:
            found.append(f"the keyed option is strictly the longest in {self.key_longest_share:.0f} % "
                         f"of scenarios (target: at most {KEY_LONGEST_TARGET:.0f} %)")
        found += [f"'{name}' scores {above:+.1f} points above random picking "
                  f"(target: at most +{STRATEGY_TARGET:.0f})"
                  for name, above in self.strategies.items() if above > STRATEGY_TARGET]
        return found

    def lines(self) -> list[str]:
        share_ok = self.key_longest_share <= KEY_LONGEST_TARGET
        rows = [f"Cue figures over {self.scenarios} scenarios:",
                f"  keyed option strictly the longest: {self.key_longest} of {self.scenarios} "
                f"({self.key_longest_share:.0f} %; target at most {KEY_LONGEST_TARGET:.0f} %) "
                f"{_mark(share_ok)}",
                f"  random picking scores {self.random:.1f} of 100"]
        rows += [f"  {name}: {above:+.1f} points above random (target at most "
                 f"+{STRATEGY_TARGET:.0f}) {_mark(above <= STRATEGY_TARGET)}"
                 for name, above in self.strategies.items()]
        return rows


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def key_is_strictly_longest(question: Question) -> bool:
    tied = longest(question.options)
    return len(tied) == 1 and tied[0].points == question.best_points


def cue_figures(questions: Iterable[Question]) -> CueFigures:
    """The test-wise figures over the active scenarios among `questions`."""
    scenarios = [q for q in questions if is_scenario(q) and not q.retired and q.best_points > 0]
    random = strategy_score(scenarios, random_pick)
    return CueFigures(
        scenarios=len(scenarios),
        key_longest=sum(key_is_strictly_longest(q) for q in scenarios),
        random=random,
        strategies={name: strategy_score(scenarios, pick) - random
                    for name, pick in STRATEGIES.items()})
