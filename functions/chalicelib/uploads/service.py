"""The life of an attachment.

1. ``announce``: the page's script names file, type and size; we check them against the form's
   ``attachments`` rule and answer with an upload id and where to POST the file — a presigned S3
   POST on AWS, our own ``/uploads/{id}`` route locally.
2. The browser posts the file (``receive_local`` on the local default; S3 itself on AWS).
3. ``verify`` at submission time: every id must exist, belong to this form, be unused, and its
   bytes must start like the announced type (magic bytes) within the size limit.
4. the store attaches them when it stores the submission (same transaction, only uploads that
   are ``uploaded``): they take its reference and retention, and none can serve two submissions.

PDFs for a form with a signature rule are announced with ``signature = {"state": "checking"}``
and queued for their check once their bytes are there (``chalicelib/signatures/checks.py`` runs
it elsewhere); ``signature_errors`` refuses an application whose required signature is missing,
broken, untrusted or too weak, checking a file itself only if it is still waiting.

Forms posted without JavaScript send the files inside a multipart submission instead
(``store_parts``), which goes through the same checks.
"""
from .. import clock, i18n
from ..notify.headers import clean
from ..stores import Upload, get_store
from ..signatures import rules, wording
from ..validation import FieldError
from . import magic
from .storage import get_storage

UNUSED_UPLOAD_SECONDS = 24 * 3600


def _new_id() -> str:
    import secrets

    return secrets.token_urlsafe(18)


def _check_file(form, filename: str, content_type: str, size, lang: str) -> list:
    rule = form.attachments
    types = i18n.type_names(rule.types)
    name = clean(filename, limit=120) or "?"
    if content_type not in rule.types:
        return [FieldError("file", i18n.t("attachment_type", lang, name=name, types=types))]
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        return [FieldError("file", i18n.t("attachment_empty", lang, name=name))]
    if size > rule.max_size_bytes:
        return [FieldError("file", i18n.t("attachment_too_large", lang, name=name,
                                          size=i18n.human_size(rule.max_size_bytes, lang)))]
    return []


def _new_upload(form, filename: str, content_type: str) -> Upload:
    now = clock.now()
    return Upload(upload_id=_new_id(), form_id=form.id, content_type=content_type,
                  filename=clean(filename, limit=120) or "file",
                  max_size=form.attachments.max_size_bytes, created_at=clock.iso(now),
                  expires_at=clock.epoch(now) + UNUSED_UPLOAD_SECONDS,
                  signature={"state": "checking"} if rules.applies(form, content_type) else None)


def _queue_check(upload) -> None:
    if upload.signature is not None:
        get_store().queue_signature_check(upload.upload_id, clock.iso(clock.now()))


def announce(form, values: dict, lang: str, upload_url,
             status_url=lambda upload_id: None) -> tuple[dict | None, list]:
    """Register an upload; ``upload_url(upload_id)`` is the local target URL, ``status_url`` where
    its state (and signature check) can be read."""
    filename = values.get("filename") if isinstance(values.get("filename"), str) else ""
    content_type = values.get("content_type")
    errors = _check_file(form, filename, content_type, values.get("size"), lang)
    if errors:
        return None, errors
    upload = _new_upload(form, filename, content_type)
    get_store().put_upload(upload)
    storage = get_storage()
    if storage.presigned:
        target = storage.presign(upload)
    else:
        target = {"url": upload_url(upload.upload_id), "fields": {}}
    return {"upload_id": upload.upload_id, "method": "POST", "url": target["url"],
            # Where the page's script asks for the signature check's result (PDFs of forms
            # that check signatures only).
            "signature": "checking" if upload.signature is not None else None,
            "status_url": status_url(upload.upload_id) if upload.signature is not None else None,
            "fields": target["fields"], "file_field": "file",
            "max_size_bytes": upload.max_size,
            "expires_at": clock.iso(clock.later(clock.now(), 900))}, []


