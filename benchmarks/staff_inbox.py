#!/usr/bin/env python3
"""The staff inbox with 20,000 stored submissions: p50/p95 of the first page and of later pages
(cursor), and of the filtered views, on SQLite. A benchmark: it prints, it asserts nothing.

    .venv/bin/python benchmarks/staff_inbox.py [--submissions 20000] [--requests 200] [--markdown]

Fills a throw-away SQLite store with submissions of the demo contract's forms (spread over a year,
all three statuses, some assigned), starts the staff pages as ``civicat serve`` does
(``functions/local_server.py --app staff``) on 127.0.0.1, signs in as a member of the disability
team and as an admin, and asks for inbox pages over one keep-alive connection. Times are measured
at the client over loopback (server time plus a fraction of a millisecond). Peer, same server and
run: the sign-in page, which reads nothing from the store (the framework's floor).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FUNCTIONS = REPO / "functions"
FORMS = FUNCTIONS / "chalicelib" / "forms.json"
TARGET_MS = 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill(folder: Path, count: int) -> None:
    """``count`` submissions through the store's own schema, in one transaction."""
    env = {**os.environ, "CIVICAT_STORE": f"sqlite:///{folder / 's.db'}", "CIVICAT_FORMS": str(FORMS)}
    code = ("import sys; sys.path.insert(0, 'functions'); from chalicelib.stores import get_store; "
            "from chalicelib.staff import members; s = get_store(); s.get_submission('X'); "
            "[members.set_password(s, n, 'benchmark-password') or None for n in "
            "(members.add(s, 'anna', ['schwerbehindertenrecht']) and 'anna', "
            "members.add(s, 'admin', [], True) and 'admin')]")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True)
    forms = json.loads(FORMS.read_text(encoding="utf-8"))["forms"]
    rng = random.Random(1)
    start = time.time() - 365 * 86400
    rows = []
    for n in range(count):
        form_id = rng.choice(sorted(forms))
        created = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start + n * 365 * 86400 / count)) + ".000Z"
        reference = f"HBN-2026-{n:05d}"
        frozen = {"reference": reference, "submission_key": f"{form_id}:bench-{n}", "form_id": form_id,
                  "status_token": "t" * 22, "lang": "de", "created_at": created,
                  "expires_at": int(time.time()) + 400 * 86400,
                  "data": {"name": f"Person {n}", "message": "Benchmark " * 20}, "location": None,
                  "attachments": []}
        status = rng.choices(["received", "in_progress", "answered"], [2, 1, 5])[0]
        assignee = "anna" if rng.random() < 0.1 else None
        rows.append((reference, frozen["submission_key"], form_id, created, frozen["expires_at"],
                     json.dumps(frozen), status, None, created, "{}", None, assignee, 0))
    with sqlite3.connect(folder / "s.db") as db:
        db.executemany("INSERT INTO submissions (reference, submission_key, form_id, created_at, expires_at,"
                       " frozen, status, message, updated_at, notifications, retry_at, assignee, version)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("ANALYZE")


class Session:
    def __init__(self, port: int, name: str | None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}
        if name is None:
            return
        page = self.get("/staff/sign-in")[1]
        pre = re.search(r'name="pre" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"pre": pre, "name": name, "password": "benchmark-password"})
        status, _ = self.request("POST", "/staff/sign-in", body,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, status

    def request(self, method, path, body=None, headers=None):
        headers = {**(headers or {}), "Host": "127.0.0.1",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read().decode("utf-8")
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, data

    def get(self, path):
        return self.request("GET", path)

    def timed(self, path) -> tuple[float, str]:
        started = time.perf_counter()
        status, page = self.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        assert status == 200, (status, path)
        return elapsed, page


def next_link(page: str) -> str | None:
    found = re.search(r'href="(/staff/inbox\?[^"]*after=[^"]+)" rel="next"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def measure(session: Session, path: str, requests: int, depth: int = 0) -> list[float]:
    """``requests`` times: the page at ``path``, or with ``depth`` the page that many cursor steps on."""
    times = []
    for _ in range(requests):
        current = path
        for _ in range(depth):
            current = next_link(session.get(current)[1])
        times.append(session.timed(current)[0])
    return times


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--work", help="unused; accepted from benchmarks/run.py")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    requests = 20 if args.quick else args.requests
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        fill(folder, args.submissions)
        port = free_port()
        env = {**os.environ, "CIVICAT_STORE": f"sqlite:///{folder / 's.db'}", "CIVICAT_FORMS": str(FORMS),
               "CIVICAT_UPLOADS": f"file:///{folder / 'uploads'}", "CIVICAT_OUTBOX_DIR": str(folder / "outbox")}
        server = subprocess.Popen([sys.executable, str(FUNCTIONS / "local_server.py"), "--port", str(port),
                                   "--app", "staff"], env=env, stdout=subprocess.DEVNULL)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)
            admin, anna = Session(port, "admin"), Session(port, "anna")
            cases = [("admin: first page, all forms", admin, "/staff/inbox", 0),
                     ("admin: 10th page (cursor)", admin, "/staff/inbox", 9),
                     ("admin: oldest first, 5th page", admin, "/staff/inbox?order=oldest", 4),
                     ("admin: status received", admin, "/staff/inbox?status=received", 0),
                     ("team: first page (own office)", anna, "/staff/inbox", 0),
                     ("team: assigned to me", anna, "/staff/inbox?mine=1", 0),
                     ("team: overdue", anna, "/staff/inbox?overdue=1", 0)]
            results = []
            for label, session, path, depth in cases:
                measure(session, path, 3, depth)  # warm the page cache and the interpreter
                results.append((label, measure(session, path, requests, depth)))
            peer = measure(Session(port, None), "/staff/sign-in", requests)
        finally:
            server.terminate()
            server.wait(timeout=10)
    worst = max(p(times, 0.95) for _, times in results)
    if not args.markdown:
        for label, times in results + [("peer: sign-in page (no store)", peer)]:
            print(f"{label:34s} p50 {p(times, 0.5):6.1f} ms   p95 {p(times, 0.95):6.1f} ms")
        return
    print("## Staff inbox\n")
    print(f"`benchmarks/staff_inbox.py`: {args.submissions:,} submissions of the demo forms in SQLite, the staff pages "
          f"(`functions/local_server.py --app staff`) on 127.0.0.1, {requests} requests per row over one keep-alive "
          "connection, timed at the client. Peer, same server and run: the sign-in page, which reads nothing from "
          "the store.\n")
    print("| inbox page | p50 | p95 |\n|---|---|---|")
    for label, times in results:
        print(f"| {label} | {p(times, 0.5):.1f} ms | {p(times, 0.95):.1f} ms |")
    print(f"| peer: sign-in page (no store) | {p(peer, 0.5):.1f} ms | {p(peer, 0.95):.1f} ms |")
    print("\n<!-- targets -->")
    print(f"staff inbox p95 ≤ {TARGET_MS} ms ({args.submissions:,} submissions, SQLite)\t{worst:.1f} ms\t"
          f"{'yes' if worst <= TARGET_MS else 'no'}")


if __name__ == "__main__":
    main()
