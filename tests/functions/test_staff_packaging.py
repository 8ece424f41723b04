"""``chalice package`` of the staff app (``functions/staff``): its own Lambda with its own
dependencies (Argon2id, JOSE) and the shared ``chalicelib``, a least-privilege policy that may also
delete (erasure), and no authorizer in front of pages that do their own sign-in.

Unlike the citizens' app, this package needs the staff requirements' Linux wheels: chalice asks
the package index for them (or its own cache), as ``chalice deploy`` would."""
import json
import subprocess
import sys
import zipfile

import pytest

from .support import FUNCTIONS_DIR

pytestmark = pytest.mark.slow
STAFF = FUNCTIONS_DIR / "staff"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("staff-package") / "out"
    chalice = [sys.executable, "-c", "from chalice.cli import main; main()"]
    done = subprocess.run(chalice + ["package", "--stage", "prod", str(out)], cwd=STAFF,
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "eu-central-1",
                               "HOME": str(out.parent)})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads((out / "sam.json").read_text()), zipfile.ZipFile(out / "deployment.zip")


def test_the_staff_lambda_carries_its_dependencies_and_the_shared_code(package):
    _, bundle = package
    names = set(bundle.namelist())
    assert "app.py" in names and "chalicelib/staff/views_work.py" in names
    assert "chalicelib/stores/dynamodb.py" in names and "chalicelib/forms.json" in names
    assert any(n.startswith("argon2/") for n in names)
    assert any(n.startswith("joserfc/") for n in names)


def test_the_staff_role_has_only_its_written_policy(package):
    template, _ = package
    role = template["Resources"]["ApiHandlerRole"]["Properties"]
    written = json.loads((STAFF / ".chalice" / "policy-prod.json").read_text())
    assert [p["PolicyDocument"] for p in role["Policies"]] == [written]
    actions = {a for s in written["Statement"] for a in s["Action"]}
    assert "dynamodb:DeleteItem" in actions and "s3:DeleteObject" in actions  # erasure
    assert "dynamodb:Scan" not in actions and not any(a.endswith(":*") for a in actions)


def test_the_staff_pages_sign_people_in_themselves(package):
    template, _ = package
    paths = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    assert "/staff/inbox" in paths and "security" not in paths["/staff/inbox"]["get"]
    assert "/forms/{form_id}" not in paths  # the citizens' routes are the other app's
