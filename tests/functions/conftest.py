"""Fixtures for the forms API tests.

Every test gets its own SQLite file, outbox folder and uploads folder under ``tmp_path`` through
environment variables, the same way a deployment configures the functions, and reads the tests'
own contract (``fixtures/forms.json``), not the bundled one the build rewrites. Rate limiting is off
unless a test turns it on, so that tests may submit as often as they need.
"""
import pytest

from tests import emulated_aws
from tests.emulated_aws import moto_url  # noqa: F401 — the session's AWS emulator

from . import support


def pytest_configure(config):
    # Registered here rather than in pyproject.toml (owned by the build side); see functions/README.
    config.addinivalue_line("markers", "slow: starts servers or processes, or generates load")


@pytest.fixture(autouse=True)
def functions_env(tmp_path, monkeypatch):
    """Isolated configuration for one test; returns the folders it points to."""
    yield from support.isolated_env(tmp_path, monkeypatch, support.FORMS, {
        "CIVICAT_STAFF_AUTH": "token", "CIVICAT_STAFF_TOKEN": "staff-secret-token"})


@pytest.fixture
def app():
    from app import app as chalice_app

    return chalice_app


@pytest.fixture
def client(app):
    yield from support.chalice_client(app)


@pytest.fixture
def store():
    from chalicelib.stores import get_store

    return get_store()


@pytest.fixture
def mails(tmp_path):
    """Call to read the mails written to the outbox so far."""
    return lambda: support.read_mails(support.folders(tmp_path)["outbox"])


STAFF = {"Authorization": "Bearer staff-secret-token"}


@pytest.fixture
def staff_headers():
    return dict(STAFF)


# --- AWS emulator (moto in server mode, over real HTTP) ------------------------------------------

TABLE, BUCKET, MAIL_FROM = support.TABLE, support.BUCKET, support.MAIL_FROM


@pytest.fixture
def aws(moto_url, monkeypatch):
    """Emulated AWS with the table from ``functions/resources.json``, the attachments bucket and
    a verified sender, and the app configured for it (store, SES, S3). Returns boto3 clients."""
    import json

    emulated_aws.reset(moto_url, monkeypatch, {
        "AWS_REGION": emulated_aws.REGION, "CIVICAT_AWS_ENDPOINT": moto_url,
        "CIVICAT_STORE": f"dynamodb://{TABLE}", "CIVICAT_NOTIFIER": "ses",
        "CIVICAT_UPLOADS": f"s3://{BUCKET}/uploads/",
        "CIVICAT_MAIL_FROM": f"Landkreis Hainbach <{MAIL_FROM}>"})
    clients = {name: emulated_aws.client(name, moto_url) for name in ("dynamodb", "s3", "ses")}
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
