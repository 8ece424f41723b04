"""Catalogue files from a CPSV-AP graph, so a municipality can start from what its state portal
already publishes (``civicat import cpsv-ap FILE``).

It reads by class, not by our IRIs, so a file from another system works too: every
``cpsv:PublicService`` becomes a service, every public organisation a service names as competent
authority an office, the organisation with a home page the site, the services' thematic areas,
audiences and life events ``topics.yaml``. What our own export writes it reads back completely,
so export → import → export gives the same graph (tested); what a foreign file leaves out becomes a
"TODO" placeholder that ``civicat validate`` reports until an editor fills it in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from ..catalogue.types import SLUG_RE
from .vocab import (ADMS, CPSV, DCAT, DCTERMS, ELI, FOAF, LOCN, M8G, RDF, RDFS, SCHEMA, SKOS, Iris)

DAY_ABBREVIATIONS = {"Monday": "Mo", "Tuesday": "Tu", "Wednesday": "We", "Thursday": "Th", "Friday": "Fr",
                     "Saturday": "Sa", "Sunday": "Su"}
_SLUG = re.compile(r"[^a-z0-9]+")
TODO = "TODO"


@dataclass
class Imported:
    """The files to write (path below the catalogue folder → YAML data) and what the editor must know."""

    files: dict[str, tuple[str, dict]] = field(default_factory=dict)
    """path → (schema kind, data)."""
    notes: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """An id from any label or IRI part: "Bürgerbüro Hainbach" → "buergerbuero-hainbach"."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return _SLUG.sub("-", text).strip("-")[:60] or "unnamed"


