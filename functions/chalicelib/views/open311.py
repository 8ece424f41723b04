"""Open311 GeoReport v2 at the URLs its clients call, under ``/open311/v2/``:

    GET  discovery.{json,xml}            (also ``/open311/discovery.…``)
    GET  services.{json,xml}             the feedback forms
    GET  services/{service_code}.{fmt}   a form's attributes
    GET  requests.{json,xml}             reports: service_request_id, service_code, start_date,
                                         end_date, status (comma lists), at most 1000
    GET  requests/{service_request_id}.{fmt}
    POST requests.{json,xml}             a new report (``open311_post``), ``api_key`` if configured

Without a suffix the answer is JSON (the paths of earlier versions keep working). Every error
has Open311's shape, ``[{"code": 404, "description": "…"}]`` or ``<errors><error>…``, also for
paths that do not exist below ``/open311/`` (a catch-all route). How API Gateway reaches these
with its path templates is in ``docs/decisions.md`` ("Open311 on API Gateway").
"""
import functools

from chalice import Response

from .. import clock, contract as contract_module, i18n, links, open311, references, responses
from ..stores import STATUSES, get_store

DEFAULT_DAYS = 90
MAX_DAYS = 90
MAX_REQUESTS = 1000
FORMATS = ("json", "xml")
CACHE = {"Cache-Control": "public, max-age=300"}


class Problem(Exception):
    def __init__(self, status: int, description: str, headers: dict | None = None):
        super().__init__(description)
        self.status, self.description, self.headers = status, description, headers or {}


def split_format(name: str) -> tuple[str, str]:
    """``HBN-2026-4F7KQ.xml`` → (``HBN-2026-4F7KQ``, ``xml``); no suffix → JSON. Neither
    references nor service codes contain a dot, so the last one starts the format."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return name, "json"
    if suffix.lower() not in FORMATS:
        raise Problem(400, f"unknown format .{suffix}: use .json or .xml")
    return stem, suffix.lower()


def answer(fmt: str, status: int, kind: str, body, headers: dict | None = None) -> Response:
    if fmt == "xml":
        from .. import open311_xml

        return Response(body=open311_xml.document(kind, body), status_code=status,
                        headers={"Content-Type": open311_xml.CONTENT_TYPE, **(headers or {})})
    return responses.json_response(status, body, headers)


def error(fmt: str, status: int, description: str, headers: dict | None = None) -> Response:
    return errors(fmt, status, [description], headers)


def errors(fmt: str, status: int, descriptions: list, headers: dict | None = None) -> Response:
    body = [{"code": status, "description": d} for d in descriptions]
    return answer(fmt, status, "errors", body, {"Cache-Control": "no-store", **(headers or {})})


def _format_of(name: str) -> str:
    """The format a failing request asked for, for its error (JSON when unclear)."""
    return "xml" if name.lower().endswith(".xml") else "json"


def _params(request) -> dict:
    return dict(request.query_params or {})


def lang_of(request, site) -> str:
    wanted = _params(request).get("lang")
    if wanted:
        return i18n.choose(wanted, site.languages, site.default_language)
    return i18n.from_accept_language(request.headers.get("accept-language"), site.languages,
                                     site.default_language)


def _named(handler):
    """A route whose last path segment is ``<name>.<format>`` (or ``<name>``, JSON): the handler
    gets the name and the format apart, and a wrong suffix or any ``Problem`` it raises becomes an
    Open311 error in the format asked for (JSON where the suffix is not one we answer in)."""
    @functools.wraps(handler)
    def route(request, name: str) -> Response:
        try:
            stem, fmt = split_format(name)
        except Problem as problem:
            return error(_format_of(name), problem.status, problem.description)
        try:
            return handler(request, stem, fmt)
        except Problem as problem:
            return error(fmt, problem.status, problem.description, problem.headers)
    return route


# --- routes ------------------------------------------------------------------------------------

@_named
def resource(request, stem: str, fmt: str) -> Response:
    """``/open311/v2/<name>``: services, requests or discovery, with or without a format."""
    if stem == "discovery" and request.method == "GET":
        return discovery(request, fmt)
    if stem == "services" and request.method == "GET":
        return services(request, fmt)
    if stem == "requests" and request.method == "GET":
        return requests(request, fmt)
    if stem == "requests" and request.method == "POST":
        return create(request, fmt)
    raise Problem(404, f"no such resource: {stem}; see discovery.json")


def not_found(request) -> Response:
    """Anything else below ``/open311/``: an Open311 error, not API Gateway's 403."""
    path = (getattr(request, "context", None) or {}).get("path") or getattr(request, "path", "")
    return error(_format_of(path), 404, "no such resource; the endpoints are listed in "
                                        "/open311/v2/discovery.json")


