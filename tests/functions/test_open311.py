"""Ideas & complaints are readable as Open311 GeoReport v2 at the URLs clients call, valid
against the standard's JSON Schemas, in JSON and XML, and publish nothing a citizen wrote until
staff approved it."""
import json
from datetime import datetime
from xml.etree import ElementTree

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .support import SCHEMAS_DIR, antrag, body_json, ideas, kontakt, post_json

V2 = "/open311/v2"


def validator(name: str) -> Draft202012Validator:
    resources = []
    for path in SCHEMAS_DIR.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(
            contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS_DIR / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def publish(client, staff_headers, reference, published=True):
    return client.http.post(f"/staff/submissions/{reference}/publication", headers=staff_headers,
                            body=json.dumps({"published": published}).encode())


@pytest.fixture
def reports(client, staff_headers):
    """Two reports (one with a place, one answered), a contact message and an application: only
    the two reports are Open311 requests."""
    first = body_json(post_json(client, "ideen-und-beschwerden", ideas(
        name="Erika Mustermann", email="erika@example.org")))["reference"]
    second = body_json(post_json(client, "ideen-und-beschwerden", ideas(
        category="idee", location_address="", location_lat="", location_lon="")))["reference"]
    client.http.post(f"/staff/submissions/{second}/status", headers=staff_headers,
                     body=b'{"status": "answered", "message": "Danke, Frau Mustermann!"}')
    post_json(client, "kontakt", kontakt())
    post_json(client, "antrag-bewohnerparken", antrag())
    return first, second


# --- services ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [f"{V2}/services.json", f"{V2}/services"])
def test_the_service_list_has_the_feedback_forms_and_is_valid(client, path):
    response = client.http.get(path)
    assert response.headers["Content-Type"] == "application/json"
    services = body_json(response)
    validator("services.json").validate(services)
    assert [s["service_code"] for s in services] == ["ideen-und-beschwerden"]
    assert services[0]["service_name"] == "Ideen und Beschwerden"


def test_the_service_list_speaks_the_requested_language(client):
    services = body_json(client.http.get(f"{V2}/services.json?lang=en"))
    assert services[0]["service_name"] == "Ideas and complaints"
    by_header = body_json(client.http.get(f"{V2}/services.json",
                                          headers={"Accept-Language": "ar"}))
    assert by_header[0]["service_name"] == "الأفكار والشكاوى"


def test_a_service_definition_lists_the_attributes_and_is_valid(client):
    definition = body_json(client.http.get(f"{V2}/services/ideen-und-beschwerden.json"))
    validator("service-definition.json").validate(definition)
    codes = [a["code"] for a in definition["attributes"]]
    # description, name and e-mail are GeoReport's own parameters, not attributes
    assert codes == ["category", "consent"]
    category = definition["attributes"][0]
    assert (category["datatype"], category["required"], category["order"]) == (
        "singlevaluelist", True, 1)
    assert [v["key"] for v in category["values"]] == ["idee", "beschwerde", "schaden", "lob"]


def test_an_unknown_service_code_is_an_open311_error(client):
    response = client.http.get(f"{V2}/services/schlagloch.json")
    assert response.status_code == 404
    assert body_json(response) == [{"code": 404, "description":
                                    "service_code 'schlagloch' is not a service here; "
                                    "see services.json"}]


# --- requests ----------------------------------------------------------------------------------

def test_requests_are_valid_open311_with_status_mapped_to_open_and_closed(client, reports):
    first, second = reports
    found = body_json(client.http.get(f"{V2}/requests.json"))
    validator("requests.json").validate(found)
    by_id = {r["service_request_id"]: r for r in found}
    assert set(by_id) == {first, second}  # neither the contact message nor the application
    assert by_id[first]["status"] == "open" and by_id[second]["status"] == "closed"
    for request in found:
        datetime.fromisoformat(request["requested_datetime"].replace("Z", "+00:00"))


def test_before_approval_nothing_a_citizen_wrote_is_published(client, reports):
    first, _ = reports
    response = client.http.get(f"{V2}/requests.json")
    one = next(r for r in body_json(response) if r["service_request_id"] == first)
    assert (one["description"], one["address"], one["media_url"]) == (None, None, None)
    text = response.body.decode()
    for private in ("Erika", "erika@example.org", "Schlagloch", "Schulstraße", "Mustermann",
                    "token"):
        assert private not in text


def test_coordinates_are_rounded_to_about_a_hundred_metres_by_default(client, reports):
    first, _ = reports
    one = body_json(client.http.get(f"{V2}/requests/{first}.json"))[0]
    assert (one["lat"], one["long"]) == (50.947, 10.707)  # sent: 50.9471, 10.7066


def test_the_rounding_is_configurable(client, reports, monkeypatch):
    first, _ = reports
    monkeypatch.setenv("CIVICAT_OPEN311_DECIMALS", "2")
    one = body_json(client.http.get(f"{V2}/requests/{first}.json"))[0]
    assert (one["lat"], one["long"]) == (50.95, 10.71)


def test_after_staff_approval_description_and_address_are_published(client, reports,
                                                                    staff_headers):
    first, second = reports
    assert body_json(publish(client, staff_headers, first)) == {"reference": first,
                                                               "published": True}
    by_id = {r["service_request_id"]: r for r in body_json(client.http.get(f"{V2}/requests.json"))}
    assert by_id[first]["description"] == "Schlagloch vor der Schule, etwa 30 cm breit."
    assert by_id[first]["address"] == "Schulstraße 4, 99867 Hainbach"
    assert by_id[second]["description"] is None  # approving one approves only that one
    text = client.http.get(f"{V2}/requests.json").body.decode()
    for private in ("Erika", "erika@example.org", "Frau Mustermann"):  # names, mail, answer: never
        assert private not in text
    publish(client, staff_headers, first, published=False)
    withdrawn = body_json(client.http.get(f"{V2}/requests/{first}.json"))[0]
    assert withdrawn["description"] is None and withdrawn["address"] is None


def test_the_publication_flag_is_for_staff_and_for_reports_only(client, staff_headers):
    report = body_json(post_json(client, "ideen-und-beschwerden", ideas()))["reference"]
    contact = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    assert client.http.post(f"/staff/submissions/{report}/publication",
                            body=b'{"published": true}').status_code == 401
    refused = publish(client, staff_headers, contact)
    assert refused.status_code == 422
    assert "only ideas and complaints" in body_json(refused)["errors"][0]["message"]
    wrong = client.http.post(f"/staff/submissions/{report}/publication", headers=staff_headers,
                             body=b'{"published": "yes"}')
    assert wrong.status_code == 422 and body_json(wrong)["errors"][0]["field"] == "published"
    state = client.http.get(f"/staff/submissions/{report}/publication", headers=staff_headers)
    assert body_json(state) == {"reference": report, "published": False}


def test_service_request_id_selects_exactly_those_requests(client, reports):
    first, second = reports
    one = body_json(client.http.get(f"{V2}/requests.json?service_request_id={first}"))
    assert [r["service_request_id"] for r in one] == [first]
    both = body_json(client.http.get(
        f"{V2}/requests.json?service_request_id={first},{second}&status=closed"))
    # the ids override every other parameter (GeoReport v2)
    assert {r["service_request_id"] for r in both} == {first, second}


def test_requests_can_be_filtered_by_status_and_service_code(client, reports):
    first, second = reports
    closed = body_json(client.http.get(f"{V2}/requests.json?status=closed"))
    assert [r["service_request_id"] for r in closed] == [second]
    both = body_json(client.http.get(f"{V2}/requests.json?status=open,closed"))
    assert len(both) == 2
    unknown = client.http.get(f"{V2}/requests.json?service_code=strassenlaterne")
    assert unknown.status_code == 404 and body_json(unknown)[0]["code"] == 404


def test_one_request_is_a_list_of_one_and_other_forms_do_not_exist(client, reports, store):
    first, _ = reports
    one = body_json(client.http.get(f"{V2}/requests/{first}.json"))
    validator("requests.json").validate(one)
    assert [r["service_request_id"] for r in one] == [first]
    assert client.http.get(f"{V2}/requests/HBN-2026-ZZZZZ.json").status_code == 404
    contact = next(s for s in store.list_submissions("kontakt"))
    assert client.http.get(f"{V2}/requests/{contact.reference}.json").status_code == 404


@pytest.mark.parametrize("query, says", [
    ("start_date=yesterday", "W3C date-times"),
    ("end_date=0001-01-01T00:00:00Z", "W3C date-times"),  # 90 days before it: a date the calendar cannot hold
    ("start_date=2026-01-31T00:00:00Z&end_date=2026-01-01T00:00:00Z", "after end_date"),
    ("start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "90 days"),
    ("status=pending", "open, closed"),
])
def test_bad_parameters_are_open311_errors_that_say_what_to_send(client, query, says):
    response = client.http.get(f"{V2}/requests.json?{query}")
    assert response.status_code == 400
    [error] = body_json(response)
    assert error["code"] == 400 and says in error["description"]


def test_an_unknown_format_or_path_is_an_open311_error(client):
    csv = client.http.get(f"{V2}/services/ideen-und-beschwerden.csv")
    assert csv.status_code == 400
    assert body_json(csv) == [{"code": 400, "description": "unknown format .csv: use .json or .xml"}]
    for path in (f"{V2}/tokens", f"{V2}/services.csv", "/open311/v3"):
        nothing = client.http.get(path)
        assert nothing.status_code == 404 and body_json(nothing)[0]["code"] == 404
    xml = client.http.get(f"{V2}/requests/HBN-2026-ZZZZZ.xml")
    assert xml.status_code == 404
    assert ElementTree.fromstring(xml.body).find("error/code").text == "404"


# --- XML ---------------------------------------------------------------------------------------

def test_xml_answers_have_the_specifications_shapes(client, reports, staff_headers):
    first, _ = reports
    publish(client, staff_headers, first)
    services = client.http.get(f"{V2}/services.xml")
    assert services.headers["Content-Type"].startswith("text/xml")
    root = ElementTree.fromstring(services.body)
    assert root.tag == "services" and root.find("service/service_code").text == \
        "ideen-und-beschwerden"
    assert root.find("service/metadata").text == "true"
    definition = ElementTree.fromstring(
        client.http.get(f"{V2}/services/ideen-und-beschwerden.xml").body)
    assert definition.tag == "service_definition"
    keys = [v.text for v in definition.findall("attributes/attribute/values/value/key")]
    assert keys[:4] == ["idee", "beschwerde", "schaden", "lob"]
    requests = ElementTree.fromstring(client.http.get(f"{V2}/requests.xml").body)
    assert requests.tag == "service_requests"
    by_id = {r.find("service_request_id").text: r for r in requests.findall("request")}
    assert by_id[first].find("address").text == "Schulstraße 4, 99867 Hainbach"
    assert by_id[first].find("lat").text == "50.947"


def test_xml_escapes_what_citizens_wrote(client, staff_headers):
    reference = body_json(post_json(client, "ideen-und-beschwerden", ideas(
        description="Laterne <defekt> & dunkel seit Tagen]]>")))["reference"]
    publish(client, staff_headers, reference)
    body = client.http.get(f"{V2}/requests/{reference}.xml").body
    parsed = ElementTree.fromstring(body)
    assert parsed.find("request/description").text == "Laterne <defekt> & dunkel seit Tagen]]>"


# --- discovery ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/open311/discovery.json", f"{V2}/discovery.json"])
def test_discovery_names_the_endpoint_and_its_formats(client, path):
    found = body_json(client.http.get(path))
    [endpoint] = found["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "https://service.landkreis-hainbach.de/api/open311/v2"
    assert endpoint["formats"] == ["application/json", "text/xml"]
    datetime.fromisoformat(found["changeset"].replace("Z", "+00:00"))
    xml = ElementTree.fromstring(client.http.get("/open311/discovery.xml").body)
    assert [f.text for f in xml.findall("endpoints/endpoint/formats/format")] == [
        "application/json", "text/xml"]
