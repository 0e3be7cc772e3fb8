"""The story desk: FastAPI over a Store. Routes only translate HTTP to library calls. Pages and the API
read stored briefs (computed by the background `Rebriefer`), so a read never waits for a re-brief."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from ..settings import DEFAULT, Settings
from ..store import Store
from ..store.rebrief import Rebriefer
from .api import add_api_routes
from .pages import Desk, add_page_routes
from .security import MAX_BODY_BYTES, Guard, WriteToken, allowed_hosts_for

STATIC = Path(__file__).parent / "static"


def _lifespan(worker: Rebriefer) -> Callable[[Any], Any]:
    """The re-brief worker runs while the server does."""

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        worker.start()
        try:
            yield
        finally:
            worker.stop()

    return lifespan


def create_app(store: Store, settings: Settings = DEFAULT, *, token: str | None = None, bind_host: str = "127.0.0.1",
               allowed_hosts: tuple[str, ...] = (), max_body: int = MAX_BODY_BYTES,
               executor: Callable[[], Executor] | None = None, poll: float | None = None) -> Any:
    """The desk app (`executor` makes the re-brief's executor, e.g. a process pool). `token` defaults to
    NEWSFUSE_TOKEN; without one, writes need the token made up for this run, which the pages carry in their
    forms (so only someone who can load the page can write)."""
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    write_token = WriteToken(token if token is not None else os.environ.get("NEWSFUSE_TOKEN") or None)
    worker = Rebriefer(store, settings, executor, **({"poll": poll} if poll else {}))
    desk = Desk(store, settings, worker, write_token)
    desk.max_body = max_body

    app = FastAPI(title="newsfuse desk", version="1", docs_url=None, redoc_url=None,
                  description="Many outlets, one story, one brief you can check. Writes need the token "
                              "(Authorization: Bearer TOKEN).",
                  lifespan=_lifespan(worker))
    app.state.desk = desk
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_page_routes(app, desk)
    add_api_routes(app, desk)
    return Guard(app, allowed_hosts_for(bind_host, allowed_hosts), max_body)


__all__ = ["create_app"]
