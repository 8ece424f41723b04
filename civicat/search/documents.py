"""What of each page the search reads, by field: title, keywords, summary and body, and what a
result shows (title, one line, the office).

Only what a citizen searches for is read: never the header, navigation, footer or the lists and
cards a page shows of *other* pages (a service page lists related services and its office's
opening hours; the A–Z list names every service). A service is read from the catalogue, field by
field; a free page from its text; every other page (topics, lists, the home page) by its title and
introduction only, so that a list never outranks the services it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

KIND_WEIGHT = {"service": 1.0, "office": 0.8, "form": 0.8, "page": 0.8, "contact": 0.8}
"""How much a page of each kind counts against a service (1.0); every other kind (topics, life
situations, audiences, the lists, the home page) 0.5: services come before the pages that list them."""
OTHER_KINDS = 0.5
LINE = 160
"""Longest one-line summary in a result, in characters."""

_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s")


@dataclass
class Document:
    """One page as the index reads it."""

    path: str
    """Address relative to the language root ("leistungen/personalausweis/")."""
    kind: str
    title: str
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    body: str = ""
    office: str = ""
    """The office a result names (a service's first office, a form's recipient)."""
    line: str = ""
    """The result's one-line summary."""

    @property
    def weight(self) -> float:
        return KIND_WEIGHT.get(self.kind, OTHER_KINDS)

    def shown(self) -> list[Any]:
        """What a result shows: [address, title, one line, office]."""
        return [self.path, self.title, self.line, self.office]


def plain(text: str) -> str:
    """Markdown or HTML as words: link targets, addresses and tags left out."""
    return unescape(_LINK_TARGET.sub(" ", text or ""))


def one_line(text: str, limit: int = LINE) -> str:
    """The first sentence of ``text`` (cut at a word before ``limit`` characters, with "…")."""
    text = " ".join(plain(text).replace("*", "").split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def document(site: Any, page: Any) -> Document | None:
    """The page's document (``site``: the renderer's ``SiteContext``; ``page``: a ``RenderedPage``);
    None for pages kept out of search (thank-you pages)."""
    if not page.search:
        return None
    doc = Document(page.path, page.kind, page.title, list(page.keywords), page.description,
                   line=one_line(page.description))
    if page.kind == "service":
        _service(site, doc, page.path.split("/")[1])
    elif page.kind == "office":
        _office(site, doc, page.path.split("/")[1])
    elif page.kind == "form":
        form = site.cat.forms.get(page.path.split("/")[1])
        recipient = site.cat.offices.get(form.recipient) if form is not None else None
        doc.office = site.plain(recipient.name) if recipient is not None else ""
    elif page.kind == "page":
        doc.body = plain(str(page.body))
    return doc


def _service(site: Any, doc: Document, sid: str) -> None:
    svc = site.cat.services[sid]
    text = site.plain
    doc.summary = text(svc.summary)
    doc.line = one_line(doc.summary)
    office = site.cat.offices.get(svc.offices[0]) if svc.offices else None
    doc.office = text(office.name) if office is not None else ""
    parts = [text(svc.description), *map(text, svc.prerequisites)]
    parts += [f"{text(d.name)} {text(d.note)}" for d in svc.documents]
    parts += [f"{text(c.label)} {text(c.note)}" for c in svc.costs]
    parts += [*map(text, svc.procedure), text(svc.processing_time), text(svc.deadlines)]
    parts += [text(law.title) for law in svc.legal_basis]
    parts += [text(svc.redress), text(svc.hints), text(svc.easy_language)]
    doc.body = plain("\n".join(part for part in parts if part))


def _office(site: Any, doc: Document, oid: str) -> None:
    office = site.cat.offices[oid]
    address = office.address
    where = f"{address.street}, {address.postal_code} {address.locality}"
    doc.summary = site.plain(office.description) if office.description else ""
    doc.line = one_line(doc.summary) if doc.summary else where
    doc.keywords = [*office.localities, address.locality]
    contacts = [site.plain(contact.role) for contact in office.contacts]
    doc.body = plain("\n".join([where, *contacts, site.plain(office.public_transport)]))
