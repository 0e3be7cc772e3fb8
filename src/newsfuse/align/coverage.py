"""Coverage by article: what each adds that no other outlet has, which widely reported facts it leaves out,
and its loaded or emotive wording (a lexicon in newsfuse/data/loaded_words.txt), with the plainer wording
the other outlets used for the same thing when they did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from ..models import ArticleAnalysis, Coverage, Fact, LoadedWord
from .fact_text import is_speech
from .facts import ClaimRef, FactCluster, Weigher, representative

MAX_ADDS = 5
MAX_OMITS = 5
MAX_LOADED = 10
SHORT_CHARS = 160  # adds/omits are cut to this many characters
ABSENT_FACTOR = 0.6  # a fact is omitted when no claim of the article reaches this share of the fact threshold
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]{3,}’")
_STOP = frozenset("a an the this that these those his her their its our of in on at by for to and".split())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Loaded word -> neutral alternative ('' when none is listed)."""
    text = resources.files("newsfuse").joinpath("data/loaded_words.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, neutral = line.partition("\t")
        out[word.strip().lower()] = neutral.strip()
    return out


def loaded_words(text: str) -> list[tuple[str, int]]:
    """(loaded word, offset) outside quotation marks."""
    plain = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    words = lexicon()
    return [(m.group(0), m.start()) for m in _WORD.finditer(plain) if m.group(0).lower() in words]


def loaded_rate(text: str) -> float:
    """Loaded words per 1,000 words outside quotes: the figure compared between partisan and neutral text."""
    total = len(_WORD.findall(text))
    return 1000.0 * len(loaded_words(text)) / total if total else 0.0


def story_coverage(members: Sequence[ArticleAnalysis], clusters: Sequence[FactCluster],
                   refs: Sequence[ClaimRef], threshold: float, singles: Sequence[Fact] = ()
                   ) -> tuple[Coverage, ...]:
    """One Coverage per article of the story (none for a one-article story: nothing to compare with).
    `singles` are the story's single-source facts (facts.single_source_facts), already cleaned and ranked."""
    if len(members) < 2:
        return ()
    weigher = Weigher(refs)
    outlets = {r.article: r.outlet for r in refs}
    out = []
    for analysis in members:
        aid = analysis.article.id
        mine = [r for r in refs if r.article == aid]
        out.append(Coverage(
            article=aid,
            outlet=analysis.article.outlet,
            adds=tuple(adds(aid, singles)),
            omits=tuple(omits(aid, outlets.get(aid, aid), mine, clusters, members, weigher, threshold)),
            loaded=tuple(loaded(analysis, members)),
        ))
    return tuple(out)


def _short(text: str) -> str:
    return text if len(text) <= SHORT_CHARS else text[:SHORT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def adds(article: str, singles: Sequence[Fact]) -> list[str]:
    """The article's own facts: the story's single-source facts from this article, most salient first."""
    return [_short(f.text) for f in singles if f.sources[:1] == (article,)][:MAX_ADDS]


def omits(article: str, outlet: str, mine: Sequence[ClaimRef], clusters: Sequence[FactCluster],
          members: Sequence[ArticleAnalysis], weigher: Weigher, threshold: float) -> list[str]:
    """Facts most other outlets report that this article does not state anywhere (not even loosely)."""
    other_outlets = {r.outlet for c in clusters for r in c.members if r.outlet != outlet}
    need = max(2, len(other_outlets) // 2 + 1)
    out: list[str] = []
    seen: set[tuple[str, int]] = set()
    for cluster in sorted(clusters, key=lambda c: -c.outlets):
        if article in cluster.articles or len({m.outlet for m in cluster.members} - {outlet}) < need:
            continue
        if any(weigher.similarity(m.keys, r.keys) >= threshold * ABSENT_FACTOR
               for m in cluster.members for r in mine):
            continue
        rep = representative(cluster, weigher)
        if rep.text is None or (rep.article, rep.claim.sentence) in seen:
            continue  # speech and fragments are not facts a reader can miss; one line per sentence
        seen.add((rep.article, rep.claim.sentence))
        out.append(_short(rep.text))
        if len(out) >= MAX_OMITS:
            break
    return out


def loaded(analysis: ArticleAnalysis, members: Sequence[ArticleAnalysis]) -> list[LoadedWord]:
    """Loaded words of one article, each with the plain wording other outlets used, when found."""
    others = " ".join(s.text for m in members if m.article.id != analysis.article.id for s in m.sentences)
    out: list[LoadedWord] = []
    seen: set[str] = set()
    for sentence in analysis.sentences:
        if is_speech(sentence.text, analysis.quotes):
            continue  # a quote running on from an earlier sentence: the speaker's words, not the outlet's
        for word, offset in loaded_words(sentence.text):
            if word.lower() in seen:
                continue
            seen.add(word.lower())
            out.append(LoadedWord(word, sentence.text, neutral_wording(word, sentence.text, offset, others)))
            if len(out) >= MAX_LOADED:
                return out
    return out


def neutral_wording(word: str, sentence: str, offset: int, others: str) -> str | None:
    """What the other outlets said instead: the noun the loaded modifier sits on ('frenzied attack' -> 'attack')
    used by them without a loaded modifier, else the lexicon's plain word if they use it."""
    if not others:
        return None
    after = _WORD.findall(sentence[offset + len(word):])[:3]
    noun = next((w for w in after if w.lower() not in lexicon() and w.lower() not in _STOP), None)
    if noun and after and after[0] == noun:
        uses = _plain_uses(noun, others)
        if uses:
            return noun.lower()
    alternative = lexicon().get(word.lower(), "")
    if alternative and re.search(rf"\b{re.escape(alternative)}\b", others, re.IGNORECASE):
        return alternative
    return None


def _plain_uses(noun: str, text: str) -> int:
    """How often `noun` occurs in text not preceded by a loaded word."""
    count = 0
    for m in re.finditer(rf"\b{re.escape(noun)}\b", text, re.IGNORECASE):
        before = _WORD.findall(text[max(0, m.start() - 30):m.start()])
        if not before or before[-1].lower() not in lexicon():
            count += 1
    return count
