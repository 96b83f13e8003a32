"""How many actions a text joins: the "asks two things" heuristic, for a self-rating that asks
two things at once and for an option written as two steps ("do X and ask Y"). Pure Python.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

# --- "asks two things": the heuristic -----------------------------------------------------
# A self-rating asks two things when "and" or "or" starts a second action: the next word
# (after adverbs such as "then" or "also", a modal and the pronoun "I") is a verb of the
# lists below, in its base, -s, -ed or -ing form. Words that are nouns as often as verbs
# ("mix", "track", "record") count only when an object follows them ("and mix the vocals",
# not "the vocals and mix."). Two -ing words joined ("recording and mixing") also count.
# Fixed phrases ("rock and roll", "trial and error") never do.
VERBS = frozenset("""
    ask assist agree adjust apologise apologize arrange bring build calm change charge check
    choose clear coach compare compose connect contact count deal decide defuse deliver design
    direct discuss distribute encourage estimate explain find fix follow get give go handle hear
    help hire hum keep lead learn leave let listen make manage meet move negotiate notice
    organise organize panic pay perform pick plan play practise practice price produce program
    programme promote push put read register release remove replace resolve respond rewrite run
    save say send settle share show sign sing speak spot start stay stick stop suggest talk
    teach tell test transcribe try tune understand upload use work write
""".split())
NOUN_VERBS = frozenset("""
    back book budget call chart cue cut edit file label layer master mix monitor name note patch
    record route sample schedule set split track update
""".split())
SKIPPED = frozenset(("then", "also", "usually", "often", "always", "never", "still", "can",
                     "could", "will", "would", "do", "i", "we", "they", "you", "later",
                     "quickly", "carefully"))
OBJECT_STARTS = frozenset(("the", "a", "an", "my", "our", "their", "his", "her", "its", "it",
                           "them", "this", "that", "these", "those", "to", "with", "for", "on",
                           "up", "out", "in", "down", "back", "what", "how", "when", "every",
                           "each", "all", "any", "some", "everyone", "people", "others"))
FIXED_PHRASES = frozenset(("rock and roll", "rhythm and blues", "call and response",
                           "trial and error", "drum and bass", "cut and paste", "copy and paste",
                           "back and forth", "give and take", "hit or miss", "more or less",
                           "sooner or later", "on and off", "pros and cons", "stop and start",
                           "question and answer", "verse and chorus", "bass and drums"))


def _forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") and verb not in ("be", "see") else verb
    plural = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "o")) else "s")
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    return {verb, plural, past, stem + "ing"}


VERB_FORMS = frozenset(form for verb in VERBS for form in _forms(verb))
NOUN_VERB_FORMS = frozenset(form for verb in NOUN_VERBS for form in _forms(verb))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def two_things(prompt: str) -> str | None:
    """The "and"/"or" phrase that joins two actions in a statement, or None (the heuristic
    above: a warning to read the item again, not a verdict)."""
    tokens = words(prompt)
    for i, token in enumerate(tokens):
        if token not in ("and", "or") or i == 0:
            continue
        if " ".join(tokens[i - 1:i + 2]) in FIXED_PHRASES:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j] in SKIPPED:
            j += 1
        if j >= len(tokens):
            continue
        following = tokens[j + 1] if j + 1 < len(tokens) else ""
        candidate, before = tokens[j], tokens[i - 1]
        verb = candidate in VERB_FORMS or (
            candidate in NOUN_VERB_FORMS and (following in OBJECT_STARTS or following.endswith("ly")))
        joined_ing = candidate.endswith("ing") and before.endswith("ing") and len(before) > 4
        if verb or joined_ing:
            return " ".join(tokens[i - 1:j + 1])
    return None
