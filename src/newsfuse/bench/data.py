"""Readers for the development data sets (Multi-News, DUC, AllSides round-ups) shared by the benchmarks."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import NewsfuseError


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
        docs = tuple(str(d) for d in row["documents"])
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
