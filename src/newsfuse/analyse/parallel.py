"""Run the per-article analysis in forked processes. spaCy parsing is CPU-bound and holds the GIL, so threads
do not help; a forked child starts in ~25 ms with the model already loaded (a spawned one would spend seconds
loading it), analyses its share of the articles and sends back the pickled records. The parse of a text does not
depend on what it is batched with, so the records are the same as in one process.

Forking is used only where it is safe and pays: the 'fork' start method exists (Linux), this is the only
thread (forking a threaded process, e.g. a web server, can deadlock the child), the process is not a daemon
(they cannot have children), and the input has enough words to win back the start-up. Any failure of a child
falls back to analysing its share here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Any

from ..models import Article, ArticleAnalysis
from ..settings import Settings

Analyser = Callable[[Sequence[Article], Settings], list[ArticleAnalysis]]

# Words per process below which a fork costs more than it saves (fork + pickling ~50 ms; spaCy with the
# analysis components runs ~3,000-5,000 words per CPU-second on the reference 2-core machine).
MIN_WORDS_PER_PROCESS = 800
CHILD_TIMEOUT_BASE_S = 60.0  # a child that sends nothing for this long, plus ...
CHILD_TIMEOUT_PER_WORD_S = 0.005  # ... this per word of its share, is given up on and its share redone here


def analyse_split(articles: list[Article], settings: Settings, analyse: Analyser) -> list[ArticleAnalysis]:
    """`analyse(articles)`, with the articles shared out between this process and forked children."""
    sizes = [_words(a) for a in articles]
    processes = min(process_count(settings), len(articles), max(1, sum(sizes) // MIN_WORDS_PER_PROCESS))
    if processes < 2 or not fork_is_safe():
        return analyse(articles, settings)
    groups = balanced_groups(sizes, processes)
    children = [_start_child([articles[i] for i in group], settings, analyse) for group in groups[1:]]
    results: dict[int, ArticleAnalysis] = dict(zip(groups[0], analyse([articles[i] for i in groups[0]], settings)))
    for group, child in zip(groups[1:], children):
        share = [articles[i] for i in group]
        records = _collect(child, sum(sizes[i] for i in group))
        results.update(zip(group, records if records is not None else analyse(share, settings)))
    return [results[i] for i in range(len(articles))]


def process_count(settings: Settings) -> int:
    """Processes to use: the setting, capped by the CPUs this process may run on."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(settings.analyse_processes, cpus))


def fork_is_safe() -> bool:
    """Fork only on a POSIX 'fork' platform, from a single-threaded, non-daemon process."""
    return ("fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            and not multiprocessing.current_process().daemon)


def balanced_groups(sizes: Sequence[int], count: int) -> list[list[int]]:
    """Indices split into `count` groups of about equal total size (largest first into the lightest group),
    each group in input order."""
    groups: list[list[int]] = [[] for _ in range(count)]
    totals = [0] * count
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = totals.index(min(totals))
        groups[lightest].append(i)
        totals[lightest] += sizes[i]
    return [sorted(g) for g in groups if g]


def _words(article: Article) -> int:
    return sum(p.count(" ") + 1 for p in article.paragraphs)


def _start_child(share: list[Article], settings: Settings, analyse: Analyser) -> Any:
    """A forked process analysing `share`; returns (process, receiving end) or None when it cannot start."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(share, settings, analyse, sender), daemon=True)
    try:
        process.start()
    except OSError:
        return None
    sender.close()
    return process, receiver


def _child(share: list[Article], settings: Settings, analyse: Analyser, sender: Any) -> None:
    """In the child: analyse and send the pickled records (an exception is left to the parent's fallback)."""
    sender.send_bytes(pickle.dumps(analyse(share, settings), protocol=pickle.HIGHEST_PROTOCOL))
    sender.close()


def _collect(child: Any, words: int) -> list[ArticleAnalysis] | None:
    """The child's records, or None if it failed, died or took far too long."""
    if child is None:
        return None
    process, receiver = child
    records = None
    try:
        if receiver.poll(CHILD_TIMEOUT_BASE_S + CHILD_TIMEOUT_PER_WORD_S * words):
            records = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        records = None
    finally:
        receiver.close()
        if records is None and process.is_alive():
            process.kill()
        process.join()
    return records
