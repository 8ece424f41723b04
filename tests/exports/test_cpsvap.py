"""CPSV-AP 3.2: the demo catalogue is valid against the official SHACL shapes, says the facts a
portal shows, and comes back unchanged through ``civicat import``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from civicat.catalogue import collect, load
from civicat.cli import main
from civicat.exports import cpsvap, cpsvap_import, shacl, yamlfiles
from civicat.exports.vocab import CPSV, DCTERMS, M8G, RDF, SCHEMA, SKOS, XSD

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "catalogue"
ID = "https://service.landkreis-hainbach.de/id/"


@pytest.fixture(scope="module")
def demo():
    return load(DEMO)


@pytest.fixture(scope="module")
def exported(demo) -> Graph:
    return cpsvap.graph(demo)


def test_the_demo_has_no_violation_of_the_official_shapes(exported):
    report = shacl.check(exported)
    assert report.violations == 0, "\n".join(report.messages[:20])
    assert report.lines()[0] == f"CPSV-AP 3.2.0 SHACL: 0 violation(s), {len(report.warnings)} warning(s)"


def test_the_check_finds_a_violation_when_there_is_one(exported):
    broken = Graph() + exported
    service = URIRef(ID + "service/personalausweis")
    broken.remove((service, DCTERMS.title, None))
    broken.remove((service, M8G.hasCompetentAuthority, None))
    report = shacl.check(broken)
    assert report.violations == 2
    assert all(str(service) in line for line in report.messages)


def test_a_service_carries_title_costs_authority_and_channels(exported):
    g = exported
    service = URIRef(ID + "service/personalausweis")
    assert (service, RDF.type, CPSV.PublicService) in g
    assert Literal("Personalausweis beantragen", lang="de") in set(g.objects(service, DCTERMS.title))
    values = {g.value(cost, M8G.hasValue) for cost in g.objects(service, M8G.hasCost)}
    assert Literal(46.0, datatype=XSD.double) in values
    authorities = set(g.objects(service, M8G.hasCompetentAuthority))
    assert URIRef(ID + "office/buergerbuero-hainbach") in authorities
    assert (URIRef(ID + "office/buergerbuero-hainbach"), RDF.type, M8G.PublicOrganisation) in g
    assert len(set(g.objects(service, M8G.hasChannel))) >= 1


def test_opening_hours_are_schedules_beside_the_osm_expression(exported):
    g = exported
    contact = URIRef(ID + "office/buergerbuero-hainbach/contact")
    assert str(g.value(contact, SCHEMA.openingHours)).startswith("Mo,We,Fr 08:00-12:00")
    thursday = {(str(g.value(e, SCHEMA.opens)), str(g.value(e, SCHEMA.closes)))
                for e in g.objects(contact, M8G.openingHours)
                if g.value(e, SCHEMA.dayOfWeek) == SCHEMA.Thursday}
    assert thursday == {("08:00:00", "12:00:00"), ("13:00:00", "19:00:00")}
    saturdays = [e for e in g.objects(contact, M8G.openingHours) if g.value(e, SCHEMA.dayOfWeek) == SCHEMA.Saturday]
    assert saturdays == []  # first Saturday only: not "every Saturday"; the OSM expression says it
    christmas = [e for e in g.objects(contact, M8G.specialOpeningHoursSpecification)
                 if str(g.value(e, SCHEMA.validFrom)) == "2026-12-24"]
    assert str(christmas[0] and g.value(christmas[0], SCHEMA.validThrough)) == "2026-12-31"


def test_turtle_and_json_ld_are_the_same_graph(exported):
    turtle = Graph().parse(data=cpsvap.serialize(exported, "turtle"), format="turtle")
    jsonld = cpsvap_import.parse(data=cpsvap.serialize(exported, "json-ld"), fmt="json-ld")
    assert isomorphic(turtle, jsonld) and isomorphic(turtle, exported)


def test_export_import_export_gives_the_same_graph_and_a_valid_catalogue(exported, tmp_path):
    target = tmp_path / "catalogue"
    for folder in ("forms", "pages", "schema"):  # not part of CPSV-AP: the municipality's own
        shutil.copytree(DEMO / folder, target / folder)
    imported = cpsvap_import.read(exported, "de", {p.stem for p in (DEMO / "forms").glob("*.yaml")})
    assert imported.notes == []
    yamlfiles.write(imported.files, target)
    again, problems = collect(target)
    assert again is not None, "\n".join(str(p) for p in problems if p.severity == "error")
    assert isomorphic(cpsvap.graph(again), exported)


def test_imported_files_are_for_editors(demo, exported, tmp_path):
    imported = cpsvap_import.read(exported, "de", set())
    written = yamlfiles.write(imported.files, tmp_path)
    service = (tmp_path / "services" / "personalausweis.yaml").read_text(encoding="utf-8")
    assert service.splitlines()[0] == "# yaml-language-server: $schema=../schema/service.json"
    assert "!!" not in service  # no YAML tags an editor would not understand
    assert (tmp_path / "site.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema/site.json\nname:")
    assert len(written) == 2 + len(demo.offices) + len(demo.services)  # site.yaml, topics.yaml, one file each
    # without the forms the services named, the import says what to do instead of dropping them silently
    assert any("'antrag-bewohnerparken'" in note and "forms/" in note for note in imported.notes)


FOREIGN = """
@prefix cpsv: <http://purl.org/vocab/cpsv#> . @prefix m8g: <http://data.europa.eu/m8g/> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://portal.example/leistung/4711> a cpsv:PublicService ;
    dct:identifier "4711" ; dct:title "Hundesteuer anmelden"@de, "Register a dog for tax"@en ;
    dct:description "Wer einen Hund hält, meldet ihn innerhalb von zwei Wochen an."@de ;
    m8g:hasCompetentAuthority <https://portal.example/behoerde/steueramt> ;
    m8g:thematicArea <https://portal.example/thema/steuern> .
