"""Mail over real SMTP (aiosmtpd), and what happens while the mail server is down."""
from email import policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller

from .support import body_json, free_port, kontakt, post_json

pytestmark = pytest.mark.slow


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp_port(monkeypatch):
    port = free_port()
    monkeypatch.setenv("CIVICAT_NOTIFIER", "smtp")
    monkeypatch.setenv("CIVICAT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CIVICAT_SMTP_PORT", str(port))
    monkeypatch.setenv("CIVICAT_SMTP_TIMEOUT", "3")
    return port


@pytest.fixture
def smtp_server(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def test_the_office_and_the_citizen_get_real_mail(client, smtp_server):
    post_json(client, "kontakt", kontakt(name="<Erika & Co>"))
    recipients = sorted(rcpt[0] for rcpt, _ in smtp_server.messages)
    assert recipients == ["buergerservice@landkreis-hainbach.de", "erika@example.org"]
    office = next(m for rcpt, m in smtp_server.messages if "buergerservice" in rcpt[0])
    assert office.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in office.iter_parts()] == ["text/plain",
                                                                          "text/html"]
    assert "&lt;Erika &amp; Co&gt;" in office.get_body(("html",)).get_content()
    assert "<Erika & Co>" in office.get_body(("plain",)).get_content()


def test_a_mail_server_that_is_down_keeps_the_submission_pending(client, smtp_port, store):
    response = post_json(client, "kontakt", kontakt())
    assert response.status_code == 201  # the citizen is not told about our mail trouble
    submission = store.get_submission(body_json(response)["reference"])
    office = submission.notifications["office"]
    assert (office["state"], office["attempts"]) == ("pending", 1)
    assert "smtp 127.0.0.1" in office["last_error"]
    assert office["next_try"] > submission.created_at
    assert submission.retry_at is not None


def test_the_retry_delivers_once_the_mail_server_is_back(client, smtp_port, store,
                                                         staff_headers):
    reference = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    listed = body_json(client.http.get("/staff/submissions", headers=staff_headers))["items"]
    assert listed[0]["notification"] == "pending"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        retried = body_json(client.http.post("/staff/notifications/retry", headers=staff_headers))
        assert retried == {"tried": 2, "sent": 2, "pending": 0}
        again = body_json(client.http.post("/staff/notifications/retry", headers=staff_headers))
        assert again["tried"] == 0  # nothing is sent twice
    finally:
        controller.stop()
    assert len(inbox.messages) == 2
    submission = store.get_submission(reference)
    assert {n["state"] for n in submission.notifications.values()} == {"sent"}
    assert submission.retry_at is None


def test_the_scheduled_retry_waits_for_the_backoff(client, smtp_port, store, monkeypatch):
    from chalicelib import clock
    from chalicelib.notify.delivery import retry_pending

    post_json(client, "kontakt", kontakt(email=""))
    assert retry_pending() == {"tried": 0, "sent": 0, "pending": 0}  # not due yet
    later = clock.later(clock.now(), 3 * 60)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert retry_pending() == {"tried": 1, "sent": 0, "pending": 1}  # due, server still down
    [submission] = store.list_submissions("kontakt")
    assert submission.notifications["office"]["attempts"] == 2
