"""`newsfuse serve`: checks before binding (a token beyond loopback), then uvicorn with a re-brief process."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..errors import NewsfuseError
from ..store.rebrief import watch_parent
from .security import MAX_BODY_BYTES, is_loopback


def check_bind(host: str, token: str | None) -> None:
    """Beyond loopback anyone on the network could write: refuse to start without NEWSFUSE_TOKEN."""
    if not is_loopback(host) and not token:
        raise NewsfuseError(f"refusing to serve on {host} without a token: set NEWSFUSE_TOKEN "
                            "(or serve on 127.0.0.1)")


def serve(db: str, host: str, port: int, allow_hosts: tuple[str, ...], max_body: int | None, rebrief: str,
          uvicorn: Any) -> int:
    from ..store import open_store
    from . import create_app

    token = os.environ.get("NEWSFUSE_TOKEN") or None
    check_bind(host, token)
    if max_body is not None and max_body < 1:
        raise NewsfuseError("--max-body must be at least 1")
    store = open_store(db)

    def executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=watch_parent,
                                   initargs=(os.getpid(),))

    app = create_app(store, token=token, bind_host=host, allowed_hosts=allow_hosts,
                     max_body=max_body or MAX_BODY_BYTES,
                     executor=executor if rebrief == "process" else None)
    desk = app.app.state.desk
    print(f"newsfuse: serving {db} on http://{host}:{port}/", file=sys.stderr)
    if not is_loopback(host):
        names = ", ".join(sorted(app.allowed_hosts))
        print(f"newsfuse: browsers must reach it as one of: {names} (add names with --allow-host)", file=sys.stderr)
    if not token:
        print(f"newsfuse: no NEWSFUSE_TOKEN set; this run's write token is {desk.token.value}", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
    return 0