<https://portal.example/behoerde/steueramt> a m8g:PublicOrganisation ;
    skos:prefLabel "Steueramt Musterstadt"@de .
<https://portal.example/thema/steuern> a skos:Concept ; skos:prefLabel "Steuern"@de .
"""


def test_a_state_portals_file_becomes_files_with_placeholders_the_validator_names(tmp_path):
    source = tmp_path / "portal.ttl"
    source.write_text(FOREIGN, encoding="utf-8")
    target = tmp_path / "catalogue"
    assert main(["import", "cpsv-ap", str(source), "--out", str(target)]) == 0
    service = (target / "services" / "hundesteuer-anmelden.yaml").read_text(encoding="utf-8")
    assert "Register a dog for tax" in service and "steueramt" in service and "steuern" in service
    office = (target / "offices" / "steueramt.yaml").read_text(encoding="utf-8")
    assert "Steueramt Musterstadt" in office and "opening_hours: TODO" in office
    catalogue, problems = collect(target)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert catalogue is None and errors  # the TODOs, until an editor fills them in
    assert any("opening_hours" in e for e in errors)


def test_the_command_writes_both_files_and_checks_them(tmp_path, capsys):
    assert main(["export", "cpsv-ap", str(DEMO), "--out", str(tmp_path), "--check"]) == 0
    out = capsys.readouterr().out
    assert "CPSV-AP 3.2.0 SHACL: 0 violation(s)" in out
    turtle = Graph().parse(tmp_path / "cpsv-ap.ttl")
    jsonld = cpsvap_import.parse(tmp_path / "cpsv-ap.jsonld")
    assert isomorphic(turtle, jsonld)
    assert (None, RDF.type, CPSV.PublicService) in turtle


def test_a_file_that_is_not_rdf_gets_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "services.ttl"
    bad.write_text("this is not turtle {", encoding="utf-8")
    assert main(["import", "cpsv-ap", str(bad), "--out", str(tmp_path / "out")]) == 1
    assert "cannot read it as RDF" in capsys.readouterr().err


def test_skos_labels_name_topics(exported):
    topic = next(exported.objects(URIRef(ID + "service/personalausweis"), M8G.thematicArea))
    assert exported.value(topic, SKOS.prefLabel) is not None
