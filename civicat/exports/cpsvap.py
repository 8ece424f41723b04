"""The catalogue as CPSV-AP 3.2 (the EU's Core Public Service Vocabulary Application Profile), for
the Single Digital Gateway and state portals.

What goes where is in ``docs/mapping.md``; the short version: a service is a
``cpsv:PublicService`` with its requirements, evidence (documents), costs, rules (procedure steps,
deadlines, redress, processing time), legal resources, channels (in person at each office, our
forms, the external online service), thematic areas, life events and audiences; each office is a
``m8g:PublicOrganisation`` with its address, place, area served and contact points, whose opening
hours are schedules (``time:TemporalEntity`` + ``schema:OpeningHoursSpecification``, one per day
and time range) next to the editor's OpenStreetMap expression (``schema:openingHours``); the
municipality is the organisation behind them.

The export writes only what ``cpsvap_import`` reads back, so export → import → export gives the
same graph; what CPSV-AP has no place for is left out and listed in ``docs/mapping.md``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterable

from rdflib import BNode, Graph, Literal, URIRef

from .. import hours
from .vocab import (ORG, ADMS, CPSV, DCAT, DCTERMS, ELI, EU_CURRENCY, FOAF, GSP, LOCN, M8G, PREFIXES, RDF, RDFS, SCHEMA,
                    SKOS, TIME, XSD, Iris)

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RULES = ("deadlines", "redress", "processing-time")
"""Rules that are one text of the service each; the procedure's steps are ``step-<n>``."""


