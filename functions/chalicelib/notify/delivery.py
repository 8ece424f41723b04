"""Store first, then notify; never lose a stored submission to a failing mail service, and never
send a mail twice.

Each notification of a submission (``office``, ``citizen``, ``answer``) has a state:

- ``pending`` — to be sent at ``next_try`` (a new submission's mails are pending from the start,
  with a short *grace*, so a crash between storing and sending loses nothing);
- ``sending`` — *claimed* by one sender until ``lease_until``: before a mail goes out, the sender
  moves it from pending to sending with a write that is conditional on the submission's version,
  so of two senders (the request, the delivery worker, the schedule) exactly one wins the claim;
- ``sent`` / ``skipped`` — done.

After sending, the outcome is written back, again conditionally: if the submission changed in the
meantime (a staff member changed the status and queued an ``answer``), the sender reads it again
and applies only its own outcome, to the notifications it claimed (``seq`` tells a re-queued one
from the one it sent). A failure returns the notification to pending with exponential backoff.
A sender that died leaves a lease that runs out; then the mail is due again.

Staff requests never send: they queue the answer (``queue_answer``) and the delivery worker (local
server) or the scheduled run (Lambda) sends it.
"""
import copy
import functools
import logging

from .. import clock, contract as contract_module, jsonlog, settings
from ..stores import Conflict, StoreError, get_store
from . import get_notifier, mails
from .base import NotifyError
from .headers import safe_address

log = logging.getLogger("civicat.notify")

GRACE_SECONDS = 120
LEASE_SECONDS = 300
MAX_BACKOFF_SECONDS = 6 * 3600
WRITE_TRIES = 20


