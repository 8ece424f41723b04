"""``POST requests``: an Open311 client's report becomes an ideas-and-complaints submission, checked,
limited, stored and mailed exactly like one from the web form."""
from urllib.parse import urlencode
from xml.etree import ElementTree

from .support import body_json

V2 = "/open311/v2"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def report(**extra) -> dict:
    return {"service_code": "ideen-und-beschwerden", "lat": "50.94712", "long": "10.70661",
            "address_string": "Schulstraße 4, 99867 Hainbach",
            "description": "Die Straßenlaterne vor Hausnummer 4 ist seit Tagen dunkel.",
            "attribute[category]": "schaden", "attribute[consent]": "true", **extra}


def post(client, params: dict, fmt: str = "json", headers: dict | None = None):
    return client.http.post(f"{V2}/requests.{fmt}", body=urlencode(params).encode(),
                            headers={**FORM, **(headers or {})})


def test_a_report_is_stored_as_a_submission_and_mailed_to_the_office(client, store, mails):
    response = post(client, report(email="erika@example.org", first_name="Erika",
                                   last_name="Mustermann",
                                   media_url="https://fotos.example.org/laterne.jpg"))
    assert response.status_code == 201
    [created] = body_json(response)
    reference = created["service_request_id"]
    assert reference.startswith("HBN-")
    stored = store.get_submission(reference)
    assert stored.form_id == "ideen-und-beschwerden"
    assert stored.data == {"category": "schaden",
                           "description": "Die Straßenlaterne vor Hausnummer 4 ist seit Tagen "
                                          "dunkel.",
                           "name": "Erika Mustermann", "email": "erika@example.org",
                           "media_url": "https://fotos.example.org/laterne.jpg"}
    assert stored.location == {"address": "Schulstraße 4, 99867 Hainbach", "lat": 50.94712,
                               "lon": 10.70661}
    office = next(m for m in mails() if m["X-Civicat-Kind"] == "office")
    text = office.get_body(("plain",)).get_content()
    assert reference in text and "https://fotos.example.org/laterne.jpg" in text
    assert "Die Straßenlaterne vor Hausnummer 4" in text


def test_the_new_report_is_public_at_once_but_its_text_only_after_approval(client,
                                                                          staff_headers):
    reference = body_json(post(client, report()))[0]["service_request_id"]
    public = body_json(client.http.get(f"{V2}/requests/{reference}.json"))[0]
    assert public["status"] == "open" and public["description"] is None
    client.http.post(f"/staff/submissions/{reference}/publication", headers=staff_headers,
                     body=b'{"published": true}')
    public = body_json(client.http.get(f"{V2}/requests/{reference}.json"))[0]
    assert public["description"].startswith("Die Straßenlaterne")


def test_the_same_post_twice_is_one_report(client):
    first = post(client, report())
    again = post(client, report())
    assert (first.status_code, again.status_code) == (201, 200)
    assert body_json(first) == body_json(again)


def test_every_problem_is_named_by_its_open311_parameter(client, store):
    response = post(client, report(description="kurz", **{"attribute[category]": "ufo"}),
                    headers={"Accept-Language": "en"})
    assert response.status_code == 400
    described = {e["description"].split(":")[0]: e["description"] for e in body_json(response)}
    assert set(described) == {"attribute[category]", "description"}
    assert all(e["code"] == 400 for e in body_json(response))
    assert store.list_submissions("ideen-und-beschwerden") == []


def test_a_missing_place_and_unknown_attributes_are_refused(client):
    params = report(**{"attribute[colour]": "rot"})
    for name in ("lat", "long", "address_string"):
        params.pop(name)
    errors = [e["description"] for e in body_json(post(client, params))]
    assert any(e.startswith("attribute[colour]: this service has no attribute 'colour'")
               for e in errors)
    assert "lat: give the place: lat and long, or address_string" in errors


def test_personal_data_the_form_does_not_ask_for_is_not_kept_and_the_answer_says_so(client,
                                                                                   store):
    [created] = body_json(post(client, report(phone="+49 3621 1234")))
    assert created["service_notice"] == ("Not kept, because this service does not ask for it: "
                                         "phone.")
    assert "+49 3621 1234" not in str(store.get_submission(created["service_request_id"]))


def test_a_photo_link_must_be_a_web_address(client):
    response = post(client, report(media_url="javascript:alert(1)"))
    assert response.status_code == 400
    assert body_json(response)[0]["description"].startswith("media_url: expected an http")


def test_unknown_service_codes_and_missing_ones_are_errors(client):
    assert post(client, report(service_code="kontakt")).status_code == 404
    params = report()
    params.pop("service_code")
    missing = post(client, params)
    assert missing.status_code == 400
    assert body_json(missing)[0]["description"].startswith("service_code: required")


def test_an_api_key_is_required_where_keys_are_configured(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_OPEN311_API_KEYS", "app-one-key, app-two-key")
    refused = post(client, report())
    assert refused.status_code == 403
    assert body_json(refused)[0]["description"].startswith("api_key:")
    assert post(client, report(api_key="wrong")).status_code == 403
    assert post(client, report(api_key="app-two-key")).status_code == 201


def test_the_rate_limit_of_the_form_applies(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "2/3600")
    assert post(client, report()).status_code == 201
    assert post(client, report(description="Noch eine Laterne ist dunkel, Hausnummer 6.")
                ).status_code == 201
    limited = post(client, report(description="Und die dritte Laterne, Hausnummer 8, auch."))
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert body_json(limited)[0]["code"] == 429


def test_xml_answers_and_json_bodies(client):
    response = post(client, report(), fmt="xml")
    assert response.status_code == 201
    root = ElementTree.fromstring(response.body)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text.startswith("HBN-")
    as_json = client.http.post(f"{V2}/requests.json", headers={"Content-Type": "application/json"},
                               body=b'{"service_code": "ideen-und-beschwerden", "lat": 50.9, '
                                    b'"long": 10.7, "description": "Wilder M\\u00fcll am '
                                    b'Waldrand, drei S\\u00e4cke.", "attribute[category]": '
                                    b'"schaden", "attribute[consent]": true}')
    assert as_json.status_code == 201, as_json.body
