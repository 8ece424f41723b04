"""One submission, from parsed body to stored record and sent mail.

The order matters and is the answer to most "what if" questions:

1. honeypot — a filled ``website`` field gets a convincing fake success and nothing is stored;
2. ``submission_key`` / ``started_at`` — required in JSON (the page's script sets them), optional
   in form posts (a static page without JavaScript cannot);
3. idempotency — a known key returns the stored submission before anything else is checked, so a
   retried request gets the same reference even if its uploads are attached by now; but only
   when the request is the one stored (its digest, ``Submission.request_digest``): the same key
   with another body — an edited form sent again, or a body holding nothing but the key — is
   refused (422) instead of silently answered with the first submission's status link;
4. validation — unknown fields, every field, consent, location, attachments, and the minimum fill
   time, all collected so the citizen sees every problem at once;
5. rate limit — counted only for submissions that would be stored, in the same step as the store
   (``Store.insert_counted``); over the limit, a retry of a submission that got through (parallel
   requests with one key that all passed step 3 before the first was stored) gets its reference,
   not a 429;
6. store — idempotent on the key, reference unique (both enforced by the store);
7. notify — after the store, never instead of it (``notify.delivery``).
"""
import json
from typing import NamedTuple

from . import clock, i18n, links, ratelimit, references, settings, validation
from .payload import JSON
from .stores import Submission, get_store
from .validation import FieldError


class Outcome(NamedTuple):
    kind: str                    # created | replayed | honeypot | invalid | rate_limited
    reference: str | None = None
    status_url: str | None = None
    errors: tuple = ()
    retry_after: int = 0
    upload_ids: tuple = ()       # files already stored, kept when the form is shown again


def submit(form, contract, payload, lang: str, ip: str, extra: dict | None = None) -> Outcome:
    """``extra``: values checked by the caller that no form field holds (an Open311 client's
    ``media_url``), stored with the data."""
    values = payload.values
    now = clock.now()
    year = references.year_in(contract.site.timezone, now)

    if _filled(values.get("website")):
        fake = references.new_reference(form.reference_prefix, year)
        return Outcome("honeypot", fake, links.status(fake, references.new_token()))

    key, started_at, errors = _meta(values, payload.kind == JSON, lang)
    store = get_store()
    digest = request_digest(values) if payload.kind == JSON else None
    if key and payload.kind == JSON:
        existing = store.get_by_key(f"{form.id}:{key}")
        if existing is not None:
            return _replay(existing, digest, lang)

    data, location, upload_ids, errors = _validate(form, contract, payload, lang, started_at,
                                                   now, errors)
    if errors:
        return Outcome("invalid", errors=tuple(errors), upload_ids=tuple(upload_ids))
    data.update(extra or {})

    if payload.kind != JSON:
        files = [_digest(part.data) for part in payload.files]
        key = _content_key(form.id, ip, key, data, location, values.get("attachments"), files)
    from .notify import delivery

    notifications, retry_at = delivery.initial(form, data, now)
    submission = Submission(
        reference="", submission_key=f"{form.id}:{key}", form_id=form.id,
        status_token=references.new_token(), lang=lang, created_at=clock.iso(now),
        expires_at=clock.epoch(now) + form.retention_days * 86400, data=data,
        location=location, attachments=list(upload_ids), updated_at=clock.iso(now),
        notifications=notifications, retry_at=retry_at, request_digest=digest)
    from .stores import UploadTaken

    window = ratelimit.window(ip)

    def draw() -> str:
        return references.new_reference(form.reference_prefix, year)

    try:
        # Counted and stored in one step; attaches the uploads in the same transaction, only if
        # none is used elsewhere.
        stored, created = store.insert_counted(submission, draw, window)
    except UploadTaken:
        return Outcome("invalid", errors=(FieldError("attachments", i18n.t(
            "attachment_unknown", lang)),))
    if stored is None:
        return Outcome("rate_limited", retry_after=window.retry_after)
    if not created:
        return _replay(stored, digest, lang)
    delivery.after_store(stored, contract, store)
    return _answer("created", stored)


