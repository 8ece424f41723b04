"""Fixtures for the staff workspace: the staff app (``functions/staff/app.py``) through Chalice's
test client, the demo catalogue's contract (the disability-pass application and its office), an
isolated SQLite store, outbox and uploads per test, and a few staff members.

The moto fixtures of the forms API tests are reused for the DynamoDB runs.
"""
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests.functions.conftest import aws, moto_url  # noqa: F401 — fixtures reused here
from tests.functions.support import FUNCTIONS_DIR, REPO

STAFF_APP = FUNCTIONS_DIR / "staff" / "app.py"


@pytest.fixture(scope="session")
def demo_contract(tmp_path_factory) -> Path:
    from civicat import contract
    from civicat.catalogue import load

    return contract.write(load(REPO / "catalogue"), tmp_path_factory.mktemp("contract") / "forms.json")


@pytest.fixture(autouse=True)
def staff_env(tmp_path, monkeypatch, demo_contract):
    paths = {"db": tmp_path / "submissions.db", "outbox": tmp_path / "outbox",
             "uploads": tmp_path / "uploads"}
    for name in ("AWS_ENDPOINT_URL", "CIVICAT_AWS_ENDPOINT", "CIVICAT_SITE_URL", "CIVICAT_STAFF_URL",
                 "CIVICAT_EXTRA_ORIGINS", "CIVICAT_TRUSTED_PROXIES", "CIVICAT_DELIVERY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"CIVICAT_FORMS": str(demo_contract),
                        "CIVICAT_STORE": f"sqlite:///{paths['db']}", "CIVICAT_NOTIFIER": "outbox",
                        "CIVICAT_OUTBOX_DIR": str(paths["outbox"]),
                        "CIVICAT_UPLOADS": f"file:///{paths['uploads']}",
                        "CIVICAT_STAFF_SIGNIN": "local", "CIVICAT_STAFF_TOKEN": "api-token",
                        "CIVICAT_MAIL_FROM": "Landkreis Hainbach <noreply@landkreis-hainbach.de>",
                        "CIVICAT_PUBLIC_API_URL": "/api", "CIVICAT_RATE_LIMIT": "off",
                        "CIVICAT_MIN_FILL_SECONDS": "0"}.items():
        monkeypatch.setenv(name, value)
    yield paths
    from chalicelib import notify, stores

    stores.reset_cache()
    notify.reset_cache()
    assert isinstance(os.environ, os._Environ), "os.environ was replaced during the test"


@pytest.fixture(scope="session")
def staff_app():
    spec = importlib.util.spec_from_file_location("civicat_staff_app", STAFF_APP)
    module = importlib.util.module_from_spec(spec)
    sys.modules["civicat_staff_app"] = module
    spec.loader.exec_module(module)
    return module.app


@pytest.fixture
def staff(staff_app):
    from chalice.test import Client

    with Client(staff_app) as client:
        yield client


@pytest.fixture
def citizen():
    from chalice.test import Client

    from app import app

    with Client(app) as client:
        yield client


@pytest.fixture
def store():
    from chalicelib.stores import get_store

    return get_store()


@pytest.fixture
def mails(staff_env):
    """Call to read the mails written to the outbox so far."""
    from tests.functions.support import read_mails

    return lambda: read_mails(staff_env["outbox"])
