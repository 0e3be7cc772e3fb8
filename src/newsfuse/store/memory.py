"""In-memory store, for tests and one-off runs (one process; a lock keeps threads consistent)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone

from ..ingest import unique_id
from ..models import Article
from .base import AddResult, ArticleInfo, Store, StoryRow, content_hash


class MemoryStore(Store):
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._hashes: dict[str, str] = {}  # article id -> content hash
        self._added: dict[str, str] = {}
        self._revision = 0
        self._stories: list[StoryRow] = []
        self._briefs: dict[str, str] = {}
        self._lock = threading.Lock()

    def add(self, articles: Iterable[Article]) -> AddResult:
        batch = list(articles)
        added, skipped = [], []
        with self._lock:
            staged: dict[str, Article] = {}
            hashes: dict[str, str] = {}
            known = set(self._hashes.values())
            for article in batch:
                digest = content_hash(article)
                if digest in known or digest in hashes.values():
                    skipped.append(article.id)
                    continue
                new_id = unique_id(article.id, set(self._articles) | set(staged))
                staged[new_id] = replace(article, id=new_id)
                hashes[new_id] = digest
                added.append(new_id)
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self._articles.update(staged)
            self._hashes.update(hashes)
            self._added.update({i: now for i in staged})
            self._revision += bool(staged)
        return AddResult(tuple(added), tuple(skipped))

    def articles(self) -> list[Article]:
        with self._lock:
            return list(self._articles.values())

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def article_infos(self) -> list[ArticleInfo]:
        with self._lock:
            return [ArticleInfo(a.id, a.title, a.outlet, a.date, a.url, self._added.get(a.id))
                    for a in self._articles.values()]

    def hashes(self) -> dict[str, str]:
        with self._lock:
            return dict(self._hashes)

    def delete(self, article_id: str) -> bool:
        with self._lock:
            if article_id not in self._articles:
                return False
            del self._articles[article_id], self._hashes[article_id]
            self._added.pop(article_id, None)
            self._revision += 1
            return True

    def revision(self) -> int:
        return self._revision

    def stories(self) -> list[StoryRow]:
        return list(self._stories)

    def replace_stories(self, rows: Iterable[StoryRow], revision: int) -> bool:
        with self._lock:
            if revision != self._revision:
                return False
            self._stories = list(rows)
            return True

    def brief(self, key: str) -> str | None:
        return self._briefs.get(key)

    def put_brief(self, key: str, brief_json: str) -> None:
        self._briefs.setdefault(key, brief_json)
