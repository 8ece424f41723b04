"""The office's answer documents (PDF): checked, passed through the sealing hook, stored beside the
citizens' attachments (local folder or S3) with the submission's retention, and served to the
citizen through the status link (short-lived S3 links on AWS).

Two hooks for PDF signatures (``chalicelib.signatures``): ``before_store(pdf, office_id)`` seals
a document with the office's seal where one is configured (``CIVICAT_SEALS``; pyHanko is then
needed by the staff app too), and ``check(upload, form, lang)`` gives each attachment its
signature check in one sentence for the staff page.
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
    """The hook before an answer document is stored: sealed by the office where it has a seal."""
    from .signatures import seal

    if not seal.can_seal(office_id):
        return pdf
    return seal.seal_pdf(pdf, office_id, reason="Antwort der Behörde / answer of the authority")


def check(upload, form, lang: str) -> str | None:
    """An attachment's signature check in one sentence (None: not a checked PDF)."""
    if upload.signature is None:
        return None
    from .signatures import wording

    rule = form.attachments.signature if form and form.attachments else None
    return wording.describe(upload.signature, rule, upload.filename, lang)["message"]


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
