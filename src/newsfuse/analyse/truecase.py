"""Names back in lower-cased text (Multi-News writes 'dan brown has topped oxfam's list'), so spaCy finds
the people and organisations it cannot see in lower case.

An article is *lower-cased* when fewer than LOWERCASED_SHARE of its words after a sentence's first word
are capitalised (edited news has 10-20%). Its words are re-cased from two lexicons, lower form -> cased
form: the names written capitalised mid-sentence in the pile's other, cased articles, and
data/truecase.json, built by `lexicon_counts`/`lexicon_from_counts` from cased news (PolNeAR train, DUC
2003, AllSides round-ups): words written capitalised mid-sentence at least LEXICON_MIN_COUNT times and in
at least LEXICON_CAP_SHARE of their mid-sentence uses. Only letters' case changes, so every offset holds.

Three rules add the names no lexicon has (wordfreq tells a rare word from a dictionary word):
- a word rarer than PILE_NAME_MAX_ZIPF written capitalised mid-sentence in the pile's cased articles and
  never lower-case there is a name even when seen once ('Conley');
- a word rarer than SURNAME_MAX_ZIPF written capitalised mid-sentence (after a lower-case word, a comma or a
  title) anywhere in the pile is a name in every article: 'dr. Bazzano' re-cases 'said bazzano';
- a lower-case word rarer than SURNAME_MAX_ZIPF (no plural, -ing, -ment... ending) right after a
  capitalised word of the lexicon is its surname ('steven levitan' -> 'Steven Levitan'), unless that word
  is a nationality ('chinese dissident') or a possessive ("cuba's easternmost"); after a title ('dr. lydia')
  the bar is TITLED_NAME_MAX_ZIPF.
Cased articles (Multi-News lower-cases single names inside them too) get only the last two rules.
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
PILE_NAME_MAX_ZIPF = 4.0  # a pile word seen capitalised once is a name when rarer than this in general text
SURNAME_MAX_ZIPF = 3.0  # a lower-case word after a re-cased name is its surname when rarer than this
TITLED_NAME_MAX_ZIPF = 4.0  # ... or right after a re-cased title ('dr. lydia'), rarer than this
NAME_TITLES = frozenset("dr mr mrs ms sen rep gov gen lt col sgt capt prof rev".split())
_NOT_SURNAME_END = re.compile(r"(?:s|ing|ed|ment|tion|sion|ness|ity|ism|ly|ers?|able|ful|less|ous|ive|al)$")
_NATIONALITY_END = re.compile(r"(?:ese|ish|ican|ean|[a-z]{4,}ian|ic|i)$")  # 'chinese', 'british', 'iranian'


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
    """The shipped lexicon, overridden by how the pile's cased articles write their names (a rare word
    capitalised there, never lower-case, counts even when seen once)."""
    cased = [a.text for a in articles if not is_lowercased(a)]
    counts = lexicon_counts(cased) if cased else (Counter(), Counter())
    pile = lexicon_from_counts(counts)
    return {**shipped_lexicon(), **_rare_pile_names(counts), **pile}


def _rare_pile_names(counts: tuple[Counter[str], Counter[str]]) -> dict[str, str]:
    from wordfreq import zipf_frequency

    capitalised, lower = counts
    return {w.lower(): w for w in capitalised if w[1:].islower() and len(w) > 2 and not lower[w.lower()]
            and zipf_frequency(w.lower(), "en") < PILE_NAME_MAX_ZIPF}


def recase(text: str, lexicon: dict[str, str], surnames: bool = True) -> str:
    """Each word of the lexicon in its cased form; same length, so offsets hold."""
    def cased(found: re.Match[str]) -> str:
        word = found.group()
        base = _POSSESSIVE.sub("", word)
        form = lexicon.get(base)
        return form + word[len(base):] if form and len(form) == len(base) and base.islower() else word

    out = _WORD.sub(cased, text)
    return _with_surnames(out, text, lexicon) if surnames else out


def _with_surnames(out: str, original: str, lexicon: dict[str, str]) -> str:
    """'steven levitan', 'Steven levitan' -> 'Steven Levitan': a rare lower-case word right after a
    capitalised word of the lexicon (no nationality, no possessive) is its surname."""
    from wordfreq import zipf_frequency

    words = list(_WORD.finditer(out))
    chars = list(out)
    for prev, word in zip(words, words[1:]):
        name, surname = "".join(chars[prev.start():prev.end()]), _POSSESSIVE.sub("", word.group())
        recased = name[:1].isupper() and name.lower() in lexicon and not _POSSESSIVE.search(name)
        gap = out[prev.end():word.start()]
        titled = gap == ". " and name.lower() in NAME_TITLES  # 'dr. lydia bazzano'
        if (recased and (gap == " " or titled) and surname.isalpha() and surname.islower()
                and len(surname) > 2 and not _NOT_SURNAME_END.search(surname)
                and not _NATIONALITY_END.search(name.lower())
                and zipf_frequency(surname, "en") < (TITLED_NAME_MAX_ZIPF if titled else SURNAME_MAX_ZIPF)):
            chars[word.start()] = chars[word.start()].upper()
    return "".join(chars)


def truecased(articles: Sequence[Article]) -> list[Article]:
    """The pile with each lower-cased article re-cased; in the others (Multi-News also lower-cases single
    names inside cased text: 'Tony hale', 'said bazzano') only names are completed: a rare word the pile
    writes capitalised, and a rare surname after a name word (complete_names)."""
    flags = [is_lowercased(a) for a in articles]
    rare = _rare_names(articles)
    lexicon = pile_lexicon(articles)
    out = []
    for article, low in zip(articles, flags):
        paragraphs = tuple(recase(p, {**lexicon, **rare}) if low else complete_names(p, lexicon, rare)
                           for p in article.paragraphs)
        out.append(article if paragraphs == article.paragraphs else replace(article, paragraphs=paragraphs))
    return out


def complete_names(text: str, lexicon: dict[str, str], rare: dict[str, str]) -> str:
    """A cased text's half-cased names completed; every other word untouched."""
    return _with_surnames(recase(text, rare, surnames=False), text, lexicon)


def _rare_names(articles: Sequence[Article]) -> dict[str, str]:
    """Rare words (zipf under SURNAME_MAX_ZIPF) the pile writes capitalised mid-sentence (after a lower-case
    word, a comma or a title) at least once: 'Dr. Bazzano' in one article re-cases 'said bazzano' in another
    (Multi-News lower-cases most uses of a name, so no majority is asked)."""
    from wordfreq import zipf_frequency

    capitalised: Counter[str] = Counter()
    for article in articles:
        for found in _WORD.finditer(article.text):
            before = article.text[max(0, found.start() - 6):found.start()]
            if re.search(r"(?:[a-z,;]|\b(?i:dr|mr|mrs|ms|prof|sen|rep|gov)\.)\s+$", before):  # mid-sentence
                capitalised[_POSSESSIVE.sub("", found.group())] += 1
    return {w.lower(): w for w in capitalised if w[:1].isupper() and w[1:].islower() and len(w) > 2
            and zipf_frequency(w.lower(), "en") < SURNAME_MAX_ZIPF}


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
