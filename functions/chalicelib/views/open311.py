"""``GET /open311/v2/services``, ``/services/{service_code}``, ``/requests``,
``/requests/{service_request_id}`` — read-only, public fields only (see ``chalicelib.open311``).

Paths have no ``.json`` suffix: API Gateway cannot route ``{id}.json``. Errors use Open311's
shape ``[{"code": 404, "description": "…"}]``.
"""
from .. import clock, contract as contract_module, i18n, open311, references, responses
from ..stores import STATUSES, get_store

DEFAULT_DAYS = 90
MAX_REQUESTS = 1000


def _lang(request, site) -> str:
    params = request.query_params or {}
    return i18n.choose(params.get("lang"), site.languages, site.default_language)


def _open311_error(status: int, description: str):
    return responses.json_response(status, [{"code": status, "description": description}],
                                   {"Cache-Control": "no-store"})


def services(request):
    contract = contract_module.load()
    lang = _lang(request, contract.site)
    body = [open311.service(f, lang, contract.site.default_language)
            for f in open311.feedback_forms(contract)]
    return responses.json_response(200, body, {"Cache-Control": "public, max-age=300"})


def service_definition(request, service_code: str):
    contract = contract_module.load()
    lang = _lang(request, contract.site)
    for form in open311.feedback_forms(contract):
        if form.service_code == service_code:
            return responses.json_response(200, open311.definition(
                form, lang, contract.site.default_language),
                {"Cache-Control": "public, max-age=300"})
    return _open311_error(404, "unknown service_code")


def requests(request):
    contract = contract_module.load()
    params = request.query_params or {}
    lang = _lang(request, contract.site)
    now = clock.now()
    try:
        end = clock.parse(params["end_date"]) if params.get("end_date") else now
        start = (clock.parse(params["start_date"]) if params.get("start_date")
                 else clock.later(end, -DEFAULT_DAYS * 86400))
    except (ValueError, OverflowError):  # OverflowError: 90 days before 0001-01-01
        return _open311_error(400, "start_date and end_date must be W3C date-times")
    wanted_status = params.get("status")
    if wanted_status not in (None, "", "open", "closed"):
        return _open311_error(400, "status must be open or closed")
    codes = set(filter(None, (params.get("service_code") or "").split(",")))
    store = get_store()
    found = []
    for form in open311.feedback_forms(contract):
        if codes and form.service_code not in codes:
            continue
        statuses = [s for s in STATUSES
                    if not wanted_status or open311.STATUS_MAP[s] == wanted_status]
        for status in statuses:
            for sub in store.list_submissions(form.id, status, MAX_REQUESTS):
                if start <= clock.parse(sub.created_at) <= end:
                    found.append(open311.request(form, sub, lang, contract.site.default_language))
    found.sort(key=lambda r: r["requested_datetime"], reverse=True)
    return responses.json_response(200, found[:MAX_REQUESTS])


def request_one(request, service_request_id: str):
    contract = contract_module.load()
    lang = _lang(request, contract.site)
    reference = references.normalize(service_request_id)
    sub = get_store().get_submission(reference) if reference else None
    form = contract.forms.get(sub.form_id) if sub else None
    if form is None or form.kind != "feedback":
        return _open311_error(404, "unknown service_request_id")
    return responses.json_response(200, [open311.request(form, sub, lang,
                                                         contract.site.default_language)])
