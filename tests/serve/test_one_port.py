"""``civicat serve``'s port under load and with hostile requests: the site and the forms API in
one waitress process (``civicat.serve.server.Served``), with a small site folder written here and
the functions tests' contract, so no build is needed."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from ..functions.support import FORMS, kontakt

pytestmark = pytest.mark.slow

PAGE = "<!DOCTYPE html><html lang=de><title>Start</title><p>" + "Bürgerservice " * 400 + "</p>"


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "de" / "leistungen").mkdir(parents=True)
    (root / "de" / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "de" / "leistungen" / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "de" / "404.html").write_text("<!DOCTYPE html><title>Nicht gefunden</title>", encoding="utf-8")
    (root / "style.css").write_text("body { color: #222; }\n" * 200, encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4000))
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    return root


def serving(site: Path, tmp_path: Path, monkeypatch, **settings):
    from civicat.serve.server import Served

    for name in ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_TRUSTED_PROXIES", "CIVICAT_SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "off")
    monkeypatch.setenv("CIVICAT_HOUSEKEEPING_SECONDS", "3600")
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    served = Served(site, tmp_path / "var", "staff-token", FORMS).start()
    try:
        served.wait_ready()
    except BaseException:
        served.stop()
        raise
    return served


@pytest.fixture
def served(site, tmp_path, monkeypatch):
    running = serving(site, tmp_path, monkeypatch)
    yield running
    running.stop()


def request(served, method: str, path: str, body=None, headers=None):
    conn = http.client.HTTPConnection(served.host, served.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def raw(served, data: bytes, read_until_close: bool = False) -> bytes:
    with socket.create_connection((served.host, served.port), timeout=30) as sock:
        sock.sendall(data)
        if not read_until_close:
            return sock.recv(65536)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def contact(**fields) -> bytes:
    return json.dumps(kontakt(email="", **fields)).encode()


def test_a_client_supplied_forwarded_for_does_not_get_round_the_rate_limit(site, tmp_path, monkeypatch):
    served = serving(site, tmp_path, monkeypatch, CIVICAT_RATE_LIMIT="2/600")
    try:
        statuses = [request(served, "POST", "/api/forms/kontakt", contact(), {
            "Content-Type": "application/json", header: f"203.0.113.{number}"})[0]
            for number, header in enumerate(["x-forwarded-for", "X-Forwarded-For", "x-forwarded-for",
                                               "X-Real-IP"])]
    finally:
        served.stop()
    assert statuses == [201, 201, 429, 429]


def test_two_hundred_clients_connecting_at_once_are_all_answered(served):
    barrier, results = threading.Barrier(200), []

    def one(number: int):
        barrier.wait()
        try:
            path = "/api/health" if number % 2 else "/de/"
            results.append(request(served, "GET", path)[0])
        except OSError as error:  # a reset: the listen backlog overflowed
            results.append(repr(error))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [200] * 200


def test_a_huge_body_is_refused_from_its_headers_before_it_is_sent(served):
    """The answer comes without a byte of the body: nothing was read into memory."""
    answer = raw(served, b"POST /api/forms/kontakt HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 400000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_chunked_submission_is_stored(served, tmp_path):
    body = contact(message="Eine Nachricht in Stücken gesendet.")
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100]) for i in range(0, len(body), 100))
    answer = raw(served, b"POST /api/forms/kontakt HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks + b"0\r\n\r\n",
                 read_until_close=True)
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 201"), answer
    reference = json.loads(payload)["reference"]
    status, _, page = request(served, "GET", "/api/staff/submissions/" + reference,
                              headers={"Authorization": "Bearer staff-token"})
    assert status == 200 and json.loads(page)["data"]["message"] == "Eine Nachricht in Stücken gesendet."


def test_a_chunked_body_over_the_limit_is_refused(served):
    chunk = b"x" * 1_000_000
    with socket.create_connection((served.host, served.port), timeout=30) as sock:
        sock.sendall(b"POST /api/forms/kontakt HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(40):  # 40 MB, well past the 16 MB the server reads at most
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server answered and closed while we were still sending
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize("path", ["/de/", "/api/health"])
def test_trace_is_not_allowed_and_says_so(served, path):
    status, headers, _ = request(served, "TRACE", path)
    assert status == 405 and headers["Allow"].startswith("GET")  # not 501 Not Implemented


@pytest.mark.parametrize("path", ["/de/", "/api/health", "/api/forms/nichts"])
def test_every_answer_has_one_server_and_one_date_header(served, path):
    answer = raw(served, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), True)
    head = answer.split(b"\r\n\r\n")[0].lower().split(b"\r\n")
    assert sum(line.startswith(b"server:") for line in head) == 1
    assert sum(line.startswith(b"date:") for line in head) == 1


def test_pages_styles_and_scripts_are_gzipped_for_clients_that_ask(served):
    for path, kind in (("/de/", "text/html"), ("/style.css", "text/css")):
        status, headers, body = request(served, "GET", path, headers={"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"].startswith(kind) and headers["Vary"] == "Accept-Encoding"
        plain = request(served, "GET", path)
        assert "Content-Encoding" not in plain[1]
        assert gzip.decompress(body) == plain[2] and len(body) < len(plain[2]) / 4
    status, headers, _ = request(served, "GET", "/logo.png", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and "Content-Encoding" not in headers and headers["Content-Type"] == "image/png"
    refused = request(served, "GET", "/de/", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused[1]


def test_the_preview_is_revalidated_and_unchanged_pages_are_not_sent_again(served, site):
    status, headers, _ = request(served, "GET", "/de/leistungen/")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    again = request(served, "GET", "/de/leistungen/", headers={"If-None-Match": headers["ETag"]})
    assert again[0] == 304 and again[2] == b""
    time.sleep(0.01)
    (site / "de" / "leistungen" / "index.html").write_text(PAGE + "<p>neu</p>", encoding="utf-8")
    changed = request(served, "GET", "/de/leistungen/", headers={"If-None-Match": headers["ETag"]})
    assert changed[0] == 200 and b"neu" in changed[2]


def test_folders_missing_pages_and_paths_out_of_the_site(served):
    status, headers, _ = request(served, "GET", "/de/leistungen?x=1")
    assert status == 301 and headers["Location"] == "/de/leistungen/?x=1"
    status, _, body = request(served, "GET", "/de/gibt-es-nicht/")
    assert status == 404 and b"Nicht gefunden" in body  # the language's own 404 page
    for path in ("/../secret.txt", "/de/../../secret.txt", "/%2e%2e/secret.txt"):
        status, _, body = request(served, "GET", path)
        assert status == 404 and b"not for the web" not in body
    assert request(served, "POST", "/de/")[0] == 405
