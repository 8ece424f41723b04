"""Whatever ``civicat forms`` writes into ``functions/chalicelib/forms.json``, the function can
serve it: every form answers in every site language with the contract's own words, and renders
as a page without JavaScript. (The other tests use their own fixture contract.)"""
import html
import json

import pytest

from chalicelib import contract as contract_module

from .support import FUNCTIONS_DIR, body_json, new_key, post_form, post_json

BUNDLED = FUNCTIONS_DIR / "chalicelib" / "forms.json"
CONTRACT = contract_module.parse(json.loads(BUNDLED.read_text(encoding="utf-8")))
CASES = [(form_id, lang) for form_id in sorted(CONTRACT.forms) for lang in CONTRACT.site.languages]


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.setenv("CIVICAT_FORMS", str(BUNDLED))


@pytest.mark.parametrize("form_id, lang", CASES)
def test_an_empty_submission_names_every_required_field_in_the_contracts_words(client, form_id,
                                                                              lang):
    form = CONTRACT.forms[form_id]
    response = post_json(client, form_id, {"lang": lang, "submission_key": new_key(),
                                           "started_at": 0, "website": ""})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in body_json(response)["errors"]}
    for field in form.fields:
        if field.required:
            assert errors[field.name] == field.messages["required"][lang]
        else:
            assert field.name not in errors


@pytest.mark.parametrize("form_id, lang", CASES)
def test_the_form_renders_without_javascript_with_a_label_for_every_field(client, form_id, lang):
    form = CONTRACT.forms[form_id]
    page = post_form(client, form_id, {"lang": lang}).body.decode()
    assert f'<html lang="{lang}"' in page
    for field in form.fields:
        assert f'id="field-{field.name}"' in page
        label = contract_module.text(field.label, lang, CONTRACT.site.default_language)
        assert f">{html.escape(label)}</" in page
