"""Bodies no form sends but anyone can: deeply nested JSON and text with lone surrogates. Each
gets a clear 4xx, never a 500, and counts against nobody's rate limit."""
import http.client
import json
from urllib.parse import urlsplit

import pytest

from .servers import LocalServer, server_env
from .support import body_json, kontakt, post_json

DEEP = b"[" * 4000  # under the announce route's 4 KB limit, far past the recursion limit
NESTED = json.dumps({"name": "Erika", "message": [[[[[[[[[[[["x"]]]]]]]]]]]]}).encode()
STAFF = {"Authorization": "Bearer staff-secret-token", "Content-Type": "application/json"}


def routes(client, body: bytes):
    """The three routes that read a JSON body: submit, announce an upload, set a status."""
    submit = client.http.post("/forms/kontakt", body=body,
                              headers={"Content-Type": "application/json"})
    announce = client.http.post("/forms/antrag-bewohnerparken/uploads", body=body,
                                headers={"Content-Type": "application/json"})
    stored = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    staff = client.http.post(f"/staff/submissions/{stored}/status", body=body, headers=STAFF)
    return submit, announce, staff


@pytest.mark.parametrize("body", [DEEP, NESTED], ids=["4000 open brackets", "12 levels of lists"])
def test_deeply_nested_json_is_refused_with_400_on_every_json_route(client, body):
    answers = routes(client, body)
    assert [answer.status_code for answer in answers] == [400, 400, 400]
    for answer in answers:
        assert body_json(answer)["errors"][0]["message"]


def test_a_lone_surrogate_in_a_value_names_the_field_and_uses_no_rate_limit(client, monkeypatch,
                                                                            store):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "1/600")
    refused = post_json(client, "kontakt", kontakt("en", message="Hallo x\ud800y Welt"))
    assert refused.status_code == 422
    assert body_json(refused)["errors"] == [{
        "field": "message",
        "message": "This text contains an incomplete character and cannot be saved. Type it again."}]
    assert store.list_submissions("kontakt") == []
    assert post_json(client, "kontakt", kontakt()).status_code == 201  # the one allowed


def test_a_lone_surrogate_in_a_field_name_gets_an_answer_that_encodes(functions_env):
    """Over real HTTP: the answer names the field, escaped, in valid UTF-8 JSON."""
    body = json.dumps({**kontakt(), "na\udc80me": "x"}).encode()
    with LocalServer(server_env(functions_env)) as server:
        address = urlsplit(server.base_url)
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            conn.request("POST", "/forms/kontakt", body=body,
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
    assert response.status == 422
    errors = json.loads(raw.decode("utf-8"))["errors"]
    assert errors[0]["field"] == "na\\udc80me"


def test_a_lone_surrogate_in_a_staff_message_is_refused_not_stored(client, store):
    reference = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    answer = client.http.post(f"/staff/submissions/{reference}/status", headers=STAFF,
                              body=json.dumps({"status": "answered", "message": "ok \ud800"}).encode())
    assert answer.status_code == 422
    assert body_json(answer)["errors"][0]["field"] == "message"
    assert store.get_submission(reference).status == "received"
