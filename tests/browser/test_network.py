"""Every request of every page type goes to the site's own origin (no fonts, CDN or analytics)."""

from __future__ import annotations

import json

import pytest
from .conftest import LANGS, NOW


@pytest.mark.parametrize("lang", LANGS)
def test_all_requests_of_every_page_type_stay_on_the_sites_origin(server, context, page_paths, lang):
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    for path in page_paths.values():
        tab.goto(f"{server.url}/{lang}/{path}")
        tab.wait_for_load_state("networkidle")
    tab.click("#cc-search-q")  # search loads its engine and the index files its words need
    tab.keyboard.type("Ausweis")
    tab.wait_for_selector("#cc-search-results:not([hidden])", timeout=15000)
    tab.wait_for_load_state("networkidle")
    assert any(url.endswith(f"/{lang}/search/meta.json") for url in requests)
    assert [url for url in requests if not url.startswith(server.url + "/") and not url.startswith("data:")] == []


def test_service_and_office_json_ld_parse_and_use_the_schema_org_types(server, page, page_paths):
    blocks = {}
    for kind in ("service", "office"):
        page.goto(f"{server.url}/de/{page_paths[kind]}")
        texts = page.eval_on_selector_all("script[type='application/ld+json']", "els => els.map(e => e.textContent)")
        blocks[kind] = [json.loads(text) for text in texts]
    service, office = blocks["service"], blocks["office"]
    assert [b["@type"] for b in service] == ["GovernmentService", "BreadcrumbList"]
    assert service[0]["@context"] == "https://schema.org" and service[0]["availableChannel"]
    assert [b["@type"] for b in office] == ["GovernmentOffice", "BreadcrumbList"]
    assert office[0]["openingHoursSpecification"][0]["@type"] == "OpeningHoursSpecification"
    assert all(s["opens"] == s["closes"] == "00:00" for s in office[0].get("specialOpeningHoursSpecification", []))
    assert office[1]["itemListElement"][-1]["item"].endswith(f"/de/{page_paths['office']}")
