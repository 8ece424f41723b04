"""The RDF vocabularies CPSV-AP 3.2 uses, and where our objects live in it.

Every object gets an IRI below ``<base_url>id/`` (``id/service/<id>``, ``id/office/<id>`` …), so a
state portal that harvests the file twice sees the same things, and the import can tell our ids
from the IRIs' last part when a file has no ``dct:identifier``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD

CPSV = Namespace("http://purl.org/vocab/cpsv#")
M8G = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
EU_CURRENCY = Namespace("http://publications.europa.eu/resource/authority/currency/")

PREFIXES = {"cpsv": CPSV, "m8g": M8G, "eli": ELI, "locn": LOCN, "adms": ADMS, "schema": SCHEMA,
            "time": TIME, "gsp": GSP, "org": ORG, "dct": DCTERMS, "dcat": DCAT, "foaf": FOAF, "skos": SKOS,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD}

__all__ = ["CPSV", "M8G", "ELI", "LOCN", "ADMS", "SCHEMA", "TIME", "GSP", "EU_CURRENCY",
           "DCAT", "DCTERMS", "FOAF", "ORG", "RDF", "RDFS", "SKOS", "XSD", "PREFIXES", "Iris"]


class Iris:
    """The IRIs of one catalogue's objects."""

    def __init__(self, base_url: str):
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.root = self.base + "id/"

    def __call__(self, *parts: str) -> URIRef:
        return URIRef(self.root + "/".join(parts))

    def local(self, iri: URIRef | str, kind: str) -> str | None:
        """The id in ``<root><kind>/<id>``, or None when the IRI is not one of ours of that kind."""
        prefix = f"{self.root}{kind}/"
        text = str(iri)
        if text.startswith(prefix) and "/" not in text[len(prefix):]:
            return text[len(prefix):]
        return None
