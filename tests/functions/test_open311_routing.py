"""The Open311 URLs reach the function through API Gateway's routing, not only locally.

API Gateway (REST) routes by the resource tree of the packaged API's ``paths``: path segment by
segment, a literal part first, then a path variable (``{id}``, one whole segment), then a greedy
one (``{rest+}``, the rest of the path); a path that ends on a resource without the method answers
403 "Missing Authentication Token". A template cannot say ``{id}.json``. ``route`` below follows
those rules over ``chalice package``'s template, and the event it builds is the one API Gateway's
Lambda proxy integration sends (``resource``, ``pathParameters`` …), handed to the app as Lambda
would call it."""
import json

import pytest

from .support import FUNCTIONS_DIR, body_json, ideas, post_json

pytestmark = pytest.mark.slow


@pytest.fixture
def paths(packaged_template):
    return packaged_template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]


def route(paths: dict, method: str, url_path: str):
    """(resource template, path parameters) as API Gateway matches them, or None (its 403)."""
    tree: dict = {}
    for template in paths:
        node = tree
        for part in template.strip("/").split("/"):
            node = node.setdefault(part, {})
        node[""] = template
    segments = url_path.strip("/").split("/")
    node, params = tree, {}
    for position, segment in enumerate(segments):
        children = [k for k in node if k]
        literal = segment if segment in children else None
        variable = next((k for k in children if k.startswith("{") and not k.endswith("+}")), None)
        greedy = next((k for k in children if k.endswith("+}")), None)
        if literal:
            node = node[literal]
        elif variable:
            params[variable[1:-1]] = segment
            node = node[variable]
        elif greedy:
            params[greedy[1:-2]] = "/".join(segments[position:])
            node = node[greedy]
            break
        else:
            return None
    template = node.get("")
    if template is None or method.lower() not in paths[template]:
        return None
    return template, params


def via_api_gateway(app, paths, method: str, url: str, body: str | None = None,
                    headers: dict | None = None) -> dict:
    """What a client gets for ``method url`` from API Gateway in front of the packaged function."""
    path, _, query = url.partition("?")
    matched = route(paths, method, path)
    if matched is None:
        return {"statusCode": 403, "body": '{"message":"Missing Authentication Token"}'}
    template, params = matched
    query_params = dict(part.split("=", 1) for part in query.split("&")) if query else None
    event = {
        "resource": template, "path": path, "httpMethod": method,
        "headers": {"Host": "api.example", **(headers or {})},
        "multiValueHeaders": {}, "queryStringParameters": query_params,
        "multiValueQueryStringParameters": {k: [v] for k, v in query_params.items()}
        if query_params else None,
        "pathParameters": params or None, "stageVariables": None,
        "requestContext": {"resourcePath": template, "httpMethod": method, "path": path,
                           "identity": {"sourceIp": "192.0.2.10"}},
        "body": body, "isBase64Encoded": False}
    return app(event, None)


SPEC_URLS = [
    ("GET", "/open311/discovery.json"), ("GET", "/open311/v2/discovery.xml"),
    ("GET", "/open311/v2/services.json"), ("GET", "/open311/v2/services.xml"),
    ("GET", "/open311/v2/services/ideen-und-beschwerden.json"),
    ("GET", "/open311/v2/services/ideen-und-beschwerden.xml"),
    ("GET", "/open311/v2/requests.json"), ("GET", "/open311/v2/requests.xml"),
    ("POST", "/open311/v2/requests.json"), ("POST", "/open311/v2/requests.xml"),
    ("GET", "/open311/v2/requests/HBN-2026-ABCDE.json"),
    ("GET", "/open311/v2/requests/HBN-2026-ABCDE.xml"),
]


@pytest.mark.parametrize("method, url", SPEC_URLS, ids=[f"{m} {u}" for m, u in SPEC_URLS])
def test_every_endpoint_of_the_specification_has_a_route_in_the_packaged_api(paths, method, url):
    matched = route(paths, method, url)
    assert matched is not None, f"API Gateway would answer 403 for {method} {url}"
    template, params = matched
    assert not template.endswith("+}"), f"{url} reaches only the catch-all ({template})"


def test_an_id_with_its_suffix_arrives_whole_in_the_path_parameter(paths):
    assert route(paths, "GET", "/open311/v2/requests/HBN-2026-ABCDE.json") == (
        "/open311/v2/requests/{service_request_id}", {"service_request_id": "HBN-2026-ABCDE.json"})


def test_a_report_is_found_by_its_json_and_xml_url_through_api_gateway(app, client, paths):
    reference = body_json(post_json(client, "ideen-und-beschwerden", ideas()))["reference"]
    answer = via_api_gateway(app, paths, "GET", f"/open311/v2/requests/{reference}.json")
    assert answer["statusCode"] == 200
    assert json.loads(answer["body"])[0]["service_request_id"] == reference
    xml = via_api_gateway(app, paths, "GET", f"/open311/v2/requests/{reference}.xml")
    assert xml["statusCode"] == 200 and f"<service_request_id>{reference}<" in xml["body"]
    listed = via_api_gateway(app, paths, "GET",
                             f"/open311/v2/requests.json?service_request_id={reference}")
    assert [r["service_request_id"] for r in json.loads(listed["body"])] == [reference]


def test_posting_a_report_works_through_api_gateway(app, paths):
    answer = via_api_gateway(
        app, paths, "POST", "/open311/v2/requests.json",
        body="service_code=ideen-und-beschwerden&lat=50.93&long=10.74&attribute%5Bcategory%5D="
             "schaden&attribute%5Bconsent%5D=true&description=Umgest%C3%BCrzter+Baum+am+Radweg.",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer["statusCode"] == 201, answer["body"]
    assert json.loads(answer["body"])[0]["service_request_id"].startswith("HBN-")


@pytest.mark.parametrize("url", ["/open311/v2/tokens/abc.json", "/open311/v2/services.csv",
                                 "/open311/v3/services.json"])
def test_other_paths_below_open311_get_an_open311_error_not_a_403(app, paths, url):
    answer = via_api_gateway(app, paths, "GET", url)
    assert answer["statusCode"] == 404
    assert json.loads(answer["body"])[0]["code"] == 404


def test_the_greedy_catch_all_declares_its_path_parameter(paths):
    """Chalice does not know greedy paths and declares no parameter for them; API Gateway's
    import wants every path variable declared, so resources.json adds it."""
    for template in ("/open311/{rest+}", "/open311/v2/{rest+}"):
        for method in ("get", "post"):
            assert paths[template][method]["parameters"] == [
                {"name": "rest", "in": "path", "required": True, "type": "string"}]
            assert paths[template][method]["x-amazon-apigateway-integration"]["type"] == \
                "aws_proxy"


def test_the_deployed_stack_keeps_the_catch_alls_parameter():
    """``civicat deploy package`` merges its own API settings into resources.json's; the catch-all's
    declared parameter must survive that."""
    from civicat.deploy import template as stack

    resources = json.loads((FUNCTIONS_DIR / "resources.json").read_text())
    merged = stack.merge_template(resources, "https://service.example.org/", "Example")
    api = merged["Resources"]["RestAPI"]["Properties"]
    assert api["EndpointConfiguration"] == "REGIONAL"
    assert api["DefinitionBody"]["paths"]["/open311/v2/{rest+}"]["get"]["parameters"][0]["name"] == "rest"
