"""``civicat deploy upload`` against S3 and CloudFront (moto in server mode, over HTTP): every
file arrives with the type and cache lifetime a browser needs, a deployment without changes
writes nothing, and CloudFront is told to forget only what changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import time

import pytest

from civicat.cli import main
from tests.conftest import BUILD_DAY, REPO

pytestmark = [pytest.mark.aws, pytest.mark.slow]

BUCKET = "hainbach-site"
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".map": "application/json",
         ".png": "image/png", ".xml": "application/xml", ".gz": "application/gzip",
         ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
         ".ics": "text/calendar; charset=utf-8", ".ttl": "text/turtle; charset=utf-8",
         ".jsonld": "application/ld+json"}
"""What a browser must be told for each kind of file the demo build holds (written out here, not
read from the module under test)."""
YEAR = "public, max-age=31536000, immutable"
FIVE_MINUTES = "public, max-age=300, s-maxage=86400"
MATERIAL_FINGERPRINT = re.compile(r"^(main|palette|bundle|search)\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")


@pytest.fixture
def site(demo_build, tmp_path):
    """A copy of the demo build that a test may change."""
    copy = tmp_path / "site"
    shutil.copytree(demo_build[0], copy)
    return copy


@pytest.fixture
def distribution(aws):
    s3, cloudfront, _ = aws
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    origin = f"{BUCKET}.s3.eu-central-1.amazonaws.com"
    answer = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "civicat-test", "Comment": "test", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": origin,
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}})
    return answer["Distribution"]["Id"]


def upload(site, aws, distribution, *extra) -> tuple[int, str]:
    _, _, url = aws
    return main(["deploy", "upload", str(site), "--bucket", BUCKET, "--distribution", distribution,
                 "--region", "eu-central-1", "--endpoint-url", url, *extra])


def objects(s3) -> dict[str, dict]:
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            found[item["Key"]] = item
    return found


def invalidations(cloudfront, distribution) -> list[list[str]]:
    items = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"].get("Items", [])
    return [cloudfront.get_invalidation(DistributionId=distribution, Id=i["Id"])["Invalidation"]
            ["InvalidationBatch"]["Paths"].get("Items", []) for i in items]


def test_every_file_arrives_with_its_type_and_cache_lifetime(site, aws, distribution, capsys):
    s3, cloudfront, _ = aws
    assert upload(site, aws, distribution) == 0
    assert "uploaded" in capsys.readouterr().out

    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    stored = objects(s3)
    assert set(stored) - {".civicat/upload-rules"} == set(files)
    fingerprinted = 0
    for key, path in files.items():
        head = s3.head_object(Bucket=BUCKET, Key=key)
        suffix = "." + key.rsplit(".", 1)[-1]
        assert head["ContentType"] == TYPES[suffix], key
        assert head["ETag"].strip('"') == hashlib.md5(path.read_bytes()).hexdigest(), key
        name = key.rsplit("/", 1)[-1]
        if MATERIAL_FINGERPRINT.match(name):
            fingerprinted += 1
            assert head["CacheControl"] == YEAR, key
        else:
            assert head["CacheControl"] == FIVE_MINUTES, key
    assert fingerprinted >= 3 * 3  # Material's css, bundle and search worker in each language
    assert any(k.startswith("de/hours/") and k.endswith(".json") for k in files)  # open-now data: short
    assert invalidations(cloudfront, distribution) == []  # nothing was there to be cached before


def test_a_second_deployment_without_changes_writes_nothing(site, aws, distribution, capsys):
    s3, cloudfront, _ = aws
    assert upload(site, aws, distribution) == 0
    before = {k: (o["ETag"], o["LastModified"]) for k, o in objects(s3).items()}
    capsys.readouterr()
    time.sleep(1.1)  # a rewritten object would get a later LastModified

    assert upload(site, aws, distribution) == 0

    assert capsys.readouterr().out.strip() == f"uploaded 0, deleted 0, unchanged {len(before) - 1}"
    assert {k: (o["ETag"], o["LastModified"]) for k, o in objects(s3).items()} == before
    assert invalidations(cloudfront, distribution) == []


def test_a_changed_page_is_uploaded_and_invalidated_a_gone_one_deleted_a_new_one_only_uploaded(
        site, aws, distribution, capsys):
    s3, cloudfront, _ = aws
    assert upload(site, aws, distribution) == 0
    page = site / "de/leistungen/hundesteuer/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Hundesteuer", "Hundesteuer (neu)"), encoding="utf-8")
    (site / "en/kontakt/index.html").unlink()
    (site / "de/hours/neues-amt.json").write_text("{}", encoding="utf-8")
    capsys.readouterr()

    assert upload(site, aws, distribution) == 0

    assert capsys.readouterr().out.startswith("uploaded 2, deleted 1, ")
    stored = objects(s3)
    assert "en/kontakt/index.html" not in stored and "de/hours/neues-amt.json" in stored
    body = s3.get_object(Bucket=BUCKET, Key="de/leistungen/hundesteuer/index.html")["Body"].read().decode()
    assert "Hundesteuer (neu)" in body
    assert invalidations(cloudfront, distribution) == [["/de/leistungen/hundesteuer/index.html",
                                                        "/en/kontakt/index.html"]]


def test_a_nightly_rebuild_is_invalidated_in_few_paths_that_cover_every_change(demo_build, aws, distribution, tmp_path):
    """The next day's build changes the open-now data and every page with an hours table."""
    from civicat.mkdocs.build import build_site

    first = tmp_path / "monday"
    shutil.copytree(demo_build[0], first)
    assert upload(first, aws, distribution) == 0
    second = tmp_path / "tuesday"
    build_site(REPO / "catalogue", second, languages=["de", "en", "ar"], today=BUILD_DAY + dt.timedelta(days=1),
               catalogue=demo_build[1])
    changed = {"/" + p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()
               and (not (first / p.relative_to(second)).exists()
                    or (first / p.relative_to(second)).read_bytes() != p.read_bytes())}
    assert len(changed) > 25

    assert upload(second, aws, distribution) == 0

    [paths] = invalidations(aws[1], distribution)
    assert len(paths) <= 25
    covered = lambda path: any(path == p or (p.endswith("*") and path.startswith(p[:-1])) for p in paths)  # noqa: E731
    assert [p for p in changed if not covered(p) and "/assets/" not in p] == []
    assert "/*" not in paths and any(not p.endswith("*") for p in paths)  # as exact as the limit allows


