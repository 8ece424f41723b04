"""The stack ``civicat deploy package`` writes: one template with the functions, their data, the
mail identity, the site behind CloudFront and the alarms — valid for cfn-lint, and wired so that
a citizen's browser reaches the site and the forms API on one HTTPS origin."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from civicat.deploy import template as stack
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def lint(path) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
                           "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def test_cfn_lint_finds_no_error_in_the_stack(packaged):
    findings = lint(packaged / "sam.json")
    errors = [f"{f['Rule']['Id']} {f['Message']} ({f['Location']['Path']})" for f in findings if f["Level"] == "Error"]
    assert errors == []
    warnings = [f"{f['Rule']['Id']} {f['Message']}" for f in findings if f["Level"] != "Error"]
    print("cfn-lint warnings:", warnings or "none")


def test_the_template_is_chalices_with_ours_merged_in(resources):
    types = {name: r["Type"] for name, r in resources.items()}
    assert types["APIHandler"] == "AWS::Serverless::Function"
    assert types["SubmissionsTable"] == "AWS::DynamoDB::Table"
    assert types["AttachmentsBucket"] == "AWS::S3::Bucket"
    assert types["MailIdentity"] == "AWS::SES::EmailIdentity"
    assert types["SiteDistribution"] == "AWS::CloudFront::Distribution"
    schedule = resources["RetryPendingNotifications"]["Properties"]["Events"]
    assert schedule["RetryPendingNotificationsEvent"]["Properties"]["Schedule"] == "rate(5 minutes)"


def test_submissions_can_be_restored_to_any_second_of_the_last_35_days_and_expire_by_ttl(resources):
    table = resources["SubmissionsTable"]
    assert table["Properties"]["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert table["Properties"]["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["DeletionPolicy"] == "Retain"  # deleting the stack never deletes citizens' submissions


def test_names_are_the_stacks_own_so_two_districts_can_share_an_account(resources):
    assert "TableName" not in resources["SubmissionsTable"]["Properties"]
    name = resources["AttachmentsBucket"]["Properties"]["BucketName"]
    assert "AWS::StackId" in json.dumps(name)  # unique to the stack, and no reference to the bucket itself
    functions = [n for n, r in resources.items() if r["Type"] == "AWS::Serverless::Function"]
    assert set(functions) >= {"APIHandler", "RetryPendingNotifications", "CheckSignature"}
    for function in functions:  # every function, whatever the app declares, is configured for this stack
        variables = resources[function]["Properties"]["Environment"]["Variables"]
        assert variables["CIVICAT_STORE"] == {"Fn::Sub": "dynamodb://${SubmissionsTable}"}
        assert variables["CIVICAT_UPLOADS"] == {"Fn::Sub": ["s3://${Bucket}/uploads/", {"Bucket": name}]}
        assert resources[f"{function}LogGroup"]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    layer = resources["SignaturesLayer"]["Properties"]
    assert layer["LayerName"] == {"Fn::Sub": "${AWS::StackName}-civicat-signatures"}


def references(value) -> set[str]:
    """Names a template value refers to (Ref, GetAtt, ${Name} and ${Name.Attribute} in Sub)."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0] if isinstance(inner, list) else inner.split(".")[0])
            elif key == "Fn::Sub":
                text, variables = (inner, {}) if isinstance(inner, str) else inner
                found |= {m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)\}", text)} - set(variables)
                found |= references(variables)
            else:
                found |= references(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= references(inner)
    return found


def test_the_stack_has_no_circular_dependency_once_sam_wires_the_bucket_to_its_checker(resources):
    """SAM's transform gives a bucket the notification of each function with an S3 event: the
    bucket then depends on the function. cfn-lint checks SAM templates without that transform, so
    the edges it adds are drawn here, and the whole graph must have no cycle."""
    depends = {name: references({k: v for k, v in r.get("Properties", {}).items() if k != "Events"})
               | set(r.get("DependsOn", [])) for name, r in resources.items()}
    for name, resource in resources.items():  # SAM moves a function's events to the sources
        for event in resource.get("Properties", {}).get("Events", {}).values():
            if event["Type"] == "S3":
                depends[event["Properties"]["Bucket"]["Ref"]].add(name)
    depends = {name: {d for d in targets if d in resources} for name, targets in depends.items()}
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        assert state.get(name) != "open", " → ".join(path + [name])
        state[name] = "open"
        for target in sorted(depends[name]):
            visit(target, path + [name])
        state[name] = "done"

    for name in sorted(resources):
        visit(name, [])
    assert "CheckSignature" in depends["AttachmentsBucket"]


def test_the_functions_may_do_what_the_written_policy_allows_on_this_stacks_resources_only(resources):
    written = json.loads((REPO / "functions/.chalice/policy-prod.json").read_text())
    for role in ("ApiHandlerRole", "RetryPendingNotificationsRole", "CheckSignatureRole"):
        [policy] = resources[role]["Properties"]["Policies"]
        statements = policy["PolicyDocument"]["Statement"]
        assert [s["Action"] for s in statements] == [s["Action"] for s in written["Statement"]]
        text = json.dumps(statements)
        assert "civicat-submissions" not in text and "civicat-hainbach" not in text
        assert '"Resource": "*"' not in text
        mail = next(s for s in statements if s["Sid"] == "Mail")
        assert mail["Condition"]["StringEquals"]["ses:FromAddress"] == {"Fn::Sub": "${MailSender}@${MailDomain}"}


def test_the_site_bucket_is_private_and_only_cloudfront_reads_it(resources, distribution):
    bucket = resources["SiteBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    statements = resources["SiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    allowed = [s for s in statements if s["Effect"] == "Allow"]
    assert [(s["Principal"], s["Action"]) for s in allowed] == [({"Service": "cloudfront.amazonaws.com"}, "s3:GetObject")]
    assert "${SiteDistribution}" in allowed[0]["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    [origin] = [o for o in distribution["Origins"] if "S3OriginConfig" in o]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy identity
    control = resources["SiteOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (control["SigningBehavior"], control["OriginAccessControlOriginType"]) == ("always", "s3")


def test_visitors_get_https_only_and_compressed_answers(distribution):
    default = distribution["DefaultCacheBehavior"]
    [api] = distribution["CacheBehaviors"]
    assert default["ViewerProtocolPolicy"] == "redirect-to-https"
    assert api["ViewerProtocolPolicy"] == "https-only"  # a POST over http must not be redirected
    assert default["Compress"] and api["Compress"]
    for origin in distribution["Origins"]:
        if "CustomOriginConfig" in origin:
            assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    certificate = distribution["ViewerCertificate"]["Fn::If"][1]
    assert certificate["MinimumProtocolVersion"] == "TLSv1.2_2021"


def test_api_addresses_go_to_api_gateway_whose_stage_is_the_prefix(resources, distribution):
    """/api/forms/kontakt on the site is /api/forms/kontakt on the API's host: stage "api",
    route /forms/{form_id}. CloudFront adds nothing (no origin path) and takes nothing away."""
    [behaviour] = distribution["CacheBehaviors"]
    assert behaviour["PathPattern"] == "/api/*"
    origin = next(o for o in distribution["Origins"] if o["Id"] == behaviour["TargetOriginId"])
    assert origin["DomainName"] == {"Fn::Sub": "${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"}
    assert origin.get("OriginPath", "") == ""
    api = resources["RestAPI"]["Properties"]
    assert api["StageName"] == "api"
    assert "/forms/{form_id}" in api["DefinitionBody"]["paths"]
    assert api["EndpointConfiguration"] == "REGIONAL"  # CloudFront is in front already
    config = json.loads((REPO / "functions/.chalice/config.json").read_text())
    assert {stage["api_gateway_stage"] for stage in config["stages"].values()} == {"api"}


def test_nothing_under_api_is_cached_and_every_method_reaches_the_functions(distribution):
    [behaviour] = distribution["CacheBehaviors"]
    assert behaviour["CachePolicyId"] == stack.CACHING_DISABLED
    assert set(behaviour["AllowedMethods"]) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}


def test_the_api_gets_the_headers_and_query_it_reads_but_not_the_host(resources, distribution):
    [behaviour] = distribution["CacheBehaviors"]
    assert behaviour["OriginRequestPolicyId"] == {"Ref": "ApiOriginRequests"}
    config = resources["ApiOriginRequests"]["Properties"]["OriginRequestPolicyConfig"]
    assert config["QueryStringsConfig"] == {"QueryStringBehavior": "all"}  # ?token= of status links
    assert config["CookiesConfig"] == {"CookieBehavior": "none"}
    forwarded = {h.lower() for h in config["HeadersConfig"]["Headers"]}
    assert config["HeadersConfig"]["HeaderBehavior"] == "whitelist" and "host" not in forwarded
    # CloudFront sends these by itself; staff (Authorization) use the API's own address.
    always_or_elsewhere = {"x-forwarded-for", "content-length", "authorization"}
    assert read_by_functions() - always_or_elsewhere <= forwarded


def read_by_functions() -> set[str]:
    """Every header name the citizens' functions read (``headers.get("…")``), found in their source.
    The staff pages are a Chalice app of their own on their own address (functions/staff), which
    reads the session cookie; nothing of it goes through the site's /api."""
    names = set()
    for path in (REPO / "functions").rglob("*.py"):
        if "staff" in path.relative_to(REPO / "functions").parts[:-1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "headers"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                names.add(node.args[0].value.lower())
    assert {"accept-language", "content-type", "origin"} <= names  # the scan finds what it should
    return names


def test_a_missing_page_is_the_sites_not_found_page_but_the_apis_own_404s_pass(resources, distribution):
    """S3 answers 403 for a missing key when its reader may not list the bucket; only that code is
    replaced, so an unknown status link still gets the function's own 404 page."""
    assert distribution["CustomErrorResponses"] == [
        {"ErrorCode": 403, "ResponseCode": 404, "ResponsePagePath": "/404.html", "ErrorCachingMinTTL": 60}]
    policy = json.dumps(resources["SiteBucketPolicy"]["Properties"]["PolicyDocument"])
    assert "s3:ListBucket" not in policy


def test_every_answer_carries_the_security_headers(resources, distribution):
    site = resources["SiteHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    assert distribution["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] == {"Ref": "SiteHeaders"}
    assert distribution["CacheBehaviors"][0]["ResponseHeadersPolicyId"] == {"Ref": "ApiHeaders"}
    security = site["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp and " * " not in f" {csp} " and "sha256-" not in csp
    assert directives["connect-src"] == ("'self' https://${AttachmentsBucket.DomainName} "
                                         "https://${AttachmentsBucket.RegionalDomainName}")
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 365 * 24 * 3600
    assert security["ContentTypeOptions"]["Override"] and security["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
    [custom] = site["CustomHeadersConfig"]["Items"]
    assert custom["Header"] == "Permissions-Policy" and "camera=()" in custom["Value"]
    api = resources["ApiHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert not api["ContentSecurityPolicy"]["Override"]  # the functions' own, stricter policy stays


def test_the_site_address_is_the_catalogues_and_only_used_with_a_certificate(resources, distribution):
    assert distribution["Aliases"] == {"Fn::If": ["HasCertificate", ["service.landkreis-hainbach.de"],
                                                  {"Ref": "AWS::NoValue"}]}
    variables = resources["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["CIVICAT_PUBLIC_API_URL"] == "https://service.landkreis-hainbach.de/api"
    assert variables["CIVICAT_MAIL_FROM"] == {"Fn::Sub": "Landkreis Hainbach <${MailSender}@${MailDomain}>"}


def test_alarms_watch_failed_mails_server_errors_and_the_retry_runs(resources):
    alarms = {name: r["Properties"] for name, r in resources.items() if r["Type"] == "AWS::CloudWatch::Alarm"}
    assert set(alarms) == {"NotificationsFailingAlarm", "Api5xxAlarm", "RetryRunsFailingAlarm",
                           "SignatureChecksFailingAlarm"}
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}] for a in alarms.values())
    five = alarms["Api5xxAlarm"]
    assert (five["Namespace"], five["MetricName"], five["Statistic"]) == ("AWS/ApiGateway", "5XXError", "Average")
    assert {d["Name"]: d["Value"] for d in five["Dimensions"]}["ApiName"] == resources["RestAPI"]["Properties"]["Name"]
    mails = alarms["NotificationsFailingAlarm"]
    for function in ("APIHandler", "RetryPendingNotifications", "CheckSignature"):
        metric = resources[f"{function}NotificationFailures"]["Properties"]
        assert metric["LogGroupName"] == {"Ref": f"{function}LogGroup"}
        [transformation] = metric["MetricTransformations"]
        assert (transformation["MetricNamespace"], transformation["MetricName"]) == (mails["Namespace"], mails["MetricName"])
        group = resources[f"{function}LogGroup"]["Properties"]
        assert group["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{{function}}}"}


def test_the_failed_mail_filter_matches_the_line_the_functions_write(resources):
    """The metric filter's pattern against a real log line of a failed mail (test_json_logs makes
    the functions write one): a renamed field would silence the alarm."""
    pattern = resources["APIHandlerNotificationFailures"]["Properties"]["FilterPattern"]
    match = re.fullmatch(r'\{ \$\.(\w+) = "([^"]+)" \}', pattern)
    assert match, pattern
    sys.path.insert(0, str(REPO / "functions"))
    import logging

    from chalicelib import jsonlog

    record = logging.LogRecord("civicat.notify", logging.WARNING, __file__, 1, "notification failed", (), None)
    record.fields = {"event": "notification_failed", "kind": "office"}
    line = json.loads(jsonlog.JsonFormatter().format(record))
    assert line[match.group(1)] == match.group(2)
    source = (REPO / "functions/chalicelib/notify/delivery.py").read_text()
    assert f'"{match.group(1)}": "{match.group(2)}"' in source


def test_dkim_records_and_the_places_to_point_dns_at_are_outputs(template):
    outputs = template["Outputs"]
    assert {"SiteBucketName", "DistributionId", "DistributionDomainName", "StaffApiUrl"} <= set(outputs)
    assert [k for k in outputs if k.startswith("DkimRecord")] == ["DkimRecord1", "DkimRecord2", "DkimRecord3"]


def test_a_site_in_a_folder_of_another_site_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="host name of its own"):
        stack.merge_template({"Resources": {}}, "https://www.example.de/service/", "X", {"Statement": []})
    with pytest.raises(ValueError, match="https://"):
        stack.merge_template({"Resources": {}}, "http://service.example.de/", "X", {"Statement": []})
