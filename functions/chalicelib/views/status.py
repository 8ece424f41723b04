"""``GET /status/{reference}?token=…``: the citizen's view of one submission.

A wrong or missing token answers exactly like an unknown reference (404), so the endpoint does
not reveal which references exist.
"""
from urllib.parse import urlencode

from .. import contract as contract_module, i18n, links, references, responses
from ..pages import message_page, status_page
from ..stores import get_store


def public_view(submission) -> dict:
    return {"reference": submission.reference, "status": submission.status,
            "message": submission.message, "created_at": submission.created_at,
            "updated_at": submission.updated_at or submission.created_at}


def handle(request, reference: str):
    contract = contract_module.load()
    site = contract.site
    params = request.query_params or {}
    html = responses.wants_html(request)
    normalized = references.normalize(reference)
    submission = get_store().get_submission(normalized) if normalized else None
    if submission is None or not references.same_token(params.get("token"),
                                                        submission.status_token):
        lang = i18n.choose(params.get("lang"), site.languages, i18n.from_accept_language(
            request.headers.get("accept-language"), site.languages, site.default_language))
        if html:
            return responses.html(404, message_page.render(lang, site.title(lang),
                                                           i18n.t("not_found", lang)))
        return responses.error(404, i18n.t("not_found", lang))
    if html:
        lang = i18n.choose(params.get("lang") or submission.lang, site.languages,
                           site.default_language)
        form = contract.forms.get(submission.form_id)
        just_sent = params.get("new") == "1"
        here = links.status(submission.reference, submission.status_token)
        languages = {code: f"{here}&{urlencode({'lang': code, **({'new': '1'} if just_sent else {})})}"
                     for code in site.languages}
        answers = [e for e in get_store().list_events(submission.reference)
                   if e["kind"] == "answer"]
        page = status_page.render(submission, form, contract, lang, just_sent=just_sent,
                                  languages=languages, answers=answers)
        return responses.html(200, page)
    return responses.json_response(200, public_view(submission))


def document(request, reference: str, document_id: str):
    """``GET /status/{reference}/documents/{id}?token=…``: a document of the office's answer,
    for whoever holds the status link (a short-lived S3 link on AWS). Anything else: 404."""
    from .. import documents

    store = get_store()
    normalized = references.normalize(reference)
    submission = store.get_submission(normalized) if normalized else None
    params = request.query_params or {}
    found = None
    if submission is not None and references.same_token(params.get("token"),
                                                         submission.status_token):
        if document_id in {d["id"] for d in documents.answer_documents(store, normalized)}:
            found = store.get_upload(document_id)
    if found is None:
        return responses.error(404, i18n.t("not_found", i18n.from_accept_language(
            request.headers.get("accept-language"), contract_module.load().site.languages, "de")))
    from ..uploads import storage as storage_module

    storage = storage_module.get_storage()
    if storage.presigned:
        return responses.redirect(storage.download_url(found, seconds=300,
                                                       filename=found.filename), status=303)
    data = storage.read(found)
    if data is None:
        return responses.error(404, "not found")
    from chalice import Response

    return Response(body=data, status_code=200, headers={
        "Content-Type": "application/pdf", "Cache-Control": "no-store",
        "Content-Disposition": storage_module.attachment_name(found.filename)})

