"""SQL backends: SQLite by default, PostgreSQL when given a postgresql:// URL (needs psycopg)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from ..errors import NewsfuseError
from ..ingest import unique_id
from ..models import Article
from .base import AddResult, Store, article_row, row_article

COLUMNS = ("id", "path", "url", "title", "outlet", "author", "date", "lang", "paragraphs", "removed", "hash")
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq {serial},
    id TEXT NOT NULL UNIQUE,
    path TEXT, url TEXT, title TEXT, outlet TEXT, author TEXT, date TEXT, lang TEXT,
    paragraphs TEXT NOT NULL,
    removed TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
)
"""


class SQLStore(Store):
    """A DB-API connection; every add() is one transaction."""

    placeholder = "?"
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        with self.transaction():
            self.connection.cursor().execute(SCHEMA.format(serial=self.serial))

    def transaction(self) -> AbstractContextManager[Any]:
        """Commit on success, roll back on any error (sqlite3's connection context manager)."""
        return self.connection  # type: ignore[no-any-return]

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """All SQL goes through here (placeholders written as ?)."""
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("?", self.placeholder), params)
        return cursor.fetchall() if cursor.description else []

    def add(self, articles: Iterable[Article]) -> AddResult:
        batch = list(articles)
        added, skipped = [], []
        with self.transaction():  # the whole batch or nothing
            taken = {row[0] for row in self.execute("SELECT id FROM articles")}
            hashes = {row[0] for row in self.execute("SELECT hash FROM articles")}
            for article in batch:
                row = article_row(article)
                if row["hash"] in hashes:
                    skipped.append(article.id)
                    continue
                row["id"] = unique_id(article.id, taken)
                self.execute(
                    f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                    tuple(row[c] for c in COLUMNS),
                )
                taken.add(row["id"])
                hashes.add(row["hash"])
                added.append(row["id"])
        return AddResult(tuple(added), tuple(skipped))

    def articles(self) -> list[Article]:
        rows = self.execute(f"SELECT {', '.join(COLUMNS)} FROM articles ORDER BY seq")
        return [row_article(dict(zip(COLUMNS, row))) for row in rows]

    def close(self) -> None:
        self.connection.close()


class SQLiteStore(SQLStore):
    def __init__(self, path: str) -> None:
        try:
            connection = sqlite3.connect(path)
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as error:
            raise NewsfuseError(f"{path}: cannot open the SQLite store ({error})") from None
        super().__init__(connection)


class PostgresStore(SQLStore):
    placeholder = "%s"
    serial = "BIGSERIAL PRIMARY KEY"

    def transaction(self) -> AbstractContextManager[Any]:
        return self.connection.transaction()  # type: ignore[no-any-return]

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise NewsfuseError("a PostgreSQL store needs psycopg: pip install 'newsfuse[postgres]'") from None
        try:
            super().__init__(psycopg.connect(url))
        except psycopg.Error as error:
            raise NewsfuseError(f"cannot open the PostgreSQL store ({error})") from None


def open_store(location: str) -> Store:
    """A store from a path (SQLite) or a postgresql:// URL."""
    if location.startswith(("postgresql://", "postgres://")):
        return PostgresStore(location)
    return SQLiteStore(location)


__all__ = ["PostgresStore", "SQLiteStore", "open_store"]
