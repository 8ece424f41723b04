"""Long words in page headings get soft hyphens, so a phone with large text breaks them where a
hyphen belongs, not anywhere ("Personala/usweis")."""

from __future__ import annotations

import pytest

from civicat.render.hyphens import SHY, soft_hyphens


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Personalausweis beantragen", "Per|so|nal|aus|weis bean|tra|gen"),
    # the German patterns mark both sides of a compound's joint; the joint wins
    ("de", "Schwerbehindertenausweis", "Schwer|be|hin|der|ten|aus|weis"),
    ("de", "Kfz-Zulassung", "Kfz-Zulas|sung"),
    ("en", "Register a dog", "Register a dog"),  # words of up to eight letters stay whole
    ("ar", "طلب بطاقة هوية شخصية", "طلب بطاقة هوية شخصية"),  # Arabic is not hyphenated …
    ("ar", "مكتب المقاطعة (Landratsamt)", "مكتب المقاطعة (Land|rats|amt)"),  # … a German word in it is
])
def test_long_words_get_break_points_where_a_hyphen_belongs(lang, text, expected):
    assert soft_hyphens(text, lang, "de").replace(SHY, "|") == expected


def test_the_heading_is_hyphenated_for_the_eye_only(rendered_service_meta):
    meta = rendered_service_meta
    assert SHY not in meta["heading"] and meta["heading_display"].replace(SHY, "") == meta["heading"]


@pytest.fixture(scope="module")
def rendered_service_meta():
    from civicat.catalogue import load
    from civicat.render import SiteContext, render_pages

    from ..conftest import REPO

    (page,) = render_pages(SiteContext(load(REPO / "catalogue"), "de"), {"leistungen/personalausweis/"})
    return page.meta()
