"""The storage contract every backend meets."""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import Article, Removed


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...]  # ids of newly stored articles
    skipped: tuple[str, ...]  # ids whose body was already stored (same content hash)


def content_hash(article: Article) -> str:
    """Identity of an article's body: whitespace- and case-insensitive, so re-saved copies are not stored twice."""
    normal = " ".join(article.text.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "lang": article.lang,
        "paragraphs": json.dumps(list(article.paragraphs), ensure_ascii=False),
        "removed": json.dumps([[r.kind, r.text] for r in article.removed], ensure_ascii=False),
        "hash": content_hash(article),
    }


def row_article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        date=row["date"],
        paragraphs=tuple(json.loads(row["paragraphs"])),
        removed=tuple(Removed(kind, text) for kind, text in json.loads(row["removed"])),
        author=row["author"],
        lang=row["lang"],
        url=row["url"],
    )


class Store(ABC):
    """Articles by id; adding is all-or-nothing, and never overwrites a stored article."""

    @abstractmethod
    def add(self, articles: Iterable[Article]) -> AddResult: ...

    @abstractmethod
    def articles(self) -> list[Article]:
        """All stored articles, oldest first."""

    def __len__(self) -> int:
        return len(self.articles())

    def close(self) -> None:  # noqa: B027 - an optional hook: backends without resources keep the no-op
        """Release the backend's resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
