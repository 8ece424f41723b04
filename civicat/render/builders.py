"""One function per kind of page: which template, which address, which title and breadcrumbs.

Addresses use German slugs in every language (``leistungen/<id>/``) so that a page's address in
another language differs only in the language prefix; the forms engine relies on the form URLs.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..catalogue.text import localize
from . import jsonld
from .context import PageContext, SiteContext
from .env import environment
from .links import mark_external
from .markup import split_title
from .page import Crumb, RenderedPage

NAV = ["", "leistungen/", "themen/", "lebenslagen/", "zielgruppen/", "dienststellen/", "oeffnungszeiten/",
       "formulare/", "kontakt/"]
"""The index pages listed in the sidebar, in order. Every other page is reached by links only."""
TERM_KINDS = {
    # kind: (catalogue list, folder, index page kind, nav key, page strings key)
    "topic": ("topics", "themen", "topics", "nav.topics", "topics_page"),
    "life": ("life_situations", "lebenslagen", "lifes", "nav.life_situations", "life_page"),
    "audience": ("audiences", "zielgruppen", "audiences", "nav.audiences", "audience_page"),
}


class UI(str):
    """A title from the UI strings (in the page's language), as opposed to a catalogue text."""


def _home_crumb(site: SiteContext) -> Crumb:
    return Crumb(site.s.t("nav.home"), "")


def make(site: SiteContext, page_kind: str, path: str, title: Any, template: str, *, description: Any = None,
         parents: list[Crumb] | None = None, heading: str | None = None, updated: Any = None, reviewed: bool = False,
         **values: Any) -> RenderedPage:
    """Render ``template`` for the page at ``path`` and wrap the result with its metadata."""
    p = PageContext(site, path)
    if isinstance(title, UI):
        title = {site.lang: str(title)}  # UI strings are always in the page's language
    found = site.loc(title)
    title_text = found.text if found else ""
    title_lang = found.lang if found and found.fallback else None
    if title_lang:
        p.fallback_langs.add(title_lang)
    body = Markup(environment().get_template(template).render(p=p, s=site, **values))
    body = mark_external(body, site.host, site.s.t("nav.external"))
    crumbs = [] if path == "" else [_home_crumb(site), *(parents or []), Crumb(title_text, path)]
    desc = site.plain(description) if description is not None else ""
    page = RenderedPage(
        kind=page_kind, path=path, lang=site.lang, title=title_text, description=" ".join(desc.split())[:300],
        body=body, breadcrumbs=crumbs, updated=updated or site.today, reviewed=reviewed, title_lang=title_lang,
        heading=heading, nav_order=NAV.index(path) if path in NAV else None, default_lang=site.default,
    )
    page.updated_html = Markup(p.t("reviewed" if reviewed else "updated", date=p.date(page.updated)))
    if crumbs:
        page.jsonld.append(jsonld.breadcrumbs(p, crumbs))
    if p.fallback_langs:
        page.fallback = Markup("").join(p.notice(lang) for lang in sorted(p.fallback_langs))
    return page


def home(site: SiteContext) -> RenderedPage:
    popular = sorted(site.cat.services, key=lambda sid: -site.cat.services[sid].popularity)[:8]
    page = make(site, "home", "", site.site.name, "pages/home.html", description=site.site.description or site.s.t("home.intro"),
                heading=site.plain(site.site.name), popular=popular)
    page.nav_title = site.s.t("nav.home")
    return page


def az(site: SiteContext) -> RenderedPage:
    return make(site, "az", "leistungen/", UI(site.s.t("az.title")), "pages/az.html", description=site.s.t("az.intro"))


def service(site: SiteContext, sid: str) -> RenderedPage:
    svc = site.cat.services[sid]
    page = make(site, "service", f"leistungen/{sid}/", svc.title, "pages/service.html", description=svc.summary,
                parents=[Crumb(site.s.t("nav.services"), "leistungen/")], updated=svc.last_reviewed, reviewed=True,
                sid=sid, svc=svc)
    page.jsonld.insert(0, jsonld.service(PageContext(site, page.path), sid))
    # The words in this language, then the German ones: newcomers often know "Perso" or "Ummeldung".
    default = [str(localize(word, site.default, site.default)) for word in svc.keywords]
    page.keywords = list(dict.fromkeys([*(site.plain(word) for word in svc.keywords), *default]))
    return page


def offices_index(site: SiteContext) -> RenderedPage:
    return make(site, "offices", "dienststellen/", UI(site.s.t("nav.offices")), "pages/offices.html",
                description=site.s.t("home.offices_intro"))


def office(site: SiteContext, oid: str) -> RenderedPage:
    o = site.cat.offices[oid]
    address = f"{o.address.street}, {o.address.postal_code} {o.address.locality}"
    page = make(site, "office", f"dienststellen/{oid}/", o.name, "pages/office.html",
                description=o.description or address, parents=[Crumb(site.s.t("nav.offices"), "dienststellen/")], oid=oid, office=o)
    page.jsonld.insert(0, jsonld.office(PageContext(site, page.path), oid))
    return page


def hours_overview(site: SiteContext) -> RenderedPage:
    return make(site, "hours", "oeffnungszeiten/", UI(site.s.t("hours_page.title")), "pages/hours.html",
                description=site.s.t("hours_page.intro"))


def contact(site: SiteContext) -> RenderedPage:
    return make(site, "contact", "kontakt/", UI(site.s.t("contact_page.title")), "pages/contact.html",
                description=site.s.t("contact_page.intro"))


def term_index(site: SiteContext, kind: str) -> RenderedPage:
    field, folder, index_kind, nav_key, strings = TERM_KINDS[kind]
    terms = getattr(site.cat.topics, field)
    return make(site, index_kind, f"{folder}/", UI(site.s.t(f"{strings}.title")), "pages/terms.html",
                description=site.s.t(f"{strings}.intro"), kind=kind, folder=folder, terms=terms, strings=strings)


def term(site: SiteContext, kind: str, item: Any) -> RenderedPage:
    field, folder, _index, nav_key, _strings = TERM_KINDS[kind]
    return make(site, kind, f"{folder}/{item.id}/", item.title, "pages/term.html", description=item.description or item.title,
                parents=[Crumb(site.s.t(nav_key), f"{folder}/")], kind=kind, term=item,
                services=site.by_term.get((kind, item.id), []))


def forms_index(site: SiteContext) -> RenderedPage:
    return make(site, "forms", "formulare/", UI(site.s.t("forms_page.title")), "pages/forms.html",
                description=site.s.t("forms_page.intro"))


def form(site: SiteContext, fid: str) -> RenderedPage:
    """A form page. It has no thank-you page: with the script the form answers in place, without
    it the function's status page thanks (it alone knows the reference)."""
    f = site.cat.forms[fid]
    parent = [Crumb(site.s.t("forms_page.title"), "formulare/")]
    return make(site, "form", f"formulare/{fid}/", f.title, "pages/form.html", description=f.intro or f.title,
                parents=parent, fid=fid, form=f)


def markdown_page(site: SiteContext, name: str) -> RenderedPage:
    """A free page from catalogue/pages/: ``<name>.<lang>.md`` when it exists, else ``<name>.md``."""
    pages = site.cat.pages
    source = pages.get(f"{name}.{site.lang}") or pages[name]
    in_lang = site.lang if f"{name}.{site.lang}" in pages else site.default
    title, text = split_title(source.text)
    value = {in_lang: title or name.replace("-", " ").capitalize()}
    return make(site, "page", f"{name}/", value, "pages/page.html", description=_first_sentence(text) or value[in_lang],
                text={in_lang: text}, name=name)


def _first_sentence(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "|", "-", "*", ">", "<", "!", "[")):
            return line[:200]
    return ""


def open_data(site: SiteContext) -> RenderedPage:
    """The open data files of the build (``civicat.exports.opendata``) with size, licence and last
    change; the same files in every language, so each page lists the very bytes written at the root.

    Where another process is still making the files (``civicat build``), the page comes without
    them and ``later`` set: the build renders it again, once the files are written, before it
    writes the page (``civicat.mkdocs.plugin``)."""
    from ..exports import opendata

    files = opendata.cached(site.cat, site.today, wait=False)
    changed = files[0].changed if files else opendata.data_changed(site.cat)
    page = make(site, "open_data", "offene-daten/", UI(site.s.t("open_data.title")), "pages/open-data.html",
                description=site.s.t("open_data.intro"), updated=changed,
                catalogue_files=[f for f in files or () if f.kind not in ("calendar", "dcat")],
                calendars=[f for f in files or () if f.kind == "calendar"],
                portal_files=[f for f in files or () if f.kind == "dcat"], licence=site.site.open_data_licence)
    page.later = files is None
    return page
