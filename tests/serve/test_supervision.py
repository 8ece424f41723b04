"""``civicat serve`` keeps what it starts running and takes it along when it ends: a killed
server process or mail worker comes back by itself (and the terminal says why it ended), and a
killed ``civicat serve`` leaves nothing behind on its port."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from .running import civicat_serve, serve_log

pytestmark = pytest.mark.slow


def wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    return None


def children(pid: int) -> dict[int, str]:
    """pid → command line of each child of ``pid``."""
    found = {}
    for task in (Path("/proc") / str(pid) / "task").glob("*"):
        try:
            pids = [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in pids:
            try:
                found[child] = (Path("/proc") / str(child) / "cmdline").read_text().replace("\0", " ")
            except OSError:
                pass
    return found


def child(pid: int, marker: str) -> int | None:
    """The child whose command line has ``marker``, waiting a little: a child just forked shows
    its parent's command line until it has started its own program."""
    return wait_for(lambda: next((c for c, line in children(pid).items() if marker in line), None), 10)


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def health(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/api/health", timeout=5) as answer:
        return answer.status == 200


def submit(base: str) -> str:
    body = json.dumps({"lang": "de", "submission_key": uuid.uuid4().hex,
                       "started_at": int(time.time() * 1000) - 10_000, "website": "",
                       "name": "Erika Mustermann", "message": "Wann ist das Rathaus offen?"}).encode()
    request = urllib.request.Request(f"{base}/api/forms/kontakt", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["reference"]


def mailed(var: Path, reference: str) -> bool:
    return any(reference in path.name for path in (var / "outbox").glob("*.eml"))


@pytest.fixture
def serve(tmp_path):
    with civicat_serve(tmp_path) as (base, _, var, process):
        yield process, base, var, lambda: serve_log(tmp_path)


def test_a_killed_server_process_comes_back_and_the_terminal_says_why(serve):
    process, base, var, log = serve
    web = child(process.pid, "civicat.serve.web")
    os.kill(web, signal.SIGKILL)
    said = f"the site and forms API (pid {web}) was killed by SIGKILL; starting it again"
    assert wait_for(lambda: said in log(), 30), log()
    assert wait_for(lambda: health(base), 30)
    again = child(process.pid, "civicat.serve.web")
    assert again and again != web
    reference = submit(base)
    assert wait_for(lambda: mailed(var, reference), 30)


def test_a_killed_mail_worker_comes_back_and_sends_what_waited(serve):
    process, base, var, log = serve
    worker = child(process.pid, "--deliver")
    os.kill(worker, signal.SIGKILL)
    reference = submit(base)  # stored while no worker runs: it must still go out
    said = f"the mail delivery worker (pid {worker}) was killed by SIGKILL; starting it again"
    assert wait_for(lambda: said in log(), 30), log()
    assert wait_for(lambda: mailed(var, reference), 30)


def test_a_killed_serve_leaves_no_process_and_frees_its_port(serve):
    process, base, _, _ = serve
    started = children(process.pid)
    assert len(started) == 2, started
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert wait_for(lambda: not any(alive(pid) for pid in started), 40), \
        [children_line for pid, children_line in started.items() if alive(pid)]
    with pytest.raises(urllib.error.URLError):
        health(base)
