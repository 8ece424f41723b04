"""Run the signature check of an upload and keep its result: the one job behind every trigger.

- locally, the delivery worker beside the API (``local_server.py --deliver``) takes the queue
  (``run_due``), so the upload's answer never waits for pyHanko;
- on AWS, the checker function (``s3event.handle``) runs when the file lands in the bucket;
- a submission of a form that *requires* a signature checks a file still waiting itself
  (``ensure``), so no application is accepted on a check that has not happened.

Plain imports only: pyHanko is imported inside ``check`` (via ``verify``).
"""
import logging

from .. import clock
from ..stores import get_store
from ..uploads.storage import get_storage

log = logging.getLogger("civicat.signatures")
CHECKING = {"state": "checking"}


def check(upload, store=None) -> dict:
    """Verify the upload's bytes now and store the result; returns it."""
    store = store or get_store()
    data = get_storage().read(upload)
    if data is None:
        result = {"state": "unreadable", "problem": "unreadable", "level": None, "signer": None,
                  "issuer": None, "signed_at": None, "signatures": [],
                  "checked_at": clock.iso(clock.now()), "detail": "the file is not in storage"}
    else:
        from .verify import verify_pdf

        try:
            result = verify_pdf(data)
        except Exception as error:  # noqa: BLE001 — e.g. a broken trust configuration
            log.error("signature check of %s failed: %s", upload.upload_id, error)
            result = {"state": "invalid", "problem": "error", "level": None, "signer": None,
                      "issuer": None, "signed_at": None, "signatures": [],
                      "checked_at": clock.iso(clock.now()), "detail": str(error)[:300]}
    store.save_signature(upload.upload_id, result)
    upload.signature = result
    return result


def run_due(limit: int = 20) -> int:
    """One round of the worker: check every queued upload; returns how many."""
    store = get_store()
    due = store.signature_checks_due(limit)
    for upload in due:
        check(upload, store)
    return len(due)


def ensure(upload, store=None) -> dict:
    """The upload's result, checking it first if it is still waiting."""
    from . import rules

    if rules.pending(upload.signature):
        return check(upload, store)
    return upload.signature
