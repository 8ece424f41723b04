"""``POST /forms/{form_id}/uploads`` (announce a file) and ``POST /uploads/{upload_id}`` (local
default only: receive it; on AWS the browser posts to S3 with the presigned POST instead)."""
from .. import contract as contract_module, i18n, links, payload, responses
from ..ratelimit import check, client_ip
from ..stores import get_store

BODY_OVERHEAD = 16 * 1024  # multipart boundaries and headers around the file


def announce(request, form_id: str):
    contract = contract_module.load()
    site = contract.site
    form = contract.forms.get(form_id)
    lang = i18n.from_accept_language(request.headers.get("accept-language"), site.languages,
                                     site.default_language)
    if form is None or not form.attachments:
        return responses.error(404, i18n.t("unknown_form", lang))
    try:
        payload.check_size(request.headers, request.raw_body or b"", 4096)
        values = payload.parse_json(request.raw_body)
    except payload.PayloadError as problem:
        return responses.errors(problem.status, [(problem.field, i18n.t(problem.key, lang))])
    if not isinstance(values, dict):
        return responses.error(400, i18n.t("bad_request", lang))
    lang = i18n.choose(values.get("lang"), site.languages, lang)
    decision = check(get_store(), client_ip(request), bucket="upload", factor=4)
    if not decision.allowed:
        minutes = max(1, round(decision.retry_after / 60))
        return responses.error(429, i18n.t("rate_limited", lang, count=minutes),
                               {"Retry-After": str(decision.retry_after)})
    from ..uploads import service

    answer, errors = service.announce(
        form, values, lang, lambda upload_id: links.api(f"/uploads/{upload_id}"),
        lambda upload_id: links.api(f"/uploads/{upload_id}?lang={lang}"))
    if errors:
        return responses.errors(422, errors)
    return responses.json_response(201, answer)


def receive(request, upload_id: str):
    """The file itself: a multipart form post with a ``file`` part, or the raw bytes."""
    from ..uploads import service
    from ..uploads.storage import get_storage

    contract = contract_module.load()
    site = contract.site
    lang = i18n.from_accept_language(request.headers.get("accept-language"), site.languages,
                                     site.default_language)
    if get_storage().presigned:
        return responses.error(404, i18n.t("not_found", lang))
    upload = get_store().get_upload(upload_id)
    if upload is None or upload.state != "pending":
        return responses.error(404, i18n.t("not_found", lang))
    body = request.raw_body or b""
    too_large = responses.error(413, i18n.t("attachment_too_large", lang, name=upload.filename,
                                            size=i18n.human_size(upload.max_size, lang)))
    try:
        payload.check_size(request.headers, body, upload.max_size + BODY_OVERHEAD)
    except payload.PayloadError:
        return too_large
    data = body
    if payload.media_type(request.headers) == payload.MULTIPART:
        from .. import multipart

        try:
            _, files = multipart.parse(request.headers.get("content-type", ""), body)
        except (multipart.MultipartError, ValueError, LookupError):
            return responses.error(400, i18n.t("bad_request", lang))
        files = [f for f in files if f.name == "file"]
        if len(files) != 1:
            return responses.error(400, i18n.t("bad_request", lang))
        data = files[0].data
    if len(data) > upload.max_size:
        return too_large
    errors = service.receive_local(upload, data, lang)
    if errors:
        return responses.errors(422, errors)
    # 204 like S3's default answer to a presigned POST, so the page's script treats both alike.
    from chalice import Response

    return Response(body="", status_code=204)


def status(request, upload_id: str):
    """``GET /uploads/{upload_id}?lang=``: the upload's state and, for a PDF whose form checks
    signatures, the check's result in the citizen's words (the page's script asks until it is
    no longer ``pending``). The id is the secret: 144 random bits, known only to the browser
    that announced the file. Once the file belongs to a submission it is no longer shown here."""
    from ..signatures import wording

    contract = contract_module.load()
    site = contract.site
    params = request.query_params or {}
    lang = i18n.choose(params.get("lang"), site.languages, i18n.from_accept_language(
        request.headers.get("accept-language"), site.languages, site.default_language))
    upload = get_store().get_upload(upload_id)
    form = contract.forms.get(upload.form_id) if upload else None
    if upload is None or form is None or upload.state == "attached":
        return responses.error(404, i18n.t("not_found", lang))
    answer = {"upload_id": upload.upload_id, "state": upload.state, "filename": upload.filename,
              "signature": None}
    if upload.signature is not None:
        rule = form.attachments.signature if form.attachments else None
        result = upload.signature
        answer["signature"] = {**wording.describe(result, rule, upload.filename, lang),
                               "state": result.get("state"), "level": result.get("level"),
                               "signer": result.get("signer"), "issuer": result.get("issuer"),
                               "signed_at": result.get("signed_at"),
                               "required": bool(rule and rule.required)}
    return responses.json_response(200, answer, {"Cache-Control": "no-store"})
