"""The office's answer documents (PDF): checked, passed through the sealing hook, stored beside the
citizens' attachments (local folder or S3) with the submission's retention, and served to the
citizen through the status link (short-lived S3 links on AWS).

Two hooks for PDF signatures: ``before_store(pdf, office_id)`` may seal a document before it is
stored, and ``check(upload)`` may give each attachment a one-line verification summary for the
staff page. Both do nothing until a signatures module is present (``chalicelib.signatures`` with
``seal_pdf`` / ``verification_summary``).
"""
import secrets

from . import clock
from .notify.headers import clean
from .stores import Upload
from .uploads import magic

MAX_DOCUMENTS = 5
MAX_BYTES = 10 * 1024 * 1024


def problems(files) -> list:
    """(message key, values) for each file that cannot be an answer document."""
    found = []
    if len(files) > MAX_DOCUMENTS:
        found.append(("answer_too_many", {"count": MAX_DOCUMENTS}))
    for part in files:
        name = clean(part.filename, limit=120) or "?"
        if magic.sniff(part.data[:magic.HEAD_BYTES]) != "application/pdf":
            found.append(("answer_pdf_only", {"name": name}))
        elif len(part.data) > MAX_BYTES:
            found.append(("answer_too_large", {"name": name, "size": "10 MB"}))  # = MAX_BYTES
    return found


def before_store(pdf: bytes, office_id: str) -> bytes:
    """The hook before an answer document is stored: sealed by the office where we can."""
    try:
        from .signatures import seal_pdf  # noqa: PLC0415 — present once signatures land
    except ImportError:
        return pdf
    return seal_pdf(pdf, office_id)


def check(upload) -> str | None:
    """A one-line verification result of an attachment (e.g. a PDF's signatures), if known."""
    try:
        from .signatures import verification_summary  # noqa: PLC0415
    except ImportError:
        return None
    return verification_summary(upload)


def store_all(store, storage, submission, files, office_id: str) -> list:
    """Store the files as documents of ``submission``; returns their descriptions for the event."""
    now = clock.now()
    described = []
    for part in files:
        data = before_store(part.data, office_id)
        upload = Upload(upload_id=secrets.token_urlsafe(18), form_id=submission.form_id,
                        content_type="application/pdf",
                        filename=clean(part.filename, limit=120) or "document.pdf",
                        max_size=MAX_BYTES, created_at=clock.iso(now),
                        expires_at=submission.expires_at, state="document", size=len(data),
                        reference=submission.reference)
        storage.save(upload, data)
        store.put_upload(upload)
        described.append({"id": upload.upload_id, "filename": upload.filename,
                          "size": upload.size})
    return described


def answer_documents(store, reference: str) -> list:
    """Every document the office sent for a submission, oldest first."""
    return [doc for event in store.list_events(reference) if event["kind"] == "answer"
            for doc in event.get("documents") or []]
