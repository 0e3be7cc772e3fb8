"""Article storage at the edge of the pipeline, so a story can grow as new articles arrive.

One interface (`Store`), three backends: SQLite (default, a file), PostgreSQL (optional, `psycopg`), and
memory (tests). Only clean Articles are stored; briefs are recomputed from them, so a new article
regroups and re-briefs its story. Writes are transactional: a failed batch stores nothing.
"""

from __future__ import annotations

from .base import AddResult, ArticleInfo, Store, StoryRow, story_key
from .memory import MemoryStore
from .sql import SQLiteStore, open_store

__all__ = ["AddResult", "ArticleInfo", "MemoryStore", "SQLiteStore", "Store", "StoryRow", "open_store", "story_key"]
