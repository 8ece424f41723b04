"""``civicat serve`` started as a person starts it, for the tests that use it whole (editing the
catalogue while it runs, killing what it supervises, the preview's banner): one way to start it
and to be sure it is gone afterwards, so that no test leaves a server on a port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "catalogue" / "minimal"
READY_SECONDS = 120
"""How long the first build may take before the forms API answers, on a busy machine too."""


@contextmanager
def civicat_serve(tmp_path: Path, *, copy: bool = True):
    """``civicat serve`` on ``tmp_path/catalogue`` (the minimal catalogue, copied there unless
    ``copy`` is False) on a free port, once its forms API answers: yields (base URL, catalogue
    folder, var folder, process). Its output goes to ``tmp_path/serve.log`` (``serve_log``), a
    file, so that a chatty build never blocks on a pipe. Stopped with SIGTERM afterwards unless
    the test ended it."""
    catalogue = tmp_path / "catalogue"
    if copy:
        shutil.copytree(MINIMAL, catalogue)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(tmp_path / "serve.log", "w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "civicat.cli", "serve", "--catalogue", str(catalogue), "--out", str(tmp_path / "site"),
         "--var", str(tmp_path / "var"), "--port", str(port)],
        cwd=REPO, env={**os.environ, "CIVICAT_MIN_FILL_SECONDS": "0"}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_SECONDS
        while not _answers(base):
            assert time.monotonic() < deadline, serve_log(tmp_path)
            time.sleep(0.1)
        yield base, catalogue, tmp_path / "var", process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        log.close()


def serve_log(tmp_path: Path) -> str:
    """What ``civicat serve`` has written to its terminal so far."""
    return (tmp_path / "serve.log").read_text(encoding="utf-8")


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/health", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False
