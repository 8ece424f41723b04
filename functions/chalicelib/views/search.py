"""``GET /search?q=…&lang=…``: the site's search without JavaScript (``chalicelib.search``)."""
from urllib.parse import urlparse

from .. import contract as contract_module, i18n, responses


def handle(request):
    from .. import search
    from ..search import page

    params = request.query_params or {}
    site = contract_module.load().site
    lang = i18n.choose(params.get("lang"), site.languages, i18n.from_accept_language(
        request.headers.get("accept-language"), site.languages, site.default_language))
    root = f"{urlparse(site.base_url).path.rstrip('/')}/{lang}/"
    html = page.render(lang, params.get("q") or "", search.load(lang), site.title(lang), root)
    return responses.html(200, html, {"Cache-Control": "no-store"})
