"""How hard a secret key is to guess, in bits: an estimate in the manner of zxcvbn, pure Python.

The key is read left to right. At each place the longest guessable part found there costs what
an attacker needs to guess it; any other character costs the bits of one random character:

- a common word (from the short list below, any case, with 0/1/3/4/5/7/@/$ read as letters):
  log2 of the list's length, plus a bit for capitals and one for such digits;
- a sequence of three or more (`abcd`, `9876`, `qwerty` along a keyboard row): the bits of its
  first character plus log2 of its length;
- a year (19xx, 20xx): log2(200);
- a repeat of three or more characters seen earlier in the key: log2 of where it was plus log2 of
  its length;
- any other letter or digit: log2 of the alphabet the key draws on, each of lowercase, uppercase
  and digits counted whole when the key uses it (16 when it is all hex); a symbol: log2 of the
  number of different symbols the key uses, plus one (a separator repeated costs little).

`secrets.token_hex(32)` scores about 250 bits, `secrets.token_urlsafe(32)` about 240; a key made of
words, sequences and a year scores far below `startup.MIN_KEY_BITS`.
"""

from __future__ import annotations

import math
import re
import string

WORDS = frozenset("""
    the and for are but not you all any can her was one our out day get has him his how man new
    now old see two way who boy did its let put say she too use this that with have from they will
    your what when make like time just know take into year good some them than then look only come
    over think also back after work first well even want because these give most very long many
    much more such here where there their which would could should about other really always never
    every thing things stuff best great little big small super mega ultra extra strong secure
    security safe safety random private public hidden hide my mine key keys secret secrets password
    passwords passwd pass word words phrase passphrase token tokens sign signed signing change
    changeme default example sample test testing tests demo dev devel develop development prod
    production staging stage local localhost admin administrator root user users login logout
    signin session sessions cookie cookies csrf flask django python app apps application web
    website site server service quiz quizzes quizapp producer producers produce ready readiness
    music musician studio record recording mix mixing master mastering beat beats sound audio song
    songs course class school teacher student students learn learning letmein welcome hello world
    qwerty iloveyou love monkey dragon sunshine princess football baseball shadow abc xyz foo bar
    baz lorem ipsum value config settings setting env environment temp tmp zero one two three four
    five six seven eight nine ten hundred thousand million second third final version copy
    generated generate insecure unsafe replace please dont never commit
""".split())
LONGEST_WORD = max(map(len, WORDS))
WORD_BITS = math.log2(len(WORDS))
LEET = str.maketrans("013457@$", "oieastas")
KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
YEAR = re.compile(r"(?:19|20)\d\d")
SHORTEST = 3  # the fewest characters a word, sequence or repeat has
READ = 256  # characters estimated: enough for any key, and the estimate's time stays small


def _alphabet(key: str) -> int:
    """How many letters and digits each character of the key could be."""
    if all(c in string.hexdigits for c in key) and (key.islower() or key.isupper() or key.isdigit()):
        return 16
    return sum(size for chars, size in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26),
                                        (string.digits, 10))
               if any(c in chars for c in key)) or 1


def _word(key: str, start: int) -> tuple[int, float] | None:
    """The longest listed word at `start`: (its length, its bits)."""
    for end in range(min(len(key), start + LONGEST_WORD), start + SHORTEST - 1, -1):
        part = key[start:end]
        plain = part.lower().translate(LEET)
        if plain in WORDS:
            return end - start, WORD_BITS + (part.lower() != part) + (plain != part.lower())
    return None


def _in_sequence(previous: str, current: str) -> int | None:
    """The step from one character to the next along the alphabet, digits or a keyboard row."""
    a, b = previous.lower(), current.lower()
    if abs(ord(b) - ord(a)) == 1 and a.isalnum() and b.isalnum():
        return ord(b) - ord(a)
    for row in KEYBOARD_ROWS:
        if a in row and b in row and abs(row.index(b) - row.index(a)) == 1:
            return 10 * (row.index(b) - row.index(a))  # a step of its own kind
    return None


def _sequence(key: str, start: int) -> int:
    """The length of the run at `start` whose every step is the same."""
    end = start + 1
    step = None
    while end < len(key):
        this = _in_sequence(key[end - 1], key[end])
        if this is None or (step is not None and this != step):
            break
        step, end = this, end + 1
    return end - start


def _repeat(key: str, start: int) -> tuple[int, int] | None:
    """The longest part at `start` seen earlier in the key: (its length, where it was)."""
    lowered = key.lower()
    for end in range(len(key), start + SHORTEST - 1, -1):
        earlier = lowered.find(lowered[start:end], 0, end - 1)
        if 0 <= earlier < start:
            return end - start, earlier
    return None


def estimated_bits(key: str) -> float:
    """About how many bits of guessing the key takes (see the module's docstring); only its
    first READ characters count."""
    key = key[:READ]
    alphabet = _alphabet(key)
    symbols = len({c for c in key if not c.isalnum()}) + 1
    bits, place = 0.0, 0
    while place < len(key):
        one = math.log2(alphabet if key[place].isalnum() else symbols)
        found = [(1, one)]
        if word := _word(key, place):
            found.append(word)
        if (length := _sequence(key, place)) >= SHORTEST:
            found.append((length, one + math.log2(length)))
        if YEAR.match(key, place):
            found.append((4, math.log2(200)))
        if repeat := _repeat(key, place):
            length, earlier = repeat
            found.append((length, math.log2(earlier + 1) + math.log2(length)))
        length, cost = max(found, key=lambda match: (match[0], -match[1]))  # longest, then cheapest
        bits += cost
        place += length
    return bits
