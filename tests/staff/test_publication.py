"""The office approves what a citizen wrote in an idea or complaint for Open311 in the staff pages,
and withdraws it: before approval Open311 shows no text, after it the description and address."""
import json
import secrets
import time

from .support import Browser, member, submit, text


def _report(citizen) -> str:
    response = submit(citizen, "ideen-und-beschwerden", {
        "lang": "de", "submission_key": secrets.token_urlsafe(18), "started_at": int((time.time() - 60) * 1000),
        "website": "", "category": "strassenschaden",
        "description": "Tiefes Schlagloch vor dem Haus von Familie Berg, Schulstraße 4.",
        "location_address": "Schulstraße 4, 99880 Hainbach", "location_lat": 50.92834, "location_lon": 10.73891})
    assert response.status_code == 201, response.body
    return json.loads(response.body)["reference"]


def _public(citizen, reference) -> dict:
    return json.loads(citizen.http.get(f"/open311/v2/requests/{reference}.json").body)[0]


def test_staff_approve_and_withdraw_the_text_of_a_report(staff, citizen, store):
    member(store, "anna", ["landratsamt"])
    reference = _report(citizen)
    assert _public(citizen, reference)["description"] is None
    anna = Browser(staff)
    anna.sign_in("anna")
    page = text(anna.get(f"/staff/submissions/{reference}"))
    assert "Veröffentlichung (Open311)" in page and "erscheint erst nach Ihrer Freigabe" in page
    approved = anna.post(f"/staff/submissions/{reference}/publication", {"published": "1"})
    assert approved.status_code == 303
    public = _public(citizen, reference)
    assert public["description"].startswith("Tiefes Schlagloch") and public["address"].startswith("Schulstraße 4")
    assert "Freigabe zurückziehen" in text(anna.get(f"/staff/submissions/{reference}"))
    anna.post(f"/staff/submissions/{reference}/publication", {"published": "0"})
    assert _public(citizen, reference)["description"] is None
    actions = [e["action"] for e in store.list_audit(None, 100) if e["reference"] == reference]
    assert "publish" in actions and "unpublish" in actions


def test_without_the_form_token_nothing_is_published(staff, citizen, store):
    member(store, "anna", ["landratsamt"])
    reference = _report(citizen)
    anna = Browser(staff)
    anna.sign_in("anna")
    refused = anna.post(f"/staff/submissions/{reference}/publication", {"published": "1"}, csrf=False)
    assert refused.status_code == 403
    assert _public(citizen, reference)["description"] is None
