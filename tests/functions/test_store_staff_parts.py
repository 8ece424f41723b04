"""Store parts the staff side relies on, the same on SQLite and DynamoDB (moto server): an upload
is attached to one submission only; changes are conditional on the version; the inbox reads pages
from a cursor in both orders; history, audit and records."""
import pytest

from chalicelib import clock
from chalicelib.stores import Conflict, InboxQuery, Submission, Upload, UploadTaken


@pytest.fixture(params=["sqlite", "dynamodb"])
def any_store(request):
    if request.param == "dynamodb":
        request.getfixturevalue("aws")
    from chalicelib.stores import get_store

    return get_store()


def make(key: str, created=None, attachments=()) -> Submission:
    now = created or clock.now()
    return Submission(reference="", submission_key=key, form_id="kontakt", status_token="t" * 22,
                      lang="de", created_at=clock.iso(now), expires_at=clock.epoch(now) + 3600,
                      data={"name": "Erika"}, attachments=list(attachments))


def uploaded(store, upload_id: str) -> None:
    now = clock.now()
    store.put_upload(Upload(upload_id=upload_id, form_id="kontakt", content_type="application/pdf",
                            filename="a.pdf", max_size=1000, created_at=clock.iso(now),
                            expires_at=clock.epoch(now) + 600))
    store.mark_uploaded(upload_id, 10)


def test_an_upload_is_attached_to_one_submission_only(any_store):
    uploaded(any_store, "up-1")
    first, created = any_store.insert_submission(make("kontakt:a" * 3, attachments=["up-1"]),
                                                 lambda: "HBN-2026-AAAAA")
    assert created and any_store.get_upload("up-1").reference == first.reference
    with pytest.raises(UploadTaken):
        any_store.insert_submission(make("kontakt:b" * 3, attachments=["up-1"]),
                                    lambda: "HBN-2026-BBBBB")
    assert any_store.get_submission("HBN-2026-BBBBB") is None  # nothing half stored


def test_a_pending_upload_cannot_be_attached(any_store):
    now = clock.now()
    any_store.put_upload(Upload(upload_id="up-2", form_id="kontakt", content_type="image/png",
                                filename="a.png", max_size=1000, created_at=clock.iso(now),
                                expires_at=clock.epoch(now) + 600))
    with pytest.raises(UploadTaken):
        any_store.insert_submission(make("kontakt:c" * 3, attachments=["up-2"]),
                                    lambda: "HBN-2026-CCCCC")


def test_changes_are_conditional_on_the_version(any_store):
    sub, _ = any_store.insert_submission(make("kontakt:d" * 3), lambda: "HBN-2026-DDDDD")
    changed = any_store.update_submission(sub.reference, sub.version, status="in_progress",
                                          assignee="anna")
    assert (changed.status, changed.assignee, changed.version) == ("in_progress", "anna", 1)
    with pytest.raises(Conflict):
        any_store.update_submission(sub.reference, sub.version, status="answered")
    assert any_store.get_submission(sub.reference).status == "in_progress"
    assert any_store.update_submission("HBN-2026-ZZZZZ", 0, status="answered") is None


def test_a_counted_submission_over_the_limit_stores_nothing_but_a_retry_gets_its_own(any_store):
    """The rate limit is counted in the same step as the store (one transaction on SQLite): over
    the limit nothing is stored, yet a retry of a submission that got through is answered with it."""
    from chalicelib.ratelimit import Window

    window = Window("submit:client:0", clock.epoch(clock.now()) + 600, limit=2, retry_after=60)
    first, created = any_store.insert_counted(make("kontakt:f" * 3), lambda: "HBN-2026-FFFFF",
                                              window)
    assert created and any_store.get_submission("HBN-2026-FFFFF") is not None
    second, created = any_store.insert_counted(make("kontakt:g" * 3), lambda: "HBN-2026-GGGGG",
                                               window)
    assert created
    refused, created = any_store.insert_counted(make("kontakt:h" * 3), lambda: "HBN-2026-HHHHH",
                                                window)
    assert (refused, created) == (None, False)
    assert any_store.get_submission("HBN-2026-HHHHH") is None
    retried, created = any_store.insert_counted(make("kontakt:f" * 3), lambda: "HBN-2026-IIIII",
                                                window)
    assert (retried.reference, created) == (first.reference, False)
    assert any_store.hit_rate(window.key, window.expires_at) == 5  # every attempt counted


def test_the_inbox_pages_from_a_cursor_in_both_orders(any_store):
    start = clock.now()
    refs = []
    for index in range(7):
        sub, _ = any_store.insert_submission(make(f"kontakt:key{index:04d}xxxx",
                                                  clock.later(start, index)),
                                             lambda i=index: f"HBN-2026-{i:05d}")
        refs.append(sub.reference)
    any_store.update_submission(refs[2], 0, status="answered")
    any_store.update_submission(refs[4], 0, assignee="anna")

    def pages(**query):
        seen, after = [], None
        while True:
            found = any_store.inbox(InboxQuery(forms={"kontakt": None}, limit=3, after=after,
                                               **query))
            seen += [s.reference for s in found[:3]]
            if len(found) <= 3:
                return seen
            after = (found[2].created_at, found[2].reference)

    assert pages() == list(reversed(refs))
    assert pages(newest_first=False) == refs
    assert pages(status="answered") == [refs[2]]
    assert pages(assignee="anna") == [refs[4]]
    boundary = clock.iso(clock.later(start, 3))  # created before: overdue, unless answered
    overdue = any_store.inbox(InboxQuery(forms={"kontakt": boundary}, overdue=True))
    assert [s.reference for s in overdue] == [refs[1], refs[0]]
    assert any_store.count_by_status(["kontakt"]) == {"received": 6, "answered": 1}


def test_history_audit_and_records(any_store):
    sub, _ = any_store.insert_submission(make("kontakt:e" * 3), lambda: "HBN-2026-EEEEE")
    any_store.add_event(sub.reference, {"at": "2026-01-01T00:00:00.000Z", "id": "1",
                                        "kind": "note", "text": "Rückruf"}, sub.expires_at)
    assert [e["text"] for e in any_store.list_events(sub.reference)] == ["Rückruf"]
    for index in range(3):
        any_store.append_audit({"at": f"2026-0{index + 1}-01T00:00:00.000Z", "id": str(index),
                                "action": "view"}, sub.expires_at)
    newest = any_store.list_audit(None, 2)
    assert [e["id"] for e in newest] == ["2", "1", "0"]
    assert [e["id"] for e in any_store.list_audit("2026-02-01T00:00:00.000Z#1", 2)] == ["0"]
    assert any_store.put_record("staff", "anna", {"name": "anna"}, sub.expires_at, only_new=True)
    assert not any_store.put_record("staff", "anna", {"name": "x"}, sub.expires_at, only_new=True)
    assert any_store.list_records("staff") == [{"name": "anna"}]
    any_store.delete_record("staff", "anna")
    assert any_store.get_record("staff", "anna") is None
    assert any_store.erase_submission(sub.reference) == []
    assert any_store.get_submission(sub.reference) is None
    assert any_store.list_events(sub.reference) == []
