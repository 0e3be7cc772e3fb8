"""Language ID of a body: plainly English running text is told by its function words, the rest by py3langid.

py3langid costs NumPy's import and its model's load in every process (0.1-0.4 s) and about 1 ms a page.
Running English has a share of function words ('the', 'of', 'and'...) that no other language's text
reaches; where a sample has that share, at least MIN_WORDS words and nearly all of them ASCII, py3langid says
'en' too, so it is not asked. Measured on 1,802 extracted bodies (AEB, WCXB dev, their plain texts) and
8,000 Multi-News documents: the test never fires on a text py3langid calls anything but 'en'
(`python -m newsfuse.extraction.lang` reruns that check).
"""

from __future__ import annotations

import re
import sys

ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is that for it was on with as he be at by his this are from have has not but an they "
    "which or were had been their will its would who she her we".split())
FUNCTION_SHARE_MIN = 0.2  # running English sits around 0.35-0.45; French, Latin or code stay far below
ASCII_SHARE_MIN = 0.97  # words outside ASCII (accents, other scripts) leave the call to py3langid
MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


def plainly_english(sample: str) -> bool:
    """Whether the sample is running English by its function words (see the module docstring)."""
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return False
    ascii_words = sum(1 for w in words if w.isascii())
    if ascii_words < ASCII_SHARE_MIN * len(words):
        return False
    function = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    return function >= FUNCTION_SHARE_MIN * len(words)


def language(sample: str) -> str:
    """ISO 639-1 code of `sample`: 'en' for plainly English text, else py3langid's call."""
    if plainly_english(sample):
        return "en"
    from .disk_cache import classify_lang  # py3langid, its model unpacked once per machine

    return classify_lang(sample)


def _check(paths: list[str]) -> int:
    """Texts (JSON lines with "text" or Multi-News "documents") where the test fires but py3langid disagrees."""
    import gzip
    import json

    from .disk_cache import classify_lang

    fired = disagree = total = 0
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                for text in record.get("documents") or [record.get("text") or ""]:
                    sample = text[:400]
                    if len(sample) < 120:
                        continue
                    total += 1
                    if plainly_english(sample):
                        fired += 1
                        if classify_lang(sample) != "en":
                            disagree += 1
                            print(f"disagree: {sample[:120]!r}")
    print(f"{total} texts, test fired on {fired}, py3langid disagreed on {disagree}")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(_check(sys.argv[1:]))
