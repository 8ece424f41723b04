"""What the AWS installation costs a month, from AWS list prices and stated assumptions.

``civicat deploy costs`` prints the table the README's "Going live" chapter shows; change the
volumes with its options. The prices are AWS's published on-demand list prices for
eu-central-1 (Frankfurt) in US dollars, without taxes, as of ``PRICES_AS_OF``; AWS changes them
now and then, so check them in the AWS Pricing Calculator before a budget depends on them. The
always-free allowances (CloudFront, Lambda, CloudWatch) are shown as a second total.
"""

from __future__ import annotations

from dataclasses import dataclass

PRICES_AS_OF = "2025-06"
REGION = "eu-central-1"

PRICES = {
    "lambda_request": 0.20 / 1e6,            # per request
    "lambda_gb_second": 0.0000166667,        # x86, per GB-second
    "api_request": 3.70 / 1e6,               # REST API, first 333 million a month
    "dynamodb_write": 0.7625 / 1e6,          # on-demand, per write request unit
    "dynamodb_read": 0.1525 / 1e6,           # on-demand, per read request unit
    "dynamodb_storage_gb": 0.306,            # per GB-month
    "dynamodb_pitr_gb": 0.2448,              # continuous backups, per GB-month
    "s3_storage_gb": 0.0245,                 # S3 Standard, per GB-month
    "s3_put": 0.0054 / 1000,                 # PUT, POST, LIST
    "s3_get": 0.00043 / 1000,
    "cloudfront_gb": 0.085,                  # data out to Europe, first 10 TB
    "cloudfront_request": 0.0120 / 10000,    # HTTPS requests, Europe
    "cloudfront_function": 0.10 / 1e6,
    "ses_mail": 0.10 / 1000,
    "logs_ingest_gb": 0.63,
    "secret": 0.40,                          # Secrets Manager, per secret-month
    "secret_call": 0.05 / 10000,
    "alarm": 0.10,                           # standard resolution, per alarm-month
    "custom_metric": 0.30,                   # per metric-month
}
FREE = {  # always free each month (not the 12-month trial offers)
    "lambda_request": 1_000_000, "lambda_gb_second": 400_000, "cloudfront_gb": 1024,
    "cloudfront_request": 10_000_000, "cloudfront_function": 2_000_000, "logs_ingest_gb": 5,
    "alarm": 10, "custom_metric": 10,
}


RESOURCE_COSTS = {
    "AWS::Serverless::Function": "Lambda",
    "AWS::Serverless::Api": "API Gateway (REST)",
    "AWS::DynamoDB::Table": "DynamoDB",
    "AWS::S3::Bucket": "S3 attachments",  # and "S3 site"
    "AWS::CloudFront::Distribution": "CloudFront",
    "AWS::CloudFront::Function": "CloudFront Functions",
    "AWS::SES::EmailIdentity": "SES",
    "AWS::Logs::LogGroup": "CloudWatch",
    "AWS::Logs::MetricFilter": "CloudWatch",
    "AWS::CloudWatch::Alarm": "CloudWatch",
    # No charge of their own:
    "AWS::Serverless::LayerVersion": None,  # kept within Lambda's free 75 GB of code storage
    "AWS::IAM::Role": None,
    "AWS::Lambda::Permission": None,
    "AWS::S3::BucketPolicy": None,
    "AWS::CloudFront::OriginAccessControl": None,
    "AWS::CloudFront::ResponseHeadersPolicy": None,
    "AWS::CloudFront::OriginRequestPolicy": None,
    "AWS::SNS::Topic": None,  # alarm mails: the first 1,000 a month are free
}
"""Each kind of resource in the stack and the line of the estimate that counts it."""


@dataclass(frozen=True)
class Usage:
    """The assumptions; each default is explained where it is used in ``estimate``."""

    submissions: int = 10_000
    visits: int = 150_000
    pages_per_visit: float = 3.0
    first_page_kb: float = 45.0        # HTML and the styles and scripts a first page loads, gzip
    next_page_kb: float = 10.0         # HTML and open-now data; the rest is in the browser's cache
    requests_per_visit: float = 20.0
    searching_share: float = 0.3       # visits that search load Material's script and the index
    search_kb: float = 140.0
    api_calls_per_submission: float = 4.0   # the post, a refused first try, the status page, staff
    mails_per_submission: float = 2.2       # office, most citizens' confirmations, some answers
    attachment_share: float = 0.2
    attachment_mb: float = 2.0
    kept_months: float = 12.0               # how long submissions and files stay (retention)
    item_kb: float = 3.0
    deployments: int = 40                   # nightly rebuilds and some daytime changes
    files_per_deployment: int = 250
    edge_refills: int = 100_000             # files CloudFront reads again from S3 (expired, invalidated)
    sealing_keys: int = 1                   # offices that seal their answers (a secret each)
    check_seconds: float = 1.5              # a signature check at 1 GB, pyHanko's first import included


