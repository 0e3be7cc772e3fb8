"""`newsfuse bench web`: the desk under load on loopback. A store (the seeds plus Multi-News clusters when
../shared/data has them) is served by the real `newsfuse serve`; 50 concurrent clients request a story page,
then /api/brief, while an adder posts a new article every few seconds (so the background re-brief runs
meanwhile). wrk drives the load when installed (apt-get install wrk), else a bounded asyncio client.
Prints requests/s, errors and p50/p99 latency per route."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ..errors import NewsfuseError

CLIENTS = 50
SECONDS = 30
ADD_EVERY = 3.0  # seconds between articles posted during the load
CLUSTERS = 5  # Multi-News clusters stored beside the seeds
BRIEF_WAIT = 900  # seconds the bench waits for the initial briefs
GOAL = "goal: >= 200 story-page req/s, 0 errors, p99 < 500 ms"


@dataclass
class Row:
    route: str
    tool: str
    clients: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    added: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("web", help="the story desk under load on loopback (story page, /api/brief)")
    parser.add_argument("--db", metavar="STORE", help="serve a copy of this SQLite store (default: seeds + Multi-News)")
    parser.add_argument("--clusters", type=int, default=CLUSTERS, metavar="N",
                        help=f"Multi-News clusters to store beside the seeds ({CLUSTERS})")
    parser.add_argument("--clients", type=int, default=CLIENTS, metavar="N", help=f"concurrent clients ({CLIENTS})")
    parser.add_argument("--seconds", type=float, default=SECONDS, metavar="S", help=f"load per route ({SECONDS})")
    parser.add_argument("--add-every", type=float, default=ADD_EVERY, metavar="S",
                        help=f"post an article every S seconds during the load, 0 for none ({ADD_EVERY})")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto",
                        help="load generator: wrk, or a plain asyncio client (auto: wrk if installed)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.clients < 1 or args.seconds <= 0:
        raise NewsfuseError("--clients must be at least 1 and --seconds positive")
    tool = ("wrk" if shutil.which("wrk") else "python") if args.tool == "auto" else args.tool
    if tool == "wrk" and not shutil.which("wrk"):
        raise NewsfuseError("wrk is not installed (apt-get install wrk), use --tool python")
    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-web-") as folder:
        db = Path(folder) / "bench.sqlite"
        spare = prepare_store(args.db, db, args.clusters)
        token = secrets.token_urlsafe(16)
        server, url = start_server(db, token)
        try:
            print(f"serving {len(articles_of(url))} articles; waiting for the briefs…", file=sys.stderr)
            httpx.get(f"{url}/api/brief", params={"wait": BRIEF_WAIT}, timeout=BRIEF_WAIT + 60)
            stories = httpx.get(f"{url}/api/stories").json()
            key = max(stories, key=lambda s: s["articles"])["key"]
            rows = [measure(url, route, tool, args, token, spare) for route in (f"/story/{key}", "/api/brief")]
        finally:
            server.terminate()
            server.wait(timeout=30)
    print_table(rows, stories_count=len(stories))
    return 0


def prepare_store(source: str | None, db: Path, clusters: int) -> list[str]:
    """The store to serve (a copy of --db, or seeds + clusters) and spare article texts to add under load."""
    from ..pipeline import load_articles
    from ..store import open_store
    from .data import default_data_path, load_clusters

    try:
        documents = [d for c in load_clusters(default_data_path("multinews-val.jsonl.gz"), clusters + 20)
                     for d in c.documents if len(d.split()) > 80]
    except NewsfuseError:
        documents = []
    stored, spare = documents[: clusters * 3], documents[clusters * 3:]
    if source:
        shutil.copyfile(source, db)
        return spare or [f"Bench article {n}.\n\nA line of text that makes article {n} its own." for n in range(500)]
    seeds = sorted((Path(__file__).resolve().parents[3].parent / "shared" / "seeds").glob("*.txt")) \
        or sorted((Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "seeds").glob("*.txt"))
    articles, _ = load_articles([*map(str, seeds), *[d.replace(". ", ".\n\n", 3) for d in stored]])
    with open_store(str(db)) as store:
        store.add(articles)
    return spare or [f"Bench article {n}.\n\nA line of text that makes article {n} its own." for n in range(500)]


def start_server(db: Path, token: str) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NEWSFUSE_TOKEN=token)
    server = subprocess.Popen([sys.executable, "-m", "newsfuse.cli", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise NewsfuseError("newsfuse serve did not start")


def articles_of(url: str) -> list[Any]:
    return httpx.get(f"{url}/api/articles").json()  # type: ignore[no-any-return]


class Adder(threading.Thread):
    """Posts one spare article every `every` seconds until stopped (the desk re-briefs meanwhile)."""

    def __init__(self, url: str, token: str, texts: list[str], every: float) -> None:
        super().__init__(daemon=True)
        self.url, self.token, self.texts, self.every = url, token, texts, every
        self.added = self.errors = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while self.every > 0 and self.texts and not self.stop.wait(self.every):
            text = self.texts.pop(0)
            try:
                response = httpx.post(f"{self.url}/api/articles", json={"text": text.replace(". ", ".\n\n", 3)},
                                      headers={"Authorization": f"Bearer {self.token}"}, timeout=60)
                self.added += response.status_code == 201
                self.errors += response.status_code != 201
            except httpx.HTTPError:
                self.errors += 1


def measure(url: str, route: str, tool: str, args: argparse.Namespace, token: str, spare: list[str]) -> Row:
    adder = Adder(url, token, spare, args.add_every)
    adder.start()
    try:
        load = run_wrk if tool == "wrk" else run_python
        requests, errors, p50, p99, seconds = load(url + route, args.clients, args.seconds)
    finally:
        adder.stop.set()
        adder.join(timeout=70)
    label = "/story/KEY" if route.startswith("/story/") else route
    return Row(label, tool, args.clients, seconds, requests, errors + adder.errors, p50, p99, adder.added)


def run_wrk(url: str, clients: int, seconds: float) -> tuple[int, int, float, float, float]:
    threads = str(min(clients, 2))
    done = subprocess.run(["wrk", "-t", threads, "-c", str(clients), "-d", f"{int(seconds)}s", "--latency",
                           "--timeout", "5s", url], capture_output=True, text=True, check=True)
    out = done.stdout
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", out).group(1))  # type: ignore[union-attr]
    spent = re.search(r"requests in ([\d.]+)(ms|s|m)", out)
    seconds_taken = float(spent.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[spent.group(2)]  # type: ignore[union-attr]
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return requests, errors, _wrk_ms(out, "50%"), _wrk_ms(out, "99%"), seconds_taken


def _wrk_ms(out: str, percentile: str) -> float:
    found = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out)
    if not found:
        return float("nan")
    return float(found.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]


def run_python(url: str, clients: int, seconds: float) -> tuple[int, int, float, float, float]:
    """A bounded asyncio load: `clients` keep-alive connections, one request at a time each, for `seconds`.
    Plain asyncio streams: an HTTP client library's own overhead would be measured instead of the server's."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    request = (f"GET {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\n"
               f"Host: {parts.netloc}\r\nConnection: keep-alive\r\n\r\n").encode()
    latencies: list[float] = []
    errors = 0

    async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
        if length is None:
            raise ConnectionError("no content-length")
        await reader.readexactly(int(length.group(1)))
        return status

    async def client_loop(deadline: float) -> None:
        nonlocal errors
        connection = None
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection(parts.hostname, parts.port)
                status = await asyncio.wait_for(one(*connection), timeout=10)
                errors += status >= 400
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, ConnectionError):
                errors += 1
                if connection is not None:
                    connection[1].close()
                connection = None
            latencies.append((time.perf_counter() - start) * 1000)
        if connection is not None:
            connection[1].close()

    async def main() -> float:
        began = time.monotonic()
        await asyncio.gather(*(client_loop(began + seconds) for _ in range(clients)))
        return time.monotonic() - began

    spent = asyncio.run(main())
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return len(latencies), errors, cuts[49], cuts[98], spent


def print_table(rows: list[Row], stories_count: int) -> None:
    print(f"newsfuse bench web: {stories_count} stories, load on loopback ({GOAL})")
    print(f"{'route':<12} {'tool':<6} {'clients':>7} {'seconds':>7} {'requests':>8} {'req/s':>8} {'errors':>6} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'added':>5}")
    for r in rows:
        print(f"{r.route:<12} {r.tool:<6} {r.clients:>7} {r.seconds:>7.1f} {r.requests:>8} {r.rate:>8.1f} "
              f"{r.errors:>6} {r.p50_ms:>7.1f} {r.p99_ms:>7.1f} {r.added:>5}")