def receive_local(upload, data: bytes, lang: str) -> list:
    """Check and keep the bytes of an announced upload (local default only)."""
    form_rule_types = (upload.content_type,)
    if not data:
        return [FieldError("file", i18n.t("attachment_empty", lang, name=upload.filename))]
    if len(data) > upload.max_size:
        return [FieldError("file", i18n.t("attachment_too_large", lang, name=upload.filename,
                                          size=i18n.human_size(upload.max_size, lang)))]
    if magic.matches(data[:magic.HEAD_BYTES], form_rule_types) is None:
        return [FieldError("file", i18n.t("attachment_type", lang, name=upload.filename,
                                          types=i18n.type_names(form_rule_types)))]
    get_storage().save(upload, data)
    get_store().mark_uploaded(upload.upload_id, len(data))
    _queue_check(upload)
    return []


def verify(form, upload_ids: list, lang: str) -> list:
    """Errors for ids that are unknown, foreign, used, lack their bytes or are not what they
    claim to be."""
    store, storage = get_store(), get_storage()
    for upload_id in upload_ids:
        upload = store.get_upload(upload_id)
        if upload is None or upload.form_id != form.id or upload.state == "attached":
            return [FieldError("attachments", i18n.t("attachment_unknown", lang))]
        if upload.state == "uploaded":
            continue
        # Pending: on S3 the browser uploaded directly; look at what arrived.
        found = storage.head(upload, magic.HEAD_BYTES) if storage.presigned else None
        if found is None:
            return [FieldError("attachments", i18n.t("attachment_unknown", lang))]
        size, head = found
        if size > upload.max_size or magic.matches(head, (upload.content_type,)) is None:
            return [FieldError("attachments", i18n.t(
                "attachment_type", lang, name=upload.filename,
                types=i18n.type_names((upload.content_type,))))]
        store.mark_uploaded(upload_id, size)
    return []


def store_parts(form, files: list, lang: str) -> tuple[list, list]:
    """Files of a multipart (no-JavaScript) submission → upload ids, with the same checks."""
    if not files:
        return [], []
    rule = form.attachments
    if rule is None:
        return [], [FieldError(files[0].name, i18n.t("unknown_field", lang, name=files[0].name))]
    if len(files) > rule.max_files:
        return [], [FieldError("attachments", i18n.t("attachments_too_many", lang,
                                                      count=rule.max_files))]
    ids, errors = [], []
    for part in files:
        sniffed = magic.sniff(part.data[:magic.HEAD_BYTES]) or part.content_type
        problems = _check_file(form, part.filename, sniffed, len(part.data), lang)
        if not problems and magic.matches(part.data[:magic.HEAD_BYTES], rule.types) is None:
            problems = [FieldError("file", i18n.t("attachment_type", lang, name=clean(
                part.filename, limit=120), types=i18n.type_names(rule.types)))]
        if problems:
            errors.extend(FieldError("attachments", p.message) for p in problems)
            continue
        upload = _new_upload(form, part.filename, sniffed)
        get_store().put_upload(upload)
        get_storage().save(upload, part.data)
        get_store().mark_uploaded(upload.upload_id, len(part.data))
        _queue_check(upload)
        ids.append(upload.upload_id)
    return ids, errors


def signature_errors(form, upload_ids: list, lang: str) -> tuple[list, set]:
    """Where the form requires a signature: one error per PDF that is not validly signed at the
    required level, or one if no PDF is attached at all; and the ids of the refused files (not
    kept for the next try: the citizen has to choose another file). Optional rules never refuse."""
    rule = form.attachments.signature if form.attachments else None
    if rule is None or not rule.required:
        return [], set()
    store = get_store()
    uploads = [u for u in (store.get_upload(i) for i in upload_ids)
               if u is not None and rules.applies(form, u.content_type)]
    if not uploads:
        return [FieldError("attachments", wording.t("missing", lang,
                                                    level=wording.with_level(rule.level, lang)))], set()
    errors, refused = [], set()
    for upload in uploads:
        if rules.pending(upload.signature):
            from ..signatures import checks  # pyHanko, only for a file nobody has checked yet

            checks.ensure(upload, store)
        said = wording.describe(upload.signature, rule, upload.filename, lang)
        if said["accepted"] is False:
            errors.append(FieldError("attachments", said["message"]))
            refused.add(upload.upload_id)
    return errors, refused