def estimate(usage: Usage = Usage()) -> list[tuple[str, str, float, float]]:
    """``(service, what is counted, list price, after the always-free allowances)`` per line."""
    u = usage
    api_calls = u.submissions * u.api_calls_per_submission
    schedule_runs = 12 * 24 * 30  # the retry schedule, every 5 minutes
    invocations = api_calls + schedule_runs
    files = u.submissions * u.attachment_share
    # 512 MB: 150 ms a request, 100 ms a retry run; 1 GB for each uploaded file's signature check
    gb_seconds = api_calls * 0.15 * 0.5 + schedule_runs * 0.1 * 0.5 + files * u.check_seconds * 1.0
    invocations += files
    writes = u.submissions * 20  # the transaction of two items, the rate limit, mail states, staff changes
    reads = u.submissions * 20
    stored_gb = u.submissions * u.kept_months * u.item_kb / 1e6
    files_gb = files * u.attachment_mb * u.kept_months / 1000
    transfer_gb = u.visits * (u.first_page_kb + (u.pages_per_visit - 1) * u.next_page_kb
                              + u.searching_share * u.search_kb) / 1e6
    requests = u.visits * u.requests_per_visit
    mails = u.submissions * u.mails_per_submission
    site_puts = u.deployments * (u.files_per_deployment + 2)  # the files, a listing, the invalidation's check
    lines = [
        ("Lambda", f"{invocations:,.0f} invocations, {gb_seconds:,.0f} GB-seconds",
         [("lambda_request", invocations), ("lambda_gb_second", gb_seconds)]),
        ("API Gateway (REST)", f"{api_calls:,.0f} requests", [("api_request", api_calls)]),
        ("DynamoDB", f"{writes:,.0f} writes, {reads:,.0f} reads", [("dynamodb_write", writes), ("dynamodb_read", reads)]),
        ("DynamoDB", f"{stored_gb:.2f} GB stored, with point-in-time recovery",
         [("dynamodb_storage_gb", stored_gb), ("dynamodb_pitr_gb", stored_gb)]),
        ("S3 attachments", f"{files_gb:.0f} GB kept, {files:,.0f} uploads",
         [("s3_storage_gb", files_gb), ("s3_put", files), ("s3_get", 2 * files)]),
        ("S3 site", f"{site_puts:,} writes, {u.edge_refills:,} reads by CloudFront",
         [("s3_put", site_puts), ("s3_get", u.edge_refills)]),
        ("CloudFront", f"{transfer_gb:.0f} GB to visitors, {requests:,.0f} requests",
         [("cloudfront_gb", transfer_gb), ("cloudfront_request", requests)]),
        ("CloudFront Functions", f"{requests:,.0f} runs", [("cloudfront_function", requests)]),
        ("SES", f"{mails:,.0f} mails", [("ses_mail", mails)]),
        ("Secrets Manager", f"{u.sealing_keys} sealing key(s)",
         [("secret", u.sealing_keys), ("secret_call", u.submissions)]),
        ("CloudWatch", "logs (about 1 KB a request), 4 alarms, 1 metric",
         [("logs_ingest_gb", invocations / 1e6), ("alarm", 4), ("custom_metric", 1)]),
    ]
    return [(service, what, round(sum(PRICES[key] * amount for key, amount in counted), 2),
             round(sum(PRICES[key] * max(amount - FREE.get(key, 0), 0) for key, amount in counted), 2))
            for service, what, counted in lines]


def markdown(usage: Usage = Usage()) -> str:
    rows = estimate(usage)
    out = ["| service | counted per month | list price (USD) | after always-free (USD) |",
           "|---|---|---:|---:|"]
    out += [f"| {service} | {what} | {cost:.2f} | {after:.2f} |" for service, what, cost, after in rows]
    out.append(f"| **total** | | **{sum(r[2] for r in rows):.2f}** | **{sum(r[3] for r in rows):.2f}** |")
    return "\n".join(out) + "\n"
