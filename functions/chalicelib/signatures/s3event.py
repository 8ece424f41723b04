"""The AWS checker: an attachment landed in S3 → check its signatures, keep the result.

The bucket notifies the ``check_signature`` function of every new object under the uploads
prefix (``resources.json``). The key is ``<prefix><form_id>/<upload_id>``; uploads that need no
check (images, forms without a signature rule) are left alone. A file posted to S3 directly by
the browser is still ``pending`` in the store: it is marked uploaded here, with the size S3
reports, before the check.
"""
import logging
from urllib.parse import unquote_plus

from ..stores import get_store

log = logging.getLogger("civicat.signatures")


def handle(event: dict) -> dict:
    from . import checks

    store = get_store()
    checked = 0
    for record in event.get("Records") or []:
        s3 = record.get("s3") or {}
        key = unquote_plus((s3.get("object") or {}).get("key", ""))
        upload_id = key.rsplit("/", 1)[-1]
        upload = store.get_upload(upload_id) if upload_id else None
        if upload is None or upload.signature is None:
            continue
        if upload.state == "pending":
            store.mark_uploaded(upload_id, int((s3.get("object") or {}).get("size") or 0))
        checks.check(upload, store)
        checked += 1
    log.info("signature checks: %d of %d records", checked, len(event.get("Records") or []))
    return {"checked": checked}