class Writer:
    """Adds one catalogue's triples to a graph."""

    def __init__(self, catalogue: Any):
        self.cat = catalogue
        self.site = catalogue.site
        self.default = self.site.default_language
        self.iri = Iris(str(self.site.base_url))
        self.g = _Triples()

    # --- small helpers ------------------------------------------------------------------------

    def text(self, subject, predicate, value) -> None:
        """A Text (plain string in the default language, or language → string) as langStrings."""
        if value is None:
            return
        items = value.items() if isinstance(value, dict) else [(self.default, value)]
        for lang, text in items:
            if text:
                self.g.add((subject, predicate, Literal(str(text).strip(), lang=lang)))

    def add(self, subject, predicate, obj) -> None:
        if obj is not None:
            self.g.add((subject, predicate, obj if isinstance(obj, (URIRef, BNode, Literal)) else Literal(obj)))

    def typed(self, subject, *classes) -> URIRef:
        for cls in classes:
            self.g.add((subject, RDF.type, cls))
        return subject

    def concept(self, scheme: str, cid: str, label, definition=None) -> URIRef:
        node = self.typed(self.iri(scheme, cid), SKOS.Concept)
        self.add(node, SKOS.inScheme, self.iri(scheme))
        self.add(node, DCTERMS.identifier, cid)
        self.text(node, SKOS.prefLabel, label)
        self.text(node, SKOS.definition, definition)
        return node

    # --- the whole catalogue ------------------------------------------------------------------

    def write(self) -> set:
        self.organisation()
        self.terms()
        for oid, office in sorted(self.cat.offices.items()):
            self.office(oid, office)
        for sid, service in sorted(self.cat.services.items()):
            self.service(sid, service)
        return self.g.triples

    def organisation(self) -> None:
        site = self.site
        org = self.typed(self.iri("organisation"), M8G.PublicOrganisation, ORG.Organization)
        self.add(org, DCTERMS.identifier, site.region)
        self.text(org, SKOS.prefLabel, site.name)
        self.text(org, DCTERMS.description, site.description)
        self.add(org, FOAF.homepage, URIRef(str(site.base_url)))
        area = self.typed(self.iri("area"), DCTERMS.Location)
        self.add(area, DCTERMS.identifier, site.region)
        self.text(area, LOCN.geographicName, site.name)
        self.add(org, DCTERMS.spatial, area)
        self.add(org, LOCN.address, self.address(self.iri("organisation", "address"), site.address))
        self.add(org, M8G.contactPoint, self.contact(self.iri("organisation", "contact"), site.contact))

    def terms(self) -> None:
        topics = self.cat.topics
        for scheme, group in (("topic", topics.topics), ("audience", topics.audiences)):
            self.typed(self.iri(scheme), SKOS.ConceptScheme)
            for term in group:
                self.concept(scheme, term.id, term.title, term.description)
        for term in topics.life_situations:
            event = self.typed(self.iri("life-event", term.id), M8G.Event, M8G.LifeEvent)
            self.add(event, DCTERMS.identifier, term.id)
            self.text(event, DCTERMS.title, term.title)
            self.text(event, DCTERMS.description, term.description)

    # --- offices ------------------------------------------------------------------------------

    def address(self, node: URIRef, address: Any) -> URIRef:
        self.typed(node, LOCN.Address)
        self.g.add((node, LOCN.thoroughfare, Literal(address.street, lang=self.default)))
        self.add(node, LOCN.postCode, address.postal_code)
        self.g.add((node, LOCN.postName, Literal(address.locality, lang=self.default)))
        self.add(node, SCHEMA.addressCountry, address.country)
        return node

    def contact(self, node: URIRef, contact: Any, role=None) -> URIRef:
        self.typed(node, M8G.ContactPoint)
        self.add(node, SCHEMA.telephone, contact.phone)
        self.add(node, SCHEMA.email, contact.email)
        self.add(node, SCHEMA.faxNumber, contact.fax)
        self.text(node, SCHEMA.hoursAvailable, contact.hours)
        self.text(node, SCHEMA.contactType, role)
        return node

    def office(self, oid: str, office: Any) -> None:
        org = self.typed(self.iri("office", oid), M8G.PublicOrganisation, ORG.Organization)
        self.add(org, DCTERMS.identifier, oid)
        self.text(org, SKOS.prefLabel, office.name)
        self.text(org, DCTERMS.description, office.description)
        area = self.typed(self.iri("office", oid, "area"), DCTERMS.Location)
        for locality in office.localities:
            self.add(area, LOCN.geographicName, locality)
        self.add(org, DCTERMS.spatial, area)
        self.add(org, LOCN.address, self.address(self.iri("office", oid, "address"), office.address))
        if office.geo:
            place = self.typed(self.iri("office", oid, "place"), DCTERMS.Location)
            self.add(place, LOCN.geometry, Literal(f"POINT({office.geo.lon} {office.geo.lat})", datatype=GSP.wktLiteral))
            self.add(org, LOCN.location, place)
        main = self.contact(self.iri("office", oid, "contact"), office.contact)
        self.add(org, M8G.contactPoint, main)
        self.add(main, SCHEMA.openingHours, office.opening_hours)
        for entry in self.schedule(oid, office.opening_hours):
            self.add(main, M8G.openingHours, entry)
        for index, closure in enumerate(office.closures, start=1):
            self.add(main, M8G.specialOpeningHoursSpecification, self.closure(oid, index, closure))
        for index, team in enumerate(office.contacts, start=1):
            self.add(org, M8G.contactPoint, self.contact(self.iri("office", oid, "contact", str(index)), team, team.role))

    def schedule(self, oid: str, expression: str) -> Iterable[URIRef]:
        """The regular week as one schedule entry per day and time range (days that differ
        between weeks, like the first Saturday of the month, only in the OSM expression)."""
        irregular = hours.irregular_weekdays(expression)
        for index, ranges in enumerate(hours.weekly_table(expression)):
            if index in irregular:
                continue
            for number, (opens, closes) in enumerate(ranges, start=1):
                entry = self.typed(self.iri("office", oid, "hours", f"{DAYS[index].lower()}-{number}"),
                                   TIME.TemporalEntity, SCHEMA.OpeningHoursSpecification)
                self.add(entry, SCHEMA.dayOfWeek, SCHEMA[DAYS[index]])
                self.add(entry, SCHEMA.opens, Literal(f"{opens}:00", datatype=XSD.time))
                self.add(entry, SCHEMA.closes, Literal("23:59:59" if closes == "24:00" else f"{closes}:00",
                                                       datatype=XSD.time))
                yield entry

    def closure(self, oid: str, index: int, closure: Any) -> URIRef:
        entry = self.typed(self.iri("office", oid, "closure", str(index)), TIME.TemporalEntity,
                           SCHEMA.OpeningHoursSpecification)
        self.add(entry, SCHEMA.validFrom, Literal(closure.start.isoformat(), datatype=XSD.date))
        self.add(entry, SCHEMA.validThrough, Literal((closure.end or closure.start).isoformat(), datatype=XSD.date))
        self.text(entry, SCHEMA.description, closure.reason)
        if closure.hours:
            self.add(entry, SCHEMA.openingHours, closure.hours)
        else:  # closed all day, as schema.org says it
            self.add(entry, SCHEMA.opens, Literal("00:00:00", datatype=XSD.time))
            self.add(entry, SCHEMA.closes, Literal("00:00:00", datatype=XSD.time))
        return entry

    # --- services -----------------------------------------------------------------------------

    def service(self, sid: str, s: Any) -> None:
        node = self.typed(self.iri("service", sid), CPSV.PublicService)
        part = lambda *rest: self.iri("service", sid, *rest)  # noqa: E731 - the service's own parts
        self.add(node, DCTERMS.identifier, sid)
        if s.leika:
            key = self.typed(part("leika"), ADMS.Identifier)
            self.add(key, SKOS.notation, s.leika)
            self.add(key, DCTERMS.creator, "LeiKa")
            self.add(node, ADMS.identifier, key)
        self.text(node, DCTERMS.title, s.title)
        self.text(node, DCTERMS.description, s.description or s.summary)
        self.text(node, DCTERMS.abstract, s.summary)
        self.text(node, SKOS.note, s.hints)
        self.add(node, DCTERMS.modified, Literal(s.last_reviewed.isoformat(), datatype=XSD.date))
        for number, text in enumerate(s.prerequisites, start=1):
            requirement = self.typed(part("requirement", str(number)), M8G.Requirement)
            self.add(requirement, DCTERMS.identifier, f"{sid}/requirement/{number}")
            self.text(requirement, DCTERMS.title, text)
            self.add(node, M8G.holdsRequirement, requirement)
        for number, document in enumerate(s.documents, start=1):
            evidence = self.typed(part("evidence", str(number)), M8G.Evidence)
            self.add(evidence, DCTERMS.identifier, f"{sid}/evidence/{number}")
            self.text(evidence, DCTERMS.title, document.name)
            self.text(evidence, DCTERMS.description, document.note)
            self.add(node, CPSV.hasInput, evidence)
        self.costs(sid, s, node)
        self.rules(sid, s, node)
        for number, law in enumerate(s.legal_basis, start=1):
            resource = self.typed(part("legal", str(number)), ELI.LegalResource)
            self.text(resource, DCTERMS.title, law.title)
            if law.url:
                self.add(resource, RDFS.seeAlso, URIRef(str(law.url)))
            self.add(node, M8G.hasLegalResource, resource)
        self.channels(sid, s, node)
        for tid in s.topics:
            self.add(node, M8G.thematicArea, self.iri("topic", tid))
        for aid in s.audiences:
            self.add(node, DCTERMS.audience, self.iri("audience", aid))
        for lid in s.life_situations:
            self.add(node, M8G.isGroupedBy, self.iri("life-event", lid))
        for keyword in s.keywords:
            self.text(node, DCAT.keyword, keyword)
        for rid in s.related:
            self.add(node, M8G.relatedService, self.iri("service", rid))

    def costs(self, sid: str, s: Any, node: URIRef) -> None:
        euro = self.typed(EU_CURRENCY["EUR"], SKOS.Concept)
        if s.free:
            free = self.typed(self.iri("service", sid, "cost", "free"), M8G.Cost)
            self.add(free, DCTERMS.identifier, f"{sid}/cost/free")
            self.add(free, M8G.hasValue, Literal(0.0, datatype=XSD.double))
            self.add(free, M8G.currency, euro)
            self.add(node, M8G.hasCost, free)
        for number, cost in enumerate(s.costs, start=1):
            entry = self.typed(self.iri("service", sid, "cost", str(number)), M8G.Cost)
            self.add(entry, DCTERMS.identifier, f"{sid}/cost/{number}")
            self.text(entry, DCTERMS.description, cost.label)
            self.text(entry, SKOS.note, cost.note)
            if cost.amount is not None:
                self.add(entry, M8G.hasValue, Literal(float(cost.amount), datatype=XSD.double))
                self.add(entry, M8G.currency, euro)
            if cost.amount_to is not None:
                self.add(entry, SCHEMA.maxPrice, Literal(Decimal(cost.amount_to), datatype=XSD.decimal))
            self.add(node, M8G.hasCost, entry)

    def rules(self, sid: str, s: Any, node: URIRef) -> None:
        texts = [(f"step-{n}", text) for n, text in enumerate(s.procedure, start=1)]
        texts += [(name, value) for name, value in zip(RULES, (s.deadlines, s.redress, s.processing_time)) if value]
        for name, text in texts:
            rule = self.typed(self.iri("service", sid, "rule", name), CPSV.Rule)
            self.add(rule, DCTERMS.identifier, f"{sid}/rule/{name}")
            self.text(rule, DCTERMS.title, text)
            self.text(rule, DCTERMS.description, text)
            self.add(node, CPSV.follows, rule)

    def channels(self, sid: str, s: Any, node: URIRef) -> None:
        in_person = self.concept("channel-type", "in-person", {"de": "Vor Ort", "en": "In person"})
        online = self.concept("channel-type", "online", {"de": "Online", "en": "Online"})
        for number, oid in enumerate(s.offices, start=1):
            self.add(node, M8G.hasCompetentAuthority, self.iri("office", oid))
            if s.in_person:
                channel = self.typed(self.iri("service", sid, "channel", f"office-{number}"), M8G.Channel)
                self.add(channel, DCTERMS.identifier, f"{sid}/channel/office-{number}")
                self.add(channel, DCTERMS.type, in_person)
                self.add(channel, M8G.ownedBy, self.iri("office", oid))
                self.add(node, M8G.hasChannel, channel)
        base = self.iri.base
        for fid in s.forms:
            channel = self.typed(self.iri("service", sid, "channel", f"form-{fid}"), M8G.Channel)
            self.add(channel, DCTERMS.identifier, f"{sid}/channel/form-{fid}")
            self.add(channel, DCTERMS.type, online)
            self.add(channel, FOAF.page, URIRef(f"{base}{self.default}/formulare/{fid}/"))
            self.add(node, M8G.hasChannel, channel)
        if s.online:
            channel = self.typed(self.iri("service", sid, "channel", "online"), M8G.Channel)
            self.add(channel, DCTERMS.identifier, f"{sid}/channel/online")
            self.add(channel, DCTERMS.type, online)
            self.add(channel, FOAF.page, URIRef(str(s.online.url)))
            self.text(channel, DCTERMS.description, s.online.label)
            self.add(node, M8G.hasChannel, channel)


