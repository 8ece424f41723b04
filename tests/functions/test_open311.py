"""Ideas & complaints are readable as Open311 GeoReport v2, public fields only, valid against
the standard's JSON Schemas."""
import json
from datetime import datetime

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .support import SCHEMAS_DIR, body_json, ideas, kontakt, post_json


def validator(name: str) -> Draft202012Validator:
    resources = []
    for path in SCHEMAS_DIR.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(
            contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS_DIR / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture
def reports(client, staff_headers):
    """Two reports with a location, one answered, and one contact message (not Open311)."""
    first = body_json(post_json(client, "ideen-und-beschwerden", ideas(
        name="Erika Mustermann", email="erika@example.org")))["reference"]
    second = body_json(post_json(client, "ideen-und-beschwerden", ideas(
        category="idee", location_address="", location_lat="", location_lon="")))["reference"]
    client.http.post(f"/staff/submissions/{second}/status", headers=staff_headers,
                     body=b'{"status": "answered", "message": "Danke, Frau Mustermann!"}')
    post_json(client, "kontakt", kontakt())
    return first, second


def test_the_service_list_has_the_feedback_forms_and_is_valid(client):
    services = body_json(client.http.get("/open311/v2/services"))
    validator("services.json").validate(services)
    assert [s["service_code"] for s in services] == ["ideen-und-beschwerden"]
    assert services[0]["service_name"] == "Ideen und Beschwerden"


def test_the_service_list_speaks_the_requested_language(client):
    services = body_json(client.http.get("/open311/v2/services?lang=en"))
    assert services[0]["service_name"] == "Ideas and complaints"


def test_a_service_definition_lists_the_fields_and_is_valid(client):
    definition = body_json(client.http.get("/open311/v2/services/ideen-und-beschwerden"))
    validator("service-definition.json").validate(definition)
    category = definition["attributes"][0]
    assert (category["code"], category["datatype"], category["required"]) == (
        "category", "singlevaluelist", True)
    assert [v["key"] for v in category["values"]] == ["idee", "beschwerde", "schaden", "lob"]


def test_requests_are_valid_open311_with_status_mapped_to_open_and_closed(client, reports):
    first, second = reports
    found = body_json(client.http.get("/open311/v2/requests"))
    validator("requests.json").validate(found)
    by_id = {r["service_request_id"]: r for r in found}
    assert set(by_id) == {first, second}
    assert by_id[first]["status"] == "open" and by_id[second]["status"] == "closed"
    assert (by_id[first]["lat"], by_id[first]["long"]) == (50.9471, 10.7066)
    assert by_id[first]["address"] == "Schulstraße 4, 99867 Hainbach"
    for request in found:
        datetime.fromisoformat(request["requested_datetime"].replace("Z", "+00:00"))


def test_requests_carry_no_personal_data(client, reports):
    text = client.http.get("/open311/v2/requests").body.decode()
    for private in ("Erika", "erika@example.org", "Schlagloch", "Frau Mustermann", "token"):
        assert private not in text


def test_requests_can_be_filtered_by_status(client, reports):
    first, second = reports
    closed = body_json(client.http.get("/open311/v2/requests?status=closed"))
    assert [r["service_request_id"] for r in closed] == [second]


def test_one_request_is_a_list_of_one_and_other_forms_are_not_found(client, reports):
    first, _ = reports
    one = body_json(client.http.get(f"/open311/v2/requests/{first}"))
    validator("requests.json").validate(one)
    assert [r["service_request_id"] for r in one] == [first]
    assert client.http.get("/open311/v2/requests/HBN-2026-ZZZZZ").status_code == 404


@pytest.mark.parametrize("query", ["start_date=yesterday", "end_date=0001-01-01T00:00:00Z"])
def test_a_bad_date_is_an_open311_error(client, query):
    """The second: 90 days before the first day there is — a date the calendar cannot hold."""
    response = client.http.get(f"/open311/v2/requests?{query}")
    assert response.status_code == 400
    assert body_json(response)[0]["code"] == 400
