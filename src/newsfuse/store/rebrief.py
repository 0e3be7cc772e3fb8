"""The desk's background re-brief: when the article set changes, assign the new articles to stories
(store.grouping: incremental, no regrouping of the world), brief only the stories whose article set is
new, and store each brief in its own short transaction. Readers never wait on it: they read the last
stored grouping and briefs (SQLite WAL / PostgreSQL MVCC) and see `progress` meanwhile."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass
from typing import Any, TypeVar

from ..models import Article
from ..settings import DEFAULT, Settings
from .base import Store, StoryRow, story_key
from .grouping import DeskGrouping
from .grouping import update as update_grouping

PARENT_CHECK_SECONDS = 1.0  # how often a re-brief process checks that its server still runs
POLL_SECONDS = 1.0  # how often the worker looks for articles added by another process (newsfuse add)
REBRIEF_NICENESS = 10  # the re-brief process runs this much nicer than the server answering readers
log = logging.getLogger("newsfuse.desk")
T = TypeVar("T")


def brief_story_json(articles: Sequence[Article], settings: Settings) -> str:
    """One story's brief as the JSON contract (a module-level function, so a process pool can run it)."""
    from ..pipeline import brief_articles
    from ..render import to_json

    return to_json(brief_articles(articles, settings.with_(single_story=True)), indent=None)


def watch_parent(parent: int) -> None:
    """A pool worker's initializer (`initargs=(os.getpid(),)`): yield the CPU to the server's readers (a lower
    priority), and exit when the server `parent` is gone, even SIGKILLed, even before this process started."""
    try:
        os.nice(REBRIEF_NICENESS)
    except OSError:  # not permitted here: run at the server's priority
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="newsfuse-parent-watch", daemon=True).start()


@dataclass
class Progress:
    """What the pages show while a re-brief runs."""

    updating: bool = False
    done: int = 0
    total: int = 0
    revision: int = -1  # the article revision whose briefs are all stored
    error: str | None = None


class Rebriefer:
    """A daemon thread; `poke()` after a write through this process, polling catches the others."""

    def __init__(self, store: Store, settings: Settings = DEFAULT, executor: Callable[[], Executor] | None = None,
                 poll: float = POLL_SECONDS) -> None:
        self.store, self.settings, self.poll = store, settings, poll
        self.make_executor = executor  # a factory, so a crashed worker process is replaced by a new one
        self.executor: Executor | None = None
        self.progress = Progress()
        self.grouping: DeskGrouping | None = None  # the incremental story state (store.grouping)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsfuse-rebrief", daemon=True)

    def start(self) -> Rebriefer:
        self._thread.start()
        return self

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception as error:  # noqa: BLE001 - the worker must outlive one bad story; pages show it
                log.exception("re-brief failed")
                self.progress.error = f"{type(error).__name__}: {error}"
                self.progress.updating = False
                self._stop.wait(self.poll * 5)
            self._wake.wait(self.poll)
            self._wake.clear()

    def step(self) -> bool:
        """Bring the stored grouping and briefs up to the store's revision; True when anything was done."""
        revision = self.store.revision()
        if revision == self.progress.revision:
            return False
        articles = self.store.articles()
        self.progress = Progress(updating=True, revision=self.progress.revision)
        hashes = self.store.hashes()
        stored = [row.article_ids for row in self.store.stories()] if self.grouping is None else []
        self.grouping, groups = self._call(update_grouping, self.grouping, stored, articles, hashes, self.settings)
        rows = [StoryRow(story_key((i, hashes.get(i, "")) for i in ids), ids, position)
                for position, ids in enumerate(groups)]
        if not self.store.replace_stories(rows, revision):
            self.progress.updating = False
            return True  # the articles changed meanwhile: the next step regroups
        missing = [row for row in rows if self.store.brief(row.key) is None]
        self.progress.total = len(missing)
        by_id = {a.id: a for a in articles}
        for row in missing:
            if self._stop.is_set():
                return True
            self.store.put_brief(row.key, self._call(brief_story_json, [by_id[i] for i in row.article_ids],
                                                     self.settings))
            self.progress.done += 1
        self.progress = Progress(revision=revision)
        return True

    def _call(self, function: Callable[..., T], *args: Any) -> T:
        """Run the heavy work in the executor when there is one (its own process keeps the GIL free)."""
        if self.make_executor is None:
            return function(*args)
        if self.executor is None:
            self.executor = self.make_executor()
        try:
            return self.executor.submit(function, *args).result()
        except BrokenExecutor:  # the worker process died (killed, out of memory): the next call starts another
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
            raise


def run_until_current(store: Store, settings: Settings = DEFAULT) -> None:
    """Bring a store's briefs up to date in the calling thread (the CLI and tests use it)."""
    worker = Rebriefer(store, settings)
    while worker.step():
        pass
