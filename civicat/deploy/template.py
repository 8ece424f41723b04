"""The CloudFormation merged into ``chalice package``'s template: one stack for everything.

Chalice writes the functions (API handler, the 5-minute retry schedule, the signature checker,
their roles, the REST API with stage ``api``). This adds, from ``functions/resources.json`` and
from here:

- the data: the DynamoDB table (TTL, point-in-time recovery) and the attachments bucket, named
  for the stack (bucket names are global; two districts cannot both own "civicat-attachments"),
  and the signature checker's layer;
- each function's configuration and least-privilege policy pointing at those names
  (``configure_functions``, after Chalice), and SES: the sending domain as an identity with DKIM,
  and sending allowed only from its one address;
- the site: a private bucket read by CloudFront through origin access control, HTTPS only, the
  response headers of ``headers.py``, compression, the folder-address function
  (``viewer-request.js``), ``/api/*`` to API Gateway on the same origin, the not-found page;
- operations: log groups with a retention, alarms (failed notifications, 5xx answers of the API,
  failing retry runs) to an SNS topic that mails whoever ``AlarmEmail`` names.

**How /api lines up.** API Gateway serves the stage ``api`` under ``/api/…``:
``/api/forms/{form_id}`` on the API's host is the route ``/forms/{form_id}``. CloudFront passes
the path on unchanged, so the ``/api/*`` behaviour has *no* origin path; the site and the API
share one origin, and the pages post to ``/api`` as they do under ``civicat serve``.

**Not found.** S3 answers 403 for a missing key when the reader may not list the bucket (CloudFront
may only read objects). Only that 403 becomes the site's not-found page (``/404.html``, status
404); the API's own 404 answers (an unknown form, a wrong status link) reach the browser unchanged.
"""

from __future__ import annotations

import copy
import json
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import headers

API_STAGE = "api"
"""Chalice's ``api_gateway_stage`` of both stages in functions/.chalice/config.json."""
API_PATH = "/api/*"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
"""AWS's managed cache policy: honours Cache-Control (1 s to 1 year), gzip and brotli in the key."""
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
"""AWS's managed cache policy with every TTL 0: nothing under /api is ever cached."""
API_HEADERS = ["Accept", "Accept-Language", "Content-Type", "Origin",
               "Access-Control-Request-Method", "Access-Control-Request-Headers"]
"""What the functions read from a request (besides the body, the query string and the
X-Forwarded-For that CloudFront always sends). Not Host: API Gateway finds its API by its own
host name and would answer 403 to the site's. Not Authorization: staff use the API's own address."""
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
ATTACHMENTS_NAME = {"Fn::Join": ["-", ["civicat", {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]},
                                          "attachments"]]}
"""The attachments bucket's name, made from the stack's id rather than left to CloudFormation: the
bucket notifies the signature checker, so a function that named it by reference would depend on
the bucket that depends on the function (a cycle CloudFormation refuses)."""
LOG_RETENTION_DAYS = 90


def viewer_request_code() -> str:
    return resources.files(__package__).joinpath("viewer-request.js").read_text(encoding="utf-8")


def merge_template(resources_json: dict, base_url: str, site_name: str, layers_from: str = ".") -> dict:
    """The template for ``chalice package --merge-template``: everything but what each function
    gets (``configure_functions`` adds that to Chalice's result).

    ``resources_json``: functions/resources.json (table, bucket, the signature layer and checker);
    ``base_url``: the site's public address (site.yaml); ``site_name``: the sender's display name;
    ``layers_from``: where resources.json's relative ``ContentUri`` paths start, seen from the
    folder the template is written to.
    """
    parsed = urlparse(base_url)
    if parsed.scheme != "https" or not parsed.hostname:
        raise ValueError(f"site.yaml base_url must be an https:// address to go live, got {base_url!r}")
    if parsed.path not in ("", "/"):
        raise ValueError(f"site.yaml base_url must be a host name of its own (https://service.example.de/), "
                         f"not a folder of another site: got {base_url!r}")
    host = parsed.hostname
    out: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": _parameters(host),
                           "Conditions": _conditions(), "Resources": {}, "Outputs": {}}
    res = out["Resources"]
    for name, resource in copy.deepcopy(resources_json["Resources"]).items():
        res[name] = resource
        properties = resource.get("Properties", {})
        if isinstance(properties.get("ContentUri"), str) and not properties["ContentUri"].startswith("s3://"):
            properties["ContentUri"] = posixpath.normpath(posixpath.join(layers_from, properties["ContentUri"]))
        if resource.get("Type") == "AWS::Serverless::LayerVersion" and "LayerName" in properties:
            properties["LayerName"] = {"Fn::Sub": f"${{AWS::StackName}}-{properties['LayerName']}"}
    res["SubmissionsTable"]["Properties"].pop("TableName", None)
    bucket = res["AttachmentsBucket"]["Properties"]
    bucket["BucketName"] = ATTACHMENTS_NAME
    for rule in bucket.get("CorsConfiguration", {}).get("CorsRules", []):
        rule["AllowedOrigins"] = [f"https://{host}"]
    # Added to what resources.json says of the API (the Open311 catch-all's path parameter), not instead of it.
    res.setdefault("RestAPI", {}).setdefault("Properties", {}).update(
        {"Name": {"Fn::Sub": "${AWS::StackName}-forms"}, "EndpointConfiguration": "REGIONAL"})
    res.update(_mail())
    res.update(_site(host))
    res.update(_alarms())
    out["Outputs"] = _outputs(host)
    return out


