"""The same submission key stores once and answers with the same reference — also when the
requests race each other."""
import json
from concurrent.futures import ThreadPoolExecutor

from .support import Gateway, body_json, kontakt, post_json


def test_a_repeated_key_gets_the_same_reference_with_200(client, store, mails):
    body = kontakt()
    first = post_json(client, "kontakt", body)
    second = post_json(client, "kontakt", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert body_json(first) == body_json(second)
    assert len(store.list_submissions("kontakt")) == 1
    assert len(mails()) == 2  # office + confirmation, sent once


def test_a_key_reused_with_other_answers_is_refused_and_the_first_is_kept(client, store):
    body = kontakt("en")
    first = body_json(post_json(client, "kontakt", body))
    again = post_json(client, "kontakt", {**body, "message": "Etwas ganz anderes hier"})
    assert again.status_code == 422
    assert body_json(again)["errors"] == [{
        "field": "submission_key",
        "message": "This form was already sent with different answers. Reload the page to send "
                   "a new request."}]
    assert "status_url" not in body_json(again)
    assert store.get_submission(first["reference"]).data["message"] == body["message"]


def test_a_body_holding_only_the_key_gets_no_status_link(client):
    body = kontakt()
    post_json(client, "kontakt", body)
    probe = post_json(client, "kontakt", {"submission_key": body["submission_key"]})
    assert probe.status_code == 422
    assert "status_url" not in body_json(probe) and "reference" not in body_json(probe)


def test_the_digest_is_kept_with_the_stored_submission(client, store):
    from chalicelib.submissions import request_digest

    body = kontakt()
    reference = body_json(post_json(client, "kontakt", body))["reference"]
    assert store.get_submission(reference).request_digest == request_digest(body)


def test_keys_are_scoped_by_form(client):
    key = "same-key-for-two-forms"
    contact = body_json(post_json(client, "kontakt", kontakt(submission_key=key)))
    other = post_json(client, "barriere-melden", {
        "lang": "de", "submission_key": key, "started_at": 1, "website": "",
        "problem": "Die Schrift ist viel zu klein."})
    assert other.status_code == 201
    assert body_json(other)["reference"] != contact["reference"]


def test_twenty_parallel_requests_with_one_key_store_one_submission(app, store):
    gateway, body = Gateway(app), json.dumps(kontakt()).encode()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: gateway.post_json("/forms/kontakt", body), range(20)))
    assert all(status in (200, 201) for status, _ in results), results
    assert {answer["reference"] for _, answer in results} == {results[0][1]["reference"]}
    assert sorted(status for status, _ in results).count(201) == 1
    assert len(store.list_submissions("kontakt")) == 1
