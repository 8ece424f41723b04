"""On AWS (moto in server mode, over HTTP): a PDF the browser posted to S3 is checked by the
check_signature function when S3 reports it, the result lands in DynamoDB, and the citizen's
status route shows it; the DynamoDB store keeps the same queue as SQLite."""
import json

import pytest

from ..support import BUCKET, body_json
from . import pki as P

pytestmark = pytest.mark.aws


def test_a_pdf_landing_in_s3_is_checked_and_the_citizen_sees_the_result(
        aws, client, pki, blank_pdf, anchors):
    from chalicelib.signatures.s3event import handle

    data = P.sign(blank_pdf, pki.signer)
    announced = body_json(client.http.post(
        "/forms/widerspruch/uploads", headers={"Content-Type": "application/json"},
        body=json.dumps({"filename": "widerspruch.pdf", "content_type": "application/pdf",
                         "size": len(data)}).encode()))
    key = announced["fields"]["key"]
    aws["s3"].put_object(Bucket=BUCKET, Key=key, Body=data, ContentType="application/pdf")

    assert handle({"Records": [{"s3": {"bucket": {"name": BUCKET},
                                       "object": {"key": key, "size": len(data)}}}]}) == {"checked": 1}

    state = body_json(client.http.get(announced["status_url"].removeprefix("/api")))
    assert state["state"] == "uploaded"
    assert state["signature"]["tone"] == "ok" and state["signature"]["signer"] == "Maria Petrova"


def test_the_dynamodb_store_queues_and_keeps_signature_checks(aws, store):
    from chalicelib import clock
    from chalicelib.stores import Upload

    now = clock.now()
    upload = Upload(upload_id="u-1", form_id="widerspruch", content_type="application/pdf",
                    filename="a.pdf", max_size=100, created_at=clock.iso(now),
                    expires_at=clock.epoch(now) + 3600, signature={"state": "checking"})
    store.put_upload(upload)
    store.queue_signature_check("u-1", clock.iso(now))

    assert [u.upload_id for u in store.signature_checks_due()] == ["u-1"]
    store.save_signature("u-1", {"state": "valid", "level": "advanced"})
    assert store.signature_checks_due() == []
    assert store.get_upload("u-1").signature == {"state": "valid", "level": "advanced"}
