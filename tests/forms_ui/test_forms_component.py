"""The form component as HTML: the contract's rules become native constraints and the contract's
messages travel with each field; the example form (every field type, consent, location,
attachments) renders and behaves in Chromium, and axe-core finds nothing in it."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .support import REPO, axe_violations

EXAMPLE = REPO / "civicat" / "templates" / "components" / "form" / "examples" / "every-field.yaml"
LANGS = ["de", "en", "ar"]


class Elements(HTMLParser):
    """Start tags with their attributes, and the text of each element with an id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def by_id(self, element_id: str) -> dict[str, str | None]:
        found = [attrs for _tag, attrs in self.tags if attrs.get("id") == element_id]
        assert len(found) == 1, f"expected one element #{element_id}, found {len(found)}"
        return found[0]

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]


@pytest.fixture(scope="module")
def catalogue():
    from civicat.catalogue import load
    from civicat.catalogue.model import Form

    demo = load(REPO / "catalogue")
    example = Form.model_validate({**yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), "id": "beispiel"})
    return dataclasses.replace(demo, forms={**demo.forms, "beispiel": example})


@pytest.fixture(scope="module")
def pages(catalogue):
    """{(lang, form id): body HTML of the form page}."""
    from civicat.render import builders
    from civicat.render.context import SiteContext

    out = {}
    for lang in LANGS:
        site = SiteContext(catalogue, lang)
        for fid in catalogue.forms:
            out[lang, fid] = str(builders.form(site, fid).body)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_of_the_contract_is_a_native_constraint_and_every_message_travels_with_its_field(catalogue, pages, lang):
    from civicat.contract import compile_contract

    contract = compile_contract(catalogue)
    for fid, form in contract["forms"].items():
        html = Elements(pages[lang, fid])
        for spec in form["fields"]:
            (group,) = html.all("div", **{"data-cc-field": spec["name"]})
            messages = {key: text[lang] for key, text in spec["messages"].items()}
            assert json.loads(group["data-cc-messages"]) == messages, (fid, spec["name"])
            control = html.by_id(f"field-{spec['name']}")
            if spec["type"] == "checkboxes":
                continue  # "at least one" has no native constraint: the script and the function check it
            assert ("required" in control) == spec["required"], (fid, spec["name"])
            for rule, attribute in (("max_length", "maxlength"), ("min_length", "minlength"), ("pattern", "pattern")):
                if spec[rule] is not None:
                    assert control.get(attribute) == str(spec[rule]), (fid, spec["name"], attribute)


def test_the_form_posts_to_the_function_and_carries_language_and_honeypot(pages):
    html = Elements(pages["de", "kontakt"])
    (form,) = html.all("form", **{"class": "cc-form"})
    assert form["action"] == "/api/forms/kontakt" and form["method"] == "post"
    assert "novalidate" in form and "enctype" not in form  # urlencoded without files
    assert html.all("input", type="hidden", name="lang") == [{"type": "hidden", "name": "lang", "value": "de"}]
    assert html.by_id("field-website") == {"type": "text", "id": "field-website", "name": "website", "value": "",
                                           "tabindex": "-1", "autocomplete": "off"}
    assert html.all("div", **{"class": "cc-hp", "aria-hidden": "true"})
    assert html.by_id("field-email")["type"] == "email" and html.by_id("field-email")["autocomplete"] == "email"
    with_files = Elements(pages["de", "antrag-bewohnerparken"])
    assert with_files.all("form", **{"class": "cc-form"})[0]["enctype"] == "multipart/form-data"
    assert with_files.by_id("field-attachments")["accept"] == "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


def test_the_example_renders_every_field_type_consent_and_the_privacy_notice(pages):
    body = pages["de", "beispiel"]
    html = Elements(body)
    assert html.by_id("field-people")["inputmode"] == "decimal" and html.by_id("field-people")["data-cc-min"] == "1"
    assert html.by_id("field-day")["type"] == "date"
    assert html.by_id("field-postcode")["pattern"] == "[0-9]{5}"
    assert html.by_id("field-phone")["type"] == "tel"
    assert [o.get("value") for o in html.all("option")][:3] == ["", "a", "b"]
    assert len(html.all("input", type="radio", name="contact_by")) == 2
    assert len(html.all("input", type="checkbox", name="needs")) == 2
    assert html.by_id("field-newsletter")["value"] == "on"
    consent = html.by_id("field-consent")
    assert consent["name"] == "consent" and "required" in consent
    assert "Ich willige ein, dass meine Angaben zur Bearbeitung dieses Beispiels verwendet werden." in body
    # GDPR Art. 13: controller, purpose, legal basis, recipients, retention, rights, contact.
    for words in ("Landkreis Hainbach, <bdi>Schlossplatz 1</bdi>, <bdi>99880 Hainbach</bdi>", "Bearbeitung des Beispiels",
                  "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)", "Landratsamt Hainbach",
                  "30 Tage nach Eingang; danach werden Ihre Angaben gelöscht.", "Auskunft (Art. 15 DSGVO)",
                  "jederzeit mit Wirkung für die Zukunft widerrufen", "mailto:info@landkreis-hainbach.de",
                  'href="../../datenschutz/"'):
        assert words in body, words


@pytest.fixture(scope="module")
def example_page(pages):
    """The example form in a minimal page with the components' styles and script (no server)."""
    from civicat.render.env import component_bundle

    def page(lang: str) -> str:
        direction = "rtl" if lang == "ar" else "ltr"
        return (f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
                f"<title>Beispiel</title><style>{component_bundle('css')}{component_bundle('css', forms=True)}</style></head>"
                f'<body><main class="md-typeset"><h1>Beispiel</h1>{pages[lang, "beispiel"]}</main>'
                f"<script>{component_bundle('js')}{component_bundle('js', forms=True)}</script></body></html>")

    return page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_example_checks_every_field_before_sending_and_axe_finds_nothing(js, example_page, lang):
    js.set_content(example_page(lang))
    js.wait_for_selector("form[data-cc-started~=form]", state="attached")
    js.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(js) == ""
    js.fill("#field-people", "25")
    js.fill("#field-postcode", "123")
    js.fill("#field-message", "zu kurz")
    js.locator("[data-cc-submit]").click()
    links = [a.get_attribute("href") for a in js.locator("[data-cc-error-summary] a").all()]
    assert links == ["#field-full_name", "#field-postcode", "#field-people", "#field-topic", "#field-contact_by",
                     "#field-needs", "#field-message", "#field-consent"]
    if lang == "de":
        assert js.locator("#field-people-error").text_content() == \
            "Fehler: „Wie viele Personen?“ muss zwischen 1 und 20 liegen"
        assert js.locator("#field-consent-error").text_content() == \
            "Fehler: Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben"
    assert js.get_attribute("#field-needs", "aria-describedby") is None  # the fieldset carries the message:
    assert "field-needs-error" in js.locator("[data-cc-field=needs] fieldset").get_attribute("aria-describedby")
    assert axe_violations(js) == ""
