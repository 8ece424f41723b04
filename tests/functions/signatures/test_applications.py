"""A form that requires a signed PDF, through the app's routes (Chalice test client, SQLite):
the citizen sees the result of the check after the upload, and an application is accepted only
with a valid signature at the form's level. Optional forms check and tell, but never refuse."""
import json

import pytest

from ..support import _meta, antrag, body_json, multipart_body, post_json
from . import pki as P

FORM = "widerspruch"  # signature: required, level: qualified


def objection(lang: str = "de", **fields) -> dict:
    return {**_meta(lang), "name": "Maria Petrova", "file_number": "32.1-2027-0815",
            "decision_date": "2027-02-10", "email": "maria@example.org", **fields}


def upload_pdf(client, data: bytes, form_id: str = FORM, name: str = "widerspruch.pdf",
               lang: str = "de") -> dict:
    announced = client.http.post(
        f"/forms/{form_id}/uploads", headers={"Content-Type": "application/json"},
        body=json.dumps({"filename": name, "content_type": "application/pdf", "size": len(data),
                         "lang": lang}).encode())
    assert announced.status_code == 201, announced.body
    target = body_json(announced)
    sent = client.http.post(target["url"].removeprefix("/api"), body=data,
                            headers={"Content-Type": "application/pdf"})
    assert sent.status_code == 204, sent.body
    return target


def upload_status(client, target: dict) -> dict:
    response = client.http.get(target["status_url"].removeprefix("/api"))
    assert response.status_code == 200, response.body
    return body_json(response)


def run_worker() -> int:
    from chalicelib.signatures.checks import run_due

    return run_due()


def test_the_upload_answers_at_once_and_the_result_follows_from_the_worker(client, pki, blank_pdf,
                                                                           anchors):
    target = upload_pdf(client, P.sign(blank_pdf, pki.signer))

    assert target["signature"] == "checking"
    waiting = upload_status(client, target)["signature"]
    assert waiting["tone"] == "pending" and "wird geprüft" in waiting["message"]

    assert run_worker() == 1
    done = upload_status(client, target)["signature"]
    assert done["tone"] == "ok" and done["accepted"] is True
    assert done["message"] == ("Unterschrieben von \u2068Maria Petrova\u2069: Signatur unverändert, "
                               "Zertifikat vertrauenswürdig (qualifizierte elektronische Signatur).")
    assert (done["signer"], done["issuer"], done["level"]) == (
        "Maria Petrova", "Hainbach Test Qualified CA 1", "qualified")


def test_the_result_is_said_in_the_language_of_the_page(client, pki, blank_pdf, anchors):
    target = upload_pdf(client, P.sign(blank_pdf, pki.signer), lang="ar")
    run_worker()

    said = upload_status(client, target)["signature"]["message"]

    assert said.startswith("موقَّع من \u2068Maria Petrova\u2069")


def test_a_valid_signed_application_is_accepted_and_staff_see_every_detail(
        client, pki, blank_pdf, anchors, staff_headers):
    target = upload_pdf(client, P.sign(blank_pdf, pki.signer, pki, timestamp=True))
    run_worker()

    response = post_json(client, FORM, objection(attachments=[target["upload_id"]]))

    assert response.status_code == 201, response.body
    reference = body_json(response)["reference"]
    staff = body_json(client.http.get(f"/staff/submissions/{reference}", headers=staff_headers))
    signature = staff["files"][0]["signature"]
    assert staff["files"][0]["filename"] == "widerspruch.pdf"
    assert signature["meets_rule"] is True and signature["rule"] == {"mode": "required",
                                                                     "level": "qualified"}
    one = signature["signatures"][0]
    assert one["signer"]["name"] == "Maria Petrova"
    assert one["issuer"]["name"] == "Hainbach Test Qualified CA 1"
    assert one["timestamp"]["authority"] == "Hainbach Test TSA"
    assert [c["name"] for c in one["chain"]][-1] == "Hainbach Test Root CA"
    assert one["level"] == "qualified" and one["level_source"] == "certificate"
    # Once attached, the upload's own status link is closed.
    assert client.http.get(target["status_url"].removeprefix("/api")).status_code == 404


