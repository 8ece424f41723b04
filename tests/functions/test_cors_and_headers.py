"""Cross-origin access only for the site's own origins, and safe headers on every answer."""
from .support import kontakt, post_json

SITE = "https://service.landkreis-hainbach.de"


def test_the_sites_origin_is_echoed_never_a_wildcard(client):
    response = post_json(client, "kontakt", kontakt(), {"Origin": SITE})
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    assert response.headers["Vary"] == "Origin"


def test_another_origin_gets_no_cors_header(client):
    response = post_json(client, "kontakt", kontakt(), {"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_preflight_from_the_site_is_allowed_for_json_posts(client):
    response = client.http.request("OPTIONS", "/forms/kontakt", headers={
        "Origin": SITE, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]


def test_a_preflight_from_elsewhere_is_not_allowed(client):
    response = client.http.request("OPTIONS", "/forms/kontakt", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_extra_origins_can_be_configured(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_EXTRA_ORIGINS", "http://127.0.0.1:8000, https://preview.example")
    response = client.http.get("/health", headers={"Origin": "http://127.0.0.1:8000"})
    assert response.headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:8000"


def test_staff_routes_never_answer_cross_origin(client, staff_headers):
    response = client.http.get("/staff/submissions", headers={**staff_headers, "Origin": SITE})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_every_answer_is_uncached_and_unsniffable(client):
    response = post_json(client, "kontakt", kontakt())
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_html_pages_allow_only_the_sites_own_scripts_and_forbid_framing(client):
    from .support import post_form

    page = post_form(client, "kontakt", kontakt(name=""))
    policy = dict(part.strip().split(" ", 1) for part in page.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self' https://service.landkreis-hainbach.de"
    assert "unsafe" not in page.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"


def test_html_pages_have_nothing_inline_and_load_their_style_from_the_function(client):
    """The same rule as the site's pages (style-src 'self', no 'unsafe-inline'): behind
    CloudFront both are on one origin, and the stylesheet is the function's own route."""
    import re

    from .support import post_form

    page = post_form(client, "kontakt", kontakt(name=""))
    policy = page.headers["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    html = page.body.decode()
    assert "<style" not in html and " style=" not in html
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["/api/pages.css"]
    sheet = client.http.get("/pages.css")
    assert sheet.status_code == 200
    assert sheet.headers["Content-Type"] == "text/css; charset=utf-8"
    assert ".cc-error-summary" in sheet.body.decode()
