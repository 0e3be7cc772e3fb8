"""Direct quotes and their speakers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article, Mention, RawQuote, Sentence

_QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def find_quotes(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[RawQuote]:
    """Baseline: quoted spans of 12+ characters, speaker = nearest PERSON in the same sentence."""
    quotes = []
    for sentence in sentences:
        people = [m.text for m in mentions if m.sentence == sentence.index and m.label == "PERSON"]
        for match in _QUOTE.finditer(sentence.text):
            quotes.append(RawQuote(match.group(1).strip(), people[0] if people else None, sentence.index))
    return quotes
