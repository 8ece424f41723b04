"""Fixtures of the going-live tests: the stack's template as ``civicat deploy package`` writes it
for the demo district (Chalice runs offline on a copy of functions/, so the repository's bundled
contract is never touched)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import emulated_aws
from tests.conftest import REPO
from tests.emulated_aws import moto_url  # noqa: F401 — the session's AWS emulator (S3, CloudFront)


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    """The output folder: ``sam.json``, ``deployment.zip`` and the merge template."""
    root = tmp_path_factory.mktemp("deploy")
    functions = root / "functions"
    shutil.copytree(REPO / "functions", functions,
                    ignore=shutil.ignore_patterns("__pycache__", "deployments", "var", "out"))
    from civicat.deploy.package import package

    package(REPO / "catalogue", functions, root / "out")
    return root / "out"


@pytest.fixture(scope="session")
def template(packaged) -> dict:
    return json.loads((packaged / "sam.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def resources(template) -> dict:
    return template["Resources"]


@pytest.fixture(scope="session")
def distribution(resources) -> dict:
    return resources["SiteDistribution"]["Properties"]["DistributionConfig"]


@pytest.fixture
def aws(moto_url, monkeypatch):
    """Fresh emulated S3 and CloudFront with the credentials and region a deployment would have;
    returns ``(s3 client, cloudfront client, moto url)``."""
    emulated_aws.reset(moto_url, monkeypatch)
    s3 = emulated_aws.client("s3", moto_url)
    cloudfront = emulated_aws.client("cloudfront", moto_url)
    yield s3, cloudfront, moto_url
    s3.close()
    cloudfront.close()


@pytest.fixture(scope="session")
def edge(demo_build, resources, tmp_path_factory):
    """``(address, site folder)``: the demo site and the functions behind one origin, served with
    the stack's response headers and not-found page (tests/deploy/edge.py)."""
    from .edge import running_edge

    site, catalogue = demo_build
    with running_edge(site, catalogue, resources, tmp_path_factory.mktemp("edge")) as url:
        yield url, site
