"""Citizens follow their submission with the reference and the secret token; nobody else can."""
import pytest

from .support import body_json, kontakt, post_json


@pytest.fixture
def submitted(client):
    answer = body_json(post_json(client, "kontakt", kontakt("en")))
    return answer["reference"], answer["status_url"].removeprefix("/api")


def test_the_status_link_shows_received_at_first(client, submitted):
    reference, url = submitted
    response = client.http.get(url)
    assert response.status_code == 200
    status = body_json(response)
    assert (status["reference"], status["status"], status["message"]) == (reference, "received",
                                                                          None)


def test_a_wrong_token_looks_exactly_like_an_unknown_reference(client, submitted):
    reference, _ = submitted
    wrong = client.http.get(f"/status/{reference}?token=guess")
    missing = client.http.get(f"/status/{reference}")
    unknown = client.http.get("/status/HBN-2026-ZZZZZ?token=guess")
    assert wrong.status_code == missing.status_code == unknown.status_code == 404
    assert wrong.body == missing.body == unknown.body


def test_staff_progress_and_answer_are_visible_to_the_citizen(client, submitted, staff_headers):
    reference, url = submitted
    client.http.post(f"/staff/submissions/{reference}/status", headers=staff_headers,
                     body=b'{"status": "in_progress"}')
    assert body_json(client.http.get(url))["status"] == "in_progress"
    client.http.post(f"/staff/submissions/{reference}/status", headers=staff_headers,
                     body='{"status": "answered", "message": "Ihr Termin: 3. März, 9 Uhr."}'
                     .encode())
    status = body_json(client.http.get(url))
    assert (status["status"], status["message"]) == ("answered", "Ihr Termin: 3. März, 9 Uhr.")


def test_browsers_get_the_status_as_a_page_in_the_citizens_language(client, submitted):
    reference, url = submitted
    response = client.http.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*"})
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.body.decode()
    assert '<html lang="en"' in page and "Status of your request" in page
    assert reference in page and "Received" in page


def test_references_are_read_forgivingly(client, submitted):
    reference, url = submitted
    token = url.partition("?")[2]
    prefix, year, code = reference.split("-")
    spoken = f"{prefix}-{year}-{code}".lower()[:-5] + code.replace("0", "o").replace("1", "l")
    assert client.http.get(f"/status/{spoken}?{token}").status_code == 200
