"""`newsfuse bench fuzz`: hostile inputs through the real command line, each in its own process with a time
and memory limit, for as long as asked; prints how each ended.

Inputs come from `bench.hostile` (the cases of issue 17 at random sizes, half of them randomly damaged,
some gzipped). An outcome is a *success* (exit 0), a *clean error* (a documented exit status, stderr only
`newsfuse: ...` lines), a *crash* (a traceback, the internal-error status 4, a signal, or a MemoryError) or a
*timeout*: more than --cpu-seconds of CPU time (the measure that does not depend on how busy the machine is;
--wall-seconds is only a backstop). Crashing and timed-out inputs are kept in --keep DIR to replay.
Goal: 0 crashes, 0 timeouts.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .hostile import random_input

CLEAN_STATUSES = {0, 1, 2, 3}
COMMANDS = (("brief", "--format", "json"), ("brief",), ("extract",))
POLL_S = 0.05


@dataclass
class Outcome:
    kind: str  # success | clean error | crash | timeout
    cpu_seconds: float
    peak_mb: float
    detail: str


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("fuzz", help="hostile inputs through the CLI, each in a limited subprocess")
    parser.add_argument("--minutes", type=float, default=2.0, help="how long to run (2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=int, default=60, help="CPU seconds per input before it is a timeout (60)")
    parser.add_argument("--wall-seconds", type=float, default=600.0, help="wall-clock backstop per input (600)")
    parser.add_argument("--memory-mb", type=int, default=6000, help="address-space limit per process (6000 MB)")
    parser.add_argument("--max-size", type=int, default=2_000_000, help="largest generated input in bytes")
    parser.add_argument("--keep", metavar="DIR", help="keep crashing and timed-out inputs here")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    peak, slowest = 0.0, 0.0
    stop = time.monotonic() + args.minutes * 60
    keep = Path(args.keep) if args.keep else None
    with tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-") as tmp:
        n = 0
        while time.monotonic() < stop:
            n += 1
            name, data = random_input(rng, args.max_size)
            path = Path(tmp) / f"{n:05d}-{name}"
            path.write_bytes(data)
            command = rng.choice(COMMANDS)
            outcome = run_one([sys.executable, "-m", "newsfuse.cli", *command, str(path)], args.cpu_seconds,
                              args.wall_seconds, args.memory_mb)
            counts[outcome.kind] += 1
            peak, slowest = max(peak, outcome.peak_mb), max(slowest, outcome.cpu_seconds)
            if outcome.kind in ("crash", "timeout"):
                print(f"{outcome.kind}: {' '.join(command)} {path.name} ({len(data):,} bytes): {outcome.detail}",
                      flush=True)
                if keep:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / path.name).write_bytes(data)
            path.unlink()
    print(f"\n{n} inputs in {args.minutes:g} min (seed {args.seed}, limits {args.cpu_seconds} CPU s, "
          f"{args.memory_mb} MB address space)")
    print(f"{'outcome':<12} {'count':>6}")
    for kind in ("success", "clean error", "crash", "timeout"):
        print(f"{kind:<12} {counts[kind]:>6}")
    print(f"peak memory {peak:,.0f} MB (max RSS of one process), most CPU for one input {slowest:.1f} s")
    return 1 if counts["crash"] or counts["timeout"] else 0


def run_one(argv: list[str], cpu_seconds: int, wall_seconds: float, memory_mb: int) -> Outcome:
    """Run argv with the limits; stdout is discarded, stderr kept to judge the outcome."""
    with tempfile.TemporaryFile() as err:
        pid = _spawn(argv, err.fileno(), cpu_seconds, memory_mb)
        status, usage = _wait(pid, time.monotonic() + wall_seconds)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    peak_mb = usage.ru_maxrss / 1024 if usage else 0.0
    cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
    if status is None or status == -signal.SIGXCPU or (status == -signal.SIGKILL and cpu >= cpu_seconds):
        return Outcome("timeout", cpu, peak_mb, f"{cpu:.0f} CPU s (limit {cpu_seconds})")
    return _judge(status, stderr, cpu, peak_mb)


def _spawn(argv: list[str], stderr_fd: int, cpu_seconds: int, memory_mb: int) -> int:
    limit = memory_mb * 1024 * 1024
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    pid = os.fork()
    if pid == 0:  # child
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            os.dup2(stderr_fd, 2)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid


def _wait(pid: int, deadline: float) -> tuple[int | None, resource.struct_rusage | None]:
    """(exit status, resource usage), or (None, usage) after killing a child that ran past the deadline."""
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage
        time.sleep(POLL_S)
    os.kill(pid, 9)
    _, _, usage = os.wait4(pid, 0)
    return None, usage


def _judge(status: int, stderr: str, seconds: float, peak_mb: float) -> Outcome:
    lines = [line for line in stderr.splitlines() if line.strip()]
    foreign = [line for line in lines if not line.startswith("newsfuse")]
    if "Traceback" in stderr or "MemoryError" in stderr or status == 4 or status < 0 or status not in CLEAN_STATUSES:
        detail = next((line for line in reversed(lines) if line.strip()), f"exit status {status}")
        return Outcome("crash", seconds, peak_mb, f"status {status}: {detail[:300]}")
    if foreign:
        return Outcome("crash", seconds, peak_mb, f"status {status}, stray stderr: {foreign[0][:200]}")
    return Outcome("success" if status == 0 else "clean error", seconds, peak_mb, "")
