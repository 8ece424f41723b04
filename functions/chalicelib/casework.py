"""What staff do to a submission: change its status, assign it, note, answer, erase.

Shared by the staff pages and the JSON API for machine clients. Every change is a write that is
conditional on the submission's version (repeated on conflict, so a delivery worker saving a mail's
outcome at the same moment loses nothing), leaves an event in the submission's history and an
entry in the audit log, and never sends mail itself: the answer mail is queued and sent by the
delivery worker or the schedule (``notify.delivery``).
"""
import secrets

from . import audit, clock
from .stores import STATUSES, Conflict, StoreError

TRIES = 20


def _event(kind: str, actor: str, **details) -> dict:
    return {"at": clock.iso(clock.now()), "id": secrets.token_hex(6), "kind": kind,
            "actor": actor, **details}


def _change(store, reference: str, change):
    """Apply ``change(submission) -> dict of fields | None`` with a conditional write."""
    for _ in range(TRIES):
        current = store.get_submission(reference)
        if current is None:
            return None, None
        fields = change(current)
        if not fields:
            return current, current
        try:
            return current, store.update_submission(reference, current.version, **fields)
        except Conflict:
            continue
    raise StoreError(f"{reference}: changed by others too often, try again")


def set_status(store, reference: str, status: str, message: str | None, actor: str):
    """Status and office message; the citizen's update mail is queued when either changed.
    Returns the submission afterwards (None if unknown)."""
    if status not in STATUSES:
        raise ValueError(status)
    now = clock.now()
    before, after = _change(store, reference, lambda s: None if (s.status, s.message) == (
        status, message) else {"status": status, "message": message,
                               "updated_at": clock.iso(now)})
    if after is None or before is after:
        return after
    store.add_event(reference, _event("status", actor, status=status, previous=before.status),
                    after.expires_at)
    audit.record(store, actor, "status", reference, after.form_id, status, after.expires_at)
    from .notify import delivery

    return delivery.queue_answer(reference, now, store) or after


def assign(store, reference: str, assignee: str | None, actor: str):
    before, after = _change(store, reference, lambda s: None if s.assignee == assignee else {
        "assignee": assignee})
    if after is not None and before is not after:
        store.add_event(reference, _event("assigned", actor, assignee=assignee),
                        after.expires_at)
        audit.record(store, actor, "assign", reference, after.form_id, assignee or "-",
                     after.expires_at)
    return after


def add_note(store, submission, text: str, actor: str) -> None:
    store.add_event(submission.reference, _event("note", actor, text=text),
                    submission.expires_at)
    audit.record(store, actor, "note", submission.reference, submission.form_id, None,
                 submission.expires_at)


def answer(store, submission, message: str, documents: list, actor: str):
    """The office's answer: a message and documents (already stored, see ``documents.py``),
    shown on the citizen's status page; the status becomes ``answered`` and the mail is queued."""
    event = _event("answer", actor, text=message, documents=documents)
    store.add_event(submission.reference, event, submission.expires_at)
    audit.record(store, actor, "answer", submission.reference, submission.form_id,
                 f"{len(documents)} document(s)", submission.expires_at)
    now = clock.now()
    _, after = _change(store, submission.reference, lambda s: {
        "status": "answered", "message": message, "updated_at": clock.iso(now)})
    from .notify import delivery

    return delivery.queue_answer(submission.reference, now, store) or after


def erase(store, submission, actor: str) -> None:
    """GDPR Art. 17: the submission, its history, files and mail copies are deleted; the audit
    log keeps that it existed and was erased (its entries never held content)."""
    upload_ids = store.erase_submission(submission.reference)
    from .uploads.storage import get_storage

    storage = get_storage()
    for upload_id in upload_ids:
        upload = store.get_upload(upload_id)
        if upload is not None:
            storage.delete(upload)
            store.delete_upload(upload_id)
    from .notify import get_notifier

    notifier = get_notifier()
    if hasattr(notifier, "forget"):
        notifier.forget(submission.reference)
    audit.record(store, actor, "erase", submission.reference, submission.form_id, None,
                 submission.expires_at)
