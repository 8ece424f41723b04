"""The count of results in every site language: the browser (Intl.PluralRules) and the functions'
results page (the plural rule the contract carries) pick the same form for every number from 0 to
300, and each form reads as the language says it ("51 نتيجة", not "51 نتائج" as Material wrote)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from civicat.contract import plural_table
from civicat.render.strings import Strings
from tests.conftest import require

from . import support  # noqa: F401 - functions/ on the path

LANGS = ["de", "en", "ar", "bg", "sl"]


def rules(lang: str):
    """What the functions know of ``lang``'s plurals: the table ``civicat forms`` compiles into the
    contract (``site.plurals``), for any of the five languages, not only the demo site's."""
    from types import SimpleNamespace

    return SimpleNamespace(site=SimpleNamespace(plurals={lang: plural_table(lang)}))


def test_the_browser_and_the_functions_pick_the_same_form():
    from chalicelib.i18n import plural

    require(shutil.which("node") is not None, "node (Intl.PluralRules)")
    script = ("const langs = %s; const out = {};"
              "for (const l of langs) { const r = new Intl.PluralRules(l); out[l] = [];"
              " for (let n = 0; n <= 300; n++) out[l].push(r.select(n)); }"
              "process.stdout.write(JSON.stringify(out));") % json.dumps(LANGS)
    browser = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    functions = {lang: [plural(rules(lang), lang, n) for n in range(301)] for lang in LANGS}
    assert functions == browser


@pytest.mark.parametrize("n, text", [(1, "نتيجة واحدة (1)"), (2, "نتيجتان (2)"), (3, "3 نتائج"), (10, "10 نتائج"),
                                     (11, "11 نتيجة"), (51, "51 نتيجة"), (100, "100 نتيجة"), (103, "103 نتائج")])
def test_arabic_counts_agree_with_the_number(n, text):
    from chalicelib.search.page import results

    assert results(Strings("ar").get("search.results"), "ar", n, rules("ar")) == text


@pytest.mark.parametrize("lang, n, text", [("de", 1, "1 Ergebnis"), ("de", 7, "7 Ergebnisse"), ("sl", 1, "1 zadetek"),
                                           ("sl", 2, "2 zadetka"), ("sl", 4, "4 zadetki"), ("sl", 5, "5 zadetkov"),
                                           ("sl", 102, "102 zadetka"), ("bg", 1, "1 резултат"), ("bg", 2, "2 резултата")])
def test_counts_in_the_other_languages(lang, n, text):
    from chalicelib.search.page import results

    assert results(Strings(lang).get("search.results"), lang, n, rules(lang)) == text