class _Triples:
    """Where the writer puts its triples: a set, ten times faster to fill than an rdflib graph at
    400,000 triples (2,000 services), which the build does not need; ``graph`` makes one."""

    def __init__(self) -> None:
        self.triples: set = set()

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)


def triples(catalogue: Any) -> set:
    """The catalogue's CPSV-AP triples."""
    return Writer(catalogue).write()


def graph(catalogue: Any) -> Graph:
    """The catalogue as a CPSV-AP graph (for checks and tests; the build serializes ``triples``)."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    for triple in triples(catalogue):
        g.add(triple)
    return g


def serialize(source: Graph | set, fmt: str) -> str:
    """``turtle`` or ``json-ld`` of a graph or a set of triples, the same text for the same triples
    in every process (subjects, predicates and values sorted).

    Written here rather than by rdflib's serializers, which took 52 s (Turtle) and 10 s (JSON-LD)
    for the 2,000-service catalogue against about 4 s each this way (``benchmarks/open_data.py``);
    terms are still rdflib's own ``n3()`` (escaping, language tags, datatypes), and the tests parse
    both outputs with rdflib and compare the graphs."""
    found = set(source) if isinstance(source, Graph) else source
    by_subject: dict = {}
    for s, p, o in found:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    if fmt == "json-ld":
        return _json_ld(by_subject)
    return _turtle(by_subject)


_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BY_LENGTH = sorted(((str(namespace), prefix) for prefix, namespace in PREFIXES.items()), key=lambda item: -len(item[0]))


def _qname(iri: str) -> str:
    """``dct:title`` for an IRI in one of our namespaces with a plain local name, else ``<iri>``
    (rdflib's namespace manager builds a search tree per new IRI: seconds at 400,000 triples)."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _turtle(by_subject: dict) -> str:
    cache: dict = {}

    def n3(term: Any) -> str:
        if isinstance(term, Literal):  # Turtle's "…" string with \\ \" \n \r escaped (rdflib's n3() is slower)
            text = '"' + str(term).translate(_ESCAPE) + '"'
            if term.language:
                return f"{text}@{term.language}"
            return f"{text}^^{n3(term.datatype)}" if term.datatype is not None else text
        found = cache.get(term)
        if found is None:
            found = cache[term] = _qname(str(term))
        return found

    head = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(PREFIXES.items()))
    blocks = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        body = " ;\n    ".join(f"{n3(p)} " + ",\n        ".join(sorted(n3(o) for o in predicates[p]))
                              for p in sorted(predicates))
        blocks.append(f"{n3(subject)} {body} .\n")
    return head + "\n" + "\n".join(blocks)


def _json_ld(by_subject: dict) -> str:
    import json

    cache: dict = {}

    def compact(iri: URIRef) -> str:
        found = cache.get(iri)
        if found is None:
            qname = _qname(str(iri))
            found = cache[iri] = qname if not qname.startswith("<") else str(iri)
        return found

    def value(term: Any) -> dict:
        if isinstance(term, Literal):
            out: dict = {"@value": str(term)}
            if term.language:
                out["@language"] = term.language
            elif term.datatype is not None:
                out["@type"] = compact(term.datatype)
            return out
        return {"@id": str(term)}

    nodes = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        node: dict = {"@id": str(subject)}
        if RDF.type in predicates:
            node["@type"] = sorted(compact(t) for t in predicates[RDF.type])
        for p in sorted(predicates):
            if p != RDF.type:
                node[compact(p)] = sorted((value(o) for o in predicates[p]),
                                          key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        nodes.append(node)
    context = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=1) + "\n"
