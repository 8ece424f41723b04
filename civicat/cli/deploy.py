"""``civicat deploy package``, ``upload`` and ``costs``: going live on AWS (README, "Going live")."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _package(args: argparse.Namespace) -> int:
    from ..catalogue import CatalogueError
    from ..deploy.package import PackageError, package

    try:
        path = package(Path(args.catalogue), Path(args.functions), Path(args.out), args.region)
    except CatalogueError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (PackageError, ValueError) as exc:
        print(f"civicat deploy package: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} and {path.parent / 'deployment.zip'} — next: aws cloudformation package and deploy "
          "(README, \"Going live\")")
    return 0


def _upload(args: argparse.Namespace) -> int:
    import boto3

    from ..deploy.caching import UnknownFileType
    from ..deploy.upload import UploadError, deploy

    session = boto3.session.Session(region_name=args.region)
    bucket, distribution = args.bucket, args.distribution
    if args.stack:
        outputs = {o["OutputKey"]: o["OutputValue"] for o in session.client("cloudformation").describe_stacks(
            StackName=args.stack)["Stacks"][0].get("Outputs", [])}
        bucket = bucket or outputs.get("SiteBucketName")
        distribution = distribution or outputs.get("DistributionId")
    if not bucket:
        print("civicat deploy upload: give --bucket, or --stack with the stack civicat deploy package made",
              file=sys.stderr)
        return 2
    s3 = session.client("s3", endpoint_url=args.endpoint_url)
    cloudfront = session.client("cloudfront", endpoint_url=args.endpoint_url) if distribution else None
    try:
        result = deploy(Path(args.site), bucket, s3, cloudfront, distribution, dry_run=args.dry_run)
    except (UploadError, UnknownFileType) as exc:
        print(f"civicat deploy upload: {exc}", file=sys.stderr)
        return 1
    prefix = "would have: " if args.dry_run else ""
    print(f"{prefix}{result.summary()}")
    for path in result.invalidated if args.dry_run else []:
        print(f"  invalidate {path}")
    return 0


def _costs(args: argparse.Namespace) -> int:
    from ..deploy.costs import PRICES_AS_OF, REGION, Usage, markdown

    print(f"AWS list prices, {REGION}, as of {PRICES_AS_OF}, US dollars without taxes — check them in the AWS "
          "Pricing Calculator before a budget depends on them.\n")
    print(markdown(Usage(submissions=args.submissions, visits=args.visits)), end="")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deploy", help="package the AWS stack, upload a built site")
    inner = p.add_subparsers(dest="deploy_command", required=True, metavar="STEP")

    q = inner.add_parser("package", help="write the CloudFormation template of the whole installation (offline)")
    q.add_argument("--catalogue", default="catalogue", help="catalogue folder (default: catalogue)")
    q.add_argument("--functions", default="functions", help="civicat's functions/ folder (default: functions)")
    q.add_argument("--out", default=".deploy", help="folder for sam.json and deployment.zip (default: .deploy)")
    q.add_argument("--region", default="eu-central-1", help="AWS region of the stack (default: eu-central-1)")
    q.set_defaults(func=_package)

    q = inner.add_parser("upload", help="put a built site into its bucket: changed files only, then one invalidation")
    q.add_argument("site", nargs="?", default="site", help="the folder civicat build wrote (default: site)")
    q.add_argument("--stack", help="read the bucket and distribution from this stack's outputs")
    q.add_argument("--bucket", help="the site bucket (stack output SiteBucketName)")
    q.add_argument("--distribution", help="the CloudFront distribution id (stack output DistributionId)")
    q.add_argument("--region", default=None, help="AWS region (default: from the environment)")
    q.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    q.add_argument("--endpoint-url", default=None, help=argparse.SUPPRESS)  # an S3/CloudFront emulator
    q.set_defaults(func=_upload)

    q = inner.add_parser("costs", help="what the installation costs a month at AWS list prices")
    q.add_argument("--submissions", type=int, default=10_000, help="form submissions a month (default: 10000)")
    q.add_argument("--visits", type=int, default=150_000, help="visits to the site a month (default: 150000)")
    q.set_defaults(func=_costs)
