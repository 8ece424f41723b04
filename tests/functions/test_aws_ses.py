"""Mail through Amazon SES (v2, raw MIME) against moto; sent mail is listed by moto's API."""
from email import policy
from email.parser import Parser

import pytest
import requests

from .support import body_json, kontakt, post_json

pytestmark = pytest.mark.aws


def sent_mail(aws) -> list:
    data = requests.get(f"{aws['url']}/moto-api/data.json", timeout=10).json()
    return [Parser(policy=policy.default).parsestr(m["raw_data"])
            for m in data["ses"]["RawMessage"]]


def test_the_office_mail_and_the_confirmation_go_out_through_ses(aws, client, store):
    reference = body_json(post_json(client, "kontakt", kontakt(name="Erika <b>")))["reference"]
    mails = {m["X-Civicat-Kind"]: m for m in sent_mail(aws)}
    assert set(mails) == {"office", "citizen"}
    office = mails["office"]
    assert office["Subject"] == f"[{reference}] Kontakt – neue Einreichung"
    assert office["Reply-To"] == "erika@example.org"
    assert "Erika &lt;b&gt;" in office.get_body(("html",)).get_content()
    notifications = store.get_submission(reference).notifications
    assert {n["state"] for n in notifications.values()} == {"sent"}


def test_an_unverified_sender_leaves_the_mail_pending(aws, client, store, monkeypatch):
    monkeypatch.setenv("CIVICAT_MAIL_FROM", "stranger@elsewhere.example")
    reference = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    office = store.get_submission(reference).notifications["office"]
    assert (office["state"], office["attempts"]) == ("pending", 1)
    assert "MessageRejected" in office["last_error"]
    assert sent_mail(aws) == []
