"""Readers for the development data sets (Multi-News, DUC, AllSides round-ups) shared by the benchmarks."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import NewsfuseError

# The Wayback Machine's crawl notes, which Multi-News documents archived from it carry beside (or in place of)
# the article: "These crawls are part of an effort to archive pages as they are created ...", "Crawl data
# donated by ...". A corpus artefact: removed here, by the reader of that corpus, not by the general text rules.
CRAWL_NOTE = re.compile(r"(?i)web archiv|web.wide crawl|wide crawls?|crawls? (of|are)|crawl (data|start|end)|"
                        r"the crawl\b|distributed crawling|crawler|archive(\.| dot )org|wayback|internet archive|"
                        r"seedlist")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PARAGRAPH_BREAK = re.compile(r"(\n\s*\n)")


def without_crawl_notes(document: str) -> str:
    """The document with every sentence of a crawl note dropped (paragraph breaks kept)."""
    if not CRAWL_NOTE.search(document):
        return document
    parts = _PARAGRAPH_BREAK.split(document)
    kept = [part if _PARAGRAPH_BREAK.fullmatch(part) else
            " ".join(x for x in _SENTENCE_END.split(part) if not CRAWL_NOTE.search(x)) for part in parts]
    return "".join(kept)


@dataclass(frozen=True)
class Cluster:
    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]  # human summaries
    dates: tuple[str | None, ...] = ()
    outlets: tuple[str | None, ...] = ()
    titles: tuple[str | None, ...] = ()


def default_data_path(name: str) -> str:
    """../shared/data/NAME relative to the working directory or to the repository."""
    here = Path(__file__).resolve()
    for base in (Path.cwd() / ".." / "shared" / "data", here.parents[3].parent / "shared" / "data"):
        if (base / name).exists():
            return str(base / name)
    raise NewsfuseError(f"development data {name} not found under ../shared/data; pass its path")


def load_clusters(path: str, limit: int | None = None) -> Iterator[Cluster]:
    """Clusters from Multi-News ({documents, summary}), DUC ({articles, summaries}) or AllSides files."""
    try:
        handle = gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")
    except OSError as error:
        raise NewsfuseError(f"{path}: cannot open ({error})") from None
    with handle:
        for count, line in enumerate(handle):
            if limit is not None and count >= limit:
                return
            yield _cluster(json.loads(line))


def _cluster(row: dict) -> Cluster:  # type: ignore[type-arg]
    if "documents" in row:
        docs = tuple(without_crawl_notes(str(d)) for d in row["documents"])
        return Cluster(row.get("id", ""), docs, (row.get("summary", ""),))
    articles = row.get("articles", [])
    refs = row.get("summaries") or ([row["summary"]] if "summary" in row else [])
    return Cluster(
        row.get("id", ""),
        tuple(a.get("text", "") for a in articles),
        tuple(refs),
        tuple(a.get("date") for a in articles),
        tuple(a.get("outlet") or a.get("source") for a in articles),
        tuple(a.get("title") for a in articles),
    )