def _number_key(node: Any) -> tuple:
    """Sort ``…/step-10`` after ``…/step-2``: our IRIs number the parts in the editor's order."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(node)))


class Reader:
    def __init__(self, g: Graph, default_language: str, known_forms: set[str]):
        self.g = g
        self.default = default_language
        self.known_forms = known_forms
        self.out = Imported()
        self.languages: set[str] = set()
        self.ids: dict[URIRef, str] = {}

    # --- values -------------------------------------------------------------------------------

    def text(self, node, predicate) -> Any:
        """langStrings → a Text: plain string when only the default language is there."""
        found: dict[str, str] = {}
        for value in self.g.objects(node, predicate):
            if isinstance(value, Literal):
                lang = value.language or self.default
                found.setdefault(lang, str(value))
                self.languages.add(lang)
        if not found:
            return None
        if set(found) == {self.default}:
            return found[self.default]
        return dict(sorted(found.items(), key=lambda item: (item[0] != self.default, item[0])))

    def one(self, node, predicate) -> Any:
        values = sorted(self.g.objects(node, predicate), key=str)
        return values[0] if values else None

    def string(self, node, predicate) -> str | None:
        value = self.one(node, predicate)
        return str(value) if value is not None else None

    def each(self, node, predicate) -> list:
        return sorted(self.g.objects(node, predicate), key=_number_key)

    def id_of(self, node, kind: str) -> str:
        """The object's id: its ``dct:identifier`` when that is an id, else from the IRI or label."""
        if node in self.ids:
            return self.ids[node]
        given = self.string(node, DCTERMS.identifier)
        if given and SLUG_RE.match(given) and not given.isdigit():
            found = given
        else:
            tail = str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            label = self.text(node, SKOS.prefLabel) or self.text(node, DCTERMS.title)
            label = label if isinstance(label, str) else (label or {}).get(self.default) or next(iter((label or {}).values()), "")
            found = slug(tail if re.fullmatch(r"[A-Za-z0-9_-]+", tail) and not tail.isdigit() else label or tail)
        self.ids[node] = found
        return found

    # --- the whole graph ----------------------------------------------------------------------

    def read(self) -> Imported:
        services = sorted(self.g.subjects(RDF.type, CPSV.PublicService), key=str)
        authorities = {o for s in services for o in self.g.objects(s, M8G.hasCompetentAuthority)}
        organisations = set(self.g.subjects(RDF.type, M8G.PublicOrganisation))
        site = next((o for o in sorted(organisations, key=str) if self.one(o, FOAF.homepage) is not None
                     and o not in authorities), None)
        offices = sorted((authorities | organisations) - {site}, key=str)
        for office in offices:
            self.office(office)
        self.topics(services)
        for service in services:
            self.service(service)
        self.site(site)
        return self.out

    def write(self, path: str, kind: str, data: dict) -> None:
        self.out.files[path] = (kind, {k: v for k, v in data.items() if v not in (None, [], {})})

    # --- site and topics ----------------------------------------------------------------------

    def site(self, node) -> None:
        data: dict[str, Any] = {}
        if node is None:
            self.out.notes.append("site.yaml: the file names no organisation with a home page; fill in name, "
                                  "region, base_url, contact and address")
            data = {"name": TODO, "region": "DE", "base_url": "https://example.org/",
                    "contact": {"email": "todo@example.org"},
                    "address": {"street": TODO, "postal_code": "00000", "locality": TODO}}
        else:
            area = self.one(node, DCTERMS.spatial)
            region = (self.string(area, DCTERMS.identifier) if area is not None else None) or \
                self.string(node, DCTERMS.identifier) or "DE"
            data = {"name": self.text(node, SKOS.prefLabel) or TODO, "region": region,
                    "base_url": self.string(node, FOAF.homepage),
                    "contact": self.contact(self.one(node, M8G.contactPoint)),
                    "address": self.address(self.one(node, LOCN.address)),
                    "description": self.text(node, DCTERMS.description)}
        languages = [self.default] + sorted(self.languages - {self.default})
        data = {"name": data.pop("name"), "default_language": self.default, "languages": languages, **data}
        self.write("site.yaml", "site", data)

    def topics(self, services: list) -> None:
        groups: dict[str, list] = {"topics": [], "life_situations": [], "audiences": []}
        for group, predicate in (("topics", M8G.thematicArea), ("audiences", DCTERMS.audience),
                                 ("life_situations", M8G.isGroupedBy)):
            nodes = {o for s in services for o in self.g.objects(s, predicate)}
            if group == "life_situations":
                nodes |= set(self.g.subjects(RDF.type, M8G.LifeEvent))
            for node in sorted(nodes, key=lambda n: self.id_of(n, group)):
                label = SKOS.prefLabel if group != "life_situations" else DCTERMS.title
                description = SKOS.definition if group != "life_situations" else DCTERMS.description
                groups[group].append({"id": self.id_of(node, group), "title": self.text(node, label) or TODO,
                                      "description": self.text(node, description)})
        if not groups["topics"]:
            groups["topics"] = [{"id": "allgemein", "title": TODO}]
        self.write("topics.yaml", "topics", {name: [{k: v for k, v in t.items() if v is not None} for t in terms]
                                             for name, terms in groups.items()})

    # --- offices ------------------------------------------------------------------------------

    def address(self, node) -> dict:
        if node is None:
            return {"street": TODO, "postal_code": "00000", "locality": TODO}
        return {"street": self.plain(node, LOCN.thoroughfare) or TODO,
                "postal_code": self.string(node, LOCN.postCode) or "00000",
                "locality": self.plain(node, LOCN.postName) or TODO,
                "country": self.string(node, SCHEMA.addressCountry) or "DE"}

    def plain(self, node, predicate) -> str | None:
        value = self.text(node, predicate)
        return value if isinstance(value, str) or value is None else next(iter(value.values()))

    def contact(self, node) -> dict:
        if node is None:
            return {}
        return {"phone": self.string(node, SCHEMA.telephone), "email": self.string(node, SCHEMA.email),
                "fax": self.string(node, SCHEMA.faxNumber), "hours": self.text(node, SCHEMA.hoursAvailable)}

    def office(self, node) -> None:
        oid = self.id_of(node, "office")
        points = self.each(node, M8G.contactPoint)
        main = next((p for p in points if self.one(p, SCHEMA.contactType) is None), None)
        teams = [p for p in points if p is not main]
        area = self.one(node, DCTERMS.spatial)
        data: dict[str, Any] = {
            "name": self.text(node, SKOS.prefLabel) or TODO,
            "description": self.text(node, DCTERMS.description),
            "address": self.address(self.one(node, LOCN.address)),
            "geo": self.geo(self.one(node, LOCN.location)),
            "contact": {k: v for k, v in self.contact(main).items() if v is not None},
            "opening_hours": self.opening_hours(main),
            "closures": [self.closure(c) for c in self.each(main, M8G.specialOpeningHoursSpecification)] if main else [],
            "contacts": [{"role": self.text(p, SCHEMA.contactType),
                          **{k: v for k, v in self.contact(p).items() if v is not None}} for p in teams],
            "localities": sorted(str(v) for v in self.g.objects(area, LOCN.geographicName)) if area is not None else [],
        }
        self.write(f"offices/{oid}.yaml", "office", data)

    def geo(self, place) -> dict | None:
        wkt = self.string(place, LOCN.geometry) if place is not None else None
        match = re.fullmatch(r"\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*", wkt or "")
        return {"lat": float(match.group(2)), "lon": float(match.group(1))} if match else None

    def opening_hours(self, point) -> str:
        """The OSM expression as the file gives it; else rebuilt from the schedule's entries."""
        if point is None:
            return TODO
        written = self.string(point, SCHEMA.openingHours)
        if written:
            return written
        days: dict[str, list[str]] = {}
        for entry in self.each(point, M8G.openingHours):
            day = str(self.one(entry, SCHEMA.dayOfWeek) or "").rsplit("/", 1)[-1]
            opens, closes = self.string(entry, SCHEMA.opens), self.string(entry, SCHEMA.closes)
            if day in DAY_ABBREVIATIONS and opens and closes:
                days.setdefault(DAY_ABBREVIATIONS[day], []).append(f"{opens[:5]}-{'24:00' if closes.startswith('23:59') else closes[:5]}")
        rules = [f"{day} {','.join(sorted(spans))}" for day, spans in sorted(
            days.items(), key=lambda item: list(DAY_ABBREVIATIONS.values()).index(item[0]))]
        return "; ".join(rules) if rules else TODO

    def closure(self, entry) -> dict:
        start = self.string(entry, SCHEMA.validFrom)
        end = self.string(entry, SCHEMA.validThrough) or start
        data = {"start": dt.date.fromisoformat(start[:10]) if start else TODO,
                "end": dt.date.fromisoformat(end[:10]) if end and end != start else None,
                "reason": self.text(entry, SCHEMA.description) or TODO,
                "hours": self.string(entry, SCHEMA.openingHours)}
        if data["hours"] is None:
            opens, closes = self.string(entry, SCHEMA.opens), self.string(entry, SCHEMA.closes)
            if opens and closes and opens[:5] != closes[:5]:
                data["hours"] = f"{opens[:5]}-{closes[:5]}"
        return {k: v for k, v in data.items() if v is not None}

    # --- services -----------------------------------------------------------------------------

    def service(self, node) -> None:
        sid = self.id_of(node, "service")
        summary = self.text(node, DCTERMS.abstract)
        description = self.text(node, DCTERMS.description)
        data: dict[str, Any] = {
            "leika": self.leika(node),
            "title": self.text(node, DCTERMS.title) or TODO,
            "summary": summary or description or TODO,
            "description": description if summary and description != summary else None,
            "prerequisites": [self.text(r, DCTERMS.title) or TODO for r in self.each(node, M8G.holdsRequirement)],
            "documents": [{"name": self.text(e, DCTERMS.title) or TODO, "note": self.text(e, DCTERMS.description)}
                          for e in self.each(node, CPSV.hasInput)],
        }
        data["documents"] = [{k: v for k, v in d.items() if v is not None} for d in data["documents"]]
        data.update(self.costs(node))
        data.update(self.rules(node))
        data["legal_basis"] = [self.law(law) for law in self.each(node, M8G.hasLegalResource)]
        data["hints"] = self.text(node, SKOS.note)
        data.update(self.channels(sid, node))
        data["topics"] = sorted(self.id_of(t, "topics") for t in self.g.objects(node, M8G.thematicArea))
        data["life_situations"] = sorted(self.id_of(t, "life_situations") for t in self.g.objects(node, M8G.isGroupedBy))
        data["audiences"] = sorted(self.id_of(t, "audiences") for t in self.g.objects(node, DCTERMS.audience))
        data["keywords"] = self.keywords(sid, node)
        data["related"] = sorted(self.id_of(r, "service") for r in self.g.objects(node, M8G.relatedService))
        modified = self.string(node, DCTERMS.modified)
        data["last_reviewed"] = dt.date.fromisoformat(modified[:10]) if modified else dt.date.today()
        self.write(f"services/{sid}.yaml", "service", data)

    def keywords(self, sid: str, node) -> list:
        """Search words: RDF keeps one set per language, not which word translates which, so the
        n-th word of each language (alphabetically) share an entry; each needs the default
        language. Search uses each language's words on their own, so nothing is lost to citizens."""
        by_lang: dict[str, list[str]] = {}
        for value in self.g.objects(node, DCAT.keyword):
            lang = value.language or self.default
            self.languages.add(lang)
            by_lang.setdefault(lang, []).append(str(value))
        base = sorted(by_lang.pop(self.default, []))
        entries: list[Any] = [{self.default: word} for word in base]
        for lang, words in sorted(by_lang.items()):
            words.sort()
            for index, word in enumerate(words):
                if index < len(entries):
                    entries[index][lang] = word
                else:
                    self.out.notes.append(f"services/{sid}.yaml: keyword {word!r} ({lang}) not kept: it has no "
                                          f"{self.default} counterpart; add it with one")
        return [entry[self.default] if len(entry) == 1 else entry for entry in entries]

    def leika(self, node) -> str | None:
        for key in self.g.objects(node, ADMS.identifier):
            notation = self.string(key, SKOS.notation)
            if notation and re.fullmatch(r"\d{14}", notation):
                return notation
        return None

    def costs(self, node) -> dict:
        costs, free = [], False
        for entry in self.each(node, M8G.hasCost):
            value = self.one(entry, M8G.hasValue)
            label = self.text(entry, DCTERMS.description)
            if str(self.string(entry, DCTERMS.identifier) or "").endswith("/cost/free") or (
                    label is None and value is not None and float(value) == 0):
                free = True
                continue
            upper = self.one(entry, SCHEMA.maxPrice)
            costs.append({k: v for k, v in {
                "label": label or TODO,
                "amount": Decimal(str(float(value))).quantize(Decimal("0.01")) if value is not None else None,
                "amount_to": Decimal(str(upper)).quantize(Decimal("0.01")) if upper is not None else None,
                "note": self.text(entry, SKOS.note)}.items() if v is not None})
        return {"costs": costs, "free": free}

    def rules(self, node) -> dict:
        found: dict[str, Any] = {"procedure": []}
        names = {"deadlines": "deadlines", "redress": "redress", "processing-time": "processing_time"}
        for rule in self.each(node, CPSV.follows):
            ident = self.string(rule, DCTERMS.identifier) or str(rule)
            kind = ident.rsplit("/", 1)[-1]
            text = self.text(rule, DCTERMS.description) or self.text(rule, DCTERMS.title)
            if kind in names and names[kind] not in found:
                found[names[kind]] = text
            else:
                found["procedure"].append(text or TODO)
        return found

    def law(self, node) -> dict:
        url = self.string(node, RDFS.seeAlso) or self.string(node, FOAF.page)
        if url is None and isinstance(node, URIRef) and str(node).startswith("http") and "/id/service/" not in str(node):
            url = str(node)
        title = self.text(node, DCTERMS.title) or self.text(node, ELI.title) or self.text(node, RDFS.label)
        return {k: v for k, v in {"title": title or TODO, "url": url}.items() if v is not None}

    def channels(self, sid: str, node) -> dict:
        offices: list[str] = []
        forms: list[str] = []
        online = None
        in_person = False
        for channel in self.each(node, M8G.hasChannel):
            kind = self.id_of(self.one(channel, DCTERMS.type), "channel-type") if self.one(channel, DCTERMS.type) else ""
            owner = self.one(channel, M8G.ownedBy)
            ident = self.string(channel, DCTERMS.identifier) or ""
            page = self.string(channel, FOAF.page)
            form = re.search(r"/channel/form-([a-z0-9-]+)$", ident)
            if owner is not None and kind != "online":
                in_person = True
                offices.append(self.id_of(owner, "office"))
            elif form:
                if form.group(1) in self.known_forms:
                    forms.append(form.group(1))
                else:
                    self.out.notes.append(f"services/{sid}.yaml: the form {form.group(1)!r} ({page}) is not in this "
                                          "catalogue's forms/; add it, or link the service's online application")
            elif page and online is None:
                online = {k: v for k, v in {"url": page, "label": self.text(channel, DCTERMS.description)}.items()
                          if v is not None}
            elif page:
                self.out.notes.append(f"services/{sid}.yaml: a further online channel {page} was not kept "
                                      "(a service has one online link)")
        for authority in sorted(self.g.objects(node, M8G.hasCompetentAuthority), key=str):
            oid = self.id_of(authority, "office")
            if oid not in offices:
                offices.append(oid)
        return {"offices": list(dict.fromkeys(offices)) or [TODO.lower()], "forms": forms, "online": online,
                "in_person": in_person}


def read(g: Graph, default_language: str = "de", known_forms: set[str] | None = None) -> Imported:
    """Catalogue files from a CPSV-AP graph; ``known_forms``: form ids the target catalogue has."""
    return Reader(g, default_language, known_forms or set()).read()


FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".nt": "nt"}


def parse(path: Path | None = None, *, data: str | None = None, fmt: str | None = None) -> Graph:
    """A CPSV-AP file (or text): Turtle, JSON-LD, RDF/XML or N-Triples, told by its name.

    rdflib 7's JSON-LD parser goes through its own deprecated ConjunctiveGraph and warns about it
    on every call; that is rdflib talking to itself, so the warning is silenced here only."""
    import warnings

    fmt = fmt or FORMATS.get(path.suffix.lower(), "turtle") if path is not None else fmt or "turtle"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        return Graph().parse(source=str(path) if path is not None else None, data=data, format=fmt)


__all__ = ["Imported", "read", "parse", "slug", "Iris"]
