"""The real desk: `newsfuse serve` over a real SQLite file, reached over loopback HTTP; a concurrent
`newsfuse add`; a SIGKILL mid re-brief; the refusal to serve beyond loopback without a token."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from desk_server import SRC, start_desk  # noqa: E402
from newsfuse.store import open_store  # noqa: E402


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = start_desk(tmp_path_factory.mktemp("desk") / "news.sqlite")
    yield server
    server.stop()


def test_seeds_through_the_api_become_a_story_page(desk, seeds):
    with desk.client() as client:
        for seed in seeds[:3]:
            response = client.post("/api/articles", json={"text": seed.read_text(encoding="utf-8"), "id": seed.stem},
                                   headers=desk.auth)
            assert response.status_code == 201, response.text
        brief = desk.wait_briefed(client)
        assert len(brief["articles"]) == 3
        stories = client.get("/api/stories").json()
        assert sum(s["articles"] for s in stories) == 3 and all(s["ready"] for s in stories)
        page = client.get(f"/story/{stories[0]['key']}")
        assert page.status_code == 200 and "Summary" in page.text and 'class="badge"' in page.text
        assert "content-security-policy" in page.headers
        index = client.get("/").text
        assert all(s["headline"].replace("'", "&#39;") in index for s in stories)


def test_an_add_from_another_process_reaches_the_running_desk(desk, seeds):
    """`newsfuse add` writes the file while the server runs; the server's worker notices and re-briefs."""
    env = dict(os.environ, PYTHONPATH=SRC)
    done = subprocess.run([sys.executable, "-m", "newsfuse.cli", "add", "--db", desk.db, str(seeds[3])], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with desk.client() as client:
        deadline = time.monotonic() + 30
        while seeds[3].stem not in {a["id"] for a in client.get("/api/articles").json()}:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(1.5)  # the worker polls the revision once a second
        brief = desk.wait_briefed(client)
    assert seeds[3].stem in {a["id"] for a in brief["articles"]}


def test_guard_on_the_real_server(desk):
    with desk.client() as client:
        assert client.get("/", headers={"Host": "rebind.attacker.example"}).status_code == 421
        assert client.post("/api/articles", json={"text": "a\nb"}).status_code == 401
        big = client.post("/api/articles", content=b"{" + b" " * 10_000_001 + b"}", headers=desk.auth)
        assert big.status_code == 413


def rebrief_processes(pid: int) -> list[int]:
    """The server's re-brief worker processes (multiprocessing spawn children; [] without Linux /proc)."""
    found: list[int] = []
    if not os.path.exists(f"/proc/{pid}/task"):
        return found
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            for child in handle.read().split():
                with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                    if b"spawn_main" in cmdline.read():
                        found.append(int(child))
    return found


def alive(pid: int) -> bool:
    """Running, not gone and not a zombie waiting for init to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_a_killed_rebrief_process_is_replaced(desk):
    """The re-brief process dies (OOM killer, an operator): the server starts another for the next change."""
    workers = rebrief_processes(desk.process.pid)
    if not workers:
        pytest.skip("no re-brief process started yet (the module's earlier tests start it)")
    [worker] = workers
    os.kill(worker, signal.SIGKILL)
    text = ("The River Eden flooded Carlisle again on Sunday, the Environment Agency said.\n\n"
            "Dozens of homes were evacuated as the water rose through the night.")
    with desk.client() as client:
        assert client.post("/api/articles", json={"text": text, "id": "eden"}, headers=desk.auth).status_code == 201
        deadline = time.monotonic() + 240
        while "eden" not in {a["id"] for a in desk.wait_briefed(client, 30)["articles"]}:
            assert time.monotonic() < deadline, client.get("/api/status").json()
        assert client.get("/api/status").json()["updating"] is False
    assert rebrief_processes(desk.process.pid) not in ([], [worker])


def test_sigkill_during_a_rebrief_leaves_a_sound_store(tmp_path, seeds):
    """Kill the server (and so its re-brief) mid-way: the file passes integrity_check, holds every article
    whose add was answered, and a restarted desk finishes the briefs."""
    db = tmp_path / "killed.sqlite"
    server = start_desk(db)
    try:
        with server.client() as client:
            for seed in seeds:
                assert client.post("/api/articles", json={"text": seed.read_text(encoding="utf-8"), "id": seed.stem},
                                   headers=server.auth).status_code == 201
            deadline = time.monotonic() + 60
            while not client.get("/api/status").json()["updating"]:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            workers = rebrief_processes(server.process.pid)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=30)
    finally:
        server.stop()
    deadline = time.monotonic() + 20  # the re-brief process notices its server is gone and exits
    while [w for w in workers if alive(w)]:
        assert time.monotonic() < deadline, f"re-brief processes outlived their server: {workers}"
        time.sleep(0.2)
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert {r[0] for r in connection.execute("SELECT id FROM articles")} == {s.stem for s in seeds}
    connection.close()
    again = start_desk(db)
    try:
        with again.client() as client:
            assert len(again.wait_briefed(client)["articles"]) == len(seeds)
    finally:
        again.stop()
    with open_store(str(db)) as store:
        assert all(store.brief(row.key) for row in store.stories())


def test_serving_beyond_loopback_without_a_token_is_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_TOKEN"} | {"PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-m", "newsfuse.cli", "serve", "--db", str(tmp_path / "x.sqlite"),
                           "--host", "0.0.0.0"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.fullmatch(r"newsfuse: error: refusing to serve on 0\.0\.0\.0 without a token: .*NEWSFUSE_TOKEN.*\n",
                        done.stderr)
