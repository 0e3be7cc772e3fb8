"""What the desk pages show, computed from the store: story summaries for the list, a story's stored brief,
and where a cited passage sits in its article. Pure functions of stored data, so pages can cache them."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..models import Article
from ..store import ArticleInfo, StoryRow

MIN_PASSAGE_SCORE = 70.0  # rapidfuzz partial-ratio a paragraph must reach to be shown as the cited passage
BRIEF_CACHE_SIZE = 256  # parsed story briefs kept in memory (a brief never changes under its key)
HEAD_KINDS = ("byline", "dateline", "credit")  # removed furniture that stood above the body


@dataclass(frozen=True)
class StoryListItem:
    key: str
    headline: str
    articles: int
    outlets: tuple[str, ...]  # the named ones
    outlet_count: int  # distinct outlets, an article without a named outlet counting as its own (as align counts)
    last_update: str | None
    ready: bool  # its brief is stored


class BriefCache:
    """Parsed story briefs by key; safe to keep because a key names one exact article set."""

    def __init__(self, size: int = BRIEF_CACHE_SIZE) -> None:
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.size = size

    def get(self, key: str, load: Any) -> dict[str, Any] | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        text = load(key)
        if text is None:
            return None
        parsed: dict[str, Any] = json.loads(text)
        self._items[key] = parsed
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return parsed


def story_list(rows: list[StoryRow], infos: list[ArticleInfo],
               briefs: dict[str, dict[str, Any] | None]) -> list[StoryListItem]:
    """The story list, most recently updated first."""
    by_id = {i.id: i for i in infos}
    items = []
    for row in rows:
        members = [by_id[i] for i in row.article_ids if i in by_id]
        if not members:
            continue
        brief = briefs.get(row.key)
        headline = (brief["stories"][0]["headline"] if brief and brief["stories"]
                    else (members[0].title or members[0].id))
        outlets = tuple(sorted({m.outlet for m in members if m.outlet}))
        updated = max((m.added for m in members if m.added), default=None)
        count = len({m.outlet or m.id for m in members})
        items.append(StoryListItem(row.key, headline, len(members), outlets, count, updated, brief is not None))
    return sorted(items, key=lambda item: (item.last_update or "", item.articles), reverse=True)


def labels(brief: dict[str, Any]) -> dict[str, str]:
    """Short badge labels: the outlet where known, else the id up to its first underscore (as the CLI's
    brief cites); numbered where several articles share one."""
    names = [a.get("outlet") or a["id"].split("_")[0] for a in brief["articles"]]
    seen: dict[str, int] = {}
    result = {}
    for article, name in zip(brief["articles"], names):
        seen[name] = seen.get(name, 0) + 1
        result[article["id"]] = name if names.count(name) == 1 else f"{name} {seen[name]}"
    return result


def story_outlets(brief: dict[str, Any]) -> int:
    return len({a.get("outlet") or a["id"] for a in brief["articles"]})


@lru_cache(maxsize=4096)
def _alignment(query: str, paragraph: str) -> tuple[float, int, int]:
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(query, paragraph)
    if found is None:
        return 0.0, 0, 0
    return found.score, found.dest_start, found.dest_end


def locate(article: Article, passage: str | None) -> tuple[int, int, int] | None:
    """(paragraph index, start, end) of the passage a citation rests on, or None when no paragraph holds it
    closely enough. Exact (whitespace-normalised) matches first, then the best fuzzy alignment."""
    if not passage or not passage.strip():
        return None
    query = " ".join(passage.split())
    for index, paragraph in enumerate(article.paragraphs):
        at = paragraph.find(query)
        if at >= 0:
            return index, at, at + len(query)
    best = max(((_alignment(query, p), i) for i, p in enumerate(article.paragraphs)), default=None)
    if best is None or best[0][0] < MIN_PASSAGE_SCORE:
        return None
    (_, start, end), index = best
    return index, start, end


def removed_blocks(article: Article) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Removed furniture split into what stood above the body (bylines, datelines) and below it.
    Extraction keeps no offsets, so this is the position a reader expects, not a measured one."""
    head = [(r.kind, r.text) for r in article.removed if r.kind in HEAD_KINDS]
    tail = [(r.kind, r.text) for r in article.removed if r.kind not in HEAD_KINDS]
    return head, tail
