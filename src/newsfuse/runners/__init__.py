"""Corpus scale: the same stage functions over many articles, on one of two executors.

`LocalRunner` maps in this process; `DaskRunner` maps over a Dask bag, on a local cluster by default
(processes on this machine) or on a distributed cluster given its scheduler address. Work is sent in
batches so each worker loads spaCy once. `corpus.run_corpus` is the driver both share.
"""

from __future__ import annotations

from .executors import DaskRunner, LocalRunner, Runner, make_runner

__all__ = ["DaskRunner", "LocalRunner", "Runner", "make_runner"]
