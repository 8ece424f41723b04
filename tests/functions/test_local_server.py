"""The local server: what ``./scripts/serve`` starts beside the static site."""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .servers import LocalServer, server_env
from .support import FORMS, FUNCTIONS_DIR, PDF, REPO, kontakt

pytestmark = pytest.mark.slow


@pytest.fixture
def server(functions_env):
    with LocalServer(server_env(functions_env)) as running:
        yield running


def connect(server) -> http.client.HTTPConnection:
    address = urlsplit(server.base_url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=10)


def test_it_answers_on_loopback_only(server):
    assert urlsplit(server.base_url).hostname == "127.0.0.1"


def test_keep_alive_requests_do_not_wait_for_delayed_acks(server):
    conn = connect(server)
    try:
        conn.request("GET", "/health")
        conn.getresponse().read()
        started = time.perf_counter()
        for _ in range(20):
            conn.request("GET", "/health")
            assert conn.getresponse().read()
        per_request = (time.perf_counter() - started) / 20
    finally:
        conn.close()
    # With Nagle's algorithm on, each request would stall ~40 ms; generous bound for slow CI.
    assert per_request < 0.03


def test_files_are_posted_to_the_local_upload_url(server):
    conn = connect(server)
    try:
        conn.request("POST", "/forms/antrag-bewohnerparken/uploads", headers={
            "Content-Type": "application/json"}, body=json.dumps({
                "filename": "a.pdf", "content_type": "application/pdf", "size": len(PDF)}))
        target = json.loads(conn.getresponse().read())
        assert target["url"] == f"/uploads/{target['upload_id']}"
        conn.request("POST", target["url"], body=PDF,
                     headers={"Content-Type": "application/pdf"})
        response = conn.getresponse()
        response.read()
        assert response.status == 204
    finally:
        conn.close()


def test_a_huge_body_is_refused_before_it_is_read(server):
    address = urlsplit(server.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(b"POST /forms/kontakt HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: 900000000\r\n\r\n{")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_form_post_is_redirected_over_http(server):
    conn = connect(server)
    try:
        body = "&".join(f"{k}={v}" for k, v in kontakt(started_at="", submission_key="").items()
                        if k != "message") + "&message=Guten+Tag%2C+ich+habe+eine+Frage."
        conn.request("POST", "/forms/kontakt", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    assert response.status == 303
    assert response.getheader("Location").startswith("/status/HBN-")  # the test server has no /api prefix
    assert response.getheader("Location").endswith("&lang=de&new=1")


def test_without_a_configured_token_one_is_generated_and_printed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CIVICAT_STAFF_TOKEN"}
    env.update(CIVICAT_STORE=f"sqlite:///{tmp_path / 's.db'}",
               CIVICAT_OUTBOX_DIR=str(tmp_path / "outbox"), CIVICAT_FORMS=str(FORMS))
    process = subprocess.Popen([sys.executable, str(FUNCTIONS_DIR / "local_server.py"),
                                "--port", "0"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(4)]
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
    token_line = next(line for line in lines if "staff token" in line)
    assert len(token_line.split()[-1]) >= 32


def children(pid: int) -> set:
    """The pids of a process's children (Linux: /proc/PID/task/*/children)."""
    found = set()
    for task in (Path("/proc") / str(pid) / "task").glob("*"):
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not looked yet


def wait_for(predicate, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


class Output:
    """Keeps what a server prints (LocalServer's own reader drops it)."""

    def __init__(self, process):
        self.lines, self.process = [], process
        self.reader = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.reader.start()

    def close(self):
        """After the process ended: the reader has seen the end, the pipe is closed."""
        self.reader.join(10)
        self.process.stdout.close()

    def _read(self, process):
        for line in process.stdout:
            self.lines.append(line)

    def text(self) -> str:
        return "".join(self.lines)


def start_with_worker(functions_env):
    env = {**os.environ, **server_env(functions_env), "CIVICAT_DELIVERY": "worker",
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, str(FUNCTIONS_DIR / "local_server.py"),
                                "--port", "0", "--public-api-url", ""], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = Output(process)
    base = wait_for(lambda: next((line.split()[-1] for line in output.lines
                                  if "http://127.0.0.1:" in line), None))
    worker = wait_for(lambda: next(iter(children(process.pid)), None))
    assert base and worker, output.text()
    return process, output, base, worker


def post_contact(base: str, number: int) -> int:
    address = urlsplit(base)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        conn.request("POST", "/forms/kontakt", headers={"Content-Type": "application/json"},
                     body=json.dumps(kontakt(email="", message=f"Nachricht Nummer {number}.")))
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_a_killed_delivery_worker_is_started_again_and_says_why(functions_env):
    process, output, base, worker = start_with_worker(functions_env)
    try:
        os.kill(worker, signal.SIGKILL)
        assert wait_for(lambda: "the mail delivery worker (pid %d) was killed by SIGKILL; "
                                "starting it again" % worker in output.text()), output.text()
        again = wait_for(lambda: next(iter(children(process.pid) - {worker}), None))
        assert again and alive(again)
        assert post_contact(base, 1) == 201
        assert wait_for(lambda: list(functions_env["outbox"].glob("*-office-*.eml")))
    finally:
        process.terminate()
        process.wait(timeout=30)
        output.close()


def test_a_killed_server_takes_its_delivery_worker_along(functions_env):
    process, output, _, worker = start_with_worker(functions_env)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    output.close()
    assert wait_for(lambda: not alive(worker)), f"worker {worker} outlived its server"


@pytest.mark.parametrize("slow_count", [1, 3])
def test_slow_requests_leave_a_thread_free_for_a_citizen(slow_count):
    """A read-aloud recording being made or a large export takes a while; a citizen sending a
    form at that moment must not wait for it. One thread serves while requests are quick, the
    others stand by for slow ones: even three at once leave one free. A stop ends every request
    thread, the standing-by ones too."""
    import local_wsgi

    release = threading.Event()

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/slow":
            release.wait(30)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    before = set(threading.enumerate())  # an earlier test's server may still have its threads
    server = local_wsgi.create_server(app, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    port = server.effective_port
    slow = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(slow_count)]
    quick = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        for connection in slow:  # back to back: they may wait in the queue behind each other
            connection.request("GET", "/slow")
        for _ in range(3):
            quick.request("GET", "/quick")
            assert quick.getresponse().read() == b"ok"  # answered while the slow ones still run
        assert not release.is_set()
        release.set()
        assert [c.getresponse().read() for c in slow] == [b"ok"] * slow_count
    finally:
        release.set()
        for connection in [*slow, quick]:
            connection.close()
        stopped = server.task_dispatcher.shutdown()  # what run() does on Ctrl+C or SIGTERM
        server.close()
    assert stopped and not [t for t in set(threading.enumerate()) - before
                            if t.name.startswith("waitress-")]
