"""Names back in lower-cased text (Multi-News writes 'dan brown has topped oxfam's list'), so spaCy finds
the people and organisations it cannot see in lower case.

An article is *lower-cased* when fewer than LOWERCASED_SHARE of its words after a sentence's first word
are capitalised (edited news has 10-20%). Its words are re-cased from two lexicons, lower form -> cased
form: the names written capitalised mid-sentence in the pile's other, cased articles, and
data/truecase.json, built by `lexicon_counts`/`lexicon_from_counts` from cased news (PolNeAR train, DUC
2003, AllSides round-ups): words written capitalised mid-sentence at least LEXICON_MIN_COUNT times and in
at least LEXICON_CAP_SHARE of their mid-sentence uses. Only letters' case changes, so every offset holds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..models import Article

LOWERCASED_SHARE = 0.02  # capitalised share of mid-sentence words under which an article is lower-cased
LEXICON_MIN_COUNT = 3  # mid-sentence capitalised uses a word needs to enter a lexicon
LEXICON_CAP_SHARE = 0.9  # ... and this share of its mid-sentence uses
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?:\"“”]\s*$")
NEVER_RECASED = frozenset({"i", "a"})
_POSSESSIVE = re.compile(r"['’]s?$")


def _mid_sentence_words(text: str) -> Iterable[str]:
    """Words that are not the first of a sentence, a paragraph or a quote."""
    for paragraph in text.split("\n"):
        for found in _WORD.finditer(paragraph):
            before = paragraph[:found.start()]
            if before.strip() and not _SENTENCE_END.search(before):
                yield found.group()


def lexicon_counts(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """(capitalised forms, lower-case uses by lower form) of the mid-sentence words of cased texts."""
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for word in _mid_sentence_words(text):
            word = _POSSESSIVE.sub("", word)
            if word[0].isupper():
                capitalised[word] += 1
            elif word.islower():
                lower[word] += 1
    return capitalised, lower


def lexicon_from_counts(counts: tuple[Counter[str], Counter[str]]) -> dict[str, str]:
    """lower form -> its most common capitalised form, for words capitalised in nearly all their uses."""
    capitalised, lower = counts
    by_lower: dict[str, Counter[str]] = {}
    for word, n in capitalised.items():
        by_lower.setdefault(word.lower(), Counter())[word] += n
    out = {}
    for key, forms in by_lower.items():
        total = sum(forms.values())
        if key in NEVER_RECASED or len(key) < 2 or total < LEXICON_MIN_COUNT:
            continue
        if total >= LEXICON_CAP_SHARE * (total + lower[key]):
            out[key] = forms.most_common(1)[0][0]
    return out


@lru_cache(maxsize=1)
def shipped_lexicon() -> dict[str, str]:
    data = resources.files("newsfuse").joinpath("data/truecase.json")
    return dict(json.loads(data.read_text("utf-8"))) if data.is_file() else {}


def is_lowercased(article: Article) -> bool:
    words = list(_mid_sentence_words(article.text))
    return len(words) >= 20 and sum(w[0].isupper() for w in words) < LOWERCASED_SHARE * len(words)


def pile_lexicon(articles: Sequence[Article]) -> dict[str, str]:
    """The shipped lexicon, overridden by how the pile's cased articles write their names."""
    cased = [a.text for a in articles if not is_lowercased(a)]
    pile = lexicon_from_counts(lexicon_counts(cased)) if cased else {}
    return {**shipped_lexicon(), **pile}


def recase(text: str, lexicon: dict[str, str]) -> str:
    """Each word of the lexicon in its cased form; same length, so offsets hold."""
    def cased(found: re.Match[str]) -> str:
        word = found.group()
        base = _POSSESSIVE.sub("", word)
        form = lexicon.get(base)
        return form + word[len(base):] if form and len(form) == len(base) and base.islower() else word

    return _WORD.sub(cased, text)


def truecased(articles: Sequence[Article]) -> list[Article]:
    """The pile with each lower-cased article re-cased (others untouched)."""
    flags = [is_lowercased(a) for a in articles]
    if not any(flags):
        return list(articles)
    lexicon = pile_lexicon(articles)
    return [replace(a, paragraphs=tuple(recase(p, lexicon) for p in a.paragraphs)) if low else a
            for a, low in zip(articles, flags)]


def cased_news_texts(data_dir: str) -> list[str]:
    """The cased news data/truecase.json is built from: PolNeAR train, DUC 2003, AllSides round-ups."""
    import gzip
    from pathlib import Path

    root = Path(data_dir)
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "polnear-dev" / "train" / "text").glob("*.txt"))]
    for name in ("duc2003-novelty.jsonl.gz", "allsides-roundup-val.jsonl.gz"):
        with gzip.open(root / name, "rt", encoding="utf-8") as handle:
            texts += [a["text"] for row in map(json.loads, handle) for a in row.get("articles", [])]
    return texts


if __name__ == "__main__":  # python -m newsfuse.analyse.truecase ../shared/data src/newsfuse/data/truecase.json
    import sys

    built = lexicon_from_counts(lexicon_counts(cased_news_texts(sys.argv[1])))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(dict(sorted(built.items())), out, ensure_ascii=False, separators=(",", ":"))
