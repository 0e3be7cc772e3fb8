"""The corpus driver: extract in batches, block stories with LSH, brief each story, stream JSON lines.

At corpus scale all-pairs similarity is out of reach, so stories are *blocked* first: each article's
top keywords go into MinHash LSH, articles that share a bucket form candidate components, and the
ordinary `group_stories` runs inside each component (small), exactly as for a hand-made pile.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..models import Article, InputError
from ..settings import DEFAULT, Settings
from .executors import LocalRunner, Runner

BATCH = 64  # inputs per task: spaCy loads once per worker, tasks stay small enough to balance
KEYWORDS = 24  # top keywords per article used to block stories
BLOCK_THRESHOLD = 0.2  # LSH Jaccard threshold on keyword sets


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files as given; directories walked recursively for article-like files, in sorted order."""
    suffixes = {".txt", ".html", ".htm", ".gz", ".warc", ".rss", ".atom", ".xml"}
    paths: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths += sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        else:
            paths.append(item)
    return paths


def _extract_batch(job: tuple[Sequence[str], Settings]) -> tuple[list[Article], list[InputError]]:
    from ..pipeline import load_articles

    paths, settings = job
    return load_articles(paths, settings.with_(keep_going=True))


def _brief_component(job: tuple[Sequence[Article], Settings]) -> list[dict[str, Any]]:
    from ..pipeline import brief_articles
    from ..render import article_dict, story_dict

    articles, settings = job
    brief = brief_articles(articles, settings, pile_summary=False)  # only its stories are kept
    by_id = {a.id: a for a in brief.articles}
    return [dict(story_dict(s), articles=[article_dict(by_id[i]) for i in s.articles]) for s in brief.stories]


def extract_corpus(
    inputs: Iterable[str], settings: Settings = DEFAULT, runner: Runner | None = None
) -> tuple[list[Article], list[InputError]]:
    runner = runner or LocalRunner()
    paths = expand_inputs(inputs)
    jobs = [(paths[i : i + BATCH], settings) for i in range(0, len(paths), BATCH)]
    articles: list[Article] = []
    errors: list[InputError] = []
    for batch_articles, batch_errors in runner.map(_extract_batch, jobs):
        articles += batch_articles
        errors += batch_errors
    return _unique_ids(articles), errors


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Batches are read apart, so two batches can each hold an "id": make ids unique across the corpus."""
    from dataclasses import replace

    from ..ingest import unique_id

    taken: set[str] = set()
    out = []
    for article in articles:
        article_id = unique_id(article.id, taken)
        taken.add(article_id)
        out.append(article if article_id == article.id else replace(article, id=article_id))
    return out


def block_stories(articles: Sequence[Article]) -> list[list[int]]:
    """Candidate components: articles linked through shared LSH buckets of their top keywords."""
    from datasketch import MinHash, MinHashLSH

    from ..stories import article_vector

    lsh = MinHashLSH(threshold=BLOCK_THRESHOLD, num_perm=64)
    signatures = []
    for index, article in enumerate(articles):
        vector = article_vector(article)
        top = sorted(vector, key=lambda w: -vector[w])[:KEYWORDS]
        signature = MinHash(num_perm=64)
        signature.update_batch([w.encode("utf-8") for w in top] or [b"\0empty"])
        lsh.insert(index, signature)
        signatures.append(signature)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, signature in enumerate(signatures):
        for other in lsh.query(signature):
            parent[find(other)] = find(index)
    components: dict[int, list[int]] = {}
    for index in range(len(articles)):
        components.setdefault(find(index), []).append(index)
    return sorted(components.values(), key=lambda c: c[0])


def run_corpus(
    inputs: Iterable[str], settings: Settings = DEFAULT, runner: Runner | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one JSON-ready record per story (its brief plus its clean articles), then one per bad input."""
    runner = runner or LocalRunner()
    articles, errors = extract_corpus(inputs, settings, runner)
    components = block_stories(articles)
    jobs = [([articles[i] for i in component], settings) for component in components]
    jobs.sort(key=lambda job: -len(job[0]))  # big components first: better load balance
    story_number = 0
    for stories in runner.map(_brief_component, jobs):
        renumber = {}
        for story in stories:
            story_number += 1
            renumber[story["id"]] = f"s{story_number}"
        for story in stories:
            story["id"] = renumber[story["id"]]
            story["related"] = [renumber[r] for r in story["related"]]
            yield story
    for error in errors:
        yield {"error": {"path": error.path, "message": error.message}}


def write_jsonl(records: Iterable[dict[str, Any]], handle: Any) -> tuple[int, int]:
    stories = errors = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        if "error" in record:
            errors += 1
        else:
            stories += 1
    return stories, errors


__all__ = ["block_stories", "expand_inputs", "extract_corpus", "run_corpus", "write_jsonl"]
