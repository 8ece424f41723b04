"""Store first, then notify; never lose a stored submission to a failing mail service.

A new submission is stored with its notifications already ``pending`` and a ``retry_at`` a little
in the future (the *grace*). The request then tries to send them at once (``deliver``); success
marks each ``sent``, failure keeps it ``pending`` with the attempt count, the error and the next
try (exponential backoff, capped at 6 hours, until retention ends). If the process dies between
storing and sending, the grace simply runs out and the scheduled ``retry_pending`` sends them.

``retry_pending`` claims each due submission by moving its ``retry_at`` forward with a
conditional write (the *lease*) before sending, so two overlapping runs never send the same mail.
"""
import logging

from .. import clock, contract as contract_module, jsonlog, settings
from ..stores import get_store
from . import get_notifier, mails
from .base import NotifyError
from .headers import safe_address

log = logging.getLogger("civicat.notify")

GRACE_SECONDS = 120
LEASE_SECONDS = 300
MAX_BACKOFF_SECONDS = 6 * 3600


def backoff(attempts: int) -> int:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failure, at most 6 hours."""
    return min(60 * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def _pending(now, attempts: int = 0) -> dict:
    return {"state": "pending", "attempts": attempts,
            "next_try": clock.iso(clock.later(now, GRACE_SECONDS)), "last_error": None,
            "sent_at": None}


def initial(form, data: dict, now) -> tuple[dict, str]:
    """Notification state and retry time a new submission is stored with."""
    notifications = {"office": _pending(now)}
    if form.confirmation and safe_address(data.get("email")):
        notifications["citizen"] = _pending(now)
    return notifications, clock.iso(clock.later(now, GRACE_SECONDS))


def queue_answer(submission, now) -> None:
    """Add the 'your request was updated' mail, if the citizen left an address."""
    if safe_address(submission.data.get("email")):
        submission.notifications["answer"] = _pending(now)
        submission.retry_at = _earliest(submission.notifications)


def _earliest(notifications: dict) -> str | None:
    due = [n["next_try"] for n in notifications.values() if n["state"] == "pending"]
    return min(due) if due else None


def deliver(submission, contract=None, store=None):
    """Try every pending notification of a stored submission once; record the outcome."""
    jsonlog.configure()  # also in the local delivery worker, which handles no request
    contract = contract or contract_module.load()
    store = store or get_store()
    form = contract.forms.get(submission.form_id)
    notifier = None
    for kind, state in submission.notifications.items():
        if state["state"] != "pending":
            continue
        now = clock.now()
        try:
            if form is None:
                raise NotifyError(f"form {submission.form_id!r} is no longer in the contract")
            message = mails.build(kind, form, submission, contract)
            if message is None:
                state.update(state="skipped", next_try=None)
                continue
            notifier = notifier or get_notifier()
            notifier.send(message)
            state.update(state="sent", sent_at=clock.iso(now), next_try=None, last_error=None,
                         attempts=state["attempts"] + 1)
        except Exception as error:  # noqa: BLE001 — whatever failed, the mail stays queued
            attempts = state["attempts"] + 1
            state.update(attempts=attempts, last_error=str(error)[:300],
                         next_try=clock.iso(clock.later(now, backoff(attempts))))
            # The error's code only: its message may quote the citizen's address.
            log.warning("notification %s of %s failed (attempt %d)", kind, submission.reference, attempts,
                        extra={"fields": {"event": "notification_failed", "kind": kind,
                                          "reference": submission.reference, "form": submission.form_id,
                                          "attempt": attempts, "error": jsonlog.error_code(error)}})
    submission.retry_at = _earliest(submission.notifications)
    store.save_notifications(submission.reference, submission.notifications,
                             submission.retry_at)
    return submission


def after_store(submission, contract, store) -> None:
    """Send the mails of a just-stored submission in the request (Lambda: nothing runs after the
    answer) — unless ``CIVICAT_DELIVERY=worker`` (the local server), where a separate process
    (``deliver_fresh``) sends them within a fraction of a second, so the answer never waits for
    mail and mail work never competes with requests for the interpreter. Either way the
    notifications are already stored as pending: a crash before sending loses nothing."""
    if settings.delivery() != "worker":
        deliver(submission, contract, store)


def deliver_fresh(limit: int = 200) -> int:
    """One round of the delivery worker: send new submissions' mails and due retries.

    Submissions whose first attempt has not happened yet are taken at once (nobody else sends
    them in worker mode); ones in backoff only when due. Each is claimed with the same lease as
    ``retry_pending``, so a worker and the schedule never send the same mail twice.
    """
    store = get_store()
    now = clock.now()
    now_text = clock.iso(now)
    horizon = clock.iso(clock.later(now, GRACE_SECONDS + 1))  # fresh ones are due at now + grace
    sent = 0
    for submission in store.pending_retries(horizon, limit):
        pending = [n for n in submission.notifications.values() if n["state"] == "pending"]
        fresh = pending and all(n["attempts"] == 0 for n in pending)
        if not fresh and submission.retry_at > now_text:
            continue
        lease = clock.iso(clock.later(now, LEASE_SECONDS))
        if store.claim_retry(submission.reference, submission.retry_at, lease):
            deliver(submission, store=store)
            sent += 1
    return sent


def retry_pending(force: bool = False, limit: int = 200) -> dict:
    """Send due pending notifications again; returns counts for logs and the staff endpoint.

    ``force`` (the staff endpoint) also takes notifications whose backoff has not run out, but
    never ones still in their first grace period: their own request may be sending them now.
    """
    store = get_store()
    now = clock.now()
    now_text = clock.iso(now)
    counts = {"tried": 0, "sent": 0, "pending": 0}
    for submission in store.pending_retries(None if force else now_text, limit):
        if force and submission.retry_at > now_text and all(
                n["attempts"] == 0 for n in submission.notifications.values()
                if n["state"] == "pending"):
            continue
        lease = clock.iso(clock.later(now, LEASE_SECONDS))
        if not store.claim_retry(submission.reference, submission.retry_at, lease):
            continue  # another run took it
        before = {k for k, n in submission.notifications.items() if n["state"] == "pending"}
        deliver(submission, store=store)
        counts["tried"] += len(before)
        for kind in before:
            state = submission.notifications[kind]["state"]
            counts["pending" if state == "pending" else "sent"] += 1
    return counts
