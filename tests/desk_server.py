"""Start the real desk: `newsfuse serve` in a subprocess on a free loopback port over a real SQLite file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

SRC = str(Path(__file__).resolve().parents[1] / "src")
TOKEN = "desk-test-token"
START_SECONDS = 60  # the server answers /healthz within this (imports only; models load on the first brief)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class DeskServer:
    process: subprocess.Popen  # type: ignore[type-arg]
    url: str
    db: str
    token: str = TOKEN

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def client(self, timeout: float = 180.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)

    def wait_briefed(self, client: httpx.Client, seconds: float = 240.0) -> dict:  # type: ignore[type-arg]
        return client.get("/api/brief", params={"wait": seconds}, timeout=seconds + 30).json()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_desk(db: Path, *extra: str, token: str = TOKEN) -> DeskServer:
    """Serve `db` and wait until it answers; raises with the server's output if it does not."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=SRC, NEWSFUSE_TOKEN=token)
    process = subprocess.Popen([sys.executable, "-m", "newsfuse.cli", "serve", "--db", str(db), "--port", str(port),
                                *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newsfuse serve exited {process.returncode}: {process.stdout.read()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return DeskServer(process, url, str(db), token)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("newsfuse serve did not answer in time")
