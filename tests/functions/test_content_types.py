"""The submission route speaks JSON to the page's script and plain HTML forms to browsers
without JavaScript; anything else is refused before it is parsed."""
from urllib.parse import parse_qs, urlsplit

import pytest

from .support import PNG, antrag, body_json, ideas, kontakt, multipart_body, post_form, post_json


def test_a_json_submission_is_answered_201_with_reference_and_status_link(client, store):
    response = post_json(client, "kontakt", kontakt())
    assert response.status_code == 201
    answer = body_json(response)
    assert answer["status"] == "received"
    assert answer["reference"].startswith("HBN-")
    assert answer["status_url"].startswith(f"/api/status/{answer['reference']}?token=")
    assert store.get_submission(answer["reference"]).data["name"] == "Erika Mustermann"


def test_a_form_post_is_redirected_303_to_a_thank_you_page_that_shows_the_reference(client, store):
    response = post_form(client, "kontakt", kontakt("en", submission_key="", started_at=""))
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path.startswith("/api/status/HBN-")
    reference = location.path.rsplit("/", 1)[1]
    query = parse_qs(location.query)
    assert query["lang"] == ["en"] and query["new"] == ["1"] and query["token"]
    assert store.get_submission(reference) is not None

    page = client.http.get(f"/status/{reference}?{location.query}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.body.decode()
    assert "<h1>Thank you, we have received your message</h1>" in html
    assert f'<strong class="cc-panel__reference" dir="ltr">{reference}</strong>' in html
    assert f"<title>Thank you, we have received your message – {reference} – Hainbach District</title>" in html
    assert 'href="/en/"' in html


@pytest.mark.parametrize("form_id, fill, heading, subject", [
    ("antrag-bewohnerparken", antrag, "Vielen Dank, Ihr Antrag ist eingegangen", "Ihr Antrag ist eingegangen"),
    ("ideen-und-beschwerden", ideas, "Vielen Dank, Ihre Rückmeldung ist eingegangen", None),
])
def test_the_thank_you_page_and_the_confirmation_name_what_was_sent(client, mails, form_id, fill, heading,
                                                                    subject):
    """An application is confirmed as an application, not as "your message"."""
    response = post_form(client, form_id, fill("de", submission_key="", started_at=""))
    assert response.status_code == 303, response.body
    location = urlsplit(response.headers["Location"])
    page = client.http.get(f"{location.path.removeprefix('/api')}?{location.query}",
                           headers={"Accept": "text/html"})
    assert f"<h1>{heading}</h1>" in page.body.decode()
    confirmation = [m for m in mails() if m["X-Civicat-Kind"] == "citizen"]
    if subject:  # the feedback form asks for no address, so nobody gets a confirmation
        assert confirmation[0]["Subject"].startswith(f"{subject} (HBN-")
    else:
        assert confirmation == []


def test_a_form_post_goes_to_the_configured_public_api_address(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_PUBLIC_API_URL", "https://api.landkreis-hainbach.de")
    response = post_form(client, "kontakt", kontakt())
    assert response.headers["Location"].startswith("https://api.landkreis-hainbach.de/status/HBN-")


def test_the_same_form_post_twice_is_stored_once(client):
    body = kontakt(submission_key="", started_at="")
    first = post_form(client, "kontakt", body)
    second = post_form(client, "kontakt", body)
    assert first.headers["Location"] == second.headers["Location"]


def test_a_wrong_form_post_gets_the_form_back_as_html_with_the_errors(client):
    response = post_form(client, "kontakt", kontakt(name=""))
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.body.decode()
    assert "Es gibt ein Problem" in page
    assert '<a href="#field-name">Geben Sie Ihren Namen ein</a>' in page


def test_a_multipart_post_without_javascript_may_carry_files(client, store):
    body = ideas()
    fields = [(k, "on" if v is True else v) for k, v in body.items()]
    data, content_type = multipart_body(fields, [("attachments", "loch.png", "image/png", PNG)])
    response = client.http.post("/forms/ideen-und-beschwerden", body=data,
                                headers={"Content-Type": content_type})
    assert response.status_code == 303, response.body
    reference = urlsplit(response.headers["Location"]).path.rsplit("/", 1)[1]
    submission = store.get_submission(reference)
    assert len(submission.attachments) == 1
    assert store.get_upload(submission.attachments[0]).state == "attached"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "text/csv"])
def test_an_unknown_content_type_is_refused_with_415(client, content_type):
    response = client.http.post("/forms/kontakt", body=b"name=x",
                                headers={"Content-Type": content_type})
    assert response.status_code == 415


def test_a_body_over_64_kb_is_refused_with_413_before_parsing(client):
    body = kontakt(message="x" * 70_000)
    response = post_json(client, "kontakt", body)
    assert response.status_code == 413
    message = body_json(response)["errors"][0]["message"]
    assert message.startswith("Ihre Angaben sind zu umfangreich")


def test_a_declared_content_length_over_the_limit_is_refused_with_413(client):
    response = post_json(client, "kontakt", kontakt(), headers={"Content-Length": "10000000"})
    assert response.status_code == 413


def test_a_too_large_form_post_gets_an_html_page_in_the_browsers_language(client):
    response = post_form(client, "kontakt", kontakt(message="x" * 70_000),
                         headers={"Accept-Language": "en-GB,en;q=0.9,de;q=0.5"})
    assert response.status_code == 413
    assert "What you entered is too large to send" in response.body.decode()


def test_broken_json_is_a_400(client):
    response = client.http.post("/forms/kontakt", body=b"{not json",
                                headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert body_json(response)["errors"][0]["field"] is None


def test_an_unknown_form_is_a_404(client):
    response = post_json(client, "no-such-form", kontakt())
    assert response.status_code == 404


def test_a_malformed_key_in_a_form_post_is_ignored_not_held_against_the_citizen(client):
    response = post_form(client, "kontakt", kontakt(submission_key="baked-in", started_at="now"))
    assert response.status_code == 303


def test_the_same_multipart_post_twice_is_stored_once(client, store):
    fields = [(k, "on" if v is True else v) for k, v in ideas(submission_key="").items()]
    data, content_type = multipart_body(fields, [("attachments", "loch.png", "image/png", PNG)])
    first = client.http.post("/forms/ideen-und-beschwerden", body=data,
                             headers={"Content-Type": content_type})
    second = client.http.post("/forms/ideen-und-beschwerden", body=data,
                              headers={"Content-Type": content_type})
    assert first.headers["Location"] == second.headers["Location"]
    assert len(store.list_submissions("ideen-und-beschwerden")) == 1
