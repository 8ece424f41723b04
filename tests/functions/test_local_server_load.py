"""The local server over real HTTP: many parallel citizens, and a crash in the middle."""
import http.client
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from urllib.parse import urlsplit

import pytest

from .servers import LocalServer, server_env
from .support import kontakt

pytestmark = pytest.mark.slow


class Submitter:
    """Posts one contact message per call, over one kept-alive connection per thread."""

    def __init__(self, base_url: str):
        self.address = urlsplit(base_url)
        self.local = threading.local()
        self.connections = []

    def __call__(self, number: int):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(
                self.address.hostname, self.address.port, timeout=30)
            self.connections.append(conn)
        body = json.dumps(kontakt(email="", message=f"Nachricht Nummer {number} an das Amt."))
        conn.request("POST", "/forms/kontakt", body=body,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        answer = json.loads(response.read())
        return response.status, answer.get("reference")

    def close(self):
        for conn in self.connections:
            conn.close()


def test_500_parallel_submissions_are_all_stored_and_notified(functions_env):
    with LocalServer(server_env(functions_env)) as server:
        started = time.perf_counter()
        submit = Submitter(server.base_url)
        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(submit, range(500)))
        submit.close()
        elapsed = time.perf_counter() - started
        print(f"\n500 submissions over HTTP in {elapsed:.2f} s ({500 / elapsed:.0f}/s)")
    assert [status for status, _ in results] == [201] * 500
    references = {reference for _, reference in results}
    assert len(references) == 500
    with closing(sqlite3.connect(functions_env["db"])) as db:
        stored = db.execute("SELECT reference FROM submissions").fetchall()
    assert {row[0] for row in stored} == references
    assert len(list(functions_env["outbox"].glob("*-office-*.eml"))) == 500


def test_a_killed_server_loses_no_submission_it_acknowledged(functions_env):
    env = server_env(functions_env)
    acknowledged, stop = [], threading.Event()

    def keep_submitting(worker: int):
        submit = Submitter(server.base_url)
        try:
            for number in range(300):  # bounded: the kill comes long before
                if stop.is_set():
                    return
                try:
                    status, reference = submit(worker * 1000 + number)
                except (OSError, http.client.HTTPException, ValueError):
                    return  # the server died under us: what was not answered was not promised
                if status == 201:
                    acknowledged.append(reference)
        finally:
            submit.close()

    server = LocalServer(env).start()
    try:
        threads = [threading.Thread(target=keep_submitting, args=(n,)) for n in range(10)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # SIGKILL in the middle of the load
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.stop()
    assert len(acknowledged) >= 150

    with LocalServer(env) as restarted:
        listed = restarted.get_json("/staff/submissions?form=kontakt&limit=1000",
                                    {"Authorization": "Bearer staff-secret-token"})
    stored = {item["reference"] for item in listed["items"]}
    assert set(acknowledged) <= stored
