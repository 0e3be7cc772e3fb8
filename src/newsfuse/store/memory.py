"""In-memory store, for tests and one-off runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..ingest import unique_id
from ..models import Article
from .base import AddResult, Store, content_hash


class MemoryStore(Store):
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._hashes: set[str] = set()

    def add(self, articles: Iterable[Article]) -> AddResult:
        batch = list(articles)
        added, skipped = [], []
        staged: dict[str, Article] = {}
        hashes: set[str] = set()
        for article in batch:
            digest = content_hash(article)
            if digest in self._hashes or digest in hashes:
                skipped.append(article.id)
                continue
            new_id = unique_id(article.id, set(self._articles) | set(staged))
            staged[new_id] = replace(article, id=new_id)
            hashes.add(digest)
            added.append(new_id)
        self._articles.update(staged)
        self._hashes |= hashes
        return AddResult(tuple(added), tuple(skipped))

    def articles(self) -> list[Article]:
        return list(self._articles.values())
