"""Two executors behind one method: map(fn, items) -> list, order kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from ..errors import NewsfuseError

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]: ...


class LocalRunner:
    """In-process, one item after another: the reference the Dask runner must agree with."""

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [fn(item) for item in items]


class DaskRunner:
    """A Dask bag per map. scheduler: "processes" (local cluster, default), "threads", "synchronous",
    or a distributed scheduler address such as "tcp://10.0.0.5:8786" (needs dask.distributed)."""

    def __init__(self, scheduler: str = "processes", workers: int | None = None) -> None:
        try:
            import dask.bag  # noqa: F401
        except ImportError:
            raise NewsfuseError("the Dask runner needs its extra: pip install 'newsfuse[dask]'") from None
        self.scheduler = scheduler
        self.workers = workers
        self._client: Any = None
        if "://" in scheduler:
            try:
                from dask.distributed import Client
            except ImportError:
                raise NewsfuseError("a distributed scheduler needs: pip install 'dask[distributed]'") from None
            self._client = Client(scheduler)

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        import dask.bag as db

        if not items:
            return []
        partitions = max(1, min(len(items), (self.workers or 2) * 4))
        bag = db.from_sequence(list(items), npartitions=partitions).map(fn)
        if self._client is not None:
            return list(self._client.compute(bag).result())
        options: dict[str, Any] = {"scheduler": self.scheduler}
        if self.workers and self.scheduler in {"processes", "threads"}:
            options["num_workers"] = self.workers
        return list(bag.compute(**options))


def make_runner(name: str = "local", workers: int | None = None) -> Runner:
    """"local", "dask" (a local process cluster), "dask-threads", or a dask scheduler address."""
    if name == "local":
        return LocalRunner()
    if name == "dask":
        return DaskRunner("processes", workers)
    if name == "dask-threads":
        return DaskRunner("threads", workers)
    if "://" in name:
        return DaskRunner(name, workers)
    raise NewsfuseError(f"unknown runner {name!r}: use local, dask, dask-threads or a scheduler address")
