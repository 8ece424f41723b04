"""The forms contract: compiled from the catalogue, in every site language, and never drifting."""

from __future__ import annotations

import datetime as dt
import json

from civicat import contract as forms
from civicat.catalogue import load

from .conftest import DEMO


def test_every_field_message_exists_in_every_site_language(workdir):
    contract = forms.compile_contract(load(workdir / "catalogue"))
    form = contract["forms"]["kontakt"]
    message = next(f for f in form["fields"] if f["name"] == "message")
    assert message["messages"]["required"] == {"de": "Füllen Sie „Ihre Nachricht“ aus", "en": "Enter “Your message”"}
    assert message["messages"]["too_long"]["en"] == "“Your message” must be 2000 characters or fewer"
    assert form["recipient"]["email"] == "rathaus@musterdorf.example"
    assert set(form["pages"]) == {"form"}  # no thank-you page: the status page thanks (no JS)
    assert form["pages"]["form"]["en"] == "/en/formulare/kontakt/"
    assert contract["site"]["origins"] == ["https://service.musterdorf.example"]


def test_a_recipient_without_an_email_address_is_an_error(workdir, civicat):
    office = workdir / "catalogue/offices/rathaus.yaml"
    office.write_text(office.read_text().replace("  email: rathaus@musterdorf.example\n", ""))
    result = civicat("validate", "catalogue")
    assert result.code == 1
    assert ('catalogue/forms/kontakt.yaml:2:12: recipient: the office "rathaus" has no e-mail address, so submissions '
            "cannot be delivered — add `contact: email:` to catalogue/offices/rathaus.yaml, or `recipient_email:` to this form") in result.lines


def test_the_committed_contract_matches_the_demo_catalogue():
    committed = json.loads((DEMO.parent / forms.CONTRACT_PATH).read_text(encoding="utf-8"))
    # The holidays it carries start in the year before it was compiled; compare like with like.
    compiled_in = dt.date(int(committed["site"]["holidays"][0][:4]) + 1, 6, 1)
    assert committed == forms.compile_contract(load(DEMO), compiled_in), "run `civicat forms` and commit functions/chalicelib/forms.json"


def test_the_functions_words_come_in_every_site_language_bulgarian_and_slovenian_too(workdir):
    site = workdir / "catalogue/site.yaml"
    text = site.read_text(encoding="utf-8")
    languages = next(line for line in text.splitlines() if line.startswith("languages:"))
    site.write_text(text.replace(languages, "languages: [de, en, bg, sl]"), encoding="utf-8")
    contract = forms.compile_contract(load(workdir / "catalogue"))
    strings = contract["strings"]
    assert set(strings) == {"de", "en", "bg", "sl"}
    assert strings["bg"]["problem_title"] == "Има проблем"  # the form page's own words, shared
    assert strings["bg"]["mail.greeting"] == "Здравейте,"
    assert strings["sl"]["rate_limited"]["two"].endswith("čez {count} minuti.")
    assert contract["site"]["plurals"]["sl"][:6] == "xotffx"  # 0 1 2 3 4 5: other one two few few other
    message = next(f for f in contract["forms"]["kontakt"]["fields"] if f["name"] == "message")
    assert message["messages"]["too_long"]["sl"].endswith("največ 2000 znakov")
    assert message["messages"]["too_long"]["bg"].endswith("най-много 2000 знака")


def test_the_contract_says_who_works_a_form_when_it_is_due_and_which_days_are_holidays():
    contract = forms.compile_contract(load(DEMO), dt.date(2026, 6, 1))
    application = contract["forms"]["antrag-schwerbehindertenausweis"]
    assert application["offices"] == ["schwerbehindertenrecht"]
    assert application["target_days"] == 10
    assert contract["forms"]["kontakt"]["target_days"] is None
    assert "2026-09-20" in contract["site"]["holidays"]  # Weltkindertag, Thuringia only
    assert "2025-01-01" in contract["site"]["holidays"] and "2028-12-25" in contract["site"]["holidays"]
    assert contract["offices"]["schwerbehindertenrecht"]["name"]["en"] == "Hainbach District Office – Disability Law Team"
