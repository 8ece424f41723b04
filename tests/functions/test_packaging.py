"""``chalice package`` works offline and its template holds the table, the bucket, and the
least-privilege policy of the prod stage."""
import json

import pytest

from .support import FUNCTIONS_DIR

pytestmark = pytest.mark.slow


@pytest.fixture
def template(packaged_template):
    return packaged_template


def test_the_template_has_the_table_with_ttl_and_its_indexes(template):
    table = template["Resources"]["SubmissionsTable"]["Properties"]
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["gsi1", "gsi2", "gsi3"]


def test_the_template_has_a_private_bucket_with_retention(template):
    bucket = template["Resources"]["AttachmentsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] >= 730


def test_the_function_role_has_only_the_policy_we_wrote(template):
    role = template["Resources"]["ApiHandlerRole"]["Properties"]
    written = json.loads((FUNCTIONS_DIR / ".chalice" / "policy-prod.json").read_text())
    assert [p["PolicyDocument"] for p in role["Policies"]] == [written]
    actions = {a for s in written["Statement"] for a in s["Action"]}
    assert "dynamodb:Scan" not in actions and "dynamodb:DeleteItem" not in actions
    assert not any(a.endswith(":*") for a in actions)


def test_staff_routes_require_iam_in_prod(template):
    paths = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    assert paths["/staff/submissions"]["get"]["security"] == [{"sigv4": []}]
    assert "security" not in paths["/forms/{form_id}"]["post"]


def test_the_schedule_runs_the_retry_every_five_minutes(template):
    function = template["Resources"]["RetryPendingNotifications"]["Properties"]
    assert function["Events"]["RetryPendingNotificationsEvent"]["Properties"]["Schedule"] == \
        "rate(5 minutes)"


def test_only_the_signature_checker_gets_pyhanko_and_it_runs_when_a_file_lands(template):
    """pyHanko is in a layer of the check_signature function alone: the citizen routes' package
    stays the small one (docs/decisions.md, "Signatures")."""
    resources = template["Resources"]
    checker = resources["CheckSignature"]["Properties"]
    assert checker["Layers"] == [{"Ref": "SignaturesLayer"}]
    event = checker["Events"]["AttachmentUploaded"]
    assert event["Type"] == "S3" and event["Properties"]["Bucket"] == {"Ref": "AttachmentsBucket"}
    assert "Layers" not in resources["APIHandler"]["Properties"]
    assert "Layers" not in resources["RetryPendingNotifications"]["Properties"]
