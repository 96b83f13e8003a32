"""Whether a SECRET_KEY is strong enough to sign sessions: zxcvbn's estimate of how many
guesses it takes (dictionaries, keyboard walks, sequences, repeats, dates), and no whitespace.

No estimator knows every famous phrase (zxcvbn gives the pangram `the quick brown fox jumps over
the lazy dog` 129 bits), but a key made by a machine, as the docs say to make one, never holds a
space, a tab or a line break: a key that does was typed by a person.

Words joined by `-`, `_` or `.` instead (`the-quick-brown-fox-...`) keep zxcvbn from matching
them as words: it counts each separated run as random characters (129 bits again). A guesser's
word list tries those separators, so a key is judged as the weaker of itself and itself with them
taken out (the pangram: 91 bits). A machine-made key loses only the few it happens to hold.

zxcvbn credits at most log2(10) bits to each character it cannot match, so `secrets.token_hex(32)`
(64 characters) scores about 190 to 210 bits and `secrets.token_urlsafe(32)` about 127 to 143;
passphrases and keyboard walks score under 101 as written (issue 32).
"""

from __future__ import annotations

import math

from zxcvbn import zxcvbn

# NIST SP 800-57's least security strength for a key in use today; above every passphrase,
# keyboard walk and repeat measured for issue 32 (the highest, correct-horse-battery-staple-
# orange-river, 100.6), far below any key made as HOW_TO_MAKE_A_KEY says.
MIN_KEY_BITS = 112
# zxcvbn's own default limit: its documentation advises against raising it, as the time taken
# grows quickly with the length. A longer key is judged by its first MAX_SCORED characters,
# which can only underestimate it.
MAX_SCORED = 72
HOW_TO_MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


WORD_SEPARATORS = str.maketrans("", "", "-_.")


def estimated_bits(key: str) -> float:
    """log2 of the guesses zxcvbn estimates the key's first MAX_SCORED characters take, as
    written or without word separators, whichever is fewer."""
    return min(math.log2(zxcvbn(text[:MAX_SCORED], max_length=MAX_SCORED)["guesses"])
               for text in {key, key.translate(WORD_SEPARATORS)})


def weak_key_reason(key: str) -> str | None:
    """Why a SECRET_KEY is too weak to sign sessions, in words for its owner; None when fine."""
    # First: besides its own meaning, zxcvbn 4.5.0 raises ValueError on some keys with a line
    # break in them (its date matching reads "\n" as a digit).
    if any(character.isspace() for character in key):
        return "it contains a space or another blank character, so a person typed it"
    if (bits := estimated_bits(key)) < MIN_KEY_BITS:
        return (f"it is too easy to guess (about {bits:.0f} bits by zxcvbn's estimate, which knows "
                f"words, names, keyboard patterns, sequences and repeats; at least {MIN_KEY_BITS} "
                "are needed)")
    return None
