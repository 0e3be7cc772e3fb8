"""`newsfuse stories`: a pile of any size into stories and copies, in one process or on a Dask cluster.

Inputs stream in partitions of PARTITION_ITEMS files or JSON lines. Each partition is read, extracted
and turned into compact features (grouping.features) where it runs: in this process, or on a Dask
worker (`scheduler="tcp://host:port"`). At most a few partitions are in flight, so memory holds the
gathered features (a few KB an article), not the pile. The features are then grouped here, by the
one grouping every path uses (grouping.group_features): the same assignments on every scheduler.
"""

from __future__ import annotations

import gzip
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import NewsfuseError
from ..ingest import JSONL_SUFFIXES, is_jsonl, jsonl_source  # noqa: F401 - JSONL_SUFFIXES: its old home
from ..models import Article, InputError
from ..settings import DEFAULT, Settings

PARTITION_ITEMS = 128  # files or JSON lines per partition: big enough to amortise a task, small to balance
IN_FLIGHT_PER_WORKER = 2  # partitions queued per Dask worker: keeps workers busy, bounds driver memory
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before giving up with a one-line error
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".gz", ".warc", ".rss", ".atom", ".xml", ".jsonl", ".ndjson"}

Item = tuple[str, str | None]  # (file path, None) or (where "file:line", one JSON line)


@dataclass(frozen=True)
class Partition:
    features: list[Any]  # grouping.features.ArticleFeatures
    errors: list[InputError]
    articles: list[Article]  # kept only when asked (briefs need the text)


@dataclass(frozen=True)
class StoriesRun:
    grouping: Any  # grouping.Grouping
    features: list[Any]
    errors: list[InputError]
    articles: dict[str, Article]


def expand_paths(inputs: Iterable[str]) -> list[str]:
    """Files as given; folders walked for article files (and .jsonl piles), sorted."""
    paths: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths += sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            paths.append(item)
    return paths


def iter_items(paths: Sequence[str], errors: list[InputError]) -> Iterator[Item]:
    """Each file, or each line of a .jsonl(.gz) pile; an unreadable pile becomes an InputError."""
    for path in paths:
        if not is_jsonl(path):
            yield (path, None)
            continue
        try:
            with _open_text(path) as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        yield (f"{path}:{number}", line)
        except (OSError, UnicodeDecodeError, EOFError) as error:
            errors.append(InputError(path, f"cannot read ({error})"))


def count_items(paths: Sequence[str]) -> int:
    """How many items iter_items will yield (for the progress bar's ETA): one pass over .jsonl piles."""
    total = 0
    for path in paths:
        if not is_jsonl(path):
            total += 1
            continue
        try:
            with _open_text(path) as handle:
                total += sum(1 for line in handle if line.strip())
        except (OSError, UnicodeDecodeError, EOFError):
            pass
    return total


def _open_text(path: str) -> Any:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_partition(job: tuple[Sequence[Item], Settings, bool]) -> Partition:
    """Read, extract and featurize one partition (runs on a worker); bad items become InputErrors."""
    from ..grouping import featurize
    from ..pipeline import load_articles

    items, settings, keep = job
    settings = settings.with_(keep_going=True)
    inputs: list[Any] = []
    errors: list[InputError] = []
    for where, line in items:
        if line is None:
            inputs.append(where)
            continue
        try:
            inputs.append(jsonl_source(where, line)[0])
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            errors.append(InputError(where, f"bad JSON line ({error})"))
    articles, more = load_articles(inputs, settings)  # the reader `brief` uses: the same articles
    errors += more
    return Partition(featurize(articles, settings), errors, articles if keep else [])


def run_stories(inputs: Iterable[str], settings: Settings = DEFAULT, scheduler: str = "local",
                keep_articles: bool = False, progress: bool = False) -> StoriesRun:
    """Stream the inputs through read_partition (here or on Dask), then group the gathered features."""
    from ..grouping import group_features

    paths = expand_paths(inputs)
    errors: list[InputError] = []
    jobs = ((chunk, settings, keep_articles) for chunk in _chunks(iter_items(paths, errors), PARTITION_ITEMS))
    bar = _progress_bar(count_items(paths) if progress else 0, progress)
    features: list[Any] = []
    articles: dict[str, Article] = {}
    taken: set[str] = set()
    for (items, _, _), part in _mapper(scheduler)(read_partition, jobs):
        errors += part.errors
        for k, feature in enumerate(part.features):
            renamed = _unique(feature, taken)
            features.append(renamed)
            if part.articles:  # in the order of the features
                articles[renamed.id] = replace(part.articles[k], id=renamed.id)
        bar.update(len(items))
    bar.close()
    return StoriesRun(group_features(features, settings), features, errors, articles)


def _unique(feature: Any, taken: set[str]) -> Any:
    """Partitions are read apart, so two can each hold an id: make ids unique across the pile."""
    from ..ingest import unique_id

    new_id = unique_id(feature.id, taken)
    taken.add(new_id)
    return feature if new_id == feature.id else replace(feature, id=new_id)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Mapper = Callable[[Callable[[Any], Partition], Iterable[Any]], Iterator[tuple[Any, Partition]]]


