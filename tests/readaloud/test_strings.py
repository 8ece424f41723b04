"""The read-aloud strings, macro and bundle, without a browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jinja2
import pytest

from civicat.render.env import TEMPLATES_DIR, component_bundle
from tests.readaloud.examples_server import strings

LANGUAGES = ["de", "en", "ar", "bg", "sl"]


class Ids(HTMLParser):
    """Collects ids and the ids that attributes point to."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.references: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            if name in ("aria-controls", "for"):
                self.references.append(value)


def render(lang: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.from_string('{% from "components/readaloud/readaloud.html" import readaloud %}{{ readaloud(t) }}').render(
        t=strings(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_names_the_language_that_has_no_voice(lang):
    # The other keys are the same in every language file (tests/site/test_i18n.py).
    assert "{language}" in strings(lang)["readaloud"]["no_voice"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_partial_renders_every_language_with_its_own_labels(lang):
    html = render(lang)
    words = strings(lang)["readaloud"]
    assert f"<span>{words['button']}</span>" in html
    assert f'aria-label="{words["controls"]}"' in html
    parsed = Ids()
    parsed.feed(html)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert set(parsed.references) <= set(parsed.ids)


def test_the_control_is_hidden_until_the_script_finds_a_voice():
    html = render("de")
    assert re.search(r'<div class="civicat-readaloud"[^>]*\shidden>', html)
    assert re.search(r'id="civicat-readaloud-bar"[^>]*\shidden>', html)


def test_the_scripts_come_in_their_own_bundle_after_the_parts_they_use():
    # A browser that cannot parse them loses read-aloud only: the general bundle is ES5.
    general, own = component_bundle("js"), component_bundle("js", own="readaloud")
    assert "readaloud" not in general.split("/* ")[-1] and "class ReadAloud" not in general
    order = [own.index(f"/* readaloud/{name} */") for name in
             ("readaloud-content.js", "readaloud-highlight.js", "readaloud-voices.js", "readaloud.js")]
    assert order == sorted(order)
    assert "civicat.start('readaloud'" in own and "import " not in own


def test_its_styles_are_in_the_general_bundle():
    assert ".civicat-readaloud {" in component_bundle("css")


def test_speeds_are_written_with_the_languages_decimal_separator():
    assert ">1,25×<" in render("de")
    assert ">1.25×<" in render("en")
