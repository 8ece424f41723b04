"""A staff status change racing the delivery worker: with a mail server that takes seconds per
mail, the office, the citizen and the answer each get exactly one mail, and the staff change is
kept — on SQLite and on DynamoDB (moto server)."""
import asyncio
import json
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from .support import body_json, free_port, kontakt, post_json

pytestmark = pytest.mark.slow
SECONDS_PER_MAIL = 2


class SlowInbox:
    """An SMTP server that needs ``SECONDS_PER_MAIL`` to accept each mail."""

    def __init__(self):
        self.kinds = []
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(SECONDS_PER_MAIL)
        kind = next(line.split(":", 1)[1].strip() for line in
                    envelope.content.decode().splitlines() if line.startswith("X-Civicat-Kind:"))
        self.kinds.append(kind)
        return "250 OK"


@pytest.fixture
def slow_smtp(monkeypatch):
    port = free_port()
    for name, value in {"CIVICAT_NOTIFIER": "smtp", "CIVICAT_SMTP_HOST": "127.0.0.1",
                        "CIVICAT_SMTP_PORT": str(port), "CIVICAT_SMTP_TIMEOUT": "20",
                        "CIVICAT_DELIVERY": "worker"}.items():
        monkeypatch.setenv(name, value)
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture(params=["sqlite", "dynamodb"])
def backend(request):
    if request.param == "dynamodb":
        request.getfixturevalue("aws")
        request.node.add_marker(pytest.mark.aws)
    return request.param


def test_a_status_change_during_slow_delivery_sends_each_mail_once(backend, slow_smtp, client,
                                                                   staff_headers, store):
    from chalicelib.notify.delivery import deliver_fresh, retry_pending

    reference = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    worker = threading.Thread(target=deliver_fresh)
    worker.start()  # claims the office and citizen mails and sends them, slowly
    assert slow_smtp.receiving.wait(20)

    changed = client.http.post(f"/staff/submissions/{reference}/status", headers={
        **staff_headers, "Content-Type": "application/json"},
        body=json.dumps({"status": "answered", "message": "Termin am 3. März."}).encode())
    assert changed.status_code == 200  # answered at once: no mail is sent in the request
    assert slow_smtp.kinds == []

    # A second worker and the schedule come along while the first still sends.
    rivals = [threading.Thread(target=deliver_fresh),
              threading.Thread(target=retry_pending, kwargs={"force": True})]
    for rival in rivals:
        rival.start()
    for thread in [worker, *rivals]:
        thread.join(60)
    deadline = time.monotonic() + 60
    while store.get_submission(reference).retry_at and time.monotonic() < deadline:
        deliver_fresh()

    assert sorted(slow_smtp.kinds) == ["answer", "citizen", "office"]
    stored = store.get_submission(reference)
    assert (stored.status, stored.message) == ("answered", "Termin am 3. März.")
    assert {kind: n["state"] for kind, n in stored.notifications.items()} == {
        "office": "sent", "citizen": "sent", "answer": "sent"}