def backoff(attempts: int) -> int:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failure, at most 6 hours."""
    return min(60 * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def _pending(due, seq: int = 1) -> dict:
    return {"state": "pending", "attempts": 0, "next_try": clock.iso(due), "last_error": None,
            "sent_at": None, "seq": seq}


def initial(form, data: dict, now) -> tuple[dict, str]:
    """Notification state and retry time a new submission is stored with."""
    due = clock.later(now, GRACE_SECONDS)
    notifications = {"office": _pending(due)}
    if form.confirmation and safe_address(data.get("email")):
        notifications["citizen"] = _pending(due)
    return notifications, earliest(notifications)


def earliest(notifications: dict) -> str | None:
    """When something is next due: a pending mail's try, or a claim's lease running out."""
    due = [n["next_try"] for n in notifications.values() if n["state"] == "pending"]
    due += [n["lease_until"] for n in notifications.values() if n["state"] == "sending"]
    return min(due) if due else None


def queue_answer(reference: str, now, store=None):
    """Queue the "your request was updated" mail (due at once) if the citizen left an address.
    A conditional write, repeated on conflict; returns the submission as stored."""
    store = store or get_store()
    for _ in range(WRITE_TRIES):
        submission = store.get_submission(reference)
        if submission is None or not safe_address(submission.data.get("email")):
            return submission
        notifications = copy.deepcopy(submission.notifications)
        previous = notifications.get("answer") or {}
        notifications["answer"] = _pending(now, previous.get("seq", 0) + 1)
        try:
            return store.update_submission(reference, submission.version,
                                           notifications=notifications,
                                           retry_at=earliest(notifications))
        except Conflict:
            continue
    raise StoreError(f"{reference}: the answer mail could not be queued (busy)")


def _claim(store, submission, wanted) -> tuple:
    """(claimed submission, {kind: seq}) for the notifications ``wanted(state)`` picks, or
    (None, {}) when there is nothing to take or someone else changed the submission first."""
    lease = clock.iso(clock.later(clock.now(), LEASE_SECONDS))
    notifications = copy.deepcopy(submission.notifications)
    taken = {}
    for kind, state in notifications.items():
        if wanted(state):
            notifications[kind] = {**state, "state": "sending", "lease_until": lease}
            taken[kind] = state.get("seq", 0)
    if not taken:
        return None, {}
    try:
        claimed = store.update_submission(submission.reference, submission.version,
                                          notifications=notifications,
                                          retry_at=earliest(notifications))
    except Conflict:
        return None, {}
    return (claimed, taken) if claimed is not None else (None, {})


def _send(store, submission, taken: dict, contract) -> dict:
    """Send the claimed notifications once each; write the outcomes back. Returns kind → state."""
    form = contract.forms.get(submission.form_id)
    notifier = None
    outcomes = {}
    for kind in taken:
        state = dict(submission.notifications[kind])
        state.pop("lease_until", None)
        now = clock.now()
        try:
            if form is None:
                raise NotifyError(f"form {submission.form_id!r} is no longer in the contract")
            message = mails.build(kind, form, submission, contract)
            if message is None:
                state.update(state="skipped", next_try=None)
            else:
                notifier = notifier or get_notifier()
                notifier.send(message)
                state.update(state="sent", sent_at=clock.iso(now), next_try=None,
                             last_error=None, attempts=state["attempts"] + 1)
        except Exception as error:  # noqa: BLE001 — whatever failed, the mail stays queued
            attempts = state["attempts"] + 1
            state.update(state="pending", attempts=attempts, last_error=str(error)[:300],
                         next_try=clock.iso(clock.later(now, backoff(attempts))))
            # The error's code only: its message may quote the citizen's address.
            log.warning("notification %s of %s failed (attempt %d)", kind, submission.reference, attempts,
                        extra={"fields": {"event": "notification_failed", "kind": kind,
                                          "reference": submission.reference, "form": submission.form_id,
                                          "attempt": attempts, "error": jsonlog.error_code(error)}})
        outcomes[kind] = state
    _write_back(store, submission, taken, outcomes)
    return outcomes


def _write_back(store, current, taken: dict, outcomes: dict) -> None:
    for _ in range(WRITE_TRIES):
        notifications = copy.deepcopy(current.notifications)
        for kind, outcome in outcomes.items():
            mine = notifications.get(kind)
            if mine and mine["state"] == "sending" and mine.get("seq", 0) == taken[kind]:
                notifications[kind] = outcome  # else it was queued again meanwhile: leave it
        try:
            if store.update_submission(current.reference, current.version,
                                       notifications=notifications,
                                       retry_at=earliest(notifications)) is None:
                return  # erased meanwhile
            return
        except Conflict:
            current = store.get_submission(current.reference)
            if current is None:
                return
    # The lease runs out and the mail is sent again: late rather than lost.
    log.error("notification outcome of %s could not be written", current.reference)


def _due(now_text: str, fresh: bool = False, force: bool = False):
    def wanted(state: dict) -> bool:
        if state["state"] == "sending":
            return state["lease_until"] <= now_text  # its sender died
        if state["state"] != "pending":
            return False
        if fresh and state["attempts"] == 0:
            return True
        return state["next_try"] <= now_text or (force and state["attempts"] > 0)
    return wanted


def deliver(submission, contract=None, store=None):
    """Claim and send the pending notifications of a submission stored a moment ago (the
    request path on Lambda); returns the submission as stored afterwards."""
    jsonlog.configure()  # also in the local delivery worker, which handles no request
    contract = contract or contract_module.load()
    store = store or get_store()
    claimed, taken = _claim(store, submission, _due(clock.iso(clock.now()), fresh=True))
    if claimed is not None:
        _send(store, claimed, taken, contract)
    return store.get_submission(submission.reference) or submission


def after_store(submission, contract, store) -> None:
    """Send the mails of a just-stored submission in the request (Lambda: nothing runs after the
    answer) — unless ``CIVICAT_DELIVERY=worker`` (the local server), where a separate process
    (``deliver_fresh``) sends them within a fraction of a second, so the answer never waits for
    mail. Either way the notifications are already stored as pending: a crash loses nothing."""
    if settings.delivery() != "worker":
        deliver(submission, contract, store)


def deliver_fresh(limit: int = 200, send=None) -> int:
    """One round of the delivery worker: new mails at once, retries when due. Returns how many
    submissions it claimed mail for.

    ``send(job)`` (default: ``job()`` here and now) lets the worker run each claimed
    submission's sending in a thread of its own: a mail server that never answers then holds
    only that one."""
    store = get_store()
    now = clock.now()
    horizon = clock.iso(clock.later(now, GRACE_SECONDS + 1))  # fresh ones are due at now + grace
    wanted = _due(clock.iso(now), fresh=True)
    contract = None
    sent = 0
    for submission in store.pending_retries(horizon, limit):
        claimed, taken = _claim(store, submission, wanted)
        if claimed is not None:
            contract = contract or contract_module.load()
            job = functools.partial(_send, store, claimed, taken, contract)
            (send or _now)(job)
            sent += 1
    return sent


def _now(job) -> None:
    job()


def retry_pending(force: bool = False, limit: int = 200) -> dict:
    """Send due notifications; counts for logs and the staff endpoint.

    ``force`` (the staff endpoint) also takes failed notifications whose backoff has not run out,
    but never ones still in their first grace period: their own request may be sending them now.
    """
    store = get_store()
    now_text = clock.iso(clock.now())
    wanted = _due(now_text, force=force)
    counts = {"tried": 0, "sent": 0, "pending": 0}
    contract = None
    for submission in store.pending_retries(None if force else now_text, limit):
        claimed, taken = _claim(store, submission, wanted)
        if claimed is None:
            continue  # nothing due, or another sender took it
        contract = contract or contract_module.load()
        outcomes = _send(store, claimed, taken, contract)
        counts["tried"] += len(outcomes)
        for state in outcomes.values():
            counts["pending" if state["state"] == "pending" else "sent"] += 1
    return counts
