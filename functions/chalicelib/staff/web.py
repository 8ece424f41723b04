"""Request and response helpers of the staff pages: the session of a request, the page language,
form bodies, HTML answers and redirects (303 after every post)."""
from urllib.parse import parse_qs

from chalice import Response

from .. import contract as contract_module, i18n
from ..stores import get_store
from . import sessions
from ..i18n import t

MAX_FORM_BYTES = 64 * 1024


class Context:
    """What every staff handler needs: store, contract, the session (or None) and language."""

    def __init__(self, request):
        self.request = request
        self.store = get_store()
        self.contract = contract_module.load()
        self.session_id, self.session = sessions.load(self.store, request)
        params = request.query_params or {}
        # The staff pages speak every language of the site (their words are in the contract).
        site = self.contract.site
        chosen = (self.session or {}).get("lang")
        self.lang = chosen if chosen in site.languages else i18n.from_accept_language(
            request.headers.get("accept-language"), site.languages, site.default_language)
        self.params = params
        if self.session is not None:
            # Where the person is, for the language switch in the header (not stored).
            from urllib.parse import urlencode

            query = urlencode(dict(params)) if params else ""
            self.session = {**self.session, "here": request.path + ("?" + query if query else "")}

    @property
    def actor(self) -> str:
        return self.session["name"]


def form_values(request) -> tuple[dict, list]:
    """(values, files) of a url-encoded or multipart post; values are single strings."""
    body = request.raw_body or b""
    content_type = request.headers.get("content-type") or ""
    if content_type.startswith("multipart/form-data"):
        from .. import multipart

        try:
            values, files = multipart.parse(content_type, body)
        except (multipart.MultipartError, ValueError, LookupError):
            return {}, []
        return {k: (v[-1] if isinstance(v, list) else v) for k, v in values.items()}, files
    if len(body) > MAX_FORM_BYTES:
        return {}, []
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in parsed.items()}, []


def text(values: dict, name: str, limit: int | None = None) -> str:
    """A posted text field without the spaces around it ("" when it is missing), cut at
    ``limit`` characters: a note or an answer stays a size the store and a mail can hold."""
    return (values.get(name) or "").strip()[:limit]


def html(body: str, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body=body, status_code=status,
                    headers={"Content-Type": "text/html; charset=utf-8",
                             "Cache-Control": "no-store", **(headers or {})})


def redirect(location: str, headers: dict | None = None, cookies: list | None = None) -> Response:
    out = {"Location": location, "Content-Type": "text/plain; charset=utf-8", **(headers or {})}
    response = Response(body="", status_code=303, headers=out)
    if cookies:
        response.headers["Set-Cookie"] = cookies[0] if len(cookies) == 1 else cookies
    return response


def not_found(ctx) -> Response:
    """The one answer for everything a person may not see: like a page that does not exist."""
    from .pages_auth import message

    return html(message(ctx.lang, t("staff.not_found", ctx.lang), t("staff.not_found", ctx.lang),
                        ctx.session, ("/staff/inbox", t("staff.back_inbox", ctx.lang))
                        if ctx.session else None), 404)
