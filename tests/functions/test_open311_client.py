"""An independent GeoReport v2 client from PyPI (``georeport``, which builds its own URLs with
the ``.json``/``.xml`` suffixes and reads XML with xmltodict) talks to the local server over HTTP.
It has no call for ``POST requests``, so that one is posted the way its documentation shows, with
``requests`` as form fields; its answer is then read back through the client."""
import json

import pytest
import requests
from georeport import GeoReport
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .servers import LocalServer, server_env
from .support import SCHEMAS_DIR

pytestmark = pytest.mark.slow


def schema(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text()),
                                           default_specification=DRAFT202012))
        for path in SCHEMAS_DIR.glob("*.json"))
    return Draft202012Validator(json.loads((SCHEMAS_DIR / name).read_text()), registry=registry)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("open311")
    paths = {name: folder / name for name in ("db", "outbox", "uploads")}
    with LocalServer(server_env(paths)) as running:
        yield running


@pytest.fixture(scope="module")
def reported(server):
    """One report posted as GeoReport v2 says (form fields to requests.json)."""
    answer = requests.post(f"{server.base_url}/open311/v2/requests.json", timeout=10, data={
        "service_code": "ideen-und-beschwerden", "lat": "50.9283", "long": "10.7389",
        "address_string": "Markt 1, Hainbach", "attribute[category]": "idee",
        "attribute[consent]": "true",
        "description": "Mehr Fahrradbügel vor dem Rathaus, die vorhandenen sind immer voll."})
    assert answer.status_code == 201, answer.text
    return answer.json()[0]["service_request_id"]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_reads_the_service_list_and_the_definition(server, output_format):
    client = GeoReport(f"{server.base_url}/open311/v2", output_format=output_format)
    services = client.get_service_list()
    service = services[0] if isinstance(services, list) else services  # xmltodict: one is a dict
    assert service["service_code"] == "ideen-und-beschwerden"
    definition = client.get_service_definition("ideen-und-beschwerden")
    attributes = definition["attributes"]
    first = attributes[0] if output_format == "json" else attributes["attribute"][0]
    assert first["code"] == "category"
    if output_format == "json":
        schema("services.json").validate(services)
        schema("service-definition.json").validate(definition)


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_finds_the_posted_report_by_id_and_in_the_list(server, reported,
                                                                  output_format):
    client = GeoReport(f"{server.base_url}/open311/v2", output_format=output_format)
    one = client.get_service_request(reported)
    assert one["service_request_id"] == reported
    assert one["status"] == "open"
    listed = client.get_service_requests(service_request_id=reported)
    listed = listed if isinstance(listed, list) else [listed]
    assert [r["service_request_id"] for r in listed] == [reported]
    if output_format == "json":
        schema("requests.json").validate(listed)
        assert float(one["lat"]) == 50.928 and one["description"] is None


def test_errors_reach_the_client_as_http_errors_with_open311_bodies(server):
    client = GeoReport(f"{server.base_url}/open311/v2")
    with pytest.raises(requests.HTTPError) as raised:
        client.get_service_request("HBN-2026-ZZZZZ")
    assert raised.value.response.status_code == 404
    assert raised.value.response.json()[0]["code"] == 404


def test_a_semicolon_in_a_service_code_is_part_of_it_not_a_cut(server):
    """The local server must not read ``services/;n`` as ``services`` (the service list, 200): on
    API Gateway the semicolon is part of the segment, so this is an unknown service code."""
    answer = requests.get(f"{server.base_url}/open311/v2/services/%3Bn", timeout=10)
    assert answer.status_code == 404 and answer.json()[0]["code"] == 404