def configure_functions(template: dict, base_url: str, site_name: str, policy: dict) -> dict:
    """Every function of Chalice's template (whatever the app declares) gets this stack's
    configuration, its role the written policy on this stack's resources, and its logs a group
    with a retention and the failed-mail metric. Changes ``template`` and returns it."""
    host = urlparse(base_url).hostname
    environment = {
        "CIVICAT_STORE": {"Fn::Sub": "dynamodb://${SubmissionsTable}"},
        "CIVICAT_UPLOADS": {"Fn::Sub": ["s3://${Bucket}/uploads/", {"Bucket": ATTACHMENTS_NAME}]},
        "CIVICAT_NOTIFIER": "ses",
        "CIVICAT_MAIL_FROM": {"Fn::Sub": f"{_quote_name(site_name)} <${{MailSender}}@${{MailDomain}}>"},
        "CIVICAT_SITE_URL": f"https://{host}/",
        "CIVICAT_PUBLIC_API_URL": f"https://{host}/{API_STAGE}",
        "CIVICAT_TRUSTED_PROXIES": "1",
        # Salts the pseudonymised client addresses of the rate limit: unique to the stack and not
        # public, unlike the built-in default.
        "CIVICAT_SECRET": {"Fn::Sub": "${AWS::StackId}"},
        # Recordings for devices without a voice: Polly reads the pages CloudFront serves, the
        # attachments bucket keeps what it said (chalicelib/speech).
        "CIVICAT_SPEECH": "polly",
        "CIVICAT_SPEECH_PAGES": {"Fn::Sub": "s3://${SiteBucket}/"},
        "CIVICAT_SPEECH_CACHE": {"Fn::Sub": ["s3://${Bucket}/speech/", {"Bucket": ATTACHMENTS_NAME}]},
    }
    res = template["Resources"]
    functions = sorted(name for name, r in res.items() if r.get("Type") == "AWS::Serverless::Function")
    for function in functions:
        properties = res[function]["Properties"]
        properties.setdefault("Environment", {}).setdefault("Variables", {}).update(copy.deepcopy(environment))
        role = properties.get("Role", {}).get("Fn::GetAtt", [None])[0]
        if role in res and res[role].get("Type") == "AWS::IAM::Role":
            res[role]["Properties"]["Policies"] = [{"PolicyName": f"{function}Policy", "PolicyDocument": _policy(policy)}]
        res[f"{function}LogGroup"] = {
            "Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete",
            "Properties": {"LogGroupName": {"Fn::Sub": f"/aws/lambda/${{{function}}}"},
                           "RetentionInDays": {"Ref": "LogRetentionDays"}}}
        res[f"{function}NotificationFailures"] = _failure_filter(function)
    if "CheckSignature" in res:
        res["SignatureChecksFailingAlarm"] = _alarm(
            "The signature checker failed 3 times or more in an hour (citizens' PDFs stay 'being checked'; "
            "a submission that requires a signature checks the file itself)",
            Namespace="AWS/Lambda", MetricName="Errors", Statistic="Sum", Period=3600,
            Dimensions=[{"Name": "FunctionName", "Value": {"Ref": "CheckSignature"}}],
            ComparisonOperator="GreaterThanOrEqualToThreshold", Threshold=3, EvaluationPeriods=1)
    return template


