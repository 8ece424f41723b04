"""Attachments on the local default: announce, post the file to our own URL, submit the id."""
import json

import pytest

from .support import JPEG, PDF, PNG, antrag, body_json, ideas, multipart_body, post_json


def announce(client, form_id="antrag-bewohnerparken", **fields):
    body = {"filename": "nachweis.pdf", "content_type": "application/pdf", "size": len(PDF),
            **fields}
    return client.http.post(f"/forms/{form_id}/uploads", body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json"})


def upload(client, target, data: bytes, multipart: bool = True):
    path = target["url"].removeprefix("/api")
    if multipart:
        body, content_type = multipart_body(list(target["fields"].items()),
                                            [("file", "x", "application/octet-stream", data)])
    else:
        body, content_type = data, "application/octet-stream"
    return client.http.post(path, body=body, headers={"Content-Type": content_type})


def test_an_announced_file_gets_an_id_and_a_local_target(client):
    response = announce(client)
    assert response.status_code == 201
    target = body_json(response)
    assert target["method"] == "POST" and target["fields"] == {}
    assert target["url"] == f"/api/uploads/{target['upload_id']}"


@pytest.mark.parametrize("multipart", [True, False])
def test_the_file_is_accepted_by_its_magic_bytes_and_can_be_submitted(client, store, multipart,
                                                                       staff_headers):
    target = body_json(announce(client))
    assert upload(client, target, PDF, multipart).status_code == 204
    response = post_json(client, "antrag-bewohnerparken",
                         antrag(attachments=[target["upload_id"]]))
    assert response.status_code == 201, response.body
    reference = body_json(response)["reference"]
    assert store.get_submission(reference).attachments == [target["upload_id"]]
    download = client.http.get(
        f"/staff/submissions/{reference}/attachments/{target['upload_id']}",
        headers={**staff_headers, "Accept": "application/pdf"})
    assert download.status_code == 200 and download.body == PDF


def test_a_file_that_is_not_what_it_claims_is_refused(client):
    target = body_json(announce(client))
    response = upload(client, target, b"MZ\x90\x00 not a pdf at all")
    assert response.status_code == 422
    assert body_json(response)["errors"][0]["message"] == \
        "Die Datei nachweis.pdf muss vom Typ PDF sein"


def test_a_file_larger_than_announced_limit_is_refused(client):
    target = body_json(announce(client, "ideen-und-beschwerden", filename="foto.png",
                                content_type="image/png", size=100))
    too_big = PNG + b"\x00" * (5 * 1024 * 1024)
    assert upload(client, target, too_big).status_code == 413


@pytest.mark.parametrize("fields, message", [
    ({"content_type": "image/gif"}, "The file nachweis.pdf must be a PDF, JPEG, PNG"),
    ({"size": 20 * 1024 * 1024}, "The file nachweis.pdf must be smaller than 10 MB"),
    ({"size": 0}, "The file nachweis.pdf is empty"),
])
def test_wrong_types_and_sizes_are_refused_when_announced(client, fields, message):
    response = announce(client, **fields, lang="en")
    assert response.status_code == 422
    assert body_json(response)["errors"] == [{"field": "file", "message": message}]


def test_forms_without_attachments_take_no_uploads(client):
    assert announce(client, "kontakt").status_code == 404


def test_an_unknown_upload_id_is_refused(client):
    response = post_json(client, "antrag-bewohnerparken",
                         antrag("en", attachments=["aaaaaaaaaaaaaaaaaaaaaaaa"]))
    assert body_json(response)["errors"] == [{
        "field": "attachments", "message": "An attached file could not be found. Upload it again."}]


def test_an_announced_but_never_sent_file_is_refused(client):
    target = body_json(announce(client))
    response = post_json(client, "antrag-bewohnerparken", antrag(attachments=[target["upload_id"]]))
    assert response.status_code == 422


def test_an_upload_cannot_be_attached_to_two_submissions(client):
    target = body_json(announce(client))
    upload(client, target, PDF)
    assert post_json(client, "antrag-bewohnerparken",
                     antrag(attachments=[target["upload_id"]])).status_code == 201
    assert post_json(client, "antrag-bewohnerparken",
                     antrag(attachments=[target["upload_id"]])).status_code == 422


def test_an_upload_of_another_form_is_refused(client):
    target = body_json(announce(client, "ideen-und-beschwerden", filename="a.jpg",
                                content_type="image/jpeg", size=len(JPEG)))
    upload(client, target, JPEG)
    response = post_json(client, "antrag-bewohnerparken", antrag(attachments=[target["upload_id"]]))
    assert response.status_code == 422


def test_more_files_than_allowed_are_refused(client):
    response = post_json(client, "ideen-und-beschwerden", ideas(
        "en", attachments=[f"upload-id-number-{n}" for n in range(4)]))
    assert body_json(response)["errors"] == [
        {"field": "attachments", "message": "You can attach up to 3 files"}]


def test_a_file_cannot_be_sent_twice_to_the_same_id(client):
    target = body_json(announce(client))
    assert upload(client, target, PDF).status_code == 204
    assert upload(client, target, PDF).status_code == 404
