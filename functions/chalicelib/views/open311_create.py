"""``POST /open311/v2/requests.{json,xml}``: an Open311 client reports a problem.

Parameters come form-encoded (as GeoReport v2 says) or as JSON, in the body or the query string
(the body wins). The report goes through ``submissions.submit`` exactly like the web form's:
validation with the contract's messages (in ``lang`` or the client's Accept-Language), the rate
limit, idempotency (the same post twice is one report, answered 200 with its id), the store and
the mail to the office. Answers: 201 ``[{"service_request_id", "service_notice", "account_id"}]``;
400 with every problem, each naming its GeoReport parameter; 403 for a missing or wrong
``api_key`` where keys are configured; 404 for an unknown ``service_code``; 429 with Retry-After.
"""
from .. import contract as contract_module, open311, open311_post, payload as payload_module
from ..ratelimit import client_ip
from ..submissions import submit
from .open311 import answer, error, errors, lang_of


def create(request, fmt: str):
    contract = contract_module.load()
    site = contract.site
    try:
        body = payload_module.read(request.headers, request.raw_body)
    except payload_module.PayloadError as problem:
        return error(fmt, problem.status, {
            415: "send the parameters as application/x-www-form-urlencoded (or JSON)",
            413: "the request is too large"}.get(problem.status, "the body could not be read"))
    params = {**_query(request), **body.values}
    if not open311_post.key_accepted(params.get("api_key")):
        return error(fmt, 403, "api_key: missing or not valid; ask the administration for a key")
    code = params.get("service_code")
    if not code or not isinstance(code, str):
        return error(fmt, 400, "service_code: required; see services." + fmt)
    form = next((f for f in open311.feedback_forms(contract) if f.service_code == code), None)
    if form is None:
        return error(fmt, 404, f"service_code: {code!r} is not a service here; see services.{fmt}")
    lang = lang_of(request, site) if not isinstance(params.get("lang"), str) else \
        _choose(params["lang"], site)
    mapped = open311_post.map_params(form, params)
    if mapped.errors:
        return errors(fmt, 400, [f"{param}: {message}" for param, message in mapped.errors])
    values = {name: value for name, value in mapped.values.items()}
    outcome = submit(form, contract, payload_module.Payload(payload_module.FORM, values, []),
                     lang, client_ip(request), extra=mapped.extra)
    if outcome.kind in ("created", "replayed"):
        status = 201 if outcome.kind == "created" else 200
        return answer(fmt, status, "requests", [{
            "service_request_id": outcome.reference,
            "service_notice": _notice(mapped.not_kept), "account_id": None}])
    if outcome.kind == "rate_limited":
        return error(fmt, 429, "too many reports from this address; try again later",
                     {"Retry-After": str(outcome.retry_after)})
    return errors(fmt, 400, [f"{open311_post.parameter(form, mapped, e.field)}: {e.message}"
                             for e in outcome.errors])


def _notice(not_kept: list) -> str | None:
    if not not_kept:
        return None
    return ("Not kept, because this service does not ask for it: " + ", ".join(not_kept) + ".")


def _query(request) -> dict:
    params = request.query_params
    if not params:
        return {}
    return {name: (params.getlist(name) if name.endswith("[]") else params.get(name))
            for name in params}


def _choose(lang: str, site) -> str:
    from .. import i18n

    return i18n.choose(lang, site.languages, site.default_language)
