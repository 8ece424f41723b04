"""End to end over real HTTP: the local server answers the upload at once, its delivery worker
checks the signature, the page's script (here: urllib) asks until the result is there; a valid
signed objection is accepted, a tampered one refused with the right words; staff see the details."""
import json
import time
import urllib.error
import urllib.request

import pytest

from ..servers import LocalServer, server_env
from .test_applications import objection
from . import pki as P

pytestmark = pytest.mark.slow


def call(base: str, method: str, path: str, body=None, content_type="application/json",
         headers=None):
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        **({"Content-Type": content_type} if data is not None else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
            return answer.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def upload_and_wait(base: str, data: bytes, lang: str = "de") -> tuple[dict, dict]:
    status, target = call(base, "POST", "/forms/widerspruch/uploads",
                          {"filename": "widerspruch.pdf", "content_type": "application/pdf",
                           "size": len(data), "lang": lang})
    assert status == 201, target
    status, _ = call(base, "POST", target["url"], data, "application/pdf")
    assert status == 204
    deadline = time.monotonic() + 60
    while True:  # what the page's script does: ask until the worker has checked the file
        status, state = call(base, "GET", target["status_url"])
        assert status == 200, state
        if state["signature"]["tone"] != "pending" or time.monotonic() > deadline:
            return target, state
        time.sleep(0.1)


@pytest.fixture
def server(functions_env, anchors):
    # The server's links must lead back to it: no /api prefix (there is no proxy here).
    with LocalServer(server_env(functions_env, CIVICAT_TRUST_ANCHORS=str(anchors))) as running:
        yield running


def test_a_signed_objection_is_checked_by_the_worker_and_accepted(server, pki, blank_pdf):
    target, state = upload_and_wait(server.base_url, P.sign(blank_pdf, pki.signer))

    assert state["signature"]["tone"] == "ok"
    assert "Unterschrieben von \u2068Maria Petrova\u2069" in state["signature"]["message"]
    status, answer = call(server.base_url, "POST", "/forms/widerspruch",
                          objection(attachments=[target["upload_id"]]))
    assert status == 201, answer
    status, staff = call(server.base_url, "GET", f"/staff/submissions/{answer['reference']}",
                         headers={"Authorization": "Bearer staff-secret-token"})
    assert status == 200
    checked = staff["files"][0]["signature"]
    assert checked["state"] == "valid" and checked["level"] == "qualified"
    assert checked["signatures"][0]["chain"][-1]["name"] == "Hainbach Test Root CA"


def test_a_tampered_objection_is_refused_with_the_right_message(server, pki, blank_pdf):
    target, state = upload_and_wait(server.base_url, P.tamper(P.sign(blank_pdf, pki.signer)), "en")

    assert state["signature"]["tone"] == "error"
    assert state["signature"]["message"].startswith(
        "The signature of \u2068widerspruch.pdf\u2069 is broken")
    status, answer = call(server.base_url, "POST", "/forms/widerspruch",
                          objection("en", attachments=[target["upload_id"]]))
    assert status == 422
    assert answer["errors"][0]["field"] == "attachments"
    assert "is broken: the file no longer matches what \u2068Maria Petrova\u2069 signed" in \
        answer["errors"][0]["message"]
