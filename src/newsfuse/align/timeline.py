"""The story's timeline: per-article dated events merged into one entry per (date, event).

Events with the same date are one event when their content words overlap enough (SAME_EVENT_OVERLAP
of the smaller set) — on one date a story seldom has two events, so the bar is low. An event dated
only to a month or year joins a finer-dated event it matches ("October 2018" inquest, "5 October
2018" inquest) and takes the finer date. The entry text is the event text most like the others
(ties: the shortest); entries are in date order (ISO prefixes sort before the days they contain).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analyse.events import MONTHS, WEEKDAYS
from ..models import ArticleAnalysis, Event, TimelineEntry

SAME_EVENT_OVERLAP = 0.2  # share of the smaller content-word set two same-date event texts must share
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is was were are be been has had have it its this that "
    "he she they his her their who which said says would could may might not no during last next".split()
)


def content_words(text: str) -> set[str]:
    """Lower-case words that carry the event: no stop words, numbers, month or weekday names."""
    words = (w.lower() for w in re.findall(r"[A-Za-z]+", text))
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


def _text(entry: _Entry) -> str:
    """The event text sharing most words with the others; ties go to the shortest."""
    def score(event: Event) -> tuple[float, int]:
        words = content_words(event.text)
        return (sum(_overlap(words, content_words(o.text)) for _, o in entry.events), -len(event.text))

    return max((e for _, e in entry.events), key=score).text


def align_timeline(members: Sequence[ArticleAnalysis]) -> tuple[TimelineEntry, ...]:
    """One TimelineEntry per merged event, in date order, sources in story order."""
    order = [a.article.id for a in members]
    items = [(a.article.id, e) for a in members for e in a.events]
    entries = _merge(items)
    records = []
    for entry in entries:
        sources = tuple(i for i in order if any(a == i for a, _ in entry.events))
        first = min(order.index(a) * 10_000 + e.sentence for a, e in entry.events)
        records.append((entry.date, first, TimelineEntry(entry.date, _text(entry), sources)))
    return tuple(r for _, _, r in sorted(records, key=lambda r: (r[0], r[1])))