def _mapper(scheduler: str) -> Mapper:
    if scheduler == "local":
        return lambda fn, jobs: ((job, fn(job)) for job in jobs)
    if "://" in scheduler:
        return lambda fn, jobs: _dask_map(scheduler, fn, jobs)
    raise NewsfuseError(f"unknown scheduler {scheduler!r}: use local or a Dask address such as tcp://127.0.0.1:8786")


def _dask_map(address: str, fn: Callable[[Any], Partition], jobs: Iterable[Any]) -> Iterator[tuple[Any, Partition]]:
    """Results in submission order, with at most IN_FLIGHT_PER_WORKER partitions per worker queued."""
    try:
        from distributed import Client
    except ImportError:
        raise NewsfuseError("a Dask scheduler needs its extra: pip install 'newsfuse[dask]'") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise NewsfuseError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    with client:
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[tuple[Any, Any]] = deque()
        for job in jobs:
            pending.append((job, client.submit(fn, job, pure=False)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


class _NoBar:
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


def _progress_bar(total: int, show: bool) -> Any:
    """tqdm on stderr (rate and ETA), or nothing."""
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total or None, unit="article", desc="newsfuse stories", mininterval=1.0, smoothing=0.1)


def assignment_rows(run: StoriesRun) -> Iterator[dict[str, Any]]:
    """One row per article: id, story, duplicate_of (or None), related story ids."""
    for group in run.grouping.groups:
        for article_id in group.article_ids:
            yield {"id": article_id, "story": group.id, "duplicate_of": run.grouping.duplicate_of.get(article_id),
                   "related": list(group.related)}


def story_rows(run: StoriesRun) -> Iterator[dict[str, Any]]:
    """One row per story: id, headline, article ids, dates, outlets, related, copies."""
    by_id = {f.id: f for f in run.features}
    for group in run.grouping.groups:
        members = [by_id[i] for i in group.article_ids]
        yield {"id": group.id, "headline": headline(members, run.grouping.duplicate_of),
               "articles": list(group.article_ids), "dates": sorted({m.date for m in members if m.date}),
               "outlets": sorted({m.outlet for m in members if m.outlet}),
               "related": list(group.related), "copies": [list(p) for p in group.duplicates]}


def headline(members: Sequence[Any], duplicate_of: dict[str, str]) -> str | None:
    """The title of the story's earliest original (then longest): the report the others followed.
    Without any title, the opening words of its earliest (then longest) original."""
    originals = [m for m in members if m.id not in duplicate_of] or list(members)
    titled = [m for m in originals if m.title]
    first = min(titled or originals, key=lambda m: (m.date is None, m.date or "", -m.words))
    return first.title or (first.opening + " …" if first.opening else None)


def story_briefs(run: StoriesRun, settings: Settings = DEFAULT) -> Iterator[tuple[str, Any]]:
    """(story id, Brief) per story: each story briefed alone, as grouped (needs keep_articles=True)."""
    from ..pipeline import brief_articles

    one_story = settings.with_(single_story=True)
    for group in run.grouping.groups:
        articles = [run.articles[i] for i in group.article_ids if i in run.articles]
        if articles:
            yield group.id, brief_articles(articles, one_story, pile_summary=False)


def write_outputs(run: StoriesRun, folder: str, settings: Settings = DEFAULT, briefs: bool = False) -> None:
    """DIR/assignments.jsonl, DIR/stories.jsonl and, with briefs, DIR/briefs/<story>.json and .md."""
    from ..cli import atomic_file

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("assignments.jsonl", assignment_rows(run)), ("stories.jsonl", story_rows(run))):
        with atomic_file(str(out / name)) as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if briefs:
        from ..render import to_json, to_markdown

        (out / "briefs").mkdir(exist_ok=True)
        for story_id, brief in story_briefs(run, settings):
            (out / "briefs" / f"{story_id}.json").write_text(to_json(brief), encoding="utf-8")
            (out / "briefs" / f"{story_id}.md").write_text(to_markdown(brief), encoding="utf-8")


def corpus_records(run: StoriesRun, settings: Settings = DEFAULT, briefs: bool = False) -> Iterator[dict[str, Any]]:
    """`newsfuse corpus` lines: each story (its row, its clean articles, its brief if asked), then bad inputs."""
    from ..render import article_dict, story_dict

    briefed = dict(story_briefs(run, settings)) if briefs else {}
    for row in story_rows(run):
        record = dict(row, article_ids=row["articles"],
                      articles=[article_dict(run.articles[i]) for i in row["articles"] if i in run.articles])
        if row["id"] in briefed:
            [story] = briefed[row["id"]].stories
            record["brief"] = story_dict(story)
        yield record
    for error in run.errors:
        yield {"error": {"path": error.path, "message": error.message}}
