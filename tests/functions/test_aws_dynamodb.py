"""The DynamoDB store over real HTTP against moto: conditional writes for idempotency and
unique references, the indexes of the single-table design, and expired items hidden before TTL
removes them."""
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import clock
from chalicelib.stores import Submission

from .support import TABLE, Gateway, body_json, ideas, kontakt, post_json

pytestmark = pytest.mark.aws


def make(key: str) -> Submission:
    now = clock.now()
    return Submission(reference="", submission_key=key, form_id="kontakt", status_token="t" * 22,
                      lang="de", created_at=clock.iso(now), expires_at=clock.epoch(now) + 3600,
                      data={"name": "Erika"})


def raw_item(aws, reference: str) -> dict | None:
    return aws["dynamodb"].get_item(TableName=TABLE, Key={
        "pk": {"S": f"SUB#{reference}"}, "sk": {"S": "SUB"}}).get("Item")


def test_a_submission_goes_to_dynamodb_with_ttl_and_index_keys(aws, client):
    response = post_json(client, "ideen-und-beschwerden", ideas())
    assert response.status_code == 201
    reference = body_json(response)["reference"]
    item = raw_item(aws, reference)
    created = clock.parse(item["created_at"]["S"])
    assert int(item["expires_at"]["N"]) == clock.epoch(created) + 365 * 86400
    assert item["gsi1pk"]["S"] == "FORM#ideen-und-beschwerden"
    assert item["gsi1sk"]["S"].startswith("received#")
    assert json.loads(item["frozen"]["S"])["location"]["lat"] == 50.9471
    ttl = aws["dynamodb"].describe_time_to_live(TableName=TABLE)
    assert ttl["TimeToLiveDescription"]["AttributeName"] == "expires_at"


def test_the_same_key_from_parallel_requests_is_stored_once(aws, app):
    gateway, body = Gateway(app), json.dumps(kontakt()).encode()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: gateway.post_json("/forms/kontakt", body), range(8)))
    assert len({answer["reference"] for _, answer in results}) == 1
    items = aws["dynamodb"].scan(TableName=TABLE)["Items"]
    assert sum(1 for i in items if i["pk"]["S"].startswith("SUB#")) == 1
    assert sum(1 for i in items if i["pk"]["S"].startswith("KEY#")) == 1


def test_a_taken_reference_is_detected_by_the_conditional_write(aws, store):
    draws = iter(["HBN-2026-AAAAA", "HBN-2026-AAAAA", "HBN-2026-BBBBB"])
    first, _ = store.insert_submission(make("kontakt:first-key-0001"), lambda: next(draws))
    second, created = store.insert_submission(make("kontakt:second-key-001"), lambda: next(draws))
    assert (first.reference, second.reference, created) == ("HBN-2026-AAAAA", "HBN-2026-BBBBB",
                                                            True)
    assert store.get_by_key("kontakt:first-key-0001").reference == "HBN-2026-AAAAA"


def test_expired_items_are_hidden_on_every_read_although_ttl_has_not_run(aws, store,
                                                                         monkeypatch):
    sub, _ = store.insert_submission(make("kontakt:expiring-key-01"), lambda: "HBN-2026-CCCCC")
    store.hit_rate("bucket", clock.epoch(clock.now()) + 60)
    later = clock.later(clock.now(), 2 * 3600)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert raw_item(aws, sub.reference) is not None  # still in the table …
    assert store.get_submission(sub.reference) is None  # … but never read
    assert store.get_by_key("kontakt:expiring-key-01") is None
    assert store.list_submissions("kontakt") == []
    assert list(store.iter_form("kontakt")) == []
    again, created = store.insert_submission(make("kontakt:expiring-key-01"),
                                             lambda: "HBN-2026-DDDDD")
    assert created and again.reference == "HBN-2026-DDDDD"  # the expired key is free again


def test_staff_listing_uses_the_form_and_status_index(aws, client, staff_headers):
    refs = [body_json(post_json(client, "kontakt", kontakt()))["reference"] for _ in range(3)]
    client.http.post(f"/staff/submissions/{refs[1]}/status", headers=staff_headers,
                     body=b'{"status": "answered", "message": "Erledigt."}')
    answered = body_json(client.http.get("/staff/submissions?form=kontakt&status=answered",
                                         headers=staff_headers))["items"]
    assert [i["reference"] for i in answered] == [refs[1]]
    everything = body_json(client.http.get("/staff/submissions?form=kontakt",
                                           headers=staff_headers))["items"]
    assert [i["reference"] for i in everything] == list(reversed(refs))
    status = body_json(client.http.get(f"/staff/submissions/{refs[1]}", headers=staff_headers))
    assert (status["status"], status["message"]) == ("answered", "Erledigt.")


def test_pending_notifications_wait_in_the_sparse_retry_index(aws, store, monkeypatch):
    sub, _ = store.insert_submission(make("kontakt:retry-key-00001"), lambda: "HBN-2026-EEEEE")
    from chalicelib.stores import Conflict

    due = clock.iso(clock.now())
    pending = store.update_submission(sub.reference, sub.version, notifications={"office": {
        "state": "pending", "attempts": 1, "next_try": due}}, retry_at=due)
    assert [s.reference for s in store.pending_retries(clock.iso(clock.later(clock.now(), 1)))] \
        == [sub.reference]
    claimed = store.update_submission(sub.reference, pending.version,
                                      retry_at="2099-01-01T00:00:00.000Z")
    with pytest.raises(Conflict):  # a second sender with the same view loses the claim
        store.update_submission(sub.reference, pending.version, retry_at="2099-01-01T00:00:00.000Z")
    store.update_submission(sub.reference, claimed.version,
                            notifications={"office": {"state": "sent"}}, retry_at=None)
    assert store.pending_retries(None) == []
    assert "gsi2pk" not in raw_item(aws, sub.reference)


def test_the_rate_limit_counts_in_the_table(aws, client, monkeypatch):
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "2/600")
    statuses = [post_json(client, "kontakt", kontakt()).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]


def test_the_request_digest_is_stored_and_a_key_reused_with_another_body_is_refused(aws, client):
    from chalicelib.submissions import request_digest

    body = kontakt()
    reference = body_json(post_json(client, "kontakt", body))["reference"]
    assert json.loads(raw_item(aws, reference)["frozen"]["S"])["request_digest"] == \
        request_digest(body)
    assert post_json(client, "kontakt", body).status_code == 200
    other = post_json(client, "kontakt", {**body, "message": "Etwas ganz anderes hier"})
    assert other.status_code == 422
    assert body_json(other)["errors"][0]["field"] == "submission_key"
