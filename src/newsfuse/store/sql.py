"""SQL backends: SQLite by default, PostgreSQL when given a postgresql:// URL (needs psycopg).

Each thread gets its own connection (a DB-API connection must not cross threads), and every write is one
transaction. SQLite runs in WAL mode, so readers never wait for a writer; writers take the write lock up
front (BEGIN IMMEDIATE) and wait up to BUSY_TIMEOUT_MS for each other instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from ..errors import NewsfuseError
from ..ingest import unique_id
from ..models import Article
from .base import AddResult, ArticleInfo, Store, StoryRow, article_row, row_article
from .schema import migrate

COLUMNS = ("id", "path", "url", "title", "outlet", "author", "date", "lang", "paragraphs", "removed", "hash", "added")
INFO_COLUMNS = ("id", "title", "outlet", "date", "url", "added")
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another writer before giving up
MAX_ID_RETRIES = 20  # another process may take the same id between our look and our insert


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLStore(Store):
    """One connection per thread; every add(), delete() and grouping write is one transaction."""

    placeholder = "?"
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self) -> None:
        self._local = threading.local()
        self._opened: list[Any] = []
        self._opened_lock = threading.Lock()
        with self.transaction():
            self.schema_version = migrate(self.execute, self.serial, self._article_columns)

    # ---- connections and transactions
    def connect(self) -> Any:
        raise NotImplementedError

    @property
    def connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self.connect()
            self._local.connection = connection
            with self._opened_lock:
                self._opened.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit on success, roll back on any error."""
        raise NotImplementedError
        yield

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """All SQL goes through here (placeholders written as ?)."""
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("?", self.placeholder), params)
        return cursor.fetchall() if cursor.description else []

    def _article_columns(self) -> set[str]:
        raise NotImplementedError

    # ---- articles
    def add(self, articles: Iterable[Article]) -> AddResult:
        batch = list(articles)
        added: list[str] = []
        skipped: list[str] = []
        with self.transaction():  # the whole batch or nothing
            now = _now()
            for article in batch:
                row = article_row(article) | {"added": now}
                stored = self._insert(row)
                (added if stored else skipped).append(stored or article.id)
            if added:
                self.execute("UPDATE meta SET value = value + 1 WHERE name = 'revision'")
        return AddResult(tuple(added), tuple(skipped))

    def _insert(self, row: dict[str, Any]) -> str | None:
        """Insert unless the body is already stored (None then); the stored id, renamed id-2... when taken.
        ON CONFLICT DO NOTHING makes a concurrent insert of the same body a skip, never an error."""
        insert = (f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
                  "ON CONFLICT DO NOTHING")
        for _ in range(MAX_ID_RETRIES):
            if self.execute("SELECT id FROM articles WHERE hash = ?", (row["hash"],)):
                return None
            taken = {r[0] for r in self.execute("SELECT id FROM articles WHERE id = ? OR id LIKE ?",
                                                (row["id"], row["id"] + "-%"))}
            row["id"] = unique_id(row["id"], taken)
            self.execute(insert, tuple(row[c] for c in COLUMNS))
            found = self.execute("SELECT id FROM articles WHERE hash = ?", (row["hash"],))
            if found:
                return row["id"] if found[0][0] == row["id"] else None
        raise NewsfuseError(f"{row['id']}: could not find a free article id")

    def articles(self) -> list[Article]:
        rows = self.execute(f"SELECT {', '.join(COLUMNS)} FROM articles ORDER BY seq")
        return [row_article(dict(zip(COLUMNS, row))) for row in rows]

    def article(self, article_id: str) -> Article | None:
        rows = self.execute(f"SELECT {', '.join(COLUMNS)} FROM articles WHERE id = ?", (article_id,))
        return row_article(dict(zip(COLUMNS, rows[0]))) if rows else None

    def article_infos(self) -> list[ArticleInfo]:
        rows = self.execute(f"SELECT {', '.join(INFO_COLUMNS)} FROM articles ORDER BY seq")
        return [ArticleInfo(*row) for row in rows]

    def hashes(self) -> dict[str, str]:
        return dict(self.execute("SELECT id, hash FROM articles"))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM articles")[0][0])

    def delete(self, article_id: str) -> bool:
        with self.transaction():
            if not self.execute("SELECT id FROM articles WHERE id = ?", (article_id,)):
                return False
            self.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self.execute("UPDATE meta SET value = value + 1 WHERE name = 'revision'")
        return True

    # ---- the desk's story grouping and stored briefs
    def revision(self) -> int:
        return int(self.execute("SELECT value FROM meta WHERE name = 'revision'")[0][0])

    def stories(self) -> list[StoryRow]:
        rows = self.execute("SELECT key, article_ids, position FROM stories ORDER BY position")
        return [StoryRow(key, tuple(json.loads(ids)), position) for key, ids, position in rows]

    def replace_stories(self, rows: Iterable[StoryRow], revision: int) -> bool:
        with self.transaction():
            if self.revision() != revision:
                return False
            self.execute("DELETE FROM stories")
            for row in rows:
                self.execute("INSERT INTO stories (key, article_ids, position) VALUES (?, ?, ?)",
                             (row.key, json.dumps(list(row.article_ids)), row.position))
        return True

    def brief(self, key: str) -> str | None:
        rows = self.execute("SELECT brief FROM briefs WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def put_brief(self, key: str, brief_json: str) -> None:
        with self.transaction():
            self.execute("INSERT INTO briefs (key, brief, created) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                         (key, brief_json, _now()))

    def close(self) -> None:
        with self._opened_lock:
            for connection in self._opened:
                try:
                    connection.close()
                except Exception:  # noqa: BLE001 - closing what is already broken is no error
                    pass
            self._opened.clear()
        self._local = threading.local()


class SQLiteStore(SQLStore):
    def __init__(self, path: str) -> None:
        self.path = path
        try:
            super().__init__()
        except sqlite3.Error as error:
            raise NewsfuseError(f"{path}: cannot open the SQLite store ({error})") from None

    def connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                     timeout=BUSY_TIMEOUT_MS / 1000)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # durable in WAL mode up to the last checkpoint
        return connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        connection = self.connection
        if connection.in_transaction:  # nested: the outer transaction commits
            yield
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _article_columns(self) -> set[str]:
        return {row[1] for row in self.execute("PRAGMA table_info(articles)")}


class PostgresStore(SQLStore):
    serial = "BIGSERIAL PRIMARY KEY"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise NewsfuseError("a PostgreSQL store needs psycopg: pip install 'newsfuse[postgres]'") from None
        self.url = url
        try:
            super().__init__()
        except psycopg.Error as error:
            raise NewsfuseError(f"cannot open the PostgreSQL store ({str(error).strip()})") from None

    def connect(self) -> Any:
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("%", "%%").replace("?", "%s"), params)  # LIKE's % is literal to psycopg
        return cursor.fetchall() if cursor.description else []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.connection.transaction():
            # one migrating or writing process at a time where it matters (the lock ends with the transaction)
            self.connection.execute("SELECT pg_advisory_xact_lock(4242)")
            yield

    def _article_columns(self) -> set[str]:
        rows = self.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'")
        return {row[0] for row in rows}


def open_store(location: str) -> Store:
    """A store from a path (SQLite) or a postgresql:// URL."""
    if location.startswith(("postgresql://", "postgres://")):
        return PostgresStore(location)
    return SQLiteStore(location)


__all__ = ["PostgresStore", "SQLiteStore", "open_store"]
