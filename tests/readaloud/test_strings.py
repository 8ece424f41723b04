"""The read-aloud strings and partial, without a browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jinja2
import pytest

from tests.readaloud.examples_server import THEME, strings

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


def render(lang: str, base_url: str = "../") -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("partials/readaloud.html").render(
        lang=lang, t=strings()[lang], base_url=base_url
    )


def test_every_language_has_the_same_keys_and_no_empty_string():
    table = strings()
    assert sorted(table) == sorted(LANGUAGES)
    keys = set(table["de"]["readaloud"])
    for lang in LANGUAGES:
        assert set(table[lang]) == {"readaloud"}
        assert set(table[lang]["readaloud"]) == keys, lang
        assert all(str(value).strip() for value in table[lang]["readaloud"].values()), lang
        assert "{language}" in table[lang]["readaloud"]["no_voice"], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_partial_renders_every_language_with_its_own_labels(lang):
    html = render(lang)
    words = strings()[lang]["readaloud"]
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


@pytest.mark.parametrize("base_url, expected", [
    ("../../", "../../components/readaloud/readaloud.js"),
    ("../..", "../../components/readaloud/readaloud.js"),  # mkdocs' own base_url has no slash
    (".", "./components/readaloud/readaloud.js"),
    ("", "components/readaloud/readaloud.js"),
])
def test_asset_urls_follow_base_url_with_or_without_a_trailing_slash(base_url, expected):
    html = render("en", base_url)
    assert f'<script type="module" src="{expected}"></script>' in html
    assert f'href="{expected[:-2]}css"' in html


def test_speeds_are_written_with_the_languages_decimal_separator():
    assert ">1,25×<" in render("de")
    assert ">1.25×<" in render("en")
