"""Fixtures of the fast site tests: the fixture catalogue, rendered and built once per session."""

from __future__ import annotations

import pytest
from .site_support import FIXTURE, TODAY


@pytest.fixture(scope="session")
def catalogue():
    from civicat.catalogue import load

    return load(FIXTURE)


@pytest.fixture(scope="session")
def rendered(catalogue):
    from civicat.render import render_site

    return {lang: render_site(catalogue, lang, today=TODAY) for lang in catalogue.site.languages}


@pytest.fixture(scope="session")
def built(tmp_path_factory, catalogue):
    """The fixture site built with mkdocs into a temporary folder (all five languages)."""
    from civicat.mkdocs.build import build_site

    out = tmp_path_factory.mktemp("site")
    report = build_site(FIXTURE, out, today=TODAY, catalogue=catalogue)
    return out, report
