"""The taker's report in plain words: what the figures of the scoring engine say, for a reader
of 16-30 on a phone who is not a statistician.

Pure text functions of figures already decided elsewhere (chances, band names, area titles):
no scoring here, so the rules stay in `scoring` and the statistics, and the words stay here,
where a test can read every sentence the report can say. Statistical terms belong in the
"How sure is this?" disclosures only; `BANNED_TERMS` lists them and the report's tests check
the rest of the page against it. The calibrated chances behind the words are those of
"How this quiz measures": "sure" at least VERY_LIKELY, "probably" at least LIKELY.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

VERY_LIKELY = 0.9
LIKELY = 0.66

# Words a beginner does not use: they may appear only inside a "How sure is this?" disclosure
# (on the taker's report; the teachers' pages and the measures page keep their statistics).
# Everyday words the bank's questions use ("estimate", "reliable", a singer's "range", a
# performer's "confidence") are not on the list: only their statistical phrasings are.
BANNED_TERMS = (
    r"\b\d+ ?%", r"\blikely ranges?\b", r"\branges? \(", r"\branges? of (your|the) (true )?score",
    r"\bmeasurement error", r"\bstandard (error|deviation)",
    r"\bpercentile", r"\bsignifican", r"\bconfidence (interval|level)", r"\binterval", r"\bstatistic",
    r"\bprobabilit", r"\bcorrelat", r"\bcalibrat", r"\bnorm group", r"\bz-?score", r"\bp-?value",
    r"\bSEM\b", r"\balpha\b", r"\bHolm", r"\bWald\b", r"\bKelley", r"\breliability", r"\breliable change",
    r"\btrue score", r"\bbinomial",
    r"\bTOST\b", r"\bequivalence", r"\bregression", r"\bvariance", r"\bposterior",
)
_BANNED = re.compile("|".join(BANNED_TERMS), re.IGNORECASE)


def jargon(text: str) -> list[str]:
    """The banned terms this text uses, as they appear in it."""
    return [match.group(0) for match in _BANNED.finditer(text)]


def level(best: str, chance: float, second: str, second_is_higher: bool) -> str:
    """A band in words as sure as its chance: "Ready", "probably Ready (could be one level
    higher)", or "between Developing and Ready"."""
    if chance >= VERY_LIKELY:
        return best
    if chance >= LIKELY:
        return f"probably {best} (could be one level {'higher' if second_is_higher else 'lower'})"
    lower, higher = (best, second) if second_is_higher else (second, best)
    return f"between {lower} and {higher}"


def overall_sentence(level_words: str) -> str:
    """Where the taker stands overall."""
    return f"Overall you are {level_words}."


def no_overall_sentence(missing: Sequence[str]) -> str:
    names = _and(missing)
    return (f"We can't give you an overall level yet: {names} "
            f"{'needs' if len(missing) == 1 else 'need'} more answers.")


def standout(word: str, names: Sequence[str]) -> str | None:
    """"your strongest area is technical skills" (one name), "... is technical skills or
    creativity" (two); None when no area stands out."""
    if not names:
        return None
    return f"your {word} area is {' or '.join(name.lower() for name in names)}"


def standouts_sentence(strongest: Sequence[str], weakest: Sequence[str], areas: int) -> str:
    """The strongest and weakest area as surely as the answers show them, or plainly that
    the areas are close."""
    strong, weak = standout("strongest", strongest), standout("weakest", weakest)
    if strong and weak:
        return _sentence(f"{strong}; {weak}")
    if strong or weak:
        return _sentence(f"{strong or weak}; your other areas are close together")
    return f"Your {areas} areas are close together: none stands out as strongest or weakest yet."


def first_step(title: str) -> str:
    return f"Start here: {title}"


def no_steps() -> str:
    return "None of your answers points to a next step: keep doing what you do, and take the quiz again later."


def step_reason(labels: Sequence[str], more: int) -> str:
    """Why a next step is on the list: the (at most two) answers that most explain it."""
    text = f"Because of your answer{'s' if len(labels) > 1 else ''} on {_and(labels)}"
    return f"{text} and {more} more." if more else f"{text}."


def short_label(prompt: str, limit: int = 48) -> str:
    """A question's short name until the bank gives every question its own `label`: the
    prompt's first clause, cut at a word boundary."""
    text = re.split(r"(?<=[a-z])[?.:;,] |[?.:;] ?$", prompt.strip(), maxsplit=1)[0].strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:-") + "..."


def sure_figures(score: float, level_name: str, chance: float, low: float, high: float) -> str:
    """The figures behind a level, for its "How sure is this?" disclosure."""
    return (f"Score {score:.0f} of 100. Chance your true level is {level_name}: {100 * chance:.0f} %. "
            f"Likely range (95 %): {low:.0f} to {high:.0f}.")


def come_back(code: str) -> str:
    return (f"This page is yours alone. Keep its link, or write down your code {code}: "
            "on the start page, enter the code to see this report again.")


# Why an answered question is left out of the scores, by the kind of answer, said as
# "N questions <reason> ... left out of this score", then what to do about it. A question type
# with answers that are stored but not scored adds its own.
LEFT_OUT_REASONS = {
    "not-yet": ("you haven't had the chance for yet", ""),
    "unheard": ("with a sound clip you couldn't listen to", " Take the quiz again with headphones to find out how your ears do."),
}


def left_out_line(count: int, reason: str = "not-yet") -> str:
    one = count == 1
    said, advice = LEFT_OUT_REASONS[reason]
    return (f"{count} question{'' if one else 's'} {said} {'is' if one else 'are'} left out of this score: "
            f"{'it does' if one else 'they do'} not count against you.{advice}")


def path_sentence(path: str | None, clearly: bool = False, even: bool = False, missing: bool = False) -> str:
    """Which path the shape of the scores points to, if any."""
    if missing:
        return "We can show which path fits once every area has enough answers."
    if even:
        return (f"Your areas are even, and that suits a {path.lower()}: "
                "a producer needs every area at once.")
    if path:
        return f"Your scores point {'clearly ' if clearly else ''}to the {path.lower()} path."
    return "No path stands out yet: your scores don't lean clearly one way."


def self_view_sentence(compared: bool, side: int = 0) -> str:
    """How the taker rates themselves against what their scenario answers show (side: 1 higher,
    -1 lower, 0 no clear difference)."""
    if not compared:
        return ("Once more people have taken the quiz, this part will compare how you rate yourself "
                "with your answers to the scenarios.")
    if side > 0:
        return ("You rate yourself higher than your scenario answers show. Look at the answers "
                "to look at again below before you rely on your own view.")
    if side < 0:
        return "Your scenario answers show more than you give yourself credit for. Trust them and use them."
    return "How you rate yourself matches what your scenario answers show, as far as this quiz can tell."


def change_words(difference: int, real: bool) -> str:
    """A change since the last attempt: "+8, a real change" or "+3, could be chance"."""
    return f"{difference:+d}, {'a real change' if real else 'could be chance'}"


def skipped_line(count: int) -> str:
    return f"You skipped {count} question{'s' if count != 1 else ''}; skipped questions don't count against you."


def _and(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _sentence(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}."
