"""Attachments on AWS: a presigned POST straight to S3 (moto), checked by the function when the
form is submitted."""
import base64
import json

import pytest
import requests

from .support import BUCKET, PDF, antrag, body_json, post_json

pytestmark = pytest.mark.aws


def announce(client, **fields):
    body = {"filename": "nachweis.pdf", "content_type": "application/pdf", "size": len(PDF),
            **fields}
    return client.http.post("/forms/antrag-bewohnerparken/uploads",
                            body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json"})


def post_to_s3(target, data: bytes):
    return requests.post(target["url"], data=target["fields"],
                         files={"file": ("nachweis.pdf", data, "application/pdf")}, timeout=10)


def test_the_presigned_post_limits_size_and_type(aws, client):
    target = body_json(announce(client))
    assert target["url"].startswith(aws["url"])
    fields = target["fields"]
    assert fields["key"] == f"uploads/antrag-bewohnerparken/{target['upload_id']}"
    assert fields["Content-Type"] == "application/pdf"
    policy = json.loads(base64.b64decode(fields["policy"]))
    assert ["content-length-range", 1, 10485760] in policy["conditions"]
    assert {"Content-Type": "application/pdf"} in policy["conditions"]


def test_a_file_posted_to_s3_can_be_submitted_and_is_attached(aws, client, store):
    target = body_json(announce(client))
    assert post_to_s3(target, PDF).status_code in (200, 201, 204)
    response = post_json(client, "antrag-bewohnerparken", antrag(attachments=[target["upload_id"]]))
    assert response.status_code == 201, response.body
    reference = body_json(response)["reference"]
    upload = store.get_upload(target["upload_id"])
    assert (upload.state, upload.reference, upload.size) == ("attached", reference, len(PDF))
    stored = aws["s3"].get_object(Bucket=BUCKET, Key=target["fields"]["key"])["Body"].read()
    assert stored == PDF


def test_a_file_that_never_arrived_in_s3_is_refused(aws, client):
    target = body_json(announce(client))
    response = post_json(client, "antrag-bewohnerparken",
                         antrag("en", attachments=[target["upload_id"]]))
    assert body_json(response)["errors"] == [{
        "field": "attachments", "message": "An attached file could not be found. Upload it again."}]


def test_a_file_in_s3_that_is_not_a_pdf_is_refused(aws, client):
    target = body_json(announce(client))
    post_to_s3(target, b"<html>not a pdf</html>")
    response = post_json(client, "antrag-bewohnerparken",
                         antrag("en", attachments=[target["upload_id"]]))
    assert body_json(response)["errors"] == [{
        "field": "attachments", "message": "The file nachweis.pdf must be a PDF"}]


def test_staff_download_attachments_through_a_short_lived_link(aws, client, staff_headers):
    target = body_json(announce(client))
    post_to_s3(target, PDF)
    reference = body_json(post_json(client, "antrag-bewohnerparken",
                                    antrag(attachments=[target["upload_id"]])))["reference"]
    response = client.http.get(f"/staff/submissions/{reference}/attachments/"
                               f"{target['upload_id']}", headers=staff_headers)
    assert response.status_code == 303
    assert requests.get(response.headers["Location"], timeout=10).content == PDF
