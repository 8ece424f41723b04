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


def _without_relations_to(catalogue, sid):
    """The catalogue as it must be before a service can go: nothing relates to it any more."""
    for other, service in catalogue.services.items():
        if sid in service.related:
            catalogue.services[other] = service.model_copy(update={"related": [r for r in service.related if r != sid]})


def test_a_new_service_file_changes_only_its_page_and_the_pages_named():
    from civicat.catalogue import load

    catalogue = load(FIXTURE)
    template = catalogue.services["personalausweis"]
    before = _pages(catalogue)
    new = template.model_copy(update={"id": "ausweis-neu", "title": {"de": "Neuer Ausweis"}, "related": []})
    catalogue.services["ausweis-neu"] = new
    after = _pages(catalogue)
    own, others = after_service_edit(catalogue, "ausweis-neu", None, new)
    assert own == "leistungen/ausweis-neu/" and {path for _lang, path in after.keys() - before.keys()} == {own}
    changed = {key[1] for key, page in after.items() if key in before and before[key] != page}
    assert changed and changed <= others


def test_a_deleted_service_file_changes_only_the_pages_named():
    from civicat.catalogue import load

    catalogue = load(FIXTURE)
    _without_relations_to(catalogue, "personalausweis")
    before = _pages(catalogue)
    old = catalogue.services.pop("personalausweis")
    after = _pages(catalogue)
    own, others = after_service_edit(catalogue, "personalausweis", old, None)
    assert {path for _lang, path in before.keys() - after.keys()} == {own}
    changed = {key[1] for key, page in after.items() if key in before and before[key] != page}
    assert changed and changed <= others
