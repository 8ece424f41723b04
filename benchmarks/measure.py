"""Measuring a command: wall time, CPU time and peak memory of the child process tree."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mb: float


def run(cmd: list[str], *, cwd: str | None = None, env: dict | None = None, quiet: bool = True) -> Sample:
    """Run ``cmd`` once; CPU and peak RSS come from ``wait4`` (the child and its waited-for children)."""
    out = subprocess.DEVNULL if quiet else None
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE if quiet else None)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    if proc.stderr:
        proc.stderr.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak_mb for s in samples))


def repeat(cmd: list[str], times: int = 3, **kwargs) -> Sample:
    return median([run(cmd, **kwargs) for _ in range(times)])
