"""A real Dask cluster on loopback (`dask scheduler` + two `dask worker` processes) groups as one process does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.cli import main

pytest.importorskip("distributed")

SRC = str(Path(__file__).resolve().parents[1] / "src")
START_TIMEOUT = 60  # seconds for the scheduler and both workers to come up


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`dask scheduler` on 127.0.0.1 (a free port) and two single-threaded `dask worker` processes."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]))
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker"]
    processes = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", str(scheduler_file)], env=env, cwd=folder,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        address = _wait_for_address(scheduler_file)
        for name in ("w1", "w2"):
            processes.append(subprocess.Popen([*worker, address, "--nthreads", "1", "--no-dashboard", "--name", name,
                                               "--host", "127.0.0.1", "--local-directory", str(folder / name)],
                                              env=env, cwd=folder, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_address(scheduler_file: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if scheduler_file.exists():
            try:
                return str(json.loads(scheduler_file.read_text())["address"])
            except (ValueError, KeyError):
                pass
        time.sleep(0.2)
    pytest.fail("dask scheduler did not start")


def test_cluster_assignments_equal_single_process(cluster, seeds, tmp_path, monkeypatch):
    """Partitions of two items (several tasks on both workers); the outputs must be byte-identical."""
    import newsfuse.runners.stories as stories

    monkeypatch.setattr(stories, "PARTITION_ITEMS", 2)
    pile = tmp_path / "pile.jsonl"
    rows = [{"id": f"s{k}", "text": p.read_text(encoding="utf-8"), "title": f"Seed {k}"} for k, p in enumerate(seeds)]
    rows.append({"id": "copy", "text": seeds[1].read_text(encoding="utf-8")[:2500] + "\n\nAll rights reserved."})
    pile.write_text("".join(json.dumps(r) + "\n" for r in rows) + "oops\n", encoding="utf-8")
    inputs = [str(p) for p in seeds] + [str(pile)]
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["stories", *inputs, "--out", str(local)]) == 1  # the bad line is reported on both
    assert main(["stories", *inputs, "--out", str(remote), "--scheduler", cluster]) == 1
    for name in ("assignments.jsonl", "stories.jsonl"):
        assert (local / name).read_text() == (remote / name).read_text()
    rows = [json.loads(line) for line in (local / "assignments.jsonl").read_text().splitlines()]
    assert len(rows) == 9 and sum(r["duplicate_of"] is not None for r in rows) >= 5  # seeds twice, plus the copy


def test_unreachable_scheduler_is_one_line_error(seeds, capsys, monkeypatch):
    import newsfuse.runners.stories as stories

    monkeypatch.setattr(stories, "CONNECT_TIMEOUT", 2)
    assert main(["stories", str(seeds[0]), "--scheduler", "tcp://127.0.0.1:9", "--no-embeddings"]) == 1
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
