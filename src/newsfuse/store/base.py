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
class StoryRow:
    """One story of the current grouping: its key names its exact article set (see story_key)."""

    key: str
    article_ids: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class ArticleInfo:
    """An article's listing fields, without its text (story lists and indexes read only these)."""

    id: str
    title: str | None
    outlet: str | None
    date: str | None
    url: str | None
    added: str | None  # when it was stored, ISO 8601 UTC


def story_key(pairs: Iterable[tuple[str, str]]) -> str:
    """Key of a story brief: the hash of its (article id, content hash) pairs, so a brief is reused exactly
    while its article set is unchanged, and never for a new article that reuses a deleted one's id."""
    joined = "\n".join(f"{i}\t{h}" for i, h in sorted(pairs))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


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

    # ---- the desk: single articles, deletion, the current story grouping and stored briefs
    @abstractmethod
    def article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def article_infos(self) -> list[ArticleInfo]:
        """Listing fields of every article, oldest first."""

    @abstractmethod
    def hashes(self) -> dict[str, str]:
        """Article id -> content hash."""

    @abstractmethod
    def delete(self, article_id: str) -> bool:
        """Remove one article; False when there is none with that id."""

    @abstractmethod
    def revision(self) -> int:
        """A counter raised by every add and delete that changed the article set."""

    @abstractmethod
    def stories(self) -> list[StoryRow]:
        """The current story grouping, as last written by replace_stories."""

    @abstractmethod
    def replace_stories(self, rows: Iterable[StoryRow], revision: int) -> bool:
        """Replace the grouping, only if the article set is still at `revision` (else False, nothing written)."""

    @abstractmethod
    def brief(self, key: str) -> str | None:
        """A stored story brief (its JSON text), or None."""

    @abstractmethod
    def put_brief(self, key: str, brief_json: str) -> None: ...

    def close(self) -> None:  # noqa: B027 - an optional hook: a backend holding nothing need not override it
        """Release the backend's resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
