"""Measuring a command: wall time, CPU time and peak memory of the child process tree."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mb: float
    """Peak RSS of the largest single process (``wait4`` reports the maximum, not the sum)."""
    tree_mb: float = 0.0
    """Peak of the summed PSS of the process and all its children (memory shared by forked
    processes counted once), sampled every 250 ms: what a build in several processes needs at once.
    Reading ``smaps_rollup`` walks the page tables of a process that may be using 700 MB; at every
    50 ms it slowed a 17 s build by two seconds."""


def run(cmd: list[str], *, cwd: str | None = None, env: dict | None = None, quiet: bool = True) -> Sample:
    """Run ``cmd`` once; CPU and peak RSS come from ``wait4`` (the child and its waited-for children)."""
    out = subprocess.DEVNULL if quiet else None
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE if quiet else None)
    tree = _TreePeak(proc.pid)
    # stderr goes to a pipe: drain it while waiting, or a chatty child blocks on a full pipe
    err = []
    drain = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True) if proc.stderr else None
    if drain:
        drain.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    tree_mb = tree.done()
    if drain:
        drain.join()
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        text = err[0].decode(errors="replace") if err else ""
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{text[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, max(tree_mb, usage.ru_maxrss / 1024))


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak_mb for s in samples), statistics.median(s.tree_mb for s in samples))


def repeat(cmd: list[str], times: int = 3, **kwargs) -> Sample:
    return median([run(cmd, **kwargs) for _ in range(times)])


class _TreePeak:
    """Samples the summed PSS of a process tree (Linux /proc) until ``done``."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.stopped = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(0.25):
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(_children(pid))
            self.peak = max(self.peak, sum(_pss_kb(pid) for pid in pids) * 1024)

    def done(self) -> float:
        self.stopped.set()
        self.thread.join()
        return self.peak / 2**20


def _children(pid: int) -> list[int]:
    try:
        found = []
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        return found
    except OSError:
        return []


def _pss_kb(pid: int) -> int:
    """Proportional set size: the process's own memory plus its share of what it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def script_args(doc: str, name: str) -> tuple[argparse.Namespace, int, Path]:
    """The options every benchmark script of a catalogue at 2,000 services takes (``--markdown``,
    ``--work``, ``--quick``, ``--runs``): (options, runs per figure, the work folder, made)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a section for BENCHMARKS.md")
    parser.add_argument("--work", default=None, help="folder for generated catalogues and sites (default: a temp dir)")
    parser.add_argument("--quick", action="store_true", help="200 services and one run (for checking the script)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    args = parser.parse_args()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix=f"civicat-{name}-"))
    work.mkdir(parents=True, exist_ok=True)
    return args, args.runs or (1 if args.quick else 3), work


def generated_catalogue(work: Path, services: int | None, languages: str = "de,en,ar,bg,sl") -> Path:
    """The demo catalogue (``services`` None), or a synthetic one of ``services`` services
    (``scripts/gen_catalogue.py``, seed 1), generated once into ``work``."""
    repo = Path(__file__).resolve().parents[1]
    if services is None:
        return repo / "catalogue"
    out = work / f"catalogue-{services}"
    if not out.exists():
        subprocess.run([sys.executable, str(repo / "scripts/gen_catalogue.py"), str(out), "--services", str(services),
                        "--languages", languages, "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    return out
