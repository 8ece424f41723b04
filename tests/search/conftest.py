"""The demo site's search index, built once per session (tests/conftest.py's ``demo_build``), and
the indexes of the demo catalogue with Bulgarian and Slovenian texts (``bgsl.py``)."""

from __future__ import annotations

import pytest

from .support import engine


@pytest.fixture(scope="session")
def index(demo_build):
    """{lang: the functions' engine on the demo site's index of that language}."""
    site = demo_build[0]
    return {lang: engine(site / lang / "search") for lang in ("de", "en", "ar")}


@pytest.fixture(scope="session")
def bgsl_catalogue(tmp_path_factory):
    """(folder, catalogue) of the demo district with the bg/sl texts merged in; loading it checks
    it as ``civicat validate`` does (an error raises)."""
    from civicat.catalogue import load

    from .bgsl import write_catalogue

    folder = write_catalogue(tmp_path_factory.mktemp("bgsl") / "catalogue")
    return folder, load(folder)


@pytest.fixture(scope="session")
def bgsl_site(bgsl_catalogue, tmp_path_factory):
    """A folder with ``bgsl_catalogue``'s search indexes: ``bg/search`` and ``sl/search``."""
    from ..conftest import BUILD_DAY
    from .bgsl import write_indexes

    return write_indexes(bgsl_catalogue[1], tmp_path_factory.mktemp("bgsl-site"), today=BUILD_DAY)


@pytest.fixture(scope="session")
def bgsl_index(bgsl_site):
    """{"bg" | "sl": the functions' engine on that language's index of ``bgsl_catalogue``}."""
    from .bgsl import engines

    return engines(bgsl_site)