def test_new_header_rules_rewrite_every_file(site, aws, distribution, capsys):
    s3, _, _ = aws
    assert upload(site, aws, distribution) == 0
    s3.delete_object(Bucket=BUCKET, Key=".civicat/upload-rules")  # as if the rules had changed since
    capsys.readouterr()

    assert upload(site, aws, distribution) == 0

    out = capsys.readouterr().out
    assert "the header rules changed" in out
    assert re.search(r"uploaded (\d+), deleted 0, unchanged 0", out)


def test_a_folder_that_is_not_a_built_site_is_refused_and_nothing_is_deleted(site, aws, distribution, tmp_path, capsys):
    s3, _, _ = aws
    assert upload(site, aws, distribution) == 0
    count = len(objects(s3))
    wrong = tmp_path / "catalogue-by-mistake"
    wrong.mkdir()
    (wrong / "site.yaml").write_text("name: x\n", encoding="utf-8")

    assert upload(wrong, aws, distribution) == 1

    assert "no index.html" in capsys.readouterr().err
    assert len(objects(s3)) == count


def test_a_file_of_unknown_type_stops_the_upload_before_anything_is_written(site, aws, distribution, capsys):
    s3, _, _ = aws
    (site / "de" / "notes.xyz123").write_text("?", encoding="utf-8")

    assert upload(site, aws, distribution) == 1

    err = capsys.readouterr().err
    assert "de/notes.xyz123: no Content-Type is known for '.xyz123' files" in err
    assert objects(s3) == {}
