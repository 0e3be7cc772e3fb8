"""The store's schema as ordered migration steps; `schema_version` records how many have been applied.

A store made before versioning (an `articles` table only) is step 1 already: every step is idempotent
(IF NOT EXISTS), and a new step is only ever appended, never edited, so every store converges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Execute = Callable[[str, tuple[Any, ...]], Any]

# each step: the SQL statements that take the schema from version n to n+1; {serial} is the dialect's key type
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: articles, identified by their id and unique by their content hash
        """CREATE TABLE IF NOT EXISTS articles (
            seq {serial},
            id TEXT NOT NULL UNIQUE,
            path TEXT, url TEXT, title TEXT, outlet TEXT, author TEXT, date TEXT, lang TEXT,
            paragraphs TEXT NOT NULL,
            removed TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        )""",
    ),
    (  # 2: when each article was stored (the story list's "last update")
        "ALTER TABLE articles ADD COLUMN added TEXT",
    ),
    (  # 3: the desk: a revision counter, the current story grouping, and briefs keyed by their article set
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO meta (name, value) VALUES ('revision', 0) ON CONFLICT (name) DO NOTHING",
        "CREATE TABLE IF NOT EXISTS stories"
        " (key TEXT PRIMARY KEY, article_ids TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS briefs (key TEXT PRIMARY KEY, brief TEXT NOT NULL, created TEXT NOT NULL)",
    ),
)

VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"


def migrate(execute: Execute, serial: str, columns: Callable[[], set[str]]) -> int:
    """Apply the steps not yet applied (call inside one write transaction); returns the new version."""
    execute(VERSION_TABLE, ())
    rows = execute("SELECT version FROM schema_version", ())
    version = rows[0][0] if rows else 0
    if not rows:
        execute("INSERT INTO schema_version (version) VALUES (0)", ())
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        for statement in step:
            if statement.startswith("ALTER TABLE articles ADD COLUMN") and statement.split()[5] in columns():
                continue  # added by an earlier, partly versioned run
            execute(statement.format(serial=serial), ())
        execute("UPDATE schema_version SET version = ?", (number,))
    return len(MIGRATIONS)
