"""The search results page: what the search form in the site's header and on the home page shows
without JavaScript (``GET /search?q=…&lang=…``), and where "All results" leads with it.

Its words come from the index (``meta.json`` carries the site's ``search`` strings), so the page
speaks the site's language without a copy of them here. Each result shows its title (a link), a
line of summary and the responsible office; nothing found offers the A–Z list, the topics and the
contact form. The frame is the site's (``pages/layout.py``: the shell the build wrote, else a plain
page of the functions' own)."""
from .. import contract, i18n, links
from ..htmlkit import el
from ..pages.layout import document

MOST = 100
"""Results listed at most (the first are the best; a query matching more says too little)."""
LONGEST_QUERY = 200


def render(lang: str, query: str, index, site_title: str, root: str) -> str:
    """The page for ``query`` (``index``: the language's ``engine.Index``, or None when there is
    none; ``root``: the language's address, for the links when there is no index)."""
    query = " ".join((query or "").split())[:LONGEST_QUERY]
    if index is None:
        return _unavailable(lang, query, site_title, root)
    meta = index.meta
    words = meta["words"]
    root = meta.get("root") or root
    parts = [_form(lang, words, query)]
    if not query:
        parts.append(el("p", {}, words["nothing"]))
    else:
        hits = index.search(query)
        if hits:
            shown = [index.shown(doc) for doc in hits[:MOST]]
            parts.append(el("p", {"class": "search-count"}, _fill(words["results_for"], count=results(
                words["results"], lang, len(hits)), query=query)))
            parts.append(el("ol", {"class": "search-results"}, [
                el("li", {}, el("a", {"href": links.site_page(root + path)}, title),
                   el("p", {}, line) if line else None,
                   el("p", {"class": "hint"}, _fill(words["office"], office=office)) if office else None)
                for path, title, line, office in shown]))
        else:
            parts += _nothing(words, meta["links"], query, root)
    title = f"{query} – {words['title']}" if query else words["title"]
    return document(lang, f"{title} – {meta.get('site') or site_title}", words["title"], *parts)


def results(forms: dict, lang: str, n: int, loaded=None) -> str:
    """"1 Ergebnis", "3 Ergebnisse", "نتيجتان": ``forms`` (the site's ``search.results``, a text per
    plural category with ``{count}``) for ``n``, by the plural rule the contract carries for
    ``lang`` (the browser asks ``Intl.PluralRules`` the same question)."""
    text = forms.get(i18n.plural(loaded or contract.load(), lang, n)) or forms["other"]
    return text.replace("{count}", str(n))


def _form(lang: str, words: dict, query: str):
    return el("form", {"role": "search", "aria-label": words["label"], "action": links.api("/search"),
                       "method": "get"},
              el("label", {"for": "q"}, words["label"]),
              el("input", {"id": "q", "type": "search", "name": "q", "value": query,
                           "autocomplete": "off"}),
              el("input", {"type": "hidden", "name": "lang", "value": lang}),
              el("button", {"type": "submit"}, words["button"]))


def _nothing(words: dict, targets: dict, query: str, root: str) -> list:
    return [el("p", {}, el("strong", {}, _fill(words["none"], query=query))),
            el("p", {}, words["none_help"]),
            el("ul", {}, [el("li", {}, el("a", {"href": links.site_page(root + targets[key])}, words[key]))
                          for key in ("az", "topics", "contact")])]


def _unavailable(lang: str, query: str, site_title: str, root: str) -> str:
    """No index here (a site built without it): the A–Z list is the way to every service."""
    return document(lang, site_title, site_title,
                    el("p", {}, i18n.t("search_unavailable", lang)),
                    el("p", {}, el("a", {"href": links.site_page(root + "leistungen/")},
                                   i18n.t("search_az", lang))))


def _fill(text: str, **values) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
