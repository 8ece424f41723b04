"""A DCAT-AP description of the open data files, so that open-data portals (GovData, the state's
portal, data.europa.eu) can harvest them: one ``dcat:Catalog`` with one ``dcat:Dataset`` (the
service catalogue) whose ``dcat:Distribution``s are the files, each with its download address,
media type, EU file type, size, licence and last change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"


def describe(catalogue: Any, files: list, today: dt.date) -> str:
    from .opendata import FOLDER, FORMATS, data_changed, text, words

    site = catalogue.site
    default = site.default_language
    base = str(site.base_url)
    g = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF)):
        g.bind(prefix, namespace)
    root = URIRef(f"{base}{FOLDER}/")
    cat = URIRef(f"{base}{FOLDER}/#catalog")
    dataset = URIRef(f"{base}{FOLDER}/#service-catalogue")
    publisher = URIRef(f"{base}id/organisation")
    g.add((publisher, RDF.type, FOAF.Agent))
    for lang in site.languages:
        g.add((publisher, FOAF.name, Literal(text(site.name, lang, default), lang=lang)))
    licence = URIRef(str(site.open_data_licence.url)) if site.open_data_licence else None
    if licence is not None:
        g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, FOAF.homepage, root))
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, DCAT.dataset, dataset))
    g.add((cat, DCTERMS.modified, Literal(today.isoformat(), datatype=XSD.date)))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.landingPage, URIRef(f"{base}{default}/offene-daten/")))
    g.add((dataset, DCTERMS.modified, Literal(data_changed(catalogue).isoformat(), datatype=XSD.date)))
    g.add((dataset, DCTERMS.identifier, Literal(f"{base}{FOLDER}/")))
    for lang in site.languages:
        w = words(lang)
        name = text(site.name, lang, default)
        g.add((cat, DCTERMS.title, Literal(w["dcat_catalog"].format(name=name), lang=lang)))
        g.add((cat, DCTERMS.description, Literal(w["intro"], lang=lang)))
        g.add((dataset, DCTERMS.title, Literal(w["dcat_dataset"].format(name=name), lang=lang)))
        g.add((dataset, DCTERMS.description, Literal(w["intro"], lang=lang)))
        g.add((dataset, DCAT.keyword, Literal(w["dcat_keyword"], lang=lang)))
    for data in files:
        url = URIRef(base + data.path)
        dist = URIRef(f"{base}{FOLDER}/#{data.path.removeprefix(FOLDER + '/').replace('/', '-')}")
        media, file_type = FORMATS[data.kind]
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(MEDIA_TYPE + media)))
        g.add((dist, DCTERMS["format"], URIRef(FILE_TYPE + file_type)))
        g.add((dist, DCAT.byteSize, Literal(data.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.modified, Literal(data.changed.isoformat(), datatype=XSD.date)))
        if licence is not None:
            g.add((dist, DCTERMS.license, licence))
        for lang in site.languages:
            title = words(lang)["files"][data.kind]
            if data.office:
                title = f"{title}: {text(catalogue.offices[data.office].name, lang, default)}"
            g.add((dist, DCTERMS.title, Literal(title, lang=lang)))
    return g.serialize(format="turtle")
