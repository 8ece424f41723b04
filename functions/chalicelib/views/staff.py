"""``/staff/...`` as JSON for machine clients (bearer token, or IAM on AWS); people use the staff
pages of the staff app instead. Every handler checks ``staffauth`` first and records what it did
in the audit log under the actor ``api``. A status change never sends mail here: it is queued
(``casework``) and sent by the delivery worker or the schedule."""
from .. import audit, casework, clock, contract as contract_module, payload, responses, staffauth
from ..stores import STATUSES, get_store

MAX_LIMIT = 1000
ACTOR = "api"
MESSAGE_MAX = 4000


def _overall(notifications: dict) -> str:
    states = {n["state"] for n in notifications.values()}
    return "pending" if "pending" in states else ("sent" if "sent" in states else "none")


def summary(submission) -> dict:
    return {"reference": submission.reference, "form_id": submission.form_id,
            "status": submission.status, "created_at": submission.created_at,
            "updated_at": submission.updated_at, "lang": submission.lang,
            "attachments": len(submission.attachments),
            "notification": _overall(submission.notifications),
            "notifications": submission.notifications}


def full(submission) -> dict:
    return {**summary(submission), "data": submission.data, "location": submission.location,
            "attachments": submission.attachments, "message": submission.message,
            "files": files(submission)}


def files(submission) -> list:
    """Each attachment with what an official needs to decide on it: name, type, size and, for a
    checked PDF, the whole signature check (signer, issuer, time, level, chain, the rule that
    failed) and whether it meets the form's rule."""
    from ..signatures import rules

    store = get_store()
    form = contract_module.load().forms.get(submission.form_id)
    rule = form.attachments.signature if form and form.attachments else None
    out = []
    for upload_id in submission.attachments:
        upload = store.get_upload(upload_id)
        if upload is None:
            out.append({"upload_id": upload_id, "missing": True})
            continue
        entry = {"upload_id": upload_id, "filename": upload.filename,
                 "content_type": upload.content_type, "size": upload.size, "signature": None}
        if upload.signature is not None:
            entry["signature"] = {**upload.signature,
                                  "rule": rule._asdict() if rule else None,
                                  "meets_rule": rules.accepted(upload.signature, rule),
                                  "rule_problem": rules.problem(upload.signature, rule)}
        out.append(entry)
    return out


def list_submissions(request):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    params = request.query_params or {}
    forms = contract_module.load().forms
    form_id, status = params.get("form"), params.get("status")
    if form_id and form_id not in forms:
        return responses.error(404, f"unknown form {form_id!r}")
    if status and status not in STATUSES:
        return responses.errors(422, [("status", f"expected one of {', '.join(STATUSES)}")])
    try:
        limit = min(max(int(params.get("limit", 100)), 1), MAX_LIMIT)
    except ValueError:
        return responses.errors(422, [("limit", "expected a number")])
    store = get_store()
    found = []
    for one in ([form_id] if form_id else sorted(forms)):
        found += store.list_submissions(one, status, limit)
    found.sort(key=lambda s: s.created_at, reverse=True)
    return responses.json_response(200, {"items": [summary(s) for s in found[:limit]]})


def get_submission(request, reference: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    store = get_store()
    submission = store.get_submission(reference)
    if submission is None:
        return responses.error(404, "not found")
    audit.record(store, ACTOR, "view", reference, submission.form_id, None,
                 submission.expires_at)
    return responses.json_response(200, full(submission))


def set_status(request, reference: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    try:
        body = payload.parse_json(request.raw_body)
    except payload.PayloadError as problem:
        if problem.status == 422:
            return responses.errors(422, [(problem.field, "contains an incomplete character "
                                                          "(a lone surrogate); type it again")])
        return responses.error(400, "expected a JSON object")
    if not isinstance(body, dict):
        return responses.error(400, "expected a JSON object")
    status, message = body.get("status"), body.get("message")
    problems = []
    if status not in STATUSES:
        problems.append(("status", f"expected one of {', '.join(STATUSES)}"))
    if message is not None and (not isinstance(message, str) or len(message) > MESSAGE_MAX):
        problems.append(("message", f"expected text of at most {MESSAGE_MAX} characters"))
    if problems:
        return responses.errors(422, problems)
    message = message.strip() or None if isinstance(message, str) else None
    updated = casework.set_status(get_store(), reference, status, message, ACTOR)
    if updated is None:
        return responses.error(404, "not found")
    return responses.json_response(200, full(updated))


def export_csv(request, form_id: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    form = contract_module.load().forms.get(form_id)
    if form is None:
        return responses.error(404, f"unknown form {form_id!r}")
    from ..csvexport import export

    store = get_store()
    body = export(form, store.iter_form(form_id))
    audit.record(store, ACTOR, "export", None, form_id, None)
    stamp = clock.iso(clock.now())[:10]
    from chalice import Response

    return Response(body=body, status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{form_id}-{stamp}.csv"'})


def retry(request):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    from ..notify.delivery import retry_pending

    return responses.json_response(200, retry_pending(force=True))


def attachment(request, reference: str, upload_id: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    store = get_store()
    submission = store.get_submission(reference)
    upload = store.get_upload(upload_id) if submission else None
    if upload is None or upload_id not in submission.attachments:
        return responses.error(404, "not found")
    from ..uploads.storage import get_storage

    storage = get_storage()
    audit.record(store, ACTOR, "download", reference, submission.form_id, upload_id,
                 submission.expires_at)
    if storage.presigned:
        return responses.redirect(storage.download_url(upload), status=303)
    data = storage.read(upload)
    if data is None:
        return responses.error(404, "not found")
    from chalice import Response

    return Response(body=data, status_code=200, headers={
        "Content-Type": upload.content_type,
        "Content-Disposition": f'attachment; filename="{upload_id}"'})
