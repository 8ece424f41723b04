"""What a template needs to know: the language, the catalogue, and where the current page is.

``SiteContext`` is built once per language; ``PageContext`` once per page. The page context turns
catalogue texts into HTML that says its language when it fell back to the default language
(``lang``/``dir`` on the element, and the fallback is recorded for the page's visible notice).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..catalogue.text import Localized, localize
from .markup import MarkdownRenderer, block_html
from .strings import Strings

if TYPE_CHECKING:
    from ..catalogue import Catalogue

RTL = {"ar", "he", "fa", "ur"}


def direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL else "ltr"


class SiteContext:
    """One language's view of the catalogue, with the indexes the pages share."""

    def __init__(self, catalogue: "Catalogue", lang: str, *, today: dt.date | None = None):
        self.cat = catalogue
        self.site = catalogue.site
        self.lang = lang
        self.default = catalogue.site.default_language
        self.languages = list(catalogue.site.languages)
        self.s = Strings(lang)
        self.dir = self.s.dir
        self.today = today or dt.date.today()
        self.base_url = str(catalogue.site.base_url).rstrip("/") + "/"
        self.host = (urlsplit(self.base_url).hostname or "").lower()
        """The site's own host: links elsewhere are marked as leading to another website."""
        self.md = MarkdownRenderer()  # fields: "# x" becomes <h2>, under the page's <h1>
        self.md_page = MarkdownRenderer(shift_headings=0)  # free pages keep their levels
        self.fragments: dict[tuple[Any, ...], tuple[Markup, frozenset[str]]] = {}
        """HTML shared by many pages of this language (see ``PageContext.shared``)."""
        self.routes: dict[str, Any] | None = None
        """Page path → how to render that page (``civicat.render.render_pages``), made on first use."""

    # The indexes below are made on first use: a service page needs none of them, and `civicat
    # serve` writes an edited service's page before it writes the lists it appears in.
    @cached_property
    def service_order(self) -> list[str]:
        """Service ids by title in this language."""
        services = self.cat.services
        return sorted(services, key=lambda sid: sort_key(self.plain(services[sid].title)))

    @cached_property
    def services_at(self) -> dict[str, list[str]]:
        """Office id → the ids of the services offered there, by title."""
        return self._indexes[0]

    @cached_property
    def by_term(self) -> dict[tuple[str, str], list[str]]:
        """(topic | life | audience, term id) → the ids of its services, by title."""
        return self._indexes[1]

    @cached_property
    def _indexes(self) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
        services_at: dict[str, list[str]] = {oid: [] for oid in self.cat.offices}
        by_term: dict[tuple[str, str], list[str]] = {}
        for sid, service in self.cat.services.items():
            for oid in service.offices:
                services_at.setdefault(oid, []).append(sid)
            for kind, ids in (("topic", service.topics), ("life", service.life_situations), ("audience", service.audiences)):
                for tid in ids:
                    by_term.setdefault((kind, tid), []).append(sid)
        rank = {sid: n for n, sid in enumerate(self.service_order)}
        for ids in (*services_at.values(), *by_term.values()):
            ids.sort(key=rank.__getitem__)
        return services_at, by_term

    def az_groups(self) -> list[tuple[str, list[str]]]:
        """Services grouped by the first letter of their title in this language (accents folded)."""
        groups: dict[str, list[str]] = {}
        for sid in self.service_order:
            key = sort_key(self.plain(self.cat.services[sid].title))
            groups.setdefault((key[:1] or "#").upper(), []).append(sid)
        return list(groups.items())

    def feedback_form(self) -> str | None:
        """Id of the form for reporting barriers (kind accessibility; else the first feedback form)."""
        for kind in ("accessibility", "feedback"):
            for fid, form in self.cat.forms.items():
                if form.kind == kind:
                    return fid
        return None

    @cached_property
    def forms_contract(self) -> dict[str, Any]:
        """The compiled forms contract: form pages carry the function's own rules and messages."""
        from ..contract import compile_contract

        return compile_contract(self.cat)

    def loc(self, value: Any) -> Localized | None:
        return localize(value, self.lang, self.default)

    def plain(self, value: Any) -> str:
        """The text ``loc`` picks, without making a ``Localized`` (templates ask ~70 times a page)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if self.lang in value:
            return value[self.lang]
        if self.default in value:
            return value[self.default]
        return value[next(iter(value))]


@lru_cache(maxsize=65536)  # every title, once per process: `civicat serve` sorts them again after each edit
def sort_key(title: str) -> str:
    """Alphabetical order that ignores case and accents (Ä with A, Č with C)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class PageContext:
    """Helpers for one page at ``path`` (relative to the language root, "" for home, ending in /)."""

    def __init__(self, site: SiteContext, path: str):
        self.site = site
        self.path = path
        self.lang = site.lang
        self.fallback_langs: set[str] = set()
        self._up = "../" * path.count("/")

    # -- addresses ---------------------------------------------------------------------------
    def url(self, target: str) -> str:
        """Relative address of ``target`` (a path in this language's site) from this page."""
        return (self._up + target) or "./"

    def lang_url(self, lang: str, target: str | None = None) -> str:
        """Relative address of a page (default: this one) in another language."""
        return f"{self._up}../{lang}/{self.path if target is None else target}"

    def absolute(self, target: str, lang: str | None = None) -> str:
        return f"{self.site.base_url}{lang or self.lang}/{target}"

    def shared(self, *key: Any, caller: Callable[[], str]) -> Markup:
        """HTML that is the same on every page at this page's depth: rendered on the first page that
        asks (``{% call p.shared(key…) %}…{% endcall %}``), then reused — an office card is on hundreds
        of service pages. The languages it fell back to are recorded here too, so each page still
        gets its fallback notice."""
        full = (key, self._up)
        hit = self.site.fragments.get(full)
        if hit is None:
            outer, self.fallback_langs = self.fallback_langs, set()
            try:
                html = Markup(caller())
            finally:
                inner, self.fallback_langs = self.fallback_langs, outer
            hit = self.site.fragments[full] = (html, frozenset(inner))
        self.fallback_langs.update(hit[1])
        return hit[0]

    # -- strings -----------------------------------------------------------------------------
    def t(self, key: str, /, **values: Any) -> str:
        return self.site.s.t(key, **values)

    def plain(self, value: Any) -> str:
        return self.site.plain(value)

    def _attrs(self, found: Localized) -> str:
        if not found.fallback:
            return ""
        self.fallback_langs.add(found.lang)
        dir_attr = f' dir="{direction(found.lang)}"' if direction(found.lang) != self.site.dir else ""
        return f' lang="{found.lang}"{dir_attr}'

    def text(self, value: Any) -> Markup:
        """An inline text; wrapped in a ``<span lang>`` when it is in another language."""
        found = self.site.loc(value)
        if found is None:
            return Markup("")
        attrs = self._attrs(found)
        return Markup(f"<span{attrs}>{escape(found.text)}</span>") if attrs else escape(found.text)

    def in_language(self, text: str, lang: str) -> Markup:
        """A text known to be in ``lang`` (a holiday name the data has only in the default
        language): marked with its language, and the page says so, as for any fallback text."""
        if lang == self.lang:
            return escape(text)
        return Markup(f"<span{self._attrs(Localized(text, lang, True))}>{escape(text)}</span>")

    def attrs(self, value: Any) -> Markup:
        """``lang``/``dir`` attributes for an element holding ``value`` (empty in the page's language)."""
        found = self.site.loc(value)
        return Markup(self._attrs(found)) if found else Markup("")

    def block(self, value: Any, *, markdown: bool = True, page: bool = False, notice: bool = False) -> Markup:
        """A block of text (Markdown allowed) in a ``<div>``; marked with its language when it fell back,
        and with ``notice`` (long texts) a visible notice precedes it besides the page's own notice."""
        found = self.site.loc(value)
        if found is None:
            return Markup("")
        html = block_html(found.text, self.site.md_page if page else self.site.md) if markdown else escape(found.text)
        attrs = self._attrs(found)
        if not attrs or not notice:
            return Markup(f'<div class="cc-text"{attrs}>{html}</div>')
        return Markup(f'{self.notice(found.lang, "block")}<div class="cc-text"{attrs}>{html}</div>')

    def notice(self, lang: str, kind: str = "page") -> Markup:
        s = self.site.s
        words = s.t(f"fallback.{kind}", lang=s.language_name(self.lang), default=s.language_name(lang))
        return Markup(f'<p class="cc-fallback">{escape(words)}</p>')

    # -- values ------------------------------------------------------------------------------
    def date(self, day: dt.date) -> Markup:
        s = self.site.s
        words = s.t("date", day=day.day, month=s.get("months")[day.month - 1], year=day.year)
        return Markup(f'<time datetime="{day.isoformat()}">{escape(words)}</time>')

    def weekday(self, index: int) -> str:
        return self.site.s.get("days")[index]

    def decimal(self, value: float, places: int = 1) -> str:
        """``12.5`` as the page's language writes it (``12,5`` in German)."""
        number = f"{value:.{places}f}"
        return number.replace(".", ",") if self.site.s.get("decimal") == "," else number

    def money(self, amount: Decimal) -> str:
        s = self.site.s
        number = f"{amount:,.2f}"  # 1,234.50
        if s.get("decimal") == ",":
            number = number.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")  # 1.234,50
        return s.t("money", amount=number)