def _quote_name(name: str) -> str:
    """A display name as a mail header wants it; ``${`` would be read by Fn::Sub."""
    name = name.replace("\\", "").replace('"', "").replace("${", "$ {")
    return f'"{name}"' if any(c in name for c in ',;:<>@()[]') else name


def _parameters(host: str) -> dict:
    return {
        "CertificateArn": {
            "Type": "String", "Default": "",
            "AllowedPattern": r"^$|^arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$",
            "Description": f"ACM certificate for {host}, in us-east-1 (CloudFront takes no other region). "
                           "Empty: the site answers only on its *.cloudfront.net address."},
        "MailDomain": {"Type": "String", "Default": host, "AllowedPattern": r"^[a-z0-9.-]+\.[a-z]{2,}$",
                       "Description": "Domain the mails come from; SES signs them (DKIM records in the outputs)."},
        "MailSender": {"Type": "String", "Default": "noreply", "AllowedPattern": r"^[a-z0-9._+-]+$",
                       "Description": "Local part of the sender address (noreply@MailDomain)."},
        "AlarmEmail": {"Type": "String", "Default": "",
                       "Description": "Who gets the alarms (confirm the first mail from AWS). Empty: no mail."},
        "LogRetentionDays": {"Type": "Number", "Default": LOG_RETENTION_DAYS,
                             "AllowedValues": [7, 14, 30, 60, 90, 180, 365],
                             "Description": "How long the functions' logs are kept."},
    }


def _conditions() -> dict:
    return {"HasCertificate": {"Fn::Not": [{"Fn::Equals": [{"Ref": "CertificateArn"}, ""]}]},
            "HasAlarmEmail": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]}}