def test_an_application_sent_before_the_worker_ran_is_checked_in_the_request(
        client, pki, blank_pdf, anchors):
    target = upload_pdf(client, P.tamper(P.sign(blank_pdf, pki.signer)))

    response = post_json(client, FORM, objection(attachments=[target["upload_id"]]))

    assert response.status_code == 422
    message = body_json(response)["errors"][0]
    assert message["field"] == "attachments"
    assert "Die Signatur von \u2068widerspruch.pdf\u2069 ist beschädigt" in message["message"]


@pytest.mark.parametrize("make, words", [
    (lambda pki, pdf: P.append_page_text(P.sign(pdf, pki.signer)), "wurde verändert, nachdem"),
    (lambda pki, pdf: P.sign(pdf, pki.expired), "war beim Unterschreiben nicht mehr gültig"),
    (lambda pki, pdf: P.sign(pdf, pki.revoked), "gesperrt, bevor unterschrieben wurde"),
    (lambda pki, pdf: P.sign(pdf, pki.stranger), "von „\u2068Elsewhere Root CA\u2069“ ausgestellt"),
    (lambda pki, pdf: pdf, "ist nicht elektronisch unterschrieben"),
    (lambda pki, pdf: P.sign(pdf, pki.advanced), "brauchen wir eine Unterschrift mit einer "
                                                 "qualifizierten elektronischen Signatur"),
], ids=["changed", "expired", "revoked", "untrusted-root", "unsigned", "only-advanced"])
def test_a_required_signature_that_fails_refuses_the_application_saying_what_to_do(
        client, pki, blank_pdf, anchors, make, words):
    target = upload_pdf(client, make(pki, blank_pdf))
    run_worker()
    assert upload_status(client, target)["signature"]["tone"] == "error"

    response = post_json(client, FORM, objection(attachments=[target["upload_id"]]))

    assert response.status_code == 422
    assert words in body_json(response)["errors"][0]["message"]


def test_an_application_without_any_pdf_is_refused_where_a_signature_is_required(client, anchors):
    response = post_json(client, FORM, objection(attachments=[]))

    assert response.status_code == 422
    assert body_json(response)["errors"] == [{
        "field": "attachments",
        "message": "Hängen Sie Ihren Antrag als PDF-Datei mit einer qualifizierten elektronischen "
                   "Signatur an."}]


def test_without_javascript_a_broken_signature_shows_the_form_again_without_that_file(
        client, pki, blank_pdf, anchors):
    fields = [(k, str(v)) for k, v in objection().items()]
    body, content_type = multipart_body(
        fields, [("attachments", "widerspruch.pdf", "application/pdf",
                  P.tamper(P.sign(blank_pdf, pki.signer)))])

    response = client.http.post(f"/forms/{FORM}", body=body, headers={"Content-Type": content_type})

    page = response.body.decode()
    assert response.status_code == 422
    assert "ist beschädigt" in page
    assert 'name="attachments" value=' not in page  # the refused file is not kept for the next try
    assert "Die PDF-Datei muss elektronisch unterschrieben sein, mit einer qualifizierten" in page


def test_without_javascript_a_valid_signed_pdf_is_accepted(client, pki, blank_pdf, anchors):
    fields = [(k, str(v)) for k, v in objection().items()]
    body, content_type = multipart_body(
        fields, [("attachments", "widerspruch.pdf", "application/pdf",
                  P.sign(blank_pdf, pki.signer))])

    response = client.http.post(f"/forms/{FORM}", body=body, headers={"Content-Type": content_type})

    assert response.status_code == 303, response.body


def test_where_a_signature_is_optional_an_unsigned_pdf_is_accepted_and_said_so(
        client, blank_pdf, anchors):
    target = upload_pdf(client, blank_pdf, form_id="antrag-bewohnerparken", name="schein.pdf",
                        lang="en")
    run_worker()

    said = upload_status(client, target)["signature"]
    response = post_json(client, "antrag-bewohnerparken", antrag(attachments=[target["upload_id"]]))

    assert said["tone"] == "notice" and said["accepted"] is True
    assert said["message"] == "\u2068schein.pdf\u2069 is not electronically signed. That is fine for this form."
    assert response.status_code == 201, response.body


def test_images_are_not_checked_for_signatures(client):
    announced = client.http.post(
        "/forms/antrag-bewohnerparken/uploads", headers={"Content-Type": "application/json"},
        body=json.dumps({"filename": "schein.jpg", "content_type": "image/jpeg", "size": 100}).encode())

    assert body_json(announced)["signature"] is None
