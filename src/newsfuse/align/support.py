"""Which articles support each sentence (paraphrase included)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import ArticleAnalysis
from ..settings import Settings

_WORD = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is was were are be been has had have it its this that "
    "he she they his her their who which said says would could may might not no".split()
)


def content_words(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP}


def sentence_support(members: Sequence[ArticleAnalysis], settings: Settings) -> dict[str, tuple[str, ...]]:
    """Baseline: an article supports a sentence if one of its sentences shares enough content words."""
    bags = {a.article.id: [content_words(s.text) for s in a.sentences] for a in members}
    support: dict[str, tuple[str, ...]] = {}
    for analysis in members:
        for sentence in analysis.sentences:
            words = content_words(sentence.text)
            sources = [analysis.article.id]
            for other, other_bags in bags.items():
                if other == analysis.article.id or not words:
                    continue
                best = max((len(words & b) / len(words) for b in other_bags), default=0.0)
                if best >= settings.support_threshold:
                    sources.append(other)
            support[sentence.key] = tuple(sources)
    return support
