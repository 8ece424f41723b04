"""Fixtures for the forms API tests.

Every test gets its own SQLite file, outbox folder and uploads folder under ``tmp_path`` through
environment variables, the same way a deployment configures the functions, and reads the tests'
own contract (``fixtures/forms.json``), not the bundled one the build rewrites. Rate limiting is off
unless a test turns it on, so that tests may submit as often as they need.
"""
import os

import pytest

from . import support


def pytest_configure(config):
    # Registered here rather than in pyproject.toml (owned by the build side); see functions/README.
    config.addinivalue_line("markers", "slow: starts servers or processes, or generates load")


@pytest.fixture(autouse=True)
def functions_env(tmp_path, monkeypatch):
    """Isolated configuration for one test; returns the folders it points to."""
    paths = {"db": tmp_path / "submissions.db", "outbox": tmp_path / "outbox",
             "uploads": tmp_path / "uploads"}
    for name in ("AWS_ENDPOINT_URL", "CIVICAT_AWS_ENDPOINT", "CIVICAT_SITE_URL",
                 "CIVICAT_EXTRA_ORIGINS", "CIVICAT_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CIVICAT_FORMS", str(support.FORMS))
    monkeypatch.setenv("CIVICAT_STORE", f"sqlite:///{paths['db']}")
    monkeypatch.setenv("CIVICAT_NOTIFIER", "outbox")
    monkeypatch.setenv("CIVICAT_OUTBOX_DIR", str(paths["outbox"]))
    monkeypatch.setenv("CIVICAT_UPLOADS", f"file:///{paths['uploads']}")
    monkeypatch.setenv("CIVICAT_STAFF_AUTH", "token")
    monkeypatch.setenv("CIVICAT_STAFF_TOKEN", "staff-secret-token")
    monkeypatch.setenv("CIVICAT_MAIL_FROM", "Landkreis Hainbach <noreply@landkreis-hainbach.de>")
    monkeypatch.setenv("CIVICAT_PUBLIC_API_URL", "/api")
    monkeypatch.setenv("CIVICAT_RATE_LIMIT", "off")
    yield paths
    from chalicelib import notify, stores

    stores.reset_cache()
    notify.reset_cache()
    # Chalice's test client swaps os.environ per request; used from threads it could leave a
    # plain dict behind, which would silently break every later test that sets a variable.
    assert isinstance(os.environ, os._Environ), "os.environ was replaced during the test"


@pytest.fixture
def app():
    from app import app as chalice_app

    return chalice_app


@pytest.fixture
def client(app):
    from chalice.test import Client

    with Client(app) as test_client:
        yield test_client


@pytest.fixture
def store():
    from chalicelib.stores import get_store

    return get_store()


@pytest.fixture
def mails(functions_env):
    """Call to read the mails written to the outbox so far."""
    return lambda: support.read_mails(functions_env["outbox"])


STAFF = {"Authorization": "Bearer staff-secret-token"}


@pytest.fixture
def staff_headers():
    return dict(STAFF)


# --- AWS emulator (moto in server mode, over real HTTP) ------------------------------------------

TABLE, BUCKET, MAIL_FROM = support.TABLE, support.BUCKET, support.MAIL_FROM


@pytest.fixture(scope="session")
def moto_url():
    """One moto server for the session; each test starts from a reset state."""
    from moto.server import ThreadedMotoServer

    port = support.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def aws(moto_url, monkeypatch):
    """Emulated AWS with the table from ``functions/resources.json``, the attachments bucket and
    a verified sender, and the app configured for it (store, SES, S3). Returns boto3 clients."""
    import json

    import boto3
    import requests

    requests.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "eu-central-1",
                        "AWS_REGION": "eu-central-1", "CIVICAT_AWS_ENDPOINT": moto_url,
                        "CIVICAT_STORE": f"dynamodb://{TABLE}", "CIVICAT_NOTIFIER": "ses",
                        "CIVICAT_UPLOADS": f"s3://{BUCKET}/uploads/",
                        "CIVICAT_MAIL_FROM": f"Landkreis Hainbach <{MAIL_FROM}>"}.items():
        monkeypatch.setenv(name, value)
    clients = {name: boto3.client(name, endpoint_url=moto_url, region_name="eu-central-1")
               for name in ("dynamodb", "s3", "ses")}
    template = json.loads((support.FUNCTIONS_DIR / "resources.json").read_text())
    table = dict(template["Resources"]["SubmissionsTable"]["Properties"])
    ttl = table.pop("TimeToLiveSpecification")
    for cloudformation_only in ("PointInTimeRecoverySpecification", "SSESpecification"):
        table.pop(cloudformation_only)
    clients["dynamodb"].create_table(**table)
    clients["dynamodb"].get_waiter("table_exists").wait(TableName=TABLE)
    clients["dynamodb"].update_time_to_live(TableName=TABLE, TimeToLiveSpecification=ttl)
    clients["s3"].create_bucket(Bucket=BUCKET, CreateBucketConfiguration={
        "LocationConstraint": "eu-central-1"})
    clients["ses"].verify_email_identity(EmailAddress=MAIL_FROM)
    clients["url"] = moto_url
    yield clients
    for client in ("dynamodb", "s3", "ses"):
        clients[client].close()


@pytest.fixture(scope="session")
def packaged_template(tmp_path_factory) -> dict:
    """``chalice package --stage prod`` of the functions with resources.json merged in, offline:
    the SAM template API Gateway would get (once per session; it takes seconds)."""
    import json
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("package") / "out"
    chalice = [sys.executable, "-c", "from chalice.cli import main; main()"]
    subprocess.run(chalice + ["package", "--stage", "prod", "--merge-template", "resources.json",
                              str(out)], cwd=support.FUNCTIONS_DIR, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "eu-central-1",
                        "HOME": str(out.parent)}, timeout=120)
    return json.loads((out / "sam.json").read_text())
