"""The story's timeline: per-article dated events merged into one entry per (date, event).

Events with the same date are one event when their content words overlap enough (SAME_EVENT_OVERLAP
of the smaller set) — on one date a story seldom has two events, so the bar is low. An event dated
only to a month or year joins a finer-dated event it matches ("October 2018" inquest, "5 October
2018" inquest) and takes the finer date. The entry text is the event text most like the others
(ties: the shortest), shown as its whole source sentence (align.fact_text.clean_sentence): an event's own
text is a clause cut from it ("An inquest in October 2018 concluded with the coroner, Mark Lucraft QC"). A
sentence that opens on a personal pronoun (the timeline does not guess whom it means), a question or a
headline is not shown, nor one with no clause of its own (no claim with content words: "In 1955 (and again
in 1964)." is the tail of the sentence before, split at its full stop); an entry with no sentence left to show
is dropped. Entries are in date order (ISO prefixes sort before the days they contain).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analyse.claim_values import claim_values
from ..analyse.events import MONTHS, WEEKDAYS
from ..models import ArticleAnalysis, Event, TimelineEntry
from ..text.lexical import LETTERS
from .fact_text import (
    MAX_LONG_SENTENCE_WORDS,
    clean_sentence,
    is_headline,
    opens_on_unresolved_person,
)

SAME_EVENT_OVERLAP = 0.2  # share of the smaller content-word set two same-date event texts must share
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is was were are be been has had have it its this that "
    "he she they his her their who which said says would could may might not no during last next".split()
)


def content_words(text: str) -> set[str]:
    """Lower-case words that carry the event: no stop words, numbers, month or weekday names."""
    words = (w.lower() for w in re.findall(LETTERS, text))
    return {w for w in words if w not in _STOP and w not in MONTHS and w not in WEEKDAYS}


@dataclass
class _Entry:
    date: str
    events: list[tuple[str, Event]] = field(default_factory=list)  # (article id, event)

    def words(self) -> set[str]:
        return set().union(*(content_words(e.text) for _, e in self.events))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _compatible(coarse: str, fine: str) -> bool:
    return fine.startswith(coarse)


def _merge(items: Sequence[tuple[str, Event]]) -> list[_Entry]:
    """Finest dates first, so a month-only event can join a day it matches."""
    entries: list[_Entry] = []
    for article_id, event in sorted(items, key=lambda x: -len(x[1].date)):
        words = content_words(event.text)
        home = next((e for e in entries if _compatible(event.date, e.date)
                     and _overlap(words, e.words()) >= SAME_EVENT_OVERLAP), None)
        if home is None:
            entries.append(home := _Entry(event.date))
        home.events.append((article_id, event))
    return entries


def _text(entry: _Entry, shown: dict[tuple[str, int], str | None]) -> str | None:
    """The shown sentence of the event sharing most words with the others; ties go to the shortest. None when
    no event of the entry has a sentence that reads on its own."""
    def score(event: Event) -> tuple[float, int]:
        words = content_words(event.text)
        return (sum(_overlap(words, content_words(o.text)) for _, o in entry.events), -len(event.text))

    usable = [(a, e) for a, e in entry.events if shown.get((a, e.sentence))]
    if not usable:
        return None
    article, event = max(usable, key=lambda x: score(x[1]))
    return shown[(article, event.sentence)]


def shown_sentence(analysis: ArticleAnalysis, index: int) -> str | None:
    """The article's sentence as the timeline shows it: whole and cleaned; None for a question, a headline,
    a run-on past MAX_LONG_SENTENCE_WORDS, a sentence that opens on a personal pronoun, or one with no claim
    (no subject and verb of its own: a fragment)."""
    if not 0 <= index < len(analysis.sentences) or not any(
            c.sentence == index and claim_values(c).lemmas for c in analysis.claims):
        return None
    raw = analysis.sentences[index].text
    if is_headline(raw):
        return None
    text = clean_sentence(raw)
    # An opening he/she is not named here: the claims' referent is the nearest earlier person of that gender,
    # right for alignment keys but wrong often enough to mislead a reader ("He [Keith Palmer] is currently the
    # deputy commissioner", of Craig Mackey, on the seeds); such an entry is dropped below instead.
    if (not text or len(text.split()) > MAX_LONG_SENTENCE_WORDS or text.rstrip("\"”’' ").endswith("?")
            or opens_on_unresolved_person(text)):
        return None
    return text


def align_timeline(members: Sequence[ArticleAnalysis]) -> tuple[TimelineEntry, ...]:
    """One TimelineEntry per merged event, in date order, sources in story order."""
    order = [a.article.id for a in members]
    items = [(a.article.id, e) for a in members for e in a.events]
    shown = {(a.article.id, e.sentence): shown_sentence(a, e.sentence) for a in members for e in a.events}
    entries = _merge(items)
    records = []
    for entry in entries:
        text = _text(entry, shown)
        if text is None:
            continue
        sources = tuple(i for i in order if any(a == i for a, _ in entry.events))
        first = min(order.index(a) * 10_000 + e.sentence for a, e in entry.events)
        records.append((entry.date, first, TimelineEntry(entry.date, text, sources)))
    return tuple(r for _, _, r in sorted(records, key=lambda r: (r[0], r[1])))
