"""Bots are slowed down without bothering people: a honeypot, a minimum fill time and a limit
per client."""
import re
import time

import pytest

from .support import body_json, kontakt, long_ago_ms, post_form, post_json


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(client, store, mails):
    response = post_json(client, "kontakt", kontakt(website="http://spam.example"))
    assert response.status_code == 201
    reference = body_json(response)["reference"]
    assert reference.startswith("HBN-")
    assert store.get_submission(reference) is None
    assert store.list_submissions("kontakt") == []
    assert mails() == []


def test_a_filled_honeypot_in_a_form_post_is_redirected_like_success(client, store):
    response = post_form(client, "kontakt", kontakt(website="buy now"))
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/api/status/HBN-")
    assert store.list_submissions("kontakt") == []


def test_the_fake_reference_leads_to_nothing(client):
    answer = body_json(post_json(client, "kontakt", kontakt(website="x")))
    assert client.http.get(answer["status_url"].removeprefix("/api")).status_code == 404


@pytest.mark.parametrize("lang, message", [
    ("de", "Das ging sehr schnell. Prüfen Sie bitte Ihre Angaben und senden Sie das Formular "
           "noch einmal ab."),
    ("en", "That was very quick. Check your answers and send the form again."),
    ("ar", "تم الإرسال بسرعة كبيرة. يرجى مراجعة بياناتكم وإرسال النموذج مرة أخرى."),
])
def test_a_form_sent_within_three_seconds_is_refused_with_a_human_message(client, lang, message):
    one_second_ago = int(time.time() * 1000) - 1000
    response = post_json(client, "kontakt", kontakt(lang, started_at=one_second_ago))
    assert response.status_code == 422
    assert body_json(response)["errors"] == [{"field": None, "message": message}]


def test_a_page_clock_ahead_of_ours_is_not_held_against_the_citizen(client):
    ahead = int(time.time() * 1000) + 120_000
    assert post_json(client, "kontakt", kontakt(started_at=ahead)).status_code == 201


def test_the_eleventh_submission_in_ten_minutes_gets_429_with_retry_after(client, monkeypatch,
                                                                          store):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "10/600")
    statuses = [post_json(client, "kontakt", kontakt()).status_code for _ in range(10)]
    assert statuses == [201] * 10
    refused = post_json(client, "kontakt", kontakt("en"))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 600
    assert body_json(refused)["errors"][0]["message"].startswith(
        "You have sent many forms in a short time.")
    assert len(store.list_submissions("kontakt")) == 10


def test_a_rate_limited_form_post_gets_an_html_page_with_retry_after(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "1/600")
    post_form(client, "kontakt", kontakt())
    refused = post_form(client, "kontakt", kontakt(message="Noch eine zweite Nachricht."))
    assert refused.status_code == 429
    assert refused.headers["Retry-After"].isdigit()
    assert "Sie haben in kurzer Zeit viele Formulare gesendet" in refused.body.decode()


def test_a_retried_request_is_not_counted_twice(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "1/600")
    body = kontakt()
    assert post_json(client, "kontakt", body).status_code == 201
    assert post_json(client, "kontakt", body).status_code == 200


def test_clients_behind_a_trusted_proxy_are_told_apart(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "1/600")
    monkeypatch.setenv("CIVICAT_TRUSTED_PROXIES", "1")
    first = post_json(client, "kontakt", kontakt(), {"X-Forwarded-For": "203.0.113.7"})
    second = post_json(client, "kontakt", kontakt(), {"X-Forwarded-For": "203.0.113.8"})
    spoofed = post_json(client, "kontakt", kontakt(),
                        {"X-Forwarded-For": "198.51.100.1, 203.0.113.8"})
    assert (first.status_code, second.status_code, spoofed.status_code) == (201, 201, 429)


def test_invalid_submissions_do_not_use_up_the_limit(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "1/600")
    for _ in range(3):
        assert post_json(client, "kontakt", kontakt(name="")).status_code == 422
    assert post_json(client, "kontakt", kontakt()).status_code == 201


def _hidden_fields(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', page))


@pytest.mark.parametrize("started_at", ["", "long ago"], ids=["static page", "page with script"])
def test_a_correction_sent_at_once_without_javascript_is_accepted(client, started_at):
    """The form came back with an error; the citizen fixes it and sends it again within the
    minimum fill time. That is no robot: the time counts from when the form was first shown."""
    first = kontakt(name="", submission_key="", started_at=long_ago_ms() if started_at else "")
    page = post_form(client, "kontakt", first)
    assert page.status_code == 422
    again = {**first, **_hidden_fields(page.body.decode()), "name": "Erika Mustermann"}
    assert again.get("started_at", "") == str(first["started_at"])
    response = post_form(client, "kontakt", again)
    assert response.status_code == 303, response.body.decode()[:300]
