"""Lexical features shared by the summary and the support finder: tokens, light stems, IDF.

No model and no download: a regex tokenizer, a small suffix stripper and scikit-learn's stop list.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..stopwords import ENGLISH_STOP_WORDS
from .dates import SCALES  # the claims read '2.7 million' and '500k' by the same table

LETTERS = r"[^\W\d_]+"  # a run of letters of any script: "Müller" is one word, not "M" and "ller"
TOKEN = re.compile(LETTERS + r"(?:['’]" + LETTERS + r")?|\d+(?:[.,]\d+)*")
NUMBER = re.compile(r"^\d")
# words that carry no content of their own in news prose, on top of the generic stop list
EXTRA_STOP = frozenset("said says say told according mr mrs ms dr just like also new year years".split())
STOP = frozenset(ENGLISH_STOP_WORDS) | EXTRA_STOP
_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", ""))
MIN_STEM = 3  # never strip a word below this many letters


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude, deterministic suffix stripper: enough to match plural/past/gerund forms across outlets.
    A final 'e' goes too, so that 'state' meets 'states' and 'legalize' meets 'legalized' (both stripped
    of their ending, both 'stat', 'legaliz')."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if NUMBER.match(w):
        return w.replace(",", "")
    return _drop_e(_strip_suffix(w))


def _strip_suffix(w: str) -> str:
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= MIN_STEM:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            base = w[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stabbed -> stab, running -> run
            return base
    return w


def _drop_e(base: str) -> str:
    return base[:-1] if base.endswith("e") and len(base) > MIN_STEM else base


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def stems(text: str) -> list[str]:
    """Stems of every word, stop words included (for bigrams and length)."""
    return [stem(t) for t in tokens(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the content words, in order."""
    return [stem(t) for t in tokens(text) if t.lower() not in STOP and (len(t) > 1 or t.isdigit())]


def content_bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    """Bigrams of all stems where at least one side is not a stop word."""
    out = set()
    for a, b in zip(words, words[1:]):
        if a not in STOP or b not in STOP:
            out.add((a, b))
    return out


# a figure with its scale: "2.7 million", "943K", "$1.5bn", "£20m" ("200m" alone is a distance, not money)
SCALED = re.compile(r"(?<![\w.,])(?:[$£€]\s?(\d+(?:[.,]\d+)*)\s?(m|bn|k)\b|(\d+(?:[.,]\d+)*)(?:\s?(bn)|(k))\b|"
                    r"(\d+(?:[.,]\d+)*)\s+(thousand|million|billion|trillion)\b)", re.IGNORECASE)


def numbers(text: str) -> set[str]:
    """The figures of a text, commas dropped and scales applied: "2.7 million", "2,700,000" and "2.7m" (money)
    are all "2700000", so outlets that write a figure differently agree on it."""
    out = {t.replace(",", "") for t in tokens(text) if NUMBER.match(t)}
    for match in SCALED.finditer(text):
        groups = [g for g in match.groups() if g]
        mantissa, scale = groups[0].replace(",", ""), groups[1].lower()
        try:
            value = float(mantissa) * SCALES[scale]
        except ValueError:
            continue
        out.discard(mantissa)
        out.add(str(int(value)) if value.is_integer() else str(value))
    return out


def word_count(text: str) -> int:
    """Words as the length bound counts them: whitespace-separated tokens."""
    return len(text.split())


def idf(docs: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over any bags (sentences or articles)."""
    df: Counter[str] = Counter()
    n = 0
    for bag in docs:
        n += 1
        df.update(set(bag))
    return {w: math.log((n + 1) / (c + 0.5)) + 1.0 for w, c in df.items()}