def _policy(written: dict) -> dict:
    """The written policy's actions, each statement on this stack's resources only."""
    resources_by_sid = {
        "SubmissionsTable": [{"Fn::GetAtt": ["SubmissionsTable", "Arn"]},
                             {"Fn::Sub": "${SubmissionsTable.Arn}/index/*"}],
        "Attachments": {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/uploads/*", {"Bucket": ATTACHMENTS_NAME}]},
        # Polly has no resources of its own for SynthesizeSpeech; its lexicons' ARN pattern is how
        # its documentation restricts the action to one account and region.
        "Speech": {"Fn::Sub": "arn:${AWS::Partition}:polly:${AWS::Region}:${AWS::AccountId}:lexicon/*"},
        "SpeechPages": {"Fn::Sub": "${SiteBucket.Arn}/*"},
        "SpeechCache": {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/speech/*", {"Bucket": ATTACHMENTS_NAME}]},
        "Seals": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:civicat/seal/*"},
        "Mail": {"Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"},
        "Logs": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
                            "/aws/lambda/${AWS::StackName}-*"},
    }
    statements = []
    for statement in written["Statement"]:
        sid = statement["Sid"]
        if sid not in resources_by_sid:
            raise ValueError(f"policy-prod.json: statement {sid!r} has no counterpart in civicat/deploy/template.py")
        one = {**statement, "Resource": resources_by_sid[sid]}
        if sid == "Mail":  # any recipient (identities are checked for recipients in the sandbox) …
            one["Condition"] = {"StringEquals": {"ses:FromAddress": {"Fn::Sub": "${MailSender}@${MailDomain}"}}}
        statements.append(one)  # … but only ever from the site's own address
    return {"Version": written.get("Version", "2012-10-17"), "Statement": statements}


def _failure_filter(function: str) -> dict:
    """Every failed attempt to send a mail is one JSON log line ``"event": "notification_failed"``."""
    return {"Type": "AWS::Logs::MetricFilter", "Properties": {
        "LogGroupName": {"Ref": f"{function}LogGroup"},
        "FilterPattern": '{ $.event = "notification_failed" }',
        "MetricTransformations": [{"MetricNamespace": {"Fn::Sub": "civicat/${AWS::StackName}"},
                                   "MetricName": "NotificationFailed", "MetricValue": "1", "Unit": "Count"}]}}


def _mail() -> dict:
    return {"MailIdentity": {"Type": "AWS::SES::EmailIdentity", "Properties": {
        "EmailIdentity": {"Ref": "MailDomain"},
        "DkimSigningAttributes": {"NextSigningKeyLength": "RSA_2048_BIT"},
        "FeedbackAttributes": {"EmailForwardingEnabled": True}}}}


def _site(host: str) -> dict:
    site_origin, api_origin = "site", "api"
    return {
        "SiteBucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete",
                       "Properties": {
                           "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                           "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                                              "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
                           "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                               # SSE-S3: the ETag stays the file's MD5, which the upload compares
                               {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}},
        "SiteBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "SiteBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "CloudFrontReadsFiles", "Effect": "Allow",
                 "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
                 "Resource": {"Fn::Sub": "${SiteBucket.Arn}/*"},
                 "Condition": {"StringEquals": {"AWS:SourceArn": {
                     "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}"}}}},
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [{"Fn::GetAtt": ["SiteBucket", "Arn"]}, {"Fn::Sub": "${SiteBucket.Arn}/*"}],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}},
        "SiteOriginAccessControl": {"Type": "AWS::CloudFront::OriginAccessControl", "Properties": {
            "OriginAccessControlConfig": {"Name": {"Fn::Sub": "${AWS::StackName}-site"},
                                          "OriginAccessControlOriginType": "s3",
                                          "SigningBehavior": "always", "SigningProtocol": "sigv4"}}},
        "SiteHeaders": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
            "ResponseHeadersPolicyConfig": headers.SITE.cloudformation(
                {"Fn::Sub": "${AWS::StackName}-site"}, "civicat: security headers of the site")}},
        "ApiHeaders": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
            "ResponseHeadersPolicyConfig": headers.API.cloudformation(
                {"Fn::Sub": "${AWS::StackName}-api"}, "civicat: what the API's answers lack")}},
        "ApiOriginRequests": {"Type": "AWS::CloudFront::OriginRequestPolicy", "Properties": {
            "OriginRequestPolicyConfig": {
                "Name": {"Fn::Sub": "${AWS::StackName}-api"},
                "Comment": "civicat: what the forms API reads, never the Host header",
                "HeadersConfig": {"HeaderBehavior": "whitelist", "Headers": list(API_HEADERS)},
                "QueryStringsConfig": {"QueryStringBehavior": "all"},
                "CookiesConfig": {"CookieBehavior": "none"}}}},
        "SiteFolderAddresses": {"Type": "AWS::CloudFront::Function", "Properties": {
            "Name": {"Fn::Sub": "${AWS::StackName}-folders"},
            "AutoPublish": True,
            "FunctionConfig": {"Comment": "civicat: folder addresses to index.html", "Runtime": "cloudfront-js-2.0"},
            "FunctionCode": viewer_request_code()}},
        "SiteDistribution": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
            "Enabled": True,
            "Comment": {"Fn::Sub": "${AWS::StackName}: civicat site and forms API"},
            "HttpVersion": "http2and3",
            "IPV6Enabled": True,
            "PriceClass": "PriceClass_100",
            "DefaultRootObject": "index.html",
            "Aliases": {"Fn::If": ["HasCertificate", [host], {"Ref": "AWS::NoValue"}]},
            "ViewerCertificate": {"Fn::If": [
                "HasCertificate",
                {"AcmCertificateArn": {"Ref": "CertificateArn"}, "SslSupportMethod": "sni-only",
                 "MinimumProtocolVersion": "TLSv1.2_2021"},
                {"CloudFrontDefaultCertificate": True}]},
            "Origins": [
                {"Id": site_origin, "DomainName": {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]},
                 "OriginAccessControlId": {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]},
                 "S3OriginConfig": {"OriginAccessIdentity": ""}},
                {"Id": api_origin, "DomainName": {"Fn::Sub": "${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"},
                 "OriginPath": "",
                 "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"],
                                        "HTTPSPort": 443, "OriginReadTimeout": 30}},
            ],
            "DefaultCacheBehavior": {
                "TargetOriginId": site_origin, "ViewerProtocolPolicy": "redirect-to-https",
                "AllowedMethods": ["GET", "HEAD"], "CachedMethods": ["GET", "HEAD"], "Compress": True,
                "CachePolicyId": CACHING_OPTIMIZED,
                "ResponseHeadersPolicyId": {"Ref": "SiteHeaders"},
                "FunctionAssociations": [{"EventType": "viewer-request",
                                          "FunctionARN": {"Fn::GetAtt": ["SiteFolderAddresses", "FunctionARN"]}}]},
            "CacheBehaviors": [{
                "PathPattern": API_PATH,
                "TargetOriginId": api_origin, "ViewerProtocolPolicy": "https-only",
                "AllowedMethods": list(ALL_METHODS), "CachedMethods": ["GET", "HEAD"], "Compress": True,
                "CachePolicyId": CACHING_DISABLED,
                "OriginRequestPolicyId": {"Ref": "ApiOriginRequests"},
                "ResponseHeadersPolicyId": {"Ref": "ApiHeaders"}}],
            "CustomErrorResponses": [{"ErrorCode": 403, "ResponseCode": 404, "ResponsePagePath": "/404.html",
                                      "ErrorCachingMinTTL": 60}],
        }}},
    }


def _alarm(description: str, **properties: Any) -> dict:
    topic = [{"Ref": "AlarmTopic"}]
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": {
        "AlarmDescription": description, "AlarmActions": topic, "OKActions": topic,
        "TreatMissingData": "notBreaching", **properties}}


def _alarms() -> dict:
    alarm = _alarm
    return {
        "AlarmTopic": {"Type": "AWS::SNS::Topic", "Properties": {
            "DisplayName": "civicat alarms",
            "Subscription": {"Fn::If": ["HasAlarmEmail", [{"Protocol": "email", "Endpoint": {"Ref": "AlarmEmail"}}],
                                        {"Ref": "AWS::NoValue"}]}}},
        "NotificationsFailingAlarm": alarm(
            "Mails to offices or citizens failed 3 times or more in 15 minutes (they stay queued and are "
            "retried; look for notification_failed in the functions' logs: SES sandbox, identity, quota)",
            Namespace={"Fn::Sub": "civicat/${AWS::StackName}"}, MetricName="NotificationFailed",
            Statistic="Sum", Period=900, ComparisonOperator="GreaterThanOrEqualToThreshold", Threshold=3,
            EvaluationPeriods=1),
        "Api5xxAlarm": alarm(
            "More than 5 % of the forms API's answers were server errors (5xx) in 5 minutes",
            Namespace="AWS/ApiGateway", MetricName="5XXError", Statistic="Average", Period=300,
            Dimensions=[{"Name": "ApiName", "Value": {"Fn::Sub": "${AWS::StackName}-forms"}},
                        {"Name": "Stage", "Value": API_STAGE}],
            ComparisonOperator="GreaterThanThreshold", Threshold=0.05, EvaluationPeriods=1),
        "RetryRunsFailingAlarm": alarm(
            "The 5-minute retry of pending mails failed 3 runs in a row (the queue is not being worked off)",
            Namespace="AWS/Lambda", MetricName="Errors", Statistic="Sum", Period=300,
            Dimensions=[{"Name": "FunctionName", "Value": {"Ref": "RetryPendingNotifications"}}],
            ComparisonOperator="GreaterThanOrEqualToThreshold", Threshold=1, EvaluationPeriods=3,
            DatapointsToAlarm=3),
    }


def _outputs(host: str) -> dict:
    outputs = {
        "SiteBucketName": {"Description": "civicat deploy upload --bucket", "Value": {"Ref": "SiteBucket"}},
        "DistributionId": {"Description": "civicat deploy upload --distribution", "Value": {"Ref": "SiteDistribution"}},
        "DistributionDomainName": {"Description": f"point {host} here (DNS CNAME or alias)",
                                   "Value": {"Fn::GetAtt": ["SiteDistribution", "DomainName"]}},
        "StaffApiUrl": {"Description": "staff tools sign their requests (SigV4) for this address, not the site's",
                        "Value": {"Fn::Sub": f"https://${{RestAPI}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{API_STAGE}/"}},
        "AlarmTopicArn": {"Value": {"Ref": "AlarmTopic"}},
    }
    for i in (1, 2, 3):
        outputs[f"DkimRecord{i}"] = {"Description": "CNAME record for SES DKIM",
                                     "Value": {"Fn::Sub": f"${{MailIdentity.DkimDNSTokenName{i}}} CNAME "
                                                          f"${{MailIdentity.DkimDNSTokenValue{i}}}"}}
    return outputs


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
