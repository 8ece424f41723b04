"""After a service edit, `civicat serve` renders the service's page and the pages `after_service_edit`
names; every other page must be the same as before the edit."""

from __future__ import annotations

import pytest

from civicat.render import render_site
from civicat.render.affected import after_service_edit

from .site_support import FIXTURE, TODAY

LANGS = ["de", "ar"]  # the default language, and one that falls back to it


def _pages(catalogue) -> dict[tuple[str, str], tuple]:
    return {(lang, page.path): (str(page.body), page.meta(), page.keywords)
            for lang in LANGS for page in render_site(catalogue, lang, today=TODAY).pages}


EDITS = {
    "the title": {"title": {"de": "Ausweis neu beantragen", "en": "Get a new ID card"}},
    "the summary": {"summary": {"de": "Kurz gesagt: ein neuer Ausweis."}},
    "a text only its own page shows": {"description": {"de": "Ganz neuer Text."}, "keywords": ["Perso", "Karte"]},
    "its topics and audiences": {"topics": [], "audiences": ["familien"]},
    "its offices": {"offices": ["kfz"]},
    "its popularity": {"popularity": 1},
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_pages_not_named_after_an_edit_are_unchanged(change):
    from civicat.catalogue import load

    catalogue = load(FIXTURE)
    before = _pages(catalogue)
    old = catalogue.services["personalausweis"]
    new = old.model_copy(update=change)
    catalogue.services["personalausweis"] = new
    after = _pages(catalogue)
    own, others = after_service_edit(catalogue, "personalausweis", old, new)
    changed = {path for (lang, path), page in after.items() if before[(lang, path)] != page}
    assert changed and changed <= others | {own}


def test_a_title_change_names_the_lists_that_show_it_and_no_others():
    from civicat.catalogue import load

    catalogue = load(FIXTURE)
    old = catalogue.services["wohnsitz-anmelden"]
    new = old.model_copy(update={"title": {"de": "Ummelden"}})
    own, others = after_service_edit(catalogue, "wohnsitz-anmelden", old, new)
    assert own == "leistungen/wohnsitz-anmelden/"
    assert {"", "leistungen/", "leistungen/personalausweis/"} <= others  # personalausweis lists it as related
    assert not any(path.startswith(("formulare/", "kontakt/", "oeffnungszeiten/")) for path in others)
