"""Fixtures for the staff workspace: the staff app (``functions/staff/app.py``) through Chalice's
test client, the demo catalogue's contract (the disability-pass application and its office), an
isolated SQLite store, outbox and uploads per test, and a few staff members.

The forms API tests' fixtures for the AWS emulator (the DynamoDB runs), the store and the mails
are reused, and so is their isolated configuration (``isolated_env``).
"""
import importlib.util
import sys
from pathlib import Path

import pytest

from tests.functions.conftest import aws, mails, moto_url, store  # noqa: F401 — fixtures reused here
from tests.functions.support import FUNCTIONS_DIR, REPO, chalice_client, isolated_env

STAFF_APP = FUNCTIONS_DIR / "staff" / "app.py"


@pytest.fixture(scope="session")
def demo_contract(tmp_path_factory) -> Path:
    from civicat import contract
    from civicat.catalogue import load

    return contract.write(load(REPO / "catalogue"), tmp_path_factory.mktemp("contract") / "forms.json")


@pytest.fixture(autouse=True)
def staff_env(tmp_path, monkeypatch, demo_contract):
    """The demo contract, local sign-in and the forms' minimum fill time off; the folders."""
    yield from isolated_env(tmp_path, monkeypatch, demo_contract, {
        "CIVICAT_STAFF_SIGNIN": "local", "CIVICAT_STAFF_TOKEN": "api-token",
        "CIVICAT_MIN_FILL_SECONDS": "0"}, unset=("CIVICAT_STAFF_URL", "CIVICAT_DELIVERY"))


@pytest.fixture(scope="session")
def staff_app():
    spec = importlib.util.spec_from_file_location("civicat_staff_app", STAFF_APP)
    module = importlib.util.module_from_spec(spec)
    sys.modules["civicat_staff_app"] = module
    spec.loader.exec_module(module)
    return module.app


@pytest.fixture
def staff(staff_app):
    yield from chalice_client(staff_app)


@pytest.fixture
def citizen():
    from app import app

    yield from chalice_client(app)