def discovery(request, fmt: str) -> Response:
    import os
    from datetime import datetime, timezone

    from .. import settings

    contract = contract_module.load()
    # The service list changes when the contract does: its file's time is the changeset.
    changed = clock.iso(datetime.fromtimestamp(int(os.stat(settings.forms_path()).st_mtime),
                                               timezone.utc))
    base = links.absolute(links.api("/open311/v2"), contract.site)
    return answer(fmt, 200, "discovery", open311.discovery(
        contract.site, base, open311.w3c(changed)), CACHE)


def services(request, fmt: str) -> Response:
    contract = contract_module.load()
    lang = lang_of(request, contract.site)
    body = [open311.service(f, lang, contract.site.default_language)
            for f in open311.feedback_forms(contract)]
    return answer(fmt, 200, "services", body, CACHE)


@_named
def service_definition(request, code: str, fmt: str) -> Response:
    contract = contract_module.load()
    lang = lang_of(request, contract.site)
    for form in open311.feedback_forms(contract):
        if form.service_code == code:
            return answer(fmt, 200, "service_definition",
                          open311.definition(form, lang, contract.site.default_language), CACHE)
    return error(fmt, 404, f"service_code {code!r} is not a service here; see services.{fmt}")


def requests(request, fmt: str) -> Response:
    contract = contract_module.load()
    params = _params(request)
    lang = lang_of(request, contract.site)
    forms = {form.id: form for form in open311.feedback_forms(contract)}
    store = get_store()
    wanted_ids = _list(params.get("service_request_id"))
    if wanted_ids:  # "overrides all other parameters" (GeoReport v2)
        found = []
        for given in wanted_ids:
            sub = _feedback(store, forms, given)
            if sub is not None:
                found.append(sub)
    else:
        found = _search(store, forms, params)
    default = contract.site.default_language
    published = store.published([sub.reference for sub in found]) if found else set()
    body = [open311.request(forms[s.form_id], s, lang, default, s.reference in published)
            for s in found]
    body.sort(key=lambda r: r["requested_datetime"], reverse=True)
    return answer(fmt, 200, "requests", body[:MAX_REQUESTS])


@_named
def request_one(request, given: str, fmt: str) -> Response:
    contract = contract_module.load()
    forms = {form.id: form for form in open311.feedback_forms(contract)}
    store = get_store()
    sub = _feedback(store, forms, given)
    if sub is None:
        return error(fmt, 404, f"service_request_id {given!r} is not a request here")
    published = sub.reference in store.published([sub.reference])
    body = [open311.request(forms[sub.form_id], sub, lang_of(request, contract.site),
                            contract.site.default_language, published)]
    return answer(fmt, 200, "requests", body)


def create(request, fmt: str) -> Response:
    from .open311_create import create as handle

    return handle(request, fmt)


# --- helpers -----------------------------------------------------------------------------------

def _list(raw) -> list:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def _feedback(store, forms: dict, given: str):
    """The stored report with this id if it belongs to a feedback form (others do not exist here)."""
    reference = references.normalize(given)
    sub = store.get_submission(reference) if reference else None
    return sub if sub is not None and sub.form_id in forms else None


def _search(store, forms: dict, params: dict) -> list:
    now = clock.now()
    try:
        end = clock.parse(params["end_date"]) if params.get("end_date") else now
        start = (clock.parse(params["start_date"]) if params.get("start_date")
                 else clock.later(end, -DEFAULT_DAYS * 86400))
    except (ValueError, OverflowError):  # OverflowError: 90 days before 0001-01-01
        raise Problem(400, "start_date and end_date must be W3C date-times, e.g. "
                           "2026-01-31T00:00:00Z") from None
    if start > end:
        raise Problem(400, "start_date is after end_date")
    if (end - start).total_seconds() > MAX_DAYS * 86400:
        raise Problem(400, f"start_date to end_date may span {MAX_DAYS} days at most")
    wanted = _list(params.get("status"))
    if any(s not in ("open", "closed") for s in wanted):
        raise Problem(400, "status must be open, closed or both (comma separated)")
    codes = _list(params.get("service_code"))
    known = {form.service_code for form in forms.values()}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise Problem(404, f"service_code {', '.join(unknown)} is not a service here")
    statuses = [s for s in STATUSES if not wanted or open311.STATUS_MAP[s] in wanted]
    found = []
    for form in forms.values():
        if codes and form.service_code not in codes:
            continue
        for status in statuses:
            for sub in store.list_submissions(form.id, status, MAX_REQUESTS):
                if start <= clock.parse(sub.created_at) <= end:
                    found.append(sub)
    found.sort(key=lambda s: s.created_at, reverse=True)
    return found[:MAX_REQUESTS]