def _validate(form, contract, payload, lang: str, started_at, now, errors: list):
    """Every check of step 4 → (data, location, upload ids, errors), errors in page order."""
    values = payload.values
    default = contract.site.default_language
    if started_at is not None:
        elapsed_ms = clock.epoch(now) * 1000 + now.microsecond // 1000 - started_at
        # A negative value means the browser's clock is ahead of ours: we cannot judge, accept.
        if 0 <= elapsed_ms < settings.min_fill_seconds() * 1000:
            errors.insert(0, FieldError(None, i18n.t("too_fast", lang)))
    errors += validation.unknown_fields(form, values, lang)
    data, field_errors = validation.validate_fields(form, values, lang, default)
    errors += field_errors
    location, location_errors = validation.check_location(form, values, lang)
    errors += location_errors
    upload_ids, attachment_errors = validation.attachment_ids(form, values, lang)
    errors += attachment_errors
    if payload.files:
        from .uploads import service as uploads

        stored_ids, file_errors = uploads.store_parts(form, payload.files, lang)
        upload_ids = list(dict.fromkeys(upload_ids + stored_ids))
        errors += file_errors
        if form.attachments and len(upload_ids) > form.attachments.max_files:
            errors.append(FieldError("attachments", i18n.t(
                "attachments_too_many", lang, count=form.attachments.max_files)))
    errors += validation.check_consent(form, values, lang)
    if not errors and upload_ids:
        from .uploads import service as uploads

        errors += uploads.verify(form, upload_ids, lang)
    if not errors and form.attachments and form.attachments.signature:
        from .uploads import service as uploads

        refused_errors, refused = uploads.signature_errors(form, upload_ids, lang)
        errors += refused_errors
        upload_ids = [i for i in upload_ids if i not in refused]
    return data, location, upload_ids, errors


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def request_digest(values: dict) -> str:
    """What identifies a JSON request's content: every value as sent, in a canonical form."""
    import hashlib

    canonical = json.dumps(values, sort_keys=True, separators=(",", ":"))  # ASCII: always encodes
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(stored: Submission, digest: str | None, lang: str) -> Outcome:
    """The stored submission's answer for a retry of the same request; a 422 for another request
    under the same key. A record stored before digests were kept (None) is taken as the same."""
    if stored.request_digest is None or digest is None or stored.request_digest == digest:
        return _answer("replayed", stored)
    return Outcome("invalid", errors=(FieldError("submission_key", i18n.t("key_reused", lang)),))


def _answer(kind: str, submission: Submission) -> Outcome:
    return Outcome(kind, submission.reference,
                   links.status(submission.reference, submission.status_token))


def _filled(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return bool(value)


def _meta(values: dict, required: bool, lang: str) -> tuple[str | None, int | None, list]:
    """(submission key, started_at in epoch ms, errors).

    In JSON both are required and checked. In form posts a missing or malformed value is simply
    ignored: the no-JavaScript path derives its own key, and a bad value in a static page must
    not lock citizens out.
    """
    errors = []
    key = values.get("submission_key")
    if not (isinstance(key, str) and validation.SUBMISSION_KEY.match(key)):
        if required:
            errors.append(FieldError("submission_key", i18n.t("form_incomplete", lang)))
        key = None
    started = values.get("started_at")
    started_at = None
    if isinstance(started, (int, float)) and not isinstance(started, bool) and \
            0 <= started < 1e15:
        started_at = int(started)
    elif isinstance(started, str) and started.strip().isdigit() and len(started.strip()) < 16:
        started_at = int(started)
    elif required:
        errors.append(FieldError("started_at", i18n.t("form_incomplete", lang)))
    return key, started_at, errors


def _content_key(form_id: str, ip: str, given: str | None, data, location, kept_ids,
                 file_digests) -> str:
    """Idempotency key of a form post: the same post sent twice (double click, reload) is one
    submission. The content is part of it even when the page sent a key, because a static page
    could only carry the same key for every visitor. Files count by their bytes, not by the
    upload ids they get on arrival (new ones for every post)."""
    import hashlib

    material = json.dumps([form_id, ip, given or "", data, location, kept_ids, file_digests],
                          sort_keys=True, ensure_ascii=False, default=str)
    return "post-" + hashlib.sha256(material.encode()).hexdigest()[:40]
