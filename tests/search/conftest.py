"""The demo site's search index, built once per session (tests/conftest.py's ``demo_build``)."""

from __future__ import annotations

import pytest

from .support import engine


@pytest.fixture(scope="session")
def index(demo_build):
    """{lang: the functions' engine on the demo site's index of that language}."""
    site = demo_build[0]
    return {lang: engine(site / lang / "search") for lang in ("de", "en", "ar")}
