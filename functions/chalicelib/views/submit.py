"""``POST /forms/{form_id}``: JSON from the page's script, or a plain HTML form post.

JSON → 201 ``{reference, status_url, status}`` (200 for an idempotent replay), 422 ``{errors}``;
the page's script shows the confirmation in place of the form.
Form post (no JavaScript) → 303 to the citizen's status page, which opens with the thank-you
panel (``&new=1``): there is no static thank-you page, which could not show the reference without
script; when something is wrong, the form itself again as a complete HTML page (422) with the
error summary and the input kept — see ``pages/form_page.py`` and "No JavaScript" in
functions/README.md.
"""
from urllib.parse import urlencode

from .. import contract as contract_module, i18n, links, payload as payload_module, responses
from ..pages import form_page, message_page
from ..ratelimit import client_ip
from ..submissions import submit


def handle(request, form_id: str):
    contract = contract_module.load()
    site = contract.site
    form = contract.forms.get(form_id)
    kind = payload_module.media_type(request.headers)
    browser = kind in (payload_module.FORM, payload_module.MULTIPART)
    guess = i18n.from_accept_language(request.headers.get("accept-language"), site.languages,
                                      site.default_language)
    if form is None:
        return _problem(browser, 404, i18n.t("unknown_form", guess), guess, site)
    try:
        body = payload_module.read(request.headers, request.raw_body, form)
    except payload_module.PayloadError as problem:
        lang = i18n.choose(problem.lang, site.languages, guess) if problem.lang else guess
        return _problem(browser, problem.status, i18n.t(problem.key, lang), lang, site,
                        _form_page(form, lang, site), field=problem.field, form=form)
    lang = i18n.choose(body.values.get("lang"), site.languages, site.default_language)
    outcome = submit(form, contract, body, lang, client_ip(request))

    if outcome.kind in ("created", "replayed", "honeypot"):
        if browser:
            return responses.redirect(_status_page(lang, outcome))
        status = 200 if outcome.kind == "replayed" else 201
        return responses.json_response(status, {"reference": outcome.reference,
                                                 "status_url": outcome.status_url,
                                                 "status": "received"})
    if outcome.kind == "rate_limited":
        minutes = max(1, round(outcome.retry_after / 60))
        return _problem(browser, 429, i18n.t("rate_limited", lang, count=minutes), lang, site,
                        _form_page(form, lang, site),
                        {"Retry-After": str(outcome.retry_after)}, form=form)
    if browser:
        key = body.values.get("submission_key")
        page = form_page.render(form, contract, lang, body.values, outcome.errors,
                                outcome.upload_ids, key if isinstance(key, str) else None)
        return responses.html(422, page)
    return responses.errors(422, outcome.errors)


def _status_page(lang: str, outcome) -> str:
    """The status page in the citizen's language, opening with the thank-you panel."""
    return f"{outcome.status_url}&{urlencode({'lang': lang, 'new': '1'})}"


def _form_page(form, lang: str, site) -> str | None:
    pages = form.pages.get("form") or {}
    path = pages.get(lang) or pages.get(site.default_language)
    return links.site_page(path) if path else None


def _problem(browser: bool, status: int, message: str, lang: str, site, back=None,
             headers=None, field=None, form=None):
    if browser:
        languages = ({code: _form_page(form, code, site) for code in site.languages}
                     if form is not None else None)
        page = message_page.render(lang, site.title(lang), message, back, languages)
        return responses.html(status, page, headers)
    return responses.errors(status, [(field, message)], headers)
