"""The form a citizen sees on the site and the form the function shows again after an error are
one form: the same controls (ids, names, types, autocomplete, input modes, patterns, limits),
labels, hints and choices, compiled from one contract. The site's page is rendered from the demo
catalogue by the site's renderer, the function's page from the contract compiled from it."""
import json
from html.parser import HTMLParser

import pytest

from civicat import contract as compiler
from civicat.catalogue import load
from civicat.render import render_site

from chalicelib import contract
from chalicelib.pages import form_page
from chalicelib.validation import FieldError

from .support import REPO

COMPARED = ("type", "name", "value", "autocomplete", "inputmode", "pattern", "minlength", "maxlength",
            "required", "spellcheck", "autocapitalize", "accept", "multiple")
SKIPPED = ("website", "lang", "submission_key", "started_at")


class Form(HTMLParser):
    """Controls by id, label texts by the id they name, hint texts by id, inside the <form>."""

    def __init__(self, html: str):
        super().__init__()
        self.controls, self.labels, self.hints, self.described = {}, {}, {}, {}
        self._text_of, self._inside = None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = True
        if not self._inside:
            return
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden" \
                and attrs.get("name") not in SKIPPED:
            key = attrs["id"]
            self.controls[key] = {"tag": tag, **{k: attrs.get(k) or None for k in COMPARED}}
            self.described[key] = attrs.get("aria-describedby")
        if tag == "label" and attrs.get("for"):
            self._text_of = ("labels", attrs["for"])
        elif "cc-hint" in (attrs.get("class") or "") and attrs.get("id"):
            self._text_of = ("hints", attrs["id"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        if tag in ("label", "div"):
            self._text_of = None

    def handle_data(self, data):
        if self._text_of:
            table, key = self._text_of
            getattr(self, table)[key] = (getattr(self, table).get(key, "") + data).strip()


@pytest.fixture(scope="module")
def demo():
    return load(REPO / "catalogue")


@pytest.fixture
def compiled(demo, tmp_path, monkeypatch):
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(compiler.compile_contract(demo), ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("CIVICAT_FORMS", str(path))
    return contract.load(str(path))


def _site_forms(demo, lang):
    return {page.path.split("/")[1]: Form(str(page.body)) for page in render_site(demo, lang).pages
            if page.kind == "form"}


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_site_and_the_function_render_the_same_form(demo, compiled, lang):
    site = _site_forms(demo, lang)
    assert set(site) == set(compiled.forms)
    for form_id, form in compiled.forms.items():
        ours = Form(form_page.render(form, compiled, lang, {}, []))
        theirs = site[form_id]
        for key in ("controls", "labels"):
            assert getattr(ours, key) == getattr(theirs, key), (form_id, key)
        for hint_id, text in theirs.hints.items():
            if hint_id.endswith("-hint") and hint_id != "locate-hint":  # the button only a script shows
                # The function's file hint goes on with what only it knows (files kept, signatures).
                assert (ours.hints.get(hint_id) or "").startswith(text), (form_id, hint_id)


def test_after_an_error_each_control_says_so_and_the_summary_leads_to_it(demo, compiled):
    site = _site_forms(demo, "de")
    for form_id, form in compiled.forms.items():
        errors = [FieldError(field.name, f"Problem mit {field.name}") for field in form.fields]
        page = form_page.render(form, compiled, "de", {}, errors)
        ours = Form(page)
        for field in form.fields:
            control = f"field-{field.name}"
            assert f'href="#{control}"' in page and control in site[form_id].controls, (form_id, control)
            if field.type in ("radio", "checkboxes"):
                continue  # the fieldset is described, as on the site
            described = (ours.described[control] or "").split()
            assert f"{control}-error" in described, (form_id, control)
            assert set((site[form_id].described[control] or "").split()) <= set(described), (form_id, control)
            if field.type != "checkbox":
                assert f'id="{control}"' in page and 'aria-invalid="true"' in page
